// Windows Defender Firewall log, pfirewall.log (FORMATS.md §8.4): W3C-style
// space-separated columns named by the latest "#Fields:" directive, local
// time (#Time Format: Local, so the source's zone):
//
//   #Fields: date time action protocol src-ip dst-ip src-port dst-port size
//            tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path [pid]
//   2005-04-11 08:06:26 DROP TCP 123.45.78.90 123.156.78.90 80 1774 576 A ...
//
// "-" is an empty value. Without a #Fields line the 1.5 default above is
// assumed. A #Fields line without date, time, action and the addresses is
// another W3C log (IIS): every line is then not this format.
#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

constexpr int kMaxColumns = 24;

enum Column : int8_t {
  kColOther = 0,
  kColDate,
  kColTime,
  kColAction,
  kColProtocol,
  kColSrcIp,
  kColDstIp,
  kColSrcPort,
  kColDstPort,
  kColSize,
  kColTcpFlags,
  kColPath,
  kColPid,
};

Column ColumnFromName(std::string_view name) {
  if (name == "date") return kColDate;
  if (name == "time") return kColTime;
  if (name == "action") return kColAction;
  if (name == "protocol") return kColProtocol;
  if (name == "src-ip") return kColSrcIp;
  if (name == "dst-ip") return kColDstIp;
  if (name == "src-port") return kColSrcPort;
  if (name == "dst-port") return kColDstPort;
  if (name == "size") return kColSize;
  if (name == "tcpflags") return kColTcpFlags;
  if (name == "path") return kColPath;
  if (name == "pid") return kColPid;
  return kColOther;
}

constexpr std::string_view kDefaultFields =
    "date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack "
    "tcpwin icmptype icmpcode info path";

// Actions pfirewall.log writes; plaso accepts any [A-Za-z0-9-], but a
// closed list keeps other space-separated logs out.
bool IsAction(std::string_view a) {
  return a == "OPEN" || a == "CLOSE" || a == "DROP" || a == "ALLOW" || a == "OPEN-INBOUND" ||
         a == "INFO-EVENTS-LOST";
}

std::string_view LowerProto(std::string_view p) {
  if (p == "TCP") return "tcp";
  if (p == "UDP") return "udp";
  if (p == "ICMP") return "icmp";
  if (p == "ICMPv6") return "icmpv6";
  return p;
}

bool ParsePort(std::string_view s, int32_t* port) {
  if (s.empty() || s.size() > 5) return false;
  int32_t v = 0;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (v > 65535) return false;
  *port = v;
  return true;
}

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

class WindowsFirewallParser final : public LineParser {
 public:
  explicit WindowsFirewallParser(const SourceContext& ctx) : zone_(ctx.zone) {
    SetFields(kDefaultFields);
  }

