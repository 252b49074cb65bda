// Kubernetes events as `kubectl get events -o json` prints them: one JSON
// document, pretty-printed, whose "items" array holds one Event object per
// event (FORMATS.md §5.3).
//
// The document is not one object per line, so each item is a multi-line
// record: a line holding only "{" at the items' indentation starts it, every
// other line continues it. The envelope before the first item ("{" through
// `"items": [`) is document metadata, stored in `unparsed` as "directive";
// the envelope after the last item ends that item's record. When
// the item is complete, CompleteRecord parses it with simdjson and reads
//   time     eventTime (RFC 3339 with microseconds), else lastTimestamp,
//            else firstTimestamp (all UTC)
//   host     source.host, else reportingInstance
//   process  involvedObject.name (the pod or node)
//   message  message
//   severity type: Warning -> warning, Normal -> info
//   attrs    reason, type, object_kind, namespace, count
// and the kind from the event reason: OOMKilling / SystemOOM -> oom_kill,
// BackOff -> crash (a container crash loop), Killing -> stop, Unhealthy ->
// unhealthy, Started -> start; other reasons are left to the rules (which
// know "OOMKilled" in a message).
#include <algorithm>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

#include "base/event_batch.h"
#include "base/strings.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/timestamp.h"
#include "simdjson.h"

namespace rstscope::parsers {
namespace {

using std::string_view;

// kubectl indents with 4 spaces: "items" at 4, its objects at 8.
constexpr size_t kKubectlItemIndent = 8;

size_t Indentation(string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// End of the JSON object starting at text[0] == '{' (one past its '}'), or 0.
size_t ObjectEnd(string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) return i + 1;
    }
  }
  return 0;
}

struct ReasonKind {
  string_view reason;
  base::Kind kind;
  string_view rule;
};
constexpr ReasonKind kReasonKinds[] = {
    {"OOMKilling", base::Kind::kOomKill, "k8s_event_OOMKilling"},
    {"SystemOOM", base::Kind::kOomKill, "k8s_event_SystemOOM"},
    {"BackOff", base::Kind::kCrash, "k8s_event_BackOff"},
    {"Killing", base::Kind::kStop, "k8s_event_Killing"},
    {"Unhealthy", base::Kind::kUnhealthy, "k8s_event_Unhealthy"},
    {"Started", base::Kind::kStart, "k8s_event_Started"},
};

// Sets the kind of an event from its reason (kReasonKinds); other reasons
// are left to the rules. Shared by the JSON and the table format.
void KindFromReason(string_view reason, ParsedLine* out) {
  for (const ReasonKind& rk : kReasonKinds) {
    if (rk.reason == reason) {
      out->kind = rk.kind;
      out->rule = rk.rule;
      return;
    }
  }
}

