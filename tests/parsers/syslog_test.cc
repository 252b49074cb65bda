// Edge cases of the syslog family (syslog, syslog5424, rsyslog) that the
// format samples cannot express: state across lines, the source's zone,
// rejected lines, attributes, and detection.
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s, int64_t us = 0) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000 + us;
}

SourceContext Context(int64_t mtime_us, std::string_view zone = "UTC") {
  SourceContext ctx;
  ctx.mtime_us = mtime_us;
  auto loaded = base::Zone::Load(zone);
  EXPECT_TRUE(loaded.ok()) << zone;
  if (loaded.ok()) ctx.zone = *loaded;
  return ctx;
}

std::string_view MessageOf(std::string_view line, const ParsedLine& p) {
  if (p.has_message_override) return p.message;
  return p.msg_length == ParsedLine::kToEnd ? line.substr(p.msg_offset)
                                            : line.substr(p.msg_offset, p.msg_length);
}

ParseStatus StatusOf(const FormatInfo& format, std::string_view line) {
  auto parser = format.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

const FormatInfo* Sniff(std::vector<std::string_view> lines) {
  return SniffFormat(lines, SampleContext()).format;
}

// ---------------------------------------------------------------- syslog

TEST(SyslogTest, YearIsInferredAcrossAFileThatCrossesNewYear) {
  const std::vector<std::string_view> lines = {
      "Dec 31 23:59:58 web01 app[10]: last of the year",
      "\tcontinued on an indented line",
      "Jan  1 00:00:01 web01 app[10]: first of the next",
      "Jan  2 08:00:00 web01 app[10]: still next year",
  };
  auto parser = kSyslogFormat.make_parser(Context(Utc(2025, 1, 2, 9, 0, 0)));
  std::vector<int64_t> times;
  for (std::string_view line : lines) {
    ParsedLine p;
    if (parser->Parse(line, &p).status != ParseStatus::kParsed) continue;
    EXPECT_EQ(p.flags & (base::kFlagYearInferred | base::kFlagTzAssumed),
              base::kFlagYearInferred | base::kFlagTzAssumed);
    times.push_back(p.ts_us);
  }
  EXPECT_EQ(times, (std::vector<int64_t>{Utc(2024, 12, 31, 23, 59, 58), Utc(2025, 1, 1, 0, 0, 1),
                                         Utc(2025, 1, 2, 8, 0, 0)}));
}

TEST(SyslogTest, LocalTimeIsReadInTheSourceZone) {
  auto parser = kSyslogFormat.make_parser(Context(Utc(2024, 12, 31, 0, 0, 0), "Europe/Berlin"));
  ParsedLine summer, winter;
  ASSERT_EQ(parser->Parse("Jul  1 12:00:00 web01 app: a", &summer).status, ParseStatus::kParsed);
  ASSERT_EQ(parser->Parse("Dec  1 12:00:00 web01 app: b", &winter).status, ParseStatus::kParsed);
  EXPECT_EQ(summer.ts_us, Utc(2024, 7, 1, 10, 0, 0));
  EXPECT_EQ(winter.ts_us, Utc(2024, 12, 1, 11, 0, 0));
}

TEST(SyslogTest, RelayWithoutHostname) {
  constexpr std::string_view kLine = "Jan 10 12:00:00 sshd[123]: Connection closed by 10.0.0.9";
  auto parser = kSyslogFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.host, "");
  EXPECT_EQ(p.process, "sshd");
  EXPECT_EQ(p.pid, 123);
  EXPECT_EQ(MessageOf(kLine, p), "Connection closed by 10.0.0.9");
}

TEST(SyslogTest, RepeatLineWithoutHostKeepsTheCount) {
  constexpr std::string_view kLine = "Mar 11 09:39:39: --- last message repeated 5 times ---";
  auto parser = kSyslogFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 3, 11, 9, 39, 39));
  EXPECT_EQ(p.host, "");
  EXPECT_EQ(p.process, "");
  EXPECT_EQ(MessageOf(kLine, p), "--- last message repeated 5 times ---");
  EXPECT_EQ(p.FindAttr("repeated"), "5");
}

