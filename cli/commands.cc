#include "cli/commands.h"

#include "cli/cli_util.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "base/kind.h"
#include "base/strings.h"
#include "base/zone.h"
#include "ingest/host_directory.h"
#include "ingest/importer.h"
#include "parsers/embedded.h"
#include "parsers/registry.h"
#include "query/correlate.h"
#include "query/enrichment.h"
#include "query/sql_runner.h"
#include "query/summary.h"
#include "query/text_util.h"
#include "store/schema.h"
#include "store/timeline_writer.h"

namespace rstscope::cli {
namespace {


bool LoadHosts(const std::string& path, ingest::HostDirectory* dir,
               std::vector<ingest::HostsEntry>* entries) {
  if (path.empty()) return true;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error(path + ": cannot read hosts file");
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto parsed = ingest::ParseHostsFile(ss.str(), path);
  if (!parsed.ok()) {
    Error(std::string(parsed.status().message()));
    return false;
  }
  *entries = std::move(*parsed);
  dir->AddHostsEntries(*entries);
  return true;
}

// Reports each source as it is detected; used by `detect`.
class DetectSink : public base::TimelineSink {
 public:
  absl::Status BeginSource(uint64_t key, const base::SourceInfo& info) override {
    if (info.container == "archive") {
      std::printf("%s\n  archive\n", info.name.c_str());
      return absl::OkStatus();
    }
    pending_[key] = info;
    return absl::OkStatus();
  }
  absl::Status WriteBatch(const base::EventBatch&) override { return absl::OkStatus(); }
  absl::Status EndSource(uint64_t key, const base::SourceStats& stats) override {
    auto it = pending_.find(key);
    if (it == pending_.end()) return absl::OkStatus();
    const base::SourceInfo& info = it->second;
    std::printf("%s\n", info.name.c_str());
    if (!stats.duplicate_of.empty()) {
      std::printf("  same content as %s\n", stats.duplicate_of.c_str());
    } else if (stats.skipped) {
      std::printf("  not imported: %s\n", stats.error.c_str());
    } else {
      std::printf("  format:   %s\n", info.format.empty() ? "(none)" : info.format.c_str());
      std::printf("  why:      %s\n", info.format_reason.c_str());
    }
    std::printf("  encoding: %s\n", info.encoding.c_str());
    std::printf("  host:     %s\n",
                info.host.empty() ? "(unknown: no host field, no path component names a known host)"
                                  : (info.host + " (" + info.host_reason + ")").c_str());
    pending_.erase(it);
    return absl::OkStatus();
  }
  absl::Status ReportProblem(std::string_view where, std::string_view what) override {
    std::printf("%.*s\n  problem: %.*s\n", static_cast<int>(where.size()), where.data(),
                static_cast<int>(what.size()), what.data());
    ++problems;
    return absl::OkStatus();
  }
  int problems = 0;

