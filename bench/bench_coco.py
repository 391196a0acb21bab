"""Benchmark the COCO reader on a generated file the size of instances_train2017.json.

    python bench/bench_coco.py [--images 118287] [--annotations 860001] [--repeat 3]

Generates bench/out/instances_train2017_like.json (2017 key order: info,
licenses, images, annotations, categories; polygon and RLE segmentations with
COCO's field sizes, ~450 MB at full size), then reports for the best of
--repeat runs, each in a fresh subprocess: wall time and peak RSS (os.wait4) of
(a) the reader alone, draining every record batch, and (b) the full
`cc-lint check --use commercial --format json`; with --baseline also (c) a
plain json.load of the file, for scale, and the interpreter's own footprint
(the reader on a 2-image file).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent

# COCO's license table, and train2017's share of each id (ids 1..8).
LICENSES = [
    ("http://creativecommons.org/licenses/by-nc-sa/2.0/", 1, "Attribution-NonCommercial-ShareAlike License"),
    ("http://creativecommons.org/licenses/by-nc/2.0/", 2, "Attribution-NonCommercial License"),
    ("http://creativecommons.org/licenses/by-nc-nd/2.0/", 3, "Attribution-NonCommercial-NoDerivs License"),
    ("http://creativecommons.org/licenses/by/2.0/", 4, "Attribution License"),
    ("http://creativecommons.org/licenses/by-sa/2.0/", 5, "Attribution-ShareAlike License"),
    ("http://creativecommons.org/licenses/by-nd/2.0/", 6, "Attribution-NoDerivs License"),
    ("http://flickr.com/commons/usage/", 7, "No known copyright restrictions"),
    ("http://www.usa.gov/copyright.shtml", 8, "United States Government Work"),
]  # fmt: skip
LICENSE_WEIGHTS = [32878, 16397, 32184, 19470, 10901, 5992, 465, 0]
SUPERCATEGORIES = ["person", "vehicle", "outdoor", "animal", "accessory", "sports", "kitchen",
                   "food", "furniture", "electronic", "appliance", "indoor"]  # fmt: skip


def _categories() -> list[dict[str, object]]:
    # COCO's 80 categories use ids 1..90 with gaps; id 1 is person.
    ids = [i for i in range(1, 91) if i not in (12, 26, 29, 30, 45, 66, 68, 69, 71, 83)]
    return [
        {"supercategory": SUPERCATEGORIES[0 if i == 1 else 1 + i % 11], "id": i,
         "name": "person" if i == 1 else f"category{i}"}
        for i in ids
    ]  # fmt: skip


def _polygon(rng: random.Random, x: float, y: float, w: float, h: float) -> list[float]:
    points = rng.randrange(8, 38)
    out: list[float] = []
    for _ in range(points):
        out += [round(x + rng.random() * w, 2), round(y + rng.random() * h, 2)]
    return out


def generate(path: Path, images: int, annotations: int, seed: int = 2017) -> None:
    """Write the file item by item (memory stays small); ~1 minute at full size."""
    rng = random.Random(seed)
    cats = _categories()
    cat_ids = [c["id"] for c in cats]
    others = cat_ids[1:]
    image_ids = rng.sample(range(1, 600_000), images)
    # As in train2017: 54% of images show people, persons are ~30% of all instances.
    with_people = [rng.random() < 0.54 for _ in image_ids]
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        info = {"description": "COCO 2017 Dataset", "url": "http://cocodataset.org",
                "version": "1.0", "year": 2017, "contributor": "COCO Consortium",
                "date_created": "2017/09/01"}  # fmt: skip
        fh.write('{"info": ' + json.dumps(info) + ', "licenses": ')
        fh.write(json.dumps([{"url": u, "id": i, "name": n} for u, i, n in LICENSES]))
        fh.write(', "images": [')
        for k, image_id in enumerate(image_ids):
            farm, server, photo = (
                rng.randrange(1, 10),
                rng.randrange(1000, 9999),
                rng.randrange(10**9, 10**10),
            )
            image = {
                "license": rng.choices(range(1, 9), LICENSE_WEIGHTS)[0],
                "file_name": f"{image_id:012d}.jpg",
                "coco_url": f"http://images.cocodataset.org/train2017/{image_id:012d}.jpg",
                "height": rng.randrange(200, 640),
                "width": 640,
                "date_captured": f"2013-11-{rng.randrange(10, 28)} 0{rng.randrange(10)}:00:{rng.randrange(10, 60)}",
                "flickr_url": f"http://farm{farm}.staticflickr.com/{server}/{photo}_{rng.randrange(16**10):010x}_z.jpg",
                "id": image_id,
            }  # fmt: skip
            fh.write((", " if k else "") + json.dumps(image))
        fh.write('], "annotations": [')
        for k in range(annotations):
            x, y = rng.random() * 500, rng.random() * 400
            w, h = rng.random() * 140 + 1, rng.random() * 240 + 1
            k_image = rng.randrange(images)
            person = with_people[k_image] and rng.random() < 0.565
            crowd = rng.random() < 0.01
            seg: object
            if crowd:
                counts = [rng.randrange(1, 400) for _ in range(rng.randrange(100, 400))]
                seg = {"counts": counts, "size": [480, 640]}
            else:
                seg = [_polygon(rng, x, y, w, h)]
            ann = {
                "segmentation": seg,
                "area": round(w * h * 0.6, 4),
                "iscrowd": int(crowd),
                "image_id": image_ids[k_image],
                "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)],
                "category_id": 1 if person else rng.choice(others),
                "id": 900_000 + k,
            }
            fh.write((", " if k else "") + json.dumps(ann))
        fh.write('], "categories": ' + json.dumps(cats) + "}")
    tmp.replace(path)


def _measure(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one subprocess run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


READER_ONLY = """
import sys
from pathlib import Path
from cc_lint.readers import ReadOptions, open_manifest
reader = open_manifest(Path(sys.argv[1]), ReadOptions(), "coco")
reader.info()
print(sum(b.num_rows for b in reader.batches()))
"""


def best_of(cmd: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [_measure(cmd) for _ in range(repeat)]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--images", type=int, default=118_287)
    parser.add_argument("--annotations", type=int, default=860_001)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", action="store_true", help="also time json.load")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"instances_like_{args.images}_{args.annotations}.json"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.images, args.annotations)
        print(f"generated {path.name} in {time.perf_counter() - start:.0f} s")
    size = path.stat().st_size / 2**20
    print(f"file: {args.images:,} images, {args.annotations:,} annotations, {size:,.0f} MiB")
    print(f"{'run':<28} {'wall s':>7} {'peak RSS MiB':>12} {'RSS/file':>8}")
    runs = {
        "reader only (all batches)": [sys.executable, "-c", READER_ONLY, str(path)],
        "cc-lint check --format json": [
            sys.executable, "-m", "cc_lint", "check", str(path),
            "--use", "commercial", "--format", "json",
        ],
    }  # fmt: skip
    if args.baseline:
        tiny = OUT / "instances_like_2_2.json"
        if not tiny.exists():
            generate(tiny, 2, 2)
        runs["reader on a 2-image file"] = [sys.executable, "-c", READER_ONLY, str(tiny)]
        runs["json.load (whole file)"] = [
            sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))", str(path),
        ]  # fmt: skip
    for label, cmd in runs.items():
        wall, rss, code = best_of(cmd, args.repeat)
        assert code in (0, 1), f"{label}: exit code {code}"
        print(f"{label:<28} {wall:>7.2f} {rss:>12.0f} {rss / size:>8.1%}")


if __name__ == "__main__":
    main()
