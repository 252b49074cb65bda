#include "ingest/input_walker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <utility>

namespace rstscope::ingest {
namespace {

int64_t MtimeMicros(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000 + st.st_mtim.tv_nsec / 1000;
}

std::string Join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

void Walk(const std::string& path, std::vector<std::pair<dev_t, ino_t>>* stack,
          std::vector<InputFile>* files, std::vector<InputProblem>* problems) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    struct stat lst;
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      problems->push_back({path, std::string("broken symbolic link: ") + std::strerror(err)});
    } else {
      problems->push_back({path, std::strerror(err)});
    }
    return;
  }
  if (S_ISREG(st.st_mode)) {
    files->push_back({path, false, static_cast<int64_t>(st.st_size), MtimeMicros(st)});
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    problems->push_back({path, "not a regular file or directory; skipped"});
    return;
  }
  for (const auto& [dev, ino] : *stack) {
    if (dev == st.st_dev && ino == st.st_ino) {
      problems->push_back({path, "symbolic link loop: this directory is already being walked; not followed"});
      return;
    }
  }
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    problems->push_back({path, std::string("cannot read directory: ") + std::strerror(errno)});
    return;
  }
  std::vector<std::string> names;
  while (struct dirent* ent = ::readdir(dir)) {
    if (ent->d_name[0] == '.') continue;
    names.emplace_back(ent->d_name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  stack->emplace_back(st.st_dev, st.st_ino);
  for (const std::string& name : names) Walk(Join(path, name), stack, files, problems);
  stack->pop_back();
}

}  // namespace

void ExpandInputs(const std::vector<std::string>& paths, std::vector<InputFile>* files,
                  std::vector<InputProblem>* problems) {
  for (const std::string& path : paths) {
    if (path == "-") {
      files->push_back({"-", true, -1, static_cast<int64_t>(std::time(nullptr)) * 1000000});
      continue;
    }
    std::vector<std::pair<dev_t, ino_t>> stack;
    Walk(path, &stack, files, problems);
  }
}

}  // namespace rstscope::ingest
