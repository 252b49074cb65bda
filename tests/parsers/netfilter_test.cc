// Edge cases of netfilter LOG lines inside syslog that the format
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

TEST(NetfilterTest, ClaimsOnlyKernelOrUntaggedMessagesWithInAndSrc) {
  const EmbeddedFormat* f = FindEmbeddedFormat("netfilter");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->claims("kernel", "[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8"));
  EXPECT_TRUE(f->claims("", "[LAN_IN-D-4001] IN=br0 OUT=eth8 SRC=1.2.3.4 DST=5.6.7.8"));
  EXPECT_FALSE(f->claims("sshd", "IN=eth0 SRC=1.2.3.4"));
  EXPECT_FALSE(f->claims("kernel", "Out of memory: Kill process 1 (x)"));
  EXPECT_FALSE(f->claims("kernel", "LOGIN=foo SRC=bar"));
}

TEST(NetfilterTest, RstWinsOverBlockPrefixAndFlagsKeepTheirOrder) {
  const SyslogResult r = ParseSyslog(
      "Jan 10 12:00:00 web01 kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5 "
      "LEN=40 PROTO=TCP SPT=51514 DPT=443 WINDOW=0 RES=0x00 ACK PSH RST FIN URGP=0");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "netfilter");
  EXPECT_EQ(r.line.role, base::Role::kFirewall);
  EXPECT_EQ(r.line.kind, Kind::kFwReset);
  EXPECT_EQ(r.line.FindAttr("flags"), "ACK PSH RST FIN");
}

TEST(NetfilterTest, IpFlagWordsBeforeProtoAreNotTcpFlags) {
  // DF comes before PROTO=; a word "ACK" there would not be a TCP flag.
  const SyslogResult r = ParseSyslog(
      "Jan 10 12:00:00 gw kernel: REJECT-IN IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5 LEN=40 "
      "DF PROTO=UDP SPT=1 DPT=2 LEN=20");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.kind, Kind::kFwDeny);
  EXPECT_EQ(r.line.FindAttr("flags"), std::nullopt);
  EXPECT_EQ(r.line.FindAttr("rule"), "REJECT-IN");
}

TEST(NetfilterTest, IcmpHasNoPortsAndAnAcceptPrefixIsOther) {
  const SyslogResult r = ParseSyslog(
      "Jan 10 12:00:00 gw kernel: [UFW ALLOW] IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5 LEN=84 "
      "PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "netfilter");
  EXPECT_EQ(r.line.kind, Kind::kOther);
  EXPECT_EQ(r.line.src_port, -1);
  EXPECT_EQ(r.line.dst_port, -1);
  EXPECT_EQ(r.line.FindAttr("proto"), "icmp");
}

TEST(NetfilterTest, BadAddressLeavesAPlainSyslogRecord) {
  const SyslogResult r = ParseSyslog(
      "Jan 10 12:00:00 gw kernel: IN=eth0 OUT= SRC=not-an-ip DST=10.0.0.5 PROTO=TCP SPT=1 DPT=2");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "");
  EXPECT_EQ(r.line.src_ip, "");
}

}  // namespace
}  // namespace rstscope::parsers