TEST(SyslogTest, KernelMonotonicStampBecomesAnAttribute) {
  constexpr std::string_view kLine =
      "Feb 25 21:35:48 server kernel: [16508.733356] possible SYN flooding on port 4671. "
      "Sending cookies.";
  auto parser = kSyslogFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.process, "kernel");
  EXPECT_EQ(MessageOf(kLine, p), "possible SYN flooding on port 4671. Sending cookies.");
  EXPECT_EQ(p.FindAttr("monotonic"), "16508.733356");
}

TEST(SyslogTest, OnlyTheKernelLosesABracketedPrefix) {
  constexpr std::string_view kLine = "Feb 25 21:35:48 server app[7]: [ 1.5] not a kernel stamp";
  auto parser = kSyslogFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(MessageOf(kLine, p), "[ 1.5] not a kernel stamp");
  EXPECT_FALSE(p.FindAttr("monotonic").has_value());
}

TEST(SyslogTest, SentenceBeforeAColonIsNotATag) {
  auto parser = kSyslogFormat.make_parser(SampleContext());
  for (std::string_view line : {"Mar  1 10:15:02 web01 the disk is almost full: 97%",
                                "Mar  1 10:15:02 web01 Connection reset: retrying"}) {
    ParsedLine p;
    ASSERT_EQ(parser->Parse(line, &p).status, ParseStatus::kParsed) << line;
    EXPECT_EQ(p.process, "") << line;
    EXPECT_EQ(MessageOf(line, p), line.substr(22)) << line;
  }
}

TEST(SyslogTest, PriGivesTheSeverity) {
  auto parser = kSyslogFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse("<11>Mar  1 10:15:02 web01 app[1]: boom", &p).status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.severity, base::Severity::kError);
  EXPECT_EQ(StatusOf(kSyslogFormat, "<192>Mar  1 10:15:02 web01 app[1]: boom"),
            ParseStatus::kNotThisFormat);
}

TEST(SyslogTest, RejectsLinesOfOtherShapes) {
  EXPECT_EQ(StatusOf(kSyslogFormat, "\tASL Module \"com.apple.cdscheduler\""),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslogFormat, ""), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslogFormat, "2024-03-01T10:15:02Z web01 app: x"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslogFormat, "Foo  1 10:15:02 web01 app: x"), ParseStatus::kNotThisFormat);
  // A level word where the host goes is an application's own layout.
  EXPECT_EQ(StatusOf(kSyslogFormat, "Mar  1 10:15:02 INFO app.main: started"),
            ParseStatus::kNotThisFormat);
  // The time and nothing else.
  EXPECT_EQ(StatusOf(kSyslogFormat, "Mar  1 10:15:02 web01"), ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf(kSyslogFormat, "Mar  1 10:15:02  web01 app: x"), ParseStatus::kMalformed);
}

TEST(SyslogTest, RejectedLinesDoNotMoveTheYear) {
  auto parser = kSyslogFormat.make_parser(Context(Utc(2025, 1, 2, 0, 0, 0)));
  ParsedLine p;
  ASSERT_EQ(parser->Parse("Dec 31 10:00:00 web01 app: a", &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 12, 31, 10, 0, 0));
  ParsedLine bad;
  EXPECT_NE(parser->Parse("Jan  1 10:00:00 web01", &bad).status, ParseStatus::kParsed);
  ParsedLine q;
  ASSERT_EQ(parser->Parse("Dec 31 11:00:00 web01 app: b", &q).status, ParseStatus::kParsed);
  EXPECT_EQ(q.ts_us, Utc(2024, 12, 31, 11, 0, 0));
}

