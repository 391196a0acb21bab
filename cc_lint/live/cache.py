"""The requests-cache SQLite session: where it lives, what it keeps, corrupt-file recovery.

- JSON serializer, never pickle (a tampered pickle cache runs code).
- ``ignored_parameters`` = requests-cache's defaults (which already include
  ``api_key``) plus our own, so the key's value is replaced by REDACTED in cache
  keys and stored URLs. Passing a list of our own alone would drop the defaults.
  (The parameter's presence still counts in the key, so the client always sends one.)
- ``filter_fn`` stores only well-formed JSON with ``stat: ok``, plus Flickr's
  definitive "not found" answer (code 1) so that a deleted photo costs no call on
  a re-run. Every other ``stat: fail`` (invalid key, 105, 201, ...) and any
  truncated or non-JSON body is never cached.
- WAL journal and a busy timeout so several processes can share one file.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import platformdirs
import requests
from requests_cache import DEFAULT_IGNORED_PARAMS, CachedSession

log = logging.getLogger(__name__)

CACHE_FILE = "flickr-api.sqlite"
DEFAULT_EXPIRE = timedelta(days=7)
BUSY_TIMEOUT_MS = 30_000
# Flickr's credential parameters (api_key is also a requests-cache default).
FLICKR_SECRETS = ("api_key", "api_sig", "auth_token", "oauth_token", "oauth_signature")
# Flickr answers code 1 for "photo/user not found" on these methods.
NOT_FOUND_CACHEABLE = frozenset(
    {
        "flickr.photos.getInfo",
        "flickr.people.getPublicPhotos",
        "flickr.photos.licenses.getLicenseHistory",
        "flickr.urls.lookupUser",
    }
)


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get("CC_LINT_CACHE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("cc-lint", appauthor=False))


def decode_body(text: str) -> Any:
    """Parse a Flickr body: plain JSON or JSONP ``jsonFlickrApi({...})``. Raises ValueError."""
    body = text.strip()
    if body.startswith("jsonFlickrApi(") and body.endswith(")"):
        body = body[len("jsonFlickrApi(") : -1]
    return json.loads(body)


def _method_of(response: requests.Response) -> str:
    url = response.request.url if response.request is not None else None
    return dict(parse_qsl(urlsplit(url or "").query)).get("method", "")


def cacheable(response: requests.Response) -> bool:
    """filter_fn: see the module docstring. Non-200s are left to allowable_codes."""
    if response.status_code != 200:
        return True
    try:
        data = decode_body(response.text)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    if data.get("stat") == "ok":
        return True
    return (
        data.get("stat") == "fail"
        and str(data.get("code")) == "1"
        and _method_of(response) in NOT_FOUND_CACHEABLE
    )


def _corrupt(path: Path) -> str | None:
    """Why the SQLite file is unusable, or None. Lock errors are not corruption."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return None  # locked or busy: another process has it; not ours to judge
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows != [("ok",)]:
        return "; ".join(str(r[0]) for r in rows[:3])
    return None


def _move_aside(path: Path, why: str) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            os.replace(part, Path(str(target) + suffix))
    log.warning(
        "cache file %s is corrupt (%s); moved it to %s and starting afresh", path, why, target
    )
    return target


def open_session(
    cache_dir: Path,
    *,
    expire_after: timedelta = DEFAULT_EXPIRE,
    offline: bool = False,
) -> CachedSession:
    """One CachedSession per process; safe to share between threads."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / CACHE_FILE
    why = _corrupt(path)
    if why:
        _move_aside(path, why)
    try:
        session = _make(path, expire_after, offline)
    except sqlite3.OperationalError:
        raise  # locked, read-only, ...: not corruption
    except sqlite3.DatabaseError as exc:  # corrupt in a way quick_check did not see
        _move_aside(path, str(exc))
        session = _make(path, expire_after, offline)
    session.headers["User-Agent"] = "cc-lint (Creative Commons license linter)"
    return session


def _make(path: Path, expire_after: timedelta, offline: bool) -> CachedSession:
    return CachedSession(
        str(path),
        backend="sqlite",
        serializer="json",
        expire_after=expire_after,
        allowable_codes=(200,),
        allowable_methods=("GET",),
        ignored_parameters=[*DEFAULT_IGNORED_PARAMS, *FLICKR_SECRETS],
        filter_fn=cacheable,
        # Offline: an expired entry is still the best we have.
        stale_if_error=offline,
        wal=True,
        busy_timeout=BUSY_TIMEOUT_MS,
    )
