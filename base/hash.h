// A fast, stable 128-bit content hash for import bookkeeping.
//
// The digest identifies a source's content across runs and machines, so it
// must never depend on a process seed (absl::Hash does). It is not a
// cryptographic hash: it guards against re-importing the same bytes, not
// against an adversary. Hasher is not thread-safe; use one per stream.
#ifndef RSTSCOPE_BASE_HASH_H_
#define RSTSCOPE_BASE_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rstscope::base {

class Hasher {
 public:
  Hasher();
  void Update(const void* data, size_t n);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  // 32 lowercase hex digits. Does not change the state: Update may continue.
  std::string HexDigest() const;
  uint64_t bytes() const { return total_; }

 private:
  void Block(const unsigned char* p);
  uint64_t a_, b_;
  uint64_t total_ = 0;
  unsigned char pending_[32];
  size_t npending_ = 0;
};

// Digest of a whole buffer.
std::string HashHex(std::string_view data);

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_HASH_H_
