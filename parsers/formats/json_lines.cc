// SCAFFOLD: replaced by the real format definitions (helper work in progress).
#include "parsers/formats/formats.h"
namespace rstscope::parsers {
namespace {
class NoParser : public LineParser { public: ParseOutcome Parse(std::string_view, ParsedLine*) override { return ParseOutcome::NotThisFormat(); } };
std::unique_ptr<LineParser> Make(const SourceContext&) { return std::make_unique<NoParser>(); }
}  // namespace
const FormatInfo kJsonLinesFormat = {"scaffold_kJsonLinesFormat", Family::kServer, base::Role::kUnknown, "scaffold", "scaffold", 100, Continuation::kNone, &Make, {}};
}  // namespace rstscope::parsers
