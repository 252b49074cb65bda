// Imports sample-logs/windows-iis-crash with the real binary and checks what
// its README says a user should find, exactly: five w3wp crashes on web03
// (WAS 5011, Application Error 1000, HTTPERR Connection_Abandoned_By_AppPool)
// behind seven client resets, one unexplained reset and a same-second decoy.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kIisCrashBundle[] = "sample-logs/windows-iis-crash/logs";
constexpr char kIisCrashClient[] =
    "sample-logs/windows-iis-crash/logs/wks07/OrderImport/logs/2024-11-12.log";
constexpr char kIisCrashHttpErr[] = "sample-logs/windows-iis-crash/logs/web03/HTTPERR/httperr1.log";
constexpr char kIisCrashW3c[] = "sample-logs/windows-iis-crash/logs/web03/W3SVC1/u_ex241112.log";
constexpr char kIisCrashSystem[] = "sample-logs/windows-iis-crash/logs/web03/eventlogs/System.txt";
constexpr char kIisCrashApp[] = "sample-logs/windows-iis-crash/logs/web03/eventlogs/Application.csv";

class WindowsIisCrashBundleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->path() + "/iis.db";
    first_ = new CommandResult(Rstscope("import -q --db '" + db_ +
                                        "' --hosts sample-logs/windows-iis-crash/hosts " +
                                        kIisCrashBundle));
  }
  static void TearDownTestSuite() {
    delete first_;
    delete dir_;
  }
  static TempDir* dir_;
  static std::string db_;
  static CommandResult* first_;
};

TempDir* WindowsIisCrashBundleTest::dir_ = nullptr;
std::string WindowsIisCrashBundleTest::db_;
CommandResult* WindowsIisCrashBundleTest::first_ = nullptr;

TEST_F(WindowsIisCrashBundleTest, ImportSucceeds) {
  EXPECT_EQ(first_->exit_code, 0) << first_->output;
}

TEST_F(WindowsIisCrashBundleTest, EverySourceIsCompleteWithItsFormatAndHost) {
  EXPECT_EQ(Rows(db_, "SELECT s.name, s.container, s.status, s.format, h.name, s.lines "
                      "FROM sources s LEFT JOIN hosts h ON h.id = s.host_id ORDER BY s.name"),
            (std::vector<std::string>{
                std::string(kIisCrashHttpErr) + "|file|complete|httperr|web03|77",
                std::string(kIisCrashW3c) + "|file|complete|iis_w3c|web03|441",
                std::string(kIisCrashApp) + "|file|complete|windows_event_csv|web03|136",
                std::string(kIisCrashSystem) + "|file|complete|wevtutil_text|web03|312",
                std::string(kIisCrashClient) + "|file|complete|nlog|wks07|376",
            }));
}

TEST_F(WindowsIisCrashBundleTest, NoLineIsLost) {
  EXPECT_EQ(One(db_, "SELECT sum(lines) FROM sources"), "1342");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM timeline"), "882");
  EXPECT_EQ(One(db_, "SELECT (SELECT sum(nlines) FROM event_details) + "
                     "(SELECT count(*) FROM unparsed)"),
            "1342");
}

// The lines that stay unparsed, on purpose: the W3C/#TYPE header lines and
// the blank line after each wevtutil event.
TEST_F(WindowsIisCrashBundleTest, UnparsedLinesAreHeadersBlanksAndCsvMessageLines) {
  EXPECT_EQ(Rows(db_, "SELECT source, reason, count(*), group_concat(line, ',') FROM "
                      "(SELECT * FROM unparsed ORDER BY source, line) GROUP BY source, reason "
                      "ORDER BY source, reason"),
            (std::vector<std::string>{
                std::string(kIisCrashHttpErr) + "|directive|4|1,2,3,4",
                std::string(kIisCrashW3c) + "|directive|4|1,2,3,4",
                std::string(kIisCrashApp) + "|directive|2|1,2",
                std::string(kIisCrashSystem) + "|blank line|20|"
                    "15,30,49,64,79,94,109,124,139,154,169,184,203,218,233,248,267,282,297,312",
            }));
}

