// `rstscope report` as cron and alerting meet it: windows, --fail-on exit
// codes and their errors, and --since-last-run watermarks that cover every
// reset exactly once, late imports included, and that a failed run leaves
// alone.
#include <unistd.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kBundle[] = "sample-logs/oom-api";

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The resets a JSON report covers, as "source:line" plus " late" for late
// arrivals, from its "resets" array (the document's last member).
std::set<std::string> CoveredResets(const std::string& json) {
  std::set<std::string> out;
  const size_t at = json.find("\n  \"resets\": [");
  if (at == std::string::npos) return out;
  static const std::regex kEntry(
      "\"source\": \"([^\"]*)\",\\s*\"line\": (\\d+),[^}]*\"late\": (true|false)");
  const std::string tail = json.substr(at);
  for (std::sregex_iterator it(tail.begin(), tail.end(), kEntry), end; it != end; ++it) {
    out.insert((*it)[1].str() + ":" + (*it)[2].str() + ((*it)[3] == "true" ? " late" : ""));
  }
  return out;
}

// The oom-api bundle, imported and correlated once for the whole suite.
class ReportCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = dir_->path() + "/oom.db";
    const CommandResult imported = Rstscope("import -q --db '" + db_ + "' --hosts " +
                                            std::string(kBundle) + "/hosts " + kBundle + "/logs");
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    const CommandResult correlated = Rstscope("correlate --db '" + db_ + "'");
    ASSERT_EQ(correlated.exit_code, 0) << correlated.output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  // Runs `report` on the suite's database writing to a file, so that the
  // output holds only what goes to stderr.
  CommandResult Report(const std::string& args) {
    return Rstscope("report --db '" + db_ + "' --out '" + dir_->path() + "/out' " + args);
  }
  static TempDir* dir_;
  static std::string db_;
};
TempDir* ReportCliTest::dir_ = nullptr;
std::string ReportCliTest::db_;

TEST_F(ReportCliTest, FailOnExitsWithFourAndNamesEachConditionThatHeld) {
  const CommandResult one = Report("--fail-on 'unexplained>0'");
  EXPECT_EQ(one.exit_code, 4);
  EXPECT_EQ(one.output, "rstscope: --fail-on unexplained>0 matched (unexplained = 1)\n");

  const CommandResult two =
      Report("--fail-on 'resets==13, cause:oom_kill != 0,late>0' --fail-on 'explained<12'");
  EXPECT_EQ(two.exit_code, 4);
  EXPECT_EQ(two.output,
            "rstscope: --fail-on resets==13 matched (resets = 13)\n"
            "rstscope: --fail-on cause:oom_kill != 0 matched (cause:oom_kill = 12)\n");
  // The report is written all the same.
  EXPECT_NE(ReadAll(dir_->path() + "/out").find("**13 resets**: 12 explained, 1 unexplained."),
            std::string::npos);
}

TEST_F(ReportCliTest, FailOnConditionsThatDoNotHoldExitZero) {
  const CommandResult r = Report(
      "--fail-on 'resets>100' --fail-on 'cause:crash>=1,cause:oom_kill<12,unexplained>=2,"
      "patterns!=2,explained<=11'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "");
}

TEST_F(ReportCliTest, BadFailOnExpressionsAreUsageErrorsNamingThem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unexplained=>0",
       "rstscope: --fail-on 'unexplained=>0': unknown operator; use > >= < <= == or !=\n"},
      {"bogus>1",
       "rstscope: --fail-on 'bogus>1': unknown metric 'bogus'; use resets, explained, "
       "unexplained, late, patterns or cause:CAUSE with a cause of the vocabulary "
       "(cause:oom_kill)\n"},
      {"cause:oom>1",
       "rstscope: --fail-on 'cause:oom>1': unknown metric 'cause:oom'; use resets, explained, "
       "unexplained, late, patterns or cause:CAUSE with a cause of the vocabulary "
       "(cause:oom_kill)\n"},
      {"resets>", "rstscope: --fail-on 'resets>': expected a non-negative whole number after >\n"},
      {"resets>-1",
       "rstscope: --fail-on 'resets>-1': expected a non-negative whole number after >\n"},
      {">5", "rstscope: --fail-on '>5': no metric before >\n"},
      {"resets",
       "rstscope: --fail-on 'resets': expected METRIC OP NUMBER, e.g. unexplained>0 "
       "or cause:oom_kill>=1\n"},
      {"resets>1,", "rstscope: --fail-on '': empty condition\n"},
  };
  for (const auto& [expr, message] : cases) {
    const CommandResult r = Report("--fail-on '" + expr + "'");
    EXPECT_EQ(r.exit_code, 2) << expr;
    EXPECT_EQ(r.output, message) << expr;
  }
}

