// Markdown and JSON renderings of a report (docs/REPORTS.md).
#include <cstdio>
#include <string>

#include "base/strings.h"
#include "base/utf8.h"
#include "query/report.h"
#include "query/report_text.h"
#include "query/text_util.h"

namespace rstscope::query {
namespace {

// Free text in Markdown: everything that could start markup, an HTML tag or
// an entity is escaped, so a log line shows as itself. Free text never
// starts a line (it follows a list marker, a label or a table pipe).
std::string Md(std::string_view s) {
  std::string out;
  auto word = [&](size_t i) {
    return i < s.size() && (base::IsAlpha(s[i]) || base::IsDigit(s[i]));
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    // Control characters as text (\xHH), the backslash escaped for Markdown.
    if (const size_t len = base::ControlCharLength(s, i, /*cr_is_control=*/false)) {
      out.push_back('\\');
      base::AppendControlEscape(s.substr(i, len), &out);
      i += len - 1;
      continue;
    }
    // An underscore inside a word (worker_connections) never starts
    // emphasis; elsewhere it might.
    if (c == '_' && !(i > 0 && word(i - 1) && word(i + 1))) {
      out += "\\_";
      continue;
    }
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '|':
      case '#':
      case '~':
        out.push_back('\\');
        out.push_back(c);
        break;
      // With '<' escaped no tag can form, and '>' starts a quote only at
      // the start of a line, where free text never is. '&' matters only
      // where it could begin an entity.
      case '<':
        out += "&lt;";
        break;
      case '&':
        out += i + 1 < s.size() && (base::IsAlpha(s[i + 1]) || s[i + 1] == '#') ? "&amp;" : "&";
        break;
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// A code span that holds `s` verbatim: the fence is longer than any run of
// backticks inside, and padded when the text touches a backtick. Pipes are
// escaped so the span can sit in a table cell.
std::string Code(std::string_view s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  std::string out = fence + (pad ? " " : "");
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (const size_t len = base::ControlCharLength(s, i, /*cr_is_control=*/false)) {
      base::AppendControlEscape(s.substr(i, len), &out);  // a code span shows it verbatim
      i += len - 1;
      continue;
    }
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  out += (pad ? " " : "") + fence;
  return out;
}

std::string HostOr(const std::string& host, const char* none) {
  return host.empty() ? std::string(none) : Md(host);
}

std::string CausesCell(const std::map<std::string, int64_t>& by_cause) {
  std::string out;
  for (const auto& [cause, n] : by_cause) {
    if (!out.empty()) out += ", ";
    out += "`" + cause + "` " + std::to_string(n);
  }
  return out;
}

void CountTable(const std::vector<ReportCount>& counts, const char* header, const char* none,
                std::string* out) {
  *out += std::string("| ") + header + " | resets | causes |\n| --- | ---: | --- |\n";
  for (const ReportCount& c : counts) {
    *out += "| " + HostOr(c.key, none) + " | " + std::to_string(c.resets) + " | " +
            CausesCell(c.by_cause) + " |\n";
  }
}

std::string Location(const ReportEvent& e) { return Code(e.source + ":" + std::to_string(e.line)); }

void EvidenceItem(const ReportReset& r, std::string* out) {
  *out += "- " + Iso(r.event.ts_us) + " reset on " + HostOr(r.event.host, "(unknown host)") +
          (r.late ? " (late arrival)" : "") + ", " + Location(r.event) + "\n";
  *out += "  " + Code(r.event.text) + "\n";
  if (!r.event.detail.empty()) *out += "  " + Code(r.event.detail) + "\n";
  if (r.cause_event) {
    const ReportEvent& c = *r.cause_event;
    *out += "  - cause: " + Iso(c.ts_us) + " on " + HostOr(c.host, "(unknown host)") + ", " +
            Location(c) + "; " + DelayText(r) +
            (r.clock_note.empty() ? "" : " (" + Md(r.clock_note) + ")") + ", confidence " +
            Decimal(r.confidence) + (r.chain.empty() ? "" : ", via " + Md(r.chain)) + "\n";
    *out += "    " + Code(c.text) + "\n";
    if (!c.detail.empty()) *out += "    " + Code(c.detail) + "\n";
  }
}

void HistogramTable(const std::vector<ReportBin>& bins, const char* header, std::string* out) {
  *out += std::string("| ") + header + " | resets | causes |\n| --- | ---: | --- |\n";
  for (const ReportBin& b : bins) {
    if (b.resets == 0) continue;
    *out += "| " + Md(b.label) + " | " + std::to_string(b.resets) + " | " + CausesCell(b.by_cause) +
            " |\n";
  }
}

}  // namespace

std::string RenderMarkdown(const Report& r) {
  std::string out = "# rstscope report\n\n";
  out += Md(WindowText(r.window)) + "\n\n";
  out += "**" + std::to_string(r.resets) + " reset" + (r.resets == 1 ? "" : "s") +
         "**: " + std::to_string(r.explained) + " explained, " + std::to_string(r.unexplained) +
         " unexplained";
  if (r.late > 0) out += "; " + std::to_string(r.late) + " of them imported late";
  out += ".\n";
  if (r.resets == 0) return out;

  out += "\n## Resets by cause\n\n| cause | resets | share |\n| --- | ---: | ---: |\n";
  for (const ReportCount& c : r.by_cause) {
    out += "| `" + c.key + "` | " + std::to_string(c.resets) + " | " + Percent(c.resets, r.resets) +
           " |\n";
  }
  out += "\n## Resets by server host\n\n";
  CountTable(r.by_server_host, "server host", "(none)", &out);
  out += "\n## Resets by client host\n\n";
  CountTable(r.by_client_host, "client host", "(unknown)", &out);
  out += "\n## Resets over time\n\n" + BucketText(r.bucket_seconds) +
         " buckets (UTC); buckets without resets are left out.\n\n";
  HistogramTable(r.over_time, "from", &out);

  out += "\n## Recommendations\n\n";
  for (const ReportRecommendation& rec : r.recommendations) {
    out += "- **`" + rec.cause + "`, " + Md(rec.subject) + "** (" + std::to_string(rec.resets) +
           " reset" + (rec.resets == 1 ? "" : "s") + "): " + Md(rec.text) + "\n";
  }

  out += "\n## Patterns\n";
  for (const ReportPattern& p : r.patterns) {
    out += "\n### Pattern " + std::to_string(p.id) + ": " + Md(p.summary) + "\n\n";
    out += "Cause `" + p.cause + "`, server host " + HostOr(p.server_host, "(none)") +
           (p.process.empty() ? "" : ", process " + Md(p.process)) + ". " +
           std::to_string(p.resets_in_window) + " of its " + std::to_string(p.resets_total) +
           " resets are in this window (all: " + Iso(p.first_us) + " to " + Iso(p.last_us) +
           ").\n\n";
    if (p.cause == "unexplained") {
      out += "Listed under *Unexplained resets*.\n";
      continue;
    }
    for (size_t i : p.evidence) EvidenceItem(r.resets_list[i], &out);
    if (p.evidence_omitted > 0) {
      out += "- ... and " + std::to_string(p.evidence_omitted) + " more\n";
    }
  }

  out += "\n## Unexplained resets\n\n";
  if (r.unexplained_list.empty()) out += "None.\n";
  for (size_t i : r.unexplained_list) {
    const ReportReset& x = r.resets_list[i];
    out += "- " + Iso(x.event.ts_us) + " reset on " + HostOr(x.event.host, "(unknown host)") +
           (x.late ? " (late arrival)" : "") + ", " + Location(x.event) + ", peer " +
           HostOr(x.peer_host, "unknown") + "\n";
    out += "  " + Code(x.event.text) + "\n";
    if (!x.event.detail.empty()) out += "  " + Code(x.event.detail) + "\n";
    out += "  Correlation: " + Md(x.evidence) + "\n";
  }
  if (r.unexplained_omitted > 0) {
    out += "- ... and " + std::to_string(r.unexplained_omitted) + " more\n";
  }

  out += "\n## Leads: messages over-represented before resets\n\n";
  if (r.leads.empty()) {
    out += "None found on these resets' server hosts.\n";
  } else {
    out +=
        "Unclassified messages (numbers and ids masked as `<*>`) seen in more of the look-back "
        "windows before reset incidents on a host than of the control windows at its quiet "
        "moments. Not causes: lines to read next.\n\n"
        "| host | template | reset windows | control windows | lift | p | example |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | --- |\n";
    for (const ReportLead& l : r.leads) {
      out += "| " + Md(l.host) + " | " + Code(l.template_text) + " | " +
             std::to_string(l.reset_windows_with) + "/" + std::to_string(l.reset_windows) +
             " | " + std::to_string(l.control_windows_with) + "/" +
             std::to_string(l.control_windows) + " | " + LiftText(l.lift) + " | " +
             PValueText(l.p_value) + " | " + (l.example ? Location(*l.example) : std::string()) +
             " |\n";
    }
  }

  out += "\n## Connection age at reset\n\n";
  if (Total(r.connection_age) == 0) {
    out += "No flow record in the window gives a connection's age.\n";
  } else {
    HistogramTable(r.connection_age, "age", &out);
  }
  out += "\n## Delay from cause to reset\n\n";
  if (Total(r.cause_delay) == 0) {
    out += "No explained reset in the window.\n";
  } else {
    out += "Reset time minus cause time, after clock correction.\n\n";
    HistogramTable(r.cause_delay, "delay", &out);
  }

  out += "\n## Clock offsets\n\n";
  if (r.clocks.empty()) {
    out += "None estimated.\n";
  } else {
    out +=
        "| host | offset | method | anchors | spread | reference |\n"
        "| --- | ---: | --- | ---: | ---: | --- |\n";
    for (const ReportClock& c : r.clocks) {
      out += "| " + Md(c.host) + " | " + SignedMs(c.offset_ms) + " | " + Md(c.method) + " | " +
             std::to_string(c.anchors) + " | " +
             (c.spread_ms ? std::to_string(*c.spread_ms) + " ms" : std::string()) + " | " +
             Md(c.reference_host) + " |\n";
    }
  }
  return out;
}

namespace {

class Json {
 public:
  // Starts a member; the next value or Open is its value.
  Json& Key(std::string_view k) {
    Sep();
    base::AppendJsonString(k, &out_);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }
  void Str(std::string_view s) {
    Sep();
    base::AppendJsonString(s, &out_);
  }
  void StrOrNull(const std::string& s) { s.empty() ? Raw("null") : Str(s); }
  void Int(int64_t v) { Raw(std::to_string(v)); }
  void IntOrNull(const std::optional<int64_t>& v) { v ? Int(*v) : Raw("null"); }
  void Raw(std::string_view s) {
    Sep();
    out_ += s;
  }
  void Open(char c) {
    Sep();
    out_.push_back(c);
    ++depth_;
    first_ = true;
  }
  void Close(char c) {
    --depth_;
    if (!first_) Newline();
    out_.push_back(c);
    first_ = false;
  }
  std::string Take() { return std::move(out_) + "\n"; }

 private:
  void Sep() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0) {
      if (!first_) out_.push_back(',');
      Newline();
    }
    first_ = false;
  }
  void Newline() {
    out_.push_back('\n');
    out_.append(2 * depth_, ' ');
  }
  std::string out_;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

void JsonEvent(const ReportEvent& e, Json* j) {
  j->Open('{');
  j->Key("id").Int(e.id);
  j->Key("ts").Str(Iso(e.ts_us));
  j->Key("host").StrOrNull(e.host);
  j->Key("process").StrOrNull(e.process);
  j->Key("source").Str(e.source);
  j->Key("line").Int(e.line);
  j->Key("text").Str(e.text);
  j->Key("detail").StrOrNull(e.detail);
  j->Close('}');
}

void JsonCounts(const std::vector<ReportCount>& counts, const char* key, Json* j) {
  j->Open('[');
  for (const ReportCount& c : counts) {
    j->Open('{');
    j->Key(key).StrOrNull(c.key);
    j->Key("resets").Int(c.resets);
    j->Key("by_cause").Open('{');
    for (const auto& [cause, n] : c.by_cause) {
      j->Key(cause).Int(n);
    }
    j->Close('}');
    j->Close('}');
  }
  j->Close(']');
}

void JsonBins(const std::vector<ReportBin>& bins, bool time, Json* j) {
  j->Open('[');
  for (const ReportBin& b : bins) {
    j->Open('{');
    j->Key("label").Str(b.label);
    if (time) {
      j->Key("start").Str(Iso(b.lower));
    } else {
      j->Key("min_ms");
      b.lower == std::numeric_limits<int64_t>::min() ? j->Raw("null") : j->Int(b.lower);
      j->Key("max_ms").IntOrNull(b.upper);
    }
    j->Key("resets").Int(b.resets);
    j->Key("by_cause").Open('{');
    for (const auto& [cause, n] : b.by_cause) {
      j->Key(cause).Int(n);
    }
    j->Close('}');
    j->Close('}');
  }
  j->Close(']');
}

void JsonOutcome(const ReportReset& r, Json* j) {
  j->Key("cause").Str(r.cause);
  j->Key("server_host").StrOrNull(r.server_host);
  j->Key("peer_host").StrOrNull(r.peer_host);
  j->Key("chain").StrOrNull(r.chain);
  j->Key("delta_ms").IntOrNull(r.delta_ms);
  j->Key("age_ms").IntOrNull(r.age_ms);
  j->Key("confidence").Raw(Decimal(r.confidence));
  j->Key("late").Raw(r.late ? "true" : "false");
  j->Key("evidence").Str(r.evidence);
  j->Key("clock_note").StrOrNull(r.clock_note);
}

}  // namespace

std::string RenderJson(const Report& r) {
  Json j;
  j.Open('{');
  j.Key("format").Str("rstscope-report/1");
  j.Key("window").Open('{');
  j.Key("since_last_run").StrOrNull(r.window.since_last_run);
  j.Key("after");
  r.window.after_us ? j.Str(Iso(*r.window.after_us)) : j.Raw("null");
  j.Key("through");
  r.window.through_us ? j.Str(Iso(*r.window.through_us)) : j.Raw("null");
  j.Key("max_event_id").IntOrNull(r.window.max_event_id);
  j.Key("late_through");
  r.window.late_through_us ? j.Str(Iso(*r.window.late_through_us)) : j.Raw("null");
  j.Key("late_after_id").IntOrNull(r.window.late_after_id);
  j.Key("description").Str(WindowText(r.window));
  j.Close('}');
  j.Key("totals").Open('{');
  j.Key("resets").Int(r.resets);
  j.Key("explained").Int(r.explained);
  j.Key("unexplained").Int(r.unexplained);
  j.Key("late").Int(r.late);
  j.Key("patterns").Int(static_cast<int64_t>(r.patterns.size()));
  j.Close('}');
  j.Key("by_cause");
  JsonCounts(r.by_cause, "cause", &j);
  j.Key("by_server_host");
  JsonCounts(r.by_server_host, "server_host", &j);
  j.Key("by_client_host");
  JsonCounts(r.by_client_host, "client_host", &j);
  j.Key("over_time").Open('{');
  j.Key("bucket_seconds").Int(r.bucket_seconds);
  j.Key("buckets");
  JsonBins(r.over_time, true, &j);
  j.Close('}');
  j.Key("connection_age");
  JsonBins(r.connection_age, false, &j);
  j.Key("cause_delay");
  JsonBins(r.cause_delay, false, &j);
  j.Key("recommendations").Open('[');
  for (const ReportRecommendation& rec : r.recommendations) {
    j.Open('{');
    j.Key("cause").Str(rec.cause);
    j.Key("subject").Str(rec.subject);
    j.Key("resets").Int(rec.resets);
    j.Key("text").Str(rec.text);
    j.Key("facts").Open('{');
    for (const auto& [k, v] : rec.facts) {
      j.Key(k).Str(v);
    }
    j.Close('}');
    j.Close('}');
  }
  j.Close(']');
  j.Key("patterns").Open('[');
  for (const ReportPattern& p : r.patterns) {
    j.Open('{');
    j.Key("id").Int(p.id);
    j.Key("cause").Str(p.cause);
    j.Key("server_host").StrOrNull(p.server_host);
    j.Key("process").StrOrNull(p.process);
    j.Key("resets_in_window").Int(p.resets_in_window);
    j.Key("resets_total").Int(p.resets_total);
    j.Key("share").Raw(Decimal(p.share));
    j.Key("first_ts").Str(Iso(p.first_us));
    j.Key("last_ts").Str(Iso(p.last_us));
    j.Key("summary").Str(p.summary);
    j.Key("evidence").Open('[');
    for (size_t i : p.evidence) {
      const ReportReset& x = r.resets_list[i];
      j.Open('{');
      j.Key("reset");
      JsonEvent(x.event, &j);
      j.Key("cause_event");
      x.cause_event ? JsonEvent(*x.cause_event, &j) : j.Raw("null");
      JsonOutcome(x, &j);
      j.Close('}');
    }
    j.Close(']');
    j.Key("evidence_omitted").Int(p.evidence_omitted);
    j.Close('}');
  }
  j.Close(']');
  j.Key("unexplained").Open('[');
  for (size_t i : r.unexplained_list) {
    const ReportReset& x = r.resets_list[i];
    j.Open('{');
    j.Key("reset");
    JsonEvent(x.event, &j);
    JsonOutcome(x, &j);
    j.Close('}');
  }
  j.Close(']');
  j.Key("unexplained_omitted").Int(r.unexplained_omitted);
  j.Key("leads").Open('[');
  for (const ReportLead& l : r.leads) {
    j.Open('{');
    j.Key("host").Str(l.host);
    j.Key("template").Str(l.template_text);
    j.Key("reset_windows").Int(l.reset_windows);
    j.Key("reset_windows_with").Int(l.reset_windows_with);
    j.Key("control_windows").Int(l.control_windows);
    j.Key("control_windows_with").Int(l.control_windows_with);
    j.Key("lift").Raw(Decimal(l.lift));
    j.Key("p_value").Raw(PValueText(l.p_value));
    j.Key("example");
    l.example ? JsonEvent(*l.example, &j) : j.Raw("null");
    j.Close('}');
  }
  j.Close(']');
  j.Key("clock_offsets").Open('[');
  for (const ReportClock& c : r.clocks) {
    j.Open('{');
    j.Key("host").Str(c.host);
    j.Key("offset_ms").Int(c.offset_ms);
    j.Key("method").Str(c.method);
    j.Key("anchors").Int(c.anchors);
    j.Key("spread_ms").IntOrNull(c.spread_ms);
    j.Key("reference_host").StrOrNull(c.reference_host);
    j.Close('}');
  }
  j.Close(']');
  j.Key("resets").Open('[');
  for (const ReportReset& x : r.resets_list) {
    j.Open('{');
    j.Key("id").Int(x.event.id);
    j.Key("ts").Str(Iso(x.event.ts_us));
    j.Key("client_host").StrOrNull(x.event.host);
    j.Key("source").Str(x.event.source);
    j.Key("line").Int(x.event.line);
    j.Key("cause").Str(x.cause);
    j.Key("server_host").StrOrNull(x.server_host);
    j.Key("cause_event_id");
    x.cause_event ? j.Int(x.cause_event->id) : j.Raw("null");
    j.Key("pattern_id");
    x.pattern_id ? j.Int(x.pattern_id) : j.Raw("null");
    j.Key("late").Raw(x.late ? "true" : "false");
    j.Close('}');
  }
  j.Close(']');
  j.Close('}');
  return j.Take();
}

}  // namespace rstscope::query
