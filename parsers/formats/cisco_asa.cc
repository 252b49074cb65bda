// Cisco ASA / Firepower Threat Defense syslog messages (FORMATS.md §8.1),
// inside syslog ("cisco_asa") and as files the ASA's own timestamp starts
// ("cisco_asa_log"):
//
//   %ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1/22 to ...
//   May 18 2025 08:15:03: %ASA-6-302014: ...              (logging timestamp)
//   Sep 30 2026 11:39:02 ASA-EDGE-01 : %ASA-6-302014: ... (with device-id)
//   <166>Apr 11 2026 10:01:04: %ASA-6-302014: ...         (captured with PRI)
//
// Relays that read "%ASA-6-302014:" as the syslog tag leave the rest as the
// message; the embedded parser then moves the message start back so that
// the record's message is the ASA text either way.
//
// Interpreted (Cisco ASA syslog messages guide, 106001-106023, 302013-302016):
//   302013/302015 Built {inbound|outbound} {TCP|UDP} connection ID for
//     IFC:IP/PORT (MAPPED/PORT)[(user)] to IFC:IP/PORT (MAPPED/PORT)[(user)]
//   302014/302016 Teardown {TCP|UDP} connection ID for IFC:IP/PORT[(user)] to
//     IFC:IP/PORT[(user)] duration H:MM:SS bytes N[ REASON][ from IFC][ (user)]
//   106001 Inbound TCP connection denied from IP/PORT to IP/PORT flags ...
//   106006/106007 Deny inbound UDP from IP/PORT to IP/PORT ...
//   106014 Deny inbound icmp src IFC:IP dst IFC:IP (type N, code N)
//   106015 Deny TCP (no connection) from IP/PORT to IP/PORT flags F on interface IFC
//   106023 Deny PROTO src IFC:IP[/PORT] dst IFC:IP[/PORT] ... by access-group "ACL" ...
// Interface names may contain spaces ("NP Identity Ifc") but never ':'.
// Other message ids keep their severity and id; the classifier reads them.
#include <cstdio>

#include "base/civil_time.h"
#include "base/strings.h"
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;

// Room for the numbers an ASA line computes (duration in ms).
constexpr size_t kNumberBuffer = 24;

std::string_view LowerProto(std::string_view p) {
  if (p == "TCP" || p == "tcp") return "tcp";
  if (p == "UDP" || p == "udp") return "udp";
  if (p == "ICMP" || p == "icmp") return "icmp";
  if (p == "ICMPv6" || p == "icmp6" || p == "icmpv6") return "icmpv6";
  if (p == "GRE" || p == "gre") return "gre";
  if (p == "SCTP" || p == "sctp") return "sctp";
  return p;
}

bool ParsePortAt(std::string_view s, size_t* pos, int32_t* port) {
  int64_t v = 0;
  const size_t start = *pos;
  if (!base::ParseDigits(s, pos, &v) || *pos - start > 5 || v > 65535) {
    *pos = start;
    return false;
  }
  *port = static_cast<int32_t>(v);
  return true;
}

// "IP/PORT" at s[*pos]; the port is optional when `port_optional`.
bool ParseAddr(std::string_view s, size_t* pos, std::string_view* ip, int32_t* port,
               bool port_optional, std::string_view* port_text = nullptr) {
  size_t end = *pos;
  while (end < s.size() && s[end] != '/' && s[end] != ' ' && s[end] != ')' && s[end] != '(') {
    ++end;
  }
  const std::string_view addr = s.substr(*pos, end - *pos);
  if (!base::IsIp(addr)) return false;
  size_t p = end;
  int32_t prt = -1;
  if (p < s.size() && s[p] == '/') {
    ++p;
    const size_t digits = p;
    if (!ParsePortAt(s, &p, &prt)) return false;
    if (port_text != nullptr) *port_text = s.substr(digits, p - digits);
  } else if (!port_optional) {
    return false;
  }
  *ip = addr;
  *port = prt;
  *pos = p;
  return true;
}

// One side of a 302xxx message: "IFC:IP/PORT[ (MAPPED/PORT)][(user)]".
struct Endpoint {
  std::string_view ifc, ip, mapped_ip, mapped_port_text;
  int32_t port = -1, mapped_port = -1;
};

