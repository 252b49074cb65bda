// `rstscope prune` on sample-logs/firewall-idle-timeout (7 resets, one an
// hour from 01:04, six of them explained by fw01's idle teardowns): what is
// older than the cutoff goes, and every contract view still adds up.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kBundle[] = "sample-logs/firewall-idle-timeout/logs";
constexpr char kHosts[] = "sample-logs/firewall-idle-timeout/hosts";

class PruneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult imported =
        Rstscope("import -q --db '" + db() + "' --hosts " + kHosts + " " + kBundle);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    const CommandResult correlated = Rstscope("correlate --db '" + db() + "'");
    ASSERT_EQ(correlated.exit_code, 0) << correlated.output;
  }
  std::string db() const { return dir_.path() + "/t.db"; }
  CommandResult Prune(const std::string& before) {
    return Rstscope("prune --db '" + db() + "' --before " + before);
  }
  // No view refers to a row that is not there, and the counts agree.
  void ExpectConsistent() {
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM reset_causes WHERE reset_id NOT IN "
                  "(SELECT id FROM resets)"),
              "0");
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM resets WHERE id NOT IN "
                  "(SELECT reset_id FROM reset_causes)"),
              "0");
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM reset_causes WHERE cause_event_id IS NOT NULL AND "
                  "cause_event_id NOT IN (SELECT id FROM timeline)"),
              "0");
    EXPECT_EQ(
        One(db(), "SELECT (SELECT count(*) FROM resets) = (SELECT sum(resets) FROM patterns)"),
        "1");
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM reset_cause_details WHERE pattern_id IS NULL OR "
                  "pattern_id NOT IN (SELECT id FROM patterns)"),
              "0");
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM template_lifts WHERE example_event_id NOT IN "
                  "(SELECT id FROM events)"),
              "0");
    // Every input line is a record's or an unparsed line, source by source.
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM sources s WHERE s.container != 'archive' AND "
                  "s.lines != (SELECT coalesce(sum(coalesce(e.nlines, 1)), 0) FROM events e "
                  "WHERE e.source_id = s.id) + (SELECT count(*) FROM unparsed_lines u "
                  "WHERE u.source_id = s.id)"),
              "0");
    EXPECT_EQ(One(db(),
                  "SELECT count(*) FROM sources s WHERE s.records != (SELECT count(*) FROM "
                  "events e WHERE e.source_id = s.id) OR s.resets != (SELECT count(*) FROM "
                  "resets r WHERE r.source = s.name)"),
              "0");
  }
  TempDir dir_;
};

TEST_F(PruneTest, CutoffBetweenACauseAndItsResetKeepsTheCauseAndEveryViewConsistent) {
  ASSERT_EQ(One(db(),
                "SELECT count(*) || ' ' || (SELECT count(*) FROM resets) || ' ' || "
                "(SELECT count(*) FROM unparsed) FROM timeline"),
            "1183 7 6");
  // fw01's teardown for the 02:04 reset was logged at 02:04:05.000, the reset
  // at 02:04:05.312: the cutoff falls between them.
  const CommandResult r = Prune("2024-11-12T02:04:05.100Z");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Pruned records before 2024-11-12T02:04:05.100Z:\n"
                          "  records:   380 deleted (1 resets)\n"
                          "  unparsed:  1 lines deleted\n"
                          "  sources:   4 lost rows, 0 of them have none left"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("  kept:      1 older records that are the causes of resets that stay\n"
                          "  causes:    1 of deleted resets deleted; 2 patterns over the resets "
                          "left\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(One(db(), "SELECT count(*) FROM timeline"), "803");
  EXPECT_EQ(One(db(),
                "SELECT group_concat(id || ' ' || kind, ', ') FROM timeline "
                "WHERE ts < '2024-11-12T02:04:05.100Z'"),
            "811 idle_timeout");
  EXPECT_EQ(Rows(db(),
                 "SELECT r.ts, c.cause, c.cause_event_id FROM resets r JOIN reset_causes c "
                 "ON c.reset_id = r.id ORDER BY r.ts_us"),
            (std::vector<std::string>{
                "2024-11-12T02:04:05.312Z|network_idle_timeout|811",
                "2024-11-12T03:04:06.190Z|network_idle_timeout|898",
                "2024-11-12T03:45:03.396Z|unexplained|NULL",
                "2024-11-12T04:04:07.498Z|network_idle_timeout|981",
                "2024-11-12T05:04:08.130Z|network_idle_timeout|1064",
                "2024-11-12T06:04:09.044Z|network_idle_timeout|1148",
            }));
  EXPECT_EQ(Rows(db(),
                 "SELECT cause, server_host, resets, share, first_ts, last_ts, summary "
                 "FROM patterns ORDER BY id"),
            (std::vector<std::string>{
                "network_idle_timeout|fw01|5|0.8333|2024-11-12T02:04:05.312Z|"
                "2024-11-12T06:04:09.044Z|5 of 6 resets (83%) happen when fw01 drops the idle "
                "flow at connection age 3600 s±1 s: Idle Timeout; 5 incidents, one every 60 min",
                "unexplained|NULL|1|0.1667|2024-11-12T03:45:03.396Z|"
                "2024-11-12T03:45:03.396Z|1 of 6 resets (17%) have no explanation in the imported "
                "logs (peer unknown)",
            }));
  // The reporter's blank lines: the one before its first record that stays
  // went with the records before it.
  EXPECT_EQ(One(db(), "SELECT group_concat(line, ' ') FROM unparsed"), "69 102 161 194 227");
  ExpectConsistent();

  // The pruned files stay known: importing the bundle again adds nothing.
  const CommandResult again =
      Rstscope("import -q --db '" + db() + "' --hosts " + kHosts + " " + kBundle);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("skipped:   4 sources already imported"), std::string::npos)
      << again.output;
  EXPECT_EQ(One(db(), "SELECT count(*) FROM timeline"), "803");
}

