// Container runtime logs and events (FORMATS.md §3.4, §3.5):
//
// "docker_events", `docker events` CLI output (docker-cli
// cli/command/system/events.go, prettyPrintEvent):
//
//   2024-01-15T10:30:00.567890123Z container die 3f1c2d (exitCode=137, image=acme/api:1.4,
//   name=api) TIME TYPE ACTION ACTOR-ID[ (KEY=VALUE[, KEY=VALUE]...)]
//
// TYPE is one of the events API object types. TIME has nine fraction
// digits and the CLI host's offset (or Z). ACTION
// may contain spaces ("health_status: unhealthy", "exec_start: sh -c ..."):
// the actor id is the last word before the attribute list. The message is
// the line after TIME.
//
// "cri", the CRI log format kubelet reads (containerd, CRI-O; files under
// /var/log/pods):
//
//   2016-10-06T00:17:09.669794202Z stdout P log content 1
//   TIME STREAM TAG MESSAGE          TAG: F (full line) or P (partial)
//
// "docker_json", Docker's json-file driver:
//
//   {"log":"text\n","stream":"stderr","time":"2024-01-15T10:30:00.123456789Z"}
//
// A partial CRI line, or a json-file "log" without its trailing newline (the
// daemon splits lines at 16 KiB), continues in the next line: the parser
// then refuses that line as a record start, so that the import joins it to
// the record (Continuation::kAnyNonHeader), until a full line ends the run.
// The joined record keeps each line's own prefix.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "base/utf8.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;

bool IsNumber(std::string_view v) {
  if (v.empty() || v.size() > 18) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// The object types of Docker's events API (api/types/events).
bool IsDockerEventType(std::string_view v) {
  static constexpr std::string_view kTypes[] = {"container", "image",  "volume",  "network",
                                                "daemon",    "plugin", "service", "node",
                                                "secret",    "config", "builder"};
  for (std::string_view t : kTypes) {
    if (t == v) return true;
  }
  return false;
}

// An RFC 3339 time at line[0] followed by a space; returns the offset after
// the space, or 0.
size_t ReadLeadingTime(std::string_view line, const base::Zone& zone, ParsedLine* out) {
  CivilTime t;
  const size_t n = ParseIso8601(line, &t);
  if (n == 0 || n >= line.size() || line[n] != ' ') return 0;
  if (!ToUtcMicros(t, zone, &out->ts_us, &out->flags)) return 0;
  out->has_ts = true;
  return n + 1;
}

// ---------------------------------------------------------------------------
// docker events

// The value of `key` in "k=v, k=v" (values end at ", " followed by a key
// and '=', or at the end).
std::string_view EventAttr(std::string_view attrs, std::string_view key) {
  size_t p = 0;
  while (p < attrs.size()) {
    size_t end = p;
    // The next ", " that starts another key=value.
    for (;;) {
      end = attrs.find(", ", end);
      if (end == std::string_view::npos) {
        end = attrs.size();
        break;
      }
      const size_t eq = attrs.find('=', end + 2);
      const size_t next_comma = attrs.find(", ", end + 2);
      if (eq != std::string_view::npos &&
          (next_comma == std::string_view::npos || eq < next_comma)) {
        break;
      }
      end += 2;
    }
    const std::string_view pair = attrs.substr(p, end - p);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) return pair.substr(eq + 1);
    p = end + 2;
  }
  return {};
}

struct DockerKind {
  base::Kind kind;
  std::string_view rule;
};

// The kind a container event states (FORMATS.md §3.5). A SIGKILL exit (137)
// alone does not prove an OOM kill: only the "oom" event does.
DockerKind ContainerEventKind(std::string_view action, std::string_view exit_code) {
  using base::Kind;
  if (action == "oom") return {Kind::kOomKill, "docker_oom"};
  if (action == "die") {
    if (IsNumber(exit_code) && exit_code != "0") return {Kind::kCrash, "docker_die_nonzero"};
    return {Kind::kOther, {}};
  }
  if (action == "kill") return {Kind::kStop, "docker_kill"};
  if (action == "stop") return {Kind::kStop, "docker_stop"};
  if (action == "restart") return {Kind::kRestart, "docker_restart"};
  if (action == "start") return {Kind::kStart, "docker_start"};
  if (action == "health_status: unhealthy") return {Kind::kUnhealthy, "docker_unhealthy"};
  return {Kind::kOther, {}};
}

