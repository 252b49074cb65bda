#include "ingest/line_reader.h"

#include <cstdlib>
#include <cstring>
#include <utility>

#include "base/event_batch.h"
#include "base/utf8.h"

namespace rstscope::ingest {
namespace {

constexpr size_t kChunk = 256 * 1024;

// True when `s` has a NUL byte or a byte >= 0x80, checking 8 bytes a step.
bool NeedsRepairCheck(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  constexpr uint64_t kLow = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if ((w & kHigh) != 0 || ((w - kLow) & ~w & kHigh) != 0) return true;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    const unsigned char c = static_cast<unsigned char>(*p++);
    if (c == 0 || c >= 0x80) return true;
    --n;
  }
  return false;
}

}  // namespace

// The last reader's buffer of this thread, kept for the next reader. A
// buffer of 1.5 MiB comes from mmap and goes back to it on free, so without
// this each source paid for fresh zeroed pages: with 1,000 small files that
// was a sixth of the extra cost per line over one big file (PERFORMANCE.md).
namespace {
struct SpareBuffer {
  char* data = nullptr;
  size_t capacity = 0;
  ~SpareBuffer() { std::free(data); }
};
thread_local SpareBuffer spare_buffer;
}  // namespace

LineReader::LineReader(ByteSource* src, const LineReaderOptions& options)
    : src_(src), options_(options) {
  // Page-aligned: reads into a misaligned buffer measured 2-3x slower
  // (PERF-NOTES.md).
  capacity_ = ((options_.max_line_bytes + 2 * kChunk) + 4095) & ~size_t{4095};
  if (spare_buffer.data != nullptr && spare_buffer.capacity == capacity_) {
    data_ = std::exchange(spare_buffer.data, nullptr);
  } else {
    data_ = static_cast<char*>(std::aligned_alloc(4096, capacity_));
  }
}

LineReader::~LineReader() {
  if (spare_buffer.data == nullptr) {
    spare_buffer.data = std::exchange(data_, nullptr);
    spare_buffer.capacity = capacity_;
  } else {
    std::free(data_);
  }
}

void LineReader::DetectEncoding() {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(raw_.data());
  const size_t n = raw_.size();
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
    encoding_ = "utf-8-bom";
    raw_.erase(0, 3);
    return;
  }
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
    encoding_ = "utf-16le";
    utf16_ = true;
    raw_.erase(0, 2);
    return;
  }
  if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
    encoding_ = "utf-16be";
    utf16_ = big_endian_ = true;
    raw_.erase(0, 2);
    return;
  }
  // BOM-less UTF-16: text in the Latin range has a NUL in every other byte.
  const size_t sample = n < 1024 ? n & ~size_t{1} : 1024;
  if (sample >= 8) {
    size_t even_nul = 0, odd_nul = 0;
    for (size_t i = 0; i < sample; i += 2) {
      even_nul += p[i] == 0;
      odd_nul += p[i + 1] == 0;
    }
    const size_t pairs = sample / 2;
    if (odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs) {
      encoding_ = "utf-16le-nobom";
      utf16_ = true;
    } else if (even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs) {
      encoding_ = "utf-16be-nobom";
      utf16_ = big_endian_ = true;
    }
  }
}

