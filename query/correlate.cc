#include "query/correlate.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <ctime>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "base/kind.h"
#include "base/status.h"
#include "base/strings.h"
#include "query/patterns.h"
#include "query/request_anchors.h"
#include "query/text_util.h"
#include "store/schema.h"

namespace rstscope::query {
namespace {

using base::Kind;
using base::Role;

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The message of an event, as the timeline view computes it.
constexpr char kMessageSql[] =
    "CASE WHEN e.msg IS NOT NULL THEN e.msg WHEN e.msg_len IS NULL THEN substr(e.text, "
    "e.msg_off + 1) ELSE substr(e.text, e.msg_off + 1, e.msg_len) END";

// ---------------------------------------------------------------------------
// Kinds: which explain a reset, how strongly, and under which cause.

// How specific a kind is as a root cause; 0: not a cause.
int KindRank(Kind k) {
  switch (k) {
    case Kind::kOomKill: return 10;
    case Kind::kCrash: return 9;
    case Kind::kIdleTimeout: return 9;
    case Kind::kFwDeny: return 8;
    case Kind::kTlsError: return 8;
    case Kind::kOverload: return 8;
    case Kind::kTimeout: return 7;
    case Kind::kRestart: return 6;
    case Kind::kStop: return 6;
    case Kind::kStart: return 4;
    case Kind::kBackendDown: return 3;
    case Kind::kUnhealthy: return 3;
    default: return 0;
  }
}

std::string_view CauseOf(Kind k) {
  switch (k) {
    case Kind::kOomKill: return "oom_kill";
    case Kind::kCrash: return "crash";
    case Kind::kIdleTimeout: return "network_idle_timeout";
    case Kind::kFwDeny: return "firewall_block";
    case Kind::kTlsError: return "tls_failure";
    case Kind::kOverload: return "overload";
    case Kind::kTimeout: return "server_timeout";
    case Kind::kRestart:
    case Kind::kStop:
    case Kind::kStart: return "restart";
    case Kind::kBackendDown:
    case Kind::kUnhealthy: return "upstream_failure";
    default: return "unexplained";
  }
}

bool IsRestartFamily(Kind k) {
  return k == Kind::kRestart || k == Kind::kStop || k == Kind::kStart;
}
bool IsDeath(Kind k) { return k == Kind::kOomKill || k == Kind::kCrash; }

// ---------------------------------------------------------------------------
// What is loaded from the timeline.

// Interned texts (Correlator::texts_, 0: empty).
struct Extra {
  uint32_t upstream = 0;  // "backend/server", "10.0.0.5:8080", "http://..."
  uint32_t server = 0;
  uint32_t reason = 0;
  int64_t duration_ms = -1;
  uint32_t nat_src_ip = 0, nat_dst_ip = 0;
  int32_t nat_src_port = 0, nat_dst_port = 0;
};

// 48 bytes: at 10 M events every byte is 10 MB.
struct Event {
  int64_t id = 0;
  int64_t ts = 0;  // as logged (UTC, that host's clock)
  int32_t host = 0;
  int32_t process = 0;
  uint32_t src_ip = 0, dst_ip = 0;  // interned; 0: none
  int32_t src_port = 0, dst_port = 0;
  int32_t extra = -1;
  Kind kind = Kind::kOther;
  Role role = Role::kUnknown;
};

// Asks for transparent huge pages for [p, p + bytes) before it is first
// touched (the kernel's `madvise` mode; without it, 4 KiB pages). The large
// arrays of the pass are filled once, which costs a page fault per 4 KiB
// page (costly in a VM), and many are then read at random (TLB misses).
void AdviseHugePages(const void* p, size_t bytes) {
  constexpr uintptr_t kPage = 4096, kHugePage = uintptr_t{2} << 20;
  const uintptr_t first = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (last < first + kHugePage) return;  // not even one huge page
  (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

// `v` resized to `n` elements, in huge pages where possible when it grows.
template <typename T>
void ResizeHuge(std::vector<T>* v, size_t n) {
  if (n > v->capacity()) {
    std::vector<T> grown;
    grown.reserve(n);
    AdviseHugePages(grown.data(), n * sizeof(T));
    grown.insert(grown.end(), std::make_move_iterator(v->begin()),
                 std::make_move_iterator(v->end()));
    *v = std::move(grown);
  }
  v->resize(n);
}

// Frees a buffer that is an aligned part of an anonymous mapping.
struct Unmap {
  void* base = nullptr;
  size_t bytes = 0;
  void operator()(void*) const {
    if (base != nullptr) ::munmap(base, bytes);
  }
};

// Classes of match between a reset and a candidate, strongest first.
enum class Match { kTuple, kPair, kClientIp, kHost, kPairClientOnly, kTime };

int MatchBonus(Match m) {
  switch (m) {
    case Match::kTuple: return 30;
    case Match::kPair: return 25;
    case Match::kClientIp: return 20;
    case Match::kHost: return 0;
    case Match::kPairClientOnly: return 15;
    case Match::kTime: return -10;
  }
  return 0;
}

double MatchConfidence(Match m) {
  switch (m) {
    case Match::kTuple: return 0.95;
    case Match::kPair: return 0.9;
    case Match::kClientIp: return 0.85;
    case Match::kHost: return 0.75;
    case Match::kPairClientOnly: return 0.6;
    case Match::kTime: return 0.3;
  }
  return 0;
}

std::string_view MatchName(Match m) {
  switch (m) {
    case Match::kTuple: return "the connection's endpoints";
    case Match::kPair: return "the client and server addresses";
    case Match::kClientIp: return "the client's address";
    case Match::kHost: return "the peer host";
    case Match::kPairClientOnly: return "the client's address";
    case Match::kTime: return "time alone";
  }
  return "";
}

enum class PeerMethod { kNone, kTuple, kAddress, kUpstream, kSource };

std::string_view PeerMethodName(PeerMethod m) {
  switch (m) {
    case PeerMethod::kNone: return "time";
    case PeerMethod::kTuple: return "tuple";
    case PeerMethod::kAddress: return "address";
    case PeerMethod::kUpstream: return "upstream";
    case PeerMethod::kSource: return "source";
  }
  return "";
}

// A conclusion about one reset (or one proxy record that links a chain).
struct Result {
  std::string_view cause = "unexplained";
  int32_t cause_ev = -1;  // index into events
  int32_t server_host = 0;
  int32_t peer_host = 0;
  PeerMethod peer_method = PeerMethod::kNone;
  Match match = Match::kTime;
  double score = 0;
  double confidence = 0;
  int64_t delta_us = 0;
  // Hosts: client, proxy..., cause host. Held inline (a chain is 3 hosts
  // long, 4 through two proxies): half of a million results have one, and
  // a heap block each was allocated by the one thread that concludes.
  absl::InlinedVector<int32_t, 4> chain;
  int32_t flow_ev = -1;        // a middlebox's reset record of this connection with its age
  bool done = false;
};

struct Candidate {
  int32_t ev = -1;
  Match match = Match::kHost;
  double score = 0;
  const Result* inherited = nullptr;  // a proxy record's own conclusion
};

class Correlator {
 public:
  Correlator(store::Db* db, const CorrelateOptions& options) : db_(db), opt_(options) {}

  absl::StatusOr<CorrelateStats> Run();

 private:
  // What a reset's message names. The hosts are a range of one array per
  // chunk (then of reset_named_hosts_): a vector per reset was a million
  // small allocations, grown, moved and freed.
  struct ResetText {
    uint32_t first = 0;  // named hosts: [first, first + count)
    uint32_t count = 0;
    bool names_unknown = false;
  };
  // What one reader loads from a range of event ids.
  struct Chunk {
    Event* events = nullptr;  // `capacity` slots of the events' buffer
    size_t count = 0, capacity = 0;
    std::vector<Extra> extras;
    std::vector<int32_t> resets;  // indexes into events
    std::vector<int32_t> reset_source;
    std::vector<ResetText> reset_text;
    std::vector<int32_t> reset_named_hosts;
    std::vector<std::pair<int64_t, std::string>> snippets;  // event id, first line
    std::vector<std::string> ip_names = {""};  // addresses, numbered in this chunk
    absl::flat_hash_map<std::string, uint32_t> ip_ids;
    std::vector<std::string> texts = {""};  // attribute texts, numbered in this chunk
    absl::flat_hash_map<std::string, uint32_t> text_ids;
  };

  absl::Status LoadDictionaries();
  absl::Status LoadEvents();
  absl::Status LoadRange(store::Db* db, int64_t first_id, int64_t last_id, Chunk* out) const;
  absl::Status InferPeersFromSources();
  void BuildIndexes();
  void BuildEndpointShard(int shard);
  struct TimeKey {
    int64_t ts, id;
    int32_t ev;
  };
  // Sorts event indexes by logged time, then id; `keys` is scratch space.
  void SortByTime(int32_t* first, int32_t* last, std::vector<TimeKey>* keys) const;
  static int ShardOf(uint64_t key) { return static_cast<int>(key & 1); }
  // The records carrying endpoint `key`, sorted by logged time.
  std::pair<const int32_t*, const int32_t*> EndpointEvents(uint64_t key) const {
    const EndpointIndex& ix = endpoints_[ShardOf(key)];
    const auto it = ix.ranges.find(key);
    if (it == ix.ranges.end()) return {nullptr, nullptr};
    return {ix.events.data() + it->second.first, ix.events.data() + it->second.second};
  }
  absl::Status LoadHostSpans();
  void EstimateClocksFromTuples();
  absl::Status EstimateClocksFromRequests();
  void ConcludeConsistentAges();
  void EstimateClocksFromBursts();
  void ResolvePeers(int32_t ri);
  void Conclude(int32_t ri);
  void AddCandidatesOnHost(int32_t ri, int32_t host, std::vector<Candidate>* out);
  bool RestartIsRelevant(int32_t ev, int32_t peer_host) const;
  // The part of `list` (event indexes sorted by logged time) logged in
  // [lo, hi].
  std::pair<const int32_t*, const int32_t*> Window(const std::vector<int32_t>& list, int64_t lo,
                                                   int64_t hi) const;
  void IndexResetTimesByPeer();
  // Begins the write transaction and deletes the results of an earlier run.
  absl::Status ClearResults();
  // Writes the results inside the transaction ClearResults began.
  absl::Status Write(CorrelateStats* stats);
  std::string Evidence(int32_t ri, const Result& r) const;
  std::string ChainText(const Result& r) const;
  // With RSTSCOPE_TIMING set, prints the wall and CPU time since the last mark.
  void Mark(const char* phase);

  uint32_t InternIp(std::string_view ip);
  int32_t HostOfAddress(std::string_view address) const;
  int32_t HostOfIp(uint32_t ip) const;
  int64_t Offset(int32_t host) const { return offset_of_host_[host]; }
  // Calls f(index, event) for every loaded event, in id order.
  template <typename F>
  void ForEachEvent(F&& f) const {
    for (const auto& [first, last] : event_ranges_) {
      for (int32_t i = first; i < last; ++i) f(i, events_[i]);
    }
  }
  int64_t Corrected(const Event& e) const { return e.ts - Offset(e.host); }
  // The reset index of event `ev`, -1 when it is no reset.
  int32_t ResetIndexOf(int32_t ev) const {
    const auto it = std::lower_bound(resets_.begin(), resets_.end(), ev);
    return it != resets_.end() && *it == ev ? static_cast<int32_t>(it - resets_.begin()) : -1;
  }
  // Names of hosts and addresses in `text` that map to a host other than
  // `own`; `unknown` set when the text names a URL host or address that maps
  // to no host.
  void ScanText(std::string_view text, int32_t own, std::vector<int32_t>* hosts,
                bool* unknown) const;
  // The client's addresses (`r` is an element of events_).
  std::span<const uint32_t> ClientIps(const Event& r) const;

  store::Db* db_;
  CorrelateOptions opt_;
  const bool timing_ = std::getenv("RSTSCOPE_TIMING") != nullptr;
  std::chrono::steady_clock::time_point last_wall_ = std::chrono::steady_clock::now();
  double last_cpu_ = 0;
  int64_t started_us_ = 0;  // when the write transaction began

  // Dictionaries.
  std::vector<Kind> kind_of_id_;  // by kinds.id
  int64_t other_kind_id_ = -1, reset_kind_id_ = -1;
  std::vector<std::string> host_names_;     // by hosts.id (index 0 unused)
  std::vector<std::string> process_names_;  // by processes.id
  absl::flat_hash_map<std::string, int32_t> address_host_;  // lowercased
  std::vector<std::vector<uint32_t>> host_ips_;               // by hosts.id
  absl::flat_hash_map<std::string, uint32_t> ip_ids_;
  std::vector<std::string> ip_names_ = {""};
  std::vector<std::string> texts_ = {""};  // Extra's texts
  absl::flat_hash_map<std::string, uint32_t> text_ids_;

  // Events.
  // The events' buffer: anonymous memory in transparent huge pages where the
  // kernel allows them (`madvise` mode). Filling it costs a page fault per
  // 4 KiB page otherwise (costly in a VM: a fifth of the read's kernel time),
  // and the index and the conclusions look events up at random all over it.
  std::unique_ptr<Event[], Unmap> event_storage_;
  std::span<Event> events_;  // by slot: only the ranges below hold events
  std::vector<std::pair<int32_t, int32_t>> event_ranges_;  // [first, last) slots in use
  std::vector<Extra> extras_;
  std::vector<int32_t> resets_;        // indexes of reset events, ascending
  std::vector<int32_t> reset_source_;  // sources.id, by reset index
  std::vector<ResetText> reset_text_;  // by reset index
  std::vector<int32_t> reset_named_hosts_;  // ranges of reset_text_
  std::vector<Result> results_;        // by reset index
  absl::flat_hash_map<int32_t, int32_t> source_peer_;  // reset index -> host

  // Indexes (event indexes, sorted by logged time).
  // By connection endpoint (ip:port), in two shards by port parity: for each
  // endpoint a range [first, second) of `events`.
  struct EndpointIndex {
    absl::flat_hash_map<uint64_t, std::pair<uint32_t, uint32_t>> ranges;
    std::vector<int32_t> events;
  };
  std::array<EndpointIndex, 2> endpoints_;
  absl::flat_hash_map<uint32_t, std::vector<int32_t>> explanatory_by_ip_;
  absl::flat_hash_map<int32_t, std::vector<int32_t>> explanatory_by_host_;
  absl::flat_hash_map<int32_t, absl::flat_hash_set<int32_t>> serving_processes_;
  absl::flat_hash_map<int32_t, std::pair<int64_t, int64_t>> host_span_;
  absl::flat_hash_map<int32_t, Role> host_role_;  // the most common role of its records
  std::vector<bool> host_has_events_;             // by host: any record loaded
  absl::flat_hash_set<int32_t> used_connection_events_;
  // Buffers of Conclude, reused from one reset to the next.
  std::vector<Candidate> cands_;
  std::vector<int32_t> seen_;
  std::vector<uint32_t> peer_ips_;

  struct Clock {
    int64_t offset_us = 0;
    std::string method = "none";
    int anchors = 0;
    int64_t spread_us = 0;
    int32_t reference = 0;
  };
  absl::flat_hash_map<int32_t, Clock> clocks_;
  struct IdleTimer {
    int64_t age_ms = 0;
    int64_t spread_ms = 0;  // largest distance from it, whole seconds, at least 1 s
    int resets = 0;  // resets at that age
    int of = 0;      // unexplained resets with an age from this middlebox
  };
  std::map<int32_t, IdleTimer> idle_timers_;  // middlebox host -> its timer
  std::vector<int64_t> offset_of_host_;  // clocks_[h].offset_us by host, 0 when none
  absl::flat_hash_map<int64_t, std::string> snippets_;  // cause event id -> first line
  int64_t max_abs_offset_ = 0;  // bound for lists that mix hosts
  absl::flat_hash_map<int32_t, std::vector<int64_t>> reset_times_by_peer_;  // corrected, sorted
};

uint64_t EndpointKey(uint32_t ip, int32_t port) {
  return (static_cast<uint64_t>(ip) << 32) | static_cast<uint32_t>(port);
}

uint32_t Correlator::InternIp(std::string_view ip) {
  if (ip.empty()) return 0;
  if (auto it = ip_ids_.find(base::AsAbsl(ip)); it != ip_ids_.end()) return it->second;
  const uint32_t id = static_cast<uint32_t>(ip_names_.size());
  ip_names_.emplace_back(ip);
  ip_ids_.emplace(std::string(ip), id);
  return id;
}

int32_t Correlator::HostOfAddress(std::string_view address) const {
  // Keys are lowercase; most tokens already are, so look them up as they are.
  const bool lower = std::none_of(address.begin(), address.end(),
                                  [](char c) { return c >= 'A' && c <= 'Z'; });
  auto it = lower ? address_host_.find(base::AsAbsl(address))
                  : address_host_.find(base::ToLower(address));
  return it == address_host_.end() ? 0 : it->second;
}

int32_t Correlator::HostOfIp(uint32_t ip) const {
  if (ip == 0) return 0;
  return HostOfAddress(ip_names_[ip]);
}

absl::Status Correlator::LoadDictionaries() {
  {
    RS_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT id, name FROM kinds"));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const std::string_view name = st.ColumnText(1);
      const int64_t id = st.ColumnInt(0);
      if (auto k = base::KindFromName(name); k && id >= 0 && id < 1'000'000) {
        if (static_cast<size_t>(id) >= kind_of_id_.size()) kind_of_id_.resize(id + 1, Kind::kOther);
        kind_of_id_[id] = *k;
      }
      if (name == "other") other_kind_id_ = st.ColumnInt(0);
      if (name == "reset") reset_kind_id_ = st.ColumnInt(0);
    }
  }
  auto load_names = [&](const char* sql, std::vector<std::string>* out) -> absl::Status {
    RS_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const int64_t id = st.ColumnInt(0);
      if (id < 0 || id > 100'000'000) continue;
      if (static_cast<size_t>(id) >= out->size()) out->resize(id + 1);
      (*out)[id] = std::string(st.ColumnText(1));
    }
    return absl::OkStatus();
  };
  host_names_.assign(1, "");
  process_names_.assign(1, "");
  RS_RETURN_IF_ERROR(load_names("SELECT id, name FROM hosts", &host_names_));
  RS_RETURN_IF_ERROR(load_names("SELECT id, name FROM processes", &process_names_));
  host_ips_.assign(host_names_.size(), {});
  offset_of_host_.assign(host_names_.size(), 0);
  for (size_t h = 1; h < host_names_.size(); ++h) {
    if (!host_names_[h].empty()) address_host_[base::ToLower(host_names_[h])] = h;
  }
  RS_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT address, host_id FROM host_addresses"));
  while (true) {
    RS_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const std::string_view address = st.ColumnText(0);
    const int64_t host = st.ColumnInt(1);
    if (host <= 0 || static_cast<size_t>(host) >= host_names_.size()) continue;
    address_host_[base::ToLower(address)] = host;
    if (base::IsIp(address)) host_ips_[host].push_back(InternIp(address));
  }
  return absl::OkStatus();
}

absl::Status Correlator::LoadRange(store::Db* db, int64_t first_id, int64_t last_id,
                                   Chunk* out) const {
  // Everything except the plain records that carry no port: those are
  // neither causes nor links between hosts.
  std::string sql =
      // (NULL integers are read as 0.)
      "SELECT e.id, e.ts_us, e.host_id, e.role, e.kind_id, e.process_id, e.src_ip, e.src_port, "
      "e.dst_ip, e.dst_port, e.source_id, "
      "CASE WHEN e.kind_id != ?1 AND e.attrs IS NOT NULL THEN json_extract(e.attrs, '$.upstream') END, "
      "CASE WHEN e.kind_id != ?1 AND e.attrs IS NOT NULL THEN json_extract(e.attrs, '$.server') END, "
      "CASE WHEN e.kind_id != ?1 AND e.attrs IS NOT NULL THEN json_extract(e.attrs, '$.reason') END, "
      "CASE WHEN e.kind_id != ?1 AND e.attrs IS NOT NULL THEN "
      "json_extract(e.attrs, '$.duration_ms') END, "
      // NAT endpoints (firewall records of any kind) link connections;
      // other connection records (access logs, proxies) never have them, and
      // skipping their JSON is most of the load's cost at 10 M rows.
      "CASE WHEN e.role = 4 AND e.attrs IS NOT NULL THEN "
      "json_extract(e.attrs, '$.nat_src_ip') END, "
      "CASE WHEN e.role = 4 AND e.attrs IS NOT NULL THEN "
      "json_extract(e.attrs, '$.nat_src_port') END, "
      "CASE WHEN e.role = 4 AND e.attrs IS NOT NULL THEN "
      "json_extract(e.attrs, '$.nat_dst_ip') END, "
      "CASE WHEN e.role = 4 AND e.attrs IS NOT NULL THEN "
      "json_extract(e.attrs, '$.nat_dst_port') END, "
      // The message of a reset (scanned for names) and of an explanatory
      // record (the evidence quotes its first line when it is a cause).
      "CASE WHEN e.kind_id != ?1 THEN ";
  sql += kMessageSql;
  sql +=
      " END FROM events e WHERE e.id BETWEEN ?2 AND ?3 AND (e.kind_id != ?1 OR "
      "e.src_port IS NOT NULL OR e.dst_port IS NOT NULL)";
  RS_ASSIGN_OR_RETURN(auto st, db->Prepare(sql));
  st.BindInt(1, other_kind_id_);
  st.BindInt(2, first_id);
  st.BindInt(3, last_id);
  // Addresses are interned per chunk and renumbered when chunks are merged.
  const auto intern_in = [](std::string_view text, std::vector<std::string>* names,
                            absl::flat_hash_map<std::string, uint32_t>* ids) -> uint32_t {
    if (text.empty()) return 0;
    if (auto it = ids->find(base::AsAbsl(text)); it != ids->end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(names->size());
    names->emplace_back(text);
    ids->emplace(std::string(text), id);
    return id;
  };
  // Consecutive records of one log mostly name the same addresses.
  uint32_t last_ip = 0;
  const auto intern = [&](std::string_view ip) -> uint32_t {
    if (last_ip != 0 && out->ip_names[last_ip] == ip) return last_ip;
    const uint32_t id = intern_in(ip, &out->ip_names, &out->ip_ids);
    last_ip = id;
    return id;
  };
  const auto text = [&](std::string_view t) { return intern_in(t, &out->texts, &out->text_ids); };
  std::vector<int32_t> named;  // hosts a reset's message names
  while (true) {
    RS_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Event e;
    e.id = st.ColumnInt(0);
    e.ts = st.ColumnInt(1);
    e.host = static_cast<int32_t>(st.ColumnInt(2));
    if (e.host < 0 || static_cast<size_t>(e.host) >= host_names_.size()) e.host = 0;
    const int64_t role = st.ColumnInt(3);
    e.role = role >= 0 && role <= 4 ? static_cast<Role>(role) : Role::kUnknown;
    const int64_t kind_id = st.ColumnInt(4);
    e.kind = kind_id >= 0 && static_cast<size_t>(kind_id) < kind_of_id_.size()
                 ? kind_of_id_[kind_id]
                 : Kind::kOther;
    e.process = static_cast<int32_t>(st.ColumnInt(5));
    if (!st.ColumnIsNull(6)) e.src_ip = intern(st.ColumnText(6));
    e.src_port = static_cast<int32_t>(st.ColumnInt(7));
    if (!st.ColumnIsNull(8)) e.dst_ip = intern(st.ColumnText(8));
    e.dst_port = static_cast<int32_t>(st.ColumnInt(9));
    // Only records of explanatory kinds and firewall records can have them.
    bool any_extra = false;
    if (kind_id != other_kind_id_ || role == 4) {
      for (int c = 11; c <= 18; ++c) any_extra |= !st.ColumnIsNull(c);
    }
    if (any_extra) {
      Extra x;
      x.upstream = text(st.ColumnText(11));
      x.server = text(st.ColumnText(12));
      x.reason = text(st.ColumnText(13));
      if (!st.ColumnIsNull(14)) x.duration_ms = st.ColumnInt(14);
      if (!st.ColumnIsNull(15)) x.nat_src_ip = intern(st.ColumnText(15));
      x.nat_src_port = static_cast<int32_t>(st.ColumnInt(16));
      if (!st.ColumnIsNull(17)) x.nat_dst_ip = intern(st.ColumnText(17));
      x.nat_dst_port = static_cast<int32_t>(st.ColumnInt(18));
      e.extra = static_cast<int32_t>(out->extras.size());
      out->extras.push_back(std::move(x));
    }
    if (out->count == out->capacity) {
      return absl::InternalError("correlate: more records than ids in a slice of events");
    }
    const int32_t index = static_cast<int32_t>(out->count);
    if (e.kind == Kind::kReset) {
      out->resets.push_back(index);
      out->reset_source.push_back(static_cast<int32_t>(st.ColumnInt(10)));
      ResetText rt;
      named.clear();
      ScanText(st.ColumnText(19), e.host, &named, &rt.names_unknown);
      rt.first = static_cast<uint32_t>(out->reset_named_hosts.size());
      rt.count = static_cast<uint32_t>(named.size());
      out->reset_named_hosts.insert(out->reset_named_hosts.end(), named.begin(), named.end());
      out->reset_text.push_back(rt);
    } else if (KindRank(e.kind) > 0 || e.kind == Kind::kBackendDown ||
               e.kind == Kind::kUnhealthy) {
      out->snippets.emplace_back(e.id, FirstLine(base::TrimSpace(st.ColumnText(19)), 100));
    }
    new (out->events + out->count++) Event(e);
  }
  return absl::OkStatus();
}

absl::Status Correlator::LoadEvents() {
  // The rows are read by two threads, each with its own connection, taking
  // slices of the id range in turn (the records that matter are not spread
  // evenly: a source's records are one range of ids).
  int64_t first_id = 0, last_id = -1;
  {
    RS_ASSIGN_OR_RETURN(auto range, db_->Prepare("SELECT min(id), max(id) FROM events"));
    RS_ASSIGN_OR_RETURN(bool row, range.Step());
    if (row && !range.ColumnIsNull(0)) {
      first_id = range.ColumnInt(0);
      last_id = range.ColumnInt(1);
    }
  }
  const int64_t span = last_id - first_id + 1;
  const int slices = span >= 100'000 ? 64 : 1;
  // Slice i (ids first_id + width * i ...) is read into slots width * i ...
  // of one buffer (a record per id at most), where its records stay: an
  // event's index is its slot, and the slots left empty between slices are
  // never touched (they cost address space, not memory).
  const int64_t width = std::max<int64_t>(span, 0) / slices + 1;
  const size_t slots = static_cast<size_t>(width) * slices;
  if (slots > static_cast<size_t>(INT32_MAX)) {
    return absl::ResourceExhaustedError("correlate: more than 2^31 events");
  }
  {
    // Mapped 2 MiB larger, so that the buffer can start on a huge page.
    constexpr size_t kHugePage = size_t{2} << 20;
    const size_t bytes = slots * sizeof(Event) + kHugePage;
    void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                        -1, 0);
    if (base == MAP_FAILED) return absl::ResourceExhaustedError("correlate: out of memory");
    const uintptr_t aligned =
        (reinterpret_cast<uintptr_t>(base) + kHugePage - 1) & ~(kHugePage - 1);
    (void)::madvise(base, bytes, MADV_HUGEPAGE);  // a hint: without it, 4 KiB pages
    event_storage_ = std::unique_ptr<Event[], Unmap>(reinterpret_cast<Event*>(aligned),
                                                     Unmap{base, bytes});
  }
  std::unique_ptr<store::Db> second;
  if (slices > 1 && !db_->path().empty() && db_->path() != ":memory:") {
    auto opened = store::Db::Open(db_->path(), store::Db::Mode::kReadOnly);
    if (opened.ok()) second = std::move(*opened);
  }
  std::vector<Chunk> chunks(slices);
  for (int i = 0; i < slices; ++i) {
    chunks[i].events = event_storage_.get() + width * i;
    chunks[i].capacity = static_cast<size_t>(width);
  }
  std::atomic<int> next{0};
  const auto read = [&](store::Db* db) -> absl::Status {
    for (int i = next++; i < slices; i = next++) {
      const int64_t lo = first_id + width * i;
      const int64_t hi = std::min(last_id, lo + width - 1);
      RS_RETURN_IF_ERROR(LoadRange(db, lo, hi, &chunks[i]));
    }
    return absl::OkStatus();
  };
  absl::Status second_status;
  std::thread reader;
  if (second != nullptr) reader = std::thread([&] { second_status = read(second.get()); });
  absl::Status s = read(db_);
  if (reader.joinable()) reader.join();
  RS_RETURN_IF_ERROR(s);
  RS_RETURN_IF_ERROR(second_status);
  Mark("read");
  // Merge in id order. Addresses are renumbered in the order a single scan
  // would have met them, in the events (by this thread) and in the extras,
  // copied to one vector (by another).
  struct Place {
    size_t extra = 0;
    std::vector<uint32_t> ip;    // chunk address -> global address
    std::vector<uint32_t> text;  // chunk text -> global text
  };
  std::vector<Place> places(chunks.size());
  size_t extras = 0, resets = 0, snippets = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    Chunk& c = chunks[i];
    places[i].extra = extras;
    places[i].ip.assign(c.ip_names.size(), 0);
    for (size_t j = 1; j < c.ip_names.size(); ++j) places[i].ip[j] = InternIp(c.ip_names[j]);
    places[i].text.assign(c.texts.size(), 0);
    for (size_t j = 1; j < c.texts.size(); ++j) {
      auto [it, inserted] = text_ids_.try_emplace(c.texts[j], texts_.size());
      if (inserted) texts_.push_back(c.texts[j]);
      places[i].text[j] = it->second;
    }
    extras += c.extras.size();
    resets += c.resets.size();
    snippets += c.snippets.size();
  }
  ResizeHuge(&extras_, extras);
  const auto place_extras = [&] {
    for (size_t i = 0; i < chunks.size(); ++i) {
      Chunk& c = chunks[i];
      const std::vector<uint32_t>& ip = places[i].ip;
      Extra* x_out = extras_.data() + places[i].extra;
      const std::vector<uint32_t>& text = places[i].text;
      for (Extra& x : c.extras) {
        x.nat_src_ip = ip[x.nat_src_ip];
        x.nat_dst_ip = ip[x.nat_dst_ip];
        x.upstream = text[x.upstream];
        x.server = text[x.server];
        x.reason = text[x.reason];
        *x_out++ = x;
      }
      c.extras = std::vector<Extra>();
    }
  };
  {
    std::thread other(place_extras);
    // The events stay in their slots; their addresses are renumbered.
    for (size_t i = 0; i < chunks.size(); ++i) {
      const Chunk& c = chunks[i];
      const std::vector<uint32_t>& ip = places[i].ip;
      const int32_t extra_base = static_cast<int32_t>(places[i].extra);
      for (Event* e = c.events; e != c.events + c.count; ++e) {
        e->src_ip = ip[e->src_ip];
        e->dst_ip = ip[e->dst_ip];
        if (e->extra >= 0) e->extra += extra_base;
      }
      const int32_t first = static_cast<int32_t>(c.events - event_storage_.get());
      if (c.count > 0) event_ranges_.emplace_back(first, first + static_cast<int32_t>(c.count));
    }
    events_ = std::span<Event>(event_storage_.get(), slots);
    other.join();
  }
  resets_.reserve(resets);
  reset_source_.reserve(resets);
  reset_text_.reserve(resets);
  size_t named_hosts = 0;
  for (const Chunk& c : chunks) named_hosts += c.reset_named_hosts.size();
  reset_named_hosts_.reserve(named_hosts);
  snippets_.reserve(snippets);
  for (size_t i = 0; i < chunks.size(); ++i) {
    Chunk& c = chunks[i];
    for (size_t j = 0; j < c.resets.size(); ++j) {
      resets_.push_back(static_cast<int32_t>(c.events - event_storage_.get()) + c.resets[j]);
      reset_source_.push_back(c.reset_source[j]);
      ResetText rt = c.reset_text[j];
      rt.first += static_cast<uint32_t>(reset_named_hosts_.size());
      reset_text_.push_back(rt);
    }
    reset_named_hosts_.insert(reset_named_hosts_.end(), c.reset_named_hosts.begin(),
                              c.reset_named_hosts.end());
    for (auto& [id, line] : c.snippets) snippets_.emplace(id, std::move(line));
  }
  return absl::OkStatus();
}

// Host names in text: IPv4 addresses, lowercase dotted names and URL hosts.
void Correlator::ScanText(std::string_view text, int32_t own, std::vector<int32_t>* hosts,
                          bool* unknown) const {
  auto is_name_char = [](char c) {
    return base::IsDigit(c) || base::IsAlpha(c) || c == '.' || c == '-' || c == '_';
  };
  auto add = [&](int32_t h) {
    if (h != 0 && h != own && std::find(hosts->begin(), hosts->end(), h) == hosts->end()) {
      hosts->push_back(h);
    }
  };
  size_t i = 0;
  while (i < text.size()) {
    if (!is_name_char(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && is_name_char(text[j])) ++j;
    std::string_view token = text.substr(i, j - i);
    const bool after_scheme = i >= 3 && text.substr(i - 3, 3) == "://";
    i = j;
    while (!token.empty() && (token.back() == '.' || token.back() == '-')) token.remove_suffix(1);
    if (token.empty()) continue;
    if (base::IsIpv4(token)) {
      const int32_t h = HostOfAddress(token);
      if (h != 0) {
        add(h);
      } else if (!base::StartsWith(token, "127.") && token != "0.0.0.0") {
        *unknown = true;
      }
      continue;
    }
    bool has_dot = false, has_alpha = false, has_upper = false;
    for (char c : token) {
      has_dot |= c == '.';
      has_alpha |= base::IsAlpha(c);
      has_upper |= c >= 'A' && c <= 'Z';
    }
    if (after_scheme) {
      const int32_t h = HostOfAddress(token);
      if (h != 0) {
        add(h);
      } else if (token != "localhost") {
        *unknown = true;
      }
      continue;
    }
    // Dotted identifiers of code (System.Net.Sockets) have capitals; DNS
    // names in logs are almost always lowercase.
    if (has_dot && has_alpha && !has_upper) add(HostOfAddress(token));
  }
}

absl::Status Correlator::InferPeersFromSources() {
  // Resets that name no peer and match no connection: the peer is the host
  // the same log last named before the reset (a client logs its endpoint at
  // start-up or with each successful call).
  absl::flat_hash_set<int32_t> sources;
  absl::flat_hash_set<int64_t> wanted;
  for (size_t ri = 0; ri < resets_.size(); ++ri) {
    const Result& r = results_[ri];
    if (r.peer_method != PeerMethod::kNone || reset_text_[ri].names_unknown) continue;
    const Event& e = events_[resets_[ri]];
    sources.insert(reset_source_[ri]);
    wanted.insert(e.id);
  }
  if (sources.empty()) return absl::OkStatus();
  absl::flat_hash_map<int64_t, int32_t> reset_of_id;
  for (size_t ri = 0; ri < resets_.size(); ++ri) reset_of_id[events_[resets_[ri]].id] = ri;
  std::vector<int32_t> ordered(sources.begin(), sources.end());
  std::sort(ordered.begin(), ordered.end());
  std::string sql = "SELECT e.id, e.source_id, COALESCE(e.host_id, 0), ";
  sql += kMessageSql;
  // A source's records are a contiguous range of ids (sources.min_event_id
  // .. max_event_id): a rowid range scan, not a table scan per source.
  // (A source without the range, from a hand-made database, is scanned.)
  sql += " FROM events e, sources s WHERE s.id = ?1 AND e.id BETWEEN "
         "COALESCE(s.min_event_id, 0) AND COALESCE(s.max_event_id, 9223372036854775807) AND "
         "e.source_id = s.id ORDER BY e.id";
  RS_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
  for (int32_t source : ordered) {
    st.Reset();
    st.BindInt(1, source);
    int32_t last = 0;
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const int64_t id = st.ColumnInt(0);
      if (wanted.contains(id)) {
        if (last != 0) source_peer_[reset_of_id[id]] = last;
        continue;
      }
      std::vector<int32_t> named;
      bool unknown = false;
      ScanText(st.ColumnText(3), static_cast<int32_t>(st.ColumnInt(2)), &named, &unknown);
      if (!named.empty()) last = named.back();
    }
  }
  return absl::OkStatus();
}

void Correlator::BuildEndpointShard(int shard) {
  // Two passes: count the records of each endpoint, then place their indexes
  // in one array (a record is listed under each of its endpoints, NAT
  // endpoints included, as often as it carries it).
  EndpointIndex& ix = endpoints_[shard];
  const auto for_each_key = [&](const Event& e, auto&& f) {
    if (e.src_ip != 0 && e.src_port > 0) f(EndpointKey(e.src_ip, e.src_port));
    if (e.dst_ip != 0 && e.dst_port > 0) f(EndpointKey(e.dst_ip, e.dst_port));
    if (e.extra >= 0) {
      const Extra& x = extras_[e.extra];
      if (x.nat_src_ip != 0 && x.nat_src_port > 0) f(EndpointKey(x.nat_src_ip, x.nat_src_port));
      if (x.nat_dst_ip != 0 && x.nat_dst_port > 0) f(EndpointKey(x.nat_dst_ip, x.nat_dst_port));
    }
  };
  ForEachEvent([&](int32_t, const Event& e) {
    for_each_key(e, [&](uint64_t key) {
      if (ShardOf(key) == shard) ++ix.ranges[key].second;
    });
  });
  uint32_t total = 0;
  for (auto& [key, range] : ix.ranges) {
    range.first = total;
    total += range.second;
    range.second = range.first;  // the fill position until the second pass ends
  }
  ResizeHuge(&ix.events, total);
  ForEachEvent([&](int32_t i, const Event& e) {
    for_each_key(e, [&](uint64_t key) {
      if (ShardOf(key) == shard) ix.events[ix.ranges.find(key)->second.second++] = i;
    });
  });
  std::vector<TimeKey> keys;
  for (const auto& [key, range] : ix.ranges) {
    SortByTime(ix.events.data() + range.first, ix.events.data() + range.second, &keys);
  }
}

void Correlator::SortByTime(int32_t* first, int32_t* last, std::vector<TimeKey>* keys) const {
  const auto by_ts = [&](int32_t a, int32_t b) {
    return events_[a].ts != events_[b].ts ? events_[a].ts < events_[b].ts
                                          : events_[a].id < events_[b].id;
  };
  if (std::is_sorted(first, last, by_ts)) return;
  if (last - first <= 32) {
    std::sort(first, last, by_ts);
    return;
  }
  // Long lists are sorted on copies of their keys: the events are far apart
  // in memory. (Equal keys are the same event listed twice.)
  keys->clear();
  for (const int32_t* p = first; p != last; ++p) {
    keys->push_back(TimeKey{events_[*p].ts, events_[*p].id, *p});
  }
  std::sort(keys->begin(), keys->end(), [](const TimeKey& a, const TimeKey& b) {
    return a.ts != b.ts ? a.ts < b.ts : a.id < b.id;
  });
  for (const TimeKey& k : *keys) *first++ = k.ev;
}

void Correlator::BuildIndexes() {
  // The endpoint index is most of the work: its second shard is built by
  // another thread meanwhile.
  std::thread other([this] { BuildEndpointShard(1); });
  BuildEndpointShard(0);
  std::vector<std::array<int64_t, 5>> role_counts(host_names_.size(), {0, 0, 0, 0, 0});
  host_has_events_.assign(host_names_.size(), false);
  int32_t last_host = 0, last_process = 0;
  ForEachEvent([&](int32_t i, const Event& e) {
    host_has_events_[e.host] = true;
    if (e.host != 0 && e.role != Role::kUnknown) ++role_counts[e.host][static_cast<int>(e.role)];
    if ((e.src_ip != 0 || e.dst_ip != 0) && e.process != 0 && e.host != 0 &&
        (e.host != last_host || e.process != last_process)) {
      serving_processes_[e.host].insert(e.process);
      last_host = e.host;
      last_process = e.process;
    }
    const bool explanatory = KindRank(e.kind) > 0 ||
                             (e.role == Role::kProxy &&
                              (e.kind == Kind::kReset || e.kind == Kind::kRefused));
    if (!explanatory) return;
    // Records that name addresses are found through the address index;
    // the host index holds what concerns the whole host (kernel, systemd,
    // event log), so that a busy proxy's connection records are never
    // scanned for a reset they cannot be about.
    if (e.host != 0 && e.src_ip == 0 && e.dst_ip == 0) explanatory_by_host_[e.host].push_back(i);
    if (e.src_ip != 0) explanatory_by_ip_[e.src_ip].push_back(i);
    if (e.dst_ip != 0 && e.dst_ip != e.src_ip) explanatory_by_ip_[e.dst_ip].push_back(i);
  });
  for (size_t h = 0; h < role_counts.size(); ++h) {
    const auto& counts = role_counts[h];
    if (counts[1] + counts[2] + counts[3] + counts[4] == 0) continue;
    int best = 0;
    for (int r = 1; r < 5; ++r) {
      if (counts[r] > counts[best]) best = r;
    }
    host_role_[static_cast<int32_t>(h)] = static_cast<Role>(best);
  }
  std::vector<TimeKey> keys;
  for (auto& [k, v] : explanatory_by_ip_) SortByTime(v.data(), v.data() + v.size(), &keys);
  for (auto& [k, v] : explanatory_by_host_) SortByTime(v.data(), v.data() + v.size(), &keys);
  other.join();
}

absl::Status Correlator::LoadHostSpans() {
  // The time each host's logs cover: an unexplained reset inside it is a
  // finding ("the peer logged nothing"); outside it, only a gap in the data.
  host_span_.clear();
  RS_ASSIGN_OR_RETURN(auto st, db_->Prepare(
                                   "SELECT host_id, min(min_ts_us), max(max_ts_us) FROM sources "
                                   "WHERE host_id IS NOT NULL AND min_ts_us IS NOT NULL "
                                   "GROUP BY host_id"));
  while (true) {
    RS_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    host_span_[static_cast<int32_t>(st.ColumnInt(0))] = {st.ColumnInt(1), st.ColumnInt(2)};
  }
  return absl::OkStatus();
}

// The IP at the other end of `e` from endpoint `key`, 0 when unknown.
uint32_t OtherIp(const Event& e, uint64_t key) {
  if (EndpointKey(e.src_ip, e.src_port) == key) return e.dst_ip;
  if (EndpointKey(e.dst_ip, e.dst_port) == key) return e.src_ip;
  return 0;
}

int64_t MedianAbsDeviation(const std::vector<int64_t>& v, int64_t median) {
  std::vector<int64_t> d;
  d.reserve(v.size());
  for (int64_t x : v) d.push_back(std::llabs(x - median));
  return Median(std::move(d));
}

void Correlator::EstimateClocksFromTuples() {
  // Per ordered host pair (a < b): for each connection endpoint seen on both,
  // the closest pair of their records, as ts_b - ts_a.
  absl::flat_hash_map<uint64_t, std::vector<int64_t>> diffs;
  std::vector<std::pair<uint64_t, int64_t>> best;  // pair -> diff with least |diff|
  for (const EndpointIndex& ix : endpoints_) {
    for (const auto& [key, range] : ix.ranges) {
      const int32_t* list = ix.events.data() + range.first;
      const size_t size = range.second - range.first;
      if (size < 2 || size > 64) continue;
      best.clear();
      for (size_t i = 0; i < size; ++i) {
        const Event& a = events_[list[i]];
        if (a.host == 0) continue;
        for (size_t j = i + 1; j < size; ++j) {
          const Event& b = events_[list[j]];
          if (b.ts - a.ts > opt_.anchor_window_us) break;
          if (b.host == 0 || b.host == a.host) continue;
          const uint32_t oa = OtherIp(a, key), ob = OtherIp(b, key);
          if (oa != 0 && ob != 0 && oa != ob && a.extra < 0 && b.extra < 0) continue;
          int32_t lo = a.host, hi = b.host;
          int64_t d = b.ts - a.ts;  // clock(b) - clock(a)
          if (lo > hi) {
            std::swap(lo, hi);
            d = -d;
          }
          const uint64_t pair = (static_cast<uint64_t>(lo) << 32) | static_cast<uint32_t>(hi);
          auto it = std::find_if(best.begin(), best.end(),
                                 [pair](const auto& p) { return p.first == pair; });
          if (it == best.end()) {
            best.emplace_back(pair, d);
          } else if (std::llabs(d) < std::llabs(it->second)) {
            it->second = d;
          }
        }
      }
      for (const auto& [pair, d] : best) diffs[pair].push_back(d);
    }
  }

  // References: the hosts that log client-side resets (else any resets).
  absl::flat_hash_set<int32_t> refs;
  for (int32_t ri : resets_) {
    const Event& e = events_[ri];
    if (e.host != 0 && e.role != Role::kProxy) refs.insert(e.host);
  }
  if (refs.empty()) {
    for (int32_t ri : resets_) {
      if (events_[ri].host != 0) refs.insert(events_[ri].host);
    }
  }
  for (int32_t h : refs) {
    Clock& c = clocks_[h];
    c.method = "reference";
    c.reference = h;
  }
  // Grow from the references along the best-anchored pairs.
  struct Edge {
    int32_t a, b;
    int64_t median, spread;
    int anchors;
  };
  std::vector<Edge> edges;
  for (auto& [pair, v] : diffs) {
    if (v.size() < 2) continue;
    const int64_t m = Median(v);
    edges.push_back(Edge{static_cast<int32_t>(pair >> 32), static_cast<int32_t>(pair & 0xffffffff),
                         m, MedianAbsDeviation(v, m), static_cast<int>(v.size())});
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.anchors != y.anchors ? x.anchors > y.anchors
                                  : (x.a != y.a ? x.a < y.a : x.b < y.b);
  });
  const auto grow = [&] {
    bool grew = true;
    while (grew) {
      grew = false;
      for (const Edge& e : edges) {
        const bool known_a = clocks_.contains(e.a), known_b = clocks_.contains(e.b);
        if (known_a == known_b) continue;
        const int32_t from = known_a ? e.a : e.b, to = known_a ? e.b : e.a;
        int64_t d = known_a ? e.median : -e.median;  // clock(to) - clock(from)
        // Records of one connection on two hosts are not logged at the same
        // instant (a teardown precedes the reset it causes; many logs keep
        // whole seconds): below a second the difference is not a clock.
        if (std::llabs(d) < 1'000'000) d = 0;
        Clock c;
        c.offset_us = clocks_[from].offset_us + d;
        c.method = "tuple";
        c.anchors = e.anchors;
        c.spread_us = e.spread;
        c.reference = clocks_[from].reference;
        clocks_[to] = c;
        offset_of_host_[to] = c.offset_us;
        grew = true;
        break;  // edges are in preference order: restart from the best
      }
    }
  };
  grow();
  // Hosts anchored to each other but not to a host that logs resets (a
  // firewall and a server, when the client logs no ports): their group keeps
  // the clock of a middlebox when it has one (network devices keep NTP time
  // more often than servers), else of its best-anchored host.
  while (true) {
    int32_t pick = 0;
    int best_rank = -1, best_anchors = -1;
    for (const Edge& e : edges) {
      for (int32_t h : {e.a, e.b}) {
        if (clocks_.contains(h)) continue;
        const Role role = host_role_.contains(h) ? host_role_[h] : Role::kUnknown;
        const int rank = role == Role::kFirewall ? 2 : role == Role::kProxy ? 1 : 0;
        int anchors = 0;
        for (const Edge& f : edges) {
          if (f.a == h || f.b == h) anchors += f.anchors;
        }
        if (rank > best_rank || (rank == best_rank && anchors > best_anchors) ||
            (rank == best_rank && anchors == best_anchors && h < pick)) {
          pick = h;
          best_rank = rank;
          best_anchors = anchors;
        }
      }
    }
    if (pick == 0) break;
    Clock& c = clocks_[pick];
    c.method = "group reference";
    c.reference = pick;
    grow();
  }
}

