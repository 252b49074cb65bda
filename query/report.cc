#include "query/report.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>
#include <tuple>

#include "base/status.h"
#include "query/correlate.h"
#include "query/report_advice.h"
#include "query/text_util.h"

namespace rstscope::query {
namespace {

constexpr size_t kShownCodepoints = 300;

std::string_view FirstNonBlankLine(std::string_view s) {
  while (!s.empty()) {
    const size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (!line.empty()) return line;
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return {};
}

// Position of `cause` in the vocabulary, for stable tie-breaking.
size_t CauseRank(const std::string& cause) {
  const auto& names = CauseNames();
  return static_cast<size_t>(std::find(names.begin(), names.end(), cause) - names.begin());
}

std::string Col(const store::Statement& s, int i) {
  return s.ColumnIsNull(i) ? std::string() : std::string(s.ColumnText(i));
}

std::optional<int64_t> ColInt(const store::Statement& s, int i) {
  if (s.ColumnIsNull(i)) return std::nullopt;
  return s.ColumnInt(i);
}

// Counts by key, largest first; ties by key (empty keys last).
std::vector<ReportCount> Ranked(const std::map<std::string, ReportCount>& counts) {
  std::vector<ReportCount> out;
  for (const auto& [k, c] : counts) out.push_back(c);
  std::sort(out.begin(), out.end(), [](const ReportCount& a, const ReportCount& b) {
    if (a.resets != b.resets) return a.resets > b.resets;
    if (a.key.empty() != b.key.empty()) return b.key.empty();
    return a.key < b.key;
  });
  return out;
}

// Bucket width for the time series: the smallest of these that shows the
// window's resets in at most 48 buckets.
int64_t BucketSeconds(int64_t first_us, int64_t last_us) {
  static constexpr int64_t kWidths[] = {60,   300,   900,   1800,  3600,
                                        7200, 21600, 43200, 86400, 604800};
  for (int64_t w : kWidths) {
    const int64_t us = w * 1'000'000;
    if (last_us / us - first_us / us + 1 <= 48) return w;
  }
  const int64_t days = (last_us - first_us) / 86'400'000'000 + 1;
  return 86400 * ((days + 47) / 48);
}

std::string BucketLabel(int64_t start_us, int64_t seconds) {
  const std::string iso = Iso(start_us);  // 2024-11-05T13:00:00.000Z
  if (seconds % 86400 == 0) return iso.substr(0, 10);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::vector<ReportBin> FixedBins(
    const std::vector<std::tuple<std::string, int64_t, std::optional<int64_t>>>& spec) {
  std::vector<ReportBin> bins;
  for (const auto& [label, lower, upper] : spec) {
    ReportBin b;
    b.label = label;
    b.lower = lower;
    b.upper = upper;
    bins.push_back(b);
  }
  return bins;
}

void AddToBins(std::vector<ReportBin>* bins, int64_t value, const std::string& cause) {
  for (ReportBin& b : *bins) {
    if (value >= b.lower && (!b.upper || value < *b.upper)) {
      ++b.resets;
      ++b.by_cause[cause];
      return;
    }
  }
}

constexpr int64_t kMinUs = std::numeric_limits<int64_t>::min();

}  // namespace

absl::StatusOr<Report> BuildReport(store::Db* db, const ReportWindow& window) {
  Report report;
  report.window = window;

  RS_ASSIGN_OR_RETURN(int64_t version, db->QueryInt("PRAGMA user_version"));
  if (version < 2) {
    return absl::FailedPreconditionError(
        db->path() + " has no correlation results yet: run rstscope correlate --db " + db->path());
  }
  RS_ASSIGN_OR_RETURN(int64_t runs, db->QueryInt("SELECT count(*) FROM correlation_runs"));
  if (runs == 0) {
    return absl::FailedPreconditionError(
        db->path() + " has no correlation results yet: run rstscope correlate --db " + db->path());
  }

  // Every reset of the window with its outcome. The text shown is the
  // message's first line (a Windows event's description, not its
  // "Event[12]:" header); source:line leads to the whole record.
  RS_ASSIGN_OR_RETURN(
      store::Statement resets,
      db->Prepare(
          "SELECT r.id, r.ts_us, r.host, r.process, r.source, r.line, r.message, "
          "c.cause, c.server_host, c.peer_host, c.chain, c.delta_ms, c.age_ms, c.confidence, "
          "c.evidence, c.pattern_id, c.cause_event_id "
          "FROM resets r LEFT JOIN reset_cause_details c ON c.reset_id = r.id "
          "WHERE ((?1 IS NULL OR r.ts_us > ?1) AND (?2 IS NULL OR r.ts_us <= ?2) "
          "       OR (?4 IS NOT NULL AND r.ts_us <= ?4 AND r.id > ?5)) "
          "  AND (?3 IS NULL OR r.id <= ?3) "
          "ORDER BY r.ts_us, r.id"));
  auto bind_opt = [](store::Statement* s, int i, const std::optional<int64_t>& v) {
    v ? s->BindInt(i, *v) : s->BindNull(i);
  };
  bind_opt(&resets, 1, window.after_us);
  bind_opt(&resets, 2, window.through_us);
  bind_opt(&resets, 3, window.max_event_id);
  bind_opt(&resets, 4, window.late_through_us);
  bind_opt(&resets, 5, window.late_after_id ? window.late_after_id : std::optional<int64_t>(0));

  RS_ASSIGN_OR_RETURN(
      store::Statement event,
      db->Prepare("SELECT id, ts_us, host, process, source, line, message FROM timeline "
                  "WHERE id = ?1"));
  auto read_event = [](const store::Statement& s) {
    ReportEvent ev;
    ev.id = s.ColumnInt(0);
    ev.ts_us = s.ColumnInt(1);
    ev.host = Col(s, 2);
    ev.process = Col(s, 3);
    ev.source = Col(s, 4);
    ev.line = s.ColumnInt(5);
    const std::string_view message = s.ColumnText(6);
    ev.text = FirstLine(FirstNonBlankLine(message), kShownCodepoints);
    const std::string inner = InnermostErrorLine(message);
    const std::string detail = FirstLine(FirstNonBlankLine(inner), kShownCodepoints);
    if (detail != ev.text) ev.detail = detail;
    return ev;
  };
  // The event whose id is in column `col` of `row` (a cause event, a lead's
  // example), when there is one.
  auto event_in_column = [&](const store::Statement& row, int col,
                             std::optional<ReportEvent>* out) -> absl::Status {
    if (row.ColumnIsNull(col)) return absl::OkStatus();
    event.Reset();
    event.BindInt(1, row.ColumnInt(col));
    RS_ASSIGN_OR_RETURN(bool found, event.Step());
    if (found) *out = read_event(event);
    return absl::OkStatus();
  };

  int64_t uncorrelated = 0;
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, resets.Step());
    if (!row) break;
    if (resets.ColumnIsNull(7)) {
      ++uncorrelated;
      continue;
    }
    ReportReset r;
    r.event = read_event(resets);
    const bool regular = (!window.after_us || r.event.ts_us > *window.after_us) &&
                         (!window.through_us || r.event.ts_us <= *window.through_us);
    r.late = !regular;
    r.cause = Col(resets, 7);
    r.server_host = Col(resets, 8);
    r.peer_host = Col(resets, 9);
    r.chain = Col(resets, 10);
    r.delta_ms = ColInt(resets, 11);
    r.age_ms = ColInt(resets, 12);
    r.confidence = resets.ColumnDouble(13);
    r.evidence = Col(resets, 14);
    r.pattern_id = resets.ColumnIsNull(15) ? 0 : resets.ColumnInt(15);
    RS_RETURN_IF_ERROR(event_in_column(resets, 16, &r.cause_event));
    report.resets_list.push_back(std::move(r));
  }
  if (uncorrelated > 0) {
    return absl::FailedPreconditionError(
        std::to_string(uncorrelated) + " reset" + (uncorrelated == 1 ? "" : "s") +
        " in the window " + (uncorrelated == 1 ? "has" : "have") +
        " no cause yet (imported after the last correlate): run rstscope correlate --db " +
        db->path());
  }

