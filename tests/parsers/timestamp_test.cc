#include "parsers/timestamp.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/zone.h"
#include "gtest/gtest.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s, int64_t us = 0) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000 + us;
}

// Parses an ISO 8601 text and converts it in `zone`; -1 when either fails.
int64_t IsoToUtc(std::string_view text, const base::Zone& zone = base::Zone()) {
  CivilTime t;
  if (ParseIso8601(text, &t) == 0) return -1;
  int64_t us = 0;
  uint16_t flags = 0;
  return ToUtcMicros(t, zone, &us, &flags) ? us : -1;
}

// Parses a time that has `parse`'s layout but names no real date or time:
// "bytes read|problem". The parsers read such a time (so that the line is a
// broken record, not a continuation) and mark it; ToUtcMicros refuses it.
std::string Impossible(size_t (*parse)(std::string_view, CivilTime*), std::string_view text) {
  CivilTime t;
  const size_t n = parse(text, &t);
  int64_t us = 0;
  uint16_t flags = 0;
  if (ToUtcMicros(t, base::Zone(), &us, &flags)) return "converted";
  return std::to_string(n) + "|" + (t.problem != nullptr ? t.problem : "no problem set");
}

constexpr char kMonth[] = "timestamp names no real date (month not in 1-12)";
constexpr char kDay[] = "timestamp names no real date (no such day in its month)";
constexpr char kClock[] = "timestamp names no real time (hour, minute or second out of range)";

std::string Read(size_t n, const char* problem) { return std::to_string(n) + "|" + problem; }

// ------------------------------------------------------------ ParseIso8601

TEST(ParseIso8601Test, UtcDesignator) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02Z", &t), 20u);
  EXPECT_EQ(t.year, 2024);
  EXPECT_EQ(t.month, 3);
  EXPECT_EQ(t.day, 1);
  EXPECT_EQ(t.hour, 10);
  EXPECT_EQ(t.minute, 15);
  EXPECT_EQ(t.second, 2);
  EXPECT_EQ(t.micros, 0);
  EXPECT_TRUE(t.has_year);
  EXPECT_TRUE(t.has_offset);
  EXPECT_EQ(t.offset_seconds, 0);
}

TEST(ParseIso8601Test, MicrosAndColonOffset) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02.123456+02:00", &t), 32u);
  EXPECT_EQ(t.micros, 123456);
  EXPECT_TRUE(t.has_offset);
  EXPECT_EQ(t.offset_seconds, 7200);
  EXPECT_EQ(IsoToUtc("2024-03-01T10:15:02.123456+02:00"), Utc(2024, 3, 1, 8, 15, 2, 123456));
}

TEST(ParseIso8601Test, SpaceSeparatorAndCommaFraction) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01 10:15:02,123", &t), 23u);
  EXPECT_EQ(t.micros, 123000);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseIso8601Test, OffsetWithoutColon) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02.123-0500", &t), 28u);
  EXPECT_EQ(t.offset_seconds, -5 * 3600);
  EXPECT_EQ(IsoToUtc("2024-03-01T10:15:02.123-0500"), Utc(2024, 3, 1, 15, 15, 2, 123000));
  EXPECT_EQ(IsoToUtc("2024-03-01T10:15:02+0530"), Utc(2024, 3, 1, 4, 45, 2));
}

TEST(ParseIso8601Test, SevenFractionDigitsTruncateToMicros) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01 10:15:02.1234567", &t), 27u);
  EXPECT_EQ(t.micros, 123456);
}

