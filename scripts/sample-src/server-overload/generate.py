#!/usr/bin/env python3
"""Generate the `server-overload` sample bundle (sample-logs/server-overload/).

Deterministic: every random choice comes from one seeded random.Random, and no
value depends on the current date, so re-running this script rewrites
byte-identical files. Run it from anywhere:

    python3 scripts/sample-src/server-overload/generate.py          # write the bundle
    python3 scripts/sample-src/server-overload/generate.py --check  # fail if anything differs

It writes the bundle's README.md (whole: the story and the expected findings,
every number computed here from the records as they are written), hosts,
expected-causes.tsv, expected-skew.tsv and every log under logs/.

The story (true UTC, Wednesday 2024-11-20):
  gw01    nginx 1.22.1 on Debian 12, `api.corp.example`, one worker (1 vCPU,
          worker_processes auto) with Debian's default worker_connections 768.
          A dashboard release at 13:52 keeps ~300 WebSockets open through gw01
          (600 of its 768 connections); every 15 minutes the dashboards renew
          their token and open the new sockets before closing the old ones. For
          6-8 s nginx has no free connection: it logs `768 worker_connections are
          not enough` for every connection it accepts and closes at once; the
          client's request is unread, so the kernel answers with a RST.
          gw01's clock is 21.37 s fast (its NTP server was decommissioned).
  gw02    nginx 1.22.1, `pricing.corp.example`, in front of a legacy pricing
          engine (10.40.0.61, logs not collected). One export is reset by the
          upstream: `recv() failed (104: ...) while reading response header
          from upstream` (a proxy-side reset, cause upstream_failure).
          14:58:11 the vulnerability scanner fills gw02's conntrack table: the
          decoy for the unexplained reset 2 s later on app21 (which talks to gw01).
  app21   checkout (Go 1.22, a new http.Transport per request, so every request
          is a new TLS connection); its host logs every new outbound connection
          (nftables `log prefix "egress-new: "`): the anchors for gw01's skew.
  app22   shipping (Spring Boot 3.3, Java 17, RestTemplate over HttpURLConnection),
          Europe/Berlin.
  batch03 price-sync, a cron shell script with curl 7.88.1, logging via logger.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

NAME = "server-overload"
ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "sample-logs" / NAME
REL = f"sample-logs/{NAME}/logs"

UTC = timezone.utc
BERLIN = timezone(timedelta(hours=1))  # CET on 2024-11-20
DAY = datetime(2024, 11, 20, tzinfo=UTC)
T0 = int(DAY.timestamp() * 1_000_000)


def us(h, m, s=0.0):
    return T0 + int(round(((h * 60 + m) * 60 + s) * 1_000_000))


START, END = us(13, 40), us(15, 5)
SKEW = 21_370_000                      # gw01's clock is this far ahead (µs)

GW01, GW02, APP21, APP22, BATCH03 = "10.40.0.11", "10.40.0.12", "10.40.0.21", "10.40.0.22", "10.40.0.31"
MONITOR, OPS, SCANNER, PRICING_UP = "10.40.0.5", "10.40.0.6", "10.40.0.250", "10.40.0.61"
UPSTREAMS = {"stock": "10.40.0.41:8080", "orders": "10.40.0.42:8080", "shipments": "10.40.0.43:8080",
             "prices": "10.40.0.44:8080"}
OFFICE = [f"10.50.12.{n}" for n in (17, 23, 38, 41, 56, 64, 72, 91, 105, 118)]

# The overload episodes on gw01 (true UTC): the dashboards' token renewals.
EPISODES = [(us(14, 7, 36.214), us(14, 7, 44.102)),
            (us(14, 22, 35.731), us(14, 22, 42.288)),
            (us(14, 37, 37.046), us(14, 37, 43.811))]
RELOAD = us(14, 46, 31.402)            # worker_connections 4096, systemctl reload nginx
UNEXPLAINED = us(14, 58, 13.702318)    # app21's reset that nothing explains
DECOY = us(14, 58, 11.402117)          # gw02: nf_conntrack table full (scanner sweep)
UPSTREAM_RESET = us(14, 32, 19.804)    # gw02: the pricing engine resets an export
NGINX_MASTER, NGINX_WORKER, NGINX_WORKER2 = 1184, 1187, 31547
GW02_WORKERS = (902, 903)

rng = random.Random(20241120)


# ---------------------------------------------------------------- formatting

def dt(t, tz=UTC):
    return datetime.fromtimestamp(t / 1_000_000, tz=tz)


def rfc3339(t):                       # rsyslog RSYSLOG_FileFormat
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def golog(t):                         # log.LstdFlags|log.Lmicroseconds|log.LUTC
    return dt(t).strftime("%Y/%m/%d %H:%M:%S.%f")


def spring(t):                        # Spring Boot 3: yyyy-MM-dd'T'HH:mm:ss.SSSXXX, Europe/Berlin
    d = dt(t, BERLIN)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}+01:00"


def clf(t):                           # nginx $time_local (UTC server)
    return dt(t).strftime("%d/%b/%Y:%H:%M:%S +0000")


def ngx_err(t):                       # nginx error log
    return dt(t).strftime("%Y/%m/%d %H:%M:%S")


def iso_ms(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}Z"


def iso_s_floor(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Log:
    """Records (true time, text, tag); written sorted by true time (stable).
    `skew` is added when the host formats its own clock."""

    def __init__(self, rel, fmt, host, skew=0):
        self.rel, self.fmt, self.host, self.skew = rel, fmt, host, skew
        self.recs = []

    def add(self, t, render, tag=None):
        """render: a function of the host's clock time, or a ready string."""
        self.recs.append((t, len(self.recs), render, tag))

    def render(self):
        self.recs.sort(key=lambda r: (r[0], r[1]))
        out, tags, n = [], {}, 1
        for t, _, render, tag in self.recs:
            text = render(t + self.skew) if callable(render) else render
            if tag:
                tags.setdefault(tag, []).append((n, t, t + self.skew))
            out.append(text)
            n += text.count("\n") + 1
        return "".join(x + "\n" for x in out), tags, n - 1


LOGS = {
    "gw01_access": Log("gw01/var/log/nginx/access.log", "access_log", "gw01", SKEW),
    "gw01_error": Log("gw01/var/log/nginx/error.log", "nginx_error", "gw01", SKEW),
    "gw01_syslog": Log("gw01/var/log/syslog", "rsyslog", "gw01", SKEW),
    "gw01_auth": Log("gw01/var/log/auth.log", "rsyslog", "gw01", SKEW),
    "gw02_access": Log("gw02/var/log/nginx/access.log", "access_log", "gw02"),
    "gw02_error": Log("gw02/var/log/nginx/error.log", "nginx_error", "gw02"),
    "gw02_syslog": Log("gw02/var/log/syslog", "rsyslog", "gw02"),
    "checkout": Log("app21/var/log/checkout/checkout.log", "go_log", "app21"),
    "app21_kern": Log("app21/var/log/kern.log", "rsyslog", "app21"),
    "shipping": Log("app22/var/log/shipping/shipping.log", "logback", "app22"),
    "batch03_syslog": Log("batch03/var/log/syslog", "rsyslog", "batch03"),
}


def in_episode(t, margin=0):
    return any(a - margin <= t <= b + margin for a, b in EPISODES)


def quiet(t, margin=3_000_000):
    """Ordinary client traffic keeps out of the scripted moments."""
    return not (in_episode(t, margin) or abs(t - UNEXPLAINED) < 8_000_000)


