// Apache httpd error log, default ErrorLogFormat (server/log.c
// do_errorlog_default and log_apr_status):
//
//   2.4: [Www Mmm dd hh:mm:ss.ffffff YYYY] [MODULE:LEVEL] [pid N[:tid T]]
//        [(APRSTATUS)TEXT: ][client|remote IP:PORT] [AHnnnnn: ]MESSAGE
//   2.2: [Www Mmm dd hh:mm:ss YYYY] [LEVEL] [[client IP] ]MESSAGE
//
// The time is local with no offset (ctx.zone). The message is everything
// after the [pid ...] bracket (2.2: after [LEVEL]), so an APR status such as
// "(104)Connection reset by peer: " stays in it for the classifier.
// "[client IP:PORT]" is the connection's client (src); "[remote IP:PORT]"
// marks a connection httpd opened itself, to a backend (dst).
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
using base::StartsWith;

// httpd levels (server/log.c priorities[]): syslog's plus trace1..trace8,
// which are debug for us. 2.2 wrote the same words.
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
      if (StartsWith(level, "trace") && level[5] >= '1' && level[5] <= '8') {
        return base::Severity::kDebug;
      }
      break;
    default:
      break;
  }
  return base::Severity::kUnknown;
}

// "IP:PORT" as httpd prints it (IPv6 without brackets, so the port is after
// the last colon), or a bare IP (2.2).
bool SplitAddress(std::string_view text, std::string_view* ip, int32_t* port) {
  if (IsIpv4(text)) {
    *ip = text;
    *port = -1;
    return true;
  }
  if (base::SplitIpPort(text, ip, port)) return true;
  if (IsIpv6(text)) {
    *ip = text;
    *port = -1;
    return true;
  }
  return false;
}

// Reads the optional "(STATUS)TEXT: " and "[client|remote ADDR] " that open
// the message at line[pos], and an "AHnnnnn:" code after them.
void ParseMessageHead(std::string_view line, size_t pos, ParsedLine* out) {
  if (pos < line.size() && line[pos] == '(') {
    // log_apr_status: "(%d)%s: "; the text is strerror's, without brackets.
    const size_t close = line.find(')', pos);
    const size_t colon = close == std::string_view::npos ? close : line.find(": ", close);
    if (colon != std::string_view::npos &&
        line.substr(close, colon - close).find('[') == std::string_view::npos) {
      pos = colon + 2;
    }
  }
  const std::string_view rest = line.substr(pos);
  const bool client = StartsWith(rest, "[client ");
  if (client || StartsWith(rest, "[remote ")) {
    const size_t close = rest.find(']');
    if (close != std::string_view::npos) {
      std::string_view ip;
      int32_t port = -1;
      if (SplitAddress(rest.substr(8, close - 8), &ip, &port)) {
        if (client) {
          out->src_ip = ip;
          out->src_port = port;
        } else {
          out->dst_ip = ip;
          out->dst_port = port;
        }
      }
      pos += close + 1;
      if (pos < line.size() && line[pos] == ' ') ++pos;
    }
  }
  if (pos + 8 <= line.size() && line[pos] == 'A' && line[pos + 1] == 'H' &&
      base::ParseFixedDigits(line, pos + 2, 5) >= 0 && line[pos + 7] == ':') {
    out->AddAttr("code", line.substr(pos, 7));
  }
}

