// The Markdown and JSON reports of every sample bundle, compared byte for
// byte with tests/golden/report/<bundle>.md and .json.
//
// After an intended change of the reports, refresh the golden files with
//   scripts/refresh-golden
// (it runs this test with RSTSCOPE_UPDATE_GOLDEN=1, which rewrites them)
// and review the diff before committing it.

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool Updating() {
  const char* v = std::getenv("RSTSCOPE_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Compares `got` with the golden file, or rewrites it when updating.
void CheckGolden(const std::string& golden, const std::string& got) {
  if (Updating()) {
    std::ofstream(golden, std::ios::binary) << got;
    return;
  }
  std::ifstream probe(golden);
  ASSERT_TRUE(probe.good()) << golden << " is missing: run scripts/refresh-golden";
  const std::string want = ReadAll(golden);
  if (want == got) return;
  // Name the first differing line, so that a failure is readable.
  std::istringstream a(want), b(got);
  std::string la, lb;
  int line = 0;
  while (true) {
    ++line;
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) break;
    if (la != lb || ha != hb) {
      FAIL() << golden << " differs at line " << line << ":\n  golden: " << (ha ? la : "<end>")
             << "\n  got:    " << (hb ? lb : "<end>")
             << "\n(after an intended change: scripts/refresh-golden)";
    }
  }
  FAIL() << golden << " differs";
}

class ReportGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportGoldenTest, MarkdownAndJsonMatchTheGoldenFiles) {
  const std::string bundle = "sample-logs/" + GetParam();
  TempDir tmp;
  const std::string db = tmp.path() + "/r.db";
  // One parse thread: record ids follow the input order, so the JSON's ids
  // are the same on every run.
  const CommandResult imported = Rstscope("import -q --threads 1 --db '" + db + "' --hosts " +
                                          bundle + "/hosts " + bundle + "/logs");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  const CommandResult correlated = Rstscope("correlate --db '" + db + "'");
  ASSERT_EQ(correlated.exit_code, 0) << correlated.output;

  const std::string golden_dir = std::string(RSTSCOPE_SOURCE_DIR) + "/tests/golden/report/";
  for (const std::string format : {"md", "json"}) {
    const std::string out = tmp.path() + "/report." + format;
    const CommandResult r =
        Rstscope("report --db '" + db + "' --format " + format + " --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output, "");  // nothing on stdout or stderr with --out
    CheckGolden(golden_dir + GetParam() + "." + format, ReadAll(out));
  }
}

INSTANTIATE_TEST_SUITE_P(Bundles, ReportGoldenTest,
                         ::testing::ValuesIn(SampleBundlesWith("hosts")),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ReportGoldenSetTest, EveryBundleHasItsGoldenFiles) {
  const std::vector<std::string> bundles = SampleBundlesWith("hosts");
  EXPECT_EQ(bundles.size(), 8u);
  for (const std::string& b : bundles) {
    for (const char* ext : {".md", ".json"}) {
      std::ifstream f(std::string(RSTSCOPE_SOURCE_DIR) + "/tests/golden/report/" + b + ext);
      EXPECT_TRUE(f.good()) << b << ext;
    }
  }
}

}  // namespace
}  // namespace rstscope::e2e
