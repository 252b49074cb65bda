// Envoy's default text access log (FORMATS.md §6.5; envoy
// docs/root/configuration/observability/access_log/usage.rst):
//
//   [START_TIME] "METHOD PATH PROTOCOL" RESPONSE_CODE RESPONSE_FLAGS
//     BYTES_RECEIVED BYTES_SENT DURATION UPSTREAM_SERVICE_TIME
//     ["X-FORWARDED-FOR" ["USER-AGENT" ["X-REQUEST-ID" [":AUTHORITY"
//     ["UPSTREAM_HOST"]]]]][ anything]
//
// START_TIME is RFC 3339 in UTC ("2016-04-15T20:17:00.310Z"); a time
// without an offset is read in the source's zone. TCP proxies log the
// request as "- - -" and code 0. Empty values are "-". RESPONSE_FLAGS is
// "-" or a comma-separated list ("UF,URX").
//
// The record time is the request start (Envoy logs no end time; the
// duration is kept). The first X-Forwarded-For address is the client
// (src); UPSTREAM_HOST, "IP:PORT" or "tcp://IP:PORT", is the destination.
// The kind follows the response flags, upstream reset first (the evidence
// the correlation looks for), then timeout, health, connect failure,
// overflow, and the client going away.
//
// envoy_json: the same fields written with json_format (Istio's JSON access
// log and most mesh setups), one object per line, read by key:
//   start_time (RFC 3339 string)        response_code (number or string)
//   response_flags   duration   bytes_received   bytes_sent
//   method   path   authority   request_id   upstream_host
//   downstream_remote_address ("IP:PORT", the client)   x_forwarded_for
//   response_code_details ("upstream_reset_before_response_started{...}")
// A line needs start_time and a response code or flags; other keys are
// skipped, null values are absent. The message is the whole line.
#include <string>

#include "base/strings.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/timestamp.h"
#include "simdjson.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using proxy::IsInteger;
using proxy::NextToken;
using proxy::SkipQuoted;

struct FlagRule {
  std::string_view flag;
  base::Kind kind;
  std::string_view rule;
};

// In priority order (see above).
constexpr FlagRule kFlagRules[] = {
    {"UC", base::Kind::kReset, "envoy_UC"},       {"UR", base::Kind::kReset, "envoy_UR"},
    {"LR", base::Kind::kReset, "envoy_LR"},       {"UT", base::Kind::kTimeout, "envoy_UT"},
    {"UH", base::Kind::kBackendDown, "envoy_UH"}, {"UF", base::Kind::kRefused, "envoy_UF"},
    {"URX", base::Kind::kRefused, "envoy_URX"},   {"UO", base::Kind::kOverload, "envoy_UO"},
    {"DC", base::Kind::kClientAbort, "envoy_DC"},
};

bool IsFlagList(std::string_view s) {
  if (s == "-") return true;
  if (s.empty() || s.front() == ',' || s.back() == ',') return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || c == ',')) return false;
  }
  return true;
}

bool HasFlag(std::string_view flags, std::string_view flag) {
  size_t start = 0;
  while (start < flags.size()) {
    size_t end = flags.find(',', start);
    if (end == std::string_view::npos) end = flags.size();
    if (flags.substr(start, end - start) == flag) return true;
    start = end + 1;
  }
  return false;
}

// Sets the kind from RESPONSE_FLAGS ("-" or "UF,URX"), and lifts an info
// severity to warning when any flag is set.
void ApplyFlags(std::string_view flags, ParsedLine* out) {
  if (flags.empty() || flags == "-") return;
  if (out->severity == base::Severity::kInfo) out->severity = base::Severity::kWarning;
  for (const FlagRule& r : kFlagRules) {
    if (HasFlag(flags, r.flag)) {
      out->kind = r.kind;
      out->rule = r.rule;
      return;
    }
  }
}

