#!/usr/bin/env python3
"""Deterministic generator of large realistic log files for benchmarks.

usage: bench/generate.py --lines N --format FORMAT --out FILE [--seed S]

FORMAT: syslog (RFC 3164 with kernel, systemd, sshd, cron and app lines, OOM
bursts and resets mixed in), nginx_error, access_log, json_lines, app_text
(Serilog with .NET stack traces), mixed (all of them interleaved in one file
is not realistic, so 'mixed' writes one file per format under --out as a
directory, splitting N lines between them).
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--format", required=True, choices=sorted(GENERATORS) + ["mixed"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
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
