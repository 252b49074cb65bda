#!/usr/bin/env python3
"""Generate the text of the `oom-api` sample bundle (sample-logs/oom-api/).

Deterministic: every random choice comes from a named random.Random stream, so
re-running this script rewrites byte-identical files. Run it from anywhere:

    python3 scripts/sample-src/generate.py

It writes
  * the plain files that are committed as they are (the logs go under logs/, the
    directory users import; README.md and hosts stay beside it):
      sample-logs/oom-api/logs/client01/OrderSync/logs/ordersync-20241105.log
      sample-logs/oom-api/logs/batch01/var/log/syslog
      sample-logs/oom-api/hosts                                    (for --hosts; not a log)
  * the sources that scripts/make-sample-bundles packs:
      scripts/sample-src/oom-api/client01/ordersync-20241104.log   (-> .log.gz)
      scripts/sample-src/oom-api/api01/var/log/...                 (-> api01-logs.tar.gz)
      scripts/sample-src/oom-api/api01/MTIMES                      (member mtimes)
Then run scripts/make-sample-bundles, and scripts/sample-src/expected_facts.py --write
to re-derive (from the finished files) the facts listed in the bundle README and the two
TSVs. `generate.py --check` fails if any file it writes differs on disk.

The story (all times true UTC, 2024-11-05; api01's clock runs API01_CLOCK, +7.812 s,
ahead, and everything api01 writes shows it):
  api01   Ubuntu 22.04 + HWE kernel 6.8, systemd 249, rsyslog traditional format.
          orders-api.service (dotnet, MemoryMax=1G, Restart=on-failure,
          RestartSec=2s, Type=notify) is OOM-killed three times during an
          afternoon sales campaign; systemd restarts it each time.
  client01  Windows, OrderSync (.NET 8 worker service), Serilog file sink,
          local time Europe/Berlin (+01:00). Pushes orders to
          http://api01.corp.example:8080/v1/orders with 6 parallel workers;
          requests in flight when the API dies fail with WSAECONNRESET (10054).
  batch01 Ubuntu 24.04, rsyslog high-precision format. A reports job
          (python3) is OOM-killed at the same second as the one client reset
          that has no cause on api01 (a decoy for host-agnostic correlation).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
BERLIN = timezone(timedelta(hours=1))  # CET; DST ended 2024-10-27

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "scripts", "sample-src", "oom-api")
OUT = os.path.join(ROOT, "sample-logs", "oom-api")   # README.md, hosts
LOGS = os.path.join(OUT, "logs")                      # the logs: what `rstscope import` reads

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def T(h, m, s, us=0, day=5):
    return datetime(2024, 11, day, h, m, s, us, tzinfo=UTC)


def R(name):
    return random.Random("oom-api/" + name)


# --------------------------------------------------------------------------
# Scenario: the facts the rest of the bundle is built around.
# expected_facts.py imports these and checks the finished files against them.
# --------------------------------------------------------------------------

API_URL = "http://api01.corp.example:8080"
CLIENT_IP = "10.20.0.21"
SHOP_IP = "10.20.0.35"
MONITOR_IP = "10.20.0.40"
ADMIN_IP = "10.20.0.5"

API01_BOOT = datetime(2024, 10, 28, 6, 41, 17, 250000, tzinfo=UTC)
ORDERS_API_BOOT_PID = 1187
RESTART_SEC = 2.0
WORKERS = 6                                  # OrderSync push workers (parallel requests)

# `t` is the instant the kernel prints "Killed process"; `burst_ms` are the
# delays after it at which the client logs its reset errors (50..1500 ms, and
# chosen so that every reset is also within 2 s of the kill's whole syslog second).
KILLS = [
    dict(t=T(13, 22, 47, 318412), burst_ms=[64, 211, 388, 1240], cpu="3h 12min 4.511s",
         failcnt=1893),
    dict(t=T(14, 11, 8, 904117), burst_ms=[97, 142, 905], cpu="14min 2.907s",
         failcnt=412),
    dict(t=T(15, 3, 39, 552301), burst_ms=[53, 318, 402, 777, 1391], cpu="16min 48.130s",
         failcnt=377),
]
LONE_RESET = T(15, 41, 22, 734000)          # client reset with no cause on api01
DECOY_KILL = T(15, 41, 22, 118034)          # batch01: python3 OOM-killed, same second
DECOY_PID = 48213
HEALTH_REFUSED_START = T(15, 3, 41, 204000)  # client health probe during restart 3

# api01's clock runs ahead: every api01 log (syslog, auth.log, api.json) and every member
# mtime reads API01_CLOCK later than true time; client01 and batch01 are right. All the
# times here are true UTC; what api01 schedules by its own clock (cron, timers, logrotate)
# is placed at local round times minus API01_CLOCK, and its lines are written with
# on_api01(t).
API01_CLOCK = timedelta(seconds=7, microseconds=812000)
CLOCK_MS = {"api01": 7812, "batch01": 0, "client01": 0}
assert CLOCK_MS["api01"] == API01_CLOCK // timedelta(milliseconds=1)


def on_api01(t):
    return t + API01_CLOCK


API01_DAILY_ROTATE = T(0, 0, 1, 0) - API01_CLOCK   # logrotate.timer, 2024-11-05 00:00:01 by api01's clock
API01_FORCED_ROTATE = T(13, 52, 10, 412000)  # on-call ran `logrotate -f` by hand
API01_BUNDLE = T(15, 58, 40, 0)              # `sudo tar czf api01-logs.tar.gz ...`
HUP_AFTER = timedelta(seconds=1, microseconds=77000)  # logrotate start -> rsyslog HUP
API01_START = T(0, 0, 1, 0, day=4) - API01_CLOCK + HUP_AFTER  # first line kept in syslog.2(.gz)

CLIENT_START = datetime(2024, 11, 3, 23, 0, 0, tzinfo=UTC)  # local 2024-11-04 00:00
CLIENT_SPLIT = datetime(2024, 11, 4, 23, 0, 0, tzinfo=UTC)  # local 2024-11-05 00:00
CLIENT_END = T(15, 57, 30)                   # logs copied off client01

BATCH01_START = T(0, 0, 2, 904455)          # rsyslogd HUP after logrotate
BATCH01_END = T(16, 4, 50)


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def syslog_ts(t: datetime) -> str:
    return f"{MONTHS[t.month - 1]} {t.day:>2} {t:%H:%M:%S}"


def iso_us(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def clef_ts(t: datetime) -> str:
    # Serilog CompactJsonFormatter: UTC, round-trip "O" format, 7 fraction digits.
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + f"{(t.microsecond * 7) % 10}Z"


def serilog_ts(t: datetime) -> str:
    loc = t.astimezone(BERLIN)
    return loc.strftime("%Y-%m-%d %H:%M:%S.") + f"{loc.microsecond // 1000:03d} +01:00"


def ms_floor(t: datetime) -> datetime:
    return t.replace(microsecond=(t.microsecond // 1000) * 1000)


def poisson(rng, lam):
    if lam <= 0:
        return 0
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l:
            return k
        k += 1


@dataclass
class Ev:
    t: datetime
    dest: str
    text: str
    seq: int = 0


class Stream:
    """Events of one host; `{pid:KEY}` placeholders get pids in time order."""

    PID_RE = re.compile(r'"§pid:([^§]+)§"|§pid:([^§]+)§')

    def __init__(self, pid_base_t, pid_base, pid_rate, fixed=None):
        self.events: list[Ev] = []
        self.pid_base_t = pid_base_t
        self.pid_base = pid_base
        self.pid_rate = pid_rate
        self.fixed = dict(fixed or {})
        self.pids: dict[str, int] = {}

    def add(self, t, dest, text):
        self.events.append(Ev(t, dest, text, len(self.events)))

    def resolve(self):
        self.events.sort(key=lambda e: (e.t, e.seq))
        last = 0
        for e in self.events:
            def sub(m):
                nonlocal last
                key = m.group(1) or m.group(2)
                off = 0
                if "@+" in key:
                    key, o = key.split("@+")
                    off = int(o)
                if key in self.fixed:
                    return str(self.fixed[key] + off)
                if key not in self.pids:
                    floor_pid = self.pid_base + int(
                        (e.t - self.pid_base_t).total_seconds() * self.pid_rate)
                    pid = max(last + 1, floor_pid)
                    self.pids[key] = pid
                    # processes that start threads right away use up pids
                    last = pid + (60 if key.startswith("dotnet") else 0)
                return str(self.pids[key] + off)
            e.text = self.PID_RE.sub(sub, e.text)
        return self.events


def pid(key):
    return f"§pid:{key}§"


OUTPUT = {}  # path -> bytes; main() writes them, or with --check compares them with the disk


def write(path, text, *, crlf=False, bom=False):
    data = text.replace("\n", "\r\n") if crlf else text
    raw = data.encode("utf-8")
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    OUTPUT[path] = raw


# --------------------------------------------------------------------------
# The order traffic shared by client01 and api01
# --------------------------------------------------------------------------

def orders_per_hour(t: datetime) -> float:
    h = t.hour
    if t < CLIENT_SPLIT:  # Monday 2024-11-04
        if h < 5 or h >= 22:
            return 0.5
        if h < 7:
            return 2
        if h < 16:
            return 5
        return 2.5
    if h < 5 or h >= 22:
        return 0.5
    if h < 7:
        return 2
    if h < 12:
        return 6
    if h < 13:
        return 12
    return 26  # sales campaign from 13:00 UTC


@dataclass
class Push:
    order: int
    start: datetime
    server_ms: float = 0.0       # server-side elapsed
    kind: str = "ok"             # ok | reset
    reset_at: datetime | None = None
    attempt: int = 1
    status: int = 201
    lines: int = 1

    @property
    def server_done(self):
        return self.start + timedelta(milliseconds=2 + self.server_ms)

    @property
    def client_done(self):
        return self.server_done + timedelta(milliseconds=2)


def restart_ready(k):
    """When restarted process k (1-based) reports READY (Type=notify)."""
    kill = KILLS[k - 1]["t"]
    return kill + timedelta(seconds=0.036 + RESTART_SEC + 1.86 + 0.031 * k)


def build_traffic():
    rng = R("traffic")
    polls = []         # (time, [Push])
    order_id = 87412
    kill_windows = [(k["t"] - timedelta(seconds=40), k["t"] + timedelta(seconds=5))
                    for k in KILLS]
    lone_window = (LONE_RESET - timedelta(seconds=40), LONE_RESET + timedelta(seconds=40))

    def pressure(t):
        """Server slowness factor: memory pressure in the 10 minutes before a kill."""
        for k in KILLS:
            d = (k["t"] - t).total_seconds()
            if 0 < d < 600:
                return 1.0 - d / 600.0
        return 0.0

    def after_restart(t):
        for i, k in enumerate(KILLS, 1):
            d = (t - restart_ready(i)).total_seconds()
            if 0 <= d < 60:
                return True
        return False

    def server_ms(t):
        p = pressure(t)
        if p > 0:
            return 40 + p * p * 3200 * (0.6 + rng.random() * 0.8) + rng.random() * 60
        if after_restart(t):
            return 180 + rng.random() * 420
        return 18 + rng.random() * 70 + (rng.random() < 0.05) * rng.random() * 400

    t = CLIENT_START + timedelta(seconds=12, microseconds=rng.randint(0, 900000))
    while t < CLIENT_END:
        skip = any(a <= t <= b for a, b in kill_windows) or lone_window[0] <= t <= lone_window[1]
        n = 0 if skip else poisson(rng, orders_per_hour(t) / 60.0)
        if n:
            pushes = []
            for i in range(n):
                st = t + timedelta(milliseconds=9 + i * rng.randint(2, 9) + (i // 4) * 0)
                pushes.append(Push(order=order_id, start=st, server_ms=server_ms(st),
                                   lines=rng.randint(1, 14)))
                order_id += 1
            # more pushes than workers: the next one waits for a free worker
            for i in range(WORKERS, len(pushes)):
                prev = pushes[i - WORKERS]
                pushes[i].start = prev.client_done + timedelta(milliseconds=1)
            polls.append((t, pushes))
        t += timedelta(seconds=60, microseconds=rng.randint(-60000, 60000))

    # incident batches: in flight when the API is killed
    for k in KILLS:
        pt = k["t"] - timedelta(seconds=2, microseconds=rng.randint(100000, 600000))
        pushes = []
        for i, off in enumerate(k["burst_ms"]):
            st = pt + timedelta(milliseconds=11 + i * rng.randint(3, 8))
            p = Push(order=0, start=st, kind="reset", lines=rng.randint(3, 40))
            p.reset_at = ms_floor(k["t"] + timedelta(milliseconds=off))
            pushes.append(p)
        polls.append((pt, pushes))
    pt = LONE_RESET - timedelta(microseconds=118000)
    p = Push(order=0, start=pt + timedelta(milliseconds=13), kind="reset", lines=6)
    p.reset_at = LONE_RESET
    polls.append((pt, [p]))

    polls.sort(key=lambda x: x[0])
    # number orders in poll order
    order_id = 87412
    for _, pushes in polls:
        for p in pushes:
            p.order = order_id
            order_id += 1

    # retries of the reset pushes: 5 s later, on a fresh connection
    retries = []
    for _, pushes in polls:
        for p in pushes:
            if p.kind == "reset":
                st = p.reset_at + timedelta(seconds=5, microseconds=rng.randint(1000, 300000))
                r = Push(order=p.order, start=st, server_ms=server_ms(st), attempt=2,
                         lines=p.lines)
                retries.append(r)

    # one duplicate submission on Tuesday morning -> 409 Conflict
    for t0, pushes in polls:
        if t0 > T(10, 20, 0):
            pushes[0].status = 409
            break
    return polls, retries


class Kestrel:
    """Kestrel connection ids (13 chars, base32 of an incrementing 64-bit id)."""
    ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUV"

    def __init__(self, first_id):
        self.next = 0
        for ch in first_id:
            self.next = self.next * 32 + self.ALPHA.index(ch)

    def new(self):
        v = self.next
        self.next += 1
        return "".join(self.ALPHA[(v >> (5 * (12 - i))) & 31] for i in range(13))


# --------------------------------------------------------------------------
# client01: OrderSync Serilog file logs
# --------------------------------------------------------------------------

NET_FRAMES_TAIL = [
    "   at System.Net.Http.HttpConnectionPool.SendWithVersionDetectionAndRetryAsync(HttpRequestMessage request, Boolean async, Boolean doRequestAuth, CancellationToken cancellationToken)",
    "   at System.Net.Http.DiagnosticsHandler.SendAsyncCore(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
    "   at System.Net.Http.RedirectHandler.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
    "   at Microsoft.Extensions.Http.Logging.LoggingHttpMessageHandler.<SendCoreAsync>g__Core|5_0(HttpRequestMessage request, Boolean useAsync, CancellationToken cancellationToken)",
    "   at Microsoft.Extensions.Http.Logging.LoggingScopeHttpMessageHandler.<SendCoreAsync>g__Core|5_0(HttpRequestMessage request, Boolean useAsync, CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpClient.<SendAsync>g__Core|83_0(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationTokenSource cts, Boolean disposeCts, CancellationTokenSource pendingRequestsCts, CancellationToken originalCancellationToken)",
]

RESET_EXCEPTION = [
    "System.Net.Http.HttpRequestException: An error occurred while sending the request.",
    " ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..",
    " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.",
    "   --- End of inner exception stack trace ---",
    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)",
    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource<System.Int32>.GetResult(Int16 token)",
    "   at System.Net.Http.HttpConnection.InitialFillAsync(Boolean async)",
    "   at System.Net.Http.HttpConnection.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
    "   --- End of inner exception stack trace ---",
    "   at System.Net.Http.HttpConnection.SendAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
] + NET_FRAMES_TAIL + [
    r"   at OrderSync.Api.OrdersApiClient.PushOrderAsync(OutboxOrder order, CancellationToken cancellationToken) in D:\a\1\s\src\OrderSync\Api\OrdersApiClient.cs:line 71",
    r"   at OrderSync.Workers.OrderPushWorker.PushWithRetryAsync(OutboxOrder order, CancellationToken stoppingToken) in D:\a\1\s\src\OrderSync\Workers\OrderPushWorker.cs:line 118",
]

REFUSED_EXCEPTION = [
    "System.Net.Http.HttpRequestException: No connection could be made because the target machine actively refused it. (api01.corp.example:8080)",
    " ---> System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively refused it.",
    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)",
    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource.GetResult(Int16 token)",
    "   at System.Net.Sockets.Socket.<ConnectAsync>g__WaitForConnectWithCancellation|285_0(AwaitableSocketAsyncEventArgs saea, ValueTask connectTask, CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)",
    "   --- End of inner exception stack trace ---",
    "   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpConnectionPool.ConnectAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpConnectionPool.CreateHttp11ConnectionAsync(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpConnectionPool.AddHttp11ConnectionAsync(QueueItem queueItem)",
    "   at System.Threading.Tasks.TaskCompletionSourceWithCancellation`1.WaitWithCancellationAsync(CancellationToken cancellationToken)",
    "   at System.Net.Http.HttpConnectionPool.HttpConnectionWaiter`1.WaitForConnectionAsync(Boolean async, CancellationToken requestCancellationToken)",
] + NET_FRAMES_TAIL + [
    r"   at OrderSync.Health.OrdersApiHealthProbe.CheckAsync(CancellationToken cancellationToken) in D:\a\1\s\src\OrderSync\Health\OrdersApiHealthProbe.cs:line 34",
]


def client_logs(polls, retries):
    rng = R("client")
    recs = []  # (utc time, seq, text)

    def log(t, lvl, msg, exc=None):
        text = f"{serilog_ts(t)} [{lvl}] {msg}"
        if exc:
            text += "\n" + "\n".join(exc)
        recs.append((ms_floor(t), len(recs), text))

    for t0, pushes in polls:
        n = len(pushes)
        log(t0, "DBG", f"Outbox poll: {n} pending order{'s' if n != 1 else ''}")
        for p in pushes:
            if p.kind == "reset":
                log(p.reset_at, "ERR", f"Failed to push order {p.order} to {API_URL}/v1/orders",
                    RESET_EXCEPTION)
                log(p.reset_at + timedelta(microseconds=600),
                    "WRN", f"Order {p.order} will be retried in 5 s (attempt 1 of 5)")
                continue
            ms = round(p.client_done.timestamp() * 1000 - p.start.timestamp() * 1000)
            if p.status == 409:
                log(p.client_done, "WRN",
                    f"Order {p.order} rejected by orders-api: 409 Conflict (duplicate external reference \"WEB-2024-{p.order + 31460}\")")
                continue
            if ms >= 2000:
                log(p.client_done, "WRN",
                    f"Slow response from orders-api for order {p.order}: {ms} ms")
            log(p.client_done + timedelta(microseconds=300), "INF",
                f"Pushed order {p.order} ({p.lines} lines) to orders-api: 201 Created in {ms} ms")
    for r in retries:
        ms = round(r.client_done.timestamp() * 1000 - r.start.timestamp() * 1000)
        log(r.client_done, "INF",
            f"Pushed order {r.order} ({r.lines} lines) to orders-api: 201 Created in {ms} ms (attempt 2)")

    # health probe every 30 minutes at hh:03:41 / hh:33:41 UTC
    t = CLIENT_START + timedelta(minutes=3, seconds=41, microseconds=204000)
    while t < CLIENT_END:
        tt = t + timedelta(microseconds=rng.randint(0, 9000))
        if tt.replace(microsecond=0) == HEALTH_REFUSED_START.replace(microsecond=0):
            log(HEALTH_REFUSED_START + timedelta(milliseconds=2031), "WRN",
                f"Health check {API_URL}/health failed after 2031 ms", REFUSED_EXCEPTION)
        else:
            ms = rng.randint(2, 9)
            log(tt + timedelta(milliseconds=ms), "DBG",
                f"Health check {API_URL}/health: Healthy in {ms} ms")
        t += timedelta(minutes=30)

    # hourly status sync at hh:40:05
    t = CLIENT_START + timedelta(minutes=40, seconds=5)
    while t < CLIENT_END:
        tt = t + timedelta(microseconds=rng.randint(0, 300000))
        ms = rng.randint(9, 40)
        n = rng.randint(0, 3) if orders_per_hour(tt) < 5 else rng.randint(4, 31)
        log(tt + timedelta(milliseconds=ms), "INF",
            f"Status sync: {n} order status update{'s' if n != 1 else ''} from orders-api in {ms} ms")
        t += timedelta(hours=1)

    # Monday: Windows Update reboot of client01 (service stop/start)
    log(T(2, 12, 7, 114000, day=4), "INF", "Service stop requested; 0 pushes in flight")
    log(T(2, 12, 7, 131000, day=4), "INF", "OrderSync stopped")
    log(T(2, 15, 41, 882000, day=4), "INF",
        "OrderSync 3.2.1 starting on CLIENT01 (.NET 8.0.10, Windows 10.0.20348, pid 3148)")
    log(T(2, 15, 42, 19000, day=4), "INF", f"Orders API base address: {API_URL}/")
    log(T(2, 15, 42, 25000, day=4), "INF",
        rf"Outbox: SQL Server ERPDB01\ERP, poll interval 60 s, {WORKERS} workers")
    # a slow outbox query on Tuesday morning
    log(T(8, 31, 12, 402000), "WRN", "Outbox poll took 2417 ms (threshold 2000 ms)")

    # client01 was rebooting (Windows Update) between these two records
    down = (T(2, 12, 7, 131000, day=4), T(2, 15, 41, 882000, day=4))
    recs = [r for r in recs if not down[0] < r[0] < down[1]]
    recs.sort(key=lambda r: (r[0], r[1]))
    day1 = [r[2] for r in recs if CLIENT_START <= r[0] < CLIENT_SPLIT]
    day2 = [r[2] for r in recs if CLIENT_SPLIT <= r[0] < CLIENT_END]
    return "\n".join(day1) + "\n", "\n".join(day2) + "\n"


# --------------------------------------------------------------------------
# api01: syslog, auth.log, orders-api JSON log
# --------------------------------------------------------------------------

def k_mono(t):
    d = t - API01_BOOT
    return f"[{d.days * 86400 + d.seconds:5d}.{d.microseconds:06d}]"


def api01_stream(polls, retries):
    s = Stream(T(0, 0, 0, day=4), 41200, 0.27,
               fixed={"dotnet:0": ORDERS_API_BOOT_PID, "snapd": 842, "resolved": 611})
    rng = R("api01")

    def sy(t, tag, msg):
        s.add(t, "syslog", f"{syslog_ts(on_api01(t))} api01 {tag}: {msg}")

    def au(t, tag, msg):
        s.add(t, "auth", f"{syslog_ts(on_api01(t))} api01 {tag}: {msg}")

    def kern(t, msg):
        sy(t, "kernel", f"{k_mono(t)} {msg}")

    def api(t, d):
        d = dict(d)
        out = {"@t": clef_ts(on_api01(t)), "@mt": d.pop("@mt")}
        for k in ("@r", "@l", "@x", "@tr", "@sp"):
            if k in d:
                out[k] = d.pop(k)
        out.update(d)
        out.setdefault("Application", "orders-api")
        s.add(t, "api", json.dumps(out, ensure_ascii=False, separators=(",", ":")))

    def sd(t, msg):
        sy(t, "systemd[1]", msg)

    def cron(t, cmd, user="root"):
        key = f"cron-{t.isoformat()}"
        au(t, f"CRON[{pid(key)}]",
           f"pam_unix(cron:session): session opened for user {user}(uid=0) by (uid=0)")
        sy(t + timedelta(microseconds=1500), f"CRON[{pid(key + '@+1')}]", f"({user}) CMD ({cmd})")
        au(t + timedelta(milliseconds=rng.randint(40, 900)), f"CRON[{pid(key)}]",
           f"pam_unix(cron:session): session closed for user {user}")

    def unit_run(t, unit, desc, dur, extra=None, consumed=None):
        sd(t, f"Starting {desc}...")
        for dt_, tag, msg in extra or []:
            sy(t + timedelta(seconds=dt_), tag, msg)
        end = t + timedelta(seconds=dur)
        sd(end, f"{unit}: Deactivated successfully.")
        sd(end + timedelta(microseconds=900), f"Finished {desc}.")
        if consumed:
            sd(end + timedelta(microseconds=1300), f"{unit}: Consumed {consumed} CPU time.")

    start, end = API01_START, API01_BUNDLE

    # cron: sysstat every 10 minutes, cron.hourly, cron.daily (by api01's clock)
    t = T(0, 5, 1, day=4) - API01_CLOCK
    while t < end:
        cron(t + timedelta(microseconds=rng.randint(100000, 700000)),
             "command -v debian-sa1 > /dev/null && debian-sa1 1 1")
        t += timedelta(minutes=10)
    t = T(0, 17, 1, day=4) - API01_CLOCK
    while t < end:
        cron(t + timedelta(microseconds=rng.randint(100000, 700000)),
             "   cd / && run-parts --report /etc/cron.hourly")
        t += timedelta(hours=1)
    for day in (4, 5):
        cron(T(6, 25, 1, 330000, day=day) - API01_CLOCK,
             "test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )")

    # prometheus-node-exporter-apt.timer (OnUnitActiveSec=15min, drifts)
    t = T(0, 11, 37, 402000, day=4)
    while t < end:
        unit_run(t, "prometheus-node-exporter-apt.service",
                 "Collect apt metrics for prometheus-node-exporter",
                 0.9 + rng.random() * 0.8)
        t += timedelta(minutes=15, microseconds=rng.randint(1200000, 1900000))

    # daily timers
    for day in (4, 5):
        unit_run(T(6, 7, 12, 883000, day=day), "apt-daily-upgrade.service",
                 "Daily apt upgrade and clean activities", 2.9, consumed="2.412s")
        unit_run(T(6, 52, 41, 120000, day=day) if day == 4 else T(7, 3, 9, 551000, day=day),
                 "apt-daily.service", "Daily apt download activities", 1.3)
        unit_run(T(9, 14, 3, 771000, day=day) if day == 4 else T(11, 48, 55, 19000, day=day),
                 "motd-news.service", "Message of the Day", 0.4)
        unit_run(T(7, 2, 18, 640000, day=day), "systemd-tmpfiles-clean.service",
                 "Cleanup of Temporary Directories", 0.05)
        unit_run(T(3, 41, 26, 90000, day=day) if day == 4 else T(2, 37, 50, 4000, day=day),
                 "fwupd-refresh.service", "Refresh fwupd metadata and update motd", 1.1,
                 extra=[(0.3, "systemd[1]", "Started Firmware update daemon."),],
                 consumed="1.377s")
    unit_run(T(19, 11, 40, 35000, day=4), "apt-daily.service",
             "Daily apt download activities", 1.2)
    unit_run(T(21, 2, 9, 480000, day=4), "motd-news.service", "Message of the Day", 0.3)
    sy(T(4, 2, 33, 718000, day=4), f"snapd[{pid('snapd')}]",
       'storehelpers.go:769: cannot refresh: snap has no updates available: "core20", "core22", "lxd", "snapd"')
    sy(T(12, 31, 5, 92000, day=4), f"snapd[{pid('snapd')}]",
       "autorefresh.go:540: auto-refresh: all snaps are up-to-date")
    sy(T(10, 24, 51, 336000), f"snapd[{pid('snapd')}]",
       'storehelpers.go:769: cannot refresh: snap has no updates available: "core20", "core22", "lxd", "snapd"')
    sy(T(16, 55, 2, 904000, day=4), f"systemd-resolved[{pid('resolved')}]",
       "Using degraded feature set UDP instead of UDP+EDNS0 for DNS server 10.20.0.2.")
    sy(T(16, 55, 7, 911000, day=4), f"systemd-resolved[{pid('resolved')}]",
       "Using degraded feature set TCP instead of UDP for DNS server 10.20.0.2.")
    sy(T(17, 3, 12, 87000, day=4), f"systemd-resolved[{pid('resolved')}]",
       "Using degraded feature set UDP+EDNS0 instead of TCP for DNS server 10.20.0.2.")

    # Monday 00:00: fstrim (weekly) finishing after the midnight rotation
    sy(T(0, 0, 2, 301000, day=4) - API01_CLOCK, f"fstrim[{pid('fstrim')}]",
       "/boot: 1.6 GiB (1720823808 bytes) trimmed on /dev/sda2")
    sy(T(0, 0, 2, 302000, day=4) - API01_CLOCK, f"fstrim[{pid('fstrim')}]",
       "/: 18.2 GiB (19542257664 bytes) trimmed on /dev/mapper/ubuntu--vg-ubuntu--lv")
    sd(T(0, 0, 2, 330000, day=4) - API01_CLOCK, "fstrim.service: Deactivated successfully.")
    sd(T(0, 0, 2, 331000, day=4) - API01_CLOCK,
       "Finished Discard unused blocks on filesystems from /etc/fstab.")

    # rotations
    def rotated_in(t):
        sy(t, "rsyslogd",
           '[origin software="rsyslogd" swVersion="8.2112.0" x-pid="812" x-info="https://www.rsyslog.com"] rsyslogd was HUPed')

    for day in (4, 5):
        t0 = T(0, 0, 1, 0, day=day) - API01_CLOCK
        sd(t0, "Starting Rotate log files...")
        sd(t0 + timedelta(microseconds=1200), "Starting Daily man-db regeneration...")
        rotated_in(t0 + HUP_AFTER)
        sd(t0 + timedelta(seconds=1, microseconds=94000), "logrotate.service: Deactivated successfully.")
        sd(t0 + timedelta(seconds=1, microseconds=95000), "Finished Rotate log files.")
        sd(t0 + timedelta(seconds=1, microseconds=201000), "man-db.service: Deactivated successfully.")
        sd(t0 + timedelta(seconds=1, microseconds=202000), "Finished Daily man-db regeneration.")
    rotated_in(API01_FORCED_ROTATE + timedelta(microseconds=88000))

    # UFW: the monitoring host probing a port that is not open to it
    for t in (T(2, 44, 10, 551000, day=4), T(11, 9, 33, 204000, day=4), T(20, 37, 2, 909000, day=4),
              T(5, 12, 48, 332000), T(9, 58, 1, 760000)):
        kern(t, f"[UFW BLOCK] IN=ens160 OUT= MAC=00:50:56:a1:3c:7e:00:50:56:a1:6b:02:08:00 "
                f"SRC={MONITOR_IP} DST=10.20.0.11 LEN=60 TOS=0x00 PREC=0x00 TTL=64 "
                f"ID={rng.randint(1000, 65000)} DF PROTO=TCP SPT={rng.randint(32768, 60999)} "
                f"DPT=9256 WINDOW=64240 RES=0x00 SYN URGP=0")

    # user sessions: deploy (ansible run, Monday), anna (on-call, Tuesday)
    def login(t, user, uid, session):
        um = f"user@{uid}"
        sd(t, f"Created slice User Slice of UID {uid}.")
        sd(t + timedelta(microseconds=4100), f"Starting User Runtime Directory /run/user/{uid}...")
        sd(t + timedelta(microseconds=15200), f"Finished User Runtime Directory /run/user/{uid}.")
        sd(t + timedelta(microseconds=17900), f"Starting User Manager for UID {uid}...")
        u = lambda dt_, m: sy(t + timedelta(microseconds=dt_), f"systemd[{pid(um + session)}]", m)
        u(41000, "Queued start job for default target Main User Target.")
        u(52000, "Created slice User Application Slice.")
        u(52400, "Reached target Paths.")
        u(52600, "Reached target Timers.")
        u(53100, "Starting D-Bus User Message Bus Socket...")
        u(53900, "Listening on GnuPG network certificate management daemon.")
        u(54200, "Listening on GnuPG cryptographic agent and passphrase cache (access for web browsers).")
        u(54500, "Listening on GnuPG cryptographic agent and passphrase cache (restricted).")
        u(54800, "Listening on GnuPG cryptographic agent (ssh-agent emulation).")
        u(55100, "Listening on GnuPG cryptographic agent and passphrase cache.")
        u(59700, "Listening on D-Bus User Message Bus Socket.")
        u(60000, "Reached target Sockets.")
        u(60200, "Reached target Basic System.")
        u(60400, "Reached target Main User Target.")
        u(60600, "Startup finished in 61ms.")
        sd(t + timedelta(microseconds=61000), f"Started User Manager for UID {uid}.")
        sd(t + timedelta(microseconds=62500), f"Started Session {session} of User {user}.")

    def logout(t, user, uid, session):
        um = f"user@{uid}"
        sd(t, f"session-{session}.scope: Deactivated successfully.")
        t2 = t + timedelta(seconds=10, microseconds=102000)
        sd(t2, f"Stopping User Manager for UID {uid}...")
        u = lambda dt_, m: sy(t2 + timedelta(microseconds=dt_), f"systemd[{pid(um + session)}]", m)
        u(2100, "Activating special unit Exit the Session...")
        u(2600, "Stopped target Main User Target.")
        u(2900, "Stopped target Basic System.")
        u(3100, "Stopped target Paths.")
        u(3300, "Stopped target Sockets.")
        u(3500, "Stopped target Timers.")
        u(3900, "Closed D-Bus User Message Bus Socket.")
        u(4200, "Closed GnuPG network certificate management daemon.")
        u(4600, "Removed slice User Application Slice.")
        u(4800, "Reached target Shutdown.")
        u(5000, "Finished Exit the Session.")
        u(5200, "Reached target Exit the Session.")
        sd(t2 + timedelta(microseconds=8100), f"user@{uid}.service: Deactivated successfully.")
        sd(t2 + timedelta(microseconds=8300), f"Stopped User Manager for UID {uid}.")
        sd(t2 + timedelta(microseconds=9900), f"Stopping User Runtime Directory /run/user/{uid}...")
        sd(t2 + timedelta(microseconds=14400), f"run-user-{uid}.mount: Deactivated successfully.")
        sd(t2 + timedelta(microseconds=15000), f"user-runtime-dir@{uid}.service: Deactivated successfully.")
        sd(t2 + timedelta(microseconds=15200), f"Stopped User Runtime Directory /run/user/{uid}.")
        sd(t2 + timedelta(microseconds=16800), f"Removed slice User Slice of UID {uid}.")

    login(T(10, 2, 14, 503000, day=4), "deploy", 1002, "1893")
    logout(T(10, 3, 51, 7000, day=4), "deploy", 1002, "1893")
    login(T(13, 47, 32, 260000), "anna", 1001, "1917")

    # auth.log after the forced rotation (earlier lines went to auth.log.1)
    au(API01_FORCED_ROTATE + timedelta(microseconds=240000), "sudo",
       "pam_unix(sudo:session): session closed for user root")
    for t, cmd in ((T(13, 54, 2, 117000), "/usr/bin/journalctl -u orders-api --since 13:00"),
                   (T(14, 13, 40, 652000), "/usr/bin/systemctl status orders-api"),
                   (T(14, 15, 9, 30000), "/usr/bin/journalctl -k --since 14:00"),
                   (T(15, 6, 21, 448000), "/usr/bin/systemctl status orders-api"),
                   (API01_BUNDLE, "/usr/bin/tar -czf /tmp/api01-logs.tar.gz -C / var/log/auth.log "
                                  "var/log/orders-api/api.json var/log/syslog var/log/syslog.1 "
                                  "var/log/syslog.2.gz")):
        au(t, "sudo", f"    anna : TTY=pts/0 ; PWD=/home/anna ; USER=root ; COMMAND={cmd}")
        au(t + timedelta(microseconds=1900), "sudo",
           "pam_unix(sudo:session): session opened for user root(uid=0) by anna(uid=1001)")
        if t != API01_BUNDLE:
            au(t + timedelta(seconds=rng.randint(3, 40)), "sudo",
               "pam_unix(sudo:session): session closed for user root")
    # TCP health probe of sshd by the monitoring host every 15 minutes
    t = T(0, 4, 19, 0, day=4)
    while t < end:
        tt = t + timedelta(microseconds=rng.randint(0, 800000))
        key = f"sshd-probe-{tt.isoformat()}"
        au(tt, f"sshd[{pid(key)}]", "error: kex_exchange_identification: Connection closed by remote host")
        au(tt + timedelta(microseconds=120), f"sshd[{pid(key)}]",
           f"Connection closed by {MONITOR_IP} port {rng.randint(33000, 60999)}")
        t += timedelta(minutes=15)

    # ---------------- orders-api: requests ----------------
    # one id sequence per process instance (the seed is derived from its start time)
    kes = [Kestrel("0HN7P2GQ4E1K3"), Kestrel("0HN81U6LMB9T0"),
           Kestrel("0HN82PK0F3RQ7"), Kestrel("0HN83IE95UV1C")]

    def instance(t):
        i = 0
        for k, kl in enumerate(KILLS, 1):
            if t >= kl["t"]:
                i = k
        return i

    conns = {}   # (instance, client) -> [conn ids] with request counters

    def conn_for(inst, client, t):
        lst = conns.setdefault((inst, client), [])
        if len(lst) < 4 and (not lst or rng.random() < 0.25):
            lst.append([kes[inst].new(), 0])
        c = rng.choice(lst)
        c[1] += 1
        return c[0], c[1]

    def hexid(n):
        return "".join(rng.choice("0123456789abcdef") for _ in range(n))

    def req_log(t, method, path, status, elapsed, client_ip):
        elapsed = round(elapsed, 7)
        inst = instance(t)
        cid, n = conn_for(inst, client_ip, t)
        api(t, {"@mt": "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms",
                "@r": [f"{elapsed:.4f}"], "@tr": hexid(32), "@sp": hexid(16),
                "RequestMethod": method, "RequestPath": path, "StatusCode": status,
                "Elapsed": elapsed, "ClientIp": client_ip,
                "SourceContext": "Serilog.AspNetCore.RequestLoggingMiddleware",
                "RequestId": f"{cid}:{n:08X}", "ConnectionId": cid})

    day_start = API01_DAILY_ROTATE + timedelta(seconds=1)  # api.json: copytruncate at midnight

    def in_api_window(t):
        return day_start <= t <= end

    for _, pushes in polls:
        for p in pushes:
            if p.kind != "ok" or not in_api_window(p.server_done):
                continue
            if p.status == 409:
                api(p.server_done - timedelta(microseconds=800),
                    {"@mt": "Duplicate external reference {ExternalRef} for order {OrderId}; rejecting",
                     "@l": "Warning", "ExternalRef": f"WEB-2024-{p.order + 31460}", "OrderId": p.order,
                     "SourceContext": "OrdersApi.Orders.CreateOrderHandler"})
            req_log(p.server_done, "POST", "/v1/orders", p.status,
                    p.server_ms + rng.random() * 0.9, CLIENT_IP)
    for r in retries:
        if in_api_window(r.server_done):
            req_log(r.server_done, "POST", "/v1/orders", 201, r.server_ms + rng.random() * 0.9,
                    CLIENT_IP)
    # client01 hourly status sync, shop-web lookups
    t = CLIENT_START + timedelta(minutes=40, seconds=5)
    while t < end:
        if in_api_window(t):
            req_log(t + timedelta(microseconds=rng.randint(10000, 320000)), "GET",
                    "/v1/orders/status", 200, 6 + rng.random() * 25, CLIENT_IP)
        t += timedelta(hours=1)
    t = day_start + timedelta(minutes=7)
    while t < end:
        lam = 4 if 7 <= t.hour < 18 else 0.3
        for _ in range(poisson(rng, lam)):
            tt = t + timedelta(seconds=rng.random() * 3600)
            if tt < end and not any(abs((tt - k["t"]).total_seconds()) < 8 for k in KILLS):
                req_log(tt, "GET", f"/v1/orders/{rng.randint(86000, 87900)}", 200,
                        2 + rng.random() * 9, SHOP_IP)
        t += timedelta(hours=1)

    # ERP export worker every 15 minutes
    t = T(0, 7, 30, 0)
    while t < end:
        tt = t + timedelta(microseconds=rng.randint(1000, 90000))
        if not any(0 <= (tt - k["t"]).total_seconds() < 10 for k in KILLS):
            if tt.hour == 9 and tt.minute == 7:
                api(tt + timedelta(seconds=30, microseconds=12000),
                    {"@mt": "ERP export failed; {Count} orders stay queued, next attempt in {RetrySeconds} s",
                     "@l": "Warning",
                     "@x": "System.Net.Http.HttpRequestException: Response status code does not indicate success: 503 (Service Unavailable).\n"
                           "   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()\n"
                           "   at OrdersApi.Erp.ErpClient.PostBatchAsync(IReadOnlyList`1 orders, CancellationToken cancellationToken) in /src/OrdersApi/Erp/ErpClient.cs:line 58\n"
                           "   at OrdersApi.Erp.ErpExportWorker.ExportOnceAsync(CancellationToken stoppingToken) in /src/OrdersApi/Erp/ErpExportWorker.cs:line 77",
                     "Count": 14, "RetrySeconds": 900, "SourceContext": "OrdersApi.Erp.ErpExportWorker"})
            else:
                n = rng.randint(0, 3) if tt.hour < 7 else rng.randint(2, 16)
                if tt.hour >= 13:
                    n = rng.randint(9, 24)
                api(tt + timedelta(milliseconds=rng.randint(80, 900)),
                    {"@mt": "Exported {Count} orders to ERP in {ElapsedMs} ms", "Count": n,
                     "ElapsedMs": rng.randint(60, 900), "SourceContext": "OrdersApi.Erp.ErpExportWorker"})
        t += timedelta(minutes=15)

    # ---------------- the three OOM kills ----------------
    for k, kl in enumerate(KILLS, 1):
        kt = kl["t"]
        victim, newp = f"dotnet:{k - 1}", f"dotnet:{k}"
        # memory watchdog warnings, every 30 s over the last ~9 minutes
        for i in range(18):
            wt = kt - timedelta(seconds=9 * 60 - i * 30 - 7.3, microseconds=rng.randint(0, 20000))
            pct = 85.2 + i * (13.4 / 17) + rng.random() * 0.3
            ws = round(1024 * pct / 100)
            api(wt, {"@mt": "Memory pressure: working set {WorkingSetMB} MB of {LimitMB} MB limit ({Percent:0.0}%), GC heap {HeapMB} MB, gen2 collections {Gen2Count}",
                     "@r": [f"{pct:.1f}"], "@l": "Warning", "WorkingSetMB": ws, "LimitMB": 1024,
                     "Percent": round(pct, 2), "HeapMB": ws - rng.randint(95, 130),
                     "Gen2Count": 40 * k + i * 3 + rng.randint(0, 2),
                     "SourceContext": "OrdersApi.Diagnostics.MemoryWatchdog"})
        kl_lines = oom_burst_api01(kl, victim, k, rng)
        b = kt - timedelta(microseconds=190 * len(kl_lines["before"]) + 410)
        for j, msg in enumerate(kl_lines["before"]):
            kern(b + timedelta(microseconds=j * 190), msg)
        kern(kt, kl_lines["killed"])
        kern(kt + timedelta(microseconds=1900 + 400 * k), kl_lines["reaped"])
        sd(kt + timedelta(microseconds=4400),
           "orders-api.service: A process of this unit has been killed by the OOM killer.")
        sd(kt + timedelta(microseconds=34100),
           "orders-api.service: Main process exited, code=killed, status=9/KILL")
        sd(kt + timedelta(microseconds=34600), "orders-api.service: Failed with result 'oom-kill'.")
        sd(kt + timedelta(microseconds=35200), f"orders-api.service: Consumed {kl['cpu']} CPU time.")
        rs = kt + timedelta(seconds=RESTART_SEC, microseconds=36100)
        sd(rs, f"orders-api.service: Scheduled restart job, restart counter is at {k}.")
        sd(rs + timedelta(microseconds=2100), "Stopped Orders API.")
        sd(rs + timedelta(microseconds=4900), "Starting Orders API...")
        # the new process: pid allocated at exec time
        st = rs + timedelta(microseconds=7400)
        ready = restart_ready(k)
        api(st + timedelta(microseconds=801000),
            {"@mt": "Starting {Application} {Version} on {MachineName} (pid {Pid}, .NET {Runtime})",
             "Version": "2.14.0", "MachineName": "api01", "Pid": pid(newp), "Runtime": "8.0.10",
             "SourceContext": "OrdersApi.Program"})
        api(st + timedelta(microseconds=1402000),
            {"@mt": "Price cache warmed: {Count} price lists in {ElapsedMs} ms", "Count": 312,
             "ElapsedMs": 417 + 13 * k, "SourceContext": "OrdersApi.Pricing.PriceCache"})
        api(ready - timedelta(microseconds=9800),
            {"@mt": "Now listening on: {address}", "address": "http://0.0.0.0:8080",
             "EventId": {"Id": 14, "Name": "ListeningOnAddress"},
             "SourceContext": "Microsoft.Hosting.Lifetime"})
        api(ready - timedelta(microseconds=2100),
            {"@mt": "Application started. Hosting environment: {EnvironmentName}; Content root path: {ContentRoot}",
             "EnvironmentName": "Production", "ContentRoot": "/opt/orders-api/",
             "SourceContext": "Microsoft.Hosting.Lifetime"})
        sd(ready, "Started Orders API.")

    events = s.resolve()
    # the pids that matter for the README
    victims = [ORDERS_API_BOOT_PID] + [s.pids[f"dotnet:{k}"] for k in (1, 2)]
    new_pids = [s.pids[f"dotnet:{k}"] for k in (1, 2, 3)]
    return events, victims, new_pids


MEMCG_STATS = [
    "anon {anon}", "file {file}", "kernel {kernel}", "kernel_stack 1671168", "pagetables {pgt}",
    "sec_pagetables 0", "percpu 3120", "sock 1114112", "vmalloc 20480", "shmem 0", "zswap 0",
    "zswapped 0", "file_mapped {fmapped}", "file_dirty 0", "file_writeback 0", "swapcached 0",
    "anon_thp 0", "file_thp 0", "shmem_thp 0", "inactive_anon {ianon}", "active_anon {aanon}",
    "inactive_file {ifile}", "active_file {afile}", "unevictable 0", "slab_reclaimable 1918976",
    "slab_unreclaimable 2310144", "slab 4229120", "workingset_refault_anon 0",
    "workingset_refault_file {wrf}", "workingset_activate_anon 0", "workingset_activate_file {waf}",
    "workingset_restore_anon 0", "workingset_restore_file {wsf}", "workingset_nodereclaim 0",
    "pgscan {pgscan}", "pgsteal {pgsteal}", "pgscan_kswapd 0", "pgscan_direct {pgscan}",
    "pgscan_khugepaged 0", "pgsteal_kswapd 0", "pgsteal_direct {pgsteal}", "pgsteal_khugepaged 0",
    "pgfault {pgfault}", "pgmajfault {pgmaj}", "pgrefill {pgrefill}", "pgactivate {pgact}",
    "pgdeactivate {pgrefill}", "pglazyfree 0", "pglazyfreed 0", "zswpin 0", "zswpout 0",
    "zswpwb 0", "thp_fault_alloc 0", "thp_collapse_alloc 0", "thp_swpout 0",
    "thp_swpout_fallback 0",
]


def oom_burst_api01(kl, victim, k, rng):
    anon_kb = 1017344 + k * 1236
    file_kb = 28160 - k * 512
    total_vm_kb = 274883516 + k * 40968
    pgt_kb = 2620 + k * 8
    tid = f"{victim}@+{17 + 4 * k}"
    # glibc __memset_avx2_unaligned_erms, the GC clearing a fresh region
    code = ("c5 fe 7f 44 17 e0 c5 fe 7f 07 c5 f8 77 c3 0f 1f 40 00 c5 fe 7f 07 c5 fe 7f 47 "
            "20 c5 fe 7f 44 17 e0 c5 fe 7f 44 17 c0 c5 f8 77 <c5> fe 7f 07 c5 fe 7f 47 20 c5 fe "
            "7f 47 40 c5 fe 7f 47 60 48 83 c7")
    lib = rng.randint(0x10000, 0xdffff) << 20
    reg = lambda: f"00007f{rng.randint(0x1000000000, 0xffffffffff):010x}"
    before = [
        "dotnet invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
        f"CPU: {k % 2} PID: {pid(tid)} Comm: dotnet Not tainted 6.8.0-48-generic #48~22.04.1-Ubuntu",
        "Hardware name: VMware, Inc. VMware7,1/440BX Desktop Reference Platform, BIOS VMW71.00V.21805430.B64.2305221830 05/22/2023",
        "Call Trace:",
        " <TASK>",
        " dump_stack_lvl+0x76/0xa0",
        " dump_stack+0x10/0x20",
        " dump_header+0x47/0x1f0",
        " oom_kill_process+0x118/0x280",
        " ? oom_evaluate_task+0x143/0x1e0",
        " out_of_memory+0x103/0x350",
        " mem_cgroup_out_of_memory+0x145/0x170",
        " try_charge_memcg+0x6d6/0x7d0",
        " __mem_cgroup_charge+0x45/0xc0",
        " do_anonymous_page+0x27f/0x850",
        " __handle_mm_fault+0x8c6/0x930",
        " handle_mm_fault+0x18a/0x380",
        " do_user_addr_fault+0x169/0x670",
        " exc_page_fault+0x83/0x1b0",
        " asm_exc_page_fault+0x27/0x30",
        f"RIP: 0033:0x7f{lib + 0x1a4f4d:010x}",
        f"Code: {code}",
        f"RSP: 002b:00007f{rng.randint(0x1000000000, 0xffffffffff):010x} EFLAGS: 00010206",
        f"RAX: {reg()} RBX: 0000000000000000 RCX: 0000000000100000",
        f"RDX: 0000000000100000 RSI: 0000000000000000 RDI: {reg()}",
        f"RBP: {reg()} R08: 0000000000000000 R09: 0000000000000000",
        f"R10: 0000000000000000 R11: 0000000000000246 R12: 0000000000100000",
        f"R13: {reg()} R14: {reg()} R15: 0000000000000000",
        " </TASK>",
        f"memory: usage 1048576kB, limit 1048576kB, failcnt {kl['failcnt']}",
        "swap: usage 0kB, limit 9007199254740988kB, failcnt 0",
        "Memory cgroup stats for /system.slice/orders-api.service:",
    ]
    vals = dict(anon=anon_kb * 1024, file=5734400 - k * 4096, kernel=11042816 + k * 8192,
                pgt=pgt_kb * 1024, fmapped=4018176, ianon=anon_kb * 1024 - 16384, aanon=16384,
                ifile=2691072, afile=3043328 - k * 4096, wrf=18211 + k * 977, waf=2213 + k * 19,
                wsf=1047 + k * 7, pgscan=421387 + k * 10411, pgsteal=96614 + k * 3307,
                pgfault=48176620 // k, pgmaj=912 + k, pgrefill=40311 + k * 717,
                pgact=25120 + k * 311)
    before += [line.format(**vals) for line in MEMCG_STATS]
    pages = lambda kb: kb // 4
    before += [
        "Tasks state (memory values in pages):",
        "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
        "[{:>7}] {:5d} {:>5} {:8d} {:8d} {:8d} {:8d} {:9d} {:8d} {:8d}         {:5d} {}".format(
            pid(victim), 998, pid(victim), pages(total_vm_kb), pages(anon_kb + file_kb),
            pages(anon_kb), pages(file_kb), 0, pgt_kb * 1024, 0, 0, "dotnet"),
        "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
        "oom_memcg=/system.slice/orders-api.service,task_memcg=/system.slice/orders-api.service,"
        f"task=dotnet,pid={pid(victim)},uid=998",
    ]
    killed = (f"Memory cgroup out of memory: Killed process {pid(victim)} (dotnet) "
              f"total-vm:{total_vm_kb}kB, anon-rss:{anon_kb}kB, file-rss:{file_kb}kB, "
              f"shmem-rss:0kB, UID:998 pgtables:{pgt_kb}kB oom_score_adj:0")
    reaped = (f"oom_reaper: reaped process {pid(victim)} (dotnet), now anon-rss:0kB, "
              f"file-rss:0kB, shmem-rss:0kB")
    return dict(before=before, killed=killed, reaped=reaped)


def fix_pid_columns(text):
    """The task-table row was formatted before pids were known; re-pad it."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^(.*kernel: \[\s*\d+\.\d+\] )\[\s*(\d+)\] +(\d+) +(\d+) (.*)$", line)
        if m and line.endswith(" dotnet"):
            line = f"{m.group(1)}[{int(m.group(2)):7d}] {int(m.group(3)):5d} {int(m.group(4)):5d} {m.group(5)}"
        out.append(line)
    return "\n".join(out)


