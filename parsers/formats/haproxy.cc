// HAProxy log lines inside syslog or journald records (FORMATS.md §6.1;
// haproxy doc/configuration.txt §8.2.2, §8.2.3, §8.5). Accepted messages:
//
//   option httplog:
//     CIP:CPORT [dd/Mmm/YYYY:hh:mm:ss.mmm] FRONTEND[~] BACKEND/SERVER
//       TR/Tw/Tc/Tr/Ta STATUS BYTES CCOOKIE SCOOKIE TERM ac/fc/bc/sc/[+]rc
//       sq/bq[ {captures}][ {captures}][ "REQUEST"][ anything]
//   option tcplog:
//     CIP:CPORT [dd/Mmm/YYYY:hh:mm:ss.mmm] FRONTEND[~] BACKEND/SERVER
//       Tw/Tc/Tt BYTES TERM ac/fc/bc/sc/[+]rc sq/bq[ anything]
//   connection errors:
//     CIP:CPORT [dd/Mmm/YYYY:hh:mm:ss.mmm] FRONTEND/BIND: TEXT
//   events, bare or after a stderr prefix "[LEVEL] [DDD/HHMMSS ](PID) : ":
//     Server BACKEND/SERVER is DOWN, reason: REASON, ...
//     Server BACKEND/SERVER is UP, ...
//     backend BACKEND has no server available!   (BACKEND may be quoted)
//   and, from the tag "haproxy", any other message (kept as it is).
//
// Timers are -1 for phases never reached, and with "option logasap" the
// total and the byte count carry a '+' prefix; the retry count has one
// when the stream was redispatched. The record keeps the container's time:
// the syslog header is when HAProxy logged, at the end of the stream, while
// the bracketed date is the accept time (kept as the attribute
// "accept_time", as written: it is HAProxy's local time without a zone).
//
// The kind follows the first two characters of the termination state
// (§8.5): the side that ended the stream and the phase it was in.
#include "base/strings.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;
using proxy::NextToken;

struct TermRule {
  std::string_view state;  // the first two characters of the state
  base::Kind kind;
  std::string_view rule;
};

// §8.5 and the §12 cheat sheet. States not listed (normal "--", admin
// kills, local handling) leave the kind to the classifier.
constexpr TermRule kTermRules[] = {
    {"SD", base::Kind::kReset, "haproxy_SD"},       {"SH", base::Kind::kReset, "haproxy_SH"},
    {"SC", base::Kind::kReset, "haproxy_SC"},       {"sD", base::Kind::kTimeout, "haproxy_sD"},
    {"sH", base::Kind::kTimeout, "haproxy_sH"},     {"sC", base::Kind::kTimeout, "haproxy_sC"},
    {"sQ", base::Kind::kTimeout, "haproxy_sQ"},     {"CD", base::Kind::kClientAbort, "haproxy_CD"},
    {"CH", base::Kind::kClientAbort, "haproxy_CH"}, {"CR", base::Kind::kClientAbort, "haproxy_CR"},
    {"CC", base::Kind::kClientAbort, "haproxy_CC"}, {"CQ", base::Kind::kClientAbort, "haproxy_CQ"},
    {"cD", base::Kind::kClientAbort, "haproxy_cD"}, {"cR", base::Kind::kClientAbort, "haproxy_cR"},
    {"cH", base::Kind::kClientAbort, "haproxy_cH"}, {"PC", base::Kind::kOverload, "haproxy_PC"},
    {"RC", base::Kind::kOverload, "haproxy_RC"},
};

bool IsTermState(std::string_view s) {
  if (s.size() != 2 && s.size() != 4) return false;
  constexpr std::string_view kFirst = "CSPLRIDUKcs-";
  constexpr std::string_view kSecond = "RQCHDLT-";
  return kFirst.find(s[0]) != std::string_view::npos &&
         kSecond.find(s[1]) != std::string_view::npos;
}

