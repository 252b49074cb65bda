#!/usr/bin/env python3
"""A/B import benchmark: two rstscope binaries run alternately, into a new
database and appending to an existing one, on the same inputs.

  bench/import_ab.py OLD_BIN NEW_BIN [--runs R] [--inputs "syslog-1000000 mixed-1000000"]

Inputs are bench/out/NAME (bench/generate.py output); appending needs
bench/out/NAME-s2 too (the same generator with --seed 2), which is imported
once by each binary into its own base database, which each of its append runs
starts from (a fresh copy per run, copied outside the timing). The machine is shared and noisy:
only alternating runs of one session are compared. Prints each run, then per
mode, input and binary the median wall time, lines/s, peak RSS, database
size / input size and CPU time (user + system: less disturbed by the other
work on the machine than the wall time) (the input's bytes; for appends the growth of the
database / input).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")


def size(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    return os.path.getsize(path)


def count_lines(path):
    files = [os.path.join(path, f) for f in os.listdir(path)] if os.path.isdir(path) else [path]
    n = 0
    for f in files:
        with open(f, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                n += block.count(b"\n")
    return n


def input_measure(path):
    """Lines and uncompressed bytes: the generator's NAME.size when there is
    one (bundles hold .gz and .tar.gz members), else counted."""
    if os.path.exists(path + ".size"):
        with open(path + ".size") as fh:
            lines, nbytes = fh.read().split()
        return int(lines), int(nbytes)
    return count_lines(path), size(path)


def clean(db):
    for suffix in ("", "-journal", ".lock", ".importing"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def timed_import(binary, db, inp):
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", binary, "import", "-q", "--db", db, inp],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 3):
        sys.exit(f"{binary} import {inp}: exit {r.returncode}: {r.stderr}")
    secs, rss_kb, user, system = r.stderr.strip().splitlines()[-1].split()
    return float(secs), int(rss_kb) / 1024, float(user) + float(system)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--inputs", default="syslog-1000000 mixed-1000000")
    ap.add_argument("--modes", default="new append")
    args = ap.parse_args()
    bins = {"old": os.path.abspath(args.old), "new": os.path.abspath(args.new)}
    inputs = args.inputs.split()
    modes = args.modes.split()
    db = os.path.join(OUT, "ab.db")
    bases = {}
    if "append" in modes:
        # Each binary appends to a database it made itself, as a scheduled
        # import does (a newer schema would otherwise migrate the old one's
        # database inside the timing). Always made afresh: a base left by
        # other binaries would not be theirs.
        for name in inputs:
            src = os.path.join(OUT, name + "-s2")
            if not os.path.exists(src):
                sys.exit(f"{src} is missing: the append base (bench/generate.py --seed 2)")
            for which in ("old", "new"):
                base = os.path.join(OUT, f"ab-base-{name}-{which}.db")
                clean(base)
                timed_import(bins[which], base, src)
                bases[(name, which)] = base
    results = {}
    for run in range(args.runs):
        order = ["old", "new"] if run % 2 == 0 else ["new", "old"]
        for mode in modes:
            for name in inputs:
                inp = os.path.join(OUT, name)
                for which in order:
                    clean(db)
                    start_size = 0
                    if mode == "append":
                        shutil.copy(bases[(name, which)], db)
                        start_size = size(db)
                    subprocess.run(["sync"])
                    secs, rss, cpu = timed_import(bins[which], db, inp)
                    growth = size(db) - start_size
                    results.setdefault((mode, name, which), []).append((secs, rss, growth, cpu))
                    print(f"run {run} {mode:6s} {name:16s} {which}: {secs:6.2f} s {rss:6.0f} MB "
                          f"db +{growth / 1e6:.0f} MB, CPU {cpu:.2f} s", flush=True)
    print()
    print(f"{'mode':6s} {'input':16s} {'bin':4s} {'median s':>8s} {'lines/s':>9s} {'RSS MB':>7s} "
          f"{'db/in':>6s} {'speed-up':>8s} {'CPU s':>6s}")
    for mode in modes:
        for name in inputs:
            inp = os.path.join(OUT, name)
            lines, nbytes = input_measure(inp)
            med = {}
            for which in ("old", "new"):
                rows = results[(mode, name, which)]
                t = statistics.median(r[0] for r in rows)
                med[which] = t
                rss = statistics.median(r[1] for r in rows)
                growth = statistics.median(r[2] for r in rows)
                cpu = statistics.median(r[3] for r in rows)
                ratio = "" if which == "old" else f"{med['old'] / t:7.2f}x"
                print(f"{mode:6s} {name:16s} {which:4s} {t:8.2f} {lines / t:9.0f} {rss:7.0f} "
                      f"{growth / nbytes:6.2f} {ratio:>8s} {cpu:6.2f}")


if __name__ == "__main__":
    main()