def api01_files(events):
    files = {"syslog.2": [], "syslog.1": [], "syslog": [], "auth.log": [], "api.json": []}
    last = {}
    for e in events:
        if e.t > API01_BUNDLE + timedelta(milliseconds=5):  # tar read the files here
            continue
        if e.dest == "syslog":
            if e.t < API01_START:
                continue
            name = ("syslog.2" if e.t < API01_DAILY_ROTATE + HUP_AFTER
                    else "syslog.1" if e.t < API01_FORCED_ROTATE + timedelta(microseconds=88000)
                    else "syslog")
        elif e.dest == "auth":
            if e.t < API01_FORCED_ROTATE + timedelta(microseconds=88000):
                continue
            name = "auth.log"
        else:
            if e.t < API01_DAILY_ROTATE + timedelta(seconds=1):
                continue
            name = "api.json"
        files[name].append(e.text)
        last[name] = e.t
    texts = {n: fix_pid_columns("\n".join(v)) + "\n" for n, v in files.items()}
    return texts, last


# --------------------------------------------------------------------------
# batch01: rsyslog high-precision format, Ubuntu 24.04
# --------------------------------------------------------------------------

def batch01_syslog():
    s = Stream(T(0, 0, 0), 44796, 0.061, fixed={"victim": DECOY_PID})
    rng = R("batch01")

    def sy(t, tag, msg):
        s.add(t, "syslog", f"{iso_us(t)} batch01 {tag}: {msg}")

    def sd(t, msg):
        sy(t, "systemd[1]", msg)

    def kern(t, msg):
        sy(t, "kernel", msg)

    sy(T(0, 0, 2, 904455), "rsyslogd",
       '[origin software="rsyslogd" swVersion="8.2312.0" x-pid="903" x-info="https://www.rsyslog.com"] rsyslogd was HUPed')
    sd(T(0, 0, 2, 921040), "logrotate.service: Deactivated successfully.")
    sd(T(0, 0, 2, 921310), "Finished logrotate.service - Rotate log files.")

    t = T(0, 0, 0)
    while t < BATCH01_END:
        tt = t + timedelta(microseconds=rng.randint(1000, 400000))
        sd(tt, "Starting sysstat-collect.service - system activity accounting tool...")
        d = tt + timedelta(microseconds=rng.randint(9000, 30000))
        sd(d, "sysstat-collect.service: Deactivated successfully.")
        sd(d + timedelta(microseconds=310), "Finished sysstat-collect.service - system activity accounting tool.")
        t += timedelta(minutes=10)
    t = T(0, 17, 1)
    while t < BATCH01_END:
        tt = t + timedelta(microseconds=rng.randint(1000, 600000))
        sy(tt, f"CRON[{pid('cron' + tt.isoformat())}]", "(root) CMD (cd / && run-parts --report /etc/cron.hourly)")
        t += timedelta(hours=1)
    # hourly ETL
    t = T(0, 5, 0)
    while t < BATCH01_END:
        tt = t + timedelta(microseconds=rng.randint(1000, 50000))
        key = "etl" + tt.isoformat()
        sd(tt, "Starting reports-etl.service - Hourly orders ETL...")
        rows = rng.randint(40, 400) if tt.hour < 7 else rng.randint(900, 6000)
        lt = tt + timedelta(seconds=1, microseconds=rng.randint(100000, 900000))
        sy(lt, f"python3[{pid(key)}]", f"{lt:%Y-%m-%d %H:%M:%S},{lt.microsecond // 1000:03d} INFO etl: extracted {rows} rows from orders since {tt - timedelta(hours=1):%H:%M}")
        lt2 = lt + timedelta(seconds=rng.randint(3, 20), microseconds=rng.randint(0, 999999))
        sy(lt2, f"python3[{pid(key)}]", f"{lt2:%Y-%m-%d %H:%M:%S},{lt2.microsecond // 1000:03d} INFO etl: loaded {rows} rows into warehouse.orders_fact")
        end = lt2 + timedelta(microseconds=rng.randint(100000, 600000))
        sd(end, "reports-etl.service: Deactivated successfully.")
        sd(end + timedelta(microseconds=240), "Finished reports-etl.service - Hourly orders ETL.")
        sd(end + timedelta(microseconds=400),
           f"reports-etl.service: Consumed {rng.randint(3, 19)}.{rng.randint(0, 999):03d}s CPU time, {rng.randint(90, 480)}.{rng.randint(0, 9)}M memory peak, 0B memory swap peak.")
        t += timedelta(hours=1)
    # daily bits
    for t, unit, desc in ((T(6, 14, 2, 711000), "apt-daily-upgrade.service", "Daily apt upgrade and clean activities"),
                          (T(9, 41, 33, 90000), "apt-daily.service", "Daily apt download activities"),
                          (T(7, 22, 5, 402000), "systemd-tmpfiles-clean.service", "Cleanup of Temporary Directories"),
                          (T(11, 3, 48, 660000), "motd-news.service", "Message of the Day")):
        sd(t, f"Starting {unit} - {desc}...")
        sd(t + timedelta(seconds=1, microseconds=120000), f"{unit}: Deactivated successfully.")
        sd(t + timedelta(seconds=1, microseconds=120400), f"Finished {unit} - {desc}.")

    # 15:30 reports-build.service (the decoy victim)
    st = T(15, 30, 0, 8122)
    sd(st, "Starting reports-build.service - Build daily sales reports...")
    for dt_, msg in ((1.9, "INFO build: loading orders 2024-11-01..2024-11-05 (month to date)"),
                     (64.2, "INFO build: 1844120 order lines loaded, building sales_by_region"),
                     (301.7, "INFO build: sales_by_region done (38 regions), building sales_by_sku"),
                     (611.4, "WARNING build: pivot sales_by_sku has 412877 columns; this may need a lot of memory")):
        t = st + timedelta(seconds=dt_)
        sy(t, f"python3[{pid('victim')}]", f"{t:%Y-%m-%d %H:%M:%S},{t.microsecond // 1000:03d} {msg}")
    kt = DECOY_KILL
    tasks = [(391, 0, 12440, 563, 256, 307, 0, 110592, -250, "systemd-journal"),
             (433, 0, 72353, 6912, 1280, 5632, 0, 114688, -1000, "multipathd"),
             (445, 0, 6554, 1152, 384, 768, 0, 77824, -1000, "systemd-udevd"),
             (612, 102, 22820, 1408, 384, 1024, 0, 86016, 0, "systemd-resolve"),
             (701, 0, 4385, 640, 128, 512, 0, 73728, 0, "cron"),
             (703, 101, 2340, 1024, 256, 768, 0, 57344, -900, "dbus-daemon"),
             (741, 0, 55506, 1410, 512, 898, 0, 81920, 0, "rsyslogd"),
             (744, 0, 3965, 1536, 256, 1280, 0, 77824, 0, "systemd-logind"),
             (812, 0, 3042, 1664, 384, 1280, 0, 65536, -1000, "sshd"),
             (DECOY_PID, 1002, DECOY_PID, 1978086, 1900784, 1900528, 256, 0, 15540224, 0, "python3")]
    burst = [
        "python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
        f"CPU: 2 PID: {DECOY_PID} Comm: python3 Not tainted 6.8.0-48-generic #48-Ubuntu",
        "Hardware name: VMware, Inc. VMware7,1/440BX Desktop Reference Platform, BIOS VMW71.00V.21805430.B64.2305221830 05/22/2023",
        "Call Trace:",
        " <TASK>",
        " dump_stack_lvl+0x76/0xa0",
        " dump_stack+0x10/0x20",
        " dump_header+0x47/0x1f0",
        " oom_kill_process+0x118/0x280",
        " ? oom_evaluate_task+0x143/0x1e0",
        " out_of_memory+0x103/0x350",
        " __alloc_pages_may_oom+0x10c/0x1d0",
        " __alloc_pages_slowpath.constprop.0+0x420/0x9f0",
        " __alloc_pages+0x31f/0x350",
        " alloc_pages_mpol+0x91/0x210",
        " vma_alloc_folio+0x64/0xe0",
        " do_anonymous_page+0x20d/0x850",
        " __handle_mm_fault+0x8c6/0x930",
        " handle_mm_fault+0x18a/0x380",
        " do_user_addr_fault+0x169/0x670",
        " exc_page_fault+0x83/0x1b0",
        " asm_exc_page_fault+0x27/0x30",
        "RIP: 0033:0x7f3c1e3a4f4d",
        "Code: Unable to access opcode bytes at 0x7f3c1e3a4f23.",
        "RSP: 002b:00007ffd6b1e3a88 EFLAGS: 00010206",
        "RAX: 00007f3a0b6ff010 RBX: 0000000000000004 RCX: 00007f3a0b7ff000",
        "RDX: 00000000000fc3f0 RSI: 0000000000000000 RDI: 00007f3a0b702c10",
        "RBP: 00007ffd6b1e3af0 R08: 00007f3a0b6ff010 R09: 0000000000000000",
        "R10: 0000000000000022 R11: 0000000000000246 R12: 00000000000ff000",
        "R13: 0000000000000000 R14: 00007f3c1e7b1ac0 R15: 0000000000000001",
        " </TASK>",
        "Mem-Info:",
        "active_anon:1224 inactive_anon:1909381 isolated_anon:0",
        " active_file:96 inactive_file:118 isolated_file:0",
        " unevictable:0 dirty:0 writeback:0",
        " slab_reclaimable:9120 slab_unreclaimable:21577",
        " mapped:393 shmem:1220 pagetables:5209",
        " sec_pagetables:0 bounce:0",
        " kernel_misc_reclaimable:0",
        " free:25230 free_pcp:63 free_cma:0",
        "Node 0 active_anon:4896kB inactive_anon:7637524kB active_file:384kB inactive_file:472kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:1572kB dirty:0kB writeback:0kB shmem:4880kB shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:0kB writeback_tmp:0kB kernel_stack:3744kB pagetables:20836kB sec_pagetables:0kB all_unreclaimable? yes",
        "Node 0 DMA free:14336kB boost:0kB min:128kB low:160kB high:192kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15992kB managed:15360kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
        "lowmem_reserve[]: 0 2911 7868 7868 7868",
        "Node 0 DMA32 free:44760kB boost:0kB min:24580kB low:30724kB high:36868kB reserved_highatomic:0KB active_anon:0kB inactive_anon:2933544kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:3129216kB managed:3013412kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB",
        "lowmem_reserve[]: 0 0 4956 4956 4956",
        "Node 0 Normal free:41824kB boost:0kB min:41848kB low:52308kB high:62768kB reserved_highatomic:0KB active_anon:4896kB inactive_anon:4703980kB active_file:384kB inactive_file:472kB unevictable:0kB writepending:0kB present:5242880kB managed:5075364kB mlocked:0kB bounce:0kB free_pcp:252kB local_pcp:0kB free_cma:0kB",
        "lowmem_reserve[]: 0 0 0 0 0",
        "Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 1*2048kB (M) 3*4096kB (M) = 14336kB",
        "Node 0 DMA32: 6*4kB (UM) 5*8kB (UM) 3*16kB (M) 4*32kB (UM) 3*64kB (M) 3*128kB (UM) 2*256kB (M) 3*512kB (UM) 2*1024kB (M) 3*2048kB (M) 8*4096kB (M) = 44760kB",
        "Node 0 Normal: 344*4kB (UME) 251*8kB (UME) 180*16kB (UME) 112*32kB (UME) 61*64kB (UME) 29*128kB (UM) 16*256kB (UM) 6*512kB (UM) 2*1024kB (M) 2*2048kB (M) 0*4096kB = 41824kB",
        "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB",
        "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
        "1434 total pagecache pages",
        "0 pages in swap cache",
        "Free swap  = 0kB",
        "Total swap = 0kB",
        "2097018 pages RAM",
        "0 pages HighMem/MovableOnly",
        "56233 pages reserved",
        "0 pages hwpoisoned",
        "Tasks state (memory values in pages):",
        "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
    ]
    for row in tasks:
        if len(row) == 10:
            p_, uid, vm, rss, ra, rf, rs_, pgb, adj, name = row
            tg = p_
        else:
            p_, uid, tg, vm, rss, ra, rf, rs_, pgb, adj, name = row
        burst.append(f"[{p_:7d}] {uid:5d} {tg:5d} {vm:8d} {rss:8d} {ra:8d} {rf:8d} {rs_:9d} {pgb:8d} {0:8d}         {adj:5d} {name}")
    burst.append("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
                 f"task_memcg=/system.slice/reports-build.service,task=python3,pid={DECOY_PID},uid=1002")
    b0 = kt - timedelta(microseconds=len(burst) * 210)
    for j, msg in enumerate(burst):
        kern(b0 + timedelta(microseconds=j * 210), msg)
    kern(kt, f"Out of memory: Killed process {DECOY_PID} (python3) total-vm:7912344kB, anon-rss:7602112kB, file-rss:1024kB, shmem-rss:0kB, UID:1002 pgtables:15176kB oom_score_adj:0")
    kern(kt + timedelta(microseconds=212904),
         f"oom_reaper: reaped process {DECOY_PID} (python3), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB")
    sd(kt + timedelta(microseconds=5102), "reports-build.service: A process of this unit has been killed by the OOM killer.")
    sd(kt + timedelta(microseconds=231455), "reports-build.service: Main process exited, code=killed, status=9/KILL")
    sd(kt + timedelta(microseconds=231790), "reports-build.service: Failed with result 'oom-kill'.")
    sd(kt + timedelta(microseconds=232011), "Failed to start reports-build.service - Build daily sales reports.")
    sd(kt + timedelta(microseconds=232250),
       "reports-build.service: Consumed 10min 58.412s CPU time, 7.3G memory peak, 0B memory swap peak.")

    # the file starts where rsyslog reopened it after the midnight rotation
    events = [e for e in s.resolve() if BATCH01_START <= e.t <= BATCH01_END]
    return "\n".join(e.text for e in events) + "\n"


