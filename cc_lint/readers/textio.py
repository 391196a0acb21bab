"""Checks and error locating shared by the text-format readers.

The fast paths (pyarrow) report errors without positions; when one fails we
scan the file again in Python to say exactly where, which only costs time on
the error path.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import sys
from pathlib import Path
from typing import IO, BinaryIO, cast

from cc_lint.errors import InputError

_SNIFF_BYTES = 64 * 1024


def open_checked(path: Path) -> bytes:
    """Refuse what cannot be a manifest: missing, a directory, empty, binary. Return the head."""
    if not path.exists():
        raise InputError("no such file", where=str(path), hint="check the path")
    if path.is_dir():
        raise InputError("is a directory, not a manifest file", where=str(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", where=str(path)) from None
    if not head.strip():
        raise InputError(
            "file is empty", where=str(path), hint="a manifest needs a header and rows"
        )
    return head


def refuse_binary(path: Path, head: bytes) -> None:
    if b"\x00" in head:
        raise InputError(
            "looks like a binary file (NUL bytes), not a text manifest",
            where=str(path),
            hint="use --manifest-format parquet for Parquet files",
        )


def locate_bad_utf8(path: Path) -> tuple[int, int] | None:
    """(line, byte offset) of the first byte sequence that is not UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    offset = 0
    with open_binary(path) as fh:
        while chunk := fh.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                bad = offset + err.start
                with open_binary(path) as again:
                    line = again.read(bad).count(b"\n") + 1
                return line, bad
            line += chunk.count(b"\n")
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line, offset
    return None


def utf8_error(path: Path) -> InputError:
    found = locate_bad_utf8(path)
    where = f"{path}:{found[0]}" if found else str(path)
    detail = f" (byte offset {found[1]})" if found else ""
    return InputError(
        f"not valid UTF-8{detail}",
        where=where,
        hint="re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8",
    )


def nth_newline_from_end(fh: BinaryIO, size: int, n: int) -> int:
    """Offset just after the n-th newline counting back from the end (0 if fewer)."""
    pos = size
    seen = 0
    while pos > 0:
        step = min(1 << 16, pos)
        pos -= step
        fh.seek(pos)
        chunk = fh.read(step)
        for i in range(len(chunk) - 1, -1, -1):
            if chunk[i] == 0x0A:
                seen += 1
                if seen == n:
                    return pos + i + 1
    return 0


def locate_csv_error(
    path: Path, delimiter: str, quoting: bool, expected: int | None = None
) -> InputError:
    """Find the first malformed row with Python's csv module and describe it.

    `expected` is the field count for files without a header; otherwise the
    first row sets it.
    """
    csv.field_size_limit(sys.maxsize)
    with (
        open_binary(path) as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="replace") as fh,
    ):
        reader = csv.reader(
            fh,
            delimiter=delimiter,
            quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE,
            strict=True,
        )
        start = 1
        try:
            for row in reader:
                if expected is None:
                    expected = len(row)
                elif row and len(row) != expected:
                    return InputError(
                        f"expected {expected} fields, found {len(row)}",
                        where=f"{path}:{start}",
                        hint="check the quoting and delimiters on that line",
                    )
                start = reader.line_num + 1
        except csv.Error as err:
            message = str(err)
            if "unexpected end of data" in message or "EOF" in message:
                message = "unterminated quoted field"
            return InputError(
                message, where=f"{path}:{start}", hint='close the quote or escape it as ""'
            )
    return InputError("malformed CSV", where=str(path), hint="check quoting and delimiters")


COMPRESSED = (".gz", ".bz2")


def open_binary(path: Path) -> IO[bytes]:
    """Open for reading, decompressing .gz and .bz2 files on the fly."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".gz":
            return cast(IO[bytes], gzip.open(path, "rb"))
        if suffix == ".bz2":
            return bz2.open(path, "rb")
        return path.open("rb")
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", where=str(path)) from None


def decompressed_head(path: Path, size: int = _SNIFF_BYTES) -> bytes:
    """The first bytes of a (possibly compressed) file; b"" if it cannot be read."""
    try:
        with open_binary(path) as fh:
            return fh.read(size)
    except (OSError, EOFError, InputError):
        return b""