TEST(SyslogTest, SniffsTraditionalSyslog) {
  EXPECT_EQ(
      Sniff({
          "Mar 14 16:55:01 localhost systemd[1]: Started Session 12 of user root.",
          "Mar 14 16:55:03 localhost kernel: Out of memory: Kill process 21945 (tidb-server) "
          "score 916 or sacrifice child",
          "Mar 14 16:55:03 localhost kernel: Killed process 21945 (tidb-server), UID 1000, "
          "total-vm:33027492kB, anon-rss:31303276kB, file-rss:0kB, shmem-rss:0kB",
          "Mar 14 16:55:07 localhost systemd: tidb-4000.service: main process exited, "
          "code=killed, status=9/KILL",
          "Mar 14 16:55:07 localhost systemd: Unit tidb-4000.service entered failed state.",
          "Mar 14 16:55:22 localhost systemd: tidb-4000.service holdoff time over, scheduling "
          "restart.",
      }),
      &kSyslogFormat);
}

// ---------------------------------------------------------------- syslog5424

TEST(Syslog5424Test, NilValuesEverywhere) {
  constexpr std::string_view kLine = "<13>1 - - - - - -";
  auto parser = kSyslog5424Format.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_FALSE(p.has_ts);
  EXPECT_EQ(p.host, "");
  EXPECT_EQ(p.process, "");
  EXPECT_EQ(p.pid, -1);
  EXPECT_EQ(p.severity, base::Severity::kNotice);
  EXPECT_EQ(MessageOf(kLine, p), "");
  EXPECT_EQ(p.nattrs, 0);
}

TEST(Syslog5424Test, HeaderFieldsBecomeAttributes) {
  constexpr std::string_view kLine =
      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog worker-7 ID47 "
      "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application "
      "event log entry...";
  auto parser = kSyslog5424Format.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2003, 10, 11, 22, 14, 15, 3000));
  EXPECT_EQ(p.flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(p.pid, -1);
  EXPECT_EQ(p.FindAttr("procid"), "worker-7");
  EXPECT_EQ(p.FindAttr("msgid"), "ID47");
  EXPECT_EQ(p.FindAttr("structured_data"),
            "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]");
  EXPECT_EQ(MessageOf(kLine, p), "An application event log entry...");
}

TEST(Syslog5424Test, MissingOffsetIsReadInTheSourceZone) {
  auto parser = kSyslog5424Format.make_parser(Context(0, "Europe/Berlin"));
  ParsedLine p;
  ASSERT_EQ(parser->Parse("<14>1 2024-07-01T12:00:00 h app - - - msg", &p).status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 7, 1, 10, 0, 0));
  EXPECT_NE(p.flags & base::kFlagTzAssumed, 0);
}

TEST(Syslog5424Test, NoMessageAfterStructuredData) {
  constexpr std::string_view kLine = "<14>1 2024-03-01T10:15:02Z h app 1 - [a b=\"c\"]";
  auto parser = kSyslog5424Format.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(MessageOf(kLine, p), "");
}

TEST(Syslog5424Test, BrokenHeadersAreMalformed) {
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>1 2024-03-01T10:15:02Z host"),
            ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>1 2024-13-01T10:15:02Z h a - - - m"),
            ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>1 2024-03-01T10:15:02Z h a - - [x y=\"z] m"),
            ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>1 2024-03-01T10:15:02Z h a - - x m"),
            ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>1 2024-03-01T10:15:02Z h a - - [x]m"),
            ParseStatus::kMalformed);
}

TEST(Syslog5424Test, RejectsLinesOfOtherShapes) {
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "<14>0 2024-03-01T10:15:02Z h a - - - m"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "  <14>1 2024-03-01T10:15:02Z h a - - - m"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kSyslog5424Format, "14>1 2024-03-01T10:15:02Z h a - - - m"),
            ParseStatus::kNotThisFormat);
}

