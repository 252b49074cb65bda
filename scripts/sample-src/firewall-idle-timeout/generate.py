#!/usr/bin/env python3
"""Generate the `firewall-idle-timeout` sample bundle (sample-logs/firewall-idle-timeout/).

Deterministic: every random choice comes from one seeded random.Random, so
re-running this script rewrites byte-identical files:

    python3 scripts/sample-src/firewall-idle-timeout/generate.py

It writes hosts, the four logs under logs/, README.md (whose expected
findings are computed here, from the same events that are written), and
expected-causes.tsv / expected-skew.tsv; --check compares instead of writing.
db01's clock is 12.318 s ahead of batch02's and fw01's (see DB01_CLOCK).

The story (all times UTC, Tuesday 2024-11-12, 00:00-06:30):
  batch02 (10.40.1.15, inside)  `reporter` 2.3.0, a Python 3.11 service; its
          hourly `ledger-export` job keeps ONE pooled psycopg2 connection to
          db01 between runs (SimpleConnectionPool(1, 2)). The job is scheduled
          with `schedule.every(60).minutes`, i.e. 60 min after the previous run
          ENDED, so the pooled connection is always idle for 3600 s + the
          scheduler's tick (50-1000 ms) when it is reused.
  fw01    Cisco ASA 5516-X between inside (10.40.1.0/24) and dmz (10.40.2.0/24),
          `timeout conn 1:00:00` and `set connection timeout idle 1:00:00 reset`:
          after 1 h idle it tears the flow down (302014 ... Idle Timeout) and
          sends a RST to both ends.
  db01    (10.40.2.20, dmz) PostgreSQL 16 (Debian), log_connections and
          log_disconnections on; the backend of the torn-down connection gets
          the RST at once: `could not receive data from client: Connection
          reset by peer`.
  So every run of ledger-export after the first fails on its first statement,
  50-1000 ms after the teardown, with psycopg2.OperationalError: server closed
  the connection unexpectedly, and succeeds on a new connection at once.
  One more reset (requests -> files01, on the inside LAN, not through fw01,
  no logs from files01) is unexplained; in that same second fw01 logs a
  106023 deny for two unrelated hosts (the decoy).
"""

from __future__ import annotations

import os
import random
import re
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
BERLIN = timezone(timedelta(hours=1))  # batch02's local time (CET)

NAME = "firewall-idle-timeout"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "sample-logs", NAME)
LOGS = os.path.join(OUT, "logs")
REL = f"sample-logs/{NAME}/logs"

P_REPORTER = "batch02/opt/reporter/log/reporter.log"
P_PG = "db01/var/log/postgresql/postgresql-16-main.log"
P_ASA = "fw01/disk0/syslog/LOG-2024-11-12-063000.TXT"
P_SYSLOG = "batch02/var/log/syslog"

BATCH02, DB01, MON, FILES01 = "10.40.1.15", "10.40.2.20", "10.40.1.40", "10.40.1.31"
WEB01 = "10.40.2.30"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

rng = random.Random(20241112)

# db01's clock runs ahead: PostgreSQL writes %m from it, so every line of db01's log reads
# DB01_CLOCK later than it happened. Everything below is in true time (= batch02's and
# fw01's clocks); only the rendering of db01's lines adds the offset.
DB01_CLOCK = timedelta(seconds=12, milliseconds=318)
CLOCK_MS = {"batch02": 0, "db01": 12318, "fw01": 0}
assert CLOCK_MS["db01"] == DB01_CLOCK // timedelta(milliseconds=1)


def T(h, m, s, us=0):
    return datetime(2024, 11, 12, h, m, s, us, tzinfo=UTC)


def ms(t):
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def iso_ms(t):  # timeline's ts
    return ms(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def py_ts(t):  # reporter's formatTime: local time, isoformat(timespec='milliseconds')
    return ms(t).astimezone(BERLIN).isoformat(timespec="milliseconds")


def pg_ts(t):  # %m
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d} UTC"


