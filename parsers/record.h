// Turning a parsed first line plus its continuation lines into the final
// fields of one record: the message, the kind, and the fields the
// classification rules extract.
//
// Shared by the ingest pipeline and the format sample tests, so that the
// samples check exactly what an import stores.
#ifndef RSTSCOPE_PARSERS_RECORD_H_
#define RSTSCOPE_PARSERS_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/kind.h"
#include "parsers/classifier.h"
#include "parsers/format.h"

namespace rstscope::parsers {

struct FinishedRecord {
  std::string_view message;  // view into the record text or the override
  bool message_is_range = true;
  size_t msg_offset = 0;     // byte offset in the record text when a range
  base::Kind kind = base::Kind::kOther;
  std::string_view rule;     // "" when no rule matched
  std::string_view process;
  int64_t pid = -1;
  std::string_view src_ip;
  std::string_view dst_ip;
  int32_t src_port = -1;
  int32_t dst_port = -1;
};

// `record` is the full record text: the first line (which `header` was parsed
// from, and which must be a prefix of `record`) and its continuation lines,
// joined by '\n'. Views in the result point into `record`, into `header`'s
// storage, or into static storage.
//
// The kind is the parser's when it set one, else the classifier's. Fields
// a rule extracts (when the rule's kind is the record's) override the
// parser's pid and process (an OOM kill names its victim, not the kernel)
// and fill addresses the parser left empty.
FinishedRecord FinishRecord(std::string_view record, const ParsedLine& header,
                            const Classifier& classifier);

// Appends the header's attributes as one JSON object ({"key":"value",
// "n":42}) to *out; appends nothing when there are none.
void AppendAttrsJson(const ParsedLine& header, std::string* out);

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_RECORD_H_
