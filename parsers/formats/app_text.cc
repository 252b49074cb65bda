// Application text logs: the layouts of the common logging libraries, and a
// generic fallback for any line that starts with a timestamp.
//
// Each parser reads only the first line of a record; stack traces,
// exception chains and Python tracebacks start in column 1 and join the
// record as continuation lines (Continuation::kAnyNonHeader, FORMATS.md
// §1.3), so the message runs to the end of the record and the classifier
// sees the innermost cause. Timestamps without an offset are taken in the
// source's zone and flagged (ToUtcMicros). The logger is an attribute, not
// the process: a process is set only where the layout prints one.
//
// No parser allocates: every field is a view into the line.
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "base/kind.h"
#include "base/strings.h"
#include "base/zone.h"
#include "parsers/formats/formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::Severity;
using std::string_view;

constexpr size_t npos = string_view::npos;

size_t SkipBlanks(string_view s, size_t pos) {
  while (pos < s.size() && base::IsSpace(s[pos])) ++pos;
  return pos;
}

// End of the run of ASCII letters at s[pos].
size_t LettersEnd(string_view s, size_t pos) {
  while (pos < s.size() && base::IsAlpha(s[pos])) ++pos;
  return pos;
}

// End of the run of non-blank characters at s[pos].
size_t TokenEnd(string_view s, size_t pos) {
  while (pos < s.size() && !base::IsSpace(s[pos])) ++pos;
  return pos;
}

bool IsUpperWord(string_view w) {
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return !w.empty();
}

bool OneOf(string_view w, std::initializer_list<string_view> words) {
  for (string_view x : words) {
    if (w == x) return true;
  }
  return false;
}

// Reads " +hh:mm" or " -hhmm" at s[pos], the offset that some layouts put
// after the time with a space (Serilog's "zzz", gunicorn's "%z"), when the
// time has no offset of its own. Returns the position after it, or `pos`.
size_t ParseSpacedOffset(string_view s, size_t pos, CivilTime* t) {
  if (t->has_offset || pos + 1 >= s.size() || s[pos] != ' ' ||
      (s[pos + 1] != '+' && s[pos + 1] != '-')) {
    return pos;
  }
  int offset = 0;
  const size_t n = base::ParseUtcOffset(s.substr(pos + 1), &offset);
  if (n < 5) return pos;  // "+hhmm" or "+hh:mm"; "+02" could be a field
  const size_t end = pos + 1 + n;
  if (end < s.size() && !base::IsSpace(s[end]) && s[end] != ']') return pos;
  t->has_offset = true;
  t->offset_seconds = offset;
  return end;
}

// Base of the parsers below: owns the zone (Zone caches, so each parser
// has its own copy) and stores a parsed time.
class AppLineParser : public LineParser {
 protected:
  explicit AppLineParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  // False when the time lies outside 1970..9999.
  bool StoreTime(const CivilTime& t, ParsedLine* out) {
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) return false;
    out->has_ts = true;
    return true;
  }

  base::Zone zone_;
};

ParseOutcome TimeOutOfRange(const CivilTime& t) { return ParseOutcome::Malformed(1, TimestampProblem(t)); }

// ---------------------------------------------------------------------------
// log4j / logback / Spring Boot.
//
// Accepted first lines (%-5level pads the level with spaces):
//   2024-03-01 10:15:02,123 ERROR [main] com.acme.Foo - msg       logback
//   2024-03-01 10:15:02.123 [main] ERROR com.acme.Foo - msg       log4j2 default
//   2024-03-01 10:15:02,123 ERROR com.acme.Foo - msg              log4j %d %p %c - %m
//   2024-03-01 10:15:02.123  INFO 12345 --- [main] c.a.Foo  : msg Spring Boot 2
//   2025-01-24T07:00:30.139Z ERROR 1 --- [app] [nio-8080-exec-1] c.e.Foo : msg
//                                                                  Spring Boot 3.2+
// In Spring Boot 3.2+ the first of several bracket groups is the
// application name (spring.application.name): it becomes the process.

