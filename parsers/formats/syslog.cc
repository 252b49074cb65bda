// The syslog family: RFC 3164 files, RFC 5424, and rsyslog's RFC 3339 file
// format (which journalctl -o short-iso also writes).
//
// Grammars, as accepted here:
//
//   syslog (RFC 3164 §4.1, as rsyslog/syslog-ng write it to files):
//     [<PRI>]Mmm dd hh:mm:ss[.frac] HOST TAG[PID]: MSG
//     [<PRI>]Mmm dd hh:mm:ss[.frac] HOST TAG: MSG
//     [<PRI>]Mmm dd hh:mm:ss[.frac] HOST MSG                (no tag at all)
//     [<PRI>]Mmm dd hh:mm:ss[.frac] TAG[PID]: MSG           (relay dropped HOST)
//     Mmm dd hh:mm:ss HOST last message repeated N times
//     Mmm dd hh:mm:ss: --- last message repeated N times ---
//   TAG may hold up to two spaces ("Setup Assistant", "syslogd 1.4.1") and
//   anything but '[' and ':'; macOS adds " (subsystem[pid])" after [PID].
//
//   syslog5424 (RFC 5424 §6):
//     <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
//     STRUCTURED-DATA [SP [BOM] MSG]      with "-" as NILVALUE anywhere.
//
//   rsyslog (RSYSLOG_FileFormat; journalctl -o short-iso[-precise]):
//     YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|+hhmm) HOST TAG[PID]: MSG
//
// For the tag "kernel", a leading "[ 1234.567890] " boot-relative stamp is
// cut from the message and kept as the attribute "monotonic" (FORMATS.md
// §1.1: the header time is the wall clock, the stamp only orders one boot).
#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/embedded.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;

// RFC 3164 §4.1.3 limits the tag to 32 characters; real tags are longer
// (launchd's reverse-DNS names), so the limit only stops a scan that is
// clearly in free text.
constexpr size_t kMaxTagLength = 64;
// "Setup Assistant[1173]", "syslogd 1.4.1": more spaces than this and the
// text before the first colon is a sentence, not a tag.
constexpr int kMaxTagSpaces = 2;

// "<PRI>" at line[*pos], PRI in 0..191 (RFC 5424 §6.2.1).
bool ParsePri(std::string_view line, size_t* pos, int* pri) {
  size_t i = *pos;
  if (i >= line.size() || line[i] != '<') return false;
  ++i;
  int value = 0;
  const size_t first = i;
  while (i < line.size() && IsDigit(line[i]) && i - first < 3) {
    value = value * 10 + (line[i++] - '0');
  }
  if (i == first || i >= line.size() || line[i] != '>' || value > 191) return false;
  *pos = i + 1;
  *pri = value;
  return true;
}

base::Severity SeverityFromPri(int pri) { return static_cast<base::Severity>(pri & 7); }

// Application logs put a level word where syslog puts the host
// ("2024-03-01T10:15:02Z INFO app: ..."); no real host is called that.
// Runs on every line, so it rules out most hosts by their shape before
// comparing words (base::SeverityFromWord costs ~100 ns).
bool LooksLikeLevel(std::string_view token) {
  static constexpr std::string_view kLevels[] = {
      "emerg",       "emergency",     "panic", "alert",   "crit",  "critical", "fatal", "severe",
      "error",       "err",           "warn",  "warning", "wrn",   "notice",   "info",  "inf",
      "information", "informational", "debug", "dbg",     "trace", "verbose",
  };
  if (token.size() < 3 || token.size() > 13) return false;
  char lower[13];
  for (size_t i = 0; i < token.size(); ++i) {
    if (!base::IsAlpha(token[i])) return false;
    lower[i] = static_cast<char>(token[i] | 0x20);
  }
  const std::string_view word(lower, token.size());
  for (std::string_view level : kLevels) {
    if (level == word) return true;
  }
  return false;
}

struct Tag {
  std::string_view name;
  int64_t pid = -1;
  size_t msg_start = 0;
};