def asa_ts(t):  # logging timestamp with year + device-id hostname
    return f"{MONTHS[t.month - 1]} {t.day} {t.year} {t:%H:%M:%S}"


def dur(sec):
    sec = int(sec)
    return f"{sec // 3600}:{sec // 60 % 60:02d}:{sec % 60:02d}"


class Log:
    def __init__(self):
        self.ev = []  # (time, seq, lines, tag)
        self.seq = 0

    def add(self, t, lines, tag=None):
        if isinstance(lines, str):
            lines = [lines]
        self.seq += 1
        self.ev.append((t, self.seq, lines, tag))

    def render(self):
        out, tags, n = [], [], 1
        for t, _, lines, tag in sorted(self.ev, key=lambda e: (e[0], e[1])):
            if tag is not None:
                tags.append((tag, n, t, lines))
            out.extend(untok(x) for x in lines)
            n += len(lines)
        return "\n".join(out) + "\n", tags, n - 1


rep, pg, asa, sysl = Log(), Log(), Log(), Log()


# ASA connection ids and PostgreSQL backend pids grow with time; the events are
# generated job by job, so they get placeholders that render() numbers in time order.
tok_n = [0]


def next_conn():
    tok_n[0] += 1
    return f"\x00C{tok_n[0]}\x00"


def next_port():
    return rng.randint(32768, 60999)  # Linux ip_local_port_range


def next_pid():
    tok_n[0] += 1
    return f"\x00P{tok_n[0]}\x00"


TOKEN = re.compile("\x00([CP])(\\d+)\x00")
token_value = {}


def number_tokens(logs):
    """Give placeholders values in order of first appearance in (merged) time."""
    allev = sorted((e for lg in logs for e in lg.ev), key=lambda e: (e[0], e[1]))
    nxt = {"C": 184532101, "P": 38211}
    step = {"C": (3, 40), "P": (5, 90)}
    for _, _, lines, _ in allev:
        for line in lines:
            for m in TOKEN.finditer(line):
                if m.group(0) not in token_value:
                    k = m.group(1)
                    nxt[k] += rng.randint(*step[k])
                    token_value[m.group(0)] = str(nxt[k])


def untok(x):
    return TOKEN.sub(lambda m: token_value[m.group(0)], x) if isinstance(x, str) else x


def rlog(t, name, level, msg, extra=(), tag=None):
    rep.add(t, [f"{py_ts(t)} - {name} - {level} - {msg}", *extra], tag)


def pglog(t, pid, who, level, msg, extra=(), tag=None):
    pre = f"{pg_ts(t + DB01_CLOCK)} [{pid}] " + (f"{who} " if who else "")
    pg.add(t, [f"{pre}{level}:  {msg}", *extra], tag)


def asalog(t, sev, mid, text, tag=None):
    asa.add(t, f"{asa_ts(t)} fw01 : %ASA-{sev}-{mid}: {text}", tag)


def built(t, cid, src, sport, dst, dport, sifc="inside", difc="dmz", tag=None):
    asalog(t, 6, 302013, f"Built outbound TCP connection {cid} for {difc}:{dst}/{dport} ({dst}/{dport}) "
                         f"to {sifc}:{src}/{sport} ({src}/{sport})", tag)


def teardown(t, cid, src, sport, dst, dport, seconds, nbytes, reason, tag=None, sifc="inside", difc="dmz"):
    tail = " from inside" if reason.startswith("TCP FINs") else ""
    asalog(t, 6, 302014, f"Teardown TCP connection {cid} for {difc}:{dst}/{dport} to {sifc}:{src}/{sport} "
                         f"duration {dur(seconds)} bytes {nbytes} {reason}{tail}", tag)


def pg_session(t0, t1, src, port, user, db, app, fin=True, tag=None):
    """A PostgreSQL session from src:port, t0 = SYN, t1 = close. Returns the backend pid."""
    pid = next_pid()
    pglog(t0 + timedelta(milliseconds=1), pid, "[unknown]@[unknown]", "LOG",
          f"connection received: host={src} port={port}", tag=tag)
    pglog(t0 + timedelta(milliseconds=rng.randint(6, 14)), pid, f"{user}@{db}", "LOG",
          f"connection authorized: user={user} database={db} application_name={app}")
    if fin:
        st = t1 - t0
        pglog(t1, pid, f"{user}@{db}", "LOG",
              f"disconnection: session time: {pg_session_time(st)} user={user} database={db} host={src} port={port}")
    return pid


