#include "parsers/timestamp.h"

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/strings.h"

namespace rstscope::parsers {

using base::IsDigit;
using base::ParseFixedDigits;

namespace {

constexpr char kNoSuchMonth[] = "timestamp names no real date (month not in 1-12)";
constexpr char kNoSuchDay[] = "timestamp names no real date (no such day in its month)";
constexpr char kNoSuchTime[] = "timestamp names no real time (hour, minute or second out of range)";
constexpr char kOutOfRange[] = "timestamp out of range";

// Reads "hh:mm:ss" at s[pos]. Returns false when the text does not have that
// layout; a clock that has it but names no real time (25:00:00) is read and
// marked in t->problem.
bool ParseClock(std::string_view s, size_t pos, CivilTime* t) {
  if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':') return false;
  t->hour = ParseFixedDigits(s, pos, 2);
  t->minute = ParseFixedDigits(s, pos + 3, 2);
  t->second = ParseFixedDigits(s, pos + 6, 2);
  if (t->hour < 0 || t->minute < 0 || t->second < 0) return false;
  if (t->problem == nullptr && (t->hour > 23 || t->minute > 59 || t->second > 60)) {
    t->problem = kNoSuchTime;
  }
  return true;
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

// Marks a date with the layout but no place in the calendar (month 13,
// February 30) in t->problem. Without a year, February 29 is allowed: the
// year is supplied later.
void CheckDate(CivilTime* t) {
  if (t->problem != nullptr) return;
  if (t->month < 1 || t->month > 12) {
    t->problem = kNoSuchMonth;
  } else if (t->day < 1 || t->day > base::DaysInMonth(t->has_year ? t->year : 2000, t->month)) {
    t->problem = kNoSuchDay;
  }
}

}  // namespace

size_t ParseIso8601(std::string_view s, CivilTime* t) {
  t->problem = nullptr;
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
  CheckDate(t);
  if (!ParseClock(s, 11, t)) return 0;
  size_t pos = 19;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  t->offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z' || s[pos] == '+' || s[pos] == '-')) {
    int offset = 0;
    const size_t n = base::ParseUtcOffset(s.substr(pos), &offset);
    // "+02" alone is accepted only when followed by a delimiter, so that a
    // date followed by "-1" or "-1234567" (a field) is not taken for an
    // offset.
    const bool delimited =
        pos + n >= s.size() || (!IsDigit(s[pos + n]) && s[pos + n] != ':');
    if (n > 0 && (n == 1 || n >= 5 || (n == 3 && delimited))) {
      t->has_offset = true;
      t->offset_seconds = offset;
      pos += n;
    }
  }
  return pos;
}

size_t ParseBsdTime(std::string_view s, CivilTime* t) {
  t->problem = nullptr;
  // Mmm dd hh:mm:ss: the day is " 1" or "01"; relays also write "Mar 1",
  // which is one byte shorter.
  if (s.size() < 14 || s[3] != ' ') return 0;
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
  CheckDate(t);
  if (!ParseClock(s, pos, t)) return 0;
  pos += 8;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  return pos;
}

size_t ParseSlashDateTime(std::string_view s, CivilTime* t) {
  t->problem = nullptr;
  if (s.size() < 19 || s[4] != '/' || s[7] != '/' || s[10] != ' ') return 0;
  const int year = ParseFixedDigits(s, 0, 4);
  t->month = ParseFixedDigits(s, 5, 2);
  t->day = ParseFixedDigits(s, 8, 2);
  if (year < 0 || t->month < 0 || t->day < 0) return 0;
  t->year = year;
  t->has_year = true;
  CheckDate(t);
  if (!ParseClock(s, 11, t)) return 0;
  size_t pos = 19;
  if (!ParseOptionalFraction(s, &pos, t)) return 0;
  t->has_offset = false;
  return pos;
}

size_t ParseClfTime(std::string_view s, CivilTime* t) {
  t->problem = nullptr;
  if (!s.empty() && s[0] == '[') {
    const size_t n = ParseClfTime(s.substr(1), t);
    if (n == 0 || n + 1 >= s.size() || s[n + 1] != ']') return 0;
    return n + 2;
  }
  // dd/Mmm/YYYY:hh:mm:ss
  if (s.size() < 20 || s[2] != '/' || s[6] != '/' || s[11] != ':') return 0;
  t->day = ParseFixedDigits(s, 0, 2);
  t->month = base::MonthFromAbbrev(s.substr(3, 3));
  const int year = ParseFixedDigits(s, 7, 4);
  if (t->day < 0 || t->month == 0 || year < 0) return 0;
  t->year = year;
  t->has_year = true;
  CheckDate(t);
  if (!ParseClock(s, 12, t)) return 0;
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
  t->problem = nullptr;
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
  CheckDate(t);
  t->has_offset = false;
  return pos + 5;
}

const char* TimestampProblem(const CivilTime& t) {
  return t.problem != nullptr ? t.problem : kOutOfRange;
}

bool ToUtcMicros(const CivilTime& t, const base::Zone& zone, int64_t* ts_us,
                 uint16_t* flags) {
  if (t.problem != nullptr) return false;
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
  int64_t secs = mtime_us / 1000000;
  if (mtime_us < 0 && mtime_us % 1000000 != 0) --secs;
  int64_t days = secs / 86400;
  if (secs < 0 && secs % 86400 != 0) --days;
  int month, day;
  base::CivilFromDays(days, &mtime_year_, &month, &day);
  mtime_seconds_ = secs;
}

namespace {

// Seconds since the epoch of `t` in `year`, its local time taken as UTC: only
// used to compare records with each other and with the mtime. Feb 29 in a
// non-leap year counts as Feb 28.
int64_t LocalSeconds(const CivilTime& t, int64_t year) {
  const int day = t.month == 2 && t.day == 29 && base::DaysInMonth(year, 2) == 28 ? 28 : t.day;
  return base::CivilToUnixSeconds(year, t.month, day, t.hour, t.minute, t.second);
}

}  // namespace

void YearInferrer::Resolve(CivilTime* t) {
  // One day of slack: the writer's local time may be up to 14 hours ahead
  // of the UTC mtime, and a file may be touched a little after its last line.
  constexpr int64_t kSlack = 86400;
  constexpr int64_t kHalfYear = 180LL * 86400;
  int64_t local;
  if (!started_) {
    year_ = mtime_year_;
    local = LocalSeconds(*t, year_);
    if (local > mtime_seconds_ + kSlack) {
      --year_;
      local = LocalSeconds(*t, year_);
    }
    started_ = true;
  } else {
    local = LocalSeconds(*t, year_);
    if (local < last_local_ - kHalfYear) {
      // Dec -> Jan inside the file.
      ++year_;
      local = LocalSeconds(*t, year_);
    } else if (local > mtime_seconds_ + kSlack) {
      // Nothing in the file can postdate its mtime: a record that would is
      // out of order (a merged file) and belongs to the year before. A long
      // quiet gap between records does not move the year.
      --year_;
      local = LocalSeconds(*t, year_);
    }
  }
  last_local_ = local;
  t->year = year_;
  t->has_year = true;
}

}  // namespace rstscope::parsers
