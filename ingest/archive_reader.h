// Archives and compressed streams, read through libarchive as streams:
// nothing is ever extracted to disk.
//
// DetectContainer looks at the first bytes of a stream (magic numbers, not
// file names). ArchiveReader iterates the entries of an archive or, for a
// single compressed file, yields its one decompressed stream. Entries are
// read in order; an entry's ByteSource is valid until the next call of
// NextEntry. Not thread-safe.
#ifndef RSTSCOPE_INGEST_ARCHIVE_READER_H_
#define RSTSCOPE_INGEST_ARCHIVE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ingest/byte_source.h"

struct archive;

namespace rstscope::ingest {

enum class Container {
  kPlain,  // not compressed, not an archive
  kGzip,
  kBzip2,
  kXz,
  kZstd,
  kLz4,
  kZip,
  kTar,
  k7zip,
};

// The container named by the magic number at the start of `head` (which
// should hold at least the first 512 bytes of the stream when available).
Container DetectContainer(std::string_view head);
std::string_view ContainerName(Container c);

struct ArchiveEntry {
  std::string path;        // member path inside the archive; empty for a
                           // single compressed file
  int64_t size = -1;       // uncompressed size when the archive says it
  int64_t mtime_us = 0;    // 0 when the archive has none
  bool regular = true;     // false for directories, links, devices
};

// Decompression bomb guard. Reading stops with an error once the bytes a
// reader has produced (all entries together) exceed BOTH max_bytes AND
// max_ratio times the compressed bytes it consumed so far: a big archive of
// ordinary logs (10-20x) passes, a small file that unpacks to gigabytes of
// zeros does not. max_bytes <= 0 turns the guard off. Each level of nested
// archives is checked on its own.
struct ExpansionLimit {
  int64_t max_bytes = int64_t{1} << 30;
  double max_ratio = 100;
};

class ArchiveReader {
 public:
  ~ArchiveReader();

  // Opens the file at `path` (seekable: zip central directories are used).
  static absl::StatusOr<std::unique_ptr<ArchiveReader>> OpenFile(const std::string& path,
                                                                 ExpansionLimit limit = {});
  // Opens a stream (stdin, an archive member). Borrows `src`.
  static absl::StatusOr<std::unique_ptr<ArchiveReader>> OpenStream(ByteSource* src,
                                                                   std::string name,
                                                                   ExpansionLimit limit = {});

  // Advances to the next entry. Returns true and fills *entry; false at the
  // end. A corrupt header ends iteration with an error status (entries
  // before it were delivered), and so does a tripped ExpansionLimit.
  absl::StatusOr<bool> NextEntry(ArchiveEntry* entry);

  // The current entry's data.
  ByteSource* data() { return &data_; }

  // True when the input is a single compressed stream, not an archive.
  bool is_raw() const { return raw_; }

 private:
  class EntrySource : public ByteSource {
   public:
    explicit EntrySource(ArchiveReader* owner) : owner_(owner) {}
    absl::StatusOr<size_t> Read(char* buf, size_t n) override;

   private:
    ArchiveReader* owner_;
  };

 public:
  struct StreamContext;  // libarchive's read callback state (archive_reader.cc)

 private:
  ArchiveReader();
  std::string Error() const;
  // Counts `n` more bytes produced; the error once the limit is exceeded.
  absl::Status Produced(size_t n);

  ::archive* a_ = nullptr;
  std::string name_;
  std::unique_ptr<StreamContext> stream_;
  EntrySource data_;
  bool raw_ = false;
  bool first_ = true;
  ExpansionLimit limit_;
  int64_t produced_ = 0;
  absl::Status bomb_;  // set once the limit tripped; every later read fails
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_ARCHIVE_READER_H_
