#!/usr/bin/env python3
"""Generate the `proxy-upstream-reset` sample bundle (sample-logs/proxy-upstream-reset/).

Deterministic: every random choice comes from one seeded random.Random, so
re-running this script rewrites byte-identical files. Run it from anywhere:

    python3 scripts/sample-src/proxy-upstream-reset/generate.py

It writes the bundle's hosts file, every log under logs/, and the README's
"Expected findings" section (computed here from the events as they are written,
with their real line numbers). `--check` regenerates into memory and fails if
any file on disk differs.

The story (all times true UTC, Tuesday 2024-11-12; lb01's clock runs CLOCK["lb01"],
+6.474 s, ahead, and everything lb01 writes shows it):
  client02  checkout (Go 1.22), log.SetFlags(log.LstdFlags|log.Lmicroseconds|log.LUTC):
            POSTs stock reservations to https://inventory.corp.example/v1/stock/reserve
            (lb01, 10.30.0.10:443) over a small keep-alive pool.
  lb01      HAProxy 2.8 (pid 2211), frontend fe_inventory (TLS), backend inventory
            (app01, app02; roundrobin; check inter 2s fall 2 rise 2; timeout server 30s),
            httplog to rsyslog, /var/log/haproxy.log in RFC 3339 high-precision format.
  app01/02  inventory (Spring Boot 3.3, Java 17) under systemd 255 (Restart=on-failure,
            RestartSec=5s, SuccessExitStatus=143), journal exported with journalctl -o json,
            logback file /var/log/inventory/inventory.log (ISO 8601 UTC with 'Z').
  09:41:17.402  app01's java dies of SIGSEGV in a native library; once the core is
            written (730 ms) its sockets are reset: HAProxy logs SD-- for 3 and SH-- for 1
            in-flight request, the client sees 3 resets (the SH-- one gets a 502).
  10:07:41  a reservation on app02 stalls after the response headers: HAProxy's
            timeout server (30 s) fires, sD--, the client sees a reset.
  10:36:50  the client sees one reset that no log explains. In that second app02 is
            restarted on purpose (a deploy; drained in HAProxy first): a decoy.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from datetime import datetime, timezone
from pathlib import Path

NAME = "proxy-upstream-reset"
ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "sample-logs" / NAME
REL = f"sample-logs/{NAME}/logs"
TEST = ROOT / "tests" / "e2e" / "proxy_upstream_reset_test.cc"

DAY = datetime(2024, 11, 12, tzinfo=timezone.utc)
T0 = int(DAY.timestamp() * 1_000_000)


def us(h, m, s=0.0):
    return T0 + int(round(((h * 60 + m) * 60 + s) * 1_000_000))


START, END = us(9, 0), us(11, 0)

CLIENT_IP, LB_IP, WEB_IP, OPS_IP = "10.30.0.21", "10.30.0.10", "10.30.0.22", "10.30.0.5"
APP_IP = {"app01": "10.30.0.31", "app02": "10.30.0.32"}
HAPROXY_PID = 2211

CRASH = us(9, 41, 17.402118)          # kernel segfault line on app01
CORE_DONE = CRASH + 731_406           # core written: process exits, sockets reset
TIMEOUT_ACCEPT = us(10, 7, 11.902)    # the request that stalls on app02
RESET_UNEXPLAINED = us(10, 36, 50.641532)
APP02_STOP = us(10, 36, 50.218337)    # decoy: deliberate restart of app02

rng = random.Random(20241112)

# lb01's clock runs ahead: every line lb01 writes (haproxy.log, auth.log, and the accept
# date inside HAProxy's httplog lines) carries lb01's clock reading, true time + CLOCK.
# The story below is written in true time (= client02's and app01/app02's clocks).
CLOCK = {"client02": 0, "lb01": 6_473_912, "app01": 0, "app02": 0}


def local(host, t):
    return t + CLOCK[host]


# ---------------------------------------------------------------- formatting

def dt(t):
    return datetime.fromtimestamp(t / 1_000_000, tz=timezone.utc)


def rfc3339(t):  # rsyslog RSYSLOG_FileFormat
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def golog(t):  # log.LstdFlags|log.Lmicroseconds|log.LUTC
    return dt(t).strftime("%Y/%m/%d %H:%M:%S.%f")


def spring(t):  # Spring Boot 3 default: yyyy-MM-dd'T'HH:mm:ss.SSSXXX
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}Z"


def haproxy_date(t):
    return dt(t).strftime("%d/%b/%Y:%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}"


def iso_ms(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}Z"


class Log:
    """Records (time, text, tag); written sorted by time (stable)."""

    def __init__(self, rel):
        self.rel = rel
        self.host = rel.split("/", 1)[0]
        self.recs = []

    def add(self, t, text, tag=None):
        self.recs.append((t, len(self.recs), text, tag))

    def render(self):
        self.recs.sort(key=lambda r: (r[0], r[1]))
        lines, tags, n = [], {}, 1
        for t, _, text, tag in self.recs:
            if tag:  # the time as the file shows it (the host's clock)
                tags.setdefault(tag, []).append((n, local(self.host, t)))
            lines.append(text)
            n += text.count("\n") + 1
        return "".join(l + "\n" for l in lines), tags, n - 1


LOGS = {
    "checkout": Log("client02/var/log/checkout/checkout.log"),
    "client_auth": Log("client02/var/log/auth.log"),
    "haproxy": Log("lb01/var/log/haproxy.log"),
    "lb_auth": Log("lb01/var/log/auth.log"),
    "app01_journal": Log("app01/journal.json"),
    "app01_inv": Log("app01/var/log/inventory/inventory.log"),
    "app02_journal": Log("app02/journal.json"),
    "app02_inv": Log("app02/var/log/inventory/inventory.log"),
}

# ---------------------------------------------------------------- journald

BOOT = {"app01": ("3f6c1d2e9a0b4c8d8e1f2a3b4c5d6e7f", us(0, 0) - 8 * 86400 * 10**6 + 41_117_000),
        "app02": ("b71e0c5d2f3a4e6b9c8d7e6f5a4b3c2d", us(0, 0) - 8 * 86400 * 10**6 + 39_804_000)}
MACHINE = {"app01": "5b0e8f9c1a2d4e3f8a7b6c5d4e3f2a1b", "app02": "9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"}
SEQID = {"app01": "7c2d9e0f1a3b4c5d6e7f8091a2b3c4d5", "app02": "e4d3c2b1a0f9e8d7c6b5a4938271605f"}
SEQ = {"app01": 0x2a41f0, "app02": 0x29b3c4}
jentries = {"app01": [], "app02": []}


def journal(host, t, fields, tag=None):
    jentries[host].append((t, len(jentries[host]), fields, tag))


def render_journal(host):
    log = LOGS[f"{host}_journal"]
    boot, boot_t = BOOT[host]
    seq = SEQ[host]
    import json
    for t, _, fields, tag in sorted(jentries[host], key=lambda e: (e[0], e[1])):
        seq += 1
        mono = t - boot_t
        x = hashlib.sha1(f"{host}{seq}".encode()).hexdigest()[:16]
        head = {
            "__CURSOR": f"s={SEQID[host]};i={seq:x};b={boot};m={mono:x};t={t:x};x={x}",
            "__REALTIME_TIMESTAMP": str(t),
            "__MONOTONIC_TIMESTAMP": str(mono),
            "__SEQNUM": str(seq),
            "__SEQNUM_ID": SEQID[host],
            "_BOOT_ID": boot,
        }
        body = dict(head)
        body.update(fields)
        body["_HOSTNAME"] = host
        body["_MACHINE_ID"] = MACHINE[host]
        body["_RUNTIME_SCOPE"] = "system"
        if body.get("_TRANSPORT") != "kernel":
            body["_SOURCE_REALTIME_TIMESTAMP"] = str(t - 37)
        log.add(t, json.dumps(body, separators=(",", ":"), ensure_ascii=False), tag)


def systemd_msg(host, t, msg, unit, prio=6, tag=None, extra=None):
    f = {"PRIORITY": str(prio), "SYSLOG_FACILITY": "3", "CODE_FILE": "src/core/unit.c",
         "CODE_LINE": "5812", "CODE_FUNC": "unit_log_success", "SYSLOG_IDENTIFIER": "systemd",
         "UNIT": unit, "INVOCATION_ID": hashlib.md5(f"{host}{unit}{t // 10**9}".encode()).hexdigest(),
         "MESSAGE": msg}
    if extra:
        f.update(extra)
    f.update({"_PID": "1", "_UID": "0", "_GID": "0", "_COMM": "systemd", "_EXE": "/usr/lib/systemd/systemd",
              "_CMDLINE": "/sbin/init", "_CAP_EFFECTIVE": "1ffffffffff", "_SYSTEMD_CGROUP": "/init.scope",
              "_SYSTEMD_UNIT": "init.scope", "_SYSTEMD_SLICE": "-.slice", "_TRANSPORT": "journal"})
    journal(host, t, f, tag)


def syslog_msg(host, t, ident, pid, msg, prio=6, fac="10", unit=None, comm=None, exe=None, tag=None):
    f = {"PRIORITY": str(prio), "SYSLOG_FACILITY": fac, "SYSLOG_IDENTIFIER": ident, "SYSLOG_PID": str(pid),
         "SYSLOG_TIMESTAMP": dt(t).strftime("%b %e %H:%M:%S "), "MESSAGE": msg,
         "_PID": str(pid), "_UID": "0", "_GID": "0", "_COMM": comm or ident,
         "_EXE": exe or f"/usr/sbin/{ident}", "_TRANSPORT": "syslog"}
    if unit:
        f["_SYSTEMD_UNIT"] = unit
    journal(host, t, f, tag)


def kernel_msg(host, t, msg, prio=6, tag=None):
    journal(host, t, {"_TRANSPORT": "kernel", "PRIORITY": str(prio), "SYSLOG_FACILITY": "0",
                      "SYSLOG_IDENTIFIER": "kernel", "MESSAGE": msg}, tag)


# ---------------------------------------------------------------- noise: auth logs and journals

def rs(log, t, host, tag_, msg, tag=None):
    LOGS[log].add(t, f"{rfc3339(local(host, t))} {host} {tag_}: {msg}", tag)


cron_pid = {"client02": 52110, "lb01": 70411, "app01": 88213, "app02": 86530}


def cron_noise(host, log=None):
    t = START + 17_000 + rng.randrange(0, 900_000)
    # cron fires by the host's own clock: on lb01 its lines read hh:m0:01 by lb01's clock too
    t = us(9, 0, 1.0) + rng.randrange(0, 400_000) - CLOCK[host]
    while local(host, t) < END:
        cron_pid[host] += rng.randrange(3, 40)
        pid = cron_pid[host]
        user = "root"
        cmd = "command -v debian-sa1 > /dev/null && debian-sa1 1 1" if dt(t).minute % 10 == 0 else \
            "[ -x /usr/local/sbin/node-health ] && /usr/local/sbin/node-health --quiet"
        if log:
            rs(log, t, host, f"CRON[{pid}]", f"pam_unix(cron:session): session opened for user {user}(uid=0) by (uid=0)")
            rs(log, t + 41_000 + rng.randrange(0, 900_000), host, f"CRON[{pid}]",
               f"pam_unix(cron:session): session closed for user {user}")
        else:
            syslog_msg(host, t, "CRON", pid, f"pam_unix(cron:session): session opened for user {user}(uid=0) by (uid=0)",
                       fac="10", unit="cron.service", comm="cron", exe="/usr/sbin/cron")
            syslog_msg(host, t + 1200, "CRON", pid + 1, f"({user}) CMD ({cmd})", fac="9",
                       unit="cron.service", comm="cron", exe="/usr/sbin/cron")
            syslog_msg(host, t + 41_000 + rng.randrange(0, 900_000), "CRON", pid,
                       f"pam_unix(cron:session): session closed for user {user}", fac="10",
                       unit="cron.service", comm="cron", exe="/usr/sbin/cron")
        t += 300_000_000 + rng.randrange(-200_000, 200_000)


sshd_pid = {"client02": 61200, "lb01": 74100, "app01": 91020, "app02": 90012}


def ssh_probe_noise(host, log=None):
    """The monitoring host 10.30.0.40 opens and closes sshd every 15 minutes."""
    t = us(9, 4, 12.0) + rng.randrange(0, 2_000_000)
    while t < END:
        sshd_pid[host] += rng.randrange(20, 300)
        pid = sshd_pid[host]
        port = rng.randrange(40000, 60000)
        msgs = [(0, "error: kex_exchange_identification: Connection closed by remote host"),
                (310, f"Connection closed by 10.30.0.40 port {port}")]
        for d, m in msgs:
            if log:
                rs(log, t + d, host, f"sshd[{pid}]", m)
            else:
                syslog_msg(host, t + d, "sshd", pid, m, prio=3 if m.startswith("error") else 6, fac="4",
                           unit="ssh.service")
        t += 900_000_000 + rng.randrange(-3_000_000, 3_000_000)


def sysstat_noise(host):
    t = us(9, 0, 0.0)
    while t < END:
        t1 = t + rng.randrange(30_000, 120_000)
        systemd_msg(host, t1, "Starting sysstat-collect.service - system activity accounting tool...",
                    "sysstat-collect.service")
        t2 = t1 + rng.randrange(20_000, 60_000)
        systemd_msg(host, t2, "sysstat-collect.service: Deactivated successfully.", "sysstat-collect.service")
        systemd_msg(host, t2 + 180, "Finished sysstat-collect.service - system activity accounting tool.",
                    "sysstat-collect.service")
        t += 600_000_000


def ops_session(host, log, t, user, pid, sess, cmds, length_s):
    """An interactive ssh session with sudo commands: list of (offset_s, command)."""
    key = "SHA256:q3Vd0pWm6fJ8c2xkY1bH4sR9uTn7LzA5eG0iKoPvQwE" if user == "ops" else \
        "SHA256:Xh2b8T1mUe5rN0qW4yLs6dF9gJ3kP7vA1cZ8oBxRiEs"
    port = rng.randrange(50000, 60000)
    lines = [(0, f"sshd[{pid}]", f"Accepted publickey for {user} from {OPS_IP} port {port} ssh2: ED25519 {key}"),
             (4_000, f"sshd[{pid}]", f"pam_unix(sshd:session): session opened for user {user}(uid=1001) by (uid=0)"),
             (9_000, "systemd-logind[611]", f"New session {sess} of user {user}.")]
    for off, cmd in cmds:
        o = int(off * 1_000_000)
        lines.append((o, "sudo", f"     {user} : TTY=pts/0 ; PWD=/home/{user} ; USER=root ; COMMAND={cmd}"))
        lines.append((o + 900, "sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by "
                      f"{user}(uid=1001)"))
        lines.append((o + 612_000, "sudo", "pam_unix(sudo:session): session closed for user root"))
    e = int(length_s * 1_000_000)
    lines += [(e, f"sshd[{pid}]", f"Received disconnect from {OPS_IP} port {port}:11: disconnected by user"),
              (e + 300, f"sshd[{pid}]", f"Disconnected from user {user} {OPS_IP} port {port}"),
              (e + 900, f"sshd[{pid}]", f"pam_unix(sshd:session): session closed for user {user}"),
              (e + 5_000, "systemd-logind[611]", f"Session {sess} logged out. Waiting for processes to exit."),
              (e + 6_000, "systemd-logind[611]", f"Removed session {sess}.")]
    for off, tg, msg in lines:
        if log:
            rs(log, t + off, host, tg, msg)
        else:
            ident, _, p = tg.partition("[")
            p = p.rstrip("]") or str(pid + 7 + off % 5)
            syslog_msg(host, t + off, ident, int(p), msg, fac="10" if ident != "sshd" else "4",
                       unit="ssh.service" if ident == "sshd" else None)


# ---------------------------------------------------------------- the traffic

class Pool:
    """checkout's keep-alive connections to lb01 (Go http.Transport)."""

    def __init__(self, n):
        self.conns = [self.new() for _ in range(n)]
        self.uses = [0] * n
        self.used = set(self.conns)

    def new(self):
        while True:
            p = rng.randrange(32768, 61000)
            if p not in getattr(self, "used", set()):
                if hasattr(self, "used"):
                    self.used.add(p)
                return p

    def get(self, i):
        i %= len(self.conns)
        self.uses[i] += 1
        if self.uses[i] > rng.randrange(12, 40):
            self.conns[i], self.uses[i] = self.new(), 1
        return i, self.conns[i]

    def reset(self, i):
        self.conns[i], self.uses[i] = self.new(), 0