def pg_session_time(td):
    total_ms = int(td.total_seconds() * 1000)
    h, rem = divmod(total_ms, 3600_000)
    m, rem = divmod(rem, 60_000)
    s, msec = divmod(rem, 1000)
    return f"{h}:{m:02d}:{s:02d}.{msec:03d}"


def flow(t0, t1, src, dst, dport, nbytes, reason="TCP FINs", pg_user=None):
    cid, port = next_conn(), next_port()
    built(t0, cid, src, port, dst, dport)
    teardown(t1, cid, src, port, dst, dport, (t1 - t0).total_seconds(), nbytes, reason)
    return cid, port


START, END = T(0, 0, 0), T(6, 30, 0)
TRACE_EXPORT = [
    "Traceback (most recent call last):",
    '  File "/opt/reporter/lib/python3.11/site-packages/reporter/jobs/ledger.py", line 61, in run',
    "    cur.execute(WATERMARK_SQL, (self.feed,))",
    "psycopg2.OperationalError: server closed the connection unexpectedly",
    "\tThis probably means the server terminated abnormally",
    "\tbefore or while processing the request.",
    "",
]

facts = {"resets": [], "teardowns": [], "pg_resets": [], "ages": []}


def reporter_start():
    t = T(0, 3, 48, 211000)
    rlog(t, "reporter", "INFO", "reporter 2.3.0 starting (python 3.11.2, psycopg2 2.9.9, libpq 150008)")
    rlog(t + timedelta(milliseconds=4), "reporter.db", "INFO",
         "connection pool ready: SimpleConnectionPool(minconn=1, maxconn=2) dsn=host=db01.corp.example dbname=reports user=reporter")
    rlog(t + timedelta(milliseconds=6), "reporter.scheduler", "INFO",
         "scheduled ledger-export every 60 minutes, kpi-snapshot at :00/:15/:30/:45")


def pooled_conn_open(t):
    """The pool opens a new connection at t (SYN). Returns (cid, port, built time)."""
    cid, port = next_conn(), next_port()
    built(t, cid, BATCH02, port, DB01, 5432, tag=("built", cid))
    pid = pg_session(t, None, BATCH02, port, "reporter", "reports", "reporter", fin=False, tag=("pgconn", cid))
    return {"cid": cid, "port": port, "built": t, "pid": pid, "bytes": 0}


