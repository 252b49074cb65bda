// Imports sample-logs/tls-handshake-refused with the real binary and checks what
// its README says a user should find, exactly: an old .NET Framework client whose
// TLS 1.0 handshakes web05 refuses after a hardening change (SChannel 36874/36888
// in a UTF-16 wevtutil export, web05's clock 13.08 s fast), host firewall logs on
// both sides with the same 4-tuples, one unexplained reset and a decoy on web06.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kThrBundle[] = "sample-logs/tls-handshake-refused/logs";
constexpr char kThrHosts[] = "sample-logs/tls-handshake-refused/hosts";
constexpr char kThrClient[] = "sample-logs/tls-handshake-refused/logs/app05/InvoiceSync/logs/InvoiceSync.log";
constexpr char kThrAppFw[] = "sample-logs/tls-handshake-refused/logs/app05/Firewall/pfirewall.log";
constexpr char kThrWebFw[] = "sample-logs/tls-handshake-refused/logs/web05/Firewall/pfirewall.log";
constexpr char kThrSystem[] = "sample-logs/tls-handshake-refused/logs/web05/eventlogs/System.txt";
constexpr char kThrW3c[] = "sample-logs/tls-handshake-refused/logs/web05/W3SVC2/u_ex250312.log";
constexpr char kThrWeb06[] = "sample-logs/tls-handshake-refused/logs/web06/eventlogs/System.csv";

class TlsHandshakeRefusedBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/thr.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ + "' --hosts " + kThrHosts + " " + kThrBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* TlsHandshakeRefusedBundleTest::dir_ = nullptr;
std::string TlsHandshakeRefusedBundleTest::db_;
CommandResult* TlsHandshakeRefusedBundleTest::first_ = nullptr;

TEST_F(TlsHandshakeRefusedBundleTest, ImportSucceeds) { EXPECT_EQ(first_->exit_code, 0) << first_->output; }

TEST_F(TlsHandshakeRefusedBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                std::string(kThrAppFw) + "|file|complete|windows_firewall|app05|175",
                std::string(kThrClient) + "|file|complete|logback|app05|445",
                std::string(kThrWebFw) + "|file|complete|windows_firewall|web05|185",
                std::string(kThrW3c) + "|file|complete|iis_w3c|web05|216",
                std::string(kThrSystem) + "|file|complete|wevtutil_text|web05|660",
                std::string(kThrWeb06) + "|file|complete|windows_event_csv|web06|15",
            }));
}

TEST_F(TlsHandshakeRefusedBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources"), "1696");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + (SELECT count(*) FROM unparsed)"), "1696");
}

TEST_F(TlsHandshakeRefusedBundleTest, UnparsedLinesAreDirectivesAndBlanks) {
  // 4 directives + 1 blank line per pfirewall.log, two IIS header blocks of 4,
  // the blank line closing each of the 43 Event[N] blocks, web06's CSV header.
  EXPECT_EQ(Rows(db_, "SELECT reason, count(*) FROM unparsed GROUP BY reason ORDER BY reason"),
            (std::vector<std::string>{"blank line|45", "directive|17"}));
  EXPECT_EQ(One(db_, std::string("SELECT count(*) FROM unparsed WHERE source = '") + kThrSystem +
                         "' AND reason = 'blank line'"),
            "43");
}

TEST_F(TlsHandshakeRefusedBundleTest, ResetsAreTheFifteenInvoiceSyncErrors) {
  EXPECT_EQ(Rows(db_, "SELECT ts || '|' || line FROM resets ORDER BY ts_us"),
            (std::vector<std::string>{
                "2025-03-12T05:45:00.894Z|11",
                "2025-03-12T06:05:00.034Z|57",
                "2025-03-12T06:05:15.049Z|82",
                "2025-03-12T06:10:00.027Z|109",
                "2025-03-12T06:10:15.042Z|134",
                "2025-03-12T06:15:00.042Z|161",
                "2025-03-12T06:15:15.053Z|186",
                "2025-03-12T06:20:00.030Z|213",
                "2025-03-12T06:20:15.044Z|238",
                "2025-03-12T06:25:00.042Z|265",
                "2025-03-12T06:25:15.054Z|290",
                "2025-03-12T06:30:00.046Z|317",
                "2025-03-12T06:30:15.059Z|342",
                "2025-03-12T06:35:00.027Z|369",
                "2025-03-12T06:35:15.043Z|394",
            }));
  EXPECT_EQ(Rows(db_, "SELECT host, role, format, source, count(*) FROM resets GROUP BY 1, 2, 3, 4"),
            (std::vector<std::string>{std::string("app05|client|logback|") + kThrClient + "|15"}));
  // The first one is on a receive (TLS 1.0 still worked), the others on a send (handshake).
  const std::string first = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                         kThrClient + "' AND line = 11");
  EXPECT_NE(first.find("An unexpected error occurred on a receive."), std::string::npos) << first;
  const std::string hs = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                      kThrClient + "' AND line = 57");
  EXPECT_NE(hs.find("An unexpected error occurred on a send. ---> System.IO.IOException: Unable to read data "
                    "from the transport connection: An existing connection was forcibly closed by the remote "
                    "host."),
            std::string::npos)
      << hs;
  EXPECT_NE(hs.find("billing-api.corp.example"), std::string::npos) << hs;
}

