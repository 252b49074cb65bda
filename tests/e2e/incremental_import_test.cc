// Scheduled imports of a log directory that is being written to: each run
// adds exactly the lines that are new since the last one, whatever the
// rotation did to the file names (app.log -> app.log.1 -> app.log.2.gz).
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

// Serilog text lines, one record each, at 14:00:NN local time (+01:00).
std::string Rec(int n, const std::string& what = "") {
  char buf[128];
  std::snprintf(buf, sizeof buf, "2024-11-05 14:%02d:%02d.000 +01:00 [INF] message %d%s", n / 60,
                n % 60, n, what.c_str());
  return buf;
}

class IncrementalImportTest : public ::testing::Test {
 protected:
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(logs() + "/" + rel, std::ios::binary | std::ios::trunc) << content;
  }
  void Append(const std::string& rel, const std::string& content) {
    std::ofstream(logs() + "/" + rel, std::ios::binary | std::ios::app) << content;
  }
  void Sh(const std::string& cmd) {
    ASSERT_EQ(std::system(("cd '" + logs() + "' && " + cmd).c_str()), 0) << cmd;
  }
  CommandResult Import(const std::string& db, const std::string& path) {
    CommandResult r = Rstscope("import -q --host client01 --db '" + db + "' '" + path + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r;
  }
  std::string logs() const { return dir_.path() + "/logs"; }
  std::string db() const { return dir_.path() + "/t.db"; }
  // Each record as source name (relative to logs/):line: message.
  std::vector<std::string> Records(const std::string& db_path) {
    std::vector<std::string> out;
    for (const std::string& r : Rows(db_path, "SELECT replace(source, '" + logs() +
                                                  "/', ''), line, message "
                                                  "FROM timeline ORDER BY id")) {
      out.push_back(r);
    }
    return out;
  }
  TempDir dir_;
  bool made_ = (std::system(("mkdir -p '" + dir_.path() + "/logs'").c_str()) == 0);
};

