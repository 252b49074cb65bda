// Edge cases of dmesg (dmesg -T) beyond its format samples.
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

ParseStatus StatusOf(std::string_view line) {
  auto parser = kDmesgFormat.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

TEST(DmesgTest, StampIsLocalTimeInTheSourceZone) {
  SourceContext ctx = SampleContext();
  auto berlin = base::Zone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  ctx.zone = *berlin;
  auto parser = kDmesgFormat.make_parser(ctx);
  ParsedLine p;
  constexpr std::string_view kLine = "[Thu May  9 14:52:38 2024] eth0: Link is Down";
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.ts_us, Utc(2024, 5, 9, 12, 52, 38));
  EXPECT_NE(p.flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(p.process, "kernel");
  EXPECT_EQ(p.pid, -1);
  EXPECT_EQ(p.host, "");
  EXPECT_EQ(kLine.substr(p.msg_offset), "eth0: Link is Down");
}

TEST(DmesgTest, DecodedFacilityAndLevelPrefix) {
  auto parser = kDmesgFormat.make_parser(SampleContext());
  ParsedLine p;
  constexpr std::string_view kLine =
      "daemon:info  : [Thu May  9 14:52:38 2024] systemd[1]: Started x.";
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(p.severity, base::Severity::kInfo);
  EXPECT_EQ(kLine.substr(p.msg_offset), "systemd[1]: Started x.");
  ParsedLine q;
  ASSERT_EQ(parser->Parse("kern  :emerg : [Thu May  9 14:52:38 2024] Kernel panic", &q).status,
            ParseStatus::kParsed);
  EXPECT_EQ(q.severity, base::Severity::kEmergency);
}

TEST(DmesgTest, EmptyMessage) {
  auto parser = kDmesgFormat.make_parser(SampleContext());
  ParsedLine p;
  constexpr std::string_view kLine = "[Thu May  9 14:52:38 2024]";
  ASSERT_EQ(parser->Parse(kLine, &p).status, ParseStatus::kParsed);
  EXPECT_EQ(kLine.substr(p.msg_offset), "");
}

TEST(DmesgTest, BootRelativeStampsAreNotClaimed) {
  EXPECT_EQ(StatusOf("[ 1234.567890] eth0: Link is Down"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[55175.576858] matroskademux0:[1740126]: segfault at 0"),
            ParseStatus::kNotThisFormat);
}

TEST(DmesgTest, ApacheErrorLinesAreNotClaimed) {
  // Apache's error log opens with the same stamp: 2.4 with a fraction and
  // [module:level], 2.2 with [level].
  EXPECT_EQ(StatusOf("[Tue Apr 04 06:18:29.712806 2017] [core:notice] [pid 1] x"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[Tue Apr 04 06:18:29 2017] [mpm_event:notice] [pid 1] x"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[Thu Jan 17 02:42:49 2013] [notice] caught SIGTERM, shutting down"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("[Thu Jan 17 02:42:49 2013] [ssl:trace3] x"), ParseStatus::kNotThisFormat);
  // Kernel messages that open with a bracket of their own still parse.
  EXPECT_EQ(StatusOf("[Thu Jan 17 02:42:49 2013] [drm] Initialized i915 1.6.0"),
            ParseStatus::kParsed);
  EXPECT_EQ(StatusOf("[Thu Jan 17 02:42:49 2013] [UFW BLOCK] IN=eth0 OUT="), ParseStatus::kParsed);
}

TEST(DmesgTest, RejectsLinesOfOtherShapes) {
  EXPECT_EQ(StatusOf("[Thu May  9 14:52:38 2024"), ParseStatus::kNotThisFormat);
  // A record whose date does not exist is a broken record, not a stranger.
  EXPECT_EQ(StatusOf("[Thu May 32 14:52:38 2024] x"), ParseStatus::kMalformed);
  EXPECT_EQ(StatusOf("  <TASK>"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("May  9 14:52:38 host kernel: x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf("kern  :bogus : [Thu May  9 14:52:38 2024] x"), ParseStatus::kNotThisFormat);
  // Non-English weekdays (dmesg under a zh_CN locale) are not read.
  EXPECT_EQ(
      StatusOf(
          "[\xE4\xBA\x8C 9\xE6\x9C\x88  3 05:57:48 2024] oom-kill:constraint=CONSTRAINT_MEMCG"),
      ParseStatus::kNotThisFormat);
}

TEST(DmesgTest, SniffsDmesgT) {
  const std::vector<std::string_view> lines = {
      "[Tue Sep  3 05:57:48 2024] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
      "oom_score_adj=969",
      "[Tue Sep  3 05:57:48 2024] CPU: 3 PID: 50624 Comm: java Not tainted 5.15.0-105-generic",
      "[Tue Sep  3 05:57:48 2024] Call Trace:",
      "[Tue Sep  3 05:57:48 2024]  <TASK>",
      "[Tue Sep  3 05:57:48 2024] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),"
      "cpuset=3e5e5eab,mems_allowed=0-1,task=java,pid=50624,uid=10000",
      "[Tue Sep  3 05:57:48 2024] Memory cgroup out of memory: Killed process 50624 (java) "
      "total-vm:59726088kB, anon-rss:8225208kB, file-rss:26912kB, shmem-rss:0kB",
      "[Tue Sep  3 05:57:49 2024] [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kDmesgFormat);
}

}  // namespace
}  // namespace rstscope::parsers