class KubectlEventsParser final : public LineParser {
 public:
  // The document's opening lines, "{" through `"items": [`, are metadata.
  bool ConsumeDirective(string_view line) override {
    if (envelope_done_) return false;
    const size_t indent = Indentation(line);
    const string_view rest = base::TrimRightSpace(line.substr(indent));
    if (!envelope_started_) {
      envelope_started_ = true;
      if (rest != "{" || indent != 0) {
        envelope_done_ = true;  // not a document start: no envelope to skip
        return false;
      }
      return true;
    }
    if (rest == "\"items\": [") {
      item_indent_ = indent + 4;
      envelope_done_ = true;
    }
    return true;
  }

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    const size_t indent = Indentation(line);
    const string_view rest = base::TrimRightSpace(line.substr(indent));
    if (rest != "{" || indent != item_indent_) {
      return ParseOutcome::NotThisFormat(1, "not the start of an items[] object");
    }
    out->ts_in_record = true;
    out->msg_offset = 0;
    return ParseOutcome::Parsed();
  }

  void CompleteRecord(string_view record, ParsedLine* out) override {
    const size_t open = record.find('{');
    if (open == string_view::npos) return;
    const size_t end = ObjectEnd(record.substr(open));
    if (end == 0) return;
    const string_view item = record.substr(open, end);
    simdjson::dom::element doc;
    if (parser_.parse(item.data(), item.size()).get(doc) != simdjson::SUCCESS) return;

    auto str = [](simdjson::dom::element e, const char* key) -> string_view {
      string_view v;
      return e[key].get(v) == simdjson::SUCCESS ? v : string_view();
    };
    for (const char* key : {"eventTime", "lastTimestamp", "firstTimestamp"}) {
      const string_view ts = str(doc, key);
      CivilTime t;
      if (!ts.empty() && ParseIso8601(ts, &t) == ts.size() &&
          ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
        out->has_ts = true;
        break;
      }
    }
    simdjson::dom::element source, object;
    if (doc["source"].get(source) == simdjson::SUCCESS) out->host = str(source, "host");
    if (out->host.empty()) out->host = str(doc, "reportingInstance");
    const string_view reason = str(doc, "reason");
    if (doc["involvedObject"].get(object) == simdjson::SUCCESS) {
      out->process = str(object, "name");
    }
    out->message = str(doc, "message");
    out->has_message_override = true;
    if (!reason.empty()) out->AddAttr("reason", reason);
    if (const string_view type = str(doc, "type"); !type.empty()) {
      out->AddAttr("type", type);
      if (type == "Warning") out->severity = base::Severity::kWarning;
      if (type == "Normal") out->severity = base::Severity::kInfo;
    }
    if (doc["involvedObject"].get(object) == simdjson::SUCCESS) {
      if (const string_view k = str(object, "kind"); !k.empty()) out->AddAttr("object_kind", k);
      if (const string_view ns = str(object, "namespace"); !ns.empty()) {
        out->AddAttr("namespace", ns);
      }
    }
    int64_t count = 0;
    if (doc["count"].get(count) == simdjson::SUCCESS) {
      count_ = std::to_string(count);
      out->AddAttr("count", count_, /*is_number=*/true);
    }
    KindFromReason(reason, out);
  }

 private:
  size_t item_indent_ = kKubectlItemIndent;
  bool envelope_started_ = false;
  bool envelope_done_ = false;
  simdjson::dom::parser parser_;
  base::Zone zone_;  // the times carry their zone (Z); this is only a fallback
  std::string count_;
};

std::unique_ptr<LineParser> MakeKubectlEvents(const SourceContext&) {
  return std::make_unique<KubectlEventsParser>();
}

