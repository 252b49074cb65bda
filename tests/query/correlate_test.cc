#include "query/correlate.h"
#include "query/enrichment.h"
#include "query/request_anchors.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "store/schema.h"

namespace rstscope::query {
namespace {

// 2024-11-05T13:00:00Z in microseconds.
constexpr int64_t kT0 = 1730811600LL * 1000000;
constexpr int64_t kSec = 1000000;

// A timeline built row by row: hosts, their addresses, and events with the
// fields the correlation reads.
class CorrelateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rstscope-correlate-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Db::Open(dir_ + "/c.db", store::Db::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(store::EnsureSchema(db_.get()).ok());
    Exec("INSERT INTO import_runs(id, started_us, status) VALUES (1, 0, 'done')");
    const char* kinds[] = {"other",   "reset",   "client_abort", "refused",   "oom_kill",
                           "crash",   "stop",    "start",        "restart",   "timeout",
                           "overload", "tls_error", "backend_down", "unhealthy", "idle_timeout",
                           "fw_reset", "fw_deny"};
    for (const char* k : kinds) Exec(std::string("INSERT INTO kinds(name) VALUES ('") + k + "')");
  }
  void TearDown() override {
    db_.reset();
    std::system(("rm -rf " + dir_).c_str());
  }

  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Exec(sql).ok()) << sql; }

  // A host with its addresses (IPs and names), and one source for its logs.
  void Host(const std::string& name, const std::vector<std::string>& addresses) {
    Exec("INSERT INTO hosts(name) VALUES ('" + name + "')");
    for (const std::string& a : addresses) {
      Exec("INSERT INTO host_addresses(address, host_id) SELECT '" + a +
           "', id FROM hosts WHERE name = '" + name + "'");
    }
    Exec("INSERT INTO sources(run_id, name, container, status, host_id) SELECT 1, '" + name +
         ".log', 'file', 'complete', id FROM hosts WHERE name = '" + name + "'");
  }

  struct Ev {
    std::string host = {};
    int64_t ts_us = 0;
    std::string kind = {};
    std::string text = {};
    int role = 0;  // 1 client, 2 server, 3 proxy, 4 firewall
    std::string process = {};
    std::string src_ip = {};
    int src_port = 0;
    std::string dst_ip = {};
    int dst_port = 0;
    std::string attrs = {};
  };

  // Inserts `e`; returns its id. Each source's lines are numbered in order.
  int64_t Add(const Ev& e) {
    if (!e.process.empty()) {
      Exec("INSERT OR IGNORE INTO processes(name) VALUES ('" + e.process + "')");
    }
    auto q = [](const std::string& s) { return s.empty() ? std::string("NULL") : "'" + s + "'"; };
    auto n = [](int v) { return v == 0 ? std::string("NULL") : std::to_string(v); };
    const std::string sql =
        "INSERT INTO events(ts_us, host_id, role, kind_id, process_id, src_ip, src_port, dst_ip, "
        "dst_port, source_id, line, text, msg_off, attrs) SELECT " +
        std::to_string(e.ts_us) + ", h.id, " + n(e.role) +
        ", (SELECT id FROM kinds WHERE name = " + q(e.kind) +
        "), (SELECT id FROM processes WHERE name = " + q(e.process) + "), " + q(e.src_ip) + ", " +
        n(e.src_port) + ", " + q(e.dst_ip) + ", " + n(e.dst_port) +
        ", s.id, (SELECT count(*) + 1 FROM events WHERE source_id = s.id), " + q(e.text) + ", 0, " +
        q(e.attrs) + " FROM hosts h JOIN sources s ON s.host_id = h.id WHERE h.name = " +
        q(e.host);
    EXPECT_TRUE(db_->Exec(sql).ok()) << sql;
    return db_->LastInsertRowid();
  }

  CorrelateStats Correlate(CorrelateOptions options = {}) {
    auto stats = query::Correlate(db_.get(), options);
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : CorrelateStats{};
  }

  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> out;
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status();
    if (!st.ok()) return out;
    while (true) {
      auto row = st->Step();
      EXPECT_TRUE(row.ok());
      if (!row.ok() || !*row) break;
      std::string line;
      for (int i = 0; i < st->ColumnCount(); ++i) {
        if (i > 0) line += "|";
        line += std::string(st->ColumnText(i));
      }
      out.push_back(line);
    }
    return out;
  }

  // Four connections of client02 (10.30.0.21) through lb01 (10.30.0.10),
  // each logged by both a minute before kT0; lb01's clock is `lb_offset_us`
  // ahead, so they anchor its clock offset.
  void ShareConnectionsOfClient02WithLb01(int64_t lb_offset_us) {
    for (int i = 0; i < 4; ++i) {
      const int port = 40000 + i;
      const int64_t t = kT0 - (60 - i) * kSec;
      Add({.host = "client02", .ts_us = t, .kind = "other",
           .text = "read tcp 10.30.0.21:" + std::to_string(port) + "->10.30.0.10:443: ok",
           .role = 1, .src_ip = "10.30.0.21", .src_port = port, .dst_ip = "10.30.0.10",
           .dst_port = 443});
      Add({.host = "lb01", .ts_us = t + lb_offset_us, .kind = "other", .text = "haproxy ----",
           .role = 3, .src_ip = "10.30.0.21", .src_port = port});
    }
  }

  // "cause|server_host|cause_event_id|delta_ms" of reset `id`.
  std::string CauseOf(int64_t id) {
    auto rows = Rows("SELECT cause, COALESCE(server_host, ''), COALESCE(cause_event_id, ''), "
                     "COALESCE(delta_ms, '') FROM reset_causes WHERE reset_id = " +
                     std::to_string(id));
    return rows.size() == 1 ? rows[0] : "rows: " + std::to_string(rows.size());
  }

  std::string dir_;
  std::unique_ptr<store::Db> db_;
};