  // Counts.
  std::map<std::string, ReportCount> by_cause, by_server, by_client;
  for (const ReportReset& r : report.resets_list) {
    ++report.resets;
    if (r.cause == "unexplained") {
      ++report.unexplained;
    } else {
      ++report.explained;
    }
    if (r.late) ++report.late;
    for (auto [map, key] : {std::pair{&by_cause, r.cause}, std::pair{&by_server, r.server_host},
                            std::pair{&by_client, r.event.host}}) {
      ReportCount& c = (*map)[key];
      c.key = key;
      ++c.resets;
      ++c.by_cause[r.cause];
    }
  }
  report.by_cause = Ranked(by_cause);
  std::stable_sort(report.by_cause.begin(), report.by_cause.end(),
                   [](const ReportCount& a, const ReportCount& b) {
                     if (a.resets != b.resets) return a.resets > b.resets;
                     return CauseRank(a.key) < CauseRank(b.key);
                   });
  report.by_server_host = Ranked(by_server);
  report.by_client_host = Ranked(by_client);

  // Resets over time, every bucket from the first to the last.
  if (!report.resets_list.empty()) {
    int64_t first = report.resets_list.front().event.ts_us, last = first;
    for (const ReportReset& r : report.resets_list) {
      first = std::min(first, r.event.ts_us);
      last = std::max(last, r.event.ts_us);
    }
    report.bucket_seconds = BucketSeconds(first, last);
    const int64_t w = report.bucket_seconds * 1'000'000;
    auto floor_div = [](int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); };
    const int64_t b0 = floor_div(first, w), b1 = floor_div(last, w);
    for (int64_t b = b0; b <= b1; ++b) {
      ReportBin bin;
      bin.lower = b * w;
      bin.upper = (b + 1) * w;
      bin.label = BucketLabel(bin.lower, report.bucket_seconds);
      report.over_time.push_back(bin);
    }
    for (const ReportReset& r : report.resets_list) {
      ReportBin& bin = report.over_time[floor_div(r.event.ts_us, w) - b0];
      ++bin.resets;
      ++bin.by_cause[r.cause];
    }
  }

