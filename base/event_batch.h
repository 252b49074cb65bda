// EventBatch: the unit of work handed from the ingest pipeline to the
// timeline writer, and TimelineSink, the writer's interface.
//
// Both live in base/ so that ingest/ (which produces batches) and store/
// (which writes them) stay independent of each other; cli/ wires them.
//
// A batch owns one arena of bytes; every text field of every row is a Span
// into it, so a batch of thousands of records costs a handful of
// allocations. A batch is filled by one thread and then moved to the writer;
// it is never shared.
#ifndef RSTSCOPE_BASE_EVENT_BATCH_H_
#define RSTSCOPE_BASE_EVENT_BATCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "base/kind.h"

namespace rstscope::base {

// A byte range of EventBatch::arena. A default Span is null (absent field),
// which is distinct from an empty one.
struct Span {
  static constexpr uint32_t kNullLen = 0xFFFFFFFFu;
  uint32_t off = 0;
  uint32_t len = kNullLen;
  bool null() const { return len == kNullLen; }
};

// Bits of EventRow::flags and UnparsedRow::flags (stored in the database).
enum EventFlag : uint16_t {
  kFlagTzAssumed = 1 << 0,     // no zone in the timestamp: --tz or UTC assumed
  kFlagYearInferred = 1 << 1,  // no year in the timestamp: inferred from mtime
  kFlagTruncated = 1 << 2,     // a line was cut at the maximum line length
  kFlagReplacedUtf8 = 1 << 3,  // invalid UTF-8 was replaced by U+FFFD
  kFlagTimeFromPrevious = 1 << 4,  // no timestamp of its own: previous record's
  kFlagTimeFromAge = 1 << 5,  // only an age ("5m12s ago"): time = mtime - age
};

struct EventRow {
  int64_t ts_us = 0;        // UTC microseconds since the epoch
  int64_t pid = -1;         // -1: none
  uint32_t line = 0;        // 1-based line of the record's first line
  uint32_t nlines = 1;      // input lines joined into this record
  uint32_t msg_char_off = 0;  // message start, in code points of `text`
  int32_t msg_char_len = -1;  // message length in code points, -1: to the end
  int32_t src_port = -1;
  int32_t dst_port = -1;
  uint16_t flags = 0;
  Kind kind = Kind::kOther;
  Severity severity = Severity::kUnknown;
  Role role = Role::kUnknown;
  Span text;     // the record, lines joined by '\n'
  Span msg;      // message when it is not a verbatim range of `text`
  Span host;     // null: the source's host
  Span process;
  Span src_ip;
  Span dst_ip;
  Span attrs;    // a JSON object of further fields, or null
  std::string_view format;  // format name (static storage)
  std::string_view rule;    // classification rule name (static), may be empty
};

struct UnparsedRow {
  uint32_t line = 0;
  uint16_t flags = 0;
  Span text;
  Span reason;
};

struct EventBatch {
  uint64_t source_key = 0;  // pipeline's key of the source these rows belong to
  std::string arena;
  std::vector<EventRow> events;
  std::vector<UnparsedRow> unparsed;

  std::string_view View(Span s) const {
    return s.null() ? std::string_view() : std::string_view(arena.data() + s.off, s.len);
  }
  Span Append(std::string_view s) {
    Span span{static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(s.size())};
    arena.append(s);
    return span;
  }
  void Clear() {
    arena.clear();
    events.clear();
    unparsed.clear();
  }
};

// How far a content stream was imported: a plain file as it grows, and the
// same content after rotation renamed it (app.log -> app.log.1) or
// compressed it (app.log.2.gz). Offsets and hashes are of the decompressed
// bytes. Recognised by content: the hash of the first head_len bytes finds
// candidates, the hash of the first `offset` bytes confirms one.
struct ImportCursor {
  static constexpr uint64_t kHeadBytes = 4096;
  int64_t source_id = 0;    // the source (sources.id) that read up to here
  uint64_t source_key = 0;  // or, for a source of the running import, its key
  std::string name;         // that source's name
  std::string format;       // that source's format, empty: none found
  uint64_t head_len = 0;    // min(offset, kHeadBytes); offset when migrated from schema 2
  std::string head_hash;    // hash of the first head_len bytes
  uint64_t offset = 0;      // bytes imported: up to the end of line `lines`
  std::string prefix_hash;  // hash of the first `offset` bytes
  uint64_t lines = 0;       // lines imported (the last one's number)
  // First line of the last record imported. That record may go on (a stack
  // trace written after the import read its first line), so the next import
  // reads it again and the writer replaces it; 0: not (none, or the cursor
  // is of this run).
  uint64_t record_line = 0;
};

// What is known about a source when its reading begins.
struct SourceInfo {
  std::string name;           // path as given, or ARCHIVE!/MEMBER/PATH
  uint64_t parent_key = 0;    // key of the enclosing archive, 0 for none
  std::string container;      // "file", "stdin", "archive", "member", "compressed"
  int64_t size = -1;          // bytes on disk / in the archive, -1 unknown
  int64_t mtime_us = 0;       // modification time, UTC microseconds
  std::string hash;           // content hash when known up front, else empty
  std::string host;           // default host of its records, empty: unknown
  std::string host_reason;    // why that host, for `detect` and the summary
  std::string format;         // detected or forced format name
  std::string format_reason;  // why that format
  std::string encoding;       // "utf-8", "utf-8-bom", "utf-16le", ...
  std::string tz;             // zone assumed for its timestamps without offset
  // Incremental import: a plain file or a single compressed stream named on
  // the command line gets a cursor at its end (track_cursor). When its
  // content continues a stream imported before, `resume` is where that
  // import ended (resume.lines > 0): its lines are skipped, numbering goes on.
  bool track_cursor = false;
  ImportCursor resume;
};

// What reading a source produced.
struct SourceStats {
  uint64_t lines = 0;      // input lines (after decompression and decoding)
  uint64_t records = 0;    // timeline records
  uint64_t unparsed = 0;   // lines stored in unparsed
  uint64_t bytes = 0;      // decoded bytes read
  uint64_t resets = 0;     // records of kind reset
  std::string hash;        // content hash of the stream as read (before decoding)
  uint64_t truncated_lines = 0;  // lines cut at the maximum line length
  std::string error;       // non-empty: reading stopped early for this reason
  bool skipped = false;    // not imported at all (binary content, say); see error
  // Not read: the same content was imported before from this source.
  std::string duplicate_of;
  // ... identified by its id or key, when known (content matched a cursor).
  int64_t duplicate_of_id = 0;
  uint64_t duplicate_of_key = 0;
  // Where this source's import ended, when it tracks a cursor (has_cursor);
  // source_id/key/name are the writer's business.
  bool has_cursor = false;
  ImportCursor cursor;
};

// The writer side of the import pipeline. The pipeline calls every method
// from one thread, in order: BeginSource(k), WriteBatch(batch of k)...,
// EndSource(k), possibly interleaved across sources, then Finish().
class TimelineSink {
 public:
  virtual ~TimelineSink() = default;
  virtual absl::Status BeginSource(uint64_t key, const SourceInfo& info) = 0;
  virtual absl::Status WriteBatch(const EventBatch& batch) = 0;
  virtual absl::Status EndSource(uint64_t key, const SourceStats& stats) = 0;
  // A problem with an input that is not tied to a started source (an
  // unreadable file, a corrupt archive member header).
  virtual absl::Status ReportProblem(std::string_view where, std::string_view what) = 0;
};

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_EVENT_BATCH_H_
