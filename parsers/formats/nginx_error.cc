// nginx error log (src/core/ngx_log.c ngx_log_error_core; the tail comes
// from ngx_http_log_error_handler in src/http/ngx_http_request.c):
//
//   YYYY/MM/DD hh:mm:ss [LEVEL] PID#TID: [*CONNID ]MESSAGE
//     [, client: IP, server: NAME[, request: "LINE"][, subrequest: "URI"]
//      [, upstream: "URL"][, host: "HOST"][, referrer: "URL"]]
//
// The time is local with no offset (ctx.zone). The message runs from after
// "*CONNID " (or "PID#TID: ") to the end, tail included: the classifier's
// rules read "while reading ... upstream" in it. From the tail, the client
// becomes src_ip (nginx logs no client port) and an upstream written as
// scheme://IP:PORT/... becomes dst_ip/dst_port; an upstream named by a
// host or a unix socket gives no address.
#include <iterator>

#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::IsHex;
using base::IsIp;
using base::IsIpv4;
using base::IsIpv6;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
// The levels ngx_log.c prints (err_levels[]), lower case only.
base::Severity LevelSeverity(std::string_view level) {
  switch (level.size()) {
    case 4:
      if (level == "warn") return base::Severity::kWarning;
      if (level == "info") return base::Severity::kInfo;
      if (level == "crit") return base::Severity::kCritical;
      break;
    case 5:
      if (level == "error") return base::Severity::kError;
      if (level == "debug") return base::Severity::kDebug;
      if (level == "alert") return base::Severity::kAlert;
      if (level == "emerg") return base::Severity::kEmergency;
      break;
    case 6:
      if (level == "notice") return base::Severity::kNotice;
      break;
    default:
      break;
  }
  return base::Severity::kUnknown;
}

// The keys ngx_http_log_error_handler appends, in the order it writes them.
// Each appears at most once.
constexpr std::string_view kTailKeys[] = {"client",   "server", "request", "subrequest",
                                          "upstream", "host",   "referrer"};
constexpr int kTailKeyCount = static_cast<int>(std::size(kTailKeys));
constexpr int kUnknownKey = -1;

int TailKeyIndex(std::string_view key) {
  for (int i = 0; i < kTailKeyCount; ++i) {
    if (kTailKeys[i] == key) return i;
  }
  return kUnknownKey;
}

// The key of "key: " at line[p] (lower-case letters), or empty.
std::string_view KeyAt(std::string_view line, size_t p) {
  size_t k = p;
  while (k < line.size() && IsLower(line[k])) ++k;
  if (k == p || k + 1 >= line.size() || line[k] != ':' || line[k + 1] != ' ') return {};
  return line.substr(p, k - p);
}

// Whether line[i..] is ", key: ": where a tail value may end.
bool TailKeyFollows(std::string_view line, size_t i) {
  return i + 2 <= line.size() && line[i] == ',' && line[i + 1] == ' ' &&
         !KeyAt(line, i + 2).empty();
}

struct TailValues {
  std::string_view value[kTailKeyCount];
  bool present[kTailKeyCount] = {};
};

// Parses "key: value[, key: value]..." from line[p] to the end of the line,
// with known keys in nginx's order. Request lines, URLs and referrers are
// logged unescaped, so a quote inside a value can be followed by text that
// looks like the next key: each possible end of a quoted value is tried,
// earliest first, until the rest of the tail parses too. `budget` bounds
// the search on hostile lines.
bool ParseTailFrom(std::string_view line, size_t p, int min_key, TailValues* out, int* budget) {
  if (--*budget < 0) return false;
  const std::string_view key = KeyAt(line, p);
  if (key.empty()) return false;
  const int index = TailKeyIndex(key);
  if (index != kUnknownKey && index < min_key) return false;
  const int next_min = index == kUnknownKey ? min_key : index + 1;
  const size_t start = p + key.size() + 2;
  const auto accept = [&](size_t value_start, size_t value_end) {
    if (index != kUnknownKey) {
      out->value[index] = line.substr(value_start, value_end - value_start);
      out->present[index] = true;
    }
    return true;
  };
  if (start < line.size() && line[start] == '"') {
    for (size_t q = line.find('"', start + 1); q != std::string_view::npos;
         q = line.find('"', q + 1)) {
      if (q + 1 == line.size()) return accept(start + 1, q);
      if (TailKeyFollows(line, q + 1) && ParseTailFrom(line, q + 3, next_min, out, budget)) {
        return accept(start + 1, q);
      }
      if (*budget < 0) return false;
    }
    // No closing quote: the line was cut at NGX_MAX_ERROR_STR.
    return accept(start + 1, line.size());
  }
  const size_t end = line.find(", ", start);
  if (end == std::string_view::npos) return accept(start, line.size());
  if (!ParseTailFrom(line, end + 2, next_min, out, budget)) return false;
  return accept(start, end);
}

