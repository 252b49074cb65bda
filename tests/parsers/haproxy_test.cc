// Edge cases of HAProxy lines inside syslog records that the format samples
// do not show: what the claim test takes and leaves, states mapped to kinds,
// absent timers and status, IPv6 clients, other containers, and detection
// of a syslog file full of HAProxy lines.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

// Parses `line` with `container` (syslog unless given) and returns its fields.
// The returned views point into the line and the parser, so both are kept
// for the rest of the test program (callers pass temporaries).
ParsedLine ParseIn(std::string_view line, const FormatInfo& container = kSyslogFormat) {
  static std::deque<std::string> lines;
  static std::vector<std::unique_ptr<LineParser>> parsers;
  lines.emplace_back(line);
  parsers.push_back(container.make_parser(SampleContext()));
  ParsedLine p;
  EXPECT_EQ(parsers.back()->Parse(lines.back(), &p).status, ParseStatus::kParsed) << line;
  return p;
}

// A traffic line from the haproxy tag with the given body after the date.
std::string Traffic(std::string_view body) {
  return "Mar  1 10:15:02 lb01 haproxy[2201]: 10.1.2.3:40000 [01/Mar/2024:10:15:01.000] " +
         std::string(body);
}

TEST(HaproxyTest, ClaimsTheHaproxyTagOrTheTrafficShape) {
  EXPECT_TRUE(kHaproxyFormat.claims("haproxy", "anything at all"));
  EXPECT_TRUE(kHaproxyFormat.claims("lb", "10.0.0.1:80 [01/Jan/2026:00:00:00.000] fe be/srv"));
  EXPECT_FALSE(kHaproxyFormat.claims("nginx", "10.0.0.1 [01/Jan/2026:00:00:00] no port"));
  EXPECT_FALSE(kHaproxyFormat.claims("app", "Started worker [1/4] on 10.0.0.1:80"));
  EXPECT_FALSE(kHaproxyFormat.claims("app", ""));
}

TEST(HaproxyTest, OtherTagsKeepTheirFormatUnlessTheLineParses) {
  const ParsedLine plain = ParseIn(
      "Mar  1 10:15:02 web01 app[7]: 10.0.0.1:80 [01/Mar/2024:"
      "10:15:01.000] not a traffic line");
  EXPECT_EQ(plain.format, "");
  EXPECT_EQ(plain.nattrs, 0);
  EXPECT_EQ(plain.src_ip, "");
}

TEST(HaproxyTest, TruncatedLineFromTheHaproxyTagIsKeptWithoutFields) {
  const ParsedLine p = ParseIn(Traffic("fe be/srv 0/0/1/"));
  EXPECT_EQ(p.format, "haproxy");
  EXPECT_EQ(p.role, base::Role::kProxy);
  EXPECT_EQ(p.nattrs, 0);
  EXPECT_EQ(p.src_ip, "");
  EXPECT_EQ(p.kind, base::Kind::kOther);
}

TEST(HaproxyTest, TerminationStatesMapToKinds) {
  struct Case {
    std::string_view term;
    base::Kind kind;
    std::string_view rule;
  };
  const Case cases[] = {
      {"SD--", base::Kind::kReset, "haproxy_SD"},
      {"SH--", base::Kind::kReset, "haproxy_SH"},
      {"SC--", base::Kind::kReset, "haproxy_SC"},
      {"sH--", base::Kind::kTimeout, "haproxy_sH"},
      {"sQ--", base::Kind::kTimeout, "haproxy_sQ"},
      {"CR--", base::Kind::kClientAbort, "haproxy_CR"},
      {"cR--", base::Kind::kClientAbort, "haproxy_cR"},
      {"PC--", base::Kind::kOverload, "haproxy_PC"},
      {"RC--", base::Kind::kOverload, "haproxy_RC"},
      {"DD--", base::Kind::kBackendDown, "haproxy_D"},
      {"DC--", base::Kind::kBackendDown, "haproxy_D"},
      {"----", base::Kind::kOther, ""},
      {"LR--", base::Kind::kOther, ""},
      {"KD--", base::Kind::kOther, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.term);
    const ParsedLine p = ParseIn(Traffic("fe be/srv 0/0/1/2/3 200 10 - - " + std::string(c.term) +
                                         " 1/1/1/1/0 0/0 \"GET / HTTP/1.1\""));
    EXPECT_EQ(p.format, "haproxy");
    EXPECT_EQ(p.kind, c.kind);
    EXPECT_EQ(p.rule, c.rule);
    EXPECT_EQ(p.FindAttr("reason"), c.term);
  }
}

