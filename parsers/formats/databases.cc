// Database server logs (FORMATS.md §10):
//
// "postgresql", stderr log with log_line_prefix '%m [%p] ' or '%t [%p] '
// (also '[%p-%l]' and extra prefix words such as '[local] user@db'):
//
//   2025-08-13 01:45:01.127 PDT [12347] LOG:  database system was shut down at ...
//   YYYY-MM-DD hh:mm:ss[.mmm] ZONE [PID[-LINE]] [WORD ]...LEVEL:  MESSAGE
//
// ZONE is the abbreviation log_timezone prints ("UTC", "CEST", "PDT") or a
// numeric "+03"; an abbreviation not in the table below is read in
// ctx.zone and flagged as assumed. LEVEL is one of elog.c's
// error_severity() names. Continuation lines of a statement are indented.
//
// "mysql_error", MySQL 8.0 / 5.7 and MariaDB error log:
//
//   2024-03-01T10:20:32.000000Z 15 [Note] [MY-010914] [Server] Aborted connection 15 ...
//   2020-08-06T14:25:02.835618Z 0 [Note] DDL log recovery : begin        (5.7)
//   2024-03-01 10:20:32 15 [Warning] Aborted connection 15 ...          (MariaDB)
//   TIME THREAD [LEVEL] [[MY-NNNNNN] [SUBSYSTEM]] MESSAGE
//
// THREAD is the connection id (attr conn_id); the client of an "Aborted
// connection" line, "host: 'IP'", becomes src_ip.
//
// "redis", redis-server's log (server.c serverLogRaw):
//
//   1:M 29 Aug 2023 13:47:38.984 * monotonic clock: POSIX clock_gettime
//   PID:ROLE dd Mon YYYY hh:mm:ss.mmm LEVEL MESSAGE        (local time)
//   1:signal-handler (1693279182) Received SIGTERM scheduling shutdown...
//
// ROLE is X (sentinel), C (child), S (replica) or M (master); LEVEL is
// '.' debug, '-' verbose, '*' notice, '#' warning. The signal handler
// writes epoch seconds instead of a date.
#include <cstdint>
#include <string_view>

#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsAlpha;
using base::IsDigit;
using base::StartsWith;

// ---------------------------------------------------------------------------
// PostgreSQL

// UTC offsets of the zone abbreviations PostgreSQL prints most (its
// timezone/tznames/Default set). IST is India's, as in that set.
bool ZoneAbbreviationOffset(std::string_view abbr, int* offset_seconds) {
  struct Entry {
    std::string_view abbr;
    int minutes;
  };
  static constexpr Entry kZones[] = {
      {"UTC", 0},     {"GMT", 0},     {"UCT", 0},    {"Z", 0},      {"WET", 0},    {"WEST", 60},
      {"BST", 60},    {"CET", 60},    {"CEST", 120}, {"MET", 60},   {"MEST", 120}, {"EET", 120},
      {"EEST", 180},  {"MSK", 180},   {"IST", 330},  {"PKT", 300},  {"ICT", 420},  {"WIB", 420},
      {"SGT", 480},   {"HKT", 480},   {"AWST", 480}, {"JST", 540},  {"KST", 540},  {"ACST", 570},
      {"ACDT", 630},  {"AEST", 600},  {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780}, {"HST", -600},
      {"AKST", -540}, {"AKDT", -480}, {"PST", -480}, {"PDT", -420}, {"MST", -420}, {"MDT", -360},
      {"CST", -360},  {"CDT", -300},  {"EST", -300}, {"EDT", -240}, {"AST", -240}, {"ADT", -180},
      {"NST", -210},  {"NDT", -150},  {"BRT", -180}, {"ART", -180},
  };
  for (const Entry& e : kZones) {
    if (e.abbr == abbr) {
      *offset_seconds = e.minutes * 60;
      return true;
    }
  }
  return false;
}

