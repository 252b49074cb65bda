// `rstscope report`: a Markdown, JSON or HTML report of the resets of a
// window and their causes (docs/REPORTS.md).
#ifndef RSTSCOPE_CLI_REPORT_H_
#define RSTSCOPE_CLI_REPORT_H_

#include <string>
#include <vector>

#include "cli/commands.h"

namespace rstscope::cli {

struct ReportArgs {
  std::string db;
  std::string since;           // DURATION: the window ends at --until or now
  std::string since_last_run;  // NAME of a watermark
  std::string from;            // UTC time: the window starts after it
  std::string until;           // UTC time: the window ends at it (default now)
  std::string format = "md";   // md | html | json
  std::string out;             // file; empty: stdout
  std::vector<std::string> fail_on;
};

// Returns kExitOk, kExitConditionMatched when a --fail-on condition holds
// (the report is still written and the watermark advanced), kExitUsage for
// bad arguments, kExitFailure when no report could be written (then a
// --since-last-run watermark is left as it was).
int RunReport(const ReportArgs& args);

}  // namespace rstscope::cli

#endif  // RSTSCOPE_CLI_REPORT_H_