bool IsJavaLevel(string_view w) {
  return OneOf(w, {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"});
}

class LogbackParser : public AppLineParser {
 public:
  explicit LogbackParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    CivilTime t;
    const size_t ts_end = ParseIso8601(line, &t);
    if (ts_end == 0 || ts_end >= line.size() || line[ts_end] != ' ') {
      return ParseOutcome::NotThisFormat(1, "no ISO 8601 timestamp and blank");
    }
    size_t pos = SkipBlanks(line, ts_end);
    string_view thread;
    if (pos < line.size() && line[pos] == '[') {
      const size_t close = line.find("] ", pos);
      if (close == npos) return ParseOutcome::NotThisFormat(pos + 1, "unclosed thread");
      thread = line.substr(pos + 1, close - pos - 1);
      pos = SkipBlanks(line, close + 2);
    }
    const size_t level_end = LettersEnd(line, pos);
    const string_view level = line.substr(pos, level_end - pos);
    if (!IsJavaLevel(level) || level_end >= line.size() || line[level_end] != ' ') {
      return ParseOutcome::NotThisFormat(pos + 1, "no log4j level");
    }
    pos = SkipBlanks(line, level_end);
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = base::SeverityFromWord(level);
    if (thread.empty() && ParseSpringTail(line, pos, out)) return ParseOutcome::Parsed();
    if (thread.empty() && pos < line.size() && line[pos] == '[') {
      const size_t close = line.find("] ", pos);
      if (close == npos) return ParseOutcome::NotThisFormat(pos + 1, "unclosed thread");
      thread = line.substr(pos + 1, close - pos - 1);
      pos = SkipBlanks(line, close + 2);
    }
    const size_t logger_end = TokenEnd(line, pos);
    if (logger_end == pos || line.compare(logger_end, 3, " - ") != 0) {
      return ParseOutcome::NotThisFormat(logger_end + 1, "no ' - ' after the logger");
    }
    out->AddAttr("logger", line.substr(pos, logger_end - pos));
    if (!thread.empty()) out->AddAttr("thread", thread);
    out->msg_offset = logger_end + 3;
    return ParseOutcome::Parsed();
  }

 private:
  // "PID --- [group]... logger : msg" at line[pos]. False (and *out
  // unchanged apart from what the caller set) when it is not that shape.
  static bool ParseSpringTail(string_view line, size_t pos, ParsedLine* out) {
    size_t p = pos;
    int64_t pid = 0;
    if (!base::ParseDigits(line, &p, &pid) || line.compare(p, 5, " --- ") != 0) return false;
    p += 5;
    string_view groups[3];
    int ngroups = 0;
    while (p < line.size() && line[p] == '[') {
      const size_t close = line.find(']', p);
      if (close == npos) return false;
      if (ngroups < 3) groups[ngroups++] = base::TrimSpace(line.substr(p + 1, close - p - 1));
      p = SkipBlanks(line, close + 1);
    }
    const size_t sep = line.find(" : ", p);
    if (sep == npos) return false;
    out->pid = pid;
    if (ngroups >= 2) out->process = groups[0];
    out->AddAttr("logger", base::TrimRightSpace(line.substr(p, sep - p)));
    if (ngroups > 0) out->AddAttr("thread", groups[ngroups >= 2 ? 1 : 0]);
    out->msg_offset = sep + 3;
    return true;
  }
};

// ---------------------------------------------------------------------------
// Serilog file sink, default outputTemplate
// "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}":
//   2024-11-05 14:03:27.123 +01:00 [ERR] message
// Also without the zone ("... 14:03:27.123 [ERR] ...") and with a 'T'.

class SerilogParser : public AppLineParser {
 public:
  explicit SerilogParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    CivilTime t;
    const size_t ts_end = ParseIso8601(line, &t);
    if (ts_end == 0) return ParseOutcome::NotThisFormat(1, "no ISO 8601 timestamp");
    const size_t pos = ParseSpacedOffset(line, ts_end, &t);
    if (line.compare(pos, 2, " [") != 0 || pos + 6 > line.size() || line[pos + 5] != ']') {
      return ParseOutcome::NotThisFormat(pos + 1, "no [LVL] after the timestamp");
    }
    const string_view level = line.substr(pos + 2, 3);
    if (!OneOf(level, {"VRB", "DBG", "INF", "WRN", "ERR", "FTL"})) {
      return ParseOutcome::NotThisFormat(pos + 3, "not a Serilog level");
    }
    if (pos + 6 < line.size() && line[pos + 6] != ' ') {
      return ParseOutcome::NotThisFormat(pos + 7, "no blank after the level");
    }
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = base::SeverityFromWord(level);
    out->msg_offset = pos + 7 <= line.size() ? pos + 7 : line.size();
    return ParseOutcome::Parsed();
  }
};

// ---------------------------------------------------------------------------
// NLog default layout "${longdate}|${level:uppercase=true}|${logger}|${message}":
//   2024-03-01 10:15:02.1234|ERROR|Acme.Client|msg

class NlogParser : public AppLineParser {
 public:
  explicit NlogParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    CivilTime t;
    const size_t ts_end = ParseIso8601(line, &t);
    if (ts_end == 0 || ts_end >= line.size() || line[ts_end] != '|') {
      return ParseOutcome::NotThisFormat(1, "no longdate and '|'");
    }
    const size_t level_end = line.find('|', ts_end + 1);
    if (level_end == npos) return ParseOutcome::NotThisFormat(ts_end + 2, "no level field");
    const string_view level = line.substr(ts_end + 1, level_end - ts_end - 1);
    bool known = false;
    for (string_view w : {"Trace", "Debug", "Info", "Warn", "Error", "Fatal"}) {
      known = known || base::EqualsIgnoreCase(level, w);
    }
    if (!known) return ParseOutcome::NotThisFormat(ts_end + 2, "not an NLog level");
    const size_t logger_end = line.find('|', level_end + 1);
    const string_view logger = line.substr(level_end + 1, logger_end - level_end - 1);
    if (logger_end == npos || logger.empty() || TokenEnd(logger, 0) != logger.size()) {
      return ParseOutcome::NotThisFormat(level_end + 2, "no logger field");
    }
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = base::SeverityFromWord(level);
    out->AddAttr("logger", logger);
    out->msg_offset = logger_end + 1;
    return ParseOutcome::Parsed();
  }
};

// ---------------------------------------------------------------------------
// Python logging, with %(asctime)s first:
//   2024-03-01 10:15:02,123 - name - ERROR - msg
//       "%(asctime)s - %(name)s - %(levelname)s - %(message)s" (the cookbook's)
//   2024-03-01 10:15:02,123 ERROR name: msg
//       "%(asctime)s %(levelname)s %(name)s: %(message)s"
//   2024-03-01 10:15:02,123 [ERROR] name: msg

