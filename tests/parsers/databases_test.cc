// Edge cases of postgresql, mysql_error and redis beyond their format
// samples: zones, prefixes, levels, rejections and detection.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

class DatabaseLogTest : public ::testing::Test {
 protected:
  void Use(const FormatInfo& format) { parser_ = format.make_parser(SampleContext()); }
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const { return line_.substr(parsed_.msg_offset); }

  std::unique_ptr<LineParser> parser_ = kPostgresFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(DatabaseLogTest, PostgresZoneAbbreviationsAndNumericZones) {
  ASSERT_EQ(Parse("2024-07-01 12:00:00 CEST [5] LOG:  x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 10, 0, 0));
  EXPECT_EQ(parsed_.flags & base::kFlagTzAssumed, 0);
  ASSERT_EQ(Parse("2024-07-01 12:00:00 IST [5] LOG:  x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 6, 30, 0));
  ASSERT_EQ(Parse("2024-07-01 12:00:00 EDT [5] LOG:  x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 16, 0, 0));
  ASSERT_EQ(Parse("2024-07-01 12:00:00 +03 [5] LOG:  x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 9, 0, 0));
  ASSERT_EQ(Parse("2024-07-01 12:00:00 QQQ [5] LOG:  x"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 7, 1, 12, 0, 0));
  EXPECT_EQ(parsed_.flags & base::kFlagTzAssumed, base::kFlagTzAssumed);
}

TEST_F(DatabaseLogTest, PostgresPrefixVariants) {
  ASSERT_EQ(Parse("2024-07-01 12:00:00.001 UTC [77]: [3-1] user=app,db=shop FATAL:  "
                  "terminating connection due to administrator command"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.pid, 77);
  EXPECT_EQ(parsed_.severity, base::Severity::kCritical);
  EXPECT_EQ(Message(), "terminating connection due to administrator command");
  ASSERT_EQ(Parse("2024-07-01 12:00:00 UTC [77] DETAIL:  Failed process was running: SELECT 1"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Failed process was running: SELECT 1");
}

TEST_F(DatabaseLogTest, PostgresRejectsOtherTimestampedLines) {
  EXPECT_EQ(Parse("2024-07-01 12:00:00 UTC [77] no level here"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-07-01 12:00:00 [77] LOG:  x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-07-01T12:00:00Z [77] LOG:  x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-07-01 12:00:00,123 INFO [main] c.e.App - started"),
            ParseStatus::kNotThisFormat);
}

TEST_F(DatabaseLogTest, MysqlLevelsAndRejections) {
  Use(kMysqlErrorFormat);
  ASSERT_EQ(Parse("2024-03-01T10:20:32.000000Z 0 [ERROR] [MY-010119] [Server] Aborting"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kError);
  EXPECT_EQ(parsed_.nattrs, 1);  // thread 0 is the server, not a connection
  EXPECT_EQ(Message(), "Aborting");
  EXPECT_EQ(Parse("2024-03-01T10:20:32.000000Z 0 [Info] x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-03-01T10:20:32.000000Z main [Note] x"), ParseStatus::kNotThisFormat);
  // A host name, not an address: no src_ip.
  ASSERT_EQ(Parse("2024-03-01 10:20:32 15 [Warning] Aborted connection 15 to db: 'app' user: "
                  "'svc' host: 'app-1.internal' (Got an error reading communication packets)"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.src_ip, "");
}

TEST_F(DatabaseLogTest, RedisRolesLevelsAndRejections) {
  Use(kRedisFormat);
  ASSERT_EQ(Parse("12:C 29 Aug 2023 13:50:00.100 - Background saving started"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.pid, 12);
  EXPECT_EQ(parsed_.severity, base::Severity::kDebug);
  EXPECT_EQ(parsed_.ts_us, Utc(2023, 8, 29, 13, 50, 0) + 100000);
  EXPECT_EQ(Parse("1:M 29 Foo 2023 13:47:38.984 * x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("1:Q 29 Aug 2023 13:47:38.984 * x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("1:M 29 Aug 2023 13:47:38.984 ! x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("10:15:02 INFO started"), ParseStatus::kNotThisFormat);
}

TEST(DatabaseSniffTest, PicksPostgresql) {
  const std::vector<std::string_view> lines = {
      "2024-03-01 10:15:00.001 UTC [1] LOG:  starting PostgreSQL 16.2 on x86_64-pc-linux-gnu",
      "2024-03-01 10:15:00.002 UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432",
      "2024-03-01 10:15:00.010 UTC [27] LOG:  database system was shut down at 2024-03-01 "
      "10:14:58 UTC",
      "2024-03-01 10:15:00.020 UTC [1] LOG:  database system is ready to accept connections",
      "2024-03-01 10:20:02.345 UTC [1] LOG:  server process (PID 20561) was terminated by signal "
      "9: Killed",
      "2024-03-01 10:20:02.345 UTC [1] DETAIL:  Failed process was running: SELECT * FROM orders",
      "2024-03-01 10:20:02.346 UTC [1] LOG:  terminating any other active server processes",
      "2024-03-01 10:20:02.400 UTC [20570] WARNING:  terminating connection because of crash of "
      "another server process",
      "2024-03-01 10:20:02.500 UTC [1] LOG:  all server processes terminated; reinitializing",
      "2024-03-01 10:20:03.000 UTC [1] LOG:  database system is ready to accept connections",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kPostgresFormat);
}

TEST(DatabaseSniffTest, PicksMysqlError) {
  const std::vector<std::string_view> lines = {
      "2024-03-01T10:20:00.000000Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld "
      "8.0.36) starting as process 1",
      "2024-03-01T10:20:00.100000Z 1 [System] [MY-013576] [InnoDB] InnoDB initialization has "
      "started.",
      "2024-03-01T10:20:01.000000Z 1 [System] [MY-013577] [InnoDB] InnoDB initialization has "
      "ended.",
      "2024-03-01T10:20:01.500000Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is "
      "self signed.",
      "2024-03-01T10:20:02.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for "
      "connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL "
      "Community Server - GPL.",
      "2024-03-01T10:25:32.000000Z 15 [Note] [MY-010914] [Server] Aborted connection 15 to db: "
      "'app' user: 'svc' host: '192.0.2.7' (Got timeout reading communication packets)",
      "2024-03-01T10:26:32.000000Z 16 [Note] [MY-010914] [Server] Aborted connection 16 to db: "
      "'app' user: 'svc' host: '192.0.2.7' (Got an error reading communication packets)",
      "2024-03-01T10:30:00.000000Z 0 [System] [MY-013172] [Server] Received SHUTDOWN from user "
      "<via user signal>. Shutting down mysqld (Version: 8.0.36).",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kMysqlErrorFormat);
}

TEST(DatabaseSniffTest, PicksRedis) {
  const std::vector<std::string_view> lines = {
      "1:C 29 Aug 2023 13:47:38.981 # WARNING Memory overcommit must be enabled!",
      "1:C 29 Aug 2023 13:47:38.982 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
      "1:C 29 Aug 2023 13:47:38.982 * Redis version=7.2.0, bits=64, commit=00000000, "
      "modified=0, pid=1, just started",
      "1:M 29 Aug 2023 13:47:38.984 * monotonic clock: POSIX clock_gettime",
      "1:M 29 Aug 2023 13:47:38.985 * Running mode=standalone, port=6379.",
      "1:M 29 Aug 2023 13:47:38.986 * Server initialized",
      "1:M 29 Aug 2023 13:47:39.001 * Ready to accept connections tcp",
      "1:signal-handler (1693279182) Received SIGTERM scheduling shutdown...",
      "1:M 29 Aug 2023 13:47:42.100 # User requested shutdown...",
      "1:M 29 Aug 2023 13:47:42.200 # Redis is now ready to exit, bye bye...",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kRedisFormat);
}

}  // namespace
}  // namespace rstscope::parsers
