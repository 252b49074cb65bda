// Retention: deleting the records older than a cutoff from a timeline
// database, keeping every contract view consistent.
//
// What goes:
//  - events with ts_us < cutoff, except the cause events of resets that
//    stay (so every reset_causes.cause_event_id stays a timeline record);
//  - unparsed lines that belong with them: in a source that lost records,
//    the unparsed lines before its first record that stays (all of them
//    when none stays); in a source that never had a record (unknown format),
//    all of its unparsed lines when its mtime is before the cutoff;
//  - the correlation results of the resets that went, and template lifts
//    whose example went. The causes of the resets that stay are kept as
//    they were found with all the records there (correlating again would
//    lose evidence, such as the endpoint a log named at its start); the
//    caller rebuilds the patterns over them (`after_delete`), in the same
//    transaction. Clock offsets stay.
// What stays: sources (their counts, time span and event id range are
// updated, so `lines` still equals records' lines plus unparsed lines), so
// that a pruned file is still known and a later import does not bring it
// back; import cursors, runs, problems, hosts.
#ifndef RSTSCOPE_STORE_PRUNE_H_
#define RSTSCOPE_STORE_PRUNE_H_

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "store/db.h"

namespace rstscope::store {

struct PruneStats {
  int64_t events = 0;            // records deleted
  int64_t resets = 0;            // of which resets
  int64_t unparsed = 0;          // unparsed lines deleted
  int64_t sources = 0;           // sources that lost rows
  int64_t sources_emptied = 0;   // ... and have none left
  int64_t correlation_rows = 0;  // reset_cause_rows deleted
  int64_t kept_causes = 0;       // older records kept as causes of resets that stay
};

// Deletes, in one transaction, what is older than `cutoff_us` (UTC
// microseconds), then calls `after_delete` (may be empty) before the commit;
// its error rolls everything back. `db` must be open read-write with the
// write lock held.
absl::StatusOr<PruneStats> PruneBefore(Db* db, int64_t cutoff_us,
                                       const std::function<absl::Status()>& after_delete);

// The newest event time in the database into *ts_us; false when it is empty.
absl::StatusOr<bool> NewestEventTime(Db* db, int64_t* ts_us);

}  // namespace rstscope::store

#endif  // RSTSCOPE_STORE_PRUNE_H_
