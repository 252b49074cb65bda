// The correlation pass: for every reset in the timeline, the peer it talked
// to, the clock offset of every host, and the root cause with its evidence.
//
// Method (docs/CORRELATION.md has the long form):
//  1. Load the timeline's connection-bearing and explanatory events into
//     memory, indexed by client endpoint (ip:port), by address and by host.
//  2. Clock offsets: pairs of records on two hosts that carry the same
//     client endpoint within ten minutes of each other must describe the
//     same moment of the same connection; the median of their differences
//     is the offset between the two clocks. Hosts that log resets are the
//     reference. A host with no such pairs is anchored, more weakly, by the
//     bursts of resets that follow its process deaths.
//  3. Peer of each reset, by strength: the exact client endpoint seen on
//     another host (firewall, proxy, server); an address or DNS name in the
//     error text mapped through the hosts file; a proxy's upstream; the peer
//     the same log names in the records before the reset; else time only.
//  4. Candidates: events of explanatory kinds on the peer, on the middleboxes
//     whose records carry the connection, and on a proxy's upstream (chain),
//     inside [reset - before, reset + after] after skew correction. The best
//     is chosen by match strength, kind and proximity; `cause` is the cause
//     vocabulary's name for its kind.
//  5. Patterns: resets grouped by cause, server host and process, with
//     periodicity and connection ages (query/patterns.h).
#ifndef RSTSCOPE_QUERY_CORRELATE_H_
#define RSTSCOPE_QUERY_CORRELATE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "query/enrichment.h"
#include "store/db.h"

namespace rstscope::query {

struct CorrelateOptions {
  int64_t before_us = 30'000'000;  // causes up to this long before the reset
  int64_t after_us = 5'000'000;    // server evidence logged up to this long after
  // Pairs of records of one connection farther apart than this are not
  // taken as clock anchors (ephemeral ports are reused).
  int64_t anchor_window_us = 600'000'000;
};

struct HostClock {
  std::string host;
  int64_t offset_ms = 0;
  std::string method;  // reference | tuple | burst | none
  int anchors = 0;
  int64_t spread_ms = 0;
  std::string reference;
};

struct CorrelateStats {
  int64_t resets = 0;
  int64_t explained = 0;
  std::map<std::string, int64_t> by_cause;
  std::vector<HostClock> clocks;  // hosts whose offset is not 0, or anchored
  int64_t patterns = 0;
  double seconds = 0;
  // For MineTemplateLifts, which runs after the results are committed.
  EnrichInput enrich_input;
};

// Runs the whole pass on `db` (opened read-write, schema version 2) and
// replaces the results of any earlier run, in one transaction.
absl::StatusOr<CorrelateStats> Correlate(store::Db* db, const CorrelateOptions& options);

// The cause vocabulary (DESIGN.md): oom_kill, crash, restart, overload,
// server_timeout, network_idle_timeout, firewall_block, tls_failure,
// upstream_failure, unexplained.
const std::vector<std::string>& CauseNames();

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_CORRELATE_H_
