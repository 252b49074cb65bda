#include "cli/cli_util.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "base/utf8.h"
#include "store/schema.h"

namespace rstscope::cli {

void Error(const std::string& msg) { std::fprintf(stderr, "rstscope: %s\n", msg.c_str()); }

namespace {

// Appends `text` to *out with the control characters shown as escapes
// (base::ControlCharLength; a carriage return is one too, since it would let
// a line overwrite what is shown before it). A 0xC2 lead byte at the very
// end of `text` is held in *pending_c2: whether it starts a C1 control
// depends on the next write's first byte.
void AppendTerminalSafe(std::string_view text, bool* pending_c2, std::string* out) {
  std::string joined;
  if (*pending_c2) {
    joined.reserve(text.size() + 1);
    joined.push_back('\xC2');
    joined.append(text);
    text = joined;
    *pending_c2 = false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\xC2' && i + 1 == text.size()) {
      *pending_c2 = true;
      break;
    }
    if (const size_t len = base::ControlCharLength(text, i, /*cr_is_control=*/true)) {
      base::AppendControlEscape(text.substr(i, len), out);
      i += len - 1;
    } else {
      out->push_back(text[i]);
    }
  }
}

struct SafeStream {
  int fd;
  bool pending_c2 = false;
};

ssize_t SafeWrite(void* cookie, const char* buf, size_t size) {
  auto* s = static_cast<SafeStream*>(cookie);
  std::string out;
  out.reserve(size + 16);
  AppendTerminalSafe(std::string_view(buf, size), &s->pending_c2, &out);
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(s->fd, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(size);
}

int SafeClose(void* cookie) {
  auto* s = static_cast<SafeStream*>(cookie);
  if (s->pending_c2) {
    const char c2 = '\xC2';
    (void)!::write(s->fd, &c2, 1);
  }
  return 0;
}

// The streams live as long as the process: exit() flushes them but never
// closes them, so their state is static rather than allocated.
SafeStream safe_streams[3] = {{0}, {STDOUT_FILENO}, {STDERR_FILENO}};

std::FILE* OpenSafe(int fd, int buffering) {
  cookie_io_functions_t io{};
  io.write = SafeWrite;
  io.close = SafeClose;
  std::FILE* f = ::fopencookie(&safe_streams[fd], "w", io);
  if (f != nullptr) std::setvbuf(f, nullptr, buffering, buffering == _IONBF ? 0 : BUFSIZ);
  return f;
}

}  // namespace

std::string TerminalSafe(std::string_view text) {
  std::string out;
  bool pending_c2 = false;
  AppendTerminalSafe(text, &pending_c2, &out);
  if (pending_c2) out.push_back('\xC2');
  return out;
}

void MakeOutputTerminalSafe(bool stdout_too) {
  // The streams replaced keep their buffering: stderr unbuffered, stdout
  // line-buffered on a terminal and fully buffered otherwise.
  std::fflush(stderr);
  if (std::FILE* err = OpenSafe(STDERR_FILENO, _IONBF)) stderr = err;
  if (stdout_too) {
    std::fflush(stdout);
    const int mode = ::isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF;
    if (std::FILE* out = OpenSafe(STDOUT_FILENO, mode)) stdout = out;
  }
}

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
