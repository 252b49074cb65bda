// pfSense / OPNsense `filterlog` lines inside syslog (FORMATS.md §8.3),
// per Netgate's "Raw Filter Log Format":
//
//   RULE,SUBRULE,ANCHOR,TRACKER,IFC,REASON,ACTION,DIR,4,TOS,ECN,TTL,ID,OFFSET,
//     FLAGS,PROTOID,PROTOTEXT,LENGTH,SRC,DST,<protocol fields>
//   RULE,SUBRULE,ANCHOR,TRACKER,IFC,REASON,ACTION,DIR,6,CLASS,FLOWLABEL,
//     HOPLIMIT,PROTOTEXT,PROTOID,LENGTH,SRC,DST,<protocol fields>
//
// with, for tcp, SRCPORT,DSTPORT,DATALEN,TCPFLAGS,SEQ,ACK,WINDOW,URG,OPTIONS
// and, for udp, SRCPORT,DSTPORT,DATALEN. IPv6 swaps PROTOTEXT and PROTOID.
// A block of a packet with R, RA, FA or FPA belongs to a connection whose
// state the firewall no longer has (a state timeout or a filter reload):
// the `flags` attribute keeps that visible; the kind is fw_deny either way.
#include "base/strings.h"
#include "parsers/embedded.h"

