// Imports sample-logs/server-overload with the real binary and checks what its
// README says a user should find, exactly: nginx on gw01 runs out of its 768
// worker_connections three times (its clock 21.37 s fast) and its Go, Java and
// curl clients get RSTs in their TLS handshakes; app21 logs the SYN of every
// connection (the skew anchors); gw02 logs one reset from its uncollected
// upstream; one reset is unexplained, with a conntrack-full decoy on gw02.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kSoBundle[] = "sample-logs/server-overload/logs";
constexpr char kSoHosts[] = "sample-logs/server-overload/hosts";
constexpr char kSoCheckout[] =
    "sample-logs/server-overload/logs/app21/var/log/checkout/checkout.log";
constexpr char kSoKern[] = "sample-logs/server-overload/logs/app21/var/log/kern.log";
constexpr char kSoShipping[] =
    "sample-logs/server-overload/logs/app22/var/log/shipping/shipping.log";
constexpr char kSoBatch[] = "sample-logs/server-overload/logs/batch03/var/log/syslog";
constexpr char kSoGw01Error[] = "sample-logs/server-overload/logs/gw01/var/log/nginx/error.log";
constexpr char kSoGw01Syslog[] = "sample-logs/server-overload/logs/gw01/var/log/syslog";
constexpr char kSoGw02Error[] = "sample-logs/server-overload/logs/gw02/var/log/nginx/error.log";
constexpr char kSoGw02Syslog[] = "sample-logs/server-overload/logs/gw02/var/log/syslog";

class ServerOverloadBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/so.db";
    first_ = new CommandResult(
        Rstscope("import -q --db '" + db_ + "' --hosts " + kSoHosts + " " + kSoBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* ServerOverloadBundleTest::dir_ = nullptr;
std::string ServerOverloadBundleTest::db_;
CommandResult* ServerOverloadBundleTest::first_ = nullptr;

std::string At(const char* source, int line) {
  return std::string("source = '") + source + "' AND line = " + std::to_string(line);
}

TEST_F(ServerOverloadBundleTest, ImportSucceedsAndSummarizes) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
  EXPECT_NE(first_->output.find("Imported 1,349 lines (0.2 MB) from 11 sources in"),
            std::string::npos)
      << first_->output;
  EXPECT_NE(first_->output.find("resets:    9"), std::string::npos) << first_->output;
}

TEST_F(ServerOverloadBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  const std::string p = "sample-logs/server-overload/logs/";
  EXPECT_EQ(Rows(db_,
                 "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                 "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                p + "app21/var/log/checkout/checkout.log|file|complete|go_log|app21|148",
                p + "app21/var/log/kern.log|file|complete|rsyslog|app21|142",
                p + "app22/var/log/shipping/shipping.log|file|complete|logback|app22|138",
                p + "batch03/var/log/syslog|file|complete|rsyslog|batch03|106",
                p + "gw01/var/log/auth.log|file|complete|rsyslog|gw01|52",
                p + "gw01/var/log/nginx/access.log|file|complete|access_log|gw01|434",
                p + "gw01/var/log/nginx/error.log|file|complete|nginx_error|gw01|88",
                p + "gw01/var/log/syslog|file|complete|rsyslog|gw01|39",
                p + "gw02/var/log/nginx/access.log|file|complete|access_log|gw02|143",
                p + "gw02/var/log/nginx/error.log|file|complete|nginx_error|gw02|17",
                p + "gw02/var/log/syslog|file|complete|rsyslog|gw02|42",
            }));
}

TEST_F(ServerOverloadBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources"), "1349");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM unparsed"), "0");
  EXPECT_EQ(
      One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + (SELECT count(*) FROM unparsed)"),
      "1349");
}