base::Severity PostgresSeverity(std::string_view level) {
  if (level == "LOG" || level == "INFO" || level == "STATEMENT" || level == "DETAIL" ||
      level == "HINT" || level == "CONTEXT" || level == "LOCATION" || level == "QUERY") {
    return base::Severity::kInfo;
  }
  if (level == "NOTICE") return base::Severity::kNotice;
  if (level == "WARNING") return base::Severity::kWarning;
  if (level == "ERROR") return base::Severity::kError;
  if (level == "FATAL") return base::Severity::kCritical;
  if (level == "PANIC") return base::Severity::kEmergency;
  if (level.size() == 6 && StartsWith(level, "DEBUG") && level[5] >= '1' && level[5] <= '5') {
    return base::Severity::kDebug;
  }
  return base::Severity::kUnknown;
}

class PostgresParser final : public LineParser {
 public:
  explicit PostgresParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    CivilTime t;
    size_t pos = ParseIso8601(line, &t);
    if (pos < 19 || line[10] != ' ' || t.has_offset || pos >= line.size() || line[pos] != ' ') {
      return ParseOutcome::NotThisFormat(1, "no YYYY-MM-DD hh:mm:ss ZONE");
    }
    ++pos;
    // The zone: an abbreviation or a numeric offset such as "+03".
    const size_t zone_start = pos;
    while (pos < line.size() && line[pos] != ' ') ++pos;
    const std::string_view zone = line.substr(zone_start, pos - zone_start);
    int offset = 0;
    if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
      if (base::ParseUtcOffset(zone, &offset) != zone.size()) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(zone_start + 1), "bad zone");
      }
      t.has_offset = true;
      t.offset_seconds = offset;
    } else {
      if (zone.empty() || zone.size() > 6) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(zone_start + 1), "no zone");
      }
      for (char c : zone) {
        if (!IsAlpha(c)) {
          return ParseOutcome::NotThisFormat(static_cast<uint32_t>(zone_start + 1), "no zone");
        }
      }
      if (ZoneAbbreviationOffset(zone, &offset)) {
        t.has_offset = true;
        t.offset_seconds = offset;
      }
    }
    if (pos + 2 >= line.size() || line[pos + 1] != '[') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [PID]");
    }
    pos += 2;
    int64_t pid = 0;
    if (!base::ParseDigits(line, &pos, &pid)) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [PID]");
    }
    if (pos < line.size() && line[pos] == '-') {
      int64_t line_number = 0;
      ++pos;
      if (!base::ParseDigits(line, &pos, &line_number)) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [PID-LINE]");
      }
    }
    if (pos >= line.size() || line[pos] != ']') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [PID]");
    }
    ++pos;
    if (pos < line.size() && line[pos] == ':') ++pos;
    // The level is the first of the next few words that is "LEVEL:".
    base::Severity severity = base::Severity::kUnknown;
    for (int words = 0; words < 8 && pos < line.size(); ++words) {
      while (pos < line.size() && line[pos] == ' ') ++pos;
      size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      const std::string_view word = line.substr(pos, end - pos);
      pos = end;
      if (word.size() > 1 && word.back() == ':') {
        severity = PostgresSeverity(word.substr(0, word.size() - 1));
        if (severity != base::Severity::kUnknown) break;
      }
    }
    if (severity == base::Severity::kUnknown) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no LEVEL:");
    }
    while (pos < line.size() && line[pos] == ' ') ++pos;
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = "postgres";
    out->pid = pid;
    out->msg_offset = pos;
    ClientEndpoint(line.substr(pos), out);
    return ParseOutcome::Parsed();
  }

 private:
  // log_connections and log_disconnections name the client's endpoint:
  // "connection received: host=10.40.1.15 port=36828" and "disconnection:
  // session time: 0:00:01.003 user=u database=d host=10.40.1.15 port=36828".
  // The client is the source of the connection.
  static void ClientEndpoint(std::string_view msg, ParsedLine* out) {
    if (!base::StartsWith(msg, "connection received: ") &&
        !base::StartsWith(msg, "disconnection: ")) {
      return;
    }
    const size_t h = msg.find(" host=");
    const size_t host_at = base::StartsWith(msg, "connection received: host=")
                               ? sizeof("connection received: ") - 1
                               : (h == std::string_view::npos ? h : h + 1);
    if (host_at == std::string_view::npos) return;
    size_t end = msg.find(' ', host_at);
    const std::string_view host =
        msg.substr(host_at + 5, end == std::string_view::npos ? end : end - host_at - 5);
    if (!base::IsIp(host)) return;
    out->src_ip = host;
    if (end != std::string_view::npos && msg.substr(end, 6) == " port=") {
      size_t p = end + 6;
      int64_t port = 0;
      if (base::ParseDigits(msg, &p, &port) && port > 0 && port < 65536) {
        out->src_port = static_cast<int32_t>(port);
      }
    }
  }

  base::Zone zone_;
};

