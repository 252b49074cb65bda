// The built-in rule table and the classifier: every rule's samples, the
// priority between overlapping rules, field extraction, and what must stay
// unclassified.
#include "parsers/classifier.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace rstscope::parsers {
namespace {

using base::Kind;

const Classifier& Default() { return Classifier::Default(); }

std::string_view RuleName(const Classification& c) {
  return c.rule == nullptr ? std::string_view() : c.rule->name;
}

bool IsSnakeCase(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  for (char ch : s) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  }
  return true;
}

TEST(BuiltinRulesTest, DefaultClassifierCompilesTheWholeTable) {
  auto created = Classifier::Create(BuiltinRules());
  ASSERT_TRUE(created.ok()) << created.status();
  // Default() aborts rather than return when the table does not compile.
  EXPECT_EQ(Default().Classify("Error: read ECONNRESET").kind, Kind::kReset);
}

TEST(BuiltinRulesTest, EveryRuleHasAStableNameADescriptionAndSamples) {
  std::set<std::string_view> names;
  for (const Rule& rule : BuiltinRules()) {
    EXPECT_TRUE(IsSnakeCase(rule.name)) << rule.name;
    EXPECT_TRUE(names.insert(rule.name).second) << "duplicate rule name " << rule.name;
    EXPECT_FALSE(rule.pattern.empty()) << rule.name;
    EXPECT_FALSE(rule.description.empty()) << rule.name;
    EXPECT_FALSE(rule.samples.empty()) << rule.name << " has no sample";
  }
}

// A counted repetition at a position the unanchored set can start from
// multiplies the DFA's states: "{0,14}" in one rule once made long records
// 50x slower. Small fixed counts are harmless.
TEST(BuiltinRulesTest, PatternsAvoidLargeCountedRepetitions) {
  for (const Rule& rule : BuiltinRules()) {
    const std::string_view p = rule.pattern;
    for (size_t i = p.find('{'); i != std::string_view::npos; i = p.find('{', i + 1)) {
      if (i > 0 && p[i - 1] == '\\') continue;
      int largest = 0;
      for (size_t j = i + 1; j < p.size() && p[j] != '}'; ++j) {
        int n = 0;
        while (j < p.size() && p[j] >= '0' && p[j] <= '9') n = n * 10 + (p[j++] - '0');
        largest = n > largest ? n : largest;
        if (j < p.size() && p[j] == '}') break;
      }
      EXPECT_LE(largest, 4) << rule.name << ": " << p;
    }
  }
}

TEST(BuiltinRulesTest, EveryKindHasAtLeastOneRule) {
  std::set<Kind> kinds;
  for (const Rule& rule : BuiltinRules()) kinds.insert(rule.kind);
  for (int k = 0; k < base::kKindCount; ++k) {
    EXPECT_EQ(kinds.count(static_cast<Kind>(k)), 1u) << base::KindName(static_cast<Kind>(k));
  }
}

// Each sample must be classified by its own rule, which also proves that no
// earlier rule in the table shadows it.
TEST(BuiltinRulesTest, EverySampleIsClassifiedByItsOwnRule) {
  for (const Rule& rule : BuiltinRules()) {
    for (const RuleSample& sample : rule.samples) {
      SCOPED_TRACE(std::string(rule.name) + ": " + std::string(sample.message));
      const Classification c = Default().Classify(sample.message);
      EXPECT_EQ(RuleName(c), rule.name);
      EXPECT_EQ(c.kind, rule.kind);
      EXPECT_EQ(c.process, sample.process);
      EXPECT_EQ(c.pid, sample.pid);
    }
  }
}

TEST(ClassifierTest, OrdinaryMessagesMatchNoRule) {
  const std::string_view messages[] = {
      "",
      "GET /api/orders 200 12ms",
      "Connection established to 10.0.0.5:5432",
      "User bob requested a password reset",
      "reset password email sent to bob@example.com",
      "foo.service: Main process exited, code=exited, status=0/SUCCESS",
      "status=0/SUCCESS",
      "nginx.service: Deactivated successfully.",
      "Started processing batch 7",
      "An unhandled exception has occurred while executing the request.",
      "http: panic serving 10.0.0.1:51514: runtime error: index out of range",
      "Get \"http://x\": unsupported protocol scheme \"\"",
      "worker process 1235 exited with code 0",
      "Connection pool reset after configuration change",
      "java.net.SocketTimeoutException: Read timed out",
      "Killing process 2234090 (zsh) with signal SIGKILL.",
      "Stopping",
      "Payment failed for order 1234",
  };
  for (std::string_view m : messages) {
    const Classification c = Default().Classify(m);
    EXPECT_EQ(c.kind, Kind::kOther) << m;
    EXPECT_EQ(c.rule, nullptr) << m << " matched " << RuleName(c);
    EXPECT_EQ(c.pid, -1) << m;
    EXPECT_TRUE(c.process.empty()) << m;
  }
}

