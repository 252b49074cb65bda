// JSON lines: one JSON object per line, as written by structured loggers
// (Serilog CLEF, zap, pino/bunyan, logstash/ECS encoders, python-json-logger,
// MongoDB 4.4+, Docker's json-file driver).
//
// Fields are found by their common names; the first field of each role
// wins, except that the message prefers "@m" over "message"/"msg"/"log"
// over "@mt" (CLEF writes the rendered message and the template):
//   time     @t time timestamp ts @timestamp t date       (ISO 8601 string,
//            epoch number in s/ms/us/ns by magnitude, or {"$date": ...})
//   level    @l level lvl severity log.level log{level}   (word, or the
//            pino/bunyan 10..60 and syslog 0..7 numbers)
//   message  @m message msg log @mt
//   error    @x error err exception stack_trace error.stack_trace exc_info
//            stack, or an error object's stack_trace/stack, else type+message
//   logger   logger logger_name SourceContext name log.logger log{logger}
//   host     host hostname host.name host{name|hostname}
//   process  app service process service.name process.name service{name}
//            process{name}
//   pid      pid process.pid process{pid}
// A line needs a time field: a JSON object without one is not taken (so
// that journald's JSON export, which has __REALTIME_TIMESTAMP, stays with
// its own format). Error texts are appended to the message after a newline,
// so that the classifier sees the inner socket error. A message that is a
// verbatim JSON string (no escapes) and has no error to append is given as a
// range of the line; otherwise it is built in parser-owned storage. A JSON
// object without a message field keeps the whole line as its message.
//
// One simdjson ondemand parser and one padded copy buffer per LineParser:
// after the first lines nothing is allocated per line.
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/civil_time.h"
#include "base/kind.h"
#include "base/strings.h"
#include "base/zone.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"
#include "simdjson.h"

