#include "query/sql_runner.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "store/schema.h"

namespace rstscope::query {
namespace {

class SqlRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rstscope-query-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/q.db";
    auto db = store::Db::Open(path_, store::Db::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(store::EnsureSchema(db->get()).ok());
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::string Run(const std::string& sql, absl::Status* status) {
    auto db = OpenForQuery(path_);
    EXPECT_TRUE(db.ok()) << db.status();
    char* buf = nullptr;
    size_t size = 0;
    std::FILE* f = open_memstream(&buf, &size);
    auto rows = RunSql(db->get(), sql, OutputFormat::kCsv, f);
    std::fclose(f);
    *status = rows.status();
    std::string out(buf, size);
    std::free(buf);
    return out;
  }

  std::string dir_, path_;
};

TEST_F(SqlRunnerTest, RunsEveryStatementInOrder) {
  absl::Status s;
  EXPECT_EQ(Run("SELECT 1 AS a; SELECT 'x' AS b, NULL AS c;", &s), "a\r\n1\r\nb,c\r\nx,\r\n");
  EXPECT_TRUE(s.ok());
}

TEST_F(SqlRunnerTest, SqlErrorsCarrySqlitesMessage) {
  absl::Status s;
  Run("SELECT nope FROM timeline", &s);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "no such column: nope");
}

TEST_F(SqlRunnerTest, TheDatabaseIsOpenedReadOnly) {
  auto db = OpenForQuery(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(sqlite3_db_readonly((*db)->raw(), "main"), 1);
  // And a statement that would write is refused before it runs.
  absl::Status s;
  Run("DELETE FROM events", &s);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "query only reads: \"DELETE FROM events\" would write (to the database or, for "
            "VACUUM INTO, to a new file)");
  // Of several statements, the one refused is named, cut when long; the
  // ones before it ran.
  Run("SELECT 1; \n  UPDATE events SET host_id = 1 WHERE id IN (SELECT id FROM events WHERE "
      "ts_us > 0);", &s);
  EXPECT_EQ(std::string(s.message()),
            "query only reads: \"UPDATE events SET host_id = 1 WHERE id IN (SELECT id FROM "
            "ev...\" would write (to the database or, for VACUUM INTO, to a new file)");
  Run("SELECT 1;\nDELETE FROM events ;\n", &s);
  EXPECT_EQ(std::string(s.message()),
            "query only reads: \"DELETE FROM events\" would write (to the database or, for "
            "VACUUM INTO, to a new file)");
}

TEST_F(SqlRunnerTest, EmptyViewsQueryCleanly) {
  absl::Status s;
  EXPECT_EQ(Run("SELECT count(*) AS n FROM timeline; SELECT count(*) AS n FROM resets; "
                "SELECT count(*) AS n FROM unparsed",
                &s),
            "n\r\n0\r\nn\r\n0\r\nn\r\n0\r\n");
  EXPECT_TRUE(s.ok()) << s;
}

TEST(OpenForQueryTest, MissingDatabaseIsNotFound) {
  auto db = OpenForQuery("/nonexistent/x.db");
  EXPECT_EQ(db.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace rstscope::query
