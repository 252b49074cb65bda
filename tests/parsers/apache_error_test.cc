// Edge cases of apache_error beyond its format samples.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

class ApacheErrorTest : public ::testing::Test {
 protected:
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const { return line_.substr(parsed_.msg_offset); }

  std::unique_ptr<LineParser> parser_ = kApacheErrorFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(ApacheErrorTest, ModuleTidAndCodeAttributes) {
  ASSERT_EQ(Parse("[Mon Nov 16 08:47:16.133532 2020] [proxy_fcgi:error] [pid 164:tid "
                  "140137686042368] (104)Connection reset by peer: [client 10.33.206.158:27451] "
                  "AH01075: Error dispatching request to :"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("module"), "proxy_fcgi");
  EXPECT_EQ(parsed_.FindAttr("tid"), "140137686042368");
  EXPECT_EQ(parsed_.FindAttr("code"), "AH01075");
  EXPECT_EQ(parsed_.pid, 164);
  EXPECT_EQ(parsed_.ts_us, base::CivilToUnixSeconds(2020, 11, 16, 8, 47, 16) * 1000000 + 133532);
  EXPECT_NE(parsed_.flags & base::kFlagTzAssumed, 0);
}

TEST_F(ApacheErrorTest, RemoteIsTheBackend) {
  ASSERT_EQ(Parse("[Tue Feb 24 23:01:15.801234 2026] [proxy_http:error] [pid 1111:tid 1403] "
                  "(70014)End of file found: [remote 10.0.0.21:8080] AH01102: error reading status "
                  "line from remote server 10.0.0.21:8080"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.dst_ip, "10.0.0.21");
  EXPECT_EQ(parsed_.dst_port, 8080);
  EXPECT_EQ(parsed_.src_ip, "");
  EXPECT_EQ(parsed_.FindAttr("code"), "AH01102");
  EXPECT_EQ(Message(),
            "(70014)End of file found: [remote 10.0.0.21:8080] AH01102: error reading "
            "status line from remote server 10.0.0.21:8080");
}

TEST_F(ApacheErrorTest, Ipv6ClientWithPort) {
  ASSERT_EQ(Parse("[Tue Feb 24 23:01:15.801234 2026] [core:info] [pid 1111] [client "
                  "2001:db8::7:51514] AH00128: File does not exist: /var/www/x"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "2001:db8::7");
  EXPECT_EQ(parsed_.src_port, 51514);
  EXPECT_EQ(parsed_.severity, base::Severity::kInfo);
}

TEST_F(ApacheErrorTest, WindowsStatusPrefix) {
  ASSERT_EQ(Parse("[Tue Feb 24 23:01:15.801234 2026] [proxy:error] [pid 4242:tid 1888] (OS "
                  "10054)An existing connection was forcibly closed by the remote host.  : "
                  "[client 192.0.2.8:50112] AH01084: pass request body failed"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "192.0.2.8");
  EXPECT_EQ(parsed_.src_port, 50112);
  EXPECT_EQ(Message().substr(0, 9), "(OS 10054");
}

TEST_F(ApacheErrorTest, EmptyModuleAndTraceLevels) {
  ASSERT_EQ(Parse("[Tue Feb 24 23:01:15.801234 2026] [:error] [pid 77] [client 192.0.2.8:1] PHP "
                  "Fatal error:  Allowed memory size exhausted"),
            ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.FindAttr("module").has_value());
  EXPECT_EQ(parsed_.severity, base::Severity::kError);
  ASSERT_EQ(
      Parse("[Tue Feb 24 23:01:15.801234 2026] [ssl:trace3] [pid 77] ssl_engine_io.c(2135): x"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kDebug);
  ASSERT_EQ(Parse("[Tue Feb 24 23:01:15.801234 2026] [mpm_event:warn] [pid 77:tid 1] AH00484: "
                  "server reached MaxRequestWorkers setting"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
}

TEST_F(ApacheErrorTest, Apache22LayoutHasNoPid) {
  ASSERT_EQ(Parse("[Thu Jan 17 02:42:49 2013] [error] [client 192.0.2.44] client denied by server "
                  "configuration: /var/www/private"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.pid, -1);
  EXPECT_EQ(parsed_.src_ip, "192.0.2.44");
  EXPECT_EQ(parsed_.src_port, -1);
  EXPECT_EQ(parsed_.nattrs, 0);
  EXPECT_EQ(Message(),
            "[client 192.0.2.44] client denied by server configuration: /var/www/private");
}

TEST_F(ApacheErrorTest, BrokenPidIsMalformed) {
  EXPECT_EQ(Parse("[Thu Jan 17 02:42:49 2013] [core:error] [pid x] y"), ParseStatus::kMalformed);
  EXPECT_EQ(Parse("[Thu Jan 17 02:42:49 2013] [core:error] [pid 12:tid ] y"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("[Thu Jan 17 02:42:49 2013] [core:error] [pid 12 y"), ParseStatus::kMalformed);
}

TEST_F(ApacheErrorTest, RejectsLinesOfOtherShapes) {
  EXPECT_EQ(Parse("[Thu May  9 14:52:38 2024] nf_conntrack: table full, dropping packet"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("[Thu May  9 14:52:38 2024] [UFW BLOCK] IN=eth0 OUT="),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("[Thu May  9 14:52:38 2024] [core:loud] x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024/03/01 10:15:02 [error] 7#7: x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("[2024-03-01 10:15:02] [error] x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse(" [Thu Jan 17 02:42:49 2013] [error] x"), ParseStatus::kNotThisFormat);
}

TEST(ApacheErrorSniffTest, PicksApacheError) {
  const std::vector<std::string_view> lines = {
      "[Tue Apr 04 06:18:29.712806 2017] [mpm_prefork:notice] [pid 17725] AH00163: Apache/2.4.23 "
      "(Unix) configured -- resuming normal operations",
      "[Tue Apr 04 06:18:29.712901 2017] [core:notice] [pid 17725] AH00094: Command line: "
      "'/usr/sbin/httpd'",
      "[Tue Apr 04 06:20:01.000123 2017] [core:notice] [pid 17725] AH00052: child pid 17801 exit "
      "signal Segmentation fault (11)",
      "[Tue Apr 04 06:21:00.500000 2017] [mpm_prefork:error] [pid 17725] AH00161: server reached "
      "MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kApacheErrorFormat);
}

TEST(ApacheErrorSniffTest, PicksApache22OverDmesg) {
  // The same ctime stamp opens dmesg -T lines.
  const std::vector<std::string_view> lines = {
      "[Thu Jan 17 02:42:49 2013] [notice] caught SIGTERM, shutting down",
      "[Thu Jan 17 02:42:50 2013] [notice] Apache/2.2.22 (Ubuntu) configured -- resuming normal "
      "operations",
      "[Thu Jan 17 02:43:10 2013] [error] [client 192.0.2.44] File does not exist: "
      "/var/www/favicon.ico",
      "[Thu Jan 17 02:44:01 2013] [warn] child process 4242 still did not exit, sending a SIGTERM",
  };
  const SniffResult result = SniffFormat(lines, SampleContext());
  EXPECT_EQ(result.format, &kApacheErrorFormat);
  for (const SniffCandidate& c : result.ranking) {
    if (c.format == &kDmesgFormat) {
      EXPECT_EQ(c.records, 0);
    }
  }
}

}  // namespace
}  // namespace rstscope::parsers