  // Histograms with fixed bins, so that reports of different windows compare.
  constexpr int64_t kS = 1000, kMin = 60 * kS, kH = 60 * kMin;
  report.connection_age = FixedBins({{"< 1 s", 0, kS},
                                     {"1-10 s", kS, 10 * kS},
                                     {"10-60 s", 10 * kS, kMin},
                                     {"1-5 min", kMin, 5 * kMin},
                                     {"5-15 min", 5 * kMin, 15 * kMin},
                                     {"15-60 min", 15 * kMin, kH},
                                     {"1-2 h", kH, 2 * kH},
                                     {"2-8 h", 2 * kH, 8 * kH},
                                     {">= 8 h", 8 * kH, std::nullopt}});
  report.cause_delay = FixedBins({{"cause after reset", kMinUs, 0},
                                  {"0-100 ms", 0, 100},
                                  {"100-500 ms", 100, 500},
                                  {"0.5-1 s", 500, kS},
                                  {"1-2 s", kS, 2 * kS},
                                  {"2-5 s", 2 * kS, 5 * kS},
                                  {"5-10 s", 5 * kS, 10 * kS},
                                  {"10-30 s", 10 * kS, 30 * kS},
                                  {">= 30 s", 30 * kS, std::nullopt}});
  for (const ReportReset& r : report.resets_list) {
    if (r.age_ms) AddToBins(&report.connection_age, *r.age_ms, r.cause);
    if (r.delta_ms && r.cause != "unexplained") {
      AddToBins(&report.cause_delay, -*r.delta_ms, r.cause);
    }
  }

