#!/usr/bin/env python3
"""Deterministic generator of large realistic log files for benchmarks.

usage: bench/generate.py --lines N --format FORMAT --out FILE [--seed S]
                         [--files F] [--skip-lines M]

FORMAT: bundle (a realistic support bundle: a directory of per-host logs in all the
formats below plus dmesg -T, kernel lines in syslog style and HAProxy httplog/tcplog
with termination flags; plain, .gz and a .tar.gz; incidents (OOM kills, segfaults,
restarts, SYN floods, health-check DOWN, hung backends) with the resets they cause;
and --out.hosts for `rstscope import --hosts`. --files F writes the same lines as
about F small files; --skip-lines M writes the continuation of a bundle after its
first M lines, for append benchmarks), syslog (RFC 3164 with kernel, systemd, sshd, cron and app lines, OOM
bursts and resets mixed in), nginx_error, access_log, json_lines, app_text
(Serilog with .NET stack traces), mixed (all of them interleaved in one file
is not realistic, so 'mixed' writes one file per format under --out as a
directory, splitting N lines between them; kept as it was so that figures stay
comparable with earlier runs).
The same arguments always produce the same bytes.
"""
import argparse
import os
import random

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HOSTS = ["api01", "api02", "web01", "db01", "batch01"]
START = 1730764800  # 2024-11-05T00:00:00Z


def civil(ts):
    import time
    t = time.gmtime(ts)
    return t


def syslog_lines(rng, n):
    ts = START
    out = []
    pid = 4000
    i = 0
    while i < n:
        ts += rng.random() * 0.2
        t = civil(int(ts))
        head = "%s %2d %02d:%02d:%02d %s " % (MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min,
                                              t.tm_sec, rng.choice(HOSTS))
        r = rng.random()
        if r < 0.0005:
            pid += 1
            out.append(head + "kernel: [%d.%06d] dotnet invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0" % (int(ts) % 100000, rng.randrange(10**6)))
            out.append(head + "kernel: [%d.%06d] Memory cgroup out of memory: Killed process %d (dotnet) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:%dkB oom_score_adj:0" % (int(ts) % 100000, rng.randrange(10**6), pid, rng.randrange(10**6, 10**7), rng.randrange(10**5, 10**6), rng.randrange(1000, 9000)))
            out.append(head + "systemd[1]: orders-api.service: Main process exited, code=killed, status=9/KILL")
            out.append(head + "systemd[1]: orders-api.service: Failed with result 'oom-kill'.")
            i += 4
            continue
        if r < 0.05:
            line = "sshd[%d]: Accepted publickey for deploy from 10.20.%d.%d port %d ssh2: ED25519 SHA256:%032x" % (rng.randrange(1000, 60000), rng.randrange(256), rng.randrange(256), rng.randrange(1024, 65535), rng.getrandbits(128))
        elif r < 0.1:
            line = "CRON[%d]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)" % rng.randrange(1000, 60000)
        elif r < 0.15:
            line = "systemd[1]: Started Session %d of User deploy." % rng.randrange(1, 9999)
        elif r < 0.17:
            line = "kernel: [%d.%06d] TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters." % (int(ts) % 100000, rng.randrange(10**6))
        elif r < 0.2:
            line = "orders-api[%d]: warn: Orders.Client[0] upstream call failed: System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer." % pid
        else:
            line = "orders-api[%d]: info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://api01:8080/v1/orders/%d - 200 %d application/json %.4fms" % (pid, rng.randrange(10**6), rng.randrange(100, 99999), rng.random() * 100)
        out.append(head + line)
        i += 1
    return out[:n]


def nginx_error_lines(rng, n):
    ts = START
    out = []
    for i in range(n):
        ts += rng.random() * 0.5
        t = civil(int(ts))
        stamp = "%04d/%02d/%02d %02d:%02d:%02d" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
        cid = 100000 + i
        r = rng.random()
        if r < 0.3:
            msg = "upstream prematurely closed connection while reading response header from upstream"
        elif r < 0.6:
            msg = "recv() failed (104: Connection reset by peer) while reading response header from upstream"
        elif r < 0.8:
            msg = "upstream timed out (110: Connection timed out) while reading response header from upstream"
        else:
            msg = "connect() failed (111: Connection refused) while connecting to upstream"
        out.append('%s [error] %d#%d: *%d %s, client: 10.1.%d.%d, server: api.example.com, request: "POST /v1/orders/%d HTTP/1.1", upstream: "http://10.20.0.%d:8080/v1/orders/%d", host: "api.example.com"' % (stamp, 2211, 2211, cid, msg, rng.randrange(256), rng.randrange(256), i, rng.randrange(10, 20), i))
    return out


def access_lines(rng, n):
    ts = START
    out = []
    for i in range(n):
        ts += rng.random() * 0.05
        t = civil(int(ts))
        stamp = "%02d/%s/%04d:%02d:%02d:%02d +0000" % (t.tm_mday, MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)
        status = rng.choice([200] * 30 + [201, 204, 301, 404, 499, 502, 504])
        out.append('10.1.%d.%d - - [%s] "GET /v1/orders/%d?page=%d HTTP/1.1" %d %d "-" "OrderSync/2.4 (+https://corp.example)"' % (rng.randrange(256), rng.randrange(256), stamp, rng.randrange(10**6), rng.randrange(50), status, rng.randrange(100, 50000)))
    return out


