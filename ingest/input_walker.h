// Expanding command-line paths into the files to import.
//
// A directory is walked recursively in name order (so imports are
// reproducible); entries whose names start with '.' are skipped, symbolic
// links are followed, and a link back into a directory already on the
// current walk (a loop) is reported and not followed. "-" is standard input.
#ifndef RSTSCOPE_INGEST_INPUT_WALKER_H_
#define RSTSCOPE_INGEST_INPUT_WALKER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace rstscope::ingest {

struct InputFile {
  std::string path;       // as it will be named in `sources`
  bool is_stdin = false;
  int64_t size = -1;
  int64_t mtime_us = 0;
};

struct InputProblem {
  std::string path;
  std::string message;
};

// Appends the files named by `paths` to *files, and what could not be
// walked (missing paths, unreadable directories, loops) to *problems.
void ExpandInputs(const std::vector<std::string>& paths, std::vector<InputFile>* files,
                  std::vector<InputProblem>* problems);

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_INPUT_WALKER_H_