bool IsPythonLevel(string_view w) {
  return OneOf(w, {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"});
}

class PythonLoggingParser : public AppLineParser {
 public:
  explicit PythonLoggingParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    CivilTime t;
    const size_t ts_end = ParseIso8601(line, &t);
    if (ts_end == 0 || ts_end >= line.size() || line[ts_end] != ' ') {
      return ParseOutcome::NotThisFormat(1, "no asctime and blank");
    }
    string_view name, level;
    size_t msg;
    if (line.compare(ts_end, 3, " - ") == 0) {
      const size_t name_end = line.find(" - ", ts_end + 3);
      if (name_end == npos) return ParseOutcome::NotThisFormat(ts_end + 4, "no ' - ' after name");
      name = line.substr(ts_end + 3, name_end - ts_end - 3);
      const size_t level_end = LettersEnd(line, name_end + 3);
      level = line.substr(name_end + 3, level_end - name_end - 3);
      if (!IsPythonLevel(level) || line.compare(level_end, 3, " - ") != 0) {
        return ParseOutcome::NotThisFormat(name_end + 4, "no ' - LEVEL - '");
      }
      msg = level_end + 3;
    } else {
      size_t pos = ts_end + 1;
      const bool bracketed = pos < line.size() && line[pos] == '[';
      if (bracketed) ++pos;
      const size_t level_end = LettersEnd(line, pos);
      level = line.substr(pos, level_end - pos);
      pos = level_end;
      if (bracketed) {
        if (pos >= line.size() || line[pos] != ']')
          return ParseOutcome::NotThisFormat(pos + 1, "no ]");
        ++pos;
      }
      if (!IsPythonLevel(level) || pos >= line.size() || line[pos] != ' ') {
        return ParseOutcome::NotThisFormat(ts_end + 2, "no Python level");
      }
      pos = SkipBlanks(line, pos);
      const size_t name_end = TokenEnd(line, pos);
      if (name_end <= pos + 1 || line[name_end - 1] != ':') {
        return ParseOutcome::NotThisFormat(pos + 1, "no 'name:' after the level");
      }
      name = line.substr(pos, name_end - 1 - pos);
      msg = name_end < line.size() ? name_end + 1 : name_end;
    }
    if (name.empty()) return ParseOutcome::NotThisFormat(ts_end + 1, "empty logger name");
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = base::SeverityFromWord(level);
    out->AddAttr("logger", name);
    out->msg_offset = msg;
    return ParseOutcome::Parsed();
  }
};

// ---------------------------------------------------------------------------
// Go: the standard `log` package and zap's console encoder.
//   2024/03/01 10:15:02 msg                 log.LstdFlags (local time)
//   2024/03/01 10:15:02.123456 msg          | log.Lmicroseconds
//   2024-03-01T10:15:02.123Z<TAB>ERROR<TAB>logger<TAB>caller<TAB>msg<TAB>{json}
// zap's name, caller and function fields are each optional; they are the
// blank-free fields before the message. The JSON context stays in the
// message: it is where zap puts the "error" text the classifier needs.

bool IsZapLevel(string_view w) {
  for (string_view x : {"debug", "info", "warn", "error", "dpanic", "panic", "fatal"}) {
    if (base::EqualsIgnoreCase(w, x)) return true;
  }
  return false;
}

// "[level] 123#0: " right after the time: an nginx error log line.
bool LooksLikeNginxError(string_view rest) {
  if (rest.empty() || rest[0] != '[') return false;
  const size_t close = rest.find("] ");
  if (close == npos || close > 8) return false;
  size_t p = close + 2;
  int64_t n = 0;
  return base::ParseDigits(rest, &p, &n) && p < rest.size() && rest[p] == '#';
}

class GoLogParser : public AppLineParser {
 public:
  explicit GoLogParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    CivilTime t;
    size_t ts_end = ParseSlashDateTime(line, &t);
    if (ts_end > 0) {
      if (ts_end >= line.size() || line[ts_end] != ' ') {
        return ParseOutcome::NotThisFormat(ts_end + 1, "no blank after the time");
      }
      if (LooksLikeNginxError(line.substr(ts_end + 1))) {
        return ParseOutcome::NotThisFormat(ts_end + 2, "an nginx error log line");
      }
      if (!StoreTime(t, out)) return TimeOutOfRange(t);
      out->msg_offset = ts_end + 1;
      return ParseOutcome::Parsed();
    }
    ts_end = ParseIso8601(line, &t);
    if (ts_end == 0 || ts_end >= line.size() || line[ts_end] != '\t') {
      return ParseOutcome::NotThisFormat(1, "no Go log or zap console timestamp");
    }
    size_t level_end = line.find('\t', ts_end + 1);
    if (level_end == npos) level_end = line.size();
    const string_view level = line.substr(ts_end + 1, level_end - ts_end - 1);
    if (!IsZapLevel(level)) return ParseOutcome::NotThisFormat(ts_end + 2, "not a zap level");
    // Up to 5 fields after the level: name, caller, function, message, context.
    size_t starts[5];
    int nfields = 0;
    for (size_t p = level_end; p < line.size() && nfields < 5;) {
      starts[nfields++] = p + 1;
      p = line.find('\t', p + 1);
      if (p == npos) break;
    }
    int nplain = nfields;
    if (nfields >= 2 && starts[nfields - 1] < line.size() && line[starts[nfields - 1]] == '{') {
      --nplain;
    }
    string_view logger;
    int i = 0;
    while (i + 1 < nplain && i < 3) {
      size_t end = line.find('\t', starts[i]);
      const string_view field = line.substr(starts[i], end - starts[i]);
      if (field.empty() || TokenEnd(field, 0) != field.size()) break;
      const bool caller = field.find(".go:") != npos;
      if (!caller && logger.empty() && i == 0) logger = field;
      ++i;
    }
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = base::SeverityFromWord(level);
    if (!logger.empty()) out->AddAttr("logger", logger);
    out->msg_offset = nfields > 0 ? starts[i] : line.size();
    return ParseOutcome::Parsed();
  }
};

