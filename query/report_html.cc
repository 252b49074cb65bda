// The HTML rendering of a report: one self-contained page (no script, no
// external resource; a Content-Security-Policy that allows none) with three
// inline SVG charts. Every piece of text from the database goes through
// Html(), so log lines with markup or script show as text.
#include <algorithm>
#include <cstdio>
#include <string>

#include "query/correlate.h"
#include "query/report.h"
#include "query/report_text.h"
#include "query/text_util.h"

namespace rstscope::query {
namespace {

std::string Html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// One color per cause, in vocabulary order; unexplained is grey.
std::string CauseColor(const std::string& cause) {
  static const char* kColors[] = {"#d62728", "#ff7f0e", "#bcbd22", "#9467bd", "#8c564b",
                                  "#1f77b4", "#e377c2", "#17becf", "#2ca02c", "#7f7f7f"};
  const auto& names = CauseNames();
  const size_t i =
      static_cast<size_t>(std::find(names.begin(), names.end(), cause) - names.begin());
  return i < 10 ? kColors[i] : "#000000";
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A bar chart with one bar per bin, stacked by cause in vocabulary order.
// Each non-empty (bin, cause) pair is one <rect class="bar">. `label_every`
// thins the x labels of long series.
std::string StackedBars(const std::string& id, const std::string& title,
                        const std::vector<ReportBin>& bins, size_t label_every, double width) {
  // Room on the right for the last x label, centered under its bar.
  constexpr double kHeight = 220, kLeft = 40, kRight = 45, kTop = 10, kBottom = 30;
  const double plot_w = width - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  int64_t max = 0;
  for (const ReportBin& b : bins) max = std::max(max, b.resets);
  std::string s = "<svg id=\"" + id +
                  "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                  "width=\"" +
                  Num(width) + "\" height=\"" + Num(kHeight) + "\" viewBox=\"0 0 " + Num(width) +
                  " " + Num(kHeight) + "\" role=\"img\" aria-label=\"" + Html(title) + "\">\n";
  // Axes and the y scale's top value.
  s += "<line class=\"axis\" x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop + plot_h) + "\" x2=\"" +
       Num(kLeft + plot_w) + "\" y2=\"" + Num(kTop + plot_h) + "\"/>\n";
  s += "<line class=\"axis\" x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) + "\" x2=\"" +
       Num(kLeft) + "\" y2=\"" + Num(kTop + plot_h) + "\"/>\n";
  if (max > 0) {
    s += "<text class=\"tick\" x=\"" + Num(kLeft - 4) + "\" y=\"" + Num(kTop + 8) +
         "\" text-anchor=\"end\">" + std::to_string(max) + "</text>\n";
  }
  s += "<text class=\"tick\" x=\"" + Num(kLeft - 4) + "\" y=\"" + Num(kTop + plot_h) +
       "\" text-anchor=\"end\">0</text>\n";
  if (bins.empty() || max == 0) {
    s += "<text class=\"empty\" x=\"" + Num(kLeft + plot_w / 2) + "\" y=\"" +
         Num(kTop + plot_h / 2) + "\" text-anchor=\"middle\">no data</text>\n</svg>\n";
    return s;
  }
  const double slot = plot_w / static_cast<double>(bins.size());
  const double bar_w = std::max(1.0, slot * 0.8);
  for (size_t i = 0; i < bins.size(); ++i) {
    const ReportBin& b = bins[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar_w) / 2;
    double y = kTop + plot_h;
    for (const std::string& cause : CauseNames()) {
      auto it = b.by_cause.find(cause);
      if (it == b.by_cause.end() || it->second == 0) continue;
      const double h = plot_h * static_cast<double>(it->second) / static_cast<double>(max);
      y -= h;
      s += "<rect class=\"bar\" data-cause=\"" + Html(cause) + "\" x=\"" + Num(x) + "\" y=\"" +
           Num(y) + "\" width=\"" + Num(bar_w) + "\" height=\"" + Num(h) + "\" fill=\"" +
           CauseColor(cause) + "\"><title>" + Html(b.label) + ": " + Html(cause) + " " +
           std::to_string(it->second) + "</title></rect>\n";
    }
    // Every label_every-th bar is labelled, and the last one, unless that
    // would crowd the label before it.
    const bool last = i + 1 == bins.size();
    if (last || (i % label_every == 0 && bins.size() - 1 - i >= label_every)) {
      s += "<text class=\"tick\" x=\"" + Num(x + bar_w / 2) + "\" y=\"" + Num(kTop + plot_h + 14) +
           "\" text-anchor=\"middle\">" + Html(b.label) + "</text>\n";
    }
  }
  s += "</svg>\n";
  return s;
}

std::string Legend(const Report& r) {
  std::string s = "<p class=\"legend\">";
  for (const ReportCount& c : r.by_cause) {
    s += "<span><i style=\"background:" + CauseColor(c.key) + "\"></i>" + Html(c.key) + "</span> ";
  }
  return s + "</p>\n";
}

std::string HostOr(const std::string& h, const char* none) {
  return h.empty() ? std::string("<em>") + none + "</em>" : Html(h);
}

std::string Location(const ReportEvent& e) {
  return "<code class=\"loc\">" + Html(e.source) + ":" + std::to_string(e.line) + "</code>";
}

std::string CountTable(const std::vector<ReportCount>& counts, const char* header,
                       const char* none) {
  std::string s = std::string("<table><thead><tr><th>") + header +
                  "</th><th class=\"n\">resets</th><th>causes</th></tr></thead><tbody>\n";
  for (const ReportCount& c : counts) {
    std::string causes;
    for (const auto& [cause, n] : c.by_cause) {
      if (!causes.empty()) causes += ", ";
      causes += "<code>" + Html(cause) + "</code> " + std::to_string(n);
    }
    s += "<tr><td>" + HostOr(c.key, none) + "</td><td class=\"n\">" + std::to_string(c.resets) +
         "</td><td>" + causes + "</td></tr>\n";
  }
  return s + "</tbody></table>\n";
}

// The event's shown line(s), as text.
std::string LogLines(const ReportEvent& e) {
  return "<pre class=\"log\">" + Html(e.text) +
         (e.detail.empty() ? std::string() : "\n" + Html(e.detail)) + "</pre>\n";
}

std::string EvidenceItem(const ReportReset& r) {
  std::string s = "<li><div>" + Html(Iso(r.event.ts_us)) + " reset on " +
                  HostOr(r.event.host, "unknown host") + (r.late ? " (late arrival)" : "") + ", " +
                  Location(r.event) + "</div>" + LogLines(r.event);
  if (r.cause_event) {
    const ReportEvent& c = *r.cause_event;
    s += "<div class=\"cause\">cause: " + Html(Iso(c.ts_us)) + " on " +
         HostOr(c.host, "unknown host") + ", " + Location(c) + "; " + Html(DelayText(r)) +
         (r.clock_note.empty() ? "" : " (" + Html(r.clock_note) + ")") + ", confidence " +
         Decimal(r.confidence) + (r.chain.empty() ? "" : ", via " + Html(r.chain)) + "</div>" +
         LogLines(c);
  }
  return s + "</li>\n";
}

constexpr char kStyle[] = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;
color:#222;padding:0 1em}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}thead{background:#f4f4f4}
pre.log{background:#f7f7f7;border-left:3px solid #bbb;margin:.2em 0 .6em;padding:.3em .6em;
white-space:pre-wrap;word-break:break-all;font-size:.85em}
code.loc{font-size:.85em;color:#555}
.cause{margin-left:1.5em}.cause+pre.log{margin-left:1.5em;border-left-color:#d62728}
ul.evidence{list-style:none;padding-left:0}ul.evidence>li{margin-bottom:.6em}
.totals{font-size:1.2em}
.charts{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
svg.chart .axis{stroke:#444;stroke-width:1}svg.chart .tick{font-size:10px;fill:#444}
svg.chart .empty{font-size:14px;fill:#888}
.legend span{margin-right:1em;white-space:nowrap}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.rec{margin-bottom:.5em}
)css";

}  // namespace

std::string RenderHtml(const Report& r) {
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n"
      "<title>rstscope report</title>\n<style>";
  s += kStyle;
  s += "</style>\n</head>\n<body>\n<h1>rstscope report</h1>\n";
  s += "<p class=\"window\">" + Html(WindowText(r.window)) + "</p>\n";
  s += "<p class=\"totals\"><strong>" + std::to_string(r.resets) + " reset" +
       (r.resets == 1 ? "" : "s") + "</strong>: " + std::to_string(r.explained) + " explained, " +
       std::to_string(r.unexplained) + " unexplained" +
       (r.late > 0 ? "; " + std::to_string(r.late) + " of them imported late" : "") + ".</p>\n";

  s += "<h2>Charts</h2>\n" + Legend(r) + "<div class=\"charts\">\n";
  const size_t every = std::max<size_t>(1, (r.over_time.size() + 7) / 8);
  s += "<figure><figcaption>Resets over time (" + Html(BucketText(r.bucket_seconds)) +
       " buckets, UTC), by cause</figcaption>\n" +
       StackedBars("chart-over-time", "Resets over time by cause", r.over_time, every, 1000) +
       "</figure>\n";
  s += "<figure><figcaption>Connection age at reset</figcaption>\n" +
       StackedBars("chart-age", "Connection age at reset", r.connection_age, 2, 490) +
       "</figure>\n";
  s += "<figure><figcaption>Delay from cause to reset</figcaption>\n" +
       StackedBars("chart-delay", "Delay from cause to reset", r.cause_delay, 2, 490) +
       "</figure>\n</div>\n";

  s += "<h2>Resets by cause</h2>\n<table id=\"by-cause\"><thead><tr><th>cause</th>"
       "<th class=\"n\">resets</th><th class=\"n\">share</th></tr></thead><tbody>\n";
  for (const ReportCount& c : r.by_cause) {
    s += "<tr><td><code>" + Html(c.key) + "</code></td><td class=\"n\">" +
         std::to_string(c.resets) + "</td><td class=\"n\">" + Percent(c.resets, r.resets) +
         "</td></tr>\n";
  }
  s += "</tbody></table>\n";

  s += "<h2>Recommendations</h2>\n<div id=\"recommendations\">\n";
  for (const ReportRecommendation& rec : r.recommendations) {
    s += "<p class=\"rec\"><strong><code>" + Html(rec.cause) + "</code>, " + Html(rec.subject) +
         "</strong> (" + std::to_string(rec.resets) + " reset" + (rec.resets == 1 ? "" : "s") +
         "): " + Html(rec.text) + "</p>\n";
  }
  s += "</div>\n";

  s += "<h2>Patterns</h2>\n<div id=\"patterns\">\n";
  for (const ReportPattern& p : r.patterns) {
    s += "<h3>Pattern " + std::to_string(p.id) + ": " + Html(p.summary) + "</h3>\n";
    s += "<p>Cause <code>" + Html(p.cause) + "</code>, server host " +
         HostOr(p.server_host, "none") + (p.process.empty() ? "" : ", process " + Html(p.process)) +
         ". " + std::to_string(p.resets_in_window) + " of its " + std::to_string(p.resets_total) +
         " resets are in this window (all: " + Iso(p.first_us) + " to " + Iso(p.last_us) +
         ").</p>\n<ul class=\"evidence\">\n";
    if (p.cause == "unexplained") {
      s += "<li>Listed under <em>Unexplained resets</em>.</li>\n</ul>\n";
      continue;
    }
    for (size_t i : p.evidence) s += EvidenceItem(r.resets_list[i]);
    if (p.evidence_omitted > 0) {
      s += "<li>... and " + std::to_string(p.evidence_omitted) + " more</li>\n";
    }
    s += "</ul>\n";
  }
  s += "</div>\n";

  s += "<h2>Unexplained resets</h2>\n<ul id=\"unexplained\" class=\"evidence\">\n";
  for (size_t i : r.unexplained_list) {
    const ReportReset& x = r.resets_list[i];
    s += "<li><div>" + Html(Iso(x.event.ts_us)) + " reset on " +
         HostOr(x.event.host, "unknown host") + (x.late ? " (late arrival)" : "") + ", " +
         Location(x.event) + ", peer " + HostOr(x.peer_host, "unknown") + "</div>" +
         LogLines(x.event) + "<div>Correlation: " + Html(x.evidence) + "</div></li>\n";
  }
  if (r.unexplained_omitted > 0) {
    s += "<li>... and " + std::to_string(r.unexplained_omitted) + " more</li>\n";
  }
  if (r.unexplained_list.empty()) s += "<li>None.</li>\n";
  s += "</ul>\n";

  s += "<h2>Leads: messages over-represented before resets</h2>\n";
  if (r.leads.empty()) {
    s += "<p>None found on these resets' server hosts.</p>\n";
  } else {
    s += "<p>Unclassified messages (numbers and ids masked as &lt;*&gt;) seen in more of the "
         "look-back windows before reset incidents on a host than of the control windows at "
         "its quiet moments. Not causes: lines to read next.</p>\n"
         "<table id=\"leads\"><thead><tr><th>host</th><th>template</th>"
         "<th class=\"n\">reset windows</th><th class=\"n\">control windows</th>"
         "<th class=\"n\">lift</th><th class=\"n\">p</th><th>example</th></tr>"
         "</thead><tbody>\n";
    for (const ReportLead& l : r.leads) {
      s += "<tr><td>" + Html(l.host) + "</td><td><code>" + Html(l.template_text) +
           "</code></td><td class=\"n\">" + std::to_string(l.reset_windows_with) + "/" +
           std::to_string(l.reset_windows) + "</td><td class=\"n\">" +
           std::to_string(l.control_windows_with) + "/" + std::to_string(l.control_windows) +
           "</td><td class=\"n\">" + LiftText(l.lift) + "</td><td class=\"n\">" +
           PValueText(l.p_value) + "</td><td>" + (l.example ? Location(*l.example) : "") +
           "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }

  s += "<h2>Resets by server host</h2>\n" + CountTable(r.by_server_host, "server host", "none");
  s += "<h2>Resets by client host</h2>\n" + CountTable(r.by_client_host, "client host", "unknown");

  s += "<h2>Clock offsets</h2>\n";
  if (r.clocks.empty()) {
    s += "<p>None estimated.</p>\n";
  } else {
    s += "<table id=\"clocks\"><thead><tr><th>host</th><th class=\"n\">offset</th><th>method</th>"
         "<th class=\"n\">anchors</th><th class=\"n\">spread</th><th>reference</th></tr>"
         "</thead><tbody>\n";
    for (const ReportClock& c : r.clocks) {
      s += "<tr><td>" + Html(c.host) + "</td><td class=\"n\">" + SignedMs(c.offset_ms) +
           "</td><td>" + Html(c.method) + "</td><td class=\"n\">" + std::to_string(c.anchors) +
           "</td><td class=\"n\">" +
           (c.spread_ms ? std::to_string(*c.spread_ms) + " ms" : std::string()) + "</td><td>" +
           Html(c.reference_host) + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
  }
  s += "</body>\n</html>\n";
  return s;
}

}  // namespace rstscope::query
