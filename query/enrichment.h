// Enrichment: the message templates that are over-represented on a server
// just before the resets against it, compared with ordinary moments of the
// same server. It surfaces causes no rule names (a GC pause, a checkpoint, a
// cache eviction storm) as leads, with a lift and a significance figure.
//
// Method (docs/CORRELATION.md, "Enrichment"), per peer host H of the resets:
//  - Case windows: the reset incidents against H (resets closer than the
//    look-back to the previous one are one incident), each the look-back
//    window [start - before, start] in H's clock, after skew correction.
//  - Control windows: windows of the same length at stratified, seeded
//    pseudo-random moments of H's logged time span that are farther than the
//    look-back from every reset against H.
//  - Templates: the message of every unclassified record (kind `other`) of H
//    with numbers, ids and addresses masked (MaskTemplate), except records
//    within 2 s of a classified record of H (an OOM report's dump, a crash's
//    stack: the context of a cause a rule already names).
//  - For each template: k of the N case windows and c of the M control
//    windows contain it. lift = (k/N) / (c/M), with c taken as 0.5 when 0;
//    p = one-sided Fisher exact test of that 2x2 table, times the number of
//    templates tested on H (Bonferroni), capped at 1.
//  - Kept: k >= 3, lift >= 2 and p <= 0.01; the 10 best per host.
#ifndef RSTSCOPE_QUERY_ENRICHMENT_H_
#define RSTSCOPE_QUERY_ENRICHMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"

#include "absl/status/statusor.h"
#include "store/db.h"

namespace rstscope::query {

struct EnrichOptions {
  int64_t before_us = 30'000'000;  // look-back window before a reset incident
  int max_windows = 400;           // case windows sampled per host; as many controls
  int min_controls = 20;           // fewer control windows: the host is not tested
  int keep_per_host = 10;
  int min_windows = 3;             // k >= this
  double min_lift = 2.0;
  double max_p = 0.01;
};

struct TemplateLift {
  std::string host;
  std::string template_text;
  int64_t windows = 0;          // N: reset incidents examined
  int64_t with = 0;             // k: of them containing the template
  int64_t control_windows = 0;  // M
  int64_t control_with = 0;     // c
  double lift = 0;
  double p_value = 1;           // Bonferroni-adjusted
  int64_t example_event_id = 0; // the occurrence closest before a reset
};

// What the correlation already holds in memory, so that enrichment need not
// read it back (1 M reset rows joined with their events at 10 M events).
struct EnrichInput {
  // Per reset with a peer other than its own host: (peer's hosts.id, the
  // reset's time in the peer's clock).
  std::vector<std::pair<int32_t, int64_t>> peer_resets;
  // Times of the classified records (every kind but other and reset) by
  // hosts.id, sorted.
  absl::flat_hash_map<int32_t, std::vector<int64_t>> classified;
};

// Replaces the template_lifts rows from the correlation results in `db`
// (reset_cause_rows, host_clocks) in one transaction, and returns what it
// wrote, best first per host. Hosts with fewer than 3 reset incidents or too
// few quiet moments for control windows are skipped.
// With `input`, the resets and classified records are taken from it instead
// of from the database; the result is the same.
absl::StatusOr<std::vector<TemplateLift>> MineTemplateLifts(store::Db* db,
                                                            const EnrichOptions& options,
                                                            const EnrichInput* input = nullptr);

// `message` with every token that carries a digit (numbers, ids, addresses,
// durations, sizes) replaced by "<*>", runs of blanks collapsed, and the
// result capped at 200 bytes. Tokens are runs of letters, digits and
// "._-:/@"; hex ids of 8 or more digits without a decimal digit also count.
std::string MaskTemplate(std::string_view message);

// One-sided Fisher exact test: the probability of k or more successes among
// n draws from a population of `total` with `successes` successes.
double FisherUpperTail(int64_t k, int64_t n, int64_t successes, int64_t total);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_ENRICHMENT_H_
