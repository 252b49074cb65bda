#!/usr/bin/env python3
"""Crash safety: SIGKILL `rstscope import` and `rstscope correlate` at random
points, then check the database and run the command again.

Input: the logs of every sample-logs scenario (plain files, .gz, .tar.gz,
zip, UTF-16, resets) plus generated files (a syslog with resets, its .gz, a
.tar.gz of two more), copied into a temporary directory.

1. A reference database from one clean import with default settings.
2. Import rounds: a fresh database (every other round: a database that
   holds one of the files already, so the import appends under the
   rollback journal instead of building a new file aside), `rstscope import --commit-rows 400`
   (many small transactions, so that kills land between commits of one
   source, inside archives, during the index build), SIGKILL after a random
   delay spread over the measured import time; then `PRAGMA integrity_check`
   must say ok, the database must be consistent (below), and the same
   import run again to the end must give exactly the reference: every
   timeline row with all its fields, every unparsed line, per-source counts
   (ids may differ).
3. Correlate rounds: a copy of the reference database, `rstscope
   correlate` killed after a random delay; integrity ok, the results either
   absent or complete; a re-run gives the reference causes exactly.

Usage: kill_import.py RSTSCOPE_BINARY [--rounds N] [--correlate-rounds N]
                      [--seed S] [--budget SECONDS]
Environment: RSTSCOPE_KILL_ROUNDS, RSTSCOPE_KILL_SEED override the defaults
(30 import rounds, seed 7). The rounds stop early, with a note, when the
time budget (default 60 s) runs out; at least 10 import rounds always run.
Prints the kill points tried and the rows lost or duplicated (must be 0).
"""
import argparse
import collections
import gzip
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "sample-logs")

TIMELINE_SQL = """
SELECT t.source, t.line, t.ts_us, t.host, t.role, t.format, t.kind, t.severity,
       t.process, t.pid, t.src_ip, t.src_port, t.dst_ip, t.dst_port, t.message,
       d.rule, d.attrs, d.nlines, d.text, e.flags
FROM timeline t JOIN event_details d ON d.id = t.id JOIN events e ON e.id = t.id
"""
UNPARSED_SQL = "SELECT source, line, reason, text FROM unparsed"
# Sources that hold rows (not the 'duplicate' ones a re-run adds for what
# the killed run had committed already), with their parent's name.
SOURCES_SQL = """
SELECT s.name, s.container, s.status, s.lines, s.records, s.unparsed, s.resets,
       s.bytes, s.truncated_lines, s.min_ts_us, s.max_ts_us, s.format, s.encoding,
       h.name, p.name, s.content_hash, s.error
FROM sources s LEFT JOIN hosts h ON h.id = s.host_id LEFT JOIN sources p ON p.id = s.parent_id
WHERE s.status != 'duplicate'
"""
CAUSES_SQL = """
SELECT r.source, r.line, c.cause, ce.source, ce.line, c.server_host, c.peer_host,
       c.peer_method, c.chain, c.age_ms, c.process, c.delta_ms, c.confidence, c.evidence
FROM reset_cause_details c JOIN timeline r ON r.id = c.reset_id
LEFT JOIN timeline ce ON ce.id = c.cause_event_id
"""
PATTERNS_SQL = "SELECT cause, server_host, process, resets, first_ts, last_ts, share, summary FROM patterns"
CLOCKS_SQL = "SELECT host, offset_ms, method, anchors, spread_ms, reference_host FROM clock_offsets"


def syslog_line(i, host, msg):
    return (f"2024-11-12T{2 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.{i % 1000:03d}000+00:00 "
            f"{host} app[{100 + i % 7}]: {msg}\n")