constexpr FormatSample kSamples[] = {
    {.text = "        {\n"
             "            \"apiVersion\": \"v1\",\n"
             "            \"count\": 1,\n"
             "            \"eventTime\": null,\n"
             "            \"firstTimestamp\": \"2024-11-12T09:14:03Z\",\n"
             "            \"involvedObject\": {\n"
             "                \"kind\": \"Node\",\n"
             "                \"name\": \"node-7\",\n"
             "                \"uid\": \"node-7\"\n"
             "            },\n"
             "            \"kind\": \"Event\",\n"
             "            \"lastTimestamp\": \"2024-11-12T09:14:03Z\",\n"
             "            \"message\": \"Memory cgroup out of memory: Killed process 50624 (java) "
             "total-vm:59726088kB, anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB, UID:10000 "
             "pgtables:21384kB oom_score_adj:969\",\n"
             "            \"reason\": \"OOMKilling\",\n"
             "            \"source\": {\n"
             "                \"component\": \"kernel-monitor\",\n"
             "                \"host\": \"node-7\"\n"
             "            },\n"
             "            \"type\": \"Warning\"\n"
             "        },",
     .ts = "2024-11-12T09:14:03.000000Z",
     .host = "node-7",
     .process = "java",
     .pid = 50624,
     .severity = "warning",
     .message = "Memory cgroup out of memory: Killed process 50624 (java) total-vm:59726088kB, "
                "anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB, UID:10000 "
                "pgtables:21384kB oom_score_adj:969",
     .kind = "oom_kill",
     .attrs = R"({"reason":"OOMKilling","type":"Warning","object_kind":"Node","count":1})"},
    {.text = "        {\n"
             "            \"count\": 70,\n"
             "            \"firstTimestamp\": \"2024-11-12T08:59:10Z\",\n"
             "            \"involvedObject\": {\n"
             "                \"kind\": \"Pod\",\n"
             "                \"name\": \"orders-api-6c7657c859-66pn6\",\n"
             "                \"namespace\": \"shop\"\n"
             "            },\n"
             "            \"lastTimestamp\": \"2024-11-12T09:14:10Z\",\n"
             "            \"message\": \"Back-off restarting failed container orders-api in pod "
             "orders-api-6c7657c859-66pn6_shop(b50a7fa8-bb90-46f1-aba4-f17a2bb67161)\",\n"
             "            \"reason\": \"BackOff\",\n"
             "            \"source\": {\n"
             "                \"component\": \"kubelet\",\n"
             "                \"host\": \"node-7\"\n"
             "            },\n"
             "            \"type\": \"Warning\"\n"
             "        }",
     .ts = "2024-11-12T09:14:10.000000Z",
     .host = "node-7",
     .process = "orders-api-6c7657c859-66pn6",
     .severity = "warning",
     .message = "Back-off restarting failed container orders-api in pod "
                "orders-api-6c7657c859-66pn6_shop(b50a7fa8-bb90-46f1-aba4-f17a2bb67161)",
     .kind = "crash",
     .attrs = R"({"reason":"BackOff","type":"Warning","object_kind":"Pod","namespace":"shop","count":70})"},
    {.text = "        {\n"
             "            \"eventTime\": \"2024-11-12T09:15:01.123456Z\",\n"
             "            \"involvedObject\": {\n"
             "                \"kind\": \"Pod\",\n"
             "                \"name\": \"orders-api-6c7657c859-x2v9q\",\n"
             "                \"namespace\": \"shop\"\n"
             "            },\n"
             "            \"lastTimestamp\": null,\n"
             "            \"message\": \"Liveness probe failed: Get \\\"http://10.244.1.18:8080/healthz\\\": "
             "context deadline exceeded\",\n"
             "            \"reason\": \"Unhealthy\",\n"
             "            \"reportingInstance\": \"node-3\",\n"
             "            \"type\": \"Warning\"\n"
             "        }",
     .ts = "2024-11-12T09:15:01.123456Z",
     .host = "node-3",
     .process = "orders-api-6c7657c859-x2v9q",
     .severity = "warning",
     .message = "Liveness probe failed: Get \"http://10.244.1.18:8080/healthz\": context deadline "
                "exceeded",
     .kind = "unhealthy",
     .attrs = R"({"reason":"Unhealthy","type":"Warning","object_kind":"Pod","namespace":"shop"})"},
    {.text = "        {\n"
             "            \"count\": 1,\n"
             "            \"firstTimestamp\": \"2024-11-12T09:14:20Z\",\n"
             "            \"involvedObject\": {\n"
             "                \"fieldPath\": \"spec.containers{orders-api}\",\n"
             "                \"kind\": \"Pod\",\n"
             "                \"name\": \"orders-api-6c7657c859-66pn6\",\n"
             "                \"namespace\": \"shop\"\n"
             "            },\n"
             "            \"lastTimestamp\": \"2024-11-12T09:14:20Z\",\n"
             "            \"message\": \"Pulling image \\\"registry.corp.example/orders-api:1.4\\\"\",\n"
             "            \"reason\": \"Pulling\",\n"
             "            \"source\": {\n"
             "                \"component\": \"kubelet\",\n"
             "                \"host\": \"node-7\"\n"
             "            },\n"
             "            \"type\": \"Normal\"\n"
             "        }",
     .ts = "2024-11-12T09:14:20.000000Z",
     .host = "node-7",
     .process = "orders-api-6c7657c859-66pn6",
     .severity = "info",
     .message = "Pulling image \"registry.corp.example/orders-api:1.4\"",
     .kind = "other",
     .attrs = R"({"reason":"Pulling","type":"Normal","object_kind":"Pod","namespace":"shop","count":1})"},
};

}  // namespace

