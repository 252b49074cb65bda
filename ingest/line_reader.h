// LineReader: decodes a byte stream into UTF-8 lines.
//
// Accepted input: UTF-8 with or without a BOM, UTF-16LE/BE with a BOM, and
// BOM-less UTF-16 (recognized by NUL bytes in every other position, as
// Windows tools write it). Lines end at LF; a CR before the LF is dropped.
// Invalid UTF-8 and NUL bytes are replaced by U+FFFD (the line is flagged
// base::kFlagReplacedUtf8), never dropped. A line longer than
// max_line_bytes is cut there and flagged base::kFlagTruncated; the rest of
// it is skipped.
//
// Memory: one buffer of max_line_bytes + 256 KiB, whatever the input size.
// Not thread-safe.
#ifndef RSTSCOPE_INGEST_LINE_READER_H_
#define RSTSCOPE_INGEST_LINE_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "base/hash.h"
#include "ingest/byte_source.h"

namespace rstscope::ingest {

struct Line {
  std::string_view text;  // valid until the next call of Next
  uint64_t number = 0;    // 1-based
  uint16_t flags = 0;     // base::kFlagTruncated, base::kFlagReplacedUtf8
  uint64_t cut_bytes = 0; // bytes dropped from a truncated line
};

struct LineReaderOptions {
  size_t max_line_bytes = 1 << 20;
  bool hash = true;  // compute the content hash of the raw stream
  // A last line without a line terminator is not delivered (a file still
  // being written: the rest of that line comes later); held_bytes() says
  // how long it was.
  bool hold_partial_last_line = false;
};

class LineReader {
 public:
  LineReader(ByteSource* src, const LineReaderOptions& options);
  ~LineReader();

  // Stores the next line in *line and returns true; returns false at the end
  // of the stream or after a read error (see status()).
  bool Next(Line* line);

  // OK, or the read error that ended the stream early. Lines read before the
  // error were delivered.
  const absl::Status& status() const { return status_; }

  // Detected encoding: "utf-8", "utf-8-bom", "utf-16le", "utf-16be",
  // "utf-16le-nobom", "utf-16be-nobom". Valid after the first Next.
  std::string_view encoding() const { return encoding_; }

  // True when the first 4 KiB of decoded text are more than 10% control
  // bytes: a binary file, not a log. Valid after the first Next.
  bool binary() const { return binary_; }

  uint64_t raw_bytes() const { return raw_bytes_; }
  uint64_t lines() const { return line_number_; }
  // Decoded bytes of the last line held back (hold_partial_last_line).
  uint64_t held_bytes() const { return held_bytes_; }
  // Content hash of the raw bytes read so far (empty when hashing is off).
  std::string hash() const { return options_.hash ? hasher_.HexDigest() : std::string(); }

 private:
  bool Fill();  // reads and decodes more input; false at end or error
  void DetectEncoding();

  ByteSource* src_;
  LineReaderOptions options_;
  absl::Status status_;
  std::string encoding_ = "utf-8";
  bool utf16_ = false;
  bool big_endian_ = false;
  bool started_ = false;
  bool eof_ = false;
  bool binary_ = false;

  char* data_ = nullptr;  // decoded UTF-8, [begin_, end_) unread
  size_t capacity_ = 0;
  size_t begin_ = 0;
  size_t end_ = 0;

  std::string raw_;      // raw UTF-16 bytes awaiting conversion
  std::string convert_;  // conversion output
  std::string repaired_;   // a line after UTF-8 repair
  std::string nul_free_;   // a line with NULs replaced, before repair
  std::string long_line_;  // the kept head of an over-long line
  uint64_t raw_bytes_ = 0;
  uint64_t line_number_ = 0;
  uint64_t held_bytes_ = 0;
  base::Hasher hasher_;
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_LINE_READER_H_