class ApacheErrorParser final : public LineParser {
 public:
  explicit ApacheErrorParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    if (line.empty() || line[0] != '[') return ParseOutcome::NotThisFormat(1, "no '['");
    CivilTime t;
    const size_t n = ParseCtimeTime(line.substr(1), &t);
    if (n == 0) return ParseOutcome::NotThisFormat(2, "no ctime stamp");
    size_t pos = 1 + n;
    const auto not_this = [&](std::string_view why) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), why);
    };
    if (pos + 2 >= line.size() || line[pos] != ']' || line[pos + 1] != ' ' ||
        line[pos + 2] != '[') {
      return not_this("no [module:level] after the time");
    }
    pos += 3;
    const size_t close = line.find(']', pos);
    if (close == std::string_view::npos || close - pos > 64) return not_this("no [module:level]");
    const std::string_view bracket = line.substr(pos, close - pos);
    const size_t colon = bracket.rfind(':');
    const std::string_view module =
        colon == std::string_view::npos ? std::string_view() : bracket.substr(0, colon);
    const base::Severity severity =
        LevelSeverity(colon == std::string_view::npos ? bracket : bracket.substr(colon + 1));
    if (severity == base::Severity::kUnknown) return not_this("no httpd level");
    pos = close + 1;
    if (pos < line.size() && line[pos] == ' ') ++pos;
    // 2.4: "[pid N]" or "[pid N:tid T]".
    if (StartsWith(line.substr(pos), "[pid ")) {
      size_t p = pos + 5;
      int64_t pid = 0;
      if (!base::ParseDigits(line, &p, &pid)) {
        return ParseOutcome::Malformed(static_cast<uint32_t>(p + 1), "bad pid");
      }
      out->pid = pid;
      if (StartsWith(line.substr(p), ":tid ")) {
        const size_t tid_start = p + 5;
        p = tid_start;
        int64_t tid = 0;
        if (!base::ParseDigits(line, &p, &tid)) {
          return ParseOutcome::Malformed(static_cast<uint32_t>(p + 1), "bad tid");
        }
        out->AddAttr("tid", line.substr(tid_start, p - tid_start), /*is_number=*/true);
      }
      if (p >= line.size() || line[p] != ']') {
        return ParseOutcome::Malformed(static_cast<uint32_t>(p + 1), "no ']' after pid");
      }
      pos = p + 1;
      if (pos < line.size() && line[pos] == ' ') ++pos;
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(2, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = "httpd";
    if (!module.empty()) out->AddAttr("module", module);
    out->msg_offset = pos;
    ParseMessageHead(line, pos, out);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakeApacheError(const SourceContext& ctx) {
  return std::make_unique<ApacheErrorParser>(ctx);
}

constexpr FormatSample kApacheErrorSamples[] = {
    // [verbatim] FORMATS.md §6.4: the FastCGI backend reset the connection;
    // the APR status stays in the message.
    {.text = "[Mon Nov 16 08:47:16.133532 2020] [proxy_fcgi:error] [pid 164:tid 140137686042368] "
             "(104)Connection reset by peer: [client 10.33.206.158:27451] AH01075: Error "
             "dispatching request to :",
     .ts = "2020-11-16T08:47:16.133532Z",
     .host = "",
     .process = "httpd",
     .pid = 164,
     .severity = "error",
     .message = "(104)Connection reset by peer: [client 10.33.206.158:27451] AH01075: Error "
                "dispatching request to :",
     .kind = "reset",
     .src_ip = "10.33.206.158",
     .src_port = 27451},
    // [verbatim] APR_TIMEUP.
    {.text = "[Tue Feb 24 23:01:15.801234 2026] [proxy_fcgi:error] [pid 1111:tid 140341130786560] "
             "(70007)The timeout specified has expired: [client 192.168.10.90:41422] AH01075: "
             "Error dispatching request to :",
     .ts = "2026-02-24T23:01:15.801234Z",
     .host = "",
     .process = "httpd",
     .pid = 1111,
     .severity = "error",
     .message = "(70007)The timeout specified has expired: [client 192.168.10.90:41422] AH01075: "
                "Error dispatching request to :",
     .kind = "timeout",
     .src_ip = "192.168.10.90",
     .src_port = 41422},
    // [verbatim] lnav: the restart marker.
    {.text = "[Tue Apr 04 06:18:29.712806 2017] [mpm_prefork:notice] [pid 17725] AH00163: "
             "Apache/2.4.23 (Unix) configured -- resuming normal operations",
     .ts = "2017-04-04T06:18:29.712806Z",
     .host = "",
     .process = "httpd",
     .pid = 17725,
     .severity = "notice",
     .message = "AH00163: Apache/2.4.23 (Unix) configured -- resuming normal operations",
     .kind = "start"},
    // [from-format] Apache 2.2: no module, no microseconds, no pid.
    {.text = "[Thu Jan 17 02:42:49 2013] [notice] caught SIGTERM, shutting down",
     .ts = "2013-01-17T02:42:49.000000Z",
     .host = "",
     .process = "httpd",
     .severity = "notice",
     .message = "caught SIGTERM, shutting down",
     .kind = "stop"},
    // [from-format] Apache 2.2 with a client and no port.
    {.text = "[Thu Jan 17 02:42:50 2013] [error] [client 192.0.2.44] File does not exist: "
             "/var/www/favicon.ico",
     .ts = "2013-01-17T02:42:50.000000Z",
     .host = "",
     .process = "httpd",
     .severity = "error",
     .message = "[client 192.0.2.44] File does not exist: /var/www/favicon.ico",
     .src_ip = "192.0.2.44"},
    // [from-format] server/mpm_unix.c: a child died on a signal; the rule
    // names the dead child, not the parent that logged it.
    {.text = "[Tue Apr 04 06:20:01.000123 2017] [core:notice] [pid 17725] AH00052: child pid "
             "17801 exit signal Segmentation fault (11)",
     .ts = "2017-04-04T06:20:01.000123Z",
     .host = "",
     .process = "httpd",
     .pid = 17801,
     .severity = "notice",
     .message = "AH00052: child pid 17801 exit signal Segmentation fault (11)",
     .kind = "crash"},
    // [from-format] FORMATS.md §6.4: out of workers.
    {.text = "[Tue Apr 04 06:21:00.500000 2017] [mpm_prefork:error] [pid 17725] AH00161: server "
             "reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting",
     .ts = "2017-04-04T06:21:00.500000Z",
     .host = "",
     .process = "httpd",
     .pid = 17725,
     .severity = "error",
     .message = "AH00161: server reached MaxRequestWorkers setting, consider raising the "
                "MaxRequestWorkers setting",
     .kind = "overload"},
    // [from-format] server/mpm/event: a restart on SIGHUP, with a tid.
    {.text = "[Wed Mar 06 10:00:00.000001 2024] [mpm_event:notice] [pid 1200:tid "
             "139872634894208] AH00494: SIGHUP received.  Attempting to restart",
     .ts = "2024-03-06T10:00:00.000001Z",
     .host = "",
     .process = "httpd",
     .pid = 1200,
     .severity = "notice",
     .message = "AH00494: SIGHUP received.  Attempting to restart",
     .kind = "restart"},
};

}  // namespace

const FormatInfo kApacheErrorFormat = {
    .name = "apache_error",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Apache httpd error log, 2.4 and 2.2 default formats",
    .signature = "[Www Mmm dd hh:mm:ss[.ffffff] YYYY] [module:level] [pid N[:tid T]] MSG",
    .priority = 30,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeApacheError,
    .samples = kApacheErrorSamples,
};

}  // namespace rstscope::parsers