// ---------------------------------------------------------------------------
// Microsoft.Extensions.Logging simple console formatter with a
// TimestampFormat:
//   2024-03-01 10:15:02 fail: Acme.Api.OrdersController[0]
//         Payment call failed
// The message is on the following lines, indented by 6 blanks (the width of
// "fail: "); the message starts after that indentation. With
// SingleLine = true it follows "[EventId] " on the first line. A bracketed
// timestamp "[2024-03-01 10:15:02] " is accepted too.

constexpr size_t kDotnetMessageIndent = 6;

Severity DotnetLevel(string_view w) {
  if (w == "trce" || w == "dbug") return Severity::kDebug;
  if (w == "info") return Severity::kInfo;
  if (w == "warn") return Severity::kWarning;
  if (w == "fail") return Severity::kError;
  if (w == "crit") return Severity::kCritical;
  return Severity::kUnknown;
}

class DotnetConsoleParser : public AppLineParser {
 public:
  explicit DotnetConsoleParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    const bool bracketed = !line.empty() && line[0] == '[';
    size_t pos = bracketed ? 1 : 0;
    CivilTime t;
    const size_t n = ParseIso8601(line.substr(pos), &t);
    if (n == 0) return ParseOutcome::NotThisFormat(1, "no timestamp");
    pos += n;
    if (bracketed) {
      if (pos >= line.size() || line[pos] != ']')
        return ParseOutcome::NotThisFormat(pos + 1, "no ]");
      ++pos;
    }
    if (pos >= line.size() || line[pos] != ' ')
      return ParseOutcome::NotThisFormat(pos + 1, "no blank");
    pos = SkipBlanks(line, pos);
    if (pos + 6 > line.size()) return ParseOutcome::NotThisFormat(pos + 1, "no level");
    const Severity severity = DotnetLevel(line.substr(pos, 4));
    if (severity == Severity::kUnknown || line.compare(pos + 4, 2, ": ") != 0) {
      return ParseOutcome::NotThisFormat(pos + 1, "no 'fail: '-style level");
    }
    pos += 6;
    const size_t open = line.find('[', pos);
    const size_t close = open == npos ? npos : line.find(']', open);
    if (open == npos || open == pos || close == npos || close == open + 1 ||
        TokenEnd(line, pos) < open) {
      return ParseOutcome::NotThisFormat(pos + 1, "no Category[EventId]");
    }
    for (size_t i = open + 1; i < close; ++i) {
      if (!base::IsDigit(line[i]))
        return ParseOutcome::NotThisFormat(i + 1, "event id not numeric");
    }
    if (close + 1 < line.size() && line[close + 1] != ' ') {
      return ParseOutcome::NotThisFormat(close + 2, "no blank after the event id");
    }
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    out->severity = severity;
    out->AddAttr("logger", line.substr(pos, open - pos));
    out->AddAttr("event_id", line.substr(open + 1, close - open - 1), /*is_number=*/true);
    out->msg_offset = close + 1 < line.size() ? close + 2 : line.size() + 1 + kDotnetMessageIndent;
    return ParseOutcome::Parsed();
  }
};

// ---------------------------------------------------------------------------
// Generic fallback: a line that starts with a timestamp, optionally
// bracketed, optionally followed by a bracketed pid and a level word.
//   2024-03-01T10:15:02.123Z WARN msg
//   2024/03/01 10:15:02 error: msg
//   [2026-05-26 19:49:12 +0200] [56] [ERROR] msg           (gunicorn)
//   [2024-03-01 10:15:02,123] INFO msg
// A bare level word counts only in capitals ("WARN") or before a colon
// ("error:"), so that "2024-03-01 10:15:02 Error connecting" keeps its text.

class AppTextParser : public AppLineParser {
 public:
  explicit AppTextParser(const SourceContext& ctx) : AppLineParser(ctx) {}

  ParseOutcome Parse(string_view line, ParsedLine* out) override {
    const bool bracketed = !line.empty() && line[0] == '[';
    size_t pos = bracketed ? 1 : 0;
    CivilTime t;
    size_t n = ParseIso8601(line.substr(pos), &t);
    if (n == 0) n = ParseSlashDateTime(line.substr(pos), &t);
    if (n == 0) return ParseOutcome::NotThisFormat(1, "no timestamp at the line start");
    pos = ParseSpacedOffset(line, pos + n, &t);
    if (bracketed) {
      if (pos >= line.size() || line[pos] != ']')
        return ParseOutcome::NotThisFormat(pos + 1, "no ]");
      ++pos;
    }
    if (pos < line.size() && !base::IsSpace(line[pos])) {
      return ParseOutcome::NotThisFormat(pos + 1, "no blank after the timestamp");
    }
    if (!StoreTime(t, out)) return TimeOutOfRange(t);
    pos = SkipBlanks(line, pos);
    pos = ReadPid(line, pos, out);
    pos = ReadLevel(line, pos, out);
    out->msg_offset = pos;
    return ParseOutcome::Parsed();
  }

