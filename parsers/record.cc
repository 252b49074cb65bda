#include "parsers/record.h"

#include "base/strings.h"

namespace rstscope::parsers {

FinishedRecord FinishRecord(std::string_view record, const ParsedLine& header,
                            const Classifier& classifier) {
  FinishedRecord out;
  if (header.has_message_override) {
    out.message = header.message;
    out.message_is_range = false;
  } else {
    const size_t off = header.msg_offset <= record.size() ? header.msg_offset : record.size();
    out.msg_offset = off;
    out.message = header.msg_length == ParsedLine::kToEnd ? record.substr(off)
                                                          : record.substr(off, header.msg_length);
  }
  out.process = header.process;
  out.pid = header.pid;
  out.src_ip = header.src_ip;
  out.dst_ip = header.dst_ip;
  out.src_port = header.src_port;
  out.dst_port = header.dst_port;
  const Classification c = classifier.Classify(out.message);
  if (header.kind != base::Kind::kOther) {
    // The format's own fields decide the kind. A rule that agrees may still
    // add what the message names (an OOM event's victim).
    out.kind = header.kind;
    out.rule = header.rule;
    if (c.rule == nullptr || c.kind != header.kind) return out;
  } else {
    if (c.rule == nullptr) return out;
    out.kind = c.kind;
    out.rule = c.rule->name;
  }
  if (!c.process.empty()) {
    // The parser's pid belongs to the logging process (systemd's 1), not to
    // the process the rule names.
    out.process = c.process;
    if (c.pid < 0) out.pid = -1;
  }
  if (c.pid >= 0) out.pid = c.pid;
  if (out.src_ip.empty() && !c.src_ip.empty()) {
    out.src_ip = c.src_ip;
    out.src_port = c.src_port;
  }
  if (out.dst_ip.empty() && !c.dst_ip.empty()) {
    out.dst_ip = c.dst_ip;
    out.dst_port = c.dst_port;
  }
  return out;
}

void AppendAttrsJson(const ParsedLine& h, std::string* out) {
  if (h.nattrs == 0) return;
  out->push_back('{');
  for (int i = 0; i < h.nattrs; ++i) {
    if (i > 0) out->push_back(',');
    base::AppendJsonString(h.attrs[i].key, out);
    out->push_back(':');
    if (h.attrs[i].is_number) {
      out->append(h.attrs[i].value.empty() ? std::string_view("null") : h.attrs[i].value);
    } else {
      base::AppendJsonString(h.attrs[i].value, out);
    }
  }
  out->push_back('}');
}

}  // namespace rstscope::parsers
