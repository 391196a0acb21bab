"""Walk a large JSON document's top level without loading it.

The top-level object (or array) is scanned by hand; each member value, or each
item of a member array the caller asks to stream, is decoded on its own by the
standard library's C decoder (``JSONDecoder.raw_decode``) from a sliding text
buffer. Memory is one item plus one read chunk, whatever the file size.

This is faster than an event parser (ijson) for COCO-like files: the bulk of
those files is numbers inside segmentations, which the C decoder turns into
objects without a Python call per token. Readers that never look at floats can
pass ``FAST`` to skip building them (see its comment).
"""

from __future__ import annotations

import codecs
import json
import operator
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

from cc_lint.errors import InputError
from cc_lint.readers import textio

_CHUNK = 1 << 20
_WS = re.compile(r"[ \t\n\r]*")
# A value the decoder stopped on this close to the buffer's end may just be cut
# by the read (a number, `true`, or an escape split across two chunks).
_NEAR_END = 16
# The longest single string or item we keep reading for before calling it broken.
MAX_ITEM_CHARS = 64 << 20

EXACT = json.JSONDecoder()
# Floats decode to False (operator.not_ of a non-empty string): about 3x faster
# on coordinate-heavy files. Only for callers that never read a float and that
# treat a bool where they expect an id as "decode this item exactly".
FAST = json.JSONDecoder(parse_float=operator.not_)


class Member(NamedTuple):
    """A top-level member decoded whole (for a streamed key: a non-array or an empty array)."""

    key: str
    value: Any


class Item(NamedTuple):
    """One item of a streamed array; key is None when the document is an array."""

    key: str | None
    position: int  # 0-based index in the array
    value: Any


def pointer_token(key: str) -> str:
    """RFC 6901 escaping of one JSON pointer reference token."""
    return key.replace("~", "~0").replace("/", "~1")


