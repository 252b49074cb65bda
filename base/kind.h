// The vocabularies every module shares: event kinds, severities, roles.
//
// Kinds are stored by name in the database (table `kinds`), so the numeric
// values below are internal and may change; the names are part of the
// public contract (docs/SCHEMA.md) and must not.
#ifndef RSTSCOPE_BASE_KIND_H_
#define RSTSCOPE_BASE_KIND_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace rstscope::base {

enum class Kind : uint8_t {
  kOther = 0,     // "other": nothing the correlation looks for
  kReset,         // "reset": a connection forcibly closed, reset or aborted by
                  // the peer, seen by a client or by a proxy towards its upstream
  kClientAbort,   // "client_abort": a server or proxy saw its client reset/abort
  kRefused,       // "refused": connection refused (nothing listening)
  kOomKill,       // "oom_kill": a process killed for memory
  kCrash,         // "crash": a process died abnormally (signal, segfault, abort)
  kStop,          // "stop": a service stopped or began to stop on purpose
  kStart,         // "start": a service (re)started and is up
  kRestart,       // "restart": a restart or reload was scheduled or performed
  kTimeout,       // "timeout": a server or proxy timed a connection or request out
  kOverload,      // "overload": out of fds, workers, accept queue, conntrack...
  kTlsError,      // "tls_error": a TLS handshake failed
  kBackendDown,   // "backend_down": a load balancer took a backend out (health check)
  kUnhealthy,     // "unhealthy": a health or liveness check failed
  kIdleTimeout,   // "idle_timeout": a firewall, NAT or LB dropped an idle flow
  kFwReset,       // "fw_reset": a middlebox saw or sent a TCP reset on a flow
  kFwDeny,        // "fw_deny": a firewall or IPS blocked or rejected by policy
  kCount
};

inline constexpr int kKindCount = static_cast<int>(Kind::kCount);

std::string_view KindName(Kind kind);
std::optional<Kind> KindFromName(std::string_view name);

// Syslog severities (RFC 5424 §6.2.1); kUnknown when a format has none.
enum class Severity : int8_t {
  kUnknown = -1,
  kEmergency = 0,
  kAlert = 1,
  kCritical = 2,
  kError = 3,
  kWarning = 4,
  kNotice = 5,
  kInfo = 6,
  kDebug = 7,
};

// "emerg", "alert", "crit", "error", "warning", "notice", "info", "debug";
// empty for kUnknown.
std::string_view SeverityName(Severity s);

// Maps the level words that log formats print ("ERROR", "warn", "Information",
// "FATAL", "E", "WRN", "trace", ...) to a severity, case-insensitively;
// kUnknown for anything else.
Severity SeverityFromWord(std::string_view word);

// The role a source plays in a connection (DESIGN.md "--role").
enum class Role : uint8_t { kUnknown = 0, kClient, kServer, kProxy, kFirewall };
std::string_view RoleName(Role r);  // "" for kUnknown
std::optional<Role> RoleFromName(std::string_view name);

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_KIND_H_