TEST(ClassifierTest, NginxClientResetIsAClientAbortAndUpstreamResetIsAReset) {
  const Classification client = Default().Classify(
      "*90311 recv() failed (104: Connection reset by peer) while reading client request "
      "headers, client: 10.1.2.3, server: api.example.com");
  EXPECT_EQ(RuleName(client), "nginx_client_reset");
  EXPECT_EQ(client.kind, Kind::kClientAbort);

  const Classification upstream = Default().Classify(
      "*90312 recv() failed (104: Connection reset by peer) while reading response header from "
      "upstream, client: 10.1.2.3, server: api.example.com, request: \"POST /v1/orders "
      "HTTP/1.1\", upstream: \"http://10.0.0.21:8080/v1/orders\", host: \"api.example.com\"");
  EXPECT_EQ(RuleName(upstream), "nginx_upstream_reset");
  EXPECT_EQ(upstream.kind, Kind::kReset);
  EXPECT_EQ(upstream.dst_ip, "10.0.0.21");
  EXPECT_EQ(upstream.dst_port, 8080);
  EXPECT_TRUE(upstream.src_ip.empty());
}

TEST(ClassifierTest, NginxClientHandshakeIsNotTakenForAnUpstreamHandshake) {
  const Classification c = Default().Classify(
      "*7 recv() failed (104: Connection reset by peer) while SSL handshaking to upstream, "
      "client: 10.1.2.3, server: api.example.com, upstream: \"https://10.0.0.30:8443/\"");
  EXPECT_EQ(RuleName(c), "nginx_upstream_reset");
  EXPECT_EQ(c.dst_ip, "10.0.0.30");
  EXPECT_EQ(c.dst_port, 8443);
}

TEST(ClassifierTest, UpstreamWithoutAnAddressLeavesTheDestinationEmpty) {
  const Classification c = Default().Classify(
      "*95 writev() failed (32: Broken pipe) while sending request to upstream, client: "
      "10.1.2.3, upstream: \"http://backend/v1/upload\"");
  EXPECT_EQ(RuleName(c), "nginx_upstream_reset");
  EXPECT_TRUE(c.dst_ip.empty());
  EXPECT_EQ(c.dst_port, -1);
}

TEST(ClassifierTest, PostgresSideDecidesBetweenClientAbortAndReset) {
  EXPECT_EQ(Default().Classify("could not receive data from client: Connection reset by peer").kind,
            Kind::kClientAbort);
  EXPECT_EQ(Default().Classify("could not receive data from server: Connection reset by peer").kind,
            Kind::kReset);
}

TEST(ClassifierTest, ApacheTimeoutWinsOverTheProxyReadErrorItCaused) {
  const Classification c = Default().Classify(
      "(70007)The timeout specified has expired: [client 10.0.0.5:50512] AH01102: error reading "
      "status line from remote server 127.0.0.1:8080");
  EXPECT_EQ(RuleName(c), "apache_timeout");
  EXPECT_EQ(c.kind, Kind::kTimeout);
}

TEST(ClassifierTest, LanguageSpecificResetRulesWinOverGenericText) {
  EXPECT_EQ(
      RuleName(Default().Classify("ConnectionResetError: [Errno 104] Connection reset by peer")),
      "python_connection_reset_error");
  EXPECT_EQ(RuleName(Default().Classify(
                "System.Net.Http.HttpRequestException: An error occurred while sending the "
                "request.\n ---> System.IO.IOException: Unable to read data from the transport "
                "connection: An existing connection was forcibly closed by the remote host..\n "
                "---> System.Net.Sockets.SocketException (10054): An existing connection was "
                "forcibly closed by the remote host.")),
            "dotnet_wsaeconnreset");
  EXPECT_EQ(RuleName(Default().Classify("java.net.SocketException: Connection reset by peer")),
            "java_connection_reset_by_peer");
  EXPECT_EQ(RuleName(Default().Classify("java.net.SocketException: Connection reset")),
            "java_connection_reset");
}

