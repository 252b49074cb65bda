// A time zone for turning naive local timestamps into UTC.
//
// Zone wraps absl::TimeZone and caches the UTC offset per quarter hour of
// local time, so a parser that sees millions of lines from one zone pays for
// one absl lookup per quarter hour rather than per line. Zone objects are
// cheap to copy; a copy has its own cache. A Zone is not thread-safe (the
// cache is mutable): give each parser its own copy.
#ifndef RSTSCOPE_BASE_ZONE_H_
#define RSTSCOPE_BASE_ZONE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rstscope::base {

class Zone {
 public:
  // UTC.
  Zone();

  // Accepted names: "UTC", "Z", an IANA zone name ("Europe/Berlin"), or a
  // fixed offset "+02:00", "-0530", "+2". Returns InvalidArgument for a name
  // that is none of these or whose zoneinfo file is missing.
  static absl::StatusOr<Zone> Load(std::string_view name);

  // Seconds since the epoch of the local civil time (fields already
  // validated). A time skipped by a DST transition is taken with the offset
  // in force before it; a repeated time maps to its first occurrence.
  int64_t ToUnixSeconds(int64_t year, int month, int day, int hour, int minute,
                        int second) const;

  // Offset from UTC in seconds of the local civil time.
  int64_t OffsetAt(int64_t local_seconds) const;

  const std::string& name() const { return name_; }
  bool is_utc() const { return is_utc_; }

 private:
  absl::TimeZone tz_;
  std::string name_;
  bool is_utc_ = true;
  mutable int64_t cached_key_ = INT64_MIN;
  mutable int64_t cached_offset_ = 0;
};

// Parses a numeric UTC offset written as "+hh:mm", "+hhmm", "+hh", or "Z"
// (and "-" variants). On success stores the offset in seconds and returns the
// number of bytes consumed; returns 0 when `s` does not start with one.
size_t ParseUtcOffset(std::string_view s, int* offset_seconds);

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_ZONE_H_
