// Edge cases of the AWS ALB and Classic ELB access logs: each parser takes
// only its own layout, absent targets, unterminated quotes, WebSocket
// types, and detection of each.
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/proxy_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

ParseStatus StatusOf(const FormatInfo& format, std::string_view line) {
  auto parser = format.make_parser(SampleContext());
  ParsedLine p;
  return parser->Parse(line, &p).status;
}

constexpr std::string_view kAlbLine =
    "http 2016-08-10T22:08:42.945958Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 "
    "10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 \"GET http://www.example.com:80/ HTTP/1.1\" "
    "\"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/"
    "my-targets/73e2d6bc24d8a067 \"Root=1-58337262-36d228ad5d99923122bbe354\" - -";
constexpr std::string_view kElbLine =
    "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 "
    "0.000028 0.000041 - - 82 305 \"- - - \" \"-\" - -";

TEST(AwsLbTest, EachParserTakesOnlyItsOwnLayout) {
  EXPECT_EQ(StatusOf(kAwsAlbFormat, kAlbLine), ParseStatus::kParsed);
  EXPECT_EQ(StatusOf(kAwsElbFormat, kAlbLine), ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kAwsElbFormat, kElbLine), ParseStatus::kParsed);
  EXPECT_EQ(StatusOf(kAwsAlbFormat, kElbLine), ParseStatus::kNotThisFormat);
}

TEST(AwsLbTest, RejectsBrokenLines) {
  // Unterminated request.
  EXPECT_EQ(StatusOf(kAwsElbFormat,
                     "2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 "
                     "10.0.0.1:80 0.1 0.1 0.1 200 200 82 305 \"GET / HTTP/1.1"),
            ParseStatus::kNotThisFormat);
  // A local time: ELB times are always UTC.
  EXPECT_EQ(StatusOf(kAwsElbFormat,
                     "2015-05-13T23:39:43.945958 lb 192.168.131.39:2817 "
                     "10.0.0.1:80 0.1 0.1 0.1 200 200 82 305 \"GET / HTTP/1.1\""),
            ParseStatus::kNotThisFormat);
  // Client without a port.
  EXPECT_EQ(StatusOf(kAwsElbFormat,
                     "2015-05-13T23:39:43.945958Z lb 192.168.131.39 "
                     "10.0.0.1:80 0.1 0.1 0.1 200 200 82 305 \"GET / HTTP/1.1\""),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kAwsAlbFormat,
                     "ftp 2016-08-10T22:08:42.945958Z app/x/1 1.2.3.4:1 - 0.0 "
                     "0.0 0.0 200 200 1 1 \"GET / HTTP/1.1\""),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(StatusOf(kAwsAlbFormat, ""), ParseStatus::kNotThisFormat);
}

TEST(AwsLbTest, WebSocketWithoutTargetKeepsNoDestination) {
  auto parser = kAwsAlbFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse("wss 2024-03-01T10:15:02.000000Z app/lb/1 203.0.113.9:5000 - -1 -1 -1 "
                        "503 - 10 0 \"GET https://ws.example.com:443/socket HTTP/1.1\" \"-\"",
                        &p)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.dst_ip, "");
  EXPECT_EQ(p.dst_port, -1);
  EXPECT_EQ(p.FindAttr("upstream"), std::nullopt);
  EXPECT_EQ(p.FindAttr("type"), "wss");
  // A 503 without a target is no reset of a target connection.
  EXPECT_EQ(p.kind, base::Kind::kOther);
}

TEST(AwsLbTest, Elb502WithABackendStatusIsTheBackendsOwnAnswer) {
  auto parser = kAwsElbFormat.make_parser(SampleContext());
  ParsedLine p;
  ASSERT_EQ(parser
                ->Parse("2024-03-01T10:15:02.000200Z lb 203.0.113.9:51231 10.0.0.22:80 0.1 "
                        "0.2 0.1 502 502 0 0 \"GET http://a/ HTTP/1.1\" \"curl\" - -",
                        &p)
                .status,
            ParseStatus::kParsed);
  EXPECT_EQ(p.kind, base::Kind::kOther);
  EXPECT_EQ(p.FindAttr("target_status"), "502");
}

TEST(AwsAlbSniffTest, PicksAwsAlb) {
  std::vector<std::string> owned;
  for (int i = 0; i < 10; ++i) {
    owned.push_back("https 2024-03-01T10:15:0" + std::to_string(i) +
                    ".123456Z app/api-lb/50dc6c495c0c9188 203.0.113." + std::to_string(10 + i) +
                    ":5123" + std::to_string(i) + " 10.0.0.21:8080 0.000 0.00" + std::to_string(i) +
                    " 0.000 " + (i == 4 ? "502 -" : "200 200") +
                    " 250 277 \"GET https://api.example.com:443/v1/orders HTTP/1.1\" "
                    "\"curl/8.5.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                    "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/api/"
                    "73e2d6bc24d8a067 \"Root=1-65e1aa66-0123456789abcdef0123456" +
                    std::to_string(i) + "\" \"api.example.com\" \"-\" 1 " +
                    "2024-03-01T10:15:00.100000Z \"forward\" \"-\" \"-\" \"10.0.0.21:8080\" "
                    "\"200\" \"-\" \"-\"");
  }
  const std::vector<std::string_view> lines(owned.begin(), owned.end());
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kAwsAlbFormat);
}

TEST(AwsElbSniffTest, PicksAwsElb) {
  std::vector<std::string> owned;
  for (int i = 0; i < 10; ++i) {
    owned.push_back("2024-03-01T10:15:0" + std::to_string(i) + ".000100Z my-classic 203.0.113." +
                    std::to_string(10 + i) + ":5123" + std::to_string(i) +
                    " 10.0.0.22:80 0.000040 0.001500 0.000030 " +
                    (i == 6 ? "504 - 0 0" : "200 200 0 512") +
                    " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/8.5.0\" - -");
  }
  const std::vector<std::string_view> lines(owned.begin(), owned.end());
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kAwsElbFormat);
}

}  // namespace
}  // namespace rstscope::parsers
