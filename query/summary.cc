#include "query/summary.h"

#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/status.h"
#include "query/text_util.h"

namespace rstscope::query {

absl::Status PrintImportSummary(store::Db* db, int64_t run_id, double seconds, std::FILE* out) {
  RS_ASSIGN_OR_RETURN(
      store::Statement totals,
      db->Prepare("SELECT count(*) FILTER (WHERE container != 'archive' AND status != "
                  "'duplicate'), count(*) FILTER (WHERE container = 'archive'), "
                  "count(*) FILTER (WHERE status = 'duplicate'), "
                  "coalesce(sum(lines) FILTER (WHERE container != 'archive' AND status != "
                  "'duplicate'), 0), coalesce(sum(records), 0), coalesce(sum(unparsed), 0), "
                  "coalesce(sum(resets), 0), coalesce(sum(bytes) FILTER (WHERE container != "
                  "'archive'), 0), min(min_ts_us), max(max_ts_us), "
                  "count(*) FILTER (WHERE status IN ('partial', 'skipped')) "
                  "FROM sources WHERE run_id = ?1"));
  totals.BindInt(1, run_id);
  RS_ASSIGN_OR_RETURN(bool row, totals.Step());
  if (!row) return absl::InternalError("no such import run");
  const int64_t files = totals.ColumnInt(0), archives = totals.ColumnInt(1),
                dups = totals.ColumnInt(2), lines = totals.ColumnInt(3),
                records = totals.ColumnInt(4), unparsed = totals.ColumnInt(5),
                resets = totals.ColumnInt(6), bytes = totals.ColumnInt(7);
  const bool has_span = !totals.ColumnIsNull(8);
  const int64_t min_ts = totals.ColumnInt(8), max_ts = totals.ColumnInt(9);
  const double mb = static_cast<double>(bytes) / 1e6;
  std::fprintf(out, "Imported %s lines (%.1f MB) from %s sources", Grouped(lines).c_str(), mb,
               Grouped(files).c_str());
  if (archives > 0) {
    std::fprintf(out, " in %s archive%s", Grouped(archives).c_str(), archives == 1 ? "" : "s");
  }
  if (seconds > 0) {
    std::fprintf(out, " in %.2f s (%s lines/s, %.1f MB/s)", seconds,
                 Grouped(static_cast<int64_t>(lines / seconds)).c_str(), mb / seconds);
  }
  std::fprintf(out, ".\n");
  std::fprintf(out, "  records:   %s\n  unparsed:  %s lines\n  resets:    %s\n",
               Grouped(records).c_str(), Grouped(unparsed).c_str(), Grouped(resets).c_str());
  if (has_span) {
    std::fprintf(out, "  time span: %s .. %s\n", Iso(min_ts).c_str(), Iso(max_ts).c_str());
  }
  totals.Reset();
  // Incremental import (schema 3): which files went on from where an
  // earlier import of the same content ended (grown, rotated, compressed).
  RS_ASSIGN_OR_RETURN(int64_t version, db->QueryInt("PRAGMA user_version"));
  if (version >= 3) {
    RS_ASSIGN_OR_RETURN(
        store::Statement continued,
        db->Prepare("SELECT s.name, c.first_line, c.lines, p.name FROM import_cursors c "
                    "JOIN sources s ON s.id = c.source_id "
                    "LEFT JOIN sources p ON p.id = c.continues_id "
                    "WHERE s.run_id = ?1 AND c.continues_id IS NOT NULL ORDER BY s.id"));
    continued.BindInt(1, run_id);
    std::vector<std::string> lines;
    for (;;) {
      RS_ASSIGN_OR_RETURN(bool r, continued.Step());
      if (!r) break;
      const int64_t first = continued.ColumnInt(1), last = continued.ColumnInt(2);
      // From the first line of the earlier import's last record, which is
      // read again (its continuation lines may have come since).
      lines.push_back(std::string(continued.ColumnText(0)) + ": lines " + Grouped(first) + "-" +
                      Grouped(last) + " (going on from " + std::string(continued.ColumnText(3)) +
                      ")");
    }
    const int64_t fresh = files - static_cast<int64_t>(lines.size());
    std::fprintf(out, "  new:       %s sources read from their first line\n",
                 Grouped(fresh).c_str());
    if (!lines.empty()) {
      std::fprintf(out, "  continued: %s sources read on where an earlier import ended\n",
                   Grouped(static_cast<int64_t>(lines.size())).c_str());
      for (const std::string& l : lines) std::fprintf(out, "    %s\n", l.c_str());
    }
  }
  if (dups > 0) {
    std::fprintf(out, "  skipped:   %s sources already imported\n", Grouped(dups).c_str());
  }

  RS_ASSIGN_OR_RETURN(store::Statement by_format,
                      db->Prepare("SELECT coalesce(format, '(none)'), count(*), sum(lines), "
                                  "sum(records), sum(unparsed), sum(resets) FROM sources "
                                  "WHERE run_id = ?1 AND container != 'archive' AND status != "
                                  "'duplicate' GROUP BY 1 ORDER BY 4 DESC, 1"));
  by_format.BindInt(1, run_id);
  bool header = false;
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool r, by_format.Step());
    if (!r) break;
    if (!header) {
      std::fprintf(out, "  by format:\n    %-20s %7s %10s %10s %9s %7s\n", "format", "sources",
                   "lines", "records", "unparsed", "resets");
      header = true;
    }
    std::fprintf(out, "    %-20s %7s %10s %10s %9s %7s\n",
                 std::string(by_format.ColumnText(0)).c_str(),
                 Grouped(by_format.ColumnInt(1)).c_str(), Grouped(by_format.ColumnInt(2)).c_str(),
                 Grouped(by_format.ColumnInt(3)).c_str(), Grouped(by_format.ColumnInt(4)).c_str(),
                 Grouped(by_format.ColumnInt(5)).c_str());
  }

  RS_ASSIGN_OR_RETURN(store::Statement problems,
                      db->Prepare("SELECT location, message FROM problems WHERE run_id = ?1 "
                                  "ORDER BY id"));
  problems.BindInt(1, run_id);
  int n = 0;
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool r, problems.Step());
    if (!r) break;
    if (n == 0) std::fprintf(out, "Problems:\n");
    std::fprintf(out, "  %s: %s\n", std::string(problems.ColumnText(0)).c_str(),
                 std::string(problems.ColumnText(1)).c_str());
    ++n;
  }
  return absl::OkStatus();
}

