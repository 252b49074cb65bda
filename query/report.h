// The pattern report (`rstscope report`): what the correlation found for the
// resets of a time window, as a model that the Markdown, JSON and HTML
// renderers turn into text.
//
// BuildReport reads the views reset_causes, reset_cause_details, patterns,
// clock_offsets, resets and timeline (and the tables behind the recorded
// source lines) and sorts everything explicitly, so the same database and
// window always give byte-identical output. Nothing in the model depends on
// the current time: the window is given by the caller.
//
// The model is a plain value; the renderers are pure functions of it and are
// safe to call from any thread. docs/REPORTS.md describes every field.
#ifndef RSTSCOPE_QUERY_REPORT_H_
#define RSTSCOPE_QUERY_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/db.h"

namespace rstscope::query {

// Which resets a report covers. A reset is in the window when
//   (after_us < ts_us <= through_us and id <= max_event_id)            [regular]
//   or (ts_us <= late_through_us and late_after_id < id <= max_event_id) [late]
// where an absent bound is no bound. The second clause exists only for
// `--since-last-run`: records imported after the previous report whose
// times fall before the previous report's end.
struct ReportWindow {
  std::optional<int64_t> after_us;      // exclusive lower bound of event time
  std::optional<int64_t> through_us;    // inclusive upper bound of event time
  std::optional<int64_t> max_event_id;  // inclusive upper bound of events.id
  // Late arrivals: only when set.
  std::optional<int64_t> late_through_us;
  std::optional<int64_t> late_after_id;
  std::string since_last_run;  // the watermark's name, or empty
};

// One record as the report shows it: where to find it and its first line.
struct ReportEvent {
  int64_t id = 0;
  int64_t ts_us = 0;
  std::string host;     // empty when unknown
  std::string process;  // empty when unknown
  std::string source;
  int64_t line = 0;
  std::string text;  // the message's first line, cut to 300 code points
  // For a multi-line message whose first line is a generic wrapper ("Failed
  // to push order"), the line naming the innermost error (the
  // SocketException); empty otherwise.
  std::string detail;
};

struct ReportReset {
  ReportEvent event;
  bool late = false;  // in the window through the late-arrival clause
  std::string cause;
  std::string server_host;  // empty when none
  std::string peer_host;    // empty when none
  std::string chain;        // empty when no proxy was followed
  std::optional<int64_t> delta_ms;
  std::optional<int64_t> age_ms;
  double confidence = 0;
  std::string evidence;
  int64_t pattern_id = 0;  // 0 when none
  std::optional<ReportEvent> cause_event;
  // The clock offsets that separate the two records' logged times, e.g.
  // "api01's clock +7895 ms"; empty when both hosts' clocks are in sync.
  std::string clock_note;
};

struct ReportCount {
  std::string key;
  int64_t resets = 0;
  std::map<std::string, int64_t> by_cause;  // cause -> resets, only non-zero
};

struct ReportPattern {
  int64_t id = 0;
  std::string cause;
  std::string server_host;
  std::string process;
  int64_t resets_total = 0;  // in the whole database (the patterns view)
  int64_t resets_in_window = 0;
  int64_t first_us = 0, last_us = 0;  // of all its resets (the patterns view)
  double share = 0;
  std::string summary;
  std::vector<size_t> evidence;  // indexes into Report::resets, earliest first
  int64_t evidence_omitted = 0;
};

struct ReportClock {
  std::string host;
  int64_t offset_ms = 0;
  std::string method;
  int64_t anchors = 0;
  std::optional<int64_t> spread_ms;
  std::string reference_host;
};

struct ReportRecommendation {
  std::string cause;
  std::string subject;  // what it is about: "dotnet on api01", "fw01", "peer web05"
  int64_t resets = 0;
  std::string text;                          // one or more sentences
  std::map<std::string, std::string> facts;  // the measured values the text rests on
};

// A lead from enrichment (the template_lift_details view): an unclassified
// message template over-represented before the resets against a host.
struct ReportLead {
  std::string host;
  std::string template_text;
  int64_t reset_windows = 0, reset_windows_with = 0;
  int64_t control_windows = 0, control_windows_with = 0;
  double lift = 0;
  double p_value = 1;
  std::optional<ReportEvent> example;  // the occurrence closest before a reset
};

// A bar of a histogram or of the time series.
struct ReportBin {
  std::string label;
  int64_t lower = 0;             // inclusive; ms for histograms, epoch us for time buckets
  std::optional<int64_t> upper;  // exclusive; absent: open-ended
  std::map<std::string, int64_t> by_cause;
  int64_t resets = 0;
};

struct Report {
  ReportWindow window;
  int64_t resets = 0, explained = 0, unexplained = 0, late = 0;
  std::vector<ReportReset> resets_list;  // every reset in the window, by (ts, id)
  std::vector<ReportCount> by_cause;     // by resets desc, then vocabulary order
  std::vector<ReportCount> by_server_host;
  std::vector<ReportCount> by_client_host;
  int64_t bucket_seconds = 0;
  std::vector<ReportBin> over_time;       // every bucket from the first reset's to the last's
  std::vector<ReportBin> connection_age;  // fixed bins, resets with a known age
  std::vector<ReportBin> cause_delay;     // fixed bins of reset - cause, explained resets
  std::vector<ReportPattern> patterns;    // with resets in the window, by resets_in_window desc
  std::vector<size_t> unexplained_list;   // indexes into resets_list, earliest first
  int64_t unexplained_omitted = 0;
  std::vector<ReportClock> clocks;                    // every host with a clock estimate, by host
  std::vector<ReportRecommendation> recommendations;  // in by_cause order
  // Leads on the server hosts of the window's resets, by host, then p-value.
  // Enrichment runs over all resets of a host, not only the window's.
  std::vector<ReportLead> leads;
};

// Evidence items listed per pattern, and unexplained resets listed, in the
// Markdown and HTML renderings and in the JSON's patterns/unexplained
// arrays (the JSON's `resets` array always has every reset).
inline constexpr size_t kEvidencePerPattern = 5;
inline constexpr size_t kUnexplainedListed = 50;

// Builds the report of `window` from `db` (schema 2 or later, opened
// read-only or read-write). Runs inside one read transaction of the caller
// or, without one, sees each query's own snapshot.
// FailedPrecondition when correlate has never run on the database or when
// some reset in the window has no cause row (imported after the last
// correlate); the message says to run `rstscope correlate`.
absl::StatusOr<Report> BuildReport(store::Db* db, const ReportWindow& window);

// The renderings. Each is a complete document ending in a newline.
std::string RenderMarkdown(const Report& report);
std::string RenderJson(const Report& report);
std::string RenderHtml(const Report& report);  // query/report_html.cc

// The value of a metric that --fail-on conditions name: "resets",
// "explained", "unexplained", "late", "patterns", "cause:NAME". nullopt for
// an unknown name.
std::optional<int64_t> ReportMetric(const Report& report, std::string_view name);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPORT_H_
