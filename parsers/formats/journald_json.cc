// journald entries as `journalctl -o json` writes them: one JSON object per
// line, every field a string, except that a field that is not valid UTF-8
// is an array of byte values, a repeated field is an array, and a field
// larger than journalctl's limit is null (systemd.io JOURNAL_EXPORT_FORMATS,
// FORMATS.md §1.2 and §3.3).
//
// Fields read:
//   time     _SOURCE_REALTIME_TIMESTAMP, else __REALTIME_TIMESTAMP (µs, UTC)
//   host     _HOSTNAME
//   process  SYSLOG_IDENTIFIER, else _COMM
//   pid      _PID, else SYSLOG_PID (journalctl's own order)
//   severity PRIORITY (0-7)
//   message  MESSAGE: a string, an array of byte values (decoded as UTF-8,
//            invalid sequences replaced by U+FFFD), an array of strings
//            (joined by '\n'), or null (empty)
//   attrs    unit (UNIT, else _SYSTEMD_UNIT: PID 1 names the unit it talks
//            about in UNIT), transport, exit_code, exit_status
// A line is taken for this format only when it is a JSON object that
// mentions __REALTIME_TIMESTAMP.
#include <cstring>
#include <string>
#include <utility>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "simdjson.h"

namespace rstscope::parsers {
namespace {

namespace od = simdjson::ondemand;

// journalctl prints fields up to 64 KiB by default (--all lifts it); an
// entry beyond this is not worth a parser buffer of its size.
constexpr size_t kMaxEntryBytes = 8 << 20;

enum class Field {
  kOther,
  kRealtime,
  kSourceRealtime,
  kHostname,
  kIdentifier,
  kComm,
  kPid,
  kSyslogPid,
  kPriority,
  kMessage,
  kUnit,
  kSystemdUnit,
  kTransport,
  kExitCode,
  kExitStatus,
};

Field Lookup(std::string_view key) {
  // Most keys of an entry are none of these; the length rules most out.
  switch (key.size()) {
    case 4:
      if (key == "_PID") return Field::kPid;
      if (key == "UNIT") return Field::kUnit;
      break;
    case 5:
      if (key == "_COMM") return Field::kComm;
      break;
    case 7:
      if (key == "MESSAGE") return Field::kMessage;
      break;
    case 8:
      if (key == "PRIORITY") return Field::kPriority;
      break;
    case 9:
      if (key == "_HOSTNAME") return Field::kHostname;
      if (key == "EXIT_CODE") return Field::kExitCode;
      break;
    case 10:
      if (key == "SYSLOG_PID") return Field::kSyslogPid;
      if (key == "_TRANSPORT") return Field::kTransport;
      break;
    case 11:
      if (key == "EXIT_STATUS") return Field::kExitStatus;
      break;
    case 13:
      if (key == "_SYSTEMD_UNIT") return Field::kSystemdUnit;
      break;
    case 17:
      if (key == "SYSLOG_IDENTIFIER") return Field::kIdentifier;
      break;
    case 20:
      if (key == "__REALTIME_TIMESTAMP") return Field::kRealtime;
      break;
    case 26:
      if (key == "_SOURCE_REALTIME_TIMESTAMP") return Field::kSourceRealtime;
      break;
    default:
      break;
  }
  return Field::kOther;
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

int64_t ToInt(std::string_view digits) {
  int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

class JournaldJsonParser final : public LineParser {
 public:
  JournaldJsonParser() : parser_(kMaxEntryBytes) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    const std::string_view trimmed = base::TrimSpace(line);
    if (trimmed.empty() || trimmed.front() != '{' || trimmed.back() != '}' ||
        line.find("\"__REALTIME_TIMESTAMP\"") == std::string_view::npos) {
      return ParseOutcome::NotThisFormat(1, "not a journald JSON entry");
    }
    if (line.size() > kMaxEntryBytes) return ParseOutcome::Malformed(1, "entry too large");
    // simdjson reads up to SIMDJSON_PADDING bytes past the end of its input.
    if (padded_.size() < line.size() + simdjson::SIMDJSON_PADDING) {
      padded_.resize(line.size() + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(padded_.data(), line.data(), line.size());
    std::memset(padded_.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);

    od::document doc;
    od::object object;
    if (parser_.iterate(padded_.data(), line.size(), padded_.size()).get(doc) !=
            simdjson::SUCCESS ||
        doc.get_object().get(object) != simdjson::SUCCESS) {
      return ParseOutcome::Malformed(1, "invalid JSON");
    }
    std::string_view realtime, source_realtime, pid, syslog_pid, identifier, comm, unit,
        systemd_unit;
    bool has_message = false;
    for (auto field_result : object) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return ParseOutcome::Malformed(1, "invalid JSON");
      }
      const Field id = Lookup(key);
      if (id == Field::kOther) continue;
      od::value value = field.value();
      if (id == Field::kMessage) {
        if (!ReadMessage(value, out)) return ParseOutcome::Malformed(Column(value), "bad MESSAGE");
        has_message = true;
        continue;
      }
      std::string_view text;
      // Other fields of interest are plain strings; a repeated one (an
      // array) or a binary one keeps its default.
      if (value.get_string().get(text) != simdjson::SUCCESS) continue;
      switch (id) {
        case Field::kRealtime:
          realtime = text;
          break;
        case Field::kSourceRealtime:
          source_realtime = text;
          break;
        case Field::kHostname:
          out->host = text;
          break;
        case Field::kIdentifier:
          identifier = text;
          break;
        case Field::kComm:
          comm = text;
          break;
        case Field::kPid:
          pid = text;
          break;
        case Field::kSyslogPid:
          syslog_pid = text;
          break;
        case Field::kPriority:
          if (text.size() == 1 && text[0] >= '0' && text[0] <= '7') {
            out->severity = static_cast<base::Severity>(text[0] - '0');
          }
          break;
        case Field::kUnit:
          unit = text;
          break;
        case Field::kSystemdUnit:
          systemd_unit = text;
          break;
        case Field::kTransport:
          out->AddAttr("transport", text);
          break;
        case Field::kExitCode:
          out->AddAttr("exit_code", text);
          break;
        case Field::kExitStatus:
          out->AddAttr("exit_status", text, AllDigits(text));
          break;
        default:
          break;
      }
    }
    // journalctl prefers the sender's own time when it supplied one.
    const std::string_view ts = AllDigits(source_realtime) ? source_realtime : realtime;
    if (!AllDigits(ts)) return ParseOutcome::Malformed(1, "no usable __REALTIME_TIMESTAMP");
    out->ts_us = ToInt(ts);
    if (out->ts_us < base::kMinTimestampUs || out->ts_us > base::kMaxTimestampUs) {
      return ParseOutcome::Malformed(1, "__REALTIME_TIMESTAMP out of range");
    }
    out->has_ts = true;
    out->process = !identifier.empty() ? identifier : comm;
    if (AllDigits(pid)) {
      out->pid = ToInt(pid);
    } else if (AllDigits(syslog_pid)) {
      out->pid = ToInt(syslog_pid);
    }
    if (!unit.empty() || !systemd_unit.empty()) {
      out->AddAttr("unit", !unit.empty() ? unit : systemd_unit);
    }
    if (!has_message) {
      out->message = {};
      out->has_message_override = true;
    }
    ApplyEmbeddedFormats(line, out, &embedded_scratch_);
    return ParseOutcome::Parsed();
  }

 private:
  uint32_t Column(od::value& value) {
    const std::string_view token = value.raw_json_token();
    if (token.data() < padded_.data() || token.data() > padded_.data() + padded_.size()) return 1;
    return static_cast<uint32_t>(token.data() - padded_.data() + 1);
  }

  // Sets the message from MESSAGE's value: a range of the line when the
  // JSON string needs no unescaping, else text this parser owns.
  bool ReadMessage(od::value& value, ParsedLine* out) {
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return false;
    switch (type) {
      case od::json_type::string: {
        std::string_view raw = base::TrimRightSpace(value.raw_json_token());
        if (raw.size() < 2) return false;
        raw = raw.substr(1, raw.size() - 2);
        if (raw.find('\\') == std::string_view::npos) {
          out->msg_offset = static_cast<size_t>(raw.data() - padded_.data());
          out->msg_length = raw.size();
          return true;
        }
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) return false;
        out->message = text;
        out->has_message_override = true;
        return true;
      }
      case od::json_type::array: {
        // Byte values (not UTF-8 in the journal) or strings (a repeated field).
        bytes_.clear();
        message_.clear();
        od::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS) return false;
        bool first_string = true;
        for (auto element_result : array) {
          od::value element;
          if (std::move(element_result).get(element) != simdjson::SUCCESS) return false;
          od::json_type element_type;
          if (element.type().get(element_type) != simdjson::SUCCESS) return false;
          if (element_type == od::json_type::number) {
            uint64_t byte = 0;
            if (element.get_uint64().get(byte) != simdjson::SUCCESS || byte > 255) return false;
            bytes_.push_back(static_cast<char>(byte));
          } else if (element_type == od::json_type::string) {
            std::string_view text;
            if (element.get_string().get(text) != simdjson::SUCCESS) return false;
            if (!first_string) message_.push_back('\n');
            message_.append(text);
            first_string = false;
          }
        }
        if (!bytes_.empty()) {
          if (!message_.empty()) message_.push_back('\n');
          if (base::AppendUtf8Sanitized(bytes_, &message_) > 0) {
            out->flags |= base::kFlagReplacedUtf8;
          }
        }
        out->message = message_;
        out->has_message_override = true;
        return true;
      }
      case od::json_type::null:
        out->message = {};
        out->has_message_override = true;
        return true;
      default:
        return false;
    }
  }