constexpr char kDotnetReset[] =
    "Failed to push order 1 to http://api01.corp.example:8080/v1/orders\n"
    " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
    "closed by the remote host.";

TEST_F(CorrelateTest, OomKillOnThePeerNamedInTheErrorNotTheDecoyOnAnotherHost) {
  Host("client01", {"10.20.0.21"});
  Host("api01", {"10.20.0.11", "api01.corp.example"});
  Host("batch01", {"10.20.0.31"});
  const int64_t kill = Add({.host = "api01", .ts_us = kT0, .kind = "oom_kill",
                            .text = "Memory cgroup out of memory: Killed process 1187 (dotnet)",
                            .process = "dotnet"});
  Add({.host = "api01", .ts_us = kT0, .kind = "crash",
       .text = "orders-api.service: Main process exited, code=killed, status=9/KILL",
       .process = "orders-api"});
  // The decoy: a kill on a host the client never talks to, closer in time.
  Add({.host = "batch01", .ts_us = kT0 + 300'000, .kind = "oom_kill",
       .text = "Out of memory: Killed process 48213 (python3)", .process = "python3"});
  const int64_t r1 = Add({.host = "client01", .ts_us = kT0 + 382'000, .kind = "reset",
                          .text = kDotnetReset, .role = 1});
  // Two minutes later: api01 logs nothing, the decoy kills again.
  Add({.host = "batch01", .ts_us = kT0 + 120 * kSec, .kind = "oom_kill",
       .text = "Out of memory: Killed process 48214 (python3)", .process = "python3"});
  const int64_t r2 = Add({.host = "client01", .ts_us = kT0 + 120 * kSec + 616'000,
                          .kind = "reset", .text = kDotnetReset, .role = 1});

  const CorrelateStats stats = Correlate();
  EXPECT_EQ(stats.resets, 2);
  EXPECT_EQ(stats.explained, 1);
  EXPECT_EQ(CauseOf(r1), "oom_kill|api01|" + std::to_string(kill) + "|-382");
  EXPECT_EQ(CauseOf(r2), "unexplained|api01||");
  EXPECT_EQ(Rows("SELECT peer_host, peer_method, process FROM reset_cause_details ORDER BY "
                 "reset_id"),
            (std::vector<std::string>{"api01|address|dotnet", "api01|address|"}));
}

