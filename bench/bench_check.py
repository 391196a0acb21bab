"""Benchmark `cc-lint check --format json` against pyarrow.csv.read_csv of the same file.

    python bench/bench_check.py [--rows 1000000] [--repeat 3]

Generates Flickr-style manifests (100k and --rows rows) under bench/out/, then
prints wall time for read_csv (in-process, the floor for any CSV tool) and for
the cc-lint subprocess (start-up included), their ratio, and each run's peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv

OUT = Path(__file__).resolve().parent / "out"

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


def time_read_csv(path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pacsv.read_csv(path)
        best = min(best, time.perf_counter() - start)
    return best


def time_cc_lint(path: Path, repeat: int) -> tuple[float, float, int]:
    """Best wall time, its peak RSS in MiB, and the exit code."""
    best, rss, code = float("inf"), 0.0, -1
    cmd = [sys.executable, "-m", "cc_lint", "check", str(path), "--use", "commercial,redistribute",
           "--format", "json"]  # fmt: skip
    for _ in range(repeat):
        with open(os.devnull, "wb") as sink:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=sink)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if elapsed < best:
            best, rss = elapsed, usage.ru_maxrss / 1024
    return best, rss, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    print(
        f"{'rows':>10} {'MiB':>6} {'read_csv s':>10} {'cc-lint s':>9} {'ratio':>6} {'peak RSS MiB':>12}"
    )
    for rows in sorted({100_000, args.rows}):
        path = OUT / f"manifest-{rows}.csv"
        if not path.exists():
            generate(path, rows)
        size = path.stat().st_size / 2**20
        floor = time_read_csv(path, args.repeat)
        wall, rss, code = time_cc_lint(path, args.repeat)
        assert code == 1, f"cc-lint exited {code}, expected 1 (findings)"
        print(
            f"{rows:>10,} {size:>6.0f} {floor:>10.2f} {wall:>9.2f} {wall / floor:>6.2f} {rss:>12.0f}"
        )


if __name__ == "__main__":
    main()
