#include "query/patterns.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rstscope::query {
namespace {

constexpr int64_t kSec = 1000000;
constexpr int64_t kT0 = 1731373200LL * kSec;  // 2024-11-12T01:00:00Z

TEST(IncidentStartsTest, ResetsCloserThanTheGapAreOneIncident) {
  EXPECT_EQ(IncidentStarts({kT0 + 5 * kSec, kT0, kT0 + 200 * kSec, kT0 + 30 * kSec}, 60 * kSec),
            (std::vector<int64_t>{kT0, kT0 + 200 * kSec}));
  EXPECT_EQ(IncidentStarts({}, 60 * kSec), (std::vector<int64_t>{}));
}

TEST(RegularPeriodTest, EqualGapsWithinFivePercent) {
  EXPECT_EQ(RegularPeriodUs({kT0, kT0 + 3601 * kSec, kT0 + 7200 * kSec, kT0 + 10802 * kSec}),
            3601 * kSec);
  // One gap off by more than 5%.
  EXPECT_EQ(RegularPeriodUs({kT0, kT0 + 3600 * kSec, kT0 + 7200 * kSec, kT0 + 11200 * kSec}), 0);
  // Two incidents are no period.
  EXPECT_EQ(RegularPeriodUs({kT0, kT0 + 3600 * kSec}), 0);
}

TEST(MinuteOfHourTest, SameMinuteEachHourWithinOne) {
  const int64_t m17 = kT0 + 17 * 60 * kSec;
  EXPECT_EQ(MinuteOfHour({m17, m17 + 3600 * kSec + 40 * kSec, m17 + 3 * 3600 * kSec + 65 * kSec}),
            17);
  EXPECT_EQ(MinuteOfHour({m17, m17 + 3600 * kSec + 5 * 60 * kSec, m17 + 7200 * kSec}), -1);
  // Around the top of the hour: minutes 59 and 0 agree.
  const int64_t m59 = kT0 + 59 * 60 * kSec + 30 * kSec;
  EXPECT_EQ(MinuteOfHour({m59, m59 + 3600 * kSec + 40 * kSec, m59 + 7200 * kSec}), 59);
}

TEST(MinePatternsTest, IdleTimeoutsAtAConsistentAgeAndTheRest) {
  std::vector<ResetOutcome> in;
  for (int i = 0; i < 3; ++i) {
    ResetOutcome o;
    o.reset_id = i + 1;
    o.reset_us = kT0 + i * 3600 * kSec + i * 700000;
    o.cause = "network_idle_timeout";
    o.server_host = 3;
    o.server_host_name = "fw01";
    o.has_delta = true;
    o.delta_ms = -1000 - i * 100;
    o.age_ms = 3600000 + i * 1000;
    o.reason = "Idle Timeout";
    in.push_back(o);
  }
  ResetOutcome u;
  u.reset_id = 9;
  u.reset_us = kT0 + 100 * kSec;
  u.cause = "unexplained";
  in.push_back(u);
  const std::vector<Pattern> p = MinePatterns(in);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].cause, "network_idle_timeout");
  EXPECT_EQ(p[0].server_host, 3);
  EXPECT_EQ(p[0].resets, 3);
  EXPECT_EQ(p[0].share, 0.75);
  EXPECT_EQ(p[0].first_us, kT0);
  EXPECT_EQ(p[0].last_us, kT0 + 7200 * kSec + 1400000);
  EXPECT_EQ(p[0].summary,
            "3 of 4 resets (75%) happen when fw01 drops the idle flow at connection age "
            "3601 s±1 s: Idle Timeout; 3 incidents, one every 60 min");
  EXPECT_EQ(p[0].detail_json,
            "{\"incidents\":3,\"period_s\":3601,\"minute_of_hour\":0,\"delay_ms\":{\"median\":-1100,\"min\":-1200,"
            "\"max\":-1000},\"age_ms\":{\"median\":3601000,\"min\":3600000,\"max\":3602000}}");
  EXPECT_EQ(p[0].members, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(p[1].summary,
            "1 of 4 resets (25%) have no explanation in the imported logs (peer unknown)");
}

}  // namespace
}  // namespace rstscope::query