TEST_F(CorrelateTest, ProxyChainNamesTheDeepestCauseAndSkewIsCorrectedFromSharedConnections) {
  Host("client02", {"10.30.0.21"});
  Host("lb01", {"10.30.0.10"});
  Host("app01", {"10.30.0.31"});
  // lb01's clock is 6.5 s ahead.
  constexpr int64_t kLb = 6'500'000;
  ShareConnectionsOfClient02WithLb01(kLb);
  const int64_t segv = Add({.host = "app01", .ts_us = kT0 - 733'000, .kind = "crash",
                            .text = "segfault at 18 ip 00007f in libinvhash.so",
                            .process = "java"});
  Add({.host = "app01", .ts_us = kT0, .kind = "crash",
       .text = "inventory.service: Main process exited, code=dumped, status=11/SEGV",
       .process = "inventory"});
  const int64_t sd = Add({.host = "lb01", .ts_us = kT0 + kLb, .kind = "reset",
                          .text = "10.30.0.21:40156 ... inventory/app01 ... SD--", .role = 3,
                          .process = "haproxy", .src_ip = "10.30.0.21", .src_port = 40156,
                          .attrs = R"({"upstream":"inventory/app01","server":"app01","reason":"SD--"})"});
  const int64_t client = Add({.host = "client02", .ts_us = kT0 + 1'000, .kind = "reset",
                              .text = "read tcp 10.30.0.21:40156->10.30.0.10:443: read: "
                                      "connection reset by peer",
                              .role = 1, .src_ip = "10.30.0.21", .src_port = 40156,
                              .dst_ip = "10.30.0.10", .dst_port = 443});
  // A server timeout on another connection, 50 ms before its reset.
  const int64_t sdt = Add({.host = "lb01", .ts_us = kT0 + 600 * kSec + kLb, .kind = "timeout",
                           .text = "10.30.0.21:36828 ... sD--", .role = 3,
                           .src_ip = "10.30.0.21", .src_port = 36828,
                           .attrs = R"({"upstream":"inventory/app02","reason":"sD--"})"});
  const int64_t late = Add({.host = "client02", .ts_us = kT0 + 600 * kSec + 50'000,
                            .kind = "reset", .text = "read tcp 10.30.0.21:36828->10.30.0.10:443",
                            .role = 1, .src_ip = "10.30.0.21", .src_port = 36828,
                            .dst_ip = "10.30.0.10", .dst_port = 443});

  Correlate();
  EXPECT_EQ(Rows("SELECT host, offset_ms, method, anchors, reference_host FROM clock_offsets "
                 "WHERE host = 'lb01'"),
            (std::vector<std::string>{"lb01|6500|tuple|6|client02"}));
  EXPECT_EQ(CauseOf(sd), "crash|app01|" + std::to_string(segv) + "|-733");
  EXPECT_EQ(CauseOf(client), "crash|app01|" + std::to_string(segv) + "|-734");
  EXPECT_EQ(CauseOf(late), "server_timeout|lb01|" + std::to_string(sdt) + "|-50");
  EXPECT_EQ(Rows("SELECT chain, peer_host, peer_method FROM reset_cause_details WHERE "
                 "reset_id = " + std::to_string(client)),
            (std::vector<std::string>{"client02 -> lb01 -> app01|lb01|tuple"}));
}

