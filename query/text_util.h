// Small text helpers shared by the human-readable outputs (summary,
// correlate, reports).
#ifndef RSTSCOPE_QUERY_TEXT_UTIL_H_
#define RSTSCOPE_QUERY_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace rstscope::query {

// ISO-8601 UTC with milliseconds, as the timeline view prints `ts`.
std::string Iso(int64_t us);

// 1234567 -> "1,234,567".
std::string Grouped(int64_t n);

// The first line of a message, cut to `width` code points ("..." when cut).
std::string FirstLine(std::string_view s, size_t width);

// The line of a multi-line message that names the innermost error, such as
// " ---> System.Net.Sockets.SocketException (10054): ..." below a generic
// "Failed to push order" first line, without its "---> " or "Caused by: "
// prefix; empty when there is none.
std::string InnermostErrorLine(std::string_view message);

// A duration in milliseconds as people read it: "2 s" for whole seconds,
// "1.5 s" otherwise, "350 ms" below one second.
std::string DurationText(int64_t ms);

}  // namespace rstscope::query

#endif  // RSTSCOPE_QUERY_TEXT_UTIL_H_
