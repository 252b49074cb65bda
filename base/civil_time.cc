#include "base/civil_time.h"

#include <cstdio>

namespace rstscope::base {

// The day count uses the era-based method: shift the year to start in March
// so the leap day is the last day of the year, then count 400-year eras of
// 146097 days.
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = year_of_era + era * 400 + (*month <= 2);
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool IsValidCivil(int64_t year, int month, int day, int hour, int minute,
                  int second) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month) && hour >= 0 && hour <= 23 &&
         minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

namespace {
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

int MatchAbbrev(std::string_view s, const char (*table)[4], int n) {
  if (s.size() != 3) return -1;
  const char a = Lower(s[0]), b = Lower(s[1]), c = Lower(s[2]);
  for (int i = 0; i < n; ++i) {
    if (table[i][0] == a && table[i][1] == b && table[i][2] == c) return i;
  }
  return -1;
}
}  // namespace

int MonthFromAbbrev(std::string_view s) {
  static constexpr char kMonths[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  return MatchAbbrev(s, kMonths, 12) + 1;
}

int WeekdayFromAbbrev(std::string_view s) {
  static constexpr char kDays[7][4] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  return MatchAbbrev(s, kDays, 7);
}

void FormatIsoMillis(int64_t ts_us, char out[24]) {
  int64_t secs = ts_us / 1000000;
  int64_t rem = ts_us % 1000000;
  if (rem < 0) {
    rem += 1000000;
    --secs;
  }
  int64_t days = secs / 86400;
  int64_t sod = secs % 86400;
  if (sod < 0) {
    sod += 86400;
    --days;
  }
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                static_cast<long long>(year), month, day, static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60),
                static_cast<int>(rem / 1000));
  for (int i = 0; i < 24; ++i) out[i] = buf[i];
}

}  // namespace rstscope::base