  // Patterns with resets in the window, and their evidence.
  std::map<int64_t, std::vector<size_t>> members;
  for (size_t i = 0; i < report.resets_list.size(); ++i) {
    const ReportReset& r = report.resets_list[i];
    if (r.cause == "unexplained") {
      if (report.unexplained_list.size() < kUnexplainedListed) {
        report.unexplained_list.push_back(i);
      } else {
        ++report.unexplained_omitted;
      }
    }
    if (r.pattern_id != 0) members[r.pattern_id].push_back(i);
  }
  RS_ASSIGN_OR_RETURN(
      store::Statement patterns,
      db->Prepare("SELECT id, cause, server_host, process, resets, share, summary, "
                  "(SELECT first_us FROM pattern_rows p WHERE p.id = v.id), "
                  "(SELECT last_us FROM pattern_rows p WHERE p.id = v.id) FROM patterns v"));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, patterns.Step());
    if (!row) break;
    auto it = members.find(patterns.ColumnInt(0));
    if (it == members.end()) continue;
    ReportPattern p;
    p.id = patterns.ColumnInt(0);
    p.cause = Col(patterns, 1);
    p.server_host = Col(patterns, 2);
    p.process = Col(patterns, 3);
    p.resets_total = patterns.ColumnInt(4);
    p.share = patterns.ColumnDouble(5);
    p.summary = Col(patterns, 6);
    p.first_us = patterns.ColumnInt(7);
    p.last_us = patterns.ColumnInt(8);
    p.resets_in_window = static_cast<int64_t>(it->second.size());
    for (size_t i : it->second) {
      if (p.evidence.size() < kEvidencePerPattern) {
        p.evidence.push_back(i);
      } else {
        ++p.evidence_omitted;
      }
    }
    report.patterns.push_back(std::move(p));
  }
  std::sort(report.patterns.begin(), report.patterns.end(),
            [](const ReportPattern& a, const ReportPattern& b) {
              if (a.resets_in_window != b.resets_in_window) {
                return a.resets_in_window > b.resets_in_window;
              }
              return a.id < b.id;
            });

  // Clock offsets, every host with an estimate.
  RS_ASSIGN_OR_RETURN(store::Statement clocks,
                      db->Prepare("SELECT host, offset_ms, method, anchors, spread_ms, "
                                  "reference_host FROM clock_offsets ORDER BY host"));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, clocks.Step());
    if (!row) break;
    ReportClock c;
    c.host = Col(clocks, 0);
    c.offset_ms = clocks.ColumnInt(1);
    c.method = Col(clocks, 2);
    c.anchors = clocks.ColumnInt(3);
    c.spread_ms = ColInt(clocks, 4);
    c.reference_host = Col(clocks, 5);
    report.clocks.push_back(std::move(c));
  }

  // What separates a reset's logged time from its cause's: their hosts'
  // clock offsets.
  std::map<std::string, int64_t> offsets;
  for (const ReportClock& c : report.clocks) offsets[c.host] = c.offset_ms;
  for (ReportReset& r : report.resets_list) {
    if (!r.cause_event) continue;
    std::set<std::string> hosts = {r.event.host, r.cause_event->host};
    for (const std::string& h : hosts) {
      auto it = offsets.find(h);
      if (h.empty() || it == offsets.end() || it->second == 0) continue;
      if (!r.clock_note.empty()) r.clock_note += ", ";
      r.clock_note +=
          h + "'s clock " + (it->second > 0 ? "+" : "") + std::to_string(it->second) + " ms";
    }
  }

  // Leads from enrichment on the hosts this window's resets went to.
  std::set<std::string> servers;
  for (const ReportReset& r : report.resets_list) {
    if (!r.server_host.empty()) servers.insert(r.server_host);
    if (!r.peer_host.empty()) servers.insert(r.peer_host);
  }
  RS_ASSIGN_OR_RETURN(
      store::Statement leads,
      db->Prepare("SELECT host, template, reset_windows, reset_windows_with, control_windows, "
                  "control_windows_with, lift, p_value, example_event_id "
                  "FROM template_lift_details ORDER BY host, p_value, lift DESC, template"));
  for (;;) {
    RS_ASSIGN_OR_RETURN(bool row, leads.Step());
    if (!row) break;
    ReportLead l;
    l.host = Col(leads, 0);
    if (!servers.contains(l.host)) continue;
    l.template_text = Col(leads, 1);
    l.reset_windows = leads.ColumnInt(2);
    l.reset_windows_with = leads.ColumnInt(3);
    l.control_windows = leads.ColumnInt(4);
    l.control_windows_with = leads.ColumnInt(5);
    l.lift = leads.ColumnDouble(6);
    l.p_value = leads.ColumnDouble(7);
    RS_RETURN_IF_ERROR(event_in_column(leads, 8, &l.example));
    report.leads.push_back(std::move(l));
  }

  RS_ASSIGN_OR_RETURN(report.recommendations, Recommend(db, report));
  return report;
}

std::optional<int64_t> ReportMetric(const Report& report, std::string_view name) {
  if (name == "resets") return report.resets;
  if (name == "explained") return report.explained;
  if (name == "unexplained") return report.unexplained;
  if (name == "late") return report.late;
  if (name == "patterns") return static_cast<int64_t>(report.patterns.size());
  constexpr std::string_view kCause = "cause:";
  if (name.substr(0, kCause.size()) == kCause) {
    const std::string cause(name.substr(kCause.size()));
    const auto& names = CauseNames();
    if (std::find(names.begin(), names.end(), cause) == names.end()) return std::nullopt;
    for (const ReportCount& c : report.by_cause) {
      if (c.key == cause) return c.resets;
    }
    return 0;
  }
  return std::nullopt;
}

}  // namespace rstscope::query