TEST_F(CorrelateTest, ClockOffsetFromRequestIdsAProxyAndItsBackendBothLogged) {
  Host("client02", {"10.30.0.21"});
  Host("lb01", {"10.30.0.10"});
  Host("app02", {"10.30.0.32"});
  // lb01 is anchored to client02 by shared connections (6.5 s ahead).
  constexpr int64_t kLb = 6'500'000;
  ShareConnectionsOfClient02WithLb01(kLb);
  // app02 shares no connection with anyone; its clock is 9.28 s behind, and
  // it logs each request 20 ms after lb01 passed it on, under lb01's id.
  constexpr int64_t kApp = -9'280'000;
  const char* ids[] = {"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b", "7d1e0c55-9a43-4f6b-8e0d-2b7c9a1f3e64",
                       "3F0B8C1E-55AA-4F21-B0C2-9E7D6A5B4C3D", "9f86d081884c7d659a2feaa0c55ad015",
                       "a1b2c3d4-0000-4000-8000-000000000001"};
  for (int i = 0; i < 5; ++i) {
    const int64_t t = kT0 + i * 30 * kSec;
    Add({.host = "lb01", .ts_us = t + kLb, .kind = "other",
         .text = std::string("GET /v1/stock 200 \"") + ids[i] + "\" upstream=10.30.0.32:8080",
         .role = 3});
    std::string id = ids[i];
    if (i == 2) id = "3f0b8c1e-55aa-4f21-b0c2-9e7d6a5b4c3d";  // ids compare case-blind
    Add({.host = "app02", .ts_us = t + 20'000 + kApp, .kind = "other",
         .text = "{\"msg\":\"stock lookup\",\"request_id\":\"" + id + "\"}", .role = 2});
  }
  // A placeholder id on both sides is not an anchor.
  Add({.host = "lb01", .ts_us = kT0 + 200 * kSec, .kind = "other",
       .text = "GET / 200 \"00000000-0000-0000-0000-000000000000\"", .role = 3});
  Add({.host = "app02", .ts_us = kT0 + 100 * kSec, .kind = "other",
       .text = "request 00000000-0000-0000-0000-000000000000", .role = 2});
  Add({.host = "client02", .ts_us = kT0 + 300 * kSec, .kind = "reset",
       .text = "read tcp 10.30.0.21:40999->10.30.0.10:443: read: connection reset by peer",
       .role = 1, .src_ip = "10.30.0.21", .src_port = 40999, .dst_ip = "10.30.0.10",
       .dst_port = 443});
  Correlate();
  // (t - 9.28 s + 20 ms) - (t + 6.5 s) = -15.76 s against lb01: -9.26 s.
  EXPECT_EQ(Rows("SELECT host, offset_ms, method, anchors, spread_ms, reference_host FROM "
                 "clock_offsets WHERE host IN ('lb01', 'app02') ORDER BY host"),
            (std::vector<std::string>{"app02|-9260|request|5|0|client02",
                                      "lb01|6500|tuple|4|0|client02"}));
}

TEST(RequestIdTest, UuidsAndHexIdsAreRequestIdsNotPlaceholdersOrParts) {
  std::vector<std::string> got;
  ForEachRequestId(
      "id=0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b x 9f86d081884c7d659a2feaa0c55ad015 "
      "00000000-0000-0000-0000-000000000000 deadbeefdeadbeefdeadbeefdeadbeef "
      "sha=9f86d081884c7d659a2feaa0c55ad0159 g9f86d081884c7d659a2feaa0c55ad015 "
      "0c2a7e4d1f9b-4b8e-9d3c-5a6f7e8d9c0b-",
      [&](std::string_view id) { got.emplace_back(id); });
  EXPECT_EQ(got, (std::vector<std::string>{"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b",
                                           "9f86d081884c7d659a2feaa0c55ad015"}));
}