TEST_F(ServerOverloadBundleTest, ShippingStackTracesAreJoinedToTheirRecord) {
  EXPECT_EQ(One(db_, std::string("SELECT count(*) || '|' || sum(d.nlines) FROM timeline t "
                                 "JOIN event_details d ON d.id = t.id WHERE t.source = '") +
                         kSoShipping + "'"),
            "58|138");
  EXPECT_EQ(Rows(db_,
                 "SELECT r.line, d.nlines FROM resets r JOIN event_details d ON d.id = r.id "
                 "WHERE r.host = 'app22' ORDER BY r.line"),
            (std::vector<std::string>{"20|41", "81|41"}));
}

TEST_F(ServerOverloadBundleTest, ResetsAreTheClientErrorsAndTheProxysUpstreamReset) {
  const std::string go = std::string("|app21|client|go_log|") + kSoCheckout + "|";
  const std::string java = std::string("|app22|client|logback|") + kSoShipping + "|";
  EXPECT_EQ(Rows(db_,
                 "SELECT ts, host, role, format, source, line, src_ip, src_port, dst_ip, dst_port "
                 "FROM resets ORDER BY ts_us, source, line"),
            (std::vector<std::string>{
                "2024-11-20T14:07:37.886Z" + go + "43|10.40.0.21|38148|10.40.0.11|443",
                "2024-11-20T14:07:39.889Z" + go + "45|10.40.0.21|51648|10.40.0.11|443",
                "2024-11-20T14:07:40.902Z" + java + "20|NULL|NULL|NULL|NULL",
                "2024-11-20T14:22:40.882Z" + go + "73|10.40.0.21|52966|10.40.0.11|443",
                // price-sync's curl error reaches syslog through logger: the format's
                // default role (server) is kept.
                std::string("2024-11-20T14:22:41.883Z|batch03|server|rsyslog|") + kSoBatch +
                    "|57|NULL|NULL|NULL|NULL",
                std::string("2024-11-20T14:32:19.000Z|gw02|proxy|nginx_error|") + kSoGw02Error +
                    "|11|10.40.0.31|NULL|10.40.0.61|8080",
                "2024-11-20T14:37:38.883Z" + java + "81|NULL|NULL|NULL|NULL",
                "2024-11-20T14:37:41.905Z" + go + "99|10.40.0.21|33840|10.40.0.11|443",
                "2024-11-20T14:58:13.702Z" + go + "135|10.40.0.21|47750|10.40.0.11|443",
            }));
}

TEST_F(ServerOverloadBundleTest, TheClientMessagesAreVerbatim) {
  EXPECT_EQ(
      One(db_, std::string("SELECT message FROM timeline WHERE ") + At(kSoCheckout, 43)),
      "order 771300: reserve stock: Post \"https://api.corp.example/v1/stock/reserve\": read tcp "
      "10.40.0.21:38148->10.40.0.11:443: read: connection reset by peer");
  const std::string java =
      One(db_, std::string("SELECT message FROM timeline WHERE ") + At(kSoShipping, 20));
  EXPECT_NE(
      java.find(
          "org.springframework.web.client.ResourceAccessException: I/O error on POST request for "
          "\"https://api.corp.example/v1/shipments/labels\": Connection reset"),
      std::string::npos)
      << java;
  EXPECT_NE(java.find("Caused by: java.net.SocketException: Connection reset"), std::string::npos)
      << java;
  const std::string curl =
      One(db_, std::string("SELECT message FROM timeline WHERE ") + At(kSoBatch, 57));
  EXPECT_EQ(curl.find("curl: (35) OpenSSL SSL_connect: Connection reset by peer in connection to "
                      "api.corp.example:443"),
            0u)
      << curl;
}

