// Running user SQL against a timeline database.
#ifndef RSTSCOPE_QUERY_SQL_RUNNER_H_
#define RSTSCOPE_QUERY_SQL_RUNNER_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "query/output.h"
#include "store/db.h"

namespace rstscope::query {

// Opens `path` read-only (log content can never change the database
// through a query) and checks it is an rstscope database.
absl::StatusOr<std::unique_ptr<store::Db>> OpenForQuery(const std::string& path);

// Runs every statement in `sql` in order, writing each result set with a
// new writer of `format` to `out`. Stops at the first error and returns
// InvalidArgument with SQLite's message. Returns the number of rows written.
absl::StatusOr<uint64_t> RunSql(store::Db* db, std::string_view sql, OutputFormat format,
                                std::FILE* out);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_SQL_RUNNER_H_