# --------------------------------------------------------------------------
# hosts: for `rstscope import --hosts`; beside logs/, not in it
# --------------------------------------------------------------------------

HOSTS_FILE = """\
# /etc/hosts-style map for the oom-api sample bundle (rstscope import --hosts).
# How the addresses and DNS names that appear in the logs map to the hosts whose
# logs are in this bundle. Format: IP canonical-name alias...
#
# client01 (OrderSync) calls http://api01.corp.example:8080/v1/orders.
# batch01 is unrelated to that traffic; its logs are in the bundle only because
# the collection script grabbed every host of the "orders" environment.
10.20.0.11      api01       api01.corp.example
10.20.0.21      client01    client01.corp.example
10.20.0.30      batch01     batch01.corp.example
"""


# --------------------------------------------------------------------------

def main(check=False):
    polls, retries = build_traffic()
    day1, day2 = client_logs(polls, retries)
    write(os.path.join(SRC, "client01", "ordersync-20241104.log"), day1, crlf=True, bom=True)
    write(os.path.join(LOGS, "client01", "OrderSync", "logs", "ordersync-20241105.log"), day2,
          crlf=True, bom=True)

    events, victims, new_pids = api01_stream(polls, retries)
    texts, last = api01_files(events)
    base = os.path.join(SRC, "api01", "var", "log")
    for name, text in texts.items():
        path = os.path.join(base, "orders-api", name) if name == "api.json" else os.path.join(base, name)
        write(path, text)
    member = {"syslog.2": "var/log/syslog.2.gz", "syslog.1": "var/log/syslog.1",
              "syslog": "var/log/syslog", "auth.log": "var/log/auth.log",
              "api.json": "var/log/orders-api/api.json"}
    write(os.path.join(SRC, "api01", "MTIMES"),
          "# member mtime (UTC) = time of the member's last line; read by make-sample-bundles\n"
          + "".join(f"{on_api01(last[name]):%Y-%m-%d %H:%M:%S} {member[name]}\n"
                    for name in sorted(member, key=lambda n: member[n])))

    write(os.path.join(LOGS, "batch01", "var", "log", "syslog"), batch01_syslog())
    write(os.path.join(OUT, "hosts"), HOSTS_FILE)
    bad = 0
    for path, raw in sorted(OUTPUT.items()):
        if check:
            if not os.path.exists(path) or open(path, "rb").read() != raw:
                print(f"differs: {os.path.relpath(path, ROOT)}")
                bad = 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(raw)
    if not check:
        print("victim pids:", victims, "new pids:", new_pids)
    return bad


if __name__ == "__main__":
    import sys
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit(f"usage: {sys.argv[0]} [--check]   (--check: fail if a file it writes differs on disk)")
    sys.exit(main(check=sys.argv[1:] == ["--check"]))
