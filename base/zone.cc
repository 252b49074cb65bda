#include "base/zone.h"

#include "base/civil_time.h"

namespace rstscope::base {

Zone::Zone() : tz_(absl::UTCTimeZone()), name_("UTC") {}

size_t ParseUtcOffset(std::string_view s, int* offset_seconds) {
  if (s.empty()) return 0;
  if (s[0] == 'Z' || s[0] == 'z') {
    *offset_seconds = 0;
    return 1;
  }
  if (s[0] != '+' && s[0] != '-') return 0;
  const int sign = s[0] == '-' ? -1 : 1;
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  if (!digit(1)) return 0;
  size_t i = 1;
  int hours = s[i++] - '0';
  if (digit(i)) hours = hours * 10 + (s[i++] - '0');
  int minutes = 0;
  if (i < s.size() && s[i] == ':' && digit(i + 1) && digit(i + 2)) {
    minutes = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    i += 3;
  } else if (i == 3 && digit(3) && digit(4)) {
    minutes = (s[3] - '0') * 10 + (s[4] - '0');
    i = 5;
  }
  if (hours > 23 || minutes > 59) return 0;
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return i;
}

absl::StatusOr<Zone> Zone::Load(std::string_view name) {
  Zone zone;
  if (name.empty() || name == "UTC" || name == "utc" || name == "Z" || name == "GMT") {
    return zone;
  }
  int offset = 0;
  if (ParseUtcOffset(name, &offset) == name.size()) {
    zone.tz_ = absl::FixedTimeZone(offset);
    zone.is_utc_ = offset == 0;
    zone.name_ = std::string(name);
    return zone;
  }
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(std::string(name), &tz)) {
    return absl::InvalidArgumentError(
        "unknown time zone '" + std::string(name) +
        "': use an IANA name such as Europe/Berlin, or an offset such as +02:00");
  }
  zone.tz_ = tz;
  zone.is_utc_ = false;
  zone.name_ = std::string(name);
  return zone;
}

int64_t Zone::OffsetAt(int64_t local_seconds) const {
  if (is_utc_) return 0;
  // Transitions fall on quarter hours in every zone in the tz database, so
  // the offset is constant inside each local quarter hour.
  int64_t key = local_seconds / 900;
  if (local_seconds < 0 && local_seconds % 900 != 0) --key;
  if (key != cached_key_) {
    const int64_t start = key * 900;
    int64_t days = start / 86400, sod = start % 86400;
    if (sod < 0) {
      sod += 86400;
      --days;
    }
    int64_t y;
    int m, d;
    CivilFromDays(days, &y, &m, &d);
    const absl::TimeZone::TimeInfo info =
        tz_.At(absl::CivilSecond(y, m, d, static_cast<int>(sod / 3600),
                                 static_cast<int>(sod / 60 % 60), 0));
    cached_offset_ = start - absl::ToUnixSeconds(info.pre);
    cached_key_ = key;
  }
  return cached_offset_;
}

int64_t Zone::ToUnixSeconds(int64_t year, int month, int day, int hour,
                            int minute, int second) const {
  const int64_t local = CivilToUnixSeconds(year, month, day, hour, minute, second);
  return local - OffsetAt(local);
}

}  // namespace rstscope::base