TEST_F(IncrementalImportTest, RotatingDirectoryAddsExactlyTheNewLines) {
  ASSERT_TRUE(made_);
  // 1. app.log with 5 records (the 2nd has a stack trace line) and a last
  //    line still being written.
  Write("app.log", Rec(1) + "\n" + Rec(2, " failed") + "\n" +
                       "System.Net.Sockets.SocketException (10054): An existing connection was "
                       "forcibly closed by the remote host.\n" +
                       Rec(3) + "\n" + Rec(4) + "\n" + Rec(5) + "\n" + Rec(6, " first half"));
  CommandResult r = Import(db(), logs());
  EXPECT_NE(r.output.find("Imported 6 lines"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("new:       1 sources read from their first line"), std::string::npos)
      << r.output;
  EXPECT_EQ(Records(db()), (std::vector<std::string>{
                               "app.log|1|message 1",
                               "app.log|2|message 2 failed\nSystem.Net.Sockets.SocketException "
                               "(10054): An existing connection was forcibly closed by the "
                               "remote host.",
                               "app.log|4|message 3",
                               "app.log|5|message 4",
                               "app.log|6|message 5",
                           }));
  EXPECT_EQ(One(db(), "SELECT count(*) FROM resets"), "1");

  // 2. The last line is finished, three more follow, and again a partial one.
  Append("app.log",
         " second half\n" + Rec(7) + "\n" + Rec(8) + "\n" + Rec(9) + "\n" + Rec(10, " not yet"));
  r = Import(db(), logs());
  // The first import's last record (line 6) is read again, in case lines of
  // it came later, and replaces the one imported before.
  EXPECT_NE(r.output.find("Imported 5 lines"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("continued: 1 sources read on where an earlier import ended\n    " +
                          logs() + "/app.log: lines 6-10 (going on from " + logs() + "/app.log)"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(Rows(db(), "SELECT line, message FROM timeline WHERE id > 4 ORDER BY id"),
            (std::vector<std::string>{"6|message 5", "7|message 6 first half second half",
                                      "8|message 7", "9|message 8", "10|message 9"}));

  // 3. Rotation: app.log is finished and renamed app.log.1; a new app.log.
  Append("app.log", " now done\n" + Rec(11) + "\n");
  Sh("mv app.log app.log.1");
  Write("app.log", Rec(12) + "\n" + Rec(13) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("new:       1 sources"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("/app.log.1: lines 10-12 (going on from " + logs() + "/app.log)"),
            std::string::npos)
      << r.output;
  // New ids for new records; record 9, read again as the last record of the
  // previous import, keeps its id (and is now app.log.1's).
  EXPECT_EQ(Rows(db(), "SELECT replace(source, '" + logs() +
                           "/', ''), line, message FROM "
                           "timeline WHERE id > 9 ORDER BY source, line"),
            (std::vector<std::string>{"app.log|1|message 12", "app.log|2|message 13",
                                      "app.log.1|11|message 10 not yet now done",
                                      "app.log.1|12|message 11"}));
  EXPECT_EQ(One(db(), "SELECT replace(source, '" + logs() +
                          "/', '') || ':' || line FROM timeline WHERE id = 9"),
            "app.log.1:10");

  // 4. The next rotation compresses: app.log.1 -> app.log.2.gz (nothing new
  //    in it), app.log (one more line) -> app.log.1, and a new app.log.
  Sh("gzip -n app.log.1 && mv app.log.1.gz app.log.2.gz");
  Append("app.log", Rec(14) + "\n");
  Sh("mv app.log app.log.1");
  Write("app.log", Rec(15) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("Imported 3 lines"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("/app.log.1: lines 2-3 (going on from " + logs() + "/app.log)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("skipped:   1 sources already imported"), std::string::npos) << r.output;
  EXPECT_EQ(One(db(),
                "SELECT s.container || ' ' || s.status || ' ' || d.name FROM sources s "
                "JOIN sources d ON d.id = s.duplicate_of WHERE s.name LIKE '%.gz'"),
            "compressed duplicate " + logs() + "/app.log.1");

  // 5. Nothing changed: nothing is added.
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("Imported 0 lines"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("skipped:   3 sources already imported"), std::string::npos) << r.output;

  // Every line once: the same records as one import of everything that was
  // written, in order.
  Sh("(zcat app.log.2.gz; cat app.log.1 app.log) > ../all.log");
  const std::string once = dir_.path() + "/once.db";
  Import(once, dir_.path() + "/all.log");
  const std::string sql = "SELECT ts, kind, message FROM timeline ORDER BY ts_us, message";
  EXPECT_EQ(Rows(db(), sql), Rows(once, sql));
  EXPECT_EQ(One(db(), "SELECT count(*), count(DISTINCT message) FROM timeline"), "15|15");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM unparsed"), "0");
  EXPECT_EQ(One(once, "SELECT count(*) FROM unparsed"), "0");
  // The import's bookkeeping: lines of the sources that were read add up to
  // the records' lines.
  EXPECT_EQ(One(db(), "SELECT sum(lines) FROM sources WHERE status = 'complete'"), "16");
  EXPECT_EQ(One(db(), "SELECT sum(nlines) FROM event_details"), "16");
}

TEST_F(IncrementalImportTest, TruncatedOrReplacedFileIsReadFromItsFirstLine) {
  ASSERT_TRUE(made_);
  Write("app.log", Rec(1) + "\n" + Rec(2) + "\n" + Rec(3) + "\n");
  Import(db(), logs());
  // copytruncate: the file starts again, shorter than what was imported.
  Write("app.log", Rec(4) + "\n");
  CommandResult r = Import(db(), logs());
  EXPECT_NE(r.output.find("new:       1 sources read from their first line"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("continued:"), std::string::npos) << r.output;
  // It grows: it goes on after its first line.
  Append("app.log", Rec(5) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("/app.log: lines 1-2 (going on from"), std::string::npos) << r.output;
  // Replaced by a longer file whose second line differs from the one
  // imported: the hash of the imported bytes does not match, so all of it
  // is new, from line 1 (its first line was written again).
  Write("app.log", Rec(4) + "\n" + Rec(6) + "\n" + Rec(7) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("new:       1 sources read from their first line"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("continued:"), std::string::npos) << r.output;
  Append("app.log", Rec(8) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("/app.log: lines 3-4 (going on from"), std::string::npos) << r.output;
  EXPECT_EQ(Rows(db(), "SELECT line, message FROM timeline ORDER BY id"),
            (std::vector<std::string>{"1|message 1", "2|message 2", "3|message 3", "1|message 4",
                                      "2|message 5", "1|message 4", "2|message 6", "3|message 7",
                                      "4|message 8"}));
  EXPECT_EQ(Rows(db(),
                 "SELECT source_id, continues_id, first_line, lines, superseded FROM "
                 "import_cursors ORDER BY source_id"),
            (std::vector<std::string>{"1|NULL|1|3|0", "2|NULL|1|1|1", "3|2|1|2|0", "4|NULL|1|3|1",
                                      "5|4|3|4|0"}));
}

TEST_F(IncrementalImportTest, ContinuedW3cLogKeepsTheColumnsOfItsFieldsDirective) {
  ASSERT_TRUE(made_);
  // Columns that are not one of IIS's default sets: rows mean something only
  // after the #Fields line, which the run that reads the new rows skips.
  Write("u_ex241112.log",
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
        "#Date: 2024-11-12 00:00:00\r\n"
        "#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken\r\n"
        "2024-11-12 00:00:01 203.0.113.9 GET /a 200 15\r\n");
  Import(db(), logs());
  Append("u_ex241112.log", "2024-11-12 00:00:03 203.0.113.11 POST /c 200 7\r\n");
  const CommandResult r = Import(db(), logs());
  EXPECT_NE(r.output.find("u_ex241112.log: lines 5-6 (going on from"), std::string::npos)
      << r.output;
  EXPECT_EQ(One(db(), "SELECT line, ts, src_ip, format, message FROM timeline WHERE line = 6"),
            "6|2024-11-12T00:00:03.000Z|203.0.113.11|iis_w3c|203.0.113.11 POST /c 200 7");
  EXPECT_EQ(One(db(), "SELECT format_reason FROM sources WHERE id = 2"),
            "as for lines 1-4 (imported from " + logs() + "/u_ex241112.log)");
  const std::string once = dir_.path() + "/once.db";
  Import(once, logs() + "/u_ex241112.log");
  const std::string sql = "SELECT line, ts, src_ip, kind, message FROM timeline ORDER BY line";
  EXPECT_EQ(Rows(db(), sql), Rows(once, sql));
  EXPECT_EQ(One(db(), "SELECT count(*) FROM unparsed WHERE reason = 'directive'"), "4");
}

TEST_F(IncrementalImportTest, DatabaseOfSchemaTwoGoesOnWhereItsImportsEnded) {
  ASSERT_TRUE(made_);
  Write("app.log", Rec(1) + "\n" + Rec(2) + "\n" + Rec(3) + "\n");
  Write("other.log", Rec(9) + "\n");
  Import(db(), logs());
  {
    // As an rstscope of schema 2 left it: no cursors.
    auto old = store::Db::Open(db(), store::Db::Mode::kReadWrite);
    ASSERT_TRUE(old.ok()) << old.status();
    ASSERT_TRUE(
        (*old)
            ->Exec("DROP TABLE import_cursors; DROP TABLE report_watermarks; PRAGMA user_version = 2;")
            .ok());
  }
  Append("app.log", Rec(4) + "\n" + Rec(5) + "\n");
  const CommandResult r = Import(db(), logs());
  EXPECT_NE(r.output.find("/app.log: lines 4-5 (going on from"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("skipped:   1 sources already imported"), std::string::npos) << r.output;
  EXPECT_EQ(One(db(), "SELECT group_concat(line || ':' || message, ', ') FROM timeline"),
            "1:message 1, 2:message 2, 3:message 3, 1:message 9, 4:message 4, 5:message 5");
}

TEST_F(IncrementalImportTest, GrownUtf16ExportGoesOnByLineCount) {
  ASSERT_TRUE(made_);
  // Windows PowerShell 5.1 Out-File: UTF-16LE with a BOM, CRLF; U+0A05 is
  // 05 0A in UTF-16LE, a line feed byte inside a character.
  Write("a.txt", Rec(1) + "\r\n" + Rec(2, " \u0A05") + "\r\n");
  Sh("iconv -f UTF-8 -t UTF-16 a.txt > client.log && rm a.txt");
  Import(db(), logs());
  // The last 0x0A byte is now inside the unfinished line's last character.
  Write("b.txt", Rec(3) + "\r\n" + Rec(4, " \u0A05"));
  Sh("iconv -f UTF-8 -t UTF-16LE b.txt >> client.log && rm b.txt");
  CommandResult r = Import(db(), logs());
  EXPECT_NE(r.output.find("client.log: lines 2-3 (going on from"), std::string::npos) << r.output;
  Write("c.txt", "\r\n" + Rec(5) + "\r\n");
  Sh("iconv -f UTF-8 -t UTF-16LE c.txt >> client.log && rm c.txt");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("client.log: lines 3-5 (going on from"), std::string::npos) << r.output;
  EXPECT_EQ(Rows(db(), "SELECT line, message FROM timeline ORDER BY id"),
            (std::vector<std::string>{"1|message 1", "2|message 2 \u0A05", "3|message 3",
                                      "4|message 4 \u0A05", "5|message 5"}));
  EXPECT_EQ(One(db(), "SELECT group_concat(encoding, ' ') FROM sources"),
            "utf-16le utf-16le utf-16le");
}

TEST_F(IncrementalImportTest, RecordWhoseStackTraceCameAfterTheImportIsReadAgainWhole) {
  ASSERT_TRUE(made_);
  // The import catches a .NET error whose exception lines are not written
  // yet (a buffered writer flushed in between); a blank line after it too.
  Write("client.log", Rec(1) + "\n" + Rec(2, " Failed to push order 88231") + "\n\n");
  CommandResult r = Import(db(), logs());
  EXPECT_EQ(One(db(), "SELECT count(*) FROM resets"), "0");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM unparsed"), "1");
  Append("client.log",
         "System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
         " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
         "closed by the remote host.\n" +
             Rec(3) + "\n");
  r = Import(db(), logs());
  EXPECT_NE(r.output.find("client.log: lines 2-6 (going on from"), std::string::npos) << r.output;
  // The record as a single import of the whole file has it: a reset, its
  // blank line and exception lines joined, nothing unparsed.
  EXPECT_EQ(Rows(db(),
                 "SELECT line, kind, t.id IN (SELECT id FROM event_details WHERE nlines = "
                 "4) FROM timeline t ORDER BY line"),
            (std::vector<std::string>{"1|other|0", "2|reset|1", "6|other|0"}));
  EXPECT_EQ(One(db(), "SELECT count(*) FROM unparsed"), "0");
  const std::string once = dir_.path() + "/once.db";
  Import(once, logs() + "/client.log");
  const std::string sql = "SELECT line, ts, kind, message FROM timeline ORDER BY line";
  EXPECT_EQ(Rows(db(), sql), Rows(once, sql));
  // Bookkeeping: the first import's counts lost the record read again.
  EXPECT_EQ(Rows(db(), "SELECT lines, records, unparsed, resets FROM sources ORDER BY id"),
            (std::vector<std::string>{"1|1|0|0", "5|2|0|1"}));

  // A reset that correlate already explained goes on: its result goes with
  // the row it was about; no reset_causes row is left without its reset.
  Append("client.log", Rec(4, " Failed to push order 88232") +
                           "\nSystem.Net.Sockets.SocketException (10054): An existing connection "
                           "was forcibly closed by the remote host.\n");
  Import(db(), logs());
  ASSERT_EQ(Rstscope("correlate --db '" + db() + "'").exit_code, 0);
  EXPECT_EQ(One(db(), "SELECT count(*) FROM reset_causes"), "2");
  const std::string id_before = One(db(), "SELECT id FROM timeline WHERE line = 7");
  Append("client.log", "   at Orders.Push() in Orders.cs:line 42\n");
  r = Import(db(), logs());
  // The record read again keeps its id: a report that covered the reset does
  // not take it for a late arrival.
  EXPECT_EQ(One(db(), "SELECT id FROM timeline WHERE line = 7"), id_before);
  EXPECT_NE(r.output.find("client.log: lines 7-9 (going on from"), std::string::npos) << r.output;
  EXPECT_EQ(One(db(),
                "SELECT line, kind, nlines FROM timeline JOIN event_details USING (id) "
                "WHERE line = 7"),
            "7|reset|3");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM resets"), "2");
  EXPECT_EQ(One(db(),
                "SELECT count(*) FROM reset_causes WHERE reset_id NOT IN "
                "(SELECT id FROM resets)"),
            "0");
  EXPECT_EQ(One(db(), "SELECT count(*) FROM reset_causes"), "1");
  ASSERT_EQ(Rstscope("correlate --db '" + db() + "'").exit_code, 0);
  EXPECT_EQ(One(db(), "SELECT count(*) FROM reset_causes"), "2");
}

}  // namespace
}  // namespace rstscope::e2e
