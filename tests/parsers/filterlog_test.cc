// Edge cases of pfSense/OPNsense filterlog lines inside syslog that the format
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

TEST(FilterlogTest, BlockedFinAckIsAnEstablishedFlowDeny) {
  const SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw filterlog: 77,,,1000000103,igb0,match,block,in,4,0x0,,57,0,0,DF,6,tcp,"
      "52,198.51.100.7,10.0.0.21,443,51234,0,FA,2236451,1,0,,");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "filterlog");
  EXPECT_EQ(r.line.kind, Kind::kFwDeny);
  EXPECT_EQ(r.line.rule, "filterlog_block_established");
  EXPECT_EQ(r.line.FindAttr("flags"), "FA");
}

TEST(FilterlogTest, UnknownIpVersionOrActionIsNotTaken) {
  SyslogResult r = ParseSyslog("Mar  1 10:15:02 fw filterlog: 77,,,1,igb0,match,block,in,5,x");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "");
  r = ParseSyslog("Mar  1 10:15:02 fw filterlog: 77,,,1,igb0,match,maybe,in,4");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "");
}

}  // namespace
}  // namespace rstscope::parsers
