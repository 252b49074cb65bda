#include "parsers/classifier.h"

#include <string>

#include "re2/re2.h"
#include "re2/set.h"

namespace rstscope::parsers {

struct Classifier::Compiled {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> extractors;  // null when no captures
};

Classifier::Classifier() : compiled_(std::make_unique<Compiled>()) {}
Classifier::~Classifier() = default;

absl::StatusOr<std::unique_ptr<Classifier>> Classifier::Create(std::span<const Rule> rules) {
  std::unique_ptr<Classifier> c(new Classifier());
  c->rules_.assign(rules.begin(), rules.end());
  RE2::Options base_options;
  base_options.set_log_errors(false);
  // Memory for the set's DFA: the default 8 MB budget is exhausted by a few
  // hundred alternations on long stack traces, after which RE2 falls back
  // to a slow path.
  RE2::Options set_options = base_options;
  set_options.set_max_mem(64 << 20);
  // Case-insensitive rules carry (?i) inline, so the set takes one option.
  c->compiled_->set = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
  for (const Rule& rule : c->rules_) {
    std::string pattern(rule.pattern);
    if (rule.ignore_case) pattern = "(?i)" + pattern;
    std::string error;
    if (c->compiled_->set->Add(pattern, &error) < 0) {
      return absl::InvalidArgumentError("classification rule '" + std::string(rule.name) +
                                        "' does not compile: " + error);
    }
    std::unique_ptr<RE2> extractor;
    if (pattern.find("(?P<") != std::string::npos) {
      extractor = std::make_unique<RE2>(pattern, base_options);
      if (!extractor->ok()) {
        return absl::InvalidArgumentError("classification rule '" + std::string(rule.name) +
                                          "' does not compile: " + extractor->error());
      }
    }
    c->compiled_->extractors.push_back(std::move(extractor));
  }
  if (!c->compiled_->set->Compile()) {
    return absl::ResourceExhaustedError("the classification rule set does not fit in memory");
  }
  return c;
}

const Classifier& Classifier::Default() {
  static const Classifier* instance = [] {
    auto created = Create(BuiltinRules());
    // The built-in table is tested; failing here is a programming error.
    if (!created.ok()) std::abort();
    return created.value().release();
  }();
  return *instance;
}

Classification Classifier::Classify(std::string_view message) const {
  Classification out;
  // One vector per thread: no allocation per classified message.
  thread_local std::vector<int> hits;
  if (!compiled_->set->Match(re2::StringPiece(message.data(), message.size()), &hits) || hits.empty()) {
    return out;
  }
  int best = hits[0];
  for (int h : hits) best = h < best ? h : best;
  const Rule& rule = rules_[best];
  out.kind = rule.kind;
  out.rule = &rule;
  const RE2* extractor = compiled_->extractors[best].get();
  if (extractor == nullptr) return out;

  const int ngroups = extractor->NumberOfCapturingGroups();
  thread_local std::vector<re2::StringPiece> groups;
  groups.assign(ngroups + 1, re2::StringPiece());
  if (!extractor->Match(re2::StringPiece(message.data(), message.size()), 0, message.size(),
                        RE2::UNANCHORED, groups.data(), ngroups + 1)) {
    return out;
  }
  auto view = [&](re2::StringPiece g) { return std::string_view(g.data(), g.size()); };
  auto number = [](re2::StringPiece g, int64_t* v) {
    if (g.empty() || g.size() > 18) return false;
    int64_t n = 0;
    for (char ch : g) {
      if (ch < '0' || ch > '9') return false;
      n = n * 10 + (ch - '0');
    }
    *v = n;
    return true;
  };
  for (const auto& [name, index] : extractor->NamedCapturingGroups()) {
    const re2::StringPiece g = groups[index];
    if (g.data() == nullptr) continue;
    int64_t n = 0;
    if (name == "pid") {
      if (number(g, &n)) out.pid = n;
    } else if (name == "process") {
      out.process = view(g);
    } else if (name == "src_ip") {
      out.src_ip = view(g);
    } else if (name == "dst_ip") {
      out.dst_ip = view(g);
    } else if (name == "src_port") {
      if (number(g, &n) && n <= 65535) out.src_port = static_cast<int32_t>(n);
    } else if (name == "dst_port") {
      if (number(g, &n) && n <= 65535) out.dst_port = static_cast<int32_t>(n);
    }
  }
  return out;
}

}  // namespace rstscope::parsers
