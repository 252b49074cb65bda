// Windows event log exports (FORMATS.md §5.2, §1.3):
//
// "wevtutil_text", `wevtutil qe LOG /f:text`: one block per event,
//
//   Event[N]:
//     Log Name: System
//     Source: Service Control Manager
//     Date: 2026-07-19T08:00:01.000
//     Event ID: 7034
//     Level: Error
//     Computer: WIN-TEST
//     Description: [TEXT]
//   TEXT...
//
// The header line starts the record; the fields follow on indented lines
// and the description on the lines after "Description:" (in column 1), so
// the record's fields are read by CompleteRecord. Date has no offset: local
// time, ctx.zone.
//
// "windows_event_csv", Event Viewer "Save As... CSV" and PowerShell
// `Get-WinEvent | Export-Csv` / `Get-EventLog | Export-Csv`: an optional
// "#TYPE ..." line, a header row naming the columns, then one row per
// event (RFC 4180 quoting). Columns read:
//
//   time      TimeCreated | Date and Time | TimeGenerated
//   process   ProviderName | Source
//   event_id  Id | Event ID | EventID
//   level     LevelDisplayName | EntryType | Level (a word, or 1-5)
//   host      MachineName
//   message   Message, else the value after the last named column (Event
//             Viewer names five columns and writes the description as a
//             sixth)
//
// Rows before any header row are read with Event Viewer's layout. Times
// are local: "5/13/2016 8:39:56 AM" (en-US), "13.05.2016 08:39:56"
// (day-first with dots), or ISO 8601 (an offset, when written, is used).
// A description that spans lines is rare in these exports and is not
// joined: its later lines are left unparsed.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/windows_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;
using base::TrimSpace;

