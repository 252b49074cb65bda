#include "store/schema.h"

#include <string>

#include "base/status.h"

namespace rstscope::store {
namespace {

constexpr char kTables[] = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE hosts(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE formats(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE kinds(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE processes(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE rules(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE host_addresses(
  address TEXT NOT NULL,
  host_id INTEGER NOT NULL REFERENCES hosts(id),
  PRIMARY KEY(address, host_id)) WITHOUT ROWID;
CREATE TABLE import_runs(
  id INTEGER PRIMARY KEY,
  started_us INTEGER NOT NULL,
  finished_us INTEGER,
  status TEXT NOT NULL,          -- running | done | problems | failed
  args TEXT);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES import_runs(id),
  parent_id INTEGER REFERENCES sources(id),
  name TEXT NOT NULL,
  container TEXT NOT NULL,       -- file | stdin | compressed | archive | member
  size INTEGER,
  mtime_us INTEGER,
  file_hash TEXT,                -- hash of the bytes on disk, when read up front
  content_hash TEXT,             -- hash of the stream as read
  encoding TEXT,
  format TEXT,
  format_reason TEXT,
  host_id INTEGER REFERENCES hosts(id),
  host_reason TEXT,
  tz TEXT,
  status TEXT NOT NULL,          -- importing | complete | partial | skipped | duplicate
  lines INTEGER, records INTEGER, unparsed INTEGER, resets INTEGER, bytes INTEGER,
  truncated_lines INTEGER,
  min_ts_us INTEGER, max_ts_us INTEGER,
  min_event_id INTEGER, max_event_id INTEGER,
  error TEXT,
  duplicate_of INTEGER REFERENCES sources(id));
CREATE INDEX sources_content_hash ON sources(content_hash);
CREATE INDEX sources_file_hash ON sources(file_hash);
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  ts_us INTEGER NOT NULL,
  host_id INTEGER,
  role INTEGER,
  format_id INTEGER,
  kind_id INTEGER NOT NULL,
  severity INTEGER,
  process_id INTEGER,
  pid INTEGER,
  src_ip TEXT, src_port INTEGER, dst_ip TEXT, dst_port INTEGER,
  source_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  nlines INTEGER,                -- NULL: 1
  flags INTEGER,                 -- NULL: 0
  rule_id INTEGER,
  text TEXT NOT NULL,            -- the record, stored once
  msg_off INTEGER NOT NULL,      -- message start in characters of text
  msg_len INTEGER,               -- message length in characters, NULL: to the end
  msg TEXT,                      -- message when it is not a range of text
  attrs TEXT);                   -- JSON object of further fields
CREATE TABLE unparsed_lines(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  text TEXT NOT NULL,
  flags INTEGER);
CREATE TABLE problems(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  location TEXT NOT NULL,
  message TEXT NOT NULL);
)sql";

// The contract's views (DESIGN.md). Their column lists must not change.
constexpr char kViews[] = R"sql(
CREATE VIEW timeline AS
SELECT e.id AS id,
       strftime('%Y-%m-%dT%H:%M:%S', e.ts_us / 1000000, 'unixepoch')
         || printf('.%03dZ', (e.ts_us / 1000) % 1000) AS ts,
       e.ts_us AS ts_us,
       h.name AS host,
       CASE e.role WHEN 1 THEN 'client' WHEN 2 THEN 'server' WHEN 3 THEN 'proxy'
                   WHEN 4 THEN 'firewall' END AS role,
       f.name AS format,
       k.name AS kind,
       CASE e.severity WHEN 0 THEN 'emerg' WHEN 1 THEN 'alert' WHEN 2 THEN 'crit'
                       WHEN 3 THEN 'error' WHEN 4 THEN 'warning' WHEN 5 THEN 'notice'
                       WHEN 6 THEN 'info' WHEN 7 THEN 'debug' END AS severity,
       p.name AS process,
       e.pid AS pid,
       e.src_ip AS src_ip, e.src_port AS src_port, e.dst_ip AS dst_ip, e.dst_port AS dst_port,
       CASE WHEN e.msg IS NOT NULL THEN e.msg
            WHEN e.msg_len IS NULL THEN substr(e.text, e.msg_off + 1)
            ELSE substr(e.text, e.msg_off + 1, e.msg_len) END AS message,
       s.name AS source,
       e.line AS line
FROM events e
JOIN sources s ON s.id = e.source_id
JOIN kinds k ON k.id = e.kind_id
LEFT JOIN hosts h ON h.id = e.host_id
LEFT JOIN formats f ON f.id = e.format_id
LEFT JOIN processes p ON p.id = e.process_id;

CREATE VIEW resets AS
SELECT * FROM timeline WHERE kind = 'reset';

CREATE VIEW unparsed AS
SELECT u.id AS id, s.name AS source, u.line AS line, u.reason AS reason, u.text AS text
FROM unparsed_lines u JOIN sources s ON s.id = u.source_id;

)sql";

// Extra view of per-record details; version 2 added time_from_age.
constexpr char kEventDetailsView[] = R"sql(
CREATE VIEW event_details AS
SELECT e.id AS id, r.name AS rule, e.attrs AS attrs, COALESCE(e.nlines, 1) AS nlines,
       e.text AS text,
       (COALESCE(e.flags, 0) & 1) != 0 AS tz_assumed,
       (COALESCE(e.flags, 0) & 2) != 0 AS year_inferred,
       (COALESCE(e.flags, 0) & 4) != 0 AS truncated,
       (COALESCE(e.flags, 0) & 8) != 0 AS utf8_replaced,
       (COALESCE(e.flags, 0) & 16) != 0 AS time_from_previous,
       (COALESCE(e.flags, 0) & 32) != 0 AS time_from_age
FROM events e LEFT JOIN rules r ON r.id = e.rule_id;
)sql";

// Version 2: what `rstscope correlate` writes. Each correlate run replaces
// the rows of the previous one, in one transaction.
constexpr char kCorrelationTables[] = R"sql(
CREATE TABLE correlation_runs(
  id INTEGER PRIMARY KEY,
  started_us INTEGER NOT NULL,
  finished_us INTEGER,
  before_ms INTEGER NOT NULL,
  after_ms INTEGER NOT NULL,
  resets INTEGER,
  explained INTEGER);
CREATE TABLE reset_cause_rows(
  reset_id INTEGER PRIMARY KEY,  -- events.id of the reset
  cause TEXT NOT NULL,           -- the cause vocabulary (docs/SCHEMA.md)
  cause_event_id INTEGER,        -- NULL for unexplained
  server_host_id INTEGER,
  delta_ms INTEGER,              -- cause time - reset time, after skew correction
  confidence REAL NOT NULL,
  evidence TEXT NOT NULL,
  peer_host_id INTEGER,          -- the host the reset's connection went to
  peer_method TEXT,              -- tuple | address | upstream | source | time
  chain TEXT,                    -- "client02 -> lb01 -> app01" when a proxy was followed
  age_ms INTEGER,                -- connection age at the reset, when a flow record gives it
  process_id INTEGER,            -- process of the cause event
  pattern_id INTEGER);
CREATE INDEX reset_cause_rows_cause ON reset_cause_rows(cause);
CREATE TABLE host_clocks(
  host_id INTEGER PRIMARY KEY,
  offset_ms INTEGER NOT NULL,    -- host clock - reference clock
  method TEXT NOT NULL,          -- reference | tuple | burst | none
  anchors INTEGER NOT NULL,      -- pairs the estimate rests on
  spread_ms INTEGER,             -- median absolute deviation of those pairs
  reference_host_id INTEGER);
CREATE TABLE pattern_rows(
  id INTEGER PRIMARY KEY,
  cause TEXT NOT NULL,
  server_host_id INTEGER,
  process_id INTEGER,
  resets INTEGER NOT NULL,
  first_us INTEGER NOT NULL,
  last_us INTEGER NOT NULL,
  share REAL NOT NULL,
  summary TEXT NOT NULL,
  detail TEXT);                  -- JSON: periodicity, connection ages, delays
)sql";

// Version 3: enrichment (query/enrichment.h), one row per over-represented
// message template. Version 2 had an unused table of that name with fewer
// columns; the migration recreates it.
constexpr char kTemplateLifts[] = R"sql(
CREATE TABLE template_lifts(
  id INTEGER PRIMARY KEY,
  host_id INTEGER,                -- the server host the resets went to
  template TEXT NOT NULL,         -- message with numbers, ids and addresses masked as <*>
  reset_windows INTEGER NOT NULL, -- N: look-back windows before reset incidents examined
  reset_windows_with INTEGER NOT NULL,   -- k: of them containing the template
  control_windows INTEGER NOT NULL,      -- M: windows at quiet moments of the same host
  control_windows_with INTEGER NOT NULL, -- c: of them containing the template
  lift REAL NOT NULL,             -- (k/N) / (c/M), c counted as 0.5 when 0
  p_value REAL NOT NULL,          -- one-sided Fisher exact test, Bonferroni-adjusted
  example_event_id INTEGER);      -- the occurrence closest before a reset
CREATE VIEW template_lift_details AS
SELECT t.id AS id, h.name AS host, t.template AS template, t.reset_windows AS reset_windows,
       t.reset_windows_with AS reset_windows_with, t.control_windows AS control_windows,
       t.control_windows_with AS control_windows_with, t.lift AS lift, t.p_value AS p_value,
       t.example_event_id AS example_event_id
FROM template_lifts t LEFT JOIN hosts h ON h.id = t.host_id;
)sql";

