"""The top-level JSON walker: results equal json.load, at any chunk size, in bounded memory."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cc_lint.errors import InputError
from cc_lint.readers.jsonstream import FAST, Item, JsonStream, Member, pointer_token


def walk(path: Path, chunk: int, stream: set[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for event in JsonStream(path, chunk=chunk).walk(stream):
        if isinstance(event, Member):
            out[event.key] = event.value
        else:
            assert isinstance(event, Item)
            items = out.setdefault(event.key or "", [])
            assert isinstance(items, list) and event.position == len(items)
            items.append(event.value)
    return out


DOC = {
    "info": {"description": 'tricky: " \\ { } [ ] , é 星影 \u2028', "year": 2017},
    "images": [
        {"id": 1, "file_name": "a.jpg", "x": 1.5e-3, "t": True, "n": None},
        {"id": "2", "nested": {"deep": [[1, 2], {"k": "]"}]}, "s": 'a\\\\"b'},
    ],
    "empty": [],
    "annotations": [{"image_id": 1, "segmentation": [[1.25, 2.5, 1e10]]}],
    "n": -12345678901234567890,
}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_walk_equals_json_load_at_any_chunk_size(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(DOC, ensure_ascii=False, indent=1), encoding="utf-8")
    assert walk(path, chunk, {"images", "annotations", "empty"}) == DOC


def test_top_level_array_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([{"a": 1}, 2, "x"]).encode())
    events = list(JsonStream(path, chunk=2).walk())
    assert events == [Item(None, 0, {"a": 1}), Item(None, 1, 2), Item(None, 2, "x")]


def test_fast_decoder_skips_floats_but_keeps_ints(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"annotations": [{"image_id": 7, "area": 12.5}]}')
    (event,) = JsonStream(path).walk({"annotations"}, {"annotations": FAST})
    assert isinstance(event, Item) and event.value == {"image_id": 7, "area": False}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"images": [{"id": 1}, {"id": 2', "truncated", 1),
        ('{"images": [{"id": 1}, {"id": tru', "truncated", 1),
        ('{"images": [{"id": 1}, {"id": "abc', "truncated", 1),
        ('{"a": 1,\n "b": [1, 2]', "truncated", 2),
        ('{"images": [{"id": 1},\n\n {"id": 2,}]}', "Expecting property name", 3),
        ('{"images": [{"id": 1}\n {"id": 2}]}', "expected ',' or ']'", 2),
        ('{"a": 1} x', "extra data", 1),
        ("nope", "expected a JSON object or array", 1),
        ('{"images": [], "images": []}', "appears twice", 1),
    ],
)
def test_errors_are_located(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    for chunk in (3, 1 << 20):
        with pytest.raises(InputError) as err:
            list(JsonStream(path, chunk=chunk).walk({"images"}))
        assert message in str(err.value)
        assert err.value.where == f"{path}:{line}"
        assert "character" in str(err.value) or message == "expected a JSON object or array"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"images": [{"title": "caf\xe9"}]}')
    with pytest.raises(InputError, match="not valid UTF-8"):
        list(JsonStream(path).walk({"images"}))


def test_memory_is_one_chunk_plus_one_item(tmp_path: Path) -> None:
    rng = random.Random(1)
    path = tmp_path / "big.json"
    items = [{"id": i, "seg": [round(rng.random(), 3) for _ in range(50)]} for i in range(20_000)]
    path.write_text(json.dumps({"images": items}))
    stream = JsonStream(path, chunk=1 << 14)
    biggest = 0
    count = 0
    for _ in stream.walk({"images"}, {"images": FAST}):
        biggest = max(biggest, len(stream.text))
        count += 1
    assert count == 20_000
    assert path.stat().st_size > 5_000_000
    assert biggest < 3 * (1 << 14)


def test_pointer_token_escaping() -> None:
    assert pointer_token("a/b~c") == "a~1b~0c"