TEST(ParseIso8601Test, OffsetMustFollowTheTimeDirectly) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02 +02:00", &t), 19u);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseIso8601Test, HoursOnlyOffsetNeedsADelimiter) {
  CivilTime t;
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02+02", &t), 22u);
  EXPECT_EQ(t.offset_seconds, 7200);
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02-03 next", &t), 22u);
  EXPECT_EQ(t.offset_seconds, -3 * 3600);
  // A field that follows the time, not an offset.
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02-1", &t), 19u);
  EXPECT_FALSE(t.has_offset);
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02-123", &t), 19u);
  EXPECT_FALSE(t.has_offset);
  ASSERT_EQ(ParseIso8601("2024-03-01T10:15:02+02:0", &t), 19u);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseIso8601Test, FractionsOfOneToNineDigits) {
  const std::string digits = "123456789";
  for (size_t n = 1; n <= 9; ++n) {
    const std::string text = "2024-03-01T10:15:02." + digits.substr(0, n) + "Z";
    CivilTime t;
    ASSERT_EQ(ParseIso8601(text, &t), text.size()) << text;
    const std::string padded = (digits.substr(0, n) + "000000").substr(0, 6);
    EXPECT_EQ(t.micros, std::stoll(padded)) << text;
  }
  CivilTime t;
  EXPECT_EQ(ParseIso8601("2024-03-01T10:15:02.1234567890Z", &t), 0u);
  // A dot without digits is not a fraction: the time ends before it.
  EXPECT_EQ(ParseIso8601("2024-03-01T10:15:02.Z", &t), 19u);
}

TEST(ParseIso8601Test, ReadsAndMarksImpossibleDatesAndTimes) {
  CivilTime t;
  EXPECT_EQ(Impossible(ParseIso8601, "2024-13-01T00:00:00Z"), Read(20, kMonth));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-00-10T00:00:00Z"), Read(20, kMonth));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-02-30T00:00:00Z"), Read(20, kDay));
  EXPECT_EQ(Impossible(ParseIso8601, "2023-02-29T00:00:00Z"), Read(20, kDay));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-04-31T00:00:00Z"), Read(20, kDay));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-03-01T24:00:00Z"), Read(20, kClock));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-03-01T23:60:00Z"), Read(20, kClock));
  EXPECT_EQ(Impossible(ParseIso8601, "2024-03-01T23:59:61Z"), Read(20, kClock));
  EXPECT_NE(ParseIso8601("2024-02-29T00:00:00Z", &t), 0u);
  EXPECT_NE(ParseIso8601("2016-12-31T23:59:60Z", &t), 0u);  // leap second
}

TEST(ParseIso8601Test, RejectsGarbage) {
  CivilTime t;
  EXPECT_EQ(ParseIso8601("", &t), 0u);
  EXPECT_EQ(ParseIso8601("2024-03-01", &t), 0u);
  EXPECT_EQ(ParseIso8601("2024-03-01X10:15:02", &t), 0u);
  EXPECT_EQ(ParseIso8601("2024/03/01 10:15:02", &t), 0u);
  EXPECT_EQ(ParseIso8601("20a4-03-01T10:15:02", &t), 0u);
  EXPECT_EQ(ParseIso8601("2024-03-01T10-15-02", &t), 0u);
  EXPECT_EQ(ParseIso8601("hello world, not a time", &t), 0u);
}

// ------------------------------------------------------------ ParseBsdTime

TEST(ParseBsdTimeTest, SpacePaddedDay) {
  CivilTime t;
  ASSERT_EQ(ParseBsdTime("Mar  1 10:15:02 host", &t), 15u);
  EXPECT_EQ(t.month, 3);
  EXPECT_EQ(t.day, 1);
  EXPECT_EQ(t.hour, 10);
  EXPECT_EQ(t.second, 2);
  EXPECT_FALSE(t.has_year);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseBsdTimeTest, ZeroPaddedDay) {
  CivilTime t;
  ASSERT_EQ(ParseBsdTime("Mar 01 10:15:02", &t), 15u);
  EXPECT_EQ(t.day, 1);
  ASSERT_EQ(ParseBsdTime("Dec 31 23:59:59", &t), 15u);
  EXPECT_EQ(t.month, 12);
  EXPECT_EQ(t.day, 31);
}

