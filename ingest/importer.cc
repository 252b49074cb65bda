#include "ingest/importer.h"

#include <fnmatch.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "base/hash.h"
#include "ingest/archive_reader.h"
#include "ingest/cursor.h"
#include "ingest/input_walker.h"
#include "ingest/line_reader.h"
#include "ingest/record_builder.h"
#include "parsers/classifier.h"
#include "parsers/registry.h"
#include "parsers/sniffer.h"

namespace rstscope::ingest {
namespace {

struct Message {
  enum Type { kBegin, kBatch, kEnd, kProblem, kWorkerDone };
  Type type = kWorkerDone;
  uint64_t key = 0;
  base::SourceInfo info;
  std::unique_ptr<base::EventBatch> batch;
  base::SourceStats stats;
  std::string where;
  std::string what;
};

// A bounded multi-producer, single-consumer queue.
class MessageQueue {
 public:
  explicit MessageQueue(size_t capacity) : capacity_(capacity) {}
  void Push(Message m) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(m));
    not_empty_.notify_one();
  }
  // Waits up to `timeout` for a message.
  bool Pop(Message* m, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!not_empty_.wait_for(lock, timeout, [&] { return !items_.empty(); })) return false;
    *m = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Message> items_;
  size_t capacity_;
};

constexpr size_t kSampleLines = 200;
constexpr size_t kSampleBytes = 256 * 1024;

bool IsBlankLine(std::string_view s) {
  return s.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

// The decompressed content of a file, when it is one text stream: a plain
// file, or a single compressed stream (app.log.2.gz) of plain text. Archives
// are not: their members are not followed from import to import.
struct ContentStream {
  std::unique_ptr<PrefixedSource> file;
  std::unique_ptr<ArchiveReader> archive;
  std::unique_ptr<PrefixedSource> data;
  ByteSource* content = nullptr;  // null: not one text stream
  bool compressed = false;
};

// Reads `fd` from its start.
absl::StatusOr<std::unique_ptr<ContentStream>> OpenContent(FdSource* fd, const std::string& path,
                                                           ExpansionLimit limit) {
  auto out = std::make_unique<ContentStream>();
  absl::Status s = fd->Rewind();
  if (!s.ok()) return s;
  char head[512];
  auto got = ReadFully(fd, head, sizeof head);
  if (!got.ok()) return got.status();
  out->file = std::make_unique<PrefixedSource>(std::string(head, *got), fd);
  const Container c = DetectContainer(std::string_view(head, *got));
  if (c == Container::kPlain) {
    out->content = out->file.get();
    return out;
  }
  if (c != Container::kGzip && c != Container::kBzip2 && c != Container::kXz &&
      c != Container::kZstd && c != Container::kLz4) {
    return out;
  }
  auto reader = ArchiveReader::OpenStream(out->file.get(), path, limit);
  if (!reader.ok()) return out;  // the import proper reports it
  out->archive = std::move(*reader);
  ArchiveEntry entry;
  auto more = out->archive->NextEntry(&entry);
  if (!more.ok() || !*more || !out->archive->is_raw()) return out;
  got = ReadFully(out->archive->data(), head, sizeof head);
  if (!got.ok()) return got.status();
  if (DetectContainer(std::string_view(head, *got)) != Container::kPlain) return out;
  out->data = std::make_unique<PrefixedSource>(std::string(head, *got), out->archive->data());
  out->content = out->data.get();
  out->compressed = true;
  return out;
}

std::string HumanBytes(double b) {
  char buf[32];
  if (b >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  } else if (b >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
  }
  return buf;
}

}  // namespace

struct Importer::Shared {
  ImportOptions options;
  HostDirectory* hosts;
  base::TimelineSink* sink;
  ImportCounters* counters;
  const parsers::FormatInfo* forced = nullptr;
  const parsers::Classifier* classifier = nullptr;
  MessageQueue queue{8};
  std::atomic<bool> abort{false};
  std::atomic<uint64_t> next_key{1};
  std::atomic<size_t> next_file{0};
  std::vector<InputFile> files;

  std::mutex pool_mu;
  std::vector<std::unique_ptr<base::EventBatch>> pool;

