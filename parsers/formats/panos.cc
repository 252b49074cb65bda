// Palo Alto Networks PAN-OS traffic logs (FORMATS.md §8.2): the syslog CSV
// of the "Traffic Log Fields" table, inside syslog ("panos") and as files of
// bare CSV lines ("panos_traffic"):
//
//   1,2020/05/19 07:34:54,007200002536,TRAFFIC,end,2305,2020/05/19 07:34:54,...
//
// Fields used (1-based): 4 Type (TRAFFIC), 5 Subtype, 7 Generated Time
// (device-local), 8/9 source/destination IP, 10/11 NAT IPs, 12 Rule, 23
// Session ID, 25-28 ports and NAT ports, 30 Protocol, 31 Action, 32 Bytes,
// 33 Bytes Sent, 34 Bytes Received, 37 Elapsed (s), 47 Session End Reason,
// 53 Device Name. Later releases append fields; they are ignored.
//
// Fields are CSV (RFC 4180): a value with a comma is quoted and a quote
// inside it doubled. Only the rule name is read from a quoted value in
// practice; it is unescaped into a parser-owned buffer when it has "".
#include <cstring>

#include "base/strings.h"
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::StartsWith;

constexpr int kMaxFields = 64;
// The reason is field 47: fewer fields is not a traffic log we can read.
constexpr int kMinFields = 47;
// Parser-owned text: the elapsed time in ms and an unescaped rule name.
constexpr size_t kDurationRoom = 24;
constexpr size_t kBufferSize = 320;

struct Fields {
  std::string_view v[kMaxFields];
  bool doubled_quote[kMaxFields] = {};
  int n = 0;
  // 1-based, as the PAN-OS documentation numbers them.
  std::string_view operator[](int i) const { return i <= n ? v[i - 1] : std::string_view(); }
};

// Splits `line` into at most kMaxFields CSV fields. Returns false on an
// unterminated quote.
bool SplitCsv(std::string_view line, Fields* f) {
  size_t pos = 0;
  f->n = 0;
  while (f->n < kMaxFields) {
    const int i = f->n;
    f->doubled_quote[i] = false;
    if (pos < line.size() && line[pos] == '"') {
      size_t q = pos + 1;
      for (;; ++q) {
        if (q >= line.size()) return false;
        if (line[q] != '"') continue;
        if (q + 1 < line.size() && line[q + 1] == '"') {
          f->doubled_quote[i] = true;
          ++q;
          continue;
        }
        break;
      }
      f->v[i] = line.substr(pos + 1, q - pos - 1);
      pos = q + 1;
      if (pos < line.size() && line[pos] != ',') return false;
    } else {
      size_t end = line.find(',', pos);
      if (end == std::string_view::npos) end = line.size();
      f->v[i] = line.substr(pos, end - pos);
      pos = end;
    }
    ++f->n;
    if (pos >= line.size()) break;
    ++pos;  // the comma
    if (pos == line.size()) {
      if (f->n < kMaxFields) f->v[f->n++] = {};
      break;
    }
  }
  return true;
}

// The 4th field is the log type: "FUTURE_USE,RECEIVE TIME,SERIAL,TRAFFIC,".
bool IsTrafficCsv(std::string_view m) {
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    pos = m.find(',', pos);
    if (pos == std::string_view::npos) return false;
    ++pos;
  }
  return m.substr(pos, 8) == "TRAFFIC,";
}

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

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

// A NAT address is logged as empty or 0.0.0.0 when no translation applied.
bool IsNatAddress(std::string_view ip) { return !ip.empty() && ip != "0.0.0.0" && base::IsIp(ip); }

void SetKind(std::string_view reason, std::string_view action, ParsedLine* out) {
  if (reason == "tcp-rst-from-server" || reason == "tcp-rst-from-client") {
    out->kind = base::Kind::kFwReset;
    out->rule = "panos_tcp_rst";
  } else if (reason == "aged-out") {
    out->kind = base::Kind::kIdleTimeout;
    out->rule = "panos_aged_out";
  } else if (reason == "policy-deny" || reason == "threat" || action == "deny" ||
             action == "drop" || StartsWith(action, "reset-") || StartsWith(action, "drop-")) {
    out->kind = base::Kind::kFwDeny;
    out->rule = "panos_deny";
  }
}

