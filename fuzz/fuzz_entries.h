// Entry points of the fuzz targets, kept apart from libFuzzer so that the
// test suite replays the same code on the regression corpus
// (tests/fuzz/fuzz_replay_test.cc) in every build, with or without clang.
//
// Each entry takes arbitrary bytes, drives one part of the import path with
// them and checks the invariants that part promises. A broken invariant is
// reported on stderr and aborts (so libFuzzer records the input); a crash or
// a sanitizer report is caught the same way.
#ifndef RSTSCOPE_FUZZ_FUZZ_ENTRIES_H_
#define RSTSCOPE_FUZZ_FUZZ_ENTRIES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/format.h"

namespace rstscope::fuzz {

// What an entry saw, for the replay test's exact assertions.
struct FuzzCounts {
  uint64_t lines = 0;      // lines the line reader produced
  uint64_t records = 0;    // records built
  uint64_t unparsed = 0;   // unparsed lines
  uint64_t entries = 0;    // archive members (FuzzArchive)
  uint64_t bytes = 0;      // bytes read from members (FuzzArchive)
};

// Bytes -> line reader (1 KiB line limit, so long lines are cut) -> record
// builder with `format` -> batches. Checks that every input line is
// accounted for exactly once (in a record or as an unparsed line), that
// every span lies inside its batch's arena, that times are in range and
// that message offsets lie inside the record.
FuzzCounts FuzzFormat(const parsers::FormatInfo* format, const uint8_t* data, size_t size);

// The fixed-layout timestamp parsers, ToUtcMicros and the year inferrer on
// every suffix start of the input's first 64 bytes.
void FuzzTimestamps(const uint8_t* data, size_t size);

// Format detection over the input's first 200 lines.
FuzzCounts FuzzSniffer(const uint8_t* data, size_t size);

// The archive reader over the bytes (any container libarchive knows), with
// a 16 MiB expansion limit; reads every member to its end.
FuzzCounts FuzzArchive(const uint8_t* data, size_t size);

// The line reader alone, with the options taken from the first byte
// (line limit, partial last line held). Checks line numbers and lengths.
FuzzCounts FuzzLineReader(const uint8_t* data, size_t size);

}  // namespace rstscope::fuzz

#endif  // RSTSCOPE_FUZZ_FUZZ_ENTRIES_H_
