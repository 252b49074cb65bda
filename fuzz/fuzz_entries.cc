#include "fuzz/fuzz_entries.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/utf8.h"
#include "base/zone.h"
#include "ingest/archive_reader.h"
#include "ingest/byte_source.h"
#include "ingest/line_reader.h"
#include "ingest/record_builder.h"
#include "parsers/classifier.h"
#include "parsers/sniffer.h"
#include "parsers/timestamp.h"

namespace rstscope::fuzz {
namespace {

// A fixed mtime (2024-06-01T00:00:00Z), so that year inference and thus
// every run on one input is the same.
constexpr int64_t kMtimeUs = 1717200000LL * 1000000;

// Reports a broken invariant and aborts: libFuzzer keeps the input as a
// crash, and the replay test dies with the message.
[[noreturn]] void Broken(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

void Check(bool ok, const char* what) {
  if (!ok) Broken(what);
}

// Serves a byte range in chunks of at most `chunk` bytes: small chunks put
// line ends and multi-byte sequences on buffer edges.
class MemorySource : public ingest::ByteSource {
 public:
  MemorySource(const uint8_t* data, size_t size, size_t chunk)
      : data_(reinterpret_cast<const char*>(data)), size_(size), chunk_(chunk) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    const size_t take = std::min({n, chunk_, size_ - pos_});
    std::memcpy(buf, data_ + pos_, take);
    pos_ += take;
    return take;
  }

 private:
  const char* data_;
  size_t size_;
  size_t chunk_;
  size_t pos_ = 0;
};

bool InArena(const base::EventBatch& b, base::Span s) {
  return s.null() || (static_cast<uint64_t>(s.off) + s.len <= b.arena.size());
}

// Checks one batch the record builder handed over and counts it.
void CheckBatch(const base::EventBatch& b, FuzzCounts* counts) {
  for (const base::EventRow& e : b.events) {
    Check(InArena(b, e.text) && !e.text.null(), "record text outside the arena");
    Check(InArena(b, e.msg), "message outside the arena");
    Check(InArena(b, e.host), "host outside the arena");
    Check(InArena(b, e.process), "process outside the arena");
    Check(InArena(b, e.src_ip), "src_ip outside the arena");
    Check(InArena(b, e.dst_ip), "dst_ip outside the arena");
    Check(InArena(b, e.attrs), "attrs outside the arena");
    Check(e.nlines >= 1, "a record of no lines");
    Check(e.line >= 1, "a record before line 1");
    Check(e.ts_us >= base::kMinTimestampUs && e.ts_us <= base::kMaxTimestampUs,
          "a record time out of range");
    const size_t chars = base::CountCodepoints(b.View(e.text));
    Check(e.msg_char_off <= chars, "message starts past the end of the record");
    Check(e.msg_char_len < 0 || e.msg_char_off + static_cast<uint64_t>(e.msg_char_len) <= chars,
          "message ends past the end of the record");
    Check(base::IsValidUtf8(b.View(e.text)), "record text is not valid UTF-8");
    counts->records++;
    counts->lines += e.nlines;
  }
  for (const base::UnparsedRow& u : b.unparsed) {
    Check(InArena(b, u.text) && InArena(b, u.reason), "unparsed line outside the arena");
    Check(u.line >= 1, "an unparsed line before line 1");
    Check(!u.reason.null() && u.reason.len > 0, "an unparsed line without a reason");
    counts->unparsed++;
    counts->lines++;
  }
}

}  // namespace

FuzzCounts FuzzFormat(const parsers::FormatInfo* format, const uint8_t* data, size_t size) {
  MemorySource src(data, size, 4093);
  ingest::LineReaderOptions reader_options;
  reader_options.max_line_bytes = 1024;
  reader_options.hash = false;
  ingest::LineReader reader(&src, reader_options);

  parsers::SourceContext ctx;
  ctx.mtime_us = kMtimeUs;
  ingest::RecordBuilderOptions options;
  options.max_record_bytes = 16 * 1024;  // small, so the record limits are reached
  options.max_record_lines = 50;
  options.batch_rows = 64;
  FuzzCounts built;
  ingest::RecordBuilder builder(
      format, ctx, parsers::Classifier::Default(), options, "no format",
      [&built](std::unique_ptr<base::EventBatch> batch) {
        CheckBatch(*batch, &built);
        batch->Clear();
        return batch;
      });
  ingest::Line line;
  uint64_t lines = 0;
  while (reader.Next(&line)) {
    ++lines;
    Check(line.number == lines, "line numbers are not consecutive");
    builder.AddLine(line.text, line.number, line.flags);
  }
  builder.Finish();
  // Every line is in exactly one record or one unparsed row.
  Check(built.lines == lines, "lines lost or counted twice between reader and records");
  Check(builder.stats().records == built.records, "record count differs from the batches");
  Check(builder.stats().unparsed == built.unparsed, "unparsed count differs from the batches");
  return built;
}

void FuzzTimestamps(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  using Parser = size_t (*)(std::string_view, parsers::CivilTime*);
  const Parser parsers_with_year[] = {parsers::ParseIso8601, parsers::ParseSlashDateTime,
                                      parsers::ParseClfTime, parsers::ParseCtimeTime};
  parsers::YearInferrer years(kMtimeUs);
  const base::Zone zone;
  for (size_t start = 0; start < std::min<size_t>(size, 64); ++start) {
    const std::string_view s = all.substr(start);
    for (Parser parse : parsers_with_year) {
      parsers::CivilTime t;
      const size_t n = parse(s, &t);
      Check(n <= s.size(), "a timestamp parser read past its input");
      if (n == 0) continue;
      int64_t us = 0;
      uint16_t flags = 0;
      if (ToUtcMicros(t, zone, &us, &flags)) {
        Check(t.problem == nullptr, "a time with a problem was converted");
        Check(us >= base::kMinTimestampUs && us <= base::kMaxTimestampUs,
              "a converted time out of range");
      }
    }
    parsers::CivilTime t;
    const size_t n = parsers::ParseBsdTime(s, &t);
    Check(n <= s.size(), "the BSD timestamp parser read past its input");
    if (n > 0 && t.problem == nullptr) {
      years.Resolve(&t);
      Check(t.has_year && t.year >= 1969 && t.year <= 2025, "an inferred year far from the mtime");
      int64_t us = 0;
      uint16_t flags = 0;
      (void)ToUtcMicros(t, zone, &us, &flags);
    }
  }
}

FuzzCounts FuzzSniffer(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < all.size() && lines.size() < 200) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    lines.push_back(all.substr(pos, end - pos));
    pos = end + 1;
  }
  parsers::SourceContext ctx;
  ctx.mtime_us = kMtimeUs;
  const parsers::SniffResult r = parsers::SniffFormat(lines, ctx);
  // The first is the best score or within 0.02 of it (a tie its priority
  // broke); the rest are sorted by score.
  double best = 0;
  for (const parsers::SniffCandidate& c : r.ranking) best = std::max(best, c.score);
  for (size_t i = 0; i < r.ranking.size(); ++i) {
    Check(r.ranking[i].score >= 0 && r.ranking[i].score <= 1, "a sniff score outside 0..1");
    Check(i != 0 || best - r.ranking[0].score <= 0.02 + 1e-12, "the first is not the best");
    Check(i < 2 || r.ranking[i - 1].score >= r.ranking[i].score, "the ranking is not sorted");
  }
  Check(r.format == nullptr || r.score >= parsers::kMinSniffScore,
        "a format chosen below the minimum score");
  FuzzCounts counts;
  counts.lines = lines.size();
  counts.records = r.format != nullptr ? 1 : 0;
  return counts;
}

