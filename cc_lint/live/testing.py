"""A fake Flickr REST API on loopback, for tests and the benchmark.

It speaks the real API's JSON (shapes from Flickr's own responses, string/int
drift included), answers JSONP unless ``nojsoncallback=1``, reports errors as
HTTP 200 ``stat: fail``, enforces a per-key rate limit with 429 + Retry-After,
counts calls per method, and injects faults:

- per call index of a method: ``fake.fail_calls("flickr.photos.getInfo", ["500"])``
- on the first attempts of every distinct request: ``fake.first_attempts = ["502", "stat105"]``

Fault kinds: 500, 502, 429, stat105, stat201, stat0 (201's message with code 0),
truncated (connection closed mid-body), badjson (cut JSON, valid HTTP),
reset (connection closed without a response), slow (answer after ``slow_seconds``).

Standard library only; lives in the package so tests, ``bench/`` and CLI tests can
all import it (``from cc_lint.live.testing import FakeFlickr, World``).
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# (name, url) in the order flickr.photos.licenses.getInfo lists them (2025-06).
LICENSES: dict[int, tuple[str, str]] = {
    0: (
        "All Rights Reserved",
        "https://www.flickrhelp.com/hc/en-us/articles/"
        "10710266545556-Using-Flickr-images-shared-by-other-members",
    ),
    4: ("CC BY 2.0", "https://creativecommons.org/licenses/by/2.0/"),
    6: ("CC BY-ND 2.0", "https://creativecommons.org/licenses/by-nd/2.0/"),
    3: ("CC BY-NC-ND 2.0", "https://creativecommons.org/licenses/by-nc-nd/2.0/"),
    2: ("CC BY-NC 2.0", "https://creativecommons.org/licenses/by-nc/2.0/"),
    1: ("CC BY-NC-SA 2.0", "https://creativecommons.org/licenses/by-nc-sa/2.0/"),
    5: ("CC BY-SA 2.0", "https://creativecommons.org/licenses/by-sa/2.0/"),
    7: ("No known copyright restrictions", "https://www.flickr.com/commons/usage/"),
    8: ("United States Government Work", "https://www.usa.gov/government-copyright"),
    9: ("Public Domain Dedication (CC0)", "https://creativecommons.org/publicdomain/zero/1.0/"),
    10: ("Public Domain Mark", "https://creativecommons.org/publicdomain/mark/1.0/"),
    11: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    12: ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    13: ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    14: ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    15: ("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    16: ("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
}
# getLicenseHistory has used the old long names for the 2.0 licenses.
HISTORY_NAMES = {
    1: "Attribution-NonCommercial-ShareAlike License",
    2: "Attribution-NonCommercial License",
    3: "Attribution-NonCommercial-NoDerivs License",
    4: "Attribution License",
    5: "Attribution-ShareAlike License",
    6: "Attribution-NoDerivs License",
}
FAULTS = frozenset(
    {"500", "502", "429", "stat105", "stat201", "stat0", "truncated", "badjson", "reset", "slow"}
)


@dataclass
class FakeOwner:
    nsid: str
    alias: str | None = None
    username: str = ""


@dataclass
class FakePhoto:
    photo_id: str
    owner: str  # NSID
    license: int
    uploaded: int = 1_400_000_000
    public: bool = True
    deleted: bool = False
    safe: bool = True  # unsafe photos are left out of unauthenticated listings
    has_people: bool = False
    history: list[tuple[int, int, int]] = field(default_factory=list)  # (when, old, new)

    @property
    def visible(self) -> bool:
        return self.public and not self.deleted


class World:
    """Owners and photos the fake serves. Mutate before or between runs."""

    def __init__(self) -> None:
        self.owners: dict[str, FakeOwner] = {}
        self.photos: dict[str, FakePhoto] = {}
        self.by_owner: dict[str, list[FakePhoto]] = {}
        self._next = 50_000_000_000

    def add_owner(self, nsid: str, alias: str | None = None) -> FakeOwner:
        owner = FakeOwner(nsid, alias, username=alias or nsid)
        self.owners[nsid] = owner
        return owner

    def add_photo(
        self, owner: str, license: int, photo_id: str | None = None, **kw: Any
    ) -> FakePhoto:
        if photo_id is None:
            self._next += 1
            photo_id = str(self._next)
        kw.setdefault("uploaded", 1_300_000_000 + int(photo_id) % 100_000_000)
        photo = FakePhoto(photo_id, owner, license, **kw)
        self.photos[photo_id] = photo
        self.by_owner.setdefault(owner, []).append(photo)
        return photo

    def relicense(self, photo_id: str, new: int, when: int) -> None:
        photo = self.photos[photo_id]
        photo.history.append((when, photo.license, new))
        photo.license = new

    def owner_by_name(self, name: str) -> FakeOwner | None:
        if name in self.owners:
            return self.owners[name]
        folded = name.casefold()  # Flickr's URLs ignore the alias's case
        return next((o for o in self.owners.values() if (o.alias or "").casefold() == folded), None)


def _fail(code: int, message: str) -> dict[str, Any]:
    return {"stat": "fail", "code": code, "message": message}


class FakeFlickr:
    def __init__(
        self,
        world: World,
        *,
        keys: Iterable[str] = ("test-key",),
        rate_limit: tuple[int, float] | None = None,  # (calls, seconds) per key
        retry_after: str = "1",
        slow_seconds: float = 1.0,
        total_as_string: bool = False,
    ):
        self.world = world
        self.keys = set(keys)
        self.rate_limit = rate_limit
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.total_as_string = total_as_string
        self.first_attempts: list[str] = []
        self.counts: Counter[str] = Counter()
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self._faults: dict[str, dict[int, str]] = {}
        self._attempts: Counter[tuple[str, ...]] = Counter()
        self._windows: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- control --------------------------------------------------------------

    def fail_calls(self, method: str, kinds: Sequence[str], start: int = 0) -> None:
        """The method's calls number start, start+1, ... (0-based) get these faults."""
        for offset, kind in enumerate(kinds):
            if kind not in FAULTS:
                raise ValueError(f"unknown fault {kind!r}")
            self._faults.setdefault(method, {})[start + offset] = kind

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
            self.log.clear()

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/services/rest/"

    def start(self) -> FakeFlickr:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        threading.Thread(
            target=server.serve_forever, args=(0.05,), name="fakeflickr", daemon=True
        ).start()  # a short poll interval keeps close() fast
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeFlickr:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- request handling ---------------------------------------------------------

    def admit(self, params: dict[str, str]) -> str | None:
        """Count the call; return a fault kind to act out, or None to answer."""
        method = params.get("method", "")
        key = params.get("api_key", "")
        identity = tuple(sorted(f"{k}={v}" for k, v in params.items() if k != "api_key"))
        now = time.monotonic()
        with self._lock:
            index = self.counts[method]
            self.counts[method] += 1
            self.log.append((now, method, dict(params)))
            if self.rate_limit is not None:
                limit, window = self.rate_limit
                stamps = self._windows.setdefault(key, deque())
                while stamps and stamps[0] <= now - window:
                    stamps.popleft()
                if len(stamps) >= limit:
                    return "429"
                stamps.append(now)
            fault = self._faults.get(method, {}).get(index)
            if fault is None:
                attempt = self._attempts[identity]
                self._attempts[identity] += 1
                if attempt < len(self.first_attempts):
                    fault = self.first_attempts[attempt]
            return fault

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        if params.get("api_key", "") not in self.keys:
            return _fail(100, "Invalid API Key (Key has invalid format)")
        if params.get("format") != "json":
            return _fail(111, f'Format "{params.get("format", "rest")}" not found')
        method = params.get("method", "")
        handler = _METHODS.get(method)
        if handler is None:
            return _fail(112, f'Method "{method}" not found')
        return handler(self, params)

    def get_info(self, params: dict[str, str]) -> dict[str, Any]:
        pid = params.get("photo_id", "")
        photo = self.world.photos.get(pid)
        if photo is None or not photo.visible:
            return _fail(1, f'Photo "{pid}" not found (invalid ID)')
        owner = self.world.owners.get(photo.owner) or FakeOwner(photo.owner)
        alias = owner.alias or ""
        page = f"https://www.flickr.com/photos/{alias or owner.nsid}/{pid}/"
        return {
            "photo": {
                "id": pid, "secret": "8b93c9b6fd", "server": "2888", "farm": 3,
                "dateuploaded": str(photo.uploaded), "isfavorite": 0, "license": photo.license,
                "safety_level": 0 if photo.safe else 2, "rotation": 0,
                "owner": {
                    "nsid": owner.nsid, "username": owner.username, "realname": "",
                    "location": "", "iconserver": "3940", "iconfarm": 4, "path_alias": alias,
                },
                "title": {"_content": f"Photo {pid}"}, "description": {"_content": ""},
                "visibility": {"ispublic": 1, "isfriend": 0, "isfamily": 0},
                "dates": {
                    "posted": str(photo.uploaded), "taken": "2017-04-22 11:02:07",
                    "takengranularity": 0, "takenunknown": 0, "lastupdate": str(photo.uploaded),
                },
                "views": 0, "comments": {"_content": 0}, "notes": {"note": []},
                "people": {"haspeople": int(photo.has_people)}, "tags": {"tag": []},
                "urls": {"url": [{"type": "photopage", "_content": page}]},
                "media": "photo",
            },
            "stat": "ok",
        }  # fmt: skip

    def get_public_photos(self, params: dict[str, str]) -> dict[str, Any]:
        user = params.get("user_id", "")
        if user not in self.world.owners:
            return _fail(1, "User not found")
        per_page = min(500, max(1, int(params.get("per_page") or 100)))
        page = max(1, int(params.get("page") or 1))
        extras = set(params.get("extras", "").split(","))
        mine = [p for p in self.world.by_owner.get(user, []) if p.visible and p.safe]
        mine.sort(key=lambda p: (p.uploaded, int(p.photo_id)), reverse=True)
        chunk = mine[(page - 1) * per_page : page * per_page]
        items = []
        for p in chunk:
            item: dict[str, Any] = {
                "id": p.photo_id, "owner": user, "secret": "22b5d237c2", "server": "3714",
                "farm": 4, "title": f"Photo {p.photo_id}", "ispublic": 1, "isfriend": 0,
                "isfamily": 0,
            }  # fmt: skip
            if "license" in extras:
                item["license"] = str(p.license)
            if "date_upload" in extras:
                item["dateupload"] = str(p.uploaded)
            items.append(item)
        total = len(mine)
        return {
            "photos": {
                "page": page,
                "pages": math.ceil(total / per_page),
                "perpage": per_page,
                "total": str(total) if self.total_as_string else total,
                "photo": items,
            },
            "stat": "ok",
        }

    def get_license_history(self, params: dict[str, str]) -> dict[str, Any]:
        photo = self.world.photos.get(params.get("photo_id", ""))
        if photo is None or not photo.visible:
            return _fail(1, "Photo not found")
        rows = [
            {
                "date_change": when,
                "old_license": HISTORY_NAMES.get(old, LICENSES.get(old, ("", ""))[0]),
                "old_license_url": LICENSES.get(old, ("", ""))[1],
                "new_license": HISTORY_NAMES.get(new, LICENSES.get(new, ("", ""))[0]),
                "new_license_url": LICENSES.get(new, ("", ""))[1],
            }
            for when, old, new in photo.history
        ]
        return {"license_history": rows, "stat": "ok"}

    def get_licenses(self, params: dict[str, str]) -> dict[str, Any]:
        rows = [{"id": i, "name": n, "url": u} for i, (n, u) in LICENSES.items()]
        return {"licenses": {"license": rows}, "stat": "ok"}

    def lookup_user(self, params: dict[str, str]) -> dict[str, Any]:
        m = re.search(r"flickr\.com/(?:photos|people)/([^/?#]+)", params.get("url", ""))
        owner = self.world.owner_by_name(m.group(1)) if m else None
        if owner is None:
            return _fail(1, "User not found")
        return {"user": {"id": owner.nsid, "username": {"_content": owner.username}}, "stat": "ok"}


