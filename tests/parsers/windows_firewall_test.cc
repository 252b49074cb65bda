// Edge cases of Windows Defender Firewall pfirewall.log that the format
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

TEST(WindowsFirewallTest, FieldsDirectiveWithPidColumnDrivesColumns) {
  auto parser = kWindowsFirewallFormat.make_parser(ZoneContext("Europe/Berlin"));
  EXPECT_TRUE(parser->ConsumeDirective("#Version: 1.5"));
  EXPECT_TRUE(parser->ConsumeDirective("#Time Format: Local"));
  EXPECT_TRUE(parser->ConsumeDirective(
      "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn "
      "tcpack tcpwin icmptype icmpcode info path pid"));
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse("2024-03-01 10:15:02 ALLOW TCP 10.0.0.21 10.0.0.9 51235 443 0 - 0 0 0 - - "
                        "- SEND 4242",
                        &p)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.pid, 4242);
  EXPECT_EQ(p.ts_us, Utc(2024, 3, 1, 9, 15, 2));
  ParsedLine q;
  EXPECT_EQ(parser
                ->Parse("2024-03-01 10:15:02 ALLOW TCP 10.0.0.21 10.0.0.9 51235 443 0 - 0 0 0 - - "
                        "- SEND",
                        &q)
                .status,
            ParseStatus::kNotThisFormat);
  EXPECT_FALSE(parser->ConsumeDirective("2024-03-01 10:15:02 ALLOW"));
}

TEST(WindowsFirewallTest, IisFieldsMakeEveryLineAStranger) {
  auto parser = kWindowsFirewallFormat.make_parser(SampleContext());
  EXPECT_TRUE(parser->ConsumeDirective(
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
      "cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken"));
  ParsedLine p;
  EXPECT_EQ(parser->Parse("2024-03-01 10:15:02 10.0.0.9 GET / - 443 - 10.0.0.21 curl 200 0 0 5", &p)
                .status,
            ParseStatus::kNotThisFormat);
}

TEST(WindowsFirewallTest, SniffPicksWindowsFirewall) {
  const std::vector<std::string_view> lines = {
      "#Version: 1.5",
      "#Software: Microsoft Windows Firewall",
      "#Time Format: Local",
      "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn "
      "tcpack tcpwin icmptype icmpcode info path",
      "",
      "2005-04-11 08:05:57 DROP UDP 123.45.78.90 123.156.78.255 137 137 78 - - - - - - - RECEIVE",
      "2005-04-11 08:06:02 CLOSE UDP 123.45.78.90 123.156.78.90 1027 53 - - - - - - - - -",
      "2005-04-11 08:06:26 DROP TCP 123.45.78.90 123.156.78.90 80 1774 576 A 123456789 "
      "987654321 12345 - - - RECEIVE",
      "2005-04-11 08:06:27 OPEN TCP 123.45.78.90 123.156.78.90 1775 80 - - - - - - - - -",
      "2005-04-11 08:06:28 ALLOW TCP 123.45.78.90 123.156.78.90 1776 443 - - - - - - - - SEND",
      "2005-04-11 08:06:29 DROP ICMP 123.45.78.90 123.156.78.90 - - 60 - - - - 8 0 - RECEIVE",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kWindowsFirewallFormat);
}

}  // namespace
}  // namespace rstscope::parsers
