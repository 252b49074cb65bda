#include "ingest/record_builder.h"

#include <cstdio>

#include "base/strings.h"
#include "base/utf8.h"
#include "parsers/record.h"

namespace rstscope::ingest {

using parsers::Continuation;
using parsers::ParsedLine;
using parsers::ParseOutcome;
using parsers::ParseStatus;

namespace {

// Where a header field's text lives while its record is being assembled:
// the first line (which becomes the start of the record text) or the
// pending record's own copy of parser-owned strings.
struct Ref {
  enum Where : uint8_t { kNone, kText, kExtra };
  Where where = kNone;
  uint32_t off = 0;
  uint32_t len = 0;
};

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (!base::IsSpace(c)) return false;
  }
  return true;
}

}  // namespace

struct RecordBuilder::Pending {
  bool active = false;
  uint64_t line = 0;
  uint32_t nlines = 0;
  uint16_t flags = 0;
  size_t text_start = 0;  // offset of the record text in the batch arena
  ParsedLine header;      // scalar fields; its views are rebuilt from the refs
  ParsedLine candidate;   // the line being parsed, reused (ParsedLine::Reset)
  Ref host, process, src_ip, dst_ip, message;
  Ref attr_values[ParsedLine::kMaxAttrs];
  std::string extra;

  Ref Capture(std::string_view v, std::string_view line) {
    Ref r;
    if (v.data() == nullptr) return r;
    if (v.data() >= line.data() && v.data() + v.size() <= line.data() + line.size()) {
      r.where = Ref::kText;
      r.off = static_cast<uint32_t>(v.data() - line.data());
    } else {
      r.where = Ref::kExtra;
      r.off = static_cast<uint32_t>(extra.size());
      extra.append(v);
    }
    r.len = static_cast<uint32_t>(v.size());
    return r;
  }

  std::string_view Resolve(Ref r, std::string_view text) const {
    switch (r.where) {
      case Ref::kText: return text.substr(r.off, r.len);
      case Ref::kExtra: return std::string_view(extra).substr(r.off, r.len);
      case Ref::kNone: break;
    }
    return {};
  }
};

RecordBuilder::RecordBuilder(const parsers::FormatInfo* format, const parsers::SourceContext& ctx,
                             const parsers::Classifier& classifier,
                             const RecordBuilderOptions& options, std::string no_format_reason,
                             BatchConsumer consumer, std::unique_ptr<base::EventBatch> first)
    : format_(format),
      classifier_(classifier),
      options_(options),
      no_format_reason_(std::move(no_format_reason)),
      consumer_(std::move(consumer)),
      mtime_us_(ctx.mtime_us),
      batch_(first != nullptr ? std::move(first) : std::make_unique<base::EventBatch>()),
      pending_(std::make_unique<Pending>()) {
  if (format_ != nullptr) parser_ = format_->make_parser(ctx);
  batch_->Clear();
  batch_->source_key = options_.source_key;
}

RecordBuilder::~RecordBuilder() = default;

void RecordBuilder::PrimeDirective(std::string_view line) {
  if (parser_ != nullptr && !IsBlank(line)) (void)parser_->ConsumeDirective(line);
}

