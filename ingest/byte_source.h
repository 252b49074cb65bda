// ByteSource: a forward-only stream of bytes (a file, stdin, an archive
// member, a decompressed stream).
//
// Not thread-safe; a source is read by one thread. Read errors are returned
// as Status with the source's name in the message.
#ifndef RSTSCOPE_INGEST_BYTE_SOURCE_H_
#define RSTSCOPE_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rstscope::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`. Returns the number read; 0 means end of
  // stream. Returns an error status when the underlying read fails (a
  // truncated archive member, an I/O error).
  virtual absl::StatusOr<size_t> Read(char* buf, size_t n) = 0;
};

// A ByteSource over a file descriptor. Owns the descriptor when `owned`.
class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name);
  ~FdSource() override;
  // Opens `path` for reading. NotFound / PermissionDenied / Internal name
  // the path and the OS reason.
  static absl::StatusOr<std::unique_ptr<FdSource>> Open(const std::string& path);
  absl::StatusOr<size_t> Read(char* buf, size_t n) override;
  // Reads from the start again (the same open file, whatever its name is
  // by now: rotation may rename it while it is being read).
  absl::Status Rewind();

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

// Puts already-read bytes back in front of another source, so that a caller
// can look at the first bytes (magic numbers, BOMs) and then read the stream
// from its start. Borrows `inner`, which must outlive it.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, ByteSource* inner)
      : prefix_(std::move(prefix)), inner_(inner) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override;

 private:
  std::string prefix_;
  size_t pos_ = 0;
  ByteSource* inner_;
};

// Reads until `n` bytes or end of stream; fewer only at the end.
absl::StatusOr<size_t> ReadFully(ByteSource* src, char* buf, size_t n);

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_BYTE_SOURCE_H_
