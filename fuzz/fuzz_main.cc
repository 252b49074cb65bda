// libFuzzer driver: one binary per target, chosen at compile time by
// RSTSCOPE_FUZZ_TARGET ("format", "timestamps", "sniffer", "archive",
// "line_reader"); see fuzz/CMakeLists.txt and scripts/fuzz.
//
// fuzz_format is one target per parser: RSTSCOPE_FUZZ_FORMAT=NAME picks the
// format (each gets its own corpus and run). RSTSCOPE_FUZZ_LIST_FORMATS=1
// prints the names and exits; RSTSCOPE_FUZZ_WRITE_SEEDS=DIR writes the
// format's sample records into DIR (one file each) and exits: scripts/fuzz
// seeds each corpus with them, besides the files of sample-logs/.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz/fuzz_entries.h"
#include "parsers/registry.h"

namespace {

constexpr std::string_view kTarget = RSTSCOPE_FUZZ_TARGET;

const rstscope::parsers::FormatInfo* TargetFormat() {
  static const rstscope::parsers::FormatInfo* format = [] {
    if (kTarget != "format") return static_cast<const rstscope::parsers::FormatInfo*>(nullptr);
    const char* name = std::getenv("RSTSCOPE_FUZZ_FORMAT");
    if (name == nullptr) {
      std::fprintf(stderr, "fuzz_format: set RSTSCOPE_FUZZ_FORMAT to a format name\n");
      std::exit(2);
    }
    const auto* f = rstscope::parsers::FindFormat(name);
    if (f == nullptr) {
      std::fprintf(stderr, "fuzz_format: unknown format '%s'\n", name);
      std::exit(2);
    }
    return f;
  }();
  return format;
}

void WriteSeeds(const char* dir) {
  const auto* format = TargetFormat();
  if (format == nullptr) std::exit(0);
  int i = 0;
  for (const auto& sample : format->samples) {
    const std::string path = std::string(dir) + "/sample-" + std::to_string(i++);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      std::perror(path.c_str());
      std::exit(1);
    }
    std::fwrite(sample.text.data(), 1, sample.text.size(), f);
    std::fputc('\n', f);
    std::fclose(f);
  }
  std::exit(0);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  if (std::getenv("RSTSCOPE_FUZZ_LIST_FORMATS") != nullptr) {
    for (const auto* f : rstscope::parsers::AllFormats()) {
      std::printf("%.*s\n", static_cast<int>(f->name.size()), f->name.data());
    }
    std::exit(0);
  }
  if (const char* dir = std::getenv("RSTSCOPE_FUZZ_WRITE_SEEDS")) WriteSeeds(dir);
  (void)TargetFormat();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rstscope::fuzz;
  if (const auto* format = TargetFormat()) {
    FuzzFormat(format, data, size);
  } else if (kTarget == "timestamps") {
    FuzzTimestamps(data, size);
  } else if (kTarget == "sniffer") {
    FuzzSniffer(data, size);
  } else if (kTarget == "archive") {
    FuzzArchive(data, size);
  } else if (kTarget == "line_reader") {
    FuzzLineReader(data, size);
  } else {
    std::abort();
  }
  return 0;
}
