"""README.md of the firewall-idle-timeout bundle; every number comes from generate.py."""

from datetime import timedelta


def readme(*, anchors, db01_clock, facts, line_of, counts, sizes, rel, paths, iso_ms, py_ts, pg_ts, asa_ts):
    P_REP, P_PG, P_ASA, P_SYS = paths
    src = {p: f"{rel}/{p}" for p in paths}
    fmt = {P_REP: "python_logging", P_PG: "postgresql", P_ASA: "cisco_asa_log", P_SYS: "rsyslog"}
    host = {P_REP: "batch02", P_PG: "db01", P_ASA: "fw01", P_SYS: "batch02"}
    note = {
        P_REP: "Python `logging`, `%(asctime)s - %(name)s - %(levelname)s - %(message)s`, asctime = local time (CET) as ISO 8601 with ms and offset `+01:00`; tracebacks follow their record",
        P_PG: "PostgreSQL 16 (Debian), `log_line_prefix = '%m [%p] %q%u@%d '`, `log_timezone = 'UTC'`, `log_connections = on`, `log_disconnections = on`",
        P_ASA: "ASA `logging flash-bufferwrap` file, `logging timestamp` (with year) and `logging device-id hostname`, clock in UTC",
        P_SYS: "Debian 12 rsyslog `RSYSLOG_FileFormat` (RFC 3339, µs, `+01:00`): cron, systemd timers, the 00:03 restart of `reporter.service` (deploy of 2.3.0); sshd goes to `auth.log`, which was not collected",
    }
    skew_ms = db01_clock // timedelta(milliseconds=1)
    skew_txt = f"+{skew_ms / 1000:.3f} s"
    diffs = sorted(int((a[5] - a[3]).total_seconds() * 1000) for a in anchors)
    med = diffs[len(diffs) // 2] if len(diffs) % 2 else (diffs[len(diffs) // 2 - 1] + diffs[len(diffs) // 2]) / 2
    resets = facts["resets"]
    unexpl = facts["unexplained"]
    blank = sorted(line_of[("reset", r["run"])] + 7 for r in resets)  # record line + 7 traceback lines
    total_lines = sum(c[0] for c in counts.values())
    total_recs = sum(c[1] for c in counts.values())
    all_resets = sorted([(r["t"], line_of[("reset", r["run"])], r) for r in resets] +
                        [(unexpl, line_of[("unexplained", 0)], None)], key=lambda x: x[0])
    imp = f"build/rstscope import --db fw.db --hosts sample-logs/firewall-idle-timeout/hosts {rel}"
    o = []
    w = o.append
    w("# firewall-idle-timeout: a firewall's idle timer resets pooled PostgreSQL connections\n")
    w("A bundle collected on Tuesday 2024-11-12 after the owners of the `reporter` batch service on")
    w("`batch02` asked why its hourly **ledger-export** fails with")
    w("`psycopg2.OperationalError: server closed the connection unexpectedly` every hour, although")
    w("the retry that follows it always works and the DBAs see nothing wrong with `db01`.\n")
    w("| host | IP | what runs there | clock in its logs |")
    w("| --- | --- | --- | --- |")
    w("| `batch02` | 10.40.1.15 (inside) | **reporter** 2.3.0, Python 3.11, psycopg2 2.9.9 (libpq 15); `ledger-export` keeps one pooled connection to `db01.corp.example:5432` (`SimpleConnectionPool(1, 2)`) and runs `schedule.every(60).minutes`; `kpi-snapshot` at :00/:15/:30/:45 opens and closes its own connection; KPI sheets are uploaded hourly to `http://files01.corp.example:8080/upload` (10.40.1.31, same inside VLAN, no logs in the bundle) | Europe/Berlin, written with the offset (`+01:00`) |")
    w("| `fw01` | 10.40.1.1 (inside), 10.40.2.1 (dmz) | Cisco ASA 5516-X, `timeout conn 1:00:00`, and in `global_policy` `set connection timeout idle 1:00:00 reset` | UTC, with year |")
    w("| `db01` | 10.40.2.20 (dmz) | PostgreSQL 16 (`reports` database), `log_connections`/`log_disconnections` on | UTC (`%m`); **the clock is "
      f"{skew_txt} ahead** (its NTP server was unreachable from the dmz), in every line of its log |")
    w("")
    w("Also seen through fw01: the monitoring host 10.40.1.40 (Zabbix) checks `https://10.40.2.30` every")
    w("2 minutes and PostgreSQL on db01 every 10 minutes (short connections, `TCP FINs`).\n")
    w("## What happened\n")
    w("`schedule.every(60).minutes` counts from the end of the previous run, and the run loop ticks once a")
    w("second, so each ledger-export starts 3600 s + 60–990 ms after the previous one ended. The")
    w("previous run's last statement was its last use of the pooled connection, so when the next run")
    w("takes that connection from the pool it has been idle for just over an hour. fw01's idle timer")
    w("(1:00:00) has expired a moment before: the ASA tears the flow down")
    w("(`%ASA-6-302014: Teardown TCP connection … duration 1:00:00 … Idle Timeout`) and, because of")
    w("`set connection timeout … reset`, sends a TCP RST to both ends. The PostgreSQL backend, idle in")
    w("`recv()`, logs `could not receive data from client: Connection reset by peer` at once; the client")
    dts = [int((r["t"] - r["td"]).total_seconds() * 1000) for r in resets]
    w("learns of it when the run's first statement (`cur.execute(WATERMARK_SQL, …)`) is sent "
      f"{min(dts)}–{max(dts)} ms")
    w("later, and libpq reports the ECONNRESET as `server closed the connection unexpectedly`.")
    w("The job discards the connection, opens a new one (a fresh `302013 Built` on fw01, a fresh backend")
    w("on db01) and succeeds in well under a second, and that connection is the one the next run finds")
    w("dead. Hence one reset per hour, each on a connection that is 3600 s old (±2 s).\n")
    w(f"At {iso_ms(unexpl)} one upload to files01 fails with `ConnectionResetError: [Errno 104] Connection")
    w("reset by peer` (wrapped by requests). files01 is on batch02's own VLAN, not behind fw01, and its")
    w("logs are not in the bundle: nothing here explains that reset. In that same second fw01 logs a")
    w("`106023` deny between two unrelated hosts (10.40.1.52 → 10.40.2.25:445), the decoy.\n")
    w("**psycopg2 and libpq never print the local port**, so `reporter.log` has no ports: a reset is")
    w("tied to its flow only through time and the endpoints (batch02 → db01:5432). The ports appear on")
    w("fw01 (302013/302014) and on db01 (`connection received: host=… port=…`, `disconnection: … port=…`),")
    w("which join on the full 4-tuple. That is how it is in real life.\n")
    w("Note on the ASA lines: for an outbound connection (inside → dmz, from the higher to the lower")
    w("security level) the ASA names the lower-security side first: `for dmz:10.40.2.20/5432 to")
    w("inside:10.40.1.15/PORT`, in 302013 and in 302014. The teardown line therefore lists the server")
    w("first; only the `Built outbound` line says who initiated.\n")
    w(f"**db01's clock is {skew_txt} ahead** of batch02's and fw01's (which agree). Every line of its log")
    w(f"reads {skew_ms / 1000:.3f} s later than it happened: the backend that gets the ASA's RST logs")
    w("`could not receive data from client` about 12 s *after* fw01's teardown and the client's error. Times in")
    w("this README are true UTC unless they are marked as db01's clock. The offset shows in the 4-tuples: fw01's")
    w("`302013 Built outbound … to inside:10.40.1.15/PORT` and db01's `connection received: host=10.40.1.15 port=PORT`")
    w(f"name the same {len(anchors)} connections (see *Clock skew* below); fw01 is the reference for that pair.\n")
    w("## Layout\n")
    w("```")
    w("firewall-idle-timeout/")
    w("├── README.md        this file (not a log)")
    w("├── hosts            /etc/hosts syntax: batch02, db01, fw01, for --hosts (not a log)")
    w("├── expected-causes.tsv  the cause of each reset, for the correlation test (not a log)")
    w("├── expected-skew.tsv    each host's clock offset, for the correlation test (not a log)")
    w("└── logs/            the directory to import")
    w(f"    ├── {P_REP}")
    w(f"    ├── {P_PG}")
    w(f"    ├── {P_ASA}")
    w(f"    └── {P_SYS}")
    w("```\n")
    w("All four are plain text, LF line ends, UTF-8 (ASCII). Every file's host comes from its path")
    w("(`batch02/`, `db01/`, `fw01/`); the ASA lines also name `fw01` themselves.\n")
    w("## Expected in the timeline\n")
    w("Computed by `scripts/sample-src/firewall-idle-timeout/generate.py` together with the files;")
    w("asserted by `tests/e2e/firewall_idle_timeout_test.cc`. After\n")
    w("```\n" + imp + "\n```\n")
    w("the database holds (times UTC, `source` and `line` as in the `timeline` view):\n")
    w(f"* **{len(paths)} sources**, all `file`, `complete`, **{total_lines} input lines**, {total_recs} records, "
      f"{len(blank)} unparsed lines:\n")
    w("  | source | format | host | lines | records | notes |")
    w("  | --- | --- | --- | ---: | ---: | --- |")
    for p in sorted(paths):
        w(f"  | `{src[p]}` | `{fmt[p]}` | {host[p]} | {counts[p][0]} | {counts[p][1]} | {note[p]} |")
    w("")
    w(f"* **{len(blank)} unparsed lines**, reason `blank line`, all in `reporter.log`: lines "
      + ", ".join(str(b) for b in blank) + ". Each is the empty line that ends a psycopg2 traceback:")
    w("  libpq's message ends in `\\n`, so Python's traceback printer leaves an empty line after it. They")
    w("  are real, deliberately kept, and carry nothing. (The empty lines *inside* the chained upload")
    w("  traceback are taken as continuation lines of that record.)\n")
    w(f"* **{len(all_resets)} resets**, all on batch02, role `client`, format `python_logging`:\n")
    w("  | # | ts | in the file | line | what |")
    w("  | ---: | --- | --- | ---: | --- |")
    for i, (t, ln, r) in enumerate(all_resets, 1):
        what = (f"ledger-export run {r['run']}: `psycopg2.OperationalError: server closed the connection unexpectedly`"
                if r else "KPI upload to files01: `requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, …))`")
        w(f"  | {i} | {iso_ms(t)} | `{py_ts(t)}` | {ln} | {what} |")
    w("")
    w(f"* **{len(resets)} fw01 teardowns with reason `Idle Timeout`** (kind `idle_timeout`), all of batch02 → db01:5432, duration `1:00:00`;"
      " rstscope takes the first endpoint as src, so src is db01:5432 and dst batch02:PORT. Each flow's `302013 Built outbound` line is one hour earlier:\n")
    w("  | # | teardown ts | conn id | batch02 port | bytes | teardown line | built (line) |")
    w("  | ---: | --- | ---: | ---: | --- | ---: | --- |")
    for i, r in enumerate(resets, 1):
        td = r["td"].replace(microsecond=0)
        b = r["built"].replace(microsecond=0)
        w(f"  | {i} | {iso_ms(td)} | {r['cid']} | {r['port']} | {r['bytes']} | {line_of[('td', r['run'])]} | "
          f"{iso_ms(b)} ({line_of[('built', r['cid_tok'])]}) |")
    w("")
    w(f"* **{len(resets)} PostgreSQL `could not receive data from client: Connection reset by peer`** on db01 (kind `client_abort`, process `postgres`, pid = the backend), each followed by its `disconnection: session time: 1:00:0x.xxx … port=PORT` line:\n")
    w(f"  | # | ts (db01's clock, {skew_txt}) | true time | backend pid | port | line | `connection received` line |")
    w("  | ---: | --- | --- | ---: | ---: | ---: | ---: |")
    for i, r in enumerate(resets, 1):
        w(f"  | {i} | {iso_ms(r['pg_t'] + db01_clock)} | {iso_ms(r['pg_t'])} | {r['pid']} | {r['port']} | {line_of[('pgrst', r['run'])]} | "
          f"{line_of[('pgconn', r['cid_tok'])]} |")
    w("")
    dt = facts["decoy_t"]
    w(f"* **The decoy**: fw01 `%ASA-4-106023: Deny tcp src inside:10.40.1.52/51876 dst dmz:10.40.2.25/445 by access-group \"inside_in\"` "
      f"at {iso_ms(dt)} (kind `fw_deny`), line {line_of[('decoy', 0)]}, in the same second as the unexplained reset. "
      "Seven other 106023 denies (outside → 10.40.2.30) are hours away from any reset.\n")
    w(f"### Clock skew: db01 is {skew_txt}\n")
    nb = sum(a[0] == "10.40.1.15" for a in anchors)
    w(f"{len(anchors)} connections appear both in fw01's `302013 Built outbound` lines and in db01's")
    w(f"`connection received: host=… port=PORT` lines: {nb} from batch02 (the `reporter` pool and `kpi-snapshot`) and")
    w(f"{len(anchors) - nb} from the Zabbix host 10.40.1.40. db01's time minus fw01's, per connection: median **{med:.0f} ms**, range "
      f"{diffs[0]}–{diffs[-1]} ms (true offset {skew_ms} ms; fw01 logs whole seconds, so each difference is the offset")
    w("plus the fraction of a second the ASA drops, plus the 1 ms from SYN to accept). The first three:\n")
    w("  | port | fw01 `302013` (line) | db01 `connection received` (line) | db01 − fw01 (ms) |")
    w("  | ---: | --- | --- | ---: |")
    for ip, port, fl, ft, pl, pt in anchors[:3]:
        w(f"  | {port} | {iso_ms(ft)} ({fl}) | {iso_ms(pt)} ({pl}) | {int((pt - ft).total_seconds() * 1000)} |")
    w("")
    w("batch02's logs carry no port (libpq never prints it) and nothing else ties them to another host's clock, so")
    w("batch02 and fw01 count as in sync (they are). `expected-skew.tsv` says: batch02 0, db01 "
      f"{skew_ms}, fw01 0.\n")
    w("## Expected findings (what correlation should conclude)\n")
    w(f"First db01's clock: {skew_txt} (±1 s) from the shared 4-tuples with fw01. Then, per reset (also in")
    w("`expected-causes.tsv`; the cause event is fw01's 302014 teardown, whose clock agrees with batch02's):\n")
    w("| reset (ts) | line | cause | cause event | evidence |")
    w("| --- | ---: | --- | --- | --- |")
    for t, ln, r in all_resets:
        if r:
            td = r["td"].replace(microsecond=0)
            d_true = int((r["t"] - r["td"]).total_seconds() * 1000)
            w(f"| {iso_ms(t)} | {ln} | `network_idle_timeout` | fw01 302014 line {line_of[('td', r['run'])]} "
              f"(conn {r['cid']}, {iso_ms(td)}, delta_ms ≈ {int((td - t).total_seconds() * 1000)}) | "
              f"flow batch02:{r['port']} → db01:5432 torn down `Idle Timeout` after `1:00:00`; the reset came {d_true} ms after the true "
              f"teardown, at connection age {r['age_ms'] / 1000:.3f} s; db01 backend {r['pid']} saw the RST at {iso_ms(r['pg_t'])} "
              f"({iso_ms(r['pg_t'] + db01_clock)} by db01's clock) |")
        else:
            w(f"| {iso_ms(t)} | {ln} | `unexplained` | NULL | files01 is not behind fw01 and has no logs here; the same-second 106023 deny (line {line_of[('decoy', 0)]}) is between unrelated hosts and must not be taken |")
    w("")
    ages = [r["age_ms"] / 1000 for r in resets]
    w(f"Pattern: **{len(resets)} of {len(all_resets)} resets** are `network_idle_timeout` on fw01 for batch02 → db01:5432, "
      f"one per hour at connection age **{min(ages):.3f}–{max(ages):.3f} s (3600 ± 2 s)**, matching `timeout conn 1:00:00`: "
      "\"resets through fw01 happen at connection age 3600±2 s: Idle Timeout\". Fixes: TCP keepalives below the "
      "idle timeout on the client (`keepalives_idle=300` in the DSN), a pool that checks or recycles connections "
      "idle for more than ~50 minutes, or a longer `timeout conn` for this traffic on fw01.\n")
    w("Not causes: the deploy restart of `reporter.service` on batch02 (rsyslog, 00:03:44–00:03:46 UTC, kinds `stop`/`start`)")
    w("is an hour before the first reset and on the client itself; the `anacron.service` starts are timers.\n")
    w("Not resets: `kpi-snapshot` connections and the Zabbix checks end with `TCP FINs`; db01's `disconnection:` lines of")
    w("those sessions are normal closes.\n")
    w("## Rebuilding\n")
    w("```\npython3 scripts/sample-src/firewall-idle-timeout/generate.py           # rewrites hosts, logs/, this README and the two TSVs, byte-identically\n"
      "python3 scripts/sample-src/firewall-idle-timeout/generate.py --check   # fails if any of them differs on disk\n```\n")
    w(f"{len(paths)} log files, {sum(sizes.values())} bytes.")
    return "\n".join(o) + "\n"
