#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "base/kind.h"
#include "base/zone.h"
#include "ingest/host_directory.h"
#include "ingest/importer.h"
#include "parsers/registry.h"
#include "query/sql_runner.h"
#include "query/summary.h"
#include "store/timeline_writer.h"

namespace rstscope::cli {
namespace {

void Error(const std::string& msg) { std::fprintf(stderr, "rstscope: %s\n", msg.c_str()); }

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
    if (stats.skipped) {
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
  auto zone = base::Zone::Load(args.tz);
  if (!zone.ok()) {
    Error("--tz: " + std::string(zone.status().message()));
    return kExitUsage;
  }
  options.zone = *zone;
  ingest::HostDirectory hosts;
  std::vector<ingest::HostsEntry> entries;
  if (!LoadHosts(args.hosts_file, &hosts, &entries)) return kExitUsage;

  store::WriterOptions writer_options;
  writer_options.args = args.command_line;
  writer_options.tz_name = zone->name();
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

int RunFormats(bool verbose) {
  std::printf("%-16s %-9s %s\n", "FORMAT", "FAMILY", "DESCRIPTION");
  for (const parsers::FormatInfo* f : parsers::AllFormats()) {
    std::printf("%-16.*s %-9.*s %.*s\n", static_cast<int>(f->name.size()), f->name.data(),
                static_cast<int>(parsers::FamilyName(f->family).size()),
                parsers::FamilyName(f->family).data(), static_cast<int>(f->description.size()),
                f->description.data());
    if (!f->samples.empty()) {
      std::string_view sample = f->samples[0].text;
      const size_t nl = sample.find('\n');
      if (nl != std::string_view::npos) sample = sample.substr(0, nl);
      if (!verbose && sample.size() > 150) sample = sample.substr(0, 150);
      std::printf("%-16s sample: %.*s\n", "", static_cast<int>(sample.size()), sample.data());
    }
    if (verbose) {
      std::printf("%-16s detects: %.*s\n", "", static_cast<int>(f->signature.size()),
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
