#!/usr/bin/env python3
"""Derive the expected findings of sample-logs/oom-api/ from the finished files.

The bundle keeps its logs under sample-logs/oom-api/logs/ (the directory users
import); README.md and hosts sit beside it and are not logs.

Reads the bundle exactly as an importer would (tarball members, gzip inside and
outside archives, BOM, CRLF), parses it with small independent regexes, checks
the result against the scenario in generate.py and against invariants of the
story, and prints the facts as Markdown.

    python3 scripts/sample-src/expected_facts.py            # print the facts
    python3 scripts/sample-src/expected_facts.py --write    # rewrite them into the README
    python3 scripts/sample-src/expected_facts.py --check    # fail if the README is stale

The README sections between the BEGIN/END markers ("Expected in the timeline" and
the expected findings) are generated; do not edit them.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import tarfile
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUNDLE_REL = "sample-logs/oom-api"
BUNDLE = os.path.join(ROOT, BUNDLE_REL)
LOGS_REL = BUNDLE_REL + "/logs"          # the PATH argument of `rstscope import`
HOSTS_REL = BUNDLE_REL + "/hosts"        # the --hosts argument
NOT_LOGS = ("README.md", "hosts", "expected-causes.tsv", "expected-skew.tsv")  # beside logs/, never imported
TSVS = ("expected-causes.tsv", "expected-skew.tsv")  # written by --write, from the facts
README = os.path.join(BUNDLE, "README.md")
IMPORT_CMD = f"build/rstscope import --db oom.db --hosts {HOSTS_REL} {LOGS_REL}"
# (begin marker, end marker, renderer name) of each generated README section
BLOCKS = [
    ("<!-- BEGIN timeline facts (scripts/sample-src/expected_facts.py --write) -->",
     "<!-- END timeline facts -->", "render_timeline"),
    ("<!-- BEGIN expected facts (scripts/sample-src/expected_facts.py --write) -->",
     "<!-- END expected facts -->", "render"),
]

sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import generate as scenario  # noqa: E402

UTC = timezone.utc
MONTHS = {m: i + 1 for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
RESET_TEXT = "An existing connection was forcibly closed by the remote host"
SERILOG_RE = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) ([+-])(\d\d):(\d\d) \[(INF|WRN|ERR|DBG)\] (.*)$")
RFC3164_RE = re.compile(r"^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\S+) ([^:]+): (.*)$")
RFC3339_RE = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})([+-]\d\d:\d\d) (\S+) ([^:]+): (.*)$")
KILLED_RE = re.compile(r"(?:Out of memory|Memory cgroup out of memory): Killed process (\d+) \(([^)]*)\)")


class Source:
    def __init__(self, name, data, mtime=None):
        self.name = name          # as rstscope names it: path, or ARCHIVE!/MEMBER
        self.data = data          # decompressed bytes
        self.mtime = mtime        # archive member mtime (UTC), if any
        self.text = data.decode("utf-8-sig")
        self.lines = self.text.replace("\r\n", "\n").split("\n")[:-1]
        self.bom = data.startswith(b"\xef\xbb\xbf")
        self.crlf = b"\r\n" in data
        self.wc = data.count(b"\n")


def load():
    files, sources, problems = [], [], []
    for dirpath, dirnames, filenames in os.walk(BUNDLE):
        dirnames.sort()
        for fn in sorted(filenames):
            files.append(os.path.relpath(os.path.join(dirpath, fn), ROOT).replace(os.sep, "/"))
    files.sort()
    for rel in files:
        path = os.path.join(ROOT, rel)
        if not rel.startswith(LOGS_REL + "/"):
            # only README.md and hosts may sit outside logs/ (they are not imported)
            if rel not in (f"{BUNDLE_REL}/{n}" for n in NOT_LOGS):
                problems.append(f"{rel}: not under {LOGS_REL}/ but not README.md, hosts or a TSV")
            continue
        if os.path.basename(rel) in NOT_LOGS:
            problems.append(f"{rel}: not a log, but under {LOGS_REL}/ it would be imported")
            continue
        raw = open(path, "rb").read()
        if rel.endswith((".tar.gz", ".tgz")):
            with tarfile.open(path, "r:gz") as tf:
                for m in tf.getmembers():
                    if not m.isfile():
                        continue
                    data = tf.extractfile(m).read()
                    if m.name.endswith(".gz"):
                        data = gzip.decompress(data)
                    sources.append(Source(f"{rel}!/{m.name}", data,
                                          datetime.fromtimestamp(m.mtime, UTC)))
        elif rel.endswith(".gz"):
            sources.append(Source(rel, gzip.decompress(raw)))
        else:
            sources.append(Source(rel, raw))
    return files, sources, problems


def host_of(src):
    for h in ("api01", "client01", "batch01"):
        if f"/{h}/" in src.name:
            return h
    return None


def kind_of(src):
    """The format, by rstscope's name for it (`rstscope formats`)."""
    if src.name.endswith(".log") or src.name.endswith(".log.gz"):
        if "ordersync" in src.name:
            return "serilog"        # Serilog file sink
    if src.name.endswith("api.json"):
        return "json_lines"         # JSON lines; here Serilog compact JSON (CLEF)
    if RFC3339_RE.match(src.lines[0]):
        return "rsyslog"            # rsyslog high-precision file format (RFC 3339 time)
    if RFC3164_RE.match(src.lines[0]):
        return "syslog"             # RFC 3164
    return "unknown"


