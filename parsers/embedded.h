// Formats that arrive inside another format's records.
//
// HAProxy, Cisco ASA, Palo Alto, pfSense filterlog and netfilter LOG lines
// are syslog messages: the container format (syslog, rsyslog, syslog5424,
// journald_json) reads the header, then ApplyEmbeddedFormats offers the
// message to every embedded format whose cheap claim test passes. The first
// that parses it refines the record: its format name, role, kind,
// addresses and attributes. A message no embedded format takes stays a
// plain record of the container format.
//
// Thread-safety: EmbeddedFormat objects are immutable and shared; the
// functions are pure.
#ifndef RSTSCOPE_PARSERS_EMBEDDED_H_
#define RSTSCOPE_PARSERS_EMBEDDED_H_

#include <span>
#include <string>
#include <string_view>

#include "parsers/format.h"

namespace rstscope::parsers {

struct EmbeddedFormat {
  std::string_view name;         // the records' format name, e.g. "haproxy"
  Family family;
  base::Role default_role;       // role of its records when --role is absent
  std::string_view description;  // one line for `rstscope formats`
  std::string_view signature;    // what the claim test looks for
  // Cheap test on the container's process (tag) and the message.
  bool (*claims)(std::string_view process, std::string_view message);
  // Parses `message` (a range of the container's line) into *out, which
  // already holds the container's fields. Views may point into `message` or
  // into `scratch` (owned by the container parser, reused per line). Returns
  // false, leaving *out unchanged, when the message is not this format.
  bool (*parse)(std::string_view message, ParsedLine* out, std::string* scratch);
  // Container format its samples are written in (e.g. "syslog").
  std::string_view container;
  // Whole container lines; the expected `format` of each is `name`.
  std::span<const FormatSample> samples;
};

// All embedded formats, in the order they are tried.
std::span<const EmbeddedFormat* const> AllEmbeddedFormats();
const EmbeddedFormat* FindEmbeddedFormat(std::string_view name);

// Offers the message of a parsed container record (out->msg_offset into
// `line`, out->process) to the embedded formats. Returns true when one took
// it; then out->format names it.
bool ApplyEmbeddedFormats(std::string_view line, ParsedLine* out, std::string* scratch);

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_EMBEDDED_H_
