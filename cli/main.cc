// rstscope: import logs into a SQLite timeline, find out why connections
// were reset, and query the result with SQL.
#include <cstdio>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/report.h"

namespace {

constexpr char kDescription[] =
    "rstscope: explain \"connection reset\" / \"forcibly closed by the remote host\" errors.\n"
    "Imports client, server, proxy and firewall logs (files, directories, archives, stdin)\n"
    "into one SQLite timeline in UTC, and answers questions about it with plain SQL.";

constexpr char kFooter[] =
    "\nTypical use:\n"
    "  rstscope import --db incident.db --hosts bundle/hosts bundle/\n"
    "  rstscope correlate --db incident.db\n"
    "  rstscope summary --db incident.db\n"
    "  rstscope query --db incident.db \"SELECT * FROM reset_causes\"\n"
    "  rstscope report --db incident.db --format html --out report.html\n"
    "  rstscope prune --db incident.db --before 30d   # retention for scheduled imports\n"
    "\nExit codes:\n"
    "  0  success\n"
    "  1  failure: the command could not do its job (database, SQL or I/O error)\n"
    "  2  usage error: bad command line or option value\n"
    "  3  completed with problems: some input could not be read (listed in the output\n"
    "     and in the `problems` table); everything else was imported\n"
    "  4  report: a --fail-on condition matched (the report was written)\n";

std::string JoinArgs(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) out.push_back(' ');
    out += argv[i];
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rstscope::cli;
  CLI::App app{kDescription, "rstscope"};
  app.footer(kFooter);
  app.require_subcommand(1);
  app.set_version_flag("--version", "rstscope 0.1.0");

  ImportArgs import_args;
  import_args.command_line = JoinArgs(argc, argv);
  CLI::App* import = app.add_subcommand(
      "import",
      "Import logs into the timeline database (created if missing). Each file's format is\n"
      "detected from its first lines; compressed files (.gz .bz2 .xz .zst) and archives\n"
      "(.tar .tar.gz .tgz .tar.bz2 .tar.xz .tar.zst .zip) are read as streams, members of\n"
      "archives are named ARCHIVE!/MEMBER/PATH. Content imported before is skipped; a file\n"
      "that grew, was rotated or compressed is read on from where the last import ended\n"
      "(a last line without its line feed waits for the next run; docs/SCHEDULING.md).");
  import->add_option("--db", import_args.db, "Timeline database file")->required();
  import->add_option("--hosts", import_args.hosts_file,
                     "Hosts file (/etc/hosts syntax: IP canonical-name alias...) mapping the\n"
                     "addresses and names clients use to the hosts whose logs you have");
  import->add_option("--role", import_args.role,
                     "Role of these logs' records: client, server, proxy or firewall\n"
                     "(default: from the format; application logs: client for resets)");
  import->add_option("--host", import_args.host,
                     "Host of records that name none (default: a path component that names a\n"
                     "known host, e.g. bundle/api01/..., else unknown)");
  import->add_option("--tz", import_args.tz,
                     "Zone of timestamps written without an offset: IANA name (Europe/Berlin)\n"
                     "or offset (+02:00), default UTC; such times are flagged as assumed.\n"
                     "Repeatable: GLOB=ZONE sets the zone of sources whose name matches GLOB\n"
                     "(e.g. --tz '*/fw01/*=America/New_York'); the first match wins");
  import->add_option("--format", import_args.format,
                     "Force this format instead of detecting it (see `rstscope formats`)");
  import->add_option("--threads", import_args.threads,
                     "Parse threads (default: one less than the cores, at least 1)");
  import->add_option("--max-line", import_args.max_line_bytes,
                     "Longest line kept, in bytes; longer lines are cut and flagged")
      ->capture_default_str();
  import->add_option("--max-expanded-size", import_args.max_expanded_bytes,
                     "Decompression bomb guard: a compressed file or archive stops being read\n"
                     "once it has expanded to more than this many bytes AND more than\n"
                     "--max-expansion-ratio times the compressed bytes read (0: no limit)")
      ->capture_default_str();
  import->add_option("--max-expansion-ratio", import_args.max_expansion_ratio,
                     "See --max-expanded-size")
      ->capture_default_str();
  // For the kill test (tests/e2e/kill_import.py): many small transactions,
  // so that a kill can land between commits of one source. Not listed.
  import->add_option("--commit-rows", import_args.commit_rows, "Rows per transaction")
      ->group("");
  import->add_flag("-q,--quiet", import_args.quiet, "No progress line");
  import->add_option("paths", import_args.paths, "Files, directories, archives, or - for stdin")
      ->required();