TEST_F(ReportCliTest, SinceCoversTheDurationBeforeUntil) {
  // (14:05, 15:05]: the 3 resets after the 14:11 kill and the 5 after 15:03.
  const CommandResult r = Report("--format json --since 1h --until 2024-11-05T15:05:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string json = ReadAll(dir_->path() + "/out");
  EXPECT_NE(json.find("\"after\": \"2024-11-05T14:05:00.000Z\",\n    \"through\": "
                      "\"2024-11-05T15:05:00.000Z\""),
            std::string::npos)
      << json.substr(0, 600);
  EXPECT_NE(json.find("\"totals\": {\n    \"resets\": 8,\n    \"explained\": 8,\n    "
                      "\"unexplained\": 0,"),
            std::string::npos)
      << json.substr(0, 600);
  const CommandResult between =
      Report("--from '2024-11-05 15:40' --until @1730821500 --fail-on 'resets!=1'");
  EXPECT_EQ(between.exit_code, 0) << between.output;  // only the unexplained 15:41:22 reset
  // A time copied from the timeline's `ts` column, fraction and all: the reset
  // is at 15:41:22.734.
  const CommandResult copied =
      Report("--from 2024-11-05T15:40:00.000Z --until 2024-11-05T15:41:22.734Z --fail-on 'resets!=1'");
  EXPECT_EQ(copied.exit_code, 0) << copied.output;
  const CommandResult before =
      Report("--from 2024-11-05T15:40:00.000Z --until 2024-11-05T15:41:22.733Z --fail-on 'resets!=0'");
  EXPECT_EQ(before.exit_code, 0) << before.output;
}

TEST_F(ReportCliTest, AnEmptyWindowIsAShortReportNotAnError) {
  const CommandResult r = Report("--until 2000-01-01 --fail-on 'resets>0'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(ReadAll(dir_->path() + "/out"),
            "# rstscope report\n\nResets with times up to 2000-01-01T00:00:00.000Z.\n\n"
            "**0 resets**: 0 explained, 0 unexplained.\n");
}

TEST_F(ReportCliTest, BadWindowsAndFormatsAreUsageErrors) {
  struct Case {
    std::string args, message;
  };
  const std::vector<Case> cases = {
      {"--since soon",
       "rstscope: --since: expected a duration such as 24h, 7d or 90m, not 'soon'\n"},
      {"--until yesterday",
       "rstscope: --until: expected a UTC time such as 2024-11-05T14:00:00Z or @1730815200, not "
       "'yesterday'\n"},
      {"--from 2024-11-05T25:00",
       "rstscope: --from: expected a UTC time such as "
       "2024-11-05T14:00:00Z or @1730815200, not '2024-11-05T25:00'\n"},
      {"--since 1h --since-last-run n",
       "rstscope: --since-last-run cannot be combined with --since or --from\n"},
      {"--since 1h --from 2024-11-05",
       "rstscope: --since and --from both set the start of the "
       "window: give one\n"},
      {"--from 2024-11-06 --until 2024-11-05",
       "rstscope: the window is empty: its start 2024-11-06T00:00:00.000Z is not before its end "
       "2024-11-05T00:00:00.000Z\n"},
      {"--format pdf", "rstscope: --format must be md, html or json, not 'pdf'\n"},
  };
  for (const Case& c : cases) {
    const CommandResult r = Report(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(r.output, c.message) << c.args;
  }
}

TEST_F(ReportCliTest, HelpExplainsWindowsConditionsAndExitCodes) {
  const CommandResult help = Rstscope("report --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* text :
       {"--since-last-run", "late arrivals", "--fail-on", "cause:oom_kill",
        "Exit codes: 0 report written", "locked by a\nrunning import",
        "4 a --fail-on condition held (report written)", "--format", "self-contained"}) {
    EXPECT_NE(help.output.find(text), std::string::npos) << text;
  }
  const CommandResult top = Rstscope("--help");
  EXPECT_NE(top.output.find("4  report: a --fail-on condition matched"), std::string::npos);
}

TEST(ReportErrorsTest, MissingOrUncorrelatedDatabaseFails) {
  TempDir dir;
  const CommandResult missing = Rstscope("report --db " + dir.path() + "/none.db");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.output, "rstscope: " + dir.path() +
                                "/none.db: no such database (create it with rstscope import)\n");
  const std::string db = dir.path() + "/t.db";
  ASSERT_EQ(Rstscope("import -q --db " + db + " " + kBundle + "/logs/client01").exit_code, 0);
  const CommandResult uncorrelated = Rstscope("report --db " + db);
  EXPECT_EQ(uncorrelated.exit_code, 1);
  EXPECT_EQ(uncorrelated.output, "rstscope: " + db +
                                     " has no correlation results yet: run rstscope correlate "
                                     "--db " +
                                     db + "\n");
}

// A client log written after the first reports ran, with one reset older
// than the first report's end (a late arrival) and one newer than every
// report so far.
constexpr char kLateLog[] =
    "2024/11/05 13:49:00.000000 sync: started, target 10.9.9.8:443\n"
    "2024/11/05 13:50:00.000000 sync: read tcp 10.9.9.9:40000->10.9.9.8:443: read: "
    "connection reset by peer\n"
    "2024/11/05 16:09:00.000000 sync: retrying\n"
    "2024/11/05 16:10:00.000000 sync: read tcp 10.9.9.9:40001->10.9.9.8:443: read: "
    "connection reset by peer\n";

TEST(ReportSinceLastRunTest, ConsecutiveRunsCoverEveryResetOnceLateImportsIncluded) {
  TempDir dir;
  const std::string db = dir.path() + "/w.db";
  ASSERT_EQ(Rstscope("import -q --db " + db + " --hosts " + kBundle + "/hosts " + kBundle + "/logs")
                .exit_code,
            0);
  ASSERT_EQ(Rstscope("correlate --db " + db).exit_code, 0);
  const std::string client =
      std::string(kBundle) + "/logs/client01/OrderSync/logs/ordersync-20241105.log:";
  auto run = [&](const std::string& until, const std::string& extra = "") {
    const std::string out = dir.path() + "/r.json";
    std::remove(out.c_str());
    const CommandResult r = Rstscope("report --db " + db + " --since-last-run nightly --until " +
                                     until + " --format json --out " + out + " " + extra);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 4) << r.output;
    return CoveredResets(ReadAll(out));
  };

  // Run 1, up to 14:30: the bursts after the 13:22 and 14:11 kills. A
  // --fail-on that holds still advances the watermark.
  const CommandResult first = Rstscope("report --db " + db +
                                       " --since-last-run nightly --until 2024-11-05T14:30:00Z "
                                       "--format json --out " +
                                       dir.path() + "/r1.json --fail-on 'resets>0'");
  EXPECT_EQ(first.exit_code, 4) << first.output;
  const std::set<std::string> r1 = CoveredResets(ReadAll(dir.path() + "/r1.json"));
  EXPECT_EQ(r1,
            (std::set<std::string>{client + "146", client + "166", client + "186", client + "206",
                                   client + "266", client + "286", client + "306"}));

  // A run whose output cannot be written fails and leaves the watermark.
  const std::string before = One(db,
                                 "SELECT through_us, max_event_id, runs FROM "
                                 "report_watermarks WHERE name = 'nightly'");
  const CommandResult failed = Rstscope("report --db " + db +
                                        " --since-last-run nightly --until 2024-11-05T15:30:00Z "
                                        "--out " +
                                        dir.path() + "/no/such/dir/r.md");
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.output.find("the watermark of 'nightly' is unchanged"), std::string::npos)
      << failed.output;
  EXPECT_EQ(One(db,
                "SELECT through_us, max_event_id, runs FROM report_watermarks WHERE name = "
                "'nightly'"),
            before);

  // Run 2, up to 15:30: the burst after the 15:03 kill, nothing of run 1.
  const std::set<std::string> r2 = run("2024-11-05T15:30:00Z");
  EXPECT_EQ(r2, (std::set<std::string>{client + "380", client + "400", client + "420",
                                       client + "440", client + "460"}));

  // A late import: one reset before run 1's end, one after run 2's.
  const std::string late = dir.path() + "/late/sync.log";
  ASSERT_EQ(std::system(("mkdir -p " + dir.path() + "/late").c_str()), 0);
  std::ofstream(late) << kLateLog;
  const CommandResult imported =
      Rstscope("import -q --db " + db + " --host client09 --format go_log " + late);
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(Rstscope("correlate --db " + db).exit_code, 0);

  // Run 3, up to 17:00: the 15:41 reset, the new 16:10 one, and the 13:50
  // one as a late arrival.
  const std::set<std::string> r3 = run("2024-11-05T17:00:00Z");
  EXPECT_EQ(r3, (std::set<std::string>{client + "539", late + ":4", late + ":2 late"}));

  // Run 4: nothing new.
  EXPECT_EQ(run("2024-11-05T18:00:00Z"), std::set<std::string>{});

  // Together, every reset of the database exactly once.
  std::multiset<std::string> covered;
  for (const auto* set : {&r1, &r2, &r3}) {
    for (std::string s : *set) {
      if (s.size() > 5 && s.substr(s.size() - 5) == " late") s.resize(s.size() - 5);
      covered.insert(s);
    }
  }
  const std::vector<std::string> all = Rows(db, "SELECT source || ':' || line FROM resets");
  EXPECT_EQ(covered, std::multiset<std::string>(all.begin(), all.end()));
  EXPECT_EQ(One(db, "SELECT runs FROM report_watermarks WHERE name = 'nightly'"), "4");

  // An --until before the watermark is refused.
  const CommandResult back =
      Rstscope("report --db " + db + " --since-last-run nightly --until 2024-11-05T12:00:00Z");
  EXPECT_EQ(back.exit_code, 2);
  EXPECT_EQ(back.output,
            "rstscope: --until 2024-11-05T12:00:00Z is before the end of the last "
            "run of 'nightly' (2024-11-05T18:00:00.000Z)\n");
}

