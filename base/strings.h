// Small string helpers used on hot paths. All functions are pure and
// thread-safe; returned views point into the argument.
#ifndef RSTSCOPE_BASE_STRINGS_H_
#define RSTSCOPE_BASE_STRINGS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace rstscope::base {

// Debian's Abseil has its own string_view type (not std::string_view):
// convert at calls into Abseil, such as heterogeneous hash-map lookups.
inline absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsSpace(char c) { return c == ' ' || c == '\t'; }
inline bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsHex(char c) { return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

// Dotted-quad IPv4 address, each part 0..255 ("10.0.0.21").
bool IsIpv4(std::string_view s);
// IPv6 address shape: hex groups and at least two colons, an embedded IPv4
// tail allowed ("2001:db8::1", "::ffff:10.0.0.1"). Not a full validation.
bool IsIpv6(std::string_view s);
inline bool IsIp(std::string_view s) { return IsIpv4(s) || IsIpv6(s); }

// An "IP:PORT" token: the port after the last ':', so IPv6 addresses
// written without brackets work too, and "[v6]:port" loses its brackets.
// Returns false, leaving the outputs alone, unless the address is an IP
// literal and the port 0..65535. *ip points into `token`.
bool SplitIpPort(std::string_view token, std::string_view* ip, int32_t* port);

// Parses exactly `n` decimal digits at s[pos..pos+n). Returns -1 when any of
// them is not a digit or the string is too short.
inline int ParseFixedDigits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Parses a run of up to 18 decimal digits starting at s[*pos]; advances *pos
// past them. Returns false (and leaves *pos) when there is no digit.
bool ParseDigits(std::string_view s, size_t* pos, int64_t* value);

// Parses a fraction of a second after the '.' or ',' at s[*pos]: 1 to 9
// digits, returned as microseconds (extra digits beyond 6 are truncated).
// Advances *pos past the digits. Returns false when no digit follows.
bool ParseFractionMicros(std::string_view s, size_t* pos, int64_t* micros);

std::string_view TrimSpace(std::string_view s);
std::string_view TrimRightSpace(std::string_view s);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// True when `needle` occurs in `s`, ASCII case-insensitively.
bool ContainsIgnoreCase(std::string_view s, std::string_view needle);
std::string ToLower(std::string_view s);

// Appends `s` to `out` as a JSON string literal (with quotes), escaping
// quotes, backslashes and control characters. `s` must be valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

// Parses a duration such as "30s", "5m", "1h30m", "2d", "500ms", "90" (seconds)
// into microseconds. Returns false for anything else.
bool ParseDuration(std::string_view s, int64_t* micros);

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_STRINGS_H_
