// The proxy and load-balancer group (FORMATS.md §6.1, §6.5-§6.7): the
// standalone formats first, then HAProxy, which arrives inside syslog.
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/proxy_formats.h"

namespace rstscope::parsers {

FormatGroup ProxyGroup() {
  static constexpr const FormatInfo* kFormats[] = {&kEnvoyFormat, &kEnvoyJsonFormat, &kSquidFormat,
                                                   &kAwsAlbFormat, &kAwsElbFormat};
  static constexpr const EmbeddedFormat* kEmbedded[] = {&kHaproxyFormat};
  return {kFormats, kEmbedded};
}

}  // namespace rstscope::parsers