pool = Pool(4)
web_ports = [rng.randrange(32768, 61000)]
rr = {"i": 0}
app_state = {"app01": "up", "app02": "up"}
APP_PID = {"app01": 31877, "app02": 30214}
NEW_PID = {"app01": 41022, "app02": 44871}
sku = lambda: f"SKU-{rng.randrange(10000, 19999)}"
inv_threads = {"app01": 0, "app02": 0}
order = {"n": 0}


def new_order():
    """A placeholder; render_all numbers the orders in the order of their first record."""
    order["n"] += 1
    return f"\x00ORD{order['n']}\x00"
expect = {"client_resets": [], "proxy_resets": [], "client_502": []}


def pick_server(t):
    up = [s for s in ("app01", "app02") if up_at(s, t)]
    rr["i"] += 1
    return up[rr["i"] % len(up)]


DOWN = {"app01": [(CORE_DONE, us(9, 41, 31.65))],            # from the crash until HAProxy sees it UP
        "app02": [(us(10, 36, 29.512), us(10, 37, 18.207))]}  # forced maintenance around the deploy
INV_DOWN = {"app01": [(CRASH, us(9, 41, 28.5))], "app02": [(APP02_STOP, us(10, 37, 0.2))]}


def up_at(s, t):
    # HAProxy routes to app01 until it marks it DOWN; a request that lands there in between
    # would fail: the crash burst is placed before that, the rest avoid the window.
    return not any(a - 3_000_000 <= t <= b for a, b in DOWN[s])


