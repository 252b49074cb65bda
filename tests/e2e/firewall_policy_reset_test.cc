// Imports sample-logs/firewall-policy-reset with the real binary and checks what
// its README says a user should find, exactly: a Go client whose TLS sessions on
// a non-default port are reset by a Palo Alto cleanup rule (deny / reset-both /
// policy-deny, the client's 4-tuple in each record, the firewall's clock 23.96 s
// fast), one unexplained reset from a host without logs and a same-second RDP
// reset on the firewall as decoy.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kFprBundle[] = "sample-logs/firewall-policy-reset/logs";
constexpr char kFprHosts[] = "sample-logs/firewall-policy-reset/hosts";
constexpr char kFprClient[] = "sample-logs/firewall-policy-reset/logs/app21/var/log/ledger-sync/ledger-sync.log";
constexpr char kFprFw[] = "sample-logs/firewall-policy-reset/logs/pa-fw01/traffic-2025-05-20.csv";
constexpr char kFprNginx[] = "sample-logs/firewall-policy-reset/logs/api07/var/log/nginx/ledger-access.log";

class FirewallPolicyResetBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/fpr.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ + "' --hosts " + kFprHosts + " " + kFprBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* FirewallPolicyResetBundleTest::dir_ = nullptr;
std::string FirewallPolicyResetBundleTest::db_;
CommandResult* FirewallPolicyResetBundleTest::first_ = nullptr;

TEST_F(FirewallPolicyResetBundleTest, ImportSucceeds) { EXPECT_EQ(first_->exit_code, 0) << first_->output; }

TEST_F(FirewallPolicyResetBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                std::string(kFprNginx) + "|file|complete|access_log|api07|199",
                std::string(kFprClient) + "|file|complete|go_log|app21|179",
                std::string(kFprFw) + "|file|complete|panos_traffic|pa-fw01|165",
            }));
}

TEST_F(FirewallPolicyResetBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources"), "543");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM unparsed"), "0");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + (SELECT count(*) FROM unparsed)"), "543");
}

TEST_F(FirewallPolicyResetBundleTest, ResetsAreTheClientErrorsWithTheirFourTuples) {
  EXPECT_EQ(Rows(db_, "SELECT ts || '|' || line || '|' || src_port || '|' || dst_ip || '|' || dst_port "
                      "FROM resets ORDER BY ts_us"),
            (std::vector<std::string>{
                "2025-05-20T13:52:17.402Z|37|41267|10.20.4.35|8080",
                "2025-05-20T14:05:41.282Z|59|59989|10.30.2.7|8443",
                "2025-05-20T14:05:43.286Z|61|55596|10.30.2.7|8443",
                "2025-05-20T14:10:41.072Z|70|39610|10.30.2.7|8443",
                "2025-05-20T14:10:43.075Z|72|42247|10.30.2.7|8443",
                "2025-05-20T14:15:41.233Z|80|37706|10.30.2.7|8443",
                "2025-05-20T14:15:43.236Z|82|55624|10.30.2.7|8443",
                "2025-05-20T14:20:41.257Z|91|59972|10.30.2.7|8443",
                "2025-05-20T14:20:43.262Z|93|49340|10.30.2.7|8443",
                "2025-05-20T14:25:41.157Z|101|39988|10.30.2.7|8443",
                "2025-05-20T14:25:43.160Z|103|56902|10.30.2.7|8443",
                "2025-05-20T14:30:41.076Z|112|37863|10.30.2.7|8443",
                "2025-05-20T14:30:43.079Z|114|39765|10.30.2.7|8443",
            }));
  EXPECT_EQ(Rows(db_, "SELECT host, role, format, source, src_ip, count(*) FROM resets GROUP BY 1, 2, 3, 4, 5"),
            (std::vector<std::string>{std::string("app21|client|go_log|") + kFprClient + "|10.20.4.21|13"}));
}