TEST_F(CorrelateTest, ResetsAtOneConnectionAgeAreAnIdleTimerEvenWithoutAnIdleReason) {
  Host("client03", {"10.50.0.21"});
  Host("natgw01", {"10.50.0.1"});
  Host("api03", {"10.50.0.40"});
  // The NAT gateway logs each reset flow with its age but no idle reason.
  const int64_t ages_ms[] = {350'000, 350'400, 349'800, 351'000, 12'000};
  std::vector<int64_t> flows, resets;
  for (int i = 0; i < 5; ++i) {
    const int port = 51000 + i;
    const int64_t t = kT0 + i * 600 * kSec;
    flows.push_back(Add({.host = "natgw01", .ts_us = t - 100'000, .kind = "fw_reset",
                         .text = "flow reset", .role = 4, .src_ip = "10.50.0.21",
                         .src_port = port, .dst_ip = "10.50.0.40", .dst_port = 443,
                         .attrs = R"({"duration_ms":)" + std::to_string(ages_ms[i]) +
                                  R"(,"reason":"TCP Reset-O"})"}));
    resets.push_back(Add({.host = "client03", .ts_us = t, .kind = "reset",
                          .text = "read tcp 10.50.0.21:" + std::to_string(port) +
                                  "->10.50.0.40:443: read: connection reset by peer",
                          .role = 1, .src_ip = "10.50.0.21", .src_port = port,
                          .dst_ip = "10.50.0.40", .dst_port = 443}));
  }
  Correlate();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(CauseOf(resets[i]), "network_idle_timeout|natgw01|" + std::to_string(flows[i]) +
                                      "|-100");
  }
  // Twelve seconds is not the timer's age.
  EXPECT_EQ(CauseOf(resets[4]), "unexplained|api03||");
  EXPECT_EQ(Rows("SELECT evidence FROM reset_causes WHERE reset_id = " +
                 std::to_string(resets[1])),
            (std::vector<std::string>{
                "natgw01 logged a reset of the flow (TCP Reset-O) at connection age 0:05:50 "
                "100 ms before the reset, matched by the connection's endpoints; 4 of the 5 "
                "resets with a flow age there came at 350 s±1 s: an idle timer of about 350 s on "
                "the path (peer api03 from the address in the error): \"flow reset\""}));
  EXPECT_EQ(Rows("SELECT summary FROM patterns WHERE cause = 'network_idle_timeout'"),
            (std::vector<std::string>{
                "4 of 5 resets (80%) happen when natgw01 drops the idle flow at connection age "
                "350 s±1 s: TCP Reset-O; 4 incidents, one every 10 min"}));
}

TEST_F(CorrelateTest, IdleTimeoutOnTheFirewallBetweenClientAndPeerWithoutPorts) {
  Host("batch02", {"10.40.1.15"});
  Host("db01", {"10.40.2.20", "db01.corp.example"});
  Host("fw01", {"10.40.1.1"});
  Add({.host = "batch02", .ts_us = kT0 - 3 * 3600 * kSec, .kind = "other",
       .text = "connection pool ready: dsn=host=db01.corp.example dbname=reports"});
  const int64_t teardown = Add(
      {.host = "fw01", .ts_us = kT0, .kind = "idle_timeout",
       .text = "%ASA-6-302014: Teardown TCP connection 1 for dmz:10.40.2.20/5432 to "
               "inside:10.40.1.15/36828 duration 1:00:00 bytes 3844664 Idle Timeout",
       .role = 4, .src_ip = "10.40.2.20", .src_port = 5432, .dst_ip = "10.40.1.15",
       .dst_port = 36828, .attrs = R"({"duration_ms":3600000,"reason":"Idle Timeout"})"});
  // The decoy: a deny between two other hosts in the same second.
  Add({.host = "fw01", .ts_us = kT0 + 1'000'000, .kind = "fw_deny",
       .text = "%ASA-4-106023: Deny tcp src inside:10.40.1.52/51876 dst dmz:10.40.2.25/445",
       .role = 4, .src_ip = "10.40.1.52", .src_port = 51876, .dst_ip = "10.40.2.25",
       .dst_port = 445});
  const int64_t r = Add({.host = "batch02", .ts_us = kT0 + 1'496'000, .kind = "reset",
                         .text = "psycopg2.OperationalError: server closed the connection "
                                 "unexpectedly",
                         .role = 1});
  const int64_t other = Add({.host = "batch02", .ts_us = kT0 + 1'700'000, .kind = "reset",
                             .text = "upload to http://files01.corp.example:8080/upload failed: "
                                     "ConnectionResetError(104)",
                             .role = 1});
  Correlate();
  EXPECT_EQ(CauseOf(r), "network_idle_timeout|fw01|" + std::to_string(teardown) + "|-1496");
  EXPECT_EQ(CauseOf(other), "unexplained|||");
  EXPECT_EQ(Rows("SELECT age_ms, peer_host, peer_method, chain FROM reset_cause_details WHERE "
                 "reset_id = " + std::to_string(r)),
            (std::vector<std::string>{"3600000|db01|source|batch02 -> fw01 -> db01"}));
}

