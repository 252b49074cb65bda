// Fixed-layout timestamp parsers.
//
// Hand-written because a per-line absl::ParseTime or strptime costs 240-850
// ns while these cost 10-20 ns (PERF-NOTES.md). Each parser reads a prefix of
// its argument, fills a CivilTime and returns the number of bytes consumed,
// or 0 when the text does not have its layout (nothing is then promised
// about *t). A time with the layout but out of the calendar's ranges is read
// and marked in CivilTime::problem. All are pure and thread-safe,
// except YearInferrer, which carries per-source state.
#ifndef RSTSCOPE_PARSERS_TIMESTAMP_H_
#define RSTSCOPE_PARSERS_TIMESTAMP_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/zone.h"

namespace rstscope::parsers {

struct CivilTime {
  int64_t year = 0;  // 0 when the layout has none (see has_year)
  int month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  bool has_year = true;
  bool has_offset = false;
  int offset_seconds = 0;  // east of UTC
  // Set when the text has the layout but names no real date or time (month
  // 13, February 30, 25:00): the parsers then still return the length read,
  // so that the line is reported as a broken record of the format rather
  // than taken for a continuation of the one before. ToUtcMicros refuses
  // such a time. Points to a static string.
  const char* problem = nullptr;
};

// RFC 3339 and the ISO 8601 forms logs use:
//   2024-03-01T10:15:02Z            2024-03-01T10:15:02.123456+02:00
//   2024-03-01 10:15:02,123         2024-03-01T10:15:02.123-0500
//   2024-03-01 10:15:02.1234567     2024-03-01T10:15:02 +02:00 (no: the
//   offset must follow the time directly)
// The fraction may be separated by '.' or ',' and have 1-9 digits.
size_t ParseIso8601(std::string_view s, CivilTime* t);

// RFC 3164 / BSD syslog, no year:
//   Mar  1 10:15:02    Mar 01 10:15:02    Mar  1 10:15:02.123456
size_t ParseBsdTime(std::string_view s, CivilTime* t);

// Slash-separated date, no zone (nginx error log, Palo Alto):
//   2024/03/01 10:15:02    2024/03/01 10:15:02.123
size_t ParseSlashDateTime(std::string_view s, CivilTime* t);

// Common Log Format and HAProxy, inside or without brackets:
//   10/Feb/2012:16:41:07 -0500     06/Feb/2009:12:14:14.655 (no zone)
//   [10/Feb/2012:16:41:07 -0500]   (the count then includes both brackets)
size_t ParseClfTime(std::string_view s, CivilTime* t);

// ctime style with the year last (Apache error log, dmesg -T):
//   Tue Apr 04 06:18:29.712806 2017    Thu May  9 14:52:38 2024
size_t ParseCtimeTime(std::string_view s, CivilTime* t);

// Converts a parsed time with a year to UTC microseconds: with its own
// offset when it has one, else in `zone`, setting base::kFlagTzAssumed in
// *flags. Returns false when `t` names no real date or time (t.problem) or
// when the result is outside the supported range (1970-01-01 to 9999-12-31).
bool ToUtcMicros(const CivilTime& t, const base::Zone& zone, int64_t* ts_us,
                 uint16_t* flags);

// Why ToUtcMicros refused `t`: its `problem`, else "timestamp out of range".
const char* TimestampProblem(const CivilTime& t);

// Supplies the missing year of RFC 3164 timestamps, one source at a time.
// The first record takes the year of the source's mtime, or the year before
// when it would lie more than a day after the mtime (a file last written in
// January that starts in December). A later record that would fall more
// than 180 days before its predecessor moves to the next year (the Dec -> Jan
// rollover inside one file); one that would lie more than a day after the
// mtime moves to the year before (out-of-order lines). Anything else keeps
// the current year, however long the gap between records.
class YearInferrer {
 public:
  explicit YearInferrer(int64_t mtime_us);
  // Sets t->year and t->has_year = true. Must be called in record order.
  void Resolve(CivilTime* t);

 private:
  int64_t mtime_year_ = 0;
  int64_t mtime_seconds_ = 0;  // the mtime, UTC seconds
  int64_t year_ = 0;
  int64_t last_local_ = 0;     // local time of the previous record, as UTC
  bool started_ = false;
};

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_TIMESTAMP_H_
