// Imports sample-logs/firewall-idle-timeout with the real binary and checks
// what its README says a user should find, exactly: hourly psycopg2 resets on
// batch02, each when fw01 has torn the pooled connection down after 1:00:00
// idle (302014 Idle Timeout) and db01's backend saw the RST; one unexplained
// reset with a same-second 106023 decoy.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kFwIdleBundle[] = "sample-logs/firewall-idle-timeout/logs";
constexpr char kFwIdleHosts[] = "sample-logs/firewall-idle-timeout/hosts";
constexpr char kReporterLog[] =
    "sample-logs/firewall-idle-timeout/logs/batch02/opt/reporter/log/reporter.log";
constexpr char kPgLog[] =
    "sample-logs/firewall-idle-timeout/logs/db01/var/log/postgresql/postgresql-16-main.log";
constexpr char kBatchSyslog[] = "sample-logs/firewall-idle-timeout/logs/batch02/var/log/syslog";
constexpr char kAsaLog[] =
    "sample-logs/firewall-idle-timeout/logs/fw01/disk0/syslog/LOG-2024-11-12-063000.TXT";

class FirewallIdleTimeoutBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/fw.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ + "' --hosts " + kFwIdleHosts +
                                        " " + kFwIdleBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* FirewallIdleTimeoutBundleTest::dir_ = nullptr;
std::string FirewallIdleTimeoutBundleTest::db_;
CommandResult* FirewallIdleTimeoutBundleTest::first_ = nullptr;

TEST_F(FirewallIdleTimeoutBundleTest, ImportSucceedsAndSummarizes) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
  EXPECT_NE(first_->output.find("Imported 1,259 lines (0.2 MB) from 4 sources in"),
            std::string::npos)
      << first_->output;
  EXPECT_NE(first_->output.find("unparsed:  6 lines"), std::string::npos) << first_->output;
  EXPECT_NE(first_->output.find("resets:    7"), std::string::npos) << first_->output;
}

TEST_F(FirewallIdleTimeoutBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                std::string(kReporterLog) + "|file|complete|python_logging|batch02|237",
                std::string(kBatchSyslog) + "|file|complete|rsyslog|batch02|91",
                std::string(kPgLog) + "|file|complete|postgresql|db01|388",
                std::string(kAsaLog) + "|file|complete|cisco_asa_log|fw01|543",
            }));
}

TEST_F(FirewallIdleTimeoutBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources"), "1259");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM event_details"), "1183");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + "
                     "(SELECT count(*) FROM unparsed)"),
            "1259");
}

// The empty line that ends each psycopg2 traceback (libpq's message ends in
// a newline) is real and deliberately kept; it is stored as unparsed.
TEST_F(FirewallIdleTimeoutBundleTest, OnlyTheBlankLinesAfterPsycopgTracebacksAreUnparsed) {
  EXPECT_EQ(Rows(db_, "SELECT source, line, reason, text FROM unparsed ORDER BY line"),
            (std::vector<std::string>{
                std::string(kReporterLog) + "|36|blank line|",
                std::string(kReporterLog) + "|69|blank line|",
                std::string(kReporterLog) + "|102|blank line|",
                std::string(kReporterLog) + "|161|blank line|",
                std::string(kReporterLog) + "|194|blank line|",
                std::string(kReporterLog) + "|227|blank line|",
            }));
}

TEST_F(FirewallIdleTimeoutBundleTest, ResetsAreTheSevenClientErrorsInUtc) {
  EXPECT_EQ(Rows(db_, "SELECT ts, host, role, format, source, line FROM resets ORDER BY ts_us"),
            (std::vector<std::string>{
                std::string("2024-11-12T01:04:04.496Z|batch02|client|python_logging|") + kReporterLog + "|29",
                std::string("2024-11-12T02:04:05.312Z|batch02|client|python_logging|") + kReporterLog + "|62",
                std::string("2024-11-12T03:04:06.190Z|batch02|client|python_logging|") + kReporterLog + "|95",
                std::string("2024-11-12T03:45:03.396Z|batch02|client|python_logging|") + kReporterLog + "|121",
                std::string("2024-11-12T04:04:07.498Z|batch02|client|python_logging|") + kReporterLog + "|154",
                std::string("2024-11-12T05:04:08.130Z|batch02|client|python_logging|") + kReporterLog + "|187",
                std::string("2024-11-12T06:04:09.044Z|batch02|client|python_logging|") + kReporterLog + "|220",
            }));
}