// The value of the quoted field at line[*pos] (without quotes); advances
// *pos past it and one space. False when there is none.
bool NextQuoted(std::string_view line, size_t* pos, std::string_view* value) {
  if (*pos >= line.size() || line[*pos] != '"') return false;
  const size_t end = SkipQuoted(line, *pos);
  if (end == std::string_view::npos) return false;
  *value = line.substr(*pos + 1, end - *pos - 2);
  *pos = end < line.size() && line[end] == ' ' ? end + 1 : end;
  return true;
}

class EnvoyParser final : public LineParser {
 public:
  explicit EnvoyParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    if (line.size() < 24 || line[0] != '[' || !IsDigit(line[1])) {
      return ParseOutcome::NotThisFormat(1, "no [START_TIME]");
    }
    CivilTime t;
    const size_t n = ParseIso8601(line.substr(1), &t);
    if (n == 0 || 1 + n + 2 >= line.size() || line[1 + n] != ']' || line[2 + n] != ' ' ||
        line[3 + n] != '"') {
      return ParseOutcome::NotThisFormat(1, "no [START_TIME] \"REQUEST\"");
    }
    size_t pos = 3 + n;
    const size_t request_start = pos;
    std::string_view request;
    if (!NextQuoted(line, &pos, &request) || pos == line.size()) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(request_start + 1),
                                         "no quoted request");
    }
    const auto not_this = [&](std::string_view why) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), why);
    };
    const std::string_view code = NextToken(line, &pos);
    if (code.size() > 3 || !IsInteger(code)) return not_this("no response code");
    const std::string_view flags = NextToken(line, &pos);
    if (!IsFlagList(flags)) return not_this("no response flags");
    const std::string_view received = NextToken(line, &pos);
    const std::string_view sent = NextToken(line, &pos);
    const std::string_view duration = NextToken(line, &pos);
    if (!IsInteger(received) || !IsInteger(sent) || (duration != "-" && !IsInteger(duration))) {
      return not_this("no byte counts and duration");
    }
    const std::string_view service_time = NextToken(line, &pos);
    if (service_time != "-" && !IsInteger(service_time)) {
      return not_this("no upstream service time");
    }
    // The quoted headers are optional from here on.
    std::string_view xff, agent, request_id, authority, upstream;
    if (NextQuoted(line, &pos, &xff) && NextQuoted(line, &pos, &agent) &&
        NextQuoted(line, &pos, &request_id) && NextQuoted(line, &pos, &authority)) {
      NextQuoted(line, &pos, &upstream);
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(2, TimestampProblem(t));
    }
    out->has_ts = true;

    const size_t sp = request.find(' ');
    if (sp != std::string_view::npos && request.substr(0, sp) != "-") {
      out->AddAttr("method", request.substr(0, sp));
      std::string_view path = request.substr(sp + 1);
      path = path.substr(0, path.find(' '));
      if (!path.empty() && path != "-") out->AddAttr("path", path);
    }
    out->AddAttr("status", code, /*is_number=*/true);
    if (flags != "-") out->AddAttr("reason", flags);
    out->AddAttr("bytes_in", received, /*is_number=*/true);
    out->AddAttr("bytes_out", sent, /*is_number=*/true);
    if (duration != "-") out->AddAttr("duration_ms", duration, /*is_number=*/true);
    if (!request_id.empty() && request_id != "-") out->AddAttr("request_id", request_id);
    if (!authority.empty() && authority != "-") out->AddAttr("authority", authority);
    if (!upstream.empty() && upstream != "-") {
      out->AddAttr("upstream", upstream);
      std::string_view host = upstream;
      if (base::StartsWith(host, "tcp://")) host.remove_prefix(6);
      proxy::SplitIpPort(host, &out->dst_ip, &out->dst_port);
    }
    const std::string_view client = base::TrimSpace(xff.substr(0, xff.find(',')));
    if (base::IsIp(client)) out->src_ip = client;

    int status = 0;
    for (char c : code) status = status * 10 + (c - '0');
    out->severity = proxy::SeverityFromStatus(status);
    ApplyFlags(flags, out);
    out->msg_offset = request_start;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakeEnvoy(const SourceContext& ctx) {
  return std::make_unique<EnvoyParser>(ctx);
}

