// Edge cases of PAN-OS traffic CSV files (panos_traffic) and inside syslog (panos) that the format
// samples cannot express: rejected lines, zones, directives, detection.
#include <string>
#include <string_view>
#include <vector>

#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/embedded.h"
#include "parsers/registry.h"
#include "parsers/sniffer.h"
#include "tests/parsers/firewall_test_util.h"

namespace rstscope::parsers {
namespace {

using base::Kind;
using fwtest::MessageOf;
using fwtest::ParseSyslog;
using fwtest::SyslogResult;
using fwtest::Utc;
using fwtest::ZoneContext;

constexpr std::string_view kPanLine =
    "1,2024/03/01 10:15:02,007200002536,TRAFFIC,end,2305,2024/03/01 10:15:01,10.0.0.21,"
    "10.0.9.5,,,db-out,,,postgres,vsys1,trust,untrust,ethernet1/1,ethernet1/2,,"
    "2024/03/01 10:15:01,41001,1,40112,5432,0,0,0x19,tcp,reset-both,9120,4100,5020,40,"
    "2024/03/01 09:15:00,12,any,0,18621234944,0x0,10.0.0.0-10.255.255.255,"
    "10.0.0.0-10.255.255.255,0,20,20,tcp-fin,0,0,0,0,,pa-edge-01,from-policy";

TEST(PanosTrafficTest, FirewallGeneratedResetActionIsADeny) {
  auto parser = kPanosTrafficFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kPanLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.kind, Kind::kFwDeny);
  EXPECT_EQ(p.FindAttr("duration_ms"), "12000");
  EXPECT_EQ(p.FindAttr("nat_src_ip"), std::nullopt);
}

TEST(PanosTrafficTest, GeneratedTimeIsDeviceLocal) {
  auto parser = kPanosTrafficFormat.make_parser(ZoneContext("America/New_York"));
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kPanLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 3, 1, 15, 15, 1));
}

TEST(PanosTrafficTest, RejectsOtherLogTypesAndShortLines) {
  auto parser = kPanosTrafficFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser
                ->Parse("1,2024/03/01 10:15:02,007200002536,THREAT,url,2305,2024/03/01 10:15:01,"
                        "10.0.0.21",
                        &p)
                .status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser
                ->Parse("1,2024/03/01 10:15:02,007200002536,TRAFFIC,end,2305,2024/03/01 10:15:01,"
                        "10.0.0.21,10.0.9.5",
                        &p)
                .status,
            ParseStatus::kMalformed);
  EXPECT_EQ(parser->Parse("2024/03/01 10:15:02 [error] 1#1: x", &p).status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser->Parse("1,2024/03/01 10:15:02,0072,TRAFFIC,end,\"unterminated", &p).status,
            ParseStatus::kMalformed);
}

TEST(PanosTrafficTest, SniffPicksPanosTraffic) {
  std::vector<std::string> owned;
  for (int i = 0; i < 10; ++i) {
    std::string line(kPanLine);
    line.replace(line.find(",41001,"), 7, ",4100" + std::to_string(i) + ",");
    owned.push_back(line);
  }
  const std::vector<std::string_view> lines(owned.begin(), owned.end());
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kPanosTrafficFormat);
}

TEST(PanosEmbeddedTest, HeaderlessSyslogLineKeepsTheWholeCsvAsMessage) {
  const std::string line = "Mar  1 10:15:02 " + std::string(kPanLine);
  const SyslogResult r = ParseSyslog(line);
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "panos");
  EXPECT_EQ(r.line.host, "");
  EXPECT_EQ(MessageOf(line, r.line), kPanLine);
  EXPECT_EQ(r.line.src_port, 40112);
  EXPECT_EQ(r.line.FindAttr("session_id"), "41001");
}

TEST(PanosEmbeddedTest, OnlyTrafficIsClaimed) {
  const EmbeddedFormat* f = FindEmbeddedFormat("panos");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->claims("", kPanLine));
  EXPECT_FALSE(f->claims("", "1,2024/03/01 10:15:02,007200002536,THREAT,url,"));
  EXPECT_FALSE(f->claims("", "a,b,c"));
  EXPECT_TRUE(f->claims("", "10:15:02,007200002536,TRAFFIC,end,2305"));
  EXPECT_FALSE(f->claims("", "10:15:02,007200002536,THREAT,url,2305"));
}

}  // namespace
}  // namespace rstscope::parsers