# ---------------------------------------------------------------- nginx

conn_ids = {"gw01": 4_812_331, "gw02": 911_207}


def cid(host):
    conn_ids[host] += rng.randrange(3, 40)
    return conn_ids[host]


def worker(t):
    return NGINX_WORKER if t < RELOAD else NGINX_WORKER2


def access(key, t_end, ip, port, req, status, nbytes, ua, rt, upstream, tag=None):
    """One access-log line: log_format gw '$remote_addr:$remote_port - $remote_user [$time_local] "$request"
    $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time"
    urt="$upstream_response_time" upstream="$upstream_addr"'."""
    if upstream:
        uct = f"{rng.randrange(0, 2) / 1000:.3f}"
        urt = f"{max(rt - 0.001, 0.0):.3f}"
        tail = f'rt={rt:.3f} uct="{uct}" urt="{urt}" upstream="{upstream}"'
    else:
        tail = f'rt={rt:.3f} uct="-" urt="-" upstream="-"'
    LOGS[key].add(t_end, lambda c: f'{ip}:{port} - - [{clf(c)}] "{req}" {status} {nbytes} "-" "{ua}" {tail}', tag)


def ephemeral():
    return rng.randrange(32768, 61000)


# ---------------------------------------------------------------- syslog helpers

def rs(key, t, host, tag_, msg, tag=None):
    LOGS[key].add(t, lambda c: f"{rfc3339(c)} {host} {tag_}: {msg}", tag)


PID_BASE = {"gw01": 20114, "gw02": 18803, "batch03": 41002}


def pid_at(host, t):
    """Process ids grow with time on every host (about one new process every 1.7 s)."""
    return PID_BASE[host] + (t - START) // 1_700_000 + rng.randrange(0, 3)


def cron_noise(host, syslog, auth):
    """cron starts its jobs at second 0-1 of the host's own clock."""
    t = START + 1_000_000 + rng.randrange(0, 300_000) - LOGS[syslog].skew
    while t < END:
        m = dt(t + LOGS[syslog].skew).minute
        jobs = []
        if m % 10 == 0:
            jobs.append("command -v debian-sa1 > /dev/null && debian-sa1 1 1")
        if m == 17:
            jobs.append("cd / && run-parts --report /etc/cron.hourly")
        for cmd in jobs:
            pid = pid_at(host, t)
            if auth:
                rs(auth, t, host, f"CRON[{pid}]",
                   "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)")
                rs(auth, t + 30_000 + rng.randrange(0, 600_000), host, f"CRON[{pid}]",
                   "pam_unix(cron:session): session closed for user root")
            rs(syslog, t + 1_500, host, f"CRON[{pid + 1}]", f"(root) CMD ({cmd})")
        t += 60_000_000


def sshd_probe(host, auth):
    """The monitoring host checks sshd every 15 minutes with a bare TCP connect."""
    pid = {"gw01": 61204, "gw02": 50311, "batch03": 77120}[host]
    t = START + 4 * 60_000_000 + rng.randrange(0, 5_000_000)
    while t < END:
        pid += rng.randrange(40, 400)
        port = ephemeral()
        rs(auth, t, host, f"sshd[{pid}]", "error: kex_exchange_identification: Connection closed by remote host")
        rs(auth, t + 310, host, f"sshd[{pid}]", f"Connection closed by {MONITOR} port {port}")
        t += 900_000_000 + rng.randrange(-2_000_000, 2_000_000)


def sysstat(host, syslog):
    t = START - LOGS[syslog].skew
    while t < END:
        t1 = t + rng.randrange(40_000, 90_000)
        rs(syslog, t1, host, "systemd[1]", "Starting sysstat-collect.service - system activity accounting tool...")
        t2 = t1 + rng.randrange(20_000, 60_000)
        rs(syslog, t2, host, "systemd[1]", "sysstat-collect.service: Deactivated successfully.")
        rs(syslog, t2 + 200, host, "systemd[1]", "Finished sysstat-collect.service - system activity accounting tool.")
        t += 600_000_000


# ---------------------------------------------------------------- gw01: the overload

alerts = []          # (true time, tag) of every alert written


alerts_tagged = []


def alert(t, tag=None):
    tag = tag or ("alert", len(alerts))
    alerts_tagged.append((t, tag))
    LOGS["gw01_error"].add(t, lambda c: f"{ngx_err(c)} [alert] {worker(t)}#{worker(t)}: "
                                        "768 worker_connections are not enough", tag)
    alerts.append(t)


def logged_second(t):
    return (t + SKEW) // 1_000_000


def client_seconds():
    return {logged_second(t) for t, tag in alerts_tagged if tag[0] == "alert_for"}


def episodes():
    """One alert per connection that nginx accepts and closes at once (browsers of the office,
    the blackbox probe, the API clients). Runs after the clients of this bundle have added the
    alerts of their own connections; in the seconds (gw01's clock) of those, the client's alert
    is the only line, so each reset has exactly one nearest alert."""
    mine = client_seconds()
    for a, b in EPISODES:
        t = a + rng.randrange(2_000, 40_000)
        while t < b:
            if logged_second(t) not in mine:
                alert(t)
            t += rng.randrange(60_000, 420_000)


def warns():
    """ngx_drain_connections logs 'reusing connections' at most once a second (gw01's clock), just
    before the accept that finds idle keep-alive connections to close; in most seconds of an
    episode there still are some."""
    seen = client_seconds()
    for t in sorted(alerts):
        sec = (t + SKEW) // 1_000_000
        if sec in seen:
            continue
        seen.add(sec)
        if rng.random() < 0.75:
            k = next(i for i, (a, b) in enumerate(EPISODES) if a - 1_000_000 <= t <= b + 1_000_000)
            LOGS["gw01_error"].add(t - 1, lambda c, w=worker(t): f"{ngx_err(c)} [warn] {w}#{w}: 768 "
                                                                 "worker_connections are not enough, reusing "
                                                                 "connections", ("warn", k))


def ws_noise():
    """Dashboard page loads and REST calls of the office browsers (keep-alive connections)."""
    conns = {ip: ephemeral() for ip in OFFICE}
    t = START + rng.randrange(0, 10_000_000)
    paths = ["/v1/orders/summary?range=today", "/v1/stock/levels?warehouse=FRA1", "/v1/stock/levels?warehouse=HAM2",
             "/v1/orders/late?limit=50", "/v1/dashboard/widgets", "/v1/shipments/open?carrier=all"]
    agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
              "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
              "Safari/537.36"]
    while t < END:
        ip = rng.choice(OFFICE)
        if rng.random() < 0.2:
            conns[ip] = ephemeral()
        path = rng.choice(paths)
        up = UPSTREAMS["orders" if "orders" in path or "dashboard" in path else
                       "shipments" if "shipments" in path else "stock"]
        rt = rng.randrange(8, 140) / 1000
        access("gw01_access", t + int(rt * 1e6), ip, conns[ip], f"GET {path} HTTP/1.1", 200,
               rng.randrange(900, 24000), agents[OFFICE.index(ip) % 2], rt, up)
        t += rng.randrange(15_000_000, 56_000_000)


def healthz(key, every):
    t = START + rng.randrange(0, every)
    while t < END:
        if key != "gw01_access" or not in_episode(t, 500_000):
            rt = rng.randrange(1, 4) / 1000
            access(key, t + int(rt * 1e6), MONITOR, ephemeral(), "GET /healthz HTTP/1.1", 200, 2,
                   "Blackbox Exporter/0.25.0", rt, None)
        t += every


