// Patterns again, from the stored correlation results: after `rstscope
// prune` deleted the resets before a cutoff, the patterns (counts, shares,
// periods, first/last times) must describe the resets that are left.
#ifndef RSTSCOPE_QUERY_REPATTERN_H_
#define RSTSCOPE_QUERY_REPATTERN_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "store/db.h"

namespace rstscope::query {

// Mines the patterns of the resets in reset_cause_rows as the correlation
// left them (each reset's time corrected by its host's stored clock offset)
// and replaces pattern_rows and reset_cause_rows.pattern_id with them.
// Returns the number of patterns. Runs inside the caller's transaction.
absl::StatusOr<int64_t> RebuildPatterns(store::Db* db);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPATTERN_H_
