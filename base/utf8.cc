#include "base/utf8.h"

#include <cstdint>
#include <cstring>

namespace rstscope::base {

bool IsAscii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t acc = 0;
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    acc |= w;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    acc |= static_cast<unsigned char>(*p++);
    --n;
  }
  return (acc & 0x8080808080808080ULL) == 0;
}

namespace {

// Length of the valid UTF-8 sequence starting at p[0] (1..4), or 0 when the
// bytes there do not start a valid sequence.
size_t ValidSequenceLength(const unsigned char* p, size_t avail) {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  }
  if (c < 0xF0) {
    if (avail < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (avail < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = ValidSequenceLength(p + i, s.size() - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

size_t AppendUtf8Sanitized(std::string_view s, std::string* out) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0, run_start = 0, replaced = 0;
  while (i < s.size()) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = ValidSequenceLength(p + i, s.size() - i);
    if (len > 0) {
      i += len;
      continue;
    }
    out->append(s.data() + run_start, i - run_start);
    out->append("\xEF\xBF\xBD");
    ++replaced;
    // Skip the lead byte and any continuation bytes that belong to the same
    // broken sequence, so one broken character yields one replacement.
    ++i;
    while (i < s.size() && (p[i] & 0xC0) == 0x80) ++i;
    run_start = i;
  }
  out->append(s.data() + run_start, s.size() - run_start);
  return replaced;
}

size_t CountCodepoints(std::string_view s) {
  // Every byte but a continuation byte (10xxxxxx) starts a code point.
  // Eight bytes at a time: a byte's top bit set and the next bit clear marks
  // a continuation byte; count those and subtract. (A byte at a time was 2%
  // of an import's parse thread.)
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    // The marks are bits 7, 15, ..., 63: shifted to the bytes' low bits, one
    // multiplication sums the eight bytes into the top one (at most 8).
    const uint64_t marks = (x & ~(x << 1) & kHigh) >> 7;
    continuation += static_cast<size_t>((marks * 0x0101010101010101ULL) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

void AppendCodepoint(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t AppendUtf16AsUtf8(const char* data, size_t n, bool big_endian, std::string* out) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
  auto unit = [&](size_t i) -> char32_t {
    return big_endian ? (p[i] << 8) | p[i + 1] : (p[i + 1] << 8) | p[i];
  };
  size_t i = 0;
  while (i + 2 <= n) {
    const char32_t u = unit(i);
    if (u < 0x80) {
      out->push_back(static_cast<char>(u));
      i += 2;
    } else if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 4 > n) break;  // wait for the low surrogate
      const char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        AppendCodepoint(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), out);
        i += 4;
      } else {
        AppendCodepoint(0xFFFD, out);
        i += 2;
      }
    } else {
      AppendCodepoint(u, out);  // lone low surrogates become U+FFFD
      i += 2;
    }
  }
  return i;
}

size_t ControlCharLength(std::string_view s, size_t i, bool cr_is_control) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0x7F) return 1;
  if (c < 0x20) return c == '\n' || c == '\t' || (c == '\r' && !cr_is_control) ? 0 : 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    const unsigned char next = static_cast<unsigned char>(s[i + 1]);
    if (next >= 0x80 && next <= 0x9F) return 2;
  }
  return 0;
}

void AppendControlEscape(std::string_view control, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool c1 = control.size() == 2;
  const unsigned char c = static_cast<unsigned char>(control[c1 ? 1 : 0]);
  out->append(c1 ? "\\u00" : "\\x");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

}  // namespace rstscope::base
