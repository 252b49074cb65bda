#include "parsers/registry.h"

#include <algorithm>
#include <array>

#include "parsers/formats/formats.h"

namespace rstscope::parsers {

std::span<const FormatInfo* const> AllFormats() {
  static const auto sorted = [] {
    std::array<const FormatInfo*, 16> all = {
        &kSyslogFormat,      &kSyslog5424Format,   &kRsyslogFormat,
        &kJournaldJsonFormat, &kDmesgFormat,        &kNginxErrorFormat,
        &kAccessLogFormat,   &kApacheErrorFormat,  &kJsonLinesFormat,
        &kLogbackFormat,     &kSerilogFormat,      &kNlogFormat,
        &kPythonLoggingFormat, &kGoLogFormat,      &kDotnetConsoleFormat,
        &kAppTextFormat,
    };
    std::stable_sort(all.begin(), all.end(), [](const FormatInfo* a, const FormatInfo* b) {
      return a->priority != b->priority ? a->priority < b->priority : a->name < b->name;
    });
    return all;
  }();
  return sorted;
}

const FormatInfo* FindFormat(std::string_view name) {
  for (const FormatInfo* f : AllFormats()) {
    if (f->name == name) return f;
  }
  return nullptr;
}

std::string_view FamilyName(Family f) {
  switch (f) {
    case Family::kClient: return "client";
    case Family::kServer: return "server";
    case Family::kProxy: return "proxy";
    case Family::kFirewall: return "firewall";
  }
  return "";
}

SourceContext SampleContext() {
  SourceContext ctx;
  ctx.mtime_us = 1735689599LL * 1000000;  // 2024-12-31T23:59:59Z
  return ctx;
}

}  // namespace rstscope::parsers