def inv_log(server, t, level, thread, logger, msg, pid=None, tag=None):
    pid = pid or (NEW_PID[server] if t > INV_DOWN[server][0][0] else APP_PID[server])
    LOGS[f"{server}_inv"].add(t, f"{spring(t)} {level:>5} {pid} --- [inventory] [{thread[-15:]:>15}] {logger[-40:]:<40} : {msg}", tag)


def inv_thread(server):
    inv_threads[server] = inv_threads[server] % 10 + 1
    return f"nio-8080-exec-{inv_threads[server]}"


def hap(t_end, port, ip, accept, fe, server, timers, status, nbytes, flags, conns, req, tag=None):
    line = (f"{rfc3339(local('lb01', t_end))} lb01 haproxy[{HAPROXY_PID}]: {ip}:{port} "
            f"[{haproxy_date(local('lb01', accept))}] {fe} "
            f"inventory/{server} {timers} {status} {nbytes} - - {flags} {conns} 0/0 \"{req}\"")
    LOGS["haproxy"].add(t_end, line, tag)


def conns_field(server, extra=0):
    a = rng.randrange(2, 7) + extra
    return f"{a}/{a}/{max(1, a - 2)}/{rng.randrange(0, 3) + extra}/0"


def ok_request(t, slot=None, o=None, attempt=1, server=None, items=None, s=None):
    """One successful reservation: client log, HAProxy log, app log."""
    if o is None:
        o = new_order()
    i, port = pool.get(slot if slot is not None else 0)
    server = server or pick_server(t)
    tr = rng.randrange(18, 95)
    ta = tr + rng.randrange(0, 3)
    accept = t
    end = accept + ta * 1000 + rng.randrange(100, 900)
    n = items or rng.randrange(1, 6)
    s = s or sku()
    hap(end + rng.randrange(150, 400), port, CLIENT_IP, accept, "fe_inventory~", server,
        f"0/0/{rng.randrange(0, 2)}/{tr}/{ta}", 200, rng.randrange(296, 330), "----", conns_field(server),
        "POST /v1/stock/reserve HTTP/1.1")
    inv_log(server, accept + tr * 1000 - rng.randrange(1000, 4000), "INFO", inv_thread(server),
            "c.c.inventory.web.StockController", f"Reserved {n} units of {s} for order {o}")
    LOGS["checkout"].add(end + rng.randrange(400, 1500),
                         f"{golog(end + 1000)} order {o}: reserved {n} items of {s} via inventory in {ta}ms"
                         + (f" (attempt {attempt}/3)" if attempt > 1 else ""))
    return end