  std::mutex seen_mu;
  absl::flat_hash_map<std::string, std::string> seen_hashes;  // this run

  // Cursors of earlier imports and of sources of this run. A cursor being
  // continued by one worker is claimed; another file that matches it waits
  // and matches again once the first is done (it may continue from there).
  std::mutex cursor_mu;
  std::condition_variable cursor_cv;
  CursorSet cursor_set;
  std::vector<char> claimed;  // by slot

  std::unique_ptr<base::EventBatch> TakeBatch() {
    std::lock_guard<std::mutex> lock(pool_mu);
    if (pool.empty()) {
      // At full size from the start: an arena grown by doubling was copied
      // and page-faulted in again at each step (3% of an import's samples
      // were those faults).
      auto b = std::make_unique<base::EventBatch>();
      const RecordBuilderOptions defaults;
      b->arena.reserve(defaults.batch_bytes + (64 << 10));
      b->events.reserve(defaults.batch_rows);
      return b;
    }
    auto b = std::move(pool.back());
    pool.pop_back();
    return b;
  }
  void ReturnBatch(std::unique_ptr<base::EventBatch> b) {
    if (b == nullptr) return;
    b->Clear();
    std::lock_guard<std::mutex> lock(pool_mu);
    if (pool.size() < 16) pool.push_back(std::move(b));
  }

  // Reports a file whose content was imported before, without reading it.
  void SkipAsImported(base::SourceInfo info, std::string earlier, int64_t earlier_id,
                      uint64_t earlier_key) {
    counters->duplicates.fetch_add(1);
    const uint64_t key = next_key.fetch_add(1);
    Message begin;
    begin.type = Message::kBegin;
    begin.key = key;
    begin.info = info;
    queue.Push(std::move(begin));
    Message end;
    end.type = Message::kEnd;
    end.key = key;
    end.stats.duplicate_of = std::move(earlier);
    end.stats.duplicate_of_id = earlier_id;
    end.stats.duplicate_of_key = earlier_key;
    end.stats.hash = info.hash;
    queue.Push(std::move(end));
  }

  void ReleaseCursor(int slot) {
    if (slot < 0) return;
    std::lock_guard<std::mutex> lock(cursor_mu);
    claimed[slot] = 0;
    cursor_cv.notify_all();
  }

  void Problem(std::string where, std::string what) {
    // Readers name what they read ("a.tgz: corrupt archive: ..."); the
    // location says it already (or names the member of that archive).
    for (std::string_view name = where;;) {
      if (what.size() > name.size() + 2 && what.compare(0, name.size(), name) == 0 &&
          what.compare(name.size(), 2, ": ") == 0) {
        what.erase(0, name.size() + 2);
        break;
      }
      const size_t bang = name.rfind("!/");
      if (bang == std::string_view::npos) break;
      name = name.substr(0, bang);
    }
    counters->problems.fetch_add(1);
    Message m;
    m.type = Message::kProblem;
    m.where = std::move(where);
    m.what = std::move(what);
    queue.Push(std::move(m));
  }

  void Worker();
  void ProcessFile(const InputFile& f);
  void ProcessStream(ByteSource* src, base::SourceInfo info, int depth);
  void ProcessArchive(ArchiveReader* reader, base::SourceInfo info, int depth);
  void ProcessText(ByteSource* src, base::SourceInfo info);
  // Returns the earlier source with this content, or "" (and remembers it).
  std::string CheckSeen(const std::string& hash, const std::string& name);
};

std::string Importer::Shared::CheckSeen(const std::string& hash, const std::string& name) {
  if (hash.empty()) return "";
  auto known = options.known_hashes.find(hash);
  if (known != options.known_hashes.end()) return known->second;
  std::lock_guard<std::mutex> lock(seen_mu);
  auto [it, inserted] = seen_hashes.try_emplace(hash, name);
  return inserted ? "" : it->second;
}

void Importer::Shared::Worker() {
  for (;;) {
    const size_t i = next_file.fetch_add(1);
    if (i >= files.size() || abort.load()) break;
    ProcessFile(files[i]);
    counters->files_done.fetch_add(1);
  }
  Message done;
  done.type = Message::kWorkerDone;
  queue.Push(std::move(done));
}

