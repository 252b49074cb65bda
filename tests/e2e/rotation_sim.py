#!/usr/bin/env python3
"""Randomised scheduled imports of a rotating log directory.

Three applications write serilog records, a third of them with stack trace
lines, and the file's end at any moment may fall anywhere (inside a line,
between a record and its stack trace); logrotate-style rotation renames app.log -> app.log.1 and
compresses app.log.1 -> app.log.2.gz (older ones shift up), and rstscope
import runs between steps. At the end every line ever written must be in the
timeline exactly once, in the record it belongs to, with the line number it
has in the file that now holds it, and nothing may be unparsed.

Usage: rotation_sim.py RSTSCOPE_BINARY [SEED...]  (exit 0: all seeds pass)
"""
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile


def run_seed(binary, seed, threads, root):
    rng = random.Random(seed)
    d = os.path.join(root, f"seed{seed}-t{threads}")
    logs = os.path.join(d, "logs")
    os.makedirs(logs)
    db = os.path.join(d, "t.db")
    counter = [0]

    def record(app):
        counter[0] += 1
        i = counter[0]
        text = (f"2024-11-05 {10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d}."
                f"{i % 1000:03d} +01:00 [INF] {app} message {i}\n")
        if rng.random() < 0.33:
            text += "".join(f"   at Frame{j}() in {app}.cs:line {i}\n"
                            for j in range(rng.randint(1, 3)))
        return text

    def rstscope(*args):
        r = subprocess.run([binary, *args], capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(f"rstscope {' '.join(args)}: exit {r.returncode}\n"
                                 f"{r.stdout}{r.stderr}")
        return r.stdout

    def imp():
        rstscope("import", "-q", "--threads", str(threads), "--host", "h", "--db", db, logs)

    pending = {}
    for step in range(12):
        for app in ("a", "b", "c"):
            path = os.path.join(logs, f"{app}.log")
            text = pending.pop(app, "")
            text += "".join(record(app) for _ in range(rng.randint(0, 5)))
            if rng.random() < 0.5:
                full = record(app)
                cut = rng.randint(1, len(full) - 1)
                text += full[:cut]
                pending[app] = full[cut:]
            with open(path, "a") as f:
                f.write(text)
            if rng.random() < 0.3 and os.path.getsize(path) > 0:
                for g in range(8, 1, -1):
                    src = os.path.join(logs, f"{app}.log.{g}.gz")
                    if os.path.exists(src):
                        os.rename(src, os.path.join(logs, f"{app}.log.{g + 1}.gz"))
                one = os.path.join(logs, f"{app}.log.1")
                if os.path.exists(one):
                    with open(one, "rb") as fi, gzip.open(
                            os.path.join(logs, f"{app}.log.2.gz"), "wb") as fo:
                        fo.write(fi.read())
                    os.remove(one)
                os.rename(path, one)
                # The writer finishes its line in the renamed file, as a
                # process that still has it open does, then reopens.
                with open(one, "a") as f:
                    f.write(pending.pop(app, ""))
                open(path, "w").close()
        if rng.random() < 0.8:
            imp()
    for app, rest in pending.items():
        with open(os.path.join(logs, f"{app}.log"), "a") as f:
            f.write(rest)
    imp()

    # Where each record is now: its message (stack trace included) -> the
    # line number of its first line in its file.
    expected = {}
    for name in sorted(os.listdir(logs)):
        path = os.path.join(logs, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt") as f:
            message, first = None, 0
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if "[INF] " in line:
                    if message is not None:
                        expected[message] = first
                    message, first = line.split("[INF] ", 1)[1], number
                else:
                    message += "\n" + line
            if message is not None:
                expected[message] = first
    out = rstscope("query", "--format", "json", "--db", db,
                   "SELECT message, line FROM timeline ORDER BY id")
    got = {}
    for row in json.loads(out):
        if row["message"] in got:
            raise AssertionError(f"seed {seed}: imported twice: {row['message']!r}")
        got[row["message"]] = row["line"]
    if got != expected:
        missing = sorted(set(expected) - set(got))[:5]
        wrong = [(m, got[m], n) for m, n in expected.items() if m in got and got[m] != n][:5]
        raise AssertionError(f"seed {seed}: missing {missing}; wrong line numbers "
                             f"(message, got, expected) {wrong}")
    unparsed = rstscope("query", "--format", "csv", "--db", db, "SELECT count(*) FROM unparsed")
    if unparsed.strip().splitlines()[1] != "0":
        raise AssertionError(f"seed {seed}: unparsed lines: {unparsed}")
    accounting = rstscope(
        "query", "--format", "csv", "--db", db,
        "SELECT (SELECT sum(lines) FROM sources WHERE status IN ('complete', 'partial')) = "
        "(SELECT sum(nlines) FROM event_details) + (SELECT count(*) FROM unparsed)")
    if accounting.strip().splitlines()[1] != "1":
        raise AssertionError(f"seed {seed}: sources' lines do not add up to records' lines")
    if len(got) != counter[0]:
        raise AssertionError(f"seed {seed}: {len(got)} records for {counter[0]} written")
    return counter[0]


def main():
    binary = sys.argv[1]
    seeds = [int(s) for s in sys.argv[2:]] or [1, 2, 3, 4, 5, 6]
    root = tempfile.mkdtemp(prefix="rstscope-rotation-")
    try:
        for seed in seeds:
            for threads in (1, 3):
                lines = run_seed(binary, seed, threads, root)
                print(f"seed {seed}, {threads} threads: {lines} records, each imported once "
                      f"whole with its line number")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
