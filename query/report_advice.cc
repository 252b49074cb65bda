#include "query/report_advice.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/status.h"
#include "base/strings.h"
#include "query/patterns.h"
#include "query/report_text.h"
#include "query/text_util.h"

namespace rstscope::query {
namespace {

// What the recommendations read of a cause event beyond the report's model.
struct CauseDetail {
  std::string message;  // the whole message, continuation lines included
  std::string dst_port;
  std::string rule;  // a firewall record's rule attribute
};

// "3 times", "once".
std::string Times(int64_t n) { return n == 1 ? "once" : std::to_string(n) + " times"; }
std::string Plural(int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string Join(const std::set<std::string>& items, const std::string& sep = ", ") {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string Kb(int64_t kb) {
  char mib[32];
  std::snprintf(mib, sizeof mib, "%.0f MiB", kb / 1024.0);
  return Grouped(kb) + " kB (" + mib + ")";
}

// The value after `key` up to the next ',' or space.
std::string TokenAfter(std::string_view text, std::string_view key) {
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return "";
  std::string_view rest = text.substr(at + key.size());
  const size_t end = rest.find_first_of(", \n");
  return std::string(rest.substr(0, end));
}

// The number of resets and the distinct cause events of a group.
struct Group {
  int64_t resets = 0;
  std::vector<int64_t> cause_ids;  // distinct, ascending
  std::vector<const ReportReset*> members;
};

// Distinct cause events' times grouped into episodes (more than 10 s
// apart: a death's burst of resets lasts a second or two, and a process
// restarted by its supervisor can die again within a minute), on the
// reference clock (each time less its host's offset), so
// that they line up with the resets' times.
std::vector<int64_t> Episodes(const Group& g, const std::map<std::string, int64_t>& offsets_ms) {
  std::map<int64_t, int64_t> times;  // id -> corrected ts
  for (const ReportReset* r : g.members) {
    if (!r->cause_event) continue;
    auto it = offsets_ms.find(r->cause_event->host);
    const int64_t offset_us = it == offsets_ms.end() ? 0 : it->second * 1000;
    times[r->cause_event->id] = r->cause_event->ts_us - offset_us;
  }
  std::vector<int64_t> ts;
  for (const auto& [id, t] : times) ts.push_back(t);
  return IncidentStarts(ts, 10'000'000);
}

std::string Minutes(const std::vector<int64_t>& starts) {
  std::string out;
  for (size_t i = 0; i < starts.size() && i < 6; ++i) {
    if (i > 0) out += ", ";
    const std::string iso = Iso(starts[i]);
    out += iso.substr(0, 10) + " " + iso.substr(11, 8);
  }
  if (starts.size() > 6) out += ", ...";
  return out;
}

class Advisor {
 public:
  Advisor(store::Db* db, const Report& report) : db_(db), report_(report) {
    for (const ReportClock& c : report.clocks) offsets_[c.host] = c.offset_ms;
  }

  absl::StatusOr<std::vector<ReportRecommendation>> Run() {
    RS_ASSIGN_OR_RETURN(detail_, db_->Prepare("SELECT t.message, t.dst_port, "
                                              "json_extract(d.attrs, '$.rule') FROM timeline t "
                                              "JOIN event_details d ON d.id = t.id "
                                              "WHERE t.id = ?1"));
    // The records logged just before a cause event in the same source: the
    // kernel's OOM report precedes its "Killed process" line.
    RS_ASSIGN_OR_RETURN(
        before_, db_->Prepare("SELECT text FROM events WHERE id BETWEEN ?1 - 400 AND ?1 - 1 AND "
                              "source_id = (SELECT source_id FROM events WHERE id = ?1) AND "
                              "ts_us >= (SELECT ts_us FROM events WHERE id = ?1) - 5000000 "
                              "ORDER BY id DESC"));
    RS_ASSIGN_OR_RETURN(
        kill_,
        db_->Prepare("SELECT k.ts_us - c.ts_us FROM events c JOIN events k ON "
                     "k.host_id = c.host_id AND k.ts_us BETWEEN c.ts_us - 5000000 AND "
                     "c.ts_us + 60000000 WHERE c.id = ?1 AND (k.text LIKE '%Kill container%' "
                     "OR k.text LIKE '%SIGKILL%' OR k.text LIKE '%status=9/KILL%' OR "
                     "k.text LIKE '%exit code 137%' OR k.text LIKE '%exitCode\":137%') "
                     "ORDER BY k.ts_us LIMIT 1"));
    // Whether any record of a host was imported (events_host_ts answers it).
    RS_ASSIGN_OR_RETURN(host_records_,
                        db_->Prepare("SELECT EXISTS(SELECT 1 FROM events WHERE host_id = "
                                     "(SELECT id FROM hosts WHERE name = ?1))"));
    std::vector<ReportRecommendation> out;
    for (const ReportCount& c : report_.by_cause) {
      // Groups: (server host, process of the cause event).
      std::map<std::pair<std::string, std::string>, Group> groups;
      for (const ReportReset& r : report_.resets_list) {
        if (r.cause != c.key) continue;
        const std::string host = c.key == "unexplained" ? r.peer_host : r.server_host;
        const std::string process = c.key == "oom_kill" || c.key == "crash" || c.key == "restart"
                                        ? (r.cause_event ? r.cause_event->process : "")
                                        : "";
        Group& g = groups[{host, process}];
        ++g.resets;
        g.members.push_back(&r);
        if (r.cause_event && std::find(g.cause_ids.begin(), g.cause_ids.end(), r.cause_event->id) ==
                                 g.cause_ids.end()) {
          g.cause_ids.push_back(r.cause_event->id);
        }
      }
      std::vector<ReportRecommendation> recs;
      for (auto& [key, g] : groups) {
        std::sort(g.cause_ids.begin(), g.cause_ids.end());
        ReportRecommendation rec;
        rec.cause = c.key;
        rec.resets = g.resets;
        RS_RETURN_IF_ERROR(Advise(key.first, key.second, g, &rec));
        recs.push_back(std::move(rec));
      }
      std::sort(recs.begin(), recs.end(),
                [](const ReportRecommendation& a, const ReportRecommendation& b) {
                  if (a.resets != b.resets) return a.resets > b.resets;
                  return a.subject < b.subject;
                });
      for (auto& r : recs) out.push_back(std::move(r));
    }
    return out;
  }

 private:
  absl::StatusOr<CauseDetail> Detail(int64_t id) {
    detail_.Reset();
    detail_.BindInt(1, id);
    RS_ASSIGN_OR_RETURN(bool row, detail_.Step());
    CauseDetail d;
    if (row) {
      d.message = std::string(detail_.ColumnText(0));
      if (!detail_.ColumnIsNull(1)) d.dst_port = std::to_string(detail_.ColumnInt(1));
      if (detail_.ColumnType(2) == 3 /* SQLITE_TEXT */) d.rule = std::string(detail_.ColumnText(2));
    }
    return d;
  }

  absl::Status Advise(const std::string& host, const std::string& process, const Group& g,
                      ReportRecommendation* rec) {
    const std::string& cause = rec->cause;
    rec->subject = process.empty() ? (host.empty() ? "(unknown host)" : host) : process + On(host);
    if (!host.empty()) rec->facts["host"] = host;
    if (!process.empty()) rec->facts["process"] = process;
    rec->facts["resets"] = std::to_string(g.resets);
    if (cause == "network_idle_timeout") return IdleTimeout(host, g, rec);
    if (cause == "oom_kill") return OomKill(host, process, g, rec);
    if (cause == "overload") return Overload(host, g, rec);
    if (cause == "tls_failure") return Tls(host, g, rec);
    if (cause == "crash") return Crash(host, process, g, rec);
    if (cause == "restart") return Restart(host, process, g, rec);
    if (cause == "unexplained") return Unexplained(host, g, rec);
    if (cause == "server_timeout") {
      rec->text = (host.empty() ? std::string("A server or proxy") : host) + " closed " +
                  Plural(g.resets, "connection") +
                  " on its own timeout. Keep the clients' keep-alive and idle timeouts below "
                  "that server's timeout, or raise it if the requests are legitimately slow.";
      return absl::OkStatus();
    }
    if (cause == "firewall_block") {
      std::set<std::string> ports, rules;
      for (int64_t id : g.cause_ids) {
        RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(id));
        if (!d.dst_port.empty()) ports.insert(d.dst_port);
        if (!d.rule.empty()) rules.insert(d.rule);
      }
      if (!ports.empty()) rec->facts["ports"] = Join(ports);
      if (!rules.empty()) rec->facts["rules"] = Join(rules);
      rec->text =
          (host.empty() ? std::string("A firewall") : host) + " rejected or reset " +
          Plural(g.resets, "connection") + " by policy" +
          (ports.empty() ? std::string()
                         : " (destination port" + std::string(ports.size() > 1 ? "s " : " ") +
                               Join(ports) + ")") +
          (rules.empty()
               ? std::string()
               : ", matched by rule" + std::string(rules.size() > 1 ? "s " : " ") + Join(rules)) +
          ". Review the rule that matched this traffic and allow the application's "
          "traffic, or move the clients to a port the policy allows.";
      return absl::OkStatus();
    }
    if (cause == "upstream_failure") {
      std::set<std::string> peers;
      for (const ReportReset* r : g.members) {
        if (!r->peer_host.empty() && r->peer_host != host) peers.insert(r->peer_host);
      }
      rec->text = (host.empty() ? std::string("A proxy") : host) + " saw its upstream fail " +
                  Times(g.resets) +
                  " with nothing deeper in the imported logs. Import the upstream's logs" +
                  (peers.empty() ? std::string() : " (" + Join(peers) + ")") +
                  " and run correlate again to find out why it failed.";
      return absl::OkStatus();
    }
    rec->text = "See the evidence of these resets.";
    return absl::OkStatus();
  }

  absl::Status IdleTimeout(const std::string& host, const Group& g, ReportRecommendation* rec) {
    std::vector<int64_t> ages;
    for (const ReportReset* r : g.members) {
      if (r->age_ms) ages.push_back(*r->age_ms);
    }
    const std::string device = host.empty() ? std::string("a middlebox") : host;
    if (ages.empty()) {
      rec->text = device + " dropped " + Plural(g.resets, "idle flow") +
                  "; its records give no connection age, so the timer is not measured. Keep "
                  "the clients' connection-pool idle time below that device's idle timeout, "
                  "or enable TCP keep-alives more often than it.";
      return absl::OkStatus();
    }
    // The timer is what the flows lived at least: the median age, whole seconds.
    const int64_t median = Median(ages);
    const int64_t timer_ms = median - median % 1000;
    rec->facts["idle_timer_s"] = std::to_string(timer_ms / 1000);
    rec->facts["flows_measured"] = std::to_string(ages.size());
    rec->text = device + " dropped " + Plural(g.resets, "idle flow") + " at connection age " +
                DurationText(timer_ms) + " (median of " + std::to_string(ages.size()) +
                "). Keep the clients' connection-pool idle time below " + DurationText(timer_ms) +
                " (or enable TCP keep-alives with an interval below it), or raise " + device +
                "'s idle timeout above the pool's idle time.";
    return absl::OkStatus();
  }

  absl::Status OomKill(const std::string& host, const std::string& process, const Group& g,
                       ReportRecommendation* rec) {
    std::set<std::string> pids, memcgs;
    std::vector<int64_t> rss;
    std::optional<int64_t> limit;
    for (int64_t id : g.cause_ids) {
      RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(id));
      const std::string pid = TokenAfter(d.message, "Killed process ");
      if (!pid.empty()) pids.insert(pid);
      const auto anon = KbAfter(d.message, "anon-rss:");
      if (anon) {
        rss.push_back(*anon + KbAfter(d.message, "file-rss:").value_or(0) +
                      KbAfter(d.message, "shmem-rss:").value_or(0));
      }
      // The kernel's report before the kill: the cgroup's usage and limit,
      // and which cgroup.
      before_.Reset();
      before_.BindInt(1, id);
      for (;;) {
        RS_ASSIGN_OR_RETURN(bool row, before_.Step());
        if (!row) break;
        const std::string_view text = before_.ColumnText(0);
        if (text.find("invoked oom-killer") != std::string_view::npos) break;
        if (text.find("memory: usage ") != std::string_view::npos) {
          if (auto l = KbAfter(text, "limit ")) limit = std::max(limit.value_or(0), *l);
        }
        const std::string memcg = TokenAfter(text, "task_memcg=");
        if (!memcg.empty()) memcgs.insert(memcg);
      }
    }
    const std::string who = (process.empty() ? std::string("A process") : process) + On(host);
    std::string t = who + " was killed for memory " +
                    Times(static_cast<int64_t>(std::max<size_t>(g.cause_ids.size(), 1)));
    if (!pids.empty()) t += " (pid" + std::string(pids.size() > 1 ? "s " : " ") + Join(pids) + ")";
    t += ", " + Plural(g.resets, "reset") + " followed.";
    if (!rss.empty()) {
      const int64_t lo = *std::min_element(rss.begin(), rss.end());
      const int64_t hi = *std::max_element(rss.begin(), rss.end());
      rec->facts["rss_kb_max"] = std::to_string(hi);
      t += " Resident memory at the kill (anon + file + shmem RSS): " +
           (lo == hi ? Kb(hi) : Grouped(lo) + " to " + Kb(hi)) + ".";
    } else {
      t += " The logs do not give its resident memory at the kill.";
    }
    if (limit) {
      rec->facts["limit_kb"] = std::to_string(*limit);
      t += " Its memory cgroup" + (memcgs.empty() ? std::string() : " " + Join(memcgs)) +
           " has a limit of " + Kb(*limit) + ".";
    }
    t += " Raise the memory limit if this is the process's normal working set, otherwise find "
         "what grows (heap dump before the limit) and cap it (e.g. the runtime's heap limit).";
    rec->text = t;
    return absl::OkStatus();
  }

  absl::Status Overload(const std::string& host, const Group& g, ReportRecommendation* rec) {
    // Limit -> distinct cause events naming it.
    std::map<std::string, std::vector<int64_t>> limits;
    for (int64_t id : g.cause_ids) {
      RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(id));
      std::string limit = OverloadLimit(d.message);
      if (limit.empty()) limit = "a resource (\"" + FirstLine(d.message, 80) + "\")";
      limits[limit].push_back(id);
    }
    const std::vector<int64_t> episodes = Episodes(g, offsets_);
    std::string t = (host.empty() ? std::string("The server") : host) + " ran out of ";
    std::set<std::string> names;
    for (const auto& [limit, ids] : limits) {
      names.insert(limit + ", logged " + Times(static_cast<int64_t>(ids.size())));
    }
    t += names.empty() ? std::string("a resource") : Join(names, "; ");
    t += " in " + Plural(static_cast<int64_t>(episodes.size()), "episode") +
         (episodes.empty() ? "" : " (" + Minutes(episodes) + ")") + ", " +
         Plural(g.resets, "reset") + " followed.";
    t += " Raise that limit to cover the peak (and the file-descriptor limit with it), or "
         "take the load that fills it elsewhere.";
    rec->facts["limits"] = Join([&] {
      std::set<std::string> s;
      for (const auto& [l, ids] : limits) s.insert(l);
      return s;
    }());
    rec->facts["episodes"] = std::to_string(episodes.size());
    rec->text = t;
    return absl::OkStatus();
  }