void Importer::Shared::ProcessFile(const InputFile& f) {
  base::SourceInfo info;
  info.name = f.path;
  info.size = f.size;
  info.mtime_us = f.mtime_us;
  if (f.is_stdin) {
    FdSource in(0, false, "-");
    info.container = "stdin";
    ProcessStream(&in, std::move(info), 0);
    return;
  }
  auto src = FdSource::Open(f.path);
  if (!src.ok()) {
    Problem(f.path, std::string(src.status().message()));
    return;
  }
  // Hash the file first: a file imported before is skipped without parsing.
  // Reading it twice costs little next to parsing (5 GB/s vs 125 MB/s).
  {
    base::Hasher hasher;
    // One buffer per worker: a fresh zeroed 1 MiB per file showed in the
    // profile of many small files.
    thread_local std::vector<char> buf(1 << 20);
    for (;;) {
      auto got = (*src)->Read(buf.data(), buf.size());
      if (!got.ok()) {
        Problem(f.path, std::string(got.status().message()));
        return;
      }
      if (*got == 0) break;
      hasher.Update(buf.data(), *got);
    }
    info.hash = hasher.HexDigest();
  }
  const std::string earlier = CheckSeen(info.hash, f.path);
  if (!earlier.empty()) {
    // Not a problem: importing a bundle again is how scheduled runs work.
    info.container = "file";
    SkipAsImported(std::move(info), earlier, 0, 0);
    return;
  }
  // Incremental import: does this content continue a stream imported
  // before (the same file grown, renamed by rotation, or compressed)?
  int claimed_slot = -1;
  while (!options.detect_only) {
    auto content = OpenContent(src->get(), f.path, options.expansion);
    if (!content.ok()) {
      Problem(f.path, std::string(content.status().message()));
      return;
    }
    if ((*content)->content == nullptr) break;
    info.track_cursor = true;
    std::unique_lock<std::mutex> lock(cursor_mu);
    auto match = cursor_set.Find((*content)->content, !(*content)->compressed);
    if (!match.ok()) {
      lock.unlock();
      Problem(f.path, std::string(match.status().message()));
      return;
    }
    const int slot = match->slot;
    if (slot < 0) break;
    if (claimed[slot]) {
      // Another file of this run continues the same stream: match again
      // when it is done, against where it ended.
      cursor_cv.wait(lock, [&] { return !claimed[slot]; });
      continue;
    }
    const base::ImportCursor cursor = cursor_set.at(slot);
    if (!match->has_more) {
      lock.unlock();
      info.container = (*content)->compressed ? "compressed" : "file";
      SkipAsImported(std::move(info), cursor.name, cursor.source_id, cursor.source_key);
      return;
    }
    claimed[slot] = 1;
    claimed_slot = slot;
    info.resume = cursor;
    counters->continued.fetch_add(1);
    break;
  }
  struct Release {
    Shared* shared;
    int slot;
    ~Release() { shared->ReleaseCursor(slot); }
  } release{this, claimed_slot};
  // The same open file for every pass: a rotation that renames it meanwhile
  // changes nothing, and its hash, cursor and records are of one content.
  if (absl::Status s = (*src)->Rewind(); !s.ok()) {
    Problem(f.path, std::string(s.message()));
    return;
  }
  char head[512];
  auto got = ReadFully(src->get(), head, sizeof head);
  if (!got.ok()) {
    Problem(f.path, std::string(got.status().message()));
    return;
  }
  const Container c = DetectContainer(std::string_view(head, *got));
  if (c == Container::kZip || c == Container::k7zip) {
    // Seekable formats read their central directory from the end.
    auto reader = ArchiveReader::OpenFile(f.path, options.expansion);
    if (!reader.ok()) {
      Problem(f.path, std::string(reader.status().message()));
      return;
    }
    ProcessArchive(reader->get(), std::move(info), 1);
    return;
  }
  info.container = c == Container::kPlain ? "file" : "compressed";
  PrefixedSource prefixed(std::string(head, *got), src->get());
  ProcessStream(&prefixed, std::move(info), 0);
}

