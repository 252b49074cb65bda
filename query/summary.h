// Human-readable summaries of a timeline database: what one import run
// brought in, and what the whole timeline holds (with its resets).
#ifndef RSTSCOPE_QUERY_SUMMARY_H_
#define RSTSCOPE_QUERY_SUMMARY_H_

#include <cstdint>
#include <cstdio>

#include "absl/status/status.h"
#include "store/db.h"

namespace rstscope::query {

// Sources, lines, records, unparsed lines, resets, time span and per-format
// counts of import run `run_id`, then its problems.
absl::Status PrintImportSummary(store::Db* db, int64_t run_id, double seconds, std::FILE* out);

// The whole timeline: hosts, formats, kinds, time span, and the resets
// (up to `max_resets` of them, oldest first) with time, host, source:line
// and message.
absl::Status PrintTimelineSummary(store::Db* db, int max_resets, std::FILE* out);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_SUMMARY_H_
