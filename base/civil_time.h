// Proleptic Gregorian calendar arithmetic on plain integers.
//
// These functions are pure and thread-safe. They exist because per-line
// calls into absl::ParseTime or strptime cost 240-850 ns (PERF-NOTES.md),
// while the fixed-layout parsers in parsers/ need a conversion from civil
// fields to epoch seconds that costs a few nanoseconds.
#ifndef RSTSCOPE_BASE_CIVIL_TIME_H_
#define RSTSCOPE_BASE_CIVIL_TIME_H_

#include <cstdint>
#include <string_view>

namespace rstscope::base {

// Days from 1970-01-01 to year-month-day (month 1..12, day 1..31). Valid for
// any year representable in int32; the caller validates ranges.
int64_t DaysFromCivil(int64_t year, int month, int day);

// Inverse of DaysFromCivil.
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

// Seconds since the epoch of a civil time taken as UTC.
inline int64_t CivilToUnixSeconds(int64_t year, int month, int day, int hour,
                                  int minute, int second) {
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
         second;
}

// Number of days in `month` of `year`.
int DaysInMonth(int64_t year, int month);

// True when the fields name a real calendar date and a time of day
// (second 60 is accepted for leap seconds).
bool IsValidCivil(int64_t year, int month, int day, int hour, int minute,
                  int second);

// Month number (1..12) of an English three-letter abbreviation, matched
// case-insensitively ("Jan", "jan", "JAN"); 0 when `s` is not one.
int MonthFromAbbrev(std::string_view s);

// Day of week (0 = Sunday) of an English three-letter abbreviation, or -1.
int WeekdayFromAbbrev(std::string_view s);

// Formats UTC microseconds as ISO-8601 with milliseconds,
// "2024-03-01T10:15:02.123Z". Writes exactly 24 chars to `out`.
void FormatIsoMillis(int64_t ts_us, char out[24]);

// Minimum and maximum timestamps accepted anywhere in rstscope:
// 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z.
inline constexpr int64_t kMinTimestampUs = 0;
inline constexpr int64_t kMaxTimestampUs = 253402300799999999LL;

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_CIVIL_TIME_H_
