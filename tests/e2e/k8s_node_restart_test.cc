// Imports sample-logs/k8s-node-restart with the real binary and checks what its
// README says a user should find, exactly: a Go client's resets through a
// Kubernetes NodePort when a rollout SIGKILLs the pod behind it, the node's
// FIN log that anchors its clock (23.684 s ahead), the `kubectl get events -o
// wide` table dated from its archive member's mtime, and a liveness kill on
// another node in the second of the unexplained reset (the decoy).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kK8sBundle[] = "sample-logs/k8s-node-restart/logs";
constexpr char kK8sHosts[] = "sample-logs/k8s-node-restart/hosts";
constexpr char kK8sClient[] =
    "sample-logs/k8s-node-restart/logs/billing01/var/log/ledger-sync/ledger-sync.log";
constexpr char kK8sEvents[] =
    "sample-logs/k8s-node-restart/logs/cluster/shop-events-20241119-1427.tar.gz!/events-wide.txt";
constexpr char kK8sNode2[] = "sample-logs/k8s-node-restart/logs/k8s-node-2/var/log/syslog";
constexpr char kK8sNewPod[] =
    "sample-logs/k8s-node-restart/logs/k8s-node-2/var/log/pods/"
    "shop_orders-api-5f8c7d9b44-q7wzn_b8e2d4f1-0c3a-47b6-9e5d-1a2b3c4d5e6f/orders-api/0.log";
constexpr char kK8sOldPod[] =
    "sample-logs/k8s-node-restart/logs/k8s-node-2/var/log/pods/"
    "shop_orders-api-7d4b9c6f58-x8k2p_3f1a6c2e-8b4d-4e59-a7c1-52d9e0b4f6a8/orders-api/0.log";

class K8sNodeRestartBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/k8s.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ + "' --hosts " + kK8sHosts + " " +
                                        kK8sBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* K8sNodeRestartBundleTest::dir_ = nullptr;
std::string K8sNodeRestartBundleTest::db_;
CommandResult* K8sNodeRestartBundleTest::first_ = nullptr;

TEST_F(K8sNodeRestartBundleTest, ImportSucceedsAndSummarizes) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
  EXPECT_NE(first_->output.find("Imported 363 lines (0.1 MB) from 6 sources in 1 archive in"),
            std::string::npos)
      << first_->output;
  EXPECT_NE(first_->output.find("resets:    6"), std::string::npos) << first_->output;
}

TEST_F(K8sNodeRestartBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  const std::string p = "sample-logs/k8s-node-restart/logs/";
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                p + "billing01/var/log/ledger-sync/ledger-sync.log|file|complete|go_log|billing01|53",
                p + "cluster/shop-events-20241119-1427.tar.gz|archive|complete|NULL|NULL|0",
                std::string(kK8sEvents) + "|member|complete|kubectl_events_table|NULL|42",
                std::string(kK8sNewPod) + "|file|complete|cri|k8s-node-2|9",
                std::string(kK8sOldPod) + "|file|complete|cri|k8s-node-2|41",
                p + "k8s-node-2/var/log/syslog|file|complete|rsyslog|k8s-node-2|158",
                p + "k8s-node-3/var/log/syslog|file|complete|rsyslog|k8s-node-3|60",
            }));
}

TEST_F(K8sNodeRestartBundleTest, NoLineIsLostAndOnlyTheTableHeaderIsUnparsed) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources WHERE container != 'archive'"), "363");
  EXPECT_EQ(Rows(db_, "SELECT source, line, reason FROM unparsed"),
            (std::vector<std::string>{std::string(kK8sEvents) + "|1|directive"}));
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + "
                     "(SELECT count(*) FROM unparsed)"),
            "363");
}

TEST_F(K8sNodeRestartBundleTest, ResetsAreTheClientsErrorsWithTheirFourTuples) {
  const std::string c = std::string("|billing01|client|go_log|") + kK8sClient + "|";
  EXPECT_EQ(Rows(db_, "SELECT ts, host, role, format, source, line, src_ip, src_port, dst_ip, "
                      "dst_port FROM resets ORDER BY ts_us, line"),
            (std::vector<std::string>{
                "2024-11-19T14:20:03.249Z" + c + "26|10.42.0.25|41890|10.42.1.12|30080",
                "2024-11-19T14:20:03.249Z" + c + "28|10.42.0.25|41958|10.42.1.12|30080",
                "2024-11-19T14:20:03.250Z" + c + "30|10.42.0.25|41904|10.42.1.12|30080",
                "2024-11-19T14:20:03.250Z" + c + "32|10.42.0.25|41872|10.42.1.12|30080",
                "2024-11-19T14:20:03.250Z" + c + "34|10.42.0.25|41926|10.42.1.12|30080",
                "2024-11-19T14:24:37.284Z" + c + "46|10.42.0.25|52214|10.42.1.12|30080",
            }));
}