def json_lines(rng, n):
    ts = START
    out = []
    for i in range(n):
        ts += rng.random() * 0.05
        t = civil(int(ts))
        stamp = "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int((ts % 1) * 1e6))
        level = rng.choice(["info"] * 8 + ["warn", "error"])
        out.append('{"time":"%s","level":"%s","logger":"orders.worker","msg":"processed batch %d in %d ms","batch":%d,"host":"%s"}' % (stamp, level, i, rng.randrange(1, 900), i, rng.choice(HOSTS)))
    return out


def app_text_lines(rng, n):
    ts = START
    out = []
    i = 0
    while len(out) < n:
        ts += rng.random() * 0.5
        t = civil(int(ts))
        stamp = "%04d-%02d-%02d %02d:%02d:%02d.%03d +00:00" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int((ts % 1) * 1000))
        i += 1
        if rng.random() < 0.05:
            out.append("%s [ERR] Failed to push order %d to https://api01.corp.example/v1/orders" % (stamp, i))
            out.append("System.Net.Http.HttpRequestException: An error occurred while sending the request.")
            out.append(" ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..")
            out.append(" ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.")
            out.append("   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)")
            out.append("   --- End of inner exception stack trace ---")
            out.append("   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)")
        else:
            out.append("%s [INF] Pushed order %d in %d ms" % (stamp, i, rng.randrange(1, 500)))
    return out[:n]


GENERATORS = {
    "syslog": (syslog_lines, "syslog"),
    "nginx_error": (nginx_error_lines, "error.log"),
    "access_log": (access_lines, "access.log"),
    "json_lines": (json_lines, "app.json"),
    "app_text": (app_text_lines, "ordersync.log"),
}


# --- bundle: a realistic support bundle -------------------------------------------------------
#
# One directory per host, as a support bundle is laid out, every file in time order:
#   api01/var/log/syslog          RFC 3164 (kernel, systemd, sshd, cron, the .NET orders-api)
#   api02/var/log/syslog.gz       the same for api02, gzip
#   api02/dmesg.txt               dmesg -T (kernel ring buffer, wall-clock stamps)
#   db01/var/log/kern.log         kernel lines in syslog style (UFW, EXT4, audit, conntrack)
#   lb01/var/log/haproxy.log      HAProxy 2.x option httplog / tcplog via syslog, with termination
#                                 flags (---- normally, SD--/SH-- when a backend dies mid-request,
#                                 sD-- on timeout server, CD--/cD-- client side), DOWN/UP events
#   batch01/logs/ordersync.log.gz Serilog text with .NET exception chains and stack traces
#   bundle.tar.gz                 web01/var/log/nginx/access.log (combined), error.log (nginx
#                                 error log), worker01/logs/worker.json (JSON lines, Go errors)
# plus DIR.hosts (/etc/hosts syntax, for `rstscope import --hosts`).
#
# Log time runs at a fixed rate (1 M lines = 12 h from 2024-11-05T00:00Z), so 10x the lines is
# 10x the span, not 10x the density. Every 5 minutes of log time on average an incident hits
# api01 or api02: an OOM kill, a segfault, a deliberate restart, SYN flooding, a health-check
# DOWN, or a hung backend (HAProxy sD-- timeouts); the requests in flight through lb01 and web01
# end in resets seen by HAProxy, nginx, the Serilog client and the JSON worker. A few unexplained
# resets are scattered in between.
import gzip
import math
import tarfile
import time

RATE = 1_000_000 / 43200.0
HOST_IP = {"lb01": "10.20.0.2", "web01": "10.20.0.5", "api01": "10.20.0.11", "api02": "10.20.0.12",
           "db01": "10.20.0.31", "batch01": "10.30.0.21", "worker01": "10.30.0.22"}
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

# (stream, share of the lines, path in the bundle, container)
STREAMS = [
    ("syslog_api01", 0.17, "api01/var/log/syslog", "plain"),
    ("syslog_api02", 0.13, "api02/var/log/syslog.gz", "gz"),
    ("dmesg_api02", 0.02, "api02/dmesg.txt", "plain"),
    ("kern_db01", 0.03, "db01/var/log/kern.log", "plain"),
    ("haproxy_lb01", 0.15, "lb01/var/log/haproxy.log", "plain"),
    ("serilog_batch01", 0.12, "batch01/logs/ordersync.log.gz", "gz"),
    ("access_web01", 0.20, "web01/var/log/nginx/access.log", "tar"),
    ("nginx_error_web01", 0.06, "web01/var/log/nginx/error.log", "tar"),
    ("json_worker01", 0.12, "worker01/logs/worker.json", "tar"),
]
TAR_NAME = "bundle.tar.gz"

_tm_cache = [None, None]