TEST_F(FirewallPolicyResetBundleTest, FirewallDeniesAreFwDenyWithActionReasonAndRule) {
  // pa-fw01's Generated Time, as written (23.96 s fast).
  EXPECT_EQ(Rows(db_, "SELECT t.ts || '|' || t.line || '|' || t.src_ip || '|' || t.src_port || '|' || t.dst_port "
                      "|| '|' || json_extract(d.attrs, '$.action') || '|' || json_extract(d.attrs, '$.reason') || "
                      "'|' || json_extract(d.attrs, '$.rule') FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.kind = 'fw_deny' ORDER BY t.ts_us, t.line"),
            (std::vector<std::string>{
                "2025-05-20T13:40:00.000Z|9|10.20.7.73|52171|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T13:41:32.000Z|13|10.20.7.58|58684|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T13:50:33.000Z|26|10.20.7.58|62717|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T13:52:40.000Z|30|10.20.7.61|61873|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T13:54:35.000Z|34|10.20.7.58|59299|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T13:54:58.000Z|36|10.20.7.58|65031|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T14:06:05.000Z|57|10.20.4.21|59989|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:06:07.000Z|58|10.20.4.21|55596|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:11:05.000Z|63|10.20.4.21|39610|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:11:07.000Z|64|10.20.4.21|42247|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:16:05.000Z|73|10.20.4.21|37706|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:16:07.000Z|74|10.20.4.21|55624|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:18:36.000Z|76|10.20.7.73|59130|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T14:21:05.000Z|79|10.20.4.21|59972|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:21:07.000Z|80|10.20.4.21|49340|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:26:05.000Z|86|10.20.4.21|39988|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:26:07.000Z|87|10.20.4.21|56902|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:31:05.000Z|92|10.20.4.21|37863|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:31:07.000Z|93|10.20.4.21|39765|8443|reset-both|policy-deny|cleanup-app-to-data",
                "2025-05-20T14:35:43.000Z|100|10.20.7.73|49585|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T14:45:29.000Z|122|10.20.7.73|63385|3389|reset-both|policy-deny|users-to-data-deny",
                "2025-05-20T15:10:51.000Z|160|10.20.7.58|62226|3389|reset-both|policy-deny|users-to-data-deny",
            }));
  EXPECT_EQ(Rows(db_, "SELECT kind, host, count(*) FROM timeline GROUP BY 1, 2 ORDER BY 1, 2"),
            (std::vector<std::string>{"fw_deny|pa-fw01|22", "idle_timeout|pa-fw01|16", "other|api07|199",
                                      "other|app21|166", "other|pa-fw01|127", "reset|app21|13"}));
}

TEST_F(FirewallPolicyResetBundleTest, EveryBlockedResetHasItsDenyWithTheSameFourTuple) {
  EXPECT_EQ(One(db_, "SELECT count(*) FROM resets r JOIN timeline f ON f.host = 'pa-fw01' AND f.kind = 'fw_deny' "
                     "AND f.src_ip = r.src_ip AND f.src_port = r.src_port AND f.dst_ip = r.dst_ip "
                     "AND f.dst_port = r.dst_port"),
            "12");
  // Raw, every deny is 23-24 s after its reset (whole seconds on the firewall).
  EXPECT_EQ(One(db_, "SELECT (min(f.ts_us - r.ts_us) / 100000) || '|' || (max(f.ts_us - r.ts_us) / 100000) "
                     "FROM resets r JOIN timeline f ON f.host = 'pa-fw01' AND f.kind = 'fw_deny' "
                     "AND f.src_port = r.src_port AND f.src_ip = r.src_ip"),
            "237|239");
  // The unexplained reset's connection (to fx01, same VLAN) never crosses the firewall.
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline WHERE host = 'pa-fw01' AND (src_port = 41267 OR "
                     "dst_ip = '10.20.4.35' OR src_ip = '10.20.4.35')"),
            "0");
}

TEST_F(FirewallPolicyResetBundleTest, AllowedSessionsOfTheClientAreOther) {
  EXPECT_EQ(One(db_, "SELECT group_concat(line, ' ') FROM (SELECT line FROM timeline WHERE host = 'pa-fw01' "
                     "AND src_ip = '10.20.4.21' AND dst_port = 8443 AND kind = 'other' ORDER BY line)"),
            "2 6 16 21 29 40 48 105 117 125 132 138 147 154 163");
}

TEST_F(FirewallPolicyResetBundleTest, NoExplanatoryNoiseNearAReset) {
  // Aged-out UDP sessions and the other RDP resets are more than 45 s from every reset,
  // raw or after moving the firewall's stamps back by 23.96 s; only the decoy is close.
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline f JOIN resets r ON "
                     "(abs(f.ts_us - r.ts_us) < 45000000 OR abs(f.ts_us - 23960000 - r.ts_us) < 45000000) "
                     "WHERE f.host = 'pa-fw01' AND f.kind IN ('idle_timeout', 'fw_deny') "
                     "AND NOT (f.src_ip = r.src_ip AND f.src_port = r.src_port) AND f.src_ip != '10.20.4.21'"),
            "1");
  EXPECT_EQ(One(db_, std::string("SELECT ts || '|' || src_ip || '|' || src_port FROM timeline WHERE source = '") +
                         kFprFw + "' AND line = 30"),
            "2025-05-20T13:52:40.000Z|10.20.7.61|61873");
}

TEST_F(FirewallPolicyResetBundleTest, TheApiNeverSawTheBlockedRequests) {
  EXPECT_EQ(One(db_, std::string("SELECT count(*) FROM timeline WHERE source = '") + kFprNginx +
                         "' AND message LIKE '10.20.4.21 %' AND ts >= '2025-05-20T14:02:13' "
                         "AND ts < '2025-05-20T14:31:40'"),
            "0");
}

TEST_F(FirewallPolicyResetBundleTest, ImportingTheSameBundleAgainAddsNothing) {
  const int64_t before = std::stoll(One(db_, "SELECT count(*) FROM events"));
  const CommandResult again = Rstscope("import -q --db '" + db_ + "' --hosts " + kFprHosts + " " + kFprBundle);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(std::stoll(One(db_, "SELECT count(*) FROM events")), before);
}

}  // namespace
}  // namespace rstscope::e2e
