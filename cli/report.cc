// `rstscope report`: the window, the watermark transaction, the output file
// and the --fail-on conditions around query/report.h.
#include "cli/report.h"

#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "base/civil_time.h"
#include "base/strings.h"
#include "cli/cli_util.h"
#include "query/report.h"
#include "query/report_conditions.h"
#include "query/report_watermark.h"
#include "query/sql_runner.h"
#include "query/text_util.h"
#include "store/schema.h"

namespace rstscope::cli {
namespace {


int64_t NowUs() {
  timeval tv;
  ::gettimeofday(&tv, nullptr);
  return static_cast<int64_t>(tv.tv_sec) * 1'000'000 + tv.tv_usec;
}

// Accepted forms, all UTC: 2024-11-05, 2024-11-05T14:00, 2024-11-05T14:00:00,
// 2024-11-05T14:00:00.123 (1-6 fraction digits), each with an optional
// trailing Z and with ' ' instead of 'T'; or @SECONDS since the epoch.
std::optional<int64_t> ParseUtcTime(std::string_view s) {
  if (!s.empty() && s[0] == '@') {
    size_t pos = 1;
    int64_t secs = 0;
    if (!base::ParseDigits(s, &pos, &secs) || pos != s.size()) return std::nullopt;
    return secs * 1'000'000;
  }
  if (!s.empty() && s.back() == 'Z') s.remove_suffix(1);
  const int year = base::ParseFixedDigits(s, 0, 4), month = base::ParseFixedDigits(s, 5, 2),
            day = base::ParseFixedDigits(s, 8, 2);
  if (s.size() < 10 || year < 0 || month < 0 || day < 0 || s[4] != '-' || s[7] != '-') {
    return std::nullopt;
  }
  int hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  if (s.size() > 10) {
    if ((s[10] != 'T' && s[10] != ' ') || s.size() < 16 || s[13] != ':') return std::nullopt;
    hour = base::ParseFixedDigits(s, 11, 2);
    minute = base::ParseFixedDigits(s, 14, 2);
    if (hour < 0 || minute < 0) return std::nullopt;
    size_t pos = 16;
    if (s.size() > 16) {
      if (s[16] != ':') return std::nullopt;
      second = base::ParseFixedDigits(s, 17, 2);
      if (second < 0) return std::nullopt;
      pos = 19;
      if (pos < s.size()) {
        // The fraction's digits start after the '.'.
        if (s[pos] != '.') return std::nullopt;
        ++pos;
        if (!base::ParseFractionMicros(s, &pos, &micros)) return std::nullopt;
      }
    }
    if (pos != s.size()) return std::nullopt;
  }
  if (!base::IsValidCivil(year, month, day, hour, minute, second) || second == 60) {
    return std::nullopt;
  }
  return base::CivilToUnixSeconds(year, month, day, hour, minute, second) * 1'000'000 + micros;
}

// Writes `text` to `path` through a temporary file in the same directory
// and a rename, so that the file is either the whole report or untouched.
bool WriteFileAtomically(const std::string& path, const std::string& text, std::string* error) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    *error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written || !flushed || !closed) {
    *error = path + ": cannot write: " + std::strerror(saved != 0 ? saved : errno);
    std::remove(tmp.c_str());
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = path + ": cannot write: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool Deliver(const ReportArgs& args, const std::string& text, std::string* error) {
  if (!args.out.empty()) return WriteFileAtomically(args.out, text, error);
  const bool ok =
      std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0;
  if (!ok)
    *error = std::string("cannot write the report to standard output: ") + std::strerror(errno);
  return ok;
}

}  // namespace