namespace rstscope::parsers {
namespace {

constexpr int kMaxFields = 32;

bool IsPort(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

int32_t PortOf(std::string_view s) {
  int32_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v > 65535 ? -1 : v;
}

bool ClaimsFilterlog(std::string_view process, std::string_view /*message*/) {
  return process == "filterlog";
}

bool ParseFilterlog(std::string_view m, ParsedLine* out, std::string* /*scratch*/) {
  std::string_view f[kMaxFields];
  int n = 0;
  for (size_t pos = 0; n < kMaxFields;) {
    size_t end = m.find(',', pos);
    if (end == std::string_view::npos) end = m.size();
    f[n++] = m.substr(pos, end - pos);
    if (end >= m.size()) break;
    pos = end + 1;
  }
  if (n < 9) return false;
  const std::string_view action = f[6], dir = f[7], version = f[8];
  if (action != "pass" && action != "block" && action != "match") return false;
  // Index (0-based) of the protocol text and of the source address.
  int proto_i = 0, src_i = 0;
  if (version == "4") {
    proto_i = 16;
    src_i = 18;
  } else if (version == "6") {
    proto_i = 12;
    src_i = 15;
  } else {
    return false;
  }
  if (n < src_i + 2 || !base::IsIp(f[src_i]) || !base::IsIp(f[src_i + 1])) return false;
  const std::string_view proto = f[proto_i];
  out->src_ip = f[src_i];
  out->dst_ip = f[src_i + 1];
  std::string_view flags;
  if ((proto == "tcp" || proto == "udp") && n >= src_i + 4 && IsPort(f[src_i + 2]) &&
      IsPort(f[src_i + 3])) {
    out->src_port = PortOf(f[src_i + 2]);
    out->dst_port = PortOf(f[src_i + 3]);
    if (proto == "tcp" && n >= src_i + 6) flags = f[src_i + 5];
  }
  out->AddAttr("action", action);
  if (!dir.empty()) out->AddAttr("direction", dir);
  if (!f[4].empty()) out->AddAttr("interface", f[4]);
  const std::string_view rule = !f[3].empty() ? f[3] : f[0];
  if (!rule.empty()) out->AddAttr("rule", rule);
  if (!proto.empty()) out->AddAttr("proto", proto);
  if (!flags.empty()) out->AddAttr("flags", flags);
  if (action == "block") {
    out->kind = base::Kind::kFwDeny;
    // R or F on a blocked packet: the flow existed, its state is gone.
    const bool established =
        flags.find('R') != std::string_view::npos || flags.find('F') != std::string_view::npos;
    out->rule = established ? "filterlog_block_established" : "filterlog_block";
  }
  return true;
}

constexpr FormatSample kFilterlogSamples[] = {
    // [verbatim] public wiki: a blocked SYN.
    {.text = "Dec  5 10:29:11 pfsense filterlog: 5,,,1000103483,vtnet1,match,block,in,4,0x0,,63,"
             "17522,0,DF,6,tcp,60,192.168.4.158,192.168.3.201,35682,5963,0,S,1960648610,,64240,,"
             "mss;sackOK;TS;nop;wscale",
     .ts = "2024-12-05T10:29:11.000000Z",
     .host = "pfsense",
     .process = "filterlog",
     .severity = "",
     .message = "5,,,1000103483,vtnet1,match,block,in,4,0x0,,63,17522,0,DF,6,tcp,60,"
                "192.168.4.158,192.168.3.201,35682,5963,0,S,1960648610,,64240,,"
                "mss;sackOK;TS;nop;wscale",
     .kind = "fw_deny",
     .src_ip = "192.168.4.158",
     .src_port = 35682,
     .dst_ip = "192.168.3.201",
     .dst_port = 5963,
     .attrs = R"({"action":"block","direction":"in","interface":"vtnet1",)"
              R"("rule":"1000103483","proto":"tcp","flags":"S"})"},
    // [verbatim] public wiki: a blocked ICMP echo request, no ports.
    {.text = "Dec  5 09:53:08 pfsense filterlog: 5,,,1000103483,vtnet1,match,block,in,4,0x0,,64,"
             "48961,0,DF,1,icmp,84,192.168.3.1,192.168.3.201,request,5113,6664",
     .ts = "2024-12-05T09:53:08.000000Z",
     .host = "pfsense",
     .process = "filterlog",
     .severity = "",
     .message = "5,,,1000103483,vtnet1,match,block,in,4,0x0,,64,48961,0,DF,1,icmp,84,"
                "192.168.3.1,192.168.3.201,request,5113,6664",
     .kind = "fw_deny",
     .src_ip = "192.168.3.1",
     .dst_ip = "192.168.3.201",
     .attrs = R"({"action":"block","direction":"in","interface":"vtnet1",)"
              R"("rule":"1000103483","proto":"icmp"})"},
    // [from-format] a RST+ACK of a flow whose state expired, blocked.
    {.text = "Mar  1 10:15:02 fw filterlog[4012]: 77,,,1000000103,igb0,match,block,in,4,0x0,,"
             "57,0,0,DF,6,tcp,40,198.51.100.7,10.0.0.21,443,51234,0,RA,2236451,1,0,,",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "fw",
     .process = "filterlog",
     .pid = 4012,
     .severity = "",
     .message = "77,,,1000000103,igb0,match,block,in,4,0x0,,57,0,0,DF,6,tcp,40,198.51.100.7,"
                "10.0.0.21,443,51234,0,RA,2236451,1,0,,",
     .kind = "fw_deny",
     .src_ip = "198.51.100.7",
     .src_port = 443,
     .dst_ip = "10.0.0.21",
     .dst_port = 51234,
     .attrs = R"({"action":"block","direction":"in","interface":"igb0",)"
              R"("rule":"1000000103","proto":"tcp","flags":"RA"})"},
    // [from-format] an IPv6 UDP packet passed (ProtoText before ProtoID).
    {.text = "Mar  1 10:15:03 fw filterlog: 9,,,1000000105,igb1,match,pass,out,6,0x00,0x00000,"
             "64,udp,17,60,2001:db8::5,2001:db8::53,40000,53,52",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "fw",
     .process = "filterlog",
     .severity = "",
     .message = "9,,,1000000105,igb1,match,pass,out,6,0x00,0x00000,64,udp,17,60,2001:db8::5,"
                "2001:db8::53,40000,53,52",
     .src_ip = "2001:db8::5",
     .src_port = 40000,
     .dst_ip = "2001:db8::53",
     .dst_port = 53,
     .attrs = R"({"action":"pass","direction":"out","interface":"igb1",)"
              R"("rule":"1000000105","proto":"udp"})"},
};

}  // namespace

extern const EmbeddedFormat kFilterlogEmbedded;
const EmbeddedFormat kFilterlogEmbedded = {
    .name = "filterlog",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "pfSense/OPNsense filterlog CSV (IPv4/IPv6, tcp/udp/icmp) inside syslog",
    .signature = "syslog tag filterlog: RULE,SUB,ANCHOR,TRACKER,IFC,REASON,ACTION,DIR,IPVER,...",
    .claims = &ClaimsFilterlog,
    .parse = &ParseFilterlog,
    .container = "syslog",
    .samples = kFilterlogSamples,
};

}  // namespace rstscope::parsers