// dst_ip/dst_port from "http://10.0.0.21:8080/v1" or "http://[::1]:8080/".
void SetUpstreamAddress(std::string_view url, ParsedLine* out) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return;
  std::string_view authority = url.substr(scheme + 3);
  authority = authority.substr(0, authority.find('/'));
  base::SplitIpPort(authority, &out->dst_ip, &out->dst_port);
}

// Reads the ", client: ..." tail of the message that starts at line[pos]:
// the first ", client: " from which the rest of the line parses as a tail
// (the message itself may contain the words).
void ParseTail(std::string_view line, size_t pos, ParsedLine* out) {
  TailValues tail;
  int budget = 256;
  size_t start = line.find(", client: ", pos);
  while (start != std::string_view::npos && !ParseTailFrom(line, start + 2, 0, &tail, &budget)) {
    if (budget < 0) return;
    tail = TailValues();
    start = line.find(", client: ", start + 1);
  }
  if (start == std::string_view::npos) return;
  if (tail.present[0] && IsIp(tail.value[0])) out->src_ip = tail.value[0];
  // Attribute keys need static storage: kTailKeys is.
  for (int i : {1, 2, 4, 5}) {
    if (tail.present[i]) out->AddAttr(kTailKeys[i], tail.value[i]);
  }
  if (tail.present[4]) SetUpstreamAddress(tail.value[4], out);
}

