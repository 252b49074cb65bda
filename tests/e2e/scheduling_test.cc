// contrib/rstscope-nightly.sh: the steps it chains, and the exit code that
// cron mail and systemd OnFailure= act on. The report step is stood in for
// by a shim that records its arguments and exits as told; every other
// command is the real binary. The last test runs the real report too.
#include <sys/wait.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

class NightlyScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(std::system(("mkdir -p '" + dir_.path() + "/logs'").c_str()), 0);
    std::ofstream(dir_.path() + "/logs/app.log")
        << "2024-11-05 14:00:01.000 +01:00 [ERR] Failed to push order 88231\n"
           "System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
           "closed by the remote host.\n"
           "2024-11-05 14:00:02.000 +01:00 [INF] Retrying order 88231\n";
    const std::string shim = dir_.path() + "/rstscope-shim";
    std::ofstream(shim)
        << "#!/bin/sh\n"
           "if [ \"$1\" = report ]; then\n"
           "  echo \"$*\" >> '" +
               dir_.path() +
               "/calls'\n"
               "  while [ $# -gt 0 ]; do [ \"$1\" = --out ] && echo report > \"$2\"; "
               "shift; done\n"
               "  exit \"${FAKE_REPORT_RC:-0}\"\n"
               "fi\n"
               "echo \"$1\" >> '" +
               dir_.path() +
               "/calls'\n"
               "exec '" RSTSCOPE_BINARY "' \"$@\"\n";
    ASSERT_EQ(std::system(("chmod +x '" + shim + "'").c_str()), 0);
  }
  int Run(const std::string& env) {
    const std::string cmd = "cd '" + std::string(RSTSCOPE_SOURCE_DIR) + "' && env RSTSCOPE='" +
                            dir_.path() + "/rstscope-shim' RSTSCOPE_DB='" + dir_.path() +
                            "/t.db' RSTSCOPE_LOGS='" + dir_.path() + "/logs' RSTSCOPE_REPORTS='" +
                            dir_.path() + "/reports' " + env +
                            " sh contrib/rstscope-nightly.sh > '" + dir_.path() + "/out' 2>&1";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::vector<std::string> Calls() {
    std::ifstream in(dir_.path() + "/calls");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  std::string Output() {
    std::ifstream in(dir_.path() + "/out");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  TempDir dir_;
};

TEST_F(NightlyScriptTest, ChainsImportCorrelateReportPruneAndExitsZero) {
  EXPECT_EQ(Run(""), 0) << Output();
  const std::vector<std::string> calls = Calls();
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0], "import");
  EXPECT_EQ(calls[1], "correlate");
  // The day's file: reports/rstscope-YYYY-MM-DD.html (UTC).
  const std::string prefix = "report --db " + dir_.path() +
                             "/t.db --since-last-run nightly --format html --out " + dir_.path() +
                             "/reports/rstscope-";
  ASSERT_EQ(calls[2].substr(0, prefix.size()), prefix) << calls[2];
  const std::string day = calls[2].substr(prefix.size());
  EXPECT_TRUE(std::regex_match(day, std::regex(R"(20\d\d-[01]\d-[0-3]\d\.html)"))) << day;
  std::ifstream written(dir_.path() + "/reports/rstscope-" + day);
  std::string content;
  EXPECT_TRUE(std::getline(written, content));
  EXPECT_EQ(content, "report");
  EXPECT_EQ(calls[3], "prune");
  EXPECT_EQ(One(dir_.path() + "/t.db", "SELECT count(*) FROM resets"), "1");
  EXPECT_EQ(One(dir_.path() + "/t.db", "SELECT cause FROM reset_causes"), "unexplained");
  // The second night finds nothing new.
  EXPECT_EQ(Run(""), 0) << Output();
  EXPECT_NE(Output().find("skipped:   1 sources already imported"), std::string::npos) << Output();
  EXPECT_EQ(One(dir_.path() + "/t.db", "SELECT count(*) FROM timeline"), "2");
}

TEST_F(NightlyScriptTest, FailOnMatchExitsFourAndStillPrunes) {
  EXPECT_EQ(Run("RSTSCOPE_FAIL_ON='unexplained>0' FAKE_REPORT_RC=4"), 4) << Output();
  const std::vector<std::string> calls = Calls();
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_NE(calls[2].find(" --fail-on unexplained>0"), std::string::npos) << calls[2];
  EXPECT_EQ(calls[3], "prune");
}

TEST_F(NightlyScriptTest, UnreadableInputExitsThreeAndAFailedReportStopsTheRun) {
  // A .gz that is not one: import reports it and imports the rest.
  std::ofstream(dir_.path() + "/logs/broken.log.gz") << "\x1f\x8b\x08 not really gzip";
  EXPECT_EQ(Run(""), 3) << Output();
  EXPECT_EQ(One(dir_.path() + "/t.db", "SELECT count(*) FROM timeline"), "2");
  // Problems and a --fail-on match: the match is what a person must see.
  EXPECT_EQ(Run("FAKE_REPORT_RC=4"), 4) << Output();
  // A report that fails: exit 1, no prune after it.
  ASSERT_EQ(std::system(("rm -f '" + dir_.path() + "/calls'").c_str()), 0);
  EXPECT_EQ(Run("FAKE_REPORT_RC=1"), 1) << Output();
  const std::vector<std::string> calls = Calls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0], "import");
  EXPECT_NE(Output().find("rstscope-nightly: report failed (exit 1)"), std::string::npos)
      << Output();
}

// The whole chain with the real report command: the first night reports
// the reset and the --fail-on condition on it; the second night has nothing
// new, so the same condition does not hold and nothing is reported twice.
TEST_F(NightlyScriptTest, RealReportCoversTheResetOnceAndAlertsOnce) {
  auto run = [&](const std::string& env) {
    const std::string cmd = "cd '" + std::string(RSTSCOPE_SOURCE_DIR) + "' && env RSTSCOPE='" +
                            RSTSCOPE_BINARY + "' RSTSCOPE_DB='" + dir_.path() +
                            "/t.db' RSTSCOPE_LOGS='" + dir_.path() + "/logs' RSTSCOPE_REPORTS='" +
                            dir_.path() + "/reports' " + env +
                            " sh contrib/rstscope-nightly.sh > '" + dir_.path() + "/out' 2>&1";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(run("RSTSCOPE_FAIL_ON='cause:unexplained>=1'"), 4) << Output();
  EXPECT_NE(Output().find("--fail-on cause:unexplained>=1 matched"), std::string::npos)
      << Output();
  EXPECT_EQ(Rows(dir_.path() + "/t.db", "SELECT name, runs FROM report_watermarks"),
            (std::vector<std::string>{"nightly|1"}));
  EXPECT_EQ(run("RSTSCOPE_FAIL_ON='cause:unexplained>=1'"), 0) << Output();
  EXPECT_EQ(Rows(dir_.path() + "/t.db", "SELECT name, runs FROM report_watermarks"),
            (std::vector<std::string>{"nightly|2"}));
}

}  // namespace
}  // namespace rstscope::e2e