// Fills *out from a split TRAFFIC line. `buf` (kBufferSize bytes) holds the
// computed duration and an unescaped rule name. Returns false when the
// addresses or ports are not what the layout promises.
bool ApplyTraffic(const Fields& f, ParsedLine* out, char* buf) {
  if (f.n < kMinFields || f[4] != "TRAFFIC") return false;
  const std::string_view src = f[8], dst = f[9];
  if (!base::IsIp(src) || !base::IsIp(dst) || !IsPort(f[25]) || !IsPort(f[26])) return false;
  out->src_ip = src;
  out->dst_ip = dst;
  out->src_port = PortOf(f[25]);
  out->dst_port = PortOf(f[26]);
  if (!f[30].empty()) out->AddAttr("proto", f[30]);
  if (!f[31].empty()) out->AddAttr("action", f[31]);
  if (IsNumber(f[23])) out->AddAttr("session_id", f[23], true);
  std::string_view rule = f[12];
  if (f.doubled_quote[11]) {
    // Unescape "" into the buffer after the duration's room.
    char* dst_rule = buf + kDurationRoom;
    size_t n = 0;
    for (size_t i = 0; i < rule.size() && n < kBufferSize - kDurationRoom; ++i) {
      dst_rule[n++] = rule[i];
      if (rule[i] == '"' && i + 1 < rule.size() && rule[i + 1] == '"') ++i;
    }
    rule = std::string_view(dst_rule, n);
  }
  if (!rule.empty()) out->AddAttr("rule", rule);
  if (IsNatAddress(f[10])) {
    out->AddAttr("nat_src_ip", f[10]);
    if (IsPort(f[27])) out->AddAttr("nat_src_port", f[27], true);
  }
  if (IsNatAddress(f[11])) {
    out->AddAttr("nat_dst_ip", f[11]);
    if (IsPort(f[28])) out->AddAttr("nat_dst_port", f[28], true);
  }
  if (IsNumber(f[32])) out->AddAttr("bytes", f[32], true);
  if (IsNumber(f[33])) out->AddAttr("bytes_out", f[33], true);
  if (IsNumber(f[34])) out->AddAttr("bytes_in", f[34], true);
  const std::string_view elapsed = f[37];
  if (IsNumber(elapsed) && elapsed.size() + 3 <= kDurationRoom) {
    // Seconds to milliseconds by appending "000" ("0" stays "0").
    std::memcpy(buf, elapsed.data(), elapsed.size());
    size_t n = elapsed.size();
    if (elapsed != "0") {
      std::memcpy(buf + n, "000", 3);
      n += 3;
    }
    out->AddAttr("duration_ms", std::string_view(buf, n), true);
  }
  const std::string_view reason = f[47];
  if (!reason.empty()) out->AddAttr("reason", reason);
  if (!f[5].empty()) out->AddAttr("subtype", f[5]);
  SetKind(reason, f[31], out);
  return true;
}

// Without a hostname in the syslog header ("Jul 13 20:39:44 1,2017/07/13
// 20:39:44,SERIAL,TRAFFIC,..."), RFC 3164 parsing takes "1,2017/07/13" for
// the host and the message starts at the receive time's clock: the type
// is then the 3rd field of the message.
bool ClaimsPanos(std::string_view /*process*/, std::string_view message) {
  if (IsTrafficCsv(message)) return true;
  // "hh:mm:ss,SERIAL,TRAFFIC,": the headerless form above.
  if (message.size() < 9 || message[2] != ':' || message[5] != ':' || message[8] != ',') {
    return false;
  }
  const size_t serial_end = message.find(',', 9);
  return serial_end != std::string_view::npos && message.substr(serial_end + 1, 8) == "TRAFFIC,";
}

