#include "parsers/timestamp.h"

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/strings.h"

namespace rstscope::parsers {

using base::IsDigit;
using base::ParseFixedDigits;

namespace {

// Reads "hh:mm:ss" at s[pos]. Returns false on mismatch.
bool ParseClock(std::string_view s, size_t pos, CivilTime* t) {
  if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':') return false;
  t->hour = ParseFixedDigits(s, pos, 2);
  t->minute = ParseFixedDigits(s, pos + 3, 2);
  t->second = ParseFixedDigits(s, pos + 6, 2);
  return t->hour >= 0 && t->minute >= 0 && t->second >= 0 && t->hour <= 23 &&
         t->minute <= 59 && t->second <= 60;
}

// Reads an optional ".ffffff" / ",fff" at s[*pos].
bool ParseOptionalFraction(std::string_view s, size_t* pos, CivilTime* t) {
  t->micros = 0;
  if (*pos < s.size() && (s[*pos] == '.' || s[*pos] == ',') && *pos + 1 < s.size() &&
      IsDigit(s[*pos + 1])) {
    size_t p = *pos + 1;
    if (!base::ParseFractionMicros(s, &p, &t->micros)) return false;
    *pos = p;
  }
  return true;
}

bool ValidDate(const CivilTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= base::DaysInMonth(t.has_year ? t.year : 2000, t.month);
}

}  // namespace

size_t ParseIso8601(std::string_view s, CivilTime* t) {
  // YYYY-MM-DD[T ]hh:mm:ss
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ')) {
    return 0;
  }
  const int year = ParseFixedDigits(s, 0, 4);
  t->month = ParseFixedDigits(s, 5, 2);
  t->day = ParseFixedDigits(s, 8, 2);
  if (year < 0 || t->month < 0 || t->day < 0) return 0;
  t->year = year;
  t->has_year = true;
  if (!ValidDate(*t) || !ParseClock(s, 11, t)) return 0;
  size_t pos = 19;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  t->offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z' || s[pos] == '+' || s[pos] == '-')) {
    int offset = 0;
    const size_t n = base::ParseUtcOffset(s.substr(pos), &offset);
    // "+02" alone is accepted only when followed by a delimiter, so that a
    // date followed by "-1" (a field) is not taken for an offset.
    if (n > 0 && (n == 1 || n >= 3)) {
      t->has_offset = true;
      t->offset_seconds = offset;
      pos += n;
    }
  }
  return pos;
}

size_t ParseBsdTime(std::string_view s, CivilTime* t) {
  // Mmm dd hh:mm:ss  (day may be " 1", "01" or "1 " is not allowed)
  if (s.size() < 15 || s[3] != ' ') return 0;
  t->month = base::MonthFromAbbrev(s.substr(0, 3));
  if (t->month == 0) return 0;
  size_t pos = 4;
  if (s[4] == ' ' && IsDigit(s[5])) {
    t->day = s[5] - '0';
    pos = 6;
  } else if (IsDigit(s[4]) && IsDigit(s[5])) {
    t->day = (s[4] - '0') * 10 + (s[5] - '0');
    pos = 6;
  } else if (IsDigit(s[4]) && s[5] == ' ') {
    // "Mar 1 10:15:02" (unpadded day, seen from some relays)
    t->day = s[4] - '0';
    pos = 5;
  } else {
    return 0;
  }
  if (pos >= s.size() || s[pos] != ' ') return 0;
  ++pos;
  t->has_year = false;
  t->year = 0;
  if (!ValidDate(*t) || !ParseClock(s, pos, t)) return 0;
  pos += 8;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  return pos;
}

size_t ParseSlashDateTime(std::string_view s, CivilTime* t) {
  if (s.size() < 19 || s[4] != '/' || s[7] != '/' || s[10] != ' ') return 0;
  const int year = ParseFixedDigits(s, 0, 4);
  t->month = ParseFixedDigits(s, 5, 2);
  t->day = ParseFixedDigits(s, 8, 2);
  if (year < 0) return 0;
  t->year = year;
  t->has_year = true;
  if (!ValidDate(*t) || !ParseClock(s, 11, t)) return 0;
  size_t pos = 19;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  return pos;
}

