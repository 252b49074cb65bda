#include "query/request_anchors.h"

#include <cctype>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/status.h"

namespace rstscope::query {
namespace {

// Lower case, so that "3F0B..." and "3f0b..." are one id.
std::string Canonical(std::string_view id) {
  std::string out(id);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Seen {
  int32_t host;
  int64_t ts_us;
};

}  // namespace

bool IsRequestId(std::string_view token) {
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  if (token.size() == 32) {
    for (char c : token) {
      if (!hex(c)) return false;
    }
  } else if (token.size() == 36) {
    for (size_t i = 0; i < token.size(); ++i) {
      const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? token[i] != '-' : !hex(token[i])) return false;
    }
  } else {
    return false;
  }
  // An id has both digits and letters almost always; 32 zeros or a run of
  // one digit is a placeholder.
  int digits = 0;
  absl::flat_hash_set<char> distinct;
  for (char c : token) {
    if (c == '-') continue;
    digits += c >= '0' && c <= '9';
    distinct.insert(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return digits > 0 && distinct.size() >= 4;
}

absl::StatusOr<std::vector<RequestPair>> FindRequestPairs(store::Db* db,
                                                          const std::vector<int32_t>& hosts,
                                                          const RequestAnchorOptions& options) {
  std::vector<RequestPair> pairs;
  if (hosts.empty()) return pairs;
  absl::flat_hash_set<int32_t> targets(hosts.begin(), hosts.end());

  // The ids each target host logged: first record per id.
  absl::flat_hash_map<std::string, std::vector<Seen>> ids;
  {
    RS_ASSIGN_OR_RETURN(store::Statement st,
                        db->Prepare("SELECT ts_us, text FROM events WHERE host_id = ?1 "
                                    "ORDER BY ts_us LIMIT ?2"));
    for (int32_t host : hosts) {
      st.Reset();
      st.BindInt(1, host);
      st.BindInt(2, options.max_rows_per_host);
      int found = 0;
      while (found < options.max_ids_per_host) {
        RS_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        const int64_t ts = st.ColumnInt(0);
        ForEachRequestId(st.ColumnText(1), [&](std::string_view id) {
          std::vector<Seen>& seen = ids[Canonical(id)];
          for (const Seen& s : seen) {
            if (s.host == host) return;
          }
          seen.push_back({host, ts});
          ++found;
        });
      }
    }
  }
  if (ids.empty()) return pairs;

  // Proxy sources, each read by its range of ids (a rowid range scan): a
  // source's first record tells its role.
  struct Range {
    int64_t source, lo, hi;
  };
  std::vector<Range> ranges;
  {
    RS_ASSIGN_OR_RETURN(
        store::Statement st,
        db->Prepare("SELECT s.id, COALESCE(s.min_event_id, 0), "
                    "COALESCE(s.max_event_id, 9223372036854775807) FROM sources s "
                    "WHERE (SELECT e.role FROM events e WHERE e.id >= COALESCE(s.min_event_id, 0) "
                    "AND e.source_id = s.id ORDER BY e.id LIMIT 1) = 3 ORDER BY s.id"));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ranges.push_back({st.ColumnInt(0), st.ColumnInt(1), st.ColumnInt(2)});
    }
  }
  RS_ASSIGN_OR_RETURN(store::Statement st,
                      db->Prepare("SELECT host_id, ts_us, text FROM events "
                                  "WHERE id BETWEEN ?1 AND ?2 AND source_id = ?3 AND role = 3"));
  absl::flat_hash_map<int32_t, int> per_host;
  absl::flat_hash_set<std::string> used;
  int64_t read = 0;
  for (const Range& r : ranges) {
    st.Reset();
    st.BindInt(1, r.lo);
    st.BindInt(2, r.hi);
    st.BindInt(3, r.source);
    while (read < options.max_proxy_rows) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ++read;
      const auto proxy = static_cast<int32_t>(st.ColumnInt(0));
      const int64_t ts = st.ColumnInt(1);
      ForEachRequestId(st.ColumnText(2), [&](std::string_view token) {
        std::string id = Canonical(token);
        auto it = ids.find(id);
        if (it == ids.end() || !used.insert(id).second) return;
        for (const Seen& s : it->second) {
          if (s.host == proxy || !targets.contains(s.host)) continue;
          const int64_t diff = s.ts_us - ts;
          if (diff > options.window_us || -diff > options.window_us) continue;
          pairs.push_back({proxy, s.host, diff});
          ++per_host[s.host];
        }
      });
    }
    bool enough = per_host.size() == targets.size();
    for (const auto& [h, n] : per_host) enough = enough && n >= options.enough_pairs;
    if (enough || read >= options.max_proxy_rows) break;
  }
  return pairs;
}

}  // namespace rstscope::query
