// Inputs as they arrive from the field, built with the system's tools:
// nested archives, compressed stdin, Windows UTF-16 exports, per-host
// directories whose host is named only by another log.
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kSyslog[] =
    "Nov  5 13:03:27 api01 kernel: Out of memory: Killed process 4242 (dotnet) total-vm:100kB, "
    "anon-rss:50kB, file-rss:0kB, shmem-rss:0kB\n";

constexpr char kSerilog[] =
    "2024-11-05 14:12:09.482 +01:00 [ERR] Failed to push order 88231\n"
    "System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
    " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed "
    "by the remote host.\n"
    "2024-11-05 14:12:10.001 +01:00 [INF] Retrying order 88231\n";

class IngestE2eTest : public ::testing::Test {
 protected:
  void Write(const std::string& rel, const std::string& content) {
    Sh("mkdir -p \"$(dirname '" + rel + "')\"");
    std::ofstream(dir_.path() + "/" + rel, std::ios::binary) << content;
  }
  void Sh(const std::string& cmd) {
    ASSERT_EQ(std::system(("cd '" + dir_.path() + "' && " + cmd).c_str()), 0) << cmd;
  }
  std::string db() const { return dir_.path() + "/t.db"; }
  TempDir dir_;
};

TEST_F(IngestE2eTest, ZipInsideTarGzInsideIsReadAsStreamsWithMemberNames) {
  Write("bundle/api01/messages", kSyslog);
  Sh("gzip -k bundle/api01/messages && mv bundle/api01/messages bundle/api01/messages.1");
  Sh("cd bundle && zip -qr ../b.zip . && cd .. && mkdir z && mv b.zip z/ && tar czf nested.tgz z");
  Sh("cd bundle && tar cjf ../b.tbz2 ./api01/messages.gz");
  const CommandResult r = Rstscope("import -q --db '" + db() + "' '" + dir_.path() + "/nested.tgz'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string base = dir_.path() + "/nested.tgz";
  EXPECT_EQ(Rows(db(), "SELECT name, container, status FROM sources ORDER BY id"),
            (std::vector<std::string>{
                base + "|archive|complete",
                base + "!/z/b.zip|archive|complete",
                base + "!/z/b.zip!/api01/messages.1|member|complete",
                base + "!/z/b.zip!/api01/messages.gz|member|duplicate",
            }));
  // The tar ran in the directory: "./api01/messages.gz" is named without "./".
  const CommandResult r2 = Rstscope("import -q --db '" + db() + "' '" + dir_.path() + "/b.tbz2'");
  ASSERT_EQ(r2.exit_code, 0) << r2.output;
  EXPECT_EQ(One(db(), "SELECT name FROM sources WHERE name LIKE '%b.tbz2!%'"),
            dir_.path() + "/b.tbz2!/api01/messages.gz");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM timeline WHERE kind = 'oom_kill'"), "1");
}

TEST_F(IngestE2eTest, CompressedStdin) {
  Write("in.log", kSyslog);
  Sh("xz -k in.log");
  const CommandResult r = Rstscope("import -q --db '" + db() + "' - < '" + dir_.path() + "/in.log.xz'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(One(db(), "SELECT source, line, host, process, pid FROM timeline"),
            "-|1|api01|dotnet|4242");
  EXPECT_EQ(One(db(), "SELECT container, format FROM sources"), "stdin|syslog");
}

TEST_F(IngestE2eTest, PowerShellUtf16ExportWithCrlf) {
  // Out-File in Windows PowerShell 5.1 writes UTF-16LE with a BOM.
  Write("client.log", kSerilog);
  Sh("sed 's/$/\\r/' client.log | iconv -f UTF-8 -t UTF-16 > client16.log && rm client.log");
  const CommandResult r = Rstscope("import -q --db '" + db() + "' --host client01 '" + dir_.path() +
                                   "/client16.log'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(One(db(), "SELECT encoding, format, lines FROM sources"), "utf-16le|serilog|4");
  EXPECT_EQ(Rows(db(), "SELECT ts, host, kind, line FROM timeline ORDER BY line"),
            (std::vector<std::string>{"2024-11-05T13:12:09.482Z|client01|reset|1",
                                      "2024-11-05T13:12:10.001Z|client01|other|4"}));
}

TEST_F(IngestE2eTest, DirectoryNamedAfterAHostSeenOnlyInAnotherLogGetsThatHost) {
  // "a" sorts first: its records have no host field and its directory names
  // a host that only the syslog read later mentions.
  Write("bundle/a/api01/app.log", kSerilog);
  Write("bundle/b/syslog", kSyslog);
  const CommandResult r = Rstscope("import -q --db '" + db() + "' '" + dir_.path() + "/bundle'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Rows(db(), "SELECT DISTINCT host FROM timeline ORDER BY 1"),
            (std::vector<std::string>{"api01"}));
  EXPECT_EQ(One(db(), "SELECT host_reason FROM sources WHERE name LIKE '%app.log'"),
            "path component 'api01' names a host seen in other logs");
}

TEST_F(IngestE2eTest, TimeZoneForNaiveTimestampsIsAppliedAndFlagged) {
  Write("nginx/error.log",
        "2024/03/31 01:30:00 [error] 7#7: *1 upstream prematurely closed connection while reading "
        "response header from upstream, client: 10.1.2.3, server: x, request: \"GET / HTTP/1.1\", "
        "upstream: \"http://10.0.0.21:8080/\", host: \"x\"\n"
        "2024/03/31 03:30:00 [error] 7#7: *2 upstream prematurely closed connection while reading "
        "response header from upstream, client: 10.1.2.3, server: x, request: \"GET / HTTP/1.1\", "
        "upstream: \"http://10.0.0.21:8080/\", host: \"x\"\n");
  const CommandResult r = Rstscope("import -q --db '" + db() + "' --tz Europe/Berlin '" +
                                   dir_.path() + "/nginx'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Berlin switched to summer time at 02:00 local on 2024-03-31.
  EXPECT_EQ(Rows(db(), "SELECT t.ts, t.kind, t.dst_ip, t.dst_port, d.tz_assumed FROM timeline t "
                       "JOIN event_details d USING (id) ORDER BY t.ts_us"),
            (std::vector<std::string>{"2024-03-31T00:30:00.000Z|reset|10.0.0.21|8080|1",
                                      "2024-03-31T01:30:00.000Z|reset|10.0.0.21|8080|1"}));
  EXPECT_EQ(One(db(), "SELECT tz FROM sources"), "Europe/Berlin");
}

TEST_F(IngestE2eTest, PerSourceTimeZonesByGlob) {
  // Same local time in three places (different content: identical files
  // would be imported once).
  auto line = [](int conn) {
    return "2024/11/12 10:00:00 [error] 7#7: *" + std::to_string(conn) +
           " upstream prematurely closed connection while reading response header from "
           "upstream, client: 10.1.2.3, server: x, request: \"GET / HTTP/1.1\", upstream: "
           "\"http://10.0.0.21:8080/\", host: \"x\"\n";
  };
  Write("bundle/ny01/error.log", line(1));
  Write("bundle/de01/error.log", line(2));
  Write("bundle/utc01/error.log", line(3));
  const CommandResult r = Rstscope("import -q --db '" + db() + "' --tz '*/ny01/*=America/New_York' "
                                   "--tz '*/de01/*=Europe/Berlin' --tz UTC '" + dir_.path() +
                                   "/bundle'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Rows(db(), "SELECT substr(t.source, instr(t.source, 'bundle/') + 7), t.ts, s.tz FROM timeline t "
                       "JOIN sources s ON s.name = t.source ORDER BY t.ts_us"),
            (std::vector<std::string>{"de01/error.log|2024-11-12T09:00:00.000Z|Europe/Berlin",
                                      "utc01/error.log|2024-11-12T10:00:00.000Z|UTC",
                                      "ny01/error.log|2024-11-12T15:00:00.000Z|America/New_York"}));
  const CommandResult bad = Rstscope("import -q --db '" + db() + "' --tz '=UTC' x");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("--tz =UTC: expected ZONE or GLOB=ZONE"), std::string::npos)
      << bad.output;
}

TEST_F(IngestE2eTest, KubectlEventsJsonDocumentBecomesOneRecordPerItem) {
  Write("k8s/events.json",
        "{\n"
        "    \"apiVersion\": \"v1\",\n"
        "    \"items\": [\n"
        "        {\n"
        "            \"firstTimestamp\": \"2024-11-12T09:14:03Z\",\n"
        "            \"involvedObject\": {\n"
        "                \"kind\": \"Pod\",\n"
        "                \"name\": \"orders-api-1\",\n"
        "                \"namespace\": \"shop\"\n"
        "            },\n"
        "            \"lastTimestamp\": \"2024-11-12T09:14:03Z\",\n"
        "            \"message\": \"Stopping container orders-api\",\n"
        "            \"reason\": \"Killing\",\n"
        "            \"source\": {\"component\": \"kubelet\", \"host\": \"node-7\"},\n"
        "            \"type\": \"Normal\"\n"
        "        },\n"
        "        {\n"
        "            \"eventTime\": \"2024-11-12T09:15:01.123456Z\",\n"
        "            \"involvedObject\": {\"kind\": \"Pod\", \"name\": \"orders-api-2\"},\n"
        "            \"message\": \"Liveness probe failed: HTTP probe failed with statuscode: 500\",\n"
        "            \"reason\": \"Unhealthy\",\n"
        "            \"reportingInstance\": \"node-3\",\n"
        "            \"type\": \"Warning\"\n"
        "        }\n"
        "    ],\n"
        "    \"kind\": \"List\",\n"
        "    \"metadata\": {\n"
        "        \"resourceVersion\": \"\"\n"
        "    }\n"
        "}\n");
  const CommandResult r = Rstscope("import -q --db '" + db() + "' '" + dir_.path() + "/k8s'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(One(db(), "SELECT format, lines FROM sources"), "kubectl_events|30");
  EXPECT_EQ(Rows(db(), "SELECT ts, host, kind, process, line FROM timeline ORDER BY line"),
            (std::vector<std::string>{
                "2024-11-12T09:14:03.000Z|node-7|stop|orders-api-1|4",
                "2024-11-12T09:15:01.123Z|node-3|unhealthy|orders-api-2|17"}));
  // The envelope before the first item is kept and explained; what follows
  // the last item belongs to its record.
  EXPECT_EQ(Rows(db(), "SELECT line, reason FROM unparsed ORDER BY line"),
            (std::vector<std::string>{"1|directive", "2|directive", "3|directive"}));
  EXPECT_EQ(One(db(), "SELECT sum(nlines) FROM event_details"), "27");
}

}  // namespace
}  // namespace rstscope::e2e
