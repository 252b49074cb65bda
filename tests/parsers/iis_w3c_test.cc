// Edge cases of iis_w3c and httperr beyond their format samples: columns
// from #Fields (changing mid-file, several spaces, quoted values, extra
// values), other W3C writers' files, and detection.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "gtest/gtest.h"
#include "parsers/formats/windows_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

class W3cTest : public ::testing::Test {
 protected:
  void Use(const FormatInfo& format) { parser_ = format.make_parser(SampleContext()); }
  bool Directive(std::string_view line) { return parser_->ConsumeDirective(line); }
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const { return line_.substr(parsed_.msg_offset); }

  std::unique_ptr<LineParser> parser_ = kIisW3cFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(W3cTest, IisColumnsComeFromTheLatestFieldsDirective) {
  EXPECT_TRUE(Directive("#Software: Microsoft Internet Information Services 10.0"));
  EXPECT_TRUE(Directive("#Version: 1.0"));
  EXPECT_TRUE(Directive("#Date: 2024-03-01 10:00:00"));
  EXPECT_TRUE(
      Directive("#Fields: date time  s-ip   cs-method cs-uri-stem c-ip  sc-status "
                "sc-win32-status time-taken"));
  ASSERT_EQ(Parse("2024-03-01 10:15:02 10.0.0.5 GET /a 198.51.100.7 200 64 1500"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2));
  EXPECT_EQ(parsed_.flags, 0);  // UTC by definition: no assumed zone
  EXPECT_EQ(parsed_.src_ip, "198.51.100.7");
  EXPECT_EQ(parsed_.dst_ip, "10.0.0.5");
  EXPECT_EQ(parsed_.dst_port, -1);
  EXPECT_EQ(parsed_.kind, base::Kind::kClientAbort);
  EXPECT_EQ(parsed_.rule, "iis_win32_64");
  EXPECT_EQ(parsed_.FindAttr("duration_ms"), "1500");
  EXPECT_EQ(Message(), "10.0.0.5 GET /a 198.51.100.7 200 64 1500");

  // IIS restarted with another field set.
  EXPECT_TRUE(
      Directive("#Fields: date time s-computername s-ip s-port c-ip sc-status "
                "sc-win32-status sc-bytes cs-bytes time-taken"));
  ASSERT_EQ(Parse("2024-03-01 11:00:00 WEB01 10.0.0.5 443 203.0.113.4 200 0 5120 310 12"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.host, "WEB01");
  EXPECT_EQ(parsed_.dst_port, 443);
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
  EXPECT_EQ(parsed_.FindAttr("reason"), std::nullopt);  // win32 status 0
  EXPECT_EQ(parsed_.FindAttr("bytes_out"), "5120");
  EXPECT_EQ(parsed_.FindAttr("bytes_in"), "310");
}

TEST_F(W3cTest, TimeWithoutDateColumnTakesTheDateDirective) {
  EXPECT_TRUE(Directive("#Date: 2024-03-01 00:00:00"));
  EXPECT_TRUE(Directive("#Fields: time c-ip cs-method cs-uri-stem sc-status"));
  ASSERT_EQ(Parse("23:59:59 10.1.2.3 GET /x 404"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 23, 59, 59));
  EXPECT_EQ(Message(), "10.1.2.3 GET /x 404");
}

TEST_F(W3cTest, QuotedValuesAndExtraValuesAreRead) {
  EXPECT_TRUE(Directive("#Fields: date time c-ip cs-method sc-status time-taken"));
  ASSERT_EQ(Parse("\"2024-03-01\" \"10:15:02.250\" \"10.1.2.3\" \"GET\" \"503\" \"7\" \"extra\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2) + 250000);
  EXPECT_EQ(parsed_.src_ip, "10.1.2.3");
  EXPECT_EQ(parsed_.FindAttr("status"), "503");
}

TEST_F(W3cTest, OtherW3cWritersAreNotTaken) {
  EXPECT_FALSE(Directive("#Software: Microsoft Windows Firewall"));
  EXPECT_FALSE(
      Directive("#Fields: date time action protocol src-ip dst-ip src-port dst-port "
                "size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path"));
  EXPECT_EQ(Parse("2024-03-01 10:15:02 DROP TCP 10.0.0.1 10.0.0.2 5000 443 60 S 1 0 64240 - - - "
                  "RECEIVE"),
            ParseStatus::kNotThisFormat);
  // An HTTPERR field list is not IIS's, and the reverse.
  EXPECT_FALSE(
      Directive("#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri "
                "sc-status s-siteid s-reason s-queuename"));
  Use(kHttpErrFormat);
  EXPECT_FALSE(Directive("#Fields: date time s-ip cs-method cs-uri-stem sc-status"));
}

TEST_F(W3cTest, DefaultLayoutsAreCheckedValueByValue) {
  // 14 values, but an HTTPERR row: c-port where IIS has the method.
  EXPECT_EQ(Parse("2024-03-01 10:15:02 203.0.113.9 51544 10.0.0.5 443 HTTP/1.1 GET /x - 400 1 "
                  "BadRequest -"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-03-01 10:15:02 not-an-ip GET /x - 80 - 10.0.0.9 agent 200 0 0 15"),
            ParseStatus::kNotThisFormat);
  Use(kHttpErrFormat);
  // 14 values of an IIS row.
  EXPECT_EQ(Parse("2024-03-01 10:15:07 10.0.0.5 POST /api/orders - 80 - 203.0.113.9 agent 200 0 "
                  "1236 30250"),
            ParseStatus::kNotThisFormat);
}

TEST_F(W3cTest, HttpErrReasonsMapToKinds) {
  Use(kHttpErrFormat);
  EXPECT_TRUE(
      Directive("#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri "
                "sc-status s-siteid s-reason s-queuename"));
  struct Case {
    std::string_view reason;
    std::string_view status;
    base::Kind kind;
  };
  const Case cases[] = {
      {"Client_Reset", "-", base::Kind::kClientAbort},
      {"AppShutdown", "-", base::Kind::kCrash},
      {"Timer_EntityBody", "-", base::Kind::kTimeout},
      {"Timer_MinBytesPerSecond", "-", base::Kind::kTimeout},
      {"QueueFull", "503", base::Kind::kOverload},
      {"ConnLimit", "503", base::Kind::kOverload},
      {"Connection_Dropped_List_Full", "-", base::Kind::kOverload},
      {"N/A", "503", base::Kind::kOverload},
      {"N/A", "400", base::Kind::kOther},
      {"BadRequest", "400", base::Kind::kOther},
  };
  for (const Case& c : cases) {
    const std::string line = "2024-03-01 10:15:02 203.0.113.9 51544 10.0.0.5 443 HTTP/1.1 GET /x " +
                             std::string(c.status) + " 1 " + std::string(c.reason) + " AppPool";
    ASSERT_EQ(Parse(line), ParseStatus::kParsed) << c.reason;
    EXPECT_EQ(parsed_.kind, c.kind) << c.reason;
    EXPECT_EQ(parsed_.FindAttr("reason"), c.reason);
    EXPECT_EQ(parsed_.FindAttr("queue"), "AppPool");
  }
}

TEST_F(W3cTest, HttpErrQuicTransportIsUdp) {
  Use(kHttpErrFormat);
  ASSERT_EQ(Parse("2024-03-01 10:15:02 203.0.113.9 51544 10.0.0.5 443 HTTP/3 GET /x 4 - 400 1 "
                  "BadRequest DefaultAppPool QUIC - -"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("proto"), "udp");
  EXPECT_EQ(parsed_.src_port, 51544);
}

TEST(W3cSniffTest, PicksIisW3c) {
  const std::vector<std::string_view> lines = {
      "#Software: Microsoft Internet Information Services 10.0",
      "#Version: 1.0",
      "#Date: 2024-03-01 10:00:00",
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
      "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
      "2024-03-01 10:00:01 10.0.0.5 GET /health - 80 - 10.0.0.9 kube-probe/1.29 - 200 0 0 3",
      "2024-03-01 10:00:02 10.0.0.5 GET /api/orders id=7 443 - 203.0.113.4 Mozilla/5.0 - 200 0 0 "
      "41",
      "2024-03-01 10:00:03 10.0.0.5 POST /api/orders - 443 - 203.0.113.4 Mozilla/5.0 - 201 0 0 88",
      "2024-03-01 10:00:04 10.0.0.5 GET /files/big.zip - 443 - 198.51.100.23 curl/8.4.0 - 200 0 64 "
      "94012",
      "#Software: Microsoft Internet Information Services 10.0",
      "#Version: 1.0",
      "#Date: 2024-03-01 10:05:00",
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
      "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
      "2024-03-01 10:05:01 10.0.0.5 GET /health - 80 - 10.0.0.9 kube-probe/1.29 - 200 0 0 2",
      "2024-03-01 10:05:02 10.0.0.5 GET /api/orders - 443 - 203.0.113.4 Mozilla/5.0 - 500 0 0 15",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kIisW3cFormat);
}

TEST(W3cSniffTest, PicksHttpErr) {
  const std::vector<std::string_view> lines = {
      "#Software: Microsoft HTTP API 2.0",
      "#Version: 1.0",
      "#Date: 2024-03-01 10:00:00",
      "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status "
      "s-siteid s-reason s-queuename",
      "2024-03-01 10:00:01 203.0.113.9 51544 10.0.0.5 443 - - - - - - Timer_ConnectionIdle -",
      "2024-03-01 10:00:02 203.0.113.9 51545 10.0.0.5 443 HTTP/1.1 GET /x - 503 1 QueueFull "
      "OrdersPool",
      "2024-03-01 10:00:03 203.0.113.9 51546 10.0.0.5 443 HTTP/1.1 GET /y - - 1 Connection_Dropped "
      "OrdersPool",
      "2024-03-01 10:00:04 203.0.113.10 51547 10.0.0.5 443 HTTP/1.1 POST /z - - 1 "
      "Connection_Abandoned_By_AppPool OrdersPool",
      "2024-03-01 10:00:05 203.0.113.11 40000 10.0.0.5 80 HTTP/1.1 GET /bad - 400 - BadRequest -",
      "2024-03-01 10:00:06 203.0.113.11 40001 10.0.0.5 80 - - - - - - Timer_ConnectionIdle -",
      "2024-03-01 10:00:07 203.0.113.11 40002 10.0.0.5 80 - - - - - - Timer_ConnectionIdle -",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kHttpErrFormat);
}

}  // namespace
}  // namespace rstscope::parsers