bool ParsePanosEmbedded(std::string_view message, ParsedLine* out, std::string* scratch) {
  std::string_view csv = message;
  const std::string_view host = out->host;
  // The headerless form: the CSV starts at the "host", which sits right
  // before the message in the line (one space between).
  const bool headerless = !IsTrafficCsv(message);
  if (headerless) {
    if (host.empty() || host.data() + host.size() + 1 != message.data() ||
        host.find(',') == std::string_view::npos) {
      return false;
    }
    csv = std::string_view(host.data(), host.size() + 1 + message.size());
  }
  Fields f;
  if (!SplitCsv(csv, &f)) return false;
  // Sized once: the views into it stay valid until the next line.
  if (scratch->size() < kBufferSize) scratch->resize(kBufferSize);
  ParsedLine probe = *out;
  if (!ApplyTraffic(f, &probe, scratch->data())) return false;
  if (headerless) {
    if (probe.msg_offset < host.size() + 1) return false;
    probe.msg_offset -= host.size() + 1;
    if (probe.msg_length != ParsedLine::kToEnd) probe.msg_length += host.size() + 1;
    probe.host = {};
  }
  *out = probe;
  return true;
}

// ------------------------------------------------------ panos_traffic files

class PanosTrafficParser final : public LineParser {
 public:
  explicit PanosTrafficParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    // "1,YYYY/MM/DD hh:mm:ss,": cheap checks before the split.
    const size_t comma = line.find(',');
    CivilTime t;
    // The receive time alone: a ',' and digits after it would read as a
    // fraction of a second.
    if (comma == std::string_view::npos || comma == 0 || comma > 8 ||
        ParseSlashDateTime(line.substr(comma + 1, 19), &t) != 19 || !IsTrafficCsv(line)) {
      return ParseOutcome::NotThisFormat(1, "no FUTURE_USE,YYYY/MM/DD hh:mm:ss,SERIAL,TRAFFIC,");
    }
    if (!SplitCsv(line, &fields_)) return ParseOutcome::Malformed(1, "unterminated quote");
    if (fields_.n < kMinFields) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(line.size()), "fewer than 47 fields");
    }
    const std::string_view generated = fields_[7];
    const size_t n = ParseSlashDateTime(generated, &t);
    if (n == 0 || n != generated.size()) {
      return ParseOutcome::Malformed(ColumnOf(line, generated), "bad Generated Time");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(ColumnOf(line, generated), TimestampProblem(t));
    }
    if (!ApplyTraffic(fields_, out, buf_)) {
      return ParseOutcome::Malformed(ColumnOf(line, fields_[8]), "bad addresses or ports");
    }
    out->has_ts = true;
    out->host = fields_[53];
    out->msg_offset = 0;
    return ParseOutcome::Parsed();
  }

 private:
  static uint32_t ColumnOf(std::string_view line, std::string_view field) {
    return static_cast<uint32_t>(field.data() - line.data() + 1);
  }

  base::Zone zone_;
  Fields fields_;
  char buf_[kBufferSize] = {};
};

std::unique_ptr<LineParser> MakePanosTraffic(const SourceContext& ctx) {
  return std::make_unique<PanosTrafficParser>(ctx);
}

// [verbatim] Graylog PAN-OS plugin test line (FORMATS.md §8.2).
#define RSTSCOPE_PANOS_GRAYLOG                                                                   \
  "1,2020/05/19 07:34:54,007200002536,TRAFFIC,end,2305,2020/05/19 07:34:54,10.154.172.134,"      \
  "151.151.88.132,,,IT Sanctioned SaaS Apps-443,pancademo\\steven.reid,,ssl,vsys1,L3-TAP,"       \
  "L3-TAP,ethernet1/2,ethernet1/2,,2020/05/19 07:34:54,33903,1,57090,443,0,0,0x6c,tcp,allow,"    \
  "6802,3876,2926,26,2020/05/19 07:32:48,97,financial-services,0,18621234943,0x0,"               \
  "10.0.0.0-10.255.255.255,United States,0,17,9,tcp-rst-from-server,31,12,0,0,,us1,from-policy," \
  ",,0,,0,,N/A,0,0,0,0,30468339-a760-46b2-b80b-ee873e6d11e4,0,0,,,,,,,"