TEST_F(FirewallIdleTimeoutBundleTest, ResetMessagesCarryTheLastExceptionLine) {
  const std::string pooled = One(db_, "SELECT message FROM resets WHERE line = 29");
  EXPECT_NE(pooled.find("psycopg2.OperationalError: server closed the connection unexpectedly"),
            std::string::npos)
      << pooled;
  const std::string upload = One(db_, "SELECT message FROM resets WHERE line = 121");
  EXPECT_NE(upload.find("ConnectionResetError: [Errno 104] Connection reset by peer"),
            std::string::npos)
      << upload;
}

// The ASA names the lower-security side first for an outbound connection, so
// the teardown's src is db01:5432 and its dst batch02's ephemeral port.
TEST_F(FirewallIdleTimeoutBundleTest, Fw01IdleTimeoutTeardownsAfterOneHour) {
  EXPECT_EQ(
      Rows(db_, "SELECT t.ts, t.host, t.kind, t.src_ip, t.src_port, t.dst_ip, t.dst_port, "
                "json_extract(d.attrs, '$.conn_id'), json_extract(d.attrs, '$.duration_ms'), "
                "json_extract(d.attrs, '$.reason'), t.source, t.line "
                "FROM timeline t JOIN event_details d ON d.id = t.id "
                "WHERE t.kind = 'idle_timeout' ORDER BY t.ts_us"),
      (std::vector<std::string>{
          std::string("2024-11-12T01:04:03.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|36828|184532181|3600000|Idle Timeout|") + kAsaLog + "|88",
          std::string("2024-11-12T02:04:05.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|49357|184533050|3600000|Idle Timeout|") + kAsaLog + "|171",
          std::string("2024-11-12T03:04:05.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|38164|184533869|3600000|Idle Timeout|") + kAsaLog + "|258",
          std::string("2024-11-12T04:04:06.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|46036|184534784|3600000|Idle Timeout|") + kAsaLog + "|341",
          std::string("2024-11-12T05:04:07.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|37342|184535678|3600000|Idle Timeout|") + kAsaLog + "|424",
          std::string("2024-11-12T06:04:08.000Z|fw01|idle_timeout|10.40.2.20|5432|10.40.1.15|40437|184536685|3600000|Idle Timeout|") + kAsaLog + "|508",
      }));
}

TEST_F(FirewallIdleTimeoutBundleTest, EachTornDownFlowWasBuiltByBatch02AnHourEarlier) {
  EXPECT_EQ(
      Rows(db_, "SELECT b.ts, json_extract(bd.attrs, '$.conn_id'), b.src_ip, b.src_port, b.dst_ip, "
                "b.dst_port, b.line, (t.ts_us - b.ts_us) / 1000000 "
                "FROM timeline t JOIN event_details d ON d.id = t.id "
                "JOIN event_details bd ON json_extract(bd.attrs, '$.conn_id') = "
                "json_extract(d.attrs, '$.conn_id') AND json_extract(bd.attrs, '$.msg_id') = '302013' "
                "JOIN timeline b ON b.id = bd.id WHERE t.kind = 'idle_timeout' ORDER BY b.ts_us"),
      (std::vector<std::string>{
          "2024-11-12T00:04:03.000Z|184532181|10.40.1.15|36828|10.40.2.20|5432|5|3600",
          "2024-11-12T01:04:04.000Z|184533050|10.40.1.15|49357|10.40.2.20|5432|89|3601",
          "2024-11-12T02:04:05.000Z|184533869|10.40.1.15|38164|10.40.2.20|5432|172|3600",
          "2024-11-12T03:04:06.000Z|184534784|10.40.1.15|46036|10.40.2.20|5432|259|3600",
          "2024-11-12T04:04:07.000Z|184535678|10.40.1.15|37342|10.40.2.20|5432|342|3600",
          "2024-11-12T05:04:08.000Z|184536685|10.40.1.15|40437|10.40.2.20|5432|425|3600",
      }));
}