TEST_F(CorrelateTest, AStopIsBlamedOnlyForAServiceSeenServingOrABurstOfResets) {
  Host("wks07", {"10.50.0.27"});
  Host("web03", {"10.50.0.13", "orders.corp.example"});
  const std::string err = "POST http://orders.corp.example/api failed: forcibly closed";
  // An unrelated service stops 187 ms before a single reset: not the cause.
  Add({.host = "web03", .ts_us = kT0, .kind = "stop",
       .text = "The Windows Update service entered the stopped state.",
       .process = "Windows Update"});
  const int64_t lone = Add({.host = "wks07", .ts_us = kT0 + 187'000, .kind = "reset",
                            .text = err, .role = 1});
  // A service that serves the client's connections stops: the cause.
  Add({.host = "web03", .ts_us = kT0 + 300 * kSec, .kind = "other",
       .text = "10.50.0.27 POST /api 200", .process = "w3svc", .src_ip = "10.50.0.27",
       .dst_ip = "10.50.0.13", .dst_port = 80});
  const int64_t stop = Add({.host = "web03", .ts_us = kT0 + 600 * kSec, .kind = "stop",
                            .text = "Stopping w3svc", .process = "w3svc"});
  const int64_t served = Add({.host = "wks07", .ts_us = kT0 + 600 * kSec + 400'000,
                              .kind = "reset", .text = err, .role = 1});
  // Three resets right after the stop of a program never seen serving.
  const int64_t burst_stop = Add({.host = "web03", .ts_us = kT0 + 1200 * kSec, .kind = "stop",
                                  .text = "Stopping batchsvc", .process = "batchsvc"});
  std::vector<int64_t> burst;
  for (int i = 0; i < 3; ++i) {
    burst.push_back(Add({.host = "wks07", .ts_us = kT0 + 1200 * kSec + (i + 1) * 200'000,
                         .kind = "reset", .text = err, .role = 1}));
  }
  Correlate();
  EXPECT_EQ(CauseOf(lone), "unexplained|web03||");
  EXPECT_EQ(CauseOf(served), "restart|web03|" + std::to_string(stop) + "|-400");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(CauseOf(burst[i]),
              "restart|web03|" + std::to_string(burst_stop) + "|-" + std::to_string((i + 1) * 200));
  }
}

TEST_F(CorrelateTest, ClockOffsetFromBurstsOfResetsAfterProcessDeaths) {
  Host("client01", {"10.20.0.21"});
  Host("api01", {"10.20.0.11", "api01.corp.example"});
  // api01's clock is 7.8 s ahead; no record shares a connection with the client.
  constexpr int64_t kAhead = 7'800'000;
  std::vector<int64_t> kills, resets;
  for (int i = 0; i < 3; ++i) {
    const int64_t t = kT0 + i * 1800 * kSec;
    kills.push_back(Add({.host = "api01", .ts_us = t + kAhead, .kind = "oom_kill",
                         .text = "Killed process (dotnet)", .process = "dotnet"}));
    for (int j = 0; j < 3; ++j) {
      resets.push_back(Add({.host = "client01", .ts_us = t + 400'000 + j * 300'000,
                            .kind = "reset", .text = kDotnetReset, .role = 1}));
    }
  }
  Correlate();
  // Median (kill - first reset) + the assumed 0.5 s latency: 7.4 + 0.5.
  EXPECT_EQ(Rows("SELECT offset_ms, method, anchors FROM clock_offsets WHERE host = 'api01'"),
            (std::vector<std::string>{"7900|burst|3"}));
  for (int i = 0; i < 9; ++i) {
    EXPECT_EQ(CauseOf(resets[i]), "oom_kill|api01|" + std::to_string(kills[i / 3]) + "|" +
                                      std::to_string(-500 - (i % 3) * 300));
  }
}

