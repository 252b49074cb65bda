// AWS load balancer access logs (FORMATS.md §6.7; AWS "Access logs for
// your Application Load Balancer" and "... Classic Load Balancer"):
//
//   aws_alb: TYPE TIME ELB CLIENT:PORT TARGET:PORT REQ_TIME TARGET_TIME RESP_TIME
//            ELB_STATUS TARGET_STATUS RECEIVED SENT "REQUEST"[ "USER_AGENT"
//            SSL_CIPHER SSL_PROTOCOL TARGET_GROUP_ARN "TRACE_ID" "DOMAIN"
//            "CERT_ARN" PRIORITY CREATION_TIME "ACTIONS" "REDIRECT_URL"
//            "ERROR_REASON"[ ...]]
//   aws_elb: TIME ELB CLIENT:PORT BACKEND:PORT REQ_TIME BACKEND_TIME RESP_TIME
//            ELB_STATUS BACKEND_STATUS RECEIVED SENT "REQUEST"[ "USER_AGENT"
//            SSL_CIPHER SSL_PROTOCOL]
//
// TYPE is http, https, h2, grpcs, ws or wss. TIME is RFC 3339 UTC with
// microseconds: when the load balancer finished the request. Absent values
// are "-" (TCP listeners have no status), processing times are -1 when the
// target could not be used; AWS keeps appending fields, which are kept in
// the message but not read. Any field may be quoted or bare ("-").
//
// The message runs from ELB_STATUS on. A 502 without a target status is
// the target closing or resetting the connection (or being unreachable),
// a 504 the target not answering in time, a 460 the client leaving first.
#include <iterator>

#include "base/strings.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using proxy::IsInteger;
using proxy::NextToken;

// The next field, quoted or bare, at line[*pos]: its value without quotes.
// Advances *pos past it and the spaces that follow. False at the end of the
// line or on an unterminated quote.
bool NextField(std::string_view line, size_t* pos, std::string_view* value) {
  if (*pos >= line.size()) return false;
  if (line[*pos] != '"') {
    *value = NextToken(line, pos);
    return true;
  }
  const size_t end = proxy::SkipQuoted(line, *pos);
  if (end == std::string_view::npos) return false;
  *value = line.substr(*pos + 1, end - *pos - 2);
  *pos = end;
  while (*pos < line.size() && line[*pos] == ' ') ++(*pos);
  return true;
}

// "0.000", "0.001069" or "-1".
bool IsSeconds(std::string_view s) {
  if (s == "-1") return true;
  const size_t dot = s.find('.');
  return dot != std::string_view::npos && IsInteger(s.substr(0, dot)) &&
         IsInteger(s.substr(dot + 1));
}

bool IsStatus(std::string_view s) { return s == "-" || (s.size() == 3 && IsInteger(s)); }

bool IsAlbType(std::string_view s) {
  return s == "http" || s == "https" || s == "h2" || s == "grpcs" || s == "ws" || s == "wss";
}