bool ParseEndpoint(std::string_view s, size_t* pos, Endpoint* e, bool port_optional) {
  const size_t colon = s.find(':', *pos);
  if (colon == std::string_view::npos || colon == *pos) return false;
  e->ifc = s.substr(*pos, colon - *pos);
  size_t p = colon + 1;
  if (!ParseAddr(s, &p, &e->ip, &e->port, port_optional)) return false;
  if (p + 1 < s.size() && s[p] == ' ' && s[p + 1] == '(') {
    size_t q = p + 2;
    if (ParseAddr(s, &q, &e->mapped_ip, &e->mapped_port, true, &e->mapped_port_text) &&
        q < s.size() && s[q] == ')') {
      p = q + 1;
    }
  }
  // An identity-firewall user: "(LOCAL\alice)".
  if (p < s.size() && s[p] == '(') {
    const size_t close = s.find(')', p);
    if (close == std::string_view::npos) return false;
    p = close + 1;
  }
  *pos = p;
  return true;
}

bool Expect(std::string_view s, size_t* pos, std::string_view word) {
  if (s.substr(*pos, word.size()) != word) return false;
  *pos += word.size();
  return true;
}

std::string_view Word(std::string_view s, size_t* pos) {
  size_t end = s.find(' ', *pos);
  if (end == std::string_view::npos) end = s.size();
  const std::string_view w = s.substr(*pos, end - *pos);
  *pos = end;
  return w;
}

void SetKind(ParsedLine* out, base::Kind kind, std::string_view rule) {
  out->kind = kind;
  out->rule = rule;
}

// Teardown reasons (Cisco guide) that decide the kind; others are normal
// ends or handshakes that never completed (SYN Timeout): kind other.
void KindFromReason(std::string_view reason, ParsedLine* out) {
  if (reason == "TCP Reset-I" || reason == "TCP Reset-O" || reason == "TCP Reset-APPLIANCE" ||
      reason == "Flow reset by IPS" || reason == "Flow timed out with reset") {
    SetKind(out, base::Kind::kFwReset, "asa_tcp_reset");
  } else if (reason == "Idle Timeout" || reason == "Conn-timeout") {
    SetKind(out, base::Kind::kIdleTimeout, "asa_idle_timeout");
  } else if (reason == "Deny Terminate" || reason == "Flow terminated by IPS" ||
             reason == "Unauth Deny" || reason == "IPS fail-close") {
    SetKind(out, base::Kind::kFwDeny, "asa_deny_terminate");
  }
}

// "H:MM:SS" to milliseconds, written into buf; empty when malformed.
std::string_view DurationMs(std::string_view d, char* buf) {
  size_t p = 0;
  int64_t h = 0;
  if (!base::ParseDigits(d, &p, &h) || p >= d.size() || d[p] != ':') return {};
  ++p;
  const int m = base::ParseFixedDigits(d, p, 2);
  if (m < 0 || p + 2 >= d.size() || d[p + 2] != ':') return {};
  const int s = base::ParseFixedDigits(d, p + 3, 2);
  if (s < 0 || p + 5 != d.size() || m > 59 || s > 59) return {};
  const int n = std::snprintf(buf, kNumberBuffer, "%lld",
                              static_cast<long long>(((h * 60 + m) * 60 + s) * 1000));
  return std::string_view(buf, static_cast<size_t>(n));
}