def _tm(ts):
    s = int(ts)
    if _tm_cache[0] != s:
        _tm_cache[0] = s
        _tm_cache[1] = time.gmtime(s)
    return _tm_cache[1]


def st_syslog(ts):
    t = _tm(ts)
    return "%s %2d %02d:%02d:%02d" % (MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def st_clf(ts):
    t = _tm(ts)
    return "%02d/%s/%04d:%02d:%02d:%02d" % (t.tm_mday, MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)


def st_haproxy(ts):
    return "%s.%03d" % (st_clf(ts), int((ts % 1) * 1000))


def st_nginx(ts):
    t = _tm(ts)
    return "%04d/%02d/%02d %02d:%02d:%02d" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def st_serilog(ts):
    t = _tm(ts)
    return "%04d-%02d-%02d %02d:%02d:%02d.%03d +00:00" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min,
                                                          t.tm_sec, int((ts % 1) * 1000))


def st_iso(ts):
    t = _tm(ts)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                                                     int((ts % 1) * 1e6))


def st_dmesg(ts):
    t = _tm(ts)
    return "[%s %s %2d %02d:%02d:%02d %04d]" % (DAYS[t.tm_wday], MONTHS[t.tm_mon - 1], t.tm_mday, t.tm_hour,
                                                 t.tm_min, t.tm_sec, t.tm_year)


