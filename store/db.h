// Thin RAII wrappers over the SQLite C API.
//
// Db owns a connection; Statement owns a prepared statement and follows
// prepare -> bind -> step -> reset. Errors come back as absl::Status with
// SQLite's own message. A Db and its Statements belong to one thread at a
// time (connections are opened with SQLITE_OPEN_NOMUTEX).
#ifndef RSTSCOPE_STORE_DB_H_
#define RSTSCOPE_STORE_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rstscope::store {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is bound without a copy: it
  // must stay valid until the statement is stepped.
  void BindInt(int index, int64_t value);
  void BindText(int index, std::string_view value);
  void BindDouble(int index, double value);
  void BindNull(int index);
  // Binds `value`, or NULL when `is_null`.
  void BindIntOrNull(int index, int64_t value, bool is_null) {
    is_null ? BindNull(index) : BindInt(index, value);
  }

  // Steps once. Returns true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, ignoring rows, and resets.
  absl::Status Run();
  // Resets for another step. Bindings are kept: callers rebind them all.
  void Reset();

  int ColumnCount() const;
  std::string_view ColumnName(int i) const;
  int ColumnType(int i) const;  // SQLITE_INTEGER, SQLITE_TEXT, ...
  int64_t ColumnInt(int i) const;
  double ColumnDouble(int i) const;
  std::string_view ColumnText(int i) const;
  bool ColumnIsNull(int i) const;

  sqlite3_stmt* raw() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

class Db {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };

  // Opens (or, with kCreate, creates) the database at `path`. NotFound
  // when a read-only or read-write open finds no file.
  static absl::StatusOr<std::unique_ptr<Db>> Open(const std::string& path, Mode mode);
  ~Db();

  // Runs one or more statements that return no rows.
  absl::Status Exec(std::string_view sql);
  // Prepares one statement. `tail`, when given, receives the unparsed rest.
  absl::StatusOr<Statement> Prepare(std::string_view sql, std::string_view* tail = nullptr);
  // Runs a query expected to return one integer (0 when no row / NULL).
  absl::StatusOr<int64_t> QueryInt(std::string_view sql);

  int64_t LastInsertRowid() const;
  int64_t Changes() const;
  std::string ErrorMessage() const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// Takes the exclusive advisory lock (flock on DB_PATH.lock) that every
// command writing to the database holds: import and correlate. Returns the
// lock's file descriptor (closing it releases the lock); Unavailable, naming
// the lock file, when another rstscope process holds it.
absl::StatusOr<int> AcquireWriteLock(const std::string& db_path);

}  // namespace rstscope::store

#endif  // RSTSCOPE_STORE_DB_H_
