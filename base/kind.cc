#include "base/kind.h"

#include <cctype>
#include <string>

namespace rstscope::base {
namespace {

constexpr std::string_view kKindNames[kKindCount] = {
    "other",   "reset", "client_abort", "refused", "oom_kill",  "crash",
    "stop",    "start", "restart",      "timeout", "overload", "tls_error",
    "backend_down", "unhealthy", "idle_timeout", "fw_reset", "fw_deny",
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view KindName(Kind kind) {
  const int i = static_cast<int>(kind);
  return i >= 0 && i < kKindCount ? kKindNames[i] : std::string_view("other");
}

std::optional<Kind> KindFromName(std::string_view name) {
  for (int i = 0; i < kKindCount; ++i) {
    if (kKindNames[i] == name) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kEmergency: return "emerg";
    case Severity::kAlert: return "alert";
    case Severity::kCritical: return "crit";
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNotice: return "notice";
    case Severity::kInfo: return "info";
    case Severity::kDebug: return "debug";
    case Severity::kUnknown: break;
  }
  return "";
}

Severity SeverityFromWord(std::string_view w) {
  struct Entry {
    std::string_view word;
    Severity severity;
  };
  static constexpr Entry kWords[] = {
      {"emerg", Severity::kEmergency},    {"emergency", Severity::kEmergency},
      {"panic", Severity::kEmergency},    {"alert", Severity::kAlert},
      {"crit", Severity::kCritical},      {"critical", Severity::kCritical},
      {"fatal", Severity::kCritical},     {"ftl", Severity::kCritical},
      {"f", Severity::kCritical},         {"dpanic", Severity::kCritical},
      {"severe", Severity::kError},       {"error", Severity::kError},
      {"err", Severity::kError},          {"erro", Severity::kError},
      {"e", Severity::kError},            {"eror", Severity::kError},
      {"warning", Severity::kWarning},    {"warn", Severity::kWarning},
      {"wrn", Severity::kWarning},        {"w", Severity::kWarning},
      {"notice", Severity::kNotice},      {"info", Severity::kInfo},
      {"information", Severity::kInfo},   {"informational", Severity::kInfo},
      {"inf", Severity::kInfo},           {"i", Severity::kInfo},
      {"debug", Severity::kDebug},        {"dbg", Severity::kDebug},
      {"d", Severity::kDebug},            {"trace", Severity::kDebug},
      {"trce", Severity::kDebug},         {"verbose", Severity::kDebug},
      {"vrb", Severity::kDebug},          {"fine", Severity::kDebug},
      {"finer", Severity::kDebug},        {"finest", Severity::kDebug},
      {"config", Severity::kInfo},        {"t", Severity::kDebug},
      {"v", Severity::kDebug},
  };
  if (w.empty() || w.size() > 13) return Severity::kUnknown;
  for (const Entry& e : kWords) {
    if (EqualsIgnoreCase(e.word, w)) return e.severity;
  }
  return Severity::kUnknown;
}

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kClient: return "client";
    case Role::kServer: return "server";
    case Role::kProxy: return "proxy";
    case Role::kFirewall: return "firewall";
    case Role::kUnknown: break;
  }
  return "";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : {Role::kClient, Role::kServer, Role::kProxy, Role::kFirewall}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace rstscope::base
