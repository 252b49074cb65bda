// AWS VPC Flow Logs (FORMATS.md §8.5), space-separated records of one
// aggregation window each. The default (version 2) layout is
//
//   version account-id interface-id srcaddr dstaddr srcport dstport protocol
//   packets bytes start end action log-status
//
// Custom formats name their fields in a header line of the same names
// ("version srcaddr dstaddr ... tcp-flags ..."), consumed as a directive;
// the columns then follow it. `start` and `end` are epoch seconds; the
// record's time is `end`, its duration end - start. "-" is an empty value;
// NODATA and SKIPDATA records carry no flow. tcp-flags is the OR of the
// flags seen in the window: bit 4 is RST.
#include <cstdio>

#include "base/strings.h"
#include "parsers/formats/formats.h"

namespace rstscope::parsers {
namespace {

constexpr int kMaxColumns = 40;
constexpr size_t kNumberBuffer = 24;

enum Column : int8_t {
  kColOther = 0,
  kColVersion,
  kColInterface,
  kColSrcAddr,
  kColDstAddr,
  kColSrcPort,
  kColDstPort,
  kColProtocol,
  kColPackets,
  kColBytes,
  kColStart,
  kColEnd,
  kColAction,
  kColLogStatus,
  kColTcpFlags,
  kColFlowDirection,
  kColCount,
};

// Field names of the AWS "Available fields" table; kColOther for those kept
// only in the message. Unknown names make a line not a header.
bool ColumnFromName(std::string_view name, Column* c) {
  struct Entry {
    std::string_view name;
    Column column;
  };
  static constexpr Entry kNames[] = {
      {"version", kColVersion},
      {"account-id", kColOther},
      {"interface-id", kColInterface},
      {"srcaddr", kColSrcAddr},
      {"dstaddr", kColDstAddr},
      {"srcport", kColSrcPort},
      {"dstport", kColDstPort},
      {"protocol", kColProtocol},
      {"packets", kColPackets},
      {"bytes", kColBytes},
      {"start", kColStart},
      {"end", kColEnd},
      {"action", kColAction},
      {"log-status", kColLogStatus},
      {"vpc-id", kColOther},
      {"subnet-id", kColOther},
      {"instance-id", kColOther},
      {"tcp-flags", kColTcpFlags},
      {"type", kColOther},
      {"pkt-srcaddr", kColOther},
      {"pkt-dstaddr", kColOther},
      {"region", kColOther},
      {"az-id", kColOther},
      {"sublocation-type", kColOther},
      {"sublocation-id", kColOther},
      {"pkt-src-aws-service", kColOther},
      {"pkt-dst-aws-service", kColOther},
      {"flow-direction", kColFlowDirection},
      {"traffic-path", kColOther},
      {"ecs-cluster-arn", kColOther},
      {"ecs-cluster-name", kColOther},
      {"ecs-container-instance-arn", kColOther},
      {"ecs-container-instance-id", kColOther},
      {"ecs-container-id", kColOther},
      {"ecs-second-container-id", kColOther},
      {"ecs-service-name", kColOther},
      {"ecs-task-definition-arn", kColOther},
      {"ecs-task-arn", kColOther},
      {"ecs-task-id", kColOther},
      {"reject-reason", kColOther},
  };
  for (const Entry& e : kNames) {
    if (e.name == name) {
      *c = e.column;
      return true;
    }
  }
  return false;
}

constexpr std::string_view kDefaultFields =
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
    "start end action log-status";

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!base::IsDigit(c)) return false;
  }
  return true;
}