void Importer::Shared::ProcessStream(ByteSource* src, base::SourceInfo info, int depth) {
  char head[512];
  auto got = ReadFully(src, head, sizeof head);
  if (!got.ok()) {
    Problem(info.name, std::string(got.status().message()));
    return;
  }
  PrefixedSource prefixed(std::string(head, *got), src);
  const Container c = DetectContainer(std::string_view(head, *got));
  if (c == Container::kPlain) {
    ProcessText(&prefixed, std::move(info));
    return;
  }
  if (depth >= options.max_archive_depth) {
    Problem(info.name, "archives nested deeper than " + std::to_string(options.max_archive_depth) +
                           " levels; this one was skipped");
    return;
  }
  auto reader = ArchiveReader::OpenStream(&prefixed, info.name, options.expansion);
  if (!reader.ok()) {
    Problem(info.name, std::string(reader.status().message()));
    return;
  }
  ProcessArchive(reader->get(), std::move(info), depth + 1);
}

void Importer::Shared::ProcessArchive(ArchiveReader* reader, base::SourceInfo info, int depth) {
  ArchiveEntry entry;
  auto more = reader->NextEntry(&entry);
  if (!more.ok()) {
    Problem(info.name, std::string(more.status().message()));
    return;
  }
  if (!*more) {
    Problem(info.name, "empty archive or compressed file");
    return;
  }
  if (reader->is_raw()) {
    // A single compressed stream: the decompressed bytes are the source (or
    // another container, such as a .tar inside a .gz under another name).
    if (info.container.empty() || info.container == "file") info.container = "compressed";
    if (entry.mtime_us != 0) info.mtime_us = entry.mtime_us;
    ProcessStream(reader->data(), std::move(info), depth);
    return;
  }
  const uint64_t key = next_key.fetch_add(1);
  base::SourceInfo archive_info = info;
  archive_info.container = "archive";
  Message begin;
  begin.type = Message::kBegin;
  begin.key = key;
  begin.info = archive_info;
  queue.Push(std::move(begin));
  base::SourceStats archive_stats;
  archive_stats.hash = info.hash;
  uint64_t members = 0;
  for (;;) {
    if (abort.load()) break;
    if (entry.regular) {
      base::SourceInfo member;
      // "./var/log/syslog" (tar run in the directory) names the same member
      // as "var/log/syslog".
      std::string_view path = entry.path;
      while (path.substr(0, 2) == "./" || path.substr(0, 1) == "/") {
        path.remove_prefix(path[0] == '/' ? 1 : 2);
      }
      member.name = info.name + "!/" + std::string(path);
      member.parent_key = key;
      member.container = "member";
      member.size = entry.size;
      member.mtime_us = entry.mtime_us != 0 ? entry.mtime_us : info.mtime_us;
      ++members;
      ProcessStream(reader->data(), std::move(member), depth);
    }
    more = reader->NextEntry(&entry);
    if (!more.ok()) {
      archive_stats.error = std::string(more.status().message()) + " (after " +
                            std::to_string(members) + " members)";
      Problem(info.name, archive_stats.error);
      break;
    }
    if (!*more) break;
  }
  Message end;
  end.type = Message::kEnd;
  end.key = key;
  end.stats = std::move(archive_stats);
  queue.Push(std::move(end));
}