def gw01_warn_noise():
    """Large bodies and responses that nginx buffers to disk (logged at warn)."""
    t = START + rng.randrange(100_000_000, 400_000_000)
    k = 11
    while t < END:
        if quiet(t, 10_000_000):
            c = cid("gw01")
            if rng.random() < 0.6:
                body = f"/var/lib/nginx/body/{k:010d}"
                LOGS["gw01_error"].add(t, lambda ct, c=c, body=body, w=worker(t): (
                    f"{ngx_err(ct)} [warn] {w}#{w}: *{c} a client request body is buffered to a temporary file "
                    f"{body}, client: {APP22}, server: api.corp.example, request: \"POST /v1/shipments/labels "
                    "HTTP/1.1\", host: \"api.corp.example\""))
            else:
                ip = rng.choice(OFFICE)
                tmp = f"/var/lib/nginx/proxy/{k % 10}/{k % 100:02d}/{k:010d}"
                LOGS["gw01_error"].add(t, lambda ct, c=c, ip=ip, tmp=tmp, w=worker(t): (
                    f"{ngx_err(ct)} [warn] {w}#{w}: *{c} an upstream response is buffered to a temporary file "
                    f"{tmp} while reading upstream, client: {ip}, server: api.corp.example, request: \"GET "
                    "/v1/orders/export?format=csv&range=week HTTP/1.1\", upstream: "
                    f"\"http://{UPSTREAMS['orders']}/v1/orders/export?format=csv&range=week\", host: "
                    "\"api.corp.example\", referrer: \"https://dash.corp.example/\""))
            k += rng.randrange(1, 9)
        t += rng.randrange(400_000_000, 900_000_000)


def gw01_ops():
    """ops raises worker_connections and reloads nginx."""
    s = RELOAD - 148_306_000
    pid, port = 88412, ephemeral()
    key = "SHA256:4mQ0x7bVtR2cN9sLk1Hd8pZfYw3uJ6aEo5gIiC0vTnM"
    auth = [(0, f"sshd[{pid}]", f"Accepted publickey for ops from {OPS} port {port} ssh2: ED25519 {key}"),
            (5_100, f"sshd[{pid}]", "pam_unix(sshd:session): session opened for user ops(uid=1001) by (uid=0)"),
            (11_000, "systemd-logind[598]", "New session 311 of user ops.")]
    cmds = [(21.4, "/usr/bin/tail -n 200 /var/log/nginx/error.log"),
            (58.9, "/usr/bin/vim /etc/nginx/nginx.conf"),
            (139.6, "/usr/sbin/nginx -t"),
            (148.2, "/usr/bin/systemctl reload nginx")]
    for off, cmd in cmds:
        o = int(off * 1_000_000)
        auth += [(o, "sudo", f"     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND={cmd}"),
                 (o + 700, "sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by ops(uid=1001)"),
                 (o + (int(36e6) if "vim" in cmd else 190_000), "sudo", "pam_unix(sudo:session): session closed "
                                                                        "for user root")]
    e = 301_000_000
    auth += [(e, f"sshd[{pid}]", f"Received disconnect from {OPS} port {port}:11: disconnected by user"),
             (e + 300, f"sshd[{pid}]", f"Disconnected from user ops {OPS} port {port}"),
             (e + 900, f"sshd[{pid}]", "pam_unix(sshd:session): session closed for user ops"),
             (e + 4_000, "systemd-logind[598]", "Session 311 logged out. Waiting for processes to exit."),
             (e + 5_000, "systemd-logind[598]", "Removed session 311.")]
    for off, tg, msg in auth:
        rs("gw01_auth", s + off, "gw01", tg, msg)
    rs("gw01_syslog", RELOAD, "gw01", "systemd[1]",
       "Reloading nginx.service - A high performance web server and a reverse proxy server...", tag="reloading")
    rs("gw01_syslog", RELOAD + 41_800, "gw01", "systemd[1]",
       "Reloaded nginx.service - A high performance web server and a reverse proxy server.", tag="reloaded")


# ---------------------------------------------------------------- app21: checkout (Go)

orders = {"n": 771_204}
RESETS = []      # (log key, tag) of every reset record, for the facts


def new_order():
    orders["n"] += rng.randrange(1, 4)
    return orders["n"]


def syn(t, port):
    ipid = rng.randrange(1, 65535)
    up = t - T0 + 912_004_118_203  # uptime in µs (app21 booted 10.5 days earlier)
    LOGS["app21_kern"].add(t, lambda c: (
        f"{rfc3339(c)} app21 kernel: [{up // 1_000_000:6d}.{up % 1_000_000:06d}] egress-new: IN= OUT=ens18 "
        f"SRC={APP21} DST={GW01} LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID={ipid} DF PROTO=TCP SPT={port} DPT=443 "
        "WINDOW=64240 RES=0x00 SYN URGP=0 "), ("syn", port))


def go_attempt(t, o, attempt, sku_, n, fail=None):
    """One POST on a new connection. fail: None (ok) or the cause of its reset."""
    port = ephemeral()
    syn(t, port)
    if fail:
        rt = t + rng.randrange(1_100, 2_900)   # SYN, SYN-ACK, ACK, ClientHello, RST
        if fail == "overload":
            alert(rt - rng.randrange(80, 300), tag=("alert_for", "app21", port))
        LOGS["checkout"].add(rt, lambda c: (f"{golog(c)} order {o}: reserve stock: Post "
                                           "\"https://api.corp.example/v1/stock/reserve\": read tcp "
                                           f"{APP21}:{port}->{GW01}:443: read: connection reset by peer"),
                             ("reset", "app21", port, fail))
        return rt, port
    lat = rng.randrange(24, 96)
    end = t + 3_000 + lat * 1000 + rng.randrange(0, 900)
    access("gw01_access", end, APP21, port, "POST /v1/stock/reserve HTTP/1.1", 200, rng.randrange(81, 96),
           "Go-http-client/1.1", (end - t) / 1e6, UPSTREAMS["stock"], tag=("access", "app21", port))
    LOGS["checkout"].add(end + 400, lambda c: f"{golog(c)} order {o}: reserved {n} items of {sku_} via api.corp.example in "
                                             f"{(end - t) // 1000}ms" + (f" (attempt {attempt}/3)" if attempt > 1
                                                                        else ""))
    return end, port


def go_order(t, fails=()):
    o, n, s = new_order(), rng.randrange(1, 6), f"SKU-{rng.randrange(10000, 19999)}"
    backoff = [2_000_000, 5_000_000]
    for attempt in range(1, 4):
        fail = fails[attempt - 1] if attempt <= len(fails) else None
        end, _ = go_attempt(t, o, attempt, s, n, fail)
        if not fail:
            return
        LOGS["checkout"].add(end + 210, lambda c, a=attempt, b=backoff[attempt - 1]: (
            f"{golog(c)} order {o}: retrying in {b // 1_000_000}s (attempt {a + 1}/3)"))
        t = end + backoff[attempt - 1] + rng.randrange(200, 900)