bool IsNumber(std::string_view v) {
  if (v.empty() || v.size() > 18) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Severity from an event level name or number (winmeta.xml: 1 Critical,
// 2 Error, 3 Warning, 4 Information, 5 Verbose; 0 LogAlways).
base::Severity LevelSeverity(std::string_view level) {
  if (level.size() == 1 && IsDigit(level[0])) {
    switch (level[0]) {
      case '1':
        return base::Severity::kCritical;
      case '2':
        return base::Severity::kError;
      case '3':
        return base::Severity::kWarning;
      case '0':
      case '4':
        return base::Severity::kInfo;
      case '5':
        return base::Severity::kDebug;
      default:
        return base::Severity::kUnknown;
    }
  }
  // Get-EventLog's audit entry types.
  if (level == "SuccessAudit") return base::Severity::kInfo;
  if (level == "FailureAudit") return base::Severity::kWarning;
  return base::SeverityFromWord(level);
}

// Reads a number of 1 to `max_digits` digits at s[*pos].
int ReadNumber(std::string_view s, size_t* pos, size_t max_digits) {
  size_t p = *pos;
  int v = 0;
  while (p < s.size() && IsDigit(s[p]) && p - *pos < max_digits) v = v * 10 + (s[p++] - '0');
  if (p == *pos) return -1;
  *pos = p;
  return v;
}

// Accepted forms (the whole value):
//   2026-07-19T08:00:01.000   2024-01-15 10:30:00   2024-01-15T10:30:00.1234567+01:00
//   5/13/2016 8:39:56 AM      5/13/2016 20:39:56    13.05.2016 08:39:56
bool ParseEventTime(std::string_view v, CivilTime* t) {
  v = TrimSpace(v);
  if (v.size() >= 19 && v[4] == '-') {
    const size_t n = ParseIso8601(v, t);
    return n == v.size();
  }
  size_t p = 0;
  const int a = ReadNumber(v, &p, 2);
  if (a < 0 || p >= v.size() || (v[p] != '/' && v[p] != '.')) return false;
  const char sep = v[p++];
  const int b = ReadNumber(v, &p, 2);
  if (b < 0 || p >= v.size() || v[p] != sep) return false;
  ++p;
  const size_t year_start = p;
  const int year = ReadNumber(v, &p, 4);
  if (p - year_start != 4 || p >= v.size() || v[p] != ' ') return false;
  ++p;
  const int hour = ReadNumber(v, &p, 2);
  if (hour < 0 || p >= v.size() || v[p] != ':') return false;
  ++p;
  const int minute = ReadNumber(v, &p, 2);
  if (minute < 0 || p >= v.size() || v[p] != ':') return false;
  ++p;
  const int second = ReadNumber(v, &p, 2);
  if (second < 0) return false;
  int h = hour;
  if (p < v.size()) {
    const std::string_view ampm = v.substr(p);
    if (ampm == " AM" || ampm == " PM") {
      if (hour < 1 || hour > 12) return false;
      h = hour % 12 + (ampm == " PM" ? 12 : 0);
    } else {
      return false;
    }
  }
  // en-US writes month/day/year; the dotted form is day.month.year.
  const int month = sep == '/' ? a : b, day = sep == '/' ? b : a;
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || minute > 59 || second > 60) {
    return false;
  }
  *t = CivilTime();
  t->year = year;
  t->month = month;
  t->day = day;
  t->hour = h;
  t->minute = minute;
  t->second = second;
  return true;
}

// ---------------------------------------------------------------------------
// wevtutil /f:text

// "Event[N]:" with optional trailing spaces.
bool IsEventHeader(std::string_view line) {
  if (!StartsWith(line, "Event[")) return false;
  size_t p = 6;
  const size_t digits = p;
  while (p < line.size() && IsDigit(line[p])) ++p;
  if (p == digits || p + 1 >= line.size() || line[p] != ']' || line[p + 1] != ':') return false;
  return TrimSpace(line.substr(p + 2)).empty();
}

class WevtutilParser final : public LineParser {
 public:
  explicit WevtutilParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    if (!IsEventHeader(line)) return ParseOutcome::NotThisFormat(1, "no Event[N]: header");
    out->ts_in_record = true;
    // Until CompleteRecord finds "Description:", the message is empty.
    out->msg_offset = line.size();
    out->msg_length = 0;
    return ParseOutcome::Parsed();
  }

  void CompleteRecord(std::string_view record, ParsedLine* out) override {
    size_t pos = record.find('\n');
    while (pos != std::string_view::npos && pos < record.size()) {
      const size_t start = pos + 1;
      size_t end = record.find('\n', start);
      if (end == std::string_view::npos) end = record.size();
      const std::string_view line = record.substr(start, end - start);
      size_t indent = 0;
      while (indent < line.size() && base::IsSpace(line[indent])) ++indent;
      const std::string_view field = line.substr(indent);
      const size_t colon = field.find(':');
      if (colon != std::string_view::npos) {
        const std::string_view key = field.substr(0, colon);
        const std::string_view value = TrimSpace(field.substr(colon + 1));
        if (key == "Description") {
          // The text is on this line after the colon, or on the next lines.
          if (value.empty()) {
            out->msg_offset = end < record.size() ? end + 1 : record.size();
          } else {
            out->msg_offset = static_cast<size_t>(value.data() - record.data());
          }
          out->msg_length = ParsedLine::kToEnd;
          return;
        }
        SetField(key, value, out);
      }
      pos = end;
    }
  }

 private:
  void SetField(std::string_view key, std::string_view value, ParsedLine* out) {
    if (key == "Source") {
      out->process = value;
    } else if (key == "Computer") {
      out->host = value;
    } else if (key == "Event ID") {
      if (IsNumber(value)) out->AddAttr("event_id", value, /*is_number=*/true);
    } else if (key == "Level") {
      out->severity = LevelSeverity(value);
    } else if (key == "Date") {
      CivilTime t;
      if (ParseEventTime(value, &t) && ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
        out->has_ts = true;
      }
    }
  }

  base::Zone zone_;
};

// ---------------------------------------------------------------------------
// CSV exports

enum class CsvCol : uint8_t {
  kSkip,
  kTime,
  kSource,
  kEventId,
  kLevel,
  kLevelName,
  kHost,
  kMessage
};

