#include "ingest/cursor.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace rstscope::ingest {
namespace {

constexpr uint64_t kHead = base::ImportCursor::kHeadBytes;

}  // namespace

absl::StatusOr<size_t> HashingSource::Read(char* buf, size_t n) {
  auto got = inner_->Read(buf, n);
  if (!got.ok() || *got == 0) return got;
  const size_t len = *got;
  if (head_bytes_.size() < kHead) {
    head_bytes_.append(buf, std::min<size_t>(len, kHead - head_bytes_.size()));
  }
  // The complete-lines hash is the running hash as it was after the last
  // line feed: a copy taken there, so nothing after it needs to be kept.
  const void* last_nl = ::memrchr(buf, '\n', len);
  if (last_nl == nullptr) {
    total_.Update(buf, len);
    return got;
  }
  const size_t through = static_cast<const char*>(last_nl) - buf + 1;
  total_.Update(buf, through);
  complete_ = total_;
  total_.Update(buf + through, len - through);
  return got;
}

std::string HashingSource::head_hash(uint64_t end) const {
  return base::HashHex(std::string_view(head_bytes_).substr(0, std::min(end, kHead)));
}

std::string CursorSet::Key(uint64_t head_len, const std::string& head_hash) {
  return std::to_string(head_len) + ":" + head_hash;
}

void CursorSet::Index(int slot) {
  const base::ImportCursor& c = cursors_[slot];
  by_head_[Key(c.head_len, c.head_hash)].push_back(slot);
  ++head_lens_[c.head_len];
}

void CursorSet::Unindex(int slot) {
  const base::ImportCursor& c = cursors_[slot];
  auto it = by_head_.find(Key(c.head_len, c.head_hash));
  if (it != by_head_.end()) {
    std::erase(it->second, slot);
    if (it->second.empty()) by_head_.erase(it);
  }
  auto len = head_lens_.find(c.head_len);
  if (len != head_lens_.end() && --len->second == 0) head_lens_.erase(len);
}

int CursorSet::Add(base::ImportCursor cursor) {
  if (cursor.offset == 0) return -1;
  cursors_.push_back(std::move(cursor));
  const int slot = static_cast<int>(cursors_.size()) - 1;
  Index(slot);
  return slot;
}

void CursorSet::Replace(int slot, base::ImportCursor cursor) {
  Unindex(slot);
  cursors_[slot] = std::move(cursor);
  if (cursors_[slot].offset > 0) Index(slot);
}

int CursorSet::SlotOf(int64_t source_id, uint64_t source_key) const {
  for (size_t i = 0; i < cursors_.size(); ++i) {
    if (cursors_[i].source_id == source_id && cursors_[i].source_key == source_key) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

absl::StatusOr<CursorSet::Match> CursorSet::Find(ByteSource* src, bool complete_lines_only) const {
  Match match;
  if (by_head_.empty()) return match;
  // Offsets at which the hash of the bytes so far is compared: first the
  // head lengths in use, then the offsets of the candidates they find.
  std::map<uint64_t, std::vector<int>> candidates;  // offset -> slots
  std::vector<uint64_t> heads;
  for (const auto& [len, count] : head_lens_) heads.push_back(len);
  std::sort(heads.begin(), heads.end());
  size_t next_head = 0;
  auto next_target = [&]() -> uint64_t {
    uint64_t t = UINT64_MAX;
    if (next_head < heads.size()) t = heads[next_head];
    if (!candidates.empty()) t = std::min(t, candidates.begin()->first);
    return t;
  };
  base::Hasher hasher;
  uint64_t pos = 0;
  bool after_best = false;       // a byte after the best match was seen
  bool line_after_best = false;  // ... and a line feed
  std::vector<char> buf(64 * 1024);
  for (;;) {
    const uint64_t target = next_target();
    const bool matching = target != UINT64_MAX;
    const bool need_more = match.slot >= 0 && !(complete_lines_only ? line_after_best : after_best);
    if (!matching && !need_more) break;
    auto got = src->Read(buf.data(), buf.size());
    if (!got.ok()) return got.status();
    if (*got == 0) break;  // end of stream: later targets cannot match
    size_t off = 0;
    while (off < *got) {
      const uint64_t t = next_target();
      const size_t take = t == UINT64_MAX
                              ? *got - off
                              : static_cast<size_t>(std::min<uint64_t>(*got - off, t - pos));
      if (take > 0) {
        hasher.Update(buf.data() + off, take);
        if (match.slot >= 0) {
          after_best = true;
          if (std::memchr(buf.data() + off, '\n', take) != nullptr) line_after_best = true;
        }
        off += take;
        pos += take;
      }
      if (pos != t) continue;
      const std::string digest = hasher.HexDigest();
      if (next_head < heads.size() && heads[next_head] == pos) {
        ++next_head;
        auto it = by_head_.find(Key(pos, digest));
        if (it != by_head_.end()) {
          for (int slot : it->second) candidates[cursors_[slot].offset].push_back(slot);
        }
      }
      auto at = candidates.find(pos);
      if (at != candidates.end()) {
        for (int slot : at->second) {
          if (cursors_[slot].prefix_hash != digest) continue;
          // Same bytes: the latest source of them wins.
          if (match.slot < 0 || cursors_[slot].offset > cursors_[match.slot].offset ||
              cursors_[slot].source_id > cursors_[match.slot].source_id) {
            match.slot = slot;
            after_best = line_after_best = false;
          }
        }
        candidates.erase(at);
      }
    }
  }
  match.has_more = complete_lines_only ? line_after_best : after_best;
  return match;
}

}  // namespace rstscope::ingest