def web_request(t):
    server = pick_server(t)
    if rng.random() < 0.1:
        web_ports[0] = rng.randrange(32768, 61000)
    tr = rng.randrange(3, 20)
    end = t + tr * 1000 + rng.randrange(100, 900)
    hap(end + rng.randrange(150, 400), web_ports[0], WEB_IP, t, "fe_inventory~", server,
        f"0/0/0/{tr}/{tr}", 200, rng.randrange(520, 560), "----", conns_field(server),
        f"GET /v1/stock/{sku()} HTTP/1.1")


def special(t):
    """True if t is near one of the scripted moments (ordinary traffic keeps out of them)."""
    return any(a - 4_000_000 <= t <= b for a, b in [
        (us(9, 41, 16.0), us(9, 41, 33.0)), (TIMEOUT_ACCEPT, TIMEOUT_ACCEPT + 32_000_000),
        (us(10, 36, 25.0), us(10, 37, 22.0))])


def traffic():
    t = START + rng.randrange(1_000_000, 9_000_000)
    while t < END:
        if not special(t):
            ok_request(t)
        t += rng.randrange(14_000_000, 34_000_000)
    t = START + rng.randrange(1_000_000, 9_000_000)
    while t < END:
        if not special(t):
            web_request(t)
        t += rng.randrange(25_000_000, 55_000_000)


# ---------------------------------------------------------------- the incident

