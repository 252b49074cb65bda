// TimelineWriter: the single writer of an import. Implements
// base::TimelineSink over an SQLite database.
//
// Crash safety, two ways:
//  - A database that does not exist yet (with WriterOptions::build_new_in_temp)
//    is built in a temporary file next to it, PATH.importing, with no
//    journal and no fsync until the end; Finish syncs it and renames it into
//    place. A killed import leaves no database at PATH, only the temporary
//    file, which the next writer deletes. A file nobody else can see needs
//    no journal and no fsync per commit.
//  - Otherwise (appending to an existing database) rows are written in large
//    transactions under a rollback journal, so a killed import leaves the
//    database as of its last commit.
// Each source is marked 'importing' when it begins and 'complete' (or
// 'partial', 'skipped', 'duplicate') when it ends; opening a database
// deletes the rows of sources a killed run left 'importing', so running the
// same import again gives exactly the rows of a clean import.
//
// Only one import writes to a database at a time: Open takes an exclusive
// lock (DB.lock) and fails with Unavailable when another holds it.
//
// Not thread-safe: the pipeline calls it from its writer thread only.
#ifndef RSTSCOPE_STORE_TIMELINE_WRITER_H_
#define RSTSCOPE_STORE_TIMELINE_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "base/event_batch.h"
#include "store/db.h"

namespace rstscope::store {

struct WriterOptions {
  std::string args;      // the command line, recorded with the run
  size_t commit_rows = 250000;
  // Maps a host name as a record spells it to the canonical host (hosts
  // file aliases, FQDNs); empty result: keep the name as spelled.
  std::function<std::string(std::string_view)> canonical_host;
  // When PATH does not exist: build the database in PATH.importing without
  // a journal and rename it into place in Finish (see above). Off: create
  // PATH directly under the rollback journal, as appends always are.
  bool build_new_in_temp = false;
};

// The temporary file a new database is built in before it is renamed to
// `db_path`.
std::string TempPathFor(const std::string& db_path);

class TimelineWriter : public base::TimelineSink {
 public:
  // Opens or creates the database, takes the import lock, recovers from a
  // killed earlier run and starts a new import run.
  static absl::StatusOr<std::unique_ptr<TimelineWriter>> Open(const std::string& path,
                                                              WriterOptions options);
  ~TimelineWriter() override;

  // Content already imported: hash -> source name (file and content hashes
  // of complete sources).
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> KnownHashes();
  // Where earlier imports of plain and compressed files ended, one cursor
  // per content stream (the latest import of it).
  absl::StatusOr<std::vector<base::ImportCursor>> ImportCursors();
  // Host names already in the database.
  absl::StatusOr<std::vector<std::string>> KnownHosts();
  // Records that `address` (or alias) names `host` (from --hosts).
  absl::Status AddHostAddress(std::string_view address, std::string_view host);

  absl::Status BeginSource(uint64_t key, const base::SourceInfo& info) override;
  absl::Status WriteBatch(const base::EventBatch& batch) override;
  absl::Status EndSource(uint64_t key, const base::SourceStats& stats) override;
  absl::Status ReportProblem(std::string_view where, std::string_view what) override;

  // Gives sources of this run that got no host a host now that all records
  // are in (a directory named after a host seen only in later logs), via
  // `resolve(source name) -> (host, reason)`; commits; builds indexes; and
  // marks the run done. `failed` marks it failed instead. A new database
  // built in its temporary file is synced and renamed into place here; when
  // `failed`, it is deleted instead (a failed import creates no database).
  absl::Status Finish(
      const std::function<std::pair<std::string, std::string>(std::string_view)>& resolve,
      bool failed);

  int64_t run_id() const { return run_id_; }
  uint64_t problems() const { return problems_; }

 private:
  struct SourceState {
    int64_t id = 0;
    int64_t host_id = 0;  // 0: none
    int64_t format_id = 0;
    int64_t min_event_id = 0;
    int64_t max_event_id = 0;
    int64_t min_unparsed_id = 0;
    int64_t max_unparsed_id = 0;
    int64_t min_ts = INT64_MAX;
    int64_t max_ts = INT64_MIN;
    bool is_container = false;
    int64_t continues_id = 0;  // the source whose import this one goes on from
    uint64_t first_line = 1;
    int64_t max_unparsed_line = 0;
    // The id of the last record of the source this one goes on from, which
    // was retracted to be read again: the record read again at first_line
    // keeps it, so a reset keeps its identity (a report that covered it does
    // not take it for a late arrival). 0: none.
    int64_t reuse_id = 0;
  };

  explicit TimelineWriter(std::unique_ptr<Db> db, WriterOptions options, int lock_fd);
  // Closes the database built in temp_path_, makes it durable and renames
  // it to final_path_.
  absl::Status Publish();
  absl::Status Prepare();
  // Deletes the rows of source `id` from line `from` on (its last record
  // and the unparsed lines after it), which a continuing import reads
  // again, and takes them off its counts.
  // Returns the id of the record it deleted, 0 when none.
  absl::StatusOr<int64_t> RetractTail(int64_t id, uint64_t from);
  absl::Status Recover();
  absl::Status BeginTx();
  absl::Status CommitTx();
  absl::StatusOr<int64_t> Intern(Statement* insert, absl::flat_hash_map<std::string, int64_t>* cache,
                                 std::string_view name);
  absl::StatusOr<int64_t> HostId(std::string_view spelled);
  absl::Status LoadCache(const char* table, absl::flat_hash_map<std::string, int64_t>* cache);

  std::unique_ptr<Db> db_;
  WriterOptions options_;
  int lock_fd_;
  // Set while a new database is built in its temporary file: the path it
  // is built at and the path it is renamed to. Empty when writing in place.
  std::string temp_path_, final_path_;
  bool published_ = false;
  int64_t run_id_ = 0;
  bool in_tx_ = false;
  bool bulk_load_ = false;  // the events table was empty: indexes built at the end
  size_t rows_in_tx_ = 0;
  uint64_t problems_ = 0;

  int64_t next_event_id_ = 1;  // the next new record's id (Recover sets it)
  Statement insert_event_, insert_unparsed_, insert_source_, end_source_;
  Statement insert_host_, insert_format_, insert_kind_, insert_process_, insert_rule_;
  Statement find_duplicate_, insert_problem_, insert_cursor_, supersede_cursor_;
  absl::flat_hash_map<std::string, int64_t> hosts_, formats_, kinds_, processes_, rules_;
  absl::flat_hash_map<std::string, int64_t> spelled_hosts_;  // as spelled -> id
  // kinds_ by base::Kind, filled on first use: a per-row hash lookup of
  // the kind's name showed in the writer's profile. 0: not interned yet.
  int64_t kind_ids_[base::kKindCount] = {};
  absl::flat_hash_map<uint64_t, SourceState> sources_;
};

}  // namespace rstscope::store

#endif  // RSTSCOPE_STORE_TIMELINE_WRITER_H_