TEST_F(PruneTest, NoResetPrunedLeavesCausesAndPatternsAsCorrelateMadeThem) {
  const std::string causes = "SELECT * FROM reset_cause_details ORDER BY reset_id";
  const std::string patterns = "SELECT * FROM pattern_rows ORDER BY id";
  const std::vector<std::string> causes_before = Rows(db(), causes);
  const std::vector<std::string> patterns_before = Rows(db(), patterns);
  ASSERT_EQ(patterns_before.size(), 2u);
  const CommandResult r = Prune("2024-11-12T00:30:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("  records:   97 deleted (0 resets)\n"), std::string::npos) << r.output;
  EXPECT_EQ(Rows(db(), causes), causes_before);
  EXPECT_EQ(Rows(db(), patterns), patterns_before);
  ExpectConsistent();
}

TEST_F(PruneTest, DurationCountsBackFromTheNewestRecord) {
  const CommandResult r = Prune("2h");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Pruned records before 2024-11-12T04:28:41.000Z (2h before the newest "
                          "record, 2024-11-12T06:28:41.000Z):"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(One(db(), "SELECT count(*), min(ts) FROM resets"), "2|2024-11-12T05:04:08.130Z");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM timeline WHERE ts < '2024-11-12T04:28:41.000Z'"), "0");
  ExpectConsistent();
  // Nothing older is left: a second run deletes nothing.
  const CommandResult again = Prune("2h");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("  records:   0 deleted (0 resets)\n"), std::string::npos)
      << again.output;
}

// Ids only grow: records imported after a prune that took the newest ids
// away get ids past every id the database has held, so a since-last-run
// report tells them from what it covered.
TEST_F(PruneTest, IdsOfPrunedRecordsAreNeverHandedOutAgain) {
  const std::string max_before = One(db(), "SELECT max(id) FROM events");
  // Everything is older than a cutoff in the future.
  const CommandResult r = Prune("2030-01-01");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(One(db(), "SELECT count(*) FROM events"), "0");
  std::system(("mkdir -p '" + dir_.path() + "/late' && printf '%s\\n' '2024-11-12T07:00:00Z "
               "host9 app[1]: hello' > '" + dir_.path() + "/late/app.log'").c_str());
  const CommandResult imported =
      Rstscope("import -q --db '" + db() + "' '" + dir_.path() + "/late'");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_EQ(One(db(), "SELECT count(*), min(id) FROM events"),
            "1|" + std::to_string(std::stoll(max_before) + 1));
}

TEST_F(PruneTest, BadCutoffIsAUsageError) {
  const CommandResult r = Prune("yesterday");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--before: expected a duration (30d, 12h) or a UTC time"),
            std::string::npos)
      << r.output;
  const CommandResult help = Rstscope("prune --help");
  EXPECT_EQ(help.exit_code, 0) << help.output;
  EXPECT_NE(help.output.find("counted back from the newest record"), std::string::npos)
      << help.output;
}

}  // namespace
}  // namespace rstscope::e2e