namespace rstscope::parsers {
namespace {

namespace ondemand = simdjson::ondemand;
using base::Severity;
using std::string_view;

// Longer lines are reported as malformed rather than parsed: the limit
// bounds the parser's buffers.
constexpr size_t kMaxJsonLineBytes = 4 << 20;
constexpr int kMaxErrorTexts = 4;
// Message ranks: lower wins ("@m" 0, "message"/"msg"/"log" 1, "@mt" 2).
constexpr int kNoMessage = 99;

enum class Key : uint8_t {
  kIgnore,
  kTime,
  kLevel,
  kRenderedMessage,  // @m
  kMessage,          // message, msg
  kTemplate,         // @mt
  kError,
  kLogger,
  kHost,
  kProcess,
  kPid,
  kLog,  // Docker's message string, or ECS's {"level", "logger"} object
};

struct KeyName {
  string_view name;
  Key key;
};

constexpr KeyName kKeyNames[] = {
    {"@t", Key::kTime},
    {"time", Key::kTime},
    {"timestamp", Key::kTime},
    {"ts", Key::kTime},
    {"@timestamp", Key::kTime},
    {"t", Key::kTime},
    {"date", Key::kTime},
    {"@l", Key::kLevel},
    {"level", Key::kLevel},
    {"lvl", Key::kLevel},
    {"severity", Key::kLevel},
    {"log.level", Key::kLevel},
    {"@m", Key::kRenderedMessage},
    {"message", Key::kMessage},
    {"msg", Key::kMessage},
    {"@mt", Key::kTemplate},
    {"@x", Key::kError},
    {"error", Key::kError},
    {"err", Key::kError},
    {"exception", Key::kError},
    {"stack_trace", Key::kError},
    {"error.stack_trace", Key::kError},
    {"exc_info", Key::kError},
    {"stack", Key::kError},
    {"logger", Key::kLogger},
    {"logger_name", Key::kLogger},
    {"SourceContext", Key::kLogger},
    {"name", Key::kLogger},
    {"log.logger", Key::kLogger},
    {"host", Key::kHost},
    {"hostname", Key::kHost},
    {"host.name", Key::kHost},
    {"app", Key::kProcess},
    {"service", Key::kProcess},
    {"process", Key::kProcess},
    {"service.name", Key::kProcess},
    {"process.name", Key::kProcess},
    {"pid", Key::kPid},
    {"process.pid", Key::kPid},
    {"log", Key::kLog},
};

Key KeyOf(string_view name) {
  for (const KeyName& k : kKeyNames) {
    if (k.name == name) return k.key;
  }
  return Key::kIgnore;
}

// Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by
// magnitude (seconds up to year 5138, milliseconds up to 5138, ...).
bool EpochToMicros(double v, int64_t* us) {
  if (!(v >= 0)) return false;
  double scaled;
  if (v < 1e11) {
    scaled = v * 1e6;
  } else if (v < 1e14) {
    scaled = v * 1e3;
  } else if (v < 1e17) {
    scaled = v;
  } else {
    scaled = v / 1e3;
  }
  if (scaled > static_cast<double>(base::kMaxTimestampUs)) return false;
  *us = std::llround(scaled);
  return true;
}

bool EpochToMicros(int64_t v, int64_t* us) {
  if (v < 0) return false;
  if (v < 100000000000LL) {
    *us = v * 1000000;
  } else if (v < 100000000000000LL) {
    *us = v * 1000;
  } else if (v < 100000000000000000LL) {
    *us = v;
  } else {
    *us = v / 1000;
  }
  return *us <= base::kMaxTimestampUs;
}

Severity SeverityFromNumber(int64_t n) {
  // pino / bunyan
  switch (n) {
    case 10: return Severity::kDebug;
    case 20: return Severity::kDebug;
    case 30: return Severity::kInfo;
    case 40: return Severity::kWarning;
    case 50: return Severity::kError;
    case 60: return Severity::kCritical;
    default: break;
  }
  // syslog (RFC 5424 §6.2.1)
  if (n >= 0 && n <= 7) return static_cast<Severity>(n);
  return Severity::kUnknown;
}

string_view TrimTrailingNewlines(string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

class JsonLinesParser : public LineParser {
 public:
  explicit JsonLinesParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override;

 private:
  struct ErrorText {
    string_view type;  // "java.net.SocketException", or empty
    string_view text;
  };

  // What one line yields; lives on the stack for one Parse call.
  struct Fields {
    bool has_time = false;
    int64_t ts_us = 0;
    uint16_t flags = 0;
    uint32_t bad_time_column = 0;  // 1-based; 0 when no time field was bad
    bool clef = false;             // saw "@t": a CLEF event, level defaults to Information
    bool has_level = false;
    Severity severity = Severity::kUnknown;
    int msg_rank = kNoMessage;
    bool msg_verbatim = false;  // msg is line[msg_offset, +msg_length)
    size_t msg_offset = 0;
    size_t msg_length = 0;
    string_view msg;
    ErrorText errors[kMaxErrorTexts];
    int nerrors = 0;
    string_view logger, host, process;
    int64_t pid = -1;
  };

  void Apply(Key key, ondemand::value value, Fields* f);
  void ApplyTime(ondemand::value value, Fields* f);
  void ApplyLevel(ondemand::value value, Fields* f);
  void ApplyMessage(int rank, ondemand::value value, Fields* f);
  void ApplyError(ondemand::value value, Fields* f);
  void ApplyNested(Key key, ondemand::object object, Fields* f);
  bool ReadTimeString(string_view s, Fields* f);
  static bool ReadString(ondemand::value value, string_view* s);
  static bool ReadPid(ondemand::value value, int64_t* pid);
  // 1-based column of a position in buffer_, 1 when it lies outside.
  uint32_t Column(const char* p) const {
    return p >= buffer_.data() && p < buffer_.data() + buffer_.size()
               ? static_cast<uint32_t>(p - buffer_.data()) + 1
               : 1;
  }
  void BuildMessage(const Fields& f, ParsedLine* out);

  base::Zone zone_;
  ondemand::parser parser_;
  std::string buffer_;   // the line plus SIMDJSON_PADDING, reused
  std::string message_;  // a message assembled from several fields, reused
};

ParseOutcome JsonLinesParser::Parse(string_view line, ParsedLine* out) {
  size_t start = 0;
  while (start < line.size() && base::IsSpace(line[start])) ++start;
  if (start >= line.size() || line[start] != '{') {
    return ParseOutcome::NotThisFormat(1, "not a JSON object");
  }
  if (line.size() > kMaxJsonLineBytes) return ParseOutcome::Malformed(1, "JSON line over 4 MiB");
  if (buffer_.size() < line.size() + simdjson::SIMDJSON_PADDING) {
    buffer_.resize(line.size() + simdjson::SIMDJSON_PADDING);
  }
  line.copy(buffer_.data(), line.size());
  const simdjson::padded_string_view padded(buffer_.data(), line.size(), buffer_.size());

  ondemand::document doc;
  ondemand::object object;
  if (parser_.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS) {
    return ParseOutcome::Malformed(static_cast<uint32_t>(start + 1), "invalid JSON");
  }
  Fields f;
  for (auto result : object) {
    ondemand::field field;
    string_view name;
    if (std::move(result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(name) != simdjson::SUCCESS) {
      const char* at = nullptr;
      return ParseOutcome::Malformed(
          doc.current_location().get(at) == simdjson::SUCCESS ? Column(at) : 1, "invalid JSON");
    }
    if (name == "@t") f.clef = true;
    const Key key = KeyOf(name);
    if (key != Key::kIgnore) Apply(key, field.value(), &f);
  }
  // Past the object, simdjson reports no location unless more tokens follow.
  if (const char* at = nullptr; doc.current_location().get(at) == simdjson::SUCCESS) {
    return ParseOutcome::Malformed(Column(at), "text after the JSON object");
  }
  if (!f.has_time) {
    if (f.bad_time_column > 0) {
      return ParseOutcome::Malformed(f.bad_time_column, "time field is not a time");
    }
    return ParseOutcome::NotThisFormat(static_cast<uint32_t>(start + 1),
                                       "JSON object without a time field");
  }
  out->ts_us = f.ts_us;
  out->has_ts = true;
  out->flags |= f.flags;
  out->severity = f.severity;
  if (!f.has_level && f.clef && f.msg_rank < kNoMessage) out->severity = Severity::kInfo;
  out->host = f.host;
  out->process = f.process;
  out->pid = f.pid;
  if (!f.logger.empty()) out->AddAttr("logger", f.logger);
  BuildMessage(f, out);
  return ParseOutcome::Parsed();
}

void JsonLinesParser::BuildMessage(const Fields& f, ParsedLine* out) {
  const bool has_msg = f.msg_rank < kNoMessage;
  if (f.nerrors == 0) {
    if (!has_msg) {
      out->msg_offset = 0;
      out->msg_length = ParsedLine::kToEnd;
    } else if (f.msg_verbatim) {
      out->msg_offset = f.msg_offset;
      out->msg_length = f.msg_length;
    } else {
      out->message = f.msg;
      out->has_message_override = true;
    }
    return;
  }
  message_.clear();
  if (has_msg) {
    message_.append(f.msg_verbatim ? string_view(buffer_.data() + f.msg_offset, f.msg_length)
                                   : f.msg);
  }
  for (int i = 0; i < f.nerrors; ++i) {
    const ErrorText& e = f.errors[i];
    if (!message_.empty()) message_.push_back('\n');
    // An error object without a stack trace: "Type: message", as the
    // runtime would print it.
    if (!e.type.empty() && !base::StartsWith(e.text, e.type)) {
      message_.append(e.type);
      if (!e.text.empty()) message_.append(": ");
    }
    message_.append(e.text);
  }
  out->message = message_;
  out->has_message_override = true;
}

void JsonLinesParser::Apply(Key key, ondemand::value value, Fields* f) {
  switch (key) {
    case Key::kTime: ApplyTime(value, f); return;
    case Key::kLevel: ApplyLevel(value, f); return;
    case Key::kRenderedMessage: ApplyMessage(0, value, f); return;
    case Key::kMessage: ApplyMessage(1, value, f); return;
    case Key::kTemplate: ApplyMessage(2, value, f); return;
    case Key::kError: ApplyError(value, f); return;
    case Key::kIgnore: return;
    case Key::kLogger:
    case Key::kHost:
    case Key::kProcess:
    case Key::kPid:
    case Key::kLog: break;
  }
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return;
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (value.get_object().get(object) == simdjson::SUCCESS) ApplyNested(key, object, f);
    return;
  }
  switch (key) {
    case Key::kLogger:
      if (f->logger.empty()) ReadString(value, &f->logger);
      return;
    case Key::kHost:
      if (f->host.empty()) ReadString(value, &f->host);
      return;
    case Key::kProcess:
      if (f->process.empty()) ReadString(value, &f->process);
      return;
    case Key::kPid:
      if (f->pid < 0) ReadPid(value, &f->pid);
      return;
    case Key::kLog: ApplyMessage(1, value, f); return;
    default: return;
  }
}

void JsonLinesParser::ApplyNested(Key key, ondemand::object object, Fields* f) {
  for (auto result : object) {
    ondemand::field field;
    string_view name;
    if (std::move(result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(name) != simdjson::SUCCESS) {
      return;
    }
    ondemand::value value = field.value();
    switch (key) {
      case Key::kHost:
        if ((name == "name" || name == "hostname") && f->host.empty()) {
          ReadString(value, &f->host);
        }
        break;
      case Key::kProcess:
        if (name == "name" && f->process.empty()) ReadString(value, &f->process);
        if (name == "pid" && f->pid < 0) ReadPid(value, &f->pid);
        break;
      case Key::kLog:
        if (name == "level") ApplyLevel(value, f);
        if (name == "logger" && f->logger.empty()) ReadString(value, &f->logger);
        break;
      default: return;
    }
  }
}

void JsonLinesParser::ApplyTime(ondemand::value value, Fields* f) {
  if (f->has_time) return;
  const char* at = value.raw_json_token().data();
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return;
  bool ok = false;
  switch (type) {
    case ondemand::json_type::string: {
      string_view s;
      ok = value.get_string().get(s) == simdjson::SUCCESS && ReadTimeString(s, f);
      break;
    }
    case ondemand::json_type::number: {
      ondemand::number n;
      int64_t us = 0;
      if (value.get_number().get(n) == simdjson::SUCCESS) {
        if (n.is_int64()) {
          ok = EpochToMicros(n.get_int64(), &us);
        } else if (n.is_double()) {
          ok = EpochToMicros(n.get_double(), &us);
        }
      }
      if (ok) {
        f->ts_us = us;
        f->has_time = true;
      }
      break;
    }
    case ondemand::json_type::object: {
      // MongoDB extended JSON: {"$date": "2024-..."}.
      ondemand::object object;
      string_view s;
      ondemand::value date;
      ok = value.get_object().get(object) == simdjson::SUCCESS &&
           object.find_field_unordered("$date").get(date) == simdjson::SUCCESS &&
           date.get_string().get(s) == simdjson::SUCCESS && ReadTimeString(s, f);
      break;
    }
    default: break;
  }
  if (!ok && f->bad_time_column == 0) f->bad_time_column = Column(at);
}

bool JsonLinesParser::ReadTimeString(string_view s, Fields* f) {
  CivilTime t;
  if (s.empty() || ParseIso8601(s, &t) != s.size()) return false;
  uint16_t flags = 0;
  if (!ToUtcMicros(t, zone_, &f->ts_us, &flags)) return false;
  f->flags |= flags;
  f->has_time = true;
  return true;
}

void JsonLinesParser::ApplyLevel(ondemand::value value, Fields* f) {
  if (f->has_level) return;
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return;
  if (type == ondemand::json_type::string) {
    string_view s;
    if (value.get_string().get(s) != simdjson::SUCCESS) return;
    f->severity = base::SeverityFromWord(s);
    f->has_level = true;
  } else if (type == ondemand::json_type::number) {
    int64_t n = 0;
    if (value.get_int64().get(n) != simdjson::SUCCESS) return;
    f->severity = SeverityFromNumber(n);
    f->has_level = true;
  }
}

void JsonLinesParser::ApplyMessage(int rank, ondemand::value value, Fields* f) {
  if (rank >= f->msg_rank) return;
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::string) return;
  // The raw token is the quoted string plus any blanks before the next
  // token. Without a backslash, its content is the message verbatim.
  string_view raw = value.raw_json_token();
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"' &&
      raw.find('\\') == string_view::npos) {
    f->msg_verbatim = true;
    f->msg_offset = static_cast<size_t>(raw.data() + 1 - buffer_.data());
    f->msg_length = raw.size() - 2;
    f->msg_rank = rank;
    return;
  }
  string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) return;
  f->msg_verbatim = false;
  f->msg = TrimTrailingNewlines(s);
  f->msg_rank = rank;
}

void JsonLinesParser::ApplyError(ondemand::value value, Fields* f) {
  if (f->nerrors >= kMaxErrorTexts) return;
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return;
  ErrorText e;
  if (type == ondemand::json_type::string) {
    if (value.get_string().get(e.text) != simdjson::SUCCESS) return;
  } else if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return;
    string_view stack, message;
    for (auto result : object) {
      ondemand::field field;
      string_view name;
      if (std::move(result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(name) != simdjson::SUCCESS) {
        return;
      }
      if (name == "stack_trace" || name == "stack") {
        ReadString(field.value(), &stack);
      } else if (name == "message") {
        ReadString(field.value(), &message);
      } else if (name == "type") {
        ReadString(field.value(), &e.type);
      }
    }
    // A stack trace already names the type and message.
    if (!stack.empty()) {
      e.text = stack;
      e.type = {};
    } else {
      e.text = message;
    }
  } else {
    return;
  }
  e.text = TrimTrailingNewlines(e.text);
  if (e.text.empty() && e.type.empty()) return;
  f->errors[f->nerrors++] = e;
}

bool JsonLinesParser::ReadString(ondemand::value value, string_view* s) {
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::string) {
    return false;
  }
  return value.get_string().get(*s) == simdjson::SUCCESS;
}

