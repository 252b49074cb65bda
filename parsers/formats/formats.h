// Declarations of the built-in formats. Each is defined, with its parser and
// sample records, in the .cc file of the same name.
#ifndef RSTSCOPE_PARSERS_FORMATS_FORMATS_H_
#define RSTSCOPE_PARSERS_FORMATS_FORMATS_H_

#include <span>

#include "parsers/format.h"

namespace rstscope::parsers {

// System and server formats.
extern const FormatInfo kSyslogFormat;         // syslog.cc: RFC 3164 files
extern const FormatInfo kSyslog5424Format;     // syslog.cc: RFC 5424
extern const FormatInfo kRsyslogFormat;        // syslog.cc: RFC 3339 file format
extern const FormatInfo kJournaldJsonFormat;   // journald_json.cc
extern const FormatInfo kDmesgFormat;          // dmesg.cc: dmesg -T
extern const FormatInfo kNginxErrorFormat;     // nginx_error.cc
extern const FormatInfo kAccessLogFormat;      // access_log.cc
extern const FormatInfo kApacheErrorFormat;    // apache_error.cc

// Application formats.
extern const FormatInfo kJsonLinesFormat;      // json_lines.cc
extern const FormatInfo kLogbackFormat;        // app_text.cc: log4j / logback / Spring Boot
extern const FormatInfo kSerilogFormat;        // app_text.cc
extern const FormatInfo kNlogFormat;           // app_text.cc
extern const FormatInfo kPythonLoggingFormat;  // app_text.cc
extern const FormatInfo kGoLogFormat;          // app_text.cc: Go log and zap console
extern const FormatInfo kDotnetConsoleFormat;  // app_text.cc
extern const FormatInfo kAppTextFormat;        // app_text.cc: generic fallback

// Groups of formats added together, each defined in its own
// parsers/formats/<group>_group.cc: the standalone formats and the embedded
// ones (parsers/embedded.h) of that group.
struct EmbeddedFormat;
struct FormatGroup {
  std::span<const FormatInfo* const> formats;
  std::span<const EmbeddedFormat* const> embedded;
};
FormatGroup ProxyGroup();     // proxy_group.cc: HAProxy, Envoy, Squid, AWS load balancers
FormatGroup FirewallGroup();  // firewall_group.cc: netfilter, ASA, PAN-OS, filterlog, pfirewall, VPC
FormatGroup WindowsGroup();   // windows_group.cc: IIS, HTTPERR, event log exports
FormatGroup PlatformGroup();  // platform_group.cc: containers, Kubernetes, databases

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_FORMATS_FORMATS_H_