TEST(ReportSinceLastRunTest, RunWhileAnImportHoldsTheLockFailsAndLeavesNoWatermark) {
  TempDir dir;
  const std::string db = dir.path() + "/l.db";
  ASSERT_EQ(Rstscope("import -q --db " + db + " --hosts " + kBundle + "/hosts " + kBundle + "/logs")
                .exit_code,
            0);
  ASSERT_EQ(Rstscope("correlate --db " + db).exit_code, 0);
  // Hold the write lock as an import would (flock(1) takes the same flock).
  const std::string pid_file = dir.path() + "/holder.pid";
  ASSERT_EQ(std::system(
                ("flock " + db + ".lock sleep 10 >/dev/null 2>&1 & echo $! > " + pid_file).c_str()),
            0);
  bool held = false;
  for (int i = 0; i < 100 && !held; ++i) {
    held = std::system(("flock -n " + db + ".lock true").c_str()) != 0;
    if (!held) ::usleep(50'000);
  }
  ASSERT_TRUE(held) << "the lock holder did not start";
  const CommandResult r =
      Rstscope("report --db " + db + " --since-last-run nightly --out " + dir.path() + "/r.md");
  std::system(("kill $(cat " + pid_file + ") 2>/dev/null").c_str());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "rstscope: another rstscope import or correlate is writing to " + db +
                          "; wait for it to finish (lock: " + db + ".lock)\n");
  EXPECT_EQ(One(db, "SELECT count(*) FROM report_watermarks"), "0");
  std::ifstream out(dir.path() + "/r.md");
  EXPECT_FALSE(out.good());
}

}  // namespace
}  // namespace rstscope::e2e