TEST(Syslog5424Test, Sniffs) {
  EXPECT_EQ(Sniff({
                "<46>1 2017-04-27T07:50:47.381967+02:00 logserver rsyslogd - - [origin "
                "software=\"rsyslogd\" swVersion=\"8.4.2\" x-pid=\"900\" "
                "x-info=\"http://www.rsyslog.com\"] start",
                "<78>1 2017-04-27T08:09:01+02:00 nextcloud CRON 1472 - -  (root) CMD (  [ -x "
                "/usr/lib/php5/sessionclean ] && /usr/lib/php5/sessionclean)",
                "<14>1 2021-03-06T04:07:38.251280+00:00 hostname log_tag - - -  this is info",
                "<29>1 2024-03-01T10:15:04.000001+00:00 web01 systemd 1 - - api.service: "
                "Scheduled restart job, restart counter is at 2.",
            }),
            &kSyslog5424Format);
}

// ---------------------------------------------------------------- rsyslog

TEST(RsyslogTest, TakesItsOwnOffset) {
  auto parser = kRsyslogFormat.make_parser(Context(0, "Europe/Berlin"));
  ParsedLine p;
  ASSERT_EQ(parser->Parse("2024-07-01T12:00:00.5-04:00 web01 app[9]: x", &p).status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 7, 1, 16, 0, 0, 500000));
  EXPECT_EQ(p.flags, 0);
  EXPECT_EQ(p.pid, 9);
}

TEST(RsyslogTest, RejectsApplicationLayouts) {
  // No offset, a space instead of 'T', a level word for a host, no tag.
  EXPECT_EQ(StatusOf(kRsyslogFormat, "2024-03-01T10:15:02.123 web01 app: x"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kRsyslogFormat, "2024-03-01 10:15:02+01:00 web01 app: x"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kRsyslogFormat, "2024-03-01T10:15:02Z INFO main: started"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kRsyslogFormat, "2024-03-01T10:15:02Z web01 the server started"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kRsyslogFormat, "2024-03-01T10:15:02.123Z\tINFO\tmain.go:12\tstarted"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kRsyslogFormat, "Mar  1 10:15:02 web01 app: x"), ParseStatus::kNotThisFormat);
}

TEST(RsyslogTest, SniffsRsyslogFileFormat) {
  EXPECT_EQ(
      Sniff({
          "2025-08-31T09:36:55.418891-07:00 stack-pc2 rsyslogd: [origin software=\"rsyslogd\" "
          "swVersion=\"8.2312.0\" x-pid=\"1186\" x-info=\"https://www.rsyslog.com\"] rsyslogd "
          "was HUPed",
          "2025-08-31T09:37:01.002113-07:00 stack-pc2 systemd[1]: Starting Cleanup of "
          "Temporary Directories...",
          "2025-08-31T09:37:01.010422-07:00 stack-pc2 systemd[1]: systemd-tmpfiles-clean."
          "service: Deactivated successfully.",
          "2025-08-31T09:37:01.010554-07:00 stack-pc2 systemd[1]: Finished Cleanup of "
          "Temporary Directories.",
      }),
      &kRsyslogFormat);
}

TEST(RsyslogTest, SniffsJournalctlShortIso) {
  EXPECT_EQ(Sniff({
                "2024-03-01T10:15:01+0100 web01 kernel: Out of memory: Killed process 1849 (java) "
                "total-vm:8123456kB, anon-rss:4012345kB, file-rss:0kB, shmem-rss:0kB",
                "2024-03-01T10:15:02+0100 web01 systemd[1]: api.service: Main process exited, "
                "code=killed, status=9/KILL",
                "2024-03-01T10:15:02+0100 web01 systemd[1]: api.service: Failed with result "
                "'oom-kill'.",
                "2024-03-01T10:15:07+0100 web01 systemd[1]: api.service: Scheduled restart job, "
                "restart counter is at 1.",
            }),
            &kRsyslogFormat);
}

}  // namespace
}  // namespace rstscope::parsers
