// Pattern mining over the correlation's outcomes: resets grouped by cause,
// server host and process, with what makes the group recognizable (the
// delay after the cause, the connection age at which flows were dropped,
// a period, the minute of the hour).
#ifndef RSTSCOPE_QUERY_PATTERNS_H_
#define RSTSCOPE_QUERY_PATTERNS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rstscope::query {

// One reset as the correlation concluded it. The texts are views: there is
// one outcome per reset (a million at 10 M events), and their texts are the
// few names of hosts, processes and reasons, which the caller keeps alive
// for as long as the outcomes.
struct ResetOutcome {
  int64_t reset_id = 0;
  int64_t reset_us = 0;       // reset time (reference clock)
  std::string_view cause;     // vocabulary name
  int32_t server_host = 0;    // hosts.id, 0 when none
  std::string_view server_host_name;
  int32_t process = 0;        // processes.id of the cause event, 0 when none
  std::string_view process_name;
  bool has_delta = false;
  int64_t delta_ms = 0;       // cause - reset
  int64_t age_ms = -1;        // connection age at the drop, -1 when unknown
  std::string_view reason;    // the cause event's reason attribute ("Idle Timeout", "SD--")
};

struct Pattern {
  std::string cause;
  int32_t server_host = 0;
  int32_t process = 0;
  int64_t resets = 0;
  int64_t first_us = 0;
  int64_t last_us = 0;
  double share = 0;           // of all resets
  std::string summary;        // one sentence
  std::string detail_json;    // {"incidents":..,"period_s":..,...}
  std::vector<size_t> members;  // indexes into the outcomes
};

// Groups `outcomes` (any order) into patterns, largest first (ties: cause,
// host, process names). Every outcome belongs to exactly one pattern.
std::vector<Pattern> MinePatterns(const std::vector<ResetOutcome>& outcomes);

// The median (the mean of the middle two for an even count); 0 when empty.
int64_t Median(std::vector<int64_t> v);

// Incidents: resets closer than `gap_us` to the previous one belong to the
// same incident. Returns the start time of each incident, in order.
std::vector<int64_t> IncidentStarts(std::vector<int64_t> times_us, int64_t gap_us);

// A period shared by the gaps between incident starts: the median gap when at
// least 3 incidents exist and every gap is within 5% (at least 2 s) of it;
// 0 otherwise.
int64_t RegularPeriodUs(const std::vector<int64_t>& starts_us);

// The minute of the hour (0-59) at which every incident starts, within one
// minute; -1 when they do not agree or there are fewer than 3 incidents.
int MinuteOfHour(const std::vector<int64_t>& starts_us);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_PATTERNS_H_