void Importer::Shared::ProcessText(ByteSource* src, base::SourceInfo info) {
  const uint64_t key = next_key.fetch_add(1);
  const bool track = info.track_cursor && !options.detect_only;
  // Plain files were hashed before reading; other streams hash as they go.
  LineReaderOptions reader_options;
  reader_options.max_line_bytes = options.max_line_bytes;
  reader_options.hash = info.container != "file";
  // A plain file may still be being written: a last line without its line
  // feed is left for the next import, which continues before it.
  reader_options.hold_partial_last_line = track && info.container == "file";
  HashingSource hashing(src);
  LineReader reader(track ? static_cast<ByteSource*>(&hashing) : src, reader_options);

  parsers::SourceContext ctx;
  ctx.mtime_us = info.mtime_us;
  ctx.zone = options.zone;
  for (const auto& [glob, zone] : options.zone_rules) {
    if (::fnmatch(glob.c_str(), info.name.c_str(), 0) == 0) {
      ctx.zone = zone;
      break;
    }
  }
  info.tz = ctx.zone.name();

  // Continuing a stream imported before: its first resume.lines lines are
  // in the database already. They are read past (line numbers go on from
  // there) and only offered to the format as directives (W3C "#Fields:").
  // The last record of an earlier import is read again: its continuation
  // lines (a stack trace) may have been written after that import, and the
  // writer replaces it (resume.record_line stays set to say so). Only for
  // cursors of earlier runs, whose rows are committed.
  if (info.resume.source_id == 0 || info.resume.record_line > info.resume.lines) {
    info.resume.record_line = 0;
  }
  const uint64_t skip =
      info.resume.record_line > 0 ? info.resume.record_line - 1 : info.resume.lines;
  const parsers::FormatInfo* resumed_format = nullptr;
  std::vector<std::string> directives;
  bool resume_failed = false;
  if (skip > 0) {
    if (forced == nullptr && !info.resume.format.empty()) {
      resumed_format = parsers::FindFormat(info.resume.format);
    }
    const parsers::FormatInfo* f = forced != nullptr ? forced : resumed_format;
    std::unique_ptr<parsers::LineParser> primer = f != nullptr ? f->make_parser(ctx) : nullptr;
    Line old;
    while (reader.lines() < skip && reader.Next(&old)) {
      if (primer != nullptr && !IsBlankLine(old.text) && primer->ConsumeDirective(old.text)) {
        directives.emplace_back(old.text);
      }
    }
    resume_failed = reader.lines() < skip;
  }

  struct SampleLine {
    std::string text;
    uint64_t number;
    uint16_t flags;
  };
  std::vector<SampleLine> sample;
  size_t sample_bytes = 0;
  Line line;
  base::SourceStats stats;
  // Damaged lines are imported (cut, or with U+FFFD in place of the bad
  // bytes, and flagged) and reported once per source, by their first line.
  struct Damage {
    uint64_t count = 0;
    uint64_t first_line = 0;
    uint64_t first_bytes = 0;
  } cut, replaced;
  auto note = [&](const Line& l) {
    if (l.flags & base::kFlagTruncated) {
      ++stats.truncated_lines;
      if (cut.count++ == 0) {
        cut.first_line = l.number;
        cut.first_bytes = l.text.size() + l.cut_bytes;
      }
    }
    if ((l.flags & base::kFlagReplacedUtf8) && replaced.count++ == 0) {
      replaced.first_line = l.number;
    }
  };
  while (sample.size() < kSampleLines && sample_bytes < kSampleBytes && reader.Next(&line)) {
    sample.push_back({std::string(line.text), line.number, line.flags});
    sample_bytes += line.text.size();
    note(line);
  }
  info.encoding = std::string(reader.encoding());

  const parsers::FormatInfo* format = forced;
  std::string no_format_reason;
  if (resume_failed) {
    stats.skipped = true;
    stats.error = "changed while it was read: shorter than the " + std::to_string(skip) +
                  " lines imported from " + info.resume.name + " before; not imported";
  } else if (reader.binary()) {
    stats.skipped = true;
    stats.error = "binary content (control bytes in the first 4 KiB); not imported";
  } else if (format != nullptr) {
    info.format_reason = "forced by --format";
  } else if (resumed_format != nullptr) {
    format = resumed_format;
    info.format_reason =
        "as for lines 1-" + std::to_string(skip) + " (imported from " + info.resume.name + ")";
  } else {
    std::vector<std::string_view> views;
    views.reserve(sample.size());
    for (const SampleLine& s : sample) views.push_back(s.text);
    parsers::SniffResult sniff = parsers::SniffFormat(views, ctx);
    format = sniff.format;
    info.format_reason = sniff.reason;
    if (format == nullptr) no_format_reason = "unknown format: " + sniff.reason;
  }
  if (format != nullptr) info.format = std::string(format->name);
  if (!options.host.empty()) {
    info.host = options.host;
    info.host_reason = "--host";
  } else {
    auto [host, why] = hosts->ResolvePath(info.name);
    info.host = host;
    info.host_reason = why;
  }
  {
    Message begin;
    begin.type = Message::kBegin;
    begin.key = key;
    begin.info = info;
    queue.Push(std::move(begin));
  }
  if (options.detect_only) {
    stats.lines = sample.size();
    Message end;
    end.type = Message::kEnd;
    end.key = key;
    end.stats = std::move(stats);
    queue.Push(std::move(end));
    return;
  }
  RecordStats builder_stats;
  if (!stats.skipped) {
    RecordBuilderOptions builder_options;
    builder_options.source_key = key;
    builder_options.role_override = options.role;
    RecordBuilder builder(format, ctx, *classifier, builder_options, no_format_reason,
                          [this](std::unique_ptr<base::EventBatch> full) {
                            Message m;
                            m.type = Message::kBatch;
                            m.key = full->source_key;
                            m.batch = std::move(full);
                            queue.Push(std::move(m));
                            return TakeBatch();
                          },
                          TakeBatch());
    builder.set_host_listener([this](std::string_view h) { hosts->Learn(h); });
    for (const std::string& d : directives) builder.PrimeDirective(d);
    for (const SampleLine& s : sample) builder.AddLine(s.text, s.number, s.flags);
    sample.clear();
    uint64_t since_check = 0;
    while (reader.Next(&line)) {
      note(line);
      builder.AddLine(line.text, line.number, line.flags);
      if (++since_check == 4096) {
        counters->lines.fetch_add(since_check);
        since_check = 0;
        if (abort.load()) break;
      }
    }
    counters->lines.fetch_add(since_check);
    builder.Finish();
    ReturnBatch(builder.ReleaseBatch());
    builder_stats = builder.stats();
    stats.records = builder.stats().records;
    stats.unparsed = builder.stats().unparsed;
    stats.resets = builder.stats().resets;
    if (cut.count > 0) {
      Problem(info.name, "line " + std::to_string(cut.first_line) + " is " +
                             std::to_string(cut.first_bytes) + " bytes long: cut to its first " +
                             std::to_string(options.max_line_bytes) +
                             " (--max-line) and flagged truncated" +
                             (cut.count > 1 ? " (" + std::to_string(cut.count - 1) +
                                                  " more lines like it)"
                                            : std::string()));
    }
    if (replaced.count > 0) {
      Problem(info.name, "line " + std::to_string(replaced.first_line) +
                             " has NUL bytes or invalid UTF-8: replaced by U+FFFD and flagged" +
                             (replaced.count > 1 ? " (" + std::to_string(replaced.count - 1) +
                                                       " more lines like it)"
                                                 : std::string()));
    }
    if (!reader.status().ok()) {
      stats.error = std::string(reader.status().message());
      Problem(info.name, stats.error + " (after line " + std::to_string(reader.lines()) +
                             "; the lines before it were imported)");
    }
  } else {
    Problem(info.name, stats.error);
    // Reading the sample may itself have failed (a truncated stream, a
    // decompression bomb of zeros, which also looks binary): say so too.
    if (!reader.status().ok()) {
      Problem(info.name, std::string(reader.status().message()) + " (after line " +
                             std::to_string(reader.lines()) + ")");
    }
  }
  // Lines and bytes of this source: after those imported before.
  stats.lines = reader.lines() - std::min(skip, reader.lines());
  stats.bytes = reader.raw_bytes() - std::min<uint64_t>(info.resume.offset, reader.raw_bytes());
  counters->bytes.fetch_add(stats.bytes);
  stats.hash = reader_options.hash ? reader.hash() : info.hash;
  // Where the next import of this content goes on: after the last line
  // read (held back: a partial last line). The next import skips lines by
  // their count; the offset only bounds the bytes whose hash must match. In
  // UTF-16 a line feed byte can sit inside a character, so there the offset
  // is that of the last 0x0A byte, which may be a little off the line end:
  // the check then covers a few bytes more or less, the lines stay right.
  const bool hold = reader_options.hold_partial_last_line;
  if (track && !stats.skipped && !abort.load()) {
    base::ImportCursor& c = stats.cursor;
    c.offset = hold ? hashing.complete_bytes() : hashing.total_bytes();
    c.prefix_hash = hold ? hashing.complete_hash() : hashing.total_hash();
    c.lines = reader.lines();
    c.record_line = builder_stats.last_record_line;
    c.head_len = std::min(c.offset, base::ImportCursor::kHeadBytes);
    c.head_hash = hashing.head_hash(c.head_len);
    c.format = info.format;
    c.name = info.name;
    c.source_key = key;
    stats.has_cursor = c.offset > 0;
  }
  if (stats.has_cursor) {
    std::lock_guard<std::mutex> lock(cursor_mu);
    const int slot =
        skip > 0 ? cursor_set.SlotOf(info.resume.source_id, info.resume.source_key) : -1;
    if (slot >= 0) {
      cursor_set.Replace(slot, stats.cursor);
    } else if (cursor_set.Add(stats.cursor) >= 0) {
      claimed.push_back(0);
    }
  }
  Message end;
  end.type = Message::kEnd;
  end.key = key;
  end.stats = std::move(stats);
  queue.Push(std::move(end));
}