// [from-format] a session that aged out, with source and destination NAT.
#define RSTSCOPE_PANOS_AGED                                                                  \
  "1,2024/03/01 10:15:02,007200002536,TRAFFIC,end,2305,2024/03/01 10:15:01,10.0.0.21,"       \
  "10.0.9.5,203.0.113.21,198.51.100.5,db-out,,,postgres,vsys1,trust,untrust,ethernet1/1,"    \
  "ethernet1/2,,2024/03/01 10:15:01,41001,1,40112,5432,30112,15432,0x400019,tcp,allow,9120," \
  "4100,5020,40,2024/03/01 09:15:00,3600,any,0,18621234944,0x0,10.0.0.0-10.255.255.255,"     \
  "10.0.0.0-10.255.255.255,0,20,20,aged-out,0,0,0,0,,pa-edge-01,from-policy"

// [from-format] a quoted rule name with a comma and a doubled quote; denied.
#define RSTSCOPE_PANOS_DENY                                                                  \
  "1,2024/03/01 10:15:03,007200002536,TRAFFIC,deny,2305,2024/03/01 10:15:03,198.51.100.66,"  \
  "10.0.0.5,,,\"block \"\"rdp\"\", inbound\",,,ms-rdp,vsys1,untrust,trust,ethernet1/2,"      \
  "ethernet1/1,,2024/03/01 10:15:03,0,1,40000,3389,0,0,0x0,tcp,deny,60,60,0,1,"              \
  "2024/03/01 10:15:03,0,any,0,18621234945,0x0,United States,10.0.0.0-10.255.255.255,0,1,0," \
  "policy-deny,0,0,0,0,,pa-edge-01,from-policy"

// [from-format] a normal end (tcp-fin), zero elapsed seconds.
#define RSTSCOPE_PANOS_FIN                                                             \
  "1,2024/03/01 10:15:04,007200002536,TRAFFIC,end,2305,2024/03/01 10:15:04,10.0.0.21," \
  "10.0.9.7,,,web,,,web-browsing,vsys1,trust,dmz,ethernet1/1,ethernet1/3,,"            \
  "2024/03/01 10:15:04,41002,1,40113,80,0,0,0x1c,tcp,allow,1200,600,600,8,"            \
  "2024/03/01 10:15:04,0,any,0,18621234946,0x0,10.0.0.0-10.255.255.255,"               \
  "10.0.0.0-10.255.255.255,0,4,4,tcp-fin,0,0,0,0,,pa-edge-01,from-policy"

constexpr FormatSample kPanosTrafficSamples[] = {
    {.text = RSTSCOPE_PANOS_GRAYLOG,
     .ts = "2020-05-19T07:34:54.000000Z",
     .host = "us1",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_GRAYLOG,
     .kind = "fw_reset",
     .src_ip = "10.154.172.134",
     .src_port = 57090,
     .dst_ip = "151.151.88.132",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","action":"allow","session_id":33903,)"
              R"("rule":"IT Sanctioned SaaS Apps-443","bytes":6802,"bytes_out":3876,)"
              R"("bytes_in":2926,"duration_ms":97000,"reason":"tcp-rst-from-server",)"
              R"("subtype":"end"})"},
    {.text = RSTSCOPE_PANOS_AGED,
     .ts = "2024-03-01T10:15:01.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_AGED,
     .kind = "idle_timeout",
     .src_ip = "10.0.0.21",
     .src_port = 40112,
     .dst_ip = "10.0.9.5",
     .dst_port = 5432,
     .attrs = R"({"proto":"tcp","action":"allow","session_id":41001,"rule":"db-out",)"
              R"("nat_src_ip":"203.0.113.21","nat_src_port":30112,)"
              R"("nat_dst_ip":"198.51.100.5","nat_dst_port":15432,"bytes":9120,)"
              R"("bytes_out":4100,"bytes_in":5020,"duration_ms":3600000,"reason":"aged-out",)"
              R"("subtype":"end"})"},
    {.text = RSTSCOPE_PANOS_DENY,
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_DENY,
     .kind = "fw_deny",
     .src_ip = "198.51.100.66",
     .src_port = 40000,
     .dst_ip = "10.0.0.5",
     .dst_port = 3389,
     .attrs = R"({"proto":"tcp","action":"deny","session_id":0,)"
              R"("rule":"block \"rdp\", inbound","bytes":60,"bytes_out":60,"bytes_in":0,)"
              R"("duration_ms":0,"reason":"policy-deny","subtype":"deny"})"},
    {.text = RSTSCOPE_PANOS_FIN,
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_FIN,
     .src_ip = "10.0.0.21",
     .src_port = 40113,
     .dst_ip = "10.0.9.7",
     .dst_port = 80,
     .attrs = R"({"proto":"tcp","action":"allow","session_id":41002,"rule":"web",)"
              R"("bytes":1200,"bytes_out":600,"bytes_in":600,"duration_ms":0,)"
              R"("reason":"tcp-fin","subtype":"end"})"},
};

