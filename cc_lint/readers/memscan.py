"""Is a byte anywhere in an Arrow buffer? libc memchr when we can reach it, else re."""

from __future__ import annotations

import ctypes
import ctypes.util
import re

import pyarrow as pa


def _load_memchr() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    for name in (None, ctypes.util.find_library("c"), "msvcrt"):
        try:
            lib = ctypes.CDLL(name)
            func = lib.memchr
        except (OSError, AttributeError, TypeError):
            continue
        func.restype = ctypes.c_void_p
        func.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
        return func
    return None


_MEMCHR = _load_memchr()


def has_byte(buffer: pa.Buffer | None, byte: int) -> bool:
    if buffer is None or buffer.size == 0:
        return False
    if _MEMCHR is not None:
        return bool(_MEMCHR(buffer.address, byte, buffer.size))
    return re.search(re.escape(bytes([byte])), memoryview(buffer)) is not None