void Correlator::ConcludeConsistentAges() {
  // A middlebox that resets flows at one connection age is an idle timer
  // (an AWS NAT gateway's 350 s, a load balancer's 3600 s) even when its
  // record gives no idle reason: among the otherwise unexplained resets whose
  // connection a middlebox logged as reset with its age, at least 3, and 80%
  // of that middlebox's, within 1% (at least 2 s) of their median age of 30 s
  // or more, are network_idle_timeout.
  std::map<int32_t, std::vector<int32_t>> by_box;
  for (size_t ri = 0; ri < results_.size(); ++ri) {
    const Result& r = results_[ri];
    if (r.cause == "unexplained" && r.flow_ev >= 0) {
      by_box[events_[r.flow_ev].host].push_back(static_cast<int32_t>(ri));
    }
  }
  for (const auto& [box, list] : by_box) {
    if (list.size() < 3) continue;
    std::vector<int64_t> ages;
    for (int32_t ri : list) {
      ages.push_back(extras_[events_[results_[ri].flow_ev].extra].duration_ms);
    }
    const int64_t median = Median(ages);
    if (median < 30'000) continue;
    const int64_t tolerance = std::max<int64_t>(2'000, median / 100);
    std::vector<int32_t> band;
    int64_t spread = 0;
    for (size_t i = 0; i < list.size(); ++i) {
      if (std::llabs(ages[i] - median) > tolerance) continue;
      band.push_back(list[i]);
      spread = std::max<int64_t>(spread, std::llabs(ages[i] - median));
    }
    if (band.size() < 3 || band.size() * 5 < list.size() * 4) continue;
    IdleTimer timer;
    timer.age_ms = median;
    timer.spread_ms = std::max<int64_t>(1000, (spread + 999) / 1000 * 1000);
    timer.resets = static_cast<int>(band.size());
    timer.of = static_cast<int>(list.size());
    idle_timers_[box] = timer;
    for (int32_t ri : band) {
      Result& r = results_[ri];
      const Event& flow = events_[r.flow_ev];
      r.cause = "network_idle_timeout";
      r.cause_ev = r.flow_ev;
      r.server_host = box;
      r.match = Match::kTuple;
      r.delta_us = Corrected(flow) - Corrected(events_[resets_[ri]]);
      r.confidence = 0.7;
      used_connection_events_.insert(r.flow_ev);
    }
  }
}

absl::Status Correlator::EstimateClocksFromRequests() {
  // Hosts that no shared connection anchors: a request a proxy logged and
  // the host logged again under the same id happened at about the same
  // moment on both (the proxy-to-backend latency apart).
  std::vector<int32_t> unanchored;
  for (size_t h = 1; h < host_names_.size(); ++h) {
    if (!host_names_[h].empty() && !clocks_.contains(static_cast<int32_t>(h))) {
      unanchored.push_back(static_cast<int32_t>(h));
    }
  }
  RequestAnchorOptions ro;
  ro.window_us = opt_.anchor_window_us;
  RS_ASSIGN_OR_RETURN(std::vector<RequestPair> pairs, FindRequestPairs(db_, unanchored, ro));
  // Per host: the anchored proxy with the most pairs.
  std::map<std::pair<int32_t, int32_t>, std::vector<int64_t>> diffs;  // (host, proxy)
  for (const RequestPair& p : pairs) {
    if (clocks_.contains(p.proxy_host)) diffs[{p.other_host, p.proxy_host}].push_back(p.diff_us);
  }
  std::map<int32_t, std::pair<int32_t, std::vector<int64_t>*>> best;
  for (auto& [key, v] : diffs) {
    auto [it, inserted] = best.try_emplace(key.first, key.second, &v);
    if (!inserted && v.size() > it->second.second->size()) it->second = {key.second, &v};
  }
  for (auto& [host, choice] : best) {
    std::vector<int64_t>& v = *choice.second;
    if (v.size() < 3) continue;
    const int64_t m = Median(v);
    Clock c;
    // Below a second the difference is the backend's handling, not a clock.
    c.offset_us = clocks_[choice.first].offset_us + (std::llabs(m) < 1'000'000 ? 0 : m);
    c.method = "request";
    c.anchors = static_cast<int>(v.size());
    c.spread_us = MedianAbsDeviation(v, m);
    c.reference = clocks_[choice.first].reference;
    clocks_[host] = c;
    offset_of_host_[host] = c.offset_us;
  }
  return absl::OkStatus();
}

void Correlator::EstimateClocksFromBursts() {
  // A host still without an estimate that resets keep pointing at: each of
  // its process deaths is followed, in true time, by the first reset of its
  // burst within a second or so. The median (death - first reset) over the
  // deaths, plus that typical half second, is its clock offset; it is used
  // only when it is larger than the latencies it cannot tell apart (2 s).
  constexpr int64_t kLatency = 500'000, kReach = 60'000'000, kMinimum = 2'000'000;
  absl::flat_hash_map<int32_t, std::vector<int32_t>> resets_by_peer;
  for (size_t ri = 0; ri < resets_.size(); ++ri) {
    const Result& r = results_[ri];
    if (r.peer_host != 0 && !clocks_.contains(r.peer_host)) {
      resets_by_peer[r.peer_host].push_back(resets_[ri]);
    }
  }
  for (auto& [peer, list] : resets_by_peer) {
    auto deaths_it = explanatory_by_host_.find(peer);
    if (deaths_it == explanatory_by_host_.end()) continue;
    std::vector<int32_t> deaths;
    for (int32_t ev : deaths_it->second) {
      if (IsDeath(events_[ev].kind)) deaths.push_back(ev);
    }
    if (deaths.empty()) continue;
    // For each death, the reset right after it (in the reference clock the
    // death may appear after the reset when the peer's clock is ahead).
    absl::flat_hash_map<int32_t, int64_t> first_after;  // death -> least (reset - death)
    for (int32_t rev : list) {
      const Event& r = events_[rev];
      const int64_t t = Corrected(r);
      int32_t nearest = -1;
      int64_t nearest_d = 0;
      const auto from = std::lower_bound(deaths.begin(), deaths.end(), t - kReach,
                                         [&](int32_t ev, int64_t x) { return events_[ev].ts < x; });
      for (auto dit = from; dit != deaths.end() && events_[*dit].ts <= t + kReach; ++dit) {
        const int32_t dev = *dit;
        const int64_t d = events_[dev].ts - t;
        if (std::llabs(d) > kReach) continue;
        if (nearest < 0 || std::llabs(d) < std::llabs(nearest_d)) {
          nearest = dev;
          nearest_d = d;
        }
      }
      if (nearest < 0) continue;
      // Deaths of one burst are logged within a second: merge them by second.
      auto [it, inserted] = first_after.try_emplace(nearest, nearest_d);
      if (!inserted && nearest_d > it->second) it->second = nearest_d;
    }
    // Collapse deaths of the same incident (within 5 s of each other).
    std::vector<std::pair<int64_t, int64_t>> per_death;  // (death ts, diff)
    for (const auto& [dev, d] : first_after) per_death.emplace_back(events_[dev].ts, d);
    std::sort(per_death.begin(), per_death.end());
    std::vector<int64_t> diffs;
    int64_t last_ts = INT64_MIN;
    for (const auto& [ts, d] : per_death) {
      if (last_ts != INT64_MIN && ts - last_ts < 5'000'000) {
        diffs.back() = std::max(diffs.back(), d);
      } else {
        diffs.push_back(d);
      }
      last_ts = ts;
    }
    if (diffs.size() < 2) continue;
    const int64_t m = Median(diffs);
    const int64_t spread = MedianAbsDeviation(diffs, m);
    const int64_t estimate = m + kLatency;
    if (std::llabs(estimate) < kMinimum || spread > 2'000'000) continue;
    Clock c;
    c.offset_us = estimate;
    c.method = "burst";
    c.anchors = static_cast<int>(diffs.size());
    c.spread_us = spread;
    c.reference = events_[list.front()].host;
    clocks_[peer] = c;
    offset_of_host_[peer] = c.offset_us;
  }
}

std::span<const uint32_t> Correlator::ClientIps(const Event& r) const {
  if (r.role == Role::kProxy) {
    // A proxy's own connection to its upstream: the proxy is the client.
    if (r.host != 0) return host_ips_[r.host];
    return {};
  }
  if (r.src_ip != 0) return {&r.src_ip, 1};
  if (r.host != 0) return host_ips_[r.host];
  return {};
}

void Correlator::ResolvePeers(int32_t ri) {
  const Event& r = events_[resets_[ri]];
  Result& res = results_[ri];
  const auto set_peer = [&](int32_t host, PeerMethod m) {
    if (host == 0 || host == r.host || res.peer_method != PeerMethod::kNone) return;
    res.peer_host = host;
    res.peer_method = m;
  };
  // 1. The exact client endpoint in a record on another host.
  if (r.role != Role::kProxy && r.src_ip != 0 && r.src_port > 0) {
    const auto [first, last] = EndpointEvents(EndpointKey(r.src_ip, r.src_port));
    {
      int32_t best = -1;
      int64_t best_d = 0;
      for (const int32_t* p = first; p != last; ++p) {
        const int32_t ev = *p;
        const Event& e = events_[ev];
        if (e.host == 0 || e.host == r.host || e.role == Role::kFirewall) continue;
        const int64_t d = std::llabs(Corrected(e) - Corrected(r));
        if (d > opt_.anchor_window_us) continue;
        if (best < 0 || d < best_d) {
          best = ev;
          best_d = d;
        }
      }
      if (best >= 0) set_peer(events_[best].host, PeerMethod::kTuple);
    }
  }
  // 2. An address or DNS name in the error.
  if (r.role != Role::kProxy) {
    if (const int32_t h = HostOfIp(r.dst_ip); h != 0) {
      set_peer(h, PeerMethod::kAddress);
    }
    const ResetText& text = reset_text_[ri];
    for (uint32_t i = text.first; i < text.first + text.count; ++i) {
      const int32_t h = reset_named_hosts_[i];
      set_peer(h, PeerMethod::kAddress);
    }
  }
  // 3. A proxy's upstream.
  if (r.role == Role::kProxy && r.extra >= 0) {
    const Extra& x = extras_[r.extra];
    int32_t h = HostOfAddress(texts_[x.server]);
    std::string_view up = texts_[x.upstream];
    if (h == 0 && !up.empty()) {
      if (const size_t scheme = up.find("://"); scheme != std::string_view::npos) {
        up.remove_prefix(scheme + 3);
      }
      if (const size_t slash = up.find('/'); slash != std::string_view::npos) {
        // "backend/server" (HAProxy) or "host:port/path" (URL).
        const std::string_view left = up.substr(0, slash), right = up.substr(slash + 1);
        h = HostOfAddress(right);
        if (h == 0) up = left;
      }
      std::string_view ip;
      int32_t port = 0;
      if (h == 0 && base::SplitIpPort(up, &ip, &port)) h = HostOfAddress(ip);
      if (h == 0) h = HostOfAddress(up);
    }
    set_peer(h, PeerMethod::kUpstream);
  }
}

std::pair<const int32_t*, const int32_t*> Correlator::Window(const std::vector<int32_t>& list,
                                                            int64_t lo, int64_t hi) const {
  const auto before = [&](int32_t ev, int64_t t) { return events_[ev].ts < t; };
  const auto after = [&](int64_t t, int32_t ev) { return t < events_[ev].ts; };
  auto first = std::lower_bound(list.begin(), list.end(), lo, before);
  auto last = std::upper_bound(first, list.end(), hi, after);
  return {list.data() + (first - list.begin()), list.data() + (last - list.begin())};
}

void Correlator::IndexResetTimesByPeer() {
  reset_times_by_peer_.clear();
  for (size_t ri = 0; ri < resets_.size(); ++ri) {
    if (results_[ri].peer_host != 0) {
      reset_times_by_peer_[results_[ri].peer_host].push_back(Corrected(events_[resets_[ri]]));
    }
  }
  for (auto& [h, v] : reset_times_by_peer_) std::sort(v.begin(), v.end());
  max_abs_offset_ = 0;
  for (const auto& [h, c] : clocks_) {
    max_abs_offset_ = std::max<int64_t>(max_abs_offset_, std::llabs(c.offset_us));
  }
}

bool Correlator::RestartIsRelevant(int32_t ev, int32_t peer_host) const {
  // A deliberate stop or restart is common and usually harmless: it is
  // blamed only when the stopped program is seen serving connections on that
  // host, or when several resets towards the host cluster around it.
  const Event& e = events_[ev];
  auto it = serving_processes_.find(e.host);
  if (e.process != 0 && it != serving_processes_.end() && it->second.contains(e.process)) {
    return true;
  }
  const int64_t t = Corrected(e);
  auto times = reset_times_by_peer_.find(peer_host);
  if (times == reset_times_by_peer_.end()) return false;
  const auto& v = times->second;
  const auto lo = std::lower_bound(v.begin(), v.end(), t - opt_.after_us);
  const auto hi = std::upper_bound(lo, v.end(), t + 10'000'000);
  return hi - lo >= 3;
}

void Correlator::AddCandidatesOnHost(int32_t ri, int32_t host, std::vector<Candidate>* out) {
  const Event& r = events_[resets_[ri]];
  const int64_t t = Corrected(r);
  const std::span<const uint32_t> client_ips = ClientIps(r);
  const int32_t client_port = r.role == Role::kProxy ? 0 : r.src_port;
  const int64_t lo = t + Offset(host) - opt_.before_us, hi = t + Offset(host) + opt_.after_us;
  std::vector<int32_t>& seen = seen_;
  seen.clear();
  const auto consider = [&](int32_t ev) {
    const Event& e = events_[ev];
    if (ev == resets_[ri] || e.host != host || e.ts < lo || e.ts > hi) return;
    // A load balancer taking a backend out answers its clients itself
    // (503): it explains a client's reset only through a proxy record.
    if ((e.kind == Kind::kBackendDown || e.kind == Kind::kUnhealthy) && r.role != Role::kProxy) {
      return;
    }
    // A record of another connection of this client is not about this one.
    bool names_client = false, other_connection = false;
    for (uint32_t ip : client_ips) {
      if (e.src_ip == ip) {
        names_client = true;
        if (client_port > 0 && e.src_port > 0 && e.src_port != client_port) other_connection = true;
      }
      if (e.dst_ip == ip) {
        names_client = true;
        if (client_port > 0 && e.dst_port > 0 && e.dst_port != client_port) other_connection = true;
      }
    }
    if (other_connection) return;
    const bool connection_level = e.src_ip != 0 || e.dst_ip != 0;
    if (connection_level && !names_client) return;  // someone else's connection
    if (std::find(seen.begin(), seen.end(), ev) != seen.end()) return;
    seen.push_back(ev);
    Candidate c;
    c.ev = ev;
    c.match = names_client ? Match::kClientIp : Match::kHost;
    if (IsRestartFamily(e.kind) && !RestartIsRelevant(ev, host)) return;
    if (e.role == Role::kProxy && (e.kind == Kind::kReset || e.kind == Kind::kRefused)) {
      // Another proxy record: only its own connection links a chain.
      if (!names_client) return;
      const int32_t pr = ResetIndexOf(ev);
      if (pr < 0 || !results_[pr].done) return;
      c.inherited = &results_[pr];
    }
    out->push_back(c);
  };
  if (auto it = explanatory_by_host_.find(host); it != explanatory_by_host_.end()) {
    const auto [first, last] = Window(it->second, lo, hi);
    for (const int32_t* p = first; p != last; ++p) consider(*p);
  }
  // Records on the host that name the client.
  for (uint32_t ip : client_ips) {
    auto it = explanatory_by_ip_.find(ip);
    if (it == explanatory_by_ip_.end()) continue;
    const auto [first, last] = Window(it->second, lo, hi);
    for (const int32_t* p = first; p != last; ++p) consider(*p);
  }
}

void Correlator::Conclude(int32_t ri) {
  const Event& r = events_[resets_[ri]];
  Result& res = results_[ri];
  const int64_t t = Corrected(r);
  std::vector<Candidate>& cands = cands_;
  cands.clear();

  // Records of this very connection.
  if (r.role != Role::kProxy && r.src_ip != 0 && r.src_port > 0) {
    const auto [first, last] = EndpointEvents(EndpointKey(r.src_ip, r.src_port));
    {
      for (const int32_t* p = first; p != last; ++p) {
        const int32_t ev = *p;
        const Event& e = events_[ev];
        if (ev == resets_[ri] || e.host == r.host) continue;
        const int64_t d = Corrected(e) - t;
        if (d < -opt_.before_us || d > opt_.after_us) continue;
        if (e.role == Role::kProxy && e.kind == Kind::kReset) {
          const int32_t pr = ResetIndexOf(ev);
          if (pr >= 0 && results_[pr].done) {
            Candidate c;
            c.ev = ev;
            c.match = Match::kTuple;
            c.inherited = &results_[pr];
            cands.push_back(c);
          }
          continue;
        }
        if (KindRank(e.kind) > 0) {
          Candidate c;
          c.ev = ev;
          c.match = Match::kTuple;
          cands.push_back(c);
        } else if (e.kind == Kind::kFwReset && e.extra >= 0 &&
                   extras_[e.extra].duration_ms >= 0) {
          // Not a cause by itself; see ConcludeConsistentAges.
          if (res.flow_ev < 0 ||
              std::llabs(d) < std::llabs(Corrected(events_[res.flow_ev]) - t)) {
            res.flow_ev = ev;
          }
        }
      }
    }
  }

  // The peer host, and middleboxes between the client and the peer.
  if (res.peer_host != 0) AddCandidatesOnHost(ri, res.peer_host, &cands);
  if (r.role == Role::kProxy && r.host != 0) {
    // The proxy's own view of its upstream: health checks that took it out.
    auto it = explanatory_by_host_.find(r.host);
    if (it != explanatory_by_host_.end()) {
      const int64_t off = Offset(r.host);
      const auto [first, last] =
          Window(it->second, t + off - opt_.before_us, t + off + opt_.after_us);
      for (const int32_t* p = first; p != last; ++p) {
        const int32_t ev = *p;
        const Event& e = events_[ev];
        if (e.kind != Kind::kBackendDown && e.kind != Kind::kUnhealthy) continue;
        const int64_t d = Corrected(e) - t;
        if (d < -opt_.before_us || d > opt_.after_us) continue;
        Candidate c;
        c.ev = ev;
        c.match = Match::kHost;
        cands.push_back(c);
      }
    }
  }
  const std::span<const uint32_t> client_ips = ClientIps(r);
  std::vector<uint32_t>& peer_ips = peer_ips_;
  peer_ips.clear();
  if (r.role != Role::kProxy && r.dst_ip != 0) peer_ips.push_back(r.dst_ip);
  if (res.peer_host != 0) {
    for (uint32_t ip : host_ips_[res.peer_host]) peer_ips.push_back(ip);
  }
  const int32_t client_port = r.role == Role::kProxy ? 0 : r.src_port;
  for (uint32_t cip : client_ips) {
    auto it = explanatory_by_ip_.find(cip);
    if (it == explanatory_by_ip_.end()) continue;
    const auto [first, last] = Window(it->second, t - opt_.before_us - max_abs_offset_,
                                      t + opt_.after_us + max_abs_offset_);
    for (const int32_t* p = first; p != last; ++p) {
      const int32_t ev = *p;
      const Event& e = events_[ev];
      if (e.host == r.host || e.host == res.peer_host || ev == resets_[ri]) continue;
      if (KindRank(e.kind) == 0) continue;
      const int64_t d = Corrected(e) - t;
      if (d < -opt_.before_us || d > opt_.after_us) continue;
      const bool client_is_src = e.src_ip == cip;
      const uint32_t other = client_is_src ? e.dst_ip : e.src_ip;
      const int32_t port = client_is_src ? e.src_port : e.dst_port;
      if (client_port > 0 && port > 0 && port != client_port) continue;
      const bool other_is_peer =
          other != 0 && std::find(peer_ips.begin(), peer_ips.end(), other) != peer_ips.end();
      Match m;
      if (other_is_peer) {
        m = client_port > 0 && port == client_port ? Match::kTuple : Match::kPair;
      } else if (peer_ips.empty() && res.peer_host == 0 && HostOfIp(other) == 0) {
        // The peer is no host we know: a flow to one of ours is another connection.
        m = Match::kPairClientOnly;
      } else {
        continue;  // the client's flow to some other host
      }
      Candidate c;
      c.ev = ev;
      c.match = m;
      cands.push_back(c);
    }
  }

  // Time alone, when nothing says where the connection went.
  if (res.peer_method == PeerMethod::kNone && !reset_text_[ri].names_unknown && cands.empty()) {
    for (const auto& [host, list] : explanatory_by_host_) {
      if (host == r.host) continue;
      const auto [first, last] =
          Window(list, t + Offset(host) - opt_.before_us, t + Offset(host) + opt_.after_us);
      for (const int32_t* p = first; p != last; ++p) {
        const int32_t ev = *p;
        const Event& e = events_[ev];
        if (!IsDeath(e.kind) && e.kind != Kind::kOverload) continue;
        if (e.src_ip != 0 || e.dst_ip != 0) continue;
        const int64_t d = Corrected(e) - t;
        if (d < -opt_.before_us || d > opt_.after_us) continue;
        Candidate c;
        c.ev = ev;
        c.match = Match::kTime;
        cands.push_back(c);
      }
    }
  }

  // Score: kind first, then how the candidate is tied to the connection,
  // then closeness (causes precede their effects: a candidate logged after
  // the reset costs three times as much per second).
  for (Candidate& c : cands) {
    const Event& e = events_[c.ev];
    const double d = (Corrected(e) - t) / 1e6;
    const double late = d > 0 ? 3 * d : -d;
    if (c.inherited != nullptr) {
      const Result& in = *c.inherited;
      // A proxy's record always has a conclusion (at least upstream_failure).
      c.score = in.score + MatchBonus(c.match) + 5;
    } else {
      c.score = KindRank(e.kind) * 10 + MatchBonus(c.match) - late;
    }
    const bool connection_event = c.match == Match::kTuple || c.match == Match::kClientIp ||
                                  c.match == Match::kPair;
    if (connection_event && used_connection_events_.contains(c.ev)) c.score -= 15;
  }
  const Candidate* best = nullptr;
  for (const Candidate& c : cands) {
    if (best == nullptr || c.score > best->score ||
        (c.score == best->score && events_[c.ev].id < events_[best->ev].id)) {
      best = &c;
    }
  }

  res.done = true;
  if (best == nullptr && r.role == Role::kProxy) {
    // A proxy's own record of its upstream failing, with nothing deeper:
    // the record is the evidence.
    res.cause = "upstream_failure";
    res.cause_ev = resets_[ri];
    res.server_host = r.host;
    res.match = Match::kHost;
    res.score = 30;
    res.delta_us = 0;
    res.confidence = 0.5;
    return;
  }
  if (best == nullptr) {
    res.cause = "unexplained";
    res.server_host = res.peer_host;
    res.score = 0;
    bool covered = false;
    if (res.peer_host != 0) {
      auto span = host_span_.find(res.peer_host);
      covered = span != host_span_.end() && span->second.first - Offset(res.peer_host) <= t &&
                span->second.second - Offset(res.peer_host) >= t;
    }
    res.confidence = covered ? 0.6 : 0.3;
    return;
  }

  if (best->inherited != nullptr) {
    const Result& in = *best->inherited;
    const Event& link = events_[best->ev];
    res.match = best->match;
    res.score = best->score;
    res.cause = in.cause;
    res.cause_ev = in.cause_ev;
    res.server_host = in.server_host;
    res.confidence = std::min(in.confidence, MatchConfidence(best->match)) * 0.97;
    res.chain = {r.host};
    using Chain = decltype(res.chain);
    const Chain via = in.chain.empty() ? Chain{link.host, in.server_host} : in.chain;
    for (int32_t h : via) {
      if (res.chain.back() != h) res.chain.push_back(h);
    }
    if (res.peer_host == 0) {
      res.peer_host = link.host;
      res.peer_method = PeerMethod::kTuple;
    }
    used_connection_events_.insert(best->ev);
    res.delta_us = Corrected(events_[res.cause_ev]) - t;
    return;
  }

  // The earliest event of the same cause, host and match class within 5 s
  // before the best one, for causes that write a cascade of lines: the
  // segfault rather than the exit status it caused, SChannel's reason (36874)
  // rather than the fatal alert (36888), "Stopping" rather than "Stopped".
  // Episodes of overload, timeouts and flow records keep the nearest line.
  const Event& be = events_[best->ev];
  const Candidate* root = best;
  const bool cascade = IsDeath(be.kind) || IsRestartFamily(be.kind) || be.kind == Kind::kTlsError;
  for (const Candidate& c : cands) {
    if (!cascade) break;
    if (c.inherited != nullptr || c.match != best->match) continue;
    const Event& e = events_[c.ev];
    if (e.host != be.host || CauseOf(e.kind) != CauseOf(be.kind)) continue;
    const int64_t d = Corrected(e) - Corrected(be);
    if (d < -5'000'000 || d > 0) continue;
    const bool connection_event = c.match == Match::kTuple || c.match == Match::kClientIp ||
                                  c.match == Match::kPair;
    if (connection_event && used_connection_events_.contains(c.ev)) continue;
    const Event& re = events_[root->ev];
    if (Corrected(e) < Corrected(re) || (Corrected(e) == Corrected(re) && e.id < re.id &&
                                         KindRank(e.kind) >= KindRank(re.kind))) {
      root = &c;
    }
  }
  const Event& ce = events_[root->ev];
  res.cause = CauseOf(ce.kind);
  res.cause_ev = root->ev;
  res.server_host = ce.host;
  res.match = root->match;
  res.score = best->score;
  res.delta_us = Corrected(ce) - t;
  const int64_t window = std::max<int64_t>(opt_.before_us, 1);
  const double distance = std::min(1.0, std::max(0.0, (std::llabs(res.delta_us) - 2e6) / window));
  double conf = MatchConfidence(root->match) * (1.0 - 0.3 * distance);
  if (root->match == Match::kHost && res.peer_method == PeerMethod::kSource) conf *= 0.85;
  if (IsRestartFamily(ce.kind)) conf *= 0.9;
  auto clock = clocks_.find(ce.host);
  if (clock != clocks_.end() && clock->second.method == "burst") conf *= 0.9;
  res.confidence = conf;
  if (root->match == Match::kTuple || root->match == Match::kClientIp ||
      root->match == Match::kPair) {
    used_connection_events_.insert(root->ev);
  }
  if (ce.host != res.peer_host && res.peer_host != 0 && ce.host != r.host) {
    res.chain = {r.host, ce.host, res.peer_host};
  }
}

int64_t RoundedMs(int64_t us) { return (us >= 0 ? us + 500 : us - 500) / 1000; }

std::string FormatDelay(int64_t delta_us) {
  const int64_t ms = RoundedMs(delta_us);
  if (ms == 0) return "at the same time as the reset";
  const int64_t a = std::llabs(ms);
  std::string n = a < 10'000 ? std::to_string(a) + " ms" : std::to_string((a + 500) / 1000) + " s";
  return n + (ms < 0 ? " before the reset" : " after the reset");
}

std::string FormatAge(int64_t ms) {
  const int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

std::string Correlator::ChainText(const Result& r) const {
  std::string chain;
  for (size_t i = 0; i < r.chain.size(); ++i) {
    if (i > 0) chain += " -> ";
    chain += r.chain[i] != 0 ? host_names_[r.chain[i]] : "?";
  }
  return chain;
}

std::string Correlator::Evidence(int32_t ri, const Result& r) const {
  std::string out;
  auto host = [&](int32_t h) { return h == 0 ? std::string("an unknown host") : host_names_[h]; };
  if (r.cause_ev < 0) {
    if (r.peer_host != 0) {
      out = "Nothing in " + host(r.peer_host) + "'s logs explains it within the window";
    } else if (reset_text_[ri].names_unknown) {
      out = "The peer named in the error is not among the imported hosts";
    } else {
      out = "No peer and no candidate event found in the window";
    }
  } else {
    const Event& e = events_[r.cause_ev];
    const std::string proc =
        e.process != 0 && static_cast<size_t>(e.process) < process_names_.size()
            ? process_names_[e.process]
            : std::string();
    const std::string& reason = e.extra >= 0 ? texts_[extras_[e.extra].reason] : texts_[0];
    std::string what;
    bool reason_shown = false;
    switch (e.kind) {
      case Kind::kOomKill: what = "an OOM kill" + (proc.empty() ? "" : " of " + proc); break;
      case Kind::kCrash: what = "a crash" + (proc.empty() ? "" : " of " + proc); break;
      case Kind::kStop: what = "a stop" + (proc.empty() ? "" : " of " + proc); break;
      case Kind::kStart: what = "a (re)start" + (proc.empty() ? "" : " of " + proc); break;
      case Kind::kRestart: what = "a restart" + (proc.empty() ? "" : " of " + proc); break;
      case Kind::kOverload:
        what = "resource exhaustion" + (proc.empty() ? "" : " in " + proc);
        break;
      case Kind::kTimeout: what = "a timeout"; break;
      case Kind::kTlsError: what = "a TLS handshake failure"; break;
      case Kind::kIdleTimeout:
        what = "an idle-flow teardown";
        if (e.extra >= 0 && extras_[e.extra].duration_ms >= 0) {
          what += " after " + FormatAge(extras_[e.extra].duration_ms);
        }
        break;
      case Kind::kFwDeny: what = "a policy block"; break;
      case Kind::kFwReset: {
        what = "a reset of the flow";
        if (!reason.empty()) what += " (" + reason + ")";
        reason_shown = true;
        if (e.extra >= 0 && extras_[e.extra].duration_ms >= 0) {
          what += " at connection age " + FormatAge(extras_[e.extra].duration_ms);
        }
        break;
      }
      case Kind::kBackendDown: what = "its upstream taken out of service"; break;
      case Kind::kUnhealthy: what = "a failed health check"; break;
      case Kind::kReset:
        what = "the upstream failure";
        break;
      default: what = "an event"; break;
    }
    if (!reason.empty() && !reason_shown) what += " (" + reason + ")";
    out = host(e.host) + " logged " + what + " " + FormatDelay(r.delta_us);
    if (r.cause == "upstream_failure" && e.kind == Kind::kReset) {
      out += " and nothing deeper was found";
    }
    out += ", matched by ";
    out += MatchName(r.match);
    auto timer = idle_timers_.find(e.host);
    if (e.kind == Kind::kFwReset && timer != idle_timers_.end()) {
      const IdleTimer& it = timer->second;
      const std::string age = std::to_string(it.age_ms / 1000) + " s";
      out += "; " + std::to_string(it.resets) + " of the " + std::to_string(it.of) +
             " resets with a flow age there came at " + age + "±" +
             std::to_string(it.spread_ms / 1000) + " s: an idle timer of about " + age +
             " on the path";
    }
  }
  if (r.chain.size() > 2) {
    out += "; chain ";
    for (size_t i = 0; i < r.chain.size(); ++i) {
      if (i > 0) out += " -> ";
      out += host(r.chain[i]);
    }
  }
  if (r.peer_host != 0 && r.peer_method != PeerMethod::kNone) {
    out += " (peer " + host(r.peer_host) + " from ";
    switch (r.peer_method) {
      case PeerMethod::kTuple: out += "the connection's endpoints"; break;
      case PeerMethod::kAddress: out += "the address in the error"; break;
      case PeerMethod::kUpstream: out += "the proxy's upstream"; break;
      case PeerMethod::kSource: out += "the endpoint this log named before"; break;
      case PeerMethod::kNone: break;
    }
    out += ")";
  } else if (r.cause_ev >= 0 && r.match == Match::kTime) {
    out += " (peer unknown: weak)";
  }
  const auto off = clocks_.find(r.cause_ev >= 0 ? events_[r.cause_ev].host : 0);
  if (off != clocks_.end() && off->second.offset_us != 0 && r.cause_ev >= 0) {
    const int64_t ms = off->second.offset_us / 1000;
    out += "; " + host(events_[r.cause_ev].host) + "'s clock " +
           (ms > 0 ? "+" : "") + std::to_string(ms) + " ms corrected";
  }
  if (r.cause_ev >= 0) {
    auto snippet = snippets_.find(events_[r.cause_ev].id);
    if (snippet != snippets_.end() && !snippet->second.empty()) {
      out += ": \"" + snippet->second + "\"";
      return out;
    }
  }
  out += ".";
  return out;
}

absl::Status Correlator::ClearResults() {
  RS_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  started_us_ = NowUs();
  absl::Status s = db_->Exec(
      "DELETE FROM reset_cause_rows; DELETE FROM pattern_rows; DELETE FROM host_clocks; "
      "DELETE FROM template_lifts;");
  if (!s.ok()) (void)db_->Exec("ROLLBACK");
  return s;
}

absl::Status Correlator::Write(CorrelateStats* stats) {
  // Outcomes for the pattern miner, half of them by another thread.
  std::vector<ResetOutcome> outcomes;
  ResizeHuge(&outcomes, resets_.size());
  const auto fill_outcomes = [&](size_t first, size_t last) {
    for (size_t ri = first; ri < last; ++ri) {
      const Result& r = results_[ri];
      const Event& reset = events_[resets_[ri]];
      ResetOutcome& o = outcomes[ri];
      o.reset_id = reset.id;
      o.reset_us = Corrected(reset);
      // Views of the correlator's names, which outlive the outcomes.
      o.cause = r.cause;
      o.server_host = r.server_host;
      if (r.server_host != 0) o.server_host_name = host_names_[r.server_host];
      if (r.cause_ev >= 0) {
        const Event& e = events_[r.cause_ev];
        o.process = e.process;
        if (e.process > 0 && static_cast<size_t>(e.process) < process_names_.size()) {
          o.process_name = process_names_[e.process];
        }
        o.has_delta = true;
        o.delta_ms = RoundedMs(r.delta_us);
        if (e.extra >= 0) {
          o.reason = texts_[extras_[e.extra].reason];
          if (e.kind == Kind::kIdleTimeout || e.kind == Kind::kFwReset) {
            o.age_ms = extras_[e.extra].duration_ms;
          }
        }
      }
    }
  };
  {
    std::thread other(fill_outcomes, outcomes.size() / 2, outcomes.size());
    fill_outcomes(0, outcomes.size() / 2);
    other.join();
  }
  Mark("w:outcomes");
  // The patterns are mined by another thread while the evidence's first lines
  // are read.
  std::vector<Pattern> patterns;
  std::thread miner([&] { patterns = MinePatterns(outcomes); });
  auto rollback = [&](absl::Status s) {
    if (miner.joinable()) miner.join();
    (void)db_->Exec("ROLLBACK");
    return s;
  };
  absl::Status s;

  // The first line of each cause event, quoted in the evidence (those of
  // explanatory kinds were read with the events; a proxy's own record is read
  // here), in id order.
  {
    std::string sql = "SELECT ";
    sql += kMessageSql;
    sql += " FROM events e WHERE e.id = ?1";
    auto msg = db_->Prepare(sql);
    if (!msg.ok()) return rollback(msg.status());
    std::vector<int64_t> missing;
    for (const Result& r : results_) {
      if (r.cause_ev < 0) continue;
      const int64_t id = events_[r.cause_ev].id;
      if (!snippets_.contains(id)) missing.push_back(id);
    }
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    for (const int64_t id : missing) {
      msg->Reset();
      msg->BindInt(1, id);
      auto row = msg->Step();
      if (!row.ok()) return rollback(row.status());
      snippets_[id] = *row ? FirstLine(base::TrimSpace(msg->ColumnText(0)), 100) : "";
    }
  }

  Mark("w:snippets");
  miner.join();
  Mark("w:patterns");
  std::vector<int64_t> pattern_of(outcomes.size(), 0);
  {
    auto ins = db_->Prepare(
        "INSERT INTO pattern_rows(id, cause, server_host_id, process_id, resets, first_us, "
        "last_us, share, summary, detail) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    if (!ins.ok()) return rollback(ins.status());
    for (size_t i = 0; i < patterns.size(); ++i) {
      const Pattern& p = patterns[i];
      const int64_t id = static_cast<int64_t>(i) + 1;
      ins->BindInt(1, id);
      ins->BindText(2, p.cause);
      ins->BindIntOrNull(3, p.server_host, p.server_host == 0);
      ins->BindIntOrNull(4, p.process, p.process == 0);
      ins->BindInt(5, p.resets);
      ins->BindInt(6, p.first_us);
      ins->BindInt(7, p.last_us);
      ins->BindDouble(8, p.share);
      ins->BindText(9, p.summary);
      ins->BindText(10, p.detail_json);
      s = ins->Run();
      if (!s.ok()) return rollback(s);
      for (size_t m : p.members) pattern_of[m] = id;
    }
  }
  auto ins = db_->Prepare(
      "INSERT INTO reset_cause_rows(reset_id, cause, cause_event_id, server_host_id, delta_ms, "
      "confidence, evidence, peer_host_id, peer_method, chain, age_ms, process_id, pattern_id) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  if (!ins.ok()) return rollback(ins.status());
  // The texts of the next batch of rows are written by another thread while
  // this one inserts a batch.
  constexpr size_t kBatch = 16384;
  struct Texts {
    std::vector<std::string> evidence, chain;
  };
  const auto make_texts = [this](size_t from, Texts* out) {
    out->evidence.clear();
    out->chain.clear();
    for (size_t ri = from; ri < std::min(resets_.size(), from + kBatch); ++ri) {
      out->evidence.push_back(Evidence(static_cast<int32_t>(ri), results_[ri]));
      out->chain.push_back(ChainText(results_[ri]));
    }
  };
  Texts texts, next_texts;
  std::thread writer;
  // Counted by the view of the cause (one of CauseNames()), copied once.
  absl::flat_hash_map<std::string_view, int64_t> by_cause;
  make_texts(0, &texts);
  for (size_t ri = 0; ri < resets_.size(); ++ri) {
    if (ri % kBatch == 0) {
      if (writer.joinable()) {
        writer.join();
        std::swap(texts, next_texts);
      }
      if (ri + kBatch < resets_.size()) {
        writer = std::thread(make_texts, ri + kBatch, &next_texts);
      }
    }
    const Result& r = results_[ri];
    const Event& reset = events_[resets_[ri]];
    const std::string& evidence = texts.evidence[ri % kBatch];
    const std::string& chain = texts.chain[ri % kBatch];
    ins->BindInt(1, reset.id);
    ins->BindText(2, r.cause);
    ins->BindIntOrNull(3, r.cause_ev >= 0 ? events_[r.cause_ev].id : 0, r.cause_ev < 0);
    ins->BindIntOrNull(4, r.server_host, r.server_host == 0);
    ins->BindIntOrNull(5, RoundedMs(r.delta_us), r.cause_ev < 0);
    ins->BindDouble(6, std::round(r.confidence * 100) / 100);
    ins->BindText(7, evidence);
    ins->BindIntOrNull(8, r.peer_host, r.peer_host == 0);
    ins->BindText(9, PeerMethodName(r.peer_method));
    if (chain.empty()) {
      ins->BindNull(10);
    } else {
      ins->BindText(10, chain);
    }
    ins->BindIntOrNull(11, outcomes[ri].age_ms, outcomes[ri].age_ms < 0);
    ins->BindIntOrNull(12, outcomes[ri].process, outcomes[ri].process == 0);
    ins->BindIntOrNull(13, pattern_of[ri], pattern_of[ri] == 0);
    s = ins->Run();
    if (!s.ok()) {
      if (writer.joinable()) writer.join();
      return rollback(s);
    }
    ++by_cause[r.cause];
    if (r.cause != "unexplained") ++stats->explained;
  }
  for (const auto& [cause, n] : by_cause) stats->by_cause[std::string(cause)] += n;
  Mark("w:rows");
  stats->resets = static_cast<int64_t>(resets_.size());
  stats->patterns = static_cast<int64_t>(patterns.size());

  auto clk = db_->Prepare(
      "INSERT INTO host_clocks(host_id, offset_ms, method, anchors, spread_ms, "
      "reference_host_id) VALUES (?1,?2,?3,?4,?5,?6)");
  if (!clk.ok()) return rollback(clk.status());
  absl::flat_hash_set<int32_t> host_set;
  for (const auto& [h, span] : host_span_) host_set.insert(h);
  for (const auto& [h, c] : clocks_) host_set.insert(h);
  for (size_t h = 1; h < host_has_events_.size(); ++h) {
    if (host_has_events_[h]) host_set.insert(static_cast<int32_t>(h));
  }
  std::vector<int32_t> hosts(host_set.begin(), host_set.end());
  std::sort(hosts.begin(), hosts.end());
  for (int32_t h : hosts) {
    auto it = clocks_.find(h);
    const Clock c = it == clocks_.end() ? Clock{} : it->second;
    clk->BindInt(1, h);
    clk->BindInt(2, c.offset_us / 1000);
    clk->BindText(3, c.method);
    clk->BindInt(4, c.anchors);
    const bool estimated = c.method == "tuple" || c.method == "burst" || c.method == "request";
    clk->BindIntOrNull(5, c.spread_us / 1000, !estimated);
    clk->BindIntOrNull(6, c.reference, c.reference == 0);
    s = clk->Run();
    if (!s.ok()) return rollback(s);
    HostClock hc;
    hc.host = host_names_[h];
    hc.offset_ms = c.offset_us / 1000;
    hc.method = c.method;
    hc.anchors = c.anchors;
    hc.spread_ms = c.spread_us / 1000;
    hc.reference = c.reference != 0 ? host_names_[c.reference] : "";
    stats->clocks.push_back(hc);
  }
  auto run = db_->Prepare(
      "INSERT INTO correlation_runs(started_us, finished_us, before_ms, after_ms, resets, "
      "explained) VALUES (?1,?2,?3,?4,?5,?6)");
  if (!run.ok()) return rollback(run.status());
  run->BindInt(1, started_us_);
  run->BindInt(2, NowUs());
  run->BindInt(3, opt_.before_us / 1000);
  run->BindInt(4, opt_.after_us / 1000);
  run->BindInt(5, stats->resets);
  run->BindInt(6, stats->explained);
  s = run->Run();
  if (!s.ok()) return rollback(s);
  Mark("w:clocks");
  s = db_->Exec("COMMIT");
  Mark("w:commit");
  return s;
}

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void Correlator::Mark(const char* phase) {
  if (!timing_) return;
  const auto now = std::chrono::steady_clock::now();
  const double cpu = CpuSeconds();
  long rss_kb = 0, hwm_kb = 0;
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f) != nullptr) {
      std::sscanf(line, "VmRSS: %ld", &rss_kb);
      std::sscanf(line, "VmHWM: %ld", &hwm_kb);
    }
    std::fclose(f);
  }
  std::fprintf(stderr, "%-12s %7.3f s wall %7.3f s cpu %6ld MB rss %6ld MB peak\n", phase,
               std::chrono::duration<double>(now - last_wall_).count(), cpu - last_cpu_,
               rss_kb / 1024, hwm_kb / 1024);
  last_wall_ = now;
  last_cpu_ = cpu;
}

absl::StatusOr<CorrelateStats> Correlator::Run() {
  if (timing_) last_cpu_ = CpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  RS_RETURN_IF_ERROR(store::CheckSchema(db_));
  RS_RETURN_IF_ERROR(LoadDictionaries());
  RS_RETURN_IF_ERROR(LoadEvents());
  Mark("load");
  results_.clear();
  ResizeHuge(&results_, resets_.size());
  BuildIndexes();
  Mark("index");
  RS_RETURN_IF_ERROR(LoadHostSpans());
  EstimateClocksFromTuples();
  RS_RETURN_IF_ERROR(EstimateClocksFromRequests());
  Mark("clocks");
  {
    // Each reset's peer depends on nothing but the indexes: two threads.
    const int32_t n = static_cast<int32_t>(resets_.size()), half = n / 2;
    std::thread other([&] {
      for (int32_t ri = half; ri < n; ++ri) ResolvePeers(ri);
    });
    for (int32_t ri = 0; ri < half; ++ri) ResolvePeers(ri);
    other.join();
  }
  RS_RETURN_IF_ERROR(InferPeersFromSources());
  Mark("peers");
  for (const auto& [ri, host] : source_peer_) {
    Result& r = results_[ri];
    if (r.peer_method == PeerMethod::kNone && host != events_[resets_[ri]].host) {
      r.peer_host = host;
      r.peer_method = PeerMethod::kSource;
    }
  }
  // The database is not used again until the results are written: the
  // previous results are deleted meanwhile, on the one connection, by
  // another thread.
  absl::Status cleared;
  std::thread clearer([&] { cleared = ClearResults(); });
  EstimateClocksFromBursts();
  IndexResetTimesByPeer();
  Mark("bursts");

  // Proxy records first, so that a client's reset can follow the chain
  // through the proxy's conclusion; each in time order, so that records of
  // one connection are given out first come, first served.
  struct OrderKey {
    bool client;  // proxies (false) first
    int64_t t, id;
    int32_t ri;
  };
  std::vector<OrderKey> keys;
  ResizeHuge(&keys, resets_.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const Event& x = events_[resets_[i]];
    keys[i] = OrderKey{x.role != Role::kProxy, Corrected(x), x.id, static_cast<int32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(), [](const OrderKey& a, const OrderKey& b) {
    if (a.client != b.client) return !a.client;
    return a.t != b.t ? a.t < b.t : a.id < b.id;
  });
  std::vector<int32_t> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].ri;
  keys = {};
  for (int32_t ri : order) Conclude(ri);
  ConcludeConsistentAges();
  EnrichInput enrich;
  enrich.peer_resets.reserve(resets_.size());
  for (size_t ri = 0; ri < resets_.size(); ++ri) {
    const Event& reset = events_[resets_[ri]];
    const int32_t peer = results_[ri].peer_host;
    if (peer == 0 || peer == reset.host) continue;
    // Logged at T + offset(client); the peer logs the same moment at
    // T + offset(peer).
    enrich.peer_resets.emplace_back(peer, reset.ts - Offset(reset.host) + Offset(peer));
  }
  ForEachEvent([&](int32_t, const Event& e) {
    if (e.host != 0 && e.kind != Kind::kOther && e.kind != Kind::kReset) {
      enrich.classified[e.host].push_back(e.ts);
    }
  });
  for (auto& [host, times] : enrich.classified) std::sort(times.begin(), times.end());
  Mark("conclude");
  // The indexes are not needed to write the results: free them first.
  endpoints_ = {};
  explanatory_by_ip_ = {};
  explanatory_by_host_ = {};
  serving_processes_ = {};
  used_connection_events_ = {};
  reset_times_by_peer_ = {};
  order = {};
  clearer.join();
  RS_RETURN_IF_ERROR(cleared);
  Mark("clear");

  CorrelateStats stats;
  stats.enrich_input = std::move(enrich);
  RS_RETURN_IF_ERROR(Write(&stats));
  Mark("write");
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace

const std::vector<std::string>& CauseNames() {
  static const std::vector<std::string> names = {
      "oom_kill",      "crash",          "restart",          "overload",
      "server_timeout", "network_idle_timeout", "firewall_block", "tls_failure",
      "upstream_failure", "unexplained"};
  return names;
}

absl::StatusOr<CorrelateStats> Correlate(store::Db* db, const CorrelateOptions& options) {
  Correlator c(db, options);
  return c.Run();
}

}  // namespace rstscope::query
