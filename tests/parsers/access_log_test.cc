// Edge cases of access_log beyond its format samples: attributes, the
// quoted-field tokenizer, status classes, rejections and detection.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/record.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

const Attr* FindAttr(const ParsedLine& p, std::string_view key) {
  for (int i = 0; i < p.nattrs; ++i) {
    if (p.attrs[i].key == key) return &p.attrs[i];
  }
  return nullptr;
}

class AccessLogTest : public ::testing::Test {
 protected:
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const { return line_.substr(parsed_.msg_offset); }

  std::unique_ptr<LineParser> parser_ = kAccessLogFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(AccessLogTest, CombinedFieldsBecomeAttributes) {
  ASSERT_EQ(
      Parse("10.112.72.172 - - [11/Feb/2013:06:43:36 +0000] \"GET /client/?x=1 HTTP/1.1\" 200 "
            "5778 \"-\" \"Mozilla/5.0\""),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("method"), "GET");
  EXPECT_EQ(parsed_.FindAttr("path"), "/client/?x=1");
  const Attr* status = FindAttr(parsed_, "status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->value, "200");
  EXPECT_TRUE(status->is_number);
  const Attr* bytes = FindAttr(parsed_, "bytes");
  ASSERT_NE(bytes, nullptr);
  EXPECT_EQ(bytes->value, "5778");
  EXPECT_TRUE(bytes->is_number);
  EXPECT_FALSE(parsed_.FindAttr("vhost").has_value());
  EXPECT_EQ(parsed_.severity, base::Severity::kInfo);
  EXPECT_EQ(parsed_.flags, 0);
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
}

TEST_F(AccessLogTest, VhostFirst) {
  ASSERT_EQ(Parse("www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:41:07 -0500] \"GET / "
                  "HTTP/1.0\" 200 368 \"-\" \"Mozilla/5.0\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("vhost"), "www.example.com");
  EXPECT_EQ(parsed_.src_ip, "1.2.3.4");
}

TEST_F(AccessLogTest, RemoteHostNameIsNotAnAddress) {
  ASSERT_EQ(Parse("client.example.net - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.0\" 200 368"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "");
  EXPECT_EQ(parsed_.FindAttr("remote_host"), "client.example.net");
}

TEST_F(AccessLogTest, EscapedQuotesAndBackslashesInQuotedFields) {
  // The request ends in an escaped backslash; the quote after it closes.
  ASSERT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET /a\\\"b\\\\\" 404 12 \"-\" "
                  "\"agent \\\"x\\\"\""),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("method"), "GET");
  EXPECT_EQ(parsed_.FindAttr("path"), "/a\\\"b\\\\");
  EXPECT_EQ(parsed_.FindAttr("status"), "404");
  EXPECT_EQ(Message(), "\"GET /a\\\"b\\\\\" 404 12 \"-\" \"agent \\\"x\\\"\"");
}

TEST_F(AccessLogTest, GarbageRequestHasNoMethod) {
  ASSERT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"\\x16\\x03\\x01\\x02\\x00\" 400 "
                  "157 \"-\" \"-\""),
            ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.FindAttr("method").has_value());
  EXPECT_FALSE(parsed_.FindAttr("path").has_value());
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
}

TEST_F(AccessLogTest, SeverityFollowsTheStatusClass) {
  ASSERT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 304 0"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kInfo);
  ASSERT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 404 0"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
  ASSERT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 504 0"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kError);
}

TEST_F(AccessLogTest, Status499IsAClientAbortWhateverTheClassifierSays) {
  constexpr std::string_view kLine =
      "203.0.113.9 - - [01/Mar/2024:10:15:02 +0100] \"POST /v1/orders HTTP/1.1\" 499 0 \"-\" "
      "\"curl/8.5.0\"";
  ASSERT_EQ(Parse(kLine), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.kind, base::Kind::kClientAbort);
  EXPECT_EQ(parsed_.rule, "http_499");
  const FinishedRecord rec = FinishRecord(kLine, parsed_, Classifier::Default());
  EXPECT_EQ(rec.kind, base::Kind::kClientAbort);
  EXPECT_EQ(rec.rule, "http_499");
}

TEST_F(AccessLogTest, TimeWithoutOffsetIsReadInTheSourceZone) {
  SourceContext ctx = SampleContext();
  auto zone = base::Zone::Load("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  ctx.zone = *zone;
  parser_ = kAccessLogFormat.make_parser(ctx);
  ASSERT_EQ(Parse("10.0.0.1 - - [01/Jul/2024:12:00:00] \"GET / HTTP/1.1\" 200 1"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, base::CivilToUnixSeconds(2024, 7, 1, 10, 0, 0) * 1000000);
  EXPECT_NE(parsed_.flags & base::kFlagTzAssumed, 0);
}

TEST_F(AccessLogTest, BrokenRecordsAreMalformed) {
  EXPECT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1 200 1"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" OK 1"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 2000 1"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 200 1k"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("10.0.0.1 - - [10/Feb/2012:16:41:07 -0500] GET / HTTP/1.1 200 1"),
            ParseStatus::kMalformed);
}

TEST_F(AccessLogTest, OtherFormatsAreNotThisFormat) {
  EXPECT_EQ(Parse("Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 "
                  "[06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- "
                  "1/1/1/1/0 0/0 \"GET /index.html HTTP/1.1\""),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("[Tue Apr 04 06:18:29.712806 2017] [mpm_prefork:notice] [pid 17725] AH00163"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [error] 2211#2211: *1 x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("10.0.0.1 - [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 200 1"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("a b c d e [10/Feb/2012:16:41:07 -0500] \"GET / HTTP/1.1\" 200 1"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse(""), ParseStatus::kNotThisFormat);
}

TEST(AccessLogSniffTest, PicksAccessLog) {
  const std::vector<std::string_view> lines = {
      "10.112.72.172 - - [11/Feb/2013:06:43:36 +0000] \"GET /client/ HTTP/1.1\" 200 5778 \"-\" "
      "\"Mozilla/5.0\"",
      "10.112.72.172 - - [11/Feb/2013:06:43:37 +0000] \"GET /client/app.js HTTP/1.1\" 200 91234 "
      "\"http://example.com/client/\" \"Mozilla/5.0\"",
      "203.0.113.9 - - [11/Feb/2013:06:43:40 +0000] \"POST /v1/orders HTTP/1.1\" 499 0 \"-\" "
      "\"curl/8.5.0\"",
      "203.0.113.9 - - [11/Feb/2013:06:43:41 +0000] \"POST /v1/orders HTTP/1.1\" 502 157 \"-\" "
      "\"curl/8.5.0\"",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kAccessLogFormat);
}

}  // namespace
}  // namespace rstscope::parsers