 private:
  // "[123] " -> pid. Returns the position after it, or `pos`.
  static size_t ReadPid(string_view line, size_t pos, ParsedLine* out) {
    if (pos >= line.size() || line[pos] != '[') return pos;
    size_t p = pos + 1;
    int64_t pid = 0;
    if (!base::ParseDigits(line, &p, &pid) || p >= line.size() || line[p] != ']') return pos;
    if (p + 1 < line.size() && !base::IsSpace(line[p + 1])) return pos;
    out->pid = pid;
    return SkipBlanks(line, p + 1);
  }

  // "[ERROR] ", "WARN ", "error: " -> severity. Returns the position of the
  // message, or `pos`.
  static size_t ReadLevel(string_view line, size_t pos, ParsedLine* out) {
    const bool bracketed = pos < line.size() && line[pos] == '[';
    const size_t start = bracketed ? pos + 1 : pos;
    const size_t end = LettersEnd(line, start);
    const string_view word = line.substr(start, end - start);
    if (word.size() < 3) return pos;
    const Severity severity = base::SeverityFromWord(word);
    if (severity == Severity::kUnknown) return pos;
    size_t p = end;
    if (bracketed) {
      if (p >= line.size() || line[p] != ']') return pos;
      ++p;
    } else if (p < line.size() && line[p] == ':') {
      ++p;
    } else if (!IsUpperWord(word)) {
      return pos;
    }
    if (p < line.size() && !base::IsSpace(line[p])) return pos;
    out->severity = severity;
    p = SkipBlanks(line, p);
    // "WARN - msg", "ERROR | msg"
    if (p + 1 < line.size() && (line[p] == '-' || line[p] == '|') && line[p + 1] == ' ') {
      p = SkipBlanks(line, p + 1);
    }
    return p;
  }
};

template <typename P>
std::unique_ptr<LineParser> Make(const SourceContext& ctx) {
  return std::make_unique<P>(ctx);
}

// ---------------------------------------------------------------------------
// Samples. Times without an offset are UTC (SampleContext).

constexpr FormatSample kLogbackSamples[] = {
    {
        .text = "2025-01-24T07:00:30.139Z ERROR 1 --- [app] [nio-8080-exec-1] "
                "c.e.shop.PaymentService : Payment failed\n"
                "java.net.SocketTimeoutException: Read timed out\n"
                "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
                "Caused by: java.net.SocketException: Connection reset\n"
                "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)\n"
                "\t... 42 common frames omitted",
        .ts = "2025-01-24T07:00:30.139000Z",
        .host = "",
        .process = "app",
        .pid = 1,
        .severity = "error",
        .message = "Payment failed\n"
                   "java.net.SocketTimeoutException: Read timed out\n"
                   "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
                   "Caused by: java.net.SocketException: Connection reset\n"
                   "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)\n"
                   "\t... 42 common frames omitted",
        .kind = "reset",
    },
    {
        .text =
            "2024-03-01 10:15:02,123 ERROR [main] com.acme.OrderSync - Order sync failed\n"
            "org.springframework.web.client.ResourceAccessException: I/O error on POST "
            "request for \"http://10.0.0.21:8080/sync\": Connection reset by peer\n"
            "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)\n"
            "Caused by: java.net.SocketException: Connection reset by peer",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message =
            "Order sync failed\n"
            "org.springframework.web.client.ResourceAccessException: I/O error on POST "
            "request for \"http://10.0.0.21:8080/sync\": Connection reset by peer\n"
            "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)\n"
            "Caused by: java.net.SocketException: Connection reset by peer",
        .kind = "reset",
    },
    {
        .text = "2024-03-01 10:15:02.456 [http-nio-8080-exec-3] WARN  "
                "com.acme.api.OrdersController - Slow response from inventory: 2300 ms",
        .ts = "2024-03-01T10:15:02.456000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "Slow response from inventory: 2300 ms",
    },
    {
        .text = "2024-03-01 10:15:00.001  INFO 12345 --- [           main] "
                "com.acme.shop.ShopApplication            : Started ShopApplication in 3.456 "
                "seconds (JVM running for 3.912)",
        .ts = "2024-03-01T10:15:00.001000Z",
        .host = "",
        .process = "",
        .pid = 12345,
        .severity = "info",
        .message = "Started ShopApplication in 3.456 seconds (JVM running for 3.912)",
        .kind = "start",
    },
    {
        .text = "2024-03-01 10:15:02,789 FATAL com.acme.Worker - Terminating due to "
                "java.lang.OutOfMemoryError: Java heap space",
        .ts = "2024-03-01T10:15:02.789000Z",
        .host = "",
        .process = "",
        .severity = "crit",
        .message = "Terminating due to java.lang.OutOfMemoryError: Java heap space",
        .kind = "crash",
    },
};

