#include "base/strings.h"

namespace rstscope::base {

bool IsIpv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  for (;;) {
    int value = 0;
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i]) && i - start < 3) {
      value = value * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start || value > 255) return false;
    if (++parts == 4) return i == s.size();
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
  }
}

bool IsIpv6(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  int colons = 0;
  for (char c : s) {
    if (c == ':') {
      ++colons;
    } else if (!IsHex(c) && c != '.') {
      return false;
    }
  }
  return colons >= 2;
}

bool SplitIpPort(std::string_view token, std::string_view* ip, int32_t* port) {
  const size_t colon = token.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= token.size() ||
      token.size() - colon - 1 > 5) {
    return false;
  }
  std::string_view addr = token.substr(0, colon);
  if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']') {
    addr = addr.substr(1, addr.size() - 2);
  }
  int32_t value = 0;
  for (size_t i = colon + 1; i < token.size(); ++i) {
    if (!IsDigit(token[i])) return false;
    value = value * 10 + (token[i] - '0');
  }
  if (value > 65535 || !IsIp(addr)) return false;
  *ip = addr;
  *port = value;
  return true;
}

bool ParseDigits(std::string_view s, size_t* pos, int64_t* value) {
  size_t i = *pos;
  int64_t v = 0;
  while (i < s.size() && IsDigit(s[i]) && i - *pos < 18) {
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i == *pos) return false;
  *pos = i;
  *value = v;
  return true;
}

bool ParseFractionMicros(std::string_view s, size_t* pos, int64_t* micros) {
  size_t i = *pos;
  int64_t v = 0;
  int digits = 0;
  while (i < s.size() && IsDigit(s[i])) {
    if (digits < 6) v = v * 10 + (s[i] - '0');
    ++digits;
    ++i;
    if (digits > 9) return false;
  }
  if (digits == 0) return false;
  for (int d = digits; d < 6; ++d) v *= 10;
  *pos = i;
  *micros = v;
  return true;
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (IsSpace(s[b]) || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (IsSpace(s[e - 1]) || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

std::string_view TrimRightSpace(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && (IsSpace(s[e - 1]) || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(0, e);
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

namespace {
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool ContainsIgnoreCase(std::string_view s, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > s.size()) return false;
  const char first = Lower(needle[0]);
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (Lower(s[i]) != first) continue;
    if (EqualsIgnoreCase(s.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Runs of characters that need no escape are appended whole: most values
  // (paths, names, numbers) are one run. A character at a time was 5% of an
  // import's parse thread.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out->append(esc, sizeof esc);
      }
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

bool ParseDuration(std::string_view s, int64_t* micros) {
  if (s.empty()) return false;
  int64_t total = 0;
  size_t i = 0;
  while (i < s.size()) {
    int64_t n = 0;
    if (!ParseDigits(s, &i, &n)) return false;
    int64_t unit = 1000000;
    if (i < s.size()) {
      if (s.substr(i, 2) == "ms") {
        unit = 1000;
        i += 2;
      } else if (s.substr(i, 2) == "us") {
        unit = 1;
        i += 2;
      } else {
        switch (s[i]) {
          case 's': unit = 1000000; break;
          case 'm': unit = 60LL * 1000000; break;
          case 'h': unit = 3600LL * 1000000; break;
          case 'd': unit = 86400LL * 1000000; break;
          case 'w': unit = 7LL * 86400 * 1000000; break;
          default: return false;
        }
        ++i;
      }
    } else if (total != 0) {
      return false;  // "1h30" is ambiguous
    }
    total += n * unit;
  }
  *micros = total;
  return true;
}

}  // namespace rstscope::base
