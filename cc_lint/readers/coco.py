"""MS-COCO annotation JSON: instances, captions, person keypoints and panoptic files.

One streaming pass (jsonstream) over the file, in whatever key order it has
(2017: info, licenses, images, annotations, categories; 2014: info, images,
licenses, annotations, categories). The licenses and categories tables are
small and decoded whole; images and annotations come one item at a time. Per
image we keep a few strings (in Arrow arrays) and a category bitmask, never the
parsed JSON, so memory is O(images) in small arrays. Records come out at the
end, in file order, each pointing at ``/images/<index>``.

People: an image depicts people when an annotation on it has a person category
(name or supercategory "person", as the file's categories table says), a
panoptic segment with such a category, or visible keypoints (unless the table
names that annotation's category as something else, as animal-pose files do).
Images without such an annotation are marked false only when the file has
categorised annotations and a person category, i.e. the annotators looked for
people; captions-only files leave depicts_people unknown (null).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from cc_lint import compute as pc
from cc_lint.errors import InputError
from cc_lint.readers import jsonstream, textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader, ReadOptions
from cc_lint.readers.jsonstream import FAST, Item, JsonStream, Member
from cc_lint.records import canonical_batch

_IMAGE_FIELDS = ("id", "image_url", "license")
_UNKNOWN_CATEGORY = 1  # bit for keypoint annotations without a category_id


Key = int | str  # image and category ids as compared


def _key(value: Any) -> Key | None:
    """Ids as compared: ints (397133.0 counts as 397133) and strings as written;
    None when missing or unusable (bools, objects)."""
    kind = type(value)
    if kind is int or kind is str:
        return value  # type: ignore[no-any-return]
    if kind is float and value.is_integer():
        return int(value)
    return None


def _visible_keypoints(ann: dict[str, Any]) -> bool:
    count = ann.get("num_keypoints")
    if type(count) is int:
        return count > 0
    points = ann.get("keypoints")
    if not isinstance(points, list):
        return False
    # [x, y, v] triples; v > 0 means labelled.
    return any(isinstance(v, (int, float)) and v > 0 for v in points[2::3])


def _needs_exact(ann: dict[str, Any]) -> bool:
    """FAST decoding turned a float we need into False: decode the item exactly."""
    if type(ann.get("image_id")) is bool or type(ann.get("category_id")) is bool:
        return True
    return "keypoints" in ann and "num_keypoints" not in ann


class _People:
    """Per-image category bitmasks, decided once the categories table is known."""

    def __init__(self) -> None:
        self.bits: dict[Key, int] = {}  # category id -> bit
        self.masks: dict[Key, int] = {}  # image id -> categories annotated on it
        self.keypoints: dict[Key, int] = {}  # image id -> categories of keypoint annotations
        self.categorised = False  # some annotation carried a category
        self.unusable = 0  # annotations whose image_id we cannot use

    def bit(self, category: Any) -> int:
        key = _key(category)
        if key is None:
            return 0
        found = self.bits.get(key)
        if found is None:
            found = self.bits[key] = 1 << (len(self.bits) + 1)
        return found

    def add(self, ann: Any) -> None:
        if type(ann) is not dict:
            self.unusable += 1
            return
        image = ann.get("image_id")
        if type(image) is not int:
            image = _key(image)
            if image is None:
                self.unusable += 1
                return
        mask = 0
        category = ann.get("category_id")
        if category is not None:
            mask = (type(category) is int and self.bits.get(category)) or self.bit(category)
        segments = ann.get("segments_info")
        if isinstance(segments, list):  # panoptic
            for seg in segments:
                if isinstance(seg, dict):
                    mask |= self.bit(seg.get("category_id"))
        if mask:
            self.categorised = True
            self.masks[image] = self.masks.get(image, 0) | mask
        if ("num_keypoints" in ann or "keypoints" in ann) and _visible_keypoints(ann):
            self.keypoints[image] = self.keypoints.get(image, 0) | (mask or _UNKNOWN_CATEGORY)

    def verdicts(
        self, ids: list[Key | None], categories: list[Any] | None
    ) -> tuple[list[bool | None], str]:
        """depicts_people per image, and a note on how it was decided."""
        table: dict[Key, str] = {}
        for cat in categories or []:
            if isinstance(cat, dict) and (key := _key(cat.get("id"))) is not None:
                names = {
                    str(cat.get("name", "")).lower(),
                    str(cat.get("supercategory", "")).lower(),
                }
                table[key] = "person" if "person" in names else "other"
        person = sum(b for c, b in self.bits.items() if table.get(c) == "person")
        # Keypoints count unless the table says their category is not a person.
        pose = _UNKNOWN_CATEGORY | sum(b for c, b in self.bits.items() if table.get(c) != "other")
        decisive = self.categorised and "person" in table.values()
        default: bool | None = False if decisive else None
        out: list[bool | None] = []
        for image in ids:
            if image is None:
                out.append(default)
                continue
            hit = self.masks.get(image, 0) & person or self.keypoints.get(image, 0) & pose
            out.append(True if hit else default)
        found = sum(1 for v in out if v)
        if decisive:
            how = (
                f"{found:,} of {len(out):,} images have a person annotation; the others are "
                "marked as not depicting people (COCO annotates every person instance)"
            )
        elif found:
            how = f"{found:,} of {len(out):,} images have keypoint annotations (people); others unknown"
        else:
            how = (
                "no annotation in this file has a person category or keypoints "
                "(captions or image lists only): whether images depict people is unknown"
            )
        return out, how


class CocoReader(ManifestReader):
    name = "coco"
    description = (
        "MS-COCO annotation JSON (instances, captions, keypoints, panoptic); JSON pointers"
    )
    suffixes = (".json",)

    def __init__(self, path: Path, options: ReadOptions) -> None:
        super().__init__(path, options)
        self._info: DatasetInfo | None = None

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        if not jsonstream.starts_with(head, b"{"):
            return 0
        keys = set(jsonstream.head_keys(head))
        if "images" in keys and keys & {"licenses", "annotations", "categories", "file_name"}:
            return 90
        return 0

    def info(self) -> DatasetInfo:
        if self._info is None:
            head = textio.open_checked(self.path)
            textio.refuse_binary(self.path, head)
            self._info = DatasetInfo(format=self.name, records_path=self.path, location="pointer")
            if self.options.columns:
                self._info.notes.append("--column does not apply to COCO files: ignored")
        return self._info

    def batches(self) -> Iterator[pa.RecordBatch]:
        info = self.info()
        stream = JsonStream(self.path)
        licenses: Any = None
        categories: Any = None
        people = _People()
        images = _ImageColumns(self.options.batch_rows)
        seen_images = False
        for event in stream.walk({"images", "annotations"}, {"annotations": FAST}):
            if isinstance(event, Item):
                if event.key == "images":
                    images.add(event.position, event.value, self.path)
                else:
                    ann = event.value
                    if isinstance(ann, dict) and _needs_exact(ann):
                        ann = json.loads(stream.item_text())
                    people.add(ann)
            elif isinstance(event, Member):
                if event.key == "licenses":
                    licenses = event.value
                elif event.key == "categories":
                    categories = event.value
                elif event.key == "images" and event.value != []:
                    raise _not_an_array(self.path, "images")
                elif event.key == "annotations" and event.value not in ([], None):
                    raise _not_an_array(self.path, "annotations")
            seen_images = seen_images or event.key == "images"
        if not seen_images:
            raise InputError(
                "no top-level 'images' array: not a COCO annotation file",
                where=str(self.path),
                hint="pass --manifest-format to choose another reader",
            )
        table, table_note = _license_table(licenses)
        depicts, how = people.verdicts(images.keys, categories)
        info.notes.append(f"COCO: {how}")
        if table_note:
            info.notes.append(f"COCO: {table_note}")
        if people.unusable:
            info.notes.append(
                f"COCO: {people.unusable:,} annotations without a usable image_id were ignored"
            )
        yield from images.batches(table, depicts, self.path, info)


class _ImageColumns:
    """Image fields collected in file order, compacted into Arrow arrays as they come."""

    def __init__(self, chunk: int) -> None:
        self.chunk = chunk
        self.rows: dict[str, list[str | None]] = {f: [] for f in _IMAGE_FIELDS}
        self.arrays: dict[str, list[pa.Array]] = {f: [] for f in _IMAGE_FIELDS}
        self.keys: list[Key | None] = []  # ids as annotations name them

    def add(self, index: int, image: Any, path: Path) -> None:
        if not isinstance(image, dict):
            raise InputError(
                f"expected an image object, found {type(image).__name__}",
                where=f"{path}#/images/{index}",
            )
        url = image.get("flickr_url") or image.get("coco_url") or image.get("url")
        key = _key(image.get("id"))
        license_id = _key(image.get("license"))
        self.keys.append(key)
        self.rows["id"].append(None if key is None else str(key))
        self.rows["image_url"].append(url if isinstance(url, str) else None)
        self.rows["license"].append(None if license_id is None else str(license_id))
        if len(self.rows["id"]) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        for name, values in self.rows.items():
            self.arrays[name].append(pa.array(values, pa.string()))
            values.clear()

    def batches(
        self,
        table: dict[str, tuple[str | None, str | None]] | None,
        depicts: list[bool | None],
        path: Path,
        info: DatasetInfo,
    ) -> Iterator[pa.RecordBatch]:
        self._flush()
        start = 0
        missing = 0
        for ids, urls, keys in zip(*(self.arrays[f] for f in _IMAGE_FIELDS), strict=True):
            n = len(ids)
            names, license_urls, absent = _licenses(keys, table)
            missing += absent
            index = pa.array(range(start, start + n), pa.int64())
            pointer = pc.binary_join_element_wise("/images/", pc.cast(index, pa.string()), "")
            columns = {
                "id": ids,
                "image_url": urls,
                "license": names,
                "license_url": license_urls,
                "depicts_people": pa.array(depicts[start : start + n], pa.bool_()),
            }
            start += n
            yield canonical_batch(columns, length=n, where=str(path), pointer=pointer)
        if missing:
            info.notes.append(
                f"COCO: {missing:,} images use a license id the licenses table does not have; "
                "their license is reported as unrecognised"
            )


def _not_an_array(path: Path, key: str) -> InputError:
    return InputError(f"'{key}' is not an array", where=f"{path}#/{key}")


def _license_table(licenses: Any) -> tuple[dict[str, tuple[str | None, str | None]] | None, str]:
    """{id: (name, url)} from the top-level licenses array, and a note if it is unusable."""
    if licenses is None:
        return None, "the file has no licenses table: image license ids cannot be resolved"
    if not isinstance(licenses, list):
        return None, "'licenses' is not an array: image license ids cannot be resolved"
    table: dict[str, tuple[str | None, str | None]] = {}
    for entry in licenses:
        if isinstance(entry, dict) and (key := _key(entry.get("id"))) is not None:
            name, url = entry.get("name"), entry.get("url")
            table[str(key)] = (
                name if isinstance(name, str) else None,
                url if isinstance(url, str) else None,
            )
    return table, ""


def _licenses(
    keys: pa.Array, table: dict[str, tuple[str | None, str | None]] | None
) -> tuple[pa.Array, pa.Array, int]:
    """Per-image license name and URL from the table; ids it lacks become an
    unrecognisable statement of fact (never a guess)."""
    encoded = pc.dictionary_encode(keys)
    names: list[str | None] = []
    urls: list[str | None] = []
    absent_keys = []
    for key in encoded.dictionary.to_pylist():
        if table is not None and key in table:
            name, url = table[key]
        else:
            where = "the licenses table" if table is not None else "a licenses table"
            name, url = f"COCO license id {key} (not in {where})", None
            absent_keys.append(key)
        names.append(name)
        urls.append(url)
    indices = encoded.indices
    absent = 0
    if absent_keys:
        absent = pc.sum(pc.is_in(keys, value_set=pa.array(absent_keys, pa.string()))).as_py()
    return (
        pc.take(pa.array(names, pa.string()), indices),
        pc.take(pa.array(urls, pa.string()), indices),
        absent,
    )
