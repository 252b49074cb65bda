#include "query/report_watermark.h"

#include "base/status.h"

namespace rstscope::query {

absl::StatusOr<std::optional<Watermark>> ReadWatermark(store::Db* db, const std::string& name) {
  RS_ASSIGN_OR_RETURN(store::Statement s,
                      db->Prepare("SELECT through_us, max_event_id, runs FROM report_watermarks "
                                  "WHERE name = ?1"));
  s.BindText(1, name);
  RS_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Watermark>();
  Watermark w;
  w.through_us = s.ColumnInt(0);
  w.max_event_id = s.ColumnInt(1);
  w.runs = s.ColumnInt(2);
  return std::optional<Watermark>(w);
}

absl::StatusOr<int64_t> MaxEventId(store::Db* db) {
  return db->QueryInt("SELECT coalesce(max(id), 0) FROM events");
}

ReportWindow NextWindow(const std::string& name, const std::optional<Watermark>& prev,
                        int64_t through_us, int64_t max_event_id) {
  ReportWindow w;
  w.since_last_run = name;
  w.through_us = through_us;
  w.max_event_id = max_event_id;
  if (prev) {
    w.after_us = prev->through_us;
    w.late_through_us = prev->through_us;
    w.late_after_id = prev->max_event_id;
  }
  return w;
}

absl::Status SaveWatermark(store::Db* db, const std::string& name, int64_t through_us,
                           int64_t max_event_id, int64_t now_us) {
  RS_ASSIGN_OR_RETURN(
      store::Statement s,
      db->Prepare("INSERT INTO report_watermarks(name, through_us, max_event_id, runs, "
                  "updated_us) VALUES(?1, ?2, ?3, 1, ?4) ON CONFLICT(name) DO UPDATE SET "
                  "through_us = excluded.through_us, max_event_id = excluded.max_event_id, "
                  "runs = runs + 1, updated_us = excluded.updated_us"));
  s.BindText(1, name);
  s.BindInt(2, through_us);
  s.BindInt(3, max_event_id);
  s.BindInt(4, now_us);
  return s.Run();
}

}  // namespace rstscope::query
