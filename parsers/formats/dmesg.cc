// Kernel ring buffer as `dmesg -T` prints it (util-linux):
//
//   [Thu May  9 14:52:38 2024] MSG
//   kern  :err   : [Thu May  9 14:52:38 2024] MSG       (dmesg -T -x)
//
// The time is the host's local time (ctx.zone), to the second; it is
// computed from boot time plus the monotonic stamp, so it drifts after a
// suspend (FORMATS.md §1.1). Every record's process is "kernel": a victim
// or a faulting task named in the message is the classifier's to extract.
//
// Plain `dmesg` ("[ 1234.567890] MSG") is not claimed: its stamp counts
// seconds since boot and nothing in the file says when the boot was, so
// such a line has no wall-clock time to put on the timeline.
#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

// "kern  :err   : " (dmesg -x): facility ("kern", "daemon", "local0") and
// level, each padded with spaces, then ": ". Returns the length of the
// prefix (0 when absent) and sets *severity.
size_t ParseDecodedPrefix(std::string_view line, base::Severity* severity) {
  size_t i = 0;
  while (i < line.size() && (base::IsAlpha(line[i]) || base::IsDigit(line[i]))) ++i;
  if (i == 0 || i > 8) return 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i >= line.size() || line[i] != ':') return 0;
  const size_t level = ++i;
  while (i < line.size() && base::IsAlpha(line[i])) ++i;
  if (i == level) return 0;
  const base::Severity s = base::SeverityFromWord(line.substr(level, i - level));
  if (s == base::Severity::kUnknown) return 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 >= line.size() || line[i] != ':' || line[i + 1] != ' ') return 0;
  *severity = s;
  return i + 2;
}

// Apache's error log opens with the same ctime stamp; what follows it there
// is "[module:level]" or (2.2) "[level]", which no kernel message starts
// with. Seeing it keeps the two formats apart in detection.
bool StartsWithHttpdLevel(std::string_view message) {
  static constexpr std::string_view kLevels[] = {"emerg", "alert",  "crit", "error",
                                                 "warn",  "notice", "info", "debug"};
  if (message.empty() || message[0] != '[') return false;
  const size_t close = message.find(']');
  if (close == std::string_view::npos || close > 64) return false;
  std::string_view inside = message.substr(1, close - 1);
  const size_t colon = inside.rfind(':');
  if (colon != std::string_view::npos) inside.remove_prefix(colon + 1);
  if (base::StartsWith(inside, "trace")) return true;
  for (std::string_view level : kLevels) {
    if (inside == level) return true;
  }
  return false;
}