// 302013/302015: "Built {inbound|outbound} PROTO connection ID for A to B".
bool ParseBuilt(std::string_view b, ParsedLine* out) {
  size_t p = 0;
  if (!Expect(b, &p, "Built ")) return false;
  const std::string_view dir = Word(b, &p);
  if ((dir != "inbound" && dir != "outbound") || !Expect(b, &p, " ")) return false;
  const std::string_view proto = Word(b, &p);
  if (!Expect(b, &p, " connection ")) return false;
  const std::string_view id = Word(b, &p);
  Endpoint a, z;
  if (!Expect(b, &p, " for ") || !ParseEndpoint(b, &p, &a, false) || !Expect(b, &p, " to ") ||
      !ParseEndpoint(b, &p, &z, false)) {
    return false;
  }
  // An outbound connection was opened from the "to" side (the inside host
  // towards the "for" address); an inbound one from the "for" side.
  const Endpoint& src = dir == "inbound" ? a : z;
  const Endpoint& dst = dir == "inbound" ? z : a;
  out->src_ip = src.ip;
  out->src_port = src.port;
  out->dst_ip = dst.ip;
  out->dst_port = dst.port;
  out->AddAttr("proto", LowerProto(proto));
  out->AddAttr("conn_id", id);
  out->AddAttr("direction", dir);
  if (!src.mapped_ip.empty()) {
    out->AddAttr("nat_src_ip", src.mapped_ip);
    if (!src.mapped_port_text.empty()) out->AddAttr("nat_src_port", src.mapped_port_text, true);
  }
  if (!dst.mapped_ip.empty()) {
    out->AddAttr("nat_dst_ip", dst.mapped_ip);
    if (!dst.mapped_port_text.empty()) out->AddAttr("nat_dst_port", dst.mapped_port_text, true);
  }
  return true;
}

// 302014/302016: "Teardown PROTO connection ID for A to B duration D bytes N
// [REASON][ from IFC][ (user)]".
bool ParseTeardown(std::string_view b, ParsedLine* out, char* buf) {
  size_t p = 0;
  if (!Expect(b, &p, "Teardown ")) return false;
  const std::string_view proto = Word(b, &p);
  if (!Expect(b, &p, " connection ")) return false;
  const std::string_view id = Word(b, &p);
  Endpoint a, z;
  if (!Expect(b, &p, " for ") || !ParseEndpoint(b, &p, &a, false) || !Expect(b, &p, " to ") ||
      !ParseEndpoint(b, &p, &z, false) || !Expect(b, &p, " duration ")) {
    return false;
  }
  const std::string_view duration = Word(b, &p);
  if (!Expect(b, &p, " bytes ")) return false;
  const size_t bytes_start = p;
  int64_t ignored = 0;
  if (!base::ParseDigits(b, &p, &ignored)) return false;
  const std::string_view bytes = b.substr(bytes_start, p - bytes_start);
  // The reason runs to " from IFC" (newer releases) or a trailing "(user)".
  std::string_view reason, from;
  if (p < b.size() && b[p] == ' ') {
    std::string_view rest = b.substr(p + 1);
    const size_t user = rest.find(" (");
    if (user != std::string_view::npos) rest = rest.substr(0, user);
    if (!rest.empty() && rest[0] == '(') rest = {};
    const size_t f = rest.rfind(" from ");
    if (f != std::string_view::npos) {
      from = rest.substr(f + 6);
      rest = rest.substr(0, f);
    } else if (StartsWith(rest, "from ")) {
      from = rest.substr(5);
      rest = {};
    }
    reason = rest;
  }
  const std::string_view ms = DurationMs(duration, buf);
  if (ms.empty()) return false;
  out->src_ip = a.ip;
  out->src_port = a.port;
  out->dst_ip = z.ip;
  out->dst_port = z.port;
  out->AddAttr("proto", LowerProto(proto));
  out->AddAttr("conn_id", id);
  out->AddAttr("duration_ms", ms, true);
  out->AddAttr("bytes", bytes, true);
  if (!reason.empty()) out->AddAttr("reason", reason);
  if (!from.empty()) out->AddAttr("from_ifc", from);
  KindFromReason(reason, out);
  return true;
}