namespace ondemand = simdjson::ondemand;

// Longer lines are not access-log records; the limit bounds the buffer.
constexpr size_t kMaxJsonLineBytes = 1 << 20;

struct JsonFields {
  bool has_time = false;
  CivilTime time;
  std::string_view code, flags, duration, received, sent, method, path, authority, request_id,
      upstream, client, xff, details;
};

class EnvoyJsonParser final : public LineParser {
 public:
  explicit EnvoyJsonParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t start = 0;
    while (start < line.size() && base::IsSpace(line[start])) ++start;
    if (start >= line.size() || line[start] != '{' || line.size() > kMaxJsonLineBytes) {
      return ParseOutcome::NotThisFormat(1, "not a JSON object");
    }
    if (buffer_.size() < line.size() + simdjson::SIMDJSON_PADDING) {
      buffer_.resize(line.size() + simdjson::SIMDJSON_PADDING);
    }
    line.copy(buffer_.data(), line.size());
    const simdjson::padded_string_view padded(buffer_.data(), line.size(), buffer_.size());
    ondemand::document doc;
    ondemand::object object;
    if (parser_.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(object) != simdjson::SUCCESS) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(start + 1), "invalid JSON");
    }
    JsonFields f;
    for (auto result : object) {
      ondemand::field field;
      std::string_view name;
      if (std::move(result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(name) != simdjson::SUCCESS) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(start + 1), "invalid JSON");
      }
      std::string_view* slot = Slot(name, &f);
      if (slot == nullptr && name != "start_time") continue;
      std::string_view value;
      if (!ReadScalar(field.value(), &value)) continue;
      if (slot != nullptr) {
        *slot = value;
      } else {
        f.has_time = !value.empty() && ParseIso8601(value, &f.time) == value.size();
      }
    }
    if (!f.has_time || (f.code.empty() && f.flags.empty())) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(start + 1),
                                         "no start_time and response_code");
    }
    if (!f.code.empty() && (f.code.size() > 3 || !IsInteger(f.code))) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(start + 1),
                                     "response_code is not a number");
    }
    if (!ToUtcMicros(f.time, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(start + 1), TimestampProblem(f.time));
    }
    out->has_ts = true;
    const auto add = [out](std::string_view key, std::string_view value, bool number = false) {
      if (!value.empty() && value != "-" && (!number || IsInteger(value))) {
        out->AddAttr(key, value, number);
      }
    };
    add("method", f.method);
    add("path", f.path);
    add("status", f.code, true);
    add("reason", f.flags);
    add("bytes_in", f.received, true);
    add("bytes_out", f.sent, true);
    add("duration_ms", f.duration, true);
    add("request_id", f.request_id);
    add("authority", f.authority);
    add("upstream", f.upstream);
    add("details", f.details);
    if (!f.upstream.empty()) {
      std::string_view host = f.upstream;
      if (base::StartsWith(host, "tcp://")) host.remove_prefix(6);
      proxy::SplitIpPort(host, &out->dst_ip, &out->dst_port);
    }
    if (!proxy::SplitIpPort(f.client, &out->src_ip, &out->src_port)) {
      const std::string_view first = base::TrimSpace(f.xff.substr(0, f.xff.find(',')));
      if (base::IsIp(first)) out->src_ip = first;
    }
    int status = 0;
    for (char c : f.code) status = status * 10 + (c - '0');
    out->severity = proxy::SeverityFromStatus(status);
    ApplyFlags(f.flags, out);
    out->msg_offset = 0;
    return ParseOutcome::Parsed();
  }

 private:
  static std::string_view* Slot(std::string_view name, JsonFields* f) {
    if (name == "response_code") return &f->code;
    if (name == "response_flags") return &f->flags;
    if (name == "duration") return &f->duration;
    if (name == "bytes_received") return &f->received;
    if (name == "bytes_sent") return &f->sent;
    if (name == "method") return &f->method;
    if (name == "path") return &f->path;
    if (name == "authority") return &f->authority;
    if (name == "request_id" || name == "x_request_id") return &f->request_id;
    if (name == "upstream_host") return &f->upstream;
    if (name == "downstream_remote_address") return &f->client;
    if (name == "x_forwarded_for") return &f->xff;
    if (name == "response_code_details") return &f->details;
    return nullptr;
  }

  // A string (unescaped, in the simdjson parser's buffer) or a number (its
  // token in buffer_). False for null, objects, arrays and booleans.
  static bool ReadScalar(ondemand::value value, std::string_view* out) {
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return false;
    if (type == ondemand::json_type::string) {
      return value.get_string().get(*out) == simdjson::SUCCESS;
    }
    if (type == ondemand::json_type::number) {
      *out = base::TrimRightSpace(value.raw_json_token());
      return true;
    }
    return false;
  }

  base::Zone zone_;
  ondemand::parser parser_;
  std::string buffer_;  // the line plus SIMDJSON_PADDING, reused
};