constexpr char kCorrelationViews[] = R"sql(
CREATE VIEW reset_causes AS
SELECT c.reset_id AS reset_id, c.cause AS cause, c.cause_event_id AS cause_event_id,
       h.name AS server_host, c.delta_ms AS delta_ms, c.confidence AS confidence,
       c.evidence AS evidence
FROM reset_cause_rows c LEFT JOIN hosts h ON h.id = c.server_host_id;

CREATE VIEW patterns AS
SELECT p.id AS id, p.cause AS cause, h.name AS server_host, pr.name AS process,
       p.resets AS resets,
       strftime('%Y-%m-%dT%H:%M:%S', p.first_us / 1000000, 'unixepoch')
         || printf('.%03dZ', (p.first_us / 1000) % 1000) AS first_ts,
       strftime('%Y-%m-%dT%H:%M:%S', p.last_us / 1000000, 'unixepoch')
         || printf('.%03dZ', (p.last_us / 1000) % 1000) AS last_ts,
       p.share AS share, p.summary AS summary
FROM pattern_rows p LEFT JOIN hosts h ON h.id = p.server_host_id
LEFT JOIN processes pr ON pr.id = p.process_id;

CREATE VIEW clock_offsets AS
SELECT h.name AS host, c.offset_ms AS offset_ms, c.method AS method, c.anchors AS anchors,
       c.spread_ms AS spread_ms, r.name AS reference_host
