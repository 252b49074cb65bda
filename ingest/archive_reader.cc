#include "ingest/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace rstscope::ingest {

Container DetectContainer(std::string_view h) {
  auto at = [&](size_t off, std::string_view magic) {
    return h.size() >= off + magic.size() && h.compare(off, magic.size(), magic) == 0;
  };
  if (at(0, "\x1f\x8b")) return Container::kGzip;
  if (at(0, "BZh") && h.size() > 3 && h[3] >= '1' && h[3] <= '9') return Container::kBzip2;
  if (at(0, std::string_view("\xFD" "7zXZ\0", 6))) return Container::kXz;
  if (at(0, "\x28\xB5\x2F\xFD")) return Container::kZstd;
  if (at(0, "\x04\x22\x4D\x18")) return Container::kLz4;
  if (at(0, "PK\x03\x04") || at(0, "PK\x05\x06")) return Container::kZip;
  if (at(0, "7z\xBC\xAF\x27\x1C")) return Container::k7zip;
  if (at(257, "ustar")) return Container::kTar;
  return Container::kPlain;
}

std::string_view ContainerName(Container c) {
  switch (c) {
    case Container::kPlain: return "plain";
    case Container::kGzip: return "gzip";
    case Container::kBzip2: return "bzip2";
    case Container::kXz: return "xz";
    case Container::kZstd: return "zstd";
    case Container::kLz4: return "lz4";
    case Container::kZip: return "zip";
    case Container::kTar: return "tar";
    case Container::k7zip: return "7z";
  }
  return "";
}

struct ArchiveReader::StreamContext {
  ByteSource* src = nullptr;
  std::vector<char> buffer = std::vector<char>(256 * 1024);
  std::string error;
};

namespace {

la_ssize_t StreamRead(struct archive* a, void* client, const void** out) {
  auto* ctx = static_cast<ArchiveReader::StreamContext*>(client);
  auto got = ctx->src->Read(ctx->buffer.data(), ctx->buffer.size());
  if (!got.ok()) {
    ctx->error = std::string(got.status().message());
    archive_set_error(a, EIO, "%s", ctx->error.c_str());
    return -1;
  }
  *out = ctx->buffer.data();
  return static_cast<la_ssize_t>(*got);
}

// Formats read: archives people ship logs in, plus "raw" for a single
// compressed file. Not format_all: some of its bidders (lha, mtree) can
// claim plain text that merely happens to look like their headers.
void SupportFormats(struct archive* a) {
  archive_read_support_filter_all(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_7zip(a);
  archive_read_support_format_cpio(a);
  archive_read_support_format_empty(a);
  archive_read_support_format_raw(a);
}

}  // namespace

ArchiveReader::ArchiveReader() : data_(this) {}

ArchiveReader::~ArchiveReader() {
  if (a_ != nullptr) archive_read_free(a_);
}

std::string ArchiveReader::Error() const {
  if (stream_ != nullptr && !stream_->error.empty()) return stream_->error;
  const char* e = a_ != nullptr ? archive_error_string(a_) : nullptr;
  return e != nullptr ? e : "unknown archive error";
}

absl::StatusOr<std::unique_ptr<ArchiveReader>> ArchiveReader::OpenFile(const std::string& path,
                                                                       ExpansionLimit limit) {
  std::unique_ptr<ArchiveReader> r(new ArchiveReader());
  r->name_ = path;
  r->limit_ = limit;
  r->a_ = archive_read_new();
  SupportFormats(r->a_);
  if (archive_read_open_filename(r->a_, path.c_str(), 256 * 1024) != ARCHIVE_OK) {
    return absl::DataLossError(path + ": cannot open archive: " + r->Error());
  }
  return r;
}

absl::StatusOr<std::unique_ptr<ArchiveReader>> ArchiveReader::OpenStream(ByteSource* src,
                                                                         std::string name,
                                                                         ExpansionLimit limit) {
  std::unique_ptr<ArchiveReader> r(new ArchiveReader());
  r->name_ = std::move(name);
  r->limit_ = limit;
  r->stream_ = std::make_unique<StreamContext>();
  r->stream_->src = src;
  r->a_ = archive_read_new();
  SupportFormats(r->a_);
  if (archive_read_open(r->a_, r->stream_.get(), nullptr, &StreamRead, nullptr) != ARCHIVE_OK) {
    return absl::DataLossError(r->name_ + ": cannot open archive: " + r->Error());
  }
  return r;
}

absl::Status ArchiveReader::Produced(size_t n) {
  produced_ += static_cast<int64_t>(n);
  if (limit_.max_bytes <= 0 || produced_ <= limit_.max_bytes) return absl::OkStatus();
  // Compressed bytes consumed so far (what the last filter read from the
  // file or stream), not the declared sizes an archive can lie about.
  const int64_t consumed = std::max<int64_t>(1, archive_filter_bytes(a_, -1));
  if (static_cast<double>(produced_) <= limit_.max_ratio * static_cast<double>(consumed)) {
    return absl::OkStatus();
  }
  bomb_ = absl::ResourceExhaustedError(
      name_ + ": decompression bomb: " + std::to_string(consumed) + " compressed bytes expand to " +
      "more than " + std::to_string(limit_.max_bytes) + " bytes (over " +
      std::to_string(static_cast<int64_t>(limit_.max_ratio)) +
      "x); the rest was not read (limits: --max-expanded-size, --max-expansion-ratio)");
  return bomb_;
}

absl::StatusOr<bool> ArchiveReader::NextEntry(ArchiveEntry* entry) {
  if (!bomb_.ok()) return bomb_;
  struct archive_entry* e = nullptr;
  const int rc = archive_read_next_header(a_, &e);
  if (rc == ARCHIVE_EOF) return false;
  if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY) {
    return absl::DataLossError(name_ + ": corrupt archive: " + Error());
  }
  // ARCHIVE_WARN (an unknown extended header, say) still yields the entry.
  if (first_) {
    raw_ = archive_format(a_) == ARCHIVE_FORMAT_RAW;
    first_ = false;
  }
  if (archive_format(a_) == ARCHIVE_FORMAT_EMPTY) return false;
  entry->path = raw_ ? std::string() : std::string(archive_entry_pathname(e) ? archive_entry_pathname(e) : "");
  entry->size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
  entry->mtime_us = archive_entry_mtime_is_set(e)
                        ? static_cast<int64_t>(archive_entry_mtime(e)) * 1000000 +
                              archive_entry_mtime_nsec(e) / 1000
                        : 0;
  entry->regular = raw_ || archive_entry_filetype(e) == AE_IFREG;
  return true;
}

absl::StatusOr<size_t> ArchiveReader::EntrySource::Read(char* buf, size_t n) {
  if (!owner_->bomb_.ok()) return owner_->bomb_;
  const la_ssize_t got = archive_read_data(owner_->a_, buf, n);
  if (got < 0) {
    return absl::DataLossError(owner_->name_ + ": " + owner_->Error());
  }
  if (absl::Status s = owner_->Produced(static_cast<size_t>(got)); !s.ok()) return s;
  return static_cast<size_t>(got);
}

}  // namespace rstscope::ingest
