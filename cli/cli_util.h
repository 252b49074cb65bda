// What the subcommands share: how errors are printed, and how a command that
// writes to the database opens it.
#ifndef RSTSCOPE_CLI_CLI_UTIL_H_
#define RSTSCOPE_CLI_CLI_UTIL_H_

#include <memory>
#include <string>
#include <string_view>

#include "store/db.h"

namespace rstscope::cli {

// "rstscope: MESSAGE" on stderr.
void Error(const std::string& msg);

// Replaces stderr, and stdout when `stdout_too`, by streams that show
// control characters as text: every C0 control but line feed and tab, DEL
// and the C1 controls (U+0080-U+009F) are written as \xHH or \u00HH. Text a
// log wrote (a message, a host, an archive member's name) then cannot move
// the cursor, retitle the window or clear the screen of whoever reads
// rstscope's output in a terminal. Data outputs (query --format csv, json,
// ndjson; reports) keep their bytes: their own escaping applies there.
void MakeOutputTerminalSafe(bool stdout_too);

// The filter of MakeOutputTerminalSafe on one piece of text (for tests and
// for callers that build a line before printing it).
std::string TerminalSafe(std::string_view text);

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
