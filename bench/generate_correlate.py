#!/usr/bin/env python3
"""Deterministic support-bundle generator for the `rstscope correlate` benchmark.

usage: bench/generate_correlate.py --events N --resets R --out DIR [--seed S]

Writes DIR/<host>/... (one directory per host, as a support bundle is laid out)
and DIR.hosts (/etc/hosts syntax for `rstscope import --hosts`), about N lines in
total, about R of which are resets (rows of the `resets` view: the Go clients'
`connection reset by peer` errors plus HAProxy's own `SD--`/`SH--` lines), and
DIR.expected (tab-separated: the cause each reset was generated with, counted).
The same arguments always produce the same bytes (nothing depends on today's
date; every file's mtime is set to the time of its last line, which is where
RFC 3164 syslog takes its year from).

The fleet (one UTC day, 2024-11-12):

* client01..client50 (10.30.1.11-60): a Go service ("orders", `log` with
  LstdFlags|Lmicroseconds|LUTC) that reserves stock and looks up SKUs through
  https://inventory.corp.example (even clients use lb01, odd ones lb02) over
  keep-alive connections, syncs prices from PostgreSQL on db01 (10.40.2.20:5432,
  dmz) through the Cisco ASA fw01, and captures payments at a partner
  (203.0.113.45, not in the bundle). It logs every request, every error with its
  `read tcp LOCAL->REMOTE` 4-tuple, its retries and their outcome.
* lb01, lb02 (10.30.0.10/.11): HAProxy 2.8 `option httplog` to rsyslog (RFC 3339
  high precision): one line per request with the client ip:port, `----` normally,
  `SD--`/`SH--` when a backend dies mid-request, `sD--` on `timeout server 30s`,
  DOWN/UP health-check events. lb02's clock is 2.150 s ahead.
* app01..app20 (10.30.0.31-50): the inventory API (.NET, `inventory.service`),
  RFC 3164 syslog: kernel OOM kills and segfaults, systemd exits and restarts,
  cron, timers and sshd noise.
* fw01: Cisco ASA log (302013 Built / 302014 Teardown) of the client -> db01
  flows, with `timeout conn 1:00:00`: pooled connections left idle for an hour
  are torn down (`Idle Timeout`) and the next use gets a reset.

Resets (fractions of R): ~78 % in bursts when a backend is OOM-killed (70 % of
deaths) or segfaults (30 %): every request in flight on it ends `SD--` (the
client gets a reset) or `SH--` (the client gets a 502), ~10 % idle timeouts on
fw01, ~5 % HAProxy server timeouts (`sD--`), ~7 % unexplained (a connection to
the load balancer that HAProxy never logged, or the payment partner).
"""
import argparse
import bisect
import calendar
import os
import random
import sys
import time

DAY0 = calendar.timegm((2024, 11, 12, 0, 0, 0))  # 2024-11-12T00:00:00Z
SPAN = 86400
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
N_CLIENTS = 50
N_APPS = 20
LB_IP = ["10.30.0.10", "10.30.0.11"]
LB_PID = [2211, 1876]
LB_SKEW_US = [0, 2_150_000]
DB_IP = "10.40.2.20"
PARTNER_IP = "203.0.113.45"
PORT_LO, PORT_HI = 32768, 60999

