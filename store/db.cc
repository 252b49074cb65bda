#include "store/db.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>
#include <sys/stat.h>

namespace rstscope::store {

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

void Statement::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::BindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Statement::BindText(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

absl::StatusOr<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return absl::UnavailableError(msg);
  if (rc == SQLITE_FULL) return absl::ResourceExhaustedError(msg);
  return absl::InternalError(msg);
}

absl::Status Statement::Run() {
  for (;;) {
    auto more = Step();
    if (!more.ok()) return more.status();
    if (!*more) break;
  }
  Reset();
  return absl::OkStatus();
}

void Statement::Reset() { sqlite3_reset(stmt_); }

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string_view Statement::ColumnName(int i) const { return sqlite3_column_name(stmt_, i); }
int Statement::ColumnType(int i) const { return sqlite3_column_type(stmt_, i); }
int64_t Statement::ColumnInt(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::ColumnDouble(int i) const { return sqlite3_column_double(stmt_, i); }
bool Statement::ColumnIsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

std::string_view Statement::ColumnText(int i) const {
  const unsigned char* p = sqlite3_column_text(stmt_, i);
  if (p == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, i));
}

namespace {

// Process-wide SQLite settings, applied once before the library
// initializes. Memory statistics take a global mutex on every allocation;
// nothing here reads them, and they showed up in the import profile.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
    return true;
  }();
  (void)configured;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, Mode mode) {
  ConfigureSqliteOnce();
  struct stat st;
  if (mode != Mode::kCreate && ::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(path + ": no such database (run `rstscope import --db " + path +
                               " ...` first)");
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::UnavailableError(path + ": cannot open database: " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  // Wait for another connection's lock rather than failing at once.
  sqlite3_busy_timeout(db, 10000);
  if (mode == Mode::kReadOnly) {
    // A killed import leaves a hot rollback journal, which the first reader
    // must play back, and a read-only connection cannot: every query would
    // fail with "attempt to write a readonly database" until the next
    // import. Play it back through a short read-write connection (that
    // only restores the last committed state; when an import is running
    // the journal is not hot and nothing happens), then read as asked.
    const int probe = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr,
                                   nullptr);
    if (probe != SQLITE_OK && sqlite3_extended_errcode(db) == SQLITE_READONLY_ROLLBACK) {
      sqlite3_close(db);
      db = nullptr;
      sqlite3* rw = nullptr;
      int rc2 = sqlite3_open_v2(path.c_str(), &rw, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE,
                                nullptr);
      if (rc2 == SQLITE_OK) {
        sqlite3_busy_timeout(rw, 10000);
        rc2 = sqlite3_exec(rw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
      }
      sqlite3_close(rw);
      if (rc2 != SQLITE_OK) {
        return absl::UnavailableError(
            path + ": a killed import left a journal that must be rolled back first, which "
                   "needs write access to the database and its directory");
      }
      if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return absl::UnavailableError(path + ": cannot open database: " + msg);
      }
      sqlite3_extended_result_codes(db, 1);
      sqlite3_busy_timeout(db, 10000);
    }
  }
  return std::unique_ptr<Db>(new Db(db, path));
}

Db::~Db() { sqlite3_close_v2(db_); }

absl::Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : ErrorMessage();
    sqlite3_free(err);
    return absl::InternalError(msg);
  }
  return absl::OkStatus();
}

absl::StatusOr<Statement> Db::Prepare(std::string_view sql, std::string_view* tail) {
  sqlite3_stmt* stmt = nullptr;
  const char* rest = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &rest);
  if (rc != SQLITE_OK) return absl::InvalidArgumentError(ErrorMessage());
  if (tail != nullptr) *tail = std::string_view(rest, sql.data() + sql.size() - rest);
  return Statement(stmt, db_);
}

absl::StatusOr<int64_t> Db::QueryInt(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->ColumnInt(0) : 0;
}

int64_t Db::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int64_t Db::Changes() const { return sqlite3_changes64(db_); }
std::string Db::ErrorMessage() const { return sqlite3_errmsg(db_); }

absl::StatusOr<int> AcquireWriteLock(const std::string& db_path) {
  const std::string lock_path = db_path + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return absl::PermissionDeniedError("cannot create lock file " + lock_path);
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return absl::UnavailableError("another rstscope import or correlate is writing to " +
                                  db_path + "; wait for it to finish (lock: " + lock_path + ")");
  }
  return fd;
}

}  // namespace rstscope::store
