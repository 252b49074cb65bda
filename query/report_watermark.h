// Watermarks of `rstscope report --since-last-run NAME` (table
// report_watermarks, schema 3): what the reports of NAME have covered, so
// that the next one covers exactly the rest.
//
// A watermark holds the event time T up to which resets were reported and
// the highest events.id M that existed then. The next run, with a new upper
// bound T' >= T and the current highest id M' >= M, covers
//   T < ts <= T' (and id <= M')            the new stretch of time, and
//   ts <= T and M < id <= M'               records imported since, with older
//                                          times (late arrivals),
// then stores (T', M'). Every reset is covered by exactly one run: the
// first run whose snapshot contains it and whose T' is at or after its time.
// Ids must only grow: the caller reads them and saves the watermark in one
// write transaction, under the write lock.
#ifndef RSTSCOPE_QUERY_REPORT_WATERMARK_H_
#define RSTSCOPE_QUERY_REPORT_WATERMARK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "query/report.h"
#include "store/db.h"

namespace rstscope::query {

struct Watermark {
  int64_t through_us = 0;
  int64_t max_event_id = 0;
  int64_t runs = 0;
};

// The watermark of `name`, or nullopt when no report of that name has run.
absl::StatusOr<std::optional<Watermark>> ReadWatermark(store::Db* db, const std::string& name);

// The highest events.id now (0 for an empty timeline).
absl::StatusOr<int64_t> MaxEventId(store::Db* db);

// The window of the next run of `name` after `prev` (none: the first run,
// which covers everything up to `through_us`). Precondition: through_us >=
// prev->through_us and max_event_id >= prev->max_event_id.
ReportWindow NextWindow(const std::string& name, const std::optional<Watermark>& prev,
                        int64_t through_us, int64_t max_event_id);

// Stores (through_us, max_event_id) for `name`, counting one more run.
// Call inside the transaction that read the data, after the report was
// delivered.
absl::Status SaveWatermark(store::Db* db, const std::string& name, int64_t through_us,
                           int64_t max_event_id, int64_t now_us);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPORT_WATERMARK_H_