FROM host_clocks c JOIN hosts h ON h.id = c.host_id LEFT JOIN hosts r ON r.id = c.reference_host_id;

CREATE VIEW reset_cause_details AS
SELECT c.reset_id AS reset_id, c.cause AS cause, c.cause_event_id AS cause_event_id,
       sh.name AS server_host, ph.name AS peer_host, c.peer_method AS peer_method,
       c.chain AS chain, c.age_ms AS age_ms, pr.name AS process, c.pattern_id AS pattern_id,
       c.delta_ms AS delta_ms, c.confidence AS confidence, c.evidence AS evidence
FROM reset_cause_rows c LEFT JOIN hosts sh ON sh.id = c.server_host_id
LEFT JOIN hosts ph ON ph.id = c.peer_host_id LEFT JOIN processes pr ON pr.id = c.process_id;
)sql";

// Version 3: what `rstscope report --since-last-run NAME` remembers between
// runs (docs/REPORTS.md). One row per NAME: the event time up to which its
// reports have covered the timeline, and the highest events.id they saw, so
// that records imported later with older times are reported once, as late.
constexpr char kReportTables[] = R"sql(
CREATE TABLE report_watermarks(
  name TEXT PRIMARY KEY,
  through_us INTEGER NOT NULL,   -- resets with ts_us <= this have been reported
  max_event_id INTEGER NOT NULL, -- events with id <= this had been imported then
  runs INTEGER NOT NULL,         -- reports that advanced this watermark
  updated_us INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// Version 3: incremental import. One row per source that read a plain file
// or a single compressed stream: how far into the decompressed content it
// got, and hashes that recognise the same content later under any name
// (grown, rotated, compressed). A later import that goes on from a row
// marks it superseded; the rows not superseded are the cursors an import
// can continue from (ingest/cursor.h).
constexpr char kImportCursorTables[] = R"sql(
CREATE TABLE import_cursors(
  source_id INTEGER PRIMARY KEY, -- sources.id of the import that read up to here
  continues_id INTEGER,          -- sources.id it went on from; NULL: read from line 1
  first_line INTEGER NOT NULL,   -- first line it imported
  lines INTEGER NOT NULL,        -- last line imported (a partial last line is left)
  end_offset INTEGER NOT NULL,   -- bytes of the decompressed content up to that line's end
  prefix_hash TEXT NOT NULL,     -- hash of those bytes
  head_len INTEGER NOT NULL,     -- min(end_offset, 4096); end_offset for rows made by the migration
  head_hash TEXT NOT NULL,       -- hash of the first head_len bytes
  superseded INTEGER NOT NULL DEFAULT 0,
  record_line INTEGER,           -- first line of its last record, which the next import
                                 -- reads again and replaces (it may have gone on)
  tail_unparsed_id INTEGER);     -- first of its unparsed lines after that record's line
CREATE INDEX import_cursors_live ON import_cursors(superseded, source_id);
)sql";

