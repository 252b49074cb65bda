#include "store/schema.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "store/db.h"

namespace rstscope::store {
namespace {

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rstscope-schema-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  // Makes `path` a database of an older version: today's schema, then
  // `make_old` (SQL that takes away what that version lacked, adds its rows
  // and sets its user_version).
  static void MakeOld(const std::string& path, const std::string& make_old) {
    auto db = Db::Open(path, Db::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(EnsureSchema(db->get()).ok());
    ASSERT_TRUE((*db)->Exec(make_old).ok());
  }
  std::string dir_;
};

TEST_F(SchemaTest, NewDatabaseHasEveryContractView) {
  auto db = Db::Open(dir_ + "/a.db", Db::Mode::kCreate);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name IN "
                             "('timeline', 'resets', 'unparsed', 'reset_causes', 'patterns')"),
            5);
}

TEST_F(SchemaTest, EventIndexesAreRebuiltAndTheCacheSizeIsRestored) {
  auto db = Db::Open(dir_ + "/a.db", Db::Mode::kCreate);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  ASSERT_TRUE(DropEventIndexes(db->get()).ok());
  const char kCount[] =
      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
      "('events_ts', 'events_kind_ts', 'events_host_ts')";
  EXPECT_EQ(*(*db)->QueryInt(kCount), 0);
  ASSERT_TRUE((*db)->Exec("PRAGMA cache_size = -32768").ok());
  ASSERT_TRUE(CreateEventIndexes(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt(kCount), 3);
  // The build's own small sort budget does not outlive it.
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA cache_size"), -32768);
}

TEST_F(SchemaTest, VersionOneIsMigratedOnOpenForWriting) {
  const std::string path = dir_ + "/v1.db";
  // A version 1 database: the timeline without correlation tables, and the
  // event_details view of that version.
  ASSERT_NO_FATAL_FAILURE(
      MakeOld(path,
              "DROP VIEW reset_causes; DROP VIEW patterns; DROP VIEW clock_offsets; "
              "DROP VIEW reset_cause_details; DROP TABLE reset_cause_rows; "
              "DROP TABLE pattern_rows; DROP TABLE host_clocks; "
              "DROP TABLE correlation_runs; DROP TABLE template_lifts; "
              "DROP TABLE import_cursors; DROP TABLE report_watermarks; "
              "DROP VIEW event_details; CREATE VIEW event_details AS SELECT "
              "e.id AS id FROM events e; PRAGMA user_version = 1;"));
  auto db = Db::Open(path, Db::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(CheckSchema(db->get()).ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM reset_causes"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM import_cursors"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM report_watermarks"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM patterns"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM pragma_table_info('event_details') WHERE "
                             "name = 'time_from_age'"),
            1);
  // Idempotent.
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), kSchemaVersion);
}

TEST_F(SchemaTest, VersionTwoGetsTheImportCursorsAndKeepsItsRows) {
  const std::string path = dir_ + "/v2.db";
  ASSERT_NO_FATAL_FAILURE(
      MakeOld(path,
              "DROP TABLE import_cursors; DROP TABLE report_watermarks; "
              "INSERT INTO import_runs(started_us, status) VALUES (1, 'done'); "
              "INSERT INTO sources(run_id, name, container, status, file_hash, "
              "  content_hash, encoding, lines, bytes) VALUES "
              "(1, 'app.log', 'file', 'complete', 'f1', 'f1', 'utf-8', 3, 60), "
              "(1, 'b.tgz', 'archive', 'complete', 'f2', 'f2', NULL, 0, 900), "
              "(1, 'b.tgz!/x.log', 'member', 'complete', NULL, 'c3', 'utf-8', 2, 40), "
              "(1, 'w.log', 'file', 'complete', 'f4', 'f4', 'utf-16le', 2, 40), "
              "(1, 'a.log.1.gz', 'compressed', 'complete', 'f5', 'c5', 'utf-8', 4, "
              "  80), "
              "(1, 'a.log', 'file', 'duplicate', 'f6', 'f6', 'utf-8', 4, 80); "
              "UPDATE sources SET parent_id = 2 WHERE id = 3; "
              "PRAGMA user_version = 2;"));
  auto db = Db::Open(path, Db::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM sources"), 6);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM pragma_table_info('import_cursors')"), 11);
  // Whole plain and compressed files imported completely became cursors
  // over all they read; archives, members and duplicates did not.
  auto rows = (*db)->Prepare(
      "SELECT source_id || ' ' || coalesce(continues_id, '-') || ' ' || first_line || ' ' || "
      "lines || ' ' || end_offset || ' ' || prefix_hash || ' ' || head_len || ' ' || head_hash "
      "|| ' ' || superseded FROM import_cursors ORDER BY source_id");
  ASSERT_TRUE(rows.ok());
  std::vector<std::string> got;
  while (*rows->Step()) got.emplace_back(rows->ColumnText(0));
  EXPECT_EQ(got, (std::vector<std::string>{"1 - 1 3 60 f1 60 f1 0", "4 - 1 2 40 f4 40 f4 0",
                                           "5 - 1 4 80 c5 80 c5 0"}));
}