// ---------------------------------------------------------------------------
// MySQL / MariaDB

base::Severity MysqlSeverity(std::string_view level) {
  if (level == "System") return base::Severity::kInfo;
  if (level == "Note") return base::Severity::kNotice;
  if (level == "Warning") return base::Severity::kWarning;
  if (level == "ERROR" || level == "Error") return base::Severity::kError;
  return base::Severity::kUnknown;
}

// "[...]" at line[*pos] followed by a space: returns the inside and
// advances past the space.
std::string_view Bracketed(std::string_view line, size_t* pos) {
  if (*pos >= line.size() || line[*pos] != '[') return {};
  const size_t close = line.find(']', *pos);
  if (close == std::string_view::npos || close - *pos > 40) return {};
  const std::string_view inside = line.substr(*pos + 1, close - *pos - 1);
  *pos = close + 1;
  if (*pos < line.size() && line[*pos] == ' ') ++*pos;
  return inside;
}

class MysqlParser final : public LineParser {
 public:
  explicit MysqlParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    CivilTime t;
    size_t pos = ParseIso8601(line, &t);
    if (pos < 19 || pos >= line.size() || line[pos] != ' ') {
      return ParseOutcome::NotThisFormat(1, "no ISO 8601 time");
    }
    ++pos;
    const size_t thread_start = pos;
    int64_t thread = 0;
    if (!base::ParseDigits(line, &pos, &thread) || pos >= line.size() || line[pos] != ' ') {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no thread id");
    }
    const std::string_view thread_id = line.substr(thread_start, pos - thread_start);
    ++pos;
    const base::Severity severity = MysqlSeverity(Bracketed(line, &pos));
    if (severity == base::Severity::kUnknown) {
      return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no [Level]");
    }
    // 8.0: "[MY-010914] [Server] ".
    if (StartsWith(line.substr(pos), "[MY-")) {
      size_t p = pos;
      const std::string_view code = Bracketed(line, &p);
      const std::string_view subsystem = Bracketed(line, &p);
      if (!code.empty() && !subsystem.empty()) {
        out->AddAttr("error_code", code);
        pos = p;
      }
    }
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
      return ParseOutcome::Malformed(1, TimestampProblem(t));
    }
    out->has_ts = true;
    out->severity = severity;
    out->process = "mysqld";
    out->msg_offset = pos;
    if (thread != 0) out->AddAttr("conn_id", thread_id, /*is_number=*/true);
    // "Aborted connection N to db: 'd' user: 'u' host: 'IP' (reason)".
    const std::string_view message = line.substr(pos);
    const size_t host = message.find(" host: '");
    if (host != std::string_view::npos && StartsWith(message, "Aborted connection ")) {
      const size_t start = host + 8;
      const size_t end = message.find('\'', start);
      if (end != std::string_view::npos && base::IsIp(message.substr(start, end - start))) {
        out->src_ip = message.substr(start, end - start);
      }
    }
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

// ---------------------------------------------------------------------------
// Redis

int MonthNumber(std::string_view m) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i] == m) return i + 1;
  }
  return 0;
}