TEST(HaproxyTest, UnknownTerminationStateIsNotATrafficLine) {
  const ParsedLine p = ParseIn(Traffic("fe be/srv 0/0/1/2/3 200 10 - - XY-- 1/1/1/1/0 0/0"));
  EXPECT_EQ(p.format, "haproxy");  // the tag's, kept without fields
  EXPECT_EQ(p.nattrs, 0);
}

TEST(HaproxyTest, AbsentTimersAndStatusAreLeftOut) {
  const ParsedLine p =
      ParseIn(Traffic("fe be/<NOSRV> -1/-1/-1/-1/-1 -1 0 - - CR-- 0/0/0/0/0 "
                      "0/0 \"<BADREQ>\""));
  EXPECT_EQ(p.FindAttr("timers"), "-1/-1/-1/-1/-1");
  EXPECT_EQ(p.FindAttr("duration_ms"), std::nullopt);
  EXPECT_EQ(p.FindAttr("status"), std::nullopt);
  EXPECT_EQ(p.FindAttr("server"), "<NOSRV>");
  EXPECT_EQ(p.FindAttr("bytes"), "0");
}

TEST(HaproxyTest, Ipv6ClientSplitsAtTheLastColon) {
  const ParsedLine p = ParseIn(
      "Mar  1 10:15:02 lb01 haproxy[2201]: 2001:db8::7:51234 "
      "[01/Mar/2024:10:15:01.000] fe be/srv 0/0/30 512 -- 1/1/1/1/0 0/0");
  EXPECT_EQ(p.src_ip, "2001:db8::7");
  EXPECT_EQ(p.src_port, 51234);
  EXPECT_EQ(p.FindAttr("duration_ms"), "30");
}

TEST(HaproxyTest, ServerUpNamesTheServerAndLeavesTheKind) {
  const ParsedLine p = ParseIn(
      "Mar  1 10:16:00 lb01 haproxy[2201]: Server be_api/api2 is UP, "
      "reason: Layer7 check passed, code: 200, check duration: 3ms. 2 "
      "active and 0 backup servers online. 0 sessions requeued, 0 "
      "total in queue.");
  EXPECT_EQ(p.format, "haproxy");
  EXPECT_EQ(p.FindAttr("upstream"), "be_api/api2");
  EXPECT_EQ(p.FindAttr("reason"), "Layer7 check passed");
  EXPECT_EQ(p.kind, base::Kind::kOther);
}

TEST(HaproxyTest, StderrLevelDoesNotOverrideThePriority) {
  const ParsedLine p = ParseIn(
      "<131>Mar  1 10:15:03 lb01 haproxy[4494]: [WARNING]  (4494) : "
      "Server web/s1 is DOWN, reason: Layer4 timeout, check duration: "
      "2001ms.");
  EXPECT_EQ(p.severity, base::Severity::kError);
  EXPECT_EQ(p.FindAttr("reason"), "Layer4 timeout");
}

