// Incremental import: recognising content imported before, by content.
//
// A log directory that keeps being written to is imported again and again
// (cron, a systemd timer). Files grow (app.log), get renamed (app.log ->
// app.log.1) and compressed (app.log.1 -> app.log.2.gz). Names say nothing;
// content does. Each import of a plain file or a single compressed stream
// leaves a base::ImportCursor: how many bytes and lines of the decompressed
// stream it imported, the hash of those bytes, and the hash of their first
// 4 KiB. A later file whose first bytes hash the same is a candidate; when
// the hash of its first `offset` bytes matches too, it is the same stream,
// and only what follows is new.
#ifndef RSTSCOPE_INGEST_CURSOR_H_
#define RSTSCOPE_INGEST_CURSOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "base/event_batch.h"
#include "base/hash.h"
#include "ingest/byte_source.h"

namespace rstscope::ingest {

// Passes a stream through and hashes it: the whole of it, its first
// ImportCursor::kHeadBytes, and the part up to the last line feed read so
// far (the complete lines).
class HashingSource : public ByteSource {
 public:
  explicit HashingSource(ByteSource* inner) : inner_(inner) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override;

  uint64_t total_bytes() const { return total_.bytes(); }
  std::string total_hash() const { return total_.HexDigest(); }
  uint64_t complete_bytes() const { return complete_.bytes(); }
  std::string complete_hash() const { return complete_.HexDigest(); }
  // Hash of the first min(end, kHeadBytes) bytes, where end <= total_bytes().
  std::string head_hash(uint64_t end) const;

 private:
  ByteSource* inner_;
  base::Hasher total_;
  base::Hasher complete_;
  std::string head_bytes_;  // the first kHeadBytes, for heads of any length up to it
};

// The cursors an import can continue from, indexed by head.
class CursorSet {
 public:
  // Adds a cursor; returns its slot. Cursors with nothing imported
  // (offset 0) are ignored (-1).
  int Add(base::ImportCursor cursor);
  // Replaces the cursor in `slot` (the stream went on).
  void Replace(int slot, base::ImportCursor cursor);
  const base::ImportCursor& at(int slot) const { return cursors_[slot]; }
  size_t size() const { return cursors_.size(); }
  // The slot of the cursor left by this source, or -1.
  int SlotOf(int64_t source_id, uint64_t source_key) const;

  struct Match {
    int slot = -1;          // the longest cursor whose bytes `src` starts with
    bool has_more = false;  // src has new content after it: any byte, or with
                            // complete_lines_only a line feed (a whole line)
  };
  // Reads `src` from its start, as far as needed.
  absl::StatusOr<Match> Find(ByteSource* src, bool complete_lines_only) const;

 private:
  static std::string Key(uint64_t head_len, const std::string& head_hash);
  void Index(int slot);
  void Unindex(int slot);

  std::vector<base::ImportCursor> cursors_;
  absl::flat_hash_map<std::string, std::vector<int>> by_head_;
  absl::flat_hash_map<uint64_t, int> head_lens_;  // head_len -> cursors with it
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_CURSOR_H_
