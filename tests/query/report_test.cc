// The report's pieces that need no database: text helpers of the
// recommendations, --fail-on conditions, the next window of a watermark,
// and how the renderings escape log text.
#include "query/report.h"

#include <string>

#include "gtest/gtest.h"
#include "query/report_advice.h"
#include "query/report_conditions.h"
#include "query/report_text.h"
#include "query/report_watermark.h"

namespace rstscope::query {
namespace {

TEST(ReportAdviceTest, KbAfterReadsKernelMemoryFields) {
  const std::string kill =
      "Memory cgroup out of memory: Killed process 77533 (dotnet) total-vm:274965452kB, "
      "anon-rss:1019816kB, file-rss:27136kB, shmem-rss:0kB, UID:998";
  EXPECT_EQ(KbAfter(kill, "anon-rss:"), 1019816);
  EXPECT_EQ(KbAfter(kill, "file-rss:"), 27136);
  EXPECT_EQ(KbAfter(kill, "shmem-rss:"), 0);
  EXPECT_EQ(KbAfter(kill, "pgtables:"), std::nullopt);
  EXPECT_EQ(KbAfter("memory: usage 1048576kB, limit 1048576kB, failcnt 412", "limit "), 1048576);
  EXPECT_EQ(KbAfter("anon-rss:12MB", "anon-rss:"), std::nullopt);
  EXPECT_EQ(KbAfter("anon-rss:kB", "anon-rss:"), std::nullopt);
}

TEST(ReportAdviceTest, TlsVersionsAreNormalizedAndSorted) {
  EXPECT_EQ(TlsVersions("An TLS 1.0 connection request was received from a remote client"),
            (std::vector<std::string>{"TLS 1.0"}));
  EXPECT_EQ(TlsVersions("offered TLSv1.2, got tlsv1.3; SSLv3 disabled; Tls11 Tls12 TLS1.1"),
            (std::vector<std::string>{"SSL 3.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"}));
  EXPECT_EQ(TlsVersions("no protocol named: tls handshake failed, tlsext 5, ATLS 1.2"),
            std::vector<std::string>{});
}

TEST(ReportAdviceTest, OverloadLimitNamesTheResource) {
  EXPECT_EQ(OverloadLimit("768 worker_connections are not enough, reusing connections"),
            "nginx worker_connections (768)");
  EXPECT_EQ(OverloadLimit("accept4() failed (24: Too many open files)"),
            "open files (EMFILE, the process's file-descriptor limit)");
  EXPECT_EQ(OverloadLimit("TCP: request_sock_TCP: Possible SYN flooding on port 443."),
            "the listen backlog (accept queue)");
  EXPECT_EQ(OverloadLimit("nf_conntrack: nf_conntrack: table full, dropping packet"),
            "the conntrack table (nf_conntrack_max)");
  EXPECT_EQ(OverloadLimit("FATAL:  sorry, too many clients already; remaining connection slots "
                          "are reserved"),
            "the database's max_connections");
  EXPECT_EQ(OverloadLimit("server reached MaxRequestWorkers setting"), "Apache MaxRequestWorkers");
  EXPECT_EQ(OverloadLimit("something else ran out"), "");
}

TEST(ReportConditionsTest, ParsesEveryOperatorAndCommaSeparatedLists) {
  auto c = ParseConditions(
      " unexplained > 0 ,resets>=100,cause:oom_kill<2,late<=3,patterns==1,"
      "explained!=7");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->size(), 6u);
  EXPECT_EQ((*c)[0].text, "unexplained > 0");
  EXPECT_EQ((*c)[0].metric, "unexplained");
  EXPECT_EQ((*c)[0].op, ">");
  EXPECT_EQ((*c)[0].value, 0);
  EXPECT_EQ((*c)[1].op, ">=");
  EXPECT_EQ((*c)[1].value, 100);
  EXPECT_EQ((*c)[2].metric, "cause:oom_kill");
  EXPECT_EQ((*c)[2].op, "<");
  EXPECT_EQ((*c)[3].op, "<=");
  EXPECT_EQ((*c)[4].op, "==");
  EXPECT_EQ((*c)[5].op, "!=");
}

TEST(ReportConditionsTest, MatchesAgainstTheReportsCounts) {
  Report r;
  r.resets = 13;
  r.explained = 12;
  r.unexplained = 1;
  ReportCount oom;
  oom.key = "oom_kill";
  oom.resets = 12;
  r.by_cause = {oom};
  auto holds = [&](const std::string& expr) {
    auto c = ParseConditions(expr);
    EXPECT_TRUE(c.ok()) << expr;
    return c.ok() && ConditionMatches((*c)[0], r);
  };
  EXPECT_TRUE(holds("unexplained>0"));
  EXPECT_FALSE(holds("unexplained>1"));
  EXPECT_TRUE(holds("cause:oom_kill>=12"));
  EXPECT_FALSE(holds("cause:oom_kill>12"));
  EXPECT_TRUE(holds("cause:crash==0"));  // a cause not in the window counts 0
  EXPECT_TRUE(holds("resets<=13"));
  EXPECT_FALSE(holds("resets<13"));
  EXPECT_TRUE(holds("late!=1"));
  EXPECT_TRUE(holds("patterns==0"));
}

TEST(ReportConditionsTest, RejectsWhatItCannotRead) {
  for (const char* bad : {"", "resets", "resets=1", "resets>>1", "resets>1.5", "resets>x", "nope>1",
                          "cause:>1", "cause:oomkill>1", "resets>1,,late>0"}) {
    auto c = ParseConditions(bad);
    EXPECT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ReportWatermarkTest, FirstRunCoversEverythingUpToItsEnd) {
  const ReportWindow w = NextWindow("nightly", std::nullopt, 1000, 50);
  EXPECT_EQ(w.since_last_run, "nightly");
  EXPECT_EQ(w.after_us, std::nullopt);
  EXPECT_EQ(w.through_us, 1000);
  EXPECT_EQ(w.max_event_id, 50);
  EXPECT_EQ(w.late_through_us, std::nullopt);
  EXPECT_EQ(WindowText(w),
            "Report \"nightly\", first run: resets with times up to "
            "1970-01-01T00:00:00.001Z.");
}

TEST(ReportWatermarkTest, NextRunStartsAtTheLastEndAndTakesLateRecords) {
  Watermark prev;
  prev.through_us = 1000;
  prev.max_event_id = 50;
  const ReportWindow w = NextWindow("nightly", prev, 5000, 80);
  EXPECT_EQ(w.after_us, 1000);
  EXPECT_EQ(w.through_us, 5000);
  EXPECT_EQ(w.max_event_id, 80);
  EXPECT_EQ(w.late_through_us, 1000);
  EXPECT_EQ(w.late_after_id, 50);
  EXPECT_EQ(WindowText(w),
            "Report \"nightly\", since its last run: resets with times after "
            "1970-01-01T00:00:00.001Z up to 1970-01-01T00:00:00.005Z, and resets imported since "
            "the last run with times up to 1970-01-01T00:00:00.001Z (late arrivals).");
}

// A report of one unexplained reset whose log line carries markup.
Report OneHostileReset() {
  Report r;
  ReportReset x;
  x.event.id = 7;
  x.event.ts_us = 1'730'815'200'000'000;  // 2024-11-05T14:00:00Z
  x.event.host = "web<1>";
  x.event.source = "logs/a|b.log";
  x.event.line = 3;
  x.event.text = "<script>document.title='pwned'</script> *bold* | `tick` <b>x</b> a_b _c_";
  x.cause = "unexplained";
  x.peer_host = "api01";
  x.evidence = "Nothing in <api01>'s logs &amp; more & so *on* _x_";
  r.resets_list.push_back(x);
  r.resets = 1;
  r.unexplained = 1;
  r.unexplained_list = {0};
  ReportCount c;
  c.key = "unexplained";
  c.resets = 1;
  c.by_cause["unexplained"] = 1;
  r.by_cause = {c};
  ReportCount host = c;
  host.key = "web<1>";
  r.by_client_host = {host};
  return r;
}

TEST(ReportRenderTest, MarkdownShowsLogTextAsTextInCodeSpansAndEscapedCells) {
  const std::string md = RenderMarkdown(OneHostileReset());
  EXPECT_NE(md.find("| web&lt;1> | 1 | `unexplained` 1 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("- 2024-11-05T14:00:00.000Z reset on web&lt;1>, `logs/a\\|b.log:3`, peer "
                    "api01\n"
                    "  ``<script>document.title='pwned'</script> *bold* \\| `tick` <b>x</b> a_b "
                    "_c_``\n"
                    "  Correlation: Nothing in &lt;api01>'s logs &amp;amp; more & so \\*on\\* "
                    "\\_x\\_\n"),
            std::string::npos)
      << md;
}

TEST(ReportRenderTest, HtmlEscapesEveryLogText) {
  const std::string html = RenderHtml(OneHostileReset());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>x"), std::string::npos);
  EXPECT_NE(html.find("<pre class=\"log\">&lt;script&gt;document.title=&#39;pwned&#39;&lt;/"
                      "script&gt; *bold* | `tick` &lt;b&gt;x&lt;/b&gt; a_b _c_</pre>"),
            std::string::npos);
  EXPECT_NE(html.find("<code class=\"loc\">logs/a|b.log:3</code>, peer api01"), std::string::npos);
  EXPECT_NE(html.find("<div>Correlation: Nothing in &lt;api01&gt;&#39;s logs &amp;amp; more &amp; "
                      "so *on* _x_</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>web&lt;1&gt;</td>"), std::string::npos);
}

TEST(ReportRenderTest, JsonEscapesQuotesAndControlCharacters) {
  Report r = OneHostileReset();
  r.resets_list[0].event.text = "say \"hi\"\tand\\go";
  const std::string json = RenderJson(r);
  EXPECT_NE(json.find("\"text\": \"say \\\"hi\\\"\\tand\\\\go\""), std::string::npos) << json;
}

}  // namespace
}  // namespace rstscope::query
