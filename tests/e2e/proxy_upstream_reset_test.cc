// Imports sample-logs/proxy-upstream-reset with the real binary and checks what
// its README says a user should find, exactly: a Go client behind HAProxy, a
// backend that segfaults, an HAProxy server timeout, an unexplained reset and a
// deliberate restart of the other backend in the same second (the decoy).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kPurBundle[] = "sample-logs/proxy-upstream-reset/logs";
constexpr char kPurHosts[] = "sample-logs/proxy-upstream-reset/hosts";
constexpr char kPurClient[] = "sample-logs/proxy-upstream-reset/logs/client02/var/log/checkout/checkout.log";
constexpr char kPurHaproxy[] = "sample-logs/proxy-upstream-reset/logs/lb01/var/log/haproxy.log";
constexpr char kPurApp01Journal[] = "sample-logs/proxy-upstream-reset/logs/app01/journal.json";
constexpr char kPurApp02Journal[] = "sample-logs/proxy-upstream-reset/logs/app02/journal.json";

class ProxyUpstreamResetBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/pur.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ + "' --hosts " + kPurHosts + " " +
                                        kPurBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* ProxyUpstreamResetBundleTest::dir_ = nullptr;
std::string ProxyUpstreamResetBundleTest::db_;
CommandResult* ProxyUpstreamResetBundleTest::first_ = nullptr;

TEST_F(ProxyUpstreamResetBundleTest, ImportSucceedsAndSummarizes) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
  EXPECT_NE(first_->output.find("Imported 1,593 lines (0.4 MB) from 8 sources in"), std::string::npos)
      << first_->output;
  EXPECT_NE(first_->output.find("resets:    9"), std::string::npos) << first_->output;
}

TEST_F(ProxyUpstreamResetBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  const std::string p = "sample-logs/proxy-upstream-reset/logs/";
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                p + "app01/journal.json|file|complete|journald_json|app01|133",
                p + "app01/var/log/inventory/inventory.log|file|complete|logback|app01|172",
                p + "app02/journal.json|file|complete|journald_json|app02|140",
                p + "app02/var/log/inventory/inventory.log|file|complete|logback|app02|179",
                p + "client02/var/log/auth.log|file|complete|rsyslog|client02|75",
                p + "client02/var/log/checkout/checkout.log|file|complete|go_log|client02|321",
                p + "lb01/var/log/auth.log|file|complete|rsyslog|lb01|78",
                p + "lb01/var/log/haproxy.log|file|complete|rsyslog|lb01|495",
            }));
}

TEST_F(ProxyUpstreamResetBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources WHERE container != 'archive'"), "1593");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM unparsed"), "0");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + "
                     "(SELECT count(*) FROM unparsed)"),
            "1593");
}

TEST_F(ProxyUpstreamResetBundleTest, ResetsAreTheClientErrorsAndTheProxyAborts) {
  const std::string c = std::string("|client02|client|go_log|") + kPurClient + "|";
  const std::string h = std::string("|lb01|proxy|haproxy|") + kPurHaproxy + "|";
  EXPECT_EQ(Rows(db_, "SELECT ts, host, role, format, source, line, src_ip, src_port, "
                      "json_extract(d.attrs, '$.reason') FROM resets r "
                      "JOIN event_details d ON d.id = r.id ORDER BY r.ts_us, r.source, r.line"),
            // lb01's clock is 6.474 s ahead: its SD--/SH-- lines read 09:41:24.6 for what
            // happened at 09:41:18.13, the second the client saw its resets.
            (std::vector<std::string>{
                "2024-11-12T09:41:18.135Z" + c + "110|10.30.0.21|40156|NULL",
                "2024-11-12T09:41:18.135Z" + c + "112|10.30.0.21|50676|NULL",
                "2024-11-12T09:41:18.135Z" + c + "113|10.30.0.21|44772|NULL",
                "2024-11-12T09:41:24.607Z" + h + "172|10.30.0.21|40156|SD--",
                "2024-11-12T09:41:24.608Z" + h + "173|10.30.0.21|44772|SD--",
                "2024-11-12T09:41:24.608Z" + h + "174|10.30.0.21|50676|SD--",
                "2024-11-12T09:41:24.609Z" + h + "175|10.30.0.21|44925|SH--",
                "2024-11-12T10:07:42.003Z" + c + "185|10.30.0.21|36828|NULL",
                "2024-11-12T10:36:50.641Z" + c + "262|10.30.0.21|47056|NULL",
            }));
}

TEST_F(ProxyUpstreamResetBundleTest, ClientResetsCarryTheFourTupleToTheProxy) {
  EXPECT_EQ(Rows(db_, "SELECT src_ip, src_port, dst_ip, dst_port FROM resets WHERE host = 'client02' "
                      "ORDER BY ts_us, line"),
            (std::vector<std::string>{"10.30.0.21|40156|10.30.0.10|443", "10.30.0.21|50676|10.30.0.10|443",
                                      "10.30.0.21|44772|10.30.0.10|443", "10.30.0.21|36828|10.30.0.10|443",
                                      "10.30.0.21|47056|10.30.0.10|443"}));
  // Every crash-time client reset has its HAProxy SD-- line with the same client port;
  // the unexplained one (47056) appears nowhere in lb01's log.
  EXPECT_EQ(One(db_, "SELECT count(*) FROM resets c JOIN resets p ON p.src_port = c.src_port "
                     "AND p.host = 'lb01' WHERE c.host = 'client02'"),
            "3");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline WHERE host = 'lb01' AND src_port = 47056"), "0");
}

