#include "store/db.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace rstscope::store {
namespace {

// A process killed inside a write transaction leaves a hot rollback
// journal. A read-only connection cannot play it back, so every query used
// to fail ("attempt to write a readonly database") until the next import.
TEST(DbTest, ReadOnlyOpenRollsBackTheJournalOfAKilledWriter) {
  char tmpl[] = "/tmp/rstscope-db-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, path = dir + "/t.db";
  {
    auto db = Db::Open(path, Db::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA journal_mode = TRUNCATE; CREATE TABLE t(x);"
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                            "WHERE i < 5000) INSERT INTO t SELECT i FROM n;")
                    .ok());
  }
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The writer: changes every row, spills them to the file (a small
    // cache), and dies before COMMIT.
    auto db = Db::Open(path, Db::Mode::kReadWrite);
    if (!db.ok()) ::_exit(2);
    if (!(*db)->Exec("PRAGMA journal_mode = TRUNCATE; PRAGMA cache_size = 10; BEGIN;"
                     "UPDATE t SET x = -x;")
             .ok()) {
      ::_exit(3);
    }
    ::_exit(0);  // no COMMIT, no close: as if killed
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
  ASSERT_GT(std::filesystem::file_size(path + "-journal"), 0u);

  auto ro = Db::Open(path, Db::Mode::kReadOnly);
  ASSERT_TRUE(ro.ok()) << ro.status();
  auto sum = (*ro)->QueryInt("SELECT sum(x) FROM t");
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(*sum, 5000 * 5001 / 2);  // the committed rows, not the killed update
  auto check = (*ro)->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  auto row = check->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(check->ColumnText(0), "ok");
  ro->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rstscope::store
