// SCAFFOLD: replaced by the real format definitions (helper work in progress).
#include "parsers/formats/formats.h"
namespace rstscope::parsers {
namespace {
class NoParser : public LineParser { public: ParseOutcome Parse(std::string_view, ParsedLine*) override { return ParseOutcome::NotThisFormat(); } };
std::unique_ptr<LineParser> Make(const SourceContext&) { return std::make_unique<NoParser>(); }
}  // namespace
const FormatInfo kLogbackFormat = {"scaffold_kLogbackFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kSerilogFormat = {"scaffold_kSerilogFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kNlogFormat = {"scaffold_kNlogFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kPythonLoggingFormat = {"scaffold_kPythonLoggingFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kGoLogFormat = {"scaffold_kGoLogFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kDotnetConsoleFormat = {"scaffold_kDotnetConsoleFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
const FormatInfo kAppTextFormat = {"scaffold_kAppTextFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
}  // namespace rstscope::parsers
