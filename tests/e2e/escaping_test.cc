// Log text is data, never code: control sequences a log line (or a file
// name) carries do not reach a terminal raw, spreadsheet formulas in CSV are
// neutralized, and SQL or printf directives inside messages stay text.
#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

// An OSC window-title sequence with BEL, a clear-screen CSI and a C1 CSI
// (U+009B), in a reset's message.
constexpr char kHostile[] =
    "Nov  3 10:00:00 web01 app[1]: GET /api failed: read tcp 10.0.0.1:5000->10.0.0.2:443: read: "
    "connection reset by peer \x1b]0;pwned\x07 \x1b[2J \xc2\x9bx end\n"
    "Nov  3 10:00:01 web01 app[1]: =HYPERLINK(\"http://x\",\"y\") %s%n%x\n"
    "Nov  3 10:00:02 web01 app[1]: x'; DROP TABLE events; --\n";

constexpr char kShownMessage[] =
    "GET /api failed: read tcp 10.0.0.1:5000->10.0.0.2:443: read: connection reset by peer "
    "\\x1b]0;pwned\\x07 \\x1b[2J \\u009bx end";

class EscapingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    logs_ = dir_.path() + "/logs";
    ASSERT_EQ(::mkdir(logs_.c_str(), 0755), 0);
    // The file's name carries a clear-screen sequence too.
    file_ = logs_ + "/evil\x1b[2J.log";
    std::FILE* f = std::fopen(file_.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs(kHostile, f);
    std::fclose(f);
    db_ = dir_.path() + "/t.db";
    ASSERT_EQ(Rstscope("import -q --db '" + db_ + "' '" + logs_ + "'").exit_code, 0);
    ASSERT_EQ(Rstscope("correlate --db '" + db_ + "'").exit_code, 0);
  }

  CommandResult Query(const std::string& format, const std::string& sql) {
    return Rstscope("query --db '" + db_ + "' --format " + format + " \"" + sql + "\"");
  }

  TempDir dir_;
  std::string logs_, file_, db_;
};

TEST_F(EscapingTest, TableOutputShowsControlCharactersAsText) {
  const CommandResult r = Query("table", "SELECT message FROM resets");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // (The rule under the header stops at 80 columns.)
  EXPECT_EQ(r.output, "message\n" + std::string(80, '-') + "\n" + kShownMessage + "\n");
}

TEST_F(EscapingTest, SummaryAndDetectAndErrorsShowControlCharactersAsText) {
  const CommandResult summary = Rstscope("summary --db '" + db_ + "'");
  EXPECT_EQ(summary.exit_code, 0);
  EXPECT_EQ(summary.output.find('\x1b'), std::string::npos) << summary.output;
  EXPECT_NE(summary.output.find("\\x1b]0;pwned\\x07"), std::string::npos) << summary.output;

  const CommandResult detect = Rstscope("detect '" + logs_ + "'");
  EXPECT_EQ(detect.exit_code, 0);
  EXPECT_EQ(detect.output.substr(0, detect.output.find('\n')), logs_ + "/evil\\x1b[2J.log");

  const CommandResult missing = Rstscope("import -q --db '" + db_ + "' '" + logs_ + "/no\x1b[31mpe'");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.output.find('\x1b'), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find(logs_ + "/no\\x1b[31mpe: No such file or directory"),
            std::string::npos)
      << missing.output;
}

TEST_F(EscapingTest, CsvKeepsTheBytesAndNeutralizesFormulas) {
  const CommandResult r = Query("csv", "SELECT message FROM timeline ORDER BY ts_us");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "message\r\n"
            "GET /api failed: read tcp 10.0.0.1:5000->10.0.0.2:443: read: connection reset by peer "
            "\x1b]0;pwned\x07 \x1b[2J \xc2\x9bx end\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\") %s%n%x\"\r\n"
            "x'; DROP TABLE events; --\r\n");
  // The SQL in the message stayed text.
  EXPECT_EQ(One(db_, "SELECT count(*) FROM events"), "3");
}

TEST_F(EscapingTest, JsonEscapesControlCharacters) {
  const CommandResult r = Query("ndjson", "SELECT message FROM resets");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "{\"message\":\"GET /api failed: read tcp 10.0.0.1:5000->10.0.0.2:443: read: "
            "connection reset by peer \\u001b]0;pwned\\u0007 \\u001b[2J \xc2\x9bx end\"}\n");
}

TEST_F(EscapingTest, MarkdownReportShowsControlCharactersAsText) {
  const CommandResult r = Rstscope("report --db '" + db_ + "' --format md");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find('\x1b'), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("\xc2\x9b"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("`" + logs_ + "/evil\\x1b[2J.log:1`, peer unknown\n  `" +
                          kShownMessage + "`\n"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace rstscope::e2e