  bool ConsumeDirective(std::string_view line) override {
    if (line.empty() || line[0] != '#') return false;
    constexpr std::string_view kFields = "#Fields:";
    if (base::StartsWith(line, kFields)) SetFields(line.substr(kFields.size()));
    return true;
  }

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    if (!usable_) return ParseOutcome::NotThisFormat(1, "#Fields is not a firewall log's");
    std::string_view v[kMaxColumns];
    int n = 0;
    size_t pos = 0;
    while (pos < line.size()) {
      size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      if (n == kMaxColumns) break;
      v[n++] = line.substr(pos, end - pos);
      pos = end + 1;
    }
    if (n != ncolumns_) return ParseOutcome::NotThisFormat(1, "column count differs from #Fields");
    std::string_view date, time, action, proto, src, dst, sport, dport, size, flags, path, pid;
    for (int i = 0; i < n; ++i) {
      const std::string_view value = v[i] == "-" ? std::string_view() : v[i];
      switch (columns_[i]) {
        case kColDate:
          date = v[i];
          break;
        case kColTime:
          time = v[i];
          break;
        case kColAction:
          action = value;
          break;
        case kColProtocol:
          proto = value;
          break;
        case kColSrcIp:
          src = value;
          break;
        case kColDstIp:
          dst = value;
          break;
        case kColSrcPort:
          sport = value;
          break;
        case kColDstPort:
          dport = value;
          break;
        case kColSize:
          size = value;
          break;
        case kColTcpFlags:
          flags = value;
          break;
        case kColPath:
          path = value;
          break;
        case kColPid:
          pid = value;
          break;
        case kColOther:
          break;
      }
    }
    // date and time are adjacent columns: "YYYY-MM-DD hh:mm:ss" is one
    // ISO 8601 text in the line.
    if (date.size() != 10 || time.data() != date.data() + 11) {
      return ParseOutcome::NotThisFormat(1, "no date time columns");
    }
    CivilTime t;
    const std::string_view stamp(date.data(), 11 + time.size());
    if (ParseIso8601(stamp, &t) != stamp.size() || t.has_offset) {
      return ParseOutcome::NotThisFormat(1, "no YYYY-MM-DD hh:mm:ss");
    }
    if (!IsAction(action)) {
      return ParseOutcome::NotThisFormat(ColumnOf(line, action), "not a firewall action");
    }
    if ((!src.empty() && !base::IsIp(src)) || (!dst.empty() && !base::IsIp(dst))) {
      return ParseOutcome::Malformed(ColumnOf(line, src), "bad address");
    }
    int32_t src_port = -1, dst_port = -1;
    if ((!sport.empty() && !ParsePort(sport, &src_port)) ||
        (!dport.empty() && !ParsePort(dport, &dst_port))) {
      return ParseOutcome::Malformed(ColumnOf(line, sport), "bad port");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    out->src_ip = src;
    out->dst_ip = dst;
    out->src_port = src_port;
    out->dst_port = dst_port;
    if (IsNumber(pid)) {
      int64_t p = 0;
      size_t q = 0;
      base::ParseDigits(pid, &q, &p);
      out->pid = p;
    }
    out->msg_offset = static_cast<size_t>(action.data() - line.data());
    out->AddAttr("action", action);
    if (!proto.empty()) out->AddAttr("proto", LowerProto(proto));
    if (IsNumber(size)) out->AddAttr("size", size, true);
    if (!flags.empty()) out->AddAttr("flags", flags);
    if (!path.empty()) out->AddAttr("path", path);
    if (flags.find('R') != std::string_view::npos) {
      out->kind = base::Kind::kFwReset;
      out->rule = "pfirewall_rst";
    } else if (action == "DROP") {
      out->kind = base::Kind::kFwDeny;
      out->rule = "pfirewall_drop";
    }
    return ParseOutcome::Parsed();
  }

 private:
  static uint32_t ColumnOf(std::string_view line, std::string_view field) {
    if (field.empty()) return 0;
    return static_cast<uint32_t>(field.data() - line.data() + 1);
  }

  void SetFields(std::string_view names) {
    ncolumns_ = 0;
    bool has[kColPid + 1] = {};
    size_t pos = 0;
    while (pos < names.size() && ncolumns_ < kMaxColumns) {
      while (pos < names.size() && base::IsSpace(names[pos])) ++pos;
      if (pos >= names.size()) break;
      size_t end = pos;
      while (end < names.size() && !base::IsSpace(names[end])) ++end;
      const Column c = ColumnFromName(names.substr(pos, end - pos));
      columns_[ncolumns_++] = c;
      has[c] = true;
      pos = end;
    }
    usable_ = has[kColDate] && has[kColTime] && has[kColAction] && has[kColSrcIp] && has[kColDstIp];
  }

  base::Zone zone_;
  Column columns_[kMaxColumns] = {};
  int ncolumns_ = 0;
  bool usable_ = false;
};

std::unique_ptr<LineParser> MakeWindowsFirewall(const SourceContext& ctx) {
  return std::make_unique<WindowsFirewallParser>(ctx);
}