int64_t NumberOf(std::string_view s) {
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// IANA protocol numbers the correlation names.
std::string_view ProtoName(std::string_view n) {
  if (n == "6") return "tcp";
  if (n == "17") return "udp";
  if (n == "1") return "icmp";
  if (n == "58") return "icmpv6";
  return n;
}

class VpcFlowParser final : public LineParser {
 public:
  explicit VpcFlowParser(const SourceContext& /*ctx*/) { SetFields(kDefaultFields); }

  bool ConsumeDirective(std::string_view line) override {
    if (!base::StartsWith(line, "version ") && !base::StartsWith(line, "account-id ") &&
        !base::StartsWith(line, "interface-id ") && !base::StartsWith(line, "srcaddr ")) {
      return false;
    }
    // Every word must be a field name, else it is not a header.
    size_t pos = 0;
    while (pos < line.size()) {
      size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      Column c;
      if (!ColumnFromName(line.substr(pos, end - pos), &c)) return false;
      pos = end + 1;
    }
    SetFields(line);
    return true;
  }

  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    std::string_view v[kColCount];
    int n = 0;
    size_t pos = 0;
    while (pos < line.size()) {
      size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      if (n == ncolumns_) return ParseOutcome::NotThisFormat(1, "more columns than the header");
      const Column c = columns_[n++];
      if (c != kColOther) v[c] = line.substr(pos, end - pos);
      pos = end + 1;
    }
    if (n != ncolumns_) return ParseOutcome::NotThisFormat(1, "fewer columns than the header");
    const std::string_view end_s = v[kColEnd], start_s = v[kColStart];
    const std::string_view action = v[kColAction], status = v[kColLogStatus];
    if (!IsNumber(end_s) || end_s.size() < 9 || end_s.size() > 11) {
      return ParseOutcome::NotThisFormat(ColumnOf(line, end_s), "no epoch-seconds end");
    }
    if (!v[kColVersion].empty() && !IsNumber(v[kColVersion])) {
      return ParseOutcome::NotThisFormat(1, "no version number");
    }
    if (action != "ACCEPT" && action != "REJECT" && action != "-") {
      return ParseOutcome::NotThisFormat(ColumnOf(line, action), "no ACCEPT/REJECT action");
    }
    if (!status.empty() && status != "OK" && status != "NODATA" && status != "SKIPDATA") {
      return ParseOutcome::NotThisFormat(ColumnOf(line, status), "no log status");
    }
    const std::string_view src = Dash(v[kColSrcAddr]), dst = Dash(v[kColDstAddr]);
    if ((!src.empty() && !base::IsIp(src)) || (!dst.empty() && !base::IsIp(dst))) {
      return ParseOutcome::Malformed(ColumnOf(line, v[kColSrcAddr]), "bad address");
    }
    const std::string_view sport = Dash(v[kColSrcPort]), dport = Dash(v[kColDstPort]);
    if ((!sport.empty() && (!IsNumber(sport) || NumberOf(sport) > 65535)) ||
        (!dport.empty() && (!IsNumber(dport) || NumberOf(dport) > 65535))) {
      return ParseOutcome::Malformed(ColumnOf(line, v[kColSrcPort]), "bad port");
    }
    const int64_t end_epoch = NumberOf(end_s);
    out->ts_us = end_epoch * 1000000;
    out->has_ts = true;
    out->src_ip = src;
    out->dst_ip = dst;
    out->src_port = sport.empty() ? -1 : static_cast<int32_t>(NumberOf(sport));
    out->dst_port = dport.empty() ? -1 : static_cast<int32_t>(NumberOf(dport));
    out->msg_offset = 0;

    const std::string_view proto = Dash(v[kColProtocol]);
    if (!proto.empty()) out->AddAttr("proto", ProtoName(proto));
    if (action == "ACCEPT") out->AddAttr("action", "accept");
    if (action == "REJECT") out->AddAttr("action", "reject");
    if (IsNumber(v[kColBytes])) out->AddAttr("bytes", v[kColBytes], true);
    if (IsNumber(v[kColPackets])) out->AddAttr("packets", v[kColPackets], true);
    if (IsNumber(start_s) && NumberOf(start_s) <= end_epoch) {
      const int len = std::snprintf(number_, kNumberBuffer, "%lld",
                                    static_cast<long long>((end_epoch - NumberOf(start_s)) * 1000));
      out->AddAttr("duration_ms", std::string_view(number_, static_cast<size_t>(len)), true);
    }
    const std::string_view flags = Dash(v[kColTcpFlags]);
    if (IsNumber(flags)) out->AddAttr("tcp_flags", flags, true);
    if (!Dash(v[kColInterface]).empty()) out->AddAttr("interface_id", v[kColInterface]);
    if (!Dash(v[kColFlowDirection]).empty()) out->AddAttr("direction", v[kColFlowDirection]);
    if (!status.empty()) out->AddAttr("log_status", status);

    if (IsNumber(flags) && (NumberOf(flags) & 4) != 0) {
      out->kind = base::Kind::kFwReset;
      out->rule = "vpc_flow_rst";
    } else if (action == "REJECT") {
      out->kind = base::Kind::kFwDeny;
      out->rule = "vpc_flow_reject";
    }
    return ParseOutcome::Parsed();
  }

 private:
  static std::string_view Dash(std::string_view s) { return s == "-" ? std::string_view() : s; }
  static uint32_t ColumnOf(std::string_view line, std::string_view field) {
    if (field.empty()) return 0;
    return static_cast<uint32_t>(field.data() - line.data() + 1);
  }

  void SetFields(std::string_view names) {
    ncolumns_ = 0;
    size_t pos = 0;
    while (pos < names.size() && ncolumns_ < kMaxColumns) {
      size_t end = names.find(' ', pos);
      if (end == std::string_view::npos) end = names.size();
      Column c = kColOther;
      if (end > pos) {
        ColumnFromName(names.substr(pos, end - pos), &c);
        columns_[ncolumns_++] = c;
      }
      pos = end + 1;
    }
  }

  Column columns_[kMaxColumns] = {};
  int ncolumns_ = 0;
  char number_[kNumberBuffer] = {};
};