TEST_F(CorrelateTest, RerunReplacesResultsAndPatternsSummarizeThem) {
  Host("client01", {"10.20.0.21"});
  Host("api01", {"10.20.0.11", "api01.corp.example"});
  for (int i = 0; i < 4; ++i) {
    const int64_t t = kT0 + i * 3600 * kSec;
    Add({.host = "api01", .ts_us = t, .kind = "oom_kill", .text = "Killed process (dotnet)",
         .process = "dotnet"});
    Add({.host = "client01", .ts_us = t + 1'200'000, .kind = "reset", .text = kDotnetReset,
         .role = 1});
  }
  Add({.host = "client01", .ts_us = kT0 + 5 * 3600 * kSec, .kind = "reset",
       .text = kDotnetReset, .role = 1});
  Correlate();
  const CorrelateStats again = Correlate();
  EXPECT_EQ(again.resets, 5);
  EXPECT_EQ(Rows("SELECT count(*), count(DISTINCT reset_id) FROM reset_causes"),
            (std::vector<std::string>{"5|5"}));
  EXPECT_EQ(Rows("SELECT count(*) FROM correlation_runs"), (std::vector<std::string>{"2"}));
  EXPECT_EQ(Rows("SELECT cause, server_host, process, resets, first_ts, last_ts, share, summary "
                 "FROM patterns ORDER BY id"),
            (std::vector<std::string>{
                "oom_kill|api01|dotnet|4|2024-11-05T13:00:01.200Z|2024-11-05T16:00:01.200Z|0.8|"
                "4 of 5 resets (80%) follow an OOM kill of dotnet on api01 within 2 s; "
                "4 incidents, one every 1 h",
                "unexplained|api01||1|2024-11-05T18:00:00.000Z|2024-11-05T18:00:00.000Z|0.2|"
                "1 of 5 resets (20%) have no explanation in the imported logs (peer api01)"}));
}

TEST_F(CorrelateTest, NoPeerAtAllFallsBackToTimeAloneWithLowConfidence) {
  Host("client09", {"10.9.0.9"});
  Host("api01", {"10.20.0.11"});
  const int64_t crash = Add({.host = "api01", .ts_us = kT0, .kind = "crash",
                             .text = "segfault", .process = "api"});
  const int64_t r = Add({.host = "client09", .ts_us = kT0 + 500'000, .kind = "reset",
                         .text = "Connection reset by peer", .role = 1});
  Correlate();
  EXPECT_EQ(CauseOf(r), "crash|api01|" + std::to_string(crash) + "|-500");
  EXPECT_EQ(Rows("SELECT confidence, peer_method FROM reset_cause_details"),
            (std::vector<std::string>{"0.3|time"}));
}

