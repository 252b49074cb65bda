#include "query/enrichment.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/status.h"
#include "query/patterns.h"

namespace rstscope::query {
namespace {

bool IsTokenChar(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '_' || c == '.' || c == '-' || c == ':' || c == '/' || c == '@' || c >= 0x80;
}

// A token that names an instance rather than a kind of thing: a number, a
// word with more than two digits in it, or a long run of hex digits (an id or
// a hash). Names with a digit or two (G1, http2, eth0, v1) stay.
bool IsVariable(std::string_view token) {
  int digits = 0;
  int hex = 0;
  for (unsigned char c : token) {
    if (c >= '0' && c <= '9') {
      ++digits;
      ++hex;
    } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      ++hex;
    } else {
      hex = -1 << 20;
    }
  }
  if (hex >= 8) return true;
  if (digits == 0) return false;
  const auto first = static_cast<unsigned char>(token[0]);
  const bool starts_with_letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  return !starts_with_letter || digits > 2;
}

// splitmix64: a fixed, seedable sequence, so that the control windows and
// therefore the figures are the same on every run.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double LogChoose(int64_t n, int64_t k) {
  return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
         std::lgamma(static_cast<double>(n - k) + 1);
}

// Unclassified records this close to a classified one on the same host are
// taken as part of it.
constexpr int64_t kContextUs = 2'000'000;

struct Counts {
  int64_t with = 0;
  int64_t control_with = 0;
  int64_t example_id = 0;
  int64_t example_gap_us = INT64_MAX;  // distance of the example before its reset
};

class Miner {
 public:
  Miner(store::Db* db, const EnrichOptions& options, const EnrichInput* input)
      : db_(db), opt_(options), input_(input) {}

  absl::StatusOr<std::vector<TemplateLift>> Run() {
    // All the reads (hundreds of windows per host) in one read transaction:
    // on its own, each statement takes and releases the file lock and looks
    // for a hot journal (the fcntl and stat calls were 8% of the samples
    // after correlate's commit at 10 M events).
    RS_RETURN_IF_ERROR(db_->Exec("BEGIN"));
    absl::StatusOr<std::vector<TemplateLift>> out = Mine();
    const absl::Status ended = db_->Exec(out.ok() ? "COMMIT" : "ROLLBACK");
    RS_RETURN_IF_ERROR(out.status());
    RS_RETURN_IF_ERROR(ended);
    RS_RETURN_IF_ERROR(Write(*out));
    return out;
  }

 private:
  // The lifts, from the database and the correlation's input; writes nothing.
  absl::StatusOr<std::vector<TemplateLift>> Mine() {
    RS_ASSIGN_OR_RETURN(int64_t other, db_->QueryInt("SELECT id FROM kinds WHERE name = 'other'"));
    other_kind_ = other;
    RS_RETURN_IF_ERROR(LoadHostNames());
    if (input_ != nullptr) {
      for (const auto& [peer, t] : input_->peer_resets) by_host_[peer].push_back(t);
      classified_ = &input_->classified;
    } else {
      RS_RETURN_IF_ERROR(LoadResets());
      RS_RETURN_IF_ERROR(LoadClassified());
      classified_ = &own_classified_;
    }
    RS_ASSIGN_OR_RETURN(
        store::Statement in_window,
        db_->Prepare("SELECT id, ts_us, CASE WHEN msg IS NOT NULL THEN msg "
                     "WHEN msg_len IS NULL THEN substr(text, msg_off + 1) "
                     "ELSE substr(text, msg_off + 1, msg_len) END "
                     "FROM events WHERE host_id = ?1 AND ts_us >= ?2 AND ts_us <= ?3 "
                     "AND kind_id = ?4"));
    window_ = &in_window;
    std::vector<TemplateLift> out;
    for (auto& [host, times] : by_host_) {
      std::sort(times.begin(), times.end());
      RS_RETURN_IF_ERROR(MineHost(host, times, &out));
    }
    std::sort(out.begin(), out.end(), [](const TemplateLift& a, const TemplateLift& b) {
      if (a.host != b.host) return a.host < b.host;
      if (a.p_value != b.p_value) return a.p_value < b.p_value;
      if (a.lift != b.lift) return a.lift > b.lift;
      return a.template_text < b.template_text;
    });
    return out;
  }

