// What the subcommands share: how errors are printed, and how a command that
// writes to the database opens it.
#ifndef RSTSCOPE_CLI_CLI_UTIL_H_
#define RSTSCOPE_CLI_CLI_UTIL_H_

#include <memory>
#include <string>

#include "store/db.h"

namespace rstscope::cli {

// "rstscope: MESSAGE" on stderr.
void Error(const std::string& msg);

// A database opened for writing, with the write lock that import, correlate,
// prune and report --since-last-run share; the lock goes with the object.
struct WritableDb {
  std::unique_ptr<store::Db> db;
  int lock_fd = -1;
  WritableDb() = default;
  WritableDb(const WritableDb&) = delete;
  WritableDb& operator=(const WritableDb&) = delete;
  ~WritableDb();
};

// Opens the existing database at `path` for writing: takes the lock, opens
// it, migrates its schema and sets the rollback journal. On failure prints an
// error naming the file (`missing_hint` is appended when there is no such
// file) and returns false.
bool OpenForWriting(const std::string& path, const std::string& missing_hint, WritableDb* out);

}  // namespace rstscope::cli

#endif  // RSTSCOPE_CLI_CLI_UTIL_H_
