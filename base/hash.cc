#include "base/hash.h"

#include <cstring>

namespace rstscope::base {
namespace {

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;

inline uint64_t Load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Avalanche so that every input bit affects every output bit.
inline uint64_t Finish(uint64_t x) {
  x ^= x >> 33;
  x *= kP2;
  x ^= x >> 29;
  x *= kP3;
  x ^= x >> 32;
  return x;
}

}  // namespace

Hasher::Hasher() : a_(kP1 ^ 0x72737473636f7065ULL), b_(kP4) {}

void Hasher::Block(const unsigned char* p) {
  // Two independent lanes of 16 bytes each per 32-byte block keep the
  // multiplies pipelined.
  a_ = Rotl((a_ ^ Load64(p)) * kP1, 31) * kP2;
  a_ = Rotl((a_ ^ Load64(p + 8)) * kP3, 27) * kP1;
  b_ = Rotl((b_ ^ Load64(p + 16)) * kP2, 33) * kP4;
  b_ = Rotl((b_ ^ Load64(p + 24)) * kP1, 29) * kP3;
}

void Hasher::Update(const void* data, size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  total_ += n;
  if (npending_ > 0) {
    const size_t take = n < 32 - npending_ ? n : 32 - npending_;
    std::memcpy(pending_ + npending_, p, take);
    npending_ += take;
    p += take;
    n -= take;
    if (npending_ < 32) return;
    Block(pending_);
    npending_ = 0;
  }
  while (n >= 32) {
    Block(p);
    p += 32;
    n -= 32;
  }
  std::memcpy(pending_, p, n);
  npending_ = n;
}

std::string Hasher::HexDigest() const {
  uint64_t a = a_, b = b_;
  unsigned char tail[32] = {0};
  std::memcpy(tail, pending_, npending_);
  a ^= Load64(tail) * kP3 ^ Load64(tail + 8) * kP1;
  b ^= Load64(tail + 16) * kP4 ^ Load64(tail + 24) * kP2;
  a ^= total_ * kP4;
  b ^= Rotl(total_, 17) * kP1;
  const uint64_t h1 = Finish(a + Rotl(b, 23));
  const uint64_t h2 = Finish(b ^ Rotl(a, 41) ^ kP2);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[i] = kHex[(h1 >> (60 - 4 * i)) & 0xF];
    out[16 + i] = kHex[(h2 >> (60 - 4 * i)) & 0xF];
  }
  return out;
}

std::string HashHex(std::string_view data) {
  Hasher h;
  h.Update(data);
  return h.HexDigest();
}

}  // namespace rstscope::base