// The 106xxx denies. Addresses come as "from IP/PORT to IP/PORT" or as
// "src IFC:IP[/PORT] dst IFC:IP[/PORT]".
bool ParseDeny(std::string_view id, std::string_view b, ParsedLine* out) {
  size_t p = 0;
  std::string_view proto;
  if (id == "106001") {
    if (!Expect(b, &p, "Inbound ")) return false;
    proto = Word(b, &p);
  } else if (Expect(b, &p, "Deny inbound ")) {
    proto = Word(b, &p);
  } else if (Expect(b, &p, "Deny ")) {
    proto = Word(b, &p);
  } else {
    return false;
  }
  std::string_view src, dst;
  int32_t sport = -1, dport = -1;
  const size_t from = b.find(" from ", p);
  const size_t src_kw = b.find(" src ", p);
  if (from != std::string_view::npos && (src_kw == std::string_view::npos || from < src_kw)) {
    size_t q = from + 6;
    if (!ParseAddr(b, &q, &src, &sport, true) || !Expect(b, &q, " to ") ||
        !ParseAddr(b, &q, &dst, &dport, true)) {
      return false;
    }
  } else if (src_kw != std::string_view::npos) {
    size_t q = src_kw + 5;
    Endpoint s, d;
    if (!ParseEndpoint(b, &q, &s, true) || !Expect(b, &q, " dst ") ||
        !ParseEndpoint(b, &q, &d, true)) {
      return false;
    }
    src = s.ip;
    sport = s.port;
    dst = d.ip;
    dport = d.port;
  } else {
    return false;
  }
  out->src_ip = src;
  out->src_port = sport;
  out->dst_ip = dst;
  out->dst_port = dport;
  out->AddAttr("proto", LowerProto(proto));
  out->AddAttr("action", "deny");
  const size_t flags = b.find(" flags ");
  if (flags != std::string_view::npos) {
    size_t end = b.find(" on interface ", flags);
    if (end == std::string_view::npos) end = b.find("  ", flags + 7);
    if (end == std::string_view::npos) end = b.size();
    out->AddAttr("flags", base::TrimRightSpace(b.substr(flags + 7, end - flags - 7)));
  }
  const size_t acl = b.find(" by access-group \"");
  if (acl != std::string_view::npos) {
    const size_t close = b.find('"', acl + 18);
    if (close != std::string_view::npos) out->AddAttr("rule", b.substr(acl + 18, close - acl - 18));
  }
  SetKind(out, base::Kind::kFwDeny, "asa_deny");
  return true;
}

// "%ASA-6-302014" (or %FTD-) at the start of `tag`: the severity digit and
// the message id.
bool ParseTagId(std::string_view tag, int* severity, std::string_view* id) {
  if (!StartsWith(tag, "%ASA-") && !StartsWith(tag, "%FTD-")) return false;
  if (tag.size() < 9 || !IsDigit(tag[5]) || tag[6] != '-') return false;
  size_t p = 7;
  while (p < tag.size() && IsDigit(tag[p])) ++p;
  if (p - 7 < 6 || (p < tag.size() && tag[p] != ':')) return false;
  *severity = tag[5] - '0';
  *id = tag.substr(7, p - 7);
  return true;
}

// Fills *out from the ASA text after "%ASA-S-ID: ". Returns false, leaving
// *out's kind and addresses alone, when a 302/106 message has the wrong
// shape; other ids are always accepted.
bool ParseAsaBody(int severity, std::string_view id, std::string_view body, ParsedLine* out,
                  char* buf) {
  ParsedLine probe = *out;
  bool ok = true;
  if (id == "302013" || id == "302015") {
    ok = ParseBuilt(body, &probe);
  } else if (id == "302014" || id == "302016") {
    ok = ParseTeardown(body, &probe, buf);
  } else if (id == "106001" || id == "106006" || id == "106007" || id == "106014" ||
             id == "106015" || id == "106023") {
    ok = ParseDeny(id, body, &probe);
  }
  if (!ok) return false;
  *out = probe;
  out->severity = static_cast<base::Severity>(severity);
  out->AddAttr("msg_id", id);
  return true;
}

// "Mmm dd yyyy hh:mm:ss" (ASA "logging timestamp"): bytes consumed, 0 if not.
size_t ParseAsaTime(std::string_view s, CivilTime* t) {
  if (s.size() < 20 || s[3] != ' ' || s[6] != ' ' || s[11] != ' ' || s[14] != ':' || s[17] != ':') {
    return 0;
  }
  t->month = base::MonthFromAbbrev(s.substr(0, 3));
  const int day = base::ParseFixedDigits(s, 4, 2);
  const int year = base::ParseFixedDigits(s, 7, 4);
  const int h = base::ParseFixedDigits(s, 12, 2);
  const int mi = base::ParseFixedDigits(s, 15, 2);
  const int sec = base::ParseFixedDigits(s, 18, 2);
  if (t->month == 0 || day < 1 || day > 31 || year < 1970 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      sec < 0 || sec > 60) {
    return 0;
  }
  t->year = year;
  t->day = day;
  t->hour = h;
  t->minute = mi;
  t->second = sec;
  t->has_year = true;
  size_t pos = 20;
  if (pos < s.size() && s[pos] == '.') {
    if (!base::ParseFractionMicros(s, &pos, &t->micros)) return 0;
  }
  return pos;
}