  absl::Status LoadHostNames() {
    RS_ASSIGN_OR_RETURN(store::Statement st, db_->Prepare("SELECT id, name FROM hosts"));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      host_names_[static_cast<int32_t>(st.ColumnInt(0))] = std::string(st.ColumnText(1));
    }
    return absl::OkStatus();
  }

  absl::Status LoadResets() {
    absl::flat_hash_map<int32_t, int64_t> offset_us;
    {
      RS_ASSIGN_OR_RETURN(store::Statement st,
                          db_->Prepare("SELECT host_id, offset_ms FROM host_clocks"));
      while (true) {
        RS_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        offset_us[static_cast<int32_t>(st.ColumnInt(0))] = st.ColumnInt(1) * 1000;
      }
    }
    RS_ASSIGN_OR_RETURN(
        store::Statement st,
        db_->Prepare("SELECT c.peer_host_id, e.ts_us, COALESCE(e.host_id, 0) "
                     "FROM reset_cause_rows c JOIN events e ON e.id = c.reset_id "
                     "WHERE c.peer_host_id IS NOT NULL"));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const auto peer = static_cast<int32_t>(st.ColumnInt(0));
      const auto client = static_cast<int32_t>(st.ColumnInt(2));
      if (peer == client) continue;
      auto off = [&](int32_t h) {
        auto it = offset_us.find(h);
        return it == offset_us.end() ? int64_t{0} : it->second;
      };
      // Logged at T + offset(client); the peer logs the same moment at
      // T + offset(peer).
      by_host_[peer].push_back(st.ColumnInt(1) - off(client) + off(peer));
    }
    return absl::OkStatus();
  }

  // Times of the classified records (every kind but `other` and `reset`) per
  // host: the lines logged with them (an OOM report's memory dump, a crash's
  // stack) are their context, not separate leads.
  absl::Status LoadClassified() {
    RS_ASSIGN_OR_RETURN(
        store::Statement st,
        db_->Prepare("SELECT host_id, ts_us FROM events WHERE kind_id IN (SELECT id FROM kinds "
                     "WHERE name NOT IN ('other', 'reset')) AND host_id IS NOT NULL"));
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      own_classified_[static_cast<int32_t>(st.ColumnInt(0))].push_back(st.ColumnInt(1));
    }
    for (auto& [host, times] : own_classified_) std::sort(times.begin(), times.end());
    return absl::OkStatus();
  }

  bool NearClassified(int32_t host, int64_t ts) const {
    auto it = classified_->find(host);
    if (it == classified_->end()) return false;
    auto at = std::lower_bound(it->second.begin(), it->second.end(), ts - kContextUs);
    return at != it->second.end() && *at <= ts + kContextUs;
  }

  // Reads the templates of host `host` in [end - before, end]; each template
  // counts once per window.
  absl::Status Templates(int32_t host, int64_t end_us, bool is_case,
                         absl::flat_hash_map<std::string, Counts>* counts) {
    window_->Reset();
    window_->BindInt(1, host);
    window_->BindInt(2, end_us - opt_.before_us);
    window_->BindInt(3, end_us);
    window_->BindInt(4, other_kind_);
    seen_.clear();
    while (true) {
      RS_ASSIGN_OR_RETURN(bool row, window_->Step());
      if (!row) break;
      if (NearClassified(host, window_->ColumnInt(1))) continue;
      std::string t = MaskTemplate(window_->ColumnText(2));
      if (t.empty() || !seen_.insert(t).second) continue;
      const int64_t gap = end_us - window_->ColumnInt(1);
      Counts& c = (*counts)[t];
      if (is_case) {
        ++c.with;
        if (gap < c.example_gap_us) {
          c.example_gap_us = gap;
          c.example_id = window_->ColumnInt(0);
        }
      } else {
        ++c.control_with;
      }
    }
    return absl::OkStatus();
  }

  absl::Status MineHost(int32_t host, const std::vector<int64_t>& resets,
                        std::vector<TemplateLift>* out) {
    std::vector<int64_t> starts = IncidentStarts(resets, opt_.before_us);
    if (static_cast<int>(starts.size()) < opt_.min_windows) return absl::OkStatus();
    if (static_cast<int>(starts.size()) > opt_.max_windows) {
      // Evenly spaced through time, so a long incident series is sampled
      // across its whole span.
      std::vector<int64_t> sample;
      for (int i = 0; i < opt_.max_windows; ++i) {
        sample.push_back(starts[static_cast<size_t>(i) * starts.size() / opt_.max_windows]);
      }
      starts.swap(sample);
    }
    const std::string bounds = "FROM events WHERE host_id = " + std::to_string(host);
    RS_ASSIGN_OR_RETURN(int64_t first, db_->QueryInt("SELECT min(ts_us) " + bounds));
    RS_ASSIGN_OR_RETURN(int64_t last, db_->QueryInt("SELECT max(ts_us) " + bounds));
    const int64_t lo = first + opt_.before_us;
    if (last <= lo) return absl::OkStatus();

    // Control moments: one per stratum of the span, at a seeded position in
    // it, dropped when a reset against the host is within the look-back.
    std::vector<int64_t> controls;
    const double stratum = static_cast<double>(last - lo) / opt_.max_windows;
    for (int j = 0; j < opt_.max_windows; ++j) {
      const double u = static_cast<double>(Mix((static_cast<uint64_t>(host) << 32) | j) >> 11) /
                       9007199254740992.0;  // 2^53
      const int64_t t = lo + static_cast<int64_t>((j + u) * stratum);
      auto it = std::lower_bound(resets.begin(), resets.end(), t - opt_.before_us);
      if (it != resets.end() && *it <= t + opt_.before_us) continue;
      controls.push_back(t);
    }
    if (static_cast<int>(controls.size()) < opt_.min_controls) return absl::OkStatus();

    absl::flat_hash_map<std::string, Counts> counts;
    for (int64_t t : starts) RS_RETURN_IF_ERROR(Templates(host, t, true, &counts));
    for (int64_t t : controls) RS_RETURN_IF_ERROR(Templates(host, t, false, &counts));

    const auto n = static_cast<int64_t>(starts.size());
    const auto m = static_cast<int64_t>(controls.size());
    int64_t tested = 0;
    for (const auto& [t, c] : counts) tested += c.with > 0;
    std::vector<TemplateLift> kept;
    for (const auto& [t, c] : counts) {
      if (c.with < opt_.min_windows) continue;
      const double control_share = std::max(0.5, static_cast<double>(c.control_with)) / m;
      const double lift = (static_cast<double>(c.with) / n) / control_share;
      if (lift < opt_.min_lift) continue;
      const double p = std::min(
          1.0, FisherUpperTail(c.with, n, c.with + c.control_with, n + m) * tested);
      if (p > opt_.max_p) continue;
      TemplateLift l;
      l.host = host_names_[host];
      l.template_text = t;
      l.windows = n;
      l.with = c.with;
      l.control_windows = m;
      l.control_with = c.control_with;
      l.lift = lift;
      l.p_value = p;
      l.example_event_id = c.example_id;
      kept.push_back(std::move(l));
    }
    std::sort(kept.begin(), kept.end(), [](const TemplateLift& a, const TemplateLift& b) {
      if (a.p_value != b.p_value) return a.p_value < b.p_value;
      if (a.lift != b.lift) return a.lift > b.lift;
      return a.template_text < b.template_text;
    });
    if (static_cast<int>(kept.size()) > opt_.keep_per_host) kept.resize(opt_.keep_per_host);
    for (TemplateLift& l : kept) out->push_back(std::move(l));
    return absl::OkStatus();
  }

  absl::Status Write(const std::vector<TemplateLift>& lifts) {
    absl::flat_hash_map<std::string, int32_t> host_ids;
    for (const auto& [id, name] : host_names_) host_ids[name] = id;
    RS_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE; DELETE FROM template_lifts;"));
    auto rollback = [&](absl::Status s) {
      (void)db_->Exec("ROLLBACK");
      return s;
    };
    auto ins = db_->Prepare(
        "INSERT INTO template_lifts(host_id, template, reset_windows, reset_windows_with, "
        "control_windows, control_windows_with, lift, p_value, example_event_id) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    if (!ins.ok()) return rollback(ins.status());
    for (const TemplateLift& l : lifts) {
      ins->BindInt(1, host_ids[l.host]);
      ins->BindText(2, l.template_text);
      ins->BindInt(3, l.windows);
      ins->BindInt(4, l.with);
      ins->BindInt(5, l.control_windows);
      ins->BindInt(6, l.control_with);
      ins->BindDouble(7, l.lift);
      ins->BindDouble(8, l.p_value);
      ins->BindInt(9, l.example_event_id);
      absl::Status s = ins->Run();
      if (!s.ok()) return rollback(s);
    }
    return db_->Exec("COMMIT");
  }

  store::Db* db_;
  EnrichOptions opt_;
  int64_t other_kind_ = 0;
  store::Statement* window_ = nullptr;
  absl::flat_hash_map<int32_t, std::string> host_names_;
  std::map<int32_t, std::vector<int64_t>> by_host_;
  absl::flat_hash_set<std::string> seen_;
  const EnrichInput* input_;
  absl::flat_hash_map<int32_t, std::vector<int64_t>> own_classified_;
  const absl::flat_hash_map<int32_t, std::vector<int64_t>>* classified_ = nullptr;
};

}  // namespace

