// Edge cases of the Envoy access logs, text and JSON: several response
// flags, the optional quoted tail, IPv6 upstreams, zone-less times, key
// order and escapes in JSON, lines of other formats, and detection.
#include <optional>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include <vector>

#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

ParseStatus StatusOf(std::string_view line) {
  auto parser = kEnvoyFormat.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

// The returned views point into the line and the parser, so both are kept
// for the rest of the test program (callers pass temporaries).
ParsedLine Parse(std::string_view line) {
  static std::deque<std::string> lines;
  static std::vector<std::unique_ptr<LineParser>> parsers;
  lines.emplace_back(line);
  parsers.push_back(kEnvoyFormat.make_parser(SampleContext()));
  ParsedLine p;
  EXPECT_EQ(parsers.back()->Parse(lines.back(), &p).status, ParseStatus::kParsed) << line;
  return p;
}

std::string WithFlags(std::string_view flags) {
  return "[2024-03-01T10:15:02.000Z] \"GET / HTTP/1.1\" 503 " + std::string(flags) +
         " 0 95 12 - \"-\" \"curl/8.5.0\" \"id-1\" \"web\" \"10.0.2.1:8080\"";
}

TEST(EnvoyTest, UpstreamResetWinsOverOtherFlags) {
  const ParsedLine p = Parse(WithFlags("URX,UC"));
  EXPECT_EQ(p.kind, base::Kind::kReset);
  EXPECT_EQ(p.rule, "envoy_UC");
  EXPECT_EQ(p.FindAttr("reason"), "URX,UC");
}

TEST(EnvoyTest, EachFlagMapsToItsKind) {
  struct Case {
    std::string_view flags;
    base::Kind kind;
    std::string_view rule;
  };
  const Case cases[] = {
      {"UR", base::Kind::kReset, "envoy_UR"},
      {"LR", base::Kind::kReset, "envoy_LR"},
      {"UT,URX", base::Kind::kTimeout, "envoy_UT"},
      {"UH", base::Kind::kBackendDown, "envoy_UH"},
      {"URX", base::Kind::kRefused, "envoy_URX"},
      {"UO", base::Kind::kOverload, "envoy_UO"},
      {"DC", base::Kind::kClientAbort, "envoy_DC"},
      {"NR", base::Kind::kOther, ""},
      {"RL", base::Kind::kOther, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flags);
    const ParsedLine p = Parse(WithFlags(c.flags));
    EXPECT_EQ(p.kind, c.kind);
    EXPECT_EQ(p.rule, c.rule);
  }
}

TEST(EnvoyTest, QuotedTailIsOptional) {
  const ParsedLine p = Parse("[2024-03-01T10:15:02.000Z] \"GET /health HTTP/1.1\" 200 - 0 2 1 1");
  EXPECT_EQ(p.src_ip, "");
  EXPECT_EQ(p.dst_ip, "");
  EXPECT_EQ(p.FindAttr("request_id"), std::nullopt);
  EXPECT_EQ(p.FindAttr("duration_ms"), "1");
  EXPECT_EQ(p.severity, base::Severity::kInfo);
}

TEST(EnvoyTest, BracketedIpv6UpstreamBecomesTheDestination) {
  const ParsedLine p = Parse(
      "[2024-03-01T10:15:02.000Z] \"GET / HTTP/1.1\" 200 - 0 2 1 1 "
      "\"2001:db8::9\" \"curl\" \"id\" \"web\" \"[2001:db8::5]:8080\"");
  EXPECT_EQ(p.src_ip, "2001:db8::9");
  EXPECT_EQ(p.dst_ip, "2001:db8::5");
  EXPECT_EQ(p.dst_port, 8080);
}

TEST(EnvoyTest, TimeWithoutOffsetIsReadInTheSourceZone) {
  const ParsedLine p = Parse("[2024-03-01T10:15:02.000] \"GET / HTTP/1.1\" 200 - 0 2 1 1");
  EXPECT_NE(p.flags & base::kFlagTzAssumed, 0);
  const ParsedLine z = Parse("[2024-03-01T10:15:02.000Z] \"GET / HTTP/1.1\" 200 - 0 2 1 1");
  EXPECT_EQ(z.flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(p.ts_us, z.ts_us);
}

TEST(EnvoyTest, RejectsOtherFormats) {
  EXPECT_EQ(StatusOf("10.112.72.172 - - [11/Feb/2013:06:43:36 +0000] \"GET / HTTP/1.1\" 200 5"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[2024-03-01T10:15:02Z] INFO server started"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[2024-03-01T10:15:02Z] \"GET / HTTP/1.1\" 200 ok 0 2 1 1"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[2024-03-01T10:15:02Z] \"GET / HTTP/1.1\" 200 - 0 2"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[2024-03-01T10:15:02Z] \"GET / HTTP/1.1"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(""), ParseStatus::kNotThisFormat);
}

TEST(EnvoySniffTest, PicksEnvoy) {
  const std::vector<std::string_view> lines = {
      "[2024-03-01T10:15:00.001Z] \"GET /api/v1/orders HTTP/1.1\" 200 - 0 1532 14 13 "
      "\"10.0.35.28\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c01\" \"orders\" "
      "\"10.0.2.1:8080\"",
      "[2024-03-01T10:15:00.120Z] \"POST /api/v1/orders HTTP/1.1\" 201 - 412 88 31 30 "
      "\"10.0.35.28\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c02\" \"orders\" "
      "\"10.0.2.1:8080\"",
      "[2024-03-01T10:15:00.300Z] \"GET /healthz HTTP/1.1\" 200 - 0 2 0 0 \"-\" "
      "\"kube-probe/1.29\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c03\" \"orders\" \"10.0.2.1:8080\"",
      "[2024-03-01T10:15:01.002Z] \"GET /api/v1/orders/17 HTTP/2\" 503 UC 0 95 12 - "
      "\"10.0.35.29\" \"okhttp/4.12\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c04\" \"orders\" "
      "\"10.0.2.2:8080\"",
      "[2024-03-01T10:15:01.500Z] \"GET /api/v1/orders HTTP/1.1\" 200 - 0 1532 9 8 "
      "\"10.0.35.28\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c05\" \"orders\" "
      "\"10.0.2.1:8080\"",
      "[2024-03-01T10:15:02.000Z] \"- - -\" 0 - 1234 5678 60000 - \"-\" \"-\" \"-\" \"-\" "
      "\"10.0.3.4:5432\"",
      "[2024-03-01T10:15:02.700Z] \"GET /api/v1/reports HTTP/1.1\" 504 UT 0 24 15001 - "
      "\"10.0.35.28\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c06\" \"reports\" "
      "\"10.0.2.7:8080\"",
      "[2024-03-01T10:15:03.000Z] \"GET / HTTP/1.1\" 503 UH 0 19 0 - \"-\" \"curl/8.5.0\" "
      "\"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c07\" \"web\" \"-\"",
      "[2024-03-01T10:15:03.400Z] \"GET /big.iso HTTP/1.1\" 0 DC 0 0 5012 - \"10.0.35.28\" "
      "\"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c08\" \"files\" \"10.0.2.3:80\"",
      "[2024-03-01T10:15:04.000Z] \"GET /api/v1/orders HTTP/1.1\" 200 - 0 1532 11 10 "
      "\"10.0.35.28\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c09\" \"orders\" "
      "\"10.0.2.1:8080\"",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kEnvoyFormat);
}

// ---------------------------------------------------------------- envoy_json

ParsedLine ParseJson(std::string_view line) {
  auto parser = kEnvoyJsonFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser->Parse(line, &p).status, ParseStatus::kParsed) << line;
  return p;
}

ParseStatus JsonStatusOf(std::string_view line) {
  auto parser = kEnvoyJsonFormat.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

TEST(EnvoyJsonTest, KeyOrderDoesNotMatterAndAttrsKeepTheirOrder) {
  const ParsedLine p = ParseJson(R"({"upstream_host":"10.0.2.1:8080","response_flags":"UF,URX",)"
                                 R"("duration":3,"response_code":503,)"
                                 R"("start_time":"2024-03-01T10:15:22Z"})");
  EXPECT_EQ(p.kind, base::Kind::kRefused);
  EXPECT_EQ(p.rule, "envoy_UF");
  ASSERT_EQ(p.nattrs, 4);
  EXPECT_EQ(p.attrs[0].key, "status");
  EXPECT_EQ(p.attrs[1].key, "reason");
  EXPECT_EQ(p.attrs[2].key, "duration_ms");
  EXPECT_EQ(p.attrs[3].key, "upstream");
}

TEST(EnvoyJsonTest, ViewsSurviveUntilTheNextParse) {
  auto parser = kEnvoyJsonFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse(R"({"start_time":"2024-03-01T10:15:22Z","response_code":200,)"
                        R"("path":"\/a\u0062c"})",
                        &p)
                .status,
            ParseStatus::kParsed);
  ASSERT_EQ(p.nattrs, 2);
  EXPECT_EQ(p.attrs[0].value, "/abc");
  EXPECT_EQ(p.attrs[1].value, "200");
}

TEST(EnvoyJsonTest, LeavesOtherJsonToJsonLines) {
  EXPECT_EQ(JsonStatusOf(R"({"time":"2024-03-01T10:15:22Z","level":"info","msg":"hi"})"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(JsonStatusOf(R"({"start_time":"2024-03-01T10:15:22Z","name":"job"})"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(JsonStatusOf(R"({"start_time":"yesterday","response_code":200})"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(JsonStatusOf(R"({"start_time":"2024-03-01T10:15:22Z","response_code":200)"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(JsonStatusOf("[2024-03-01T10:15:02.000Z] \"GET / HTTP/1.1\" 200 - 0 2 1 1"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(JsonStatusOf(R"({"start_time":"2024-03-01T10:15:22Z","response_code":"OK"})"),
            ParseStatus::kMalformed);
}

TEST(EnvoyJsonSniffTest, PicksEnvoyJson) {
  std::vector<std::string> owned;
  for (int i = 0; i < 10; ++i) {
    const bool reset = i == 3;
    owned.push_back(
        R"({"start_time":"2024-03-01T10:15:0)" + std::to_string(i) +
        R"(.000Z","method":"GET","path":"/api/v1/orders","protocol":"HTTP/1.1",)" +
        R"("response_code":)" + (reset ? "503" : "200") + R"(,"response_flags":")" +
        (reset ? "UC" : "-") + R"(","bytes_received":0,"bytes_sent":1532,"duration":14,)" +
        R"("user_agent":"curl/8.5.0","request_id":"id-)" + std::to_string(i) +
        R"(","authority":"orders","upstream_host":"10.0.2.1:8080",)" +
        R"("downstream_remote_address":"10.0.35.28:5123)" + std::to_string(i) + R"("})");
  }
  const std::vector<std::string_view> lines(owned.begin(), owned.end());
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kEnvoyJsonFormat);
}

}  // namespace
}  // namespace rstscope::parsers