class NginxErrorParser final : public LineParser {
 public:
  explicit NginxErrorParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    CivilTime t;
    size_t pos = ParseSlashDateTime(line, &t);
    if (pos == 0) return ParseOutcome::NotThisFormat(1, "no YYYY/MM/DD hh:mm:ss");
    const auto not_this = [&](std::string_view why) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), why);
    };
    if (pos + 2 >= line.size() || line[pos] != ' ' || line[pos + 1] != '[') {
      return not_this("no [level]");
    }
    pos += 2;
    const size_t level_start = pos;
    while (pos < line.size() && IsLower(line[pos])) ++pos;
    const base::Severity severity = LevelSeverity(line.substr(level_start, pos - level_start));
    if (severity == base::Severity::kUnknown || pos + 1 >= line.size() || line[pos] != ']' ||
        line[pos + 1] != ' ') {
      pos = level_start;
      return not_this("no nginx level");
    }
    pos += 2;
    int64_t pid = 0, tid = 0;
    if (!base::ParseDigits(line, &pos, &pid) || pos >= line.size() || line[pos] != '#') {
      return not_this("no PID#TID");
    }
    ++pos;
    if (!base::ParseDigits(line, &pos, &tid) || pos >= line.size() || line[pos] != ':') {
      return not_this("no PID#TID:");
    }
    ++pos;
    if (pos < line.size() && line[pos] == ' ') ++pos;
    if (pos < line.size() && line[pos] == '*') {
      size_t p = pos + 1;
      int64_t conn = 0;
      if (base::ParseDigits(line, &p, &conn) && (p == line.size() || line[p] == ' ')) {
        out->AddAttr("conn_id", line.substr(pos + 1, p - pos - 1), /*is_number=*/true);
        pos = p < line.size() ? p + 1 : p;
      }
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = "nginx";
    out->pid = pid;
    out->msg_offset = pos;
    ParseTail(line, pos, out);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakeNginxError(const SourceContext& ctx) {
  return std::make_unique<NginxErrorParser>(ctx);
}

constexpr FormatSample kNginxErrorSamples[] = {
    // [observed] FORMATS.md §6.2: the backend closed before the headers.
    {.text = "2026/04/08 15:42:11 [error] 7890#7890: *67890 upstream prematurely closed "
             "connection while reading response header from upstream, client: 203.0.113.77, "
             "server: app.example.com, request: \"GET /api/reports/monthly HTTP/1.1\", upstream: "
             "\"http://127.0.0.1:8080/api/reports/monthly\"",
     .ts = "2026-04-08T15:42:11.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 7890,
     .severity = "error",
     .message = "upstream prematurely closed connection while reading response header from "
                "upstream, client: 203.0.113.77, server: app.example.com, request: \"GET "
                "/api/reports/monthly HTTP/1.1\", upstream: "
                "\"http://127.0.0.1:8080/api/reports/monthly\"",
     .kind = "reset",
     .src_ip = "203.0.113.77",
     .dst_ip = "127.0.0.1",
     .dst_port = 8080},
    // [observed] TID 0, host in the tail.
    {.text = "2023/10/15 12:34:56 [error] 12345#0: *678 upstream prematurely closed connection "
             "while reading response header from upstream, client: 192.168.1.10, server: "
             "example.com, request: \"GET /api/data HTTP/1.1\", upstream: "
             "\"http://127.0.0.1:8080/api/data\", host: \"example.com\"",
     .ts = "2023-10-15T12:34:56.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 12345,
     .severity = "error",
     .message = "upstream prematurely closed connection while reading response header from "
                "upstream, client: 192.168.1.10, server: example.com, request: \"GET /api/data "
                "HTTP/1.1\", upstream: \"http://127.0.0.1:8080/api/data\", host: \"example.com\"",
     .kind = "reset",
     .src_ip = "192.168.1.10",
     .dst_ip = "127.0.0.1",
     .dst_port = 8080},
    // [from-format] FORMATS.md §6.2: the backend sent a RST.
    {.text = "2024/03/01 10:15:02 [error] 2211#2211: *90312 recv() failed (104: Connection reset "
             "by peer) while reading response header from upstream, client: 10.1.2.3, server: "
             "api.example.com, request: \"POST /v1/orders HTTP/1.1\", upstream: "
             "\"http://10.0.0.21:8080/v1/orders\", host: \"api.example.com\"",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "error",
     .message = "recv() failed (104: Connection reset by peer) while reading response header "
                "from upstream, client: 10.1.2.3, server: api.example.com, request: \"POST "
                "/v1/orders HTTP/1.1\", upstream: \"http://10.0.0.21:8080/v1/orders\", host: "
                "\"api.example.com\"",
     .kind = "reset",
     .src_ip = "10.1.2.3",
     .dst_ip = "10.0.0.21",
     .dst_port = 8080},
    // [from-format] nothing listens while the backend restarts.
    {.text = "2024/03/01 10:15:03 [error] 2211#2211: *90313 connect() failed (111: Connection "
             "refused) while connecting to upstream, client: 10.1.2.3, server: api.example.com, "
             "request: \"GET /health HTTP/1.1\", upstream: \"http://10.0.0.21:8080/health\", "
             "host: \"api.example.com\"",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "error",
     .message = "connect() failed (111: Connection refused) while connecting to upstream, "
                "client: 10.1.2.3, server: api.example.com, request: \"GET /health HTTP/1.1\", "
                "upstream: \"http://10.0.0.21:8080/health\", host: \"api.example.com\"",
     .kind = "refused",
     .src_ip = "10.1.2.3",
     .dst_ip = "10.0.0.21",
     .dst_port = 8080},
    // [from-format] an IPv6 upstream in brackets; proxy_read_timeout.
    {.text = "2024/03/01 10:15:09 [error] 2211#2211: *90330 upstream timed out (110: Connection "
             "timed out) while reading response header from upstream, client: 2001:db8::7, "
             "server: api.example.com, request: \"GET /v1/report HTTP/2.0\", upstream: "
             "\"http://[2001:db8::21]:8080/v1/report\", host: \"api.example.com\"",
     .ts = "2024-03-01T10:15:09.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "error",
     .message = "upstream timed out (110: Connection timed out) while reading response header "
                "from upstream, client: 2001:db8::7, server: api.example.com, request: \"GET "
                "/v1/report HTTP/2.0\", upstream: \"http://[2001:db8::21]:8080/v1/report\", host: "
                "\"api.example.com\"",
     .kind = "timeout",
     .src_ip = "2001:db8::7",
     .dst_ip = "2001:db8::21",
     .dst_port = 8080},
    // [from-format] a client reset is logged at info (ngx_connection_error).
    {.text = "2024/03/01 10:15:05 [info] 2211#2211: *90320 client prematurely closed connection "
             "while reading client request line, client: 10.1.2.3, server: api.example.com",
     .ts = "2024-03-01T10:15:05.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "info",
     .message = "client prematurely closed connection while reading client request line, "
                "client: 10.1.2.3, server: api.example.com",
     .kind = "client_abort",
     .src_ip = "10.1.2.3"},
    // [from-format] src/os/unix/ngx_process.c: the master reports a worker's
    // death; the rule names the dead worker.
    {.text = "2024/03/01 10:14:59 [alert] 2200#2200: worker process 2211 exited on signal 9",
     .ts = "2024-03-01T10:14:59.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "alert",
     .message = "worker process 2211 exited on signal 9",
     .kind = "crash"},
    // [from-format] FORMATS.md §6.2 resource exhaustion, no connection.
    {.text = "2024/03/01 10:14:58 [alert] 2211#2211: 1024 worker_connections are not enough",
     .ts = "2024-03-01T10:14:58.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2211,
     .severity = "alert",
     .message = "1024 worker_connections are not enough",
     .kind = "overload"},
    // [from-format] lifecycle, level "notice".
    {.text = "2024/03/01 10:16:00 [notice] 2200#2200: gracefully shutting down",
     .ts = "2024-03-01T10:16:00.000000Z",
     .host = "",
     .process = "nginx",
     .pid = 2200,
     .severity = "notice",
     .message = "gracefully shutting down",
     .kind = "stop"},
};

}  // namespace

const FormatInfo kNginxErrorFormat = {
    .name = "nginx_error",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "nginx error log (upstream resets, timeouts, refusals, worker deaths)",
    .signature = "YYYY/MM/DD hh:mm:ss [level] PID#TID: [*CID ]MSG",
    .priority = 30,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeNginxError,
    .samples = kNginxErrorSamples,
};

}  // namespace rstscope::parsers