constexpr FormatSample kSerilogSamples[] = {
    {
        .text = "2024-11-05 14:03:27.123 +01:00 [ERR] Request to "
                "https://api.example.com/v1/orders failed\n"
                "System.Net.Http.HttpRequestException: An error occurred while sending the "
                "request.\n"
                " ---> System.IO.IOException: Unable to read data from the transport "
                "connection: An existing connection was forcibly closed by the remote host..\n"
                " ---> System.Net.Sockets.SocketException (10054): An existing connection was "
                "forcibly closed by the remote host.\n"
                "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException("
                "SocketError error, CancellationToken cancellationToken)\n"
                "   --- End of inner exception stack trace ---\n"
                "   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage request, "
                "Boolean async, CancellationToken cancellationToken)",
        .ts = "2024-11-05T13:03:27.123000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "Request to https://api.example.com/v1/orders failed\n"
                   "System.Net.Http.HttpRequestException: An error occurred while sending the "
                   "request.\n"
                   " ---> System.IO.IOException: Unable to read data from the transport "
                   "connection: An existing connection was forcibly closed by the remote host..\n"
                   " ---> System.Net.Sockets.SocketException (10054): An existing connection "
                   "was forcibly closed by the remote host.\n"
                   "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException("
                   "SocketError error, CancellationToken cancellationToken)\n"
                   "   --- End of inner exception stack trace ---\n"
                   "   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage "
                   "request, Boolean async, CancellationToken cancellationToken)",
        .kind = "reset",
    },
    {
        .text = "2024-11-05 14:03:20.001 +01:00 [INF] Now listening on: http://[::]:8080",
        .ts = "2024-11-05T13:03:20.001000Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "Now listening on: http://[::]:8080",
        .kind = "start",
    },
    {
        .text = "2024-11-05 14:05:00.500 -05:00 [WRN] Retrying request 3/5",
        .ts = "2024-11-05T19:05:00.500000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "Retrying request 3/5",
    },
    {
        .text = "2024-11-05 14:03:27.123 [FTL] Host terminated unexpectedly",
        .ts = "2024-11-05T14:03:27.123000Z",
        .host = "",
        .process = "",
        .severity = "crit",
        .message = "Host terminated unexpectedly",
    },
    {
        .text = "2024-11-05T14:03:27.1234567+00:00 [VRB] Polling queue",
        .ts = "2024-11-05T14:03:27.123456Z",
        .host = "",
        .process = "",
        .severity = "debug",
        .message = "Polling queue",
    },
};

constexpr FormatSample kNlogSamples[] = {
    {
        .text = "2024-03-01 10:15:02.1234|ERROR|Acme.Client.OrdersClient|Request failed "
                "System.Net.Http.HttpRequestException: An error occurred while sending the "
                "request.\n"
                " ---> System.IO.IOException: Unable to write data to the transport connection: "
                "An established connection was aborted by the software in your host machine.\n"
                " ---> System.Net.Sockets.SocketException (10053): An established connection "
                "was aborted by the software in your host machine.\n"
                "   at System.Net.Sockets.Socket.Send(ReadOnlySpan`1 buffer, SocketFlags "
                "socketFlags)",
        .ts = "2024-03-01T10:15:02.123400Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "Request failed System.Net.Http.HttpRequestException: An error occurred "
                   "while sending the request.\n"
                   " ---> System.IO.IOException: Unable to write data to the transport "
                   "connection: An established connection was aborted by the software in your "
                   "host machine.\n"
                   " ---> System.Net.Sockets.SocketException (10053): An established connection "
                   "was aborted by the software in your host machine.\n"
                   "   at System.Net.Sockets.Socket.Send(ReadOnlySpan`1 buffer, SocketFlags "
                   "socketFlags)",
        .kind = "reset",
    },
    {
        .text = "2024-03-01 10:15:00.0001|INFO|Microsoft.Hosting.Lifetime|Application started. "
                "Press Ctrl+C to shut down.",
        .ts = "2024-03-01T10:15:00.000100Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "Application started. Press Ctrl+C to shut down.",
        .kind = "start",
    },
    {
        .text = "2024-03-01 10:16:00.5000|WARN|Acme.Cache|Cache miss ratio above 40%",
        .ts = "2024-03-01T10:16:00.500000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "Cache miss ratio above 40%",
    },
    {
        .text = "2024-03-01 10:17:00.0000|Fatal|Acme.Program|Host terminated unexpectedly",
        .ts = "2024-03-01T10:17:00.000000Z",
        .host = "",
        .process = "",
        .severity = "crit",
        .message = "Host terminated unexpectedly",
    },
};