TEST(ParseBsdTimeTest, FractionalSeconds) {
  CivilTime t;
  ASSERT_EQ(ParseBsdTime("Mar  1 10:15:02.123456 host", &t), 22u);
  EXPECT_EQ(t.micros, 123456);
  ASSERT_EQ(ParseBsdTime("Mar 23 23:01:18.123 host", &t), 19u);
  EXPECT_EQ(t.micros, 123000);
}

TEST(ParseBsdTimeTest, UnpaddedDayFromRelays) {
  CivilTime t;
  ASSERT_EQ(ParseBsdTime("Mar 1 10:15:02", &t), 14u);
  EXPECT_EQ(t.day, 1);
  ASSERT_EQ(ParseBsdTime("Mar 1 10:15:02 host", &t), 14u);
}

TEST(ParseBsdTimeTest, FebruaryTwentyNinthIsAcceptedWithoutAYear) {
  CivilTime t;
  EXPECT_EQ(ParseBsdTime("Feb 29 10:15:02", &t), 15u);
}

TEST(ParseBsdTimeTest, Rejections) {
  CivilTime t;
  EXPECT_EQ(ParseBsdTime("Foo  1 10:15:02", &t), 0u);
  EXPECT_EQ(Impossible(ParseBsdTime, "Feb 30 10:15:02"), Read(15, kDay));
  EXPECT_EQ(Impossible(ParseBsdTime, "Apr 31 10:15:02"), Read(15, kDay));
  EXPECT_EQ(Impossible(ParseBsdTime, "Mar  0 10:15:02"), Read(15, kDay));
  EXPECT_EQ(Impossible(ParseBsdTime, "Mar 32 10:15:02"), Read(15, kDay));
  EXPECT_EQ(Impossible(ParseBsdTime, "Mar  1 24:00:00"), Read(15, kClock));
  EXPECT_EQ(Impossible(ParseBsdTime, "Mar  1 10:60:00"), Read(15, kClock));
  EXPECT_EQ(ParseBsdTime("Mar  1 10:15", &t), 0u);
  EXPECT_EQ(ParseBsdTime("March 1 10:15:02", &t), 0u);
  EXPECT_EQ(ParseBsdTime("2024-03-01 10:15:02", &t), 0u);
  EXPECT_EQ(ParseBsdTime("", &t), 0u);
}

// ------------------------------------------------------------ ParseSlashDateTime

TEST(ParseSlashDateTimeTest, AcceptedForms) {
  CivilTime t;
  ASSERT_EQ(ParseSlashDateTime("2024/03/01 10:15:02 [error]", &t), 19u);
  EXPECT_EQ(t.year, 2024);
  EXPECT_EQ(t.month, 3);
  EXPECT_EQ(t.day, 1);
  EXPECT_EQ(t.micros, 0);
  EXPECT_FALSE(t.has_offset);
  ASSERT_EQ(ParseSlashDateTime("2024/03/01 10:15:02.123", &t), 23u);
  EXPECT_EQ(t.micros, 123000);
}

TEST(ParseSlashDateTimeTest, Rejections) {
  CivilTime t;
  EXPECT_EQ(Impossible(ParseSlashDateTime, "2024/13/01 10:15:02"), Read(19, kMonth));
  EXPECT_EQ(Impossible(ParseSlashDateTime, "2024/02/30 10:15:02"), Read(19, kDay));
  EXPECT_EQ(Impossible(ParseSlashDateTime, "2024/03/01 24:15:02"), Read(19, kClock));
  EXPECT_EQ(ParseSlashDateTime("2024-03-01 10:15:02", &t), 0u);
  EXPECT_EQ(ParseSlashDateTime("2024/03/01T10:15:02", &t), 0u);
  EXPECT_EQ(ParseSlashDateTime("junk", &t), 0u);
}

// ------------------------------------------------------------ ParseClfTime

