// The firewall and flow-log formats (FORMATS.md §4.4, §8.1-§8.5): the
// standalone file formats and the ones carried inside syslog messages.
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"

namespace rstscope::parsers {

// Defined in the .cc file named after each format.
extern const EmbeddedFormat kNetfilterEmbedded;  // netfilter.cc
extern const EmbeddedFormat kCiscoAsaEmbedded;   // cisco_asa.cc
extern const FormatInfo kCiscoAsaLogFormat;      // cisco_asa.cc
extern const EmbeddedFormat kPanosEmbedded;      // panos.cc
extern const FormatInfo kPanosTrafficFormat;     // panos.cc
extern const EmbeddedFormat kFilterlogEmbedded;  // filterlog.cc
extern const FormatInfo kWindowsFirewallFormat;  // windows_firewall.cc
extern const FormatInfo kAwsVpcFlowFormat;       // aws_vpc_flow.cc

FormatGroup FirewallGroup() {
  static const FormatInfo* const kFormats[] = {
      &kCiscoAsaLogFormat,
      &kPanosTrafficFormat,
      &kWindowsFirewallFormat,
      &kAwsVpcFlowFormat,
  };
  static const EmbeddedFormat* const kEmbedded[] = {
      &kCiscoAsaEmbedded,
      &kNetfilterEmbedded,
      &kPanosEmbedded,
      &kFilterlogEmbedded,
  };
  return {kFormats, kEmbedded};
}

}  // namespace rstscope::parsers