def crash():
    # checkout flushes a batch of 8 reservations at 09:41:16.9; roundrobin puts 4 on app01.
    t = us(9, 41, 16.918)
    batch = []
    for k in range(8):
        batch.append((new_order(), t + k * 61_000 + rng.randrange(0, 20_000), k % 4))
    fates = ["SD", "ok", "SD", "ok", "SH", "ok", "SD", "ok"]
    retry_slot = iter(range(4))
    for (o, accept, slot), fate in zip(batch, fates):
        if fate == "ok":
            # on a separate connection (the pool grows under the burst)
            ok_request(accept, slot=slot, o=o, server="app02")
            continue
        port = pool.new()
        tr = rng.randrange(22, 60)
        close = CORE_DONE + rng.randrange(200, 1800)
        ta = (close - accept) // 1000
        n = rng.randrange(1, 6)
        s = sku()
        inv_log("app01", accept + 2000, "INFO", inv_thread("app01"), "c.c.inventory.web.StockController",
                f"Reserving {n} units of {s} for order {o}", pid=APP_PID["app01"])
        if fate == "SD":
            hap(close + rng.randrange(150, 400), port, CLIENT_IP, accept, "fe_inventory~", "app01",
                f"0/0/1/{tr}/{ta}", 200, rng.randrange(1200, 2900), "SD--", conns_field("app01", 2),
                "POST /v1/stock/reserve HTTP/1.1", tag=("proxy_reset", o, port, "SD--"))
            rt = close + rng.randrange(900, 3500)
            LOGS["checkout"].add(rt, f"{golog(rt)} order {o}: reserve stock: read tcp {CLIENT_IP}:{port}->"
                                     f"{LB_IP}:443: read: connection reset by peer",
                                 tag=("client_reset", o, port, "crash"))
        else:
            hap(close + rng.randrange(150, 400), port, CLIENT_IP, accept, "fe_inventory~", "app01",
                f"0/0/1/-1/{ta}", 502, 209, "SH--", conns_field("app01", 2),
                "POST /v1/stock/reserve HTTP/1.1", tag=("proxy_reset", o, port, "SH--"))
            rt = close + rng.randrange(900, 3500)
            LOGS["checkout"].add(rt, f"{golog(rt)} order {o}: reserve stock: unexpected status 502 Bad Gateway "
                                     f"from https://inventory.corp.example/v1/stock/reserve",
                                 tag=("client_502", o, port))
        LOGS["checkout"].add(rt + 300, f"{golog(rt + 300)} order {o}: retrying in 1s (attempt 2/3)")
        ok_request(rt + 1_000_000 + rng.randrange(300, 3000), slot=next(retry_slot), o=o, attempt=2,
                   server="app02", items=n, s=s)

    # app01: kernel, systemd, coredump
    kernel_msg("app01", CRASH, "http-nio-8080-e[31920]: segfault at 18 ip 00007f3c2a1b4e5d sp 00007f3c08bfd6a0 "
               "error 4 in libinvhash.so[7f3c2a1a0000+2c000] likely on CPU 2 (core 2, socket 0)",
               tag="segfault")
    kernel_msg("app01", CRASH + 41, "Code: 48 8b 47 08 48 85 c0 74 2e 48 8b 10 48 39 f2 74 1a 0f 1f 80 00 00 00 00 "
               "<48> 8b 40 18 48 85 c0 74 12 48 8b 10 48 39 f2 75 ef c3 0f 1f 80 00 00 00 00 31 c0")
    exit_t = CORE_DONE + 2_113
    systemd_msg("app01", exit_t, "inventory.service: Main process exited, code=dumped, status=11/SEGV",
                "inventory.service", prio=5, tag="exited",
                extra={"CODE_FILE": "src/core/service.c", "CODE_LINE": "3632", "CODE_FUNC": "service_sigchld_event",
                       "MESSAGE_ID": "98e322203f7a4ed290d09fe03c09fe15", "EXIT_CODE": "dumped", "EXIT_STATUS": "11"})
    systemd_msg("app01", exit_t + 214, "inventory.service: Failed with result 'core-dump'.", "inventory.service",
                prio=4, tag="failed", extra={"CODE_FILE": "src/core/unit.c", "CODE_LINE": "5861",
                                             "CODE_FUNC": "unit_log_failure",
                                             "MESSAGE_ID": "d9b373ed55a64feb8242e02dbe79a49c",
                                             "UNIT_RESULT": "core-dump"})
    systemd_msg("app01", exit_t + 1_030, "inventory.service: Consumed 41min 7.214s CPU time, 1.4G memory peak, "
                "0B memory swap peak.", "inventory.service", prio=6)
    journal("app01", CORE_DONE + 2_204_551, {
        "PRIORITY": "2", "SYSLOG_FACILITY": "3", "SYSLOG_IDENTIFIER": "systemd-coredump",
        "MESSAGE_ID": "fc2e22bc6ee647b6b90729ab34a250b1",
        "COREDUMP_UNIT": "inventory.service", "COREDUMP_PID": "31877", "COREDUMP_UID": "998",
        "COREDUMP_SIGNAL": "11", "COREDUMP_SIGNAL_NAME": "SIGSEGV", "COREDUMP_COMM": "java",
        "COREDUMP_EXE": "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
        "MESSAGE": "Process 31877 (java) of user 998 dumped core.\n\n"
                   "Module libinvhash.so without build-id.\n"
                   "Stack trace of thread 31920:\n"
                   "#0  0x00007f3c2a1b4e5d n/a (libinvhash.so + 0x14e5d)\n"
                   "#1  0x00007f3c2a1b52c1 Java_com_corp_inventory_hash_NativeHash_lookup (libinvhash.so + 0x152c1)\n"
                   "#2  0x00007f3c4d5e0b3a n/a (n/a + 0x0)\n"
                   "ELF object binary architecture: AMD x86-64",
        "_PID": "40117", "_UID": "0", "_GID": "0", "_COMM": "systemd-coredum",
        "_EXE": "/usr/lib/systemd/systemd-coredump", "_TRANSPORT": "journal"}, tag="coredump")
    # HAProxy notices: check inter 2s, fall 2
    down_t = us(9, 41, 21.514882)
    LOGS["haproxy"].add(down_t, f"{rfc3339(local('lb01', down_t))} lb01 haproxy[{HAPROXY_PID}]: Server inventory/app01 is DOWN, "
                                "reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. "
                                "1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in "
                                "queue.", tag="down")
    # systemd restarts it 5 s after the exit
    r = exit_t + 5_000_000 + 118_000
    systemd_msg("app01", r, "inventory.service: Scheduled restart job, restart counter is at 1.",
                "inventory.service", tag="scheduled", extra={"CODE_FILE": "src/core/service.c",
                                                              "CODE_LINE": "1359", "CODE_FUNC": "service_schedule_restart",
                                                              "MESSAGE_ID": "5eb03494b6584870a536b337290809b3",
                                                              "N_RESTARTS": "1"})
    systemd_msg("app01", r + 410, "Stopped inventory.service - Inventory Service.", "inventory.service",
                extra={"JOB_TYPE": "restart", "JOB_RESULT": "done"})
    systemd_msg("app01", r + 2_200, "Started inventory.service - Inventory Service.", "inventory.service",
                extra={"JOB_TYPE": "start", "JOB_RESULT": "done"})
    startup("app01", r + 590_000, 4.2, "started")
    up_t = us(9, 41, 31.651203)
    LOGS["haproxy"].add(up_t, f"{rfc3339(local('lb01', up_t))} lb01 haproxy[{HAPROXY_PID}]: Server inventory/app01 is UP, "
                              "reason: Layer7 check passed, code: 200, check duration: 2ms. 2 active and 0 backup "
                              "servers online. 0 sessions requeued, 0 total in queue.")


def startup(server, t, secs, tag):
    pid = NEW_PID[server]
    main = "main"
    L = "c.c.inventory.InventoryApplication"
    inv_log(server, t, "INFO", main, L, f"Starting InventoryApplication v2.7.1 using Java 17.0.13 with PID {pid} "
                                        "(/opt/inventory/inventory.jar started by inventory in /opt/inventory)", pid)
    inv_log(server, t + 4_000, "INFO", main, L, "No active profile set, falling back to 1 default profile: \"default\"", pid)
    inv_log(server, t + 1_850_000, "INFO", main, "o.s.b.w.embedded.tomcat.TomcatWebServer",
            "Tomcat initialized with port 8080 (http)", pid)
    inv_log(server, t + 3_905_000, "INFO", main, "o.s.b.w.embedded.tomcat.TomcatWebServer",
            "Tomcat started on port 8080 (http) with context path '/'", pid)
    st = t + int(secs * 1_000_000) + 17_000
    inv_log(server, st, "INFO", main, L,
            f"Started InventoryApplication in {secs} seconds (process running for {secs + 0.671:.3f})", pid,
            tag=tag)


def server_timeout():
    o = new_order()
    i, port = pool.get(1)
    accept = TIMEOUT_ACCEPT
    end = accept + 30_049_000 + 412
    s = sku()
    inv_log("app02", accept + 3_000, "INFO", inv_thread("app02"), "c.c.inventory.web.StockController",
            f"Reserving 4 units of {s} for order {o}")
    hap(end + 287, port, CLIENT_IP, accept, "fe_inventory~", "app02", "0/0/1/48/30049", 200, 8192, "sD--",
        conns_field("app02"), "POST /v1/stock/reserve HTTP/1.1", tag=("proxy_timeout", o, port))
    inv_log("app02", end + 3_518_000, "WARN", "nio-8080-exec-7", "c.c.inventory.web.StockController",
            f"Reservation for order {o} took 33566 ms (waiting for row lock on {s}); client went away")
    rt = end + 52_163
    LOGS["checkout"].add(rt, f"{golog(rt)} order {o}: reserve stock: read tcp {CLIENT_IP}:{port}->{LB_IP}:443: "
                             "read: connection reset by peer", tag=("client_reset", o, port, "server_timeout"))
    LOGS["checkout"].add(rt + 250, f"{golog(rt + 250)} order {o}: retrying in 1s (attempt 2/3)")
    pool.reset(i)
    ok_request(rt + 1_001_000, o=o, attempt=2, server="app01", items=4, s=s)