TEST(ClassifierTest, DotnetHresultWithARefusalIsARefusal) {
  const Classification c = Default().Classify(
      "System.Net.Sockets.SocketException (0x80004005): No connection could be made because the "
      "target machine actively refused it 10.0.0.5:443");
  EXPECT_EQ(c.kind, Kind::kRefused);
  EXPECT_EQ(RuleName(c), "wsaeconnrefused");
}

// Documents the table's order: a process that dies of an unhandled reset is
// a crash first (crash rules precede the client reset signatures).
TEST(ClassifierTest, UnhandledExceptionIsACrashEvenWhenItIsAReset) {
  const Classification c = Default().Classify(
      "Unhandled exception. System.Net.Http.HttpRequestException: An error occurred while "
      "sending the request.\n ---> System.Net.Sockets.SocketException (10054): An existing "
      "connection was forcibly closed by the remote host.");
  EXPECT_EQ(c.kind, Kind::kCrash);
  EXPECT_EQ(RuleName(c), "dotnet_unhandled_exception");
}

TEST(ClassifierTest, OomSelectLineIsContextAndKilledLineIsTheKill) {
  const Classification select =
      Default().Classify("Out of memory: Kill process 18694 (perl) score 246 or sacrifice child");
  EXPECT_EQ(select.kind, Kind::kOther);
  EXPECT_EQ(RuleName(select), "kernel_oom_select");
  const Classification kill = Default().Classify(
      "Killed process 18694 (perl) total-vm:1972392kB, anon-rss:1953348kB, file-rss:0kB");
  EXPECT_EQ(kill.kind, Kind::kOomKill);
  EXPECT_EQ(kill.pid, 18694);
  EXPECT_EQ(kill.process, "perl");
}

TEST(ClassifierTest, OomBurstContextLinesAreRecordedButNotKills) {
  for (std::string_view m : {
           std::string_view("java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
                            "oom_score_adj=969"),
           std::string_view("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
                            "mems_allowed=0,task=java,pid=50624,uid=10000"),
           std::string_view("oom_reaper: reaped process 50624 (java), now anon-rss:0kB, "
                            "file-rss:0kB, shmem-rss:0kB"),
       }) {
    const Classification c = Default().Classify(m);
    EXPECT_EQ(c.kind, Kind::kOther) << m;
    EXPECT_NE(c.rule, nullptr) << m;
  }
}

TEST(ClassifierTest, SystemdExitStatusZeroIsNotACrash) {
  EXPECT_EQ(
      Default().Classify("app.service: Main process exited, code=exited, status=0/SUCCESS").kind,
      Kind::kOther);
  EXPECT_EQ(
      Default().Classify("app.service: Main process exited, code=exited, status=1/FAILURE").kind,
      Kind::kCrash);
  EXPECT_EQ(Default().Classify("app.service: Main process exited, code=exited, status=10/n/a").kind,
            Kind::kCrash);
}

TEST(ClassifierTest, GoNetErrorYieldsTheFourTuple) {
  const Classification c = Default().Classify(
      "Get \"https://cafe.example.com/tea\": read tcp 10.138.0.89:37041->10.138.0.27:443: read: "
      "connection reset by peer");
  EXPECT_EQ(RuleName(c), "go_net_reset");
  EXPECT_EQ(c.src_ip, "10.138.0.89");
  EXPECT_EQ(c.src_port, 37041);
  EXPECT_EQ(c.dst_ip, "10.138.0.27");
  EXPECT_EQ(c.dst_port, 443);
}

TEST(ClassifierTest, GoNetErrorWithIpv6AddressesDropsTheBrackets) {
  const Classification c = Default().Classify(
      "write tcp [2001:db8::10]:51000->[2001:db8::1]:443: write: connection reset by peer");
  EXPECT_EQ(c.src_ip, "2001:db8::10");
  EXPECT_EQ(c.src_port, 51000);
  EXPECT_EQ(c.dst_ip, "2001:db8::1");
  EXPECT_EQ(c.dst_port, 443);
}

TEST(ClassifierTest, GoBrokenPipeYieldsTheFourTuple) {
  const Classification c =
      Default().Classify("write tcp 10.123.45.67:51000->10.0.0.1:8443: write: broken pipe");
  EXPECT_EQ(RuleName(c), "go_net_broken_pipe");
  EXPECT_EQ(c.src_ip, "10.123.45.67");
  EXPECT_EQ(c.src_port, 51000);
  EXPECT_EQ(c.dst_ip, "10.0.0.1");
  EXPECT_EQ(c.dst_port, 8443);
}

