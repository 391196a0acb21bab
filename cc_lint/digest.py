"""sha256 of manifest files, computed in background threads.

No heavy imports here: the CLI starts hashing before it imports pyarrow, so the
digest is mostly done by the time the findings are.
"""

from __future__ import annotations

import io
import mmap
import os
import threading
from pathlib import Path
from typing import IO, Any

_HASH_CHUNK = 1 << 20
_MAP_WINDOW = 8 << 20


class FileHasher:
    """sha256 of a file, computed in a background thread while the run proceeds."""

    def __init__(self, path: Path) -> None:
        self._digest: str | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        import hashlib  # OpenSSL loads in ~70 ms: only for reports that carry the digest

        h = hashlib.sha256()
        try:
            with path.open("rb", buffering=0) as fh:
                if not _hash_mapped(fh, h):
                    _hash_read(fh, h)
        except OSError:
            return
        self._digest = h.hexdigest()

    def result(self) -> str | None:
        self._thread.join()
        return self._digest


def _hash_mapped(fh: IO[bytes], h: Any) -> bool:
    """Hash a regular file through a memory map, one window at a time: no copy into
    a buffer, and each window's pages are let go once hashed, so the file never
    counts towards our memory. False where the file can't be mapped."""
    size = os.fstat(fh.fileno()).st_size
    if size == 0 or not hasattr(mmap, "MADV_DONTNEED"):
        return False
    try:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return False
    with mapped:
        view = memoryview(mapped)
        try:
            for start in range(0, size, _MAP_WINDOW):
                end = min(start + _MAP_WINDOW, size)
                # Pages past a truncated end would fault (SIGBUS): look before each window.
                if os.fstat(fh.fileno()).st_size < end:
                    raise OSError("the file shrank while it was hashed")
                h.update(view[start:end])
                mapped.madvise(mmap.MADV_DONTNEED, start, end - start)
        finally:
            view.release()
    return True


def _hash_read(fh: io.RawIOBase, h: Any) -> None:
    # One small buffer, reused: no new pages per chunk, nothing grows with the file.
    buffer = bytearray(_HASH_CHUNK)
    view = memoryview(buffer)
    while size := fh.readinto(buffer):
        h.update(view[:size])


def start(paths: list[Path], limit: int = 4) -> dict[Path, FileHasher]:
    """Hashers for the first `limit` paths that are regular files (others fail later,
    with a message; files past the limit are hashed when their turn comes)."""
    files = [path for path in dict.fromkeys(paths) if path.is_file()][:limit]
    return {path: FileHasher(path) for path in files}
