"""sha256 of manifest files, computed in background threads.

No heavy imports here: the CLI starts hashing before it imports pyarrow, so the
digest is mostly done by the time the findings are.
"""

from __future__ import annotations

import mmap
import os
import threading
from pathlib import Path

_HASH_CHUNK = 1 << 22
_DONTNEED = getattr(mmap, "MADV_DONTNEED", None)


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
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                if size:
                    # Hash the page cache directly, with no copy into Python buffers;
                    # pages are let go once hashed, so they do not count as ours.
                    mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                    with mapped, memoryview(mapped) as view:
                        for offset in range(0, size, _HASH_CHUNK):
                            h.update(view[offset : offset + _HASH_CHUNK])
                            if _DONTNEED is not None:
                                length = min(_HASH_CHUNK, size - offset)
                                mapped.madvise(_DONTNEED, offset, length)
        except (OSError, ValueError):
            return
        self._digest = h.hexdigest()

    def result(self) -> str | None:
        self._thread.join()
        return self._digest


def start(paths: list[Path], limit: int = 4) -> dict[Path, FileHasher]:
    """Hashers for the first `limit` paths that are regular files (others fail later,
    with a message; files past the limit are hashed when their turn comes)."""
    files = [path for path in dict.fromkeys(paths) if path.is_file()][:limit]
    return {path: FileHasher(path) for path in files}