CsvCol CsvColumnFor(std::string_view name) {
  struct Entry {
    std::string_view name;
    CsvCol col;
  };
  static constexpr Entry kNames[] = {
      {"TimeCreated", CsvCol::kTime},    {"Date and Time", CsvCol::kTime},
      {"TimeGenerated", CsvCol::kTime},  {"ProviderName", CsvCol::kSource},
      {"Source", CsvCol::kSource},       {"Id", CsvCol::kEventId},
      {"Event ID", CsvCol::kEventId},    {"EventID", CsvCol::kEventId},
      {"Level", CsvCol::kLevel},         {"LevelDisplayName", CsvCol::kLevelName},
      {"EntryType", CsvCol::kLevelName}, {"MachineName", CsvCol::kHost},
      {"Message", CsvCol::kMessage},
  };
  for (const Entry& e : kNames) {
    if (e.name == name) return e.col;
  }
  return CsvCol::kSkip;
}

constexpr size_t kMaxCsvColumns = 40;

// One CSV field: the text between its quotes (still with doubled quotes).
struct CsvField {
  std::string_view text;
  bool has_escapes = false;
};

// Splits a CSV row (RFC 4180) into at most kMaxCsvColumns fields. An
// unclosed quote runs to the end of the line. Returns the field count.
size_t SplitCsv(std::string_view line, CsvField* fields) {
  size_t n = 0, p = 0;
  while (n < kMaxCsvColumns) {
    CsvField f;
    if (p < line.size() && line[p] == '"') {
      size_t q = p + 1;
      const size_t start = q;
      while (q < line.size()) {
        if (line[q] == '"') {
          if (q + 1 < line.size() && line[q + 1] == '"') {
            f.has_escapes = true;
            q += 2;
            continue;
          }
          break;
        }
        ++q;
      }
      f.text = line.substr(start, q - start);
      p = q < line.size() ? q + 1 : q;
      // Text after the closing quote up to the comma is not RFC 4180; skip it.
      while (p < line.size() && line[p] != ',') ++p;
    } else {
      size_t q = line.find(',', p);
      if (q == std::string_view::npos) q = line.size();
      f.text = line.substr(p, q - p);
      p = q;
    }
    fields[n++] = f;
    if (p >= line.size()) break;
    ++p;  // the comma
  }
  return n;
}