TEST_F(SchemaTest, VersionTwoGetsEnrichmentAndReportWatermarksAndKeepsCorrelationResults) {
  const std::string path = dir_ + "/v2.db";
  // Version 2's template_lifts had other columns and no view; it had no
  // report watermarks.
  ASSERT_NO_FATAL_FAILURE(
      MakeOld(path,
              "DROP VIEW template_lift_details; DROP TABLE template_lifts; "
              "CREATE TABLE template_lifts(id INTEGER PRIMARY KEY, host_id INTEGER, "
              "template TEXT NOT NULL, before_resets INTEGER NOT NULL, "
              "baseline INTEGER NOT NULL, lift REAL NOT NULL, p_value REAL NOT NULL, "
              "example_event_id INTEGER); DROP TABLE report_watermarks; DROP TABLE import_cursors; "
              "INSERT INTO reset_cause_rows(reset_id, cause, confidence, evidence) "
              "VALUES(7, 'unexplained', 0.3, 'none'); PRAGMA user_version = 2;"));
  auto db = Db::Open(path, Db::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM pragma_table_info('template_lifts') WHERE "
                             "name IN ('reset_windows', 'control_windows_with')"),
            2);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM template_lift_details"), 0);
  EXPECT_EQ(*(*db)->QueryInt("SELECT reset_id FROM reset_causes"), 7);
  ASSERT_TRUE((*db)->Exec("INSERT INTO report_watermarks VALUES('nightly', 10, 20, 1, 30)").ok());
  EXPECT_EQ(*(*db)->QueryInt("SELECT max_event_id FROM report_watermarks WHERE name = 'nightly'"),
            20);
}

TEST_F(SchemaTest, VersionThreeGetsTheCoveringKindIndexAndKeepsItsEvents) {
  const std::string path = dir_ + "/v3.db";
  ASSERT_NO_FATAL_FAILURE(
      MakeOld(path,
              "DROP INDEX events_kind_ts; "
              "CREATE INDEX events_kind_ts ON events(kind_id, ts_us); "
              "INSERT INTO kinds(id, name) VALUES (1, 'other'), (2, 'reset'); "
              "INSERT INTO hosts(id, name) VALUES (1, 'web01'); "
              "INSERT INTO import_runs(id, started_us, status) VALUES (1, 0, 'done'); "
              "INSERT INTO sources(id, run_id, name, container, status) "
              "  VALUES (1, 1, 'a.log', 'file', 'complete'); "
              "INSERT INTO events(ts_us, host_id, kind_id, source_id, line, text, "
              "  msg_off) VALUES (3600000000, 1, 2, 1, 1, 'reset', 0), "
              "  (3700000000, 1, 1, 1, 2, 'x', 0); "
              "PRAGMA user_version = 3;"));
  auto db = Db::Open(path, Db::Mode::kReadWrite);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  EXPECT_EQ(*(*db)->QueryInt("PRAGMA user_version"), 4);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM pragma_index_info('events_kind_ts')"), 6);
  EXPECT_EQ(*(*db)->QueryInt("SELECT count(*) FROM resets"), 1);
  // A question about resets that needs no text never reads the events
  // table: the index has every column the timeline view joins on.
  auto plan = (*db)->Prepare(
      "EXPLAIN QUERY PLAN SELECT host, strftime('%H', ts_us / 1000000, 'unixepoch'), count(*) "
      "FROM resets GROUP BY 1, 2");
  ASSERT_TRUE(plan.ok());
  std::string steps;
  while (*plan->Step()) steps += std::string(plan->ColumnText(3)) + "\n";
  EXPECT_NE(steps.find("SEARCH e USING COVERING INDEX events_kind_ts (kind_id=?)"),
            std::string::npos)
      << steps;
}

TEST_F(SchemaTest, NewerVersionIsRefused) {
  const std::string path = dir_ + "/v9.db";
  auto db = Db::Open(path, Db::Mode::kCreate);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(EnsureSchema(db->get()).ok());
  ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 9").ok());
  const absl::Status s = EnsureSchema(db->get());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("written by a newer rstscope (schema 9"), std::string::npos) << s;
}

}  // namespace
}  // namespace rstscope::store