def ledger_exports():
    t = T(0, 4, 3, 118000)
    conn = None
    run = 0
    while t < T(6, 20, 0):
        run += 1
        rlog(t, "reporter.jobs", "INFO", f"ledger-export run {run} started (feed=ledger, since watermark)")
        first = t + timedelta(milliseconds=rng.randint(9, 16))
        if conn is not None:
            # The pooled connection is dead: the ASA reset it at idle 1:00:00.
            td = conn["last"] + timedelta(seconds=3600)
            age_ms = int((first - conn["built"]).total_seconds() * 1000)
            teardown(td, conn["cid"], BATCH02, conn["port"], DB01, 5432,
                     (td - conn["built"]).total_seconds(), conn["bytes"], "Idle Timeout", tag=("td", run))
            pg_t = td + timedelta(microseconds=rng.randint(300, 1800))
            pglog(pg_t, conn["pid"], "reporter@reports", "LOG",
                  "could not receive data from client: Connection reset by peer", tag=("pgrst", run))
            pglog(pg_t + timedelta(microseconds=rng.randint(100, 400)), conn["pid"], "reporter@reports", "LOG",
                  f"disconnection: session time: {pg_session_time(pg_t - conn['built'])} user=reporter "
                  f"database=reports host={BATCH02} port={conn['port']}", tag=("pgdisc", run))
            err = first + timedelta(microseconds=rng.randint(200, 900))
            rlog(err, "reporter.jobs", "ERROR", f"ledger-export run {run}: database error, discarding pooled connection",
                 TRACE_EXPORT, tag=("reset", run))
            facts["resets"].append({"run": run, "t": err, "td": td, "cid": conn["cid"], "cid_tok": conn["cid"], "port": conn["port"], "bytes": conn["bytes"],
                                    "built": conn["built"], "pid": conn["pid"], "pg_t": pg_t, "age_ms": age_ms})
            rlog(err + timedelta(milliseconds=2), "reporter.jobs", "WARNING",
                 f"ledger-export run {run}: retrying (attempt 2 of 3) on a new connection")
            first = err + timedelta(milliseconds=rng.randint(4, 9))
        conn = pooled_conn_open(first)
        # one transaction: watermark, export, update state; all within ~0.3-0.8 s
        rows = rng.randint(1800, 9400)
        last = conn["built"] + timedelta(milliseconds=rng.randint(280, 820))
        conn["last"] = last
        conn["bytes"] = rng.randint(900_000, 4_800_000)
        rlog(last - timedelta(milliseconds=rng.randint(20, 60)), "reporter.jobs", "INFO",
             f"ledger-export run {run}: exported {rows} rows to /srv/reports/ledger/ledger-20241112-{run:02d}.csv.gz")
        end = last + timedelta(milliseconds=rng.randint(2, 6))
        rlog(end, "reporter.jobs", "INFO",
             f"ledger-export run {run} finished in {(end - t).total_seconds():.3f}s; next run in 60 minutes")
        # schedule.every(60).minutes: next run 3600 s after the end, then run_pending()'s 1 s tick
        t = end + timedelta(seconds=3600, milliseconds=rng.randint(60, 990))
    return conn


def kpi_jobs():
    t = T(0, 15, 0)
    n = 0
    while t < END - timedelta(minutes=1):
        n += 1
        start = t + timedelta(milliseconds=rng.randint(40, 700))
        rlog(start, "reporter.jobs", "INFO", "kpi-snapshot started")
        syn = start + timedelta(milliseconds=rng.randint(3, 8))
        fin = syn + timedelta(milliseconds=rng.randint(150, 2400))
        cid, port = next_conn(), next_port()
        built(syn, cid, BATCH02, port, DB01, 5432)
        pg_session(syn, fin, BATCH02, port, "reporter", "reports", "reporter-kpi")
        teardown(fin + timedelta(milliseconds=1), cid, BATCH02, port, DB01, 5432,
                 (fin - syn).total_seconds(), rng.randint(20_000, 160_000), "TCP FINs")
        rlog(fin + timedelta(milliseconds=3), "reporter.jobs", "INFO",
             f"kpi-snapshot done: {rng.randint(12, 40)} metrics, {(fin - start).total_seconds():.3f}s")
        if n % 4 == 3:  # upload the hourly KPI sheet to files01 (inside LAN, not through fw01)
            up = fin + timedelta(milliseconds=rng.randint(30, 90))
            if up.hour == 3:
                # the unexplained reset
                err = up + timedelta(milliseconds=rng.randint(200, 400))
                rlog(err, "reporter.upload", "ERROR",
                     f"upload of kpi-20241112-{up.hour:02d}.xlsx to http://files01.corp.example:8080/upload failed",
                     ["Traceback (most recent call last):",
                      '  File "/opt/reporter/lib/python3.11/site-packages/urllib3/connectionpool.py", line 793, in urlopen',
                      "    response = self._make_request(",
                      '  File "/opt/reporter/lib/python3.11/site-packages/urllib3/connectionpool.py", line 537, in _make_request',
                      "    response = conn.getresponse()",
                      '  File "/opt/reporter/lib/python3.11/site-packages/urllib3/connection.py", line 466, in getresponse',
                      "    httplib_response = super().getresponse()",
                      '  File "/usr/lib/python3.11/http/client.py", line 1378, in getresponse',
                      "    response.begin()",
                      '  File "/usr/lib/python3.11/http/client.py", line 318, in begin',
                      "    version, status, reason = self._read_status()",
                      '  File "/usr/lib/python3.11/http/client.py", line 279, in _read_status',
                      '    line = str(self.fp.readline(_MAXLINE + 1), "iso-8859-1")',
                      '  File "/usr/lib/python3.11/socket.py", line 706, in readinto',
                      "    return self._sock.recv_into(b)",
                      "ConnectionResetError: [Errno 104] Connection reset by peer",
                      "",
                      "During handling of the above exception, another exception occurred:",
                      "",
                      "Traceback (most recent call last):",
                      '  File "/opt/reporter/lib/python3.11/site-packages/reporter/upload.py", line 37, in push',
                      "    r = self.session.post(self.url, files={'file': fh}, timeout=30)",
                      '  File "/opt/reporter/lib/python3.11/site-packages/requests/adapters.py", line 501, in send',
                      "    raise ConnectionError(err, request=request)",
                      "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))"],
                     tag=("unexplained", 0))
                facts["unexplained"] = err
                # decoy: same second, unrelated hosts
                asalog(err.replace(microsecond=0) + timedelta(microseconds=1), 4, 106023,
                       'Deny tcp src inside:10.40.1.52/51876 dst dmz:10.40.2.25/445 by access-group "inside_in" [0x6e1f3a07, 0x0]',
                       tag=("decoy", 0))
                facts["decoy_t"] = err.replace(microsecond=0)
                rlog(err + timedelta(milliseconds=2), "reporter.upload", "WARNING",
                     "upload will be retried with the next KPI sheet")
            else:
                rlog(up + timedelta(milliseconds=rng.randint(80, 400)), "reporter.upload", "INFO",
                     f"uploaded kpi-20241112-{up.hour:02d}.xlsx to http://files01.corp.example:8080/upload (HTTP 201, {rng.randint(40, 90)} kB)")
        t += timedelta(minutes=15)