TEST_F(WindowsIisCrashBundleTest, ResetsAreTheEightClientErrorsInUtc) {
  const std::string c = std::string("|wks07|client|nlog|") + kIisCrashClient + "|";
  EXPECT_EQ(Rows(db_, "SELECT ts, host, role, format, source, line FROM resets ORDER BY ts_us"),
            (std::vector<std::string>{
                "2024-11-12T14:31:07.645Z" + c + "75",
                "2024-11-12T14:31:07.830Z" + c + "87",
                "2024-11-12T14:32:00.482Z" + c + "101",
                "2024-11-12T14:32:58.399Z" + c + "115",
                "2024-11-12T14:32:59.552Z" + c + "127",
                "2024-11-12T14:34:04.021Z" + c + "141",
                "2024-11-12T14:35:14.593Z" + c + "154",
                "2024-11-12T15:47:12.305Z" + c + "338",
            }));
}

// web03's clock is 8.743 s ahead of wks07's: every web03 time below reads that much
// later than it happened (a crash at 14:31:07.412 true time is 14:31:16 in HTTPERR).
TEST_F(WindowsIisCrashBundleTest, HttpErrAbandonedRequestsCarryTheClientFourTuples) {
  EXPECT_EQ(Rows(db_, "SELECT t.kind, t.ts, t.host, t.src_ip, t.src_port, t.dst_ip, t.dst_port, "
                      "json_extract(d.attrs, '$.reason'), json_extract(d.attrs, '$.queue'), t.line "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.format = 'httperr' AND t.kind = 'crash' ORDER BY t.line"),
            (std::vector<std::string>{
                "crash|2024-11-12T14:31:16.000Z|web03|10.50.0.27|50112|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|19",
                "crash|2024-11-12T14:31:16.000Z|web03|10.50.0.27|50114|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|20",
                "crash|2024-11-12T14:32:08.000Z|web03|10.50.0.27|50131|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|22",
                "crash|2024-11-12T14:33:07.000Z|web03|10.50.0.27|50150|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|23",
                "crash|2024-11-12T14:33:07.000Z|web03|10.50.0.27|50149|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|24",
                "crash|2024-11-12T14:34:12.000Z|web03|10.50.0.27|50171|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|26",
                "crash|2024-11-12T14:35:22.000Z|web03|10.50.0.27|50188|10.50.0.13|80|"
                "Connection_Abandoned_By_AppPool|OrdersPool|28",
            }));
  // While rapid-fail protection kept OrdersPool disabled, HTTP.sys answered 503.
  EXPECT_EQ(One(db_, "SELECT count(*) || '|' || min(t.ts) || '|' || max(t.ts) FROM timeline t "
                     "JOIN event_details d ON d.id = t.id WHERE t.format = 'httperr' AND "
                     "t.kind = 'stop' AND json_extract(d.attrs, '$.reason') = 'AppOffline'"),
            "8|2024-11-12T14:36:10.000Z|2024-11-12T14:40:18.000Z");
}

TEST_F(WindowsIisCrashBundleTest, WasEventsNameTheCrashedWorkerProcesses) {
  EXPECT_EQ(Rows(db_, "SELECT t.kind, t.ts, t.host, t.process, t.pid, "
                      "json_extract(d.attrs, '$.event_id'), t.source, t.line "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.format = 'wevtutil_text' AND t.kind IN ('crash', 'stop', 'start') "
                      "ORDER BY t.ts_us"),
            (std::vector<std::string>{
                "crash|2024-11-12T14:31:16.184Z|web03|Microsoft-Windows-WAS|4711|5011|" +
                    std::string(kIisCrashSystem) + "|65",
                "crash|2024-11-12T14:32:08.642Z|web03|Microsoft-Windows-WAS|5124|5011|" +
                    std::string(kIisCrashSystem) + "|80",
                "crash|2024-11-12T14:33:07.077Z|web03|Microsoft-Windows-WAS|6032|5011|" +
                    std::string(kIisCrashSystem) + "|95",
                "crash|2024-11-12T14:34:12.413Z|web03|Microsoft-Windows-WAS|3308|5011|" +
                    std::string(kIisCrashSystem) + "|110",
                "crash|2024-11-12T14:35:22.799Z|web03|Microsoft-Windows-WAS|7420|5011|" +
                    std::string(kIisCrashSystem) + "|125",
                "crash|2024-11-12T14:35:22.801Z|web03|Microsoft-Windows-WAS|NULL|5002|" +
                    std::string(kIisCrashSystem) + "|140",
                // The decoy: an unrelated service on web03, 187 ms before reset 8 in true time;
                // web03's clock (+8.743 s) reads it 8.6 s after.
                "stop|2024-11-12T15:47:20.861Z|web03|Windows Update|NULL|7036|" +
                    std::string(kIisCrashSystem) + "|268",
                "start|2024-11-12T15:49:49.295Z|web03|Windows Update|NULL|7036|" +
                    std::string(kIisCrashSystem) + "|283",
            }));
}

// Application Error 1000 rows: Get-WinEvent | Export-Csv writes the
// 11-line message inside quotes; rstscope keeps only the row's last line
// as the record (README, "rstscope limitations"), so the time, provider and
// event id are right but the message is the message's last line.
TEST_F(WindowsIisCrashBundleTest, ApplicationErrorRowsAreCrashesOfW3wp) {
  // Export-Csv writes each event as one CSV row whose quoted Message spans
  // eleven lines: the row is one record, at the line where it starts.
  const std::string first_line =
      "|Faulting application name: w3wp.exe, version: 10.0.20348.1, time stamp: 0x2f5c8d85";
  EXPECT_EQ(Rows(db_, "SELECT t.kind, t.ts, t.host, t.process, "
                      "json_extract(d.attrs, '$.event_id'), t.line, d.nlines, "
                      "substr(t.message, 1, instr(t.message, char(10)) - 1) "
                      "FROM timeline t JOIN event_details d ON d.id = t.id "
                      "WHERE t.format = 'windows_event_csv' AND "
                      "json_extract(d.attrs, '$.event_id') = 1000 ORDER BY t.ts_us"),
            (std::vector<std::string>{
                "crash|2024-11-12T14:31:16.000Z|web03|w3wp.exe|1000|24|11" + first_line,
                "crash|2024-11-12T14:32:08.000Z|web03|w3wp.exe|1000|35|11" + first_line,
                "crash|2024-11-12T14:33:07.000Z|web03|w3wp.exe|1000|47|11" + first_line,
                "crash|2024-11-12T14:34:12.000Z|web03|w3wp.exe|1000|58|11" + first_line,
                "crash|2024-11-12T14:35:22.000Z|web03|w3wp.exe|1000|70|11" + first_line,
            }));
}

TEST_F(WindowsIisCrashBundleTest, NearMissesAreNotResets) {
  // HTTP 503 while the pool was disabled: WebException, but no reset.
  EXPECT_EQ(One(db_, "SELECT count(*) || '|' || group_concat(line, ',') FROM (SELECT line FROM "
                     "timeline WHERE host = 'wks07' AND message LIKE '%(503) Server Unavailable%' "
                     "ORDER BY line)"),
            "5|167,172,177,182,187");
  EXPECT_EQ(One(db_, "SELECT count(*) FROM resets WHERE message LIKE '%(503)%'"), "0");
  // IIS sc-win32-status 64 (the browser went away): client_abort, on other clients.
  EXPECT_EQ(One(db_, "SELECT count(*) || '|' || group_concat(line, ',') FROM (SELECT line FROM "
                     "timeline WHERE format = 'iis_w3c' AND kind = 'client_abort' ORDER BY line)"),
            "4|60,105,115,249");
}

}  // namespace
}  // namespace rstscope::e2e
