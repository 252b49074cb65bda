// W3C Extended log files written by IIS ("iis_w3c", u_exYYMMDD.log) and by
// HTTP.sys ("httperr", LogFiles\HTTPERR\httperr*.log); FORMATS.md §7.1,
// §7.2, §1.4. Grammar (W3C Working Draft WD-logfile-960323):
//
//   #Software: TEXT        #Version: 1.0        #Date: YYYY-MM-DD hh:mm:ss
//   #Fields: NAME[ NAME]...                     #Remark: TEXT
//   VALUE[ VALUE]...        (one row per request, columns from #Fields)
//
// Columns come only from the most recent #Fields directive: a file may
// carry several header blocks (IIS and HTTP.sys re-emit them on restart),
// names may be separated by several spaces, values may be double-quoted,
// '-' is an absent value and a row may carry more values than names (the
// extras are ignored). `date` and `time` are UTC (Microsoft "W3C Logging");
// without a `date` column the #Date directive supplies the day. A row seen
// before any #Fields (a file cut after its header) is read with the
// product's default column sets, recognised by their value count and
// checked value by value.
//
// The message is the row after its leading date and time columns.
#include <cstdint>
#include <iterator>
#include <string_view>

#include "base/strings.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/windows_formats.h"
#include "parsers/timestamp.h"

