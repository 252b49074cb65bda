// The Windows group: IIS and HTTP.sys W3C logs (FORMATS.md §7.1, §7.2) and
// event log exports (§5.2). No embedded formats.
#include "parsers/embedded.h"
#include "parsers/formats/formats.h"
#include "parsers/formats/windows_formats.h"

namespace rstscope::parsers {

FormatGroup WindowsGroup() {
  static constexpr const FormatInfo* kFormats[] = {
      &kIisW3cFormat,
      &kHttpErrFormat,
      &kWevtutilTextFormat,
      &kWindowsEventCsvFormat,
  };
  return {kFormats, {}};
}

}  // namespace rstscope::parsers
