// The interface every log format implements, and its self-description.
//
// A format is data plus a small amount of code: a FormatInfo (name, family,
// how it is detected, sample records with the fields they must yield) and a
// LineParser that reads the first line of a record. Parsers are pure
// functions of their input and their per-source state: no I/O, no SQLite.
//
// Thread-safety: FormatInfo objects are immutable and shared. A LineParser
// instance belongs to one source on one thread.
#ifndef RSTSCOPE_PARSERS_FORMAT_H_
#define RSTSCOPE_PARSERS_FORMAT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "base/kind.h"
#include "base/zone.h"

namespace rstscope::parsers {

// Per-source facts a parser may need. Copied into each parser.
struct SourceContext {
  // Modification time of the file or archive member (UTC microseconds). RFC
  // 3164 syslog has no year: the year is inferred so that the last record is
  // not after this time.
  int64_t mtime_us = 0;
  // Zone of timestamps that carry no offset (--tz, default UTC).
  base::Zone zone;
};

// One extra field of a record, stored in the `attrs` JSON object.
struct Attr {
  std::string_view key;    // static storage
  std::string_view value;
  bool is_number = false;  // emit unquoted in JSON
};

// The scalar fields of a ParsedLine (below), apart so that Reset can renew
// them without rewriting the attribute slots.
struct ParsedFields {
  static constexpr size_t kToEnd = static_cast<size_t>(-1);

  int64_t ts_us = 0;
  bool has_ts = false;
  uint16_t flags = 0;  // base::EventFlag bits: kFlagTzAssumed, kFlagYearInferred
  base::Severity severity = base::Severity::kUnknown;
  std::string_view host;
  std::string_view process;
  int64_t pid = -1;
  std::string_view src_ip;
  std::string_view dst_ip;
  int32_t src_port = -1;
  int32_t dst_port = -1;
  // The message is record[msg_offset, msg_offset + msg_length), where the
  // record is the first line followed by its continuation lines (an offset
  // past the first line is allowed: .NET console messages start on the
  // next line); kToEnd as the length means "to the end of the record".
  size_t msg_offset = 0;
  size_t msg_length = kToEnd;
  // Set instead when the message is not a verbatim range of the line (a
  // JSON string with escapes); msg_offset is then ignored.
  std::string_view message;
  bool has_message_override = false;
  // Set by an embedded format (parsers/embedded.h) that took the message:
  // the record's format name (static storage) and role. Empty / kUnknown:
  // the container format's.
  std::string_view format;
  base::Role role = base::Role::kUnknown;
  // The record's time is not on its first line (a Windows event export's
  // "Date:" line): LineParser::CompleteRecord fills it from the whole record.
  bool ts_in_record = false;
  // A kind the format itself states (HAProxy termination flags, say). When
  // kOther, the classifier decides from the message.
  base::Kind kind = base::Kind::kOther;
  std::string_view rule;  // names why `kind` was set, e.g. "haproxy_SD"
  int nattrs = 0;         // attrs[0, nattrs) are set
};

// Fields a parser reads from the first line of a record. String views point
// into the parsed line or into storage the parser owns; they stay valid until
// the next call of Parse on the same parser.
struct ParsedLine : ParsedFields {
  static constexpr int kMaxAttrs = 16;

  Attr attrs[kMaxAttrs];

  // As a newly constructed ParsedLine, for parsing the next line into the
  // same object. The 16 attribute slots (640 bytes) are not rewritten: only
  // attrs[0, nattrs) is ever read. Constructing a ParsedLine per line was
  // 70% of format detection's own time (PERFORMANCE.md).
  void Reset() {
    // A copy of a constant: a few vector moves. Assigning ParsedFields()
    // zeroed with `rep stos`, whose start-up cost made it no cheaper than
    // constructing the whole object.
    static constexpr ParsedFields kFresh{};
    static_cast<ParsedFields&>(*this) = kFresh;
  }