  std::string correlate_db, correlate_before = "30s", correlate_after = "5s";
  CLI::App* correlate = app.add_subcommand(
      "correlate",
      "Find the cause of every reset: the peer it talked to (connection endpoints in\n"
      "firewall/proxy/server records, addresses and names in the error mapped through\n"
      "the hosts file, a proxy's upstream), each host's clock offset (shared connections,\n"
      "request ids a proxy and a backend both logged, bursts of resets after process\n"
      "deaths), and the event that explains it; a middlebox that resets flows at one\n"
      "connection age is named as an idle timer. Then leads: unclassified messages\n"
      "over-represented before the resets against a host, with lift and p-value.\n"
      "Results go to the views reset_causes and patterns (and clock_offsets,\n"
      "reset_cause_details, template_lift_details); running it again replaces them.");
  correlate->add_option("--db", correlate_db, "Timeline database file")->required();
  correlate->add_option("--before", correlate_before,
                        "How long before a reset a cause may be logged")
      ->capture_default_str();
  correlate->add_option("--after", correlate_after,
                        "How long after a reset server-side evidence may be logged")
      ->capture_default_str();

  PruneArgs prune_args;
  CLI::App* prune = app.add_subcommand(
      "prune",
      "Delete records older than a cutoff (retention for databases that scheduled imports\n"
      "keep filling), with the unparsed lines that go with them and the causes of the\n"
      "resets deleted. Resets that stay keep their causes (and those cause records), and\n"
      "the patterns are mined again over them. Sources stay known, so their files are\n"
      "not imported again. See docs/SCHEDULING.md.");
  prune->add_option("--db", prune_args.db, "Timeline database file")->required();
  prune
      ->add_option("--before", prune_args.before,
                   "Cutoff: a duration (30d, 12h, 90m) counted back from the newest record in\n"
                   "the database (not from now: an archive of an old incident keeps its last\n"
                   "days), or a UTC time (2024-11-05, 2024-11-05T13:00:00Z)")
      ->required();
  prune->add_flag("--vacuum", prune_args.vacuum,
                  "Rewrite the file afterwards so it shrinks (else SQLite reuses the space)");

  std::string query_db, query_format = "table", query_sql;
  CLI::App* query = app.add_subcommand(
      "query",
      "Run SQL against the timeline (read-only). Stable views: timeline, resets, unparsed\n"
      "(see docs/SCHEMA.md). Several statements separated by ';' run in order.");
  query->add_option("--db", query_db, "Timeline database file")->required();
  query->add_option("--format", query_format, "Output: table, csv, json or ndjson")
      ->capture_default_str();
  query->add_option("sql", query_sql, "SQL, e.g. \"SELECT ts, host, message FROM resets\"")
      ->required();

  std::string summary_db;
  int summary_max = 50;
  CLI::App* summary = app.add_subcommand(
      "summary", "Summarize the timeline: hosts, event kinds, time span, and the resets.");
  summary->add_option("--db", summary_db, "Timeline database file")->required();
  summary->add_option("--max-resets", summary_max, "Resets to list")->capture_default_str();