TEST(ParseClfTimeTest, WithOffset) {
  CivilTime t;
  ASSERT_EQ(ParseClfTime("10/Feb/2012:16:41:07 -0500", &t), 26u);
  EXPECT_EQ(t.year, 2012);
  EXPECT_EQ(t.month, 2);
  EXPECT_EQ(t.day, 10);
  EXPECT_EQ(t.hour, 16);
  EXPECT_TRUE(t.has_offset);
  EXPECT_EQ(t.offset_seconds, -5 * 3600);
  int64_t us = 0;
  uint16_t flags = 0;
  ASSERT_TRUE(ToUtcMicros(t, base::Zone(), &us, &flags));
  EXPECT_EQ(us, Utc(2012, 2, 10, 21, 41, 7));
}

TEST(ParseClfTimeTest, MillisWithoutZone) {
  CivilTime t;
  ASSERT_EQ(ParseClfTime("06/Feb/2009:12:14:14.655] fe", &t), 24u);
  EXPECT_EQ(t.micros, 655000);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseClfTimeTest, InsideBrackets) {
  CivilTime t;
  ASSERT_EQ(ParseClfTime("[10/Feb/2012:16:41:07 -0500] \"GET /\"", &t), 28u);
  EXPECT_EQ(t.offset_seconds, -5 * 3600);
  ASSERT_EQ(ParseClfTime("[06/Feb/2009:12:14:14.655]", &t), 26u);
  EXPECT_EQ(t.micros, 655000);
  EXPECT_EQ(ParseClfTime("[10/Feb/2012:16:41:07 -0500", &t), 0u);
  EXPECT_EQ(ParseClfTime("[10/Feb/2012:16:41:07 -0500 x]", &t), 0u);
}

TEST(ParseClfTimeTest, Rejections) {
  CivilTime t;
  EXPECT_EQ(ParseClfTime("10/Foo/2012:16:41:07 -0500", &t), 0u);
  EXPECT_EQ(Impossible(ParseClfTime, "31/Apr/2012:16:41:07 -0500"), Read(26, kDay));
  EXPECT_EQ(Impossible(ParseClfTime, "30/Feb/2012:16:41:07 -0500"), Read(26, kDay));
  EXPECT_EQ(Impossible(ParseClfTime, "10/Feb/2012:24:41:07 -0500"), Read(26, kClock));
  EXPECT_EQ(ParseClfTime("10/Feb/2012 16:41:07", &t), 0u);
  EXPECT_EQ(ParseClfTime("garbage", &t), 0u);
}

// ------------------------------------------------------------ ParseCtimeTime

TEST(ParseCtimeTimeTest, MicrosAndZeroPaddedDay) {
  CivilTime t;
  ASSERT_EQ(ParseCtimeTime("Tue Apr 04 06:18:29.712806 2017] [core", &t), 31u);
  EXPECT_EQ(t.year, 2017);
  EXPECT_EQ(t.month, 4);
  EXPECT_EQ(t.day, 4);
  EXPECT_EQ(t.hour, 6);
  EXPECT_EQ(t.micros, 712806);
  EXPECT_FALSE(t.has_offset);
}

TEST(ParseCtimeTimeTest, SpacePaddedDay) {
  CivilTime t;
  ASSERT_EQ(ParseCtimeTime("Thu May  9 14:52:38 2024", &t), 24u);
  EXPECT_EQ(t.day, 9);
  EXPECT_EQ(t.year, 2024);
  EXPECT_EQ(t.micros, 0);
}

TEST(ParseCtimeTimeTest, Rejections) {
  CivilTime t;
  EXPECT_EQ(ParseCtimeTime("Xyz May  9 14:52:38 2024", &t), 0u);
  EXPECT_EQ(ParseCtimeTime("Thu Mai  9 14:52:38 2024", &t), 0u);
  EXPECT_EQ(Impossible(ParseCtimeTime, "Thu Feb 30 14:52:38 2024"), Read(24, kDay));
  EXPECT_EQ(Impossible(ParseCtimeTime, "Thu Feb 29 14:52:38 2023"), Read(24, kDay));
  EXPECT_EQ(Impossible(ParseCtimeTime, "Thu May  9 24:52:38 2024"), Read(24, kClock));
  EXPECT_EQ(ParseCtimeTime("Thu May  9 14:52:38", &t), 0u);
  EXPECT_EQ(ParseCtimeTime("[Thu May  9 14:52:38 2024]", &t), 0u);
}