size_t ParseClfTime(std::string_view s, CivilTime* t) {
  // dd/Mmm/YYYY:hh:mm:ss
  if (s.size() < 20 || s[2] != '/' || s[6] != '/' || s[11] != ':') return 0;
  t->day = ParseFixedDigits(s, 0, 2);
  t->month = base::MonthFromAbbrev(s.substr(3, 3));
  const int year = ParseFixedDigits(s, 7, 4);
  if (t->day < 0 || t->month == 0 || year < 0) return 0;
  t->year = year;
  t->has_year = true;
  if (!ValidDate(*t) || !ParseClock(s, 12, t)) return 0;
  size_t pos = 20;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  if (pos + 6 <= s.size() && s[pos] == ' ' && (s[pos + 1] == '+' || s[pos + 1] == '-')) {
    int offset = 0;
    if (base::ParseUtcOffset(s.substr(pos + 1, 5), &offset) == 5) {
      t->has_offset = true;
      t->offset_seconds = offset;
      pos += 6;
    }
  }
  return pos;
}

size_t ParseCtimeTime(std::string_view s, CivilTime* t) {
  // Www Mmm dd hh:mm:ss[.frac] YYYY
  if (s.size() < 24 || s[3] != ' ' || s[7] != ' ') return 0;
  if (base::WeekdayFromAbbrev(s.substr(0, 3)) < 0) return 0;
  t->month = base::MonthFromAbbrev(s.substr(4, 3));
  if (t->month == 0) return 0;
  if (s[8] == ' ' && IsDigit(s[9])) {
    t->day = s[9] - '0';
  } else {
    t->day = ParseFixedDigits(s, 8, 2);
    if (t->day < 0) return 0;
  }
  if (s[10] != ' ' || !ParseClock(s, 11, t)) return 0;
  size_t pos = 19;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  if (pos + 5 > s.size() || s[pos] != ' ') return 0;
  const int year = ParseFixedDigits(s, pos + 1, 4);
  if (year < 0) return 0;
  t->year = year;
  t->has_year = true;
  if (!ValidDate(*t)) return 0;
  t->has_offset = false;
  return pos + 5;
}

bool ToUtcMicros(const CivilTime& t, const base::Zone& zone, int64_t* ts_us,
                 uint16_t* flags) {
  if (!t.has_year || t.year < 1970 || t.year > 9999) return false;
  int64_t secs;
  if (t.has_offset) {
    secs = base::CivilToUnixSeconds(t.year, t.month, t.day, t.hour, t.minute, t.second) -
           t.offset_seconds;
  } else {
    secs = zone.ToUnixSeconds(t.year, t.month, t.day, t.hour, t.minute, t.second);
    *flags |= base::kFlagTzAssumed;
  }
  const int64_t us = secs * 1000000 + t.micros;
  if (us < base::kMinTimestampUs || us > base::kMaxTimestampUs) return false;
  *ts_us = us;
  return true;
}

YearInferrer::YearInferrer(int64_t mtime_us) {
  int64_t days = mtime_us / 86400000000LL;
  if (mtime_us < 0 && mtime_us % 86400000000LL != 0) --days;
  base::CivilFromDays(days, &mtime_year_, &mtime_month_, &mtime_day_);
}

void YearInferrer::Resolve(CivilTime* t) {
  if (!started_) {
    year_ = mtime_year_;
    // One day of slack for zone differences between the writer and mtime.
    const bool after_mtime = t->month > mtime_month_ ||
                             (t->month == mtime_month_ && t->day > mtime_day_ + 1);
    if (after_mtime) --year_;
    started_ = true;
  }
  auto local_seconds = [&](int64_t year) {
    // Feb 29 in a non-leap year is clamped to Feb 28 for the comparison only.
    const int day = t->month == 2 && t->day == 29 && base::DaysInMonth(year, 2) == 28 ? 28 : t->day;
    return base::CivilToUnixSeconds(year, t->month, day, t->hour, t->minute, t->second);
  };
  int64_t local = local_seconds(year_);
  constexpr int64_t kHalfYear = 180LL * 86400;
  if (last_local_ != 0 && local < last_local_ - kHalfYear) {
    ++year_;
    local = local_seconds(year_);
  } else if (last_local_ != 0 && local > last_local_ + kHalfYear) {
    --year_;
    local = local_seconds(year_);
  }
  last_local_ = local;
  t->year = year_;
  t->has_year = true;
}

}  // namespace rstscope::parsers