class AwsLbParser final : public LineParser {
 public:
  AwsLbParser(const SourceContext& ctx, bool alb) : zone_(ctx.zone), alb_(alb) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = 0;
    std::string_view type;
    if (alb_) {
      type = NextToken(line, &pos);
      if (!IsAlbType(type)) return ParseOutcome::NotThisFormat(1, "no ALB request type");
    }
    const auto not_this = [&](std::string_view why) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), why);
    };
    CivilTime t;
    const size_t time_start = pos;
    const std::string_view time = NextToken(line, &pos);
    if (time.empty() || !IsDigit(time[0]) || ParseIso8601(time, &t) != time.size() ||
        !t.has_offset) {
      pos = time_start;
      return not_this("no RFC 3339 UTC time");
    }
    const std::string_view elb = NextToken(line, &pos);
    const std::string_view client = NextToken(line, &pos);
    std::string_view client_ip;
    int32_t client_port = -1;
    if (elb.empty() || !proxy::SplitIpPort(client, &client_ip, &client_port)) {
      return not_this("no load balancer and client:port");
    }
    const std::string_view target = NextToken(line, &pos);
    std::string_view target_ip;
    int32_t target_port = -1;
    if (target != "-" && !proxy::SplitIpPort(target, &target_ip, &target_port)) {
      return not_this("no target:port");
    }
    for (int i = 0; i < 3; ++i) {
      if (!IsSeconds(NextToken(line, &pos))) return not_this("no processing times");
    }
    const size_t message_start = pos;
    const std::string_view status = NextToken(line, &pos);
    const std::string_view target_status = NextToken(line, &pos);
    if (!IsStatus(status) || !IsStatus(target_status)) return not_this("no status codes");
    const std::string_view received = NextToken(line, &pos);
    const std::string_view sent = NextToken(line, &pos);
    if (!IsInteger(received) || !IsInteger(sent)) return not_this("no byte counts");
    if (pos >= line.size() || line[pos] != '"') return not_this("no quoted request");
    std::string_view request;
    if (!NextField(line, &pos, &request)) return not_this("unterminated request");
    // The optional tail, in order; reading stops where the line does.
    std::string_view agent, cipher, protocol, group, trace_id, domain, cert, priority, created,
        actions, redirect, error_reason;
    std::string_view* const alb_tail[] = {&agent,    &cipher,  &protocol, &group,
                                          &trace_id, &domain,  &cert,     &priority,
                                          &created,  &actions, &redirect, &error_reason};
    const size_t tail_fields = alb_ ? std::size(alb_tail) : 3;
    size_t read = 0;
    while (read < tail_fields && NextField(line, &pos, alb_tail[read])) ++read;
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(time_start + 1), TimestampProblem(t));
    }
    out->has_ts = true;

    if (alb_) out->AddAttr("type", type);
    out->AddAttr("elb", elb);
    if (status != "-") out->AddAttr("status", status, /*is_number=*/true);
    if (target_status != "-") out->AddAttr("target_status", target_status, /*is_number=*/true);
    out->AddAttr("bytes_in", received, /*is_number=*/true);
    out->AddAttr("bytes_out", sent, /*is_number=*/true);
    const size_t sp = request.find(' ');
    if (sp != std::string_view::npos && sp > 0 && request.substr(0, sp) != "-") {
      out->AddAttr("method", request.substr(0, sp));
      std::string_view url = request.substr(sp + 1);
      url = url.substr(0, url.find(' '));
      if (!url.empty()) out->AddAttr("url", url);
    }
    if (!trace_id.empty() && trace_id != "-") out->AddAttr("request_id", trace_id);
    if (!domain.empty() && domain != "-") out->AddAttr("domain", domain);
    if (!error_reason.empty() && error_reason != "-") out->AddAttr("reason", error_reason);
    if (target != "-") out->AddAttr("upstream", target);
    out->src_ip = client_ip;
    out->src_port = client_port;
    out->dst_ip = target_ip;
    out->dst_port = target_port;

    const int code = status == "-" ? 0 : base::ParseFixedDigits(status, 0, 3);
    out->severity = proxy::SeverityFromStatus(code);
    if (code == 502 && target_status == "-") {
      out->kind = base::Kind::kReset;
      out->rule = alb_ ? "alb_502_target_reset" : "elb_502_backend_reset";
    } else if (code == 504) {
      out->kind = base::Kind::kTimeout;
      out->rule = alb_ ? "alb_504_timeout" : "elb_504_timeout";
    } else if (code == 460) {
      out->kind = base::Kind::kClientAbort;
      out->rule = alb_ ? "alb_460_client_closed" : "elb_460_client_closed";
    }
    out->msg_offset = message_start;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  bool alb_;
};

std::unique_ptr<LineParser> MakeAlb(const SourceContext& ctx) {
  return std::make_unique<AwsLbParser>(ctx, /*alb=*/true);
}
std::unique_ptr<LineParser> MakeElb(const SourceContext& ctx) {
  return std::make_unique<AwsLbParser>(ctx, /*alb=*/false);
}