// ------------------------------------------------------------ ToUtcMicros

TEST(ToUtcMicrosTest, OwnOffsetWinsOverTheZoneAndAssumesNothing) {
  auto berlin = base::Zone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  CivilTime t;
  ASSERT_NE(ParseIso8601("2024-07-01T12:00:00-04:00", &t), 0u);
  int64_t us = 0;
  uint16_t flags = 0;
  ASSERT_TRUE(ToUtcMicros(t, *berlin, &us, &flags));
  EXPECT_EQ(us, Utc(2024, 7, 1, 16, 0, 0));
  EXPECT_EQ(flags & base::kFlagTzAssumed, 0);
}

TEST(ToUtcMicrosTest, NaiveTimeTakesTheZoneAndIsFlagged) {
  auto berlin = base::Zone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  CivilTime t;
  int64_t us = 0;
  uint16_t flags = 0;
  // Summer: CEST, UTC+2.
  ASSERT_NE(ParseIso8601("2024-07-01 12:00:00.250", &t), 0u);
  ASSERT_TRUE(ToUtcMicros(t, *berlin, &us, &flags));
  EXPECT_EQ(us, Utc(2024, 7, 1, 10, 0, 0, 250000));
  EXPECT_NE(flags & base::kFlagTzAssumed, 0);
  // Winter: CET, UTC+1.
  EXPECT_EQ(IsoToUtc("2024-01-15 12:00:00", *berlin), Utc(2024, 1, 15, 11, 0, 0));
  // Either side of the spring-forward transition (02:00 CET -> 03:00 CEST).
  EXPECT_EQ(IsoToUtc("2024-03-31 01:59:59", *berlin), Utc(2024, 3, 31, 0, 59, 59));
  EXPECT_EQ(IsoToUtc("2024-03-31 03:00:00", *berlin), Utc(2024, 3, 31, 1, 0, 0));
  // 02:30 does not exist that day: taken with the offset before (UTC+1).
  EXPECT_EQ(IsoToUtc("2024-03-31 02:30:00", *berlin), Utc(2024, 3, 31, 1, 30, 0));
  // 02:30 happens twice in autumn: the first one (still UTC+2).
  EXPECT_EQ(IsoToUtc("2024-10-27 02:30:00", *berlin), Utc(2024, 10, 27, 0, 30, 0));
  EXPECT_EQ(IsoToUtc("2024-10-27 03:30:00", *berlin), Utc(2024, 10, 27, 2, 30, 0));
}

TEST(ToUtcMicrosTest, FixedOffsetZone) {
  auto zone = base::Zone::Load("-05:00");
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(IsoToUtc("2024-03-01 10:15:02", *zone), Utc(2024, 3, 1, 15, 15, 2));
}