_METHODS = {
    "flickr.photos.getInfo": FakeFlickr.get_info,
    "flickr.people.getPublicPhotos": FakeFlickr.get_public_photos,
    "flickr.photos.licenses.getLicenseHistory": FakeFlickr.get_license_history,
    "flickr.photos.licenses.getInfo": FakeFlickr.get_licenses,
    "flickr.urls.lookupUser": FakeFlickr.lookup_user,
}


def encode(data: dict[str, Any], jsonp: bool) -> bytes:
    """Flickr style: compact, ASCII, slashes escaped; JSONP unless nojsoncallback=1."""
    text = json.dumps(data, separators=(",", ":")).replace("/", "\\/")
    return (f"jsonFlickrApi({text})" if jsonp else text).encode("ascii")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        fake: FakeFlickr = self.server.fake  # type: ignore[attr-defined]
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        fault = fake.admit(params)
        try:
            self._respond(fake, params, fault)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _respond(self, fake: FakeFlickr, params: dict[str, str], fault: str | None) -> None:
        jsonp = params.get("nojsoncallback") != "1"
        if fault == "reset":
            self.close_connection = True
            return
        if fault in ("500", "502"):
            self._send(int(fault), b"<html><body>Server error</body></html>", "text/html")
            return
        if fault == "429":
            self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": fake.retry_after})
            return
        if fault == "slow":
            time.sleep(fake.slow_seconds)
        if fault == "stat105":
            data = _fail(105, "Service currently unavailable")
        elif fault in ("stat201", "stat0"):
            message = "Sorry, the Flickr API service is not currently available."
            data = _fail(201 if fault == "stat201" else 0, message)
        else:
            data = fake.answer(params)
        body = encode(data, jsonp)
        ctype = "text/javascript; charset=utf-8"
        if fault == "badjson":
            self._send(200, body[: len(body) // 2], ctype)
        elif fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        else:
            self._send(200, body, ctype)

    def _send(
        self, code: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