class Bundle:
    def __init__(self, lines, seed, skip):
        self.t0 = START + skip / RATE
        self.t1 = self.t0 + lines / RATE
        self.boot = self.t0 - 3 * 86400 - 1234.5
        self.seed = seed
        self.skip = skip
        self.pids = {"api01": 4100, "api02": 5200}
        self.restarts = {"api01": 0, "api02": 0}

    def rng(self, name):
        return random.Random("%d:%d:%s" % (self.seed, self.skip, name))

    def uptime(self, ts):
        return "[%5d.%06d]" % (int(ts - self.boot), int((ts % 1) * 1e6))

    # Incidents: per stream, a time-ordered list of (ts, lines, pid change or None).
    def incidents(self):
        rng = self.rng("incidents")
        n = int((self.t1 - self.t0) / 300)
        times = sorted(self.t0 + rng.random() * (self.t1 - self.t0) for _ in range(n))
        per = {s[0]: [] for s in STREAMS}
        for t in times:
            what = rng.choices(["oom", "crash", "restart", "overload", "down", "timeout"], [35, 20, 15, 10, 10, 10])[0]
            self.incident(rng, per, t, what, rng.choice(["api01", "api02"]))
        for v in per.values():
            v.sort(key=lambda e: e[0])
        return per

    def incident(self, rng, per, t, what, host):
        sysl = per["syslog_" + host]
        pid = self.pids[host]
        ip = HOST_IP[host]

        def sl(ts, tag, msg):
            return (ts, ["%s %s %s: %s" % (st_syslog(ts), host, tag, msg)], None)

        def kern(ts, msg):
            sysl.append(sl(ts, "kernel", "%s %s" % (self.uptime(ts), msg))[:2] + (None,))
            if host == "api02":
                per["dmesg_api02"].append((ts, ["%s %s" % (st_dmesg(ts), msg)], None))

        dies = what in ("oom", "crash", "restart")
        if what == "oom":
            kern(t - 0.004, "dotnet invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0")
            kern(t - 0.002, "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/system.slice/orders-api.service,task_memcg=/system.slice/orders-api.service,task=dotnet,pid=%d,uid=998" % pid)
            kern(t, "Memory cgroup out of memory: Killed process %d (dotnet) total-vm:%dkB, anon-rss:%dkB, file-rss:0kB, shmem-rss:0kB, UID:998 pgtables:%dkB oom_score_adj:0" % (pid, rng.randrange(10**6, 10**7), rng.randrange(10**5, 10**6), rng.randrange(1000, 9000)))
            sysl.append(sl(t + 0.05, "systemd[1]", "orders-api.service: Main process exited, code=killed, status=9/KILL"))
            sysl.append(sl(t + 0.06, "systemd[1]", "orders-api.service: Failed with result 'oom-kill'."))
        elif what == "crash":
            kern(t, "dotnet[%d]: segfault at 0 ip 00007f%08x sp 00007ffd%08x error 4 in libcoreclr.so[7f%07x000+4a0000]" % (pid, rng.getrandbits(32), rng.getrandbits(32), rng.getrandbits(24)))
            sysl.append(sl(t + 0.2, "systemd[1]", "orders-api.service: Main process exited, code=dumped, status=11/SEGV"))
            sysl.append(sl(t + 0.21, "systemd[1]", "orders-api.service: Failed with result 'core-dump'."))
        elif what == "restart":
            sysl.append(sl(t - 0.3, "sudo", "  deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart orders-api"))
            sysl.append(sl(t - 0.2, "systemd[1]", "Stopping Orders API..."))
            sysl.append(sl(t - 0.1, "orders-api[%d]" % pid, "info: Microsoft.Hosting.Lifetime[0] Application is shutting down..."))
            sysl.append(sl(t, "systemd[1]", "orders-api.service: Deactivated successfully."))
            sysl.append(sl(t + 0.01, "systemd[1]", "Stopped Orders API."))
        elif what == "overload":
            for k in range(rng.randrange(2, 5)):
                kern(t + k * 0.7, "TCP: request_sock_TCP: Possible SYN flooding on port 8080. Sending cookies.  Check SNMP counters.")
        elif what == "down":
            reason = rng.choice(['Layer4 timeout, check duration: 2001ms', 'Layer4 connection problem, info: "Connection refused", check duration: 0ms',
                                 'Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: 3ms'])
            per["haproxy_lb01"].append((t, ["%s lb01 haproxy[2201]: Server be_api/%s is DOWN, reason: %s. 1 active and 0 backup servers left. %d sessions active, 0 requeued, 0 remaining in queue." % (st_syslog(t), host, reason, rng.randrange(0, 20))], None))
            tu = t + rng.uniform(10, 90)
            per["haproxy_lb01"].append((tu, ["%s lb01 haproxy[2201]: Server be_api/%s is UP, reason: Layer7 check passed, code: 200, check duration: 2ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue." % (st_syslog(tu), host)], None))
        if dies:
            newpid = pid + rng.randrange(3, 40)
            self.pids[host] = newpid
            self.restarts[host] += 1
            ts = t + (0.05 if what == "restart" else 5.1)
            if what != "restart":
                sysl.append(sl(ts - 0.01, "systemd[1]", "orders-api.service: Scheduled restart job, restart counter is at %d." % self.restarts[host]))
                sysl.append(sl(ts, "systemd[1]", "Stopped Orders API."))
            sysl.append(sl(ts + 0.01, "systemd[1]", "Started Orders API."))
            sysl.append((ts + 1.9, ["%s %s orders-api[%d]: info: Microsoft.Hosting.Lifetime[14] Now listening on: http://[::]:8080" % (st_syslog(ts + 1.9), host, newpid)], (host, newpid)))
        # The requests in flight through lb01 and web01 when it happened.
        if dies or what == "timeout":
            for _ in range(rng.randrange(3, 14)):
                tr = t + rng.uniform(0, 1.2) if dies else t + rng.uniform(0, 20)
                self.proxied_failure(rng, per, tr, host, "timeout" if what == "timeout" else "reset")
            for _ in range(rng.randrange(1, 6) if dies else 0):
                tr = t + rng.uniform(0, 1.0)
                self.nginx_failure(rng, per, tr, host)
        elif what == "overload":
            for _ in range(rng.randrange(1, 5)):
                self.proxied_failure(rng, per, t + rng.uniform(0, 2.5), host, "reset")

    def proxied_failure(self, rng, per, t, host, how):
        client = rng.choice(["batch01", "worker01", "worker01"])
        cport = rng.randrange(32768, 60999)
        accept = t - rng.uniform(0.05, 3.0) if how == "reset" else t - 30.0
        path = "/v1/orders/%d" % rng.randrange(10**6)
        method = rng.choice(["POST", "GET"])
        if how == "timeout":
            flags, status, timers, size = "sD--", 504, "0/0/1/-1/30001", 194
        elif rng.random() < 0.75:
            flags, status, timers, size = "SD--", 502, "0/0/1/-1/%d" % int((t - accept) * 1000), 217
        else:
            flags, status, timers, size = "SH--", 502, "0/0/1/-1/%d" % int((t - accept) * 1000), 217
        per["haproxy_lb01"].append((t, ['%s lb01 haproxy[2201]: %s:%d [%s] fe_api~ be_api/%s %s %d %d - - %s %d/%d/%d/%d/0 0/0 "%s %s HTTP/1.1"' % (
            st_syslog(t), HOST_IP[client], cport, st_haproxy(accept), host, timers, status, size, flags,
            rng.randrange(20, 90), rng.randrange(20, 90), rng.randrange(1, 20), rng.randrange(1, 10), method, path)], None))
        tc = t + rng.uniform(0.001, 0.02)
        if client == "worker01":
            if flags == "SD--":
                err = "read tcp %s:%d->%s:443: read: connection reset by peer" % (HOST_IP[client], cport, HOST_IP["lb01"])
            elif flags == "SH--":
                err = "unexpected status 502 Bad Gateway from https://lb01.corp.example%s" % path
            else:
                err = "unexpected status 504 Gateway Timeout from https://lb01.corp.example%s" % path
            per["json_worker01"].append((tc, ['{"time":"%s","level":"error","logger":"orders.worker","msg":"upstream call failed","error":"%s","host":"worker01","service":"orders-worker","pid":3117}' % (st_iso(tc), err)], None))
        else:
            stamp = st_serilog(tc)
            if flags == "SD--":
                per["serilog_batch01"].append((tc, [
                    "%s [ERR] Failed to push order %d to https://lb01.corp.example%s" % (stamp, rng.randrange(10**6), path),
                    "System.Net.Http.HttpRequestException: An error occurred while sending the request.",
                    " ---> System.IO.IOException: Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host..",
                    " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.",
                    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)",
                    "   at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource<System.Int32>.GetResult(Int16 token)",
                    "   at System.Net.Security.SslStream.EnsureFullTlsFrameAsync[TIOAdapter](CancellationToken cancellationToken)",
                    "   --- End of inner exception stack trace ---",
                    "   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage request, Boolean async, CancellationToken cancellationToken)",
                    "   at OrderSync.Pusher.PushAsync(Order order) in /src/OrderSync/Pusher.cs:line 88"], None))
            else:
                per["serilog_batch01"].append((tc, [
                    "%s [WRN] Push of order %d to https://lb01.corp.example%s returned %d, will retry" % (stamp, rng.randrange(10**6), path, status)], None))

    def nginx_failure(self, rng, per, t, host):
        cip = "10.1.%d.%d" % (rng.randrange(256), rng.randrange(1, 255))
        path = "/v1/orders/%d" % rng.randrange(10**6)
        msg = rng.choice(["upstream prematurely closed connection while reading response header from upstream",
                          "recv() failed (104: Connection reset by peer) while reading response header from upstream"])
        per["nginx_error_web01"].append((t, ['%s [error] 2211#2211: *%d %s, client: %s, server: api.example.com, request: "POST %s HTTP/1.1", upstream: "http://%s:8080%s", host: "api.example.com"' % (
            st_nginx(t), rng.randrange(10**6, 10**7), msg, cip, path, HOST_IP[host], path)], None))
        per["access_web01"].append((t + 0.001, ['%s - - [%s +0000] "POST %s HTTP/1.1" 502 157 "-" "OrderSync/2.4 (+https://corp.example)"' % (
            cip, st_clf(t + 0.001), path)], None))

    # Background: one record (list of lines) at ts.
    def bg_syslog(self, host):
        def gen(rng, ts):
            r = rng.random()
            head = "%s %s " % (st_syslog(ts), host)
            pid = self.pids[host]
            if r < 0.55:
                return [head + "orders-api[%d]: info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 %s http://%s:8080/v1/orders/%d - %d %d application/json %.4fms" % (
                    pid, rng.choice(["GET", "GET", "POST"]), host, rng.randrange(10**6), rng.choice([200] * 20 + [201, 404, 409]), rng.randrange(100, 99999), rng.random() * 100)]
            if r < 0.63:
                return [head + "orders-api[%d]: info: Microsoft.EntityFrameworkCore.Database.Command[20101] Executed DbCommand (%dms) [Parameters=[@__id_0='?' (DbType = Int32)], CommandType='Text', CommandTimeout='30']" % (pid, rng.randrange(1, 80))]
            if r < 0.66:
                return [head + "orders-api[%d]: warn: Orders.Inventory[0] Stock service slow: %d ms for sku %d" % (pid, rng.randrange(500, 3000), rng.randrange(10**5))]
            if r < 0.72:
                if rng.random() < 0.5:
                    return [head + "sshd[%d]: Accepted publickey for deploy from 10.9.%d.%d port %d ssh2: ED25519 SHA256:%032x" % (rng.randrange(1000, 60000), rng.randrange(256), rng.randrange(256), rng.randrange(1024, 65535), rng.getrandbits(128))]
                return [head + "sshd[%d]: Disconnected from user deploy 10.9.%d.%d port %d" % (rng.randrange(1000, 60000), rng.randrange(256), rng.randrange(256), rng.randrange(1024, 65535))]
            if r < 0.79:
                return [head + "CRON[%d]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)" % rng.randrange(1000, 60000)]
            if r < 0.86:
                n = rng.randrange(1, 9999)
                if rng.random() < 0.5:
                    return [head + "systemd[1]: Started Session %d of User deploy." % n]
                return [head + "systemd[1]: session-%d.scope: Deactivated successfully." % n]
            if r < 0.90:
                return [head + "kernel: %s audit: type=1400 audit(%d.%03d:%d): apparmor=\"DENIED\" operation=\"open\" profile=\"/usr/sbin/chronyd\" name=\"/etc/ssl/openssl.cnf\" pid=%d comm=\"chronyd\" requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0" % (
                    self.uptime(ts), int(ts), rng.randrange(1000), rng.randrange(10**5), rng.randrange(300, 900))]
            if r < 0.93:
                return [head + "systemd-journald[%d]: Data hash table of /var/log/journal/%032x/system.journal has a fill level at 75.0 (%d of %d items, 25165824 file size, 8388608 bytes per hash table item), suggesting rotation." % (rng.randrange(200, 400), rng.getrandbits(128), rng.randrange(10**5, 10**6), 10**6)]
            if r < 0.96:
                return [head + "chronyd[%d]: Selected source 10.9.0.%d (ntp.corp.example)" % (rng.randrange(300, 900), rng.randrange(1, 4))]
            if r < 0.999:
                return [head + "dhclient[%d]: DHCPACK of %s from 10.20.0.1 (xid=0x%08x)" % (rng.randrange(300, 900), HOST_IP[host], rng.getrandbits(32))]
            return [head + "orders-api[%d]: fail: Orders.Client[0] call to stock service failed: System.IO.IOException: Unable to read data from the transport connection: Connection reset by peer." % pid]
        return gen

    def bg_dmesg(self, rng, ts):
        r = rng.random()
        if r < 0.4:
            msg = "audit: type=1400 audit(%d.%03d:%d): apparmor=\"DENIED\" operation=\"open\" profile=\"/usr/sbin/chronyd\" name=\"/etc/ssl/openssl.cnf\" pid=%d comm=\"chronyd\" requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0" % (int(ts), rng.randrange(1000), rng.randrange(10**5), rng.randrange(300, 900))
        elif r < 0.6:
            msg = "IPv4: martian source 10.20.0.%d from 10.20.0.%d, on dev eth0" % (rng.randrange(2, 250), rng.randrange(2, 250))
        elif r < 0.8:
            msg = "EXT4-fs (sda1): mounted filesystem %08x-%04x-%04x-%04x-%012x r/w with ordered data mode. Quota mode: none." % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))
        elif r < 0.95:
            msg = "perf: interrupt took too long (%d > %d), lowering kernel.perf_event_max_sample_rate to %d" % (rng.randrange(2500, 9000), 2500, rng.randrange(20000, 80000))
        else:
            msg = "hrtimer: interrupt took %d ns" % rng.randrange(10**5, 10**7)
        return ["%s %s" % (st_dmesg(ts), msg)]

    def bg_kern(self, rng, ts):
        head = "%s db01 kernel: %s " % (st_syslog(ts), self.uptime(ts))
        r = rng.random()
        if r < 0.6:
            return [head + "[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=10.9.%d.%d DST=10.20.0.31 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=%d DF PROTO=TCP SPT=%d DPT=%d WINDOW=64240 RES=0x00 SYN URGP=0" % (
                rng.randrange(256), rng.randrange(256), rng.randrange(65536), rng.randrange(32768, 61000), rng.choice([22, 3306, 5432, 6379, 9200]))]
        if r < 0.8:
            return [head + "audit: type=1400 audit(%d.%03d:%d): apparmor=\"DENIED\" operation=\"open\" profile=\"/usr/lib/postgresql/15/bin/postgres\" name=\"/proc/%d/oom_score_adj\" pid=%d comm=\"postgres\" requested_mask=\"w\" denied_mask=\"w\" fsuid=105 ouid=105" % (
                int(ts), rng.randrange(1000), rng.randrange(10**5), rng.randrange(1000, 9999), rng.randrange(1000, 9999))]
        if r < 0.97:
            return [head + "EXT4-fs (nvme0n1p2): re-mounted %08x-%04x-%04x-%04x-%012x. Quota mode: none." % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))]
        return [head + "nf_conntrack: nf_conntrack: table full, dropping packet"]

    def bg_haproxy(self, rng, ts):
        head = "%s lb01 haproxy[2201]: " % st_syslog(ts)
        r = rng.random()
        client = rng.choice(["batch01", "worker01", "10.30.1.%d" % rng.randrange(11, 61)])
        cip = HOST_IP.get(client, client)
        cport = rng.randrange(32768, 60999)
        if r < 0.93:
            tr = rng.randrange(2, 120)
            accept = ts - tr / 1000.0 - 0.002
            flags, status = "----", rng.choice([200] * 25 + [201, 204, 404, 409])
            if r > 0.925:
                flags, status = rng.choice([("CD--", 400), ("cD--", 408), ("CH--", 400)])
            return [head + '%s:%d [%s] fe_api~ be_api/%s 0/0/%d/%d/%d %d %d - - %s %d/%d/%d/%d/0 0/0 "%s /v1/orders/%d HTTP/1.1"' % (
                cip, cport, st_haproxy(accept), rng.choice(["api01", "api02"]), rng.randrange(0, 3), tr, tr + 2, status,
                rng.randrange(200, 40000), flags, rng.randrange(20, 90), rng.randrange(20, 90), rng.randrange(1, 20),
                rng.randrange(1, 10), rng.choice(["GET", "GET", "POST"]), rng.randrange(10**6))]
        # tcplog: the API servers' PostgreSQL connections through lb01
        dur = rng.randrange(1000, 600000)
        return [head + "%s:%d [%s] fe_pg be_pg/db01 0/1/%d %d -- %d/%d/%d/%d/0 0/0" % (
            HOST_IP[rng.choice(["api01", "api02"])], cport, st_haproxy(ts - dur / 1000.0), dur, rng.randrange(1000, 10**6),
            rng.randrange(1, 30), rng.randrange(1, 30), rng.randrange(1, 30), rng.randrange(1, 30))]

    def bg_serilog(self, rng, ts):
        stamp = st_serilog(ts)
        r = rng.random()
        if r < 0.85:
            return ["%s [INF] Pushed order %d in %d ms" % (stamp, rng.randrange(10**6), rng.randrange(1, 500))]
        if r < 0.95:
            return ["%s [DBG] Polling queue orders-out: %d messages" % (stamp, rng.randrange(0, 200))]
        if r < 0.99:
            return ["%s [WRN] Retrying order %d (attempt %d/5)" % (stamp, rng.randrange(10**6), rng.randrange(2, 6))]
        return ["%s [ERR] Order %d rejected by validation" % (stamp, rng.randrange(10**6)),
                "System.ComponentModel.DataAnnotations.ValidationException: The field Quantity must be between 1 and 1000.",
                "   at System.ComponentModel.DataAnnotations.Validator.ValidateObject(Object instance, ValidationContext validationContext, Boolean validateAllProperties)",
                "   at OrderSync.Pusher.Validate(Order order) in /src/OrderSync/Pusher.cs:line 41"]

    def bg_access(self, rng, ts):
        status = rng.choice([200] * 30 + [201, 204, 301, 304, 404, 499])
        return ['10.1.%d.%d - - [%s +0000] "%s /v1/orders/%d?page=%d HTTP/1.1" %d %d "-" "%s"' % (
            rng.randrange(256), rng.randrange(1, 255), st_clf(ts), rng.choice(["GET", "GET", "GET", "POST"]),
            rng.randrange(10**6), rng.randrange(50), status, rng.randrange(100, 50000),
            rng.choice(["OrderSync/2.4 (+https://corp.example)", "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "curl/8.5.0"]))]

    def bg_nginx_error(self, rng, ts):
        r = rng.random()
        cid = rng.randrange(10**6, 10**7)
        cip = "10.1.%d.%d" % (rng.randrange(256), rng.randrange(1, 255))
        if r < 0.35:
            return ['%s [warn] 2211#2211: *%d an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/%d/%02d/%010d while reading upstream, client: %s, server: api.example.com, request: "GET /v1/orders/export HTTP/1.1", upstream: "http://%s:8080/v1/orders/export", host: "api.example.com"' % (
                st_nginx(ts), cid, rng.randrange(10), rng.randrange(100), rng.randrange(10**9), cip, HOST_IP[rng.choice(["api01", "api02"])])]
        if r < 0.6:
            return ['%s [error] 2211#2211: *%d open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: %s, server: api.example.com, request: "GET /favicon.ico HTTP/1.1", host: "api.example.com"' % (st_nginx(ts), cid, cip)]
        if r < 0.85:
            return ['%s [info] 2211#2211: *%d client %s closed keepalive connection' % (st_nginx(ts), cid, cip)]
        if r < 0.97:
            return ['%s [info] 2211#2211: *%d client prematurely closed connection while reading client request body, client: %s, server: api.example.com, request: "POST /v1/orders HTTP/1.1", host: "api.example.com"' % (st_nginx(ts), cid, cip)]
        return ['%s [error] 2211#2211: *%d upstream timed out (110: Connection timed out) while reading response header from upstream, client: %s, server: api.example.com, request: "GET /v1/orders/%d HTTP/1.1", upstream: "http://%s:8080/v1/orders/%d", host: "api.example.com"' % (
            st_nginx(ts), cid, cip, rng.randrange(10**6), HOST_IP[rng.choice(["api01", "api02"])], rng.randrange(10**6))]

    def bg_json(self, rng, ts):
        r = rng.random()
        if r < 0.9:
            return ['{"time":"%s","level":"info","logger":"orders.worker","msg":"processed batch %d in %d ms","batch":%d,"items":%d,"host":"worker01","service":"orders-worker","pid":3117}' % (
                st_iso(ts), rng.randrange(10**7), rng.randrange(1, 900), rng.randrange(10**7), rng.randrange(1, 500))]
        if r < 0.99:
            return ['{"time":"%s","level":"debug","logger":"orders.queue","msg":"lease renewed","queue":"orders-in","lease_ms":%d,"host":"worker01","service":"orders-worker","pid":3117}' % (st_iso(ts), rng.randrange(1000, 30000))]
        return ['{"time":"%s","level":"warn","logger":"orders.worker","msg":"slow batch","batch":%d,"duration_ms":%d,"host":"worker01","service":"orders-worker","pid":3117}' % (st_iso(ts), rng.randrange(10**7), rng.randrange(1000, 9000))]

    def background(self, stream):
        return {
            "syslog_api01": self.bg_syslog("api01"), "syslog_api02": self.bg_syslog("api02"),
            "dmesg_api02": self.bg_dmesg, "kern_db01": self.bg_kern, "haproxy_lb01": self.bg_haproxy,
            "serilog_batch01": self.bg_serilog, "access_web01": self.bg_access,
            "nginx_error_web01": self.bg_nginx_error, "json_worker01": self.bg_json,
        }[stream]


class Sink:
    """Writes one stream's records as one file, or as files of about `chunk` lines each
    (NAME-0001.EXT ...), plain, gzip or as members of the bundle's tar.gz; every file's and
    member's mtime is the time of its last line."""

    def __init__(self, root, rel, container, chunk, tar, tmp):
        self.root, self.rel, self.container, self.chunk, self.tar, self.tmp = root, rel, container, chunk, tar, tmp
        self.f = None
        self.index = 0
        self.buf = []
        self.buf_lines = 0
        self.lines = 0

    def name(self):
        if not self.chunk:
            return self.rel
        base, gz = (self.rel[:-3], ".gz") if self.rel.endswith(".gz") else (self.rel, "")
        stem, ext = os.path.splitext(base)
        return "%s-%04d%s%s" % (stem, self.index, ext, gz)

    def open(self):
        self.index += 1
        self.cur = self.name()
        if self.container == "tar":
            self.path = os.path.join(self.tmp, "member")
        else:
            self.path = os.path.join(self.root, self.cur)
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        raw = open(self.path, "wb")
        if self.container == "gz":
            self.f = gzip.GzipFile(filename=os.path.basename(self.cur)[:-3], mode="wb", compresslevel=6, fileobj=raw, mtime=0)
            self.raw = raw
        else:
            self.f, self.raw = raw, None
        self.n = 0

    def add(self, ts, lines):
        if self.f is None:
            self.open()
        self.buf.append("\n".join(lines))
        self.n += len(lines)
        self.lines += len(lines)
        self.last = ts
        if len(self.buf) >= 4096:
            self.flush()
        if self.chunk and self.n >= self.chunk:
            self.close()

    def flush(self):
        if self.buf:
            self.f.write(("\n".join(self.buf) + "\n").encode())
            self.buf = []

    def close(self):
        if self.f is None:
            return
        self.flush()
        self.f.close()
        if self.raw:
            self.raw.close()
        mtime = int(self.last) + 1
        if self.container == "tar":
            info = tarfile.TarInfo(self.cur)
            info.size = os.path.getsize(self.path)
            info.mtime = mtime
            info.mode = 0o644
            info.uname = info.gname = "root"
            with open(self.path, "rb") as f:
                self.tar.addfile(info, f)
            os.remove(self.path)
        else:
            os.utime(self.path, (mtime, mtime))
        self.f = None


def write_bundle(out, lines, seed, skip, files):
    """The bundle of `lines` lines under `out`; `files` > 0 splits every stream into files of
    about lines/files lines (the same content in many small files); `skip` > 0 writes the part
    of a longer bundle that follows its first `skip` lines (for append benchmarks)."""
    b = Bundle(lines, seed, skip)
    os.makedirs(out, exist_ok=True)
    tmp = out + ".tmp"
    os.makedirs(tmp, exist_ok=True)
    chunk = int(math.ceil(lines / files)) if files else 0
    tar_path = os.path.join(out, TAR_NAME)
    tar_raw = open(tar_path, "wb")
    tar_gz = gzip.GzipFile(filename=TAR_NAME[:-3], mode="wb", compresslevel=6, fileobj=tar_raw, mtime=0)
    tar = tarfile.open(fileobj=tar_gz, mode="w", format=tarfile.GNU_FORMAT)
    per = b.incidents()
    total = 0
    for stream, share, rel, container in STREAMS:
        budget = int(round(lines * share))
        inc = per[stream]
        inc_lines = sum(len(e[1]) for e in inc)
        bg = b.background(stream)
        rng = b.rng(stream)
        mean_gap = (b.t1 - b.t0) / max(1, budget - inc_lines)
        sink = Sink(out, rel, container, chunk, tar, tmp)
        # the pids in the background lines follow the restarts in the incident lines
        pids_saved = dict(b.pids)
        b.pids = {"api01": 4100, "api02": 5200}
        ts = b.t0
        j = 0
        while sink.lines < budget:
            ts += rng.random() * 2 * mean_gap
            while j < len(inc) and inc[j][0] <= ts and sink.lines < budget:
                its, ilines, pid = inc[j]
                sink.add(its, ilines)
                if pid:
                    b.pids[pid[0]] = pid[1]
                j += 1
            if sink.lines < budget:
                sink.add(ts, bg(rng, ts))
        sink.close()
        b.pids = pids_saved
        total += sink.lines
    tar.close()
    tar_gz.close()
    tar_raw.close()
    end = int(b.t1) + 60
    os.utime(tar_path, (end, end))
    os.rmdir(tmp)
    with open(out + ".hosts", "w") as f:
        f.write("# hosts of the benchmark bundle (bench/generate.py --format bundle), for rstscope import --hosts\n")
        for host, ip in HOST_IP.items():
            f.write("%s %s %s.corp.example\n" % (ip, host, host))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--format", required=True, choices=sorted(GENERATORS) + ["mixed", "bundle"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--files", type=int, default=0, help="bundle: split into about this many files")
    ap.add_argument("--skip-lines", type=int, default=0, help="bundle: start after this many lines")
    args = ap.parse_args()
    if args.format == "bundle":
        write_bundle(args.out, args.lines, args.seed, args.skip_lines, args.files)
        return
    if args.format == "mixed":
        os.makedirs(args.out, exist_ok=True)
        shares = {"syslog": 0.37, "access_log": 0.25, "nginx_error": 0.08, "json_lines": 0.15, "app_text": 0.15}
        for name, share in shares.items():
            gen, fname = GENERATORS[name]
            lines = gen(random.Random(args.seed * 100 + len(name)), int(args.lines * share))
            with open(os.path.join(args.out, fname), "w") as f:
                f.write("\n".join(lines) + "\n")
        return
    gen, _ = GENERATORS[args.format]
    lines = gen(random.Random(args.seed), args.lines)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