TEST_F(FirewallIdleTimeoutBundleTest, Db01BackendsSawTheResets) {
  // db01's clock is 12.318 s ahead: each backend saw the ASA's RST within 2 ms of the
  // teardown, but its log says 12.3 s later.
  EXPECT_EQ(
      Rows(db_, "SELECT t.ts, t.host, t.kind, t.process, t.pid, json_extract(d.attrs, '$.reason'), "
                "t.source, t.line FROM timeline t JOIN event_details d ON d.id = t.id "
                "WHERE t.kind = 'client_abort' ORDER BY t.ts_us"),
      (std::vector<std::string>{
          std::string("2024-11-12T01:04:16.195Z|db01|client_abort|postgres|38274|NULL|") + kPgLog + "|61",
          std::string("2024-11-12T02:04:17.450Z|db01|client_abort|postgres|38814|NULL|") + kPgLog + "|123",
          std::string("2024-11-12T03:04:17.978Z|db01|client_abort|postgres|39474|NULL|") + kPgLog + "|181",
          std::string("2024-11-12T04:04:19.183Z|db01|client_abort|postgres|40179|NULL|") + kPgLog + "|243",
          std::string("2024-11-12T05:04:20.234Z|db01|client_abort|postgres|40711|NULL|") + kPgLog + "|301",
          std::string("2024-11-12T06:04:20.988Z|db01|client_abort|postgres|41166|NULL|") + kPgLog + "|363",
      }));
  EXPECT_EQ(One(db_, "SELECT message FROM timeline WHERE source = '" + std::string(kPgLog) +
                         "' AND line = 61"),
            "could not receive data from client: Connection reset by peer");
}

TEST_F(FirewallIdleTimeoutBundleTest, TheDecoyDenyIsInTheUnexplainedResetsSecond) {
  EXPECT_EQ(Rows(db_, "SELECT t.ts, t.host, t.kind, t.src_ip, t.src_port, t.dst_ip, t.dst_port, "
                      "json_extract(d.attrs, '$.rule'), t.line FROM timeline t "
                      "JOIN event_details d ON d.id = t.id WHERE t.kind = 'fw_deny' "
                      "AND substr(t.ts, 1, 19) = '2024-11-12T03:45:03'"),
            (std::vector<std::string>{
                "2024-11-12T03:45:03.000Z|fw01|fw_deny|10.40.1.52|51876|10.40.2.25|445|inside_in|318"}));
}

TEST_F(FirewallIdleTimeoutBundleTest, KindsAreCountedExactly) {
  EXPECT_EQ(Rows(db_, "SELECT kind, count(*) FROM timeline GROUP BY kind ORDER BY kind"),
            (std::vector<std::string>{"client_abort|6", "fw_deny|8", "idle_timeout|6",
                                      "other|1150", "reset|7", "start|4", "stop|2"}));
}

// The deploy restart of reporter.service is an hour before the first reset.
TEST_F(FirewallIdleTimeoutBundleTest, TheReporterDeployRestartIsOnlyNoise) {
  EXPECT_EQ(Rows(db_, "SELECT ts, host, kind, process, source, line FROM timeline "
                      "WHERE kind IN ('start', 'stop') AND process = 'reporter' ORDER BY ts_us"),
            (std::vector<std::string>{
                std::string("2024-11-12T00:03:44.918Z|batch02|stop|reporter|") + kBatchSyslog + "|8",
                std::string("2024-11-12T00:03:46.132Z|batch02|stop|reporter|") + kBatchSyslog + "|10",
                std::string("2024-11-12T00:03:46.306Z|batch02|start|reporter|") + kBatchSyslog + "|12",
            }));
}

TEST_F(FirewallIdleTimeoutBundleTest, ImportingTheSameBundleAgainAddsNothing) {
  const int64_t before = std::stoll(One(db_, "SELECT count(*) FROM events"));
  const CommandResult again = Rstscope("import -q --db '" + db_ + "' --hosts " +
                                       kFwIdleHosts + " " + kFwIdleBundle);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("skipped:   4 sources already imported"), std::string::npos)
      << again.output;
  EXPECT_EQ(std::stoll(One(db_, "SELECT count(*) FROM events")), before);
}

}  // namespace
}  // namespace rstscope::e2e
