// Clock anchors from request ids: a request that a proxy logged and its
// backend logged again under the same id (Envoy's x-request-id, nginx's
// $request_id, an application's correlation id) was handled by both at about
// the same moment, so the difference of the two timestamps is the difference
// of the two clocks plus the proxy-to-backend latency.
#ifndef RSTSCOPE_QUERY_REQUEST_ANCHORS_H_
#define RSTSCOPE_QUERY_REQUEST_ANCHORS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "store/db.h"

namespace rstscope::query {

struct RequestPair {
  int32_t proxy_host = 0;   // hosts.id of the proxy record
  int32_t other_host = 0;   // hosts.id of the record with the same id
  int64_t diff_us = 0;      // other record's time - proxy record's time
};

struct RequestAnchorOptions {
  int64_t window_us = 600'000'000;   // pairs farther apart are not the same request
  int64_t max_rows_per_host = 200'000;  // records of a host read for ids
  int max_ids_per_host = 5'000;
  int64_t max_proxy_rows = 5'000'000;   // proxy records read for ids
  int enough_pairs = 200;               // per host: stop looking when every host has these
};

// Pairs of records that carry the same request id, one from a proxy (role
// proxy) and one from a host in `hosts`, within the window. Request ids are
// tokens of the form 8-4-4-4-12 hex digits (UUIDs) or 32 hex digits. Each id
// counts once per host (its first record). Reads at most the budgets in
// `options`, so the cost is bounded on large timelines.
absl::StatusOr<std::vector<RequestPair>> FindRequestPairs(store::Db* db,
                                                          const std::vector<int32_t>& hosts,
                                                          const RequestAnchorOptions& options);

// Calls `fn(id)` for each request-id token in `text`, in order.
template <typename Fn>
void ForEachRequestId(std::string_view text, Fn fn);

// Whether `token` (a maximal run of hex digits and dashes) is a request id.
bool IsRequestId(std::string_view token);

template <typename Fn>
void ForEachRequestId(std::string_view text, Fn fn) {
  auto is_part = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
  };
  size_t i = 0;
  while (i < text.size()) {
    if (!is_part(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && is_part(text[j])) ++j;
    // Part of a longer word (".../abc-def12345..."): letters g-z around it.
    const bool bounded = (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) &&
                         (j == text.size() || !std::isalnum(static_cast<unsigned char>(text[j])));
    if (bounded && (j - i == 32 || j - i == 36) && IsRequestId(text.substr(i, j - i))) {
      fn(text.substr(i, j - i));
    }
    i = j;
  }
}

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REQUEST_ANCHORS_H_