void RecordBuilder::AddLine(std::string_view line, uint64_t number, uint16_t flags) {
  if (IsBlank(line)) {
    if (pending_->active && format_->continuation == Continuation::kAnyNonHeader) {
      blank_lines_.push_back(number);
    } else {
      AddUnparsed(line, number, flags, "blank line");
    }
    return;
  }
  if (parser_ == nullptr) {
    AddUnparsed(line, number, flags, no_format_reason_);
    return;
  }
  if (parser_->ConsumeDirective(line)) {
    FinishRecord();
    FlushBlankLines();
    AddUnparsed(line, number, flags, "directive");
    return;
  }
  ParsedLine& header = pending_->header;
  ParsedLine& candidate = pending_->candidate;
  candidate.Reset();
  const ParseOutcome outcome = parser_->Parse(line, &candidate);
  if (outcome.status == ParseStatus::kParsed) {
    FinishRecord();
    FlushBlankLines();
    if (!candidate.has_ts && !candidate.ts_in_record && !has_previous_ts_) {
      AddUnparsed(line, number, flags, std::string(format_->name) +
                                           ": the record has no timestamp and no earlier "
                                           "record gives one");
      return;
    }
    header = candidate;
    StartRecord(line, number, flags);
    return;
  }
  const bool continues =
      outcome.status == ParseStatus::kContinuation ||
      (outcome.status != ParseStatus::kMalformed &&
       ((format_->continuation == Continuation::kAnyNonHeader) ||
        (format_->continuation == Continuation::kIndented && base::IsSpace(line[0]))));
  if (continues && pending_->active) {
    const size_t text_size = batch_->arena.size() - pending_->text_start;
    if (pending_->nlines + blank_lines_.size() >= options_.max_record_lines ||
        text_size + line.size() + blank_lines_.size() + 1 > options_.max_record_bytes) {
      FinishRecord();
      FlushBlankLines();
      overflowed_ = true;
    } else {
      for (size_t i = 0; i < blank_lines_.size(); ++i) AppendContinuation({}, 0);
      blank_lines_.clear();
      AppendContinuation(line, flags);
      return;
    }
  }
  FinishRecord();
  FlushBlankLines();
  reason_.clear();
  reason_.append(format_->name);
  reason_.append(": ");
  if (continues && overflowed_) {
    reason_.append("continuation line not joined: the record reached the size limit");
  } else if (continues) {
    reason_.append("continuation line with no record before it");
  } else if (outcome.column > 0 && !outcome.reason.empty()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "column %u: ", outcome.column);
    reason_.append(buf);
    reason_.append(outcome.reason);
  } else if (!outcome.reason.empty()) {
    reason_.append(outcome.reason);
  } else {
    reason_.append("not a ");
    reason_.append(format_->name);
    reason_.append(" record");
  }
  AddUnparsed(line, number, flags, reason_);
}

void RecordBuilder::StartRecord(std::string_view line, uint64_t number, uint16_t flags) {
  MaybeFlush();
  overflowed_ = false;
  Pending& p = *pending_;
  p.active = true;
  p.line = number;
  p.nlines = 1;
  p.flags = flags | p.header.flags;
  p.extra.clear();
  ParsedLine& h = p.header;
  p.host = p.Capture(h.host, line);
  p.process = p.Capture(h.process, line);
  p.src_ip = p.Capture(h.src_ip, line);
  p.dst_ip = p.Capture(h.dst_ip, line);
  p.message = h.has_message_override ? p.Capture(h.message, line) : Ref{};
  for (int i = 0; i < h.nattrs; ++i) p.attr_values[i] = p.Capture(h.attrs[i].value, line);
  p.text_start = batch_->arena.size();
  batch_->arena.append(line);
}

void RecordBuilder::AppendContinuation(std::string_view line, uint16_t flags) {
  batch_->arena.push_back('\n');
  batch_->arena.append(line);
  ++pending_->nlines;
  pending_->flags |= flags;
}