bool LineReader::Fill() {
  if (eof_) return false;
  // Compact so the unread tail starts at 0.
  if (begin_ > 0) {
    std::memmove(data_, data_ + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const size_t free_space = capacity_ - end_;
  if (free_space == 0) return false;
  if (!started_ || utf16_) {
    // Raw bytes go through raw_ first: for the encoding sniff, and for UTF-16
    // conversion (which expands at most 2 bytes into 3).
    const size_t want = std::min(kChunk, free_space * 2 / 3) & ~size_t{1};
    const size_t carry = raw_.size();
    raw_.resize(carry + want);
    // Read until `want` bytes, the end, or an error; bytes read before an
    // error are kept.
    size_t got = 0;
    while (got < want) {
      auto n = src_->Read(raw_.data() + carry + got, want - got);
      if (!n.ok()) {
        status_ = n.status();
        eof_ = true;
        break;
      }
      if (*n == 0) {
        eof_ = true;
        break;
      }
      got += *n;
    }
    raw_.resize(carry + got);
    raw_bytes_ += got;
    if (options_.hash) hasher_.Update(raw_.data() + carry, got);
    if (!started_) {
      started_ = true;
      DetectEncoding();
    }
    if (utf16_) {
      convert_.clear();
      size_t used = base::AppendUtf16AsUtf8(raw_.data(), raw_.size(), big_endian_, &convert_);
      if (eof_ && used < raw_.size()) {
        // A dangling odd byte or lone high surrogate at the very end.
        base::AppendCodepoint(0xFFFD, &convert_);
        used = raw_.size();
      }
      raw_.erase(0, used);
      std::memcpy(data_ + end_, convert_.data(), convert_.size());
      end_ += convert_.size();
    } else {
      std::memcpy(data_ + end_, raw_.data(), raw_.size());
      end_ += raw_.size();
      raw_.clear();
      raw_.shrink_to_fit();
    }
    if (line_number_ == 0 && begin_ == 0) {
      // Binary check over the first 4 KiB of decoded text.
      const size_t m = std::min<size_t>(end_, 4096);
      size_t control = 0;
      for (size_t i = 0; i < m; ++i) {
        const unsigned char c = static_cast<unsigned char>(data_[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
             c != 0x1B)) {
          ++control;
        }
      }
      binary_ = m > 0 && control * 10 > m;
    }
    return end_ > 0 || !eof_;
  }
  const size_t want = std::min(kChunk, free_space);
  auto got = src_->Read(data_ + end_, want);
  if (!got.ok()) {
    status_ = got.status();
    eof_ = true;
    return false;
  }
  if (*got == 0) {
    eof_ = true;
    return false;
  }
  raw_bytes_ += *got;
  if (options_.hash) hasher_.Update(data_ + end_, *got);
  end_ += *got;
  return true;
}

bool LineReader::Next(Line* line) {
  line->flags = 0;
  line->cut_bytes = 0;
  size_t scanned = 0;  // bytes after begin_ known to hold no '\n'
  for (;;) {
    const char* nl = static_cast<const char*>(
        std::memchr(data_ + begin_ + scanned, '\n', end_ - begin_ - scanned));
    if (nl != nullptr) {
      size_t len = nl - (data_ + begin_);
      if (len > options_.max_line_bytes) {
        line->flags = base::kFlagTruncated;
        line->cut_bytes = len - options_.max_line_bytes;
        len = options_.max_line_bytes;
      }
      line->text = std::string_view(data_ + begin_, len);
      begin_ = nl - data_ + 1;
      break;
    }
    scanned = end_ - begin_;
    if (scanned >= options_.max_line_bytes) {
      // An over-long line: keep its head (copied out, since skipping the rest
      // reuses the buffer) and drop everything up to the next '\n'.
      long_line_.assign(data_ + begin_, options_.max_line_bytes);
      uint64_t dropped = scanned - options_.max_line_bytes;
      begin_ = end_;
      while (Fill()) {
        const char* e = static_cast<const char*>(std::memchr(data_ + begin_, '\n', end_ - begin_));
        if (e != nullptr) {
          dropped += e - (data_ + begin_);
          begin_ = e - data_ + 1;
          break;
        }
        dropped += end_ - begin_;
        begin_ = end_;
      }
      if (!long_line_.empty() && long_line_.back() == '\r' && dropped == 0) long_line_.pop_back();
      line->text = long_line_;
      line->flags = base::kFlagTruncated;
      line->cut_bytes = dropped;
      break;
    }
    if (!Fill()) {
      if (end_ > begin_ && options_.hold_partial_last_line) {
        held_bytes_ = end_ - begin_;
        begin_ = end_;
        return false;
      }
      if (end_ > begin_) {
        line->text = std::string_view(data_ + begin_, end_ - begin_);
        begin_ = end_;
        break;
      }
      return false;
    }
  }
  ++line_number_;
  line->number = line_number_;
  if (!line->text.empty() && line->text.back() == '\r') line->text.remove_suffix(1);
  if (NeedsRepairCheck(line->text)) {
    const bool has_nul = std::memchr(line->text.data(), 0, line->text.size()) != nullptr;
    if (has_nul || !base::IsValidUtf8(line->text)) {
      std::string_view in = line->text;
      if (has_nul) {
        nul_free_.clear();
        for (char c : in) {
          if (c == '\0') {
            nul_free_.append("\xEF\xBF\xBD");
          } else {
            nul_free_.push_back(c);
          }
        }
        in = nul_free_;
      }
      repaired_.clear();
      base::AppendUtf8Sanitized(in, &repaired_);
      line->text = repaired_;
      line->flags |= base::kFlagReplacedUtf8;
    }
  }
  return true;
}

}  // namespace rstscope::ingest
