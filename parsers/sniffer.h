// Format detection from a sample of a source's first lines.
//
// Every known format parses the sample; the format that starts records on
// the largest share of lines wins, and on a tie (within 2 points) the more
// specific one (lower FormatInfo::priority). Continuation lines that the
// format would join to a record neither help nor hurt, except that a format
// which joins any non-header line (application text) pays half a miss for
// each joined line that does not look like a stack trace, so that one
// timestamped line does not claim a file of something else.
//
// Thread-safe: pure function of its arguments.
#ifndef RSTSCOPE_PARSERS_SNIFFER_H_
#define RSTSCOPE_PARSERS_SNIFFER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/format.h"

namespace rstscope::parsers {

struct SniffCandidate {
  const FormatInfo* format = nullptr;
  int records = 0;       // lines that start a record
  int directives = 0;    // metadata lines the format consumed
  int continuations = 0;
  int malformed = 0;
  int misses = 0;
  double score = 0;      // 0..1
};

struct SniffResult {
  const FormatInfo* format = nullptr;  // nullptr: nothing fits
  double score = 0;
  std::string reason;                  // one sentence for `detect`
  std::vector<SniffCandidate> ranking;  // best first
};

// The minimum score a format needs to be chosen.
inline constexpr double kMinSniffScore = 0.5;

// `lines`: the first lines of the source (decoded, no terminators). Blank
// lines are ignored.
SniffResult SniffFormat(std::span<const std::string_view> lines, const SourceContext& ctx);

// True for lines that look like part of a stack trace or exception chain
// ("\tat ...", "Caused by:", "Traceback (most recent call last):", " ---> ",
// "java.net.SocketException: Connection reset").
bool LooksLikeStackLine(std::string_view line);

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_SNIFFER_H_