// Reads "TAG[PID]: ", "TAG[PID] (detail): " or "TAG: " at line[pos]. The
// colon must be followed by a space or the end of the line. A tag with
// spaces needs a [PID] or a last word that is a version ("syslogd 1.4.1"):
// "Connection reset: ..." is a message without a tag.
bool ParseTag(std::string_view line, size_t pos, Tag* tag) {
  size_t i = pos;
  int spaces = 0;
  size_t last_word = pos;
  while (i < line.size() && line[i] != '[' && line[i] != ':') {
    if (line[i] == ' ') {
      if (++spaces > kMaxTagSpaces) return false;
      last_word = i + 1;
    }
    if (line[i] == '\t') return false;
    if (++i - pos > kMaxTagLength) return false;
  }
  if (i == pos || i >= line.size() || line[i - 1] == ' ') return false;
  if (spaces > 0 && line[i] != '[' && !IsDigit(line[last_word])) return false;
  tag->name = line.substr(pos, i - pos);
  tag->pid = -1;
  if (line[i] == '[') {
    size_t p = i + 1;
    int64_t pid = 0;
    if (!base::ParseDigits(line, &p, &pid) || p >= line.size() || line[p] != ']') return false;
    tag->pid = pid;
    i = p + 1;
    // macOS: "com.apple.xpc.launchd[1] (com.apple.mdworker.shared.0C00...[50989]): "
    if (i + 1 < line.size() && line[i] == ' ' && line[i + 1] == '(') {
      int depth = 0;
      size_t q = i + 1;
      for (; q < line.size(); ++q) {
        if (line[q] == '(') {
          ++depth;
        } else if (line[q] == ')' && --depth == 0) {
          break;
        }
      }
      if (q >= line.size()) return false;
      i = q + 1;
    }
  }
  if (i >= line.size() || line[i] != ':') return false;
  if (i + 1 < line.size() && line[i + 1] != ' ') return false;
  tag->msg_start = i + 2 < line.size() ? i + 2 : line.size();
  return true;
}

// Cuts "[ 1234.567890] " from the start of a kernel message.
void StripKernelMonotonic(std::string_view line, ParsedLine* out) {
  size_t i = out->msg_offset;
  if (i >= line.size() || line[i] != '[') return;
  ++i;
  while (i < line.size() && line[i] == ' ') ++i;
  const size_t start = i;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i == start || i >= line.size() || line[i] != '.') return;
  ++i;
  const size_t frac = i;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i == frac || i >= line.size() || line[i] != ']') return;
  out->AddAttr("monotonic", line.substr(start, i - start), /*is_number=*/true);
  ++i;
  if (i < line.size() && line[i] == ' ') ++i;
  out->msg_offset = i;
}

void SetTag(std::string_view line, const Tag& tag, ParsedLine* out) {
  out->process = tag.name;
  out->pid = tag.pid;
  out->msg_offset = tag.msg_start;
  if (tag.name == "kernel") StripKernelMonotonic(line, out);
}

// "last message repeated N times" (syslogd's own line, no tag): keeps N.
bool ParseRepeated(std::string_view rest, ParsedLine* out) {
  std::string_view text = rest;
  if (StartsWith(text, "--- ")) text.remove_prefix(4);
  constexpr std::string_view kPrefix = "last message repeated ";
  if (!StartsWith(text, kPrefix)) return false;
  size_t p = kPrefix.size();
  int64_t n = 0;
  const size_t digits = p;
  if (base::ParseDigits(text, &p, &n)) {
    out->AddAttr("repeated", text.substr(digits, p - digits), true);
  }
  return true;
}

enum class HostTag {
  kLenient,  // RFC 3164 files: host and tag may be missing
  kStrict,   // RFC 3339 files: both present, as rsyslog and journalctl write them
};

