// Bad input is data: one import of the whole hostile corpus plus one good
// file. Every bad input gets a message naming the file (and the member or
// line), the run exits 3 ("completed with problems"), and the good file and
// the readable parts of the bad ones are imported.
//
// The small inputs are checked in under tests/data/bad (README.md there says
// what each is); the big ones (a 50 MB line, a decompression bomb, a
// truncated .gz long enough to be read in part) and what git cannot hold (a
// symbolic link loop, an unreadable file) are made here.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

std::string SyslogLine(int i, const std::string& msg) {
  char ts[64];
  std::snprintf(ts, sizeof ts, "2024-11-12T01:%02d:%02d.000000+00:00", i / 60 % 60, i % 60);
  return std::string(ts) + " bad01 app[42]: " + msg + "\n";
}

void Sh(const std::string& cmd) { ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd; }

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bad_ = dir_.path() + "/bad";
    Sh("cp -r '" + std::string(RSTSCOPE_SOURCE_DIR) + "/tests/data/bad' '" + bad_ + "'");
    // A 50 MB line between two ordinary ones.
    {
      std::ofstream f(bad_ + "/huge-line.log", std::ios::binary);
      f << SyslogLine(0, "before") << SyslogLine(1, std::string(50 << 20, 'x'))
        << SyslogLine(2, "after");
    }
    // A decompression bomb: 1,100 gzip members of 1 MiB of 'A' each (gzip
    // readers go on through concatenated members), about 1 MB that expands
    // to 1.07 GiB, over both default limits (1 GiB, 100x).
    Sh("head -c 1048576 /dev/zero | tr '\\0' A | gzip -9n > '" + dir_.path() + "/member.gz'");
    {
      std::ifstream in(dir_.path() + "/member.gz", std::ios::binary);
      const std::string member((std::istreambuf_iterator<char>(in)), {});
      std::ofstream out(bad_ + "/bomb.log.gz", std::ios::binary);
      for (int i = 0; i < 1100; ++i) out << member;
    }
    // A truncated upload: the first half of the .gz of an 8,000-line log.
    {
      std::ofstream f(dir_.path() + "/long.log", std::ios::binary);
      for (int i = 0; i < 8000; ++i) {
        f << SyslogLine(i, "request " + std::to_string(i) + " served in " +
                               std::to_string(i * 7919 % 100000) + " ms");
      }
    }
    Sh("gzip -9n < '" + dir_.path() + "/long.log' > '" + dir_.path() + "/long.log.gz'");
    std::filesystem::resize_file(dir_.path() + "/long.log.gz",
                                 std::filesystem::file_size(dir_.path() + "/long.log.gz") / 2);
    std::filesystem::rename(dir_.path() + "/long.log.gz", bad_ + "/cut-upload.log.gz");
    // A directory that links back to itself.
    std::filesystem::create_directory_symlink(".", bad_ + "/loop");
    // A file nobody may read (root may anyway).
    std::ofstream(bad_ + "/unreadable.log") << SyslogLine(3, "locked away");
    ::chmod((bad_ + "/unreadable.log").c_str(), 0);
  }
  void TearDown() override { ::chmod((bad_ + "/unreadable.log").c_str(), 0644); }

  std::string db() const { return dir_.path() + "/t.db"; }

  TempDir dir_;
  std::string bad_;
};

constexpr char kGood[] = "sample-logs/oom-api/logs/batch01/var/log/syslog";

