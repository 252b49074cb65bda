#include "query/sql_runner.h"

#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <vector>

#include "base/strings.h"
#include "store/schema.h"

namespace rstscope::query {

absl::StatusOr<std::unique_ptr<store::Db>> OpenForQuery(const std::string& path) {
  auto db = store::Db::Open(path, store::Db::Mode::kReadOnly);
  if (!db.ok()) return db.status();
  absl::Status s = store::CheckSchema(db->get());
  if (!s.ok()) return s;
  return db;
}

absl::StatusOr<uint64_t> RunSql(store::Db* db, std::string_view sql, OutputFormat format,
                                std::FILE* out) {
  uint64_t rows = 0;
  std::string_view rest = sql;
  while (!base::TrimSpace(rest).empty()) {
    std::string_view tail;
    auto stmt = db->Prepare(rest, &tail);
    if (!stmt.ok()) return stmt.status();
    std::string_view text = base::TrimSpace(rest.substr(0, rest.size() - tail.size()));
    if (!text.empty() && text.back() == ';') text = base::TrimSpace(text.substr(0, text.size() - 1));
    rest = tail;
    if (stmt->raw() == nullptr) continue;  // only whitespace or a comment
    // The connection is read-only, but VACUUM INTO would still write a new
    // file: `query` writes nothing, anywhere. Of several statements, the
    // message names the one refused (those before it have run).
    if (!sqlite3_stmt_readonly(stmt->raw())) {
      constexpr size_t kShown = 60;
      const std::string shown = text.size() > kShown
                                    ? std::string(text.substr(0, kShown)) + "..."
                                    : std::string(text);
      return absl::InvalidArgumentError(
          "query only reads: \"" + shown +
          "\" would write (to the database or, for VACUUM INTO, to a new file)");
    }
    auto writer = MakeResultWriter(format, out);
    const int ncols = stmt->ColumnCount();
    std::vector<std::string> names;
    for (int i = 0; i < ncols; ++i) names.emplace_back(stmt->ColumnName(i));
    if (ncols > 0) writer->Columns(names);
    std::vector<Value> values(ncols);
    for (;;) {
      auto row = stmt->Step();
      if (!row.ok()) return absl::InvalidArgumentError(row.status().message());
      if (!*row) break;
      for (int i = 0; i < ncols; ++i) {
        Value& v = values[i];
        switch (stmt->ColumnType(i)) {
          case SQLITE_NULL:
            v.type = Value::kNull;
            v.text.clear();
            break;
          case SQLITE_INTEGER:
            v.type = Value::kInteger;
            v.text = std::to_string(stmt->ColumnInt(i));
            break;
          case SQLITE_FLOAT:
            // SQLite's own rendering (shortest of %.15g that round-trips).
            v.type = Value::kReal;
            v.text = std::string(stmt->ColumnText(i));
            break;
          default:
            v.type = Value::kText;
            v.text = std::string(stmt->ColumnText(i));
            break;
        }
      }
      writer->Row(values);
      ++rows;
    }
    if (ncols > 0) writer->End();
  }
  return rows;
}

}  // namespace rstscope::query
