// netfilter LOG target lines (iptables/ip6tables LOG, nftables `log`, UFW)
// and the ulogd text variant UniFi gateways write, carried in syslog
// (FORMATS.md §4.4). The kernel writes (net/netfilter/nf_log_syslog.c):
//
//   [PREFIX ]IN=<ifc> OUT=<ifc> [MAC=<hex:...>] SRC=<ip> DST=<ip> LEN=.. TOS=..
//     ... [DF] PROTO=TCP SPT=<n> DPT=<n> [SEQ=.. ACK=..] WINDOW=.. RES=0x..
//     [CWR ECE URG ACK PSH RST SYN FIN ]URGP=..
//
// ulogd (UniFi) puts a quoted DESCR="..." between the prefix and IN= and
// writes TOS without "0x". A line shows one packet, not a flow: a logged RST
// is evidence of a reset on that 4-tuple; a prefix naming a block/drop says
// the packet was discarded by policy.
#include "base/strings.h"
#include "parsers/embedded.h"

namespace rstscope::parsers {
namespace {

using base::ContainsIgnoreCase;

// TCP flag words of nf_log_dump_tcp_header, in the order it prints them.
bool IsTcpFlagWord(std::string_view w) {
  return w == "CWR" || w == "ECE" || w == "URG" || w == "ACK" || w == "PSH" || w == "RST" ||
         w == "SYN" || w == "FIN";
}

// The kernel prints protocol names upper case; attrs use the lower-case
// names of the other formats.
std::string_view ProtoName(std::string_view p) {
  if (p == "TCP") return "tcp";
  if (p == "UDP") return "udp";
  if (p == "ICMP") return "icmp";
  if (p == "ICMPv6") return "icmpv6";
  if (p == "UDPLITE") return "udplite";
  if (p == "SCTP") return "sctp";
  return p;
}

bool ParsePort(std::string_view s, int32_t* port) {
  if (s.empty() || s.size() > 5) return false;
  int v = 0;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (v > 65535) return false;
  *port = v;
  return true;
}

// The position of " IN=" or a leading "IN=", the start of the packet dump.
size_t FindIn(std::string_view m) {
  if (base::StartsWith(m, "IN=")) return 0;
  const size_t p = m.find(" IN=");
  return p == std::string_view::npos ? p : p + 1;
}

bool ClaimsNetfilter(std::string_view process, std::string_view message) {
  if (!process.empty() && process != "kernel" && process != "ulogd") return false;
  return FindIn(message) != std::string_view::npos &&
         message.find(" SRC=") != std::string_view::npos;
}

// UniFi rule names read "<CHAIN>-<A|D|R>-<n>": D drops, R rejects.
bool UnifiDenies(std::string_view prefix) {
  return prefix.find("-D-") != std::string_view::npos ||
         prefix.find("-R-") != std::string_view::npos;
}

bool ParseNetfilter(std::string_view m, ParsedLine* out, std::string* /*scratch*/) {
  const size_t in = FindIn(m);
  if (in == std::string_view::npos) return false;
  // The prefix is everything before IN=, less ulogd's DESCR="...".
  std::string_view prefix = m.substr(0, in);
  std::string_view descr;
  const size_t d = prefix.find("DESCR=\"");
  if (d != std::string_view::npos) {
    const size_t close = prefix.find('"', d + 7);
    if (close != std::string_view::npos) descr = prefix.substr(d + 7, close - d - 7);
    prefix = prefix.substr(0, d);
  }
  prefix = base::TrimSpace(prefix);

  std::string_view in_ifc, out_ifc, src, dst, proto;
  int32_t spt = -1, dpt = -1;
  size_t flags_begin = std::string_view::npos, flags_end = 0;
  bool rst = false;
  bool after_proto = false;
  size_t pos = in;
  while (pos < m.size()) {
    size_t end = m.find(' ', pos);
    if (end == std::string_view::npos) end = m.size();
    const std::string_view tok = m.substr(pos, end - pos);
    const size_t eq = tok.find('=');
    if (eq == std::string_view::npos) {
      if (after_proto && IsTcpFlagWord(tok)) {
        if (flags_begin == std::string_view::npos) flags_begin = pos;
        flags_end = end;
        if (tok == "RST") rst = true;
      }
    } else {
      const std::string_view key = tok.substr(0, eq);
      const std::string_view value = tok.substr(eq + 1);
      if (key == "IN") {
        in_ifc = value;
      } else if (key == "OUT") {
        out_ifc = value;
      } else if (key == "SRC") {
        src = value;
      } else if (key == "DST") {
        dst = value;
      } else if (key == "PROTO") {
        proto = value;
        after_proto = true;
      } else if (key == "SPT") {
        if (!ParsePort(value, &spt)) return false;
      } else if (key == "DPT") {
        if (!ParsePort(value, &dpt)) return false;
      }
    }
    pos = end + 1;
  }
  if (!base::IsIp(src) || !base::IsIp(dst)) return false;

  out->src_ip = src;
  out->dst_ip = dst;
  out->src_port = spt;
  out->dst_port = dpt;
  if (!prefix.empty()) out->AddAttr("rule", prefix);
  if (!descr.empty()) out->AddAttr("description", descr);
  if (!proto.empty()) out->AddAttr("proto", ProtoName(proto));
  if (flags_begin != std::string_view::npos) {
    out->AddAttr("flags", m.substr(flags_begin, flags_end - flags_begin));
  }
  if (!in_ifc.empty()) out->AddAttr("in_ifc", in_ifc);
  if (!out_ifc.empty()) out->AddAttr("out_ifc", out_ifc);

  if (rst) {
    out->kind = base::Kind::kFwReset;
    out->rule = "netfilter_rst";
  } else if (ContainsIgnoreCase(prefix, "BLOCK") || ContainsIgnoreCase(prefix, "DROP") ||
             ContainsIgnoreCase(prefix, "REJECT") || ContainsIgnoreCase(prefix, "DENY") ||
             UnifiDenies(prefix)) {
    out->kind = base::Kind::kFwDeny;
    out->rule = "netfilter_deny";
  }
  return true;
}

constexpr FormatSample kNetfilterSamples[] = {
    // [from-format] FORMATS.md §4.4: UFW blocked a RST of a flow it forgot.
    {.text = "Jan 10 12:00:00 web01 kernel: [12345.678901] [UFW BLOCK] IN=eth0 OUT= "
             "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.7 DST=10.0.0.5 LEN=40 "
             "TOS=0x00 PREC=0x00 TTL=249 ID=54321 PROTO=TCP SPT=51514 DPT=443 WINDOW=0 RES=0x00 "
             "ACK RST URGP=0",
     .ts = "2024-01-10T12:00:00.000000Z",
     .host = "web01",
     .process = "kernel",
     .severity = "",
     .message = "[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 "
                "SRC=203.0.113.7 DST=10.0.0.5 LEN=40 TOS=0x00 PREC=0x00 TTL=249 ID=54321 "
                "PROTO=TCP SPT=51514 DPT=443 WINDOW=0 RES=0x00 ACK RST URGP=0",
     .kind = "fw_reset",
     .src_ip = "203.0.113.7",
     .src_port = 51514,
     .dst_ip = "10.0.0.5",
     .dst_port = 443,
     .attrs = R"({"monotonic":12345.678901,"rule":"[UFW BLOCK]","proto":"tcp",)"
              R"("flags":"ACK RST","in_ifc":"eth0"})"},
    // [verbatim] lnav unifi_iptables_log.json sample (ulogd): a drop rule.
    {.text = "Apr  7 21:40:58 UDM-Pro [LAN_IN-D-4001] DESCR=\"\xF0\x9F\x9B\x91"
             "Drop all InterVLAN traffic\" IN=br96 OUT=tlprt0 "
             "MAC=24:5a:4c:a2:b1:0b:24:5e:be:46:df:c8:08:00 SRC=192.168.96.10 DST=192.168.2.1 "
             "LEN=40 TOS=00 PREC=0x00 TTL=63 ID=50760 DF PROTO=TCP SPT=8084 DPT=55504 "
             "SEQ=1967017102 ACK=3747652110 WINDOW=131 ACK FIN URGP=0 MARK=0",
     .ts = "2024-04-07T21:40:58.000000Z",
     .host = "UDM-Pro",
     .process = "",
     .severity = "",
     .message = "[LAN_IN-D-4001] DESCR=\"\xF0\x9F\x9B\x91"
                "Drop all InterVLAN traffic\" IN=br96 OUT=tlprt0 "
                "MAC=24:5a:4c:a2:b1:0b:24:5e:be:46:df:c8:08:00 SRC=192.168.96.10 "
                "DST=192.168.2.1 LEN=40 TOS=00 PREC=0x00 TTL=63 ID=50760 DF PROTO=TCP SPT=8084 "
                "DPT=55504 SEQ=1967017102 ACK=3747652110 WINDOW=131 ACK FIN URGP=0 MARK=0",
     .kind = "fw_deny",
     .src_ip = "192.168.96.10",
     .src_port = 8084,
     .dst_ip = "192.168.2.1",
     .dst_port = 55504,
     .attrs = "{\"rule\":\"[LAN_IN-D-4001]\",\"description\":\"\xF0\x9F\x9B\x91"
              "Drop all InterVLAN traffic\",\"proto\":\"tcp\",\"flags\":\"ACK FIN\","
              "\"in_ifc\":\"br96\",\"out_ifc\":\"tlprt0\"}"},
    // [from-format] an iptables ACCEPT log of a new connection: kind other.
    {.text = "Mar  3 08:01:17 gw01 kernel: NEW-CONN IN=eth1 OUT=eth0 SRC=10.0.0.21 "
             "DST=198.51.100.9 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=4242 DF PROTO=TCP SPT=40112 "
             "DPT=5432 WINDOW=64240 RES=0x00 SYN URGP=0",
     .ts = "2024-03-03T08:01:17.000000Z",
     .host = "gw01",
     .process = "kernel",
     .severity = "",
     .message = "NEW-CONN IN=eth1 OUT=eth0 SRC=10.0.0.21 DST=198.51.100.9 LEN=60 TOS=0x00 "
                "PREC=0x00 TTL=63 ID=4242 DF PROTO=TCP SPT=40112 DPT=5432 WINDOW=64240 "
                "RES=0x00 SYN URGP=0",
     .src_ip = "10.0.0.21",
     .src_port = 40112,
     .dst_ip = "198.51.100.9",
     .dst_port = 5432,
     .attrs = R"({"rule":"NEW-CONN","proto":"tcp","flags":"SYN","in_ifc":"eth1",)"
              R"("out_ifc":"eth0"})"},
    // [from-format] ip6tables drop of a UDP packet, no prefix space issues.
    {.text = "Mar  3 08:02:00 gw01 kernel: [  812.000101] IPT-DROP: IN=eth0 OUT= "
             "SRC=2001:db8::7 DST=2001:db8::1 LEN=72 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=UDP "
             "SPT=5353 DPT=53 LEN=32",
     .ts = "2024-03-03T08:02:00.000000Z",
     .host = "gw01",
     .process = "kernel",
     .severity = "",
     .message = "IPT-DROP: IN=eth0 OUT= SRC=2001:db8::7 DST=2001:db8::1 LEN=72 TC=0 "
                "HOPLIMIT=64 FLOWLBL=0 PROTO=UDP SPT=5353 DPT=53 LEN=32",
     .kind = "fw_deny",
     .src_ip = "2001:db8::7",
     .src_port = 5353,
     .dst_ip = "2001:db8::1",
     .dst_port = 53,
     .attrs = R"({"monotonic":812.000101,"rule":"IPT-DROP:","proto":"udp","in_ifc":"eth0"})"},
};

}  // namespace

extern const EmbeddedFormat kNetfilterEmbedded;
const EmbeddedFormat kNetfilterEmbedded = {
    .name = "netfilter",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "netfilter/iptables/nftables/UFW LOG lines and ulogd (UniFi) in syslog",
    .signature = "kernel (or untagged/ulogd) message with IN= ... SRC= ... DST=",
    .claims = &ClaimsNetfilter,
    .parse = &ParseNetfilter,
    .container = "syslog",
    .samples = kNetfilterSamples,
};

}  // namespace rstscope::parsers
