// The report's recommendations: for each cause in a report's window, what
// to change, computed from the evidence (the idle timer a middlebox applied,
// the resident memory of an OOM-killed process and its limit, the resource
// limit an overloaded server hit and how often, the TLS versions involved).
//
// Pure functions of the report plus reads of the cause events' messages and
// of the records logged beside them; deterministic for a given database.
#ifndef RSTSCOPE_QUERY_REPORT_ADVICE_H_
#define RSTSCOPE_QUERY_REPORT_ADVICE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "query/report.h"
#include "store/db.h"

namespace rstscope::query {

// One recommendation per (cause, host and process) group of the report's
// resets, in the order of report.by_cause, then by resets, then subject.
// Errors only from the database.
absl::StatusOr<std::vector<ReportRecommendation>> Recommend(store::Db* db, const Report& report);

// Text helpers, exposed for tests.

// The kB value written as KEY<digits>kB, e.g. KbAfter("anon-rss:1019816kB", "anon-rss:")
// = 1019816; nullopt when KEY is absent or not followed by digits and "kB".
std::optional<int64_t> KbAfter(std::string_view text, std::string_view key);

// The TLS/SSL protocol versions a text names, normalized ("TLS 1.0", "TLS 1.2",
// "SSL 3.0") and sorted: "TLS 1.0", "TLSv1.2", "TLS1.1", "Tls12", "SSLv3".
std::vector<std::string> TlsVersions(std::string_view text);

// Which resource an overload message says ran out, in words ("nginx
// worker_connections (768)", "open files (EMFILE)", ...); empty when the
// message names none that is known.
std::string OverloadLimit(std::string_view message);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_REPORT_ADVICE_H_