class DmesgParser final : public LineParser {
 public:
  explicit DmesgParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    base::Severity severity = base::Severity::kUnknown;
    size_t pos = 0;
    if (line.empty() || line[0] != '[') pos = ParseDecodedPrefix(line, &severity);
    if (pos >= line.size() || line[pos] != '[') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no '[' stamp");
    }
    CivilTime t;
    const size_t n = ParseCtimeTime(line.substr(pos + 1), &t);
    // dmesg -T prints whole seconds; a fraction is Apache's.
    if (n != 24) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 2), "no ctime stamp");
    }
    pos += 1 + n;
    if (pos >= line.size() || line[pos] != ']') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no ']' after the stamp");
    }
    ++pos;
    if (pos < line.size()) {
      if (line[pos] != ' ') {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no space after ']'");
      }
      ++pos;
    }
    if (StartsWithHttpdLevel(line.substr(pos))) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1),
                                         "an Apache [module:level]");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(2, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = "kernel";
    out->msg_offset = pos;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakeDmesg(const SourceContext& ctx) {
  return std::make_unique<DmesgParser>(ctx);
}

constexpr FormatSample kDmesgSamples[] = {
    // [verbatim] FORMATS.md §4.2 (blog excerpt): a segfault; the rule names
    // the faulting task.
    {.text = "[Sat Mar 20 17:12:52 2021] a.out[40342]: segfault at 0 ip 00000000004005b1 sp "
             "00007ffc5b1be400 error 4 in a.out[400000+1000]",
     .ts = "2021-03-20T17:12:52.000000Z",
     .host = "",
     .process = "a.out",
     .pid = 40342,
     .severity = "",
     .message = "a.out[40342]: segfault at 0 ip 00000000004005b1 sp 00007ffc5b1be400 error 4 in "
                "a.out[400000+1000]",
     .kind = "crash"},
    // [from-format] FORMATS.md §4.1 (the Kubernetes pod excerpt, English
    // weekday): the victim line names the process and its PID.
    {.text = "[Tue Sep  3 05:57:48 2024] Memory cgroup out of memory: Killed process 50624 (java) "
             "total-vm:59726088kB, anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB, "
             "UID:10000 pgtables:21384kB oom_score_adj:969",
     .ts = "2024-09-03T05:57:48.000000Z",
     .host = "",
     .process = "java",
     .pid = 50624,
     .severity = "",
     .message = "Memory cgroup out of memory: Killed process 50624 (java) total-vm:59726088kB, "
                "anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB, UID:10000 pgtables:21384kB "
                "oom_score_adj:969",
     .kind = "oom_kill"},
    // [from-format] the summary line of the same burst names the victim but
    // is context (kind other): the kill is the line above.
    {.text = "[Tue Sep  3 05:57:48 2024] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
             "cpuset=3e5e5eab,mems_allowed=0-1,oom_memcg=/kubepods/burstable/pod28fcb1a0,"
             "task_memcg=/kubepods/burstable/pod28fcb1a0/3e5e5eab,task=java,pid=50624,uid=10000",
     .ts = "2024-09-03T05:57:48.000000Z",
     .host = "",
     .process = "java",
     .pid = 50624,
     .severity = "",
     .message = "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=3e5e5eab,"
                "mems_allowed=0-1,oom_memcg=/kubepods/burstable/pod28fcb1a0,"
                "task_memcg=/kubepods/burstable/pod28fcb1a0/3e5e5eab,task=java,pid=50624,"
                "uid=10000"},
    // [from-format] FORMATS.md §4.3: conntrack exhaustion.
    {.text = "[Thu May  9 14:52:38 2024] nf_conntrack: nf_conntrack: table full, dropping packet",
     .ts = "2024-05-09T14:52:38.000000Z",
     .host = "",
     .process = "kernel",
     .severity = "",
     .message = "nf_conntrack: nf_conntrack: table full, dropping packet",
     .kind = "overload"},
    // [from-format] dmesg -T -x: facility and level before the stamp.
    {.text = "kern  :warn  : [Thu May  9 14:52:40 2024] TCP: request_sock_TCP: Possible SYN "
             "flooding on port 443. Sending cookies.  Check SNMP counters.",
     .ts = "2024-05-09T14:52:40.000000Z",
     .host = "",
     .process = "kernel",
     .severity = "warning",
     .message = "TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.  "
                "Check SNMP counters.",
     .kind = "overload"},
    // [from-format] an indented line continues the record.
    {.text = "[Thu May  9 14:52:41 2024] Call Trace:\n"
             " <TASK>\n"
             "  dump_stack_lvl+0x44/0x5c",
     .ts = "2024-05-09T14:52:41.000000Z",
     .host = "",
     .process = "kernel",
     .severity = "",
     .message = "Call Trace:\n <TASK>\n  dump_stack_lvl+0x44/0x5c"},
};

}  // namespace

const FormatInfo kDmesgFormat = {
    .name = "dmesg",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "kernel ring buffer from dmesg -T (wall-clock stamps, local time)",
    .signature = "[Www Mmm dd hh:mm:ss YYYY] MSG, optional dmesg -x 'fac :level : ' prefix",
    .priority = 30,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeDmesg,
    .samples = kDmesgSamples,
};

}  // namespace rstscope::parsers