TEST(ClassifierTest, GrpcPythonPeerIsTheDestination) {
  const Classification c = Default().Classify(
      "<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n"
      "\tdetails = \"recvmsg:Connection reset by peer\"\n\tdebug_error_string = "
      "\"UNKNOWN:Error received from peer ipv4:158.160.4.227:50051 {grpc_status:14}\"\n>");
  EXPECT_EQ(RuleName(c), "grpc_python_unavailable");
  EXPECT_EQ(c.dst_ip, "158.160.4.227");
  EXPECT_EQ(c.dst_port, 50051);
}

TEST(ClassifierTest, GrpcPythonIpv6Peer) {
  const Classification c = Default().Classify(
      "status = StatusCode.UNAVAILABLE details = \"Connection reset by peer\" debug_error_string "
      "= \"UNKNOWN:Error received from peer ipv6:[::1]:50051 {grpc_status:14}\"");
  EXPECT_EQ(c.dst_ip, "::1");
  EXPECT_EQ(c.dst_port, 50051);
}

TEST(ClassifierTest, GrpcPythonUnavailableWithoutResetTextIsNotAReset) {
  const Classification c = Default().Classify(
      "status = StatusCode.UNAVAILABLE\n\tdetails = \"failed to connect to all addresses; last "
      "error: UNKNOWN: ipv4:10.0.0.9:50051: Failed to connect to remote host: Connection "
      "refused\"");
  EXPECT_EQ(c.kind, Kind::kRefused);
}

TEST(ClassifierTest, RefusalsNameTheTarget) {
  const Classification node = Default().Classify("Error: connect ECONNREFUSED 10.244.1.18:8079");
  EXPECT_EQ(node.dst_ip, "10.244.1.18");
  EXPECT_EQ(node.dst_port, 8079);
  const Classification node6 = Default().Classify("Error: connect ECONNREFUSED ::1:3000");
  EXPECT_EQ(node6.dst_ip, "::1");
  EXPECT_EQ(node6.dst_port, 3000);
  const Classification go =
      Default().Classify("dial tcp 10.244.1.18:8079: connect: connection refused");
  EXPECT_EQ(go.dst_ip, "10.244.1.18");
  EXPECT_EQ(go.dst_port, 8079);
  const Classification nginx = Default().Classify(
      "*12 connect() failed (111: Connection refused) while connecting to upstream, client: "
      "10.1.2.3, upstream: \"http://127.0.0.1:8080/health\"");
  EXPECT_EQ(nginx.dst_ip, "127.0.0.1");
  EXPECT_EQ(nginx.dst_port, 8080);
}

TEST(ClassifierTest, GoTlsHandshakeErrorNamesTheClient) {
  const Classification c =
      Default().Classify("http: TLS handshake error from 198.51.100.23:51514: EOF");
  EXPECT_EQ(c.kind, Kind::kTlsError);
  EXPECT_EQ(c.src_ip, "198.51.100.23");
  EXPECT_EQ(c.src_port, 51514);
  EXPECT_TRUE(c.dst_ip.empty());
}

TEST(ClassifierTest, ExtractedViewsPointIntoTheMessage) {
  const std::string message = "Memory cgroup out of memory: Killed process 50624 (java) x";
  const Classification c = Default().Classify(message);
  ASSERT_EQ(c.process, "java");
  EXPECT_GE(c.process.data(), message.data());
  EXPECT_LE(c.process.data() + c.process.size(), message.data() + message.size());
}

TEST(ClassifierTest, SegfaultCommIsNotThePrefixBeforeIt) {
  const Classification c = Default().Classify(
      "kernel: a.out[40342]: segfault at 0 ip 00000000004005b1 sp 00007ffc5b1be400 error 4");
  EXPECT_EQ(c.kind, Kind::kCrash);
  EXPECT_EQ(c.process, "a.out");
  EXPECT_EQ(c.pid, 40342);
}

TEST(ClassifierTest, LongMultiLineRecordStillClassifiesByItsInnermostCause) {
  std::string record = "Batch failed\njava.io.IOException: upstream gave up\n";
  for (int i = 0; i < 2000; ++i) {
    record += "\tat com.acme.batch.Step" + std::to_string(i) +
              ".run(Step.java:" + std::to_string(i % 500) + ") [client 10.0.0." +
              std::to_string(i % 250) + "]\n";
  }
  record += "Caused by: java.net.SocketException: Connection reset";
  EXPECT_EQ(RuleName(Default().Classify(record)), "java_connection_reset");
}

