#include "query/text_util.h"

#include <cstdio>
#include <cstdlib>

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

std::string InnermostErrorLine(std::string_view message) {
  std::string_view best;
  size_t start = message.find('\n');
  while (start != std::string_view::npos) {
    const size_t end = message.find('\n', start + 1);
    std::string_view line = message.substr(start + 1, end == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : end - start - 1);
    start = end;
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    line.remove_prefix(i);
    if (line.rfind("at ", 0) == 0 || line.rfind("--- End", 0) == 0 || line.rfind("...", 0) == 0) {
      continue;
    }
    if (line.rfind("---> ", 0) == 0) line.remove_prefix(5);
    if (line.rfind("Caused by: ", 0) == 0) line.remove_prefix(11);
    if (line.find("Exception") != std::string_view::npos ||
        line.find("Error") != std::string_view::npos) {
      best = line;
    }
  }
  return std::string(best);
}

std::string DurationText(int64_t ms) {
  if (std::llabs(ms) < 1000) return std::to_string(ms) + " ms";
  char buf[32];
  if (ms % 1000 == 0) {
    std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(ms / 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000.0);
  }
  return buf;
}

}  // namespace rstscope::query
