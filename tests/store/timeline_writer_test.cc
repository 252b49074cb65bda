#include "store/timeline_writer.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"
#include "store/schema.h"

namespace rstscope::store {
namespace {

class TimelineWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rstscope-store-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/t.db";
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::unique_ptr<TimelineWriter> OpenWriter(size_t commit_rows = 250000,
                                             bool build_new_in_temp = false) {
    WriterOptions options;
    options.commit_rows = commit_rows;
    options.build_new_in_temp = build_new_in_temp;
    auto w = TimelineWriter::Open(path_, options);
    EXPECT_TRUE(w.ok()) << w.status();
    return std::move(*w);
  }

  // A batch of `n` records "msg i" at second i, host from the source.
  static base::EventBatch Batch(uint64_t key, int n, int first_line = 1) {
    base::EventBatch b;
    b.source_key = key;
    for (int i = 0; i < n; ++i) {
      base::EventRow row;
      row.ts_us = 1700000000000000LL + i * 1000000LL + 123456;
      row.line = first_line + i;
      const std::string text = "hdr: msg " + std::to_string(i);
      row.text = b.Append(text);
      row.msg_char_off = 5;
      row.format = "syslog";
      row.kind = i == 1 ? base::Kind::kReset : base::Kind::kOther;
      row.severity = base::Severity::kError;
      row.role = base::Role::kClient;
      row.process = b.Append("dotnet");
      row.pid = 4242;
      row.rule = i == 1 ? "test_rule" : "";
      b.events.push_back(row);
    }
    base::UnparsedRow u;
    u.line = first_line + n;
    u.text = b.Append("junk");
    u.reason = b.Append("syslog: not a syslog record");
    b.unparsed.push_back(u);
    return b;
  }

  static base::SourceInfo Info(const std::string& name, const std::string& hash = "") {
    base::SourceInfo info;
    info.name = name;
    info.container = "file";
    info.hash = hash;
    info.host = "api01";
    info.host_reason = "--host";
    info.format = "syslog";
    info.tz = "UTC";
    return info;
  }

  static base::SourceStats Stats(const std::string& hash, int records) {
    base::SourceStats s;
    s.hash = hash;
    s.records = records;
    s.unparsed = 1;
    s.lines = records + 1;
    return s;
  }

  int64_t Count(const std::string& sql) {
    auto db = Db::Open(path_, Db::Mode::kReadOnly);
    EXPECT_TRUE(db.ok());
    auto n = (*db)->QueryInt(sql);
    EXPECT_TRUE(n.ok()) << n.status();
    return *n;
  }

  static bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

  std::string dir_, path_;
};

TEST_F(TimelineWriterTest, TimelineViewHasTheContractColumnsAndValues) {
  auto w = OpenWriter();
  ASSERT_TRUE(w->BeginSource(1, Info("logs/a.log", "h1")).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
  ASSERT_TRUE(w->EndSource(1, Stats("h1", 3)).ok());
  ASSERT_TRUE(w->Finish(nullptr, false).ok());
  w.reset();

  auto db = Db::Open(path_, Db::Mode::kReadOnly);
  ASSERT_TRUE(db.ok());
  auto stmt = (*db)->Prepare("SELECT * FROM timeline WHERE line = 2");
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE(*stmt->Step());
  const std::vector<std::string> expected_columns = {
      "id",       "ts",     "ts_us",  "host",     "role",    "format",  "kind",    "severity", "process",
      "pid",      "src_ip", "src_port", "dst_ip", "dst_port", "message", "source", "line"};
  ASSERT_EQ(stmt->ColumnCount(), static_cast<int>(expected_columns.size()));
  for (size_t i = 0; i < expected_columns.size(); ++i) {
    EXPECT_EQ(stmt->ColumnName(i), expected_columns[i]);
  }
  EXPECT_EQ(stmt->ColumnText(1), "2023-11-14T22:13:21.123Z");
  EXPECT_EQ(stmt->ColumnInt(2), 1700000001123456);
  EXPECT_EQ(stmt->ColumnText(3), "api01");
  EXPECT_EQ(stmt->ColumnText(4), "client");
  EXPECT_EQ(stmt->ColumnText(5), "syslog");
  EXPECT_EQ(stmt->ColumnText(6), "reset");
  EXPECT_EQ(stmt->ColumnText(7), "error");
  EXPECT_EQ(stmt->ColumnText(8), "dotnet");
  EXPECT_EQ(stmt->ColumnInt(9), 4242);
  EXPECT_TRUE(stmt->ColumnIsNull(10));
  EXPECT_EQ(stmt->ColumnText(14), "msg 1");
  EXPECT_EQ(stmt->ColumnText(15), "logs/a.log");
  EXPECT_EQ(stmt->ColumnInt(16), 2);
  stmt->Reset();
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM resets"), 1);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM unparsed WHERE source = 'logs/a.log' AND "
                             "line = 4 AND reason = 'syslog: not a syslog record' AND text = 'junk'"),
            1);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM event_details WHERE rule = 'test_rule'"), 1);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                             "name = 'events_ts'"),
            1);
}