// "a/b/c" with `parts` signed numbers, each optionally '+'-prefixed.
// *last gets the last number without its '+'.
bool ParseSlashNumbers(std::string_view s, int parts, std::string_view* last) {
  int seen = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    if (!part.empty() && part[0] == '+') part.remove_prefix(1);
    if (!proxy::IsInteger(part, /*allow_negative=*/true)) return false;
    if (++seen > parts) return false;
    *last = part;
    start = end + 1;
  }
  return seen == parts;
}

int CountSlashes(std::string_view s) {
  int n = 0;
  for (char c : s) n += c == '/';
  return n;
}

// Everything a message yields, committed to *out only when it parsed.
struct Fields {
  ParsedLine attrs;  // only attrs/nattrs are used
  std::string_view src_ip;
  int32_t src_port = -1;
  base::Kind kind = base::Kind::kOther;
  std::string_view rule;
  base::Severity severity = base::Severity::kUnknown;
};

void AddBackendServer(std::string_view backend_server, Fields* f) {
  const size_t slash = backend_server.find('/');
  f->attrs.AddAttr("backend", backend_server.substr(0, slash));
  f->attrs.AddAttr("server", backend_server.substr(slash + 1));
  f->attrs.AddAttr("upstream", backend_server);
}

// The traffic lines and the connection errors that share their start.
bool ParseStream(std::string_view m, Fields* f) {
  size_t pos = 0;
  const std::string_view client = NextToken(m, &pos);
  if (!proxy::SplitIpPort(client, &f->src_ip, &f->src_port)) return false;
  if (pos >= m.size() || m[pos] != '[') return false;
  CivilTime t;
  const size_t n = ParseClfTime(m.substr(pos), &t);
  if (n < 2 || t.has_offset) return false;
  f->attrs.AddAttr("accept_time", m.substr(pos + 1, n - 2));
  pos += n;
  if (pos >= m.size() || m[pos] != ' ') return false;
  while (pos < m.size() && m[pos] == ' ') ++pos;
  std::string_view frontend = NextToken(m, &pos);
  if (frontend.empty()) return false;
  if (frontend.back() == ':') {
    // "fe/bind: Connection closed during SSL handshake"
    frontend.remove_suffix(1);
    const size_t slash = frontend.find('/');
    f->attrs.AddAttr("frontend", frontend.substr(0, slash));
    if (slash != std::string_view::npos) f->attrs.AddAttr("bind", frontend.substr(slash + 1));
    return pos < m.size();
  }
  const bool tls = frontend.back() == '~';
  if (tls) frontend.remove_suffix(1);
  const std::string_view backend_server = NextToken(m, &pos);
  if (backend_server.find('/') == std::string_view::npos) return false;
  const std::string_view timers = NextToken(m, &pos);
  const bool http = CountSlashes(timers) == 4;
  std::string_view total;
  if (!ParseSlashNumbers(timers, http ? 5 : 3, &total)) return false;
  std::string_view status;
  if (http) {
    status = NextToken(m, &pos);
    if (!proxy::IsInteger(status, /*allow_negative=*/true)) return false;
  }
  std::string_view bytes = NextToken(m, &pos);
  if (!bytes.empty() && bytes[0] == '+') bytes.remove_prefix(1);
  if (!proxy::IsInteger(bytes)) return false;
  if (http) {
    NextToken(m, &pos);  // captured request cookie
    NextToken(m, &pos);  // captured response cookie
  }
  const std::string_view term = NextToken(m, &pos);
  if (!IsTermState(term)) return false;
  const std::string_view conns = NextToken(m, &pos);
  std::string_view retries;
  if (!ParseSlashNumbers(conns, 5, &retries)) return false;
  std::string_view queues_last;
  if (!ParseSlashNumbers(NextToken(m, &pos), 2, &queues_last)) return false;

  f->attrs.AddAttr("frontend", frontend);
  if (tls) f->attrs.AddAttr("tls", "true", /*is_number=*/true);
  AddBackendServer(backend_server, f);
  f->attrs.AddAttr("timers", timers);
  if (total[0] != '-') f->attrs.AddAttr("duration_ms", total, /*is_number=*/true);
  if (http && status[0] != '-') f->attrs.AddAttr("status", status, /*is_number=*/true);
  f->attrs.AddAttr("bytes", bytes, /*is_number=*/true);
  f->attrs.AddAttr("reason", term);
  if (retries != "0") f->attrs.AddAttr("retries", retries, /*is_number=*/true);
  const std::string_view state = term.substr(0, 2);
  if (state[0] == 'D') {
    // Any phase: the server was marked down and its streams killed.
    f->kind = base::Kind::kBackendDown;
    f->rule = "haproxy_D";
  } else {
    for (const TermRule& r : kTermRules) {
      if (r.state == state) {
        f->kind = r.kind;
        f->rule = r.rule;
        break;
      }
    }
  }
  return true;
}

