// Squid's native access.log (FORMATS.md §6.6; squid src/cf.data.pre,
// "logformat squid %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un
// %Sh/%<a %mt"):
//
//   EPOCH.mmm ELAPSED CLIENT TAG/CODE BYTES METHOD URL[ USER[ HIER/PEER[ MIME]]][ ...]
//
// EPOCH is UTC seconds with milliseconds, written when the transaction
// completes; ELAPSED is padded to six columns, so fields may be separated by
// several spaces. CLIENT is an address, or a name with log_fqdn. CODE is
// three digits, 000 when no reply was sent. TAG gets "_ABORTED",
// "_TIMEDOUT" or "_IGNORED" appended by LogTags::c_str(); "NONE_NONE" is
// a transaction that never got a tag.
#include "base/strings.h"
#include "parsers/formats/proxy_formats.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using proxy::IsInteger;
using proxy::NextToken;

// "TAG/CODE": an upper-case tag with underscores, then three digits.
bool IsTagStatus(std::string_view s) {
  if (s.size() < 5 || s[s.size() - 4] != '/') return false;
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_')) return false;
  }
  return base::ParseFixedDigits(s, s.size() - 3, 3) >= 0;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

class SquidParser final : public LineParser {
 public:
  explicit SquidParser(const SourceContext& /*ctx*/) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = 0;
    int64_t seconds = 0;
    if (!base::ParseDigits(line, &pos, &seconds) || pos > 12 || pos + 4 > line.size() ||
        line[pos] != '.') {
      return ParseOutcome::NotThisFormat(1, "no EPOCH.mmm");
    }
    const int millis = base::ParseFixedDigits(line, pos + 1, 3);
    if (millis < 0 || pos + 4 >= line.size() || line[pos + 4] != ' ') {
      return ParseOutcome::NotThisFormat(1, "no EPOCH.mmm");
    }
    pos += 4;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    const auto not_this = [&](std::string_view why) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), why);
    };
    const std::string_view elapsed = NextToken(line, &pos);
    if (!IsInteger(elapsed)) return not_this("no elapsed time");
    const std::string_view client = NextToken(line, &pos);
    if (client.empty()) return not_this("no client");
    const size_t message_start = pos;
    const std::string_view tag_status = NextToken(line, &pos);
    if (!IsTagStatus(tag_status)) return not_this("no TAG/CODE");
    const std::string_view bytes = NextToken(line, &pos);
    const std::string_view method = NextToken(line, &pos);
    const std::string_view url = NextToken(line, &pos);
    if (!IsInteger(bytes) || method.empty() || url.empty()) {
      return not_this("no BYTES METHOD URL");
    }
    NextToken(line, &pos);  // user
    const std::string_view hierarchy = NextToken(line, &pos);

    out->ts_us = seconds * 1000000 + millis * 1000;
    out->has_ts = true;
    if (base::IsIp(client)) {
      out->src_ip = client;
    } else {
      out->AddAttr("remote_host", client);
    }
    std::string_view code = tag_status.substr(tag_status.size() - 3);
    // "000" is not a JSON number.
    while (code.size() > 1 && code[0] == '0') code.remove_prefix(1);
    const std::string_view tag = tag_status.substr(0, tag_status.size() - 4);
    out->AddAttr("duration_ms", elapsed, /*is_number=*/true);
    out->AddAttr("reason", tag_status);
    out->AddAttr("status", code, /*is_number=*/true);
    out->AddAttr("bytes", bytes, /*is_number=*/true);
    out->AddAttr("method", method);
    out->AddAttr("url", url);
    const size_t slash = hierarchy.find('/');
    if (slash != std::string_view::npos) {
      const std::string_view peer = hierarchy.substr(slash + 1);
      if (!peer.empty() && peer != "-") {
        out->AddAttr("upstream", peer);
        if (base::IsIp(peer)) out->dst_ip = peer;
      }
    }
    int status = 0;
    for (char c : code) status = status * 10 + (c - '0');
    out->severity = status == 0 ? base::Severity::kWarning : proxy::SeverityFromStatus(status);
    if (Contains(tag, "_ABORTED")) {
      out->kind = base::Kind::kClientAbort;
      out->rule = "squid_aborted";
      if (out->severity == base::Severity::kInfo) out->severity = base::Severity::kWarning;
    } else if (Contains(tag, "_TIMEDOUT")) {
      out->kind = base::Kind::kTimeout;
      out->rule = "squid_timedout";
      if (out->severity == base::Severity::kInfo) out->severity = base::Severity::kWarning;
    }
    out->msg_offset = message_start;
    return ParseOutcome::Parsed();
  }
};

std::unique_ptr<LineParser> MakeSquid(const SourceContext& ctx) {
  return std::make_unique<SquidParser>(ctx);
}