TEST_F(TimelineWriterTest, SameContentUnderAnotherNameIsDroppedAsDuplicate) {
  auto w = OpenWriter();
  ASSERT_TRUE(w->BeginSource(1, Info("a.log")).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
  ASSERT_TRUE(w->EndSource(1, Stats("same", 3)).ok());
  ASSERT_TRUE(w->BeginSource(2, Info("bundle.tgz!/a.log")).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(2, 3)).ok());
  ASSERT_TRUE(w->EndSource(2, Stats("same", 3)).ok());
  ASSERT_TRUE(w->Finish(nullptr, false).ok());
  w.reset();
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM unparsed_lines"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE status = 'duplicate' AND duplicate_of = 1"), 1);
}

TEST_F(TimelineWriterTest, KnownHashesListCompleteSources) {
  {
    auto w = OpenWriter();
    ASSERT_TRUE(w->BeginSource(1, Info("a.log", "filehash")).ok());
    ASSERT_TRUE(w->EndSource(1, Stats("filehash", 0)).ok());
    ASSERT_TRUE(w->Finish(nullptr, false).ok());
  }
  auto w = OpenWriter();
  auto known = w->KnownHashes();
  ASSERT_TRUE(known.ok());
  ASSERT_EQ(known->size(), 1u);
  EXPECT_EQ(known->at("filehash"), "a.log");
}

TEST_F(TimelineWriterTest, KilledImportLeavesNoHalfSourceBehind) {
  {
    auto w = OpenWriter(/*commit_rows=*/1);
    ASSERT_TRUE(w->BeginSource(1, Info("done.log")).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(1, 2)).ok());
    ASSERT_TRUE(w->EndSource(1, Stats("d", 2)).ok());
    ASSERT_TRUE(w->BeginSource(2, Info("half.log")).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(2, 5)).ok());  // committed: commit_rows = 1
    // No EndSource, no Finish: the process dies here.
  }
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE status = 'importing'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 7);
  {
    auto w = OpenWriter();
    ASSERT_TRUE(w->Finish(nullptr, false).ok());
  }
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE status = 'importing'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM unparsed_lines"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM import_runs WHERE status = 'killed'"), 1);
}

TEST_F(TimelineWriterTest, SecondWriterIsRefusedWhileTheFirstHoldsTheLock) {
  auto first = OpenWriter();
  WriterOptions options;
  auto second = TimelineWriter::Open(path_, options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("another rstscope import or correlate is writing to"),
            std::string::npos);
}