class EventCsvParser final : public LineParser {
 public:
  explicit EventCsvParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  bool ConsumeDirective(std::string_view line) override {
    if (StartsWith(line, "#TYPE ")) return true;
    // Every event row has a date; header rows have no digits. This keeps
    // the per-row cost of asking to one scan.
    for (char c : line) {
      if (IsDigit(c)) return false;
    }
    CsvField fields[kMaxCsvColumns];
    const size_t n = SplitCsv(line, fields);
    CsvCol cols[kMaxCsvColumns];
    bool has_time = false, has_id = false, has_source = false;
    for (size_t i = 0; i < n; ++i) {
      cols[i] = fields[i].has_escapes ? CsvCol::kSkip : CsvColumnFor(fields[i].text);
      has_time |= cols[i] == CsvCol::kTime;
      has_id |= cols[i] == CsvCol::kEventId;
      has_source |= cols[i] == CsvCol::kSource;
    }
    if (!has_time || !has_id || !has_source) return false;
    for (size_t i = 0; i < n; ++i) columns_[i] = cols[i];
    ncolumns_ = n;
    return true;
  }

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    // RFC 4180 lets a quoted field hold line breaks, and Export-Csv writes
    // multi-line messages (Application Error 1000 has eleven lines) that
    // way: an odd number of quotes opens or closes such a field.
    const bool odd_quotes = std::count(line.begin(), line.end(), '"') % 2 == 1;
    if (in_row_) {
      if (odd_quotes) in_row_ = false;
      return ParseOutcome::Continuation();
    }
    if (odd_quotes && ncolumns_ > 0 && !line.empty() && line[0] == '"') {
      // The first line of a multi-line row: its fields are read when the
      // row is complete.
      in_row_ = true;
      out->ts_in_record = true;
      return ParseOutcome::Parsed();
    }
    return ParseRow(line, &unescaped_, out);
  }

  void CompleteRecord(std::string_view record, ParsedLine* out) override {
    ParsedLine row;
    if (ParseRow(record, &record_unescaped_, &row).status != ParseStatus::kParsed) return;
    out->ts_us = row.ts_us;
    out->has_ts = true;
    out->flags |= row.flags;
    out->severity = row.severity;
    out->process = row.process;
    out->host = row.host;
    for (int i = 0; i < row.nattrs; ++i) out->AddAttr(row.attrs[i].key, row.attrs[i].value, row.attrs[i].is_number);
    out->msg_offset = row.msg_offset;
    out->msg_length = row.msg_length;
    out->message = row.message;
    out->has_message_override = row.has_message_override;
  }

 private:
  // Parses one whole CSV row (which may span lines) into *out; a message
  // with doubled quotes is unescaped into *unescaped.
  ParseOutcome ParseRow(std::string_view line, std::string* unescaped, ParsedLine* out) {
    if (line.empty() || line[0] == '#') return ParseOutcome::NotThisFormat(1, "not a CSV row");
    // Event Viewer's layout: Level,Date and Time,Source,Event ID,Task Category
    // and the description.
    static constexpr CsvCol kEventViewer[] = {CsvCol::kLevelName, CsvCol::kTime, CsvCol::kSource,
                                              CsvCol::kEventId, CsvCol::kSkip};
    const CsvCol* cols = ncolumns_ > 0 ? columns_ : kEventViewer;
    const size_t ncols = ncolumns_ > 0 ? ncolumns_ : std::size(kEventViewer);
    CsvField fields[kMaxCsvColumns];
    const size_t n = SplitCsv(line, fields);
    if (n < ncols) return ParseOutcome::NotThisFormat(1, "too few CSV columns");
    const CsvField* time = nullptr;
    const CsvField* message = nullptr;
    std::string_view source, event_id, level, level_name, host;
    for (size_t i = 0; i < ncols; ++i) {
      switch (cols[i]) {
        case CsvCol::kTime:
          time = &fields[i];
          break;
        case CsvCol::kSource:
          source = fields[i].text;
          break;
        case CsvCol::kEventId:
          event_id = fields[i].text;
          break;
        case CsvCol::kLevel:
          level = fields[i].text;
          break;
        case CsvCol::kLevelName:
          level_name = fields[i].text;
          break;
        case CsvCol::kHost:
          host = fields[i].text;
          break;
        case CsvCol::kMessage:
          message = &fields[i];
          break;
        case CsvCol::kSkip:
          break;
      }
    }
    if (message == nullptr && n > ncols) message = &fields[ncols];
    if (!IsNumber(event_id)) return ParseOutcome::NotThisFormat(1, "no numeric event id");
    CivilTime t;
    if (time == nullptr || !ParseEventTime(time->text, &t)) {
      return ParseOutcome::NotThisFormat(1, "no event time");
    }
    const base::Severity severity = LevelSeverity(level_name.empty() ? level : level_name);
    if (ncolumns_ == 0 && severity == base::Severity::kUnknown) {
      return ParseOutcome::NotThisFormat(1, "no event level");
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = source;
    out->host = host;
    out->AddAttr("event_id", event_id, /*is_number=*/true);
    if (message == nullptr) {
      out->msg_offset = line.size();
      out->msg_length = 0;
    } else if (!message->has_escapes) {
      out->msg_offset = static_cast<size_t>(message->text.data() - line.data());
      out->msg_length = message->text.size();
    } else {
      unescaped->clear();
      const std::string_view m = message->text;
      for (size_t i = 0; i < m.size(); ++i) {
        unescaped->push_back(m[i]);
        if (m[i] == '"' && i + 1 < m.size() && m[i + 1] == '"') ++i;
      }
      out->message = *unescaped;
      out->has_message_override = true;
    }
    return ParseOutcome::Parsed();
  }

  base::Zone zone_;
  CsvCol columns_[kMaxCsvColumns];
  size_t ncolumns_ = 0;
  bool in_row_ = false;    // inside a quoted field that spans lines
  std::string unescaped_;  // a message with doubled quotes, reused per row
  std::string record_unescaped_;  // the same for CompleteRecord
};