constexpr FormatSample kAlbSamples[] = {
    // [verbatim] lnav alb_log sample.
    {.text = "http 2016-08-10T22:08:42.945958Z app/my-loadbalancer/50dc6c495c0c9188 "
             "192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET "
             "http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
             "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/"
             "73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" - -",
     .ts = "2016-08-10T22:08:42.945958Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - - "
                "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/"
                "73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" - -",
     .kind = "other",
     .src_ip = "192.168.131.39",
     .src_port = 2817,
     .dst_ip = "10.0.0.1",
     .dst_port = 80,
     .attrs =
         R"({"type":"http","elb":"app/my-loadbalancer/50dc6c495c0c9188","status":200,)"
         R"("target_status":200,"bytes_in":34,"bytes_out":366,"method":"GET",)"
         R"("url":"http://www.example.com:80/",)"
         R"("request_id":"Root=1-58337262-36d228ad5d99923122bbe354","upstream":"10.0.0.1:80"})"},
    // [verbatim] plaso: the newer fields, all present.
    {.text = "https 2020-01-11T16:55:20.356586Z app/production-web/jf29fj2198ejf922 "
             "192.168.1.10:44325 192.168.1.123:32869 0.013 0.164 0.000 200 200 391 107999 "
             "\"GET https://www.domain.name:443/ HTTP/1.1\" \"Mozilla/5.0 (\xE2\x80\xA6)\" "
             "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
             "123456789123 \"XXXXXXX\" \"www.domain.name\" "
             "\"arn:aws:abc:us-east-2:234567891234:certificate\" 2 2020-01-11T16:55:19.624000Z "
             "\"waf,forward\" \"-\" \"-\" \"192.168.1.123:32869\" \"200\" \"-\" \"-\"",
     .ts = "2020-01-11T16:55:20.356586Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "200 200 391 107999 \"GET https://www.domain.name:443/ HTTP/1.1\" "
                "\"Mozilla/5.0 (\xE2\x80\xA6)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                "arn:aws:elasticloadbalancing:us-east-2:123456789123 \"XXXXXXX\" "
                "\"www.domain.name\" \"arn:aws:abc:us-east-2:234567891234:certificate\" 2 "
                "2020-01-11T16:55:19.624000Z \"waf,forward\" \"-\" \"-\" "
                "\"192.168.1.123:32869\" \"200\" \"-\" \"-\"",
     .kind = "other",
     .src_ip = "192.168.1.10",
     .src_port = 44325,
     .dst_ip = "192.168.1.123",
     .dst_port = 32869,
     .attrs = R"({"type":"https","elb":"app/production-web/jf29fj2198ejf922","status":200,)"
              R"("target_status":200,"bytes_in":391,"bytes_out":107999,"method":"GET",)"
              R"("url":"https://www.domain.name:443/","request_id":"XXXXXXX",)"
              R"("domain":"www.domain.name","upstream":"192.168.1.123:32869"})"},
    // [from-format] 502 with no target status: the target reset or closed.
    {.text = "https 2024-03-01T10:15:02.123456Z app/api-lb/50dc6c495c0c9188 203.0.113.9:51234 "
             "10.0.0.21:8080 0.000 -1 -1 502 - 250 277 \"POST "
             "https://api.example.com:443/v1/orders HTTP/1.1\" \"curl/8.5.0\" "
             "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
             "123456789012:targetgroup/api/73e2d6bc24d8a067 "
             "\"Root=1-65e1aa66-0123456789abcdef01234567\" \"api.example.com\" \"-\" 1 "
             "2024-03-01T10:15:02.100000Z \"forward\" \"-\" \"-\" \"10.0.0.21:8080\" \"-\" "
             "\"-\" \"-\"",
     .ts = "2024-03-01T10:15:02.123456Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "502 - 250 277 \"POST https://api.example.com:443/v1/orders HTTP/1.1\" "
                "\"curl/8.5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/api/"
                "73e2d6bc24d8a067 \"Root=1-65e1aa66-0123456789abcdef01234567\" "
                "\"api.example.com\" \"-\" 1 2024-03-01T10:15:02.100000Z \"forward\" \"-\" "
                "\"-\" \"10.0.0.21:8080\" \"-\" \"-\" \"-\"",
     .kind = "reset",
     .src_ip = "203.0.113.9",
     .src_port = 51234,
     .dst_ip = "10.0.0.21",
     .dst_port = 8080,
     .attrs = R"({"type":"https","elb":"app/api-lb/50dc6c495c0c9188","status":502,)"
              R"("bytes_in":250,"bytes_out":277,"method":"POST",)"
              R"("url":"https://api.example.com:443/v1/orders",)"
              R"("request_id":"Root=1-65e1aa66-0123456789abcdef01234567",)"
              R"("domain":"api.example.com","upstream":"10.0.0.21:8080"})"},
    // [from-format] 504: the target did not answer; a Lambda-style error
    // reason is kept verbatim.
    {.text = "https 2024-03-01T10:16:02.000001Z app/api-lb/50dc6c495c0c9188 203.0.113.9:51240 "
             "10.0.0.22:8080 0.000 -1 -1 504 - 180 0 \"GET https://api.example.com:443/slow "
             "HTTP/1.1\" \"curl/8.5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
             "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/api/"
             "73e2d6bc24d8a067 \"Root=1-65e1aaa2-0123456789abcdef01234568\" "
             "\"api.example.com\" \"-\" 1 2024-03-01T10:15:02.000000Z \"forward\" \"-\" "
             "\"LambdaConnectionTimeout\"",
     .ts = "2024-03-01T10:16:02.000001Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "504 - 180 0 \"GET https://api.example.com:443/slow HTTP/1.1\" \"curl/8.5.0\" "
                "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
                "123456789012:targetgroup/api/73e2d6bc24d8a067 "
                "\"Root=1-65e1aaa2-0123456789abcdef01234568\" \"api.example.com\" \"-\" 1 "
                "2024-03-01T10:15:02.000000Z \"forward\" \"-\" \"LambdaConnectionTimeout\"",
     .kind = "timeout",
     .src_ip = "203.0.113.9",
     .src_port = 51240,
     .dst_ip = "10.0.0.22",
     .dst_port = 8080,
     .attrs = R"({"type":"https","elb":"app/api-lb/50dc6c495c0c9188","status":504,)"
              R"("bytes_in":180,"bytes_out":0,"method":"GET",)"
              R"("url":"https://api.example.com:443/slow",)"
              R"("request_id":"Root=1-65e1aaa2-0123456789abcdef01234568",)"
              R"("domain":"api.example.com","reason":"LambdaConnectionTimeout",)"
              R"("upstream":"10.0.0.22:8080"})"},
    // [from-format] 460: the client closed before the load balancer answered;
    // no target was chosen.
    {.text = "h2 2024-03-01T10:17:00.500000Z app/api-lb/50dc6c495c0c9188 203.0.113.9:51250 - "
             "-1 -1 -1 460 - 120 0 \"GET https://api.example.com:443/report HTTP/2.0\" "
             "\"okhttp/4.12\"",
     .ts = "2024-03-01T10:17:00.500000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "460 - 120 0 \"GET https://api.example.com:443/report HTTP/2.0\" "
                "\"okhttp/4.12\"",
     .kind = "client_abort",
     .src_ip = "203.0.113.9",
     .src_port = 51250,
     .attrs = R"({"type":"h2","elb":"app/api-lb/50dc6c495c0c9188","status":460,"bytes_in":120,)"
              R"("bytes_out":0,"method":"GET","url":"https://api.example.com:443/report"})"},
};

constexpr FormatSample kElbSamples[] = {
    // [verbatim] lnav elb_log sample: a TCP listener, no HTTP fields.
    {.text = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 "
             "0.001069 0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -",
     .ts = "2015-05-13T23:39:43.945958Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "- - 82 305 \"- - - \" \"-\" - -",
     .kind = "other",
     .src_ip = "192.168.131.39",
     .src_port = 2817,
     .dst_ip = "10.0.0.1",
     .dst_port = 80,
     .attrs = R"({"elb":"my-loadbalancer","bytes_in":82,"bytes_out":305,)"
              R"("upstream":"10.0.0.1:80"})"},
    // [from-format] an HTTP listener, normal request.
    {.text = "2024-03-01T10:15:01.000100Z my-classic 203.0.113.9:51230 10.0.0.22:80 0.000040 "
             "0.001500 0.000030 200 200 0 512 \"GET http://www.example.com:80/ HTTP/1.1\" "
             "\"curl/8.5.0\" - -",
     .ts = "2024-03-01T10:15:01.000100Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "200 200 0 512 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/8.5.0\" - -",
     .kind = "other",
     .src_ip = "203.0.113.9",
     .src_port = 51230,
     .dst_ip = "10.0.0.22",
     .dst_port = 80,
     .attrs = R"({"elb":"my-classic","status":200,"target_status":200,"bytes_in":0,)"
              R"("bytes_out":512,"method":"GET","url":"http://www.example.com:80/",)"
              R"("upstream":"10.0.0.22:80"})"},
    // [from-format] the backend closed the connection: 502, no backend status.
    {.text = "2024-03-01T10:15:02.000200Z my-classic 203.0.113.9:51231 10.0.0.22:80 0.000041 "
             "-1 -1 502 - 0 0 \"POST http://www.example.com:80/v1/orders HTTP/1.1\" "
             "\"curl/8.5.0\" - -",
     .ts = "2024-03-01T10:15:02.000200Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "502 - 0 0 \"POST http://www.example.com:80/v1/orders HTTP/1.1\" \"curl/8.5.0\" "
                "- -",
     .kind = "reset",
     .src_ip = "203.0.113.9",
     .src_port = 51231,
     .dst_ip = "10.0.0.22",
     .dst_port = 80,
     .attrs = R"({"elb":"my-classic","status":502,"bytes_in":0,"bytes_out":0,"method":"POST",)"
              R"("url":"http://www.example.com:80/v1/orders","upstream":"10.0.0.22:80"})"},
    // [from-format] the backend timed out: 504.
    {.text = "2024-03-01T10:16:02.000300Z my-classic 203.0.113.9:51232 10.0.0.23:80 0.000039 "
             "-1 -1 504 - 0 0 \"GET http://www.example.com:80/slow HTTP/1.1\" \"curl/8.5.0\" "
             "- -",
     .ts = "2024-03-01T10:16:02.000300Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "504 - 0 0 \"GET http://www.example.com:80/slow HTTP/1.1\" \"curl/8.5.0\" - -",
     .kind = "timeout",
     .src_ip = "203.0.113.9",
     .src_port = 51232,
     .dst_ip = "10.0.0.23",
     .dst_port = 80,
     .attrs = R"({"elb":"my-classic","status":504,"bytes_in":0,"bytes_out":0,"method":"GET",)"
              R"("url":"http://www.example.com:80/slow","upstream":"10.0.0.23:80"})"},
};

}  // namespace

const FormatInfo kAwsAlbFormat = {
    .name = "aws_alb",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "AWS Application Load Balancer access log",
    .signature = "TYPE TIME app/NAME/ID CLIENT:PORT TARGET:PORT T T T STATUS STATUS RX TX \"REQ\"",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeAlb,
    .samples = kAlbSamples,
};

const FormatInfo kAwsElbFormat = {
    .name = "aws_elb",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "AWS Classic Load Balancer access log",
    .signature = "TIME NAME CLIENT:PORT BACKEND:PORT T T T STATUS STATUS RX TX \"REQUEST\"",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeElb,
    .samples = kElbSamples,
};

}  // namespace rstscope::parsers