  od::parser parser_;
  std::string padded_;   // the line plus SIMDJSON_PADDING, reused
  std::string bytes_;    // MESSAGE's byte values, reused
  std::string message_;  // MESSAGE decoded from an array, reused
  std::string embedded_scratch_;
};

std::unique_ptr<LineParser> MakeJournaldJson(const SourceContext&) {
  return std::make_unique<JournaldJsonParser>();
}

constexpr FormatSample kJournaldSamples[] = {
    // [verbatim as given in FORMATS.md §3.3] lnav test/logfile_journald.json,
    // some fields omitted and the cursor shortened there.
    {.text = "{ \"__CURSOR\" : \"s=e991dd5775894620914f2f7126aae6c1;i=372b;\xE2\x80\xA6\", "
             "\"__REALTIME_TIMESTAMP\" : \"1534860261221373\", \"__MONOTONIC_TIMESTAMP\" : "
             "\"38708007\", \"_BOOT_ID\" : \"0dc874d3fbd44bdbb6fbcfaa27481492\", \"PRIORITY\" : "
             "\"6\", \"_HOSTNAME\" : \"imx6ul-medusa\", \"SYSLOG_FACILITY\" : \"3\", "
             "\"_TRANSPORT\" : \"stdout\", \"SYSLOG_IDENTIFIER\" : \"python\", \"_PID\" : \"184\", "
             "\"_COMM\" : \"python\", \"_SYSTEMD_CGROUP\" : "
             "\"/system.slice/medusa-GpsLocator.service\", \"_SYSTEMD_UNIT\" : "
             "\"medusa-GpsLocator.service\", \"_SYSTEMD_INVOCATION_ID\" : "
             "\"e8fb03c1b8bf47b8ac2fc82f9870fd57\", \"MESSAGE\" : \"GPS Reference latitude: "
             "46.908706667\" }",
     .ts = "2018-08-21T14:04:21.221373Z",
     .host = "imx6ul-medusa",
     .process = "python",
     .pid = 184,
     .severity = "info",
     .message = "GPS Reference latitude: 46.908706667"},
    // [from-format] PID 1 about a unit: the unit is in UNIT, the process
    // comes from the message.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288102123456\",\"_HOSTNAME\":\"web01\","
             "\"PRIORITY\":\"5\",\"SYSLOG_FACILITY\":\"3\",\"SYSLOG_IDENTIFIER\":\"systemd\","
             "\"_PID\":\"1\",\"_COMM\":\"systemd\",\"_TRANSPORT\":\"journal\",\"_SYSTEMD_UNIT\":"
             "\"init.scope\",\"UNIT\":\"api.service\",\"MESSAGE_ID\":"
             "\"98e322203f7a4ed290d09fe03c09fe15\",\"EXIT_CODE\":\"killed\",\"EXIT_STATUS\":\"9\","
             "\"MESSAGE\":\"api.service: Main process exited, code=killed, status=9/KILL\"}",
     .ts = "2024-03-01T10:15:02.123456Z",
     .host = "web01",
     .process = "api",
     .pid = -1,
     .severity = "notice",
     .message = "api.service: Main process exited, code=killed, status=9/KILL",
     .kind = "crash"},
    // [from-format] kernel transport: no _PID, the victim comes from the message.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288101998877\",\"_BOOT_ID\":"
             "\"0dc874d3fbd44bdbb6fbcfaa27481492\",\"_TRANSPORT\":\"kernel\",\"PRIORITY\":\"3\","
             "\"SYSLOG_FACILITY\":\"0\",\"SYSLOG_IDENTIFIER\":\"kernel\",\"_HOSTNAME\":\"web01\","
             "\"MESSAGE\":\"Out of memory: Killed process 1849 (java) total-vm:8123456kB, "
             "anon-rss:4012345kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:9000kB "
             "oom_score_adj:0\"}",
     .ts = "2024-03-01T10:15:01.998877Z",
     .host = "web01",
     .process = "java",
     .pid = 1849,
     .severity = "error",
     .message = "Out of memory: Killed process 1849 (java) total-vm:8123456kB, anon-rss:4012345kB, "
                "file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:9000kB oom_score_adj:0",
     .kind = "oom_kill"},
    // [from-format] systemd's OOM result line.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288102223456\",\"_HOSTNAME\":\"web01\","
             "\"PRIORITY\":\"4\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"_PID\":\"1\",\"UNIT\":"
             "\"api.service\",\"UNIT_RESULT\":\"oom-kill\",\"MESSAGE\":\"api.service: Failed with "
             "result 'oom-kill'.\"}",
     .ts = "2024-03-01T10:15:02.223456Z",
     .host = "web01",
     .process = "api",
     .pid = -1,
     .severity = "warning",
     .message = "api.service: Failed with result 'oom-kill'.",
     .kind = "oom_kill"},
    // [from-format] MESSAGE that is not UTF-8 arrives as byte values;
    // _SOURCE_REALTIME_TIMESTAMP wins over __REALTIME_TIMESTAMP; _COMM
    // stands in for a missing SYSLOG_IDENTIFIER.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288103000000\",\"_SOURCE_REALTIME_TIMESTAMP\":"
             "\"1709288102999001\",\"_HOSTNAME\":\"web01\",\"PRIORITY\":\"6\",\"_COMM\":\"api\","
             "\"_PID\":\"4242\",\"_TRANSPORT\":\"stdout\",\"MESSAGE\":[98,97,100,32,98,121,116,"
             "101,32,255,32,104,101,114,101]}",
     .ts = "2024-03-01T10:15:02.999001Z",
     .host = "web01",
     .process = "api",
     .pid = 4242,
     .severity = "info",
     .message = "bad byte \xEF\xBF\xBD here"},
    // [from-format] escapes in MESSAGE are decoded; SYSLOG_PID when no _PID.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288104000000\",\"_HOSTNAME\":\"web01\","
             "\"PRIORITY\":\"7\",\"SYSLOG_IDENTIFIER\":\"api\",\"SYSLOG_PID\":\"77\","
             "\"MESSAGE\":\"worker said \\\"bye\\\"\\tand left \\u00e9\"}",
     .ts = "2024-03-01T10:15:04.000000Z",
     .host = "web01",
     .process = "api",
     .pid = 77,
     .severity = "debug",
     .message = "worker said \"bye\"\tand left \xC3\xA9"},
    // [from-format] a MESSAGE over journalctl's field limit is null.
    {.text = "{\"__REALTIME_TIMESTAMP\":\"1709288105000000\",\"_HOSTNAME\":\"web01\","
             "\"PRIORITY\":\"6\",\"SYSLOG_IDENTIFIER\":\"api\",\"_PID\":\"4242\","
             "\"MESSAGE\":null}",
     .ts = "2024-03-01T10:15:05.000000Z",
     .host = "web01",
     .process = "api",
     .pid = 4242,
     .severity = "info",
     .message = ""},
};

}  // namespace

const FormatInfo kJournaldJsonFormat = {
    .name = "journald_json",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "systemd journal exported with journalctl -o json",
    .signature = "a JSON object per line with \"__REALTIME_TIMESTAMP\"",
    .priority = 10,
    .continuation = Continuation::kNone,
    .make_parser = &MakeJournaldJson,
    .samples = kJournaldSamples,
};

}  // namespace rstscope::parsers