// Reads "HOST TAG[PID]: MSG" from line[pos] into *out.
ParseOutcome ParseHostTagMessage(std::string_view line, size_t pos, HostTag mode, ParsedLine* out) {
  const auto column = [](size_t p) { return static_cast<uint32_t>(p + 1); };
  if (mode == HostTag::kLenient && pos < line.size() && line[pos] == ':') {
    // plaso's fixture: "Mar 11 09:39:39: --- last message repeated 5 times ---"
    ++pos;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    out->msg_offset = pos;
    ParseRepeated(line.substr(pos), out);
    return ParseOutcome::Parsed();
  }
  if (pos >= line.size() || line[pos] != ' ') {
    return ParseOutcome::NotThisFormat(column(pos), "no space after the timestamp");
  }
  ++pos;
  if (pos >= line.size() || line[pos] == ' ' || line[pos] == '\t') {
    return ParseOutcome::Malformed(column(pos), "no host after the timestamp");
  }
  if (mode == HostTag::kLenient && ParseRepeated(line.substr(pos), out)) {
    out->msg_offset = pos;
    return ParseOutcome::Parsed();
  }
  size_t token_end = line.find(' ', pos);
  if (token_end == std::string_view::npos) token_end = line.size();
  const std::string_view token = line.substr(pos, token_end - pos);
  Tag tag;
  if (mode == HostTag::kLenient && token.back() == ':' && ParseTag(line, pos, &tag) &&
      tag.msg_start >= token_end) {
    // A relay dropped the host: "Jan 10 12:00:00 sshd[123]: msg".
    SetTag(line, tag, out);
    return ParseOutcome::Parsed();
  }
  if (LooksLikeLevel(token)) {
    return ParseOutcome::NotThisFormat(column(pos), "a level word, not a host");
  }
  out->host = token;
  if (token_end >= line.size()) {
    return ParseOutcome::Malformed(column(token_end), "nothing after the host");
  }
  pos = token_end + 1;
  if (ParseTag(line, pos, &tag)) {
    SetTag(line, tag, out);
    return ParseOutcome::Parsed();
  }
  if (mode == HostTag::kStrict) {
    return ParseOutcome::NotThisFormat(column(pos), "no TAG: after the host");
  }
  // "Jan 22 07:54:32 myhostname.myhost.com Job `cron.daily' terminated"
  out->msg_offset = pos;
  ParseRepeated(line.substr(pos), out);
  return ParseOutcome::Parsed();
}

// ---------------------------------------------------------------- RFC 3164

class Rfc3164Parser final : public LineParser {
 public:
  explicit Rfc3164Parser(const SourceContext& ctx) : zone_(ctx.zone), years_(ctx.mtime_us) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = 0;
    int pri = -1;
    if (!line.empty() && line[0] == '<' && !ParsePri(line, &pos, &pri)) {
      return ParseOutcome::NotThisFormat(1, "bad <PRI>");
    }
    CivilTime t;
    const size_t n = ParseBsdTime(line.substr(pos), &t);
    if (n == 0) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no Mmm dd hh:mm:ss");
    }
    const ParseOutcome body = ParseHostTagMessage(line, pos + n, HostTag::kLenient, out);
    if (body.status != ParseStatus::kParsed) return body;
    // Only a line taken as a record moves the year: continuation lines and
    // strangers must not, nor a record whose date does not exist.
    if (t.problem != nullptr) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), t.problem);
    }
    years_.Resolve(&t);
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), TimestampProblem(t));
    }
    out->has_ts = true;
    out->flags |= base::kFlagYearInferred;
    if (pri >= 0) out->severity = SeverityFromPri(pri);
    ApplyEmbeddedFormats(line, out, &embedded_scratch_);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  YearInferrer years_;
  std::string embedded_scratch_;
};

// ---------------------------------------------------------------- RFC 5424

// Next SP-delimited header field at line[*pos] (RFC 5424 §6); "-" reads as
// empty. Advances *pos past the field and its space.
bool NextField(std::string_view line, size_t* pos, std::string_view* field) {
  if (*pos >= line.size() || line[*pos] == ' ') return false;
  size_t end = line.find(' ', *pos);
  if (end == std::string_view::npos) return false;
  *field = line.substr(*pos, end - *pos);
  if (*field == "-") *field = {};
  *pos = end + 1;
  return true;
}

