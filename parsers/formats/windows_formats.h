// The formats of the Windows group (windows_group.cc): IIS and HTTP.sys
// W3C logs, event log exports. Each is defined, with its parser and
// samples, in the .cc file named beside it. Immutable; shared by all
// threads.
#ifndef RSTSCOPE_PARSERS_FORMATS_WINDOWS_FORMATS_H_
#define RSTSCOPE_PARSERS_FORMATS_WINDOWS_FORMATS_H_

#include "parsers/format.h"

namespace rstscope::parsers {

extern const FormatInfo kIisW3cFormat;           // iis_w3c.cc
extern const FormatInfo kHttpErrFormat;          // iis_w3c.cc
extern const FormatInfo kWevtutilTextFormat;     // windows_event.cc
extern const FormatInfo kWindowsEventCsvFormat;  // windows_event.cc

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_FORMATS_WINDOWS_FORMATS_H_