  absl::Status Tls(const std::string& host, const Group& g, ReportRecommendation* rec) {
    std::set<std::string> server, client;
    for (int64_t id : g.cause_ids) {
      RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(id));
      for (const std::string& v : TlsVersions(d.message)) server.insert(v);
    }
    for (const ReportReset* r : g.members) {
      RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(r->event.id));
      for (const std::string& v : TlsVersions(d.message)) client.insert(v);
    }
    const std::string peer = host.empty() ? std::string("The server") : host;
    std::string t = peer + " refused " + Plural(g.resets, "TLS handshake") + ".";
    if (!server.empty()) {
      rec->facts["server_versions"] = Join(server);
      t += " Its records name " + Join(server) + ".";
    }
    if (!client.empty()) {
      rec->facts["client_versions"] = Join(client);
      t += " The clients' errors name " + Join(client) + ".";
    }
    if (server.empty() && client.empty()) {
      t += " No protocol version is named in the evidence.";
    }
    t += " Make the clients offer a protocol version and cipher suites that " + peer +
         " accepts (TLS 1.2 or later; on .NET Framework: SchUseStrongCrypto or "
         "SecurityProtocol), rather than re-enabling old versions on the server.";
    rec->text = t;
    return absl::OkStatus();
  }

  absl::Status Crash(const std::string& host, const std::string& process, const Group& g,
                     ReportRecommendation* rec) {
    std::set<std::string> how, pools;
    for (int64_t id : g.cause_ids) {
      RS_ASSIGN_OR_RETURN(CauseDetail d, Detail(id));
      const std::string_view m = d.message;
      const std::string code = TokenAfter(m, "Exception code: ");
      if (!code.empty()) how.insert("exception code " + code);
      const std::string status = TokenAfter(m, "status=");
      const size_t slash = status.find('/');
      if (slash != std::string::npos) how.insert("SIG" + status.substr(slash + 1));
      if (m.find("segfault") != std::string_view::npos) how.insert("segfault");
      // HTTP.sys: the worker process of this application pool went away.
      const std::string pool = TokenAfter(m, "Connection_Abandoned_By_AppPool ");
      if (!pool.empty()) pools.insert(pool);
    }
    const std::vector<int64_t> episodes = Episodes(g, offsets_);
    std::string who = process.empty() ? std::string("A process") : process;
    if (process.empty() && !pools.empty()) {
      who = "The worker process of application pool" + std::string(pools.size() > 1 ? "s " : " ") +
            Join(pools);
      rec->facts["app_pools"] = Join(pools);
    }
    rec->facts["episodes"] = std::to_string(episodes.size());
    std::string t = who + On(host) + " died abnormally in " +
                    Plural(static_cast<int64_t>(episodes.size()), "episode") +
                    (episodes.empty() ? "" : " (" + Minutes(episodes) + ")") +
                    (how.empty() ? "" : ", " + Join(how)) + "; " + Plural(g.resets, "reset") +
                    " followed.";
    if (!how.empty()) rec->facts["how"] = Join(how);
    t += " Collect a core or crash dump of the next crash and fix the fault; until then, "
         "clients should retry idempotent requests on a new connection.";
    rec->text = t;
    return absl::OkStatus();
  }

  absl::Status Restart(const std::string& host, const std::string& process, const Group& g,
                       ReportRecommendation* rec) {
    // Did the stop end in a kill? The runtime's or init's record of it,
    // on the same host within a minute after the stop.
    std::optional<int64_t> kill_after_ms;
    for (const ReportReset* r : g.members) {
      if (!r->cause_event || kill_after_ms) continue;
      kill_.Reset();
      kill_.BindInt(1, r->cause_event->id);
      RS_ASSIGN_OR_RETURN(bool row, kill_.Step());
      if (row) kill_after_ms = kill_.ColumnInt(0) / 1000;
    }
    const std::vector<int64_t> episodes = Episodes(g, offsets_);
    rec->facts["episodes"] = std::to_string(episodes.size());
    std::string t =
        (process.empty() ? std::string("A service") : process) + On(host) +
        " was stopped or restarted in " + Plural(static_cast<int64_t>(episodes.size()), "episode") +
        (episodes.empty() ? "" : " (" + Minutes(episodes) + ")") +
        " while clients held connections to it; " + Plural(g.resets, "reset") + " followed.";
    if (kill_after_ms) {
      const int64_t s = (std::max<int64_t>(*kill_after_ms, 0) + 500) / 1000;
      rec->facts["killed_after_s"] = std::to_string(s);
      t += " The stop ended in a kill " + std::to_string(s) +
           " s after it began (the grace period ran out): make the process, or the PID 1 "
           "that starts it, handle SIGTERM.";
    }
    t += " Drain before stopping: stop accepting, finish in-flight requests and close "
         "keep-alive connections, and let clients retry idempotent requests.";
    rec->text = t;
    return absl::OkStatus();
  }

  absl::Status Unexplained(const std::string& host, const Group& g, ReportRecommendation* rec) {
    if (host.empty()) {
      rec->subject = "unknown peer";
      rec->text = Plural(g.resets, "reset") + (g.resets == 1 ? " names" : " name") +
                  " no peer that maps to a host with logs. Add the peer's addresses and DNS "
                  "names to the hosts file (--hosts) and import its logs.";
      return absl::OkStatus();
    }
    rec->subject = "peer " + host;
    host_records_.Reset();
    host_records_.BindText(1, host);
    RS_ASSIGN_OR_RETURN(bool row, host_records_.Step());
    const int64_t records = row ? host_records_.ColumnInt(0) : 0;
    if (records == 0) {
      rec->text = Plural(g.resets, "reset") + " went to " + host +
                  ", whose logs are not imported. Import them and run correlate again.";
      return absl::OkStatus();
    }
    rec->text = Plural(g.resets, "reset") + " went to " + host +
                ", whose logs show no cause at those moments. Look at what they do not log "
                "(a middlebox on the path, the kernel's log, debug-level connection logging).";
    return absl::OkStatus();
  }

  static std::string On(const std::string& host) { return host.empty() ? "" : " on " + host; }

  store::Db* db_;
  const Report& report_;
  store::Statement detail_, before_, kill_, host_records_;
  std::map<std::string, int64_t> offsets_;  // host -> clock offset, ms
};

}  // namespace

