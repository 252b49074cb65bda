// Edge cases of the Squid native access.log: tag suffixes, padding, lines
// of other formats, and detection.
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

ParseStatus StatusOf(std::string_view line) {
  auto parser = kSquidFormat.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

ParsedLine Parse(std::string_view line) {
  auto parser = kSquidFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser->Parse(line, &p).status, ParseStatus::kParsed) << line;
  return p;
}

TEST(SquidTest, EpochMillisIsUtcWithoutAssumptions) {
  const ParsedLine p = Parse(
      "1709288102.456      7 10.1.2.3 TCP_HIT/200 512 GET http://a/ - "
      "HIER_NONE/- text/plain");
  EXPECT_EQ(p.ts_us, 1709288102456000);
  EXPECT_EQ(p.flags, 0);
  EXPECT_EQ(p.FindAttr("duration_ms"), "7");
  EXPECT_EQ(p.FindAttr("upstream"), std::nullopt);
  EXPECT_EQ(p.dst_ip, "");
}

TEST(SquidTest, AbortedTunnelWithAStatusIsStillAClientAbort) {
  const ParsedLine p = Parse(
      "1709288102.456 300000 10.1.2.3 TCP_TUNNEL_ABORTED/200 4711 CONNECT "
      "api.example.com:443 - HIER_DIRECT/93.184.216.34 -");
  EXPECT_EQ(p.kind, base::Kind::kClientAbort);
  EXPECT_EQ(p.rule, "squid_aborted");
  EXPECT_EQ(p.severity, base::Severity::kWarning);
}

TEST(SquidTest, IgnoredSuffixLeavesTheKind) {
  const ParsedLine p = Parse(
      "1709288102.456     12 10.1.2.3 TCP_REFRESH_IGNORED/304 310 GET "
      "http://a/ - HIER_DIRECT/93.184.216.34 -");
  EXPECT_EQ(p.kind, base::Kind::kOther);
  EXPECT_EQ(p.FindAttr("status"), "304");
}

TEST(SquidTest, TrailingFieldsAreOptional) {
  const ParsedLine p = Parse("1709288102.456 12 10.1.2.3 TCP_MISS/200 310 GET http://a/");
  EXPECT_EQ(p.src_ip, "10.1.2.3");
  EXPECT_EQ(p.FindAttr("url"), "http://a/");
}

TEST(SquidTest, RejectsOtherFormats) {
  EXPECT_EQ(StatusOf("1709288102 12 10.1.2.3 TCP_MISS/200 310 GET http://a/"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("1709288102.456 12 10.1.2.3 200 310 GET http://a/"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("1709288102.456 12 10.1.2.3 TCP_MISS/200 310"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("1709288102.4567 12 10.1.2.3 TCP_MISS/200 310 GET http://a/"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("{\"ts\":1709288102.456}"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(""), ParseStatus::kNotThisFormat);
}

TEST(SquidSniffTest, PicksSquid) {
  const std::vector<std::string_view> lines = {
      "1709288100.001    120 10.1.2.3 TCP_MISS/200 5432 GET http://example.com/index.html - "
      "HIER_DIRECT/93.184.216.34 text/html",
      "1709288100.250      3 10.1.2.3 TCP_MEM_HIT/200 1234 GET http://example.com/logo.png - "
      "HIER_NONE/- image/png",
      "1709288100.900  60012 10.1.2.4 TCP_TUNNEL/200 88211 CONNECT api.example.com:443 - "
      "HIER_DIRECT/203.0.113.10 -",
      "1709288101.020     45 10.1.2.5 TCP_REFRESH_UNMODIFIED/304 310 GET "
      "http://example.com/app.js - HIER_DIRECT/93.184.216.34 application/javascript",
      "1709288101.300   5012 10.1.2.3 TCP_MISS_ABORTED/000 0 GET http://example.com/big.iso - "
      "HIER_DIRECT/93.184.216.34 -",
      "1709288101.800      0 10.1.2.6 NONE_NONE/000 0 - error:transaction-end-before-headers - "
      "HIER_NONE/- -",
      "1709288102.100    210 10.1.2.3 TCP_MISS/502 4012 GET http://intranet.example/ - "
      "HIER_DIRECT/10.0.0.9 text/html",
      "1709288102.500      1 10.1.2.7 TCP_DENIED/403 3910 GET http://blocked.example/ - "
      "HIER_NONE/- text/html",
      "1709288103.000  60000 10.1.2.3 TCP_MISS_TIMEDOUT/504 312 GET http://slow.example/ - "
      "HIER_DIRECT/10.0.0.21 text/html",
      "1709288103.400     98 10.1.2.8 TCP_MISS/200 777 POST http://example.com/api - "
      "HIER_DIRECT/93.184.216.34 application/json",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kSquidFormat);
}

}  // namespace
}  // namespace rstscope::parsers