std::unique_ptr<LineParser> MakeWevtutil(const SourceContext& ctx) {
  return std::make_unique<WevtutilParser>(ctx);
}
std::unique_ptr<LineParser> MakeEventCsv(const SourceContext& ctx) {
  return std::make_unique<EventCsvParser>(ctx);
}

constexpr FormatSample kWevtutilSamples[] = {
    // [verbatim fields, FORMATS.md §5.2] SCM 7034.
    {.text = "Event[1]:\n"
             "  Log Name: System\n"
             "  Source: Service Control Manager\n"
             "  Date: 2026-07-19T08:00:01.000\n"
             "  Event ID: 7034\n"
             "  Task: N/A\n"
             "  Level: Error\n"
             "  Opcode: N/A\n"
             "  Keyword: Classic\n"
             "  User: N/A\n"
             "  User Name: N/A\n"
             "  Computer: WIN-TEST\n"
             "  Description: \n"
             "The VirtualBox system service service terminated unexpectedly.  It has done this 1 "
             "time(s).",
     .ts = "2026-07-19T08:00:01.000000Z",
     .host = "WIN-TEST",
     .process = "VirtualBox system service",
     .pid = -1,
     .severity = "error",
     .message = "The VirtualBox system service service terminated unexpectedly.  It has done "
                "this 1 time(s).",
     .kind = "crash",
     .attrs = R"({"event_id":7034})"},
    {.text = "Event[2]:\n"
             "  Log Name: System\n"
             "  Source: Service Control Manager\n"
             "  Date: 2026-07-19T08:00:31.250\n"
             "  Event ID: 7036\n"
             "  Task: N/A\n"
             "  Level: Information\n"
             "  Computer: WIN-TEST\n"
             "  Description: \n"
             "The VirtualBox system service service entered the running state.",
     .ts = "2026-07-19T08:00:31.250000Z",
     .host = "WIN-TEST",
     .process = "VirtualBox system service",
     .pid = -1,
     .severity = "info",
     .message = "The VirtualBox system service service entered the running state.",
     .kind = "start",
     .attrs = R"({"event_id":7036})"},
    // WAS: the IIS worker process of a pool died.
    {.text = "Event[3]:\n"
             "  Log Name: System\n"
             "  Source: Microsoft-Windows-WAS\n"
             "  Date: 2026-07-19T09:12:45.100\n"
             "  Event ID: 5011\n"
             "  Level: Warning\n"
             "  Computer: WEB01.corp.example.com\n"
             "  Description: \n"
             "A process serving application pool 'OrdersPool' suffered a fatal communication "
             "error with the Windows Process Activation Service. The process id was '4312'. The "
             "data field contains the error number.",
     .ts = "2026-07-19T09:12:45.100000Z",
     .host = "WEB01.corp.example.com",
     .process = "Microsoft-Windows-WAS",
     .pid = 4312,
     .severity = "warning",
     .message = "A process serving application pool 'OrdersPool' suffered a fatal "
                "communication error with the Windows Process Activation Service. The process "
                "id was '4312'. The data field contains the error number.",
     .kind = "crash",
     .attrs = R"({"event_id":5011})"},
    // SChannel, description on the same line as its label.
    {.text = "Event[4]:\n"
             "  Log Name: System\n"
             "  Source: Schannel\n"
             "  Date: 2026-07-19T10:00:00.000\n"
             "  Event ID: 36874\n"
             "  Level: Error\n"
             "  Computer: WEB01\n"
             "  Description: An TLS 1.2 connection request was received from a remote client "
             "application, but none of the cipher suites supported by the client application "
             "are supported by the server. The TLS connection request has failed.",
     .ts = "2026-07-19T10:00:00.000000Z",
     .host = "WEB01",
     .process = "Schannel",
     .pid = -1,
     .severity = "error",
     .message = "An TLS 1.2 connection request was received from a remote client application, "
                "but none of the cipher suites supported by the client application are "
                "supported by the server. The TLS connection request has failed.",
     .kind = "tls_error",
     .attrs = R"({"event_id":36874})"},
};