def checkout():
    scripted = [(us(14, 7, 37.884), ("overload", "overload")), (us(14, 22, 40.880), ("overload",)),
                (us(14, 37, 41.903), ("overload",)), (UNEXPLAINED - 1_900, ("unexplained",))]
    plan = list(scripted)
    t = START + rng.randrange(2_000_000, 20_000_000)
    while t < END:
        if quiet(t, 9_000_000):
            plan.append((t, ()))
        t += rng.randrange(25_000_000, 50_000_000)
    for t, fails in sorted(plan):
        go_order(t, fails)
    LOGS["checkout"].add(START - 35_117_882, lambda c: f"{golog(c)} checkout 3.8.2 (go1.22.9): reservation "
                                                           "worker started, target https://api.corp.example")


# ---------------------------------------------------------------- app22: shipping (Java)

JAVA_PID = 2231
STACK = """org.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://api.corp.example/v1/shipments/labels": Connection reset
\tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:915)
\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:895)
\tat org.springframework.web.client.RestTemplate.execute(RestTemplate.java:790)
\tat org.springframework.web.client.RestTemplate.postForEntity(RestTemplate.java:539)
\tat com.corp.shipping.labels.LabelClient.requestLabel(LabelClient.java:71)
\tat com.corp.shipping.labels.LabelPrintJob.printPending(LabelPrintJob.java:48)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)
\tat java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)
\tat java.base/java.lang.reflect.Method.invoke(Method.java:569)
\tat org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:130)
\tat org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)
\tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)
\tat java.base/java.util.concurrent.FutureTask.runAndReset(FutureTask.java:305)
\tat java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:305)
\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)
\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)
\tat java.base/java.lang.Thread.run(Thread.java:840)
Caused by: java.net.SocketException: Connection reset
\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:328)
\tat java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)
\tat java.base/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:808)
\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:966)
\tat java.base/sun.security.ssl.SSLSocketInputRecord.read(SSLSocketInputRecord.java:484)
\tat java.base/sun.security.ssl.SSLSocketInputRecord.readHeader(SSLSocketInputRecord.java:478)
\tat java.base/sun.security.ssl.SSLSocketInputRecord.decode(SSLSocketInputRecord.java:160)
\tat java.base/sun.security.ssl.SSLTransport.decode(SSLTransport.java:111)
\tat java.base/sun.security.ssl.SSLSocketImpl.decode(SSLSocketImpl.java:1510)
\tat java.base/sun.security.ssl.SSLSocketImpl.readHandshakeRecord(SSLSocketImpl.java:1425)
\tat java.base/sun.security.ssl.SSLSocketImpl.startHandshake(SSLSocketImpl.java:455)
\tat java.base/sun.security.ssl.SSLSocketImpl.startHandshake(SSLSocketImpl.java:426)
\tat java.base/sun.net.www.protocol.https.HttpsClient.afterConnect(HttpsClient.java:589)
\tat java.base/sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection.connect(AbstractDelegateHttpsURLConnection.java:187)
\tat java.base/sun.net.www.protocol.https.HttpsURLConnectionImpl.connect(HttpsURLConnectionImpl.java:142)
\tat org.springframework.http.client.SimpleClientHttpRequest.executeInternal(SimpleClientHttpRequest.java:79)
\tat org.springframework.http.client.AbstractStreamingClientHttpRequest.executeInternal(AbstractStreamingClientHttpRequest.java:70)
\tat org.springframework.http.client.AbstractClientHttpRequest.execute(AbstractClientHttpRequest.java:66)
\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:889)
\t... 16 common frames omitted"""

shipments = {"n": 204_388}


def jlog(t, level, thread, logger, msg, tag=None):
    LOGS["shipping"].add(t, lambda c: (f"{spring(c)} {level:>5} {JAVA_PID} --- [shipping] [{thread[-15:]:>15}] "
                                       f"{logger[-40:]:<40} : {msg}"), tag)


def java_label(t, fail=False):
    shipments["n"] += rng.randrange(1, 5)
    sh = f"SH-{shipments['n']}"
    carrier = rng.choice(["DHL Paket", "DPD Classic", "GLS Business", "UPS Standard"])
    port = ephemeral()
    lg = "c.c.shipping.labels.LabelPrintJob"
    if fail:
        rt = t + rng.randrange(1_300, 3_400)
        alert(rt - rng.randrange(300, 1_100), tag=("alert_for", "app22", port))
        jlog(rt + 2_900, "ERROR", "scheduling-1", lg,
             f"Label request for shipment {sh} failed, will retry with the next run\n{STACK}",
             ("reset", "app22", port, "overload"))
        return
    lat = rng.randrange(140, 420)
    end = t + 4_000 + lat * 1000
    access("gw01_access", end, APP22, port, "POST /v1/shipments/labels HTTP/1.1", 201, rng.randrange(1100, 1300),
           "Java/17.0.13", (end - t) / 1e6, UPSTREAMS["shipments"])
    jlog(end + 3_100, "INFO", "scheduling-1", lg, f"Label created for shipment {sh} ({carrier}, "
                                                  f"{rng.randrange(1, 4)} parcel(s)) in {(end - t) // 1000} ms")


def shipping():
    jlog(START - 3_600_000_000 + 812_000, "INFO", "main", "c.corp.shipping.ShippingApplication",
         f"Started ShippingApplication in 6.118 seconds (process running for 6.904)")
    plan = [(us(14, 7, 40.898), True), (us(14, 37, 38.878), True)]
    t = START + rng.randrange(5_000_000, 60_000_000)
    while t < END:
        if quiet(t, 5_000_000):
            plan.append((t, False))
        t += rng.randrange(70_000_000, 140_000_000)
    for t, fail in sorted(plan):
        java_label(t, fail)
    t = START + 120_000_000
    while t < END:
        jlog(t, "INFO", "scheduling-2", "c.c.shipping.sync.CarrierStatusSync",
             f"Carrier status sync: {rng.randrange(40, 190)} shipments updated, {rng.randrange(0, 4)} delayed")
        t += 900_000_000 + rng.randrange(0, 2_000_000)


# ---------------------------------------------------------------- batch03: price-sync (curl) and gw02

def gw02_export(t, ip_port, since, fail=False, dur=None):
    """The export that price-sync pulls through gw02 from the legacy pricing engine."""
    port = ip_port
    req = f"GET /pricing/v2/export?since={since} HTTP/1.1"
    c = cid("gw02")
    w = GW02_WORKERS[c % 2]
    if fail:
        end = UPSTREAM_RESET
        LOGS["gw02_error"].add(end, lambda ct: (
            f"{ngx_err(ct)} [error] {w}#{w}: *{c} recv() failed (104: Connection reset by peer) while reading "
            f"response header from upstream, client: {BATCH03}, server: pricing.corp.example, request: \"{req}\", "
            f"upstream: \"http://{PRICING_UP}:8080/pricing/v2/export?since={since}\", host: "
            "\"pricing.corp.example\""), ("upstream_reset",))
        access("gw02_access", end + 300, BATCH03, port, req, 502, 166, "curl/7.88.1", (end + 300 - t) / 1e6,
               f"{PRICING_UP}:8080")
        return end + 300
    dur = dur or rng.randrange(29_000_000, 44_000_000)
    end = t + dur
    k = rng.randrange(100, 999)
    LOGS["gw02_error"].add(t + dur - rng.randrange(2_000_000, 9_000_000), lambda ct: (
        f"{ngx_err(ct)} [warn] {w}#{w}: *{c} an upstream response is buffered to a temporary file "
        f"/var/lib/nginx/proxy/{k % 10}/{k % 100:02d}/{k:010d} while reading upstream, client: {BATCH03}, "
        f"server: pricing.corp.example, request: \"{req}\", upstream: \"http://{PRICING_UP}:8080/pricing/v2/"
        f"export?since={since}\", host: \"pricing.corp.example\""))
    access("gw02_access", end, BATCH03, port, req, 200, rng.randrange(700_000, 1_200_000), "curl/7.88.1", dur / 1e6,
           f"{PRICING_UP}:8080")
    return end