Importer::Importer(ImportOptions options, HostDirectory* hosts, base::TimelineSink* sink)
    : shared_(std::make_unique<Shared>()) {
  shared_->options = std::move(options);
  shared_->hosts = hosts;
  shared_->sink = sink;
  shared_->counters = &counters_;
}

Importer::~Importer() = default;

absl::Status Importer::Run() {
  Shared& s = *shared_;
  if (!s.options.format.empty()) {
    s.forced = parsers::FindFormat(s.options.format);
    if (s.forced == nullptr) {
      return absl::InvalidArgumentError("unknown format '" + s.options.format +
                                        "' (rstscope formats lists them)");
    }
  }
  s.classifier = &parsers::Classifier::Default();
  for (base::ImportCursor& c : s.options.cursors) {
    if (s.cursor_set.Add(std::move(c)) >= 0) s.claimed.push_back(0);
  }
  s.options.cursors.clear();
  std::vector<InputProblem> input_problems;
  ExpandInputs(s.options.paths, &s.files, &input_problems);
  counters_.files_total = s.files.size();
  absl::Status status;
  for (const InputProblem& p : input_problems) {
    counters_.problems.fetch_add(1);
    if (status.ok()) status = s.sink->ReportProblem(p.path, p.message);
  }
  if (!status.ok()) return status;

  int threads = s.options.threads;
  if (threads <= 0) {
    const unsigned hw = std::thread::hardware_concurrency();
    threads = hw > 1 ? static_cast<int>(hw) - 1 : 1;
  }
  if (static_cast<size_t>(threads) > s.files.size()) threads = std::max<int>(1, s.files.size());
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) workers.emplace_back([&s] { s.Worker(); });

  const bool progress = s.options.progress && ::isatty(2);
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start;
  int running = threads;
  while (running > 0) {
    Message m;
    if (s.queue.Pop(&m, std::chrono::milliseconds(200))) {
      if (status.ok()) {
        switch (m.type) {
          case Message::kBegin: status = s.sink->BeginSource(m.key, m.info); break;
          case Message::kBatch: status = s.sink->WriteBatch(*m.batch); break;
          case Message::kEnd: status = s.sink->EndSource(m.key, m.stats); break;
          case Message::kProblem: status = s.sink->ReportProblem(m.where, m.what); break;
          case Message::kWorkerDone: break;
        }
        if (!status.ok()) s.abort = true;
      }
      if (m.type == Message::kWorkerDone) --running;
      if (m.batch != nullptr) s.ReturnBatch(std::move(m.batch));
    }
    const auto now = std::chrono::steady_clock::now();
    if (progress && now - last_print > std::chrono::milliseconds(500)) {
      last_print = now;
      const double secs = std::chrono::duration<double>(now - start).count();
      const double lines = static_cast<double>(counters_.lines.load());
      std::fprintf(stderr, "\r\033[Kimporting: %llu/%llu files, %.2f M lines, %s, %.0f k lines/s",
                   static_cast<unsigned long long>(counters_.files_done.load()),
                   static_cast<unsigned long long>(counters_.files_total.load()), lines / 1e6,
                   HumanBytes(static_cast<double>(counters_.bytes.load())).c_str(),
                   secs > 0 ? lines / secs / 1e3 : 0.0);
    }
  }
  for (std::thread& t : workers) t.join();
  if (progress) std::fprintf(stderr, "\r\033[K");
  return status;
}

}  // namespace rstscope::ingest