TEST(ToUtcMicrosTest, RejectsTimesWithoutAYearOrOutOfRange) {
  CivilTime t;
  int64_t us = 0;
  uint16_t flags = 0;
  ASSERT_NE(ParseBsdTime("Mar  1 10:15:02", &t), 0u);
  EXPECT_FALSE(ToUtcMicros(t, base::Zone(), &us, &flags));
  EXPECT_EQ(IsoToUtc("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(IsoToUtc("1970-01-01T00:30:00+01:00"), -1);
  EXPECT_EQ(IsoToUtc("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(IsoToUtc("9999-12-31T23:59:59.999999Z"), base::kMaxTimestampUs);
  EXPECT_EQ(IsoToUtc("9999-12-31T23:59:59-01:00"), -1);
}

// ------------------------------------------------------------ YearInferrer

class YearInferrerTest : public ::testing::Test {
 protected:
  // Resolves `stamps` ("Mmm dd hh:mm:ss") in order against `mtime`, giving
  // the inferred years.
  static std::vector<int64_t> Years(int64_t mtime_us,
                                    std::initializer_list<std::string_view> stamps) {
    YearInferrer years(mtime_us);
    std::vector<int64_t> out;
    for (std::string_view stamp : stamps) {
      CivilTime t;
      EXPECT_NE(ParseBsdTime(stamp, &t), 0u) << stamp;
      years.Resolve(&t);
      EXPECT_TRUE(t.has_year);
      out.push_back(t.year);
    }
    return out;
  }
};

TEST_F(YearInferrerTest, TakesTheYearOfTheMtime) {
  EXPECT_EQ(Years(Utc(2024, 12, 31, 23, 59, 59), {"Nov  3 09:23:38", "Dec 31 23:59:00"}),
            (std::vector<int64_t>{2024, 2024}));
}

TEST_F(YearInferrerTest, MtimeInJanuaryWithDecemberLines) {
  EXPECT_EQ(Years(Utc(2025, 1, 2, 10, 0, 0),
                  {"Dec 30 08:00:00", "Dec 31 23:59:59", "Jan  1 00:00:01", "Jan  2 09:00:00"}),
            (std::vector<int64_t>{2024, 2024, 2025, 2025}));
}

TEST_F(YearInferrerTest, RollsOverFromDecemberToJanuaryInsideAFile) {
  // lnav's test/logfile_syslog.1 goes "Dec  3 ..." then "Jan  3 ...".
  EXPECT_EQ(Years(Utc(2025, 1, 5, 0, 0, 0),
                  {"Nov 28 12:00:00", "Dec  3 09:00:00", "Jan  3 11:00:00", "Jan  4 00:00:00"}),
            (std::vector<int64_t>{2024, 2024, 2025, 2025}));
}

TEST_F(YearInferrerTest, SmallBackwardStepsDoNotRollOver) {
  EXPECT_EQ(
      Years(Utc(2024, 6, 1, 0, 0, 0), {"Mar  5 10:00:02", "Mar  5 10:00:01", "Mar  4 23:59:59",
                                       "Feb 20 08:00:00", "Mar  6 00:00:00"}),
      (std::vector<int64_t>{2024, 2024, 2024, 2024, 2024}));
}

TEST_F(YearInferrerTest, ALongQuietGapKeepsTheYear) {
  EXPECT_EQ(Years(Utc(2024, 10, 1, 0, 0, 0), {"Jan 10 08:00:00", "Sep 20 08:00:00"}),
            (std::vector<int64_t>{2024, 2024}));
}

TEST_F(YearInferrerTest, ALineAfterTheMtimeBelongsToTheYearBefore) {
  // A merged file: one December line among January ones.
  EXPECT_EQ(
      Years(Utc(2025, 1, 3, 12, 0, 0), {"Jan  1 10:00:00", "Dec 30 10:00:00", "Jan  2 10:00:00"}),
      (std::vector<int64_t>{2025, 2024, 2025}));
}

TEST_F(YearInferrerTest, OneDayOfSlackAfterTheMtime) {
  // The writer's zone is ahead of UTC: its local time is after the UTC mtime.
  EXPECT_EQ(Years(Utc(2024, 3, 1, 0, 0, 0), {"Mar  1 09:00:00"}), (std::vector<int64_t>{2024}));
  // The slack crosses a month boundary too.
  EXPECT_EQ(Years(Utc(2024, 1, 31, 20, 0, 0), {"Feb  1 05:00:00"}), (std::vector<int64_t>{2024}));
  // Beyond it, the line is from last year.
  EXPECT_EQ(Years(Utc(2024, 3, 1, 0, 0, 0), {"Mar  2 12:00:00"}), (std::vector<int64_t>{2023}));
}

TEST_F(YearInferrerTest, LeapDayInALeapYear) {
  EXPECT_EQ(Years(Utc(2024, 3, 1, 0, 0, 0), {"Feb 28 23:00:00", "Feb 29 10:00:00"}),
            (std::vector<int64_t>{2024, 2024}));
}

}  // namespace
}  // namespace rstscope::parsers
