#include "parsers/registry.h"

#include <algorithm>
#include <vector>

#include "parsers/embedded.h"

#include "parsers/formats/formats.h"

namespace rstscope::parsers {

namespace {

constexpr FormatGroup (*kGroups[])() = {&ProxyGroup, &FirewallGroup, &WindowsGroup,
                                        &PlatformGroup};

}  // namespace

std::span<const FormatInfo* const> AllFormats() {
  static const auto sorted = [] {
    std::vector<const FormatInfo*> all = {
        &kSyslogFormat,      &kSyslog5424Format,   &kRsyslogFormat,
        &kJournaldJsonFormat, &kDmesgFormat,        &kNginxErrorFormat,
        &kAccessLogFormat,   &kApacheErrorFormat,  &kJsonLinesFormat,
        &kLogbackFormat,     &kSerilogFormat,      &kNlogFormat,
        &kPythonLoggingFormat, &kGoLogFormat,      &kDotnetConsoleFormat,
        &kAppTextFormat,
    };
    for (auto group : kGroups) {
      for (const FormatInfo* f : group().formats) all.push_back(f);
    }
    std::stable_sort(all.begin(), all.end(), [](const FormatInfo* a, const FormatInfo* b) {
      return a->priority != b->priority ? a->priority < b->priority : a->name < b->name;
    });
    return all;
  }();
  return sorted;
}

std::span<const EmbeddedFormat* const> AllEmbeddedFormats() {
  static const auto all = [] {
    std::vector<const EmbeddedFormat*> out;
    for (auto group : kGroups) {
      for (const EmbeddedFormat* f : group().embedded) out.push_back(f);
    }
    return out;
  }();
  return all;
}

const EmbeddedFormat* FindEmbeddedFormat(std::string_view name) {
  for (const EmbeddedFormat* f : AllEmbeddedFormats()) {
    if (f->name == name) return f;
  }
  return nullptr;
}

bool ApplyEmbeddedFormats(std::string_view line, ParsedLine* out, std::string* scratch) {
  if (out->has_message_override || out->msg_offset > line.size()) return false;
  const std::string_view message =
      out->msg_length == ParsedLine::kToEnd ? line.substr(out->msg_offset)
                                            : line.substr(out->msg_offset, out->msg_length);
  for (const EmbeddedFormat* f : AllEmbeddedFormats()) {
    if (!f->claims(out->process, message)) continue;
    if (f->parse(message, out, scratch)) {
      out->format = f->name;
      if (out->role == base::Role::kUnknown) out->role = f->default_role;
      return true;
    }
  }
  return false;
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
