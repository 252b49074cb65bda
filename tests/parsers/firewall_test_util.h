// Helpers shared by the firewall group's tests (netfilter, cisco_asa,
// panos, filterlog, windows_firewall, aws_vpc_flow).
#ifndef RSTSCOPE_TESTS_PARSERS_FIREWALL_TEST_UTIL_H_
#define RSTSCOPE_TESTS_PARSERS_FIREWALL_TEST_UTIL_H_

#include <memory>
#include <optional>
#include <string_view>

#include "base/civil_time.h"
#include "gtest/gtest.h"
#include "parsers/format.h"
#include "parsers/formats/formats.h"

namespace rstscope::parsers {

// The firewall group's standalone formats (parsers/formats/firewall_group.cc).
extern const FormatInfo kCiscoAsaLogFormat;
extern const FormatInfo kPanosTrafficFormat;
extern const FormatInfo kWindowsFirewallFormat;
extern const FormatInfo kAwsVpcFlowFormat;

namespace fwtest {

inline int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

inline SourceContext ZoneContext(std::string_view zone) {
  SourceContext ctx = SampleContext();
  auto loaded = base::Zone::Load(zone);
  EXPECT_TRUE(loaded.ok()) << zone;
  if (loaded.ok()) ctx.zone = *loaded;
  return ctx;
}

inline std::string_view MessageOf(std::string_view line, const ParsedLine& p) {
  return p.msg_length == ParsedLine::kToEnd ? line.substr(p.msg_offset)
                                            : line.substr(p.msg_offset, p.msg_length);
}

// One syslog line through the RFC 3164 parser and the embedded formats. The
// parser is kept: computed attributes point into its storage.
struct SyslogResult {
  std::unique_ptr<LineParser> parser;
  ParseStatus status;
  ParsedLine line;
};
inline SyslogResult ParseSyslog(std::string_view text) {
  SyslogResult r;
  r.parser = kSyslogFormat.make_parser(SampleContext());
  r.status = r.parser->Parse(text, &r.line).status;
  return r;
}

}  // namespace fwtest
}  // namespace rstscope::parsers

#endif  // RSTSCOPE_TESTS_PARSERS_FIREWALL_TEST_UTIL_H_