def serilog_records(src):
    recs = []
    for i, line in enumerate(src.lines, 1):
        m = SERILOG_RE.match(line)
        if m:
            y, mo, d, h, mi, s, ms, sign, oh, om, lvl, msg = m.groups()
            off = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
            local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), int(ms) * 1000,
                             tzinfo=timezone(off))
            recs.append(dict(line=i, utc=local.astimezone(UTC), local=line[:30], level=lvl,
                             msg=msg, body=[line]))
        else:
            assert recs, f"{src.name}:{i}: continuation line before any record"
            recs[-1]["body"].append(line)
    return recs


def syslog_events(src):
    """(line, utc, host, tag, msg) for every syslog line; the year of RFC 3164 from mtime."""
    out = []
    if kind_of(src) == "rsyslog":
        for i, line in enumerate(src.lines, 1):
            m = RFC3339_RE.match(line)
            assert m, f"{src.name}:{i}: not RFC 3339 syslog: {line!r}"
            y, mo, d, h, mi, s, us, off, host, tag, msg = m.groups()
            assert off == "+00:00"
            t = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), int(us), tzinfo=UTC)
            out.append((i, t, host, tag, msg))
        return out
    assert src.mtime is not None, f"{src.name}: RFC 3164 without an mtime to take the year from"
    for i, line in enumerate(src.lines, 1):
        m = RFC3164_RE.match(line)
        assert m, f"{src.name}:{i}: not RFC 3164 syslog: {line!r}"
        mon, d, h, mi, s, host, tag, msg = m.groups()
        year = src.mtime.year - (1 if MONTHS[mon] > src.mtime.month else 0)
        t = datetime(year, MONTHS[mon], int(d), int(h), int(mi), int(s), tzinfo=UTC)
        out.append((i, t, host, tag, msg))
    return out