// Where the ASA text starts in a syslog message: 0, or past an ASA
// "logging timestamp" prefix ("May 18 2025 08:15:03: "). npos: not ASA.
size_t AsaStart(std::string_view message) {
  if (StartsWith(message, "%ASA-") || StartsWith(message, "%FTD-")) return 0;
  // "HOST : %ASA-..." (logging device-id) after a relay's header.
  if (StartsWith(message, ": %ASA-") || StartsWith(message, ": %FTD-")) return 2;
  CivilTime t;
  const size_t n = ParseAsaTime(message, &t);
  if (n == 0 || message.substr(n, 2) != ": ") return std::string_view::npos;
  const std::string_view rest = message.substr(n + 2);
  if (StartsWith(rest, "%ASA-") || StartsWith(rest, "%FTD-")) return n + 2;
  return std::string_view::npos;
}

bool ClaimsAsa(std::string_view process, std::string_view message) {
  return StartsWith(process, "%ASA-") || StartsWith(process, "%FTD-") ||
         AsaStart(message) != std::string_view::npos;
}

bool ParseAsaEmbedded(std::string_view message, ParsedLine* out, std::string* scratch) {
  // Computed numbers live in the container's scratch, sized once so that
  // the views stay put.
  if (scratch->size() < kNumberBuffer) scratch->resize(kNumberBuffer);
  char* buf = scratch->data();
  int severity = 0;
  std::string_view id;
  if (ParseTagId(out->process, &severity, &id)) {
    // The syslog parser took "%ASA-6-302014" for the tag: the ASA text is
    // the message, and the tag and ": " sit right before it in the line.
    const std::string_view tag = out->process;
    const bool adjacent =
        tag.data() + tag.size() + 2 == message.data() && out->msg_offset >= tag.size() + 2;
    if (!ParseAsaBody(severity, id, message, out, buf)) return false;
    if (adjacent) {
      out->msg_offset -= tag.size() + 2;
      if (out->msg_length != ParsedLine::kToEnd) out->msg_length += tag.size() + 2;
    }
    out->process = {};
    out->pid = -1;
    return true;
  }
  const size_t start = AsaStart(message);
  if (start == std::string_view::npos) return false;
  const std::string_view text = message.substr(start);
  const size_t colon = text.find(": ");
  if (colon == std::string_view::npos || !ParseTagId(text.substr(0, colon), &severity, &id)) {
    return false;
  }
  return ParseAsaBody(severity, id, text.substr(colon + 2), out, buf);
}

// ------------------------------------------------------- cisco_asa_log files

class AsaLogParser final : public LineParser {
 public:
  explicit AsaLogParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    // Captured from the wire, lines keep the "<PRI>" of RFC 3164 §4.1.1;
    // the severity digit of the ASA tag says the same.
    size_t start = 0;
    if (!line.empty() && line[0] == '<') {
      size_t p = 1;
      while (p < line.size() && p < 5 && base::IsDigit(line[p])) ++p;
      if (p == 1 || p >= line.size() || line[p] != '>') {
        return ParseOutcome::NotThisFormat(1, "bad <PRI>");
      }
      start = p + 1;
    }
    CivilTime t;
    const size_t n = ParseAsaTime(line.substr(start), &t);
    if (n == 0) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(start + 1),
                                         "no Mmm dd yyyy hh:mm:ss");
    }
    size_t pos = start + n;
    std::string_view host;
    if (line.substr(pos, 2) == ": ") {
      pos += 2;
    } else if (pos < line.size() && line[pos] == ' ') {
      // "HOST : %ASA-..." or "HOST %ASA-..." (logging device-id).
      ++pos;
      host = Word(line, &pos);
      if (line.substr(pos, 3) == " : ") {
        pos += 3;
      } else if (pos < line.size() && line[pos] == ' ') {
        ++pos;
      } else {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no %ASA- tag");
      }
    } else {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no ': ' after time");
    }
    const size_t colon = line.find(": ", pos);
    int severity = 0;
    std::string_view id;
    if (colon == std::string_view::npos ||
        !ParseTagId(line.substr(pos, colon - pos), &severity, &id)) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no %ASA-S-ID: tag");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    if (!ParseAsaBody(severity, id, line.substr(colon + 2), out, number_)) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(colon + 3),
                                     "connection message without its addresses");
    }
    out->has_ts = true;
    out->host = host;
    out->msg_offset = pos;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  char number_[kNumberBuffer] = {};
};

