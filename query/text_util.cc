#include "query/text_util.h"

#include "base/civil_time.h"

namespace rstscope::query {

std::string Iso(int64_t us) {
  char buf[24];
  base::FormatIsoMillis(us, buf);
  return std::string(buf, 24);
}

std::string Grouped(int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FirstLine(std::string_view s, size_t width) {
  const size_t nl = s.find('\n');
  if (nl != std::string_view::npos) s = s.substr(0, nl);
  std::string out;
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == width) {
        out += "...";
        break;
      }
      ++cps;
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace rstscope::query