def fmt_ms(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def fmt_s(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def derive():
    files, sources, problems = load()
    facts = dict(files=files, sources=sources, resets=[], refused=[], kills=[], restarts=[],
                 started=[], listening=[], problems=problems, bursts=[], pressure=[], ufw=0,
                 api01_events=[])
    p = facts["problems"]

    for src in sources:
        k = kind_of(src)
        src.kind, src.host = k, host_of(src)
        if k == "serilog":
            if not (src.bom and src.crlf):
                p.append(f"{src.name}: expected UTF-8 BOM and CRLF")
            if src.data.count(b"\n") != src.data.count(b"\r\n"):
                p.append(f"{src.name}: mixed line endings")
            recs = serilog_records(src)
            src.records = len(recs)
            for r in recs:
                text = "\n".join(r["body"])
                if RESET_TEXT in text:
                    facts["resets"].append(dict(r, source=src.name))
                elif "actively refused" in text:
                    facts["refused"].append(dict(r, source=src.name))
        elif k in ("syslog", "rsyslog"):
            if src.crlf or src.bom:
                p.append(f"{src.name}: syslog with CRLF/BOM")
            evs = syslog_events(src)
            src.records = len(evs)
            burst = None
            for i, t, host, tag, msg in evs:
                if tag == "kernel" and "invoked oom-killer" in msg:
                    burst = (i, t)
                if tag == "kernel" and "oom_reaper: reaped" in msg:
                    span = evs[burst[0] - 1:i]
                    contiguous = all(e[3] == "kernel" for e in span)
                    same_second = all(e[1].replace(microsecond=0) == t.replace(microsecond=0)
                                      for e in span)
                    facts["bursts"].append((host, t, len(span), contiguous, same_second))
                if "[UFW BLOCK]" in msg:
                    facts["ufw"] += 1
                if host == "api01":
                    facts["api01_events"].append((t, src.name, i, tag, msg))
            if src.mtime is not None and evs[-1][1] != src.mtime:
                p.append(f"{src.name}: mtime {src.mtime} is not the last line's time {evs[-1][1]}")
            for i, t, host, tag, msg in evs:
                if not src.name.endswith(f"/{host}/var/log/syslog") and f"/{host}/" not in src.name:
                    p.append(f"{src.name}:{i}: host {host} does not match the path")
                m = KILLED_RE.search(msg)
                if m and tag == "kernel":
                    facts["kills"].append(dict(host=host, utc=t, pid=int(m.group(1)),
                                               comm=m.group(2), source=src.name, line=i))
                if tag == "systemd[1]" and msg.startswith("orders-api.service: Scheduled restart job"):
                    n = int(re.search(r"restart counter is at (\d+)\.", msg).group(1))
                    facts["restarts"].append(dict(utc=t, n=n, source=src.name, line=i))
                if tag == "systemd[1]" and msg == "Started Orders API.":
                    facts["started"].append(dict(utc=t, source=src.name, line=i))
        elif k == "json_lines":
            pid = None
            src.records = len(src.lines)
            for i, line in enumerate(src.lines, 1):
                o = json.loads(line)
                ot = datetime.strptime(o["@t"][:26], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
                if o["@mt"].startswith("Memory pressure"):
                    facts["pressure"].append(ot)
                facts["api01_events"].append((ot, src.name, i, "api.json", o["@mt"]))
                if "@l" in o and o["@l"] == "Information":
                    p.append(f"{src.name}:{i}: CLEF writes no @l for Information")
                if o["@mt"].startswith("Starting {Application}"):
                    pid = o["Pid"]
                if o["@mt"] == "Now listening on: {address}":
                    t = datetime.strptime(o["@t"][:26], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
                    facts["listening"].append(dict(utc=t, pid=pid, source=src.name, line=i))
            last = json.loads(src.lines[-1])["@t"]
            lt = datetime.strptime(last[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
            if src.mtime is not None and lt != src.mtime:
                p.append(f"{src.name}: mtime {src.mtime} is not the last record's second {lt}")
        else:
            p.append(f"{src.name}: unknown format")

    for key in ("kills", "restarts", "started", "listening"):
        facts[key].sort(key=lambda k: k["utc"])
    facts["resets"].sort(key=lambda r: r["utc"])

    # line each reset up with the api01 kill 0..2 s before it, once api01's clock is corrected
    # (its syslog second minus API01_CLOCK; the true kill lies in the second that follows)
    api_kills = [k for k in facts["kills"] if k["host"] == "api01"]
    for k in api_kills:
        k["true_s"] = k["utc"] - scenario.API01_CLOCK
    for r in facts["resets"]:
        r["kill"] = None
        for n, k in enumerate(api_kills, 1):
            d = (r["utc"] - k["true_s"]).total_seconds()
            if 0 <= d <= 2.0:
                r["kill"], r["after_ms"] = n, round(d * 1000)
        r["same_second_elsewhere"] = [k for k in facts["kills"] if k["host"] != "api01"
                                      and k["utc"].replace(microsecond=0) == r["utc"].replace(microsecond=0)]
    # the reset text must appear in client records only (2 lines per record)
    for src in sources:
        n = sum(1 for l in src.lines if RESET_TEXT in l or "Connection reset by peer" in l)
        want = 2 * sum(1 for r in facts["resets"] if r["source"] == src.name)
        if n != want:
            p.append(f"{src.name}: {n} lines with reset text, expected {want}")
    for r in facts["resets"]:
        r["exc_lines"] = len(r["body"]) - 1
    # per kill: memory-pressure warnings in the 10 minutes before it
    api_kills = [k for k in facts["kills"] if k["host"] == "api01"]
    facts["pressure_per_kill"] = [
        sum(1 for t in facts["pressure"] if 0 < (k["utc"] - t).total_seconds() <= 600)
        for k in api_kills]
    if sum(facts["pressure_per_kill"]) != len(facts["pressure"]):
        p.append("memory-pressure warnings outside the 10 minutes before a kill")
    # the lone reset: api01 shows only request logs within 60 s of it
    lone = scenario.LONE_RESET
    near = [e for e in facts["api01_events"] if abs((e[0] - scenario.API01_CLOCK - lone).total_seconds()) <= 60
            and not e[4].startswith("HTTP {RequestMethod}")]
    facts["lone_near"] = near
    if near:
        p.append(f"api01 events near the lone reset: {near}")
    check_against_scenario(facts)
    return facts


def check_against_scenario(f):
    p = f["problems"]
    S = scenario
    api_kills = [k for k in f["kills"] if k["host"] == "api01"]
    if [k["utc"] for k in api_kills] != [S.on_api01(k["t"]).replace(microsecond=0) for k in S.KILLS]:
        p.append(f"api01 kill times {api_kills} differ from the scenario")
    if any(k["comm"] != "dotnet" for k in api_kills):
        p.append("an api01 victim is not dotnet")
    # pid chain: boot pid, then each restart's new pid is the next victim
    new_pids = [l["pid"] for l in f["listening"]]
    if [k["pid"] for k in api_kills] != [S.ORDERS_API_BOOT_PID] + new_pids[:-1]:
        p.append(f"victim pids {[k['pid'] for k in api_kills]} vs new pids {new_pids}")
    if len(set([S.ORDERS_API_BOOT_PID] + new_pids)) != 4:
        p.append("orders-api pids are not distinct")
    if [r["n"] for r in f["restarts"]] != [1, 2, 3] or len(f["started"]) != 3:
        p.append("expected restart counters 1,2,3 and three 'Started Orders API.'")
    for k, r, s, l in zip(api_kills, f["restarts"], f["started"], f["listening"]):
        if not (k["utc"] < r["utc"] <= s["utc"] and l["utc"] <= S.on_api01(S.restart_ready(f["restarts"].index(r) + 1))):
            p.append(f"restart order broken around {k['utc']}")
    expected = sorted([(k["t"] + timedelta(milliseconds=ms)).replace(
        microsecond=((k["t"] + timedelta(milliseconds=ms)).microsecond // 1000) * 1000)
        for k in S.KILLS for ms in k["burst_ms"]] + [S.LONE_RESET])
    if [r["utc"] for r in f["resets"]] != expected:
        p.append("client reset times differ from the scenario")
    for r in f["resets"]:
        if r["level"] != "ERR" or not r["msg"].startswith("Failed to push order "):
            p.append(f"unexpected reset record {r['source']}:{r['line']}")
        if r["kill"] is not None:
            true_kill = S.KILLS[r["kill"] - 1]["t"]
            d = (r["utc"] - true_kill).total_seconds() * 1000
            if not 50 <= d <= 1500:
                p.append(f"reset {r['line']} is {d:.0f} ms after the true kill instant")
    unexplained = [r for r in f["resets"] if r["kill"] is None]
    if [r["utc"] for r in unexplained] != [S.LONE_RESET]:
        p.append("expected exactly one unexplained reset, the lone one")
    decoys = [k for k in f["kills"] if k["host"] == "batch01"]
    if len(decoys) != 1 or decoys[0]["comm"] != "python3" or \
            decoys[0]["utc"].replace(microsecond=0) != S.LONE_RESET.replace(microsecond=0):
        p.append("expected one python3 kill on batch01 in the lone reset's second")
    for r in f["resets"]:
        if r["kill"] is not None and r["same_second_elsewhere"]:
            p.append("a decoy coincides with an explained reset")
    # no other host or file may carry a kill
    if len(f["kills"]) != 4:
        p.append(f"expected 4 OOM kills in total, found {len(f['kills'])}")


def sl(source, line):
    """`source:line` as the timeline view has them."""
    return f"`{source}:{line}`"


def render_timeline(f):
    """The short list an end-to-end test asserts against the imported timeline."""
    out = []
    logs = f["sources"]
    archives = [x for x in f["files"] if x.endswith((".tar.gz", ".tgz"))]
    members = [s for s in logs if "!/" in s.name]
    api_kills = [k for k in f["kills"] if k["host"] == "api01"]
    decoy = [k for k in f["kills"] if k["host"] == "batch01"][0]
    out.append("After")
    out.append("")
    out.append("```")
    out.append(IMPORT_CMD)
    out.append("```")
    out.append("")
    out.append("the database holds (times UTC, `source` and `line` as in the `timeline` view):")
    out.append("")
    out.append(f"* **{len(logs) + len(archives)} sources**: {len(logs)} text sources and "
               f"{len(archives)} archive ({', '.join(f'`{a}`' for a in archives)}, whose "
               f"{len(members)} members are {len(members)} of the {len(logs)} text sources). "
               "Nothing from `README.md` or `hosts`.")
    out.append(f"* **{sum(s.wc for s in logs)} input lines** in the {len(logs)} text sources "
               f"({sum(s.records for s in logs)} records; none of the lines is malformed).")
    out.append(f"* **{len(f['resets'])} resets**, all on client01:")
    out.append("")
    out.append("  | # | ts | source:line |")
    out.append("  | ---: | --- | --- |")
    for n, r in enumerate(f["resets"], 1):
        out.append(f"  | {n} | {fmt_ms(r['utc'])} | {sl(r['source'], r['line'])} |")
    out.append("")
    out.append(f"* **{len(api_kills)} OOM kills on api01**, the kernel's `Memory cgroup out of memory: "
               "Killed process` lines (syslog time, whole seconds, by api01's clock, which is "
               f"{skew_txt()} ahead):")
    out.append("")
    out.append("  | # | ts | pid | process | source:line |")
    out.append("  | ---: | --- | ---: | --- | --- |")
    for n, k in enumerate(api_kills, 1):
        out.append(f"  | {n} | {fmt_s(k['utc'])} | {k['pid']} | `{k['comm']}` | {sl(k['source'], k['line'])} |")
    out.append("")
    out.append(f"* **The decoy on batch01**: `Out of memory: Killed process {decoy['pid']} ({decoy['comm']})` at "
               f"{fmt_ms(decoy['utc'])} ({decoy['utc'].strftime('%Y-%m-%dT%H:%M:%S.%f')}Z in the file), "
               f"pid {decoy['pid']}, process `{decoy['comm']}`, {sl(decoy['source'], decoy['line'])}.")
    return "\n".join(out) + "\n"


def skew_txt():
    return f"+{scenario.CLOCK_MS['api01'] / 1000:.3f} s"


def render(f):
    S = scenario
    out = []
    srcs = f["sources"]
    logs = list(srcs)
    api_kills = [k for k in f["kills"] if k["host"] == "api01"]
    decoy = [k for k in f["kills"] if k["host"] == "batch01"][0]
    lone = [r for r in f["resets"] if r["kill"] is None][0]
    total_bytes = sum(os.path.getsize(os.path.join(ROOT, x)) for x in f["files"]
                      if not x.endswith("README.md"))
    log_files = [x for x in f["files"] if x.startswith(LOGS_REL + "/")]

    out.append("All times are UTC. Paths are as rstscope names sources when the bundle is imported")
    out.append(f"with the command above (`{LOGS_REL}` as the PATH argument); a member of an archive")
    out.append("is `ARCHIVE!/MEMBER`. Line numbers are 1-based, in the decompressed file, of a")
    out.append("record's first line. Line counts are what `wc -l` prints after decompression.")
    out.append("Formats are rstscope's names for them (`rstscope formats`).")
    out.append("")
    out.append("### Files")
    out.append("")
    out.append(f"{len(f['files'])} files on disk ({total_bytes} bytes without this README): "
               f"`README.md`, `hosts` and the two `expected-*.tsv`, which are not logs, beside `logs/`, and the "
               f"{len(log_files)} log files under `logs/`, the directory to import:")
    out.append("")
    for x in f["files"]:
        out.append(f"* `{x}`")
    out.append("")
    out.append(f"Expanding the archive and the compressed files gives **{len(logs)} log sources, "
               f"{sum(s.wc for s in logs)} lines**:")
    out.append("")
    out.append("| source | host | format | lines | records | resets at lines | notes |")
    out.append("| --- | --- | --- | ---: | ---: | --- | --- |")
    notes = {
        "serilog": "Serilog file sink, local time +01:00, UTF-8 BOM, CRLF",
        "json_lines": "Serilog compact JSON (CLEF), UTC; no host field (member mtime {m})",
        "syslog": "RFC 3164, UTC, no year (member mtime {m})",
        "rsyslog": "rsyslog high-precision file format (RFC 3339), UTC",
    }
    for s in logs:
        n = notes[s.kind].format(m=fmt_s(s.mtime) if s.mtime else "")
        if s.name.endswith("syslog.2.gz"):
            n += "; gzip inside the tarball"
        elif s.name.endswith(".log.gz"):
            n += "; gzip"
        rl = [str(r["line"]) for r in f["resets"] if r["source"] == s.name]
        rl = f"{len(rl)}: {', '.join(rl)}" if rl else "none"
        out.append(f"| `{s.name}` | {s.host} | `{s.kind}` | {s.wc} | {s.records} | {rl} | {n} |")
    out.append("")
    out.append(f"{sum(s.records for s in logs)} records in all. A record is a Serilog event with its exception")
    out.append("lines, one syslog line, or one JSON line. Every line is well-formed in its format: there is")
    out.append("no garbage, so every line belongs to exactly one record.")
    out.append("")
    out.append("### Client resets (WSAECONNRESET 10054)")
    out.append("")
    out.append(f"**{len(f['resets'])}** records report `{RESET_TEXT}` — all `[ERR] Failed to push order …`")
    out.append("records of OrderSync on client01, each followed by a .NET 8 exception chain")
    exc = sorted(set(r["exc_lines"] for r in f["resets"]))
    out.append(f"(`HttpRequestException` → `IOException` → `SocketException (10054)`, "
               f"{'/'.join(map(str, exc))} lines after the record's first line).")
    out.append(f"{sum(1 for r in f['resets'] if r['kill'])} follow an OOM kill of orders-api on api01 by "
               "50–1500 ms (true time; the kernel line's syslog time has 1 s resolution,")
    out.append(f"so the reset is 0–2 s after it once api01's clock, {skew_txt()} ahead, is corrected); 1 is unexplained.")
    out.append("")
    out.append("| # | reset time (UTC) | client log time | source:line | order | cause |")
    out.append("| ---: | --- | --- | --- | ---: | --- |")
    for n, r in enumerate(f["resets"], 1):
        order = re.search(r"order (\d+)", r["msg"]).group(1)
        cause = (f"OOM kill {r['kill']} ({r['after_ms']} ms after `{fmt_ms(api_kills[r['kill'] - 1]['true_s'])}`, "
                 f"api01's `{fmt_s(api_kills[r['kill'] - 1]['utc'])}` corrected)"
                 if r["kill"] else "**unexplained**")
        out.append(f"| {n} | {fmt_ms(r['utc'])} | `{r['local']}` | {sl(r['source'], r['line'])} "
                   f"| {order} | {cause} |")
    out.append("")
    out.append(f"All {len(f['resets'])} are in `{f['resets'][0]['source']}`; "
               "`ordersync-20241104.log.gz` has none.")
    out.append("")
    out.append("### OOM kills of orders-api on api01 (cause `oom_kill`)")
    out.append("")
    out.append(f"| kill | time (UTC, syslog 1 s, api01's clock) | corrected ({skew_txt()}) | victim pid | process | source:line | resets after it |")
    out.append("| ---: | --- | --- | ---: | --- | --- | ---: |")
    for n, k in enumerate(api_kills, 1):
        cnt = sum(1 for r in f["resets"] if r["kill"] == n)
        out.append(f"| {n} | {fmt_s(k['utc'])} | {fmt_ms(k['true_s'])} | {k['pid']} | `{k['comm']}` | "
                   f"{sl(k['source'], k['line'])} | {cnt} |")
    out.append("")
    out.append("Each is a cgroup (memcg) kill: `oom-kill:constraint=CONSTRAINT_MEMCG,…,"
               "task_memcg=/system.slice/orders-api.service,task=dotnet,pid=N,uid=998`, then")
    sizes = sorted(set(b[2] for b in f["bursts"] if b[0] == "api01"))
    assert all(b[3] and b[4] for b in f["bursts"] if b[0] == "api01"), f["bursts"]
    out.append("`Memory cgroup out of memory: Killed process N (dotnet) …`; each burst (`dotnet invoked oom-killer`")
    out.append(f"to `oom_reaper: reaped process N`) is {'/'.join(map(str, sizes))} consecutive kernel lines, all in the")
    out.append("kill's second. The trigger line's `CPU: … PID:` is a thread id of the victim, not its pid.")
    out.append("")
    out.append("### Restarts of orders-api.service on api01 (systemd, `Restart=on-failure`, `RestartSec=2s`)")
    out.append("")
    out.append("All times as api01 logged them (its clock).")
    out.append("")
    out.append("| kill | `Scheduled restart job, restart counter is at N.` | `Started Orders API.` | new pid (`api.json`) | `Now listening on:` (`api.json`) |")
    out.append("| ---: | --- | --- | ---: | --- |")
    for n, (r, s, l) in enumerate(zip(f["restarts"], f["started"], f["listening"]), 1):
        out.append(f"| {n} | {fmt_s(r['utc'])} (N={r['n']}, {sl(r['source'], r['line'])}) | "
                   f"{fmt_s(s['utc'])} ({sl(s['source'], s['line'])}) | {l['pid']} | "
                   f"{fmt_ms(l['utc'])} ({sl(l['source'], l['line'])}) |")
    out.append("")
    out.append("Each kill is followed by `A process of this unit has been killed by the OOM killer.`,")
    out.append("`Main process exited, code=killed, status=9/KILL`, `Failed with result 'oom-kill'.`,")
    out.append("`Consumed … CPU time.`, then the restart, `Stopped Orders API.`, `Starting Orders API...`,")
    out.append("`Started Orders API.`. There are no other orders-api starts or stops in the bundle.")
    out.append(f"`api.json` has {len(f['pressure'])} `Memory pressure: …` warnings (`@l` = `Warning`), "
               f"{'/'.join(map(str, f['pressure_per_kill']))} in the 10 minutes before kills 1/2/3 and none elsewhere.")
    out.append("")
    out.append(f"### Clock skew: api01 is {skew_txt()}")
    out.append("")
    out.append(f"Every api01 log (`syslog*`, `auth.log`, `api.json`) and every member mtime reads "
               f"{S.CLOCK_MS['api01']} ms later than true time; client01 and batch01 are right. Nothing")
    out.append("carries a connection's client port or a request id on both sides (`api.json` has `ClientIp` only, the")
    out.append("client's errors name the URL only), so the one anchor is the pattern: each OOM kill on api01 and the")
    out.append("burst of client resets after it. Uncorrected, each kill's syslog second reads after its resets:")
    out.append("")
    out.append("| kill | `Killed process` (api01's clock) | resets (client01) | first reset | last reset | kill − first reset | kill − last reset |")
    out.append("| ---: | --- | ---: | --- | --- | ---: | ---: |")
    lags = []
    for n, k in enumerate(api_kills, 1):
        rs = [r for r in f["resets"] if r["kill"] == n]
        a, b = (k["utc"] - rs[0]["utc"]).total_seconds(), (k["utc"] - rs[-1]["utc"]).total_seconds()
        lags.append(a)
        out.append(f"| {n} | {fmt_s(k['utc'])} | {len(rs)} | {fmt_ms(rs[0]['utc'])} | {fmt_ms(rs[-1]['utc'])} | "
                   f"{a:+.3f} s | {b:+.3f} s |")
    out.append("")
    out.append(f"The true offset is {S.CLOCK_MS['api01']} ms; the kill-to-first-reset differences are "
               f"{min(lags):.3f}–{max(lags):.3f} s (median {sorted(lags)[len(lags) // 2]:.3f} s): the resets come 50–1500 ms after")
    out.append("the true kill and syslog drops the fraction of the kill's second. Without the correction every kill")
    out.append(f"reads {int(10 * min(b for b in [(k['utc'] - [r for r in f['resets'] if r['kill'] == n][-1]['utc']).total_seconds() for n, k in enumerate(api_kills, 1)])) / 10:.1f} s or more after the last reset of its burst: outside the window of −30 s … +5 s.")
    out.append("")
    out.append("### The unexplained reset and the decoy")
    out.append("")
    out.append(f"* Reset at {fmt_ms(lone['utc'])} ({sl(lone['source'], lone['line'])}) has no cause "
               "on api01: within 60 s of it api01 logged nothing but `HTTP … responded 2xx` request lines."
               " Expected cause: `unexplained`.")
    out.append(f"* Decoy: batch01 kernel `Out of memory: Killed process {decoy['pid']} ({decoy['comm']})` at "
               f"{decoy['utc'].strftime('%Y-%m-%dT%H:%M:%S.%f')}Z ({sl(decoy['source'], decoy['line'])}), "
               f"{round((lone['utc'] - decoy['utc']).total_seconds() * 1000)} ms before that reset, "
               "in the same second. A global OOM (`CONSTRAINT_NONE`, `global_oom`) of a reports job "
               "(`reports-build.service`, uid 1002). client01 never talks to batch01, so it must not explain the reset.")
    out.append("")
    out.append("### Near misses that are not resets")
    out.append("")
    for r in f["refused"]:
        out.append(f"* {sl(r['source'], r['line'])} {fmt_ms(r['utc'])}: `[WRN] Health check … failed` "
                   "with `SocketException (10061): No connection could be made because the target machine "
                   "actively refused it.` — during restart 3, the port was closed (connection refused, not reset).")
    out.append("* api01 `auth.log`: `sshd[…]: error: kex_exchange_identification: Connection closed by remote host`"
               " and `Connection closed by 10.20.0.40 port …` every 15 minutes (a TCP probe of sshd by the "
               "monitoring host) — server-side, not a client reset.")
    out.append(f"* api01 `syslog*`: `[UFW BLOCK] … SRC=10.20.0.40 DST=10.20.0.11 … DPT=9256 … SYN` ({f['ufw']} lines),"
               " hours away from every reset and on another port.")
    out.append("* Ordinary `[WRN]` client records (slow responses, a 409 Conflict, a slow outbox poll) carry no exception.")
    return "\n".join(out) + "\n"


def tsv_texts(f):
    """expected-causes.tsv and expected-skew.tsv (sample-logs/README.md), from the derived facts."""
    api_kills = [k for k in f["kills"] if k["host"] == "api01"]
    rows = ["reset_source\treset_line\tcause\tserver_host\tcause_source\tcause_line"]
    for r in f["resets"]:
        if r["kill"]:
            k = api_kills[r["kill"] - 1]
            rows.append(f"{r['source']}\t{r['line']}\toom_kill\tapi01\t{k['source']}\t{k['line']}")
        else:  # the record names http://api01.corp.example:8080, which hosts maps to api01
            if "api01.corp.example" not in r["msg"]:
                f["problems"].append(f"the unexplained reset {r['line']} does not name api01")
            rows.append(f"{r['source']}\t{r['line']}\tunexplained\tapi01\t\t")
    skew = ["host\toffset_ms"] + [f"{h}\t{scenario.CLOCK_MS[h]}" for h in sorted(scenario.CLOCK_MS)]
    return {"expected-causes.tsv": "\n".join(rows) + "\n", "expected-skew.tsv": "\n".join(skew) + "\n"}


def main():
    f = derive()
    if f["problems"]:
        print("PROBLEMS:", *f["problems"], sep="\n  ", file=sys.stderr)
        sys.exit(1)
    if len(sys.argv) > 1 and sys.argv[1] in ("--write", "--check"):
        for name, text in tsv_texts(f).items():
            path = os.path.join(BUNDLE, name)
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if sys.argv[1] == "--write":
                if old != text:
                    open(path, "w", encoding="utf-8", newline="\n").write(text)
                    print(f"wrote {os.path.relpath(path, ROOT)}")
                    f = derive()  # the file list and sizes in the README include it
            elif old != text:
                print(f"{os.path.relpath(path, ROOT)} is stale: run {sys.argv[0]} --write", file=sys.stderr)
                sys.exit(1)
        readme = open(README, encoding="utf-8").read()
        if readme.count(f"**the clock is {skew_txt()} ahead**") != 1 or readme.count(f"**api01's clock is {skew_txt()}") != 1:
            print(f"{os.path.relpath(README, ROOT)}: the host table and the story must state api01's clock "
                  f"({skew_txt()})", file=sys.stderr)
            sys.exit(1)
        new = readme
        for begin, end, renderer in BLOCKS:
            if new.count(begin) != 1 or new.count(end) != 1:
                print(f"{os.path.relpath(README, ROOT)}: needs exactly one {begin} and one {end}",
                      file=sys.stderr)
                sys.exit(1)
            a, b = new.index(begin) + len(begin), new.index(end)
            new = new[:a] + "\n\n" + globals()[renderer](f) + "\n" + new[b:]
        if sys.argv[1] == "--write":
            open(README, "w", encoding="utf-8").write(new)
            print(f"wrote facts into {os.path.relpath(README, ROOT)}")
        elif new != readme:
            print(f"{os.path.relpath(README, ROOT)} is stale: run {sys.argv[0]} --write", file=sys.stderr)
            sys.exit(1)
        else:
            print("README facts up to date")
    else:
        sys.stdout.write(render_timeline(f) + "\n" + render(f))


if __name__ == "__main__":
    main()