TEST_F(K8sNodeRestartBundleTest, TheNodeLogsTheFinsOfFourResetConnectionsOnItsOwnClock) {
  // The nftables log (after reverse NAT) names the client's 4-tuple the other way round;
  // node-2's clock is 23.684 s ahead. 41872 was reset without a FIN, 44310 got a FIN but
  // no reset, the unexplained 52214 is not in node-2's log at all.
  const std::string n = std::string("|k8s-node-2|netfilter|") + kK8sNode2 + "|";
  EXPECT_EQ(Rows(db_, "SELECT ts, host, format, source, line, src_ip, src_port, dst_ip, dst_port, "
                      "kind FROM timeline WHERE host = 'k8s-node-2' AND dst_ip = '10.42.0.25' "
                      "ORDER BY line"),
            (std::vector<std::string>{
                "2024-11-19T14:20:26.933Z" + n + "110|10.42.1.12|30080|10.42.0.25|41890|other",
                "2024-11-19T14:20:26.933Z" + n + "111|10.42.1.12|30080|10.42.0.25|41904|other",
                "2024-11-19T14:20:26.933Z" + n + "112|10.42.1.12|30080|10.42.0.25|41926|other",
                "2024-11-19T14:20:26.933Z" + n + "113|10.42.1.12|30080|10.42.0.25|41958|other",
                "2024-11-19T14:20:26.933Z" + n + "114|10.42.1.12|30080|10.42.0.25|44310|other",
            }));
  EXPECT_EQ(One(db_, "SELECT count(*) FROM resets r JOIN timeline f ON f.host = 'k8s-node-2' "
                     "AND f.dst_ip = r.src_ip AND f.dst_port = r.src_port AND f.src_ip = r.dst_ip "
                     "AND f.src_port = r.dst_port"),
            "4");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline WHERE format = 'netfilter'"), "118");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline WHERE host = 'k8s-node-2' AND "
                     "(src_port = 52214 OR dst_port = 52214)"),
            "0");
}

TEST_F(K8sNodeRestartBundleTest, EventRowsAreDatedFromTheMemberMtimeMinusTheirAge) {
  // Member mtime 2024-11-19T14:27:40Z; the Killing row's LAST SEEN is 7m23s.
  EXPECT_EQ(Rows(db_, "SELECT count(*), sum(d.time_from_age), sum(d.time_from_previous), "
                      "sum(d.tz_assumed) FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.format = 'kubectl_events_table'"),
            (std::vector<std::string>{"41|41|0|0"}));
  EXPECT_EQ(One(db_, std::string("SELECT t.ts || '|' || d.attrs FROM timeline t JOIN event_details d "
                                 "ON d.id = t.id WHERE t.source = '") +
                         kK8sEvents + "' AND t.line = 36"),
            "2024-11-19T14:20:17.000Z|{\"reason\":\"Killing\",\"type\":\"Normal\",\"object_kind\":"
            "\"pod\",\"count\":1,\"last_seen\":\"7m23s\",\"first_seen\":\"7m23s\",\"subobject\":"
            "\"spec.containers{orders-api}\",\"component\":\"kubelet\",\"name\":"
            "\"orders-api-7d4b9c6f58-x8k2p.1809647c58324b2c\"}");
  // A controller's row names no node; minute-precision ages for the older rows.
  EXPECT_EQ(Rows(db_, std::string("SELECT t.ts, t.host, t.process, json_extract(d.attrs, "
                                  "'$.last_seen'), t.message FROM timeline t JOIN event_details d "
                                  "ON d.id = t.id WHERE t.source = '") +
                          kK8sEvents + "' AND t.line IN (7, 39) ORDER BY t.line"),
            (std::vector<std::string>{
                "2024-11-19T14:00:40.000Z|NULL|ledger-compaction-28867080-bgvrb|27m|Successfully "
                "assigned shop/ledger-compaction-28867080-bgvrb to k8s-node-3",
                "2024-11-19T14:19:22.000Z|NULL|orders-api|8m18s|Scaled up replica set "
                "orders-api-5f8c7d9b44 to 1 from 0",
            }));
}

