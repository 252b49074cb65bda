// `rstscope report --fail-on EXPR`: conditions on a report's counts that
// make the command exit with kExitConditionMatched, for cron mail and
// alerting.
//
// Grammar (whitespace around the parts is ignored; several conditions may
// be given comma-separated):
//   EXPR   := METRIC OP INTEGER
//   METRIC := resets | explained | unexplained | late | patterns | cause:CAUSE
//   OP     := > | >= | < | <= | == | !=
// CAUSE is a name of the cause vocabulary (oom_kill, crash, ...). INTEGER is
// a non-negative decimal number.
#ifndef RSTSCOPE_QUERY_REPORT_CONDITIONS_H_
#define RSTSCOPE_QUERY_REPORT_CONDITIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "query/report.h"

namespace rstscope::query {

struct ReportCondition {
  std::string text;    // as written, trimmed: "cause:oom_kill>=1"
  std::string metric;  // "resets", "cause:oom_kill"
  std::string op;      // ">", ">=", "<", "<=", "==", "!="
  int64_t value = 0;
};

// Parses one --fail-on argument (one or more comma-separated conditions).
// InvalidArgument naming the offending condition and what is wrong.
absl::StatusOr<std::vector<ReportCondition>> ParseConditions(std::string_view arg);

// The metric's value in `report` (ReportMetric).
int64_t ConditionValue(const ReportCondition& c, const Report& report);

// True when the condition holds for `report`.
bool ConditionMatches(const ReportCondition& c, const Report& report);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPORT_CONDITIONS_H_