TEST_F(ProxyUpstreamResetBundleTest, FourSharedConnectionsShowLb01sClockAhead) {
  // The skew anchors: client02's resets and lb01's HAProxy lines for the same client ip:port,
  // within 3 minutes of each other; lb01 reads about 6.47 s later (true offset +6.474 s).
  EXPECT_EQ(Rows(db_, "SELECT c.src_port, p.line, (p.ts_us - c.ts_us) / 1000 FROM resets c "
                      "JOIN timeline p ON p.host = 'lb01' AND p.src_ip = c.src_ip AND p.src_port = c.src_port "
                      "AND abs(p.ts_us - c.ts_us) < 180000000 WHERE c.host = 'client02' ORDER BY c.ts_us, c.line"),
            (std::vector<std::string>{"40156|172|6472", "50676|174|6472", "44772|173|6472", "36828|284|6422"}));
}

TEST_F(ProxyUpstreamResetBundleTest, ServerAndProxyEvidenceIsExact) {
  const std::string a1 = kPurApp01Journal;
  const std::string a2 = kPurApp02Journal;
  const std::string hp = kPurHaproxy;
  const std::string i1 = "sample-logs/proxy-upstream-reset/logs/app01/var/log/inventory/inventory.log";
  const std::string i2 = "sample-logs/proxy-upstream-reset/logs/app02/var/log/inventory/inventory.log";
  EXPECT_EQ(Rows(db_, "SELECT t.kind, t.ts, t.host, t.process, t.pid, t.src_port, "
                      "json_extract(d.attrs, '$.reason'), t.source, t.line FROM timeline t "
                      "JOIN event_details d ON d.id = t.id "
                      "WHERE t.kind NOT IN ('other', 'reset') ORDER BY t.ts_us, t.source, t.line"),
            (std::vector<std::string>{
                "crash|2024-11-12T09:41:17.402Z|app01|http-nio-8080-e|31920|NULL|NULL|" + a1 + "|49",
                "crash|2024-11-12T09:41:18.135Z|app01|inventory|NULL|NULL|NULL|" + a1 + "|51",
                "crash|2024-11-12T09:41:18.135Z|app01|inventory|NULL|NULL|NULL|" + a1 + "|52",
                "restart|2024-11-12T09:41:23.253Z|app01|inventory|NULL|NULL|NULL|" + a1 + "|55",
                "stop|2024-11-12T09:41:23.254Z|app01|inventory|NULL|NULL|NULL|" + a1 + "|56",
                "start|2024-11-12T09:41:23.255Z|app01|inventory|NULL|NULL|NULL|" + a1 + "|57",
                // lb01's clock (+6.474 s): HAProxy saw app01 DOWN at 09:41:21.514 true time
                "backend_down|2024-11-12T09:41:27.988Z|lb01|haproxy|2211|NULL|Layer4 connection problem|" +
                    hp + "|180",
                "start|2024-11-12T09:41:28.060Z|app01|inventory|41022|NULL|NULL|" + i1 + "|66",
                // 10:07:41.951 true time, 52 ms before the client's reset; by lb01's clock 6.4 s after it
                "timeout|2024-11-12T10:07:48.425Z|lb01|haproxy|2211|36828|sD--|" + hp + "|284",
                "stop|2024-11-12T10:36:50.218Z|app02|inventory|NULL|NULL|NULL|" + a2 + "|110",
                "stop|2024-11-12T10:36:50.630Z|app02|inventory|NULL|NULL|NULL|" + a2 + "|112",
                "start|2024-11-12T10:36:50.633Z|app02|inventory|NULL|NULL|NULL|" + a2 + "|114",
                "start|2024-11-12T10:36:55.637Z|app02|inventory|44871|NULL|NULL|" + i2 + "|148",
            }));
}

TEST_F(ProxyUpstreamResetBundleTest, TheCrashMessagesAreVerbatim) {
  EXPECT_EQ(One(db_, std::string("SELECT message FROM timeline WHERE source = '") + kPurApp01Journal +
                         "' AND line = 51"),
            "inventory.service: Main process exited, code=dumped, status=11/SEGV");
  const std::string segv = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                        kPurApp01Journal + "' AND line = 49");
  EXPECT_NE(segv.find("http-nio-8080-e[31920]: segfault at 18 ip 00007f3c2a1b4e5d"), std::string::npos)
      << segv;
  const std::string down = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                        kPurHaproxy + "' AND line = 180");
  EXPECT_NE(down.find("Server inventory/app01 is DOWN, reason: Layer4 connection problem, info: "
                      "\"Connection refused\""),
            std::string::npos)
      << down;
}

TEST_F(ProxyUpstreamResetBundleTest, TheSh502IsNotAClientReset) {
  EXPECT_EQ(One(db_, std::string("SELECT kind || '|' || ts FROM timeline WHERE source = '") + kPurClient +
                         "' AND line = 116"),
            "other|2024-11-12T09:41:18.137Z");
}

TEST_F(ProxyUpstreamResetBundleTest, ImportingTheSameBundleAgainAddsNothing) {
  const int64_t before = std::stoll(One(db_, "SELECT count(*) FROM events"));
  const CommandResult again =
      Rstscope("import -q --db '" + db_ + "' --hosts " + kPurHosts + " " + kPurBundle);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("skipped:   8 sources already imported"), std::string::npos)
      << again.output;
  EXPECT_EQ(std::stoll(One(db_, "SELECT count(*) FROM events")), before);
}

}  // namespace
}  // namespace rstscope::e2e