// End of STRUCTURED-DATA starting at line[pos] (RFC 5424 §6.3), or npos.
// Inside a quoted PARAM-VALUE a backslash escapes the next byte and ']' does
// not end the element: writers do not always escape it as §6.3.3 asks.
size_t ScanStructuredData(std::string_view line, size_t pos) {
  if (pos < line.size() && line[pos] == '-') return pos + 1;
  if (pos >= line.size() || line[pos] != '[') return std::string_view::npos;
  while (pos < line.size() && line[pos] == '[') {
    bool quoted = false;
    for (++pos; pos < line.size(); ++pos) {
      const char c = line[pos];
      if (quoted) {
        if (c == '\\') {
          ++pos;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ']') {
        break;
      }
    }
    if (pos >= line.size()) return std::string_view::npos;
    ++pos;
  }
  return pos;
}

class Rfc5424Parser final : public LineParser {
 public:
  explicit Rfc5424Parser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = 0;
    int pri = 0;
    if (!ParsePri(line, &pos, &pri)) return ParseOutcome::NotThisFormat(1, "no <PRI>");
    // VERSION: "1" today; RFC 5424 allows up to three digits.
    const size_t version = pos;
    while (pos < line.size() && IsDigit(line[pos]) && pos - version < 3) ++pos;
    if (pos == version || line[version] == '0' || pos >= line.size() || line[pos] != ' ') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(version + 1), "no VERSION");
    }
    ++pos;
    const auto malformed = [&](std::string_view why) {
      return ParseOutcome::Malformed(static_cast<uint32_t>(pos + 1), why);
    };
    std::string_view ts;
    if (!NextField(line, &pos, &ts)) return malformed("no TIMESTAMP");
    if (!ts.empty()) {
      CivilTime t;
      // RFC 5424 §6.2.3: 'T' between date and time, offset or Z required
      // (a missing offset is tolerated and read in the source's zone).
      if (ts.size() < 19 || ts[10] != 'T' || ParseIso8601(ts, &t) != ts.size()) {
        return ParseOutcome::Malformed(static_cast<uint32_t>(pos - ts.size()), "bad TIMESTAMP");
      }
      if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
        return malformed(TimestampProblem(t));
      }
      out->has_ts = true;
    }
    std::string_view host, app, procid, msgid;
    if (!NextField(line, &pos, &host)) return malformed("no HOSTNAME");
    if (!NextField(line, &pos, &app)) return malformed("no APP-NAME");
    if (!NextField(line, &pos, &procid)) return malformed("no PROCID");
    if (!NextField(line, &pos, &msgid)) return malformed("no MSGID");
    const size_t sd_start = pos;
    const size_t sd_end = ScanStructuredData(line, pos);
    if (sd_end == std::string_view::npos) return malformed("bad STRUCTURED-DATA");
    if (sd_end < line.size() && line[sd_end] != ' ') {
      return ParseOutcome::Malformed(static_cast<uint32_t>(sd_end + 1),
                                     "no space after STRUCTURED-DATA");
    }
    out->severity = SeverityFromPri(pri);
    out->host = host;
    out->process = app;
    if (!procid.empty()) {
      size_t p = 0;
      int64_t pid = 0;
      if (base::ParseDigits(procid, &p, &pid) && p == procid.size()) {
        out->pid = pid;
      } else {
        out->AddAttr("procid", procid);
      }
    }
    if (!msgid.empty()) out->AddAttr("msgid", msgid);
    if (line[sd_start] == '[') {
      out->AddAttr("structured_data", line.substr(sd_start, sd_end - sd_start));
    }
    // MSG: rsyslog puts a legacy message's leading space after the SP, so
    // all spaces go; then an optional UTF-8 BOM (§6.4).
    pos = sd_end;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    if (StartsWith(line.substr(pos), "\xEF\xBB\xBF")) pos += 3;
    out->msg_offset = pos;
    if (app == "kernel") StripKernelMonotonic(line, out);
    ApplyEmbeddedFormats(line, out, &embedded_scratch_);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  std::string embedded_scratch_;
};

// ---------------------------------------------------------------- RFC 3339 files

class RsyslogParser final : public LineParser {
 public:
  explicit RsyslogParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    CivilTime t;
    const size_t n = ParseIso8601(line, &t);
    // Both writers print 'T' and an offset; without them the line is some
    // application's own layout.
    if (n == 0 || line[10] != 'T' || !t.has_offset) {
      return ParseOutcome::NotThisFormat(1, "no RFC 3339 timestamp with offset");
    }
    const ParseOutcome body = ParseHostTagMessage(line, n, HostTag::kStrict, out);
    if (body.status != ParseStatus::kParsed) return body;
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    ApplyEmbeddedFormats(line, out, &embedded_scratch_);
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
  std::string embedded_scratch_;
};

