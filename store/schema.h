// The database schema: tables (free to change between versions) and the
// contract's views (stable: timeline, resets, unparsed; see docs/SCHEMA.md).
//
// The schema version is PRAGMA user_version. A database of an older version
// is migrated on open for writing; a newer one is refused.
#ifndef RSTSCOPE_STORE_SCHEMA_H_
#define RSTSCOPE_STORE_SCHEMA_H_

#include "absl/status/status.h"
#include "store/db.h"

namespace rstscope::store {

// 1: the timeline. 2: + correlation results (reset_causes, patterns, clocks).
// 3: + enrichment (template_lifts, recreated), report watermarks, import cursors.
// 4: events_kind_ts also holds host, source, format and process (covering).
inline constexpr int kSchemaVersion = 4;

// Creates the schema in an empty database, or checks the version of an
// existing one. FailedPrecondition when the database is not an rstscope
// database or is newer than this program.
absl::Status EnsureSchema(Db* db);

// Checks, without changing anything, that `db` is an rstscope database this
// program can read.
absl::Status CheckSchema(Db* db);

// The indexes on events. Dropped before a bulk load into an empty table and
// created after it (building an index once is 3-7x cheaper than keeping it
// up to date row by row; PERF-NOTES.md).
absl::Status DropEventIndexes(Db* db);
absl::Status CreateEventIndexes(Db* db);

}  // namespace rstscope::store

#endif  // RSTSCOPE_STORE_SCHEMA_H_