TEST_F(BadInputTest, WholeCorpusInOneRunReportsEachProblemAndImportsTheRest) {
  const CommandResult r =
      Rstscope("import -q --threads 2 --db '" + db() + "' '" + bad_ + "' " + kGood);
  ASSERT_EQ(r.exit_code, 3) << r.output;  // completed with problems: no crash

  const bool root = ::geteuid() == 0;
  std::vector<std::string> expected = {
      "loop|symbolic link loop: this directory is already being walked; not followed",
      "bomb.log.gz|line 1 is 1073741824 bytes long: cut to its first 1048576 (--max-line) and "
      "flagged truncated",
      "bomb.log.gz|decompression bomb: 1077529 compressed bytes expand to more than 1073741824 "
      "bytes (over 100x); the rest was not read (limits: --max-expanded-size, "
      "--max-expansion-ratio) (after line 1; the lines before it were imported)",
      "core.bin|binary content (control bytes in the first 4 KiB); not imported",
      "corrupt-member.tar|corrupt archive: Damaged tar archive (after 1 members)",
      "corrupt.zip!/logs/app.log|ZIP decompression failed (-3)",
      "cut-upload.log.gz|truncated gzip input (after line 3296; the lines before it were "
      "imported)",
      "huge-line.log|line 2 is 52428848 bytes long: cut to its first 1048576 (--max-line) and "
      "flagged truncated",
      "invalid-utf8.log|line 2 has NUL bytes or invalid UTF-8: replaced by U+FFFD and flagged (2 "
      "more lines like it)",
      "nested-20.tar.gz!/level02.tar!/level03.tar!/level04.tar!/level05.tar!/level06.tar!/"
      "level07.tar!/level08.tar!/level09.tar!/level10.tar!/level11.tar!/level12.tar!/level13.tar!/"
      "level14.tar!/level15.tar!/level16.tar!/level17.tar|archives nested deeper than 16 levels; "
      "this one was skipped",
      "nul-bytes.log|line 21 has NUL bytes or invalid UTF-8: replaced by U+FFFD and flagged (1 "
      "more lines like it)",
      "truncated.log.gz|cannot open archive: truncated gzip input",
  };
  // Root reads a mode 000 file like any other (it is imported below).
  if (!root) expected.push_back("unreadable.log|Permission denied");
  std::vector<std::string> got;
  for (std::string row : Rows(db(), "SELECT location, message FROM problems ORDER BY id")) {
    ASSERT_EQ(row.compare(0, bad_.size() + 1, bad_ + "/"), 0) << row;
    got.push_back(row.substr(bad_.size() + 1));
  }
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected);
  // The import output lists them too, each with its file.
  EXPECT_NE(r.output.find(bad_ + "/core.bin: binary content"), std::string::npos) << r.output;

  // The good file whole: 500 lines, 500 records, nothing unparsed.
  EXPECT_EQ(One(db(), std::string("SELECT status, lines, records, unparsed, truncated_lines "
                                  "FROM sources WHERE name = '") + kGood + "'"),
            "complete|500|500|0|0");
  EXPECT_EQ(One(db(), std::string("SELECT count(*), min(line), max(line), count(DISTINCT line) "
                                  "FROM timeline WHERE source = '") + kGood + "'"),
            "500|1|500|500");

  // What could be read of the bad files is in the timeline.
  auto source = [&](const std::string& name) {
    return One(db(), "SELECT container, status, lines, records, unparsed, truncated_lines FROM "
                     "sources WHERE name = '" + bad_ + "/" + name + "'");
  };
  EXPECT_EQ(source("huge-line.log"), "file|complete|3|3|0|1");
  EXPECT_EQ(One(db(), "SELECT length(message), d.truncated FROM timeline t JOIN event_details d "
                      "ON d.id = t.id WHERE source = '" + bad_ + "/huge-line.log' AND line = 2"),
            "1048528|1");  // 1 MiB less the 48 bytes of time, host and process before it
  EXPECT_EQ(source("cut-upload.log.gz"), "compressed|partial|3296|3295|1|0");
  EXPECT_EQ(source("invalid-utf8.log"), "file|complete|5|5|0|0");
  EXPECT_EQ(One(db(), "SELECT group_concat(message, ' / ') FROM timeline WHERE source = '" + bad_ +
                      "/invalid-utf8.log'"),
            "valid line / lone \xEF\xBF\xBD byte / cut \xEF\xBF\xBD seq / overlong \xEF\xBF\xBD "
            "slash / valid again");
  EXPECT_EQ(source("nul-bytes.log"), "file|complete|40|39|1|0");
  EXPECT_EQ(One(db(), "SELECT message FROM timeline WHERE source = '" + bad_ +
                      "/nul-bytes.log' AND line = 21"),
            "nul\xEF\xBF\xBDin\xEF\xBF\xBDthe\xEF\xBF\xBDmiddle");
  EXPECT_EQ(source("core.bin"), "file|skipped|8|0|0|0");
  EXPECT_EQ(source("corrupt-member.tar"), "archive|partial|0|0|0|0");
  EXPECT_EQ(source("corrupt-member.tar!/good.log"), "member|complete|1|1|0|0");
  EXPECT_EQ(source("bomb.log.gz"), "compressed|partial|1|0|1|1");
  // An empty file is no problem (rotation leaves them all the time): it is
  // a complete source of no lines.
  EXPECT_EQ(source("empty.log"), "file|complete|0|0|0|0");
  EXPECT_EQ(Rows(db(), "SELECT container, status, records FROM sources WHERE name = '" + bad_ +
                       "/unreadable.log'"),
            root ? std::vector<std::string>{"file|complete|1"} : std::vector<std::string>{});
  EXPECT_EQ(One(db(), "SELECT count(*) FROM sources WHERE name LIKE '%nested-20%'"), "16");

  // Timestamps: a year before 1970 is out of range; a date or time that does
  // not exist (month 13, February 30, hour 25) is a broken record of the
  // format: each is unparsed with its reason, never folded into the record
  // before it. 9999-12-31 is in range.
  EXPECT_EQ(source("bad-timestamps.log"), "file|complete|30|26|4|0");
  EXPECT_EQ(Rows(db(), "SELECT line, reason FROM unparsed WHERE source = '" + bad_ +
                       "/bad-timestamps.log'"),
            (std::vector<std::string>{
                "4|app_text: column 1: timestamp names no real date (month not in 1-12)",
                "6|app_text: column 1: timestamp names no real date (no such day in its month)",
                "8|app_text: column 1: timestamp names no real time (hour, minute or second out "
                "of range)",
                "11|app_text: column 1: timestamp out of range"}));
  EXPECT_EQ(One(db(), "SELECT ts FROM timeline WHERE source = '" + bad_ +
                      "/bad-timestamps.log' AND line = 10"),
            "9999-12-31T23:59:59.000Z");
  EXPECT_EQ(One(db(), "SELECT d.nlines FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE source = '" + bad_ + "/bad-timestamps.log' AND line = 3"),
            "1");
}

TEST_F(BadInputTest, ExpansionLimitIsAnOption) {
  // A lower size limit stops the bomb inside its first gzip member.
  const CommandResult r = Rstscope("import -q --max-expanded-size 1000000 --db '" + db() + "' '" +
                                   bad_ + "/bomb.log.gz'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_EQ(Rows(db(), "SELECT message FROM problems ORDER BY id"),
            (std::vector<std::string>{
                "decompression bomb: 1052 compressed bytes expand to more than 1000000 bytes "
                "(over 100x); the rest was not read (limits: --max-expanded-size, "
                "--max-expansion-ratio) (after line 1; the lines before it were imported)"}));
}

}  // namespace
}  // namespace rstscope::e2e
