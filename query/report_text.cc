#include "query/report_text.h"

#include <cstdio>
#include <cstdlib>

#include "query/text_util.h"

namespace rstscope::query {

std::string WindowText(const ReportWindow& w) {
  std::string range;
  if (w.after_us && w.through_us) {
    range = "times after " + Iso(*w.after_us) + " up to " + Iso(*w.through_us);
  } else if (w.after_us) {
    range = "times after " + Iso(*w.after_us);
  } else if (w.through_us) {
    range = "times up to " + Iso(*w.through_us);
  }
  std::string s;
  if (!w.since_last_run.empty()) {
    s = "Report \"" + w.since_last_run + "\"";
    s += w.after_us ? ", since its last run: resets with " + range
                    : ", first run: resets with " + range;
    if (w.late_through_us && w.late_after_id) {
      s += ", and resets imported since the last run with times up to " + Iso(*w.late_through_us) +
           " (late arrivals)";
    }
    return s + ".";
  }
  if (range.empty()) return "All resets in the database.";
  return "Resets with " + range + ".";
}

std::string DelayText(const ReportReset& r) {
  if (!r.delta_ms) return "no delay known";
  const int64_t delay = -*r.delta_ms;
  if (delay >= 0) return "reset " + DurationText(delay) + " after the cause";
  return "cause logged " + DurationText(-delay) + " after the reset";
}

std::string Decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string LiftText(double lift) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", lift);
  return buf;
}

std::string PValueText(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", p);
  return buf;
}

std::string Percent(int64_t n, int64_t total) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", total > 0 ? 100.0 * n / total : 0.0);
  return buf;
}

std::string BucketText(int64_t seconds) {
  if (seconds % 86400 == 0) return std::to_string(seconds / 86400) + " d";
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + " h";
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + " min";
  return std::to_string(seconds) + " s";
}

std::string SignedMs(int64_t ms) { return (ms > 0 ? "+" : "") + std::to_string(ms) + " ms"; }

int64_t Total(const std::vector<ReportBin>& bins) {
  int64_t n = 0;
  for (const ReportBin& b : bins) n += b.resets;
  return n;
}

}  // namespace rstscope::query