namespace rstscope::parsers {
namespace {

using base::IsDigit;
using base::StartsWith;

// The columns either format reads; every other name is kSkip.
enum class Col : uint8_t {
  kSkip,
  kDate,
  kTime,
  kServerIp,
  kServerPort,
  kClientIp,
  kClientPort,
  kStatus,
  kWin32Status,
  kTimeTaken,
  kReason,
  kQueue,
  kSiteName,
  kComputerName,
  kBytesOut,  // sc-bytes: sent by the server
  kBytesIn,   // cs-bytes: received by the server
  kMethod,
  kTransport,
};

Col ColumnFor(std::string_view name) {
  struct Entry {
    std::string_view name;
    Col col;
  };
  static constexpr Entry kNames[] = {
      {"date", Col::kDate},
      {"time", Col::kTime},
      {"s-ip", Col::kServerIp},
      {"s-port", Col::kServerPort},
      {"c-ip", Col::kClientIp},
      {"c-port", Col::kClientPort},
      {"sc-status", Col::kStatus},
      {"sc-win32-status", Col::kWin32Status},
      {"time-taken", Col::kTimeTaken},
      {"s-reason", Col::kReason},
      {"s-queuename", Col::kQueue},
      {"s-sitename", Col::kSiteName},
      {"s-computername", Col::kComputerName},
      {"sc-bytes", Col::kBytesOut},
      {"cs-bytes", Col::kBytesIn},
      {"cs-method", Col::kMethod},
      {"transport", Col::kTransport},
  };
  for (const Entry& e : kNames) {
    if (e.name == name) return e.col;
  }
  return Col::kSkip;
}

constexpr size_t kMaxColumns = 64;

// The next space-separated token of `line` from *pos (a double-quoted value
// loses its quotes); advances *pos past it and the spaces after it. Returns
// false at the end of the line.
bool NextToken(std::string_view line, size_t* pos, std::string_view* token) {
  size_t p = *pos;
  while (p < line.size() && line[p] == ' ') ++p;
  if (p >= line.size()) return false;
  size_t end;
  if (line[p] == '"') {
    const size_t close = line.find('"', p + 1);
    end = close == std::string_view::npos ? line.size() : close + 1;
    *token = line.substr(p + 1, (close == std::string_view::npos ? line.size() : close) - p - 1);
  } else {
    end = line.find(' ', p);
    if (end == std::string_view::npos) end = line.size();
    *token = line.substr(p, end - p);
  }
  while (end < line.size() && line[end] == ' ') ++end;
  *pos = end;
  return true;
}

bool IsAbsent(std::string_view v) { return v.empty() || v == "-"; }

bool IsNumber(std::string_view v) {
  if (v.empty() || v.size() > 18) return false;
  for (char c : v) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// An address as logged, without an IPv6 "%scope" suffix; empty when it is
// not an address.
std::string_view AddressOf(std::string_view v) {
  const size_t pct = v.find('%');
  if (pct != std::string_view::npos) v = v.substr(0, pct);
  return base::IsIp(v) ? v : std::string_view();
}

int32_t PortOf(std::string_view v) {
  if (!IsNumber(v) || v.size() > 5) return -1;
  int32_t n = 0;
  for (char c : v) n = n * 10 + (c - '0');
  return n <= 65535 ? n : -1;
}

// "YYYY-MM-DD" into t's date fields.
bool ParseW3cDate(std::string_view v, CivilTime* t) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  const int y = base::ParseFixedDigits(v, 0, 4), m = base::ParseFixedDigits(v, 5, 2),
            d = base::ParseFixedDigits(v, 8, 2);
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  t->year = y;
  t->month = m;
  t->day = d;
  return true;
}

// "hh:mm:ss" or "hh:mm:ss.fff" into t's time fields.
bool ParseW3cTime(std::string_view v, CivilTime* t) {
  if (v.size() < 8 || v[2] != ':' || v[5] != ':') return false;
  const int h = base::ParseFixedDigits(v, 0, 2), mi = base::ParseFixedDigits(v, 3, 2),
            s = base::ParseFixedDigits(v, 6, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return false;
  t->hour = h;
  t->minute = mi;
  t->second = s;
  t->micros = 0;
  if (v.size() > 8) {
    size_t p = 9;
    if (v[8] != '.' || !base::ParseFractionMicros(v, &p, &t->micros) || p != v.size()) {
      return false;
    }
  }
  return true;
}

// The values of the columns a row has, by Col.
struct Row {
  std::string_view value[static_cast<int>(Col::kTransport) + 1];
  size_t after_time = 0;  // offset of the first value after leading date/time
  std::string_view Get(Col c) const { return value[static_cast<int>(c)]; }
};

// Which product's file a parser reads.
enum class Product { kIis, kHttpErr };

// Shared W3C mechanics: directives, the current column list, row splitting
// and the time.
class W3cParser : public LineParser {
 public:
  W3cParser(Product product, const SourceContext& ctx) : product_(product), zone_(ctx.zone) {}

  bool ConsumeDirective(std::string_view line) override {
    if (line.empty() || line[0] != '#') return false;
    if (StartsWith(line, "#Fields:")) return SetFields(line.substr(8));
    if (StartsWith(line, "#Software:")) {
      // Other W3C writers (Windows Firewall, proxies) have their own formats.
      const bool ours = product_ == Product::kIis
                            ? base::ContainsIgnoreCase(line, "Internet Information Services")
                            : base::ContainsIgnoreCase(line, "HTTP API");
      if (!ours) foreign_ = true;
      return ours;
    }
    if (StartsWith(line, "#Date:")) {
      std::string_view v = base::TrimSpace(line.substr(6));
      CivilTime t;
      if (v.size() >= 10 && ParseW3cDate(v.substr(0, 10), &t)) {
        directive_date_ = t;
        has_directive_date_ = true;
      }
      return true;
    }
    return StartsWith(line, "#Version:") || StartsWith(line, "#Remark:") ||
           StartsWith(line, "#Start-Date:") || StartsWith(line, "#End-Date:");
  }

 protected:
  // Splits `line` into *row by the current columns, or by the default
  // layout of `count` values when no #Fields was seen. Returns false when
  // the line is not a row of this product.
  bool SplitRow(std::string_view line, Row* row) {
    if (line.empty() || line[0] == '#' || foreign_) return false;
    const Col* cols = columns_;
    size_t ncols = ncolumns_;
    if (ncols == 0) {
      const size_t count = CountTokens(line);
      if (!DefaultLayout(count, &cols, &ncols)) return false;
    }
    size_t pos = 0;
    std::string_view token;
    bool leading = true;
    for (size_t i = 0; i < ncols && NextToken(line, &pos, &token); ++i) {
      if (leading && cols[i] != Col::kDate && cols[i] != Col::kTime) {
        leading = false;
      }
      if (leading) row->after_time = pos;
      if (cols[i] != Col::kSkip) row->value[static_cast<int>(cols[i])] = token;
    }
    return true;
  }

  // The row's time: date and time columns, UTC.
  bool RowTime(const Row& row, ParsedLine* out) {
    CivilTime t;
    if (!IsAbsent(row.Get(Col::kDate))) {
      if (!ParseW3cDate(row.Get(Col::kDate), &t)) return false;
    } else if (has_directive_date_) {
      t = directive_date_;
    } else {
      return false;
    }
    if (!ParseW3cTime(row.Get(Col::kTime), &t)) return false;
    t.has_offset = true;
    t.offset_seconds = 0;
    if (!ToUtcMicros(t, zone_, &out->ts_us, &out->flags)) return false;
    out->has_ts = true;
    return true;
  }

  bool from_defaults() const { return ncolumns_ == 0; }

 private:
  static size_t CountTokens(std::string_view line) {
    size_t pos = 0, n = 0;
    std::string_view token;
    while (NextToken(line, &pos, &token)) ++n;
    return n;
  }

  bool DefaultLayout(size_t count, const Col** cols, size_t* ncols) const {
    using C = Col;
    // IIS 7-8.5 default: date time s-ip cs-method cs-uri-stem cs-uri-query
    // s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus
    // sc-win32-status time-taken; IIS 10 adds cs(Referer) after the agent.
    static constexpr Col kIis14[] = {
        C::kDate, C::kTime,     C::kServerIp, C::kMethod, C::kSkip, C::kSkip,        C::kServerPort,
        C::kSkip, C::kClientIp, C::kSkip,     C::kStatus, C::kSkip, C::kWin32Status, C::kTimeTaken};
    static constexpr Col kIis15[] = {C::kDate,     C::kTime,        C::kServerIp,   C::kMethod,
                                     C::kSkip,     C::kSkip,        C::kServerPort, C::kSkip,
                                     C::kClientIp, C::kSkip,        C::kSkip,       C::kStatus,
                                     C::kSkip,     C::kWin32Status, C::kTimeTaken};
    // HTTP.sys: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri
    // [streamid [streamid_ex]] sc-status s-siteid s-reason s-queuename
    // [transport fault-code extended-fault-code].
    static constexpr Col kErr13[] = {
        C::kDate,   C::kTime, C::kClientIp, C::kClientPort, C::kServerIp, C::kServerPort, C::kSkip,
        C::kMethod, C::kSkip, C::kStatus,   C::kSkip,       C::kReason,   C::kQueue};
    static constexpr Col kErr14[] = {C::kDate,     C::kTime,       C::kClientIp, C::kClientPort,
                                     C::kServerIp, C::kServerPort, C::kSkip,     C::kMethod,
                                     C::kSkip,     C::kSkip,       C::kStatus,   C::kSkip,
                                     C::kReason,   C::kQueue};
    static constexpr Col kErr18[] = {
        C::kDate, C::kTime,   C::kClientIp, C::kClientPort, C::kServerIp, C::kServerPort,
        C::kSkip, C::kMethod, C::kSkip,     C::kSkip,       C::kSkip,     C::kStatus,
        C::kSkip, C::kReason, C::kQueue,    C::kTransport,  C::kSkip,     C::kSkip};
    const auto use = [&](const Col* layout, size_t n) {
      *cols = layout;
      *ncols = n;
      return true;
    };
    if (product_ == Product::kIis) {
      if (count == std::size(kIis14)) return use(kIis14, count);
      if (count == std::size(kIis15)) return use(kIis15, count);
      return false;
    }
    if (count == std::size(kErr13)) return use(kErr13, count);
    if (count == std::size(kErr14)) return use(kErr14, count);
    if (count == std::size(kErr18)) return use(kErr18, count);
    return false;
  }

  // Takes a #Fields list when it is this product's: IIS rows have a method
  // or status and no s-reason; HTTP.sys rows have s-reason.
  bool SetFields(std::string_view names) {
    Col cols[kMaxColumns];
    size_t n = 0;
    bool has_reason = false, has_iis = false, has_time = false;
    size_t pos = 0;
    std::string_view token;
    while (n < kMaxColumns && NextToken(names, &pos, &token)) {
      const Col c = ColumnFor(token);
      has_reason |= c == Col::kReason;
      has_iis |= c == Col::kStatus || c == Col::kMethod || token == "cs-uri-stem";
      has_time |= c == Col::kTime;
      cols[n++] = c;
    }
    const bool ours = has_time && (product_ == Product::kIis ? has_iis && !has_reason : has_reason);
    if (!ours) {
      foreign_ = true;
      return false;
    }
    for (size_t i = 0; i < n; ++i) columns_[i] = cols[i];
    ncolumns_ = n;
    foreign_ = false;
    return true;
  }

  Product product_;
  base::Zone zone_;
  Col columns_[kMaxColumns];
  size_t ncolumns_ = 0;
  // A #Fields or #Software of another W3C writer was seen: its rows are not
  // ours until our own #Fields comes.
  bool foreign_ = false;
  CivilTime directive_date_;
  bool has_directive_date_ = false;
};

// Values of the default layouts are checked, since only their count chose
// the layout.
bool PlausibleDefaultRow(const Row& row, bool client_port) {
  if (AddressOf(row.Get(Col::kClientIp)).empty() || AddressOf(row.Get(Col::kServerIp)).empty()) {
    return false;
  }
  if (PortOf(row.Get(Col::kServerPort)) < 0) return false;
  if (client_port && PortOf(row.Get(Col::kClientPort)) < 0) return false;
  const std::string_view method = row.Get(Col::kMethod);
  if (!method.empty() && method != "-" && IsDigit(method[0])) return false;
  return true;
}

void SetAddresses(const Row& row, ParsedLine* out) {
  out->src_ip = AddressOf(row.Get(Col::kClientIp));
  out->src_port = PortOf(row.Get(Col::kClientPort));
  out->dst_ip = AddressOf(row.Get(Col::kServerIp));
  out->dst_port = PortOf(row.Get(Col::kServerPort));
}

void AddNumberAttr(ParsedLine* out, std::string_view key, std::string_view v) {
  if (IsNumber(v)) out->AddAttr(key, v, /*is_number=*/true);
}

class IisParser final : public W3cParser {
 public:
  explicit IisParser(const SourceContext& ctx) : W3cParser(Product::kIis, ctx) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    Row row;
    if (!SplitRow(line, &row)) return ParseOutcome::NotThisFormat(1, "not an IIS W3C row");
    if (from_defaults() && !PlausibleDefaultRow(row, /*client_port=*/false)) {
      return ParseOutcome::NotThisFormat(1, "not an IIS default row");
    }
    if (!RowTime(row, out)) return ParseOutcome::NotThisFormat(1, "no W3C date and time");
    SetAddresses(row, out);
    if (!IsAbsent(row.Get(Col::kComputerName))) out->host = row.Get(Col::kComputerName);
    const std::string_view win32 = row.Get(Col::kWin32Status);
    AddNumberAttr(out, "status", row.Get(Col::kStatus));
    if (IsNumber(win32) && win32 != "0") out->AddAttr("reason", win32);
    AddNumberAttr(out, "duration_ms", row.Get(Col::kTimeTaken));
    AddNumberAttr(out, "bytes_in", row.Get(Col::kBytesIn));
    AddNumberAttr(out, "bytes_out", row.Get(Col::kBytesOut));
    if (!IsAbsent(row.Get(Col::kSiteName))) out->AddAttr("site", row.Get(Col::kSiteName));
    // ERROR_NETNAME_DELETED (64) and ERROR_CONNECTION_ABORTED (1236): the
    // client, or a middlebox on its path, dropped the connection while IIS
    // was still sending.
    if (win32 == "64") {
      out->kind = base::Kind::kClientAbort;
      out->rule = "iis_win32_64";
    } else if (win32 == "1236") {
      out->kind = base::Kind::kClientAbort;
      out->rule = "iis_win32_1236";
    }
    out->msg_offset = row.after_time;
    return ParseOutcome::Parsed();
  }
};

// The kind an HTTP.sys s-reason states (Microsoft "Types of errors logged by
// the HTTP Server API"); kOther for the request-syntax reasons.
base::Kind HttpErrKind(std::string_view reason, std::string_view status, std::string_view* rule) {
  using base::Kind;
  struct Entry {
    std::string_view reason;
    Kind kind;
    std::string_view rule;
  };
  static constexpr Entry kReasons[] = {
      {"Connection_Dropped", Kind::kClientAbort, "httperr_connection_dropped"},
      {"Client_Reset", Kind::kClientAbort, "httperr_client_reset"},
      {"Connection_Abandoned_By_AppPool", Kind::kCrash, "httperr_abandoned_by_apppool"},
      {"AppShutdown", Kind::kCrash, "httperr_app_shutdown"},
      {"Timer_ConnectionIdle", Kind::kIdleTimeout, "httperr_timer_connection_idle"},
      {"QueueFull", Kind::kOverload, "httperr_queue_full"},
      {"ConnLimit", Kind::kOverload, "httperr_conn_limit"},
      {"Connection_Dropped_List_Full", Kind::kOverload, "httperr_dropped_list_full"},
      {"AppOffline", Kind::kStop, "httperr_app_offline"},
  };
  for (const Entry& e : kReasons) {
    if (e.reason == reason) {
      *rule = e.rule;
      return e.kind;
    }
  }
  if (StartsWith(reason, "Timer_")) {
    *rule = "httperr_timer";
    return Kind::kTimeout;
  }
  // "N/A" with 503: an internal error such as a failed allocation.
  if (reason == "N/A" && status == "503") {
    *rule = "httperr_na_503";
    return Kind::kOverload;
  }
  return Kind::kOther;
}

class HttpErrParser final : public W3cParser {
 public:
  explicit HttpErrParser(const SourceContext& ctx) : W3cParser(Product::kHttpErr, ctx) {}

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    Row row;
    if (!SplitRow(line, &row)) return ParseOutcome::NotThisFormat(1, "not an HTTPERR row");
    if (from_defaults() && !PlausibleDefaultRow(row, /*client_port=*/true)) {
      return ParseOutcome::NotThisFormat(1, "not an HTTPERR default row");
    }
    if (!RowTime(row, out)) return ParseOutcome::NotThisFormat(1, "no W3C date and time");
    SetAddresses(row, out);
    const std::string_view reason = row.Get(Col::kReason);
    const std::string_view status = row.Get(Col::kStatus);
    // HTTP/3 requests arrive over QUIC, which runs on UDP.
    out->AddAttr("proto", row.Get(Col::kTransport) == "QUIC" ? "udp" : "tcp");
    AddNumberAttr(out, "status", status);
    if (!IsAbsent(reason)) out->AddAttr("reason", reason);
    if (!IsAbsent(row.Get(Col::kQueue))) out->AddAttr("queue", row.Get(Col::kQueue));
    out->kind = HttpErrKind(reason, status, &out->rule);
    out->msg_offset = row.after_time;
    return ParseOutcome::Parsed();
  }
};

std::unique_ptr<LineParser> MakeIis(const SourceContext& ctx) {
  return std::make_unique<IisParser>(ctx);
}
std::unique_ptr<LineParser> MakeHttpErr(const SourceContext& ctx) {
  return std::make_unique<HttpErrParser>(ctx);
}

constexpr FormatSample kIisSamples[] = {
    // [verbatim, plaso iis10.log] FORMATS.md §7.1, IIS 10 default columns.
    {.text = "2021-04-01 00:00:21 111.111.111.111 GET /foo/bar/baz.asp - 80 - 222.222.222.222 "
             "Mozilla/5.0+(Windows+NT+5.1)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/"
             "35.0.2309.372+Safari/537.36 http://111.111.111.111/ 200 0 0 65",
     .ts = "2021-04-01T00:00:21.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "111.111.111.111 GET /foo/bar/baz.asp - 80 - 222.222.222.222 "
                "Mozilla/5.0+(Windows+NT+5.1)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/"
                "35.0.2309.372+Safari/537.36 http://111.111.111.111/ 200 0 0 65",
     .src_ip = "222.222.222.222",
     .dst_ip = "111.111.111.111",
     .dst_port = 80,
     .attrs = R"({"status":200,"duration_ms":65})"},
    // A download the client dropped: ERROR_NETNAME_DELETED after 94 s.
    {.text = "2024-03-01 10:15:02 10.0.0.5 GET /files/big.zip - 443 - 198.51.100.23 "
             "curl/8.4.0 - 200 0 64 94012",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "10.0.0.5 GET /files/big.zip - 443 - 198.51.100.23 curl/8.4.0 - 200 0 64 94012",
     .kind = "client_abort",
     .src_ip = "198.51.100.23",
     .dst_ip = "10.0.0.5",
     .dst_port = 443,
     .attrs = R"({"status":200,"reason":"64","duration_ms":94012})"},
    // IIS 7.5 default columns (no cs(Referer)), ERROR_CONNECTION_ABORTED.
    {.text = "2024-03-01 10:15:07 10.0.0.5 POST /api/orders - 80 - 203.0.113.9 "
             "Mozilla/5.0+(Windows+NT+10.0) 200 0 1236 30250",
     .ts = "2024-03-01T10:15:07.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "10.0.0.5 POST /api/orders - 80 - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0) "
                "200 0 1236 30250",
     .kind = "client_abort",
     .src_ip = "203.0.113.9",
     .dst_ip = "10.0.0.5",
     .dst_port = 80,
     .attrs = R"({"status":200,"reason":"1236","duration_ms":30250})"},
    // A server error with another win32 status is not a client abort.
    {.text = "2024-03-01 10:16:00 10.0.0.5 GET /health - 80 - 10.0.0.9 kube-probe/1.29 - 500 "
             "19 5 15",
     .ts = "2024-03-01T10:16:00.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "10.0.0.5 GET /health - 80 - 10.0.0.9 kube-probe/1.29 - 500 19 5 15",
     .src_ip = "10.0.0.9",
     .dst_ip = "10.0.0.5",
     .dst_port = 80,
     .attrs = R"({"status":500,"reason":"5","duration_ms":15})"},
};