std::unique_ptr<LineParser> MakeAsaLog(const SourceContext& ctx) {
  return std::make_unique<AsaLogParser>(ctx);
}

constexpr FormatSample kAsaEmbeddedSamples[] = {
    // [verbatim] Cisco 116149 after an RFC 3164 header (relay with host).
    {.text = "Jan 10 12:00:00 fw01 %ASA-6-302014: Teardown TCP connection 10 for "
             "outside:10.1.2.1/28218 to NP Identity Ifc:10.1.2.2/22 duration 0:00:33 bytes 968 "
             "TCP Reset-O",
     .ts = "2024-01-10T12:00:00.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 10 for outside:10.1.2.1/28218 to NP "
                "Identity Ifc:10.1.2.2/22 duration 0:00:33 bytes 968 TCP Reset-O",
     .kind = "fw_reset",
     .src_ip = "10.1.2.1",
     .src_port = 28218,
     .dst_ip = "10.1.2.2",
     .dst_port = 22,
     .attrs = R"({"proto":"tcp","conn_id":"10","duration_ms":33000,"bytes":968,)"
              R"("reason":"TCP Reset-O","msg_id":"302014"})"},
    // [verbatim] public log excerpt with the ASA's own timestamp.
    {.text = "Jan 10 12:00:01 fw01 May 18 2025 08:15:03: %ASA-6-302014: Teardown TCP connection "
             "207860548 for inside:10.117.142.19/42098 to dmz:192.168.198.28/443 duration 0:00:08 "
             "bytes 0 TCP Reset-O from inside",
     .ts = "2024-01-10T12:00:01.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "info",
     .message = "May 18 2025 08:15:03: %ASA-6-302014: Teardown TCP connection 207860548 for "
                "inside:10.117.142.19/42098 to dmz:192.168.198.28/443 duration 0:00:08 bytes 0 "
                "TCP Reset-O from inside",
     .kind = "fw_reset",
     .src_ip = "10.117.142.19",
     .src_port = 42098,
     .dst_ip = "192.168.198.28",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","conn_id":"207860548","duration_ms":8000,"bytes":0,)"
              R"("reason":"TCP Reset-O","from_ifc":"inside","msg_id":"302014"})"},
    // [from-format] an idle flow dropped by the ASA.
    {.text = "Mar  1 10:15:02 fw01 %ASA-6-302014: Teardown TCP connection 4711 for "
             "outside:198.51.100.7/51515 to inside:10.1.1.10/443 duration 1:00:01 bytes 123456 "
             "Idle Timeout",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 4711 for outside:198.51.100.7/51515 to "
                "inside:10.1.1.10/443 duration 1:00:01 bytes 123456 Idle Timeout",
     .kind = "idle_timeout",
     .src_ip = "198.51.100.7",
     .src_port = 51515,
     .dst_ip = "10.1.1.10",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","conn_id":"4711","duration_ms":3601000,"bytes":123456,)"
              R"("reason":"Idle Timeout","msg_id":"302014"})"},
    // [from-format] outbound Built: the inside ("to") host opened it.
    {.text = "Mar  1 10:15:03 fw01 %FTD-6-302013: Built outbound TCP connection 4712 for "
             "outside:93.184.216.34/80 (93.184.216.34/80) to inside:10.1.1.5/51234 "
             "(203.0.113.5/51234)",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "info",
     .message = "%FTD-6-302013: Built outbound TCP connection 4712 for outside:93.184.216.34/80 "
                "(93.184.216.34/80) to inside:10.1.1.5/51234 (203.0.113.5/51234)",
     .src_ip = "10.1.1.5",
     .src_port = 51234,
     .dst_ip = "93.184.216.34",
     .dst_port = 80,
     .attrs = R"({"proto":"tcp","conn_id":"4712","direction":"outbound",)"
              R"("nat_src_ip":"203.0.113.5","nat_src_port":51234,)"
              R"("nat_dst_ip":"93.184.216.34","nat_dst_port":80,"msg_id":"302013"})"},
    // [verbatim] Cisco 116149: a normal close (TCP FINs) to the box itself.
    {.text = "Mar  1 10:15:05 fw01 %ASA-6-302014: Teardown TCP connection 8 for "
             "inside:10.1.1.2/12523 to NP Identity Ifc:10.1.1.1/22 duration 0:00:53 bytes 2436 "
             "TCP FINs",
     .ts = "2024-03-01T10:15:05.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 8 for inside:10.1.1.2/12523 to NP "
                "Identity Ifc:10.1.1.1/22 duration 0:00:53 bytes 2436 TCP FINs",
     .src_ip = "10.1.1.2",
     .src_port = 12523,
     .dst_ip = "10.1.1.1",
     .dst_port = 22,
     .attrs = R"({"proto":"tcp","conn_id":"8","duration_ms":53000,"bytes":2436,)"
              R"("reason":"TCP FINs","msg_id":"302014"})"},
    // [from-format] 106023: denied by an ACL.
    {.text = "Mar  1 10:15:04 fw01 %ASA-4-106023: Deny tcp src outside:203.0.113.66/40000 dst "
             "inside:10.1.1.10/3389 by access-group \"outside_in\" [0x0, 0x0]",
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "fw01",
     .process = "",
     .severity = "warning",
     .message = "%ASA-4-106023: Deny tcp src outside:203.0.113.66/40000 dst "
                "inside:10.1.1.10/3389 by access-group \"outside_in\" [0x0, 0x0]",
     .kind = "fw_deny",
     .src_ip = "203.0.113.66",
     .src_port = 40000,
     .dst_ip = "10.1.1.10",
     .dst_port = 3389,
     .attrs = R"({"proto":"tcp","action":"deny","rule":"outside_in","msg_id":"106023"})"},
};