// The same lines after an RFC 3164 header: the record keeps the syslog
// time and host.
constexpr FormatSample kPanosEmbeddedSamples[] = {
    {.text = "May 19 07:34:55 pa-fw01 " RSTSCOPE_PANOS_GRAYLOG,
     .ts = "2024-05-19T07:34:55.000000Z",
     .host = "pa-fw01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_GRAYLOG,
     .kind = "fw_reset",
     .src_ip = "10.154.172.134",
     .src_port = 57090,
     .dst_ip = "151.151.88.132",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","action":"allow","session_id":33903,)"
              R"("rule":"IT Sanctioned SaaS Apps-443","bytes":6802,"bytes_out":3876,)"
              R"("bytes_in":2926,"duration_ms":97000,"reason":"tcp-rst-from-server",)"
              R"("subtype":"end"})"},
    {.text = "Mar  1 10:15:02 pa-edge-01 " RSTSCOPE_PANOS_AGED,
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_AGED,
     .kind = "idle_timeout",
     .src_ip = "10.0.0.21",
     .src_port = 40112,
     .dst_ip = "10.0.9.5",
     .dst_port = 5432},
    {.text = "<14>Mar  1 10:15:03 pa-edge-01 " RSTSCOPE_PANOS_DENY,
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "info",
     .message = RSTSCOPE_PANOS_DENY,
     .kind = "fw_deny",
     .src_ip = "198.51.100.66",
     .src_port = 40000,
     .dst_ip = "10.0.0.5",
     .dst_port = 3389},
    // [from-format] Sumo Logic template: no hostname in the syslog header.
    {.text = "Mar  1 10:15:02 " RSTSCOPE_PANOS_AGED,
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_AGED,
     .kind = "idle_timeout",
     .src_ip = "10.0.0.21",
     .src_port = 40112,
     .dst_ip = "10.0.9.5",
     .dst_port = 5432},
    {.text = "Mar  1 10:15:04 pa-edge-01 " RSTSCOPE_PANOS_FIN,
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "pa-edge-01",
     .process = "",
     .severity = "",
     .message = RSTSCOPE_PANOS_FIN,
     .src_ip = "10.0.0.21",
     .src_port = 40113,
     .dst_ip = "10.0.9.7",
     .dst_port = 80},
};

#undef RSTSCOPE_PANOS_GRAYLOG
#undef RSTSCOPE_PANOS_AGED
#undef RSTSCOPE_PANOS_DENY
#undef RSTSCOPE_PANOS_FIN

}  // namespace

extern const EmbeddedFormat kPanosEmbedded;
const EmbeddedFormat kPanosEmbedded = {
    .name = "panos",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "Palo Alto PAN-OS traffic log CSV inside syslog",
    .signature = "syslog message whose 4th CSV field is TRAFFIC",
    .claims = &ClaimsPanos,
    .parse = &ParsePanosEmbedded,
    .container = "syslog",
    .samples = kPanosEmbeddedSamples,
};

extern const FormatInfo kPanosTrafficFormat;
const FormatInfo kPanosTrafficFormat = {
    .name = "panos_traffic",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "Palo Alto PAN-OS traffic log CSV files (device-local Generated Time)",
    .signature = "FUTURE_USE,YYYY/MM/DD hh:mm:ss,SERIAL,TRAFFIC,SUBTYPE,...(47+ fields)",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakePanosTraffic,
    .samples = kPanosTrafficSamples,
};

}  // namespace rstscope::parsers
