// Edge cases of nginx_error beyond its format samples: the ", client: ..."
// tail, upstreams that are not addresses, rejections and detection.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

class NginxErrorTest : public ::testing::Test {
 protected:
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const { return line_.substr(parsed_.msg_offset); }

  std::unique_ptr<LineParser> parser_ = kNginxErrorFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(NginxErrorTest, TailFieldsBecomeAttributes) {
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 2211#2211: *90312 recv() failed (104: Connection "
                  "reset by peer) while reading response header from upstream, client: 10.1.2.3, "
                  "server: api.example.com, request: \"POST /v1/orders HTTP/1.1\", upstream: "
                  "\"http://10.0.0.21:8080/v1/orders\", host: \"api.example.com\", referrer: "
                  "\"https://shop.example.com/\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("conn_id"), "90312");
  EXPECT_EQ(parsed_.FindAttr("server"), "api.example.com");
  EXPECT_EQ(parsed_.FindAttr("request"), "POST /v1/orders HTTP/1.1");
  EXPECT_EQ(parsed_.FindAttr("upstream"), "http://10.0.0.21:8080/v1/orders");
  EXPECT_EQ(parsed_.FindAttr("host"), "api.example.com");
  EXPECT_EQ(parsed_.nattrs, 5);
  EXPECT_EQ(parsed_.src_ip, "10.1.2.3");
  EXPECT_EQ(parsed_.src_port, -1);
  EXPECT_EQ(parsed_.dst_ip, "10.0.0.21");
  EXPECT_EQ(parsed_.dst_port, 8080);
}

TEST_F(NginxErrorTest, OnlyFieldsPresentAreSet) {
  ASSERT_EQ(Parse("2024/03/01 10:15:05 [info] 2211#2211: *90320 client prematurely closed "
                  "connection while reading client request line, client: 10.1.2.3, server: "
                  "api.example.com"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("conn_id"), "90320");
  EXPECT_EQ(parsed_.FindAttr("server"), "api.example.com");
  EXPECT_FALSE(parsed_.FindAttr("request").has_value());
  EXPECT_FALSE(parsed_.FindAttr("upstream").has_value());
  EXPECT_FALSE(parsed_.FindAttr("host").has_value());
  EXPECT_EQ(parsed_.dst_ip, "");
  EXPECT_EQ(parsed_.dst_port, -1);
}

TEST_F(NginxErrorTest, QuotesInsideTheRequestLine) {
  // nginx logs the request line unescaped: a quote inside it does not end
  // the value.
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *1 upstream prematurely closed connection "
                  "while reading response header from upstream, client: 10.1.2.3, server: _, "
                  "request: \"GET /search?q=\"reset\" HTTP/1.1\", upstream: "
                  "\"http://10.0.0.21:8080/search?q=\"reset\"\", host: \"h\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("request"), "GET /search?q=\"reset\" HTTP/1.1");
  EXPECT_EQ(parsed_.FindAttr("upstream"), "http://10.0.0.21:8080/search?q=\"reset\"");
  EXPECT_EQ(parsed_.dst_ip, "10.0.0.21");
  EXPECT_EQ(parsed_.FindAttr("host"), "h");
}

TEST_F(NginxErrorTest, FakeTailFieldsOutOfOrderAreValueText) {
  // A client cannot put an address into the tail by writing a key that
  // nginx has already written: keys come in a fixed order, once each.
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *1 upstream prematurely closed connection "
                  "while reading response header from upstream, client: 10.1.2.3, server: _, "
                  "request: \"GET /q?a=\", client: \"6.6.6.6 HTTP/1.1\", upstream: "
                  "\"http://10.0.0.21:8080/q\", host: \"h\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "10.1.2.3");
  EXPECT_EQ(parsed_.FindAttr("request"), "GET /q?a=\", client: \"6.6.6.6 HTTP/1.1");
  EXPECT_EQ(parsed_.dst_ip, "10.0.0.21");
}

TEST_F(NginxErrorTest, ClientWordsInsideTheMessage) {
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *1 rejected, client: said no, really, client: "
                  "10.1.2.3, server: _"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "10.1.2.3");
  EXPECT_EQ(parsed_.FindAttr("server"), "_");
}

TEST_F(NginxErrorTest, TruncatedTail) {
  // Messages are cut at NGX_MAX_ERROR_STR (2048 bytes).
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *1 upstream timed out (110: Connection timed "
                  "out) while reading response header from upstream, client: 10.1.2.3, server: _, "
                  "request: \"GET /very/long/pa"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("request"), "GET /very/long/pa");
  EXPECT_EQ(parsed_.src_ip, "10.1.2.3");
}