constexpr FormatSample kPythonLoggingSamples[] = {
    {
        .text = "2024-03-01 10:15:02,123 - acme.client - ERROR - Order sync failed\n"
                "Traceback (most recent call last):\n"
                "  File \"/app/client.py\", line 42, in sync\n"
                "    resp = session.post(url, json=payload, timeout=10)\n"
                "  File \"/usr/lib/python3/dist-packages/requests/sessions.py\", line 635, in "
                "post\n"
                "    return self.request(\"POST\", url, data=data, json=json, **kwargs)\n"
                "ConnectionResetError: [Errno 104] Connection reset by peer",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "Order sync failed\n"
                   "Traceback (most recent call last):\n"
                   "  File \"/app/client.py\", line 42, in sync\n"
                   "    resp = session.post(url, json=payload, timeout=10)\n"
                   "  File \"/usr/lib/python3/dist-packages/requests/sessions.py\", line 635, in "
                   "post\n"
                   "    return self.request(\"POST\", url, data=data, json=json, **kwargs)\n"
                   "ConnectionResetError: [Errno 104] Connection reset by peer",
        .kind = "reset",
    },
    {
        .text = "2024-03-01 10:15:03,456 WARNING urllib3.connectionpool: Retrying "
                "(Retry(total=2, connect=None, read=None, redirect=None, status=None)) after "
                "connection broken by 'ProtocolError('Connection aborted.', "
                "ConnectionResetError(104, 'Connection reset by peer'))': /v1/orders",
        .ts = "2024-03-01T10:15:03.456000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "Retrying (Retry(total=2, connect=None, read=None, redirect=None, "
                   "status=None)) after connection broken by 'ProtocolError('Connection "
                   "aborted.', ConnectionResetError(104, 'Connection reset by peer'))': "
                   "/v1/orders",
        .kind = "reset",
    },
    {
        .text = "2024-03-01 10:15:04,789 [INFO] gunicorn.error: Booting worker with pid: 74",
        .ts = "2024-03-01T10:15:04.789000Z",
        .host = "",
        .process = "",
        .pid = 74,
        .severity = "info",
        .message = "Booting worker with pid: 74",
        .kind = "start",
    },
    {
        .text = "2024-03-01 10:15:05,001 - root - CRITICAL - database unreachable",
        .ts = "2024-03-01T10:15:05.001000Z",
        .host = "",
        .process = "",
        .severity = "crit",
        .message = "database unreachable",
    },
    {
        .text = "2024-03-01 10:15:06,002 DEBUG    asyncio: Using selector: EpollSelector",
        .ts = "2024-03-01T10:15:06.002000Z",
        .host = "",
        .process = "",
        .severity = "debug",
        .message = "Using selector: EpollSelector",
    },
};

constexpr FormatSample kGoLogSamples[] = {
    {
        .text = "2024/03/01 10:15:02 Get \"https://cafe.example.com/tea\": read tcp "
                "10.138.0.89:37041->10.138.0.27:443: read: connection reset by peer",
        .ts = "2024-03-01T10:15:02.000000Z",
        .host = "",
        .process = "",
        .severity = "",
        .message = "Get \"https://cafe.example.com/tea\": read tcp "
                   "10.138.0.89:37041->10.138.0.27:443: read: connection reset by peer",
        .kind = "reset",
        .src_ip = "10.138.0.89",
        .src_port = 37041,
        .dst_ip = "10.138.0.27",
        .dst_port = 443,
    },
    {
        .text = "2024/03/01 10:15:02.123456 http: TLS handshake error from "
                "198.51.100.23:51514: EOF",
        .ts = "2024-03-01T10:15:02.123456Z",
        .host = "",
        .process = "",
        .severity = "",
        .message = "http: TLS handshake error from 198.51.100.23:51514: EOF",
        .kind = "tls_error",
        .src_ip = "198.51.100.23",
        .src_port = 51514,
    },
    {
        .text = "2024-03-01T10:15:02.123Z\tERROR\torders\tupstream call failed\t{\"error\": "
                "\"write tcp 10.123.45.67:51000->10.0.0.1:8443: write: broken pipe\"}",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "upstream call failed\t{\"error\": \"write tcp "
                   "10.123.45.67:51000->10.0.0.1:8443: write: broken pipe\"}",
        .kind = "reset",
        .src_ip = "10.123.45.67",
        .src_port = 51000,
        .dst_ip = "10.0.0.1",
        .dst_port = 8443,
    },
    {
        .text = "2024-03-01T11:15:02.123+0100\tINFO\tserver/main.go:42\tlistening on :8080",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "listening on :8080",
    },
    {
        .text = "2024/03/01 10:15:05 worker started\n"
                "panic: runtime error: invalid memory address or nil pointer dereference\n"
                "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5b2c]\n"
                "\n"
                "goroutine 1 [running]:\n"
                "main.main()\n"
                "\t/app/main.go:42 +0x1d",
        .ts = "2024-03-01T10:15:05.000000Z",
        .host = "",
        .process = "",
        .severity = "",
        .message = "worker started\n"
                   "panic: runtime error: invalid memory address or nil pointer dereference\n"
                   "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5b2c]\n"
                   "\n"
                   "goroutine 1 [running]:\n"
                   "main.main()\n"
                   "\t/app/main.go:42 +0x1d",
        .kind = "crash",
    },
};

constexpr FormatSample kDotnetConsoleSamples[] = {
    {
        .text = "2024-03-01 10:15:02 fail: Acme.Api.OrdersController[0]\n"
                "      Payment call failed\n"
                "      System.Net.Http.HttpRequestException: An error occurred while sending the "
                "request.\n"
                "       ---> System.IO.IOException: Unable to read data from the transport "
                "connection: Connection reset by peer.\n"
                "       ---> System.Net.Sockets.SocketException (104): Connection reset by peer\n"
                "         at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs."
                "ThrowException(SocketError error, CancellationToken cancellationToken)",
        .ts = "2024-03-01T10:15:02.000000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "Payment call failed\n"
                   "      System.Net.Http.HttpRequestException: An error occurred while sending "
                   "the request.\n"
                   "       ---> System.IO.IOException: Unable to read data from the transport "
                   "connection: Connection reset by peer.\n"
                   "       ---> System.Net.Sockets.SocketException (104): Connection reset by "
                   "peer\n"
                   "         at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs."
                   "ThrowException(SocketError error, CancellationToken cancellationToken)",
        .kind = "reset",
    },
    {
        .text = "2024-03-01 10:15:00 info: Microsoft.Hosting.Lifetime[14]\n"
                "      Now listening on: http://[::]:8080",
        .ts = "2024-03-01T10:15:00.000000Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "Now listening on: http://[::]:8080",
        .kind = "start",
    },
    {
        .text = "2024-03-01 10:20:00 info: Microsoft.Hosting.Lifetime[0]\n"
                "      Application is shutting down...",
        .ts = "2024-03-01T10:20:00.000000Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "Application is shutting down...",
        .kind = "stop",
    },
    {
        .text = "2024-03-01 10:15:03 warn: Acme.Api.Health[1001] Dependency check slow: 2300 ms",
        .ts = "2024-03-01T10:15:03.000000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "Dependency check slow: 2300 ms",
    },
    {
        .text = "[2024-03-01 10:15:04] crit: Acme.Api.Program[0]\n"
                "      Host terminated unexpectedly",
        .ts = "2024-03-01T10:15:04.000000Z",
        .host = "",
        .process = "",
        .severity = "crit",
        .message = "Host terminated unexpectedly",
    },
};

constexpr FormatSample kAppTextSamples[] = {
    {
        .text = "[2026-05-26 19:49:12 +0200] [56] [ERROR] Worker (pid:66) was sent SIGKILL! "
                "Perhaps out of memory?",
        .ts = "2026-05-26T17:49:12.000000Z",
        .host = "",
        .process = "",
        .pid = 66,
        .severity = "error",
        .message = "Worker (pid:66) was sent SIGKILL! Perhaps out of memory?",
        .kind = "oom_kill",
    },
    {
        .text = "2024-03-01T10:15:02.123Z WARN retry budget exhausted for /v1/orders",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "warning",
        .message = "retry budget exhausted for /v1/orders",
    },
    {
        .text = "2024-03-01 10:15:02 curl: (56) Recv failure: Connection reset by peer",
        .ts = "2024-03-01T10:15:02.000000Z",
        .host = "",
        .process = "",
        .severity = "",
        .message = "curl: (56) Recv failure: Connection reset by peer",
        .kind = "reset",
    },
    {
        .text = "2024/03/01 10:15:02 error: connection to db lost\n"
                "java.net.SocketException: Connection reset",
        .ts = "2024-03-01T10:15:02.000000Z",
        .host = "",
        .process = "",
        .severity = "error",
        .message = "connection to db lost\njava.net.SocketException: Connection reset",
        .kind = "reset",
    },
    {
        .text = "[2024-03-01 10:15:02,123] INFO Started ShopApplication in 3.456 seconds "
                "(process running for 3.9)",
        .ts = "2024-03-01T10:15:02.123000Z",
        .host = "",
        .process = "",
        .severity = "info",
        .message = "Started ShopApplication in 3.456 seconds (process running for 3.9)",
        .kind = "start",
    },
};

}  // namespace

const FormatInfo kLogbackFormat = {
    .name = "logback",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "log4j / logback / Spring Boot text layouts, stack traces joined",
    .signature = "ISO timestamp, Java level, [thread], logger ' - ' or Spring 'PID --- [..] : '",
    .priority = 70,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<LogbackParser>,
    .samples = kLogbackSamples,
};

const FormatInfo kSerilogFormat = {
    .name = "serilog",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "Serilog file sink default template, exceptions joined",
    .signature = "'yyyy-MM-dd HH:mm:ss.fff zzz [LVL] '",
    .priority = 70,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<SerilogParser>,
    .samples = kSerilogSamples,
};

const FormatInfo kNlogFormat = {
    .name = "nlog",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "NLog default layout longdate|LEVEL|logger|message",
    .signature = "'yyyy-MM-dd HH:mm:ss.ffff|LEVEL|logger|'",
    .priority = 72,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<NlogParser>,
    .samples = kNlogSamples,
};

const FormatInfo kPythonLoggingFormat = {
    .name = "python_logging",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "Python logging with asctime first, tracebacks joined",
    .signature = "asctime then ' - name - LEVEL - ' or ' LEVEL name: '",
    .priority = 74,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<PythonLoggingParser>,
    .samples = kPythonLoggingSamples,
};

const FormatInfo kGoLogFormat = {
    .name = "go_log",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "Go standard log package and zap console encoder, panics joined",
    .signature = "'yyyy/mm/dd hh:mm:ss[.us] ' or ISO time<TAB>level<TAB>",
    .priority = 76,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<GoLogParser>,
    .samples = kGoLogSamples,
};

const FormatInfo kDotnetConsoleFormat = {
    .name = "dotnet_console",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "Microsoft.Extensions.Logging console with a TimestampFormat",
    .signature = "timestamp then 'fail: Category[EventId]', message on indented lines",
    .priority = 70,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<DotnetConsoleParser>,
    .samples = kDotnetConsoleSamples,
};

const FormatInfo kAppTextFormat = {
    .name = "app_text",
    .family = Family::kClient,
    .default_role = base::Role::kUnknown,
    .description = "any text log whose lines start with a timestamp (generic fallback)",
    .signature = "ISO 8601 or yyyy/mm/dd timestamp at the line start, optional level",
    .priority = 95,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &Make<AppTextParser>,
    .samples = kAppTextSamples,
};

}  // namespace rstscope::parsers