std::optional<int64_t> KbAfter(std::string_view text, std::string_view key) {
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  size_t i = at + key.size();
  int64_t v = 0;
  if (!base::ParseDigits(text, &i, &v)) return std::nullopt;
  if (text.substr(i, 2) != "kB") return std::nullopt;
  return v;
}

std::vector<std::string> TlsVersions(std::string_view text) {
  std::set<std::string> found;
  for (size_t i = 0; i + 3 < text.size(); ++i) {
    const bool tls = base::EqualsIgnoreCase(text.substr(i, 3), "tls");
    const bool ssl = base::EqualsIgnoreCase(text.substr(i, 3), "ssl");
    if (!tls && !ssl) continue;
    if (i > 0 && base::IsAlpha(text[i - 1])) continue;
    size_t j = i + 3;
    if (j < text.size() && (text[j] == 'v' || text[j] == 'V')) ++j;
    if (j < text.size() && text[j] == ' ') ++j;
    if (j >= text.size() || !base::IsDigit(text[j])) continue;
    const char major = text[j];
    char minor = '0';
    if (j + 2 < text.size() && text[j + 1] == '.' && base::IsDigit(text[j + 2])) {
      minor = text[j + 2];
    } else if (tls && j + 1 < text.size() && base::IsDigit(text[j + 1])) {
      minor = text[j + 1];  // .NET's Tls12, Tls11
    }
    if (tls) {
      if (major == '1' && minor >= '0' && minor <= '3') {
        found.insert(std::string("TLS 1.") + minor);
      }
    } else if (major == '2' || major == '3') {
      found.insert(std::string("SSL ") + major + ".0");
    }
  }
  return {found.begin(), found.end()};
}

