// Importer: the import pipeline from paths to a TimelineSink.
//
// Worker threads each take whole input files: they read (through
// libarchive for archives and compressed files, recursively for archives
// inside archives), decode, sniff the format, parse and classify records
// into EventBatches. The calling thread is the single writer: it hands
// sources and batches to the sink in the order they arrive. A bounded queue
// between them keeps memory flat whatever the input size.
//
// Source names: a file is named as given on the command line (directories
// expanded below it); a member of an archive is ARCHIVE!/MEMBER/PATH, and
// a compressed file keeps its own name.
#ifndef RSTSCOPE_INGEST_IMPORTER_H_
#define RSTSCOPE_INGEST_IMPORTER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "base/event_batch.h"
#include "base/kind.h"
#include "base/zone.h"
#include "ingest/archive_reader.h"
#include "ingest/host_directory.h"

namespace rstscope::ingest {

struct ImportOptions {
  std::vector<std::string> paths;
  std::string format;   // --format: forced format name, "" to sniff
  std::string host;     // --host: host of records without their own
  base::Role role = base::Role::kUnknown;  // --role
  base::Zone zone;      // --tz ZONE: zone of timestamps without an offset
  // --tz GLOB=ZONE: the zone of sources whose name matches GLOB (fnmatch,
  // '*' also matches '/'), first match wins; others get `zone`.
  std::vector<std::pair<std::string, base::Zone>> zone_rules;
  size_t max_line_bytes = 1 << 20;
  int threads = 0;      // parse threads; 0: one less than the cores, at least 1
  int max_archive_depth = 16;
  // Decompression bomb guard for every compressed stream and archive.
  ExpansionLimit expansion;
  bool progress = false;  // print a progress line to stderr
  // Detect only: sniff each source and report it to the sink (BeginSource
  // and EndSource with the sample's line count), without parsing records.
  bool detect_only = false;
  // Content hashes imported before (hash -> source name): such files are
  // skipped before they are read.
  absl::flat_hash_map<std::string, std::string> known_hashes;
  // Where earlier imports of plain and compressed files ended: a file whose
  // content continues one of them is read from there on (only the new
  // lines), one that holds nothing new is skipped (ingest/cursor.h).
  std::vector<base::ImportCursor> cursors;
};

struct ImportCounters {
  std::atomic<uint64_t> files_total{0};
  std::atomic<uint64_t> files_done{0};
  std::atomic<uint64_t> duplicates{0};
  std::atomic<uint64_t> continued{0};  // files read on from an earlier import's end
  std::atomic<uint64_t> problems{0};
  std::atomic<uint64_t> lines{0};
  std::atomic<uint64_t> bytes{0};
};

class Importer {
 public:
  // Borrows `hosts` and `sink`, which must outlive the importer.
  Importer(ImportOptions options, HostDirectory* hosts, base::TimelineSink* sink);
  ~Importer();

  // Runs the whole import. Problems with inputs (unreadable files, corrupt
  // members, truncated streams) are reported to the sink and counted; they
  // do not stop the run. Returns an error only when the sink fails, after
  // stopping the workers.
  absl::Status Run();

  const ImportCounters& counters() const { return counters_; }

 private:
  struct Shared;
  std::unique_ptr<Shared> shared_;
  ImportCounters counters_;
};

}  // namespace rstscope::ingest

#endif  // RSTSCOPE_INGEST_IMPORTER_H_