def price_sync():
    pending = 0
    t = us(13, 42, 1.0)
    while t < END:
        cp = pid_at("batch03", t)
        pid = cp + 2
        s = t + rng.randrange(10_000, 400_000)
        rs("batch03_syslog", s, "batch03", f"CRON[{cp}]", "(pricesync) CMD (/usr/local/bin/price-sync)")
        since = dt(t - 300_000_000).strftime("%Y-%m-%dT%H:%M:00Z")
        tag = f"price-sync[{pid}]"
        rs("batch03_syslog", s + 9_000, "batch03", tag,
           f"fetching changes since {since} from https://pricing.corp.example/pricing/v2/export")
        fail = dt(t).hour == 14 and dt(t).minute == 32
        # the run of 14:22 finishes its export just before the second overload episode
        dur = us(14, 22, 40.391) - (s + 12_000) if (dt(t).hour, dt(t).minute) == (14, 22) else None
        end = gw02_export(s + 12_000, ephemeral(), since, fail, dur)
        if fail:
            rs("batch03_syslog", end + 2_100, "batch03", tag, "curl: (22) The requested URL returned error: 502",
               tag="curl_502")
            rs("batch03_syslog", end + 2_600, "batch03", tag, "export failed (curl exit 22), nothing to push")
            t += 300_000_000
            continue
        n = rng.randrange(40, 260)
        rs("batch03_syslog", end + 4_000, "batch03", tag,
           f"fetched {n} price changes ({n * 4.1 / 1000:.1f} MB) in {(end - s) / 1e6:.1f} s")
        push = end + rng.randrange(300_000, 700_000)
        if dt(t).hour == 14 and dt(t).minute == 22:
            push = us(14, 22, 41.878)
            rt = push + rng.randrange(1_300, 2_800)
            alert(rt - rng.randrange(100, 500), tag=("alert_for", "batch03", 0))
            rs("batch03_syslog", rt + 3_100, "batch03", tag, "curl: (35) OpenSSL SSL_connect: Connection reset by "
                                                            "peer in connection to api.corp.example:443 ",
               tag=("reset", "batch03", 0, "overload"))
            rs("batch03_syslog", rt + 3_700, "batch03", tag,
               f"push failed (curl exit 35), {n} changes stay queued for the next run")
            pending = n
        else:
            if in_episode(push, 2_000_000):
                push = next(b for a, b in EPISODES if a - 2_000_000 <= push <= b + 2_000_000) + 2_113_000
            rt = rng.randrange(90, 240) / 1000
            access("gw01_access", push + int(rt * 1e6), BATCH03, ephemeral(), "POST /v1/prices/bulk HTTP/1.1", 204,
                   0, "curl/7.88.1", rt, UPSTREAMS["prices"])
            rs("batch03_syslog", push + int(rt * 1e6) + 5_000, "batch03", tag,
               f"pushed {n + pending} price changes to https://api.corp.example/v1/prices/bulk (HTTP 204 in "
               f"{rt:.3f} s)")
            pending = 0
        t += 300_000_000


def gw02_noise():
    """Price look-ups from the office through gw02."""
    t = START + rng.randrange(0, 30_000_000)
    while t < END:
        ip = rng.choice(OFFICE)
        rt = rng.randrange(20, 400) / 1000
        skus = ",".join(f"SKU-{rng.randrange(10000, 19999)}" for _ in range(rng.randrange(1, 4)))
        access("gw02_access", t + int(rt * 1e6), ip, ephemeral(), f"GET /pricing/v2/lookup?sku={skus} HTTP/1.1",
               200, rng.randrange(300, 2000), "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 "
               "Firefox/132.0", rt, f"{PRICING_UP}:8080")
        t += rng.randrange(60_000_000, 200_000_000)


def decoy():
    """The vulnerability scanner sweeps gw02 and fills its connection-tracking table."""
    up = 1_728_112_416_211                 # gw02's uptime (µs) at the first message
    lines = [(0, "nf_conntrack: nf_conntrack: table full, dropping packet"),
             (4_113, "nf_conntrack: nf_conntrack: table full, dropping packet"),
             (9_870, "nf_conntrack: nf_conntrack: table full, dropping packet"),
             (5_004_211, "net_ratelimit: 2187 callbacks suppressed"),
             (5_004_260, "nf_conntrack: nf_conntrack: table full, dropping packet")]
    for k, (off, msg) in enumerate(lines):
        u = up + off
        rs("gw02_syslog", DECOY + off, "gw02", "kernel", f"[{u // 1_000_000:7d}.{u % 1_000_000:06d}] {msg}",
           tag=("decoy", k))


# ---------------------------------------------------------------- build

def build():
    checkout()
    shipping()
    price_sync()
    episodes()
    ws_noise()
    healthz("gw01_access", 60_000_000)
    healthz("gw02_access", 60_000_000)
    gw01_warn_noise()
    gw02_noise()
    gw01_ops()
    warns()
    decoy()
    for h in ("gw01", "gw02", "batch03"):
        cron_noise(h, f"{h}_syslog", "gw01_auth" if h == "gw01" else None)
        sysstat(h, f"{h}_syslog")
    sshd_probe("gw01", "gw01_auth")


HOSTS = f"""# /etc/hosts-style map for the {NAME} sample bundle (rstscope import --hosts).
# api.corp.example is gw01 and pricing.corp.example is gw02 (their only A records).
# No log directory is named after an alias's first label ("api", "pricing"), so the
# aliases cannot capture a file by its path.
# Not listed, because no logs of theirs are in the bundle: gw01's upstreams
# 10.40.0.41-44 and 10.40.0.51, gw02's upstream 10.40.0.61 (the legacy pricing engine),
# the monitoring host 10.40.0.5, the admin host 10.40.0.6, the scanner 10.40.0.250
# and the office network 10.50.12.0/24.
{GW01}      gw01        gw01.corp.example        api.corp.example
{GW02}      gw02        gw02.corp.example        pricing.corp.example
{APP21}      app21       app21.corp.example
{APP22}      app22       app22.corp.example
{BATCH03}      batch03     batch03.corp.example
"""


def render_all():
    build()
    files, tags, counts = {}, {}, {}
    for key, log in LOGS.items():
        text, tg, n = log.render()
        files[f"logs/{log.rel}"] = text
        tags[key] = tg
        counts[key] = n
    files["hosts"] = HOSTS
    return files, tags, counts


# ---------------------------------------------------------------- facts