constexpr FormatSample kAsaLogSamples[] = {
    // [verbatim] public doc excerpt ("logging device-id" host, " : ").
    {.text = "Sep 30 2026 11:39:02 ASA-EDGE-01 : %ASA-6-302014: Teardown TCP connection "
             "917733104 for outside:198.51.100.201/443 to inside:10.20.14.37/53466 duration "
             "0:45:12 bytes 4882591338 TCP FINs from inside",
     .ts = "2026-09-30T11:39:02.000000Z",
     .host = "ASA-EDGE-01",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 917733104 for outside:198.51.100.201/443 "
                "to inside:10.20.14.37/53466 duration 0:45:12 bytes 4882591338 TCP FINs from "
                "inside",
     .src_ip = "198.51.100.201",
     .src_port = 443,
     .dst_ip = "10.20.14.37",
     .dst_port = 53466,
     .attrs = R"({"proto":"tcp","conn_id":"917733104","duration_ms":2712000,)"
              R"("bytes":4882591338,"reason":"TCP FINs","from_ifc":"inside","msg_id":"302014"})"},
    // [verbatim] Cisco 116149 body under the "Apr 11 2026 10:01:04:" prefix.
    {.text = "Apr 11 2026 10:01:04: %ASA-6-302014: Teardown TCP connection 9 for "
             "outside:10.1.2.1/22 to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 SYN Timeout",
     .ts = "2026-04-11T10:01:04.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1/22 to "
                "inside:10.1.1.2/53496 duration 0:00:30 bytes 0 SYN Timeout",
     .src_ip = "10.1.2.1",
     .src_port = 22,
     .dst_ip = "10.1.1.2",
     .dst_port = 53496,
     .attrs = R"({"proto":"tcp","conn_id":"9","duration_ms":30000,"bytes":0,)"
              R"("reason":"SYN Timeout","msg_id":"302014"})"},
    // [from-format] 106015: a RST for a connection the ASA does not know.
    {.text = "Apr 11 2026 10:01:05: %ASA-6-106015: Deny TCP (no connection) from "
             "10.1.1.10/443 to 198.51.100.7/51515 flags RST  on interface inside",
     .ts = "2026-04-11T10:01:05.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-106015: Deny TCP (no connection) from 10.1.1.10/443 to "
                "198.51.100.7/51515 flags RST  on interface inside",
     .kind = "fw_deny",
     .src_ip = "10.1.1.10",
     .src_port = 443,
     .dst_ip = "198.51.100.7",
     .dst_port = 51515,
     .attrs = R"({"proto":"tcp","action":"deny","flags":"RST","msg_id":"106015"})"},
    // [from-format] inbound UDP Built with NAT, then a Conn-timeout.
    {.text = "Apr 11 2026 10:01:06: %ASA-6-302015: Built inbound UDP connection 77 for "
             "outside:198.51.100.9/5353 (198.51.100.9/5353) to inside:10.1.1.53/53 "
             "(203.0.113.53/53)",
     .ts = "2026-04-11T10:01:06.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302015: Built inbound UDP connection 77 for outside:198.51.100.9/5353 "
                "(198.51.100.9/5353) to inside:10.1.1.53/53 (203.0.113.53/53)",
     .src_ip = "198.51.100.9",
     .src_port = 5353,
     .dst_ip = "10.1.1.53",
     .dst_port = 53,
     .attrs = R"({"proto":"udp","conn_id":"77","direction":"inbound",)"
              R"("nat_src_ip":"198.51.100.9","nat_src_port":5353,)"
              R"("nat_dst_ip":"203.0.113.53","nat_dst_port":53,"msg_id":"302015"})"},
    {.text = "Apr 11 2026 10:01:07: %ASA-6-302014: Teardown TCP connection 78 for "
             "outside:198.51.100.9/61000 to inside:10.1.1.20/8443 duration 0:05:00 bytes 5120 "
             "Conn-timeout",
     .ts = "2026-04-11T10:01:07.000000Z",
     .host = "",
     .process = "",
     .severity = "info",
     .message = "%ASA-6-302014: Teardown TCP connection 78 for outside:198.51.100.9/61000 to "
                "inside:10.1.1.20/8443 duration 0:05:00 bytes 5120 Conn-timeout",
     .kind = "idle_timeout",
     .src_ip = "198.51.100.9",
     .src_port = 61000,
     .dst_ip = "10.1.1.20",
     .dst_port = 8443,
     .attrs = R"({"proto":"tcp","conn_id":"78","duration_ms":300000,"bytes":5120,)"
              R"("reason":"Conn-timeout","msg_id":"302014"})"},
};

}  // namespace

extern const EmbeddedFormat kCiscoAsaEmbedded;
const EmbeddedFormat kCiscoAsaEmbedded = {
    .name = "cisco_asa",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "Cisco ASA / FTD syslog messages (302013-302016 connections, 106xxx denies)",
    .signature =
        "message or tag starting %ASA-S-ID: / %FTD-S-ID:, optionally after "
        "\"Mmm dd yyyy hh:mm:ss: \"",
    .claims = &ClaimsAsa,
    .parse = &ParseAsaEmbedded,
    .container = "syslog",
    .samples = kAsaEmbeddedSamples,
};

extern const FormatInfo kCiscoAsaLogFormat;
const FormatInfo kCiscoAsaLogFormat = {
    .name = "cisco_asa_log",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "Cisco ASA / FTD log files with the ASA's own timestamp (device-local time)",
    .signature = "Mmm dd yyyy hh:mm:ss[ HOST ]: %ASA-S-ID: TEXT",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeAsaLog,
    .samples = kAsaLogSamples,
};

}  // namespace rstscope::parsers