// Migration to version 3: complete imports of whole plain or compressed
// files become cursors, so the first scheduled import after the
// upgrade goes on where they ended instead of reading grown files again. Their
// hash of the whole content read is the hash of the first `bytes` bytes;
// with no 4 KiB head hash, that whole length is the head.
constexpr char kCursorsOfEarlierImports[] = R"sql(
INSERT INTO import_cursors(source_id, first_line, lines, end_offset, prefix_hash, head_len,
                           head_hash)
SELECT id, 1, lines, bytes, coalesce(content_hash, file_hash), bytes,
       coalesce(content_hash, file_hash)
FROM sources
WHERE container IN ('file', 'compressed') AND parent_id IS NULL AND status = 'complete'
  AND bytes > 0 AND lines > 0 AND coalesce(content_hash, file_hash) IS NOT NULL;
)sql";

// events_kind_ts carries every column of events that the timeline view
// joins on, so a question about one kind that needs no message text (resets
// per cause per host per hour, say) is answered from the index alone: 90 ms
// -> 41 ms on a 10 M-event database, for 0.17 s more build per 1 M events
// (docs/PERFORMANCE.md). Version 4 widened it from (kind_id, ts_us).
constexpr char kCreateIndexes[] = R"sql(
CREATE INDEX IF NOT EXISTS events_ts ON events(ts_us);
CREATE INDEX IF NOT EXISTS events_kind_ts
  ON events(kind_id, ts_us, host_id, source_id, format_id, process_id);
CREATE INDEX IF NOT EXISTS events_host_ts ON events(host_id, ts_us);
)sql";

}  // namespace