 private:
  std::map<uint64_t, base::SourceInfo> pending_;
};

}  // namespace

int RunImport(const ImportArgs& args) {
  ingest::ImportOptions options;
  options.paths = args.paths;
  options.format = args.format;
  options.host = args.host;
  options.threads = args.threads;
  options.max_line_bytes = args.max_line_bytes;
  options.expansion.max_bytes = args.max_expanded_bytes;
  options.expansion.max_ratio = args.max_expansion_ratio;
  options.progress = !args.quiet;
  if (!args.format.empty() && parsers::FindFormat(args.format) == nullptr) {
    Error("unknown format '" + args.format + "'; `rstscope formats` lists them");
    return kExitUsage;
  }
  if (!args.role.empty()) {
    auto role = base::RoleFromName(args.role);
    if (!role) {
      Error("--role must be client, server, proxy or firewall, not '" + args.role + "'");
      return kExitUsage;
    }
    options.role = *role;
  }
  for (const std::string& tz : args.tz) {
    const size_t eq = tz.find('=');
    auto zone = base::Zone::Load(eq == std::string::npos ? tz : tz.substr(eq + 1));
    if (!zone.ok()) {
      Error("--tz " + tz + ": " + std::string(zone.status().message()));
      return kExitUsage;
    }
    if (eq == std::string::npos) {
      options.zone = *zone;
    } else if (eq == 0) {
      Error("--tz " + tz + ": expected ZONE or GLOB=ZONE");
      return kExitUsage;
    } else {
      options.zone_rules.emplace_back(tz.substr(0, eq), *zone);
    }
  }
  ingest::HostDirectory hosts;
  std::vector<ingest::HostsEntry> entries;
  if (!LoadHosts(args.hosts_file, &hosts, &entries)) return kExitUsage;

  store::WriterOptions writer_options;
  writer_options.args = args.command_line;
  if (args.commit_rows > 0) writer_options.commit_rows = args.commit_rows;
  // A new database is built aside and renamed into place: no journal and
  // one fsync at the end instead of one per commit (docs/RELIABILITY.md).
  writer_options.build_new_in_temp = true;
  writer_options.canonical_host = [&hosts](std::string_view name) { return hosts.Canonical(name); };
  const auto start = std::chrono::steady_clock::now();
  auto writer = store::TimelineWriter::Open(args.db, writer_options);
  if (!writer.ok()) {
    Error(std::string(writer.status().message()));
    return kExitFailure;
  }
  for (const ingest::HostsEntry& e : entries) {
    absl::Status s = (*writer)->AddHostAddress(e.address, e.canonical);
    for (const std::string& alias : e.aliases) {
      if (s.ok()) s = (*writer)->AddHostAddress(alias, e.canonical);
    }
    if (!s.ok()) {
      Error(args.db + ": " + std::string(s.message()));
      return kExitFailure;
    }
  }
  auto known_hosts = (*writer)->KnownHosts();
  if (known_hosts.ok()) {
    for (const std::string& h : *known_hosts) hosts.Learn(h);
  }
  auto known = (*writer)->KnownHashes();
  if (!known.ok()) {
    Error(args.db + ": " + std::string(known.status().message()));
    return kExitFailure;
  }
  options.known_hashes = std::move(*known);
  auto cursors = (*writer)->ImportCursors();
  if (!cursors.ok()) {
    Error(args.db + ": " + std::string(cursors.status().message()));
    return kExitFailure;
  }
  options.cursors = std::move(*cursors);

  ingest::Importer importer(std::move(options), &hosts, writer->get());
  absl::Status status = importer.Run();
  absl::Status finish = (*writer)->Finish(
      [&hosts](std::string_view name) { return hosts.ResolvePath(name); }, !status.ok());
  const int64_t run_id = (*writer)->run_id();
  const uint64_t problems = (*writer)->problems();
  writer->reset();  // releases the import lock
  if (!status.ok()) {
    Error(args.db + ": import failed: " + std::string(status.message()));
    return kExitFailure;
  }
  if (!finish.ok()) {
    Error(args.db + ": " + std::string(finish.message()));
    return kExitFailure;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto db = query::OpenForQuery(args.db);
  if (!db.ok()) {
    Error(std::string(db.status().message()));
    return kExitFailure;
  }
  absl::Status printed = query::PrintImportSummary(db->get(), run_id, seconds, stdout);
  if (!printed.ok()) {
    Error(std::string(printed.message()));
    return kExitFailure;
  }
  return problems > 0 ? kExitProblems : kExitOk;
}

int RunQuery(const std::string& db_path, const std::string& format, const std::string& sql) {
  auto fmt = query::OutputFormatFromName(format);
  if (!fmt) {
    Error("--format must be table, csv, json or ndjson, not '" + format + "'");
    return kExitUsage;
  }
  auto db = query::OpenForQuery(db_path);
  if (!db.ok()) {
    Error(std::string(db.status().message()));
    return kExitFailure;
  }
  auto rows = query::RunSql(db->get(), sql, *fmt, stdout);
  if (!rows.ok()) {
    Error("SQL error: " + std::string(rows.status().message()));
    return kExitFailure;
  }
  return kExitOk;
}

int RunSummary(const std::string& db_path, int max_resets) {
  auto db = query::OpenForQuery(db_path);
  if (!db.ok()) {
    Error(std::string(db.status().message()));
    return kExitFailure;
  }
  absl::Status s = query::PrintTimelineSummary(db->get(), max_resets, stdout);
  if (!s.ok()) {
    Error(std::string(s.message()));
    return kExitFailure;
  }
  return kExitOk;
}

int RunCorrelate(const std::string& db_path, const std::string& before,
                 const std::string& after) {
  query::CorrelateOptions options;
  if (!base::ParseDuration(before, &options.before_us) || options.before_us < 0) {
    Error("--before: expected a duration such as 30s, 2m or 500ms, not '" + before + "'");
    return kExitUsage;
  }
  if (!base::ParseDuration(after, &options.after_us) || options.after_us < 0) {
    Error("--after: expected a duration such as 5s or 500ms, not '" + after + "'");
    return kExitUsage;
  }
  WritableDb db;
  if (!OpenForWriting(db_path, " (create it with rstscope import)", &db)) return kExitFailure;
  auto stats = query::Correlate(db.db.get(), options);
  if (!stats.ok()) {
    Error(db_path + ": correlate failed: " + std::string(stats.status().message()));
    return kExitFailure;
  }
  std::printf("Correlated %s resets in %.2f s: %s explained, %s unexplained\n",
              query::Grouped(stats->resets).c_str(), stats->seconds,
              query::Grouped(stats->explained).c_str(),
              query::Grouped(stats->resets - stats->explained).c_str());
  if (stats->resets > 0) {
    std::printf("\n  %-22s %8s\n", "cause", "resets");
    for (const std::string& cause : query::CauseNames()) {
      auto it = stats->by_cause.find(cause);
      if (it == stats->by_cause.end()) continue;
      std::printf("  %-22s %8s\n", cause.c_str(), query::Grouped(it->second).c_str());
    }
  }
  bool any_offset = false;
  for (const query::HostClock& c : stats->clocks) {
    if (c.method != "tuple" && c.method != "burst" && c.method != "request") continue;
    if (!any_offset) std::printf("\nClock offsets (host clock - reference clock):\n");
    any_offset = true;
    std::printf("  %-16s %+9lld ms  from %d %s vs %s\n", c.host.c_str(),
                static_cast<long long>(c.offset_ms), c.anchors,
                c.method == "tuple"     ? "shared connections"
                : c.method == "request" ? "requests a proxy and the host both logged"
                                        : "process deaths against resets",
                c.reference.c_str());
  }
  if (!any_offset) std::printf("\nClock offsets: none found (hosts taken as in sync)\n");
  auto pats = db.db->Prepare("SELECT summary FROM pattern_rows ORDER BY id LIMIT 10");
  if (pats.ok() && stats->patterns > 0) {
    std::printf("\nPatterns:\n");
    while (true) {
      auto row = pats->Step();
      if (!row.ok() || !*row) break;
      std::printf("  - %s\n", std::string(pats->ColumnText(0)).c_str());
    }
  }
  // Enrichment: leads that no rule names. A failure here leaves the causes
  // in place and is reported as a problem of the run.
  query::EnrichOptions enrich;
  enrich.before_us = options.before_us;
  auto lifts = query::MineTemplateLifts(db.db.get(), enrich, &stats->enrich_input);
  if (!lifts.ok()) {
    Error(db_path + ": template enrichment failed: " + std::string(lifts.status().message()));
    return kExitFailure;
  }
  if (!lifts->empty()) {
    std::printf("\nMessages over-represented in the %g s before resets (unclassified records):\n",
                static_cast<double>(options.before_us) / 1e6);
    std::printf("  %-12s %7s %9s %8s %9s  %s\n", "host", "resets", "controls", "lift", "p",
                "template");
    int shown = 0;
    for (const query::TemplateLift& l : *lifts) {
      if (++shown > 10) break;
      const std::string resets = std::to_string(l.with) + "/" + std::to_string(l.windows);
      const std::string controls =
          std::to_string(l.control_with) + "/" + std::to_string(l.control_windows);
      std::printf("  %-12s %7s %9s %8.1f %9.1e  %s\n", l.host.c_str(), resets.c_str(),
                  controls.c_str(), l.lift, l.p_value, l.template_text.c_str());
    }
  }
  std::printf(
      "\nPer reset: rstscope query --db %s \"SELECT r.ts, r.host, c.cause, c.server_host, "
      "c.delta_ms, c.confidence, c.evidence FROM resets r JOIN reset_causes c ON c.reset_id = "
      "r.id ORDER BY r.ts_us\"\n",
      db_path.c_str());
  return kExitOk;
}

namespace {

std::string_view ContinuationText(parsers::Continuation c) {
  switch (c) {
    case parsers::Continuation::kIndented:
      return "lines starting with a space or tab continue the record above";
    case parsers::Continuation::kAnyNonHeader:
      return "any line that does not start a record continues the record above (stack traces, "
             "exception chains)";
    case parsers::Continuation::kNone:
      return "none: every line is a record";
  }
  return "";
}

// Markdown-safe inline code (backticks inside become a double-tick span).
std::string Code(std::string_view s) {
  const bool has_tick = s.find('`') != std::string_view::npos;
  std::string out = has_tick ? "`` " : "`";
  out.append(s);
  out += has_tick ? " ``" : "`";
  return out;
}

std::string Cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '\n') {
      out += "⏎";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void PrintFormatsMarkdown() {
  std::printf(
      "# Log formats\n\n"
      "Generated by `rstscope formats --markdown` from the format definitions in\n"
      "`parsers/formats/`; a test keeps it in sync. Every sample below is parsed by the test\n"
      "suite and must give exactly the fields shown.\n\n"
      "**Detection.** rstscope reads the first 200 lines (256 KiB at most) of each file or\n"
      "archive member and lets every format parse them; the format that starts records on the\n"
      "largest share of lines wins, and on a tie the more specific one (lower priority number).\n"
      "`rstscope detect PATH` shows the decision and why. `rstscope import --format NAME` forces\n"
      "a format for every file of that import.\n\n"
      "**Fields.** Every record gets `ts` (UTC) and `message`; the table of each format shows\n"
      "what else its samples yield. `kind` comes from the format itself (HTTP 499) or from the\n"
      "classification rules (`parsers/rules.cc`), which look at the whole message, stack trace\n"
      "included. Timestamps without an offset are read in `--tz` (default UTC).\n\n"
      "| format | family | priority | description |\n| --- | --- | --- | --- |\n");
  for (const parsers::FormatInfo* f : parsers::AllFormats()) {
    std::printf("| [%.*s](#%.*s) | %.*s | %d | %s |\n", static_cast<int>(f->name.size()),
                f->name.data(), static_cast<int>(f->name.size()), f->name.data(),
                static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(), f->priority, Cell(f->description).c_str());
  }
  auto print_samples = [](std::span<const parsers::FormatSample> samples) {
    std::printf("| sample | ts (UTC) | host | process | pid | severity | kind | addresses |\n"
                "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (const parsers::FormatSample& s : samples) {
      std::string addresses;
      if (!s.src_ip.empty()) {
        addresses += "src " + std::string(s.src_ip);
        if (s.src_port >= 0) addresses += ":" + std::to_string(s.src_port);
      }
      if (!s.dst_ip.empty()) {
        if (!addresses.empty()) addresses += ", ";
        addresses += "dst " + std::string(s.dst_ip);
        if (s.dst_port >= 0) addresses += ":" + std::to_string(s.dst_port);
      }
      const std::string_view text = s.text;
      const std::string shown =
          text.size() > 300 ? std::string(text.substr(0, 300)) + "..." : std::string(text);
      std::printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", Cell(Code(shown)).c_str(),
                  std::string(s.ts).c_str(), Cell(s.host).c_str(), Cell(s.process).c_str(),
                  s.pid >= 0 ? std::to_string(s.pid).c_str() : "", std::string(s.severity).c_str(),
                  std::string(s.kind).c_str(), addresses.c_str());
    }
  };
  for (const parsers::FormatInfo* f : parsers::AllFormats()) {
    std::printf("\n## %.*s\n\n%s\n\n", static_cast<int>(f->name.size()), f->name.data(),
                std::string(f->description).c_str());
    std::printf("- family: %.*s; records' role without --role: %s\n",
                static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(),
                f->default_role == base::Role::kUnknown
                    ? "none (resets: client)"
                    : std::string(base::RoleName(f->default_role)).c_str());
    std::printf("- detected by: %s\n", std::string(f->signature).c_str());
    std::printf("- continuation lines: %s\n",
                std::string(ContinuationText(f->continuation)).c_str());
    std::printf("- force with: `--format %.*s`\n\n", static_cast<int>(f->name.size()),
                f->name.data());
    print_samples(f->samples);
  }
  for (const parsers::EmbeddedFormat* f : parsers::AllEmbeddedFormats()) {
    std::printf("\n## %.*s\n\n%s\n\n", static_cast<int>(f->name.size()), f->name.data(),
                std::string(f->description).c_str());
    std::printf("- family: %.*s; records' role without --role: %s\n",
                static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(),
                std::string(base::RoleName(f->default_role)).c_str());
    std::printf("- carried inside: %.*s records (recognized per message, whatever the file's "
                "format)\n",
                static_cast<int>(f->container.size()), f->container.data());
    std::printf("- detected by: %s\n\n", std::string(f->signature).c_str());
    print_samples(f->samples);
  }
}

}  // namespace

int RunFormats(bool verbose, bool markdown) {
  if (markdown) {
    PrintFormatsMarkdown();
    return kExitOk;
  }
  std::printf("%-20s %-9s %s\n", "FORMAT", "FAMILY", "DESCRIPTION");
  for (const parsers::FormatInfo* f : parsers::AllFormats()) {
    std::printf("%-20.*s %-9.*s %.*s\n", static_cast<int>(f->name.size()), f->name.data(),
                static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(), static_cast<int>(f->description.size()),
                f->description.data());
    if (!f->samples.empty()) {
      std::string_view sample = f->samples[0].text;
      const size_t nl = sample.find('\n');
      if (nl != std::string_view::npos) sample = sample.substr(0, nl);
      if (!verbose && sample.size() > 150) sample = sample.substr(0, 150);
      std::printf("%-20s sample: %.*s\n", "", static_cast<int>(sample.size()), sample.data());
    }
    if (verbose) {
      std::printf("%-20s detects: %.*s\n", "", static_cast<int>(f->signature.size()),
                  f->signature.data());
    }
  }
  for (const parsers::EmbeddedFormat* f : parsers::AllEmbeddedFormats()) {
    std::printf("%-16.*s %-9.*s %.*s (inside %.*s)\n", static_cast<int>(f->name.size()),
                f->name.data(), static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(), static_cast<int>(f->description.size()),
                f->description.data(), static_cast<int>(f->container.size()), f->container.data());
    if (!f->samples.empty()) {
      std::string_view sample = f->samples[0].text;
      if (!verbose && sample.size() > 150) sample = sample.substr(0, 150);
      std::printf("%-20s sample: %.*s\n", "", static_cast<int>(sample.size()), sample.data());
    }
    if (verbose) {
      std::printf("%-20s detects: %.*s\n", "", static_cast<int>(f->signature.size()),
                  f->signature.data());
    }
  }
  return kExitOk;
}

int RunDetect(const std::vector<std::string>& paths, const std::string& hosts_file,
              const std::string& tz) {
  auto zone = base::Zone::Load(tz);
  if (!zone.ok()) {
    Error("--tz: " + std::string(zone.status().message()));
    return kExitUsage;
  }
  ingest::HostDirectory hosts;
  std::vector<ingest::HostsEntry> entries;
  if (!LoadHosts(hosts_file, &hosts, &entries)) return kExitUsage;
  ingest::ImportOptions options;
  options.paths = paths;
  options.zone = *zone;
  options.detect_only = true;
  options.threads = 1;  // report in path order
  DetectSink sink;
  ingest::Importer importer(std::move(options), &hosts, &sink);
  absl::Status s = importer.Run();
  if (!s.ok()) {
    Error(std::string(s.message()));
    return kExitFailure;
  }
  return sink.problems > 0 ? kExitProblems : kExitOk;
}

}  // namespace rstscope::cli