def build_input(root):
    """The input tree: every sample's logs plus generated files."""
    inp = os.path.join(root, "input")
    for scenario in sorted(os.listdir(SAMPLES)):
        logs = os.path.join(SAMPLES, scenario, "logs")
        if os.path.isdir(logs):
            shutil.copytree(logs, os.path.join(inp, scenario))
    gen = os.path.join(inp, "generated", "gen01", "var", "log")
    os.makedirs(gen)

    def text(host, n, seed):
        rng = random.Random(seed)
        out = []
        for i in range(n):
            if rng.random() < 0.03:
                out.append(syslog_line(i, host, f"upstream 10.0.{i % 5}.{i % 200}:443: "
                                                 f"recv() failed (104: Connection reset by peer)"))
            elif rng.random() < 0.02:
                out.append(f"garbage line {i} without a timestamp\n")
            else:
                out.append(syslog_line(i, host, f"request {i} served in {rng.randint(1, 900)} ms"))
        return "".join(out)

    with open(os.path.join(gen, "syslog"), "w") as f:
        f.write(text("gen01", 30000, 1))
    with open(os.path.join(gen, "syslog.1.gz"), "wb") as f:
        f.write(gzip.compress(text("gen01", 15000, 2).encode(), mtime=0))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for k, host in enumerate(("gen02", "gen03")):
            body = text(host, 15000, 3 + k).encode()
            ti = tarfile.TarInfo(f"{host}/var/log/syslog")
            ti.size = len(body)
            ti.mtime = 1731376800
            t.addfile(ti, io.BytesIO(body))
    with open(os.path.join(inp, "generated", "bundle.tar.gz"), "wb") as f:
        f.write(buf.getvalue())
    return inp


def rows(db, sql):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return collections.Counter(con.execute(sql).fetchall())
    finally:
        con.close()


BINARY = None  # set in main