std::unique_ptr<LineParser> MakeRfc3164(const SourceContext& ctx) {
  return std::make_unique<Rfc3164Parser>(ctx);
}
std::unique_ptr<LineParser> MakeRfc5424(const SourceContext& ctx) {
  return std::make_unique<Rfc5424Parser>(ctx);
}
std::unique_ptr<LineParser> MakeRsyslog(const SourceContext& ctx) {
  return std::make_unique<RsyslogParser>(ctx);
}

// Samples are parsed with SampleContext(): mtime 2024-12-31T23:59:59Z, UTC,
// so RFC 3164 lines fall in 2024.
constexpr FormatSample kSyslogSamples[] = {
    // [verbatim] lnav test/logfile_syslog.0
    {.text = "Nov  3 09:23:38 veridian automount[7998]: lookup(file): lookup for foobar failed",
     .ts = "2024-11-03T09:23:38.000000Z",
     .host = "veridian",
     .process = "automount",
     .pid = 7998,
     .severity = "",
     .message = "lookup(file): lookup for foobar failed"},
    // [verbatim] plaso test_data/syslog/syslog: fractional seconds.
    {.text = "Mar 23 23:01:18.123 myhostname.myhost.com somrandomexe[19]: This syslog message has "
             "a fractional value for seconds.",
     .ts = "2024-03-23T23:01:18.123000Z",
     .host = "myhostname.myhost.com",
     .process = "somrandomexe",
     .pid = 19,
     .severity = "",
     .message = "This syslog message has a fractional value for seconds."},
    // [verbatim] lnav: a tag with a space and no PID.
    {.text = "Apr 28 04:02:03 tstack-centos5 syslogd 1.4.1: restart.",
     .ts = "2024-04-28T04:02:03.000000Z",
     .host = "tstack-centos5",
     .process = "syslogd 1.4.1",
     .severity = "",
     .message = "restart."},
    // [verbatim] lnav: macOS puts "(subsystem[pid])" between PID and colon.
    {.text = "Aug  1 00:00:03 Tim-Stacks-iMac com.apple.xpc.launchd[1] "
             "(com.apple.mdworker.shared.0C000000-0700-0000-0000-000000000000[50989]): Service "
             "exited due to SIGKILL | sent by mds[198]",
     .ts = "2024-08-01T00:00:03.000000Z",
     .host = "Tim-Stacks-iMac",
     .process = "com.apple.xpc.launchd",
     .pid = 1,
     .severity = "",
     .message = "Service exited due to SIGKILL | sent by mds[198]"},
    // [from-format] a tag with a space and a PID (lnav's "Setup Assistant").
    {.text = "Aug  1 00:00:05 Tim-Stacks-iMac Setup Assistant[1173]: Checking for updates",
     .ts = "2024-08-01T00:00:05.000000Z",
     .host = "Tim-Stacks-iMac",
     .process = "Setup Assistant",
     .pid = 1173,
     .severity = "",
     .message = "Checking for updates"},
    // RFC 3164 §5.4 example 1: <PRI> on the wire gives the severity.
    {.text = "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
     .ts = "2024-10-11T22:14:15.000000Z",
     .host = "mymachine",
     .process = "su",
     .severity = "crit",
     .message = "'su root' failed for lonvick on /dev/pts/8"},
    // [verbatim] plaso: no tag at all.
    {.text = "Jan 22 07:54:32 myhostname.myhost.com Job `cron.daily' terminated",
     .ts = "2024-01-22T07:54:32.000000Z",
     .host = "myhostname.myhost.com",
     .process = "",
     .severity = "",
     .message = "Job `cron.daily' terminated"},
    // [from-format] syslogd's repeat line: no tag, no PID.
    {.text = "Nov  3 09:23:40 veridian last message repeated 3 times",
     .ts = "2024-11-03T09:23:40.000000Z",
     .host = "veridian",
     .process = "",
     .severity = "",
     .message = "last message repeated 3 times"},
    // RHEL 7 OOM burst [from-format around the PingCAP message]: both lines
    // name the victim, but "Kill process ... or sacrifice child" is context
    // (kind other) and "Killed process N (comm), UID" is the kill.
    {.text = "Mar 14 16:55:03 localhost kernel: Out of memory: Kill process 21945 (tidb-server) "
             "score 916 or sacrifice child",
     .ts = "2024-03-14T16:55:03.000000Z",
     .host = "localhost",
     .process = "tidb-server",
     .pid = 21945,
     .severity = "",
     .message = "Out of memory: Kill process 21945 (tidb-server) score 916 or sacrifice child"},
    {.text = "Mar 14 16:55:03 localhost kernel: Killed process 21945 (tidb-server), UID 1000, "
             "total-vm:33027492kB, anon-rss:31303276kB, file-rss:0kB, shmem-rss:0kB",
     .ts = "2024-03-14T16:55:03.000000Z",
     .host = "localhost",
     .process = "tidb-server",
     .pid = 21945,
     .severity = "",
     .message = "Killed process 21945 (tidb-server), UID 1000, total-vm:33027492kB, "
                "anon-rss:31303276kB, file-rss:0kB, shmem-rss:0kB",
     .kind = "oom_kill"},
    // [verbatim] PingCAP doc: RHEL 7 systemd, "systemd:" without PID and
    // lower-case "main process exited".
    {.text = "Mar 14 16:55:07 localhost systemd: tidb-4000.service: main process exited, "
             "code=killed, status=9/KILL",
     .ts = "2024-03-14T16:55:07.000000Z",
     .host = "localhost",
     .process = "tidb-4000",
     .severity = "",
     .message = "tidb-4000.service: main process exited, code=killed, status=9/KILL",
     .kind = "crash"},
    // [verbatim] FORMATS.md §5.1: the systemd OOM sequence.
    {.text = "Sep 23 14:09:18 ip-172-31-16-253 systemd[1]: erigon.service: A process of this "
             "unit has been killed by the OOM killer.",
     .ts = "2024-09-23T14:09:18.000000Z",
     .host = "ip-172-31-16-253",
     .process = "erigon",
     .pid = -1,
     .severity = "",
     .message = "erigon.service: A process of this unit has been killed by the OOM killer.",
     .kind = "oom_kill"},
    {.text = "Sep 23 14:09:19 ip-172-31-16-253 systemd[1]: erigon.service: Main process exited, "
             "code=killed, status=9/KILL",
     .ts = "2024-09-23T14:09:19.000000Z",
     .host = "ip-172-31-16-253",
     .process = "erigon",
     .pid = -1,
     .severity = "",
     .message = "erigon.service: Main process exited, code=killed, status=9/KILL",
     .kind = "crash"},
    // [from-format] FORMATS.md §4.3: the kernel's monotonic stamp is cut.
    {.text = "Jan 10 12:00:00 web01 kernel: [12345.678901] TCP: request_sock_TCP: Possible SYN "
             "flooding on port 80. Sending cookies.  Check SNMP counters.",
     .ts = "2024-01-10T12:00:00.000000Z",
     .host = "web01",
     .process = "kernel",
     .severity = "",
     .message = "TCP: request_sock_TCP: Possible SYN flooding on port 80. Sending cookies.  "
                "Check SNMP counters.",
     .kind = "overload"},
    // [from-format] a padded monotonic stamp; 5.x victim line.
    {.text = "Jun  2 09:37:04 web01 kernel: [ 8123.456789] Out of memory: Killed process 6439 "
             "(tracker-miner-f) total-vm:127921280kB, anon-rss:60906104kB, file-rss:0kB, "
             "shmem-rss:4kB, UID:1000 pgtables:249416kB oom_score_adj:0",
     .ts = "2024-06-02T09:37:04.000000Z",
     .host = "web01",
     .process = "tracker-miner-f",
     .pid = 6439,
     .severity = "",
     .message = "Out of memory: Killed process 6439 (tracker-miner-f) total-vm:127921280kB, "
                "anon-rss:60906104kB, file-rss:0kB, shmem-rss:4kB, UID:1000 pgtables:249416kB "
                "oom_score_adj:0",
     .kind = "oom_kill"},
    // [from-format] lnav test/logfile_syslog.2: tab-indented continuation.
    {.text = "Jul 24 23:12:10 Tim-Stacks-iMac syslogd[314]: Configuration Notice:\n"
             "\tASL Module \"com.apple.cdscheduler\" claims selected messages.",
     .ts = "2024-07-24T23:12:10.000000Z",
     .host = "Tim-Stacks-iMac",
     .process = "syslogd",
     .pid = 314,
     .severity = "",
     .message = "Configuration Notice:\n"
                "\tASL Module \"com.apple.cdscheduler\" claims selected messages."},
};