// "29 Aug 2023 13:47:38.984" at s[0]; returns the bytes read, or 0.
size_t ParseRedisTime(std::string_view s, CivilTime* t) {
  size_t p = 0;
  int64_t day = 0, year = 0;
  if (!base::ParseDigits(s, &p, &day) || p > 2 || p + 1 >= s.size() || s[p] != ' ') return 0;
  ++p;
  if (p + 4 > s.size() || s[p + 3] != ' ') return 0;
  const int month = MonthNumber(s.substr(p, 3));
  if (month == 0) return 0;
  p += 4;
  const size_t year_start = p;
  if (!base::ParseDigits(s, &p, &year) || p - year_start != 4 || p + 9 > s.size() || s[p] != ' ') {
    return 0;
  }
  ++p;
  const int h = base::ParseFixedDigits(s, p, 2), mi = base::ParseFixedDigits(s, p + 3, 2),
            sec = base::ParseFixedDigits(s, p + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || s[p + 2] != ':' || s[p + 5] != ':' || h > 23 || mi > 59 ||
      sec > 60 || day < 1 || day > 31) {
    return 0;
  }
  p += 8;
  int64_t micros = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    if (!base::ParseFractionMicros(s, &p, &micros)) return 0;
  }
  *t = CivilTime();
  t->year = year;
  t->month = month;
  t->day = static_cast<int>(day);
  t->hour = h;
  t->minute = mi;
  t->second = sec;
  t->micros = micros;
  return p;
}

base::Severity RedisSeverity(char c) {
  switch (c) {
    case '.':
    case '-':
      return base::Severity::kDebug;
    case '*':
      return base::Severity::kNotice;
    case '#':
      return base::Severity::kWarning;
    default:
      return base::Severity::kUnknown;
  }
}

class RedisParser final : public LineParser {
 public:
  explicit RedisParser(const SourceContext& ctx) : zone_(ctx.zone) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    size_t pos = 0;
    int64_t pid = 0;
    if (!base::ParseDigits(line, &pos, &pid) || pos >= line.size() || line[pos] != ':') {
      return ParseOutcome::NotThisFormat(1, "no PID:");
    }
    ++pos;
    constexpr std::string_view kSignalHandler = "signal-handler (";
    if (StartsWith(line.substr(pos), kSignalHandler)) {
      // The handler avoids localtime(): epoch seconds.
      pos += kSignalHandler.size();
      int64_t seconds = 0;
      if (!base::ParseDigits(line, &pos, &seconds) || pos + 1 >= line.size() || line[pos] != ')' ||
          line[pos + 1] != ' ') {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no (epoch)");
      }
      out->ts_us = seconds * 1000000;
      out->has_ts = true;
      out->msg_offset = pos + 2;
    } else {
      if (pos + 2 >= line.size() || line[pos + 1] != ' ' ||
          (line[pos] != 'M' && line[pos] != 'S' && line[pos] != 'C' && line[pos] != 'X')) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no role");
      }
      pos += 2;
      CivilTime t;
      const size_t n = ParseRedisTime(line.substr(pos), &t);
      if (n == 0) return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no time");
      pos += n;
      if (pos + 2 > line.size() || line[pos] != ' ') {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 1), "no level");
      }
      const base::Severity severity = RedisSeverity(line[pos + 1]);
      if (severity == base::Severity::kUnknown || (pos + 2 < line.size() && line[pos + 2] != ' ')) {
        return ParseOutcome::NotThisFormat(static_cast<uint32_t>(pos + 2), "no level");
      }
      if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) {
        return ParseOutcome::Malformed(1, TimestampProblem(t));
      }
      out->has_ts = true;
      out->severity = severity;
      out->msg_offset = pos + 2 < line.size() ? pos + 3 : line.size();
    }
    out->process = "redis";
    out->pid = pid;
    return ParseOutcome::Parsed();
  }

 private:
  base::Zone zone_;
};

std::unique_ptr<LineParser> MakePostgres(const SourceContext& ctx) {
  return std::make_unique<PostgresParser>(ctx);
}
std::unique_ptr<LineParser> MakeMysql(const SourceContext& ctx) {
  return std::make_unique<MysqlParser>(ctx);
}
std::unique_ptr<LineParser> MakeRedis(const SourceContext& ctx) {
  return std::make_unique<RedisParser>(ctx);
}