std::string OverloadLimit(std::string_view m) {
  const size_t wc = m.find(" worker_connections are not enough");
  if (wc != std::string_view::npos) {
    size_t start = wc;
    while (start > 0 && base::IsDigit(m[start - 1])) --start;
    const std::string n(m.substr(start, wc - start));
    return "nginx worker_connections" + (n.empty() ? std::string() : " (" + n + ")");
  }
  if (base::ContainsIgnoreCase(m, "too many open files") ||
      m.find("(24:") != std::string_view::npos || m.find("EMFILE") != std::string_view::npos) {
    return "open files (EMFILE, the process's file-descriptor limit)";
  }
  if (base::ContainsIgnoreCase(m, "SYN flooding")) return "the listen backlog (accept queue)";
  if (base::ContainsIgnoreCase(m, "conntrack") && base::ContainsIgnoreCase(m, "table full")) {
    return "the conntrack table (nf_conntrack_max)";
  }
  if (base::ContainsIgnoreCase(m, "MaxRequestWorkers") ||
      base::ContainsIgnoreCase(m, "MaxClients")) {
    return "Apache MaxRequestWorkers";
  }
  if (base::ContainsIgnoreCase(m, "max number of clients reached")) return "Redis maxclients";
  if (base::ContainsIgnoreCase(m, "too many connections") ||
      base::ContainsIgnoreCase(m, "remaining connection slots") ||
      base::ContainsIgnoreCase(m, "max_connections")) {
    return "the database's max_connections";
  }
  return "";
}

absl::StatusOr<std::vector<ReportRecommendation>> Recommend(store::Db* db, const Report& report) {
  return Advisor(db, report).Run();
}

}  // namespace rstscope::query