std::string MaskTemplate(std::string_view message) {
  constexpr size_t kMaxBytes = 200;
  std::string out;
  out.reserve(std::min(message.size(), kMaxBytes));
  size_t i = 0;
  bool blank = false;
  while (i < message.size() && out.size() < kMaxBytes) {
    const auto c = static_cast<unsigned char>(message[i]);
    if (IsTokenChar(c)) {
      size_t j = i;
      while (j < message.size() && IsTokenChar(static_cast<unsigned char>(message[j]))) ++j;
      std::string_view token = message.substr(i, j - i);
      if (blank && !out.empty()) out += ' ';
      blank = false;
      if (IsVariable(token)) {
        out += "<*>";
      } else {
        out.append(token);
      }
      i = j;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = true;
      ++i;
    } else {
      if (blank && !out.empty()) out += ' ';
      blank = false;
      out += static_cast<char>(c);
      ++i;
    }
  }
  if (out.size() > kMaxBytes) {
    out.resize(kMaxBytes);
    // Not in the middle of a UTF-8 sequence.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  return out;
}

double FisherUpperTail(int64_t k, int64_t n, int64_t successes, int64_t total) {
  const int64_t hi = std::min(n, successes);
  const int64_t lo = std::max<int64_t>(0, n - (total - successes));
  if (k <= lo) return 1.0;
  if (k > hi) return 0.0;
  const double denominator = LogChoose(total, n);
  double p = 0;
  for (int64_t x = k; x <= hi; ++x) {
    p += std::exp(LogChoose(successes, x) + LogChoose(total - successes, n - x) - denominator);
  }
  return std::min(1.0, p);
}

absl::StatusOr<std::vector<TemplateLift>> MineTemplateLifts(store::Db* db,
                                                            const EnrichOptions& options,
                                                            const EnrichInput* input) {
  Miner miner(db, options, input);
  return miner.Run();
}

}  // namespace rstscope::query