FuzzCounts FuzzArchive(const uint8_t* data, size_t size) {
  FuzzCounts counts;
  MemorySource src(data, size, 65536);
  ingest::ExpansionLimit limit;
  limit.max_bytes = 16 << 20;
  auto opened = ingest::ArchiveReader::OpenStream(&src, "fuzz", limit);
  if (!opened.ok()) return counts;
  ingest::ArchiveReader& archive = **opened;
  std::vector<char> buf(65536);
  ingest::ArchiveEntry entry;
  while (true) {
    absl::StatusOr<bool> next = archive.NextEntry(&entry);
    if (!next.ok() || !*next) break;
    ++counts.entries;
    Check(counts.entries <= size + 1, "more members than input bytes");
    while (true) {
      absl::StatusOr<size_t> n = archive.data()->Read(buf.data(), buf.size());
      if (!n.ok() || *n == 0) break;
      Check(*n <= buf.size(), "a read returned more than asked");
      counts.bytes += *n;
      // The limit trips once the output passes both the size and the ratio,
      // so it may run over by one read.
      Check(counts.bytes <= static_cast<uint64_t>(limit.max_bytes) * 2 + buf.size() ||
                counts.bytes <= static_cast<uint64_t>(size) * 100 * 2 + buf.size(),
            "the expansion limit did not stop the reader");
    }
  }
  return counts;
}

FuzzCounts FuzzLineReader(const uint8_t* data, size_t size) {
  FuzzCounts counts;
  if (size == 0) return counts;
  const uint8_t control = data[0];
  MemorySource src(data + 1, size - 1, 1 + (control & 0x0F) * 97);
  ingest::LineReaderOptions options;
  options.max_line_bytes = 16 + ((control >> 4) & 0x07) * 40;
  options.hold_partial_last_line = (control & 0x80) != 0;
  ingest::LineReader reader(&src, options);
  ingest::Line line;
  while (reader.Next(&line)) {
    ++counts.lines;
    Check(line.number == counts.lines, "line numbers are not consecutive");
    // A cut line keeps its first max_line_bytes bytes, rounded down to a
    // whole UTF-8 sequence; U+FFFD replacement may grow it by 2 bytes per
    // replaced byte.
    Check(line.text.size() <= options.max_line_bytes * 3, "a line longer than the limit allows");
    Check(line.text.find('\n') == std::string_view::npos, "a line holds a line feed");
    Check(base::IsValidUtf8(line.text), "a line is not valid UTF-8");
    counts.bytes += line.text.size();
  }
  Check(reader.raw_bytes() <= size - 1, "more raw bytes than the input");
  return counts;
}

}  // namespace rstscope::fuzz
