// Wording shared by the report's renderings (Markdown, HTML, JSON's
// window description). Pure functions.
#ifndef RSTSCOPE_QUERY_REPORT_TEXT_H_
#define RSTSCOPE_QUERY_REPORT_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "query/report.h"
#include "query/text_util.h"

namespace rstscope::query {

// One sentence saying which resets the window holds.
std::string WindowText(const ReportWindow& w);

// "reset 2.1 s after the cause" or "cause logged 300 ms after the reset",
// from delta_ms (cause - reset); "no delay known" without one.
std::string DelayText(const ReportReset& r);

// Up to four decimals, trailing zeros dropped: 0.95, 1, 0.0769.
std::string Decimal(double v);
// A lead's lift with one decimal ("50.0") and its p-value in scientific
// notation with two digits ("6.1e-05").
std::string LiftText(double lift);
std::string PValueText(double p);

// 100 * n / total, rounded: "92%".
std::string Percent(int64_t n, int64_t total);

// "1 h", "15 min", "1 d", "7 d".
std::string BucketText(int64_t seconds);

// "+7895 ms", "-12 ms", "0 ms".
std::string SignedMs(int64_t ms);

// Resets over all bins.
int64_t Total(const std::vector<ReportBin>& bins);


}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPORT_TEXT_H_