absl::Status PrintTimelineSummary(store::Db* db, int max_resets, std::FILE* out) {
  RS_ASSIGN_OR_RETURN(store::Statement totals,
                      db->Prepare("SELECT count(*), min(ts_us), max(ts_us) FROM events"));
  RS_ASSIGN_OR_RETURN(bool row, totals.Step());
  const int64_t events = row ? totals.ColumnInt(0) : 0;
  RS_ASSIGN_OR_RETURN(int64_t sources,
                      db->QueryInt("SELECT count(*) FROM sources WHERE container != 'archive' "
                                   "AND status IN ('complete', 'partial')"));
  RS_ASSIGN_OR_RETURN(int64_t unparsed, db->QueryInt("SELECT count(*) FROM unparsed_lines"));
  std::fprintf(out, "Timeline: %s records from %s sources, %s unparsed lines\n",
               Grouped(events).c_str(), Grouped(sources).c_str(), Grouped(unparsed).c_str());
  if (events > 0) {
    std::fprintf(out, "  from %s to %s\n", Iso(totals.ColumnInt(1)).c_str(),
                 Iso(totals.ColumnInt(2)).c_str());
  }
  totals.Reset();

  RS_ASSIGN_OR_RETURN(store::Statement hosts,
                      db->Prepare("SELECT coalesce(h.name, '(unknown)'), count(*), "
                                  "sum(e.kind_id = (SELECT id FROM kinds WHERE name = 'reset')) "
                                  "FROM events e LEFT JOIN hosts h ON h.id = e.host_id "
                                  "GROUP BY 1 ORDER BY 2 DESC"));
  std::fprintf(out, "\nHosts:\n  %-28s %10s %7s\n", "host", "records", "resets");
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool r, hosts.Step());
    if (!r) break;
    std::fprintf(out, "  %-28s %10s %7s\n", std::string(hosts.ColumnText(0)).c_str(),
                 Grouped(hosts.ColumnInt(1)).c_str(), Grouped(hosts.ColumnInt(2)).c_str());
  }

  RS_ASSIGN_OR_RETURN(store::Statement kinds,
                      db->Prepare("SELECT k.name, count(*) FROM events e JOIN kinds k ON "
                                  "k.id = e.kind_id WHERE k.name != 'other' GROUP BY 1 "
                                  "ORDER BY 2 DESC, 1"));
  std::fprintf(out, "\nEvents by kind (besides 'other'):\n");
  bool any_kind = false;
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool r, kinds.Step());
    if (!r) break;
    any_kind = true;
    std::fprintf(out, "  %-14s %8s\n", std::string(kinds.ColumnText(0)).c_str(),
                 Grouped(kinds.ColumnInt(1)).c_str());
  }
  if (!any_kind) std::fprintf(out, "  (none)\n");

  RS_ASSIGN_OR_RETURN(int64_t nresets, db->QueryInt("SELECT count(*) FROM resets"));
  std::fprintf(out, "\nResets: %s\n", Grouped(nresets).c_str());
  // Causes, when `correlate` has run on this database (schema 2) since the
  // last import.
  RS_ASSIGN_OR_RETURN(int64_t version, db->QueryInt("PRAGMA user_version"));
  bool correlated = false;
  if (version >= 2 && nresets > 0) {
    RS_ASSIGN_OR_RETURN(int64_t runs, db->QueryInt("SELECT count(*) FROM correlation_runs"));
    RS_ASSIGN_OR_RETURN(int64_t stale,
                        db->QueryInt("SELECT count(*) FROM import_runs WHERE started_us > "
                                     "(SELECT max(started_us) FROM correlation_runs)"));
    correlated = runs > 0;
    if (runs == 0) {
      std::fprintf(out, "  (causes not computed yet: rstscope correlate --db DB)\n");
    } else if (stale > 0) {
      std::fprintf(out, "  (imported since the last correlate: run rstscope correlate --db DB "
                        "again)\n");
    }
  }
  const std::string sql =
      std::string("SELECT r.ts, coalesce(r.host, '(unknown)'), r.source, r.line, r.message") +
      (correlated ? ", c.cause, c.server_host, c.delta_ms, c.confidence FROM resets r LEFT JOIN "
                    "reset_causes c ON c.reset_id = r.id"
                  : " FROM resets r") +
      " ORDER BY r.ts_us, r.id LIMIT ?1";
  RS_ASSIGN_OR_RETURN(store::Statement resets, db->Prepare(sql));
  resets.BindInt(1, max_resets);
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool r, resets.Step());
    if (!r) break;
    const std::string message(resets.ColumnText(4));
    std::fprintf(out, "  %s  %-10s %s:%lld\n      %s\n", std::string(resets.ColumnText(0)).c_str(),
                 std::string(resets.ColumnText(1)).c_str(),
                 std::string(resets.ColumnText(2)).c_str(),
                 static_cast<long long>(resets.ColumnInt(3)), FirstLine(message, 110).c_str());
    // The first line is often a generic wrapper ("Request failed"): show the
    // line that carries the socket error too.
    const std::string cause = InnermostErrorLine(message);
    if (!cause.empty()) std::fprintf(out, "      %s\n", FirstLine(cause, 110).c_str());
    if (correlated && !resets.ColumnIsNull(5)) {
      std::string line = "      => " + std::string(resets.ColumnText(5));
      if (!resets.ColumnIsNull(6)) line += " on " + std::string(resets.ColumnText(6));
      if (!resets.ColumnIsNull(7)) line += ", " + std::to_string(resets.ColumnInt(7)) + " ms";
      char conf[32];
      std::snprintf(conf, sizeof conf, ", confidence %.2f", resets.ColumnDouble(8));
      std::fprintf(out, "%s%s\n", line.c_str(), conf);
    }
  }
  if (nresets > max_resets) {
    std::fprintf(out, "  ... %s more (rstscope query --db DB \"SELECT * FROM resets\")\n",
                 Grouped(nresets - max_resets).c_str());
  }
  return absl::OkStatus();
}

}  // namespace rstscope::query