TEST_F(TimelineWriterTest, ForeignSqliteDatabaseIsRefused) {
  {
    auto db = Db::Open(path_, Db::Mode::kCreate);
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t(x)").ok());
  }
  WriterOptions options;
  auto w = TimelineWriter::Open(path_, options);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(TimelineWriterTest, HostFixUpGivesLaterResolvedHostsToTheirRecords) {
  auto w = OpenWriter();
  base::SourceInfo info = Info("bundle/client01/app.log");
  info.host.clear();
  ASSERT_TRUE(w->BeginSource(1, info).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
  ASSERT_TRUE(w->EndSource(1, Stats("x", 3)).ok());
  ASSERT_TRUE(w->Finish(
                   [](std::string_view name) {
                     return std::make_pair(std::string("client01"),
                                           std::string("path component 'client01'"));
                   },
                   false)
                  .ok());
  w.reset();
  EXPECT_EQ(Count("SELECT count(*) FROM timeline WHERE host = 'client01'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE host_reason = 'path component ''client01'''"), 1);
}

TEST_F(TimelineWriterTest, KilledImportInsideAnArchiveTakesItsFinishedMembersWithIt) {
  {
    auto w = OpenWriter(/*commit_rows=*/1);
    base::SourceInfo archive = Info("bundle.tgz");
    archive.container = "archive";
    ASSERT_TRUE(w->BeginSource(1, archive).ok());
    base::SourceInfo m1 = Info("bundle.tgz!/a.log");
    m1.container = "member";
    m1.parent_key = 1;
    ASSERT_TRUE(w->BeginSource(2, m1).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(2, 2)).ok());
    ASSERT_TRUE(w->EndSource(2, Stats("a", 2)).ok());
    base::SourceInfo m2 = Info("bundle.tgz!/b.log");
    m2.container = "member";
    m2.parent_key = 1;
    ASSERT_TRUE(w->BeginSource(3, m2).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(3, 4, 1)).ok());  // commits a.log 'complete'
    // Killed: the archive and b.log are left 'importing'.
  }
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE status = 'complete'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 6);
  {
    auto w = OpenWriter();
    ASSERT_TRUE(w->Finish(nullptr, false).ok());
  }
  // The archive is read again whole by the next import: nothing of it stays
  // (before, a.log stayed, its parent_id pointing at a deleted source).
  EXPECT_EQ(Count("SELECT count(*) FROM sources"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM unparsed_lines"), 0);
}

TEST_F(TimelineWriterTest, HostFixUpAlsoReachesSourcesAKilledRunCompleted) {
  base::SourceInfo info = Info("bundle/client01/app.log");
  info.host.clear();
  {
    auto w = OpenWriter(/*commit_rows=*/1);
    ASSERT_TRUE(w->BeginSource(1, info).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
    ASSERT_TRUE(w->EndSource(1, Stats("x", 3)).ok());
    ASSERT_TRUE(w->BeginSource(2, Info("other.log")).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(2, 1)).ok());  // commits app.log 'complete'
    // Killed before Finish, which gives app.log its host.
  }
  EXPECT_EQ(Count("SELECT count(*) FROM timeline WHERE host IS NULL"), 3);
  {
    // The run again: app.log is skipped as imported (its hash is known).
    auto w = OpenWriter();
    ASSERT_TRUE(w->Finish(
                     [](std::string_view name) {
                       return name == "bundle/client01/app.log"
                                  ? std::make_pair(std::string("client01"),
                                                   std::string("path component 'client01'"))
                                  : std::make_pair(std::string(), std::string());
                     },
                     false)
                    .ok());
  }
  EXPECT_EQ(Count("SELECT count(*) FROM timeline WHERE host = 'client01'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM sources WHERE host_reason = 'path component ''client01'''"),
            1);
}

TEST_F(TimelineWriterTest, NewDatabaseIsBuiltAsideAndRenamedIntoPlace) {
  auto w = OpenWriter(/*commit_rows=*/1, /*build_new_in_temp=*/true);
  ASSERT_TRUE(w->BeginSource(1, Info("a.log")).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
  ASSERT_TRUE(w->EndSource(1, Stats("a", 3)).ok());
  // Committed, yet nobody can see it: a kill now leaves no database.
  EXPECT_FALSE(Exists(path_));
  EXPECT_TRUE(Exists(TempPathFor(path_)));
  ASSERT_TRUE(w->Finish(nullptr, false).ok());
  w.reset();
  EXPECT_TRUE(Exists(path_));
  EXPECT_FALSE(Exists(TempPathFor(path_)));
  EXPECT_FALSE(Exists(path_ + "-journal"));
  EXPECT_EQ(Count("SELECT count(*) FROM timeline"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'events_%'"),
            3);
  // Written as a normal rollback-journal database: appends journal again.
  EXPECT_EQ(Count("PRAGMA page_size"), 32768);
  auto again = OpenWriter(/*commit_rows=*/1, /*build_new_in_temp=*/true);
  ASSERT_TRUE(again->BeginSource(2, Info("b.log")).ok());
  ASSERT_TRUE(again->WriteBatch(Batch(2, 2)).ok());
  EXPECT_FALSE(Exists(TempPathFor(path_)));
  ASSERT_TRUE(again->EndSource(2, Stats("b", 2)).ok());
  ASSERT_TRUE(again->Finish(nullptr, false).ok());
  again.reset();
  EXPECT_EQ(Count("SELECT count(*) FROM timeline"), 5);
  EXPECT_EQ(Count("SELECT max(id) FROM events"), 5);
}

TEST_F(TimelineWriterTest, NewDatabaseLeftUnfinishedOrFailedIsNoDatabase) {
  {
    auto w = OpenWriter(/*commit_rows=*/1, /*build_new_in_temp=*/true);
    ASSERT_TRUE(w->BeginSource(1, Info("a.log")).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
    // Abandoned without Finish (an error before the end).
  }
  EXPECT_FALSE(Exists(path_));
  EXPECT_FALSE(Exists(TempPathFor(path_)));
  {
    auto w = OpenWriter(/*commit_rows=*/1, /*build_new_in_temp=*/true);
    ASSERT_TRUE(w->BeginSource(1, Info("a.log")).ok());
    ASSERT_TRUE(w->WriteBatch(Batch(1, 3)).ok());
    ASSERT_TRUE(w->Finish(nullptr, /*failed=*/true).ok());
  }
  EXPECT_FALSE(Exists(path_));
  EXPECT_FALSE(Exists(TempPathFor(path_)));
}

TEST_F(TimelineWriterTest, KilledNewDatabaseImportLeavesAFileTheNextRunDeletes) {
  // What SIGKILL leaves: half a database file and a journal under the
  // temporary name. Neither may leak into the next database.
  {
    FILE* f = std::fopen(TempPathFor(path_).c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("SQLite format 3 - cut short by a kill", f);
    std::fclose(f);
    f = std::fopen((TempPathFor(path_) + "-journal").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("stale journal", f);
    std::fclose(f);
  }
  auto w = OpenWriter(/*commit_rows=*/250000, /*build_new_in_temp=*/true);
  ASSERT_TRUE(w->BeginSource(1, Info("a.log")).ok());
  ASSERT_TRUE(w->WriteBatch(Batch(1, 4)).ok());
  ASSERT_TRUE(w->EndSource(1, Stats("a", 4)).ok());
  ASSERT_TRUE(w->Finish(nullptr, false).ok());
  w.reset();
  EXPECT_FALSE(Exists(TempPathFor(path_)));
  EXPECT_FALSE(Exists(TempPathFor(path_) + "-journal"));
  EXPECT_EQ(Count("SELECT count(*) FROM timeline"), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM import_runs WHERE status = 'done'"), 1);
}

}  // namespace
}  // namespace rstscope::store