constexpr FormatSample kPostgresSamples[] = {
    // [documented] log_connections (postgresql.org, runtime-config-logging):
    // the client's address and port.
    {.text = "2024-11-12 00:04:15.450 UTC [38274] [unknown]@[unknown] LOG:  connection received: "
             "host=10.40.1.15 port=36828",
     .ts = "2024-11-12T00:04:15.450000Z",
     .host = "",
     .process = "postgres",
     .pid = 38274,
     .severity = "info",
     .message = "connection received: host=10.40.1.15 port=36828",
     .src_ip = "10.40.1.15",
     .src_port = 36828},
    {.text = "2024-11-12 01:04:03.878 UTC [38274] reporter@reports LOG:  disconnection: session "
             "time: 1:00:00.125 user=reporter database=reports host=10.40.1.15 port=36828",
     .ts = "2024-11-12T01:04:03.878000Z",
     .host = "",
     .process = "postgres",
     .pid = 38274,
     .severity = "info",
     .message = "disconnection: session time: 1:00:00.125 user=reporter database=reports "
                "host=10.40.1.15 port=36828",
     .src_ip = "10.40.1.15",
     .src_port = 36828},
    // [verbatim, lnav] FORMATS.md §10.1.
    {.text = "2025-08-13 01:45:01.127 PDT [12347] LOG:  database system was shut down at "
             "2025-08-13 01:44:58 PDT",
     .ts = "2025-08-13T08:45:01.127000Z",
     .host = "",
     .process = "postgres",
     .pid = 12347,
     .severity = "info",
     .message = "database system was shut down at 2025-08-13 01:44:58 PDT"},
    // [verbatim, lnav sample] '%t [%p-%l] %r %u@%d '.
    {.text = "2025-06-05 17:10:04 MSK [608647-3] [local] postgres@postgres WARNING: terminating "
             "connection because of crash of another server process",
     .ts = "2025-06-05T14:10:04.000000Z",
     .host = "",
     .process = "postgres",
     .pid = 608647,
     .severity = "warning",
     .message = "terminating connection because of crash of another server process",
     .kind = "crash"},
    {.text = "2024-03-01 10:15:02.345 UTC [1234] LOG:  server process (PID 20561) was terminated "
             "by signal 9: Killed",
     .ts = "2024-03-01T10:15:02.345000Z",
     .host = "",
     .process = "postgres",
     .pid = 20561,
     .severity = "info",
     .message = "server process (PID 20561) was terminated by signal 9: Killed",
     .kind = "crash"},
    {.text = "2024-03-01 10:15:04 CET [1] LOG:  database system is ready to accept connections",
     .ts = "2024-03-01T09:15:04.000000Z",
     .host = "",
     .process = "postgres",
     .pid = 1,
     .severity = "info",
     .message = "database system is ready to accept connections",
     .kind = "start"},
    // An abbreviation outside the table: the source zone (UTC here).
    {.text = "2024-03-01 10:15:02.345 XYZT [2211] FATAL:  sorry, too many clients already",
     .ts = "2024-03-01T10:15:02.345000Z",
     .host = "",
     .process = "postgres",
     .pid = 2211,
     .severity = "crit",
     .message = "sorry, too many clients already",
     .kind = "overload"},
};