constexpr FormatSample kWindowsFirewallSamples[] = {
    // [verbatim] plaso test_data/windows_firewall.log.
    {.text = "2005-04-11 08:05:57 DROP UDP 123.45.78.90 123.156.78.255 137 137 78 - - - - - - - "
             "RECEIVE",
     .ts = "2005-04-11T08:05:57.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "DROP UDP 123.45.78.90 123.156.78.255 137 137 78 - - - - - - - RECEIVE",
     .kind = "fw_deny",
     .src_ip = "123.45.78.90",
     .src_port = 137,
     .dst_ip = "123.156.78.255",
     .dst_port = 137,
     .attrs = R"({"action":"DROP","proto":"udp","size":78,"path":"RECEIVE"})"},
    {.text = "2005-04-11 08:06:02 CLOSE UDP 123.45.78.90 123.156.78.90 1027 53 - - - - - - - - -",
     .ts = "2005-04-11T08:06:02.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "CLOSE UDP 123.45.78.90 123.156.78.90 1027 53 - - - - - - - - -",
     .src_ip = "123.45.78.90",
     .src_port = 1027,
     .dst_ip = "123.156.78.90",
     .dst_port = 53,
     .attrs = R"({"action":"CLOSE","proto":"udp"})"},
    {.text = "2005-04-11 08:06:26 DROP TCP 123.45.78.90 123.156.78.90 80 1774 576 A 123456789 "
             "987654321 12345 - - - RECEIVE",
     .ts = "2005-04-11T08:06:26.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "DROP TCP 123.45.78.90 123.156.78.90 80 1774 576 A 123456789 987654321 12345 - "
                "- - RECEIVE",
     .kind = "fw_deny",
     .src_ip = "123.45.78.90",
     .src_port = 80,
     .dst_ip = "123.156.78.90",
     .dst_port = 1774,
     .attrs = R"({"action":"DROP","proto":"tcp","size":576,"flags":"A","path":"RECEIVE"})"},
    // [from-format] a dropped RST+ACK (tcpflags letters, FORMATS.md §8.4).
    {.text = "2024-03-01 10:15:02 DROP TCP 10.0.0.9 10.0.0.21 443 51234 40 AR 1000 2000 0 - - - "
             "RECEIVE",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "DROP TCP 10.0.0.9 10.0.0.21 443 51234 40 AR 1000 2000 0 - - - RECEIVE",
     .kind = "fw_reset",
     .src_ip = "10.0.0.9",
     .src_port = 443,
     .dst_ip = "10.0.0.21",
     .dst_port = 51234,
     .attrs = R"({"action":"DROP","proto":"tcp","size":40,"flags":"AR","path":"RECEIVE"})"},
    {.text = "2024-03-01 10:15:03 ALLOW TCP 10.0.0.21 10.0.0.9 51235 443 0 - 0 0 0 - - - SEND",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "ALLOW TCP 10.0.0.21 10.0.0.9 51235 443 0 - 0 0 0 - - - SEND",
     .src_ip = "10.0.0.21",
     .src_port = 51235,
     .dst_ip = "10.0.0.9",
     .dst_port = 443,
     .attrs = R"({"action":"ALLOW","proto":"tcp","size":0,"path":"SEND"})"},
};

}  // namespace

extern const FormatInfo kWindowsFirewallFormat;
const FormatInfo kWindowsFirewallFormat = {
    .name = "windows_firewall",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "Windows Defender Firewall pfirewall.log (W3C #Fields, local time)",
    .signature =
        "#Fields: date time action protocol src-ip dst-ip ...; YYYY-MM-DD hh:mm:ss "
        "DROP|ALLOW|OPEN|CLOSE ...",
    .priority = 35,
    .continuation = Continuation::kNone,
    .make_parser = &MakeWindowsFirewall,
    .samples = kWindowsFirewallSamples,
};

}  // namespace rstscope::parsers