TEST_F(ServerOverloadBundleTest, EveryGoResetHasItsSynInTheEgressLog) {
  EXPECT_EQ(One(db_, std::string("SELECT count(*) FROM timeline WHERE source = '") + kSoKern +
                         "' AND format = 'netfilter' AND kind = 'other' AND src_ip = '10.40.0.21' "
                         "AND dst_ip = '10.40.0.11' AND dst_port = 443"),
            "142");
  EXPECT_EQ(Rows(db_,
                 "SELECT r.src_port, n.line, n.ts FROM resets r JOIN timeline n "
                 "ON n.format = 'netfilter' AND n.src_port = r.src_port AND n.dst_ip = r.dst_ip "
                 "WHERE r.host = 'app21' ORDER BY r.ts_us"),
            (std::vector<std::string>{
                "38148|42|2024-11-20T14:07:37.884Z",
                "51648|43|2024-11-20T14:07:39.887Z",
                "52966|70|2024-11-20T14:22:40.880Z",
                "33840|95|2024-11-20T14:37:41.903Z",
                "47750|130|2024-11-20T14:58:13.700Z",
            }));
}

TEST_F(ServerOverloadBundleTest, ExplanatoryEventsAreTheOverloadTheReloadAndTheDecoy) {
  const std::string d = "|2024-11-20T";
  EXPECT_EQ(
      Rows(db_,
           "SELECT kind, host, format, process, pid, count(*), min(ts), max(ts), min(line), "
           "max(line) FROM timeline WHERE kind NOT IN ('other', 'reset') "
           "GROUP BY kind, host, format, process, pid ORDER BY min(ts_us)"),
      (std::vector<std::string>{
          "start|app22|logback|shipping|2231|1" + d + "12:40:00.812Z" + d + "12:40:00.812Z|1|1",
          "overload|gw01|nginx_error|nginx|1187|81" + d + "14:07:57.000Z" + d +
              "14:38:05.000Z|3|86",
          "restart|gw01|rsyslog|systemd|1|2" + d + "14:46:52.772Z" + d + "14:46:52.813Z|30|31",
          "overload|gw02|rsyslog|kernel|NULL|4" + d + "14:58:11.402Z" + d + "14:58:16.406Z|34|38",
      }));
}

TEST_F(ServerOverloadBundleTest, Gw01LogsThreeEpisodesOfWarningsAndAlerts) {
  // 15 "reusing connections" warnings and 66 alerts; 7 other warnings (buffering).
  EXPECT_EQ(
      Rows(db_, std::string("SELECT kind, severity, count(*) FROM timeline WHERE source = '") +
                    kSoGw01Error + "' GROUP BY kind, severity ORDER BY kind, severity"),
      (std::vector<std::string>{"other|warning|7", "overload|alert|66", "overload|warning|15"}));
  const std::string d = "|2024-11-20T";
  EXPECT_EQ(
      Rows(db_, std::string("SELECT count(*), min(line), max(line), min(ts), max(ts) FROM timeline "
                            "WHERE kind = 'overload' AND source = '") +
                    kSoGw01Error + "' GROUP BY substr(ts, 1, 15) ORDER BY min(ts_us)"),
      (std::vector<std::string>{
          "28|3|30" + d + "14:07:57.000Z" + d + "14:08:05.000Z",
          "26|33|58" + d + "14:22:57.000Z" + d + "14:23:03.000Z",
          "27|60|86" + d + "14:37:58.000Z" + d + "14:38:05.000Z",
      }));
  EXPECT_EQ(One(db_, std::string("SELECT severity || '|' || message FROM timeline WHERE ") +
                         At(kSoGw01Error, 3)),
            "alert|768 worker_connections are not enough");
  EXPECT_EQ(One(db_, std::string("SELECT severity || '|' || message FROM timeline WHERE ") +
                         At(kSoGw01Error, 6)),
            "warning|768 worker_connections are not enough, reusing connections");
}