TEST(HaproxyTest, WorksInsideRsyslogAndRfc5424) {
  const ParsedLine a = ParseIn(
      "2024-03-01T10:15:02.123456+01:00 lb01 haproxy[2201]: "
      "10.1.2.3:40000 [01/Mar/2024:10:15:01.000] fe be/srv 0/0/1/2/3 502 "
      "10 - - SH-- 1/1/1/1/0 0/0 \"GET / HTTP/1.1\"",
      kRsyslogFormat);
  EXPECT_EQ(a.format, "haproxy");
  EXPECT_EQ(a.kind, base::Kind::kReset);
  EXPECT_EQ(a.src_port, 40000);
  const ParsedLine b = ParseIn(
      "<134>1 2024-03-01T10:15:02Z lb01 haproxy 2201 - - 10.1.2.3:40000 "
      "[01/Mar/2024:10:15:01.000] fe be/srv 0/0/600000 0 sD 1/1/1/1/0 "
      "0/0",
      kSyslog5424Format);
  EXPECT_EQ(b.format, "haproxy");
  EXPECT_EQ(b.kind, base::Kind::kTimeout);
  EXPECT_EQ(b.FindAttr("duration_ms"), "600000");
}

TEST(HaproxyTest, SyslogFileOfHaproxyLinesIsStillSyslog) {
  const std::vector<std::string_view> lines = {
      "Mar  1 10:15:00 lb01 haproxy[2201]: Proxy fe_api started.",
      "Mar  1 10:15:01 lb01 haproxy[2201]: 10.1.2.3:40000 [01/Mar/2024:10:15:01.000] fe_api "
      "be_api/api1 0/0/1/2/3 200 10 - - ---- 1/1/1/1/0 0/0 \"GET / HTTP/1.1\"",
      "Mar  1 10:15:02 lb01 haproxy[2201]: 10.1.2.3:40001 [01/Mar/2024:10:15:02.000] fe_api "
      "be_api/api2 0/0/1/-1/102 502 217 - - SD-- 1/1/1/1/0 0/0 \"POST /v1 HTTP/1.1\"",
      "Mar  1 10:15:03 lb01 haproxy[2201]: Server be_api/api2 is DOWN, reason: Layer4 connection "
      "problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0 backup servers "
      "left. 0 sessions active, 0 requeued, 0 remaining in queue.",
      "Mar  1 10:15:04 lb01 haproxy[2201]: 10.1.2.4:40002 [01/Mar/2024:10:15:04.000] fe_api "
      "be_api/api1 0/0/1/2/3 200 10 - - ---- 1/1/1/1/0 0/0 \"GET / HTTP/1.1\"",
      "Mar  1 10:15:05 lb01 haproxy[2201]: 10.1.2.5:40003 [01/Mar/2024:10:15:05.000] fe_db "
      "be_db/db1 0/1/600000 4096 sD 1/1/1/1/0 0/0",
      "Mar  1 10:15:06 lb01 haproxy[2201]: 10.1.2.6:40004 [01/Mar/2024:10:15:06.000] fe_api "
      "be_api/api1 0/0/1/2/3 200 10 - - ---- 1/1/1/1/0 0/0 \"GET / HTTP/1.1\"",
      "Mar  1 10:15:07 lb01 haproxy[2201]: backend be_api has no server available!",
      "Mar  1 10:15:08 lb01 haproxy[2201]: 10.1.2.7:40005 [01/Mar/2024:10:15:08.000] fe_api "
      "be_api/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"",
      "Mar  1 10:15:09 lb01 haproxy[2201]: 10.1.2.8:40006 [01/Mar/2024:10:15:09.000] fe_api "
      "be_api/api1 0/0/1/2/3 200 10 - - ---- 1/1/1/1/0 0/0 \"GET / HTTP/1.1\"",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kSyslogFormat);
  auto parser = kSyslogFormat.make_parser(SampleContext());
  int haproxy = 0;
  for (std::string_view line : lines) {
    ParsedLine p;
    ASSERT_EQ(parser->Parse(line, &p).status, ParseStatus::kParsed) << line;
    haproxy += p.format == "haproxy";
  }
  EXPECT_EQ(haproxy, 10);
}

}  // namespace
}  // namespace rstscope::parsers
