#include "query/repattern.h"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "base/status.h"
#include "base/strings.h"
#include "query/patterns.h"

namespace rstscope::query {

absl::StatusOr<int64_t> RebuildPatterns(store::Db* db) {
  // The same outcome fields the correlation gives the miner: the cause
  // event's reason attribute (not for a proxy's own reset record) and the
  // connection age it stored.
  RS_ASSIGN_OR_RETURN(
      store::Statement rows,
      db->Prepare("SELECT c.reset_id, e.ts_us - coalesce(k.offset_ms, 0) * 1000, c.cause, "
                  "coalesce(c.server_host_id, 0), sh.name, coalesce(c.process_id, 0), pr.name, "
                  "c.cause_event_id IS NOT NULL, coalesce(c.delta_ms, 0), "
                  "coalesce(c.age_ms, -1), "
                  "CASE WHEN ce.kind_id != (SELECT id FROM kinds WHERE name = 'reset') AND "
                  "ce.attrs IS NOT NULL THEN json_extract(ce.attrs, '$.reason') END "
                  "FROM reset_cause_rows c JOIN events e ON e.id = c.reset_id "
                  "LEFT JOIN host_clocks k ON k.host_id = e.host_id "
                  "LEFT JOIN hosts sh ON sh.id = c.server_host_id "
                  "LEFT JOIN processes pr ON pr.id = c.process_id "
                  "LEFT JOIN events ce ON ce.id = c.cause_event_id "
                  "ORDER BY c.reset_id"));
  std::vector<ResetOutcome> outcomes;
  // The outcomes' texts (views) point into this; a deque does not move its
  // elements as it grows. Rows repeat the same few names: keep one copy.
  std::deque<std::string> texts;
  absl::flat_hash_map<std::string, std::string_view> text_of;
  const auto keep = [&](std::string_view t) -> std::string_view {
    auto it = text_of.find(base::AsAbsl(t));
    if (it != text_of.end()) return it->second;
    const std::string_view kept = texts.emplace_back(t);
    text_of.emplace(std::string(t), kept);
    return kept;
  };
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    ResetOutcome o;
    o.reset_id = rows.ColumnInt(0);
    o.reset_us = rows.ColumnInt(1);
    o.cause = keep(rows.ColumnText(2));
    o.server_host = static_cast<int32_t>(rows.ColumnInt(3));
    if (!rows.ColumnIsNull(4)) o.server_host_name = keep(rows.ColumnText(4));
    o.process = static_cast<int32_t>(rows.ColumnInt(5));
    if (!rows.ColumnIsNull(6)) o.process_name = keep(rows.ColumnText(6));
    o.has_delta = rows.ColumnInt(7) != 0;
    o.delta_ms = rows.ColumnInt(8);
    o.age_ms = rows.ColumnInt(9);
    if (!rows.ColumnIsNull(10)) o.reason = keep(rows.ColumnText(10));
    outcomes.push_back(o);
  }
  rows.Reset();
  const std::vector<Pattern> patterns = MinePatterns(outcomes);
  RS_RETURN_IF_ERROR(
      db->Exec("DELETE FROM pattern_rows; UPDATE reset_cause_rows SET pattern_id = NULL;"));
  RS_ASSIGN_OR_RETURN(
      store::Statement ins,
      db->Prepare(
          "INSERT INTO pattern_rows(id, cause, server_host_id, process_id, resets, "
          "first_us, last_us, share, summary, detail) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"));
  RS_ASSIGN_OR_RETURN(
      store::Statement member,
      db->Prepare("UPDATE reset_cause_rows SET pattern_id = ?1 WHERE reset_id = ?2"));
  for (size_t i = 0; i < patterns.size(); ++i) {
    const Pattern& p = patterns[i];
    const int64_t id = static_cast<int64_t>(i) + 1;
    ins.BindInt(1, id);
    ins.BindText(2, p.cause);
    ins.BindIntOrNull(3, p.server_host, p.server_host == 0);
    ins.BindIntOrNull(4, p.process, p.process == 0);
    ins.BindInt(5, p.resets);
    ins.BindInt(6, p.first_us);
    ins.BindInt(7, p.last_us);
    ins.BindDouble(8, p.share);
    ins.BindText(9, p.summary);
    ins.BindText(10, p.detail_json);
    RS_RETURN_IF_ERROR(ins.Run());
    for (size_t m : p.members) {
      member.BindInt(1, id);
      member.BindInt(2, outcomes[m].reset_id);
      RS_RETURN_IF_ERROR(member.Run());
    }
  }
  return static_cast<int64_t>(patterns.size());
}

}  // namespace rstscope::query
