#include "ingest/host_directory.h"

#include "absl/strings/str_split.h"
#include "base/strings.h"

namespace rstscope::ingest {

absl::StatusOr<std::vector<HostsEntry>> ParseHostsFile(std::string_view text,
                                                       std::string_view file_name) {
  std::vector<HostsEntry> out;
  size_t line_no = 0;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++line_no;
    std::string_view line(raw.data(), raw.size());
    const size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = base::TrimSpace(line);
    if (line.empty()) continue;
    std::vector<std::string> fields;
    for (absl::string_view f : absl::StrSplit(absl::string_view(line.data(), line.size()),
                                              absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
      fields.emplace_back(f);
    }
    if (fields.size() < 2) {
      return absl::InvalidArgumentError(std::string(file_name) + ":" + std::to_string(line_no) +
                                        ": expected 'ADDRESS NAME [ALIAS...]', got '" +
                                        std::string(line) + "'");
    }
    HostsEntry e;
    e.address = fields[0];
    e.canonical = fields[1];
    e.aliases.assign(fields.begin() + 2, fields.end());
    out.push_back(std::move(e));
  }
  return out;
}

void HostDirectory::AddName(std::string_view name, const std::string& canonical,
                            std::string_view origin) {
  if (name.empty()) return;
  std::string key = base::ToLower(name);
  names_.try_emplace(key, canonical, std::string(origin));
  // A canonical "api01.corp.example" also answers to "api01" (unless it is
  // an IP address). Aliases do not: they are often service names
  // ("inventory.corp.example") whose first label names directories too.
  const size_t dot = key.find('.');
  if (name == canonical && dot != std::string::npos && dot > 0 && !base::IsDigit(key[0])) {
    names_.try_emplace(key.substr(0, dot), canonical, std::string(origin));
  }
}

void HostDirectory::AddHostsEntries(const std::vector<HostsEntry>& entries) {
  absl::MutexLock lock(&mu_);
  for (const HostsEntry& e : entries) {
    AddName(e.canonical, e.canonical, "from the hosts file");
    for (const std::string& alias : e.aliases) AddName(alias, e.canonical, "from the hosts file");
    AddName(e.address, e.canonical, "from the hosts file");
    entries_.push_back(e);
  }
}

void HostDirectory::Learn(std::string_view name) {
  absl::MutexLock lock(&mu_);
  if (names_.contains(base::ToLower(name))) return;
  AddName(name, std::string(name), "seen in other logs");
}

std::string HostDirectory::Canonical(std::string_view name) const {
  absl::MutexLock lock(&mu_);
  auto it = names_.find(base::ToLower(name));
  return it == names_.end() ? std::string() : it->second.first;
}

std::pair<std::string, std::string> HostDirectory::ResolvePath(std::string_view path) const {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/' || path[i] == '\\' || path[i] == '!') {
      if (i > start) parts.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  absl::MutexLock lock(&mu_);
  // Bundles are laid out host first (bundle/api01/var/log/...), and deeper
  // directories are named after services that may share a host's alias
  // (app01/var/log/inventory/): the component nearest the top wins. The
  // file name itself is not a host directory.
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    auto it = names_.find(base::ToLower(parts[i]));
    if (it != names_.end()) {
      return {it->second.first,
              "path component '" + std::string(parts[i]) + "' names a host " + it->second.second};
    }
  }
  return {"", ""};
}

}  // namespace rstscope::ingest