FRAC_CRASH, FRAC_IDLE, FRAC_SD, FRAC_UNX = 0.78, 0.10, 0.05, 0.07
P_SD_VICTIM = 0.85          # in-flight request had its headers: SD-- and a client reset
P_OOM = 0.70                # else segfault with core dump


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, required=True, help="about this many lines in total")
    ap.add_argument("--resets", type=int, required=True, help="about this many resets")
    ap.add_argument("--out", required=True, help="output directory (must not exist or be empty)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    out = a.out.rstrip("/")
    if os.path.isdir(out) and os.listdir(out):
        sys.exit(f"{out} exists and is not empty")
    t_start = time.time()
    gen = Gen(a.events, a.resets, a.seed, out)
    gen.run()
    print(f"wrote {gen.total_lines:,} lines ({gen.total_bytes / 1e6:.1f} MB) in {len(gen.paths)} files "
          f"to {out}/, {out}.hosts, {out}.expected in {time.time() - t_start:.1f} s", file=sys.stderr)
    print(f"resets generated: {gen.n_resets:,} ({gen.n_client_resets:,} client-side, "
          f"{gen.n_resets - gen.n_client_resets:,} HAProxy SD--/SH--)", file=sys.stderr)
    for cause, n in sorted(gen.expected.items()):
        print(f"  {cause:22s} {n:10,}", file=sys.stderr)


class Gen:
    def __init__(self, n_events, n_resets, seed, out):
        self.rng = random.Random(seed)
        self.out = out
        self.N, self.R = n_events, n_resets
        self.total_lines = self.total_bytes = 0
        self.expected = {}
        self.n_resets = self.n_client_resets = 0
        # Per-second timestamp prefixes for the whole day (+ margin).
        n_sec = SPAN + 900
        self.GO, self.RS, self.HA, self.SY, self.ASA = [], [], [], [], []
        for s in range(n_sec):
            t = time.gmtime(DAY0 + s)
            mon = MON[t.tm_mon - 1]
            hms = "%02d:%02d:%02d" % (t.tm_hour, t.tm_min, t.tm_sec)
            self.GO.append("%04d/%02d/%02d %s." % (t.tm_year, t.tm_mon, t.tm_mday, hms))
            self.RS.append("%04d-%02d-%02dT%s." % (t.tm_year, t.tm_mon, t.tm_mday, hms))
            self.HA.append("%02d/%s/%04d:%s." % (t.tm_mday, mon, t.tm_year, hms))
            self.SY.append("%s %2d %s " % (mon, t.tm_mday, hms))
            self.ASA.append("%s %02d %04d %s fw01 : " % (mon, t.tm_mday, t.tm_year, hms))
        # Files: clients 0..49, lbs 50..51, apps 52..71, fw 72.
        self.paths = []
        for c in range(N_CLIENTS):
            self.paths.append(f"client{c + 1:02d}/var/log/orders/orders.log")
        for l in range(2):
            self.paths.append(f"lb{l + 1:02d}/var/log/haproxy.log")
        for b in range(N_APPS):
            self.paths.append(f"app{b + 1:02d}/var/log/syslog")
        self.paths.append("fw01/disk0/syslog/LOG-2024-11-12-000000.TXT")
        self.F_LB, self.F_APP, self.F_FW = N_CLIENTS, N_CLIENTS + 2, N_CLIENTS + 2 + N_APPS
        self.pending = [[] for _ in self.paths]
        self.last_ts = [0] * len(self.paths)
        self.client_ip = [f"10.30.1.{11 + c}" for c in range(N_CLIENTS)]
        self.app_name = [f"app{b + 1:02d}" for b in range(N_APPS)]
        rng = self.rng
        self.next_port = [PORT_LO + rng.randrange(PORT_HI - PORT_LO) for _ in range(N_CLIENTS)]
        self.pool = [[] for _ in range(N_CLIENTS)]
        self.order = [10000 * (c + 1) + rng.randrange(5000) for c in range(N_CLIENTS)]
        self.down_until = [0] * N_APPS
        self.app_pid = [rng.randrange(2000, 90000) for _ in range(N_APPS)]
        self.app_boot = [-rng.randrange(5 * 86400, 40 * 86400) * 1_000_000 for _ in range(N_APPS)]
        self.restarts = [0] * N_APPS
        self.misc_pid = [rng.randrange(10000, 60000) for _ in range(N_APPS)]
        self.asa_used = set()
        # HAProxy session counter fields, precomputed.
        self.sess = []
        for _ in range(512):
            fc = rng.randrange(3, 60)
            self.sess.append(f"{fc}/{fc}/{max(1, fc - rng.randrange(0, 4))}/{rng.randrange(0, 9)}/0")

    # ---- helpers -------------------------------------------------------------------------

    def port(self, c):
        p = self.next_port[c] + 1 + int(self.rng.random() * 5)
        if p > PORT_HI:
            p -= PORT_HI - PORT_LO + 1
        self.next_port[c] = p
        return p

    def go(self, c, t, msg):
        s, us = divmod(t, 1_000_000)
        self.pending[c].append((t, f"{self.GO[s]}{us:06d} {msg}\n"))

    def sys(self, b, t, msg):
        self.pending[self.F_APP + b].append((t, f"{self.SY[t // 1_000_000]}{self.app_name[b]} {msg}\n"))

    def kern(self, b, t, msg):
        up = t - self.app_boot[b]
        self.sys(b, t, f"kernel: [{up // 1_000_000}.{up % 1_000_000:06d}] {msg}")

    def asa(self, t, msg):
        self.pending[self.F_FW].append((t, f"{self.ASA[t // 1_000_000]}{msg}\n"))

    def hap_msg(self, l, t, msg):
        t += LB_SKEW_US[l]
        s, us = divmod(t, 1_000_000)
        self.pending[self.F_LB + l].append(
            (t, f"{self.RS[s]}{us:06d}+00:00 lb{l + 1:02d} haproxy[{LB_PID[l]}]: {msg}\n"))

    def hap(self, l, t_acc, t_end, cip, cport, b, timers, status, nbytes, flags, req):
        """One httplog line, written at t_end (true time; lb's clock skew added)."""
        sk = LB_SKEW_US[l]
        ta = t_acc + sk
        te = t_end + sk
        s, us = divmod(te, 1_000_000)
        s2, us2 = divmod(ta, 1_000_000)
        self.pending[self.F_LB + l].append(
            (te, f"{self.RS[s]}{us:06d}+00:00 lb{l + 1:02d} haproxy[{LB_PID[l]}]: {cip}:{cport} "
                 f"[{self.HA[s2]}{us2 // 1000:03d}] fe_inventory~ inventory/{self.app_name[b]} {timers} "
                 f"{status} {nbytes} - - {flags} {self.sess[int(self.rng.random() * 512)]} 0/0 \"{req}\"\n"))

    def asa_id(self, t):
        i = 184_530_000 + t // 18_000
        while i in self.asa_used:
            i += 1
        self.asa_used.add(i)
        return i

    def pick_app(self, t, t_end):
        rnd = self.rng.random
        for _ in range(8):
            b = int(rnd() * N_APPS)
            if self.down_until[b] > t:
                continue
            ct = self.crash_times[b]
            k = bisect.bisect_left(ct, t)
            if k < len(ct) and ct[k] < t_end + 50_000:
                continue
            return b
        return b

    def new_order(self, c):
        self.order[c] += 1
        return self.order[c]

    # ---- request models ------------------------------------------------------------------

    def request(self, c, t, order=None, attempt=""):
        """A successful request of client c starting at t (client line + HAProxy line)."""
        rng = self.rng
        rnd = rng.random
        l = c & 1
        pool = self.pool[c]
        if len(pool) < 4 or rnd() < 0.02:
            if pool and len(pool) >= 4:
                pool.pop(int(rnd() * len(pool)))
            p = self.port(c)
            pool.append(p)
        else:
            p = pool[int(rnd() * len(pool))]
        sku = 10000 + int(rnd() * 10000)
        post = order is not None or rnd() < 0.7
        tr = 4 + int(rnd() * rnd() * 140)
        tc = 1 if rnd() < 0.4 else 0
        ta = tr + tc + (1 if rnd() < 0.3 else 0)
        t_acc = t + 300 + int(rnd() * 900)
        t_end = t_acc + ta * 1000 + int(rnd() * 900)
        b = self.pick_app(t_acc, t_end)
        if post:
            req = "POST /v1/stock/reserve HTTP/1.1"
            nbytes = 290 + int(rnd() * 45)
        else:
            req = f"GET /v1/stock/SKU-{sku} HTTP/1.1"
            nbytes = 525 + int(rnd() * 40)
        self.hap(l, t_acc, t_end, self.client_ip[c], p, b, f"0/0/{tc}/{tr}/{ta}", 200, nbytes, "----", req)
        t_cl = t_end + 200 + int(rnd() * 1300)
        ms = (t_cl - t) // 1000
        if post:
            if order is None:
                order = self.new_order(c)
            self.go(c, t_cl, f"order {order}: reserved {1 + int(rnd() * 5)} items of SKU-{sku} via inventory "
                             f"in {ms}ms{attempt}")
        else:
            self.go(c, t_cl, f"stock SKU-{sku}: {int(rnd() * 400)} available via inventory in {ms}ms")
        return t_cl

    def retry_and_succeed(self, c, t, order):
        self.go(c, t + 150, f"order {order}: retrying in 1s (attempt 2/3)")
        self.request(c, t + 1_000_000 + int(self.rng.random() * 2000), order, " (attempt 2/3)")

    def client_reset(self, c, t, cport, dst, dport, what, cause):
        self.go(c, t, f"{what}: read tcp {self.client_ip[c]}:{cport}->{dst}:{dport}: read: connection reset by peer")
        self.count(cause, client=True)

    def count(self, cause, client=False):
        self.expected[cause] = self.expected.get(cause, 0) + 1
        self.n_resets += 1
        if client:
            self.n_client_resets += 1

    # ---- scheduled events ----------------------------------------------------------------

    def ev_crash(self, t, b, k, oom):
        """Backend b dies at t (OOM kill or segfault); k requests in flight on it."""
        rng = self.rng
        rnd = rng.random
        pid = self.app_pid[b]
        self.restarts[b] += 1
        if oom:
            cause = "oom_kill"
            self.kern(b, t, "dotnet invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0")
            self.kern(b, t + 1200, "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
                                   "oom_memcg=/system.slice/inventory.service,task_memcg=/system.slice/inventory.service,"
                                   f"task=dotnet,pid={pid},uid=998")
            self.kern(b, t + 1800, f"Memory cgroup out of memory: Killed process {pid} (dotnet) "
                                   f"total-vm:{274000000 + int(rnd() * 900000)}kB, anon-rss:{1010000 + int(rnd() * 20000)}kB, "
                                   f"file-rss:{27000 + int(rnd() * 900)}kB, shmem-rss:0kB, UID:998 pgtables:2636kB oom_score_adj:0")
            t_dead = t + 2500
            self.kern(b, t_dead + 1000, f"oom_reaper: reaped process {pid} (dotnet), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB")
            self.sys(b, t_dead + 4000, "systemd[1]: inventory.service: A process of this unit has been killed by the OOM killer.")
            self.sys(b, t_dead + 4200, "systemd[1]: inventory.service: Main process exited, code=killed, status=9/KILL")
            self.sys(b, t_dead + 4400, "systemd[1]: inventory.service: Failed with result 'oom-kill'.")
        else:
            cause = "crash"
            self.kern(b, t, f"dotnet[{pid + 17 + int(rnd() * 40)}]: segfault at {int(rnd() * 256):x} ip 00007f3c2a1b4e5d "
                            f"sp 00007f3c08bfd6a0 error 4 in libcoreclr.so[7f3c2a000000+4c5000] likely on CPU 1 (core 1, socket 0)")
            t_dead = t + 400_000 + int(rnd() * 500_000)
            self.sys(b, t_dead - 3000, f"systemd-coredump[{self.misc_pid[b]}]: Process {pid} (dotnet) of user 998 dumped core.")
            self.misc_pid[b] += 3 + int(rnd() * 30)
            self.sys(b, t_dead + 4200, "systemd[1]: inventory.service: Main process exited, code=dumped, status=11/SEGV")
            self.sys(b, t_dead + 4400, "systemd[1]: inventory.service: Failed with result 'core-dump'.")
        self.sys(b, t_dead + 4600, f"systemd[1]: inventory.service: Consumed {int(rnd() * 50)}min {rnd() * 60:.3f}s CPU time.")
        t_rs = t_dead + 5_000_000 + int(rnd() * 100_000)
        self.sys(b, t_rs, f"systemd[1]: inventory.service: Scheduled restart job, restart counter is at {self.restarts[b]}.")
        self.sys(b, t_rs + 2000, "systemd[1]: Stopped inventory.service - Inventory API.")
        self.sys(b, t_rs + 3000, "systemd[1]: Starting inventory.service - Inventory API...")
        t_up = t_rs + 1_500_000 + int(rnd() * 1_500_000)
        self.sys(b, t_up, "systemd[1]: Started inventory.service - Inventory API.")
        self.app_pid[b] = pid + 50 + int(rnd() * 900)
        n_down = sum(1 for x in self.down_until if x > t)
        for l in range(2):
            td = t_dead + 2_000_000 + int(rnd() * 2_500_000)
            self.hap_msg(l, td, f"Server inventory/{self.app_name[b]} is DOWN, reason: Layer4 connection problem, "
                                f"info: \"Connection refused\", check duration: 0ms. {N_APPS - 1 - n_down} active and 0 "
                                "backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.")
            tu = t_up + 2_000_000 + int(rnd() * 2_000_000)
            self.hap_msg(l, tu, f"Server inventory/{self.app_name[b]} is UP, reason: Layer7 check passed, code: 200, "
                                f"check duration: {1 + int(rnd() * 4)}ms. {N_APPS - n_down} active and 0 backup servers "
                                "online. 0 sessions requeued, 0 total in queue.")
            self.down_until[b] = max(self.down_until[b], tu)
        # The requests in flight die with the process.
        for _ in range(k):
            c = int(rnd() * N_CLIENTS)
            l = c & 1
            p = self.port(c)
            elapsed = 20_000 + int(rnd() * 2_500_000)
            t_acc = t_dead - elapsed
            t_end = t_dead + 100 + int(rnd() * 12_000)
            ta = (t_end - t_acc) // 1000
            order = self.new_order(c)
            sku = 10000 + int(rnd() * 10000)
            if rnd() < P_SD_VICTIM:
                tr = min(ta - 1, 15 + int(rnd() * 80))
                tc = int(rnd() * 2)
                self.hap(l, t_acc, t_end, self.client_ip[c], p, b, f"0/0/{tc}/{tr}/{ta}", 200,
                         1200 + int(rnd() * 7000), "SD--", "POST /v1/stock/reserve HTTP/1.1")
                self.count(cause)
                t_cl = t_end + 150 + int(rnd() * 1300)
                if rnd() < 0.8:
                    self.client_reset(c, t_cl, p, LB_IP[l], 443, f"order {order}: reserve stock", cause)
                    self.retry_and_succeed(c, t_cl, order)
                else:
                    self.client_reset(c, t_cl, p, LB_IP[l], 443,
                                      f"stock SKU-{sku}: Get \"https://inventory.corp.example/v1/stock/SKU-{sku}\"", cause)
            else:
                tc = int(rnd() * 2)
                self.hap(l, t_acc, t_end, self.client_ip[c], p, b, f"0/0/{tc}/-1/{ta}", 502, 209, "SH--",
                         "POST /v1/stock/reserve HTTP/1.1")
                self.count(cause)
                t_cl = t_end + 300 + int(rnd() * 1500)
                self.go(c, t_cl, f"order {order}: reserve stock: unexpected status 502 Bad Gateway from "
                                 "https://inventory.corp.example/v1/stock/reserve")
                self.retry_and_succeed(c, t_cl, order)

    def ev_server_timeout(self, t, c):
        rnd = self.rng.random
        l = c & 1
        p = self.port(c)
        order = self.new_order(c)
        t_acc = t + 400
        tr = 20 + int(rnd() * 60)
        ta = tr + 30000 + int(rnd() * 40)
        t_end = t_acc + ta * 1000 + int(rnd() * 900)
        b = self.pick_app(t_acc, t_end)
        self.hap(l, t_acc, t_end, self.client_ip[c], p, b, f"0/0/1/{tr}/{ta}", 200, 8192, "sD--",
                 "POST /v1/stock/reserve HTTP/1.1")
        t_cl = t_end + 20_000 + int(rnd() * 60_000)
        self.client_reset(c, t_cl, p, LB_IP[c & 1], 443, f"order {order}: reserve stock", "server_timeout")
        self.retry_and_succeed(c, t_cl, order)

    def ev_unexplained(self, t, c):
        rnd = self.rng.random
        p = self.port(c)
        order = self.new_order(c)
        if rnd() < 0.5:
            self.client_reset(c, t, p, LB_IP[c & 1], 443, f"order {order}: reserve stock", "unexplained")
            self.retry_and_succeed(c, t, order)
        else:
            self.client_reset(c, t, p, PARTNER_IP, 443,
                              f"order {order}: capture payment: Post \"https://api.payments-partner.example/v2/captures\"",
                              "unexplained")
            self.go(c, t + 200, f"order {order}: payment capture failed, queued in outbox for retry")

    def db_flow(self, c, t, idle):
        """A pooled connection to db01 built at t; used at once; idle ones are torn down an hour later."""
        rnd = self.rng.random
        p = self.port(c)
        cip = self.client_ip[c]
        cid = self.asa_id(t)
        self.asa(t, f"%ASA-6-302013: Built outbound TCP connection {cid} for dmz:{DB_IP}/5432 ({DB_IP}/5432) "
                    f"to inside:{cip}/{p} ({cip}/{p})")
        dur = 15_000 + int(rnd() * rnd() * 600_000)
        self.go(c, t + dur, f"price sync: refreshed {18000 + int(rnd() * 900)} prices from db01 in {dur // 1000}ms")
        if idle:
            s = t // 1_000_000 + 3600
            t_td = s * 1_000_000 + int(rnd() * 999_000)
            self.asa(t_td, f"%ASA-6-302014: Teardown TCP connection {cid} for dmz:{DB_IP}/5432 to inside:{cip}/{p} "
                           f"duration 1:00:00 bytes {200000 + int(rnd() * 4000000)} Idle Timeout")
            t_rst = t_td + 150_000 + int(rnd() * 500_000)
            self.client_reset(c, t_rst, p, DB_IP, 5432, "price sync: query prices", "network_idle_timeout")
            self.go(c, t_rst + 120, "price sync: discarding broken connection, retrying (attempt 2/3)")
            self.later.append((t_rst + 3000 + int(rnd() * 4000), 5, c))
        else:
            t_td = t + dur + 1000 + int(rnd() * 60_000_000)
            d = t_td // 1_000_000 - t // 1_000_000
            self.asa(t_td, f"%ASA-6-302014: Teardown TCP connection {cid} for dmz:{DB_IP}/5432 to inside:{cip}/{p} "
                           f"duration 0:{d // 60:02d}:{d % 60:02d} bytes {20000 + int(rnd() * 900000)} TCP FINs from inside")

    def noise(self, t, b):
        rnd = self.rng.random
        r = rnd()
        mp = self.misc_pid[b] = self.misc_pid[b] + 1 + int(rnd() * 40)
        if r < 0.45:
            s = (t // 60_000_000) * 60 + 1
            cmd = ("command -v debian-sa1 > /dev/null && debian-sa1 1 1" if rnd() < 0.7
                   else "   cd / && run-parts --report /etc/cron.hourly")
            self.sys(b, s * 1_000_000 + int(rnd() * 900_000), f"CRON[{mp}]: (root) CMD ({cmd})")
        elif r < 0.65:
            self.sys(b, t, "systemd[1]: Starting sysstat-collect.service - system activity accounting tool...")
            self.sys(b, t + 400_000, "systemd[1]: sysstat-collect.service: Deactivated successfully.")
            self.sys(b, t + 401_000, "systemd[1]: Finished sysstat-collect.service - system activity accounting tool.")
        elif r < 0.85:
            self.sys(b, t, f"sshd[{mp}]: Connection closed by 10.30.9.40 port {PORT_LO + int(rnd() * 28000)} [preauth]")
        else:
            self.sys(b, t, f"sshd[{mp}]: Accepted publickey for ops from 10.30.9.12 port {PORT_LO + int(rnd() * 28000)} "
                           f"ssh2: ED25519 SHA256:{int(rnd() * 2**64):016x}")
            self.sys(b, t + 2000, f"systemd-logind[612]: New session {mp % 9000} of user ops.")

    # ---- driver ---------------------------------------------------------------------------

    def run(self):
        rng = self.rng
        rnd = rng.random
        R, N = self.R, self.N
        n_vict = max(1, round(R * FRAC_CRASH / (2 * P_SD_VICTIM + (1 - P_SD_VICTIM))))
        n_crash = max(1, min(n_vict, round(1.8 * R ** 0.5)))
        mean_k = n_vict / n_crash
        n_idle = round(R * FRAC_IDLE)
        n_sd = round(R * FRAC_SD)
        n_unx = round(R * FRAC_UNX)
        # Crash schedule: backends die at least 3 minutes apart.
        crashes = []
        self.crash_times = [[] for _ in range(N_APPS)]
        for i in range(n_crash):
            for _ in range(50):
                t = 300_000_000 + int(rnd() * (SPAN - 900) * 1_000_000)
                b = int(rnd() * N_APPS)
                ct = self.crash_times[b]
                j = bisect.bisect_left(ct, t)
                if (j == 0 or t - ct[j - 1] > 180_000_000) and (j == len(ct) or ct[j] - t > 180_000_000):
                    break
            ct.insert(j, t)
            k = max(1, int(mean_k * (0.5 + rnd())))
            crashes.append((t, 0, (b, k, rnd() < P_OOM)))
        # Approximate line costs to size the normal traffic.
        fixed = (n_crash * 17 + n_vict * (P_SD_VICTIM * (0.8 * 5 + 0.2 * 2) + (1 - P_SD_VICTIM) * 5)
                 + n_idle * 8 + n_sd * 5 + n_unx * 3.5)
        n_noise_ev = int(N * 0.015 / 1.6)
        n_db = int(N * 0.03 / 3)
        n_req = max(0, int((N - fixed - n_noise_ev * 1.6 - n_db * 3) / 2))
        if n_req == 0:
            print("warning: --resets too large for --events; more lines than asked", file=sys.stderr)
        sched = crashes
        for _ in range(n_idle):
            sched.append((60_000_000 + int(rnd() * (SPAN - 3700) * 1_000_000), 1, int(rnd() * N_CLIENTS)))
        for _ in range(n_sd):
            sched.append((60_000_000 + int(rnd() * (SPAN - 200) * 1_000_000), 2, int(rnd() * N_CLIENTS)))
        for _ in range(n_unx):
            sched.append((60_000_000 + int(rnd() * (SPAN - 200) * 1_000_000), 3, int(rnd() * N_CLIENTS)))
        for _ in range(n_db):
            sched.append((int(rnd() * (SPAN - 200) * 1_000_000), 4, int(rnd() * N_CLIENTS)))
        for _ in range(n_noise_ev):
            sched.append((int(rnd() * (SPAN - 200) * 1_000_000), 6, int(rnd() * N_APPS)))
        hours = [[] for _ in range(25)]
        for e in sched:
            hours[e[0] // 3_600_000_000].append(e)
        del sched, crashes
        n_req_h = [n_req // 24 + (1 if h < n_req % 24 else 0) for h in range(24)]
        os.makedirs(self.out, exist_ok=True)
        files = []
        for p in self.paths:
            os.makedirs(os.path.join(self.out, os.path.dirname(p)), exist_ok=True)
            files.append(open(os.path.join(self.out, p), "w", buffering=1 << 20, newline="\n"))
        self.later = _Later(hours)  # db reconnects after an idle reset go to a later hour
        for h in range(25):
            h0 = h * 3_600_000_000
            ev = hours[h]
            if h < 24:
                ev.extend((h0 + int(rnd() * 3_600_000_000), 7, int(rnd() * N_CLIENTS)) for _ in range(n_req_h[h]))
            ev.sort()
            self.later = _Later(hours)
            for t, typ, arg in ev:
                if typ == 7:
                    self.request(arg, t)
                elif typ == 0:
                    self.ev_crash(t, *arg)
                elif typ == 1:
                    self.db_flow(arg, t, True)
                elif typ == 2:
                    self.ev_server_timeout(t, arg)
                elif typ == 3:
                    self.ev_unexplained(t, arg)
                elif typ == 4:
                    self.db_flow(arg, t, False)
                elif typ == 5:
                    self.db_flow(arg, t, False)
                else:
                    self.noise(t, arg)
            hours[h] = None
            self.flush(files, h0 + 3_600_000_000 if h < 24 else 1 << 62)
        for f in files:
            f.close()
        for i, p in enumerate(self.paths):
            mt = DAY0 + self.last_ts[i] // 1_000_000 + 1
            os.utime(os.path.join(self.out, p), (mt, mt))
        with open(self.out + ".hosts", "w") as f:
            f.write("# rstscope correlate benchmark fleet (bench/generate_correlate.py), for rstscope import --hosts\n")
            f.write("# inventory.corp.example is the VIP of lb01/lb02 (DNS round robin); left out on purpose,\n"
                    "# since the client logs carry the load balancers' addresses.\n")
            for l in range(2):
                f.write(f"{LB_IP[l]}\tlb{l + 1:02d} lb{l + 1:02d}.corp.example\n")
            for b in range(N_APPS):
                f.write(f"10.30.0.{31 + b}\t{self.app_name[b]} {self.app_name[b]}.corp.example\n")
            for c in range(N_CLIENTS):
                f.write(f"{self.client_ip[c]}\tclient{c + 1:02d} client{c + 1:02d}.corp.example\n")
            f.write("10.40.1.1\tfw01 fw01.corp.example\n")
            f.write(f"{DB_IP}\tdb01 db01.corp.example\n")
        with open(self.out + ".expected", "w") as f:
            f.write("cause\tresets\n")
            for cause, n in sorted(self.expected.items()):
                f.write(f"{cause}\t{n}\n")

    def flush(self, files, upto):
        for i, pend in enumerate(self.pending):
            if not pend:
                continue
            pend.sort()
            k = bisect.bisect_left(pend, (upto,))
            if k == 0:
                continue
            chunk = "".join(x[1] for x in pend[:k])
            files[i].write(chunk)
            self.total_lines += k
            self.total_bytes += len(chunk)
            self.last_ts[i] = pend[k - 1][0]
            self.pending[i] = pend[k:]


class _Later:
    """Appends an event to the hour bucket it falls in (always a later hour)."""
    def __init__(self, hours):
        self.hours = hours

    def append(self, e):
        self.hours[min(24, e[0] // 3_600_000_000)].append(e)


if __name__ == "__main__":
    main()
