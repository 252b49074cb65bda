#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rstscope::ingest {

FdSource::FdSource(int fd, bool owned, std::string name)
    : fd_(fd), owned_(owned), name_(std::move(name)) {}

FdSource::~FdSource() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

absl::StatusOr<std::unique_ptr<FdSource>> FdSource::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    const std::string msg = path + ": " + std::strerror(err);
    if (err == ENOENT) return absl::NotFoundError(msg);
    if (err == EACCES || err == EPERM) return absl::PermissionDeniedError(msg);
    return absl::InternalError(msg);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_unique<FdSource>(fd, true, path);
}

absl::StatusOr<size_t> FdSource::Read(char* buf, size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    return absl::DataLossError(name_ + ": read failed: " + std::strerror(errno));
  }
}

absl::Status FdSource::Rewind() {
  if (::lseek(fd_, 0, SEEK_SET) != 0) {
    return absl::DataLossError(name_ + ": cannot read it again: " + std::strerror(errno));
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> PrefixedSource::Read(char* buf, size_t n) {
  if (pos_ < prefix_.size()) {
    const size_t take = std::min(n, prefix_.size() - pos_);
    std::memcpy(buf, prefix_.data() + pos_, take);
    pos_ += take;
    return take;
  }
  return inner_->Read(buf, n);
}

absl::StatusOr<size_t> ReadFully(ByteSource* src, char* buf, size_t n) {
  size_t total = 0;
  while (total < n) {
    auto got = src->Read(buf + total, n - total);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    total += *got;
  }
  return total;
}

}  // namespace rstscope::ingest
