#!/usr/bin/env python3
"""Generate the `firewall-policy-reset` sample bundle (sample-logs/firewall-policy-reset/).

Deterministic: every random choice comes from one seeded random.Random, and no
date comes from the clock, so re-running this script rewrites byte-identical files:

    python3 scripts/sample-src/firewall-policy-reset/generate.py          # write
    python3 scripts/sample-src/firewall-policy-reset/generate.py --check  # compare only

It writes the bundle's hosts file, every log under logs/, expected-causes.tsv,
expected-skew.tsv and the "Expected findings" section of the README (computed
from the records as they are written, with their real line numbers).

The story (all times true UTC, Tuesday 2025-05-20):
  app21    ledger-sync (Go 1.22, log package, LUTC|Lmicroseconds) POSTs journal batches
           every 5 minutes to https://ledger.corp.example:8443/v1/entries (api07, in the
           data zone, behind pa-fw01), one retry after 2 s; it also reads FX rates from
           fx01 (same VLAN, no firewall) every 10 minutes.
  pa-fw01  PA-3220, PAN-OS 10.2, zones srv-app -> srv-data. Its clock is 23.96 s fast.
           Traffic logs forwarded to the syslog collector, written there raw (CSV only).
  14:02:13 the firewall team commits the App-ID migration of the srv-app -> srv-data rules:
           the port-based rule "legacy-app-to-data" (tcp-8443) is replaced by
           "app-to-data-ssl" (application ssl, service application-default = 443) and a
           cleanup rule "cleanup-app-to-data" with action reset-both. ledger-sync's TLS
           on 8443 is identified as ssl on a non-default port: every new session is reset
           on both sides right after the ClientHello (deny / reset-both / policy-deny).
  14:31:40 the rule gets service tcp-8443 added; traffic flows again.
  13:52    ledger-sync gets one reset from fx01 that nothing explains; in that second the
           firewall resets an unrelated RDP attempt (the decoy: another connection, and
           fx01 is not behind the firewall at all).
  api07    nginx in front of the ledger API (access log, combined): no request from
           app21 while the rule blocks it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
from datetime import datetime, timezone
from pathlib import Path

NAME = "firewall-policy-reset"
ROOT = Path(__file__).resolve().parents[3]
BUNDLE = ROOT / "sample-logs" / NAME
REL = f"sample-logs/{NAME}/logs"

DAY = datetime(2025, 5, 20, tzinfo=timezone.utc)
T0 = int(DAY.timestamp() * 1_000_000)


def us(h, m, s=0.0):
    return T0 + int(round(((h * 60 + m) * 60 + s) * 1_000_000))


START, END = us(13, 30), us(15, 15)
SKEW = {"app21": 0, "pa-fw01": 23_960_000, "api07": 0}

APP21, APP22, API07, FX01 = "10.20.4.21", "10.20.4.22", "10.30.2.7", "10.20.4.35"
DB09, DC01, WSUS = "10.30.2.9", "10.10.0.5", "10.10.0.12"
USERS = ["10.20.7.58", "10.20.7.61", "10.20.7.73"]

COMMIT = us(14, 2, 13.0)          # the App-ID rule set becomes active
FIXED = us(14, 31, 40.0)          # tcp-8443 added to app-to-data-ssl
FX_RESET = us(13, 52, 17.402913)  # the unexplained reset (fx01)
SERIAL = "016401002734"

rng = random.Random(20250520)


def dt(t):
    return datetime.fromtimestamp(t / 1_000_000, tz=timezone.utc)


def iso_ms(t):
    return dt(t).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt(t).microsecond // 1000:03d}Z"


def golog(t):
    return dt(t).strftime("%Y/%m/%d %H:%M:%S.%f")


def pan_ts(t):
    return dt(t).strftime("%Y/%m/%d %H:%M:%S")


def nginx_ts(t):
    return dt(t).strftime("%d/%b/%Y:%H:%M:%S +0000")


def local(host, t):
    return t + SKEW[host]


class Log:
    def __init__(self):
        self.recs = []

    def add(self, t, text, tag=None):
        self.recs.append((t, len(self.recs), text, tag))

    def render(self):
        self.recs.sort(key=lambda r: (r[0], r[1]))
        lines, tags = [], {}
        for t, _, text, tag in self.recs:
            if tag is not None:
                tags.setdefault(tag, []).append((len(lines) + 1, t))
            lines.extend(text.split("\n"))
        return lines, tags


client = Log()   # app21 ledger-sync.log
fw = Log()       # pa-fw01 traffic log (keyed by the firewall's own clock)
nginx = Log()    # api07 access.log
expect = {"resets": []}


class Ephemeral:
    """Linux hands out ports from 32768-60999, hashed per destination: look random."""

    def __init__(self):
        self.used = set()

    def next(self):
        while True:
            p = rng.randrange(32768, 61000)
            if p not in self.used:
                self.used.add(p)
                return p


ports = Ephemeral()
session = {"id": 418_233}
seqno = {"n": 7_301_884_112}


# ---------------------------------------------------------------- PAN-OS traffic log

ZONES = {"10.20.4": ("srv-app", "ethernet1/3.120"), "10.30.2": ("srv-data", "ethernet1/3.130"),
         "10.20.7": ("users", "ethernet1/2.70"), "10.10.0": ("srv-core", "ethernet1/3.110")}


def zone(ip):
    return ZONES[ip.rsplit(".", 1)[0]]


def rule_uuid(rule):
    h = hashlib.md5(rule.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def pan_traffic(t_end, t_start, subtype, src, dst, sport, dport, rule, app, proto, action, bytes_out, bytes_in,
                pk_out, pk_in, reason, user="", category="private-ip-addresses", tag=None):
    """One TRAFFIC record in the PAN-OS 10.x syslog field order (FORMATS.md §8.2), as the
    firewall writes it: both clocks are the firewall's."""
    session["id"] += rng.randrange(1, 40)
    seqno["n"] += rng.randrange(1, 60)
    lt_end, lt_start = local("pa-fw01", t_end), local("pa-fw01", t_start)
    recv = lt_end + rng.randrange(0, 900_000)
    sz, sif = zone(src)
    dz, dif = zone(dst)
    elapsed = max(0, (lt_end - lt_start) // 1_000_000)
    flags = "0x19" if action == "allow" else "0x0"
    f = ["1", pan_ts(recv), SERIAL, "TRAFFIC", subtype, "2561", pan_ts(lt_end), src, dst, "", "", rule, user, "",
         app, "vsys1", sz, dz, sif, dif, "fwd-log01", pan_ts(lt_end), str(session["id"]), "1", str(sport),
         str(dport), "0", "0", flags, proto, action, str(bytes_out + bytes_in), str(bytes_out), str(bytes_in),
         str(pk_out + pk_in), pan_ts(lt_start), str(elapsed), category, "0", str(seqno["n"]), "0x0",
         "10.0.0.0-10.255.255.255", "10.0.0.0-10.255.255.255", "0", str(pk_out), str(pk_in), reason,
         "0", "0", "0", "0", "", "pa-fw01", "from-policy", "", "", "0", "", "0", "", "N/A", "0", "0", "0", "0",
         rule_uuid(rule), "0", "0", "", "", "", "", "", "", ""]
    fw.add(recv, ",".join(f), tag)


def allowed_session(t, src, dst, dport, app, rule, dur_s, proto="tcp", reason="tcp-fin", sport=None, user=""):
    sport = sport or ports.next()
    bo = rng.randrange(900, 40_000)
    bi = rng.randrange(1_200, 90_000)
    po, pi = max(4, bo // 700), max(4, bi // 1100)
    pan_traffic(t + int(dur_s * 1_000_000), t, "end", src, dst, sport, dport, rule, app, proto, "allow", bo, bi,
                po, pi, reason, user=user)
    return sport


def rule_for_8443(t):
    if t < COMMIT:
        return "legacy-app-to-data"
    return "app-to-data-ssl"


# ---------------------------------------------------------------- ledger-sync on app21

URL = "https://ledger.corp.example:8443/v1/entries"
queue = {"n": 0}
queue_hist = [(0, 0)]   # (time, entries queued) for the metrics line


def cl(t, msg, tag=None):
    client.add(t, f"{golog(t)} {msg}", tag)


def nginx_hit(t, ip, method, path, status, size, ua, taken):
    nginx.add(t, f'{ip} - - [{nginx_ts(t)}] "{method} {path} HTTP/1.1" {status} {size} "-" "{ua}"')


def ledger_batches():
    t = START + 41_000_000
    batch = 55_120
    while t < END:
        batch += 1
        queue["n"] += rng.randrange(12, 60)
        t0 = t + rng.randrange(0, 300_000)
        queue_hist.append((t0, queue["n"]))
        cl(t0, f"batch {batch}: posting {queue['n']} journal entries to {URL}")
        tc = t0 + rng.randrange(400, 1_500)
        for attempt in (1, 2):
            sport = ports.next()
            blocked = COMMIT <= tc < FIXED
            if blocked:
                # SYN, SYN-ACK, ACK pass; the ClientHello makes App-ID say "ssl" on 8443:
                # no rule allows that any more, the cleanup rule resets both sides.
                hello = tc + rng.randrange(1_100, 2_400)
                deny = hello + rng.randrange(300, 900)
                pan_traffic(deny, tc, "deny", APP21, API07, sport, 8443, "cleanup-app-to-data", "ssl", "tcp",
                            "reset-both", 74 + 66 + rng.randrange(560, 640), 74, 3, 1, "policy-deny",
                            tag=("deny", sport))
                rt = deny + rng.randrange(250, 700)
                cl(rt, f'batch {batch}: attempt {attempt}/2: Post "{URL}": read tcp {APP21}:{sport}->{API07}:8443: '
                       "read: connection reset by peer", tag=("reset", sport))
                expect["resets"].append(dict(t=rt, port=sport, cause="firewall_block", deny_t=deny))
                if attempt == 1:
                    cl(rt + 180, f"batch {batch}: retrying in 2s")
                    tc = rt + 2_000_000 + rng.randrange(200, 900)
                else:
                    cl(rt + 210, f"batch {batch}: giving up after 2 attempts, {queue['n']} entries stay queued")
            else:
                taken = rng.randrange(40, 180) + queue["n"] // 3
                nginx_hit(tc + (taken + 18) * 1000, APP21, "POST", "/v1/entries", 201, rng.randrange(90, 140),
                          "ledger-sync/2.14.0 (go1.22.3)", taken)
                done = tc + (taken + 24) * 1000 + rng.randrange(500, 3_000)
                cl(done, f"batch {batch}: 201 Created, {queue['n']} entries accepted in {(done - tc) // 1000}ms")
                # Go's idle pool keeps the connection 90 s; the next batch is 5 minutes away.
                pan_traffic(done + 90_000_000, tc, "end", APP21, API07, sport, 8443, rule_for_8443(tc), "ssl", "tcp",
                            "allow", rng.randrange(4_000, 30_000), rng.randrange(1_500, 4_000), 14, 11, "tcp-fin",
                            tag=("end", sport))
                queue["n"] = 0
                queue_hist.append((done, 0))
                break
        t += 300_000_000


def heartbeat():
    """ledger-sync's once-a-minute metrics line."""
    t = START + 29_000_000
    g = 23
    while t < END:
        g = max(19, min(31, g + rng.randrange(-2, 3)))
        q = [n for (x, n) in queue_hist if x <= t][-1]
        cl(t + rng.randrange(0, 2_000), f"metrics: queue={q} inflight=0 goroutines={g} "
                                        f"heap_alloc={rng.randrange(38, 61)}MB gc_cycles={(t - START) // 9_000_000}")
        t += 60_000_000


def fx_refresh():
    t = START + 7_000_000
    while t < END:
        t0 = t + rng.randrange(0, 200_000)
        cl(t0, f"fx: refreshed {rng.randrange(30, 33)} rates from http://fx01.corp.example:8080/v2/rates "
               f"(source ECB {'2025-05-19' if t0 < us(14, 15) else '2025-05-20'})")
        t += 600_000_000
    # the reset nobody explains: an extra refresh triggered by a currency the cache did not know
    sport = ports.next()
    cl(FX_RESET - 3_114, "fx: unknown currency HUF in batch 55134, refreshing rates")
    cl(FX_RESET, f'fx: refresh failed: Get "http://fx01.corp.example:8080/v2/rates": read tcp {APP21}:{sport}->'
                 f"{FX01}:8080: read: connection reset by peer", tag=("reset", sport))
    expect["resets"].append(dict(t=FX_RESET, port=sport, cause="unexplained"))
    cl(FX_RESET + 1_004_871, f"fx: refreshed 32 rates from http://fx01.corp.example:8080/v2/rates (source ECB 2025-05-19)")


# ---------------------------------------------------------------- noise through the firewall and on api07

def noise():
    resets = [r["t"] for r in expect["resets"]]

    def quiet(t, margin=70_000_000):
        return all(abs(t - r) > margin for r in resets)

    # app22's reconciliation job uses the new 443 endpoint of the same API: always allowed.
    t = START + 95_000_000
    while t < END:
        n = rng.randrange(1, 4)
        tc = t
        sport = ports.next()
        for k in range(n):
            taken = rng.randrange(15, 90)
            nginx_hit(tc + taken * 1000, APP22, "GET", f"/v1/accounts/{rng.randrange(1000, 9999)}/balance", 200,
                      rng.randrange(180, 400), "recon/1.8.2 python-requests/2.31.0", taken)
            tc += rng.randrange(200_000, 2_000_000)
        pan_traffic(tc + 3_000_000, t, "end", APP22, API07, sport, 443,
                    "legacy-app-to-data" if t < COMMIT else "app-to-data-ssl", "ssl", "tcp", "allow",
                    rng.randrange(1_500, 5_000), rng.randrange(3_000, 9_000), 10, 9, "tcp-fin")
        t += rng.randrange(60_000_000, 240_000_000)
    # PostgreSQL from both app servers to db09 (pooled connections, long sessions end now and then)
    for _ in range(38):
        dur = rng.randrange(30, 1800)
        t = rng.randrange(START, END - dur * 1_000_000)
        src = rng.choice((APP21, APP22))
        allowed_session(t, src, DB09, 5432, "postgres", "legacy-app-to-data" if t < COMMIT else "app-to-data-pg", dur)
    # LDAP and Kerberos to the domain controller, from the app servers
    for _ in range(30):
        t = rng.randrange(START, END)
        src = rng.choice((APP21, APP22))
        app, port = rng.choice((("ldap", 389), ("kerberos", 88), ("msrpc-base", 135)))
        allowed_session(t, src, DC01, port, app, "srv-to-core", rng.randrange(0, 4))
    # NTP and DNS (UDP sessions age out), far from the resets
    n = 0
    while n < 16:
        t = rng.randrange(START, END)
        if not quiet(t) or not quiet(t + 30_000_000):
            continue
        n += 1
        src = rng.choice((APP21, APP22))
        app, port = rng.choice((("dns-base", 53), ("ntp", 123)))
        sport = ports.next()
        pan_traffic(t + 30_000_000, t, "end", src, DC01, sport, port, "srv-to-core", app, "udp", "allow", 76, 156,
                    1, 1, "aged-out", category="any")
    # users' RDP attempts straight into the data zone: denied (no rule lets users there)
    n = 0
    while n < 9:
        t = rng.randrange(START, END)
        if not quiet(t):
            continue
        n += 1
        pan_traffic(t, t, "deny", rng.choice(USERS), DB09, rng.randrange(49152, 65536), 3389, "users-to-data-deny", "ms-rdp", "tcp",
                    "reset-both", 66, 0, 1, 0, "policy-deny", user=f"corp\\{rng.choice(('j.meier', 'a.novak'))}",
                    category="any")
    # the decoy: an RDP attempt reset by the firewall 0.4 s before the unexplained fx01 reset
    d = FX_RESET - 411_000
    pan_traffic(d, d - 1_000, "deny", USERS[1], DB09, 61873, 3389, "users-to-data-deny", "ms-rdp", "tcp",
                "reset-both", 66, 0, 1, 0, "policy-deny", user="corp\\a.novak", category="any", tag="decoy")
    expect["decoy_t"] = d
    # PRTG on the API's health endpoint, from the monitoring zone via another firewall path (not logged here)
    t = START + 12_000_000
    while t < END:
        nginx_hit(t, "10.10.0.40", "GET", "/healthz", 200, 2, "PRTG/24.4.102.1351", 1)
        t += 60_000_000 + rng.randrange(-90_000, 90_000)


HOSTS = f"""# firewall-policy-reset: how the names and addresses in the logs map to the hosts whose logs are here.
# ledger-sync on app21 calls https://ledger.corp.example:8443/ (nginx on api07) through pa-fw01;
# fx01 is on app21's own VLAN (no firewall) and sent no logs.
{APP21}  app21  app21.corp.example
{API07}  api07  api07.corp.example  ledger.corp.example
{FX01}  fx01  fx01.corp.example
10.99.0.2   pa-fw01  pa-fw01.corp.example
"""

PATHS = {"client": "app21/var/log/ledger-sync/ledger-sync.log",
         "fw": "pa-fw01/traffic-2025-05-20.csv",
         "nginx": "api07/var/log/nginx/ledger-access.log"}
FORMATS = {"client": "go_log", "fw": "panos_traffic", "nginx": "access_log"}


def render():
    ledger_batches()
    heartbeat()
    fx_refresh()
    noise()
    files, tags, n = {}, {}, {}
    for key, log in (("client", client), ("fw", fw), ("nginx", nginx)):
        lines, tg = log.render()
        files[key] = ("\n".join(lines) + "\n").encode()
        tags[key], n[key] = tg, len(lines)
    return files, tags, n


def src(key):
    return f"{REL}/{PATHS[key]}"


def facts(tags, n):
    f = {"sources": [(src(k), FORMATS[k], PATHS[k].split("/")[0], n[k]) for k in sorted(PATHS, key=lambda k: PATHS[k])],
         "resets": []}
    diffs = []
    for r in sorted(expect["resets"], key=lambda r: r["t"]):
        (line, _), = tags["client"][("reset", r["port"])]
        row = dict(ts=iso_ms(r["t"]), t=r["t"], line=line, port=r["port"], cause=r["cause"])
        if r["cause"] == "firewall_block":
            (fl, ft), = tags["fw"][("deny", r["port"])]
            gen = local("pa-fw01", r["deny_t"]) // 1_000_000 * 1_000_000
            row.update(fw_line=fl, fw_ts=iso_ms(gen), raw_ms=(gen - r["t"]) / 1000,
                       true_ms=(r["deny_t"] - r["t"]) / 1000)
            diffs.append((gen - r["t"]) / 1_000_000)
        f["resets"].append(row)
    f["anchor_median_s"] = statistics.median(diffs)
    f["anchors"] = len(diffs)
    (line, t), = tags["fw"]["decoy"]
    f["decoy"] = dict(line=line, ts=iso_ms(local("pa-fw01", expect["decoy_t"]) // 1_000_000 * 1_000_000),
                      true_ms=(expect["decoy_t"] - FX_RESET) / 1000)
    f["ends"] = sorted(tags["fw"][k][0][0] for k in tags["fw"] if isinstance(k, tuple) and k[0] == "end")
    return f


def tsv_causes(f):
    out = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        if r["cause"] == "firewall_block":
            out.append(f"{src('client')}\t{r['line']}\tfirewall_block\tpa-fw01\t{src('fw')}\t{r['fw_line']}")
        else:
            out.append(f"{src('client')}\t{r['line']}\tunexplained\tfx01\t\t")
    return "\n".join(out) + "\n"


def tsv_skew():
    return "host\toffset_ms\n" + "".join(f"{h}\t{SKEW[h] // 1000}\n" for h in sorted(SKEW))


def readme_facts(f):
    total = sum(s[3] for s in f["sources"])
    o = ["<!-- BEGIN expected facts (generated by scripts/sample-src/firewall-policy-reset/generate.py) -->", "",
         "All times are UTC as rstscope stores them; pa-fw01's stamps (23.96 s fast, whole seconds) are shown",
         f"as written. Paths are as rstscope names sources when the bundle is imported with `{REL}` as",
         "the PATH argument. Line numbers are 1-based; every line is one record.", "",
         f"### Sources: {len(f['sources'])} files, {total} lines, 0 unparsed", "",
         "| source | format | host | lines |", "| --- | --- | --- | ---: |"]
    for s, fmt, h, n in f["sources"]:
        o.append(f"| `{s}` | `{fmt}` | {h} | {n} |")
    nb = sum(1 for r in f["resets"] if r["cause"] == "firewall_block")
    blk = [r for r in f["resets"] if r["cause"] == "firewall_block"]
    lo_t, hi_t = min(-r["true_ms"] for r in blk), max(-r["true_ms"] for r in blk)
    lo_r, hi_r = min(r["raw_ms"] for r in blk) / 1000, max(r["raw_ms"] for r in blk) / 1000
    o += ["", f"### Resets: {len(f['resets'])} (all in `{src('client')}`)", "",
          "| # | ts (UTC) | line | client port | pa-fw01 deny line | its Generated Time | deny − reset, raw | "
          "true | expected cause |", "| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |"]
    for k, r in enumerate(f["resets"], 1):
        if r["cause"] == "firewall_block":
            o.append(f"| {k} | {r['ts']} | {r['line']} | {r['port']} | {r['fw_line']} | {r['fw_ts']} | "
                     f"+{r['raw_ms'] / 1000:.1f} s | {r['true_ms']:.1f} ms | `firewall_block` |")
        else:
            o.append(f"| {k} | {r['ts']} | {r['line']} | {r['port']} | – | – | – | – | `unexplained` (fx01) |")
    o += ["", f"{nb} × `firewall_block` (server_host pa-fw01, cause event: the `deny`/`reset-both`/`policy-deny` "
              "record with the reset's 4-tuple), 1 × `unexplained` (peer fx01, no logs).", "",
          "### Clock skew of pa-fw01: +23.96 s", "",
          f"Each of the {f['anchors']} denied sessions is also an anchor: the same 4-tuple "
          f"`{APP21}:PORT -> {API07}:8443` in the client's error and in the firewall record. The firewall's "
          f"whole-second Generated Time minus the reset's time has a median of {f['anchor_median_s']:.3f} s; the "
          f"true offset is +23.96 s (each deny comes {lo_t:.1f}–{hi_t:.1f} ms before its reset). Uncorrected, every "
          f"deny lies {lo_r:.1f}–{hi_r:.1f} s *after* its reset, outside the [−30 s, +5 s] window.", "",
          "### The decoy", "",
          f"* `{src('fw')}:{f['decoy']['line']}` (Generated Time {f['decoy']['ts']}): `deny` `reset-both` "
          f"`policy-deny` of an RDP attempt `{USERS[1]} -> {DB09}:3389` by rule `users-to-data-deny`, "
          f"{-f['decoy']['true_ms']:.0f} ms before the unexplained reset in true time. Another connection, and "
          "fx01 is not behind pa-fw01.", "",
          "### Allowed sessions of ledger-sync (before 14:02:13 and after 14:31:40)", "",
          "`end` / `allow` / `tcp-fin` records with the client's ports, on lines " +
          ", ".join(str(x) for x in f["ends"]) + ".",
          "", "<!-- END expected facts -->", ""]
    return "\n".join(o)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    a = ap.parse_args()
    files, tags, n = render()
    f = facts(tags, n)
    out = {f"logs/{PATHS[k]}": v for k, v in files.items()}
    out["hosts"] = HOSTS.encode()
    out["expected-causes.tsv"] = tsv_causes(f).encode()
    out["expected-skew.tsv"] = tsv_skew().encode()
    readme_path = BUNDLE / "README.md"
    readme = readme_path.read_text() if readme_path.exists() else ""
    b, e = "<!-- BEGIN expected facts", "<!-- END expected facts -->\n"
    if b in readme:
        out["README.md"] = (readme[:readme.index(b)] + readme_facts(f) + readme[readme.index(e) + len(e):]).encode()
    bad = 0
    for rel, data in sorted(out.items()):
        p = BUNDLE / rel
        if a.check:
            if not p.exists() or p.read_bytes() != data:
                print(f"differs: {p}")
                bad = 1
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    return bad


if __name__ == "__main__":
    sys.exit(main())
