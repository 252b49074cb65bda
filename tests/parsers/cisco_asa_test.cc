// Edge cases of Cisco ASA/FTD messages inside syslog (cisco_asa) and ASA log files (cisco_asa_log)
// that the format samples cannot express: rejected lines, zones, directives, detection.
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

TEST(CiscoAsaTest, TagFormKeepsTheAsaTextAsTheMessage) {
  const std::string_view line =
      "Mar  1 10:15:02 fw01 %ASA-6-302016: Teardown UDP connection 5 for outside:8.8.8.8/53 to "
      "inside:10.0.0.5/40000 duration 0:02:01 bytes 312";
  const SyslogResult r = ParseSyslog(line);
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "cisco_asa");
  EXPECT_EQ(r.line.process, "");
  EXPECT_EQ(MessageOf(line, r.line), line.substr(21));
  EXPECT_EQ(r.line.FindAttr("duration_ms"), "121000");
  EXPECT_EQ(r.line.FindAttr("proto"), "udp");
  EXPECT_EQ(r.line.FindAttr("reason"), std::nullopt);
  EXPECT_EQ(r.line.kind, Kind::kOther);
}

TEST(CiscoAsaTest, TeardownReasonsMapToKinds) {
  struct Case {
    std::string_view reason;
    Kind kind;
  };
  const Case cases[] = {
      {"TCP Reset-I", Kind::kFwReset},
      {"TCP Reset-APPLIANCE", Kind::kFwReset},
      {"Flow reset by IPS", Kind::kFwReset},
      {"Idle Timeout", Kind::kIdleTimeout},
      {"Conn-timeout", Kind::kIdleTimeout},
      {"Deny Terminate", Kind::kFwDeny},
      {"Flow terminated by IPS", Kind::kFwDeny},
      {"TCP FINs", Kind::kOther},
      {"SYN Timeout", Kind::kOther},
      {"FIN Timeout", Kind::kOther},
  };
  for (const Case& c : cases) {
    const std::string line =
        "Mar  1 10:15:02 fw01 %ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1/22 "
        "to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 " +
        std::string(c.reason) + " (LOCAL\\alice)";
    const SyslogResult r = ParseSyslog(line);
    ASSERT_EQ(r.status, ParseStatus::kParsed) << c.reason;
    EXPECT_EQ(r.line.kind, c.kind) << c.reason;
    EXPECT_EQ(r.line.FindAttr("reason"), c.reason);
  }
}

TEST(CiscoAsaTest, IpV6EndpointsAndUsersParse) {
  const SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw01 %ASA-6-302014: Teardown TCP connection 11 for "
      "outside:2001:db8::7/443(LOCAL\\bob) to inside:2001:db8::21/51000 duration 0:00:01 "
      "bytes 10 TCP Reset-O from outside");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.src_ip, "2001:db8::7");
  EXPECT_EQ(r.line.src_port, 443);
  EXPECT_EQ(r.line.dst_ip, "2001:db8::21");
  EXPECT_EQ(r.line.FindAttr("from_ifc"), "outside");
  EXPECT_EQ(r.line.kind, Kind::kFwReset);
}

TEST(CiscoAsaTest, Deny106001And106014) {
  SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw01 %ASA-2-106001: Inbound TCP connection denied from 198.51.100.7/4000 "
      "to 10.0.0.5/22 flags SYN  on interface outside");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.kind, Kind::kFwDeny);
  EXPECT_EQ(base::SeverityName(r.line.severity), "crit");
  EXPECT_EQ(r.line.dst_port, 22);
  EXPECT_EQ(r.line.FindAttr("flags"), "SYN");
  r = ParseSyslog(
      "Mar  1 10:15:02 fw01 %ASA-3-106014: Deny inbound icmp src outside:198.51.100.7 dst "
      "inside:10.0.0.5 (type 8, code 0)");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.kind, Kind::kFwDeny);
  EXPECT_EQ(r.line.src_ip, "198.51.100.7");
  EXPECT_EQ(r.line.src_port, -1);
  EXPECT_EQ(r.line.FindAttr("proto"), "icmp");
}

TEST(CiscoAsaTest, OtherMessageIdsKeepSeverityAndLeaveKindToTheClassifier) {
  const SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw01 %ASA-5-111008: User 'enable_15' executed the 'clear xlate' command.");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "cisco_asa");
  EXPECT_EQ(base::SeverityName(r.line.severity), "notice");
  EXPECT_EQ(r.line.FindAttr("msg_id"), "111008");
  EXPECT_EQ(r.line.kind, Kind::kOther);
}

TEST(CiscoAsaTest, BrokenTeardownIsNotTaken) {
  const SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw01 %ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1 to "
      "inside:10.1.1.2/53496 duration 0:00:30 bytes 0 TCP FINs");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "");
}

