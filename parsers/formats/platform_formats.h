// The formats of the platform group (platform_group.cc): container runtime
// logs and events, database server logs. Each is defined, with its parser
// and samples, in the .cc file named beside it. Immutable; shared by all
// threads.
#ifndef RSTSCOPE_PARSERS_FORMATS_PLATFORM_FORMATS_H_
#define RSTSCOPE_PARSERS_FORMATS_PLATFORM_FORMATS_H_

#include "parsers/format.h"

namespace rstscope::parsers {

extern const FormatInfo kDockerEventsFormat;  // containers.cc
extern const FormatInfo kCriFormat;           // containers.cc
extern const FormatInfo kDockerJsonFormat;    // containers.cc
extern const FormatInfo kPostgresFormat;      // databases.cc
extern const FormatInfo kMysqlErrorFormat;    // databases.cc
extern const FormatInfo kRedisFormat;         // databases.cc
extern const FormatInfo kKubectlEventsFormat; // kubernetes.cc
extern const FormatInfo kKubectlEventsTableFormat;  // kubernetes.cc

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_FORMATS_PLATFORM_FORMATS_H_