TEST_F(ServerOverloadBundleTest, EachResetsAlertIsAloneInItsSecond) {
  // The alert nginx logged for each reset connection (expected-causes.tsv), by gw01's
  // fast clock; no other overload line shares its second.
  const std::string m = "|alert|768 worker_connections are not enough|1";
  EXPECT_EQ(
      Rows(db_, std::string(
                    "SELECT t.line, t.ts, t.severity, t.message, (SELECT count(*) FROM timeline o "
                    "WHERE o.kind = 'overload' AND o.host = 'gw01' AND o.ts = t.ts) "
                    "FROM timeline t WHERE t.source = '") +
                    kSoGw01Error + "' AND t.line IN (11, 17, 18, 57, 58, 68, 79) ORDER BY t.line"),
      (std::vector<std::string>{
          "11|2024-11-20T14:07:59.000Z" + m,
          "17|2024-11-20T14:08:01.000Z" + m,
          "18|2024-11-20T14:08:02.000Z" + m,
          "57|2024-11-20T14:23:02.000Z" + m,
          "58|2024-11-20T14:23:03.000Z" + m,
          "68|2024-11-20T14:38:00.000Z" + m,
          "79|2024-11-20T14:38:03.000Z" + m,
      }));
}

TEST_F(ServerOverloadBundleTest, TheReloadIsARestartOfGw01) {
  EXPECT_EQ(Rows(db_, std::string("SELECT kind, ts, message FROM timeline WHERE source = '") +
                          kSoGw01Syslog + "' AND line IN (30, 31) ORDER BY line"),
            (std::vector<std::string>{
                "restart|2024-11-20T14:46:52.772Z|Reloading nginx.service - A high performance web "
                "server and "
                "a reverse proxy server...",
                "restart|2024-11-20T14:46:52.813Z|Reloaded nginx.service - A high performance web "
                "server and "
                "a reverse proxy server.",
            }));
}

TEST_F(ServerOverloadBundleTest, TheUpstreamResetNamesItsUpstream) {
  EXPECT_EQ(
      One(db_, std::string("SELECT message FROM timeline WHERE ") + At(kSoGw02Error, 11)),
      "recv() failed (104: Connection reset by peer) while reading response header from upstream, "
      "client: 10.40.0.31, server: pricing.corp.example, request: \"GET "
      "/pricing/v2/export?since=2024-11-20T14:27:00Z HTTP/1.1\", upstream: "
      "\"http://10.40.0.61:8080/pricing/v2/export?since=2024-11-20T14:27:00Z\", host: "
      "\"pricing.corp.example\"");
}

TEST_F(ServerOverloadBundleTest, TheDecoyIsConntrackFullOnGw02) {
  EXPECT_EQ(
      Rows(db_,
           std::string("SELECT line, kind, ts, process, message FROM timeline WHERE source = '") +
               kSoGw02Syslog + "' AND line BETWEEN 34 AND 38 ORDER BY line"),
      (std::vector<std::string>{
          "34|overload|2024-11-20T14:58:11.402Z|kernel|nf_conntrack: nf_conntrack: table full, "
          "dropping packet",
          "35|overload|2024-11-20T14:58:11.406Z|kernel|nf_conntrack: nf_conntrack: table full, "
          "dropping packet",
          "36|overload|2024-11-20T14:58:11.411Z|kernel|nf_conntrack: nf_conntrack: table full, "
          "dropping packet",
          "37|other|2024-11-20T14:58:16.406Z|kernel|net_ratelimit: 2187 callbacks suppressed",
          "38|overload|2024-11-20T14:58:16.406Z|kernel|nf_conntrack: nf_conntrack: table full, "
          "dropping packet",
      }));
  // Nothing explanatory on gw01 within a minute of the unexplained reset (gw01's clock).
  EXPECT_EQ(
      One(db_,
          "SELECT count(*) FROM timeline WHERE host = 'gw01' AND kind NOT IN ('other', 'reset') "
          "AND ts BETWEEN '2024-11-20T14:57:35' AND '2024-11-20T14:59:35'"),
      "0");
}

TEST_F(ServerOverloadBundleTest, TheCurl502IsNotAReset) {
  EXPECT_EQ(
      One(db_, std::string("SELECT kind || '|' || ts || '|' || message FROM timeline WHERE ") +
                   At(kSoBatch, 69)),
      "other|2024-11-20T14:32:19.806Z|curl: (22) The requested URL returned error: 502");
}

}  // namespace
}  // namespace rstscope::e2e
