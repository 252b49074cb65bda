// HostDirectory: which hosts the imported logs talk about, and how a record
// without a host field gets one.
//
// Names come from a hosts file (/etc/hosts syntax: `IP canonical alias...`,
// `#` comments), from the database (hosts seen by earlier imports), and from
// records of this import that carry a host field. A source's host is the
// top-most component of its path (archive members included) that names a
// known host; aliases, addresses and fully qualified names map to the
// canonical name, and a canonical "api01.corp.example" also answers to
// "api01".
//
// Thread-safe: the pipeline's workers call Resolve and Learn concurrently.
#ifndef RSTSCOPE_INGEST_HOST_DIRECTORY_H_
#define RSTSCOPE_INGEST_HOST_DIRECTORY_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace rstscope::ingest {

struct HostsEntry {
  std::string address;
  std::string canonical;
  std::vector<std::string> aliases;
};

// Parses hosts-file text. Lines that are blank or comments are skipped; a
// line with an address but no name is an error naming the line number.
absl::StatusOr<std::vector<HostsEntry>> ParseHostsFile(std::string_view text,
                                                       std::string_view file_name);

class HostDirectory {
 public:
  void AddHostsEntries(const std::vector<HostsEntry>& entries);
  // A host name known from elsewhere (the database, a record's host field).
  void Learn(std::string_view name);

  // The canonical host named by `name` (a host, alias, FQDN or address),
  // or empty when unknown. Case-insensitive.
  std::string Canonical(std::string_view name) const;

  // The canonical host named by the top-most component of `path` (split at
  // '/', '\\' and the "!/" of archive members), with the reason, or
  // {"", ""} when none names a known host.
  std::pair<std::string, std::string> ResolvePath(std::string_view path) const;

  const std::vector<HostsEntry>& hosts_entries() const { return entries_; }

 private:
  void AddName(std::string_view name, const std::string& canonical, std::string_view origin);
  mutable absl::Mutex mu_;
  // lower-case name -> (canonical, origin)
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>> names_
      ABSL_GUARDED_BY(mu_);
  std::vector<HostsEntry> entries_;
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_HOST_DIRECTORY_H_