constexpr FormatSample kSquidSamples[] = {
    // [verbatim] plaso test_data/squid_access.log.
    {.text = "1677971735.123  567 192.168.1.100 TCP_MISS/200 5432 GET "
             "http://example.com/index.html user1 HIER_DIRECT/93.184.216.34 text/html",
     .ts = "2023-03-04T23:15:35.123000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "TCP_MISS/200 5432 GET http://example.com/index.html user1 "
                "HIER_DIRECT/93.184.216.34 text/html",
     .kind = "other",
     .src_ip = "192.168.1.100",
     .dst_ip = "93.184.216.34",
     .attrs = R"({"duration_ms":567,"reason":"TCP_MISS/200","status":200,"bytes":5432,)"
              R"("method":"GET","url":"http://example.com/index.html",)"
              R"("upstream":"93.184.216.34"})"},
    // [verbatim] plaso: a CONNECT tunnel, logged when it closes.
    {.text = "1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - "
             "HIER_DIRECT/1.2.3.4 -",
     .ts = "2023-03-04T23:15:34.079000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -",
     .kind = "other",
     .src_ip = "1.2.3.4",
     .dst_ip = "1.2.3.4",
     .attrs = R"({"duration_ms":1234,"reason":"TCP_TUNNEL/200","status":200,"bytes":39,)"
              R"("method":"CONNECT","url":"domain.xyz:443","upstream":"1.2.3.4"})"},
    // [from-format] the client aborted before a reply (status 000).
    {.text = "1709288102.456   5012 10.1.2.3 TCP_MISS_ABORTED/000 0 GET "
             "http://example.com/big.iso - HIER_DIRECT/93.184.216.34 -",
     .ts = "2024-03-01T10:15:02.456000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "TCP_MISS_ABORTED/000 0 GET http://example.com/big.iso - "
                "HIER_DIRECT/93.184.216.34 -",
     .kind = "client_abort",
     .src_ip = "10.1.2.3",
     .dst_ip = "93.184.216.34",
     .attrs = R"({"duration_ms":5012,"reason":"TCP_MISS_ABORTED/000","status":0,"bytes":0,)"
              R"("method":"GET","url":"http://example.com/big.iso","upstream":"93.184.216.34"})"},
    // [from-format] the server side timed out.
    {.text = "1709288103.500  60000 10.1.2.3 TCP_MISS_TIMEDOUT/504 312 GET "
             "http://api.example.com/slow - HIER_DIRECT/10.0.0.21 text/html",
     .ts = "2024-03-01T10:15:03.500000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "TCP_MISS_TIMEDOUT/504 312 GET http://api.example.com/slow - "
                "HIER_DIRECT/10.0.0.21 text/html",
     .kind = "timeout",
     .src_ip = "10.1.2.3",
     .dst_ip = "10.0.0.21",
     .attrs = R"({"duration_ms":60000,"reason":"TCP_MISS_TIMEDOUT/504","status":504,)"
              R"("bytes":312,"method":"GET","url":"http://api.example.com/slow",)"
              R"("upstream":"10.0.0.21"})"},
    // [from-format] no tag was ever assigned: nothing for the correlation.
    {.text = "1709288104.000      0 10.1.2.3 NONE_NONE/000 0 - "
             "error:transaction-end-before-headers - HIER_NONE/- -",
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "",
     .process = "",
     .severity = "warning",
     .message = "NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- -",
     .kind = "other",
     .src_ip = "10.1.2.3",
     .attrs = R"({"duration_ms":0,"reason":"NONE_NONE/000","status":0,"bytes":0,"method":"-",)"
              R"("url":"error:transaction-end-before-headers"})"},
    // [from-format] log_fqdn on: the client is a name; a parent cache.
    {.text = "1709288105.250     87 desk17.corp.example TCP_MISS/502 4012 GET "
             "http://intranet.example/ - FIRSTUP_PARENT/proxy2.corp.example text/html",
     .ts = "2024-03-01T10:15:05.250000Z",
     .host = "",
     .process = "",
     .severity = "error",
     .message = "TCP_MISS/502 4012 GET http://intranet.example/ - "
                "FIRSTUP_PARENT/proxy2.corp.example text/html",
     .kind = "other",
     .attrs = R"({"remote_host":"desk17.corp.example","duration_ms":87,"reason":"TCP_MISS/502",)"
              R"("status":502,"bytes":4012,"method":"GET","url":"http://intranet.example/",)"
              R"("upstream":"proxy2.corp.example"})"},
};

}  // namespace

const FormatInfo kSquidFormat = {
    .name = "squid",
    .family = Family::kProxy,
    .default_role = base::Role::kProxy,
    .description = "Squid native access.log (logformat squid)",
    .signature = "EPOCH.mmm ELAPSED CLIENT TAG/CODE BYTES METHOD URL USER HIER/PEER MIME",
    .priority = 35,
    .continuation = Continuation::kNone,
    .make_parser = &MakeSquid,
    .samples = kSquidSamples,
};

}  // namespace rstscope::parsers