int RunReport(const ReportArgs& args) {
  if (args.format != "md" && args.format != "html" && args.format != "json") {
    Error("--format must be md, html or json, not '" + args.format + "'");
    return kExitUsage;
  }
  std::vector<query::ReportCondition> conditions;
  for (const std::string& arg : args.fail_on) {
    auto parsed = query::ParseConditions(arg);
    if (!parsed.ok()) {
      Error(std::string(parsed.status().message()));
      return kExitUsage;
    }
    conditions.insert(conditions.end(), parsed->begin(), parsed->end());
  }
  const bool last_run = !args.since_last_run.empty();
  if (last_run && (!args.since.empty() || !args.from.empty())) {
    Error("--since-last-run cannot be combined with --since or --from");
    return kExitUsage;
  }
  if (!args.since.empty() && !args.from.empty()) {
    Error("--since and --from both set the start of the window: give one");
    return kExitUsage;
  }
  std::optional<int64_t> until, from;
  if (!args.until.empty()) {
    until = ParseUtcTime(args.until);
    if (!until) {
      Error("--until: expected a UTC time such as 2024-11-05T14:00:00Z or @1730815200, not '" +
            args.until + "'");
      return kExitUsage;
    }
  }
  if (!args.from.empty()) {
    from = ParseUtcTime(args.from);
    if (!from) {
      Error("--from: expected a UTC time such as 2024-11-05T14:00:00Z or @1730815200, not '" +
            args.from + "'");
      return kExitUsage;
    }
  }
  const int64_t now = NowUs();
  if (!args.since.empty()) {
    int64_t d = 0;
    if (!base::ParseDuration(args.since, &d) || d <= 0) {
      Error("--since: expected a duration such as 24h, 7d or 90m, not '" + args.since + "'");
      return kExitUsage;
    }
    if (!until) until = now;
    from = *until - d;
  }
  if (from && until && *from >= *until) {
    Error("the window is empty: its start " + query::Iso(*from) + " is not before its end " +
          query::Iso(*until));
    return kExitUsage;
  }
  if (::access(args.db.c_str(), F_OK) != 0) {
    Error(args.db + ": no such database (create it with rstscope import)");
    return kExitFailure;
  }

  std::unique_ptr<store::Db> db;
  WritableDb writable;  // holds the write lock to the end of the run
  if (last_run) {
    // The watermark is read and advanced under the write lock, in one
    // transaction, so that two runs never cover the same records and no
    // import lands between the snapshot and the new watermark.
    if (!OpenForWriting(args.db, " (create it with rstscope import)", &writable)) {
      return kExitFailure;
    }
    db = std::move(writable.db);
    absl::Status s = db->Exec("BEGIN IMMEDIATE");
    if (!s.ok()) {
      Error(args.db + ": " + std::string(s.message()));
      return kExitFailure;
    }
  } else {
    auto opened = query::OpenForQuery(args.db);
    if (!opened.ok()) {
      Error(std::string(opened.status().message()));
      return kExitFailure;
    }
    db = std::move(*opened);
    absl::Status s = db->Exec("BEGIN");  // one snapshot for every query
    if (!s.ok()) {
      Error(args.db + ": " + std::string(s.message()));
      return kExitFailure;
    }
  }
  auto fail = [&](const std::string& msg) {
    db->Exec("ROLLBACK").IgnoreError();
    Error(msg);
    return kExitFailure;
  };

  query::ReportWindow window;
  int64_t max_id = 0;
  if (last_run) {
    auto prev = query::ReadWatermark(db.get(), args.since_last_run);
    if (!prev.ok()) return fail(args.db + ": " + std::string(prev.status().message()));
    auto current = query::MaxEventId(db.get());
    if (!current.ok()) return fail(args.db + ": " + std::string(current.status().message()));
    max_id = *current;
    int64_t through = until.value_or(now);
    if (*prev) {
      if (until && *until < (*prev)->through_us) {
        db->Exec("ROLLBACK").IgnoreError();
        Error("--until " + args.until + " is before the end of the last run of '" +
              args.since_last_run + "' (" + query::Iso((*prev)->through_us) + ")");
        return kExitUsage;
      }
      // A clock stepped back must not shrink the covered time.
      through = std::max(through, (*prev)->through_us);
      max_id = std::max(max_id, (*prev)->max_event_id);
    }
    window = query::NextWindow(args.since_last_run, *prev, through, max_id);
  } else {
    window.after_us = from;
    window.through_us = until;
  }

  auto report = query::BuildReport(db.get(), window);
  if (!report.ok()) return fail(std::string(report.status().message()));
  const std::string text = args.format == "md"     ? query::RenderMarkdown(*report)
                           : args.format == "json" ? query::RenderJson(*report)
                                                   : query::RenderHtml(*report);
  std::string error;
  if (!Deliver(args, text, &error)) {
    return fail(error + (last_run ? "; the watermark of '" + args.since_last_run + "' is unchanged"
                                  : std::string()));
  }
  if (last_run) {
    absl::Status s =
        query::SaveWatermark(db.get(), args.since_last_run, *window.through_us, max_id, now);
    if (!s.ok()) return fail(args.db + ": cannot save the watermark: " + std::string(s.message()));
  }
  absl::Status s = db->Exec("COMMIT");
  if (!s.ok()) {
    return fail(args.db + ": " + std::string(s.message()) +
                (last_run ? "; the watermark is unchanged, the next run repeats this window"
                          : std::string()));
  }

  bool matched = false;
  for (const query::ReportCondition& c : conditions) {
    if (!query::ConditionMatches(c, *report)) continue;
    matched = true;
    std::fprintf(stderr, "rstscope: --fail-on %s matched (%s = %lld)\n", c.text.c_str(),
                 c.metric.c_str(), static_cast<long long>(query::ConditionValue(c, *report)));
  }
  return matched ? kExitConditionMatched : kExitOk;
}

}  // namespace rstscope::cli