std::unique_ptr<LineParser> MakeVpcFlow(const SourceContext& ctx) {
  return std::make_unique<VpcFlowParser>(ctx);
}

constexpr FormatSample kVpcFlowSamples[] = {
    // [verbatim] AWS "Flow log record examples": accepted SSH traffic.
    {.text = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 "
             "1418530010 1418530070 ACCEPT OK",
     .ts = "2014-12-14T04:07:50.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 "
                "4249 1418530010 1418530070 ACCEPT OK",
     .src_ip = "172.31.16.139",
     .src_port = 20641,
     .dst_ip = "172.31.16.21",
     .dst_port = 22,
     .attrs = R"({"proto":"tcp","action":"accept","bytes":4249,"packets":20,)"
              R"("duration_ms":60000,"interface_id":"eni-1235b8ca123456789","log_status":"OK"})"},
    // [verbatim] AWS: rejected RDP traffic.
    {.text = "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 "
             "1418530010 1418530070 REJECT OK",
     .ts = "2014-12-14T04:07:50.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 "
                "4249 1418530010 1418530070 REJECT OK",
     .kind = "fw_deny",
     .src_ip = "172.31.9.69",
     .src_port = 49761,
     .dst_ip = "172.31.9.12",
     .dst_port = 3389,
     .attrs = R"({"proto":"tcp","action":"reject","bytes":4249,"packets":20,)"
              R"("duration_ms":60000,"interface_id":"eni-1235b8ca123456789","log_status":"OK"})"},
    // [verbatim] AWS: no data in the window.
    {.text = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
     .ts = "2015-05-10T18:02:14.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - "
                "NODATA",
     .attrs = R"({"duration_ms":58000,"interface_id":"eni-1235b8ca123456789",)"
              R"("log_status":"NODATA"})"},
    // [from-format] accepted UDP (protocol 17) in a one-minute window.
    {.text = "2 123456789010 eni-0f1e2d3c4b5a69788 10.0.1.5 10.0.2.9 51234 53 17 3 300 "
             "1709287000 1709287060 ACCEPT OK",
     .ts = "2024-03-01T09:57:40.000000Z",
     .host = "",
     .process = "",
     .severity = "",
     .message = "2 123456789010 eni-0f1e2d3c4b5a69788 10.0.1.5 10.0.2.9 51234 53 17 3 300 "
                "1709287000 1709287060 ACCEPT OK",
     .src_ip = "10.0.1.5",
     .src_port = 51234,
     .dst_ip = "10.0.2.9",
     .dst_port = 53,
     .attrs = R"({"proto":"udp","action":"accept","bytes":300,"packets":3,)"
              R"("duration_ms":60000,"interface_id":"eni-0f1e2d3c4b5a69788","log_status":"OK"})"},
};

}  // namespace

extern const FormatInfo kAwsVpcFlowFormat;
const FormatInfo kAwsVpcFlowFormat = {
    .name = "aws_vpc_flow",
    .family = Family::kFirewall,
    .default_role = base::Role::kFirewall,
    .description = "AWS VPC Flow Logs, default v2 layout or a custom one named by a header line",
    .signature =
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
        "packets bytes start end ACCEPT|REJECT OK|NODATA|SKIPDATA",
    .priority = 35,
    .continuation = Continuation::kNone,
    .make_parser = &MakeVpcFlow,
    .samples = kVpcFlowSamples,
};

}  // namespace rstscope::parsers