def pool_stats():
    t = T(0, 5, 0, 2000)
    while t < END:
        rlog(t + timedelta(milliseconds=rng.randint(0, 20)), "reporter.health", "INFO",
             f"alive: rss={rng.randint(88, 96)}MB threads=4 pool_in_use=0 pool_idle=1")
        t += timedelta(minutes=5)


def monitoring():
    # zabbix (10.40.1.40): https check of web01 every 2 min, pg check of db01 every 10 min
    t = T(0, 0, 41)
    k = 0
    while t < END:
        t0 = t + timedelta(milliseconds=rng.randint(0, 900))
        flow(t0, t0 + timedelta(milliseconds=rng.randint(40, 300)), MON, WEB01, 443, rng.randint(5200, 5900))
        if k % 5 == 2:
            t1 = t0 + timedelta(seconds=7, milliseconds=rng.randint(0, 500))
            cid, port = next_conn(), next_port()
            fin = t1 + timedelta(milliseconds=rng.randint(20, 60))
            built(t1, cid, MON, port, DB01, 5432)
            pg_session(t1, fin, MON, port, "zabbix", "postgres", "zabbix_agent2")
            teardown(fin, cid, MON, port, DB01, 5432, 0, rng.randint(1900, 2300), "TCP FINs")
        k += 1
        t += timedelta(minutes=2)
    # a few outside denies / admin noise
    for h, m, s in [(0, 17, 9), (1, 2, 44), (1, 48, 13), (2, 33, 50), (4, 12, 7), (5, 26, 31), (6, 1, 2)]:
        src = f"198.51.100.{rng.randint(2, 250)}"
        asalog(T(h, m, s), 4, 106023,
               f'Deny tcp src outside:{src}/{rng.randint(30000, 65000)} dst dmz:10.40.2.30/{rng.choice([22, 23, 3389, 8080])} '
               f'by access-group "outside_in" [0x0, 0x0]')
    t = T(2, 14, 3)
    asalog(t, 6, 605005, f"Login permitted from {MON}/53122 to inside:10.40.1.1/ssh for user \"netops\"")
    asalog(t + timedelta(seconds=21), 5, 111008, "User 'netops' executed the 'show conn address 10.40.2.20' command.")
    asalog(t + timedelta(seconds=49), 5, 111008, "User 'netops' executed the 'show running-config timeout' command.")
    asalog(t + timedelta(seconds=95), 5, 611103, "User logged out: Uname: netops")


