// Imports sample-logs/oom-api with the real binary and checks what its
// README says a user should find, exactly.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kBundle[] = "sample-logs/oom-api/logs";
constexpr char kClientLog[] = "sample-logs/oom-api/logs/client01/OrderSync/logs/ordersync-20241105.log";
constexpr char kApiTar[] = "sample-logs/oom-api/logs/api01/api01-logs.tar.gz";

class OomApiBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/oom.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ +
                                        "' --hosts sample-logs/oom-api/hosts " + kBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* OomApiBundleTest::dir_ = nullptr;
std::string OomApiBundleTest::db_;
CommandResult* OomApiBundleTest::first_ = nullptr;

TEST_F(OomApiBundleTest, ImportSucceedsAndSummarizes) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
  EXPECT_NE(first_->output.find("Imported 2,853 lines (0.4 MB) from 8 sources in 1 archive in"),
            std::string::npos)
      << first_->output;
  EXPECT_NE(first_->output.find("resets:    13"), std::string::npos) << first_->output;
}

TEST_F(OomApiBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                std::string(kApiTar) + "|archive|complete|NULL|NULL|0",
                std::string(kApiTar) + "!/var/log/auth.log|member|complete|syslog|api01|61",
                std::string(kApiTar) + "!/var/log/orders-api/api.json|member|complete|json_lines|api01|324",
                std::string(kApiTar) + "!/var/log/syslog|member|complete|syslog|api01|244",
                std::string(kApiTar) + "!/var/log/syslog.1|member|complete|syslog|api01|412",
                std::string(kApiTar) + "!/var/log/syslog.2.gz|member|complete|syslog|api01|542",
                "sample-logs/oom-api/logs/batch01/var/log/syslog|file|complete|rsyslog|batch01|500",
                "sample-logs/oom-api/logs/client01/OrderSync/logs/ordersync-20241104.log.gz|"
                "compressed|complete|serilog|client01|198",
                std::string(kClientLog) + "|file|complete|serilog|client01|572",
            }));
}

TEST_F(OomApiBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources WHERE container != 'archive'"), "2853");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + "
                     "(SELECT count(*) FROM unparsed)"),
            "2853");
}

TEST_F(OomApiBundleTest, ResetsAreTheThirteenClientErrorsInUtc) {
  EXPECT_EQ(Rows(db_, "SELECT ts, host, role, format, source, line FROM resets ORDER BY ts_us"),
            (std::vector<std::string>{
                std::string("2024-11-05T13:22:47.382Z|client01|client|serilog|") + kClientLog + "|146",
                std::string("2024-11-05T13:22:47.529Z|client01|client|serilog|") + kClientLog + "|166",
                std::string("2024-11-05T13:22:47.706Z|client01|client|serilog|") + kClientLog + "|186",
                std::string("2024-11-05T13:22:48.558Z|client01|client|serilog|") + kClientLog + "|206",
                std::string("2024-11-05T14:11:09.001Z|client01|client|serilog|") + kClientLog + "|266",
                std::string("2024-11-05T14:11:09.046Z|client01|client|serilog|") + kClientLog + "|286",
                std::string("2024-11-05T14:11:09.809Z|client01|client|serilog|") + kClientLog + "|306",
                std::string("2024-11-05T15:03:39.605Z|client01|client|serilog|") + kClientLog + "|380",
                std::string("2024-11-05T15:03:39.870Z|client01|client|serilog|") + kClientLog + "|400",
                std::string("2024-11-05T15:03:39.954Z|client01|client|serilog|") + kClientLog + "|420",
                std::string("2024-11-05T15:03:40.329Z|client01|client|serilog|") + kClientLog + "|440",
                std::string("2024-11-05T15:03:40.943Z|client01|client|serilog|") + kClientLog + "|460",
                std::string("2024-11-05T15:41:22.734Z|client01|client|serilog|") + kClientLog + "|539",
            }));
}

TEST_F(OomApiBundleTest, TheResetMessageCarriesTheInnerSocketException) {
  const std::string message = One(db_, "SELECT message FROM resets WHERE line = 146");
  EXPECT_NE(message.find("System.Net.Sockets.SocketException (10054): An existing connection was "
                         "forcibly closed by the remote host."),
            std::string::npos)
      << message;
}

// api01's clock is 7.812 s ahead: its kills at 13:22:47, 14:11:08 and 15:03:39 true time
// read 13:22:55, 14:11:16 and 15:03:47 in its syslog, after the resets they caused.
TEST_F(OomApiBundleTest, KernelOomKillsNameTheirVictims) {
  EXPECT_EQ(Rows(db_, "SELECT substr(ts, 1, 19), host, process, pid, source, line FROM timeline "
                      "WHERE kind = 'oom_kill' AND process IN ('dotnet', 'python3') ORDER BY ts_us"),
            (std::vector<std::string>{
                std::string("2024-11-05T13:22:55|api01|dotnet|1187|") + kApiTar + "!/var/log/syslog.1|373",
                std::string("2024-11-05T14:11:16|api01|dotnet|77533|") + kApiTar + "!/var/log/syslog|99",
                std::string("2024-11-05T15:03:47|api01|dotnet|78317|") + kApiTar + "!/var/log/syslog|219",
                "2024-11-05T15:41:22|batch01|python3|48213|sample-logs/oom-api/logs/batch01/var/log/"
                "syslog|488",
            }));
}

TEST_F(OomApiBundleTest, SystemdRestartsAreRecorded) {
  EXPECT_EQ(Rows(db_, "SELECT substr(ts, 1, 19), process FROM timeline WHERE kind = 'restart' "
                      "AND host = 'api01' ORDER BY ts_us"),
            (std::vector<std::string>{"2024-11-05T13:22:57|orders-api",
                                      "2024-11-05T14:11:18|orders-api",
                                      "2024-11-05T15:03:49|orders-api"}));
}

TEST_F(OomApiBundleTest, SummaryListsHostsKindsAndResetsWithTheirCause) {
  const CommandResult r = Rstscope("summary --db '" + db_ + "'");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* expected : {
           "Timeline: 2,599 records from 8 sources, 0 unparsed lines\n",
           "  api01                             1,583       0\n",
           "  client01                            516      13\n",
           "  oom_kill             12\n",
           "Resets: 13\n",
           "  2024-11-05T15:41:22.734Z  client01   sample-logs/oom-api/logs/client01/OrderSync/logs/"
           "ordersync-20241105.log:539\n",
           "      System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
           "closed by the remote host.\n"}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
  }
}

TEST_F(OomApiBundleTest, ImportingTheSameBundleAgainAddsNothing) {
  const int64_t before = std::stoll(One(db_, "SELECT count(*) FROM events"));
  const CommandResult again = Rstscope("import -q --db '" + db_ +
                                       "' --hosts sample-logs/oom-api/hosts " + kBundle);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("skipped:   4 sources already imported"), std::string::npos)
      << again.output;
  EXPECT_EQ(std::stoll(One(db_, "SELECT count(*) FROM events")), before);
}

}  // namespace
}  // namespace rstscope::e2e