TEST_F(TlsHandshakeRefusedBundleTest, RefusalsDuringTheRebootAreNotResets) {
  EXPECT_EQ(Rows(db_, std::string("SELECT kind, ts, line FROM timeline WHERE source = '") + kThrClient +
                          "' AND kind NOT IN ('other', 'reset') ORDER BY ts_us"),
            (std::vector<std::string>{"refused|2025-03-12T06:00:01.057Z|37", "refused|2025-03-12T06:00:17.091Z|46"}));
}

TEST_F(TlsHandshakeRefusedBundleTest, Web05SchannelEventsAreTlsErrorsInItsOwnClock) {
  // web05's stamps are 13.08 s fast: each pair is logged 13.07-13.08 s after its reset.
  EXPECT_EQ(Rows(db_, "SELECT t.ts || '|' || t.line || '|' || json_extract(d.attrs, '$.event_id') "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.host = 'web05' AND t.kind = 'tls_error' ORDER BY t.ts_us, t.line"),
            (std::vector<std::string>{
                "2025-03-12T06:05:13.110Z|188|36874",
                "2025-03-12T06:05:13.111Z|203|36888",
                "2025-03-12T06:05:28.126Z|218|36874",
                "2025-03-12T06:05:28.126Z|233|36888",
                "2025-03-12T06:10:13.101Z|248|36874",
                "2025-03-12T06:10:13.102Z|263|36888",
                "2025-03-12T06:10:28.118Z|278|36874",
                "2025-03-12T06:10:28.119Z|293|36888",
                "2025-03-12T06:15:13.119Z|327|36874",
                "2025-03-12T06:15:13.120Z|342|36888",
                "2025-03-12T06:15:28.130Z|357|36874",
                "2025-03-12T06:15:28.131Z|372|36888",
                "2025-03-12T06:20:13.106Z|387|36874",
                "2025-03-12T06:20:13.106Z|402|36888",
                "2025-03-12T06:20:28.121Z|417|36874",
                "2025-03-12T06:20:28.121Z|432|36888",
                "2025-03-12T06:25:13.117Z|447|36874",
                "2025-03-12T06:25:13.118Z|462|36888",
                "2025-03-12T06:25:28.128Z|477|36874",
                "2025-03-12T06:25:28.128Z|492|36888",
                "2025-03-12T06:30:13.120Z|507|36874",
                "2025-03-12T06:30:13.121Z|522|36888",
                "2025-03-12T06:30:28.135Z|537|36874",
                "2025-03-12T06:30:28.136Z|552|36888",
                "2025-03-12T06:35:13.104Z|567|36874",
                "2025-03-12T06:35:13.104Z|582|36888",
                "2025-03-12T06:35:28.118Z|597|36874",
                "2025-03-12T06:35:28.119Z|612|36888",
            }));
  EXPECT_EQ(One(db_, std::string("SELECT process FROM timeline WHERE source = '") + kThrSystem + "' AND line = 188"),
            "Schannel");
  EXPECT_EQ(One(db_, std::string("SELECT message FROM timeline WHERE source = '") + kThrSystem + "' AND line = 188"),
            "An TLS 1.0 connection request was received from a remote client application, but none of the cipher "
            "suites supported by the client application are supported by the server. The TLS connection request "
            "has failed.");
}

TEST_F(TlsHandshakeRefusedBundleTest, TheRebootAndServiceStartsAreLongBeforeTheFirstHandshakeReset) {
  EXPECT_EQ(Rows(db_, std::string("SELECT kind, ts, process, line FROM timeline WHERE source = '") + kThrSystem +
                          "' AND kind NOT IN ('other', 'tls_error') ORDER BY ts_us"),
            (std::vector<std::string>{
                "start|2025-03-12T06:00:14.610Z|Windows Process Activation Service|128",
                "start|2025-03-12T06:00:46.800Z|World Wide Web Publishing Service|143",
            }));
  const std::string reboot =
      One(db_, std::string("SELECT ts || '|' || message FROM timeline WHERE source = '") + kThrSystem + "' AND line = 65");
  EXPECT_EQ(reboot.rfind("2025-03-12T05:58:44.284Z|", 0), 0u) << reboot;
  EXPECT_NE(reboot.find("CHG0041876"), std::string::npos) << reboot;
}

TEST_F(TlsHandshakeRefusedBundleTest, TheDecoyIsOnWeb06) {
  EXPECT_EQ(Rows(db_, "SELECT t.ts || '|' || t.line || '|' || json_extract(d.attrs, '$.event_id') "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.host = 'web06' AND t.kind != 'other' ORDER BY t.line"),
            (std::vector<std::string>{
                "2025-03-12T05:45:00.000Z|8|36888", "2025-03-12T05:45:00.000Z|9|36874",
                "2025-03-12T05:45:00.000Z|10|36888", "2025-03-12T05:45:00.000Z|11|36874",
                "2025-03-12T05:45:00.000Z|12|36888", "2025-03-12T05:45:00.000Z|13|36874",
            }));
  EXPECT_EQ(One(db_, "SELECT group_concat(DISTINCT kind) FROM timeline WHERE host = 'web06' AND kind = 'tls_error'"),
            "tls_error");
}

TEST_F(TlsHandshakeRefusedBundleTest, BothFirewallLogsCarryTheInvoiceSyncFourTuples) {
  // 28 connections in both logs (SEND on app05, RECEIVE on web05) + 2 refused attempts on app05 only.
  EXPECT_EQ(Rows(db_, "SELECT host, count(*) FROM timeline WHERE format = 'windows_firewall' AND "
                      "src_ip = '10.40.2.15' AND dst_ip = '10.40.1.21' AND dst_port = 443 GROUP BY host ORDER BY host"),
            (std::vector<std::string>{"app05|30", "web05|28"}));
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline a JOIN timeline w ON w.src_port = a.src_port "
                     "AND w.src_ip = a.src_ip AND w.dst_port = 443 AND w.host = 'web05' AND w.format = 'windows_firewall' "
                     "WHERE a.host = 'app05' AND a.format = 'windows_firewall' AND a.dst_ip = '10.40.1.21'"),
            "28");
  // Every anchor is 13 whole seconds apart (web05 - app05).
  EXPECT_EQ(One(db_, "SELECT group_concat(DISTINCT (w.ts_us / 1000000) - (a.ts_us / 1000000)) FROM timeline a "
                     "JOIN timeline w ON w.src_port = a.src_port AND w.src_ip = a.src_ip AND w.host = 'web05' "
                     "AND w.format = 'windows_firewall' WHERE a.host = 'app05' AND a.format = 'windows_firewall' "
                     "AND a.dst_ip = '10.40.1.21' AND a.dst_port = 443"),
            "13");
  // The dropped broadcasts are fw_deny, on both hosts, none within a minute of a reset.
  EXPECT_EQ(Rows(db_, "SELECT host, count(*) FROM timeline WHERE kind = 'fw_deny' GROUP BY host ORDER BY host"),
            (std::vector<std::string>{"app05|14", "web05|14"}));
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline f JOIN resets r ON abs(f.ts_us - r.ts_us) < 45000000 "
                     "WHERE f.kind = 'fw_deny'"),
            "0");
}

TEST_F(TlsHandshakeRefusedBundleTest, FailedHandshakesNeverReachIis) {
  EXPECT_EQ(One(db_, std::string("SELECT count(*) FROM timeline WHERE source = '") + kThrW3c +
                         "' AND message LIKE '% 10.40.2.15 %' AND ts >= '2025-03-12T06:05' AND ts < '2025-03-12T06:40'"),
            "0");
}

TEST_F(TlsHandshakeRefusedBundleTest, ImportingTheSameBundleAgainAddsNothing) {
  const int64_t before = std::stoll(One(db_, "SELECT count(*) FROM events"));
  const CommandResult again = Rstscope("import -q --db '" + db_ + "' --hosts " + kThrHosts + " " + kThrBundle);
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(std::stoll(One(db_, "SELECT count(*) FROM events")), before);
}

}  // namespace
}  // namespace rstscope::e2e
