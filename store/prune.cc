#include "store/prune.h"

#include <functional>
#include <string>

#include "base/status.h"

namespace rstscope::store {

absl::StatusOr<bool> NewestEventTime(Db* db, int64_t* ts_us) {
  RS_ASSIGN_OR_RETURN(Statement s, db->Prepare("SELECT max(ts_us) FROM events"));
  RS_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row || s.ColumnIsNull(0)) return false;
  *ts_us = s.ColumnInt(0);
  return true;
}

absl::StatusOr<PruneStats> PruneBefore(Db* db, int64_t cutoff_us,
                                       const std::function<absl::Status()>& after_delete) {
  RS_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> absl::StatusOr<PruneStats> {
    RS_RETURN_IF_ERROR(db->Exec(
        "DROP TABLE IF EXISTS temp.prune_cutoff; CREATE TEMP TABLE prune_cutoff(us INTEGER);"));
    {
      RS_ASSIGN_OR_RETURN(Statement set, db->Prepare("INSERT INTO prune_cutoff(us) VALUES (?1)"));
      set.BindInt(1, cutoff_us);
      RS_RETURN_IF_ERROR(set.Run());
    }
    // What goes, by source. A source's rows are found through its event id
    // range (events has no index on source_id).
    RS_RETURN_IF_ERROR(db->Exec(
        "DROP TABLE IF EXISTS temp.prune_events; DROP TABLE IF EXISTS temp.prune_sources; "
        "DROP TABLE IF EXISTS temp.prune_unparsed; DROP TABLE IF EXISTS temp.prune_keep;"
        // Causes of resets that stay, stay (a few seconds older at most).
        "CREATE TEMP TABLE prune_keep(id INTEGER PRIMARY KEY);"
        "INSERT OR IGNORE INTO prune_keep SELECT c.cause_event_id FROM reset_cause_rows c "
        "  JOIN events r ON r.id = c.reset_id JOIN events ce ON ce.id = c.cause_event_id "
        "  WHERE r.ts_us >= (SELECT us FROM prune_cutoff) AND "
        "  ce.ts_us < (SELECT us FROM prune_cutoff);"
        "CREATE TEMP TABLE prune_events AS SELECT id, source_id, coalesce(nlines, 1) AS nlines, "
        "  kind_id FROM events WHERE ts_us < (SELECT us FROM prune_cutoff) AND "
        "  id NOT IN (SELECT id FROM prune_keep);"
        "CREATE TEMP TABLE prune_sources(source_id INTEGER PRIMARY KEY, records INTEGER, "
        "  lines INTEGER, resets INTEGER, first_kept INTEGER, unparsed INTEGER);"
        "INSERT INTO prune_sources(source_id, records, lines, resets) "
        "  SELECT source_id, count(*), sum(nlines), "
        "    sum(kind_id IS (SELECT id FROM kinds WHERE name = 'reset')) "
        "  FROM prune_events GROUP BY source_id;"
        // The first line of the source that keeps its record: unparsed lines
        // before it go with the records before it.
        "UPDATE prune_sources SET first_kept = (SELECT min(e.line) FROM sources s, events e "
        "  WHERE s.id = prune_sources.source_id AND e.id BETWEEN s.min_event_id AND "
        "  s.max_event_id AND e.source_id = s.id AND "
        "  (e.ts_us >= (SELECT us FROM prune_cutoff) OR "
        "   e.id IN (SELECT id FROM prune_keep)));"
        // Sources without any record (an unknown format): by their mtime.
        "INSERT INTO prune_sources(source_id, records, lines, resets) "
        "  SELECT id, 0, 0, 0 FROM sources WHERE container != 'archive' AND "
        "  status IN ('complete', 'partial') AND coalesce(records, 0) = 0 AND "
        "  coalesce(unparsed, 0) > 0 AND mtime_us < (SELECT us FROM prune_cutoff) AND "
        "  id NOT IN (SELECT source_id FROM prune_sources);"
        "CREATE TEMP TABLE prune_unparsed AS SELECT u.id AS id, u.source_id AS source_id, "
        "  u.line AS line FROM unparsed_lines u JOIN prune_sources p ON p.source_id = u.source_id "
        "  WHERE p.first_kept IS NULL OR u.line < p.first_kept;"
        "CREATE INDEX temp.prune_unparsed_source ON prune_unparsed(source_id);"
        "UPDATE prune_sources SET unparsed = (SELECT count(*) FROM prune_unparsed x "
        "  WHERE x.source_id = prune_sources.source_id);"));
    PruneStats stats;
    RS_ASSIGN_OR_RETURN(Statement counts,
                        db->Prepare("SELECT coalesce(sum(records), 0), coalesce(sum(resets), 0), "
                                    "coalesce(sum(unparsed), 0), "
                                    "count(*) FILTER (WHERE records > 0 OR unparsed > 0), "
                                    "count(*) FILTER (WHERE (records > 0 OR unparsed > 0) AND "
                                    "first_kept IS NULL) FROM prune_sources"));
    RS_ASSIGN_OR_RETURN(stats.kept_causes, db->QueryInt("SELECT count(*) FROM prune_keep"));
    RS_ASSIGN_OR_RETURN(bool row, counts.Step());
    if (row) {
      stats.events = counts.ColumnInt(0);
      stats.resets = counts.ColumnInt(1);
      stats.unparsed = counts.ColumnInt(2);
      stats.sources = counts.ColumnInt(3);
      stats.sources_emptied = counts.ColumnInt(4);
    }
    counts.Reset();
    if (stats.events == 0 && stats.unparsed == 0) return stats;
    RS_RETURN_IF_ERROR(
        db->Exec(// New records never get the id of a pruned one (TimelineWriter).
                 "INSERT OR REPLACE INTO meta(key, value) SELECT 'event_id_high_water', "
                 "  max(coalesce((SELECT max(id) FROM events), 0), "
                 "      coalesce((SELECT CAST(value AS INTEGER) FROM meta "
                 "                WHERE key = 'event_id_high_water'), 0));"
                 "DELETE FROM events WHERE id IN (SELECT id FROM prune_events);"
                 "DELETE FROM unparsed_lines WHERE id IN (SELECT id FROM prune_unparsed);"
                 // Keep the sources' accounting: lines = records' lines + unparsed.
                 "UPDATE sources SET records = coalesce(sources.records, 0) - p.records, "
                 "  resets = coalesce(sources.resets, 0) - p.resets, "
                 "  unparsed = coalesce(sources.unparsed, 0) - p.unparsed, "
                 "  lines = coalesce(sources.lines, 0) - p.lines - p.unparsed "
                 "FROM prune_sources p WHERE sources.id = p.source_id;"
                 "UPDATE sources SET (min_ts_us, max_ts_us, min_event_id, max_event_id) = "
                 "  (SELECT min(e.ts_us), max(e.ts_us), min(e.id), max(e.id) FROM events e "
                 "   WHERE e.id BETWEEN sources.min_event_id AND sources.max_event_id AND "
                 "   e.source_id = sources.id) "
                 "WHERE id IN (SELECT source_id FROM prune_sources WHERE records > 0);"));
    // The causes of the resets that went; examples of template lifts that
    // went. The rest of the correlation results stay.
    RS_RETURN_IF_ERROR(
        db->Exec("DELETE FROM reset_cause_rows WHERE reset_id IN (SELECT id FROM prune_events);"));
    stats.correlation_rows = db->Changes();
    RS_RETURN_IF_ERROR(db->Exec(
        "DELETE FROM template_lifts WHERE example_event_id IN (SELECT id FROM prune_events);"));
    if (after_delete) RS_RETURN_IF_ERROR(after_delete());
    return stats;
  };
  absl::StatusOr<PruneStats> stats = body();
  if (!stats.ok()) {
    (void)db->Exec("ROLLBACK");
    return stats.status();
  }
  RS_RETURN_IF_ERROR(db->Exec("COMMIT"));
  (void)db->Exec(
      "DROP TABLE IF EXISTS temp.prune_events; DROP TABLE IF EXISTS temp.prune_sources; "
      "DROP TABLE IF EXISTS temp.prune_unparsed; DROP TABLE IF EXISTS temp.prune_keep; "
      "DROP TABLE IF EXISTS temp.prune_cutoff;");
  return stats;
}

}  // namespace rstscope::store