absl::Status CheckSchema(Db* db) {
  auto version = db->QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  if (*version == 0) {
    return absl::FailedPreconditionError(db->path() + " is not an rstscope database");
  }
  if (*version > kSchemaVersion) {
    return absl::FailedPreconditionError(
        db->path() + " was written by a newer rstscope (schema " + std::to_string(*version) +
        ", this program knows " + std::to_string(kSchemaVersion) + ")");
  }
  return absl::OkStatus();
}

absl::Status EnsureSchema(Db* db) {
  auto version = db->QueryInt("PRAGMA user_version");
  if (!version.ok()) return version.status();
  if (*version != 0) {
    RS_RETURN_IF_ERROR(CheckSchema(db));
    if (*version == kSchemaVersion) return absl::OkStatus();
    std::string sql = "BEGIN;";
    if (*version < 2) {
      // Version 1 had no correlation results: add their tables and views.
      sql += "DROP VIEW IF EXISTS event_details;";
      sql += kEventDetailsView;
      sql += kCorrelationTables;
      sql += kCorrelationViews;
    }
    if (*version < 3) {
      sql += "DROP VIEW IF EXISTS template_lift_details; DROP TABLE IF EXISTS template_lifts;";
      sql += kTemplateLifts;
      sql += kReportTables;
      sql += kImportCursorTables;
      sql += kCursorsOfEarlierImports;
    }
    if (*version < 4) {
      // The narrow kind index goes; the definitions above build the wide one.
      sql += "DROP INDEX IF EXISTS events_kind_ts;";
      sql += kCreateIndexes;
    }
    sql += "PRAGMA user_version = " + std::to_string(kSchemaVersion) + "; COMMIT;";
    return db->Exec(sql);
  }
  auto tables = db->QueryInt("SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) return tables.status();
  if (*tables != 0) {
    return absl::FailedPreconditionError(db->path() +
                                         " is an SQLite database of another program; refusing to "
                                         "write to it");
  }
  // Large pages: fewer page splits and less B-tree overhead for bulk loads
  // of long text rows. 32 KiB loads as fast as 64 KiB (10 M lines: 24.8 s
  // against 26.8 s) and a query that fetches scattered rows copies half as
  // much per row (docs/PERFORMANCE.md). Must precede the first table.
  absl::Status s = db->Exec("PRAGMA page_size = 32768; VACUUM;");
  if (!s.ok()) return s;
  std::string sql = "BEGIN;";
  sql += kTables;
  sql += kViews;
  sql += kEventDetailsView;
  sql += kCorrelationTables;
  sql += kCorrelationViews;
  sql += kTemplateLifts;
  sql += kReportTables;
  sql += kImportCursorTables;
  sql += kCreateIndexes;
  sql += "INSERT INTO meta(key, value) VALUES('created_by', 'rstscope');";
  sql += "PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";";
  sql += "COMMIT;";
  return db->Exec(sql);
}

absl::Status DropEventIndexes(Db* db) {
  return db->Exec(
      "DROP INDEX IF EXISTS events_ts; DROP INDEX IF EXISTS events_kind_ts; "
      "DROP INDEX IF EXISTS events_host_ts;");
}

absl::Status CreateEventIndexes(Db* db) {
  // CREATE INDEX sorts its keys in runs of up to cache_size bytes before
  // merging them. Runs of a few MiB fit the CPU caches: with 4 MiB instead
  // of the import's 32 MiB the three builds of a 1 M-event table take
  // 0.95 s instead of 1.33 s (medians of 4, docs/PERFORMANCE.md), and the
  // larger runs spill to a temporary file, so memory stays bounded.
  RS_ASSIGN_OR_RETURN(int64_t cache, db->QueryInt("PRAGMA cache_size"));
  RS_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size = -4096"));
  absl::Status s = db->Exec(kCreateIndexes);
  absl::Status restored = db->Exec("PRAGMA cache_size = " + std::to_string(cache));
  return s.ok() ? restored : s;
}

}  // namespace rstscope::store