const FormatInfo kKubectlEventsFormat = {
    .name = "kubectl_events",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Kubernetes events from kubectl get events -o json (one record per item)",
    .signature = "a line holding only \"{\" at the indentation of the \"items\" array's objects",
    .priority = 25,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &MakeKubectlEvents,
    .samples = kSamples,
};

// Kubernetes events as `kubectl get events` prints them: a text table
// (FORMATS.md §5.3). kubectl's event printer (pkg/printers/internalversion,
// printEvent) fills the cells
//   default  LAST SEEN  TYPE  REASON  OBJECT  MESSAGE
//   -o wide  LAST SEEN  TYPE  REASON  OBJECT  SUBOBJECT  SOURCE  MESSAGE
//            FIRST SEEN  COUNT  NAME
// with a NAMESPACE column first under -A; OBJECT is "kind/name" with the
// kind in lower case, SUBOBJECT the involved object's fieldPath (often
// empty), SOURCE "component, host" (or the component alone), the ages
// apimachinery's HumanDuration ("45s", "5m12s", "14m", "3h20m", "2d3h",
// "<unknown>" for a zero time) counted back from when kubectl ran. The
// columns are aligned by a tabwriter (padding 3, widths in code points), so
// a row is cut at the start offsets of the header's column names; SOURCE and
// MESSAGE hold spaces. The header is stored in `unparsed` as "directive".
// Rows before any header (--no-headers, a table pasted without it) and rows
// that do not line up with it (--watch output, flushed row by row) are split
// at runs of three or more spaces, the tabwriter's minimum gap.
//
// The time is the source's mtime (the file or archive member, written when
// kubectl ran) minus LAST SEEN, flagged time_from_age; ages are truncated to
// their last unit, so the event happened up to that unit earlier. With no
// mtime or an "<unknown>" age the record keeps the previous record's time
// (or the mtime when it is the first), flagged time_from_previous.
namespace {

enum Column {
  kColNamespace, kColLastSeen, kColType, kColReason, kColObject, kColSubobject, kColSource,
  kColMessage, kColFirstSeen, kColCount, kColName, kNumColumns
};
constexpr string_view kColumnNames[kNumColumns] = {
    "NAMESPACE", "LAST SEEN", "TYPE",       "REASON", "OBJECT", "SUBOBJECT",
    "SOURCE",    "MESSAGE",   "FIRST SEEN", "COUNT",  "NAME",
};
constexpr Column kDefaultColumns[] = {kColLastSeen, kColType, kColReason, kColObject,
                                      kColMessage};
constexpr Column kWideColumns[] = {kColLastSeen,  kColType,      kColReason,    kColObject,
                                   kColSubobject, kColSource,    kColMessage,   kColFirstSeen,
                                   kColCount,     kColName};

// Longer ages are not kubectl's (and would overflow as microseconds).
constexpr int64_t kMaxAgeSeconds = 1000LL * 365 * 86400;

// Seconds in an age as HumanDuration writes it: one or more NUMBER UNIT
// pairs, units y d h m s. False for anything else ("<unknown>" included).
bool ParseAge(string_view s, int64_t* seconds) {
  if (s.empty()) return false;
  int64_t total = 0;
  size_t i = 0;
  while (i < s.size()) {
    int64_t n = 0;
    const size_t start = i;
    while (i < s.size() && base::IsDigit(s[i]) && i - start < 9) n = n * 10 + (s[i++] - '0');
    if (i == start || i == s.size()) return false;
    switch (s[i++]) {
      case 'y': total += n * 365 * 86400; break;
      case 'd': total += n * 86400; break;
      case 'h': total += n * 3600; break;
      case 'm': total += n * 60; break;
      case 's': total += n; break;
      default: return false;
    }
    if (total > kMaxAgeSeconds) return false;
  }
  *seconds = total;
  return true;
}

bool IsAgeCell(string_view s) {
  int64_t ignored;
  return s == "<unknown>" || s == "<invalid>" || ParseAge(s, &ignored);
}

bool HasSpace(string_view s) { return s.find(' ') != string_view::npos; }

bool IsDigits(string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

// "kind/name" or a bare kind, the kind in lower case as kubectl prints it.
bool IsObjectCell(string_view s) {
  if (s.empty() || HasSpace(s)) return false;
  const string_view kind = s.substr(0, s.find('/'));
  if (kind.empty()) return false;
  for (char c : kind) {
    if (!(c >= 'a' && c <= 'z') && c != '.' && !base::IsDigit(c)) return false;
  }
  return true;
}

// TYPE is a word (Normal, Warning); REASON is one too, but controllers
// outside Kubernetes also use '_', '-' and '.' in theirs.
bool IsWordCell(string_view s, bool punctuation = false) {
  if (s.empty()) return false;
  for (char c : s) {
    if (base::IsAlpha(c) || base::IsDigit(c)) continue;
    if (punctuation && (c == '_' || c == '-' || c == '.')) continue;
    return false;
  }
  return true;
}

// Byte offset of code point `cp` in `s`, or s.size() when `s` is shorter.
size_t ByteOffset(string_view s, size_t cp) {
  size_t i = 0;
  for (size_t n = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (n++ == cp) return i;
  }
  return s.size();
}

class KubectlEventsTableParser final : public LineParser {
 public:
  explicit KubectlEventsTableParser(const SourceContext& ctx) : mtime_us_(ctx.mtime_us) {}

  // A header line sets the column offsets for the rows after it.
  bool ConsumeDirective(string_view line) override {
    if (!base::StartsWith(line, "LAST SEEN") && !base::StartsWith(line, "NAMESPACE")) {
      return false;
    }
    int64_t starts[kNumColumns];
    for (int64_t& s : starts) s = -1;
    int count = 0;
    Column order[kNumColumns];
    size_t i = 0, cp = 0;
    const string_view text = base::TrimRightSpace(line);
    while (i < text.size()) {
      // A name runs to the next gap of two or more spaces.
      size_t end = i;
      while (end < text.size() && !(text[end] == ' ' && end + 1 < text.size() &&
                                    text[end + 1] == ' ')) {
        ++end;
      }
      const string_view name = text.substr(i, end - i);
      int found = -1;
      for (int c = 0; c < kNumColumns; ++c) {
        if (kColumnNames[c] == name) found = c;
      }
      if (found < 0 || starts[found] >= 0) return false;
      starts[found] = static_cast<int64_t>(cp);
      order[count++] = static_cast<Column>(found);
      // Header names are ASCII: bytes are code points.
      size_t next = end;
      while (next < text.size() && text[next] == ' ') ++next;
      cp += next - i;
      i = next;
    }
    // The names must be one of kubectl's layouts, in its order.
    const bool ns = count > 0 && order[0] == kColNamespace;
    const std::span<const Column> rest(order + (ns ? 1 : 0), order + count);
    const bool wide = std::equal(rest.begin(), rest.end(), std::begin(kWideColumns),
                                 std::end(kWideColumns));
    const bool plain = std::equal(rest.begin(), rest.end(), std::begin(kDefaultColumns),
                                  std::end(kDefaultColumns));
    if (!wide && !plain) return false;
    for (int c = 0; c < kNumColumns; ++c) starts_[c] = starts[c];
    ncols_ = count;
    for (int c = 0; c < count; ++c) order_[c] = order[c];
    have_header_ = true;
    return true;
  }

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    string_view cells[kNumColumns];
    size_t message_at = 0;
    bool cut = have_header_ && CutByHeader(line, cells, &message_at);
    if (!cut) {
      // No header, or a row laid out on its own (`--watch` flushes each row
      // with its own column widths): split at the gaps.
      for (string_view& c : cells) c = {};
      cut = CutByGaps(line, cells, &message_at);
    }
    if (!cut) return ParseOutcome::NotThisFormat(1, "not a row of kubectl get events");
    if (!IsAgeCell(cells[kColLastSeen]) || !IsWordCell(cells[kColType]) ||
        !IsWordCell(cells[kColReason], /*punctuation=*/true) ||
        !IsObjectCell(cells[kColObject])) {
      return ParseOutcome::NotThisFormat(1, "not a row of kubectl get events");
    }
    const bool wide = !cells[kColName].empty();
    if (wide && (!IsAgeCell(cells[kColFirstSeen]) || !IsDigits(cells[kColCount]) ||
                 HasSpace(cells[kColName]))) {
      return ParseOutcome::NotThisFormat(1, "not a row of kubectl get events -o wide");
    }

    int64_t age = 0;
    if (mtime_us_ != 0 && ParseAge(cells[kColLastSeen], &age)) {
      out->ts_us = mtime_us_ - age * 1000000;
      out->has_ts = true;
      out->flags |= base::kFlagTimeFromAge;
    } else {
      out->ts_in_record = true;  // no time: the previous record's, else the mtime
    }
    const string_view type = cells[kColType];
    if (type == "Warning") out->severity = base::Severity::kWarning;
    if (type == "Normal") out->severity = base::Severity::kInfo;
    const string_view object = cells[kColObject];
    const size_t slash = object.find('/');
    if (slash != string_view::npos) out->process = object.substr(slash + 1);
    const string_view source = cells[kColSource];
    string_view component = source;
    if (const size_t comma = source.find(", "); comma != string_view::npos) {
      component = source.substr(0, comma);
      out->host = source.substr(comma + 2);
    }
    out->msg_offset = message_at;
    out->msg_length = cells[kColMessage].size();

    out->AddAttr("reason", cells[kColReason]);
    out->AddAttr("type", type);
    out->AddAttr("object_kind", object.substr(0, slash));
    if (!cells[kColNamespace].empty()) out->AddAttr("namespace", cells[kColNamespace]);
    if (wide) out->AddAttr("count", cells[kColCount], /*is_number=*/true);
    out->AddAttr("last_seen", cells[kColLastSeen]);
    if (wide) out->AddAttr("first_seen", cells[kColFirstSeen]);
    if (!cells[kColSubobject].empty()) out->AddAttr("subobject", cells[kColSubobject]);
    if (!component.empty()) out->AddAttr("component", component);
    if (wide) out->AddAttr("name", cells[kColName]);
    KindFromReason(cells[kColReason], out);
    return ParseOutcome::Parsed();
  }

 private:
  // Cuts `line` at the header's column offsets. Each column but the first
  // must start after a space (a tabwriter gap) or past the end of the line.
  bool CutByHeader(string_view line, string_view* cells, size_t* message_at) const {
    for (int k = 0; k < ncols_; ++k) {
      const Column c = order_[k];
      const size_t begin = ByteOffset(line, static_cast<size_t>(starts_[c]));
      const size_t end = k + 1 < ncols_
                             ? ByteOffset(line, static_cast<size_t>(starts_[order_[k + 1]]))
                             : line.size();
      if (k > 0 && begin < line.size() && line[begin - 1] != ' ') return false;
      if (k + 1 < ncols_ && end < line.size() && line[end - 1] != ' ') return false;
      const string_view raw = line.substr(begin, end - begin);
      size_t lead = 0;
      while (lead < raw.size() && raw[lead] == ' ') ++lead;
      if (lead != 0 && lead != raw.size()) return false;  // a cell starts at its column
      cells[c] = base::TrimRightSpace(raw);
      if (c == kColMessage) *message_at = begin;
    }
    return true;
  }

  // Without a header: the cells are the runs between gaps of 3+ spaces. An
  // empty cell (SUBOBJECT, mostly) leaves no run of its own, and a message
  // with a 3-space gap yields more runs: the fixed cells are taken from both
  // ends, the message is what lies between.
  static bool CutByGaps(string_view line, string_view* cells, size_t* message_at) {
    constexpr int kMax = 24;
    string_view runs[kMax];
    int n = 0;
    const string_view text = base::TrimRightSpace(line);
    if (text.empty() || text[0] == ' ') return false;
    size_t i = 0;
    while (i < text.size()) {
      if (n == kMax) return false;
      const size_t end = std::min(text.find("   ", i), text.size());
      runs[n++] = text.substr(i, end - i);
      // The age is the first or (after a namespace) the second cell: most
      // lines of other formats are refused here, before the rest is split.
      // (Format detection runs every parser on 200 lines of each file.)
      if (n == 2 && !IsAgeCell(runs[0]) && !IsAgeCell(runs[1])) return false;
      i = text.find_first_not_of(' ', end);
      if (i == string_view::npos) break;
    }
    if (n < 5) return false;
    int first = 0;
    if (!IsAgeCell(runs[0])) {
      if (!IsAgeCell(runs[1])) return false;
      cells[kColNamespace] = runs[0];
      first = 1;
    }
    if (n - first < 5) return false;
    cells[kColLastSeen] = runs[first];
    cells[kColType] = runs[first + 1];
    cells[kColReason] = runs[first + 2];
    cells[kColObject] = runs[first + 3];
    int lo = first + 4, hi = n;  // the runs left for [SUBOBJECT SOURCE] MESSAGE
    if (n - first >= 8 && IsAgeCell(runs[n - 3]) && IsDigits(runs[n - 2])) {
      cells[kColFirstSeen] = runs[n - 3];
      cells[kColCount] = runs[n - 2];
      cells[kColName] = runs[n - 1];
      hi = n - 3;
      if (hi - lo < 2) return false;  // SOURCE and MESSAGE at least
      const string_view path = runs[lo];
      if (hi - lo >= 3 && (base::StartsWith(path, "spec.") || path.find('{') != string_view::npos)) {
        cells[kColSubobject] = runs[lo++];
      }
      cells[kColSource] = runs[lo++];
    }
    if (hi <= lo) return false;
    const size_t begin = static_cast<size_t>(runs[lo].data() - line.data());
    const size_t end = static_cast<size_t>(runs[hi - 1].data() + runs[hi - 1].size() - line.data());
    cells[kColMessage] = line.substr(begin, end - begin);
    *message_at = begin;
    return true;
  }

  int64_t mtime_us_;
  bool have_header_ = false;
  int ncols_ = 0;
  int64_t starts_[kNumColumns] = {};
  Column order_[kNumColumns] = {};
};

std::unique_ptr<LineParser> MakeKubectlEventsTable(const SourceContext& ctx) {
  return std::make_unique<KubectlEventsTableParser>(ctx);
}

// SampleContext()'s mtime is 2024-12-31T23:59:59Z: "5m12s" is 23:54:47.
constexpr FormatSample kTableSamples[] = {
    {.text = "5m12s       Normal    Killing            pod/orders-api-6c7657c859-66pn6   "
             "spec.containers{orders-api}   kubelet, node-7         Stopping container orders-api"
             "                                   5m12s        1       "
             "orders-api-6c7657c859-66pn6.1807a5c2f0b3e1d4",
     .ts = "2024-12-31T23:54:47.000000Z",
     .host = "node-7",
     .process = "orders-api-6c7657c859-66pn6",
     .severity = "info",
     .message = "Stopping container orders-api",
     .kind = "stop",
     .attrs = R"({"reason":"Killing","type":"Normal","object_kind":"pod","count":1,)"
              R"("last_seen":"5m12s","first_seen":"5m12s","subobject":"spec.containers{orders-api}",)"
              R"("component":"kubelet","name":"orders-api-6c7657c859-66pn6.1807a5c2f0b3e1d4"})"},
    {.text = "2m3s        Warning   BackOff            pod/orders-api-6c7657c859-x2v9q   "
             "Back-off restarting failed container orders-api in pod "
             "orders-api-6c7657c859-x2v9q_shop(b50a7fa8-bb90-46f1-aba4-f17a2bb67161)",
     .ts = "2024-12-31T23:57:56.000000Z",
     .host = "",
     .process = "orders-api-6c7657c859-x2v9q",
     .severity = "warning",
     .message = "Back-off restarting failed container orders-api in pod "
                "orders-api-6c7657c859-x2v9q_shop(b50a7fa8-bb90-46f1-aba4-f17a2bb67161)",
     .kind = "crash",
     .attrs = R"({"reason":"BackOff","type":"Warning","object_kind":"pod","last_seen":"2m3s"})"},
    {.text = "shop          2d3h        Warning   Unhealthy   pod/orders-api-6c7657c859-x2v9q   "
             "spec.containers{orders-api}   kubelet, node-3   Liveness probe failed: Get "
             "\"http://10.244.1.18:8080/healthz\": context deadline exceeded   2d5h         14      "
             "orders-api-6c7657c859-x2v9q.1807a3b1c9d0e2f7",
     .ts = "2024-12-29T20:59:59.000000Z",
     .host = "node-3",
     .process = "orders-api-6c7657c859-x2v9q",
     .severity = "warning",
     .message = "Liveness probe failed: Get \"http://10.244.1.18:8080/healthz\": context deadline "
                "exceeded",
     .kind = "unhealthy",
     .attrs = R"({"reason":"Unhealthy","type":"Warning","object_kind":"pod","namespace":"shop",)"
              R"("count":14,"last_seen":"2d3h","first_seen":"2d5h","subobject":"spec.containers{orders-api}",)"
              R"("component":"kubelet","name":"orders-api-6c7657c859-x2v9q.1807a3b1c9d0e2f7"})"},
    {.text = "default       41s         Normal    NodeNotReady   node/node-7                       "
             "                              node-controller   Node node-7 status is now: NodeNotReady"
             "   41s          1       node-7.1807a5d0b2c4e6f8",
     .ts = "2024-12-31T23:59:18.000000Z",
     .host = "",
     .process = "node-7",
     .severity = "info",
     .message = "Node node-7 status is now: NodeNotReady",
     .kind = "other",
     .attrs = R"({"reason":"NodeNotReady","type":"Normal","object_kind":"node","namespace":"default",)"
              R"("count":1,"last_seen":"41s","first_seen":"41s","component":"node-controller",)"
              R"("name":"node-7.1807a5d0b2c4e6f8"})"},
};

}  // namespace

const FormatInfo kKubectlEventsTableFormat = {
    .name = "kubectl_events_table",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Kubernetes events from kubectl get events [-A] [-o wide] (text table; time = "
                   "mtime - LAST SEEN)",
    .signature = "a LAST SEEN TYPE REASON OBJECT ... header, rows cut at its column offsets; "
                 "without it, an age, a word, a word and kind/name separated by 3+ spaces",
    .priority = 25,
    .continuation = Continuation::kNone,
    .make_parser = &MakeKubectlEventsTable,
    .samples = kTableSamples,
};

}  // namespace rstscope::parsers