TEST_F(K8sNodeRestartBundleTest, ExplanatoryEventsAreTheTableRowsAndTheSpringStarts) {
  const std::string e = std::string("|") + kK8sEvents + "|";
  EXPECT_EQ(Rows(db_, "SELECT t.kind, t.ts, t.host, t.process, d.rule, t.source, t.line "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.kind NOT IN ('other', 'reset') ORDER BY t.ts_us, t.source, t.line"),
            (std::vector<std::string>{
                "start|2024-11-19T06:02:18.309Z|k8s-node-2|NULL|spring_boot_started|" +
                    std::string(kK8sOldPod) + "|8",
                "start|2024-11-19T14:00:40.000Z|k8s-node-3|ledger-compaction-28867080-bgvrb|"
                "k8s_event_Started" + e + "10",
                "start|2024-11-19T14:15:40.000Z|k8s-node-3|ledger-compaction-28867095-d9d8s|"
                "k8s_event_Started" + e + "16",
                "start|2024-11-19T14:19:47.000Z|k8s-node-2|orders-api-5f8c7d9b44-q7wzn|"
                "k8s_event_Started" + e + "32",
                "start|2024-11-19T14:19:52.789Z|k8s-node-2|NULL|spring_boot_started|" +
                    std::string(kK8sNewPod) + "|8",
                "start|2024-11-19T14:19:56.000Z|k8s-node-3|orders-api-5f8c7d9b44-hb6dm|"
                "k8s_event_Started" + e + "27",
                // the cause of the 5 resets at 14:20:03.25 (node-2 time: 23.684 s ahead)
                "stop|2024-11-19T14:20:17.000Z|k8s-node-2|orders-api-7d4b9c6f58-x8k2p|"
                "k8s_event_Killing" + e + "36",
                "stop|2024-11-19T14:20:26.000Z|k8s-node-3|orders-api-7d4b9c6f58-k5jzr|"
                "k8s_event_Killing" + e + "35",
                // the decoy on node-3, in the second of the unexplained reset
                "unhealthy|2024-11-19T14:24:36.000Z|k8s-node-3|cart-api-6b9f7c5d8-m4tqz|"
                "k8s_event_Unhealthy" + e + "2",
                "stop|2024-11-19T14:24:37.000Z|k8s-node-3|cart-api-6b9f7c5d8-m4tqz|"
                "k8s_event_Killing" + e + "3",
                "start|2024-11-19T14:24:38.000Z|k8s-node-3|cart-api-6b9f7c5d8-m4tqz|"
                "k8s_event_Started" + e + "6",
            }));
}

TEST_F(K8sNodeRestartBundleTest, TheKillOnTheNodeIsLoggedButNotClassified) {
  // kubelet and containerd name the kill in node time; no rule classifies them yet.
  EXPECT_EQ(Rows(db_, std::string("SELECT ts, kind, line FROM timeline WHERE source = '") +
                          kK8sNode2 + "' AND line IN (102, 104, 109, 115) ORDER BY line"),
            (std::vector<std::string>{
                "2024-11-19T14:20:16.917Z|other|102",
                "2024-11-19T14:20:16.920Z|other|104",
                "2024-11-19T14:20:26.932Z|other|109",
                "2024-11-19T14:20:26.947Z|other|115",
            }));
  const std::string killing = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                           kK8sNode2 + "' AND line = 102");
  EXPECT_NE(killing.find("\"Killing container with a grace period\" pod=\"shop/"
                         "orders-api-7d4b9c6f58-x8k2p\""),
            std::string::npos)
      << killing;
  EXPECT_NE(killing.find("gracePeriod=10"), std::string::npos) << killing;
  const std::string kill = One(db_, std::string("SELECT message FROM timeline WHERE source = '") +
                                        kK8sNode2 + "' AND line = 109");
  EXPECT_NE(kill.find("level=info msg=\"Kill container \\\""), std::string::npos) << kill;
}

}  // namespace
}  // namespace rstscope::e2e