def unexplained_and_decoy():
    # The reset nobody explains: a connection whose port never reaches lb01's log.
    o = new_order()
    port = pool.new()
    rt = RESET_UNEXPLAINED
    LOGS["checkout"].add(rt, f"{golog(rt)} order {o}: reserve stock: read tcp {CLIENT_IP}:{port}->{LB_IP}:443: "
                             "read: connection reset by peer", tag=("client_reset", o, port, "unexplained"))
    LOGS["checkout"].add(rt + 260, f"{golog(rt + 260)} order {o}: retrying in 1s (attempt 2/3)")
    ok_request(rt + 1_002_000, o=o, attempt=2, server="app01")

    # The decoy: a planned deploy of app02, drained on lb01 first.
    s1 = us(10, 36, 23.482917)
    ops_session("lb01", "lb_auth", s1, "ops", 81244, 412,
                [(5.6173, "/usr/bin/socat stdio /run/haproxy/admin.sock"),
                 (54.4032, "/usr/bin/socat stdio /run/haproxy/admin.sock")], 61.0)
    maint = us(10, 36, 29.512301)
    LOGS["haproxy"].add(maint, f"{rfc3339(local('lb01', maint))} lb01 haproxy[{HAPROXY_PID}]: Server inventory/app02 is going DOWN "
                               "for maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                               "0 remaining in queue.", tag="maint")
    ready = us(10, 37, 18.207114)
    LOGS["haproxy"].add(ready, f"{rfc3339(local('lb01', ready))} lb01 haproxy[{HAPROXY_PID}]: Server inventory/app02 is UP "
                               "(leaving forced maintenance).")
    ops_session("app02", None, us(10, 36, 40.871204), "deploy", 93412, 57,
                [(9.3365, "/usr/bin/systemctl restart inventory.service")], 31.0)
    systemd_msg("app02", APP02_STOP, "Stopping inventory.service - Inventory Service...", "inventory.service",
                tag="stopping", extra={"JOB_TYPE": "restart"})
    inv_log("app02", APP02_STOP + 31_000, "INFO", "ionShutdownHook", "o.s.b.w.e.tomcat.GracefulShutdown",
            "Commencing graceful shutdown. Waiting for active requests to complete", APP_PID["app02"])
    inv_log("app02", APP02_STOP + 44_000, "INFO", "tomcat-shutdown", "o.s.b.w.e.tomcat.GracefulShutdown",
            "Graceful shutdown complete", APP_PID["app02"])
    systemd_msg("app02", APP02_STOP + 412_000, "inventory.service: Deactivated successfully.", "inventory.service")
    systemd_msg("app02", APP02_STOP + 412_300, "Stopped inventory.service - Inventory Service.", "inventory.service",
                extra={"JOB_TYPE": "restart", "JOB_RESULT": "done"})
    systemd_msg("app02", APP02_STOP + 412_500, "inventory.service: Consumed 52min 31.877s CPU time, 1.3G memory "
                "peak, 0B memory swap peak.", "inventory.service")
    systemd_msg("app02", APP02_STOP + 414_900, "Started inventory.service - Inventory Service.", "inventory.service",
                tag="app02_started", extra={"JOB_TYPE": "start", "JOB_RESULT": "done"})
    startup("app02", APP02_STOP + 1_002_000, 4.4, "app02_app_started")


# ---------------------------------------------------------------- build

def build():
    crash()
    server_timeout()
    unexplained_and_decoy()
    traffic()
    for h, log in (("client02", "client_auth"), ("lb01", "lb_auth")):
        cron_noise(h, log)
        ssh_probe_noise(h, log)
    ops_session("client02", "client_auth", us(9, 12, 40.338105), "ops", 63011, 88,
                [(14.0, "/usr/bin/journalctl -u checkout --since -1h")], 95.0)
    for h in ("app01", "app02"):
        cron_noise(h)
        ssh_probe_noise(h)
        sysstat_noise(h)
        render_journal(h)
    # inventory.log files begin with a rotation marker-free steady state: a heartbeat every 10 min
    for h in ("app01", "app02"):
        t = us(9, 0, 0.0) + rng.randrange(0, 60_000_000)
        while t < END:
            if not any(a <= t <= b for a, b in INV_DOWN[h]):
                inv_log(h, t, "INFO", "scheduling-1", "c.c.inventory.stock.StockSnapshotJob",
                        f"Stock snapshot written: {rng.randrange(18000, 19000)} SKUs, {rng.randrange(90, 260)} ms")
            t += 600_000_000


HOSTS = f"""# /etc/hosts-style map for the {NAME} sample bundle (rstscope import --hosts).
# checkout on client02 calls https://inventory.corp.example/ (HAProxy on lb01), which
# forwards to the inventory service on app01 and app02 (port 8080).
# inventory.corp.example (the name checkout uses) is lb01's VIP too, but it is left out
# on purpose: rstscope lets a dotted alias answer to its first label ("inventory"),
# and a path component that names a host wins, so .../app01/var/log/inventory/...
# would be taken for lb01. The client's records carry 10.30.0.10, which is enough.
10.30.0.10      lb01        lb01.corp.example
10.30.0.21      client02    client02.corp.example
10.30.0.31      app01       app01.corp.example
10.30.0.32      app02       app02.corp.example
"""


def number_orders():
    import re
    pat = re.compile("\x00ORD(\\d+)\x00")
    first = {}
    for log in LOGS.values():
        for t, _, text, _ in log.recs:
            for k in pat.findall(text):
                first[k] = min(first.get(k, t), t)
    num = {k: str(58121 + i) for i, k in enumerate(sorted(first, key=lambda k: (first[k], int(k))))}
    sub = lambda x: pat.sub(lambda m: num[m.group(1)], x) if isinstance(x, str) else x
    for log in LOGS.values():
        log.recs = [(t, n, sub(text), tuple(sub(v) for v in tag) if isinstance(tag, tuple) else tag)
                    for t, n, text, tag in log.recs]


def render_all():
    build()
    number_orders()
    files, tags, counts = {}, {}, {}
    for key, log in LOGS.items():
        text, tg, n = log.render()
        files[f"logs/{log.rel}"] = text
        tags[key] = tg
        counts[log.rel] = n
    files["hosts"] = HOSTS
    return files, tags, counts


FORMAT = {"checkout.log": "go_log", "auth.log": "rsyslog", "haproxy.log": "rsyslog",
          "journal.json": "journald_json", "inventory.log": "logback"}


def facts(tags, counts):
    """The expected findings, from the tagged records with their real line numbers."""
    src = lambda key: f"{REL}/{LOGS[key].rel}"
    f = {"sources": [], "resets": [], "crash": {}, "timeout": None}
    for key, log in sorted(LOGS.items(), key=lambda kv: kv[1].rel):
        base = log.rel.rsplit("/", 1)[1]
        f["sources"].append((f"{REL}/{log.rel}", FORMAT[base], log.rel.split("/")[0], counts[log.rel]))
    for tag, rows in tags["checkout"].items():
        if tag[0] == "client_reset":
            for line, t in rows:
                f["resets"].append(dict(ts=iso_ms(t), t=t, host="client02", format="go_log", source=src("checkout"),
                                        line=line, order=tag[1], port=tag[2], cause=tag[3], role="client"))
        if tag[0] == "client_502":
            f["client_502"] = dict(ts=iso_ms(rows[0][1]), line=rows[0][0], order=tag[1], port=tag[2])
    for tag, rows in tags["haproxy"].items():
        if isinstance(tag, tuple) and tag[0] == "proxy_reset":
            line, t = rows[0]
            f["resets"].append(dict(ts=iso_ms(t), t=t, host="lb01", format="haproxy", source=src("haproxy"),
                                    line=line, order=tag[1], port=tag[2], cause="crash", role="proxy",
                                    flags=tag[3]))
        if isinstance(tag, tuple) and tag[0] == "proxy_timeout":
            line, t = rows[0]
            f["timeout"] = dict(ts=iso_ms(t), t=t, line=line, order=tag[1], port=tag[2], source=src("haproxy"))
    f["resets"].sort(key=lambda r: (r["t"], r["source"]))
    for name, key in (("down", "haproxy"), ("maint", "haproxy")):
        (line, t), = tags[key][name]
        f[name] = dict(ts=iso_ms(t), line=line, source=src(key))
    for name in ("segfault", "exited", "failed", "scheduled", "coredump"):
        (line, t), = tags["app01_journal"][name]
        f["crash"][name] = dict(ts=iso_ms(t), t=t, line=line, source=src("app01_journal"))
    (line, t), = tags["app01_inv"]["started"]
    f["crash"]["app_started"] = dict(ts=iso_ms(t), line=line, source=src("app01_inv"))
    (line, t), = tags["app02_journal"]["stopping"]
    f["decoy_stop"] = dict(ts=iso_ms(t), t=t, line=line, source=src("app02_journal"))
    (line, t), = tags["app02_journal"]["app02_started"]
    f["decoy_started"] = dict(ts=iso_ms(t), line=line, source=src("app02_journal"))
    (line, t), = tags["app02_inv"]["app02_app_started"]
    f["decoy_app_started"] = dict(ts=iso_ms(t), line=line, source=src("app02_inv"))
    # Skew anchors: connections whose 4-tuple client02 (Go's `read tcp IP:PORT->IP:443`) and
    # lb01 (HAProxy's client `IP:PORT`) both log; lb01's time minus client02's time.
    hap_by_port = {r["port"]: r for r in f["resets"] if r["host"] == "lb01"}
    hap_by_port[f["timeout"]["port"]] = f["timeout"]
    f["anchors"] = [dict(port=r["port"], client=r, lb=hap_by_port[r["port"]], diff=hap_by_port[r["port"]]["t"] - r["t"])
                    for r in f["resets"] if r["host"] == "client02" and r["port"] in hap_by_port]
    return f


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def tsv_files(f):
    """expected-causes.tsv and expected-skew.tsv (sample-logs/README.md)."""
    seg = f["crash"]["segfault"]
    rows = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        if r["cause"] == "crash":  # the deepest event of the chain: the kernel's segfault line on app01
            c = ("crash", "app01", seg["source"], seg["line"])
        elif r["cause"] == "server_timeout":  # HAProxy's own timeout, on lb01
            c = ("server_timeout", "lb01", f["timeout"]["source"], f["timeout"]["line"])
        else:  # the reset names 10.30.0.10:443, which hosts maps to lb01
            c = ("unexplained", "lb01", "", "")
        rows.append("\t".join(str(x) for x in (r["source"], r["line"]) + c))
    skew = ["host\toffset_ms"] + [f"{h}\t{round(CLOCK[h] / 1000)}" for h in sorted(CLOCK)]
    return {"expected-causes.tsv": "\n".join(rows) + "\n", "expected-skew.tsv": "\n".join(skew) + "\n"}


def readme_facts(f):
    total = sum(s[3] for s in f["sources"])
    out = ["<!-- BEGIN expected facts (generated by scripts/sample-src/proxy-upstream-reset/generate.py) -->", "",
           "All times are UTC. Paths are as rstscope names sources when the bundle is imported with the",
           f"command above (`{REL}` as the PATH argument). Line numbers are 1-based; every line",
           "of every file is one record (the journal's multi-line coredump MESSAGE is one JSON line).", "",
           f"### Sources: {len(f['sources'])} files, {total} lines, 0 unparsed", "",
           "| source | format | host | lines |", "| --- | --- | --- | ---: |"]
    for s, fmt, h, n in f["sources"]:
        out.append(f"| `{s}` | `{fmt}` | {h} | {n} |")
    out += ["", "(`haproxy.log` is detected as `rsyslog`; its HAProxy messages are parsed as `haproxy` records.)",
            "", f"### Resets: {len(f['resets'])}", "",
            "| # | ts (UTC) | host | format | source:line | client port | order | flags | expected cause |",
            "| ---: | --- | --- | --- | --- | ---: | ---: | --- | --- |"]
    t = f["timeout"]
    for k, r in enumerate(f["resets"], 1):
        true_t = r["t"] - CLOCK[r["host"]]
        delta = true_t - f["crash"]["segfault"]["t"]
        shown = r["t"] - f["crash"]["segfault"]["t"]
        tdelta = true_t - (t["t"] - CLOCK["lb01"])
        why = {"crash": f"`crash` (app01 segfault {delta / 1000:.0f} ms earlier"
                        + (f"; {shown / 1000:.0f} ms by lb01's clock)" if shown != delta else ")"),
               "server_timeout": f"`server_timeout` (HAProxy `sD--` {tdelta / 1000:.0f} ms earlier; "
                                 f"{(t['t'] - r['t']) / 1000:.0f} ms later by lb01's clock)",
               "unexplained": "`unexplained`"}[r["cause"]]
        out.append(f"| {k} | {r['ts']} | {r['host']} | `{r['format']}` | `{r['source']}:{r['line']}` | {r['port']} | "
                   f"{r['order']} | {r.get('flags', '')} | {why} |")
    c = f["crash"]
    t = f["timeout"]
    out += ["", "### Server and proxy evidence", "",
            "| event | kind | ts (UTC) | host | process / pid | reason attr | source:line |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            f"| kernel `segfault at` (thread of java pid 31877) | `crash` | {c['segfault']['ts']} | app01 | "
            f"`http-nio-8080-e` / 31920 | | `{c['segfault']['source']}:{c['segfault']['line']}` |",
            f"| `inventory.service: Main process exited, code=dumped, status=11/SEGV` | `crash` | {c['exited']['ts']} | "
            f"app01 | `inventory` | | `{c['exited']['source']}:{c['exited']['line']}` |",
            f"| `inventory.service: Failed with result 'core-dump'.` | `crash` | {c['failed']['ts']} | app01 | "
            f"`inventory` | | `{c['failed']['source']}:{c['failed']['line']}` |",
            f"| `Server inventory/app01 is DOWN, reason: Layer4 connection problem` | `backend_down` | "
            f"{f['down']['ts']} | lb01 | `haproxy` / 2211 | `Layer4 connection problem` | "
            f"`{f['down']['source']}:{f['down']['line']}` |",
            f"| `inventory.service: Scheduled restart job, restart counter is at 1.` | `restart` | "
            f"{c['scheduled']['ts']} | app01 | `inventory` | | `{c['scheduled']['source']}:{c['scheduled']['line']}` |",
            f"| `Started InventoryApplication in 4.2 seconds` | `start` | {c['app_started']['ts']} | app01 | "
            f"`inventory` / 41022 | | `{c['app_started']['source']}:{c['app_started']['line']}` |",
            f"| HAProxy `sD--` (server timeout, `0/0/1/48/30049`, client port {t['port']}) | `timeout` | {t['ts']} | "
            f"lb01 | `haproxy` / 2211 | `sD--` | `{t['source']}:{t['line']}` |",
            f"| decoy: `Stopping inventory.service - Inventory Service...` | `stop` | {f['decoy_stop']['ts']} | app02 | "
            f"`inventory` | | `{f['decoy_stop']['source']}:{f['decoy_stop']['line']}` |",
            f"| decoy: `Started inventory.service - Inventory Service.` | `start` | {f['decoy_started']['ts']} | app02 | "
            f"`inventory` | | `{f['decoy_started']['source']}:{f['decoy_started']['line']}` |",
            f"| decoy: `Started InventoryApplication in 4.4 seconds` | `start` | {f['decoy_app_started']['ts']} | "
            f"app02 | `inventory` / 44871 | | `{f['decoy_app_started']['source']}:{f['decoy_app_started']['line']}` |",
            f"| `Server inventory/app02 is going DOWN for maintenance` (drain before the deploy) | `other` | "
            f"{f['maint']['ts']} | lb01 | `haproxy` / 2211 | | `{f['maint']['source']}:{f['maint']['line']}` |",
            "", f"### Clock skew: lb01 is {CLOCK['lb01'] / 1e6:+.3f} s", "",
            f"Every line lb01 writes is {CLOCK['lb01'] / 1000:.0f} ms ahead of the true time (client02, app01 and "
            "app02 are in sync): the rsyslog timestamps of `haproxy.log` and `auth.log` and the accept date "
            "inside each HAProxy line. The times of lb01's records above are as logged. "
            f"The anchors: {len(f['anchors'])} connections whose 4-tuple both client02 "
            "(`read tcp 10.30.0.21:PORT->10.30.0.10:443`) and lb01 (HAProxy's `10.30.0.21:PORT`) log:", "",
            "| client port | client02 ts | source:line | lb01 ts | source:line | lb01 − client02 (ms) |",
            "| ---: | --- | --- | --- | --- | ---: |"]
    for a in f["anchors"]:
        out.append(f"| {a['port']} | {a['client']['ts']} | `{a['client']['source']}:{a['client']['line']}` | "
                   f"{a['lb']['ts']} | `{a['lb']['source']}:{a['lb']['line']}` | {a['diff'] / 1000:.0f} |")
    out += ["", f"Median: {median([a['diff'] for a in f['anchors']]) / 1000:.0f} ms (true offset "
            f"{CLOCK['lb01'] / 1000:.0f} ms; the client logs its reset when it reads, HAProxy when it closes). "
            "app01 and app02 share no 4-tuple with any other host (HAProxy's httplog does not log its source port "
            "towards the servers), so they cannot be anchored and are taken as in sync, which they are.",
            "", "### Near miss that is not a reset", "",
            f"* `{REL}/{LOGS['checkout'].rel}:{f['client_502']['line']}` {f['client_502']['ts']}: order "
            f"{f['client_502']['order']} gets `unexpected status 502 Bad Gateway`: HAProxy's `SH--` on app01 (client "
            f"port {f['client_502']['port']}) answered it with a 502, so the client saw no reset. The `SH--` line "
            "itself is a proxy-side reset (the upstream aborted before sending headers).",
            "", "<!-- END expected facts -->", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    ap.add_argument("--facts", action="store_true", help="print the facts as Python repr")
    a = ap.parse_args()
    files, tags, counts = render_all()
    f = facts(tags, counts)
    readme_path = BUNDLE / "README.md"
    readme = readme_path.read_text() if readme_path.exists() else ""
    b, e = "<!-- BEGIN expected facts", "<!-- END expected facts -->\n"
    if b in readme:
        readme = readme[:readme.index(b)] + readme_facts(f) + readme[readme.index(e) + len(e):]
        files["README.md"] = readme
        skew_text = f"{CLOCK['lb01'] / 1e6:+.3f} s"
        if readme.count(skew_text) < 3:  # the host table, "What happened" and the facts all state it
            print(f"README.md does not state lb01's skew ({skew_text}) in its host table and story", file=sys.stderr)
            return 1
    files.update(tsv_files(f))
    if a.facts:
        import pprint
        pprint.pprint(f, width=140)
        return 0
    bad = 0
    for rel, text in sorted(files.items()):
        p = BUNDLE / rel
        if a.check:
            if not p.exists() or p.read_text() != text:
                print(f"differs: {p}")
                bad = 1
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
    return bad


if __name__ == "__main__":
    sys.exit(main())
