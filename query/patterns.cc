#include "query/patterns.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "query/text_util.h"

namespace rstscope::query {
namespace {

std::string Period(int64_t us) {
  const int64_t s = (us + 500'000) / 1'000'000;
  if (s % 3600 == 0) return std::to_string(s / 3600) + " h";
  if (s >= 600 && s % 60 == 0) return std::to_string(s / 60) + " min";
  if (s >= 120) return std::to_string((s + 30) / 60) + " min";
  return std::to_string(s) + " s";
}

std::string What(const ResetOutcome& o) {
  const std::string proc = o.process_name.empty() ? "" : " of " + std::string(o.process_name);
  const std::string on =
      o.server_host_name.empty() ? "" : " on " + std::string(o.server_host_name);
  const std::string reason = o.reason.empty() ? "" : " (" + std::string(o.reason) + ")";
  if (o.cause == "oom_kill") return "follow an OOM kill" + proc + on;
  if (o.cause == "crash") return "follow a crash" + proc + on;
  if (o.cause == "restart") return "follow a stop or restart" + proc + on;
  if (o.cause == "overload") return "follow resource exhaustion" + on + reason;
  if (o.cause == "server_timeout") return "were closed by a timeout" + on + reason;
  if (o.cause == "tls_failure") return "follow a refused TLS handshake" + on;
  if (o.cause == "firewall_block") return "were blocked by policy" + on + reason;
  if (o.cause == "upstream_failure") {
    return "follow an upstream failure logged" + on + " with no deeper cause in the logs";
  }
  if (o.cause == "network_idle_timeout") return "follow an idle-flow drop" + on + reason;
  return "have no explanation in the imported logs" +
         (o.server_host_name.empty() ? std::string(" (peer unknown)")
                                     : " (peer " + std::string(o.server_host_name) + ")");
}

}  // namespace

int64_t Median(std::vector<int64_t> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::vector<int64_t> IncidentStarts(std::vector<int64_t> times_us, int64_t gap_us) {
  std::sort(times_us.begin(), times_us.end());
  std::vector<int64_t> starts;
  int64_t last = 0;
  for (size_t i = 0; i < times_us.size(); ++i) {
    if (i == 0 || times_us[i] - last > gap_us) starts.push_back(times_us[i]);
    last = times_us[i];
  }
  return starts;
}

int64_t RegularPeriodUs(const std::vector<int64_t>& starts_us) {
  if (starts_us.size() < 3) return 0;
  std::vector<int64_t> gaps;
  for (size_t i = 1; i < starts_us.size(); ++i) gaps.push_back(starts_us[i] - starts_us[i - 1]);
  const int64_t m = Median(gaps);
  if (m <= 0) return 0;
  const int64_t tolerance = std::max<int64_t>(m / 20, 2'000'000);
  for (int64_t g : gaps) {
    if (std::llabs(g - m) > tolerance) return 0;
  }
  return m;
}

int MinuteOfHour(const std::vector<int64_t>& starts_us) {
  if (starts_us.size() < 3) return -1;
  constexpr int64_t kMinute = 60'000'000, kHour = 3'600'000'000;
  // Minutes on a circle: take the first as the center and allow +-1.
  auto minute = [&](int64_t us) {
    int64_t m = (us % kHour) / kMinute;
    return static_cast<int>(m < 0 ? m + 60 : m);
  };
  const int center = minute(starts_us.front());
  for (int64_t s : starts_us) {
    int d = std::abs(minute(s) - center);
    d = std::min(d, 60 - d);
    if (d > 1) return -1;
  }
  // The most common minute among them.
  std::map<int, int> counts;
  for (int64_t s : starts_us) ++counts[minute(s)];
  int best = center, best_n = 0;
  for (const auto& [m, n] : counts) {
    if (n > best_n) {
      best = m;
      best_n = n;
    }
  }
  return best;
}

std::vector<Pattern> MinePatterns(const std::vector<ResetOutcome>& outcomes) {
  // Keyed by views of the outcomes' texts: no copy per outcome.
  std::map<std::tuple<std::string_view, int32_t, int32_t>, std::vector<size_t>> groups;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const ResetOutcome& o = outcomes[i];
    const int32_t process = o.cause == "unexplained" ? 0 : o.process;
    groups[{o.cause, o.server_host, process}].push_back(i);
  }
  const int64_t total = static_cast<int64_t>(outcomes.size());
  std::vector<Pattern> out;
  for (auto& [key, members] : groups) {
    const ResetOutcome& first = outcomes[members.front()];
    Pattern p;
    p.cause = std::string(std::get<0>(key));
    p.server_host = std::get<1>(key);
    p.process = std::get<2>(key);
    p.resets = static_cast<int64_t>(members.size());
    p.members = members;
    p.share = total > 0 ? std::round(10000.0 * p.resets / total) / 10000.0 : 0;
    std::vector<int64_t> times, delays, ages;
    int64_t max_delay = 0;
    std::map<std::string_view, int> reasons;
    for (size_t m : members) {
      const ResetOutcome& o = outcomes[m];
      times.push_back(o.reset_us);
      if (o.has_delta) {
        delays.push_back(o.delta_ms);
        max_delay = std::max<int64_t>(max_delay, std::llabs(o.delta_ms));
      }
      if (o.age_ms >= 0) ages.push_back(o.age_ms);
      if (!o.reason.empty()) ++reasons[o.reason];
    }
    p.first_us = *std::min_element(times.begin(), times.end());
    p.last_us = *std::max_element(times.begin(), times.end());
    const std::vector<int64_t> starts = IncidentStarts(times, 60'000'000);
    const int64_t period = RegularPeriodUs(starts);
    const int minute = MinuteOfHour(starts);

    // The most frequent reason stands for the group.
    ResetOutcome shown = first;
    int best = 0;
    for (const auto& [r, n] : reasons) {
      if (n > best) {
        shown.reason = r;
        best = n;
      }
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.0f%%", 100.0 * p.resets / std::max<int64_t>(total, 1));
    std::string s = std::to_string(p.resets) + " of " + std::to_string(total) + " resets (" +
                    pct + ") ";
    if (p.cause == "network_idle_timeout" && !ages.empty()) {
      const int64_t median = Median(ages);
      int64_t spread = 0;
      for (int64_t a : ages) spread = std::max<int64_t>(spread, std::llabs(a - median));
      s += "happen when " +
           (shown.server_host_name.empty() ? std::string("a middlebox")
                                           : std::string(shown.server_host_name)) +
           " drops the idle flow at connection age " + DurationText(median - median % 1000) + "±" +
           DurationText(std::max<int64_t>(1000, (spread + 999) / 1000 * 1000)) +
           (shown.reason.empty() ? "" : ": " + std::string(shown.reason));
    } else {
      s += What(shown);
      if (!delays.empty() && p.cause != "unexplained") {
        s += " within " + DurationText((max_delay + 999) / 1000 * 1000);
      }
    }
    if (period > 0) {
      s += "; " + std::to_string(starts.size()) + " incidents, one every " + Period(period);
    } else if (minute >= 0) {
      char mm[16];
      std::snprintf(mm, sizeof mm, ":%02d", minute);
      s += "; " + std::to_string(starts.size()) + " incidents, each at minute " + mm +
           " of the hour";
    } else if (starts.size() > 1) {
      s += "; " + std::to_string(starts.size()) + " incidents";
    }
    p.summary = s;

    std::string d = "{\"incidents\":" + std::to_string(starts.size());
    if (period > 0) d += ",\"period_s\":" + std::to_string((period + 500'000) / 1'000'000);
    if (minute >= 0) d += ",\"minute_of_hour\":" + std::to_string(minute);
    if (!delays.empty()) {
      d += ",\"delay_ms\":{\"median\":" + std::to_string(Median(delays)) +
           ",\"min\":" + std::to_string(*std::min_element(delays.begin(), delays.end())) +
           ",\"max\":" + std::to_string(*std::max_element(delays.begin(), delays.end())) + "}";
    }
    if (!ages.empty()) {
      d += ",\"age_ms\":{\"median\":" + std::to_string(Median(ages)) +
           ",\"min\":" + std::to_string(*std::min_element(ages.begin(), ages.end())) +
           ",\"max\":" + std::to_string(*std::max_element(ages.begin(), ages.end())) + "}";
    }
    d += "}";
    p.detail_json = d;
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [&](const Pattern& a, const Pattern& b) {
    if (a.resets != b.resets) return a.resets > b.resets;
    const ResetOutcome& x = outcomes[a.members.front()];
    const ResetOutcome& y = outcomes[b.members.front()];
    return std::tie(a.cause, x.server_host_name, x.process_name) <
           std::tie(b.cause, y.server_host_name, y.process_name);
  });
  return out;
}

}  // namespace rstscope::query
