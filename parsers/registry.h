// The list of all formats rstscope knows, in sniffing priority order.
//
// Adding a format: write its FormatInfo (with samples) and LineParser in
// parsers/formats/NAME.cc, declare it in parsers/formats/formats.h, list it
// in registry.cc. Nothing else changes: sniffing, `formats`, `detect`,
// --format and the sample test all read this list.
#ifndef RSTSCOPE_PARSERS_REGISTRY_H_
#define RSTSCOPE_PARSERS_REGISTRY_H_

#include <span>
#include <string_view>

#include "parsers/format.h"

namespace rstscope::parsers {

// All formats, ordered by FormatInfo::priority (then name).
std::span<const FormatInfo* const> AllFormats();

// The format called `name`, or nullptr.
const FormatInfo* FindFormat(std::string_view name);

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_REGISTRY_H_