std::unique_ptr<LineParser> MakeEnvoyJson(const SourceContext& ctx) {
  return std::make_unique<EnvoyJsonParser>(ctx);
}

constexpr FormatSample kEnvoySamples[] = {
    // [verbatim] envoy usage.rst: the default format.
    {.text = "[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 "
             "\"10.0.35.28\" \"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" "
             "\"locations\" \"tcp://10.0.2.1:80\"",
     .ts = "2016-04-15T20:17:00.310000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"POST /api/v1/locations HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" "
                "\"nsq2http\" \"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2\" \"locations\" "
                "\"tcp://10.0.2.1:80\"",
     .kind = "other",
     .src_ip = "10.0.35.28",
     .dst_ip = "10.0.2.1",
     .dst_port = 80,
     .attrs = R"({"method":"POST","path":"/api/v1/locations","status":204,"bytes_in":154,)"
              R"("bytes_out":0,"duration_ms":226,)"
              R"("request_id":"cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2","authority":"locations",)"
              R"("upstream":"tcp://10.0.2.1:80"})"},
    // [from-format] the upstream terminated the connection (UC, 503).
    {.text = "[2024-03-01T10:15:02.123Z] \"GET /api/v1/orders HTTP/1.1\" 503 UC 0 95 12 - "
             "\"203.0.113.9, 10.0.0.2\" \"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b\" "
             "\"orders\" \"10.0.2.1:8080\"",
     .ts = "2024-03-01T10:15:02.123000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "\"GET /api/v1/orders HTTP/1.1\" 503 UC 0 95 12 - \"203.0.113.9, 10.0.0.2\" "
                "\"curl/8.5.0\" \"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b\" \"orders\" "
                "\"10.0.2.1:8080\"",
     .kind = "reset",
     .src_ip = "203.0.113.9",
     .dst_ip = "10.0.2.1",
     .dst_port = 8080,
     .attrs = R"({"method":"GET","path":"/api/v1/orders","status":503,"reason":"UC",)"
              R"("bytes_in":0,"bytes_out":95,"duration_ms":12,)"
              R"("request_id":"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b","authority":"orders",)"
              R"("upstream":"10.0.2.1:8080"})"},
    // [from-format] upstream request timeout (UT, 504).
    {.text = "[2024-03-01T10:15:20.000Z] \"POST /api/v1/reports HTTP/2\" 504 UT 120 24 15001 - "
             "\"10.0.35.28\" \"okhttp/4.12\" \"7d1e0c55-9a43-4f6b-8e0d-2b7c9a1f3e64\" "
             "\"reports\" \"10.0.2.7:8080\"",
     .ts = "2024-03-01T10:15:20.000000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "\"POST /api/v1/reports HTTP/2\" 504 UT 120 24 15001 - \"10.0.35.28\" "
                "\"okhttp/4.12\" \"7d1e0c55-9a43-4f6b-8e0d-2b7c9a1f3e64\" \"reports\" "
                "\"10.0.2.7:8080\"",
     .kind = "timeout",
     .src_ip = "10.0.35.28",
     .dst_ip = "10.0.2.7",
     .dst_port = 8080,
     .attrs = R"({"method":"POST","path":"/api/v1/reports","status":504,"reason":"UT",)"
              R"("bytes_in":120,"bytes_out":24,"duration_ms":15001,)"
              R"("request_id":"7d1e0c55-9a43-4f6b-8e0d-2b7c9a1f3e64","authority":"reports",)"
              R"("upstream":"10.0.2.7:8080"})"},
    // [from-format] no healthy upstream: no upstream host at all.
    {.text = "[2024-03-01T10:15:21.500Z] \"GET / HTTP/1.1\" 503 UH 0 19 0 - \"-\" \"curl/8.5.0\" "
             "\"3f0b8c1e-55aa-4f21-b0c2-9e7d6a5b4c3d\" \"web\" \"-\"",
     .ts = "2024-03-01T10:15:21.500000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "\"GET / HTTP/1.1\" 503 UH 0 19 0 - \"-\" \"curl/8.5.0\" "
                "\"3f0b8c1e-55aa-4f21-b0c2-9e7d6a5b4c3d\" \"web\" \"-\"",
     .kind = "backend_down",
     .attrs = R"({"method":"GET","path":"/","status":503,"reason":"UH","bytes_in":0,)"
              R"("bytes_out":19,"duration_ms":0,)"
              R"("request_id":"3f0b8c1e-55aa-4f21-b0c2-9e7d6a5b4c3d","authority":"web"})"},
    // [from-format] connection failure, then the retry limit (UF,URX).
    {.text = "[2024-03-01T10:15:22.000Z] \"GET /api HTTP/1.1\" 503 UF,URX 0 91 3 - \"10.0.35.28\" "
             "\"curl/8.5.0\" \"a1b2c3d4-0000-4000-8000-000000000001\" \"api\" \"10.0.2.9:8080\"",
     .ts = "2024-03-01T10:15:22.000000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "\"GET /api HTTP/1.1\" 503 UF,URX 0 91 3 - \"10.0.35.28\" \"curl/8.5.0\" "
                "\"a1b2c3d4-0000-4000-8000-000000000001\" \"api\" \"10.0.2.9:8080\"",
     .kind = "refused",
     .src_ip = "10.0.35.28",
     .dst_ip = "10.0.2.9",
     .dst_port = 8080,
     .attrs = R"({"method":"GET","path":"/api","status":503,"reason":"UF,URX","bytes_in":0,)"
              R"("bytes_out":91,"duration_ms":3,)"
              R"("request_id":"a1b2c3d4-0000-4000-8000-000000000001","authority":"api",)"
              R"("upstream":"10.0.2.9:8080"})"},
    // [from-format] the client went away first: code 0, DC.
    {.text = "[2024-03-01T10:15:23.000Z] \"GET /big.iso HTTP/1.1\" 0 DC 0 0 5012 - "
             "\"10.0.35.28\" \"curl/8.5.0\" \"a1b2c3d4-0000-4000-8000-000000000003\" \"files\" "
             "\"10.0.2.3:80\"",
     .ts = "2024-03-01T10:15:23.000000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "\"GET /big.iso HTTP/1.1\" 0 DC 0 0 5012 - \"10.0.35.28\" \"curl/8.5.0\" "
                "\"a1b2c3d4-0000-4000-8000-000000000003\" \"files\" \"10.0.2.3:80\"",
     .kind = "client_abort",
     .src_ip = "10.0.35.28",
     .dst_ip = "10.0.2.3",
     .dst_port = 80,
     .attrs = R"({"method":"GET","path":"/big.iso","status":0,"reason":"DC","bytes_in":0,)"
              R"("bytes_out":0,"duration_ms":5012,)"
              R"("request_id":"a1b2c3d4-0000-4000-8000-000000000003","authority":"files",)"
              R"("upstream":"10.0.2.3:80"})"},
    // [from-format] a TCP proxy stream: no request, no headers.
    {.text = "[2024-03-01T10:16:00.000Z] \"- - -\" 0 - 1234 5678 60000 - \"-\" \"-\" \"-\" \"-\" "
             "\"10.0.3.4:5432\"",
     .ts = "2024-03-01T10:16:00.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"- - -\" 0 - 1234 5678 60000 - \"-\" \"-\" \"-\" \"-\" \"10.0.3.4:5432\"",
     .kind = "other",
     .dst_ip = "10.0.3.4",
     .dst_port = 5432,
     .attrs = R"({"status":0,"bytes_in":1234,"bytes_out":5678,"duration_ms":60000,)"
              R"("upstream":"10.0.3.4:5432"})"},
};

constexpr FormatSample kEnvoyJsonSamples[] = {
    // [from-format] Istio's JSON access log: the upstream connection was
    // terminated before the response started.
    {.text = R"({"start_time":"2024-03-01T10:15:02.123Z","method":"GET","path":"/api/v1/orders",)"
             R"("protocol":"HTTP/1.1","response_code":503,"response_flags":"UC",)"
             R"("response_code_details":)"
             R"("upstream_reset_before_response_started{connection_termination}",)"
             R"("bytes_received":0,"bytes_sent":95,"duration":12,"upstream_service_time":null,)"
             R"("x_forwarded_for":null,"user_agent":"curl/8.5.0",)"
             R"("request_id":"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b","authority":"orders:8080",)"
             R"("upstream_host":"10.0.2.1:8080",)"
             R"("upstream_cluster":"outbound|8080||orders.default.svc.cluster.local",)"
             R"("downstream_remote_address":"10.0.35.28:51234"})",
     .ts = "2024-03-01T10:15:02.123000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message =
         R"({"start_time":"2024-03-01T10:15:02.123Z","method":"GET","path":"/api/v1/orders",)"
         R"("protocol":"HTTP/1.1","response_code":503,"response_flags":"UC",)"
         R"("response_code_details":)"
         R"("upstream_reset_before_response_started{connection_termination}",)"
         R"("bytes_received":0,"bytes_sent":95,"duration":12,"upstream_service_time":null,)"
         R"("x_forwarded_for":null,"user_agent":"curl/8.5.0",)"
         R"("request_id":"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b","authority":"orders:8080",)"
         R"("upstream_host":"10.0.2.1:8080",)"
         R"("upstream_cluster":"outbound|8080||orders.default.svc.cluster.local",)"
         R"("downstream_remote_address":"10.0.35.28:51234"})",
     .kind = "reset",
     .src_ip = "10.0.35.28",
     .src_port = 51234,
     .dst_ip = "10.0.2.1",
     .dst_port = 8080,
     .attrs = R"({"method":"GET","path":"/api/v1/orders","status":503,"reason":"UC",)"
              R"("bytes_in":0,"bytes_out":95,"duration_ms":12,)"
              R"("request_id":"0c2a7e4d-1f9b-4b8e-9d3c-5a6f7e8d9c0b","authority":"orders:8080",)"
              R"("upstream":"10.0.2.1:8080",)"
              R"("details":"upstream_reset_before_response_started{connection_termination}"})"},
    // [from-format] a normal request: flags "-", client from X-Forwarded-For.
    {.text = R"({"start_time":"2024-03-01T10:15:03.000Z","method":"GET","path":"\/healthz",)"
             R"("response_code":200,"response_flags":"-","bytes_received":0,"bytes_sent":2,)"
             R"("duration":1,"x_forwarded_for":"203.0.113.9, 10.0.0.2","request_id":"r-1",)"
             R"("upstream_host":"10.0.2.1:8080"})",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = R"({"start_time":"2024-03-01T10:15:03.000Z","method":"GET","path":"\/healthz",)"
                R"("response_code":200,"response_flags":"-","bytes_received":0,"bytes_sent":2,)"
                R"("duration":1,"x_forwarded_for":"203.0.113.9, 10.0.0.2","request_id":"r-1",)"
                R"("upstream_host":"10.0.2.1:8080"})",
     .kind = "other",
     .src_ip = "203.0.113.9",
     .dst_ip = "10.0.2.1",
     .dst_port = 8080,
     .attrs = R"({"method":"GET","path":"/healthz","status":200,"bytes_in":0,"bytes_out":2,)"
              R"("duration_ms":1,"request_id":"r-1","upstream":"10.0.2.1:8080"})"},
    // [from-format] upstream timeout; the code written as a string.
    {.text = R"({"start_time":"2024-03-01T10:15:20Z","response_code":"504","response_flags":"UT",)"
             R"("duration":15001,"upstream_host":"10.0.2.7:8080",)"
             R"("downstream_remote_address":"10.0.35.29:40001"})",
     .ts = "2024-03-01T10:15:20.000000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message =
         R"({"start_time":"2024-03-01T10:15:20Z","response_code":"504","response_flags":"UT",)"
         R"("duration":15001,"upstream_host":"10.0.2.7:8080",)"
         R"("downstream_remote_address":"10.0.35.29:40001"})",
     .kind = "timeout",
     .src_ip = "10.0.35.29",
     .src_port = 40001,
     .dst_ip = "10.0.2.7",
     .dst_port = 8080,
     .attrs = R"({"status":504,"reason":"UT","duration_ms":15001,"upstream":"10.0.2.7:8080"})"},
    // [from-format] the client left first: code 0, DC.
    {.text = R"({"start_time":"2024-03-01T10:15:23.000Z","method":"GET","path":"/big.iso",)"
             R"("response_code":0,"response_flags":"DC","duration":5012,"upstream_host":null,)"
             R"("downstream_remote_address":"10.0.35.28:51300"})",
     .ts = "2024-03-01T10:15:23.000000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = R"({"start_time":"2024-03-01T10:15:23.000Z","method":"GET","path":"/big.iso",)"
                R"("response_code":0,"response_flags":"DC","duration":5012,"upstream_host":null,)"
                R"("downstream_remote_address":"10.0.35.28:51300"})",
     .kind = "client_abort",
     .src_ip = "10.0.35.28",
     .src_port = 51300,
     .attrs = R"({"method":"GET","path":"/big.iso","status":0,"reason":"DC",)"
              R"("duration_ms":5012})"},
};

}  // namespace

const FormatInfo kEnvoyFormat = {
    .name = "envoy",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "Envoy (and Istio sidecar) default text access log",
    .signature = "[YYYY-MM-DDThh:mm:ss.mmmZ] \"REQUEST\" CODE FLAGS RX TX DURATION ...",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeEnvoy,
    .samples = kEnvoySamples,
};

const FormatInfo kEnvoyJsonFormat = {
    .name = "envoy_json",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "Envoy / Istio JSON access log (json_format with the usual keys)",
    .signature = "{\"start_time\": ..., \"response_code\": ..., \"response_flags\": ...}",
    .priority = 40,
    .continuation = Continuation::kNone,
    .make_parser = &MakeEnvoyJson,
    .samples = kEnvoyJsonSamples,
};

}  // namespace rstscope::parsers