bool JsonLinesParser::ReadPid(ondemand::value value, int64_t* pid) {
  ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == ondemand::json_type::number) {
    int64_t n = 0;
    if (value.get_int64().get(n) != simdjson::SUCCESS || n < 0) return false;
    *pid = n;
    return true;
  }
  string_view s;
  if (type != ondemand::json_type::string || value.get_string().get(s) != simdjson::SUCCESS) {
    return false;
  }
  size_t pos = 0;
  int64_t n = 0;
  if (!base::ParseDigits(s, &pos, &n) || pos != s.size()) return false;
  *pid = n;
  return true;
}

std::unique_ptr<LineParser> MakeJsonLinesParser(const SourceContext& ctx) {
  return std::make_unique<JsonLinesParser>(ctx);
}

constexpr FormatSample kJsonLinesSamples[] = {
    {
        .text =
            R"json({"@t":"2024-03-01T10:15:02.1234567Z","@mt":"Request to {Url} failed","@l":"Error","@x":"System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..\n ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.\n   at System.Net.Sockets.Socket.Receive(Span`1 buffer, SocketFlags socketFlags)","Url":"https://api.example.com/v1/orders","SourceContext":"Acme.Client.OrdersClient"})json",
        .ts = "2024-03-01T10:15:02.123456Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "Request to {Url} failed\n"
                   "System.Net.Http.HttpRequestException: An error occurred while sending the "
                   "request.\n"
                   " ---> System.IO.IOException: Unable to read data from the transport "
                   "connection: An existing connection was forcibly closed by the remote host..\n"
                   " ---> System.Net.Sockets.SocketException (10054): An existing connection "
                   "was forcibly closed by the remote host.\n"
                   "   at System.Net.Sockets.Socket.Receive(Span`1 buffer, SocketFlags "
                   "socketFlags)",
        .kind = "reset",
    },
    {
        .text =
            R"json({"time":"2024-03-01T10:15:02.123+01:00","level":"error","msg":"upstream call failed","error":"read tcp 10.0.0.5:41234->10.0.0.21:8080: read: connection reset by peer","host":"api-1","service":"orders","pid":4242})json",
        .ts = "2024-03-01T09:15:02.123000Z",
        .host = "api-1",
        .process = "orders",
        .pid = 4242,
        .severity = "error",
        .message = "upstream call failed\n"
                   "read tcp 10.0.0.5:41234->10.0.0.21:8080: read: connection reset by peer",
        .kind = "reset",
        .src_ip = "10.0.0.5",
        .src_port = 41234,
        .dst_ip = "10.0.0.21",
        .dst_port = 8080,
    },
    {
        .text =
            R"json({"level":"info","ts":1709288102.5,"caller":"server/main.go:42","msg":"listening on :8080","pid":17})json",
        .ts = "2024-03-01T10:15:02.500000Z",
        .host = "",
        .process = "",
        .pid = 17,
        .severity = "info",
        .message = "listening on :8080",
    },
    {
        .text =
            R"json({"@timestamp":"2024-03-01T10:15:02.123Z","log.level":"ERROR","message":"Payment failed","ecs.version":"1.2.0","service.name":"shop","process.pid":1,"host.name":"shop-7d9f","log.logger":"com.acme.shop.PaymentService","error.type":"java.net.SocketException","error.message":"Connection reset","error.stack_trace":"java.net.SocketException: Connection reset\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)"})json",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "shop-7d9f",
        .process = "shop",
        .pid = 1,
        .severity = "error",
        .message = "Payment failed\n"
                   "java.net.SocketException: Connection reset\n"
                   "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)",
        .kind = "reset",
    },
    {
        .text =
            R"json({"level":50,"time":1709288102123,"pid":4242,"hostname":"web-1","msg":"request failed","err":{"type":"Error","message":"socket hang up","stack":"Error: socket hang up\n    at connResetException (node:internal/errors:720:14)","code":"ECONNRESET"}})json",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "web-1",
        .process = "",
        .pid = 4242,
        .severity = "error",
        .message = "request failed\n"
                   "Error: socket hang up\n"
                   "    at connResetException (node:internal/errors:720:14)",
        .kind = "reset",
    },
    {
        .text =
            R"json({"timestamp":"2024-03-01 10:15:02,123","severity":"WARNING","logger":"acme.client","message":"retrying \"GET /v1\" after ConnectionResetError"})json",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "retrying \"GET /v1\" after ConnectionResetError",
        .kind = "reset",
    },
    {
        .text =
            R"json({"t":{"$date":"2024-03-01T10:15:02.123+00:00"},"s":"I","c":"NETWORK","id":22944,"ctx":"conn12","msg":"Connection ended","attr":{"remote":"10.0.0.5:51514","connectionCount":3}})json",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "",
        .message = "Connection ended",
    },
};

}  // namespace

const FormatInfo kJsonLinesFormat = {
    .name = "json_lines",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "one JSON object per line from a structured logger (CLEF, zap, pino, ECS...)",
    .signature = "a JSON object with a time field (@t, time, timestamp, ts, @timestamp, t, date)",
    .priority = 80,
    .continuation = Continuation::kNone,
    .make_parser = &MakeJsonLinesParser,
    .samples = kJsonLinesSamples,
};

}  // namespace rstscope::parsers