void RecordBuilder::FinishRecord() {
  Pending& p = *pending_;
  if (!p.active) return;
  p.active = false;
  base::EventBatch& b = *batch_;
  const std::string_view text(b.arena.data() + p.text_start, b.arena.size() - p.text_start);

  // Rebuild the header's views over their final storage.
  ParsedLine& h = p.header;
  h.host = p.Resolve(p.host, text);
  h.process = p.Resolve(p.process, text);
  h.src_ip = p.Resolve(p.src_ip, text);
  h.dst_ip = p.Resolve(p.dst_ip, text);
  if (h.has_message_override) h.message = p.Resolve(p.message, text);
  for (int i = 0; i < h.nattrs; ++i) h.attrs[i].value = p.Resolve(p.attr_values[i], text);

  if (h.ts_in_record) {
    const bool had_ts = h.has_ts;
    parser_->CompleteRecord(text, &h);
    if (!had_ts && !h.has_ts && !has_previous_ts_) {
      // No time anywhere in the record and none before it: the source's
      // modification time is the best bound there is.
      h.ts_us = mtime_us_;
      h.has_ts = true;
      p.flags |= base::kFlagTimeFromPrevious;
    }
  }
  const parsers::FinishedRecord rec = parsers::FinishRecord(text, h, classifier_);

  base::EventRow row;
  if (h.has_ts) {
    row.ts_us = h.ts_us;
  } else {
    row.ts_us = previous_ts_;
    p.flags |= base::kFlagTimeFromPrevious;
  }
  has_previous_ts_ = true;
  previous_ts_ = row.ts_us;
  row.pid = rec.pid;
  row.line = static_cast<uint32_t>(p.line);
  row.nlines = p.nlines;
  row.flags = p.flags;
  row.kind = rec.kind;
  row.severity = h.severity;
  row.src_port = rec.src_port;
  row.dst_port = rec.dst_port;
  row.format = h.format.empty() ? format_->name : h.format;
  row.rule = rec.rule;
  row.role = options_.role_override != base::Role::kUnknown ? options_.role_override
             : h.role != base::Role::kUnknown              ? h.role
                                                           : format_->default_role;
  if (row.role == base::Role::kUnknown && rec.kind == base::Kind::kReset) {
    row.role = base::Role::kClient;
  }
  row.text = base::Span{static_cast<uint32_t>(p.text_start), static_cast<uint32_t>(text.size())};
  if (rec.message_is_range) {
    row.msg_char_off = static_cast<uint32_t>(base::CountCodepoints(text.substr(0, rec.msg_offset)));
    row.msg_char_len = h.msg_length == ParsedLine::kToEnd
                           ? -1
                           : static_cast<int32_t>(base::CountCodepoints(rec.message));
  }

  // Small fields go through scratch_ first: they may be views into the
  // arena, which the append below can reallocate.
  scratch_.clear();
  struct Pos {
    size_t off = 0, len = 0;
    bool set = false;
  };
  auto put = [&](std::string_view v) {
    Pos pos;
    if (v.empty()) return pos;
    pos.off = scratch_.size();
    pos.len = v.size();
    pos.set = true;
    scratch_.append(v);
    return pos;
  };
  const Pos host = put(h.host);
  const Pos process = put(rec.process);
  const Pos src_ip = put(rec.src_ip);
  const Pos dst_ip = put(rec.dst_ip);
  const Pos msg = rec.message_is_range ? Pos{} : put(rec.message);
  Pos attrs;
  if (h.nattrs > 0) {
    attrs.off = scratch_.size();
    attrs.set = true;
    parsers::AppendAttrsJson(h, &scratch_);
    attrs.len = scratch_.size() - attrs.off;
  }
  const uint32_t base_off = static_cast<uint32_t>(b.arena.size());
  b.arena.append(scratch_);
  auto span = [&](const Pos& pos) {
    return pos.set ? base::Span{static_cast<uint32_t>(base_off + pos.off),
                                static_cast<uint32_t>(pos.len)}
                   : base::Span{};
  };
  row.host = span(host);
  row.process = span(process);
  row.src_ip = span(src_ip);
  row.dst_ip = span(dst_ip);
  row.msg = span(msg);
  row.attrs = span(attrs);
  b.events.push_back(row);

  ++stats_.records;
  stats_.last_record_line = row.line;
  if (row.kind == base::Kind::kReset) ++stats_.resets;
  if (row.ts_us < stats_.min_ts_us) stats_.min_ts_us = row.ts_us;
  if (row.ts_us > stats_.max_ts_us) stats_.max_ts_us = row.ts_us;
  // h.host may point into the arena, which the append above can move:
  // read the host from scratch_ instead.
  if (host.set && host_listener_) {
    const std::string_view spelled = std::string_view(scratch_).substr(host.off, host.len);
    if (spelled != last_host_) {
      last_host_.assign(spelled);
      // Hosts alternate from line to line in a relayed syslog: tell the
      // listener (which locks) about each name once per source.
      if (announced_hosts_.insert(last_host_).second) host_listener_(last_host_);
    }
  }
}

void RecordBuilder::AddUnparsed(std::string_view line, uint64_t number, uint16_t flags,
                                std::string_view reason) {
  base::EventBatch& b = *batch_;
  base::UnparsedRow row;
  row.line = static_cast<uint32_t>(number);
  row.flags = flags;
  // `line` may live in reason_/scratch_ storage but never in the arena.
  row.text = b.Append(line);
  row.reason = b.Append(reason);
  b.unparsed.push_back(row);
  ++stats_.unparsed;
  if (!pending_->active) MaybeFlush();
}

void RecordBuilder::FlushBlankLines() {
  for (uint64_t number : blank_lines_) AddUnparsed({}, number, 0, "blank line");
  blank_lines_.clear();
}

void RecordBuilder::MaybeFlush() {
  if (batch_->arena.size() < options_.batch_bytes &&
      batch_->events.size() + batch_->unparsed.size() < options_.batch_rows) {
    return;
  }
  batch_ = consumer_(std::move(batch_));
  batch_->Clear();
  batch_->source_key = options_.source_key;
}

void RecordBuilder::Finish() {
  FinishRecord();
  FlushBlankLines();
  if (!batch_->events.empty() || !batch_->unparsed.empty()) {
    batch_ = consumer_(std::move(batch_));
    batch_->Clear();
    batch_->source_key = options_.source_key;
  }
}

}  // namespace rstscope::ingest
