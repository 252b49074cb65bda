// The HTML report as a browser sees it: Debian's chromium renders the page
// headless and dumps its DOM. A log line carrying a script and markup must
// show as text (no element made of it, the title untouched), and the three
// charts must draw the bars the data asks for.
//
// chromium is a test dependency (scripts/install-deps installs it): when it
// is missing this test fails rather than skips.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace rstscope::e2e {
namespace {

constexpr char kChromium[] = "/usr/bin/chromium";
constexpr char kBundle[] = "sample-logs/firewall-idle-timeout";

// A client whose reset message carries a script and markup, at 02:05:30,
// in the same 15-minute bucket as the bundle's 02:04:05 idle-timeout reset.
constexpr char kHostileLog[] =
    "2024/11/12 02:05:00.000000 sync: started\n"
    "2024/11/12 02:05:30.000000 sync <script>document.title='pwned'</script> <b>x</b>: read tcp "
    "10.9.9.9:40000->10.9.9.8:5432: read: connection reset by peer\n";

std::string Capture(const std::string& cmd) {
  std::string out;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

// The DOM of `html_path` after chromium loaded it.
std::string DumpDom(const std::string& html_path, const std::string& profile) {
  return Capture(std::string("timeout 120 ") + kChromium +
                 " --headless --no-sandbox --disable-gpu --user-data-dir='" + profile +
                 "' --dump-dom 'file://" + html_path + "' 2>/dev/null");
}

// The markup of the <svg id="ID"> element, empty when absent.
std::string Svg(const std::string& dom, const std::string& id) {
  const size_t start = dom.find("<svg id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  const size_t end = dom.find("</svg>", start);
  return end == std::string::npos ? "" : dom.substr(start, end - start);
}

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportHtmlTest, ChromiumShowsLogMarkupAsTextAndDrawsTheCharts) {
  ASSERT_EQ(::access(kChromium, X_OK), 0)
      << kChromium << " is missing: install Debian's chromium package (scripts/install-deps "
      << "does), the HTML report is checked in it";
  TempDir dir;
  const std::string db = dir.path() + "/h.db";
  ASSERT_EQ(std::system(("mkdir -p '" + dir.path() + "/hostile'").c_str()), 0);
  std::ofstream(dir.path() + "/hostile/sync.log") << kHostileLog;
  ASSERT_EQ(
      Rstscope("import -q --db '" + db + "' --hosts " + kBundle + "/hosts " + kBundle + "/logs")
          .exit_code,
      0);
  const CommandResult hostile =
      Rstscope("import -q --db '" + db + "' --host batch66 --format go_log '" + dir.path() +
               "/hostile/sync.log'");
  ASSERT_EQ(hostile.exit_code, 0) << hostile.output;
  ASSERT_EQ(Rstscope("correlate --db '" + db + "'").exit_code, 0);
  const std::string html = dir.path() + "/report.html";
  const CommandResult r = Rstscope("report --db '" + db + "' --format html --out '" + html + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;

  const std::string dom = DumpDom(html, dir.path() + "/profile");
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "chromium printed no DOM:\n" << dom;

  // The script neither ran nor became an element; both show as text.
  EXPECT_NE(dom.find("<title>rstscope report</title>"), std::string::npos);
  EXPECT_EQ(dom.find("pwned</title>"), std::string::npos);
  EXPECT_EQ(Count(dom, "<script"), 0u);
  EXPECT_EQ(Count(dom, "<b>"), 0u);
  EXPECT_NE(dom.find("sync &lt;script&gt;document.title='pwned'&lt;/script&gt; &lt;b&gt;x&lt;/"
                     "b&gt;: read tcp 10.9.9.9:40000-&gt;10.9.9.8:5432"),
            std::string::npos);
  EXPECT_NE(dom.find("<strong>8 resets</strong>: 6 explained, 2 unexplained."), std::string::npos);

  // Resets over time, 15-minute buckets from 01:00 to 06:00: the six hourly
  // idle-timeout drops, the bundle's unexplained 03:45 reset and the hostile
  // 02:05 one stacked on the 02:04 drop: 8 bars' segments.
  const std::string over_time = Svg(dom, "chart-over-time");
  ASSERT_FALSE(over_time.empty()) << "no chart-over-time";
  EXPECT_EQ(Count(over_time, "class=\"bar\""), 8u);
  EXPECT_EQ(Count(over_time, "data-cause=\"network_idle_timeout\""), 6u);
  EXPECT_EQ(Count(over_time, "data-cause=\"unexplained\""), 2u);
  EXPECT_NE(over_time.find("<title>2024-11-12 02:00: unexplained 1</title>"), std::string::npos);
  // Connection age: the six drops, all at 3600 s, in the 1-2 h bin.
  const std::string age = Svg(dom, "chart-age");
  ASSERT_FALSE(age.empty()) << "no chart-age";
  EXPECT_EQ(Count(age, "class=\"bar\""), 1u);
  EXPECT_NE(age.find("<title>1-2 h: network_idle_timeout 6</title>"), std::string::npos);
  // Delay from cause to reset: 312 ms once, 1.0-1.5 s five times.
  const std::string delay = Svg(dom, "chart-delay");
  ASSERT_FALSE(delay.empty()) << "no chart-delay";
  EXPECT_EQ(Count(delay, "class=\"bar\""), 2u);
  EXPECT_NE(delay.find("<title>100-500 ms: network_idle_timeout 1</title>"), std::string::npos);
  EXPECT_NE(delay.find("<title>1-2 s: network_idle_timeout 5</title>"), std::string::npos);
}

TEST(ReportHtmlTest, PageLoadsNothingFromOutside) {
  TempDir dir;
  const std::string db = dir.path() + "/h.db";
  ASSERT_EQ(
      Rstscope("import -q --db '" + db + "' --hosts " + kBundle + "/hosts " + kBundle + "/logs")
          .exit_code,
      0);
  ASSERT_EQ(Rstscope("correlate --db '" + db + "'").exit_code, 0);
  const CommandResult r = Rstscope("report --db '" + db + "' --format html");
  ASSERT_EQ(r.exit_code, 0);
  // No element or rule that fetches: no src/href attributes, no url(),
  // @import, <link>, <img>, <iframe>, <object> or <script>.
  for (const char* external : {" src=\"", " href=\"", "url(", "@import", "<link", "<img", "<iframe",
                               "<object", "<script"}) {
    EXPECT_EQ(r.output.find(external), std::string::npos) << external;
  }
  EXPECT_NE(r.output.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
            std::string::npos);
}

}  // namespace
}  // namespace rstscope::e2e
