// The command line as a user meets it: exit codes, error messages, stdin,
// output formats, problems that do not stop an import.
#include <fstream>
#include <iterator>
#include <string>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

constexpr char kSyslog[] =
    "Nov  5 13:03:27 api01 kernel: Memory cgroup out of memory: Killed process 4242 (dotnet) "
    "total-vm:100kB, anon-rss:50kB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:40kB "
    "oom_score_adj:0\n"
    "Nov  5 13:03:28 api01 systemd[1]: orders-api.service: Scheduled restart job, restart counter "
    "is at 1.\n";

TEST(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Rstscope("").exit_code, 2);
  EXPECT_EQ(Rstscope("import x.log").exit_code, 2);  // --db is required
  const CommandResult bad_role = Rstscope("import --db /tmp/x.db --role router x.log");
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.output.find("--role must be client, server, proxy or firewall, not 'router'"),
            std::string::npos)
      << bad_role.output;
  const CommandResult bad_tz = Rstscope("import --db /tmp/x.db --tz Mars/Olympus x.log");
  EXPECT_EQ(bad_tz.exit_code, 2);
  EXPECT_NE(bad_tz.output.find("unknown time zone 'Mars/Olympus'"), std::string::npos);
  EXPECT_EQ(Rstscope("import --db /tmp/x.db --format nope x.log").exit_code, 2);
}

TEST(CliTest, HelpExplainsEveryCommandAndTheExitCodes) {
  const CommandResult help = Rstscope("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"import", "query", "summary", "formats", "detect", "Exit codes",
                           "completed with problems"}) {
    EXPECT_NE(help.output.find(word), std::string::npos) << word;
  }
  const CommandResult import_help = Rstscope("import --help");
  EXPECT_EQ(import_help.exit_code, 0);
  EXPECT_NE(import_help.output.find("--hosts"), std::string::npos);
}

TEST(CliTest, QueryErrorsNameTheProblem) {
  TempDir dir;
  const CommandResult missing = Rstscope("query --db " + dir.path() + "/none.db 'SELECT 1'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("no such database"), std::string::npos) << missing.output;

  WriteFile(dir.path() + "/syslog", kSyslog);
  ASSERT_EQ(Rstscope("import -q --db " + dir.path() + "/t.db " + dir.path() + "/syslog").exit_code, 0);
  const CommandResult bad_sql = Rstscope("query --db " + dir.path() + "/t.db 'SELECT nope FROM resets'");
  EXPECT_EQ(bad_sql.exit_code, 1);
  EXPECT_EQ(bad_sql.output, "rstscope: SQL error: no such column: nope\n");
  const CommandResult write = Rstscope("query --db " + dir.path() + "/t.db 'DELETE FROM events'");
  EXPECT_EQ(write.exit_code, 1);
  EXPECT_EQ(write.output,
            "rstscope: SQL error: query only reads: \"DELETE FROM events\" would write (to the "
            "database or, for VACUUM INTO, to a new file)\n");
  // VACUUM INTO writes a new file even through a read-only connection.
  const std::string copy = dir.path() + "/copy.db";
  const CommandResult vacuum =
      Rstscope("query --db " + dir.path() + "/t.db \"VACUUM INTO '" + copy + "'\"");
  EXPECT_EQ(vacuum.exit_code, 1);
  std::string statement = "VACUUM INTO '" + copy + "'";
  if (statement.size() > 60) statement = statement.substr(0, 60) + "...";  // as shown
  EXPECT_EQ(vacuum.output, "rstscope: SQL error: query only reads: \"" + statement +
                               "\" would write (to the database or, for VACUUM INTO, to a new "
                               "file)\n");
  EXPECT_NE(::access(copy.c_str(), F_OK), 0);
  // Checks and schema questions are reads.
  EXPECT_EQ(Rstscope("query --db " + dir.path() + "/t.db 'PRAGMA integrity_check'").output,
            "integrity_check\n---------------\nok\n");
}

TEST(CliTest, CorrelateErrorsNameTheProblem) {
  TempDir dir;
  const std::string db = dir.path() + "/t.db";
  const CommandResult missing = Rstscope("correlate --db " + dir.path() + "/none.db");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.output, "rstscope: " + dir.path() +
                                "/none.db: no such database (create it with rstscope import)\n");
  WriteFile(dir.path() + "/syslog", kSyslog);
  ASSERT_EQ(Rstscope("import -q --db " + db + " " + dir.path() + "/syslog").exit_code, 0);
  const CommandResult bad_before = Rstscope("correlate --db " + db + " --before soon");
  EXPECT_EQ(bad_before.exit_code, 2);
  EXPECT_EQ(bad_before.output,
            "rstscope: --before: expected a duration such as 30s, 2m or 500ms, not 'soon'\n");
  const CommandResult bad_after = Rstscope("correlate --db " + db + " --after 5parsecs");
  EXPECT_EQ(bad_after.exit_code, 2);
  EXPECT_EQ(bad_after.output,
            "rstscope: --after: expected a duration such as 5s or 500ms, not '5parsecs'\n");
  // Not an rstscope database: refused, and left untouched.
  WriteFile(dir.path() + "/other.db", "");
  ASSERT_EQ(std::system(("sqlite3 " + dir.path() + "/other.db 'CREATE TABLE t(x)' 2>/dev/null || "
                         "python3 -c \"import sqlite3; sqlite3.connect('" + dir.path() +
                         "/other.db').execute('CREATE TABLE t(x)')\"").c_str()),
            0);
  const CommandResult foreign = Rstscope("correlate --db " + dir.path() + "/other.db");
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.output.find("is an SQLite database of another program"), std::string::npos)
      << foreign.output;
  const CommandResult ok = Rstscope("correlate --db " + db);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
}

