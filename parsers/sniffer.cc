#include "parsers/sniffer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "base/strings.h"
#include "parsers/registry.h"

namespace rstscope::parsers {

bool LooksLikeStackLine(std::string_view line) {
  if (line.empty()) return false;
  if (base::IsSpace(line[0])) return true;
  if (base::StartsWith(line, "Caused by:") || base::StartsWith(line, "Traceback (") ||
      base::StartsWith(line, "---") || base::StartsWith(line, "During handling of") ||
      base::StartsWith(line, "The above exception") || base::StartsWith(line, "goroutine ") ||
      base::StartsWith(line, "panic: ") || base::StartsWith(line, "Exception in thread")) {
    return true;
  }
  // A qualified exception name at the start: "java.net.SocketException: ...",
  // "System.IO.IOException: ...", "ConnectionResetError: [Errno 104] ...".
  size_t i = 0;
  while (i < line.size() && (base::IsAlpha(line[i]) || base::IsDigit(line[i]) || line[i] == '.' ||
                             line[i] == '_' || line[i] == '$')) {
    ++i;
  }
  if (i == 0 || i >= line.size() || line[i] != ':') {
    // "System.Net.Sockets.SocketException (10054): ..."
    if (!(i > 0 && i + 1 < line.size() && line[i] == ' ' && line[i + 1] == '(')) return false;
  }
  const std::string_view name = line.substr(0, i);
  return base::EndsWith(name, "Exception") || base::EndsWith(name, "Error") ||
         base::EndsWith(name, "Exit") || base::EndsWith(name, "Interrupt") ||
         base::EndsWith(name, "Warning");
}

SniffResult SniffFormat(std::span<const std::string_view> lines, const SourceContext& ctx) {
  SniffResult result;
  // Every format reads the same lines: drop the blank ones once.
  std::vector<std::string_view> sample;
  sample.reserve(lines.size());
  for (std::string_view line : lines) {
    if (!base::TrimSpace(line).empty()) sample.push_back(line);
  }
  ParsedLine parsed;
  for (const FormatInfo* format : AllFormats()) {
    SniffCandidate c;
    c.format = format;
    auto parser = format->make_parser(ctx);
    bool in_record = false;
    double penalty = 0;
    for (std::string_view line : sample) {
      if (parser->ConsumeDirective(line)) {
        ++c.directives;
        continue;
      }
      parsed.Reset();
      const ParseOutcome outcome = parser->Parse(line, &parsed);
      if (outcome.status == ParseStatus::kParsed) {
        ++c.records;
        in_record = true;
        continue;
      }
      if (outcome.status == ParseStatus::kContinuation && in_record) {
        ++c.continuations;  // the writer split the line: no doubt about it
        continue;
      }
      const bool joinable =
          in_record && ((format->continuation == Continuation::kIndented && base::IsSpace(line[0])) ||
                        format->continuation == Continuation::kAnyNonHeader);
      if (joinable) {
        ++c.continuations;
        if (format->continuation == Continuation::kAnyNonHeader && !LooksLikeStackLine(line)) {
          penalty += 0.5;
        }
      } else if (outcome.status == ParseStatus::kMalformed) {
        ++c.malformed;
      } else {
        ++c.misses;
      }
    }
    const double good = c.records + c.directives;
    const double total = good + c.misses + c.malformed + penalty;
    c.score = c.records > 0 && total > 0 ? good / total : 0;
    result.ranking.push_back(c);
  }
  // Best score first. Scores within 0.02 of the best are a tie that the
  // formats' priority breaks: the winner moves to the front. (A comparator
  // that called any two scores within 0.02 equal is not a strict weak
  // ordering, 0.00 ~ 0.015 ~ 0.03, and the fuzzer found rankings it left
  // unsorted.)
  std::stable_sort(result.ranking.begin(), result.ranking.end(),
                   [](const SniffCandidate& a, const SniffCandidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.format->priority < b.format->priority;
                   });
  if (!result.ranking.empty()) {
    auto winner = result.ranking.begin();
    for (auto it = result.ranking.begin(); it != result.ranking.end(); ++it) {
      if (result.ranking[0].score - it->score > 0.02) break;
      if (it->format->priority < winner->format->priority) winner = it;
    }
    std::rotate(result.ranking.begin(), winner, winner + 1);
  }
  char buf[512];
  if (result.ranking.empty() || result.ranking[0].score < kMinSniffScore) {
    const SniffCandidate* best = result.ranking.empty() ? nullptr : &result.ranking[0];
    if (best != nullptr && best->records > 0) {
      std::snprintf(buf, sizeof buf,
                    "no format fits: the best, %.*s, starts records on only %d of %d sample lines",
                    static_cast<int>(best->format->name.size()), best->format->name.data(),
                    best->records, best->records + best->misses + best->malformed + best->continuations);
    } else {
      std::snprintf(buf, sizeof buf, "no format recognizes any of the %zu sample lines",
                    lines.size());
    }
    result.reason = buf;
    return result;
  }
  const SniffCandidate& best = result.ranking[0];
  result.format = best.format;
  result.score = best.score;
  const int considered = best.records + best.directives + best.misses + best.malformed;
  std::snprintf(buf, sizeof buf, "%d of %d sample lines start a %.*s record (%.*s)",
                best.records + best.directives, considered,
                static_cast<int>(best.format->name.size()), best.format->name.data(),
                static_cast<int>(best.format->signature.size()), best.format->signature.data());
  result.reason = buf;
  if (result.ranking.size() > 1 && result.ranking[1].records > 0) {
    const SniffCandidate& next = result.ranking[1];
    std::snprintf(buf, sizeof buf, "; next: %.*s at %.0f%%",
                  static_cast<int>(next.format->name.size()), next.format->name.data(),
                  next.score * 100);
    result.reason += buf;
  }
  return result;
}

}  // namespace rstscope::parsers
