// The proxy and load-balancer formats (FORMATS.md §6.1, §6.5-§6.7) and the
// small field readers they share. Each format is defined in the .cc file
// named after it; proxy_group.cc lists them.
//
// The helpers are pure and thread-safe; returned views point into their
// argument.
#ifndef RSTSCOPE_PARSERS_FORMATS_PROXY_FORMATS_H_
#define RSTSCOPE_PARSERS_FORMATS_PROXY_FORMATS_H_

#include <cstdint>
#include <string_view>

#include "base/strings.h"
#include "parsers/embedded.h"
#include "parsers/format.h"

namespace rstscope::parsers {

extern const EmbeddedFormat kHaproxyFormat;  // haproxy.cc: inside syslog/journald
extern const FormatInfo kEnvoyFormat;        // envoy.cc: default text access log
extern const FormatInfo kEnvoyJsonFormat;    // envoy.cc: JSON access log
extern const FormatInfo kSquidFormat;        // squid.cc: native access.log
extern const FormatInfo kAwsAlbFormat;       // aws_lb.cc: Application Load Balancer
extern const FormatInfo kAwsElbFormat;       // aws_lb.cc: Classic Load Balancer

namespace proxy {

using base::SplitIpPort;

// The space-delimited token at s[*pos]; advances *pos past it and the
// spaces that follow. Empty at the end of `s`.
inline std::string_view NextToken(std::string_view s, size_t* pos) {
  size_t i = *pos;
  while (i < s.size() && s[i] != ' ') ++i;
  const std::string_view token = s.substr(*pos, i - *pos);
  while (i < s.size() && s[i] == ' ') ++i;
  *pos = i;
  return token;
}

// True for a run of decimal digits, with an optional leading '-' when
// `allow_negative`.
inline bool IsInteger(std::string_view s, bool allow_negative = false) {
  if (allow_negative && !s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

// The end (one past the closing quote) of the double-quoted field opening
// at s[pos], where a backslash escapes the next byte; npos when it does not
// close.
inline size_t SkipQuoted(std::string_view s, size_t pos) {
  for (size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Severity from an HTTP status: 5xx error, 4xx warning, else info.
inline base::Severity SeverityFromStatus(int status) {
  return status >= 500   ? base::Severity::kError
         : status >= 400 ? base::Severity::kWarning
                         : base::Severity::kInfo;
}

}  // namespace proxy
}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_FORMATS_PROXY_FORMATS_H_