def pg_noise():
    t = T(0, 1, 52, 118000)
    while t < END:
        pglog(t, 1123, None, "LOG", "checkpoint starting: time")
        if rng.random() < 0.8:
            b = rng.randint(8, 240)
            w = b * 0.1 + rng.random()
            pglog(t + timedelta(seconds=w), 1123, None, "LOG",
                  f"checkpoint complete: wrote {b} buffers ({b / 163.84:.1f}%); 0 WAL file(s) added, 0 removed, "
                  f"0 recycled; write={w - 0.01:.3f} s, sync=0.004 s, total={w:.3f} s; sync files={rng.randint(4, 30)}, "
                  f"longest=0.002 s, average=0.001 s; distance={rng.randint(40, 900)} kB, estimate={rng.randint(400, 900)} kB; "
                  f"lsn=3/5A{rng.randint(0x100000, 0xFFFFFF):06X}, redo lsn=3/5A{rng.randint(0x100000, 0xFFFFFF):06X}")
        else:
            pglog(t + timedelta(seconds=rng.randint(1, 3)), 1123, None, "LOG",
                  "checkpoint complete: wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; "
                  "write=0.001 s, sync=0.001 s, total=0.003 s; sync files=0, longest=0.000 s, average=0.000 s; "
                  "distance=0 kB, estimate=512 kB; lsn=3/5B000148, redo lsn=3/5B000110")
        t += timedelta(minutes=5)
    for h, m in [(1, 31), (3, 12), (5, 40)]:
        a = T(h, m, rng.randint(0, 59), rng.randint(0, 999) * 1000)
        pid = next_pid()
        pglog(a, pid, None, "LOG", 'automatic analyze of table "reports.public.ledger_entries"',
              [f"\tavg read rate: {rng.random() * 9:.3f} MB/s, avg write rate: 0.000 MB/s",
               f"\tbuffer usage: {rng.randint(3000, 9000)} hits, {rng.randint(10, 400)} misses, 0 dirtied",
               f"\tsystem usage: CPU: user: 0.{rng.randint(10, 99)} s, system: 0.01 s, elapsed: 0.{rng.randint(20, 99)} s"])


def rs_ts(t):  # rsyslog RSYSLOG_FileFormat: local time, microseconds, offset
    return t.astimezone(BERLIN).isoformat(timespec="microseconds")


def slog(t, tag, msg, tagv=None):
    sysl.add(t, f"{rs_ts(t)} batch02 {tag}: {msg}", tagv)