TEST(CliTest, StdinImportsWithHostAndQueryJson) {
  TempDir dir;
  WriteFile(dir.path() + "/in.log", kSyslog);
  const CommandResult imported =
      Rstscope("import -q --db " + dir.path() + "/t.db - < " + dir.path() + "/in.log");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const CommandResult json = Rstscope(
      "query --db " + dir.path() +
      "/t.db --format json \"SELECT source, line, host, kind, process, pid FROM timeline ORDER BY line\"");
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.output,
            "[{\"source\":\"-\",\"line\":1,\"host\":\"api01\",\"kind\":\"oom_kill\",\"process\":"
            "\"dotnet\",\"pid\":4242},\n"
            "{\"source\":\"-\",\"line\":2,\"host\":\"api01\",\"kind\":\"restart\",\"process\":"
            "\"orders-api\",\"pid\":null}]\n");
}

TEST(CliTest, UnreadableInputIsAProblemButTheRestIsImported) {
  TempDir dir;
  WriteFile(dir.path() + "/good.log", kSyslog);
  WriteFile(dir.path() + "/cut.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  const CommandResult r = Rstscope("import -q --db " + dir.path() + "/t.db " + dir.path() +
                                   "/good.log " + dir.path() + "/cut.gz " + dir.path() + "/missing.log");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(dir.path() + "/missing.log: No such file or directory"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(dir.path() + "/cut.gz"), std::string::npos) << r.output;
  EXPECT_EQ(One(dir.path() + "/t.db", "SELECT count(*) FROM timeline"), "2");
  EXPECT_EQ(One(dir.path() + "/t.db", "SELECT count(*) FROM problems"), "2");
}

TEST(CliTest, BinaryFileIsSkippedWithAMessageAndUnknownTextIsKeptAsUnparsed) {
  TempDir dir;
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk.push_back(static_cast<char>((i * 13) % 31 + 1));
  WriteFile(dir.path() + "/core.bin", junk);
  WriteFile(dir.path() + "/notes.txt", "remember to rotate the logs\ncall Bob\n");
  const CommandResult r = Rstscope("import -q --db " + dir.path() + "/t.db " + dir.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(dir.path() + "/core.bin: binary content (control bytes in the first 4 KiB); "
                          "not imported"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(Rows(dir.path() + "/t.db", "SELECT line, reason, text FROM unparsed ORDER BY line"),
            (std::vector<std::string>{
                "1|unknown format: no format recognizes any of the 2 sample lines|remember to "
                "rotate the logs",
                "2|unknown format: no format recognizes any of the 2 sample lines|call Bob"}));
  EXPECT_EQ(One(dir.path() + "/t.db", "SELECT status FROM sources WHERE name LIKE '%core.bin'"),
            "skipped");
}

TEST(CliTest, DetectSaysWhatAndWhy) {
  TempDir dir;
  WriteFile(dir.path() + "/syslog", kSyslog);
  const CommandResult r = Rstscope("detect " + dir.path() + "/syslog");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("format:   syslog"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("2 of 2 sample lines start a syslog record"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("host:     (unknown"), std::string::npos) << r.output;
}

TEST(CliTest, FormatsListsEveryFormatWithAFamily) {
  const CommandResult r = Rstscope("formats");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* name : {"syslog ", "syslog5424", "rsyslog", "journald_json", "dmesg",
                           "nginx_error", "access_log", "apache_error", "json_lines", "logback",
                           "serilog", "nlog", "python_logging", "go_log", "dotnet_console",
                           "app_text"}) {
    EXPECT_NE(r.output.find(name), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace rstscope::e2e

namespace rstscope::e2e {
namespace {

// docs/FORMATS.md is generated from the format definitions; refresh it with
//   build/rstscope formats --markdown > docs/FORMATS.md
TEST(DocsTest, FormatsReferenceIsUpToDate) {
  const CommandResult r = Rstscope("formats --markdown");
  ASSERT_EQ(r.exit_code, 0);
  std::ifstream in(std::string(RSTSCOPE_SOURCE_DIR) + "/docs/FORMATS.md", std::ios::binary);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(doc == r.output)
      << "docs/FORMATS.md is stale: run build/rstscope formats --markdown > docs/FORMATS.md";
}

}  // namespace
}  // namespace rstscope::e2e