def integrity(db):
    """PRAGMA integrity_check through `rstscope query`, the way a user reads
    the database after a kill: it must open (a hot journal rolled back) and
    say ok."""
    r = subprocess.run([BINARY, "query", "--db", db, "--format", "csv", "PRAGMA integrity_check"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        if "is not an rstscope database" in r.stderr:
            # Killed before the schema was committed: the file must then
            # hold no tables at all (its journal rolled back by this open).
            con = sqlite3.connect(db)
            try:
                ok = con.execute("PRAGMA integrity_check").fetchall()
                tables = con.execute("SELECT name FROM sqlite_master").fetchall()
            finally:
                con.close()
            return ok if not tables else [("half a schema", tables)]
        return [("rstscope query failed", r.returncode, r.stderr.strip())]
    return [tuple(line.split(",")) for line in r.stdout.splitlines()[1:]]


def committed(db):
    """What a killed run left, for the round's line."""
    if not os.path.exists(db):
        return "no database yet"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchall():
            return "no schema yet"
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        s = con.execute("SELECT count(*) FROM sources WHERE status = 'importing'").fetchone()[0]
        return f"{n} records committed, {s} sources left importing"
    finally:
        con.close()


def check_consistent(db):
    """What a killed run may leave: committed rows only, each row's source
    known, no source left 'importing' once the next writer opened it."""
    problems = []
    if not os.path.exists(db):
        return problems
    ok = integrity(db)
    if ok != [("ok",)]:
        problems.append(f"integrity_check: {ok}")
        return problems
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "events" not in tables:
            return problems  # killed before the schema was committed
        orphans = con.execute("SELECT count(*) FROM events WHERE source_id NOT IN "
                              "(SELECT id FROM sources)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} events without a source")
        orphans = con.execute("SELECT count(*) FROM unparsed_lines WHERE source_id NOT IN "
                              "(SELECT id FROM sources)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} unparsed lines without a source")
    finally:
        con.close()
    return problems


def diff(name, ref, got):
    """(lost, extra) row counts, with a few examples."""
    lost = ref - got
    extra = got - ref
    notes = []
    for label, c in (("lost", lost), ("extra", extra)):
        for row in list(c)[:2]:
            notes.append(f"  {name} {label}: {str(row)[:300]}")
    return sum(lost.values()), sum(extra.values()), notes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("RSTSCOPE_KILL_ROUNDS", 30)))
    ap.add_argument("--correlate-rounds", type=int, default=6)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("RSTSCOPE_KILL_SEED", 7)))
    ap.add_argument("--budget", type=float, default=60.0)
    args = ap.parse_args()
    global BINARY
    BINARY = args.binary
    rng = random.Random(args.seed)
    env = dict(os.environ, TZ="UTC")
    started = time.monotonic()
    failures = []

    with tempfile.TemporaryDirectory(prefix="rstscope-kill-") as root:
        inp = build_input(root)
        imp_args = ["import", "-q", "--threads", "2"]

        def run(cmd, check=True):
            r = subprocess.run([args.binary, *cmd], capture_output=True, text=True, env=env)
            if check and r.returncode not in (0, 3):
                raise AssertionError(f"rstscope {' '.join(cmd)}: exit {r.returncode}\n"
                                     f"{r.stdout}{r.stderr}")
            return r

        ref_db = os.path.join(root, "ref.db")
        t0 = time.monotonic()
        ref_exit = run(imp_args + ["--db", ref_db, inp]).returncode
        import_secs = time.monotonic() - t0
        t0 = time.monotonic()
        run(["correlate", "--db", ref_db])
        correlate_secs = time.monotonic() - t0
        ref = {"timeline": rows(ref_db, TIMELINE_SQL), "unparsed": rows(ref_db, UNPARSED_SQL),
               "sources": rows(ref_db, SOURCES_SQL)}
        ref_causes = {"causes": rows(ref_db, CAUSES_SQL), "patterns": rows(ref_db, PATTERNS_SQL),
                      "clocks": rows(ref_db, CLOCKS_SQL)}
        n_rows = sum(ref["timeline"].values())
        n_resets = rows(ref_db, "SELECT count(*) FROM resets")
        print(f"reference: {n_rows} records, {sum(ref['unparsed'].values())} unparsed lines, "
              f"{sum(ref['sources'].values())} sources, {list(n_resets)[0][0]} resets, "
              f"{sum(ref_causes['causes'].values())} causes; import {import_secs:.2f} s "
              f"(exit {ref_exit}), correlate {correlate_secs:.2f} s")
        if n_rows < 10000:
            failures.append(f"reference has only {n_rows} records")

        # The killed imports commit every 400 rows: measure that run's length.
        probe_db = os.path.join(root, "probe.db")
        t0 = time.monotonic()
        run(imp_args + ["--commit-rows", "400", "--db", probe_db, inp])
        small_secs = time.monotonic() - t0
        got = rows(probe_db, TIMELINE_SQL)
        if got != ref["timeline"]:
            failures.append("--commit-rows 400 changes the timeline")

        # The file the appending rounds import first: its host is its own
        # records' (gen01), so importing it alone gives it the same row as
        # the whole import does.
        seed = os.path.join(inp, "generated", "gen01", "var", "log", "syslog")
        kills = 0
        finished_first = 0
        total_lost = total_extra = 0
        budget_left = lambda: args.budget - (time.monotonic() - started)
        for rnd in range(args.rounds):
            if rnd >= 10 and budget_left() < 2 * small_secs + 1:
                print(f"time budget spent after {rnd} import rounds")
                break
            db = os.path.join(root, f"kill{rnd}.db")
            # Rounds alternate: into a new database (built in a temporary
            # file and renamed into place, so a kill leaves no database) and
            # appending to one that holds one file of the input already (the
            # rollback journal, so a kill leaves the last commit).
            appending = rnd % 2 == 1
            if appending:
                run(imp_args + ["--db", db, seed])
            delay = rng.uniform(0.0, small_secs * 1.05)
            p = subprocess.Popen([args.binary, *imp_args, "--commit-rows", "400", "--db", db, inp],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            rc = p.wait()
            if rc != -signal.SIGKILL:
                finished_first += 1  # it ended before the kill: still checked
            kills += 1
            for problem in check_consistent(db):
                failures.append(f"round {rnd} (kill at {delay:.3f} s): {problem}")
            state = committed(db)
            rerun = run(imp_args + ["--commit-rows", "400", "--db", db, inp]).returncode
            if rerun != ref_exit:
                failures.append(f"round {rnd}: the re-run exited {rerun}, the reference {ref_exit}")
            for problem in check_consistent(db):
                failures.append(f"round {rnd} after re-run: {problem}")
            # What the killed run was building aside is gone with it.
            for leftover in (db + ".importing", db + ".importing-journal"):
                if os.path.exists(leftover):
                    failures.append(f"round {rnd}: {os.path.basename(leftover)} left after the re-run")
            lost = extra = 0
            for name in ("timeline", "unparsed", "sources"):
                sql = {"timeline": TIMELINE_SQL, "unparsed": UNPARSED_SQL, "sources": SOURCES_SQL}[name]
                l, e, notes = diff(name, ref[name], rows(db, sql))
                if name != "sources":
                    lost += l
                    extra += e
                if l or e:
                    failures.append(f"round {rnd} (kill at {delay:.3f} s, {state}): {name} "
                                    f"differs: {l} lost, {e} extra\n" + "\n".join(notes))
            total_lost += lost
            total_extra += extra
            print(f"round {rnd:3d}: {'append' if appending else 'new   '}, kill at {delay:6.3f} s "
                  f"({state}); re-run: "
                  f"{lost} rows lost, {extra} extra")
            os.remove(db)

        # Correlate: killed on a copy of the reference database.
        ckills = 0
        for rnd in range(args.correlate_rounds):
            if budget_left() < 2 * correlate_secs + 1 and rnd >= 2:
                print(f"time budget spent after {rnd} correlate rounds")
                break
            db = os.path.join(root, f"corr{rnd}.db")
            shutil.copy(ref_db, db)
            # Rounds alternate: a database with earlier results (a re-run
            # killed) and one without (a first run killed).
            if rnd % 2 == 1:
                con = sqlite3.connect(db)
                con.execute("DELETE FROM reset_cause_rows")
                con.execute("DELETE FROM pattern_rows")
                con.execute("DELETE FROM host_clocks")
                con.commit()
                con.close()
            delay = rng.uniform(0.0, correlate_secs * 1.05)
            p = subprocess.Popen([args.binary, "correlate", "--db", db],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            ckills += 1
            ok = integrity(db)
            if ok != [("ok",)]:
                failures.append(f"correlate round {rnd}: integrity_check {ok}")
            # All or nothing: the killed run's results are whole or absent.
            got = rows(db, CAUSES_SQL)
            if got and got != ref_causes["causes"]:
                failures.append(f"correlate round {rnd} (kill at {delay:.3f} s): partial results "
                                f"({sum(got.values())} of {sum(ref_causes['causes'].values())})")
            if rows(db, TIMELINE_SQL) != ref["timeline"]:
                failures.append(f"correlate round {rnd}: the timeline changed")
            run(["correlate", "--db", db])
            for name, sql in (("causes", CAUSES_SQL), ("patterns", PATTERNS_SQL),
                              ("clocks", CLOCKS_SQL)):
                l, e, notes = diff(name, ref_causes[name], rows(db, sql))
                if l or e:
                    failures.append(f"correlate round {rnd}: {name} differ after the re-run: "
                                    f"{l} lost, {e} extra\n" + "\n".join(notes))
            print(f"correlate round {rnd}: kill at {delay:.3f} s; "
                  f"{'results kept' if got else 'no results'} before the re-run")
            os.remove(db)

    print(f"kill points tried: {kills} imports (import {small_secs:.2f} s with --commit-rows "
          f"400; {finished_first} had finished before the kill), {ckills} correlates; "
          f"rows lost: {total_lost}, rows duplicated: {total_extra}; "
          f"{time.monotonic() - started:.1f} s")
    if failures:
        print("FAILED:\n" + "\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