  void AddAttr(std::string_view key, std::string_view value, bool is_number = false) {
    if (nattrs < kMaxAttrs) attrs[nattrs++] = Attr{key, value, is_number};
  }
  // The value of attribute `key`, or nullopt when there is none.
  std::optional<std::string_view> FindAttr(std::string_view key) const {
    for (int i = 0; i < nattrs; ++i) {
      if (attrs[i].key == key) return attrs[i].value;
    }
    return std::nullopt;
  }
};

enum class ParseStatus {
  kParsed,         // the line starts a record of this format
  kNotThisFormat,  // it does not (it may be a continuation line)
  kMalformed,      // it is this format, but a field is broken
  // The line continues the record before it whatever the continuation
  // policy: the rest of a line the writer split (a CRI "P" line, a
  // json-file "log" without its newline). Only stateful parsers return it.
  kContinuation,
};

struct ParseOutcome {
  ParseStatus status = ParseStatus::kNotThisFormat;
  uint32_t column = 0;          // 1-based column of the problem, 0 if none
  std::string_view reason;      // static text, e.g. "invalid month"

  static ParseOutcome Parsed() { return {ParseStatus::kParsed, 0, {}}; }
  static ParseOutcome NotThisFormat(uint32_t column = 0, std::string_view why = {}) {
    return {ParseStatus::kNotThisFormat, column, why};
  }
  static ParseOutcome Malformed(uint32_t column, std::string_view why) {
    return {ParseStatus::kMalformed, column, why};
  }
  static ParseOutcome Continuation() { return {ParseStatus::kContinuation, 0, {}}; }
};

class LineParser {
 public:
  virtual ~LineParser() = default;

  // Parses `line` (no line terminator) as the first line of a record.
  // On kParsed, *out holds the fields (it is reset by the caller before the
  // call). Never fails on input: bad input is kNotThisFormat or kMalformed.
  virtual ParseOutcome Parse(std::string_view line, ParsedLine* out) = 0;

  // Offers a line to the parser as format metadata (a W3C "#Fields:"
  // directive, say) before Parse is tried. Returns true when the line was
  // consumed as metadata; such lines are stored in `unparsed` with the reason
  // "directive". The default consumes nothing.
  virtual bool ConsumeDirective(std::string_view line) { return false; }

  // Called when a record whose header set `ts_in_record` is complete, with
  // the whole record text (first line plus continuation lines joined by
  // '\n') and the header's fields. May set ts_us/has_ts, host, process,
  // pid, severity, kind, the message and attributes. Views must point into
  // `record`, static storage, or storage that only CompleteRecord uses
  // (Parse has already run on the next line and may have reused its own
  // buffers); they are consumed before the next call. The default does
  // nothing.
  virtual void CompleteRecord(std::string_view record, ParsedLine* out) {}
};

// Which lines continue the record started by the last parsed line.
enum class Continuation {
  // Only lines starting with whitespace (syslog, journald-to-text).
  kIndented,
  // Any line that does not start a record: application logs, whose stack
  // traces and exception chains start in column 1.
  kAnyNonHeader,
  // None: every line is a record of its own (JSON lines, access logs).
  kNone,
};

enum class Family { kClient, kServer, kProxy, kFirewall };
std::string_view FamilyName(Family f);  // "client", "server", "proxy", "firewall"

// One sample record and exactly the fields it must parse into, with
// SampleContext() as the source context. Empty strings and -1 mean "absent".
struct FormatSample {
  std::string_view text;      // the record; lines separated by '\n'
  std::string_view ts;        // expected UTC time, "2024-03-01T10:15:02.123456Z"
  std::string_view host;
  std::string_view process;
  int64_t pid = -1;
  std::string_view severity;  // base::SeverityName, "" for unknown
  std::string_view message;   // the whole message, continuation lines included
  std::string_view kind = "other";  // after classification
  std::string_view src_ip = {};
  int32_t src_port = -1;
  std::string_view dst_ip = {};
  int32_t dst_port = -1;
  // Expected `attrs` JSON object, e.g. R"({"reason":"TCP Reset-O"})"; not
  // checked when empty.
  std::string_view attrs = {};
};

// The context every FormatSample is parsed with: mtime
// 2024-12-31T23:59:59Z, zone UTC.
SourceContext SampleContext();

struct FormatInfo {
  std::string_view name;         // stable identifier, e.g. "nginx_error"
  Family family;
  base::Role default_role;       // role of its records when --role is absent
  std::string_view description;  // one line for `rstscope formats`
  std::string_view signature;    // what detection looks for, for `detect`
  // Sniffing order: lower first. Specific formats (HAProxy inside syslog)
  // come before generic ones (syslog, application text).
  int priority;
  Continuation continuation;
  std::unique_ptr<LineParser> (*make_parser)(const SourceContext& ctx);
  std::span<const FormatSample> samples;
};

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_FORMAT_H_
