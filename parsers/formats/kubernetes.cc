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
    for (const ReasonKind& rk : kReasonKinds) {
      if (rk.reason == reason) {
        out->kind = rk.kind;
        out->rule = rk.rule;
        break;
      }
    }
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

}  // namespace rstscope::parsers