// "[WARNING]  (4494) : " and "[ALERT] 071/085241 (29884) : ", the prefix of
// HAProxy's stderr lines when systemd forwards them. Returns the text after
// it and sets the severity from the level, or returns `m` unchanged.
std::string_view StripStderrPrefix(std::string_view m, base::Severity* severity) {
  if (m.empty() || m[0] != '[') return m;
  const size_t close = m.find(']');
  if (close == std::string_view::npos || close > 10) return m;
  const size_t sep = m.find(" : ", close);
  if (sep == std::string_view::npos || sep > close + 24) return m;
  *severity = base::SeverityFromWord(m.substr(1, close - 1));
  return m.substr(sep + 3);
}

// Health-check and backend events (src/server.c, src/backend.c).
bool ParseEvent(std::string_view m, Fields* f) {
  const std::string_view body = StripStderrPrefix(m, &f->severity);
  if (StartsWith(body, "Server ")) {
    size_t pos = 7;
    const std::string_view backend_server = NextToken(body, &pos);
    if (backend_server.find('/') == std::string_view::npos ||
        !StartsWith(body.substr(pos), "is ")) {
      return false;
    }
    AddBackendServer(backend_server, f);
    constexpr std::string_view kReason = ", reason: ";
    const size_t r = body.find(kReason, pos);
    if (r != std::string_view::npos) {
      const size_t start = r + kReason.size();
      const size_t end = body.find(',', start);
      f->attrs.AddAttr(
          "reason",
          body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    }
    return true;
  }
  constexpr std::string_view kNoServer = " has no server available!";
  if (StartsWith(body, "backend ")) {
    const size_t end = body.find(kNoServer);
    if (end == std::string_view::npos || end <= 8) return false;
    std::string_view backend = body.substr(8, end - 8);
    if (backend.size() >= 2 && backend.front() == '\'' && backend.back() == '\'') {
      backend = backend.substr(1, backend.size() - 2);
    }
    f->attrs.AddAttr("backend", backend);
    return true;
  }
  return false;
}

bool ClaimsHaproxy(std::string_view process, std::string_view message) {
  if (process == "haproxy") return true;
  // "IP:PORT [dd/": an address of at most 47 characters, then the date.
  const size_t sp = message.find(' ');
  return sp != std::string_view::npos && sp > 2 && sp < 48 && sp + 5 < message.size() &&
         message[sp + 1] == '[' && IsDigit(message[sp + 2]) && IsDigit(message[sp + 3]) &&
         message[sp + 4] == '/' && message.substr(0, sp).find(':') != std::string_view::npos;
}

bool ParseHaproxy(std::string_view message, ParsedLine* out, std::string* /*scratch*/) {
  Fields f;
  bool parsed = ParseStream(message, &f);
  if (!parsed) {
    f = Fields();  // a partial stream parse may have added attributes
    parsed = ParseEvent(message, &f);
  }
  if (!parsed) {
    if (out->process != "haproxy") return false;
    // Start/stop notices and the like: HAProxy's own, kept as they are.
    return true;
  }
  for (int i = 0; i < f.attrs.nattrs; ++i) {
    out->AddAttr(f.attrs.attrs[i].key, f.attrs.attrs[i].value, f.attrs.attrs[i].is_number);
  }
  if (!f.src_ip.empty()) {
    out->src_ip = f.src_ip;
    out->src_port = f.src_port;
  }
  if (f.kind != base::Kind::kOther) {
    out->kind = f.kind;
    out->rule = f.rule;
  }
  if (out->severity == base::Severity::kUnknown) out->severity = f.severity;
  return true;
}

constexpr FormatSample kHaproxySamples[] = {
    // [verbatim] haproxy doc §8.2.3: option httplog, normal termination.
    {.text = "Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 "
             "[06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- "
             "1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\"",
     .ts = "2024-02-06T12:14:14.000000Z",
     .host = "localhost",
     .process = "haproxy",
     .pid = 14389,
     .severity = "",
     .message = "10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 "
                "200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\"",
     .kind = "other",
     .src_ip = "10.0.1.2",
     .src_port = 33317,
     .attrs = R"({"accept_time":"06/Feb/2009:12:14:14.655","frontend":"http-in",)"
              R"("backend":"static","server":"srv1","upstream":"static/srv1",)"
              R"("timers":"10/0/30/69/109","duration_ms":109,"status":200,"bytes":2750,)"
              R"("reason":"----"})"},
    // [verbatim] haproxy doc §8.2.2: option tcplog, three retries.
    {.text = "Feb  6 12:12:56 localhost haproxy[14387]: 10.0.1.2:33313 "
             "[06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0",
     .ts = "2024-02-06T12:12:56.000000Z",
     .host = "localhost",
     .process = "haproxy",
     .pid = 14387,
     .severity = "",
     .message = "10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- "
                "0/0/0/0/3 0/0",
     .kind = "other",
     .src_ip = "10.0.1.2",
     .src_port = 33313,
     .attrs = R"({"accept_time":"06/Feb/2009:12:12:51.443","frontend":"fnt","backend":"bck",)"
              R"("server":"srv1","upstream":"bck/srv1","timers":"0/0/5007","duration_ms":5007,)"
              R"("bytes":212,"reason":"--","retries":3})"},
    // [verbatim apart from the elisions] public parser test: client abort.
    {.text = "Apr 21 21:47:10 localhost.localdomain haproxy[9898]: 206.248.45.211:51551 "
             "[21/Apr/2010:21:47:09.799] leads-http-fe leads-http-be/www1 0/0/99/106/255 200 "
             "390 - - CD-- 37/37/32/32/0 0/0 {\xE2\x80\xA6} \"GET /in.php?\xE2\x80\xA6 HTTP/1.1\"",
     .ts = "2024-04-21T21:47:10.000000Z",
     .host = "localhost.localdomain",
     .process = "haproxy",
     .pid = 9898,
     .severity = "",
     .message = "206.248.45.211:51551 [21/Apr/2010:21:47:09.799] leads-http-fe "
                "leads-http-be/www1 0/0/99/106/255 200 390 - - CD-- 37/37/32/32/0 0/0 "
                "{\xE2\x80\xA6} \"GET /in.php?\xE2\x80\xA6 HTTP/1.1\"",
     .kind = "client_abort",
     .src_ip = "206.248.45.211",
     .src_port = 51551,
     .attrs = R"({"accept_time":"21/Apr/2010:21:47:09.799","frontend":"leads-http-fe",)"
              R"("backend":"leads-http-be","server":"www1","upstream":"leads-http-be/www1",)"
              R"("timers":"0/0/99/106/255","duration_ms":255,"status":200,"bytes":390,)"
              R"("reason":"CD--"})"},
    // [verbatim] a TLS frontend ('~') and a client-side timeout.
    {.text = "May  4 14:18:19 localhost haproxy[16344]: 192.168.101.47:58781 "
             "[04/May/2013:14:18:14.757] https_frontend~ web_server/s2 20/0/2/3/5026 200 236 - "
             "- cD-- 0/0/0/0/0 0/0 \"GET /test.html HTTP/1.1\"",
     .ts = "2024-05-04T14:18:19.000000Z",
     .host = "localhost",
     .process = "haproxy",
     .pid = 16344,
     .severity = "",
     .message = "192.168.101.47:58781 [04/May/2013:14:18:14.757] https_frontend~ web_server/s2 "
                "20/0/2/3/5026 200 236 - - cD-- 0/0/0/0/0 0/0 \"GET /test.html HTTP/1.1\"",
     .kind = "client_abort",
     .src_ip = "192.168.101.47",
     .src_port = 58781,
     .attrs = R"({"accept_time":"04/May/2013:14:18:14.757","frontend":"https_frontend",)"
              R"("tls":true,"backend":"web_server","server":"s2","upstream":"web_server/s2",)"
              R"("timers":"20/0/2/3/5026","duration_ms":5026,"status":200,"bytes":236,)"
              R"("reason":"cD--"})"},
    // [verbatim] lnav: a connection error on a frontend's bind line.
    {.text = "Feb 26 23:08:47 192.168.8.2 haproxy[7]: 178.203.144.192:50210 "
             "[26/Feb/2019:23:08:47.266] prod_http_in/slsp: Connection closed during SSL "
             "handshake",
     .ts = "2024-02-26T23:08:47.000000Z",
     .host = "192.168.8.2",
     .process = "haproxy",
     .pid = 7,
     .severity = "",
     .message = "178.203.144.192:50210 [26/Feb/2019:23:08:47.266] prod_http_in/slsp: "
                "Connection closed during SSL handshake",
     .kind = "tls_error",
     .src_ip = "178.203.144.192",
     .src_port = 50210,
     .attrs = R"({"accept_time":"26/Feb/2019:23:08:47.266","frontend":"prod_http_in",)"
              R"("bind":"slsp"})"},
    // [verbatim] public parser test (message), in a syslog line from another
    // tag: -1 timers for phases never reached, claimed by its shape.
    {.text = "Jan  1 00:00:00 lb01 lb-edge: 10.0.0.1:80 [01/Jan/2026:00:00:00.000] fe be/srv "
             "-1/0/-1/-1/0 503 0 - - CD-- 0/0/0/0/0 0/0 \"GET / HTTP/1.0\"",
     .ts = "2024-01-01T00:00:00.000000Z",
     .host = "lb01",
     .process = "lb-edge",
     .severity = "",
     .message = "10.0.0.1:80 [01/Jan/2026:00:00:00.000] fe be/srv -1/0/-1/-1/0 503 0 - - CD-- "
                "0/0/0/0/0 0/0 \"GET / HTTP/1.0\"",
     .kind = "client_abort",
     .src_ip = "10.0.0.1",
     .src_port = 80,
     .attrs = R"({"accept_time":"01/Jan/2026:00:00:00.000","frontend":"fe","backend":"be",)"
              R"("server":"srv","upstream":"be/srv","timers":"-1/0/-1/-1/0","duration_ms":0,)"
              R"("status":503,"bytes":0,"reason":"CD--"})"},
    // [from-format] the server reset the stream in the data phase, after a
    // redispatch (+2 retries) and with logasap-style '+' totals.
    {.text = "<134>Mar  1 10:15:02 lb01 haproxy[2201]: 198.51.100.7:51234 "
             "[01/Mar/2024:10:15:01.900] fe_api~ be_api/api2 0/0/1/-1/+102 502 +217 - - SD-- "
             "12/12/3/1/+2 0/0 \"POST /v1/orders HTTP/1.1\"",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 2201,
     .severity = "info",
     .message = "198.51.100.7:51234 [01/Mar/2024:10:15:01.900] fe_api~ be_api/api2 "
                "0/0/1/-1/+102 502 +217 - - SD-- 12/12/3/1/+2 0/0 \"POST /v1/orders HTTP/1.1\"",
     .kind = "reset",
     .src_ip = "198.51.100.7",
     .src_port = 51234,
     .attrs = R"({"accept_time":"01/Mar/2024:10:15:01.900","frontend":"fe_api","tls":true,)"
              R"("backend":"be_api","server":"api2","upstream":"be_api/api2",)"
              R"("timers":"0/0/1/-1/+102","duration_ms":102,"status":502,"bytes":217,)"
              R"("reason":"SD--","retries":2})"},
    // [from-format] tcplog: the server-side timeout fired in the data phase.
    {.text = "Mar  1 10:20:00 lb01 haproxy[2201]: 10.1.2.3:40000 [01/Mar/2024:10:10:00.000] "
             "fe_db be_db/db1 0/1/600000 4096 sD 1/1/1/1/0 0/0",
     .ts = "2024-03-01T10:20:00.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 2201,
     .severity = "",
     .message = "10.1.2.3:40000 [01/Mar/2024:10:10:00.000] fe_db be_db/db1 0/1/600000 4096 sD "
                "1/1/1/1/0 0/0",
     .kind = "timeout",
     .src_ip = "10.1.2.3",
     .src_port = 40000,
     .attrs = R"({"accept_time":"01/Mar/2024:10:10:00.000","frontend":"fe_db","backend":"be_db",)"
              R"("server":"db1","upstream":"be_db/db1","timers":"0/1/600000",)"
              R"("duration_ms":600000,"bytes":4096,"reason":"sD"})"},
    // [from-format] src/server.c: a health check took a server out.
    {.text = "Mar  1 10:15:03 lb01 haproxy[2201]: Server be_api/api2 is DOWN, reason: Layer4 "
             "connection problem, info: \"Connection refused\", check duration: 0ms. 1 active "
             "and 0 backup servers left. 3 sessions active, 0 requeued, 0 remaining in queue.",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 2201,
     .severity = "",
     .message = "Server be_api/api2 is DOWN, reason: Layer4 connection problem, info: "
                "\"Connection refused\", check duration: 0ms. 1 active and 0 backup servers "
                "left. 3 sessions active, 0 requeued, 0 remaining in queue.",
     .kind = "backend_down",
     .attrs = R"({"backend":"be_api","server":"api2","upstream":"be_api/api2",)"
              R"("reason":"Layer4 connection problem"})"},
    // [verbatim] the stderr form, as systemd forwards it, with its level.
    {.text = "Mar  1 10:15:03 lb01 haproxy[4494]: [WARNING]  (4494) : Server web-test/server1 "
             "is DOWN, reason: Layer4 connection problem, info: \"No route to host\", check "
             "duration: 1ms. 2 active and 0 backup servers left. 0 sessions active, 0 "
             "requeued, 0 remaining in queue.",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 4494,
     .severity = "warning",
     .message = "[WARNING]  (4494) : Server web-test/server1 is DOWN, reason: Layer4 "
                "connection problem, info: \"No route to host\", check duration: 1ms. 2 active "
                "and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in "
                "queue.",
     .kind = "backend_down",
     .attrs = R"({"backend":"web-test","server":"server1","upstream":"web-test/server1",)"
              R"("reason":"Layer4 connection problem"})"},
    // [verbatim] older stderr style, quoted backend name.
    {.text = "<129>Mar  1 10:15:04 lb01 haproxy[29884]: [ALERT] 071/085241 (29884) : backend "
             "'static' has no server available!",
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 29884,
     .severity = "alert",
     .message = "[ALERT] 071/085241 (29884) : backend 'static' has no server available!",
     .kind = "backend_down",
     .attrs = R"({"backend":"static"})"},
    // [from-format] src/proxy.c: a start-up notice, HAProxy's but nothing
    // to read from it.
    {.text = "Mar  1 10:15:05 lb01 haproxy[2301]: Proxy fe_api started.",
     .ts = "2024-03-01T10:15:05.000000Z",
     .host = "lb01",
     .process = "haproxy",
     .pid = 2301,
     .severity = "",
     .message = "Proxy fe_api started.",
     .kind = "other"},
};

}  // namespace

const EmbeddedFormat kHaproxyFormat = {
    .name = "haproxy",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "HAProxy httplog/tcplog lines and health-check events, inside syslog",
    .signature = "tag \"haproxy\", or a message \"IP:PORT [dd/Mmm/YYYY:hh:mm:ss.mmm] ...\"",
    .claims = &ClaimsHaproxy,
    .parse = &ParseHaproxy,
    .container = "syslog",
    .samples = kHaproxySamples,
};

}  // namespace rstscope::parsers