TEST(ClassifierTest, SystemdUnitNameLosesOnlyTheServiceSuffix) {
  EXPECT_EQ(Default().Classify("docker-4f1c.scope: Failed with result 'oom-kill'.").process,
            "docker-4f1c.scope");
  EXPECT_EQ(Default().Classify("getty@tty1.service: Failed with result 'exit-code'.").process,
            "getty@tty1");
}

TEST(ClassifierTest, SystemdLinesInsideALongerTextStillNameTheUnit) {
  const Classification c = Default().Classify(
      "Sep 23 14:09:18 ip-172-31-16-253 systemd[1]: erigon.service: A process of this unit has "
      "been killed by the OOM killer.");
  EXPECT_EQ(c.kind, Kind::kOomKill);
  EXPECT_EQ(c.process, "erigon");
}

TEST(ClassifierTest, AnchoredServiceManagerRulesNeedTheMessageStart) {
  EXPECT_EQ(Default().Classify("job Started nightly export.").kind, Kind::kOther);
  EXPECT_EQ(Default().Classify("Started nightly export.").kind, Kind::kStart);
}

TEST(ClassifierTest, GoPanicCountsOnlyAtALineStart) {
  EXPECT_EQ(Default().Classify("recovered from panic: boom").kind, Kind::kOther);
  EXPECT_EQ(Default().Classify("server stopped\npanic: boom").kind, Kind::kCrash);
}

TEST(ClassifierTest, CaseInsensitiveRulesMatchAnyCase) {
  EXPECT_EQ(RuleName(Default().Classify("CONNECTION RESET BY PEER")), "connection_reset_by_peer");
  EXPECT_EQ(RuleName(Default().Classify("possible syn flooding on port 443")), "kernel_syn_flood");
}

TEST(ClassifierCreateTest, BadPatternIsReportedWithTheRuleName) {
  static constexpr RuleSample kNone[] = {{"x"}};
  const Rule rules[] = {
      {"fine_rule", Kind::kReset, "reset", "a rule that compiles", kNone},
      {"broken_rule", Kind::kCrash, "(unclosed", "a rule that does not", kNone},
  };
  auto created = Classifier::Create(rules);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(created.status().message().find("broken_rule"), std::string_view::npos)
      << created.status();
}

TEST(ClassifierCreateTest, BadNamedGroupIsReportedWithTheRuleName) {
  static constexpr RuleSample kNone[] = {{"x"}};
  const Rule rules[] = {
      {"bad_group", Kind::kReset, "(?P<pid[0-9]+)", "an invalid group name", kNone},
  };
  auto created = Classifier::Create(rules);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("bad_group"), std::string_view::npos);
}

TEST(ClassifierCreateTest, FirstRuleInTableOrderWinsWhereverItMatches) {
  static constexpr RuleSample kNone[] = {{"x"}};
  const Rule rules[] = {
      {"late_text", Kind::kCrash, "boom", "matches late in the message", kNone},
      {"early_text", Kind::kReset, "reset", "matches early in the message", kNone},
  };
  auto created = Classifier::Create(rules);
  ASSERT_TRUE(created.ok()) << created.status();
  const Classification c = (*created)->Classify("reset first, then boom");
  EXPECT_EQ(RuleName(c), "late_text");
  EXPECT_EQ(c.kind, Kind::kCrash);
}

TEST(ClassifierCreateTest, IgnoreCaseAppliesToOneRuleOnly) {
  static constexpr RuleSample kNone[] = {{"x"}};
  const Rule rules[] = {
      {"exact", Kind::kCrash, "Exact", "case-sensitive", kNone},
      {"loose", Kind::kReset, "loose", "case-insensitive", kNone, /*ignore_case=*/true},
  };
  auto created = Classifier::Create(rules);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ((*created)->Classify("EXACT").rule, nullptr);
  EXPECT_EQ(RuleName((*created)->Classify("LOOSE")), "loose");
}

TEST(ClassifierCreateTest, EmptyTableClassifiesNothing) {
  auto created = Classifier::Create({});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ((*created)->Classify("Connection reset by peer").rule, nullptr);
}

}  // namespace
}  // namespace rstscope::parsers
