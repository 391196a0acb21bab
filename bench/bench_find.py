"""Benchmark `cc-lint find` on a 1M-row manifest, and check that it misses nothing.

    python bench/bench_find.py [--rows 1000000] [--targets 600] [--repeat 3]

Generates bench/out/find-<rows>.csv: Flickr-style records of many owners, with
one owner's photos scattered through it in every form a manifest uses (photo
pages by NSID and by path alias, static image URLs only, flic.kr short links,
photo.gne?id= links, a flickr_id column, a profile URL in author_url). Then it
times, best of --repeat, with start-up included:

- by owner: --flickr-user NSID --flickr-user ALIAS (rows whose owner is knowable);
- by photo: --photo for every target photo, each given in some URL form;
- both at once, plus pyarrow.csv.read_csv of the file (the floor),

and asserts each query found exactly the expected records (printing the counts).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cc_lint.flickr_urls import base58_encode  # noqa: E402

OUT = ROOT / "bench" / "out"
NSID, ALIAS = "99999999@N09", "target_owner"
HEADER = ["id", "photo_url", "image_url", "flickr_id", "license", "author", "author_url", "title"]
FORMS = ("page-nsid", "page-alias", "static", "short", "gne", "column", "profile")
OWNER_KNOWN = {"page-nsid", "page-alias", "profile"}


def _static(rng: random.Random, pid: int) -> str:
    host = rng.choice(["live.staticflickr.com", "farm3.staticflickr.com", "c1.staticflickr.com/1"])
    return f"https://{host}/{rng.randrange(1, 9999)}/{pid}_{rng.randrange(16**10):010x}_z.jpg"


def _target_row(rng: random.Random, i: int, pid: int, form: str) -> list[str]:
    page = {
        "page-nsid": f"https://www.flickr.com/photos/{NSID}/{pid}/",
        "page-alias": f"https://www.flickr.com/photos/{ALIAS}/{pid}/in/dateposted/",
        "short": f"https://flic.kr/p/{base58_encode(pid)}",
        "gne": f"https://www.flickr.com/photo.gne?id={pid}",
    }.get(form, "")
    image = _static(rng, pid) if form in ("static", "profile", "page-nsid") else ""
    column = str(pid) if form == "column" else ""
    author_url = f"https://www.flickr.com/people/{NSID}/" if form == "profile" else ""
    return [f"img{i:09d}", page, image, column, "CC BY 2.0", "T. Owner", author_url, f"Photo {i}"]


def generate(path: Path, rows: int, targets: int, seed: int = 11) -> dict[str, object]:
    """Write the manifest; return the expected answers."""
    rng = random.Random(seed)
    owners = [f"{rng.randrange(10**7, 10**9)}@N0{rng.randrange(10)}" for _ in range(rows // 20 + 1)]
    at = sorted(rng.sample(range(rows), targets))
    pids = rng.sample(range(10**9, 6 * 10**10), targets)
    plan = {row: (pids[k], FORMS[k % len(FORMS)]) for k, row in enumerate(at)}
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            if i in plan:
                w.writerow(_target_row(rng, i, *plan[i]))
                continue
            pid = rng.randrange(10**9, 6 * 10**10)
            while pid in pids:
                pid = rng.randrange(10**9, 6 * 10**10)
            page = f"https://www.flickr.com/photos/{rng.choice(owners)}/{pid}/"
            w.writerow([f"img{i:09d}", page, _static(rng, pid), "", "CC BY-NC 2.0", "A", "", ""])
    tmp.replace(path)
    by_owner = sorted(f"img{row:09d}" for row, (_, form) in plan.items() if form in OWNER_KNOWN)
    return {
        "by_owner": by_owner,
        "all": sorted(f"img{row:09d}" for row in plan),
        "photos": [(pid, form) for pid, form in plan.values()],
    }


def photo_arg(pid: int, k: int) -> str:
    """Each target photo given in a different form, as a person might paste it."""
    forms = [
        str(pid),
        f"https://www.flickr.com/photos/someone/{pid}/",
        f"https://live.staticflickr.com/65535/{pid}_0123456789_b.jpg",
        f"https://flic.kr/p/{base58_encode(pid)}",
    ]
    return forms[k % len(forms)]


def run_find(path: Path, args: list[str], repeat: int) -> tuple[float, float, list[str]]:
    """Best wall time, its peak RSS (MiB), and the matched record ids."""
    best, rss, ids = float("inf"), 0.0, []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "found.json"
        cmd = [
            sys.executable,
            "-m",
            "cc_lint",
            "find",
            str(path),
            *args,
            "-f",
            "json",
            "-o",
            str(out),
        ]
        for _ in range(repeat):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            assert code in (0, 1), f"cc-lint find exited {code}"
            if elapsed < best:
                best, rss = elapsed, usage.ru_maxrss / 1024
        ids = sorted(m["record"]["id"] for m in json.loads(out.read_text())["matches"])
    return best, rss, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--targets", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"find-{args.rows}-{args.targets}.csv"
    expected_file = path.with_suffix(".expected.json")
    if not (path.exists() and expected_file.exists()):
        expected_file.write_text(json.dumps(generate(path, args.rows, args.targets)))
    expected = json.loads(expected_file.read_text())
    floor = read_csv_seconds(path, args.repeat)
    owner = ["--flickr-user", NSID, "--flickr-user", ALIAS]
    photos = [
        a for k, (pid, _) in enumerate(expected["photos"]) for a in ("--photo", photo_arg(pid, k))
    ]
    print(f"{args.rows:,} rows, {path.stat().st_size / 2**20:.0f} MiB; read_csv {floor:.2f} s")
    print(f"{'query':<22} {'found':>6} {'expected':>8} {'seconds':>8} {'peak RSS MiB':>12}")
    for name, query, want in [
        ("owner (NSID, alias)", owner, expected["by_owner"]),
        (f"{len(expected['photos'])} photos (4 forms)", photos, expected["all"]),
        ("owner + photos", owner + photos, expected["all"]),
    ]:
        wall, rss, found = run_find(path, query, args.repeat)
        print(f"{name:<22} {len(found):>6} {len(want):>8} {wall:>8.2f} {rss:>12.0f}")
        assert found == want, (
            f"{name}: {len(set(want) - set(found))} missed, {len(set(found) - set(want))} extra"
        )
    print("every record was found, and nothing else")


def read_csv_seconds(path: Path, repeat: int) -> float:
    """pyarrow.csv.read_csv of the file, best of repeat, in a child process (so that this
    process stays small: a forked child's peak RSS counts the parent's pages)."""
    code = (
        "import sys, time, pyarrow.csv as c; s = time.perf_counter(); c.read_csv(sys.argv[1]); "
        "print(time.perf_counter() - s)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                             text=True, check=True).stdout)
        for _ in range(repeat)
    ]  # fmt: skip
    return min(runs)


if __name__ == "__main__":
    main()
