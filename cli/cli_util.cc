#include "cli/cli_util.h"

#include <unistd.h>

#include <cstdio>

#include "store/schema.h"

namespace rstscope::cli {

void Error(const std::string& msg) { std::fprintf(stderr, "rstscope: %s\n", msg.c_str()); }

WritableDb::~WritableDb() {
  db.reset();
  if (lock_fd >= 0) ::close(lock_fd);
}

bool OpenForWriting(const std::string& path, const std::string& missing_hint, WritableDb* out) {
  if (::access(path.c_str(), F_OK) != 0) {
    Error(path + ": no such database" + missing_hint);
    return false;
  }
  auto lock = store::AcquireWriteLock(path);
  if (!lock.ok()) {
    Error(std::string(lock.status().message()));
    return false;
  }
  out->lock_fd = *lock;
  auto db = store::Db::Open(path, store::Db::Mode::kReadWrite);
  if (!db.ok()) {
    Error(path + ": " + std::string(db.status().message()));
    return false;
  }
  out->db = std::move(*db);
  absl::Status s = store::EnsureSchema(out->db.get());
  if (s.ok()) s = out->db->Exec("PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = NORMAL;");
  if (!s.ok()) {
    Error(path + ": " + std::string(s.message()));
    return false;
  }
  return true;
}

}  // namespace rstscope::cli
