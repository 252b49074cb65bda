// Edge cases of AWS VPC Flow Logs that the format
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

TEST(AwsVpcFlowTest, CustomHeaderWithTcpFlagsReportsRst) {
  auto parser = kAwsVpcFlowFormat.make_parser(SampleContext());
  EXPECT_TRUE(parser->ConsumeDirective(
      "version interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
      "action log-status tcp-flags flow-direction"));
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse("5 eni-0f1e2d3c4b5a69788 10.0.1.5 10.0.2.9 51234 5432 6 12 3400 "
                        "1709287000 1709287060 ACCEPT OK 22 egress",
                        &p)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.kind, Kind::kFwReset);
  EXPECT_EQ(p.FindAttr("tcp_flags"), "22");
  EXPECT_EQ(p.FindAttr("direction"), "egress");
  ParsedLine q;
  ASSERT_EQ(parser
                ->Parse("5 eni-0f1e2d3c4b5a69788 10.0.1.5 10.0.2.9 51234 5432 6 12 3400 "
                        "1709287000 1709287060 REJECT OK 18 ingress",
                        &q)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(q.kind, Kind::kFwDeny);
}

TEST(AwsVpcFlowTest, HeaderWithUnknownNamesIsNotADirective) {
  auto parser = kAwsVpcFlowFormat.make_parser(SampleContext());
  EXPECT_FALSE(parser->ConsumeDirective("version of the tool: 2"));
  EXPECT_FALSE(parser->ConsumeDirective("#Fields: date time"));
}

TEST(AwsVpcFlowTest, RejectsOtherLines) {
  auto parser = kAwsVpcFlowFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser->Parse("2 123456789010 eni-1 1.2.3.4 5.6.7.8 1 2 6 1 1 1418530010", &p).status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser
                ->Parse("2 123456789010 eni-1 1.2.3.4 5.6.7.8 1 2 6 1 1 1418530010 1418530070 "
                        "MAYBE OK",
                        &p)
                .status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser
                ->Parse("2 123456789010 eni-1 1.2.3.x 5.6.7.8 1 2 6 1 1 1418530010 1418530070 "
                        "ACCEPT OK",
                        &p)
                .status,
            ParseStatus::kMalformed);
}

TEST(AwsVpcFlowTest, SniffPicksVpcFlow) {
  const std::vector<std::string_view> lines = {
      "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
      "start end action log-status",
      "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 "
      "1418530010 1418530070 ACCEPT OK",
      "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 "
      "1418530010 1418530070 REJECT OK",
      "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
      "2 123456789010 eni-1235b8ca123456789 10.0.1.5 10.0.2.9 51234 53 17 3 300 1418530010 "
      "1418530070 ACCEPT OK",
      "2 123456789010 eni-1235b8ca123456789 10.0.1.5 10.0.2.9 51235 443 6 30 9000 1418530010 "
      "1418530070 ACCEPT OK",
      "2 123456789010 eni-1235b8ca123456789 10.0.1.6 10.0.2.9 51236 443 6 30 9000 1418530010 "
      "1418530070 ACCEPT OK",
      "2 123456789010 eni-1235b8ca123456789 10.0.1.7 10.0.2.9 51237 443 6 30 9000 1418530010 "
      "1418530070 ACCEPT OK",
      "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1418530010 1418530070 - SKIPDATA",
      "2 123456789010 eni-1235b8ca123456789 10.0.1.8 10.0.2.9 51238 443 6 30 9000 1418530010 "
      "1418530070 REJECT OK",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kAwsVpcFlowFormat);
}

}  // namespace
}  // namespace rstscope::parsers