class DockerEventsParser final : public LineParser {
 public:
  explicit DockerEventsParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    // The CLI always prints nine fraction digits: "2024-01-15T10:30:00.123456789".
    if (line.size() < 32 || line[10] != 'T' || line[19] != '.') {
      return ParseOutcome::NotThisFormat(1, "no RFC 3339 time with nanoseconds");
    }
    const size_t start = ReadLeadingTime(line, zone_, out);
    if (start == 0) return ParseOutcome::NotThisFormat(1, "no RFC 3339 time");
    const size_t type_end = line.find(' ', start);
    if (type_end == std::string_view::npos) return ParseOutcome::NotThisFormat(1, "no event type");
    const std::string_view type = line.substr(start, type_end - start);
    if (!IsDockerEventType(type)) return ParseOutcome::NotThisFormat(1, "no event type");
    std::string_view rest = line.substr(type_end + 1);
    std::string_view attrs;
    const size_t open = rest.find(" (");
    if (open != std::string_view::npos) {
      if (rest.back() != ')') return ParseOutcome::NotThisFormat(1, "attributes not closed");
      attrs = rest.substr(open + 2, rest.size() - open - 3);
      rest = rest.substr(0, open);
    }
    const size_t id_start = rest.rfind(' ');
    if (id_start == std::string_view::npos || id_start == 0) {
      return ParseOutcome::NotThisFormat(1, "no action and actor id");
    }
    const std::string_view action = rest.substr(0, id_start);
    const std::string_view id = rest.substr(id_start + 1);
    out->msg_offset = start;
    const std::string_view name = EventAttr(attrs, "name");
    const std::string_view image = EventAttr(attrs, "image");
    const std::string_view exit_code = EventAttr(attrs, "exitCode");
    const std::string_view signal = EventAttr(attrs, "signal");
    if (!name.empty()) out->process = name;
    if (type == "container") {
      out->AddAttr("container_id", id);
      const DockerKind k = ContainerEventKind(action, exit_code);
      out->kind = k.kind;
      out->rule = k.rule;
    }
    if (!image.empty()) out->AddAttr("image", image);
    if (IsNumber(exit_code)) out->AddAttr("exit_code", exit_code, /*is_number=*/true);
    if (IsNumber(signal)) out->AddAttr("signal", signal, /*is_number=*/true);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

// ---------------------------------------------------------------------------
// CRI

class CriParser final : public LineParser {
 public:
  explicit CriParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = ReadLeadingTime(line, zone_, out);
    if (pos == 0) {
      in_partial_ = false;
      return ParseOutcome::NotThisFormat(1, "no RFC 3339 time");
    }
    std::string_view stream;
    if (StartsWith(line.substr(pos), "stdout ")) {
      stream = "stdout";
    } else if (StartsWith(line.substr(pos), "stderr ")) {
      stream = "stderr";
    } else {
      in_partial_ = false;
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no stdout/stderr");
    }
    pos += 7;
    if (pos + 1 > line.size() || (line[pos] != 'F' && line[pos] != 'P') ||
        (pos + 1 < line.size() && line[pos + 1] != ' ')) {
      in_partial_ = false;
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no F/P tag");
    }
    const bool partial = line[pos] == 'P';
    if (in_partial_) {
      // The rest of a split line: a continuation of the open record.
      in_partial_ = partial;
      return ParseOutcome::Continuation();
    }
    in_partial_ = partial;
    out->AddAttr("stream", stream);
    out->msg_offset = pos + 1 < line.size() ? pos + 2 : line.size();
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  bool in_partial_ = false;  // the last line was a P line
};

// ---------------------------------------------------------------------------
// Docker json-file


int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

// Reads the four hex digits at s[p].
int32_t Hex4(std::string_view s, size_t p) {
  if (p + 4 > s.size()) return -1;
  int32_t v = 0;
  for (size_t i = p; i < p + 4; ++i) {
    const int h = HexValue(s[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Decodes the JSON string whose opening quote is at s[*pos] into *out
// (cleared first) and advances *pos past the closing quote. Returns false
// on a malformed string.
bool DecodeJsonString(std::string_view s, size_t* pos, std::string* out) {
  out->clear();
  size_t p = *pos + 1;
  while (p < s.size()) {
    const char c = s[p];
    if (c == '"') {
      *pos = p + 1;
      return true;
    }
    if (c != '\\') {
      out->push_back(c);
      ++p;
      continue;
    }
    if (p + 1 >= s.size()) return false;
    const char e = s[p + 1];
    p += 2;
    switch (e) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'u': {
        int32_t cp = Hex4(s, p);
        if (cp < 0) return false;
        p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && p + 6 <= s.size() && s[p] == '\\' && s[p + 1] == 'u') {
          const int32_t low = Hex4(s, p + 2);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
          }
        }
        base::AppendCodepoint(static_cast<uint32_t>(cp), out);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

// The raw text of the string value of "key" in a flat JSON object, quotes
// excluded; escapes are not decoded (times and stream names have none).
std::string_view RawStringField(std::string_view line, std::string_view key_with_quotes) {
  const size_t k = line.find(key_with_quotes);
  if (k == std::string_view::npos) return {};
  size_t p = k + key_with_quotes.size();
  while (p < line.size() && (line[p] == ' ' || line[p] == ':')) ++p;
  if (p >= line.size() || line[p] != '"') return {};
  const size_t end = line.find('"', p + 1);
  if (end == std::string_view::npos) return {};
  return line.substr(p + 1, end - p - 1);
}

class DockerJsonParser final : public LineParser {
 public:
  explicit DockerJsonParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    constexpr std::string_view kLogKey = "{\"log\":";
    if (!StartsWith(line, kLogKey) || line.back() != '}') {
      in_partial_ = false;
      return ParseOutcome::NotThisFormat(1, "no {\"log\": object");
    }
    size_t pos = kLogKey.size();
    if (pos >= line.size() || line[pos] != '"' || !DecodeJsonString(line, &pos, &log_)) {
      in_partial_ = false;
      return ParseOutcome::Malformed(static_cast<uint32_t>(kLogKey.size() + 1), "bad log string");
    }
    const bool complete = !log_.empty() && log_.back() == '\n';
    if (in_partial_) {
      in_partial_ = !complete;
      return ParseOutcome::Continuation();
    }
    const std::string_view rest = line.substr(pos);
    const std::string_view time = RawStringField(rest, "\"time\"");
    CivilTime t;
    if (time.empty() || ParseIso8601(time, &t) != time.size()) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), "no time");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), TimestampProblem(t));
    }
    in_partial_ = !complete;
    out->has_ts = true;
    if (complete) log_.pop_back();
    if (!log_.empty() && log_.back() == '\r') log_.pop_back();
    out->message = log_;
    out->has_message_override = true;
    const std::string_view stream = RawStringField(rest, "\"stream\"");
    if (stream == "stdout" || stream == "stderr") out->AddAttr("stream", stream);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  std::string log_;  // the decoded "log" value, reused per line
  bool in_partial_ = false;
};

std::unique_ptr<LineParser> MakeDockerEvents(const SourceContext& ctx) {
  return std::make_unique<DockerEventsParser>(ctx);
}
std::unique_ptr<LineParser> MakeCri(const SourceContext& ctx) {
  return std::make_unique<CriParser>(ctx);
}
std::unique_ptr<LineParser> MakeDockerJson(const SourceContext& ctx) {
  return std::make_unique<DockerJsonParser>(ctx);
}

constexpr FormatSample kDockerEventsSamples[] = {
    // [from-format] FORMATS.md §3.5.
    {.text = "2024-01-15T10:30:00.567890123Z container die 3f1c2d9e8b7a (exitCode=137, "
             "image=acme/api:1.4, name=api)",
     .ts = "2024-01-15T10:30:00.567890Z",
     .host = "",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "container die 3f1c2d9e8b7a (exitCode=137, image=acme/api:1.4, name=api)",
     .kind = "crash",
     .attrs = R"({"container_id":"3f1c2d9e8b7a","image":"acme/api:1.4","exit_code":137})"},
    {.text = "2024-01-15T10:30:00.560001234Z container oom 3f1c2d9e8b7a (image=acme/api:1.4, "
             "name=api)",
     .ts = "2024-01-15T10:30:00.560001Z",
     .host = "",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "container oom 3f1c2d9e8b7a (image=acme/api:1.4, name=api)",
     .kind = "oom_kill",
     .attrs = R"({"container_id":"3f1c2d9e8b7a","image":"acme/api:1.4"})"},
    {.text = "2024-01-15T12:30:00.571000000+02:00 container kill 3f1c2d9e8b7a "
             "(image=acme/api:1.4, name=api, signal=9)",
     .ts = "2024-01-15T10:30:00.571000Z",
     .host = "",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "container kill 3f1c2d9e8b7a (image=acme/api:1.4, name=api, signal=9)",
     .kind = "stop",
     .attrs = R"({"container_id":"3f1c2d9e8b7a","image":"acme/api:1.4","signal":9})"},
    {.text = "2024-01-15T10:29:40.000000001Z container health_status: unhealthy 3f1c2d9e8b7a "
             "(image=acme/api:1.4, name=api)",
     .ts = "2024-01-15T10:29:40.000000Z",
     .host = "",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "container health_status: unhealthy 3f1c2d9e8b7a (image=acme/api:1.4, name=api)",
     .kind = "unhealthy",
     .attrs = R"({"container_id":"3f1c2d9e8b7a","image":"acme/api:1.4"})"},
    {.text = "2024-01-15T10:30:01.102030405Z container start 3f1c2d9e8b7a (image=acme/api:1.4, "
             "name=api)",
     .ts = "2024-01-15T10:30:01.102030Z",
     .host = "",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "container start 3f1c2d9e8b7a (image=acme/api:1.4, name=api)",
     .kind = "start",
     .attrs = R"({"container_id":"3f1c2d9e8b7a","image":"acme/api:1.4"})"},
    {.text = "2024-01-15T10:30:01.000000000Z network connect 9e1b2c3d4e5f (container=3f1c2d9e8b7a, "
             "name=bridge, type=bridge)",
     .ts = "2024-01-15T10:30:01.000000Z",
     .host = "",
     .process = "bridge",
     .pid = -1,
     .severity = "",
     .message = "network connect 9e1b2c3d4e5f (container=3f1c2d9e8b7a, name=bridge, type=bridge)",
     .kind = "other"},
};

constexpr FormatSample kCriSamples[] = {
    // [verbatim, plaso cri.log] FORMATS.md §3.4.
    {.text = "2016-10-06T00:17:09.669794202Z stdout F log content 1",
     .ts = "2016-10-06T00:17:09.669794Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "log content 1",
     .attrs = R"({"stream":"stdout"})"},
    {.text = "2024-04-16T06:21:30.494902976Z stderr F 2024/04/16 06:21:30 Starting server...",
     .ts = "2024-04-16T06:21:30.494902Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "2024/04/16 06:21:30 Starting server...",
     .attrs = R"({"stream":"stderr"})"},
    // A split line: the P part and the F part make one record.
    {.text = "2016-10-06T00:17:09.669794202Z stdout P log content 1\n"
             "2016-10-06T00:17:09.669794203Z stdout F  continued",
     .ts = "2016-10-06T00:17:09.669794Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "log content 1\n2016-10-06T00:17:09.669794203Z stdout F  continued",
     .attrs = R"({"stream":"stdout"})"},
    {.text = "2024-03-01T10:15:02.123456789Z stderr F panic: runtime error: invalid memory "
             "address or nil pointer dereference",
     .ts = "2024-03-01T10:15:02.123456Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "panic: runtime error: invalid memory address or nil pointer dereference",
     .kind = "crash",
     .attrs = R"({"stream":"stderr"})"},
};

constexpr FormatSample kDockerJsonSamples[] = {
    {.text =
         R"({"log":"Listening on port 8080\n","stream":"stdout","time":"2024-01-15T10:30:00.123456789Z"})",
     .ts = "2024-01-15T10:30:00.123456Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "Listening on port 8080",
     .attrs = R"({"stream":"stdout"})"},
    {.text =
         R"({"log":"panic: runtime error: index out of range [3] with length 3\n","stream":"stderr","time":"2024-01-15T10:30:02.5Z"})",
     .ts = "2024-01-15T10:30:02.500000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "panic: runtime error: index out of range [3] with length 3",
     .kind = "crash",
     .attrs = R"({"stream":"stderr"})"},
    {.text =
         R"({"log":"\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168) \u2014 \"x\"\n","stream":"stderr","time":"2024-01-15T10:30:03Z"})",
     .ts = "2024-01-15T10:30:03.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168) "
                "\xE2\x80\x94 \"x\"",
     .attrs = R"({"stream":"stderr"})"},
    // A line split by the daemon: the first part has no newline.
    {.text =
         R"({"log":"java.net.SocketException: Connection ","stream":"stderr","time":"2024-01-15T10:30:04Z"})"
         "\n"
         R"({"log":"reset\n","stream":"stderr","time":"2024-01-15T10:30:04Z"})",
     .ts = "2024-01-15T10:30:04.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "java.net.SocketException: Connection ",
     .attrs = R"({"stream":"stderr"})"},
};

}  // namespace

const FormatInfo kDockerEventsFormat = {
    .name = "docker_events",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "`docker events` CLI output: TIME TYPE ACTION ID (k=v, ...)",
    .signature =
        "RFC 3339 time with nine fraction digits, then a lower-case event type, "
        "action, actor id and (key=value, ...)",
    .priority = 25,
    .continuation = Continuation::kNone,
    .make_parser = &MakeDockerEvents,
    .samples = kDockerEventsSamples,
};

const FormatInfo kCriFormat = {
    .name = "cri",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "CRI container log (containerd, CRI-O): TIME STREAM F|P MESSAGE",
    .signature = "RFC 3339 time, stdout or stderr, then F or P",
    .priority = 25,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &MakeCri,
    .samples = kCriSamples,
};

const FormatInfo kDockerJsonFormat = {
    .name = "docker_json",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Docker json-file log: {\"log\":...,\"stream\":...,\"time\":...}",
    .signature = "lines starting {\"log\": with a \"time\" field",
    .priority = 25,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &MakeDockerJson,
    .samples = kDockerJsonSamples,
};

}  // namespace rstscope::parsers
