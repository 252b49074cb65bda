#include "query/report_conditions.h"

#include "base/strings.h"

namespace rstscope::query {
namespace {

absl::Status Bad(std::string_view cond, const std::string& why) {
  return absl::InvalidArgumentError("--fail-on '" + std::string(cond) + "': " + why);
}

absl::StatusOr<ReportCondition> ParseOne(std::string_view text) {
  text = base::TrimSpace(text);
  if (text.empty()) return Bad(text, "empty condition");
  const size_t op_at = text.find_first_of("<>=!");
  if (op_at == std::string_view::npos) {
    return Bad(text, "expected METRIC OP NUMBER, e.g. unexplained>0 or cause:oom_kill>=1");
  }
  ReportCondition c;
  c.text = std::string(text);
  c.metric = std::string(base::TrimSpace(text.substr(0, op_at)));
  std::string_view rest = text.substr(op_at);
  for (std::string_view op : {">=", "<=", "==", "!=", ">", "<"}) {
    if (rest.substr(0, op.size()) == op) {
      c.op = std::string(op);
      break;
    }
  }
  if (c.op.empty()) return Bad(text, "unknown operator; use > >= < <= == or !=");
  std::string_view number = base::TrimSpace(rest.substr(c.op.size()));
  size_t pos = 0;
  if (!base::ParseDigits(number, &pos, &c.value) || pos != number.size()) {
    return Bad(text, "expected a non-negative whole number after " + c.op);
  }
  if (c.metric.empty()) return Bad(text, "no metric before " + c.op);
  Report empty;
  if (!ReportMetric(empty, c.metric)) {
    return Bad(text, "unknown metric '" + c.metric +
                         "'; use resets, explained, unexplained, late, patterns or "
                         "cause:CAUSE with a cause of the vocabulary (cause:oom_kill)");
  }
  return c;
}

}  // namespace

absl::StatusOr<std::vector<ReportCondition>> ParseConditions(std::string_view arg) {
  std::vector<ReportCondition> out;
  size_t start = 0;
  while (true) {
    const size_t comma = arg.find(',', start);
    auto c = ParseOne(arg.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!c.ok()) return c.status();
    out.push_back(std::move(*c));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

int64_t ConditionValue(const ReportCondition& c, const Report& report) {
  return ReportMetric(report, c.metric).value_or(0);
}

bool ConditionMatches(const ReportCondition& c, const Report& report) {
  const int64_t v = ConditionValue(c, report);
  if (c.op == ">") return v > c.value;
  if (c.op == ">=") return v >= c.value;
  if (c.op == "<") return v < c.value;
  if (c.op == "<=") return v <= c.value;
  if (c.op == "==") return v == c.value;
  return v != c.value;
}

}  // namespace rstscope::query