def batch02_syslog():
    """Debian 12 rsyslog (RSYSLOG_FileFormat); auth/authpriv go to auth.log, not here."""
    cpid = [48112]

    def cron(t, user, cmd):
        cpid[0] += rng.randint(2, 30)
        slog(t, f"CRON[{cpid[0]}]", f"({user}) CMD ({cmd})")
    t = T(0, 0, 1)
    while t < END:
        m = t.minute
        if m % 10 == 5:
            cron(t + timedelta(microseconds=rng.randint(1000, 90000)), "root",
                 "command -v debian-sa1 > /dev/null && debian-sa1 1 1")
        if m == 17:
            cron(t + timedelta(microseconds=rng.randint(1000, 90000)), "root",
                 "cd / && run-parts --report /etc/cron.hourly")
        if m % 30 == 0:
            cron(t + timedelta(microseconds=rng.randint(1000, 90000)), "reporter",
                 "/opt/reporter/bin/reporter-cleanup --older-than 7d /srv/reports/tmp")
        t += timedelta(minutes=1)
    # deploy of reporter 2.3.0 just after midnight: the service is restarted
    d = T(0, 3, 44, 918_233)
    slog(d, "systemd[1]", "Stopping reporter.service - Reporter batch service...")
    slog(d + timedelta(milliseconds=1211), "systemd[1]", "reporter.service: Deactivated successfully.")
    slog(d + timedelta(milliseconds=1214), "systemd[1]", "Stopped reporter.service - Reporter batch service.")
    slog(d + timedelta(milliseconds=1219), "systemd[1]", "reporter.service: Consumed 41.882s CPU time.")
    slog(d + timedelta(milliseconds=1388), "systemd[1]", "Started reporter.service - Reporter batch service.")
    for h, m, s_, unit, desc in [(0, 0, 0, "logrotate.service", "Rotate log files"),
                                 (0, 0, 0, "man-db.service", "Daily man-db regeneration"),
                                 (0, 35, 12, "systemd-tmpfiles-clean.service", "Cleanup of Temporary Directories"),
                                 (6, 12, 41, "apt-daily.service", "Daily apt download activities"),
                                 (6, 24, 5, "apt-daily-upgrade.service", "Daily apt upgrade and clean activities")]:
        a = T(h, m, s_, rng.randint(100_000, 900_000))
        slog(a, "systemd[1]", f"Starting {unit} - {desc}...")
        b = a + timedelta(milliseconds=rng.randint(40, 3000))
        slog(b, "systemd[1]", f"{unit}: Deactivated successfully.")
        slog(b + timedelta(microseconds=rng.randint(50, 900)), "systemd[1]", f"Finished {unit} - {desc}.")
    for h, m in [(1, 11), (3, 52), (5, 29)]:  # anacron.timer (hourly, randomized delay)
        a = T(h, m, rng.randint(0, 50), rng.randint(0, 999999))
        apid = 47000 + h * 913
        slog(a, "systemd[1]", "Started anacron.service - Run anacron jobs.")
        slog(a + timedelta(microseconds=rng.randint(2000, 6000)), f"anacron[{apid}]", "Anacron 2.3 started on 2024-11-12")
        slog(a + timedelta(microseconds=rng.randint(7000, 9000)), f"anacron[{apid}]", "Normal exit (0 jobs run)")
        slog(a + timedelta(microseconds=rng.randint(9500, 12000)), "systemd[1]", "anacron.service: Deactivated successfully.")


OUTPUT = {}  # path under the bundle -> text; written (or compared, --check) by main()


def write(rel, text):
    OUTPUT[os.path.join("logs", rel)] = text


ASA_BUILT = re.compile(r"^(\w{3} \d+ \d{4} [\d:]{8}) fw01 : %ASA-6-302013: Built outbound TCP connection \d+ "
                       r"for dmz:10\.40\.2\.20/5432 \(\S+\) to inside:([\d.]+)/(\d+) ")
PG_RECV = re.compile(r"^(\d{4}-\d\d-\d\d [\d:]{8}\.\d{3}) UTC \[\d+\] \[unknown\]@\[unknown\] LOG:  "
                     r"connection received: host=([\d.]+) port=(\d+)$")


def skew_anchors(atext, ptext):
    """The 4-tuples that both fw01 (302013 Built) and db01 (connection received) log, read back from the
    files as written: [(port, fw01 line, fw01 time, db01 line, db01 time)], db01 minus fw01 = the estimate."""
    built, recv = {}, {}
    for n, line in enumerate(atext.splitlines(), 1):
        m = ASA_BUILT.match(line)
        if m:
            built[(m.group(2), int(m.group(3)))] = (n, datetime.strptime(m.group(1), "%b %d %Y %H:%M:%S").replace(tzinfo=UTC))
    for n, line in enumerate(ptext.splitlines(), 1):
        m = PG_RECV.match(line)
        if m:
            recv[(m.group(2), int(m.group(3)))] = (n, datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC))
    return sorted(((k[0], k[1]) + built[k] + recv[k] for k in built.keys() & recv.keys()), key=lambda a: a[3])


