// nginx and Apache access logs in the Common and Combined Log Formats
// (httpd mod_log_config "%h %l %u %t \"%r\" %>s %b ..."; nginx
// ngx_http_log_module "combined"), and the vhost-first variants:
//
//   HOST IDENT USER [dd/Mmm/YYYY:hh:mm:ss +hhmm] "REQUEST" STATUS BYTES[ ...]
//   VHOST[:PORT] HOST IDENT USER [dd/Mmm/YYYY:hh:mm:ss +hhmm] "REQUEST" STATUS BYTES[ ...]
//
// Whatever follows BYTES (referer, user agent, custom fields) is kept in the
// message but not interpreted. Quoted fields end at an unescaped '"'; both
// servers write '"' inside a value as \" (FORMATS.md §1.4).
//
// Status 499 is nginx's "client closed request": the client went away
// before the response, which is a client abort whatever the message says.
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

// The end of the quoted field that opens at line[pos] (one past its closing
// quote), or npos when it does not close.
size_t SkipQuoted(std::string_view line, size_t pos) {
  for (size_t i = pos + 1; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// HTTP methods are upper-case letters only.
bool IsMethod(std::string_view s) {
  if (s.empty() || s.size() > 16) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

class AccessLogParser final : public LineParser {
 public:
  explicit AccessLogParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    // Up to four bare fields before the '[' of the time.
    std::string_view fields[4];
    int nfields = 0;
    size_t pos = 0;
    while (pos < line.size() && line[pos] != '[') {
      if (nfields == 4) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [time]");
      }
      const size_t end = line.find(' ', pos);
      if (end == std::string_view::npos || end == pos || line[pos] == '"') {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [time]");
      }
      fields[nfields++] = line.substr(pos, end - pos);
      pos = end + 1;
    }
    if (nfields < 3) return ParseOutcome::NotThisFormat(1, "fewer than three fields before [time]");
    CivilTime t;
    const size_t n = ParseClfTime(line.substr(pos), &t);
    if (n == 0) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1),
                                         "no [dd/Mmm/YYYY:hh:mm:ss]");
    }
    pos += n;
    const auto malformed = [&](std::string_view why) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), why);
    };
    if (pos + 1 >= line.size() || line[pos] != ' ' || line[pos + 1] != '"') {
      return malformed("no quoted request after [time]");
    }
    ++pos;
    const size_t request_start = pos;
    const size_t request_end = SkipQuoted(line, pos);
    if (request_end == std::string_view::npos) return malformed("unterminated request");
    pos = request_end;
    if (pos + 4 > line.size() || line[pos] != ' ') return malformed("no status");
    ++pos;
    const int status = base::ParseFixedDigits(line, pos, 3);
    if (status < 100 || (pos + 3 < line.size() && line[pos + 3] != ' ')) {
      return malformed("bad status");
    }
    const std::string_view status_text = line.substr(pos, 3);
    pos += 3;
    std::string_view bytes;
    if (pos + 1 < line.size()) {
      const size_t start = ++pos;
      while (pos < line.size() && IsDigit(line[pos])) ++pos;
      if (pos > start && (pos == line.size() || line[pos] == ' ')) {
        bytes = line.substr(start, pos - start);
      } else if (line[start] != '-') {
        pos = start;
        return malformed("bad byte count");
      }
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;

    const std::string_view remote = fields[nfields - 3];
    std::string_view remote_ip;
    int32_t remote_port = 0;
    if (IsIpv4(remote) || IsIpv6(remote)) {
      out->src_ip = remote;
    } else if (base::SplitIpPort(remote, &remote_ip, &remote_port)) {
      // "$remote_addr:$remote_port", as log formats that keep the client's
      // connection write it.
      out->src_ip = remote_ip;
      out->src_port = remote_port;
    } else if (remote != "-") {
      out->AddAttr("remote_host", remote);
    }
    if (nfields == 4) out->AddAttr("vhost", fields[0]);
    // "METHOD PATH PROTOCOL"; a request that is "-" or garbage (TLS bytes
    // sent to a plain port) has neither.
    const std::string_view request =
        line.substr(request_start + 1, request_end - request_start - 2);
    const size_t sp = request.find(' ');
    if (sp != std::string_view::npos && IsMethod(request.substr(0, sp))) {
      out->AddAttr("method", request.substr(0, sp));
      std::string_view path = request.substr(sp + 1);
      path = path.substr(0, path.find(' '));
      if (!path.empty()) out->AddAttr("path", path);
    }
    out->AddAttr("status", status_text, /*is_number=*/true);
    if (!bytes.empty()) out->AddAttr("bytes", bytes, /*is_number=*/true);
    out->severity = status >= 500   ? base::Severity::kError
                    : status >= 400 ? base::Severity::kWarning
                                    : base::Severity::kInfo;
    if (status == 499) {
      out->kind = base::Kind::kClientAbort;
      out->rule = "http_499";
    }
    out->msg_offset = request_start;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakeAccessLog(const SourceContext& ctx) {
  return std::make_unique<AccessLogParser>(ctx);
}

constexpr FormatSample kAccessLogSamples[] = {
    // A custom nginx log_format that starts with "$remote_addr:$remote_port"
    // (the client's endpoint, which other hosts' logs share).
    {.text = "10.40.0.21:39568 - - [20/Nov/2024:13:40:36 +0000] \"POST /v1/stock/reserve "
             "HTTP/1.1\" 200 89 \"-\" \"Go-http-client/1.1\"",
     .ts = "2024-11-20T13:40:36.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"POST /v1/stock/reserve HTTP/1.1\" 200 89 \"-\" \"Go-http-client/1.1\"",
     .src_ip = "10.40.0.21",
     .src_port = 39568},
    // [verbatim] lnav access_log sample (user agent shortened there).
    {.text = "10.112.72.172 - - [11/Feb/2013:06:43:36 +0000] \"GET /client/ HTTP/1.1\" 200 5778 "
             "\"-\" \"Mozilla/5.0 \xE2\x80\xA6\"",
     .ts = "2013-02-11T06:43:36.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"GET /client/ HTTP/1.1\" 200 5778 \"-\" \"Mozilla/5.0 \xE2\x80\xA6\"",
     .src_ip = "10.112.72.172"},
    // [verbatim] lnav vhost variant: the virtual host comes first.
    {.text = "www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.0\" "
             "200 368 \"-\" \"Mozilla/5.0 \xE2\x80\xA6\"",
     .ts = "2012-02-10T21:41:07.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"GET / HTTP/1.0\" 200 368 \"-\" \"Mozilla/5.0 \xE2\x80\xA6\"",
     .src_ip = "1.2.3.4"},
    // [verbatim] httpd mod_log_config documentation: Common Log Format.
    {.text = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 "
             "2326",
     .ts = "2000-10-10T20:55:36.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "\"GET /apache_pb.gif HTTP/1.0\" 200 2326",
     .src_ip = "127.0.0.1"},
    // [from-format] nginx 499: the client closed the connection first.
    {.text = "203.0.113.9 - - [01/Mar/2024:10:15:02 +0100] \"POST /v1/orders HTTP/1.1\" 499 0 "
             "\"-\" \"curl/8.5.0\"",
     .ts = "2024-03-01T09:15:02.000000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "\"POST /v1/orders HTTP/1.1\" 499 0 \"-\" \"curl/8.5.0\"",
     .kind = "client_abort",
     .src_ip = "203.0.113.9"},
    // [from-format] escaped quotes inside quoted fields; 502 is an error.
    {.text = "2001:db8::7 - - [01/Mar/2024:10:15:03 +0000] \"GET /search?q=\\\"reset\\\" "
             "HTTP/1.1\" 502 157 \"https://example.com/\" \"Mozilla/5.0 (X11; \\\"test\\\")\"",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "\"GET /search?q=\\\"reset\\\" HTTP/1.1\" 502 157 \"https://example.com/\" "
                "\"Mozilla/5.0 (X11; \\\"test\\\")\"",
     .src_ip = "2001:db8::7"},
    // [from-format] FORMATS.md §6.3: no request at all, "-" bytes; Apache
    // vhost_combined puts the port after the virtual host.
    {.text = "api.example.com:443 198.51.100.4 - - [01/Mar/2024:10:15:04 +0000] \"-\" 408 - \"-\" "
             "\"-\"",
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "\"-\" 408 - \"-\" \"-\"",
     .src_ip = "198.51.100.4"},
};

}  // namespace

const FormatInfo kAccessLogFormat = {
    .name = "access_log",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "nginx/Apache access log, Common and Combined formats, optional vhost first",
    .signature = "[VHOST] HOST IDENT USER [dd/Mmm/YYYY:hh:mm:ss +zzzz] \"REQUEST\" STATUS BYTES",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeAccessLog,
    .samples = kAccessLogSamples,
};

}  // namespace rstscope::parsers
