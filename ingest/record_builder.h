// RecordBuilder: turns the lines of one source into timeline rows.
//
// Each line either starts a record (its format's parser accepts it),
// continues the current one (per the format's Continuation policy: stack
// traces, indented continuation lines), or is stored in `unparsed` with the
// reason. A record's line number is its first line's; its text is its lines
// joined by '\n'. Every input line ends up in exactly one row.
//
// Rows accumulate in an EventBatch; when a batch is full (at a record
// boundary) it is handed to the BatchConsumer and a fresh one is started.
// Not thread-safe: one builder per source, on one thread.
#ifndef RSTSCOPE_INGEST_RECORD_BUILDER_H_
#define RSTSCOPE_INGEST_RECORD_BUILDER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "base/event_batch.h"
#include "parsers/classifier.h"
#include "parsers/format.h"

namespace rstscope::ingest {

// Receives full batches; returns an empty batch to continue filling (it may
// return a recycled one). Called on the builder's thread.
using BatchConsumer = std::function<std::unique_ptr<base::EventBatch>(std::unique_ptr<base::EventBatch>)>;

struct RecordBuilderOptions {
  uint64_t source_key = 0;
  base::Role role_override = base::Role::kUnknown;  // --role
  size_t max_record_bytes = 4 << 20;   // continuation lines past this are unparsed
  size_t max_record_lines = 20000;
  size_t batch_bytes = 4 << 20;        // flush a batch past this arena size
  size_t batch_rows = 16384;           // or this many rows
};

struct RecordStats {
  uint64_t records = 0;
  uint64_t unparsed = 0;
  uint64_t resets = 0;
  uint64_t last_record_line = 0;  // first line of the last record, 0: none
  int64_t min_ts_us = INT64_MAX;
  int64_t max_ts_us = INT64_MIN;
};

class RecordBuilder {
 public:
  // `format` may be null: every line is then unparsed with `no_format_reason`.
  // `first` is the batch to fill first (a recycled one); null: a new one.
  RecordBuilder(const parsers::FormatInfo* format, const parsers::SourceContext& ctx,
                const parsers::Classifier& classifier, const RecordBuilderOptions& options,
                std::string no_format_reason, BatchConsumer consumer,
                std::unique_ptr<base::EventBatch> first = nullptr);
  ~RecordBuilder();

  // Adds the next line (no terminator). `flags` are the line's
  // base::EventFlag bits from decoding.
  void AddLine(std::string_view line, uint64_t number, uint16_t flags);

  // Offers a line that was imported before (a file continued at its old
  // end) to the parser as format metadata only, so that a directive such as
  // W3C "#Fields:" in the old part still applies to the new lines. Emits
  // nothing.
  void PrimeDirective(std::string_view line);

  // Finishes the pending record and hands over the last batch (even when
  // empty, so the consumer sees the end).
  void Finish();

  const RecordStats& stats() const { return stats_; }

  // After Finish: the empty batch the consumer last handed back, for reuse
  // by the next source.
  std::unique_ptr<base::EventBatch> ReleaseBatch() { return std::move(batch_); }

  // Called once with each distinct host the records name (for host
  // attribution).
  void set_host_listener(std::function<void(std::string_view)> listener) {
    host_listener_ = std::move(listener);
  }

 private:
  struct Pending;
  void StartRecord(std::string_view line, uint64_t number, uint16_t flags);
  void AppendContinuation(std::string_view line, uint16_t flags);
  void FinishRecord();
  void AddUnparsed(std::string_view line, uint64_t number, uint16_t flags, std::string_view reason);
  void FlushBlankLines();
  void MaybeFlush();

  const parsers::FormatInfo* format_;
  std::unique_ptr<parsers::LineParser> parser_;
  const parsers::Classifier& classifier_;
  RecordBuilderOptions options_;
  std::string no_format_reason_;
  BatchConsumer consumer_;
  int64_t mtime_us_;
  std::unique_ptr<base::EventBatch> batch_;
  std::unique_ptr<Pending> pending_;
  RecordStats stats_;
  std::function<void(std::string_view)> host_listener_;
  std::string scratch_;
  std::string reason_;
  // Blank lines seen after a record of a kAnyNonHeader format: they join it
  // when a continuation line follows, else they are unparsed.
  std::vector<uint64_t> blank_lines_;
  std::string last_host_;
  absl::flat_hash_set<std::string> announced_hosts_;
  bool overflowed_ = false;  // the last record hit the size limit
  bool has_previous_ts_ = false;
  int64_t previous_ts_ = 0;
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_RECORD_BUILDER_H_