TEST_F(CorrelateTest, EnrichmentFindsTheUnclassifiedLineThatPrecedesResets) {
  Host("client01", {"10.20.0.21"});
  Host("api01", {"10.20.0.11", "api01.corp.example"});
  // Two hours of ordinary traffic on api01: one access line every 10 s.
  for (int i = 0; i < 720; ++i) {
    Add({.host = "api01", .ts_us = kT0 + i * 10 * kSec, .kind = "other",
         .text = "GET /v1/orders/" + std::to_string(1000 + i) + " 200 " + std::to_string(i % 50) +
                 "ms"});
  }
  // Six incidents, 15 minutes apart: a long GC pause 5 s before the reset.
  std::vector<int64_t> pauses;
  for (int i = 1; i <= 6; ++i) {
    const int64_t t = kT0 + i * 900 * kSec + 3 * kSec;
    pauses.push_back(Add({.host = "api01", .ts_us = t - 5 * kSec, .kind = "other",
                          .text = "GC pause (G1 Evacuation Pause) " + std::to_string(800 + i) +
                                  "ms, heap 0x7f3a9c00 compacted"}));
    Add({.host = "client01", .ts_us = t, .kind = "reset", .text = kDotnetReset, .role = 1});
  }
  // The same pause twice at quiet moments: over-represented, not exclusive.
  Add({.host = "api01", .ts_us = kT0 + 400 * kSec + 2 * kSec, .kind = "other",
       .text = "GC pause (G1 Evacuation Pause) 95ms, heap 0x7f3a9c00 compacted"});
  Add({.host = "api01", .ts_us = kT0 + 6500 * kSec + 4 * kSec, .kind = "other",
       .text = "GC pause (G1 Evacuation Pause) 97ms, heap 0x7f3a9c00 compacted"});
  const CorrelateStats stats = Correlate();
  auto lifts = MineTemplateLifts(db_.get(), EnrichOptions{});
  ASSERT_TRUE(lifts.ok()) << lifts.status();
  // What the correlation hands over in memory gives the same leads as what
  // it wrote to the database.
  EXPECT_EQ(stats.enrich_input.peer_resets.size(), 6u);
  auto from_memory = MineTemplateLifts(db_.get(), EnrichOptions{}, &stats.enrich_input);
  ASSERT_TRUE(from_memory.ok()) << from_memory.status();
  ASSERT_EQ(from_memory->size(), 1u);
  EXPECT_EQ((*from_memory)[0].template_text, (*lifts)[0].template_text);
  EXPECT_EQ((*from_memory)[0].control_windows, (*lifts)[0].control_windows);
  EXPECT_EQ((*from_memory)[0].control_with, (*lifts)[0].control_with);
  EXPECT_EQ((*from_memory)[0].example_event_id, (*lifts)[0].example_event_id);
  // The access lines are in every window: lift 1, not kept.
  ASSERT_EQ(lifts->size(), 1u);
  const TemplateLift& l = (*lifts)[0];
  EXPECT_EQ(l.host, "api01");
  EXPECT_EQ(l.template_text, "GC pause (G1 Evacuation Pause) <*>, heap <*> compacted");
  EXPECT_EQ(l.windows, 6);
  EXPECT_EQ(l.with, 6);
  // 400 strata of the 7,170 s after the first look-back; the ones within
  // 30 s of a reset are dropped. Each quiet pause falls in the controls
  // ending in the 30 s after it.
  EXPECT_EQ(l.control_windows, 380);
  EXPECT_EQ(l.control_with, 3);
  EXPECT_DOUBLE_EQ(l.lift, 380.0 / 3);
  // Fisher: the 6 case windows are all among the 9 windows with the
  // template: C(9,6) / C(386,6) = 84 / 4418083042912, times 2 templates tested.
  EXPECT_NEAR(l.p_value, 2.0 * 84 / 4418083042912, 1e-20);
  EXPECT_EQ(l.example_event_id, pauses[0]);
  EXPECT_EQ(Rows("SELECT host, template, reset_windows, reset_windows_with, example_event_id "
                 "FROM template_lift_details"),
            (std::vector<std::string>{
                "api01|GC pause (G1 Evacuation Pause) <*>, heap <*> compacted|6|6|" +
                std::to_string(pauses[0])}));
  // Re-running replaces the rows.
  ASSERT_TRUE(MineTemplateLifts(db_.get(), EnrichOptions{}).ok());
  EXPECT_EQ(Rows("SELECT count(*) FROM template_lifts"), (std::vector<std::string>{"1"}));
}

TEST(MaskTemplateTest, MasksWhatVariesAndKeepsWords) {
  EXPECT_EQ(MaskTemplate("Checkpoint 4412 took 2.31s, wrote 1893 buffers (11.5%)"),
            "Checkpoint <*> took <*>, wrote <*> buffers (<*>%)");
  EXPECT_EQ(MaskTemplate("conn from 10.1.2.3:51234 req=9f86d081884c7d65 user=alice"),
            "conn from <*> req=<*> user=alice");
  EXPECT_EQ(MaskTemplate("  evicted   deadbeefcafe  from\tcache  "), "evicted <*> from cache");
  EXPECT_EQ(MaskTemplate("added feed to cafe"), "added feed to cafe");
  EXPECT_EQ(MaskTemplate(""), "");
  EXPECT_EQ(MaskTemplate("G1 young pause on eth0 via http2, worker req4412 v10"),
            "G1 young pause on eth0 via http2, worker <*> v10");
  EXPECT_EQ(MaskTemplate(std::string(300, 'x')).size(), 200u);
}

TEST(FisherTest, UpperTailOfTheHypergeometric) {
  // 3 draws from 6 with 3 successes: all 3 drawn in 1 of C(6,3) = 20 ways.
  EXPECT_NEAR(FisherUpperTail(3, 3, 3, 6), 1.0 / 20, 1e-15);
  // At least 2: (C(3,2)C(3,1) + 1) / 20 = 10/20.
  EXPECT_NEAR(FisherUpperTail(2, 3, 3, 6), 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(FisherUpperTail(0, 3, 3, 6), 1.0);
  EXPECT_DOUBLE_EQ(FisherUpperTail(4, 3, 3, 6), 0.0);
}

}  // namespace
}  // namespace rstscope::query