def main(check=False):
    reporter_start()
    ledger_exports()
    kpi_jobs()
    pool_stats()
    monitoring()
    pg_noise()
    batch02_syslog()
    # logrotate's postrotate on db01 (cron.daily at midnight by db01's own clock) reloads postgres
    pg.add(T(0, 0, 0, 4000) - DB01_CLOCK, "2024-11-12 00:00:00.004 UTC [1121] LOG:  received SIGHUP, reloading configuration files")
    pg.add(T(0, 0, 0, 5000) - DB01_CLOCK, '2024-11-12 00:00:00.005 UTC [1121] LOG:  parameter "log_disconnections" changed to "on"')

    number_tokens((rep, pg, asa))
    for r in facts["resets"]:
        r["cid"], r["pid"] = int(untok(r["cid"])), int(untok(r["pid"]))
    stext, stags, sn = sysl.render()
    rtext, rtags, rn = rep.render()
    ptext, ptags, pn = pg.render()
    atext, atags, an = asa.render()
    write(P_REPORTER, rtext)
    write(P_PG, ptext)
    write(P_ASA, atext)
    write(P_SYSLOG, stext)
    OUTPUT["hosts"] = ("# firewall-idle-timeout: hosts whose logs are in logs/ (for rstscope import --hosts)\n"
                       "10.40.1.15\tbatch02 batch02.corp.example\n"
                       "10.40.2.20\tdb01 db01.corp.example\n"
                       "10.40.1.1\tfw01 fw01.corp.example\n")
    line_of = {}
    for tags in (rtags, ptags, atags, stags):
        for tag, n, t, lines in tags:
            line_of[tag] = n
    anchors = skew_anchors(atext, ptext)
    # expected-causes.tsv: one row per reset, in the order of the resets view (time)
    rows = []
    for r in facts["resets"]:
        rows.append((r["t"], line_of[("reset", r["run"])], "network_idle_timeout", "fw01", f"{REL}/{P_ASA}",
                     line_of[("td", r["run"])]))
    # the upload names files01.corp.example, which is no host of the bundle: no server_host
    rows.append((facts["unexplained"], line_of[("unexplained", 0)], "unexplained", "", "", ""))
    OUTPUT["expected-causes.tsv"] = "reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line\n" + "".join(
        "\t".join(str(x) for x in (f"{REL}/{P_REPORTER}",) + r[1:]) + "\n" for r in sorted(rows, key=lambda r: r[0]))
    OUTPUT["expected-skew.tsv"] = "host\toffset_ms\n" + "".join(f"{h}\t{CLOCK_MS[h]}\n" for h in sorted(CLOCK_MS))
    from readme import readme  # noqa: E402  (sibling module)
    OUTPUT["README.md"] = (readme(anchors=anchors, db01_clock=DB01_CLOCK, facts=facts, line_of=line_of, counts={P_REPORTER: (rn, len(rep.ev)), P_PG: (pn, len(pg.ev)),
                                                             P_ASA: (an, len(asa.ev)), P_SYSLOG: (sn, len(sysl.ev))},
                       sizes={p: len(x.encode()) for p, x in ((P_REPORTER, rtext), (P_PG, ptext), (P_ASA, atext),
                                                              (P_SYSLOG, stext))},
                       rel=REL, paths=(P_REPORTER, P_PG, P_ASA, P_SYSLOG), iso_ms=iso_ms, py_ts=py_ts, pg_ts=pg_ts, asa_ts=asa_ts))
    bad = 0
    for rel, text in sorted(OUTPUT.items()):
        path = os.path.join(OUT, rel)
        if check:
            try:
                with open(path, newline="") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                print(f"differs: {path}")
                bad = 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", newline="\n") as f:
                f.write(text)
    return bad


if __name__ == "__main__":
    import sys
    sys.dont_write_bytecode = True  # no __pycache__ beside the generator
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit(f"usage: {sys.argv[0]} [--check]   (--check: fail if a file on disk differs)")
    sys.exit(main(check=sys.argv[1:] == ["--check"]))
