// `rstscope prune`: retention for databases that scheduled imports keep
// filling (docs/SCHEDULING.md).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "base/strings.h"
#include "base/zone.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "parsers/timestamp.h"
#include "query/repattern.h"
#include "query/text_util.h"
#include "store/db.h"
#include "store/prune.h"
#include "store/schema.h"

namespace rstscope::cli {
namespace {


// An absolute UTC time: 2024-11-05, 2024-11-05T13:00:00Z, with an offset or
// without (then UTC).
bool ParseAbsolute(const std::string& text, int64_t* us) {
  std::string s = text;
  if (s.size() == 10) s += "T00:00:00Z";
  parsers::CivilTime t;
  if (parsers::ParseIso8601(s, &t) != s.size()) return false;
  uint16_t flags = 0;
  return parsers::ToUtcMicros(t, base::Zone(), us, &flags);
}

}  // namespace

int RunPrune(const PruneArgs& args) {
  int64_t duration_us = 0;
  int64_t cutoff_us = 0;
  const bool relative = base::ParseDuration(args.before, &duration_us);
  if (relative) {
    if (duration_us < 0) {
      Error("--before: a duration must not be negative");
      return kExitUsage;
    }
  } else if (!ParseAbsolute(args.before, &cutoff_us)) {
    Error(
        "--before: expected a duration (30d, 12h) or a UTC time (2024-11-05, "
        "2024-11-05T13:00:00Z), not '" +
        args.before + "'");
    return kExitUsage;
  }
  WritableDb writable;
  if (!OpenForWriting(args.db, "", &writable)) return kExitFailure;
  store::Db* db = writable.db.get();
  std::string cutoff_text;
  if (relative) {
    int64_t newest = 0;
    auto any = store::NewestEventTime(db, &newest);
    if (!any.ok()) {
      Error(args.db + ": " + std::string(any.status().message()));
      return kExitFailure;
    }
    if (!*any) {
      std::printf("Nothing to prune: the timeline is empty.\n");
      return kExitOk;
    }
    cutoff_us = newest - duration_us;
    cutoff_text = query::Iso(cutoff_us) + " (" + args.before + " before the newest record, " +
                  query::Iso(newest) + ")";
  } else {
    cutoff_text = query::Iso(cutoff_us);
  }
  // The causes of the resets that stay are kept; their patterns are mined
  // again in the same transaction, so the views never disagree.
  int64_t patterns = 0;
  auto stats = store::PruneBefore(db, cutoff_us, [&]() -> absl::Status {
    auto n = query::RebuildPatterns(db);
    if (!n.ok()) return n.status();
    patterns = *n;
    return absl::OkStatus();
  });
  if (!stats.ok()) {
    Error(args.db + ": prune failed: " + std::string(stats.status().message()));
    return kExitFailure;
  }
  std::printf("Pruned records before %s:\n", cutoff_text.c_str());
  std::printf("  records:   %s deleted (%s resets)\n", query::Grouped(stats->events).c_str(),
              query::Grouped(stats->resets).c_str());
  std::printf("  unparsed:  %s lines deleted\n", query::Grouped(stats->unparsed).c_str());
  std::printf(
      "  sources:   %s lost rows, %s of them have none left (their names and hashes "
      "stay, so they are not imported again)\n",
      query::Grouped(stats->sources).c_str(), query::Grouped(stats->sources_emptied).c_str());
  if (stats->kept_causes > 0) {
    std::printf("  kept:      %s older records that are the causes of resets that stay\n",
                query::Grouped(stats->kept_causes).c_str());
  }
  if (stats->events > 0 || stats->unparsed > 0) {
    std::printf("  causes:    %s of deleted resets deleted; %s patterns over the resets left\n",
                query::Grouped(stats->correlation_rows).c_str(), query::Grouped(patterns).c_str());
  }
  if (args.vacuum) {
    absl::Status s = db->Exec("VACUUM");
    if (!s.ok()) {
      Error(args.db + ": VACUUM failed: " + std::string(s.message()));
      return kExitFailure;
    }
    std::printf("  vacuumed:  the file was rewritten without the free pages\n");
  }
  return kExitOk;
}

}  // namespace rstscope::cli