constexpr FormatSample kSyslog5424Samples[] = {
    // [verbatim] lnav: SD with quoted values.
    {.text = "<46>1 2017-04-27T07:50:47.381967+02:00 logserver rsyslogd - - [origin "
             "software=\"rsyslogd\" swVersion=\"8.4.2\" x-pid=\"900\" "
             "x-info=\"http://www.rsyslog.com\"] start",
     .ts = "2017-04-27T05:50:47.381967Z",
     .host = "logserver",
     .process = "rsyslogd",
     .severity = "info",
     .message = "start"},
    // [verbatim] lnav: two spaces before MSG when SD is "-".
    {.text = "<78>1 2017-04-27T08:09:01+02:00 nextcloud CRON 1472 - -  (root) CMD (  [ -x "
             "/usr/lib/php5/sessionclean ] && /usr/lib/php5/sessionclean)",
     .ts = "2017-04-27T06:09:01.000000Z",
     .host = "nextcloud",
     .process = "CRON",
     .pid = 1472,
     .severity = "info",
     .message = "(root) CMD (  [ -x /usr/lib/php5/sessionclean ] && /usr/lib/php5/sessionclean)"},
    // [verbatim first line] plaso; the continuation is indented here, as
    // only indented lines continue a syslog record.
    {.text = "<14>1 2021-03-06T04:07:38.251280+00:00 hostname log_tag - - -  this is info\n"
             "  with another line",
     .ts = "2021-03-06T04:07:38.251280Z",
     .host = "hostname",
     .process = "log_tag",
     .severity = "info",
     .message = "this is info\n  with another line"},
    // [from-format] RFC 5424 §6.5 example 3 layout: two SD elements, an
    // unescaped ']' and an escaped quote inside values, BOM before MSG.
    {.text = "<165>1 2024-03-01T10:15:02.123Z api01.example.com api 4242 ID47 [exampleSDID@32473 "
             "iut=\"3\" eventSource=\"App[main]\"][meta note=\"a \\\"quoted\\\" ] bracket\"] "
             "\xEF\xBB\xBFworker pool ready",
     .ts = "2024-03-01T10:15:02.123000Z",
     .host = "api01.example.com",
     .process = "api",
     .pid = 4242,
     .severity = "notice",
     .message = "worker pool ready"},
    // [from-format] kernel via RFC 5424: monotonic stamp cut, victim named.
    {.text = "<3>1 2024-03-01T10:15:02.5+01:00 web01 kernel - - - [ 1234.567890] Memory cgroup "
             "out of memory: Killed process 19289 (memcg_process) total-vm:2676kB, anon-rss:84kB, "
             "file-rss:1468kB, shmem-rss:4kB, UID:0 pgtables:40kB oom_score_adj:0",
     .ts = "2024-03-01T09:15:02.500000Z",
     .host = "web01",
     .process = "memcg_process",
     .pid = 19289,
     .severity = "error",
     .message = "Memory cgroup out of memory: Killed process 19289 (memcg_process) "
                "total-vm:2676kB, anon-rss:84kB, file-rss:1468kB, shmem-rss:4kB, UID:0 "
                "pgtables:40kB oom_score_adj:0",
     .kind = "oom_kill"},
    // [from-format] systemd through RFC 5424.
    {.text = "<29>1 2024-03-01T10:15:04.000001+00:00 web01 systemd 1 - - api.service: Scheduled "
             "restart job, restart counter is at 2.",
     .ts = "2024-03-01T10:15:04.000001Z",
     .host = "web01",
     .process = "api",
     .pid = -1,
     .severity = "notice",
     .message = "api.service: Scheduled restart job, restart counter is at 2.",
     .kind = "restart"},
};