def facts(tags, counts):
    """The expected findings, from the tagged records with their real line numbers."""
    src = lambda key: f"{REL}/{LOGS[key].rel}"
    f = {"sources": [], "resets": []}
    for key, log in sorted(LOGS.items(), key=lambda kv: kv[1].rel):
        f["sources"].append(dict(source=src(key), fmt=log.fmt, host=log.host, lines=counts[key], key=key))
    # every alert, with its line; the alert that answers each client's connection
    alert_rows = sorted((line, t, c, tag) for tag, rows in tags["gw01_error"].items() for line, t, c in rows
                        if isinstance(tag, tuple) and tag[0] == "alert_for")
    for key, host, fmt in (("checkout", "app21", "go_log"), ("shipping", "app22", "logback"),
                           ("batch03_syslog", "batch03", "rsyslog")):
        for tag, rows in tags[key].items():
            if not (isinstance(tag, tuple) and tag[0] == "reset"):
                continue
            (line, t, c), = rows
            r = dict(source=src(key), line=line, t=t, ts=iso_ms(c), host=host, fmt=fmt,
                     port=tag[2] if host == "app21" else None,
                     cause=tag[3], role="client")
            if tag[3] == "overload":
                (aline, at, ac), = tags["gw01_error"][("alert_for", host, tag[2])]
                r.update(server_host="gw01", cause_source=src("gw01_error"), cause_line=aline,
                         cause_ts=iso_s_floor(ac), cause_ts_us=ac // 1_000_000 * 1_000_000, delta_ms=(ac // 1_000_000 * 1_000_000 - SKEW - t) / 1000,
                         raw_delta_ms=(ac // 1_000_000 * 1_000_000 - t) / 1000)
            else:
                r.update(server_host="gw01", cause_source="", cause_line="")
            f["resets"].append(r)
    (line, t, c), = tags["gw02_error"][("upstream_reset",)]
    f["resets"].append(dict(source=src("gw02_error"), line=line, t=t, ts=iso_s_floor(c), host="gw02",
                            fmt="nginx_error", port=None, cause="upstream_failure", role="proxy",
                            server_host="gw02", cause_source=src("gw02_error"), cause_line=line))
    f["resets"].sort(key=lambda r: (r["t"], r["source"]))
    # overload evidence per episode: every warn and alert line of gw01's error log
    ov = sorted((t, line, c, tag[0]) for tag, rows in tags["gw01_error"].items() for line, t, c in rows
                if isinstance(tag, tuple) and tag[0] in ("alert", "alert_for", "warn"))
    f["episodes"] = []
    for k, (a, b) in enumerate(EPISODES):
        rows = [r for r in ov if a - 1_000_000 <= r[0] <= b + 1_000_000]
        f["episodes"].append(dict(k=k + 1, first=iso_ms(a), last=iso_ms(b),
                                  warns=sum(1 for r in rows if r[3] == "warn"),
                                  alerts=sum(1 for r in rows if r[3] != "warn"),
                                  first_line=min(r[1] for r in rows), last_line=max(r[1] for r in rows),
                                  first_logged=iso_s_floor(rows[0][2]), last_logged=iso_s_floor(rows[-1][2])))
    assert len(ov) == sum(e["warns"] + e["alerts"] for e in f["episodes"])
    # each reset's alert is the only overload line of its second (gw01's clock), about a quarter
    # of a second into it: the nearest alert to the reset, whether the correction is exact or
    # comes from the whole-second access-log anchors
    for r in f["resets"]:
        if r["cause"] == "overload":
            same = [x for x in ov if x[2] // 1_000_000 == (r["t"] + SKEW) // 1_000_000 or
                    x[2] // 1_000_000 * 1_000_000 == r["cause_ts_us"]]
            assert [x[1] for x in same] == [r["cause_line"]], (r, same)
            assert 150_000 <= (r["t"] + SKEW) % 1_000_000 <= 350_000, r
    f["alerts_total"] = sum(e["alerts"] for e in f["episodes"])
    f["warns_total"] = sum(e["warns"] for e in f["episodes"])
    for name, key in (("reloading", "gw01_syslog"), ("reloaded", "gw01_syslog"), ("curl_502", "batch03_syslog")):
        (line, t, c), = tags[key][name]
        f[name] = dict(source=src(key), line=line, ts=iso_ms(c), t=t)
    f["decoy"] = []
    for k in range(5):
        (line, t, c), = tags["gw02_syslog"][("decoy", k)]
        f["decoy"].append(dict(source=src("gw02_syslog"), line=line, ts=iso_ms(c), t=t))
    # anchors: connections of app21 that both app21's kernel and gw01's access log name
    syns = {tag[1]: rows[0] for tag, rows in tags["app21_kern"].items() if tag[0] == "syn"}
    acc = {tag[2]: rows[0] for tag, rows in tags["gw01_access"].items() if isinstance(tag, tuple) and
           tag[0] == "access" and tag[1] == "app21"}
    pairs = sorted(p for p in syns if p in acc)
    diffs = sorted((acc[p][2] // 1_000_000 * 1_000_000 - syns[p][2]) / 1000 for p in pairs)
    f["anchors"] = len(pairs)
    f["anchor_median_ms"] = diffs[len(diffs) // 2] if len(diffs) % 2 else (diffs[len(diffs) // 2 - 1] +
                                                                          diffs[len(diffs) // 2]) / 2
    f["anchor_range_ms"] = (diffs[0], diffs[-1])
    f["syns"] = len(syns)
    f["reset_ports_not_in_access"] = [r["port"] for r in f["resets"] if r["host"] == "app21" and r["port"] not in acc]
    return f


def causes_tsv(f):
    out = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        out.append(f"{r['source']}\t{r['line']}\t{r['cause']}\t{r['server_host']}\t{r['cause_source']}\t"
                   f"{r['cause_line']}")
    return "\n".join(out) + "\n"


def skew_tsv():
    rows = [("app21", 0), ("app22", 0), ("batch03", 0), ("gw01", SKEW // 1000), ("gw02", 0)]
    return "host\toffset_ms\n" + "".join(f"{h}\t{o}\n" for h, o in rows)


def fmt_ms(x):
    return f"{x / 1000:+.3f} s"


def readme(f):
    total = sum(x["lines"] for x in f["sources"])
    by_host = {}
    for r in f["resets"]:
        by_host.setdefault(r["host"], 0)
        by_host[r["host"]] += 1
    ep = f["episodes"]
    ov = [r for r in f["resets"] if r["cause"] == "overload"]
    up = next(r for r in f["resets"] if r["cause"] == "upstream_failure")
    un = next(r for r in f["resets"] if r["cause"] == "unexplained")
    skew_s = SKEW / 1e6
    d0 = f["decoy"][0]
    decoy_before_ms = (un["t"] - d0["t"]) / 1000
    src_err = f"{REL}/{LOGS['gw01_error'].rel}"
    L = []
    a = L.append
    a(f"""# {NAME}: nginx runs out of worker_connections; its clients get RSTs

A support bundle collected on 2024-11-20 (a Wednesday) after three teams reported "connection
reset by peer" against the internal API gateway `api.corp.example` at about 14:07, 14:22 and
14:37. The gateway's nginx runs one worker with Debian's default `worker_connections 768`; a
dashboard release made it hold several hundred WebSockets, and every 15 minutes, for a few
seconds, it had no connection slot left for a new client. nginx then accepts each new connection
and closes it at once, before reading the request; the client's unread TLS ClientHello makes the
kernel answer with a RST. The gateway logs why (`768 worker_connections are not enough`), but
with a clock 21 s fast.

| host | IP | what runs there | clock in its logs |
| --- | --- | --- | --- |
| `gw01` | {GW01} | **nginx 1.22.1** (Debian 12), `api.corp.example`: TLS on 443, proxies `/v1/` to the stock, orders, shipments and prices services (10.40.0.41–44) and `/live/` (the dashboards' WebSockets, `access_log off`) to 10.40.0.51. 1 vCPU, `worker_processes auto` (= 1 worker, pid {NGINX_WORKER}), `worker_connections 768`, `error_log /var/log/nginx/error.log warn`, access log `log_format gw '$remote_addr:$remote_port - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time uct="$upstream_connect_time" urt="$upstream_response_time" upstream="$upstream_addr"'` | UTC, **{skew_s:.3f} s fast** (see *Clocks*); nginx logs whole seconds |
| `gw02` | {GW02} | **nginx 1.22.1**, `pricing.corp.example`, `worker_connections 4096`, same log formats; proxies `/pricing/` to the legacy pricing engine {PRICING_UP}:8080, whose logs were not collected | UTC, in sync |
| `app21` | {APP21} | **checkout** (Go 1.22, `log` with `LstdFlags\\|Lmicroseconds\\|LUTC`): POSTs stock reservations to `https://api.corp.example/v1/stock/reserve`; it builds a new `http.Transport` per request, so every request is a new TCP and TLS connection; retries after 2 s and 5 s. The host's nftables ruleset logs every new outbound connection to the gateway (`log prefix "egress-new: "`, an audit rule), in `kern.log` | UTC, in sync |
| `app22` | {APP22} | **shipping** (Spring Boot 3.3, Java 17, `RestTemplate` over `HttpURLConnection`): POSTs label requests to `https://api.corp.example/v1/shipments/labels` | Europe/Berlin (`+01:00`), in sync |
| `batch03` | {BATCH03} | **price-sync**, a shell script run by cron every 5 minutes (`2-59/5`): `curl --fail` pulls the price changes from `https://pricing.corp.example/pricing/v2/export` (gw02), then POSTs them to `https://api.corp.example/v1/prices/bulk` (gw01); its output goes to syslog through `logger` | UTC, in sync |

Other addresses: {MONITOR} the monitoring host (blackbox `GET /healthz` every minute on both
gateways, sshd probes), {OPS} the admins' jump host, {SCANNER} the vulnerability scanner,
10.50.12.0/24 the office (dashboards and browsers).

## What happened (true UTC)

* **13:52** — a new release of the operations dashboard opens one WebSocket per widget
  (`/live/socket`, through gw01, not logged); with the office's dashboards open, gw01 holds about
  300 WebSockets, 600 of its 768 connections (each proxied WebSocket needs a client and an
  upstream connection). The dashboards renew their token every 15 minutes and open the new sockets
  before closing the old ones.
* **Three overload episodes**, at each renewal. For a few seconds gw01's worker has no free
  connection: nginx closes idle keep-alive connections to make room (`[warn] 768
  worker_connections are not enough, reusing connections`, at most once a second) and, when there
  are none left, logs `[alert] 768 worker_connections are not enough` for each connection it
  accepts and closes unread. Every client that opens a connection in those seconds gets a RST in
  its TLS handshake:
""")
    for e in ep:
        rs_ = [r for r in ov if e["first_logged"] <= iso_s_floor(r["t"] + SKEW) <= e["last_logged"]]
        who = ", ".join(f"{r['host']} {r['ts'][11:23]}" for r in rs_)
        a(f"  {e['k']}. gw01 logs {e['warns']} warnings and {e['alerts']} alerts from "
          f"{e['first_logged'][11:19]} to {e['last_logged'][11:19]} by its clock (lines "
          f"{e['first_line']}–{e['last_line']} of `error.log`), that is {e['first'][11:19]}–"
          f"{e['last'][11:19]} true time; resets: {who}.")
    a(f"""
  checkout's first order is reset twice (the retry 2 s later falls into the same episode) and
  goes through on the third attempt; shipping logs a `ResourceAccessException` and retries with its
  next run; price-sync's curl fails with `(35) OpenSSL SSL_connect: Connection reset by peer` and
  keeps its changes for the next run.
* **{up['ts'][11:19]}** — a price export on gw02 is reset by the pricing engine after 18.8 s: gw02 logs
  `recv() failed (104: Connection reset by peer) while reading response header from upstream`
  (upstream {PRICING_UP}:8080) and answers 502; price-sync logs `curl: (22) The requested URL
  returned error: 502`. Nothing about the pricing engine is in the bundle: **`upstream_failure`**.
* **{f['reloading']['ts'][11:19]} (gw01's clock; {iso_ms(f['reloading']['t'])[11:19]} true)** — ops (ssh from {OPS}) raise
  `worker_connections` to 4096 and `sudo systemctl reload nginx`; systemd logs `Reloading
  nginx.service` / `Reloaded nginx.service` (kind `restart`, more than 8 minutes from any reset).
  The new worker is pid {NGINX_WORKER2}; the renewal of 14:52 passes without an alert.
* **{un['ts'][11:23]}** — checkout logs one more reset (port {un['port']}): app21's kernel logged its SYN,
  gw01 logged nothing at all for it, no alert, no access line: **nothing explains it**. The
  **decoy**: {decoy_before_ms / 1000:.1f} s earlier the scanner sweeps gw02 and fills its connection-tracking table,
  `nf_conntrack: nf_conntrack: table full, dropping packet` (kind `overload`) — a resource
  exhaustion in the same seconds, but on gw02, which is not on checkout's path (its reset names
  {GW01}:443, gw01).
* Noise everywhere: checkout's reservations (every 25–50 s) and their egress log, shipping's labels,
  price-sync every 5 minutes, the office browsers and the blackbox probe on both gateways, nginx
  warnings about request bodies and upstream responses buffered to temporary files, `CRON`
  (sysstat, hourly), sysstat timers, an sshd probe every 15 minutes, ops' ssh session on gw01.

## Clocks

gw01's chrony still points at an NTP server that was decommissioned in October; its clock is
**{skew_s:.3f} s fast**. Every gw01 file has the fast clock (nginx's logs, syslog, auth.log): its cron
jobs start at second 0–1 of *its* minute, 21 s before the true minute.

The anchors are checkout's connections. app21's kernel logs the SYN of each with its source port
(`SPT=`, {f['syns']} SYNs); gw01's access log names the same connection as `{APP21}:PORT` when its
request completes. {f['anchors']} connections appear in both; gw01's time minus app21's is
{f['anchor_range_ms'][0] / 1000:.3f}–{f['anchor_range_ms'][1] / 1000:.3f} s, median **{f['anchor_median_ms'] / 1000:.3f} s**:
the skew, plus the request's duration (25–100 ms), minus up to one second because
`$time_local` has whole seconds. The {len(f['reset_ports_not_in_access'])} connections that checkout saw reset have a SYN but
no access line (nginx never read their request).

Without the correction gw01's alerts come 20–22 s *after* each reset, outside the window
[reset − 30 s, reset + 5 s]; corrected, the alert for the reset connection comes
{min(-r['delta_ms'] for r in ov) / 1000:.3f}–{max(-r['delta_ms'] for r in ov) / 1000:.3f} s before it (nginx's whole seconds). The other hosts are in sync.

## Layout

```
{NAME}/
├── README.md                    this file (not a log)
├── hosts                        /etc/hosts syntax, for --hosts (not a log)
├── expected-causes.tsv          the expected cause of every reset (not a log)
├── expected-skew.tsv            the expected clock offset of every host (not a log)
└── logs/                        the directory to import
    ├── gw01/var/log/nginx/access.log     access_log (custom log_format with $remote_port)
    ├── gw01/var/log/nginx/error.log      nginx_error (warn and above)
    ├── gw01/var/log/syslog               rsyslog: systemd, CRON
    ├── gw01/var/log/auth.log             rsyslog: sshd, sudo, CRON sessions
    ├── gw02/var/log/nginx/access.log     access_log
    ├── gw02/var/log/nginx/error.log      nginx_error
    ├── gw02/var/log/syslog               rsyslog: systemd, CRON, kernel
    ├── app21/var/log/checkout/checkout.log   go_log
    ├── app21/var/log/kern.log            rsyslog; the egress-new lines are netfilter records
    ├── app22/var/log/shipping/shipping.log   logback (Spring Boot 3 layout, +01:00), stack traces joined
    └── batch03/var/log/syslog            rsyslog: CRON, price-sync, systemd
```

## Importing

```
build/rstscope import --db so.db --hosts sample-logs/{NAME}/hosts sample-logs/{NAME}/logs
build/rstscope correlate --db so.db
build/rstscope query --db so.db "SELECT r.ts, r.host, c.cause, c.server_host, c.delta_ms FROM resets r JOIN reset_causes c ON c.reset_id = r.id ORDER BY r.ts_us"
```

## Expected findings

Generated by `scripts/sample-src/{NAME}/generate.py` from the records it wrote (do not edit by
hand); `tests/e2e/server_overload_test.cc` asserts them. All times are UTC as rstscope stores them
(gw01's as its clock wrote them); paths are as rstscope names sources when the bundle is imported
with the command above.

### Sources: {len(f['sources'])} files, {total} lines, 0 unparsed

| source | format | host | lines |
| --- | --- | --- | ---: |""")
    for x in f["sources"]:
        a(f"| `{x['source']}` | `{x['fmt']}` | {x['host']} | {x['lines']} |")
    a(f"""
Every line is one record except in `shipping.log`, where each stack trace is joined to the
record above it. In `kern.log` the `egress-new:` messages are parsed as `netfilter` records (with
the connection's addresses and ports).

### Resets: {len(f['resets'])}

| # | ts (UTC) | host | format | source:line | client port | expected cause | cause line | delta after correction | delta without |
| ---: | --- | --- | --- | --- | ---: | --- | --- | ---: | ---: |""")
    for k, r in enumerate(f["resets"], 1):
        if r["cause"] == "overload":
            cl = f"`error.log:{r['cause_line']}` ({r['cause_ts'][11:19]})"
            d1, d2 = fmt_ms(r["delta_ms"]), fmt_ms(r["raw_delta_ms"])
        elif r["cause"] == "upstream_failure":
            cl, d1, d2 = "the reset itself (gw02's upstream is not in the bundle)", "", ""
        else:
            cl, d1, d2 = "", "", ""
        port = r["port"] if r["port"] else ""
        a(f"| {k} | {r['ts']} | {r['host']} | `{r['fmt']}` | `{r['source']}:{r['line']}` | {port} | "
          f"`{r['cause']}` | {cl} | {d1} | {d2} |")
    a(f"""
For each overload reset the cause line is the alert that nginx logged for that very connection
(`{src_err}`). It is the only line of its second in that file, about a quarter of a second into
the second by gw01's clock, so it is the alert nearest to the reset whether gw01's clock is
corrected exactly or by the anchors' median ({(SKEW / 1000 - f['anchor_median_ms']) / 1000:.2f} s short, see *Clocks*); the
other alerts of the episode are in the window too, but farther.

### Server evidence

| event | kind | ts (as logged) | host | source:line |
| --- | --- | --- | --- | --- |""")
    for e in ep:
        a(f"| episode {e['k']}: {e['warns']} × `768 worker_connections are not enough, reusing connections` "
          f"([warn]) and {e['alerts']} × `768 worker_connections are not enough` ([alert]), pid {NGINX_WORKER} | "
          f"`overload` | {e['first_logged']} .. {e['last_logged']} | gw01 | `{src_err}:{e['first_line']}`–"
          f"{e['last_line']} |")
    a(f"| `Reloading nginx.service - A high performance web server and a reverse proxy server...` | `restart` | "
      f"{f['reloading']['ts']} | gw01 | `{f['reloading']['source']}:{f['reloading']['line']}` |")
    a(f"| `Reloaded nginx.service - A high performance web server and a reverse proxy server.` | `restart` | "
      f"{f['reloaded']['ts']} | gw01 | `{f['reloaded']['source']}:{f['reloaded']['line']}` |")
    a(f"| `recv() failed (104: Connection reset by peer) while reading response header from upstream` "
      f"(upstream {PRICING_UP}:8080) | `reset` (proxy) | {up['ts']} | gw02 | `{up['source']}:{up['line']}` |")
    for k, d in enumerate(f["decoy"]):
        what = "`net_ratelimit: 2187 callbacks suppressed`" if k == 3 else \
            "decoy: `nf_conntrack: nf_conntrack: table full, dropping packet`"
        kind = "`other`" if k == 3 else "`overload`"
        a(f"| {what} | {kind} | {d['ts']} | gw02 | `{d['source']}:{d['line']}` |")
    c5 = f["curl_502"]
    a(f"""
In total gw01's `error.log` has {f['warns_total']} warnings and {f['alerts_total']} alerts of the overload (all kind
`overload`); its other lines are `[warn]` buffering messages (kind `other`).

### Near miss that is not a reset

* `{c5['source']}:{c5['line']}` {c5['ts']}: `curl: (22) The requested URL returned error: 502` — the
  502 that gw02 answered after its upstream reset; curl itself saw no reset.

## What correlation should conclude

`expected-causes.tsv` and `expected-skew.tsv` beside this README say it per reset and per host:

* The {len(ov)} client resets in the three episodes (checkout, shipping, price-sync): **`overload`**,
  server_host `gw01`. checkout's carry `{APP21}:PORT->{GW01}:443`; shipping's and price-sync's
  name `api.corp.example`, which `hosts` maps to gw01. The evidence is gw01's alert for the same
  connection, found only after the {skew_s:.3f} s correction.
* gw02's `recv() failed (104: ...)` at {up['ts'][11:19]}: **`upstream_failure`** (a proxy towards its
  upstream {PRICING_UP}:8080, which resolves to no host of the bundle); server_host `gw02`, the
  cause event is the proxy's own line.
* checkout's reset at {un['ts'][11:23]}: **`unexplained`** (peer gw01, which logged nothing). Not the
  `nf_conntrack` lines on gw02 {decoy_before_ms / 1000:.1f} s earlier: another host, not on the path.
* Skew: gw01 **+{SKEW // 1000} ms**; app21, app22, batch03 and gw02 0.

## Rebuilding

```
python3 scripts/sample-src/{NAME}/generate.py          # rewrites README.md, hosts, the TSVs and logs/
python3 scripts/sample-src/{NAME}/generate.py --check  # fails if anything on disk differs
```
""")
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    ap.add_argument("--facts", action="store_true", help="print the facts as Python repr")
    a = ap.parse_args()
    files, tags, counts = render_all()
    f = facts(tags, counts)
    files["expected-causes.tsv"] = causes_tsv(f)
    files["expected-skew.tsv"] = skew_tsv()
    if "readme" in globals():
        files["README.md"] = readme(f)
    if a.facts:
        import pprint
        pprint.pprint(f, width=140)
        return 0
    bad = 0
    expected = set(files)
    for rel, text in sorted(files.items()):
        p = BUNDLE / rel
        if a.check:
            if not p.exists() or p.read_bytes() != text.encode():
                print(f"differs: {p}")
                bad = 1
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(text.encode())
    if a.check:
        for p in sorted(BUNDLE.rglob("*")):
            if p.is_file() and str(p.relative_to(BUNDLE)) not in expected:
                print(f"not generated: {p}")
                bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