constexpr FormatSample kMysqlSamples[] = {
    // [observed] FORMATS.md §10.2.
    {.text = "2024-03-01T10:20:32.000000Z 15 [Note] [MY-010914] [Server] Aborted connection 15 "
             "to db: 'app' user: 'svc' host: '192.0.2.7' (Got timeout reading communication "
             "packets)",
     .ts = "2024-03-01T10:20:32.000000Z",
     .host = "",
     .process = "mysqld",
     .pid = -1,
     .severity = "notice",
     .message = "Aborted connection 15 to db: 'app' user: 'svc' host: '192.0.2.7' (Got timeout "
                "reading communication packets)",
     .kind = "timeout",
     .src_ip = "192.0.2.7",
     .attrs = R"({"error_code":"MY-010914","conn_id":15})"},
    // [verbatim, lnav] 5.7.
    {.text = "2020-08-06T14:25:02.835618Z 0 [Note] DDL log recovery : begin",
     .ts = "2020-08-06T14:25:02.835618Z",
     .host = "",
     .process = "mysqld",
     .pid = -1,
     .severity = "notice",
     .message = "DDL log recovery : begin"},
    {.text = "2024-03-01T10:20:40.123456Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: "
             "ready for connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  "
             "port: 3306  MySQL Community Server - GPL.",
     .ts = "2024-03-01T10:20:40.123456Z",
     .host = "",
     .process = "mysqld",
     .pid = -1,
     .severity = "info",
     .message = "/usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: "
                "'/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
     .kind = "start"},
    // [observed] FORMATS.md §10.2, with the host's offset.
    {.text = "2024-03-01T11:20:00.000000+01:00 0 [System] [MY-013172] [Server] Received SHUTDOWN "
             "from user <via user signal>. Shutting down mysqld (Version: 8.4.2).",
     .ts = "2024-03-01T10:20:00.000000Z",
     .host = "",
     .process = "mysqld",
     .pid = -1,
     .severity = "info",
     .message = "Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: "
                "8.4.2).",
     .kind = "stop"},
    // MariaDB: space-separated local time, no error code.
    {.text = "2024-03-01 10:20:32 15 [Warning] Aborted connection 15 to db: 'app' user: 'svc' "
             "host: '10.0.0.31' (Got an error reading communication packets)",
     .ts = "2024-03-01T10:20:32.000000Z",
     .host = "",
     .process = "mysqld",
     .pid = -1,
     .severity = "warning",
     .message = "Aborted connection 15 to db: 'app' user: 'svc' host: '10.0.0.31' (Got an error "
                "reading communication packets)",
     .kind = "client_abort",
     .src_ip = "10.0.0.31",
     .attrs = R"({"conn_id":15})"},
};

constexpr FormatSample kRedisSamples[] = {
    // [verbatim, lnav] FORMATS.md §10.3.
    {.text = "1:M 29 Aug 2023 13:47:38.984 * monotonic clock: POSIX clock_gettime",
     .ts = "2023-08-29T13:47:38.984000Z",
     .host = "",
     .process = "redis",
     .pid = 1,
     .severity = "notice",
     .message = "monotonic clock: POSIX clock_gettime"},
    // [verbatim, lnav] epoch seconds from the signal handler.
    {.text = "1:signal-handler (1693279182) Received SIGTERM scheduling shutdown...",
     .ts = "2023-08-29T03:19:42.000000Z",
     .host = "",
     .process = "redis",
     .pid = 1,
     .severity = "",
     .message = "Received SIGTERM scheduling shutdown...",
     .kind = "stop"},
    {.text = "1:M 29 Aug 2023 13:47:39.001 * Ready to accept connections tcp",
     .ts = "2023-08-29T13:47:39.001000Z",
     .host = "",
     .process = "redis",
     .pid = 1,
     .severity = "notice",
     .message = "Ready to accept connections tcp",
     .kind = "start"},
    {.text = "7:S 29 Aug 2023 13:47:38.990 # WARNING Memory overcommit must be enabled!",
     .ts = "2023-08-29T13:47:38.990000Z",
     .host = "",
     .process = "redis",
     .pid = 7,
     .severity = "warning",
     .message = "WARNING Memory overcommit must be enabled!"},
};

}  // namespace

const FormatInfo kPostgresFormat = {
    .name = "postgresql",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "PostgreSQL server log with a '%m [%p] ' or '%t [%p] ' prefix",
    .signature = "YYYY-MM-DD hh:mm:ss[.mmm] ZONE [PID] ... LEVEL:",
    .priority = 30,
    .continuation = Continuation::kIndented,
    .make_parser = &MakePostgres,
    .samples = kPostgresSamples,
};

const FormatInfo kMysqlErrorFormat = {
    .name = "mysql_error",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "MySQL 8.0/5.7 and MariaDB error log",
    .signature = "ISO 8601 time, thread id, [Note|Warning|ERROR|System]",
    .priority = 30,
    .continuation = Continuation::kIndented,
    .make_parser = &MakeMysql,
    .samples = kMysqlSamples,
};

const FormatInfo kRedisFormat = {
    .name = "redis",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "Redis server log: PID:ROLE dd Mon YYYY hh:mm:ss.mmm LEVEL message",
    .signature = "PID:M|S|C|X dd Mon YYYY hh:mm:ss.mmm [.-*#]",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeRedis,
    .samples = kRedisSamples,
};

}  // namespace rstscope::parsers
