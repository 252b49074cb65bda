#include "base/strings.h"

#include "gtest/gtest.h"

namespace rstscope::base {
namespace {

TEST(StringsTest, Ipv4NeedsFourPartsUpTo255) {
  EXPECT_TRUE(IsIpv4("10.0.0.21"));
  EXPECT_TRUE(IsIpv4("255.255.255.255"));
  EXPECT_FALSE(IsIpv4("256.0.0.1"));
  EXPECT_FALSE(IsIpv4("10.0.0"));
  EXPECT_FALSE(IsIpv4("10.0.0.1.5"));
  EXPECT_FALSE(IsIpv4("10.0.0.1:80"));
  EXPECT_FALSE(IsIpv4("api01"));
}

TEST(StringsTest, Ipv6Shape) {
  EXPECT_TRUE(IsIpv6("2001:db8::1"));
  EXPECT_TRUE(IsIpv6("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsIpv6("10:20"));
  EXPECT_FALSE(IsIpv6("api01.corp"));
  EXPECT_TRUE(IsIp("::1"));
}

TEST(StringsTest, DurationsInEveryUnit) {
  int64_t us = 0;
  EXPECT_TRUE(ParseDuration("30s", &us));
  EXPECT_EQ(us, 30000000);
  EXPECT_TRUE(ParseDuration("1h30m", &us));
  EXPECT_EQ(us, 5400000000);
  EXPECT_TRUE(ParseDuration("500ms", &us));
  EXPECT_EQ(us, 500000);
  EXPECT_TRUE(ParseDuration("90", &us));
  EXPECT_EQ(us, 90000000);
  EXPECT_FALSE(ParseDuration("1h30", &us));
  EXPECT_FALSE(ParseDuration("5x", &us));
  EXPECT_FALSE(ParseDuration("", &us));
}

TEST(StringsTest, FractionsTruncateToMicroseconds) {
  size_t pos = 0;
  int64_t us = 0;
  EXPECT_TRUE(ParseFractionMicros("123456789", &pos, &us));
  EXPECT_EQ(us, 123456);
  EXPECT_EQ(pos, 9u);
  pos = 0;
  EXPECT_TRUE(ParseFractionMicros("5Z", &pos, &us));
  EXPECT_EQ(us, 500000);
  EXPECT_EQ(pos, 1u);
}

TEST(StringsTest, JsonStringsEscapeControlCharacters) {
  std::string out;
  AppendJsonString("a\"b\\c\nd\x01", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST(StringsTest, JsonStringsKeepRunsAndUtf8AndAppend) {
  std::string out = "x:";
  AppendJsonString("", &out);
  AppendJsonString("plain /v1/orders?id=7", &out);
  AppendJsonString("\tstart and end\r", &out);
  AppendJsonString("\x1f\x7f caf\xc3\xa9 \"q\"", &out);
  EXPECT_EQ(out,
            "x:\"\"\"plain /v1/orders?id=7\"\"\\tstart and end\\r\""
            "\"\\u001f\x7f caf\xc3\xa9 \\\"q\\\"\"");
}

}  // namespace
}  // namespace rstscope::base

namespace rstscope::base {
namespace {

TEST(StringsTest, SplitIpPortTakesThePortAfterTheLastColon) {
  std::string_view ip = "unchanged";
  int32_t port = -7;
  EXPECT_TRUE(SplitIpPort("10.0.0.21:8080", &ip, &port));
  EXPECT_EQ(ip, "10.0.0.21");
  EXPECT_EQ(port, 8080);
  EXPECT_TRUE(SplitIpPort("[2001:db8::1]:443", &ip, &port));
  EXPECT_EQ(ip, "2001:db8::1");
  EXPECT_EQ(port, 443);
  ip = "unchanged";
  port = -7;
  EXPECT_FALSE(SplitIpPort("api01:8080", &ip, &port));
  EXPECT_FALSE(SplitIpPort("10.0.0.21:65536", &ip, &port));
  EXPECT_FALSE(SplitIpPort("10.0.0.21:", &ip, &port));
  EXPECT_FALSE(SplitIpPort("10.0.0.21:80x", &ip, &port));
  EXPECT_EQ(ip, "unchanged");
  EXPECT_EQ(port, -7);
}

}  // namespace
}  // namespace rstscope::base