constexpr FormatSample kEventCsvSamples[] = {
    // Event Viewer "Save As CSV" row, FORMATS.md §5.2's 7031 event.
    {.text = "Error,5/13/2016 8:39:56 AM,Service Control Manager,7031,None,\"The WSUS Service "
             "service terminated unexpectedly.  It has done this 1 time(s).  The following "
             "corrective action will be taken in 300000 milliseconds: Restart the service.\"",
     .ts = "2016-05-13T08:39:56.000000Z",
     .host = "",
     .process = "WSUS Service",
     .pid = -1,
     .severity = "error",
     .message = "The WSUS Service service terminated unexpectedly.  It has done this 1 "
                "time(s).  The following corrective action will be taken in 300000 "
                "milliseconds: Restart the service.",
     .kind = "crash",
     .attrs = R"({"event_id":7031})"},
    {.text = "Information,5/13/2016 8:45:12 PM,Service Control Manager,7036,None,\"The WSUS "
             "Service service entered the stopped state.\"",
     .ts = "2016-05-13T20:45:12.000000Z",
     .host = "",
     .process = "WSUS Service",
     .pid = -1,
     .severity = "info",
     .message = "The WSUS Service service entered the stopped state.",
     .kind = "stop",
     .attrs = R"({"event_id":7036})"},
    // Application Error 1000 (the export keeps the first line of its text).
    {.text = "Error,3/1/2024 10:15:02 AM,Application Error,1000,(100),\"Faulting application "
             "name: w3wp.exe, version: 10.0.20348.1, time stamp: 0x5c1a5b3e\"",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "w3wp.exe",
     .pid = -1,
     .severity = "error",
     .message = "Faulting application name: w3wp.exe, version: 10.0.20348.1, time stamp: "
                "0x5c1a5b3e",
     .kind = "crash",
     .attrs = R"({"event_id":1000})"},
    {.text = "Warning,3/1/2024 10:15:02 AM,Microsoft-Windows-WAS,5002,None,\"Application pool "
             "'OrdersPool' is being automatically disabled due to a series of failures in the "
             "process(es) serving that application pool.\"",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "Microsoft-Windows-WAS",
     .pid = -1,
     .severity = "warning",
     .message = "Application pool 'OrdersPool' is being automatically disabled due to a series "
                "of failures in the process(es) serving that application pool.",
     .kind = "crash",
     .attrs = R"({"event_id":5002})"},
};

}  // namespace

const FormatInfo kWevtutilTextFormat = {
    .name = "wevtutil_text",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Windows event log as `wevtutil qe LOG /f:text` (Event[N]: blocks), local time",
    .signature = "Event[N]: header lines followed by indented Name: value fields",
    .priority = 30,
    .continuation = Continuation::kAnyNonHeader,
    .make_parser = &MakeWevtutil,
    .samples = kWevtutilSamples,
};

const FormatInfo kWindowsEventCsvFormat = {
    .name = "windows_event_csv",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description =
        "Windows event log as CSV (Event Viewer, Get-WinEvent/Get-EventLog | "
        "Export-Csv), local time",
    .signature =
        "a header row naming TimeCreated/Date and Time, ProviderName/Source and "
        "Id/Event ID, or Level,M/D/YYYY h:mm:ss AM,Source,ID rows",
    .priority = 35,
    .continuation = Continuation::kNone,
    .make_parser = &MakeEventCsv,
    .samples = kEventCsvSamples,
};

}  // namespace rstscope::parsers
