// The platform group: container runtime logs and events (FORMATS.md §3.4,
// §3.5) and database server logs (§10). No embedded formats.
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/platform_formats.h"

namespace rstscope::parsers {

FormatGroup PlatformGroup() {
  static constexpr const FormatInfo* kFormats[] = {
      &kDockerEventsFormat, &kCriFormat,        &kDockerJsonFormat,
      &kPostgresFormat,     &kMysqlErrorFormat, &kRedisFormat,  &kKubectlEventsFormat,
      &kKubectlEventsTableFormat,
  };
  return {kFormats, {}};
}

}  // namespace rstscope::parsers