constexpr FormatSample kHttpErrSamples[] = {
    // [verbatim, LogJoint test] FORMATS.md §7.2.
    {.text = "2011-12-08 06:06:19 192.168.150.1 2774 192.168.150.122 2869 HTTP/1.1 NOTIFY "
             "/upnp/eventing/gerpeyxyas - - Connection_Abandoned_By_ReqQueue -",
     .ts = "2011-12-08T06:06:19.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "192.168.150.1 2774 192.168.150.122 2869 HTTP/1.1 NOTIFY "
                "/upnp/eventing/gerpeyxyas - - Connection_Abandoned_By_ReqQueue -",
     .src_ip = "192.168.150.1",
     .src_port = 2774,
     .dst_ip = "192.168.150.122",
     .dst_port = 2869,
     .attrs = R"({"proto":"tcp","reason":"Connection_Abandoned_By_ReqQueue"})"},
    // [verbatim, same source] IPv6 with %scope.
    {.text = "2012-02-06 13:31:17 2001:4898:0:fff:0:5efe:10.164.167.30%0 54697 "
             "2001:4898:0:fff:0:5efe:10.85.220.4%0 80 - - - - - Timer_ConnectionIdle -",
     .ts = "2012-02-06T13:31:17.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "2001:4898:0:fff:0:5efe:10.164.167.30%0 54697 "
                "2001:4898:0:fff:0:5efe:10.85.220.4%0 80 - - - - - Timer_ConnectionIdle -",
     .kind = "idle_timeout",
     .src_ip = "2001:4898:0:fff:0:5efe:10.164.167.30",
     .src_port = 54697,
     .dst_ip = "2001:4898:0:fff:0:5efe:10.85.220.4",
     .dst_port = 80,
     .attrs = R"({"proto":"tcp","reason":"Timer_ConnectionIdle"})"},
    // [verbatim, Perl collector comment] 503 from an offline application.
    {.text = "2011-02-25 11:18:33 119.188.13.68 4010 61.172.251.22 4387 HTTP/1.1 GET "
             "/Protect/SessionSvrDispatch.asp?type=89&area=9&server=4 503 447434323 AppOffline "
             "DefaultAppPool",
     .ts = "2011-02-25T11:18:33.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "119.188.13.68 4010 61.172.251.22 4387 HTTP/1.1 GET "
                "/Protect/SessionSvrDispatch.asp?type=89&area=9&server=4 503 447434323 "
                "AppOffline DefaultAppPool",
     .kind = "stop",
     .src_ip = "119.188.13.68",
     .src_port = 4010,
     .dst_ip = "61.172.251.22",
     .dst_port = 4387,
     .attrs = R"({"proto":"tcp","status":503,"reason":"AppOffline","queue":"DefaultAppPool"})"},
    // [verbatim, plaso] newest column set (streamid, transport, fault codes).
    {.text = "2026-10-07 12:24:54 127.0.0.1 54517 127.0.0.1 8123 HTTP/1.1 GET /test'XOR(1)*! - - "
             "400 - Hostname - TCP - -",
     .ts = "2026-10-07T12:24:54.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "127.0.0.1 54517 127.0.0.1 8123 HTTP/1.1 GET /test'XOR(1)*! - - 400 - Hostname "
                "- TCP - -",
     .src_ip = "127.0.0.1",
     .src_port = 54517,
     .dst_ip = "127.0.0.1",
     .dst_port = 8123,
     .attrs = R"({"proto":"tcp","status":400,"reason":"Hostname"})"},
    // The worker process of the pool died with requests in flight.
    {.text = "2024-03-01 10:15:02 203.0.113.9 51544 10.0.0.5 443 HTTP/1.1 POST /api/orders - 1 "
             "Connection_Abandoned_By_AppPool OrdersPool",
     .ts = "2024-03-01T10:15:02.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "203.0.113.9 51544 10.0.0.5 443 HTTP/1.1 POST /api/orders - 1 "
                "Connection_Abandoned_By_AppPool OrdersPool",
     .kind = "crash",
     .src_ip = "203.0.113.9",
     .src_port = 51544,
     .dst_ip = "10.0.0.5",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","reason":"Connection_Abandoned_By_AppPool","queue":"OrdersPool"})"},
    {.text = "2024-03-01 10:15:03 203.0.113.9 51550 10.0.0.5 443 HTTP/1.1 GET /api/slow - 1 "
             "Connection_Dropped OrdersPool",
     .ts = "2024-03-01T10:15:03.000000Z",
     .host = "",
     .process = "",
     .pid = -1,
     .severity = "",
     .message = "203.0.113.9 51550 10.0.0.5 443 HTTP/1.1 GET /api/slow - 1 Connection_Dropped "
                "OrdersPool",
     .kind = "client_abort",
     .src_ip = "203.0.113.9",
     .src_port = 51550,
     .dst_ip = "10.0.0.5",
     .dst_port = 443,
     .attrs = R"({"proto":"tcp","reason":"Connection_Dropped","queue":"OrdersPool"})"},
};

}  // namespace

const FormatInfo kIisW3cFormat = {
    .name = "iis_w3c",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "IIS W3C Extended access log (u_ex*.log), UTC, columns from #Fields",
    .signature =
        "#Software: Microsoft Internet Information Services / #Fields: with cs-method "
        "or sc-status, rows by those columns",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeIis,
    .samples = kIisSamples,
};

const FormatInfo kHttpErrFormat = {
    .name = "httperr",
    .family = Family::kServer,
    .default_role = base::Role::kServer,
    .description = "HTTP.sys error log (HTTPERR\\httperr*.log), UTC, client and server ip:port",
    .signature = "#Software: Microsoft HTTP API / #Fields: with s-reason, rows by those columns",
    .priority = 30,
    .continuation = Continuation::kNone,
    .make_parser = &MakeHttpErr,
    .samples = kHttpErrSamples,
};

}  // namespace rstscope::parsers
