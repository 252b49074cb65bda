#include "store/timeline_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "base/status.h"
#include "base/strings.h"
#include "store/schema.h"

namespace rstscope::store {
namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// fsync of the file or directory at `path`.
absl::Status SyncPath(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return absl::InternalError(path + ": cannot open to sync: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return absl::InternalError(path + ": fsync failed: " + std::strerror(err));
  return absl::OkStatus();
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

std::string TempPathFor(const std::string& db_path) { return db_path + ".importing"; }

TimelineWriter::TimelineWriter(std::unique_ptr<Db> db, WriterOptions options, int lock_fd)
    : db_(std::move(db)), options_(std::move(options)), lock_fd_(lock_fd) {}

TimelineWriter::~TimelineWriter() {
  const bool unpublished = !temp_path_.empty() && !published_;
  // Without a journal there is nothing to roll back to; the file goes.
  if (in_tx_ && db_ != nullptr && !unpublished) (void)db_->Exec("ROLLBACK");
  db_.reset();
  // A new database that was not finished is not a database: delete it
  // while the lock still keeps other writers out.
  if (unpublished) {
    ::unlink(temp_path_.c_str());
    ::unlink((temp_path_ + "-journal").c_str());  // of the schema's creation
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

absl::StatusOr<std::unique_ptr<TimelineWriter>> TimelineWriter::Open(const std::string& path,
                                                                     WriterOptions options) {
  RS_ASSIGN_OR_RETURN(const int fd, AcquireWriteLock(path));
  // Whatever a killed import left of a new database it was building was
  // never visible as a database: delete it (we hold the lock, so no other
  // writer is building it now).
  // Its journal too, should there be one: SQLite would play a stale
  // journal back into the next file of that name.
  const std::string temp = TempPathFor(path);
  ::unlink(temp.c_str());
  ::unlink((temp + "-journal").c_str());
  struct stat st;
  const bool fresh = options.build_new_in_temp && ::stat(path.c_str(), &st) != 0 &&
                     errno == ENOENT;
  auto db = Db::Open(fresh ? temp : path, Db::Mode::kCreate);
  if (!db.ok()) {
    ::close(fd);
    return db.status();
  }
  std::unique_ptr<TimelineWriter> w(new TimelineWriter(std::move(*db), std::move(options), fd));
  if (fresh) {
    // From here on a failure deletes the file (the destructor).
    w->temp_path_ = temp;
    w->final_path_ = path;
  }
  // The settings follow the schema: the VACUUM that sets the page size of
  // a new database drops an earlier cache_size, and the page cache then
  // grew with the database (400 MB for a 300 MB one).
  RS_RETURN_IF_ERROR(EnsureSchema(w->db_.get()));
  if (fresh) {
    // No journal, no syncs, one connection: nothing else can see this file
    // until Publish renames it, and a killed run's file is deleted above.
    RS_RETURN_IF_ERROR(w->db_->Exec(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
        "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -32768;"));
  } else {
    // Rollback journal: a killed import rolls back to the last commit. New
    // pages appended to the file need no journal, so bulk loads stay fast.
    RS_RETURN_IF_ERROR(w->db_->Exec(
        "PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = NORMAL; "
        "PRAGMA cache_size = -32768;"));
  }
  RS_RETURN_IF_ERROR(w->Prepare());
  RS_RETURN_IF_ERROR(w->Recover());
  return w;
}

absl::Status TimelineWriter::Prepare() {
  auto prep = [&](Statement* out, const char* sql) -> absl::Status {
    auto s = db_->Prepare(sql);
    if (!s.ok()) return s.status();
    *out = std::move(*s);
    return absl::OkStatus();
  };
  RS_RETURN_IF_ERROR(prep(&insert_event_,
                          "INSERT INTO events(ts_us, host_id, role, format_id, kind_id, severity, "
                          "process_id, pid, src_ip, src_port, dst_ip, dst_port, source_id, line, "
                          "nlines, flags, rule_id, text, msg_off, msg_len, msg, attrs, id) VALUES "
                          "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
                          "?21,?22,?23)"));
  RS_RETURN_IF_ERROR(prep(&insert_unparsed_,
                          "INSERT INTO unparsed_lines(source_id, line, reason, text, flags) "
                          "VALUES (?1,?2,?3,?4,?5)"));
  RS_RETURN_IF_ERROR(prep(&insert_source_,
                          "INSERT INTO sources(run_id, parent_id, name, container, size, mtime_us, "
                          "file_hash, encoding, format, format_reason, host_id, host_reason, tz, "
                          "status) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'importing')"));
  RS_RETURN_IF_ERROR(prep(&end_source_,
                          "UPDATE sources SET status=?2, content_hash=?3, lines=?4, records=?5, "
                          "unparsed=?6, resets=?7, bytes=?8, truncated_lines=?9, min_ts_us=?10, "
                          "max_ts_us=?11, min_event_id=?12, max_event_id=?13, error=?14, "
                          "duplicate_of=?15 WHERE id=?1"));
  RS_RETURN_IF_ERROR(prep(&insert_host_, "INSERT INTO hosts(name) VALUES (?1)"));
  RS_RETURN_IF_ERROR(prep(&insert_format_, "INSERT INTO formats(name) VALUES (?1)"));
  RS_RETURN_IF_ERROR(prep(&insert_kind_, "INSERT INTO kinds(name) VALUES (?1)"));
  RS_RETURN_IF_ERROR(prep(&insert_process_, "INSERT INTO processes(name) VALUES (?1)"));
  RS_RETURN_IF_ERROR(prep(&insert_rule_, "INSERT INTO rules(name) VALUES (?1)"));
  RS_RETURN_IF_ERROR(prep(&find_duplicate_,
                          "SELECT id, name FROM sources WHERE status = 'complete' AND id != ?2 AND "
                          "(content_hash = ?1 OR file_hash = ?1) LIMIT 1"));
  RS_RETURN_IF_ERROR(prep(&insert_cursor_,
                          "INSERT INTO import_cursors(source_id, continues_id, first_line, lines, "
                          "end_offset, prefix_hash, head_len, head_hash, record_line, "
                          "tail_unparsed_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"));
  RS_RETURN_IF_ERROR(
      prep(&supersede_cursor_, "UPDATE import_cursors SET superseded = 1 WHERE source_id = ?1"));
  RS_RETURN_IF_ERROR(prep(&insert_problem_,
                          "INSERT INTO problems(run_id, location, message) VALUES (?1,?2,?3)"));
  RS_RETURN_IF_ERROR(LoadCache("hosts", &hosts_));
  RS_RETURN_IF_ERROR(LoadCache("formats", &formats_));
  RS_RETURN_IF_ERROR(LoadCache("kinds", &kinds_));
  RS_RETURN_IF_ERROR(LoadCache("processes", &processes_));
  RS_RETURN_IF_ERROR(LoadCache("rules", &rules_));
  return absl::OkStatus();
}

absl::Status TimelineWriter::LoadCache(const char* table,
                                       absl::flat_hash_map<std::string, int64_t>* cache) {
  RS_ASSIGN_OR_RETURN(Statement s, db_->Prepare(std::string("SELECT id, name FROM ") + table));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    cache->emplace(std::string(s.ColumnText(1)), s.ColumnInt(0));
  }
  return absl::OkStatus();
}

absl::Status TimelineWriter::Recover() {
  // Record ids only grow: past every id this database has held (prune keeps
  // the high-water mark in meta), so that `report --since-last-run` can tell
  // records imported after a report by their ids.
  RS_ASSIGN_OR_RETURN(
      int64_t high,
      db_->QueryInt("SELECT max(coalesce((SELECT max(id) FROM events), 0), "
                    "coalesce((SELECT CAST(value AS INTEGER) FROM meta "
                    "WHERE key = 'event_id_high_water'), 0))"));
  next_event_id_ = high + 1;
  // Sources a killed run left 'importing': their rows are an incomplete
  // prefix. Delete them so the next import of the same data starts clean.
  // An archive is one unit: the members a killed run completed inside an
  // archive it did not finish go with it (else they would stay behind
  // pointing at a deleted parent, and the archive read again would find
  // them as duplicates of themselves). Whatever a correlate computed from
  // the deleted records goes too; the next correlate recomputes it.
  RS_ASSIGN_OR_RETURN(int64_t stale,
                      db_->QueryInt("SELECT count(*) FROM sources WHERE status = 'importing'"));
  RS_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  if (stale > 0) {
    RS_RETURN_IF_ERROR(db_->Exec(
        "CREATE TEMP TABLE stale_sources(id INTEGER PRIMARY KEY);"
        "INSERT INTO stale_sources WITH RECURSIVE stale(id) AS ("
        "  SELECT id FROM sources WHERE status = 'importing'"
        "  UNION SELECT s.id FROM sources s JOIN stale ON s.parent_id = stale.id)"
        "  SELECT id FROM stale;"
        "DELETE FROM reset_cause_rows WHERE reset_id IN (SELECT id FROM events WHERE source_id "
        "  IN stale_sources) OR cause_event_id IN (SELECT id FROM events WHERE source_id IN "
        "  stale_sources);"
        "DELETE FROM template_lifts WHERE example_event_id IN (SELECT id FROM events WHERE "
        "  source_id IN stale_sources);"
        "DELETE FROM events WHERE source_id IN stale_sources;"
        "DELETE FROM unparsed_lines WHERE source_id IN stale_sources;"
        "DELETE FROM import_cursors WHERE source_id IN stale_sources;"
        "DELETE FROM sources WHERE id IN stale_sources;"
        "DROP TABLE temp.stale_sources;"));
  }
  RS_RETURN_IF_ERROR(
      db_->Exec("UPDATE import_runs SET status = 'killed' WHERE status = 'running'"));
  RS_ASSIGN_OR_RETURN(Statement run,
                      db_->Prepare("INSERT INTO import_runs(started_us, status, args) "
                                   "VALUES (?1, 'running', ?2)"));
  run.BindInt(1, NowMicros());
  run.BindText(2, options_.args);
  RS_RETURN_IF_ERROR(run.Run());
  run_id_ = db_->LastInsertRowid();
  RS_ASSIGN_OR_RETURN(int64_t any_event, db_->QueryInt("SELECT EXISTS(SELECT 1 FROM events)"));
  bulk_load_ = any_event == 0;
  if (bulk_load_) RS_RETURN_IF_ERROR(DropEventIndexes(db_.get()));
  RS_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  return absl::OkStatus();
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> TimelineWriter::KnownHashes() {
  absl::flat_hash_map<std::string, std::string> out;
  RS_ASSIGN_OR_RETURN(Statement s,
                      db_->Prepare("SELECT file_hash, content_hash, name FROM sources "
                                   "WHERE status = 'complete'"));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    const std::string name(s.ColumnText(2));
    if (!s.ColumnIsNull(0)) out.emplace(std::string(s.ColumnText(0)), name);
    if (!s.ColumnIsNull(1)) out.emplace(std::string(s.ColumnText(1)), name);
  }
  return out;
}

absl::StatusOr<std::vector<base::ImportCursor>> TimelineWriter::ImportCursors() {
  std::vector<base::ImportCursor> out;
  RS_ASSIGN_OR_RETURN(Statement s,
                      db_->Prepare("SELECT c.source_id, s.name, s.format, c.head_len, c.head_hash, "
                                   "c.end_offset, c.prefix_hash, c.lines, "
                                   "coalesce(c.record_line, 0) FROM import_cursors c "
                                   "JOIN sources s ON s.id = c.source_id "
                                   "WHERE c.superseded = 0 ORDER BY c.source_id"));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    base::ImportCursor c;
    c.source_id = s.ColumnInt(0);
    c.name = std::string(s.ColumnText(1));
    if (!s.ColumnIsNull(2)) c.format = std::string(s.ColumnText(2));
    c.head_len = static_cast<uint64_t>(s.ColumnInt(3));
    c.head_hash = std::string(s.ColumnText(4));
    c.offset = static_cast<uint64_t>(s.ColumnInt(5));
    c.prefix_hash = std::string(s.ColumnText(6));
    c.lines = static_cast<uint64_t>(s.ColumnInt(7));
    c.record_line = static_cast<uint64_t>(s.ColumnInt(8));
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<int64_t> TimelineWriter::RetractTail(int64_t id, uint64_t from) {
  RS_ASSIGN_OR_RETURN(
      Statement range,
      db_->Prepare("SELECT coalesce(s.min_event_id, 0), coalesce(s.max_event_id, 0), "
                   "coalesce(c.tail_unparsed_id, 0) FROM sources s LEFT JOIN import_cursors c "
                   "ON c.source_id = s.id WHERE s.id = ?1"));
  range.BindInt(1, id);
  RS_ASSIGN_OR_RETURN(bool found, range.Step());
  if (!found) return int64_t{0};
  const int64_t min_id = range.ColumnInt(0), max_id = range.ColumnInt(1),
                tail_id = range.ColumnInt(2);
  range.Reset();
  // The last record is the source's last event (rows go in in line order);
  // it goes, with what refers to it: the next correlate recomputes those.
  int64_t records = 0, record_lines = 0, resets = 0, new_max = max_id;
  RS_ASSIGN_OR_RETURN(
      Statement last,
      db_->Prepare("SELECT coalesce(nlines, 1), kind_id = (SELECT id FROM kinds WHERE name = "
                   "'reset') FROM events WHERE id = ?1 AND source_id = ?2 AND line >= ?3"));
  last.BindInt(1, max_id);
  last.BindInt(2, id);
  last.BindInt(3, static_cast<int64_t>(from));
  RS_ASSIGN_OR_RETURN(bool has_last, last.Step());
  if (has_last) {
    records = 1;
    record_lines = last.ColumnInt(0);
    resets = last.ColumnInt(1);
  }
  last.Reset();
  if (has_last) {
    for (const char* sql :
         {"DELETE FROM reset_cause_rows WHERE reset_id = ?1 OR cause_event_id = ?1",
          "DELETE FROM template_lifts WHERE example_event_id = ?1",
          "DELETE FROM events WHERE id = ?1"}) {
      RS_ASSIGN_OR_RETURN(Statement del, db_->Prepare(sql));
      del.BindInt(1, max_id);
      RS_RETURN_IF_ERROR(del.Run());
    }
    RS_ASSIGN_OR_RETURN(Statement before,
                        db_->Prepare("SELECT id FROM events WHERE id BETWEEN ?1 AND ?2 AND "
                                     "source_id = ?3 ORDER BY id DESC LIMIT 1"));
    before.BindInt(1, min_id);
    before.BindInt(2, max_id - 1);
    before.BindInt(3, id);
    RS_ASSIGN_OR_RETURN(bool any, before.Step());
    new_max = any ? before.ColumnInt(0) : 0;
  }
  int64_t unparsed = 0;
  if (tail_id > 0) {
    RS_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM unparsed_lines WHERE id >= ?1 AND "
                                                    "source_id = ?2 AND line >= ?3"));
    del.BindInt(1, tail_id);
    del.BindInt(2, id);
    del.BindInt(3, static_cast<int64_t>(from));
    RS_RETURN_IF_ERROR(del.Run());
    unparsed = db_->Changes();
  }
  // Its time span stays (the record is still in the timeline, now under the
  // source that read it again), unless it has no records left.
  RS_ASSIGN_OR_RETURN(
      Statement update,
      db_->Prepare("UPDATE sources SET records = records - ?2, resets = resets - ?3, "
                   "unparsed = unparsed - ?4, lines = lines - ?5 - ?4, "
                   "max_event_id = ?6, min_event_id = CASE WHEN ?6 IS NULL THEN NULL ELSE "
                   "min_event_id END, min_ts_us = CASE WHEN ?6 IS NULL THEN NULL ELSE min_ts_us "
                   "END, max_ts_us = CASE WHEN ?6 IS NULL THEN NULL ELSE max_ts_us END "
                   "WHERE id = ?1"));
  update.BindInt(1, id);
  update.BindInt(2, records);
  update.BindInt(3, resets);
  update.BindInt(4, unparsed);
  update.BindInt(5, record_lines);
  update.BindIntOrNull(6, new_max, new_max == 0);
  RS_RETURN_IF_ERROR(update.Run());
  return has_last ? max_id : int64_t{0};
}

absl::StatusOr<std::vector<std::string>> TimelineWriter::KnownHosts() {
  std::vector<std::string> out;
  for (const auto& [name, id] : hosts_) out.push_back(name);
  return out;
}

absl::Status TimelineWriter::AddHostAddress(std::string_view address, std::string_view host) {
  RS_ASSIGN_OR_RETURN(int64_t host_id, Intern(&insert_host_, &hosts_, host));
  RS_ASSIGN_OR_RETURN(Statement s, db_->Prepare(
                                       "INSERT OR IGNORE INTO host_addresses(address, host_id) "
                                       "VALUES (?1, ?2)"));
  s.BindText(1, address);
  s.BindInt(2, host_id);
  return s.Run();
}

absl::Status TimelineWriter::BeginTx() {
  if (in_tx_) return absl::OkStatus();
  RS_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  in_tx_ = true;
  rows_in_tx_ = 0;
  return absl::OkStatus();
}

absl::Status TimelineWriter::CommitTx() {
  if (!in_tx_) return absl::OkStatus();
  RS_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  in_tx_ = false;
  rows_in_tx_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<int64_t> TimelineWriter::Intern(Statement* insert,
                                               absl::flat_hash_map<std::string, int64_t>* cache,
                                               std::string_view name) {
  auto it = cache->find(base::AsAbsl(name));
  if (it != cache->end()) return it->second;
  insert->BindText(1, name);
  RS_RETURN_IF_ERROR(insert->Run());
  const int64_t id = db_->LastInsertRowid();
  cache->emplace(std::string(name), id);
  return id;
}

absl::StatusOr<int64_t> TimelineWriter::HostId(std::string_view spelled) {
  auto it = spelled_hosts_.find(base::AsAbsl(spelled));
  if (it != spelled_hosts_.end()) return it->second;
  std::string canonical = options_.canonical_host ? options_.canonical_host(spelled) : "";
  if (canonical.empty()) canonical = std::string(spelled);
  RS_ASSIGN_OR_RETURN(int64_t id, Intern(&insert_host_, &hosts_, canonical));
  spelled_hosts_.emplace(std::string(spelled), id);
  return id;
}

absl::Status TimelineWriter::BeginSource(uint64_t key, const base::SourceInfo& info) {
  RS_RETURN_IF_ERROR(BeginTx());
  SourceState state;
  state.is_container = info.container == "archive";
  if (info.resume.lines > 0) {
    state.first_line = info.resume.lines + 1;
    state.continues_id = info.resume.source_id;
    if (state.continues_id == 0) {
      auto earlier = sources_.find(info.resume.source_key);
      if (earlier != sources_.end()) state.continues_id = earlier->second.id;
    }
    if (info.resume.record_line > 0 && state.continues_id != 0) {
      // Its last record is read again: it goes, with what came after it.
      state.first_line = info.resume.record_line;
      RS_ASSIGN_OR_RETURN(state.reuse_id,
                          RetractTail(state.continues_id, info.resume.record_line));
    }
  }
  if (!info.host.empty()) {
    RS_ASSIGN_OR_RETURN(state.host_id, HostId(info.host));
  }
  if (!info.format.empty()) {
    RS_ASSIGN_OR_RETURN(state.format_id, Intern(&insert_format_, &formats_, info.format));
  }
  Statement& s = insert_source_;
  s.BindInt(1, run_id_);
  int64_t parent_id = 0;
  if (info.parent_key != 0) {
    auto parent = sources_.find(info.parent_key);
    if (parent != sources_.end()) parent_id = parent->second.id;
  }
  s.BindIntOrNull(2, parent_id, parent_id == 0);
  s.BindText(3, info.name);
  s.BindText(4, info.container.empty() ? std::string_view("file") : std::string_view(info.container));
  s.BindIntOrNull(5, info.size, info.size < 0);
  s.BindIntOrNull(6, info.mtime_us, info.mtime_us == 0);
  if (info.hash.empty()) s.BindNull(7); else s.BindText(7, info.hash);
  if (info.encoding.empty()) s.BindNull(8); else s.BindText(8, info.encoding);
  if (info.format.empty()) s.BindNull(9); else s.BindText(9, info.format);
  if (info.format_reason.empty()) s.BindNull(10); else s.BindText(10, info.format_reason);
  s.BindIntOrNull(11, state.host_id, state.host_id == 0);
  if (info.host_reason.empty()) s.BindNull(12); else s.BindText(12, info.host_reason);
  if (state.is_container || info.tz.empty()) {
    s.BindNull(13);
  } else {
    s.BindText(13, info.tz);
  }
  RS_RETURN_IF_ERROR(s.Run());
  state.id = db_->LastInsertRowid();
  sources_[key] = state;
  return absl::OkStatus();
}

absl::Status TimelineWriter::WriteBatch(const base::EventBatch& batch) {
  auto found = sources_.find(batch.source_key);
  if (found == sources_.end()) {
    return absl::InternalError("batch for a source that did not begin");
  }
  SourceState& src = found->second;
  RS_RETURN_IF_ERROR(BeginTx());
  std::string_view last_format;
  int64_t format_id = src.format_id;
  for (const base::EventRow& row : batch.events) {
    // Ids are handed out here, never reused (see next_event_id_), except by
    // the record read again in place of the one it retracted.
    Statement& ev = insert_event_;
    const bool reuse = src.reuse_id != 0 && row.line == src.first_line;
    ev.BindInt(23, reuse ? src.reuse_id : next_event_id_++);
    src.reuse_id = 0;
    ev.BindInt(1, row.ts_us);
    int64_t host_id = src.host_id;
    if (!row.host.null()) {
      RS_ASSIGN_OR_RETURN(host_id, HostId(batch.View(row.host)));
    }
    ev.BindIntOrNull(2, host_id, host_id == 0);
    ev.BindIntOrNull(3, static_cast<int>(row.role), row.role == base::Role::kUnknown);
    if (row.format != last_format) {
      RS_ASSIGN_OR_RETURN(format_id, Intern(&insert_format_, &formats_, row.format));
      last_format = row.format;
    }
    ev.BindInt(4, format_id);
    int64_t& kind_id = kind_ids_[static_cast<int>(row.kind)];
    if (kind_id == 0) {
      RS_ASSIGN_OR_RETURN(kind_id, Intern(&insert_kind_, &kinds_, base::KindName(row.kind)));
    }
    ev.BindInt(5, kind_id);
    ev.BindIntOrNull(6, static_cast<int>(row.severity), row.severity == base::Severity::kUnknown);
    if (row.process.null()) {
      ev.BindNull(7);
    } else {
      RS_ASSIGN_OR_RETURN(int64_t process_id,
                          Intern(&insert_process_, &processes_, batch.View(row.process)));
      ev.BindInt(7, process_id);
    }
    ev.BindIntOrNull(8, row.pid, row.pid < 0);
    if (row.src_ip.null()) ev.BindNull(9); else ev.BindText(9, batch.View(row.src_ip));
    ev.BindIntOrNull(10, row.src_port, row.src_port < 0);
    if (row.dst_ip.null()) ev.BindNull(11); else ev.BindText(11, batch.View(row.dst_ip));
    ev.BindIntOrNull(12, row.dst_port, row.dst_port < 0);
    ev.BindInt(13, src.id);
    ev.BindInt(14, row.line);
    ev.BindIntOrNull(15, row.nlines, row.nlines == 1);
    ev.BindIntOrNull(16, row.flags, row.flags == 0);
    if (row.rule.empty()) {
      ev.BindNull(17);
    } else {
      RS_ASSIGN_OR_RETURN(int64_t rule_id, Intern(&insert_rule_, &rules_, row.rule));
      ev.BindInt(17, rule_id);
    }
    ev.BindText(18, batch.View(row.text));
    ev.BindInt(19, row.msg_char_off);
    ev.BindIntOrNull(20, row.msg_char_len, row.msg_char_len < 0);
    if (row.msg.null()) ev.BindNull(21); else ev.BindText(21, batch.View(row.msg));
    if (row.attrs.null()) ev.BindNull(22); else ev.BindText(22, batch.View(row.attrs));
    RS_ASSIGN_OR_RETURN(bool unused, ev.Step());
    (void)unused;
    ev.Reset();
    const int64_t id = db_->LastInsertRowid();
    if (src.min_event_id == 0) src.min_event_id = id;
    src.max_event_id = id;
    if (row.ts_us < src.min_ts) src.min_ts = row.ts_us;
    if (row.ts_us > src.max_ts) src.max_ts = row.ts_us;
  }
  Statement& up = insert_unparsed_;
  for (const base::UnparsedRow& row : batch.unparsed) {
    up.BindInt(1, src.id);
    up.BindInt(2, row.line);
    up.BindText(3, batch.View(row.reason));
    up.BindText(4, batch.View(row.text));
    up.BindIntOrNull(5, row.flags, row.flags == 0);
    RS_RETURN_IF_ERROR(up.Run());
    const int64_t id = db_->LastInsertRowid();
    if (src.min_unparsed_id == 0) src.min_unparsed_id = id;
    src.max_unparsed_id = id;
    if (row.line > src.max_unparsed_line) src.max_unparsed_line = row.line;
  }
  rows_in_tx_ += batch.events.size() + batch.unparsed.size();
  if (rows_in_tx_ >= options_.commit_rows) RS_RETURN_IF_ERROR(CommitTx());
  return absl::OkStatus();
}

absl::Status TimelineWriter::EndSource(uint64_t key, const base::SourceStats& stats) {
  auto found = sources_.find(key);
  if (found == sources_.end()) return absl::InternalError("end of a source that did not begin");
  SourceState& src = found->second;
  RS_RETURN_IF_ERROR(BeginTx());
  std::string status = "complete";
  int64_t duplicate_of = 0;
  if (!stats.duplicate_of.empty()) {
    status = "duplicate";
    if (stats.duplicate_of_id != 0) {
      duplicate_of = stats.duplicate_of_id;  // its content matched that import's cursor
    } else if (stats.duplicate_of_key != 0) {
      auto earlier = sources_.find(stats.duplicate_of_key);
      if (earlier != sources_.end()) duplicate_of = earlier->second.id;
    } else {
      RS_ASSIGN_OR_RETURN(
          Statement find,
          db_->Prepare("SELECT id FROM sources WHERE status = 'complete' AND "
                       "(file_hash = ?1 OR content_hash = ?1) ORDER BY id LIMIT 1"));
      find.BindText(1, stats.hash);
      RS_ASSIGN_OR_RETURN(bool found_earlier, find.Step());
      if (found_earlier) duplicate_of = find.ColumnInt(0);
    }
  } else if (stats.skipped) {
    status = "skipped";
  } else if (!stats.error.empty()) {
    status = "partial";
  } else if (!src.is_container && !stats.hash.empty()) {
    // Same content imported before under another name (a member of a new
    // bundle that repeats an old file): keep the old rows, drop these.
    find_duplicate_.BindText(1, stats.hash);
    find_duplicate_.BindInt(2, src.id);
    RS_ASSIGN_OR_RETURN(bool dup, find_duplicate_.Step());
    if (dup) duplicate_of = find_duplicate_.ColumnInt(0);
    find_duplicate_.Reset();
    if (dup) {
      status = "duplicate";
      RS_ASSIGN_OR_RETURN(Statement del,
                          db_->Prepare("DELETE FROM events WHERE id BETWEEN ?1 AND ?2 AND "
                                       "source_id = ?3"));
      del.BindInt(1, src.min_event_id);
      del.BindInt(2, src.max_event_id);
      del.BindInt(3, src.id);
      if (src.min_event_id != 0) RS_RETURN_IF_ERROR(del.Run());
      RS_ASSIGN_OR_RETURN(Statement del_u,
                          db_->Prepare("DELETE FROM unparsed_lines WHERE id BETWEEN ?1 AND ?2 "
                                       "AND source_id = ?3"));
      del_u.BindInt(1, src.min_unparsed_id);
      del_u.BindInt(2, src.max_unparsed_id);
      del_u.BindInt(3, src.id);
      if (src.min_unparsed_id != 0) RS_RETURN_IF_ERROR(del_u.Run());
    }
  }
  const bool counted = status != "duplicate";
  Statement& s = end_source_;
  s.BindInt(1, src.id);
  s.BindText(2, status);
  if (stats.hash.empty()) s.BindNull(3); else s.BindText(3, stats.hash);
  s.BindInt(4, static_cast<int64_t>(stats.lines));
  s.BindInt(5, counted ? static_cast<int64_t>(stats.records) : 0);
  s.BindInt(6, counted ? static_cast<int64_t>(stats.unparsed) : 0);
  s.BindInt(7, counted ? static_cast<int64_t>(stats.resets) : 0);
  s.BindInt(8, static_cast<int64_t>(stats.bytes));
  s.BindInt(9, static_cast<int64_t>(stats.truncated_lines));
  s.BindIntOrNull(10, src.min_ts, !counted || src.min_ts == INT64_MAX);
  s.BindIntOrNull(11, src.max_ts, !counted || src.max_ts == INT64_MIN);
  s.BindIntOrNull(12, src.min_event_id, !counted || src.min_event_id == 0);
  s.BindIntOrNull(13, src.max_event_id, !counted || src.max_event_id == 0);
  if (stats.error.empty()) s.BindNull(14); else s.BindText(14, stats.error);
  s.BindIntOrNull(15, duplicate_of, duplicate_of == 0);
  RS_RETURN_IF_ERROR(s.Run());
  if (stats.has_cursor && (status == "complete" || status == "partial")) {
    // Where the next import of this content goes on; the cursor it went on
    // from is done with.
    const base::ImportCursor& c = stats.cursor;
    insert_cursor_.BindInt(1, src.id);
    insert_cursor_.BindIntOrNull(2, src.continues_id, src.continues_id == 0);
    insert_cursor_.BindInt(3, static_cast<int64_t>(src.first_line));
    insert_cursor_.BindInt(4, static_cast<int64_t>(c.lines));
    insert_cursor_.BindInt(5, static_cast<int64_t>(c.offset));
    insert_cursor_.BindText(6, c.prefix_hash);
    insert_cursor_.BindInt(7, static_cast<int64_t>(c.head_len));
    insert_cursor_.BindText(8, c.head_hash);
    insert_cursor_.BindIntOrNull(9, static_cast<int64_t>(c.record_line), c.record_line == 0);
    int64_t tail_unparsed = 0;
    if (c.record_line > 0 && src.max_unparsed_line > static_cast<int64_t>(c.record_line)) {
      RS_ASSIGN_OR_RETURN(Statement tail,
                          db_->Prepare("SELECT min(id) FROM unparsed_lines WHERE id BETWEEN ?1 "
                                       "AND ?2 AND source_id = ?3 AND line > ?4"));
      tail.BindInt(1, src.min_unparsed_id);
      tail.BindInt(2, src.max_unparsed_id);
      tail.BindInt(3, src.id);
      tail.BindInt(4, static_cast<int64_t>(c.record_line));
      RS_ASSIGN_OR_RETURN(bool row, tail.Step());
      if (row && !tail.ColumnIsNull(0)) tail_unparsed = tail.ColumnInt(0);
    }
    insert_cursor_.BindIntOrNull(10, tail_unparsed, tail_unparsed == 0);
    RS_RETURN_IF_ERROR(insert_cursor_.Run());
    if (src.continues_id != 0) {
      supersede_cursor_.BindInt(1, src.continues_id);
      RS_RETURN_IF_ERROR(supersede_cursor_.Run());
    }
  }
  if (src.is_container) sources_.erase(found);
  // Text sources stay in sources_ until Finish (host fix-up needs them).
  return absl::OkStatus();
}

absl::Status TimelineWriter::ReportProblem(std::string_view where, std::string_view what) {
  ++problems_;
  RS_RETURN_IF_ERROR(BeginTx());
  insert_problem_.BindInt(1, run_id_);
  insert_problem_.BindText(2, where);
  insert_problem_.BindText(3, what);
  return insert_problem_.Run();
}

absl::Status TimelineWriter::Finish(
    const std::function<std::pair<std::string, std::string>(std::string_view)>& resolve,
    bool failed) {
  // A failed import into a new database leaves none: the destructor
  // deletes the temporary file.
  if (!temp_path_.empty() && failed) return absl::OkStatus();
  RS_RETURN_IF_ERROR(BeginTx());
  if (resolve) {
    // Also the sources a killed run completed: it never got here, and the
    // run that imports the same files again skips them as imported.
    RS_ASSIGN_OR_RETURN(Statement pending,
                        db_->Prepare("SELECT id, name, min_event_id, max_event_id FROM sources "
                                     "WHERE (run_id = ?1 OR run_id IN (SELECT id FROM import_runs "
                                     "WHERE status = 'killed')) AND host_id IS NULL AND "
                                     "container != 'archive' AND status IN ('complete', 'partial')"));
    pending.BindInt(1, run_id_);
    struct Fix {
      int64_t id, min_id, max_id;
      std::string name;
    };
    std::vector<Fix> fixes;
    for (;;) {
      RS_ASSIGN_OR_RETURN(bool row, pending.Step());
      if (!row) break;
      fixes.push_back({pending.ColumnInt(0), pending.ColumnInt(2), pending.ColumnInt(3),
                       std::string(pending.ColumnText(1))});
    }
    pending.Reset();
    RS_ASSIGN_OR_RETURN(Statement set_events,
                        db_->Prepare("UPDATE events SET host_id = ?1 WHERE id BETWEEN ?2 AND ?3 "
                                     "AND source_id = ?4 AND host_id IS NULL"));
    RS_ASSIGN_OR_RETURN(Statement set_source,
                        db_->Prepare("UPDATE sources SET host_id = ?1, host_reason = ?2 "
                                     "WHERE id = ?3"));
    for (const Fix& f : fixes) {
      auto [host, reason] = resolve(f.name);
      if (host.empty()) continue;
      RS_ASSIGN_OR_RETURN(int64_t host_id, HostId(host));
      if (f.min_id != 0) {
        set_events.BindInt(1, host_id);
        set_events.BindInt(2, f.min_id);
        set_events.BindInt(3, f.max_id);
        set_events.BindInt(4, f.id);
        RS_RETURN_IF_ERROR(set_events.Run());
      }
      set_source.BindInt(1, host_id);
      set_source.BindText(2, reason);
      set_source.BindInt(3, f.id);
      RS_RETURN_IF_ERROR(set_source.Run());
    }
  }
  RS_ASSIGN_OR_RETURN(Statement run,
                      db_->Prepare("UPDATE import_runs SET finished_us = ?1, status = ?2 "
                                   "WHERE id = ?3"));
  run.BindInt(1, NowMicros());
  run.BindText(2, failed ? "failed" : problems_ > 0 ? "problems" : "done");
  run.BindInt(3, run_id_);
  RS_RETURN_IF_ERROR(run.Run());
  RS_RETURN_IF_ERROR(CommitTx());
  // Indexes after a bulk load: one sorted build instead of per-row updates.
  // CREATE INDEX is its own transaction: a kill here leaves the data intact
  // and the next import (or query) simply finds the index missing and
  // builds it.
  RS_RETURN_IF_ERROR(CreateEventIndexes(db_.get()));
  // No `PRAGMA optimize` here. It ran ANALYZE on `events` whenever this
  // connection had queried the table (the host fixes above) and it had no
  // statistics yet: 0.34 s of a 500 k-line append onto 500 k events, a
  // full pass over the indexes that grows with the database, and plans
  // that then differed between databases that had been appended to and
  // those that had not. Every query here is planned well on the indexes
  // alone (docs/PERFORMANCE.md).
  if (!temp_path_.empty()) RS_RETURN_IF_ERROR(Publish());
  return absl::OkStatus();
}

absl::Status TimelineWriter::Publish() {
  // Close first: the connection holds the file's exclusive lock and may
  // still have pages to write. Then the data must be on disk before the
  // rename makes it the database, and the rename on disk before we say
  // the import is done (power loss: no database, or the whole one).
  db_.reset();
  RS_RETURN_IF_ERROR(SyncPath(temp_path_, /*directory=*/false));
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return absl::InternalError(temp_path_ + ": cannot rename to " + final_path_ + ": " +
                               std::strerror(errno));
  }
  published_ = true;
  return SyncPath(DirectoryOf(final_path_), /*directory=*/true);
}

}  // namespace rstscope::store
