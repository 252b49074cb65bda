// Helpers for end-to-end tests: run the rstscope binary and read the
// database it wrote.
#ifndef RSTSCOPE_TESTS_E2E_E2E_UTIL_H_
#define RSTSCOPE_TESTS_E2E_E2E_UTIL_H_

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "store/db.h"

namespace rstscope::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs `args` (shell-quoted by the caller) with the rstscope binary, from
// the source directory, so source names are relative paths like the ones in
// the sample READMEs.
inline CommandResult Rstscope(const std::string& args) {
  const std::string cmd =
      std::string("cd '") + RSTSCOPE_SOURCE_DIR + "' && '" + RSTSCOPE_BINARY + "' " + args + " 2>&1";
  CommandResult r;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/rstscope-e2e-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Rows of a query, each row's columns joined by '|' (NULL as "NULL").
inline std::vector<std::string> Rows(const std::string& db_path, const std::string& sql) {
  auto db = store::Db::Open(db_path, store::Db::Mode::kReadOnly);
  EXPECT_TRUE(db.ok()) << db.status();
  std::vector<std::string> out;
  if (!db.ok()) return out;
  auto stmt = (*db)->Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status() << " in " << sql;
  if (!stmt.ok()) return out;
  for (;;) {
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok()) << row.status();
    if (!row.ok() || !*row) break;
    std::string line;
    for (int i = 0; i < stmt->ColumnCount(); ++i) {
      if (i > 0) line.push_back('|');
      line += stmt->ColumnIsNull(i) ? std::string("NULL") : std::string(stmt->ColumnText(i));
    }
    out.push_back(line);
  }
  return out;
}

inline std::string One(const std::string& db_path, const std::string& sql) {
  const auto rows = Rows(db_path, sql);
  EXPECT_EQ(rows.size(), 1u) << sql;
  return rows.empty() ? std::string() : rows[0];
}

// The sample bundles (sample-logs/NAME/) that hold `marker` (a file such as
// "hosts" or "expected-causes.tsv"), by name.
inline std::vector<std::string> SampleBundlesWith(const std::string& marker) {
  std::vector<std::string> names;
  const std::string root = std::string(RSTSCOPE_SOURCE_DIR) + "/sample-logs";
  DIR* dir = ::opendir(root.c_str());
  if (dir == nullptr) return names;
  while (dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (::access((root + "/" + name + "/" + marker).c_str(), R_OK) == 0) names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace rstscope::e2e

#endif  // RSTSCOPE_TESTS_E2E_E2E_UTIL_H_