TEST(CiscoAsaLogTest, DeviceLocalTimeUsesTheSourceZone) {
  auto parser = kCiscoAsaLogFormat.make_parser(ZoneContext("Europe/Berlin"));
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse("Apr 11 2026 10:01:04: %ASA-6-302014: Teardown TCP connection 9 for "
                        "outside:10.1.2.1/22 to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 "
                        "TCP FINs",
                        &p)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2026, 4, 11, 8, 1, 4));
  EXPECT_NE(p.flags & base::kFlagTzAssumed, 0);
}

TEST(CiscoAsaLogTest, PriPrefixIsSkipped) {
  auto parser = kCiscoAsaLogFormat.make_parser(SampleContext());
  ParsedLine p;
  const std::string_view line =
      "<166>Apr 11 2026 10:01:04: %ASA-6-302014: Teardown TCP connection 9 for "
      "outside:10.1.2.1/22 to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 TCP Reset-I";
  ASSERT_EQ(parser->Parse(line, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2026, 4, 11, 10, 1, 4));
  EXPECT_EQ(MessageOf(line, p).substr(0, 14), "%ASA-6-302014:");
  EXPECT_EQ(p.kind, Kind::kFwReset);
  EXPECT_EQ(parser->Parse("<1x>Apr 11 2026 10:01:04: %ASA-6-302014: x", &p).status,
            ParseStatus::kNotThisFormat);
}

TEST(CiscoAsaTest, RelayWithDeviceIdColonIsClaimed) {
  const SyslogResult r = ParseSyslog(
      "Mar  1 10:15:02 fw01 : %ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1/22 "
      "to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 Idle Timeout");
  ASSERT_EQ(r.status, ParseStatus::kParsed);
  EXPECT_EQ(r.line.format, "cisco_asa");
  EXPECT_EQ(r.line.kind, Kind::kIdleTimeout);
}

TEST(CiscoAsaLogTest, RejectsOtherLines) {
  auto parser = kCiscoAsaLogFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser->Parse("Apr 11 10:01:04 host sshd[1]: x", &p).status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser->Parse("Apr 11 2026 10:01:04: not an asa line", &p).status,
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser->Parse("", &p).status, ParseStatus::kNotThisFormat);
  EXPECT_EQ(parser
                ->Parse("Apr 11 2026 10:01:04: %ASA-6-302014: Teardown TCP connection 9 for "
                        "garbage",
                        &p)
                .status,
            ParseStatus::kMalformed);
}

TEST(CiscoAsaLogTest, SniffPicksAsaLog) {
  const std::vector<std::string_view> lines = {
      "Sep 30 2026 11:39:00 ASA-EDGE-01 : %ASA-6-302013: Built inbound TCP connection 917733104 "
      "for outside:198.51.100.201/443 (198.51.100.201/443) to inside:10.20.14.37/53466 "
      "(10.20.14.37/53466)",
      "Sep 30 2026 11:39:01 ASA-EDGE-01 : %ASA-6-302014: Teardown TCP connection 917733104 for "
      "outside:198.51.100.201/443 to inside:10.20.14.37/53466 duration 0:45:12 bytes 4882591338 "
      "TCP FINs from inside",
      "Sep 30 2026 11:39:02 ASA-EDGE-01 : %ASA-4-106023: Deny tcp src outside:203.0.113.66/40000 "
      "dst inside:10.1.1.10/3389 by access-group \"outside_in\" [0x0, 0x0]",
      "Sep 30 2026 11:39:03 ASA-EDGE-01 : %ASA-6-302014: Teardown TCP connection 917733105 for "
      "outside:198.51.100.201/443 to inside:10.20.14.37/53467 duration 0:00:01 bytes 0 TCP "
      "Reset-O from outside",
      "Sep 30 2026 11:39:04 ASA-EDGE-01 : %ASA-5-111008: User 'enable_15' executed the 'write' "
      "command.",
      "Sep 30 2026 11:39:05 ASA-EDGE-01 : %ASA-6-302015: Built outbound UDP connection 5 for "
      "outside:8.8.8.8/53 (8.8.8.8/53) to inside:10.0.0.5/40000 (203.0.113.5/40000)",
      "Sep 30 2026 11:39:06 ASA-EDGE-01 : %ASA-6-302016: Teardown UDP connection 5 for "
      "outside:8.8.8.8/53 to inside:10.0.0.5/40000 duration 0:00:01 bytes 120",
      "Sep 30 2026 11:39:07 ASA-EDGE-01 : %ASA-6-302014: Teardown TCP connection 6 for "
      "outside:198.51.100.9/61000 to inside:10.1.1.20/8443 duration 1:00:00 bytes 5 Idle Timeout",
      "Sep 30 2026 11:39:08 ASA-EDGE-01 : %ASA-6-106015: Deny TCP (no connection) from "
      "10.1.1.10/443 to 198.51.100.7/51515 flags RST  on interface inside",
      "Sep 30 2026 11:39:09 ASA-EDGE-01 : %ASA-6-302014: Teardown TCP connection 7 for "
      "outside:198.51.100.9/61001 to inside:10.1.1.20/8443 duration 0:00:09 bytes 99 TCP FINs",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kCiscoAsaLogFormat);
}

}  // namespace
}  // namespace rstscope::parsers
