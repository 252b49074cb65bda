// The rule table that maps a record's message to an event kind.
//
// All rules are compiled once into one RE2::Set (a capture-free DFA match
// over the message). Only when a rule matches and it has named captures is
// its own RE2 run to extract fields (the victim pid and process of an OOM
// kill, the 4-tuple of a Go net error). Creating a Classifier costs
// milliseconds; Classify is const and safe to call from many threads.
#ifndef RSTSCOPE_PARSERS_CLASSIFIER_H_
#define RSTSCOPE_PARSERS_CLASSIFIER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/kind.h"

namespace rstscope::parsers {

// A sample message for a rule and the fields classification must produce.
struct RuleSample {
  std::string_view message;
  std::string_view process = {};  // expected extracted process, "" for none
  int64_t pid = -1;               // expected extracted pid, -1 for none
};

struct Rule {
  std::string_view name;     // stable id, e.g. "dotnet_wsaeconnreset"
  base::Kind kind;
  // RE2 syntax, matched unanchored against the message. Named groups
  // (?P<pid>...), (?P<process>...), (?P<src_ip>...), (?P<src_port>...),
  // (?P<dst_ip>...), (?P<dst_port>...) fill those fields.
  std::string_view pattern;
  std::string_view description;  // one line for docs and `formats`
  std::span<const RuleSample> samples;
  // Case-insensitive match.
  bool ignore_case = false;
};

// The built-in rule table, in priority order: when several rules match, the
// first one wins, so specific rules come before generic ones.
std::span<const Rule> BuiltinRules();

struct Classification {
  base::Kind kind = base::Kind::kOther;
  const Rule* rule = nullptr;  // nullptr: no rule matched
  // Extracted fields; views into the classified message. Empty / -1: none.
  std::string_view process;
  int64_t pid = -1;
  std::string_view src_ip;
  std::string_view dst_ip;
  int32_t src_port = -1;
  int32_t dst_port = -1;
};

class Classifier {
 public:
  // Compiles `rules`. Returns InvalidArgument naming the rule when a pattern
  // does not compile.
  static absl::StatusOr<std::unique_ptr<Classifier>> Create(std::span<const Rule> rules);
  // The built-in rules, compiled once per process (thread-safe).
  static const Classifier& Default();

  ~Classifier();
  Classification Classify(std::string_view message) const;

 private:
  struct Compiled;  // the RE2 objects; kept out of this header
  Classifier();
  std::vector<Rule> rules_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace rstscope::parsers

#endif  // RSTSCOPE_PARSERS_CLASSIFIER_H_
