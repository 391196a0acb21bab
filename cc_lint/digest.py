"""sha256 of manifest files, computed in background threads.

No heavy imports here: the CLI starts hashing before it imports pyarrow, so the
digest is mostly done by the time the findings are.
"""

from __future__ import annotations

import threading
from pathlib import Path

_HASH_CHUNK = 1 << 20


class FileHasher:
    """sha256 of a file, computed in a background thread while the run proceeds."""

    def __init__(self, path: Path) -> None:
        self._digest: str | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        import hashlib  # OpenSSL loads in ~70 ms: only for reports that carry the digest

        h = hashlib.sha256()
        # One small buffer, reused: no new pages per chunk, nothing grows with the file.
        buffer = bytearray(_HASH_CHUNK)
        view = memoryview(buffer)
        try:
            with path.open("rb", buffering=0) as fh:
                while size := fh.readinto(buffer):
                    h.update(view[:size])
        except OSError:
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
