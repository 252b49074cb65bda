// For every sample bundle with expected answers (sample-logs/*/expected-causes.tsv
// and expected-skew.tsv, written by the bundle's generator from what it
// generated): import its logs with its hosts file, run `rstscope correlate`,
// and check the cause, server host and cause event of every reset, and each
// host's clock offset within one second.

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, '\t')) cells.push_back(cell);
    if (!line.empty() && line.back() == '\t') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

class CorrelationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorrelationTest, EveryResetGetsItsExpectedCauseAndEveryClockItsOffset) {
  const std::string bundle = "sample-logs/" + GetParam();
  const std::string dir = std::string(RSTSCOPE_SOURCE_DIR) + "/" + bundle;
  TempDir tmp;
  const std::string db = tmp.path() + "/c.db";
  const CommandResult imported =
      Rstscope("import -q --db '" + db + "' --hosts " + bundle + "/hosts " + bundle + "/logs");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const CommandResult correlated = Rstscope("correlate --db '" + db + "'");
  ASSERT_EQ(correlated.exit_code, 0) << correlated.output;

  // Causes, one row per reset.
  const auto expected = ReadTsv(dir + "/expected-causes.tsv");
  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(expected[0], (std::vector<std::string>{"reset_source", "reset_line", "cause",
                                                   "server_host", "cause_source",
                                                   "cause_line"}));
  std::vector<std::string> want;
  for (size_t i = 1; i < expected.size(); ++i) {
    ASSERT_EQ(expected[i].size(), 6u) << "expected-causes.tsv row " << i;
    const auto& r = expected[i];
    want.push_back(r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5]);
  }
  std::sort(want.begin(), want.end());
  std::vector<std::string> got =
      Rows(db,
           "SELECT r.source, r.line, c.cause, COALESCE(c.server_host, ''), "
           "COALESCE(t.source, ''), COALESCE(t.line, '') FROM resets r "
           "LEFT JOIN reset_causes c ON c.reset_id = r.id "
           "LEFT JOIN timeline t ON t.id = c.cause_event_id");
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, want);

  // Every reset has exactly one row, with a confidence and an evidence sentence.
  EXPECT_EQ(Rows(db,
                 "SELECT count(*) FROM resets r WHERE (SELECT count(*) FROM reset_causes c "
                 "WHERE c.reset_id = r.id) != 1 OR r.id IN (SELECT reset_id FROM reset_causes "
                 "WHERE confidence NOT BETWEEN 0 AND 1 OR evidence = '')"),
            (std::vector<std::string>{"0"}));

  // Clock offsets within one second.
  const auto skew = ReadTsv(dir + "/expected-skew.tsv");
  ASSERT_FALSE(skew.empty());
  ASSERT_EQ(skew[0], (std::vector<std::string>{"host", "offset_ms"}));
  std::map<std::string, long> offsets;
  for (const std::string& row : Rows(db, "SELECT host, offset_ms FROM clock_offsets")) {
    const size_t bar = row.find('|');
    offsets[row.substr(0, bar)] = std::stol(row.substr(bar + 1));
  }
  for (size_t i = 1; i < skew.size(); ++i) {
    ASSERT_EQ(skew[i].size(), 2u) << "expected-skew.tsv row " << i;
    const long want_ms = std::stol(skew[i][1]);
    const long got_ms = offsets.count(skew[i][0]) ? offsets[skew[i][0]] : 0;
    EXPECT_LE(std::abs(got_ms - want_ms), 1000)
        << skew[i][0] << ": expected " << want_ms << " ms, estimated " << got_ms << " ms";
  }

  // Running it again replaces the results: same rows, no duplicates.
  const CommandResult again = Rstscope("correlate --db '" + db + "'");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  std::vector<std::string> got_again =
      Rows(db,
           "SELECT r.source, r.line, c.cause, COALESCE(c.server_host, ''), "
           "COALESCE(t.source, ''), COALESCE(t.line, '') FROM resets r "
           "LEFT JOIN reset_causes c ON c.reset_id = r.id "
           "LEFT JOIN timeline t ON t.id = c.cause_event_id");
  std::sort(got_again.begin(), got_again.end());
  EXPECT_EQ(got_again, got);
}

// Enrichment on oom-api: the application's own "Memory pressure" warning,
// which no rule classifies, precedes the OOM incidents and is the one lead;
// the kernel's OOM report lines around the kill are the kill's context.
TEST(EnrichmentTest, OomApiMemoryPressureWarningIsTheLeadBeforeResets) {
  TempDir tmp;
  const std::string db = tmp.path() + "/c.db";
  const CommandResult imported = Rstscope("import -q --db '" + db +
                                          "' --hosts sample-logs/oom-api/hosts "
                                          "sample-logs/oom-api/logs");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const CommandResult correlated = Rstscope("correlate --db '" + db + "'");
  ASSERT_EQ(correlated.exit_code, 0) << correlated.output;
  EXPECT_NE(correlated.output.find("Messages over-represented in the 30 s before resets"),
            std::string::npos)
      << correlated.output;
  EXPECT_EQ(Rows(db, "SELECT d.host, d.template, d.reset_windows, d.reset_windows_with, "
                     "d.control_windows, d.control_windows_with, t.source, t.line "
                     "FROM template_lift_details d JOIN timeline t ON t.id = d.example_event_id"),
            (std::vector<std::string>{
                "api01|Memory pressure: working set {WorkingSetMB} MB of {LimitMB} MB limit "
                "({Percent:0.0}%), GC heap {HeapMB} MB, gen2 collections {Gen2Count}|4|3|400|6|"
                "sample-logs/oom-api/logs/api01/api01-logs.tar.gz!/var/log/orders-api/api.json|"
                "280"}));
}

INSTANTIATE_TEST_SUITE_P(SampleBundles, CorrelationTest,
                         ::testing::ValuesIn(SampleBundlesWith("expected-causes.tsv")),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace rstscope::e2e