  ReportArgs report_args;
  CLI::App* report = app.add_subcommand(
      "report",
      "Write a report of the resets and their causes (run correlate first): resets by\n"
      "cause, server host, client host and over time; each pattern with its evidence\n"
      "(the reset and the cause event with source:line); the unexplained resets; clock\n"
      "offsets; and a recommendation per cause computed from the evidence. Output is\n"
      "deterministic: the same database and window give the same bytes.\n"
      "\n"
      "Window (event times, UTC; default: every reset in the database):\n"
      "  --since 24h            resets with until-24h < time <= until (until: --until or now)\n"
      "  --from T [--until T]   resets with from < time <= until\n"
      "  --since-last-run NAME  what the previous run of NAME did not cover: resets after its\n"
      "                         end up to now (or --until), plus resets imported since it ran\n"
      "                         with earlier times (late arrivals). The watermark is stored in\n"
      "                         the database and advanced only once the report was written;\n"
      "                         a failed run leaves it, so the next run covers its window.\n"
      "Times: 2024-11-05T14:00:00Z, 2024-11-05 14:00, 2024-11-05, or @EPOCH_SECONDS.\n"
      "\n"
      "--fail-on EXPR (repeatable, or comma-separated): METRIC OP NUMBER with METRIC one of\n"
      "resets, explained, unexplained, late, patterns, cause:CAUSE (cause:oom_kill) and OP\n"
      "one of > >= < <= == !=. When one holds, the report is still written and the exit\n"
      "code is 4; each condition that held is printed on stderr.\n"
      "\n"
      "Exit codes: 0 report written; 1 failure (no database, not correlated, locked by a\n"
      "running import or correlate, cannot write --out; the watermark is not advanced);\n"
      "2 usage error (bad option, bad EXPR); 4 a --fail-on condition held (report written).");
  report->add_option("--db", report_args.db, "Timeline database file")->required();
  report->add_option("--since", report_args.since,
                     "Window: resets of the last DURATION before --until or now (24h, 7d, 90m)");
  report->add_option("--since-last-run", report_args.since_last_run,
                     "Window: what the last run with this NAME did not cover (stored in the "
                     "database)");
  report->add_option("--from", report_args.from, "Window start (exclusive), UTC time");
  report->add_option("--until", report_args.until, "Window end (inclusive), UTC time; default now");
  report->add_option("--format", report_args.format,
                     "md (Markdown, for terminals and tickets), json (docs/REPORTS.md) or html "
                     "(one self-contained page with charts)")
      ->capture_default_str();
  report->add_option("--out", report_args.out,
                     "Write to FILE (replaced whole, or left untouched on failure); default "
                     "stdout");
  report->add_option("--fail-on", report_args.fail_on,
                     "Exit with 4 when EXPR holds: unexplained>0, resets>100, cause:oom_kill>=1");

  bool formats_verbose = false;
  CLI::App* formats = app.add_subcommand(
      "formats", "List the log formats rstscope reads, with their family and a sample line.");
  formats->add_flag("-v,--verbose", formats_verbose, "Also show what detection looks for");
  bool formats_markdown = false;
  formats->add_flag("--markdown", formats_markdown,
                    "Write the full reference (docs/FORMATS.md) with every sample and its fields");

  std::vector<std::string> detect_paths;
  std::string detect_hosts, detect_tz = "UTC";
  CLI::App* detect = app.add_subcommand(
      "detect",
      "Say which format each file (and archive member) is taken for, and why, which\n"
      "host its records get, and its encoding. Reads only the first lines.");
  detect->add_option("--hosts", detect_hosts, "Hosts file, as for import");
  detect->add_option("--tz", detect_tz, "Zone, as for import")->capture_default_str();
  detect->add_option("paths", detect_paths, "Files, directories, archives, or -")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  // Log text reaches the terminal through messages, host names and member
  // names: show its control characters as text. query's data formats and
  // reports keep their bytes (their own escaping applies).
  MakeOutputTerminalSafe(!*report && !(*query && query_format != "table"));
  if (*import) return RunImport(import_args);
  if (*correlate) return RunCorrelate(correlate_db, correlate_before, correlate_after);
  if (*prune) return RunPrune(prune_args);
  if (*query) return RunQuery(query_db, query_format, query_sql);
  if (*summary) return RunSummary(summary_db, summary_max);
  if (*report) return RunReport(report_args);
  if (*formats) return RunFormats(formats_verbose, formats_markdown);
  if (*detect) return RunDetect(detect_paths, detect_hosts, detect_tz);
  return kExitUsage;
}
