"""Benchmark `cc-lint check --format json` against pyarrow.csv.read_csv of the same file.

    python bench/bench_check.py [--rows 1000000] [--repeat 3]

Generates Flickr-style manifests (100k and --rows rows) under bench/out/, then
prints wall times for the cc-lint subprocess (best and median; start-up included) and for
read_csv, both in this process (the floor for any CSV tool) and as a process
that imports pyarrow and reads the file; the ratios; and cc-lint's peak RSS.

Processes run as an installed tool runs: with compiled bytecode (a first, untimed
run writes it even where PYTHONDONTWRITEBYTECODE is set) and warm file caches.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv

OUT = Path(__file__).resolve().parent / "out"
# As on a user's machine, where pip compiles bytecode at install or on first run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Flickr's CC 2.0 mix as in COCO train2017 (ids 1..6), written in the forms manifests use.
LICENSES = [
    (32878, "http://creativecommons.org/licenses/by-nc-sa/2.0/"),
    (16397, "Attribution-NonCommercial License"),
    (32184, "https://creativecommons.org/licenses/by-nc-nd/2.0/"),
    (19470, "CC BY 2.0"),
    (10901, "https://creativecommons.org/licenses/by-sa/2.0/"),
    (5992, "CC BY-ND 2.0"),
    (465, "No known copyright restrictions"),
    (200, "All Rights Reserved"),
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    weights = [w for w, _ in LICENSES]
    names = [n for _, n in LICENSES]
    owners = [f"{rng.randrange(10**7, 10**9)}@N0{rng.randrange(10)}" for _ in range(rows // 20 + 1)]
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "photo_url", "image_url", "license", "author", "title", "depicts_people"])
        for i in range(rows):
            pid = rng.randrange(10**9, 6 * 10**10)
            owner = rng.choice(owners)
            author = (
                "" if rng.random() < 0.08 else rng.choice(["Ann Lee", "Bob, the builder", "星影"])
            )
            w.writerow(
                [
                    f"img{i:09d}",
                    f"https://www.flickr.com/photos/{owner}/{pid}/",
                    f"https://live.staticflickr.com/{rng.randrange(1, 9999)}/{pid}_{rng.randrange(16**10):010x}_z.jpg",
                    rng.choices(names, weights)[0],
                    author,
                    f'Photo "{i}"' if rng.random() < 0.01 else f"Photo {i}",
                    rng.choice(["true", "false", ""]),
                ]
            )
    tmp.replace(path)


def time_read_csv(path: Path, repeat: int) -> tuple[float, float]:
    """Best in-process read_csv time, and best time of a process that only imports
    pyarrow and calls read_csv (start-up included, as for cc-lint)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pacsv.read_csv(path)
        best = min(best, time.perf_counter() - start)
    script = f"import pyarrow.csv as c; c.read_csv({str(path)!r})"
    best_process = float("inf")
    subprocess.run([sys.executable, "-c", script], check=True, env=ENV)  # warm-up
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], check=True, env=ENV)
        best_process = min(best_process, time.perf_counter() - start)
    return best, best_process


def time_cc_lint(path: Path, repeat: int) -> tuple[float, float, float, int]:
    """Best and median wall time, the best run's peak RSS in MiB, and the exit code."""
    best, rss, code = float("inf"), 0.0, -1
    walls = []
    cmd = [sys.executable, "-m", "cc_lint", "check", str(path), "--use", "commercial,redistribute",
           "--format", "json"]  # fmt: skip
    with open(os.devnull, "wb") as sink:
        subprocess.run(cmd, stdout=sink, env=ENV)  # warm-up: bytecode, file cache
    for _ in range(repeat):
        with open(os.devnull, "wb") as sink:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=sink, env=ENV)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        walls.append(elapsed)
        if elapsed < best:
            best, rss = elapsed, usage.ru_maxrss / 1024
    return best, statistics.median(walls), rss, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    print(
        f"{'rows':>10} {'MiB':>5} {'read_csv':>9} {'(process)':>9} {'cc-lint':>8} {'(median)':>8} "
        f"{'ratio':>6} {'(process)':>9} {'peak RSS MiB':>12}"
    )
    sizes = sorted({100_000, args.rows})
    paths = []
    for rows in sizes:
        path = OUT / f"manifest-{rows}.csv"
        if not path.exists():
            generate(path, rows)
        paths.append(path)
    # cc-lint first: its peak RSS must not include this process's read_csv memory.
    results = [time_cc_lint(path, args.repeat) for path in paths]
    for rows, path, (wall, median, rss, code) in zip(sizes, paths, results, strict=True):
        assert code == 1, f"cc-lint exited {code}, expected 1 (findings)"
        size = path.stat().st_size / 2**20
        floor, floor_process = time_read_csv(path, args.repeat)
        print(
            f"{rows:>10,} {size:>5.0f} {floor:>8.2f}s {floor_process:>8.2f}s {wall:>7.2f}s "
            f"{median:>7.2f}s "
            f"{wall / floor:>5.1f}x {wall / floor_process:>8.1f}x {rss:>12.0f}"
        )


if __name__ == "__main__":
    main()
