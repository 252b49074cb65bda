#include "base/civil_time.h"

#include <string>

#include "gtest/gtest.h"

namespace rstscope::base {
namespace {

TEST(CivilTimeTest, EpochIsDayZero) { EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0); }

TEST(CivilTimeTest, KnownDates) {
  EXPECT_EQ(CivilToUnixSeconds(2024, 3, 1, 10, 15, 2), 1709288102);
  EXPECT_EQ(CivilToUnixSeconds(2000, 2, 29, 0, 0, 0), 951782400);
  EXPECT_EQ(CivilToUnixSeconds(9999, 12, 31, 23, 59, 59), 253402300799);
}

TEST(CivilTimeTest, RoundTripsEveryDayOfFourCenturies) {
  for (int64_t days = -1000; days < 146097 * 4; days += 7) {
    int64_t y;
    int m, d;
    CivilFromDays(days, &y, &m, &d);
    ASSERT_EQ(DaysFromCivil(y, m, d), days);
  }
}

TEST(CivilTimeTest, LeapYearsFollowGregorianRules) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_FALSE(IsValidCivil(2023, 2, 29, 0, 0, 0));
  EXPECT_TRUE(IsValidCivil(2016, 12, 31, 23, 59, 60));
}

TEST(CivilTimeTest, AbbreviationsAreCaseInsensitive) {
  EXPECT_EQ(MonthFromAbbrev("Jan"), 1);
  EXPECT_EQ(MonthFromAbbrev("DEC"), 12);
  EXPECT_EQ(MonthFromAbbrev("sep"), 9);
  EXPECT_EQ(MonthFromAbbrev("Sept"), 0);
  EXPECT_EQ(MonthFromAbbrev("Foo"), 0);
  EXPECT_EQ(WeekdayFromAbbrev("Sun"), 0);
  EXPECT_EQ(WeekdayFromAbbrev("sat"), 6);
  EXPECT_EQ(WeekdayFromAbbrev("Xyz"), -1);
}

TEST(CivilTimeTest, FormatsIsoWithMillisTruncated) {
  char out[24];
  FormatIsoMillis(1709288102999999, out);
  EXPECT_EQ(std::string(out, 24), "2024-03-01T10:15:02.999Z");
  FormatIsoMillis(0, out);
  EXPECT_EQ(std::string(out, 24), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace rstscope::base