class JsonStream:
    """One pass over a JSON file; see ``walk``."""

    def __init__(self, path: Path, chunk: int = _CHUNK) -> None:
        self.path = path
        self.chunk = chunk
        self._fh: IO[bytes] | None = None
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in text already dropped from the buffer
        self.chars_before = 0  # characters already dropped from the buffer
        self._item_start = 0
        self._item_end = 0

    # -- buffer -----------------------------------------------------------------

    def _fill(self) -> bool:
        """Append the next chunk, dropping what was consumed; False at end of file."""
        if self.eof:
            return False
        assert self._fh is not None
        raw = self._fh.read(self.chunk)
        try:
            more = self._utf8.decode(raw, final=not raw)
        except UnicodeDecodeError:
            raise textio.utf8_error(self.path) from None
        if not raw:
            self.eof = True
        keep = self.pos  # everything before the value being decoded is done with
        if keep:
            self.lines_before += self.text.count("\n", 0, keep)
            self.chars_before += keep
            self._item_start -= keep
            self._item_end -= keep
            self.text = self.text[keep:]
            self.pos -= keep
        if not self.text and more.startswith("\ufeff"):
            more = more[1:]
        self.text += more
        return bool(raw)

    def _skip_ws(self) -> str:
        """Skip whitespace and return the next character ("" at end of file)."""
        if self.pos < len(self.text) and self.text[self.pos] not in " \t\r\n":
            return self.text[self.pos]  # the common case, without the regex
        while True:
            self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._fill():
                return ""

    def _line(self, pos: int) -> int:
        return self.lines_before + self.text.count("\n", 0, pos) + 1

    def error(self, message: str, pos: int | None = None, hint: str | None = None) -> InputError:
        at = self.pos if pos is None else pos
        # COCO files are often one long line: the character offset says where.
        message = f"{message} (character {self.chars_before + at + 1:,})"
        return InputError(message, where=f"{self.path}:{self._line(at)}", hint=hint)

    def _truncated(self) -> InputError:
        return self.error(
            "the JSON document ends too early (is the file truncated?)",
            pos=len(self.text),
            hint="download or write the file again",
        )

    def _decode(self, decoder: json.JSONDecoder) -> Any:
        """Decode one value at pos, reading more of the file while it is cut short."""
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as err:
                cut = err.pos >= len(self.text) - _NEAR_END or err.msg.startswith("Unterminated")
                if cut and not self.eof and len(self.text) - self.pos < MAX_ITEM_CHARS:
                    self._fill()
                    continue  # decode again with more text (or knowing the file ended)
                rest = self.text[err.pos :]
                if self.eof and cut and "}" not in rest and "]" not in rest:
                    raise self._truncated() from None
                raise self.error(f"invalid JSON: {err.msg}", pos=err.pos) from None
            if end >= len(self.text) and not self.eof and self._fill():
                continue  # a bare number may go on in the next chunk
            self._item_start, self._item_end = self.pos, end
            self.pos = end
            return value

    def _expect(self, chars: str, what: str) -> str:
        ch = self._skip_ws()
        if ch == "":
            raise self._truncated()
        if ch not in chars:
            raise self.error(f"invalid JSON: expected {what}, found {ch!r}")
        self.pos += 1
        return ch

    def item_text(self) -> str:
        """Source text of the value decoded last (to decode it again exactly)."""
        return self.text[self._item_start : self._item_end]

    # -- walking ----------------------------------------------------------------

    def walk(
        self,
        stream: Collection[str] = (),
        decoders: Mapping[str, json.JSONDecoder] | None = None,
        default: json.JSONDecoder = EXACT,
    ) -> Iterator[Member | Item]:
        """Members of the top-level object in file order; arrays under `stream`
        keys come item by item. A top-level array always comes item by item.
        Values under a key in `decoders` use that decoder, others `default`."""
        decoders = decoders or {}
        with textio.open_binary(self.path) as fh:
            self._fh = fh
            first = self._skip_ws()
            if first == "{":
                yield from self._object(stream, decoders, default)
            elif first == "[":
                self.pos += 1
                yield from self._items(None, default)
            elif first == "":
                raise InputError("file is empty", where=str(self.path))
            else:
                raise self.error(
                    f"expected a JSON object or array, found {first!r}",
                    hint="is this a JSON file? pass --manifest-format",
                )
            if self._skip_ws() != "":
                raise self.error("invalid JSON: extra data after the document")

    def _object(
        self,
        stream: Collection[str],
        decoders: Mapping[str, json.JSONDecoder],
        default: json.JSONDecoder,
    ) -> Iterator[Member | Item]:
        self.pos += 1
        seen: set[str] = set()
        if self._skip_ws() == "}":
            self.pos += 1
            return
        while True:
            ch = self._skip_ws()
            if ch == "":
                raise self._truncated()
            if ch != '"':
                raise self.error("invalid JSON: expected a member name in double quotes")
            key_pos = self.pos
            key = self._decode(EXACT)
            if key in seen and key in stream:
                raise self.error(f"key {key!r} appears twice at the top level", pos=key_pos)
            seen.add(key)
            self._expect(":", "':'")
            decoder = decoders.get(key, default)
            if key in stream and self._skip_ws() == "[":
                self.pos += 1
                if self._skip_ws() == "]":
                    self.pos += 1
                    yield Member(key, [])  # so that callers still see the key
                else:
                    yield from self._items(key, decoder)
            else:
                if self._skip_ws() == "":
                    raise self._truncated()
                yield Member(key, self._decode(decoder))
            if self._expect(",}", "',' or '}'") == "}":
                return

    def _items(self, key: str | None, decoder: json.JSONDecoder) -> Iterator[Item]:
        index = 0
        if self._skip_ws() == "]":
            self.pos += 1
            return
        while True:
            if self._skip_ws() == "":
                raise self._truncated()
            yield Item(key, index, self._decode(decoder))
            index += 1
            if self._expect(",]", "',' or ']'") == "]":
                return


def head_keys(head: bytes) -> list[str]:
    """Top-level-looking member names in the first bytes of a JSON file (for sniffing)."""
    text = head.decode("utf-8", "replace")
    return re.findall(r'[{,]\s*"([^"\\]{1,64})"\s*:', text)


def starts_with(head: bytes, char: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(char)