constexpr FormatSample kRsyslogSamples[] = {
    // [verbatim] lnav (rsyslog 8.2312 RSYSLOG_FileFormat).
    {.text = "2025-08-31T09:36:55.418891-07:00 stack-pc2 rsyslogd: [origin software=\"rsyslogd\" "
             "swVersion=\"8.2312.0\" x-pid=\"1186\" x-info=\"https://www.rsyslog.com\"] rsyslogd "
             "was HUPed",
     .ts = "2025-08-31T16:36:55.418891Z",
     .host = "stack-pc2",
     .process = "rsyslogd",
     .severity = "",
     .message = "[origin software=\"rsyslogd\" swVersion=\"8.2312.0\" x-pid=\"1186\" "
                "x-info=\"https://www.rsyslog.com\"] rsyslogd was HUPed"},
    // [from-format] journalctl -o short-iso: offset without a colon.
    {.text = "2024-03-01T10:15:02+0100 web01 systemd[1]: api.service: Main process exited, "
             "code=killed, status=9/KILL",
     .ts = "2024-03-01T09:15:02.000000Z",
     .host = "web01",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "api.service: Main process exited, code=killed, status=9/KILL",
     .kind = "crash"},
    // [from-format] kernel victim line with a monotonic stamp.
    {.text = "2024-03-01T10:15:01.998877+01:00 web01 kernel: [ 8123.456789] Out of memory: Killed "
             "process 6439 (tracker-miner-f) total-vm:127921280kB, anon-rss:60906104kB, "
             "file-rss:0kB, shmem-rss:4kB, UID:1000 pgtables:249416kB oom_score_adj:0",
     .ts = "2024-03-01T09:15:01.998877Z",
     .host = "web01",
     .process = "tracker-miner-f",
     .pid = 6439,
     .severity = "",
     .message = "Out of memory: Killed process 6439 (tracker-miner-f) total-vm:127921280kB, "
                "anon-rss:60906104kB, file-rss:0kB, shmem-rss:4kB, UID:1000 pgtables:249416kB "
                "oom_score_adj:0",
     .kind = "oom_kill"},
    // [from-format] the reaper line after the kill names the victim but is
    // context (kind other).
    {.text = "2024-03-01T10:15:02.104512+01:00 web01 kernel: oom_reaper: reaped process 6439 "
             "(tracker-miner-f), now anon-rss:0kB, file-rss:0kB, shmem-rss:4kB",
     .ts = "2024-03-01T09:15:02.104512Z",
     .host = "web01",
     .process = "tracker-miner-f",
     .pid = 6439,
     .severity = "",
     .message = "oom_reaper: reaped process 6439 (tracker-miner-f), now anon-rss:0kB, "
                "file-rss:0kB, shmem-rss:4kB"},
    // [from-format] journalctl -o short-iso-precise, Z offset.
    {.text = "2024-03-01T09:15:07.000001Z web01 systemd[1]: api.service: Scheduled restart job, "
             "restart counter is at 1.",
     .ts = "2024-03-01T09:15:07.000001Z",
     .host = "web01",
     .process = "api",
     .pid = -1,
     .severity = "",
     .message = "api.service: Scheduled restart job, restart counter is at 1.",
     .kind = "restart"},
};

}  // namespace

const FormatInfo kSyslogFormat = {
    .name = "syslog",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "RFC 3164 syslog files (/var/log/messages, syslog, kern.log; journalctl short)",
    .signature = "Mmm dd hh:mm:ss HOST TAG[PID]: MSG, optional <PRI>, year from mtime",
    .priority = 60,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeRfc3164,
    .samples = kSyslogSamples,
};

const FormatInfo kSyslog5424Format = {
    .name = "syslog5424",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "RFC 5424 syslog (<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG)",
    .signature = "<PRI>1 followed by an RFC 3339 timestamp or '-' and five header fields",
    .priority = 20,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeRfc5424,
    .samples = kSyslog5424Samples,
};

const FormatInfo kRsyslogFormat = {
    .name = "rsyslog",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "rsyslog RFC 3339 file format and journalctl -o short-iso",
    .signature = "YYYY-MM-DDThh:mm:ss[.frac]+hh:mm HOST TAG[PID]: MSG",
    .priority = 55,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeRsyslog,
    .samples = kRsyslogSamples,
};

}  // namespace rstscope::parsers