TEST_F(NginxErrorTest, UpstreamsThatAreNotAddresses) {
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [crit] 7#7: *5 connect() to unix:/run/php/php8.2-fpm.sock "
                  "failed (2: No such file or directory) while connecting to upstream, client: "
                  "10.1.2.3, server: _, request: \"GET / HTTP/1.1\", upstream: "
                  "\"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"h\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("upstream"), "fastcgi://unix:/run/php/php8.2-fpm.sock:");
  EXPECT_EQ(parsed_.dst_ip, "");
  EXPECT_EQ(parsed_.dst_port, -1);
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *6 no live upstreams while connecting to "
                  "upstream, client: 10.1.2.3, server: _, request: \"GET / HTTP/1.1\", upstream: "
                  "\"http://backend/\", host: \"h\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.dst_ip, "");
}

TEST_F(NginxErrorTest, ClientThatIsNotAnAddress) {
  ASSERT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: *6 open() \"/x\" failed (2: No such file or "
                  "directory), client: unix:, server: _"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "");
  EXPECT_EQ(parsed_.FindAttr("server"), "_");
}

TEST_F(NginxErrorTest, MessageWithoutConnection) {
  ASSERT_EQ(
      Parse("2024/03/01 10:14:59 [notice] 2200#0: signal 15 (SIGTERM) received from 1, exiting"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "signal 15 (SIGTERM) received from 1, exiting");
  EXPECT_EQ(parsed_.pid, 2200);
  EXPECT_EQ(parsed_.severity, base::Severity::kNotice);
  EXPECT_EQ(parsed_.nattrs, 0);
  ASSERT_EQ(Parse("2024/03/01 10:14:59 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address "
                  "already in use)"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kEmergency);
  ASSERT_EQ(Parse("2024/03/01 10:14:59 [warn] 1#1: *3 an upstream response is buffered to a "
                  "temporary file"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
  EXPECT_EQ(Message(), "an upstream response is buffered to a temporary file");
}

TEST_F(NginxErrorTest, TimeIsLocalInTheSourceZone) {
  SourceContext ctx = SampleContext();
  auto zone = base::Zone::Load("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  ctx.zone = *zone;
  parser_ = kNginxErrorFormat.make_parser(ctx);
  ASSERT_EQ(Parse("2024/07/01 12:00:00 [error] 7#7: *1 x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 10, 0, 0));
  EXPECT_NE(parsed_.flags & base::kFlagTzAssumed, 0);
}

TEST_F(NginxErrorTest, RejectsLinesOfOtherShapes) {
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [bogus] 7#7: x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [error] 7: x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7 x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [ERROR] 7#7: x"), ParseStatus::kNotThisFormat);
  // A record whose date does not exist is a broken record, not a stranger.
  EXPECT_EQ(Parse("2024/02/30 10:15:02 [error] 7#7: x"), ParseStatus::kMalformed);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 some Go log line"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-03-01 10:15:02 [error] 7#7: x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("  continued"), ParseStatus::kNotThisFormat);
}

TEST(NginxErrorSniffTest, PicksNginxError) {
  const std::vector<std::string_view> lines = {
      "2024/03/01 10:14:58 [notice] 2200#2200: using the \"epoll\" event method",
      "2024/03/01 10:14:58 [notice] 2200#2200: start worker processes",
      "2024/03/01 10:15:02 [error] 2211#2211: *90312 recv() failed (104: Connection reset by "
      "peer) while reading response header from upstream, client: 10.1.2.3, server: "
      "api.example.com, request: \"POST /v1/orders HTTP/1.1\", upstream: "
      "\"http://10.0.0.21:8080/v1/orders\", host: \"api.example.com\"",
      "2024/03/01 10:15:03 [error] 2211#2211: *90313 connect() failed (111: Connection refused) "
      "while connecting to upstream, client: 10.1.2.3, server: api.example.com, request: \"GET "
      "/health HTTP/1.1\", upstream: \"http://10.0.0.21:8080/health\", host: \"api.example.com\"",
      "2024/03/01 10:15:05 [info] 2211#2211: *90320 client prematurely closed connection while "
      "reading client request line, client: 10.1.2.3, server: api.example.com",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kNginxErrorFormat);
}

}  // namespace
}  // namespace rstscope::parsers
