// The subcommands of the rstscope command line. Each returns the process
// exit code (see ExitCode); errors are printed to stderr.
#ifndef RSTSCOPE_CLI_COMMANDS_H_
#define RSTSCOPE_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace rstscope::cli {

// Exit codes, documented in `rstscope --help` and the README.
enum ExitCode {
  kExitOk = 0,        // success
  kExitFailure = 1,   // the command could not do its job (bad database, bad SQL, I/O error)
  kExitUsage = 2,     // bad command line or option value
  kExitProblems = 3,  // completed, but some input could not be read (see the problems list)
  kExitConditionMatched = 4,  // report: a --fail-on condition holds (the report was written)
};

struct ImportArgs {
  std::string db;
  std::vector<std::string> paths;
  std::string hosts_file;
  std::string role;
  std::string host;
  std::vector<std::string> tz;  // "ZONE" and/or "GLOB=ZONE" entries
  std::string format;
  int threads = 0;
  size_t max_line_bytes = 1 << 20;
  int64_t max_expanded_bytes = int64_t{1} << 30;  // decompression bomb guard
  double max_expansion_ratio = 100;
  size_t commit_rows = 0;  // rows per transaction; 0: the writer's default
  bool quiet = false;
  std::string command_line;
};
int RunImport(const ImportArgs& args);

// Correlates every reset with its cause; replaces earlier results.
int RunCorrelate(const std::string& db, const std::string& before, const std::string& after);

// Deletes records older than a cutoff, keeping the views consistent
// (cli/prune.cc).
struct PruneArgs {
  std::string db;
  std::string before;  // a duration before the newest record, or a UTC time
  bool vacuum = false;
};
int RunPrune(const PruneArgs& args);

int RunQuery(const std::string& db, const std::string& format, const std::string& sql);
int RunSummary(const std::string& db, int max_resets);
int RunFormats(bool verbose, bool markdown);
int RunDetect(const std::vector<std::string>& paths, const std::string& hosts_file,
              const std::string& tz);

}  // namespace rstscope::cli

#endif  // RSTSCOPE_CLI_COMMANDS_H_
