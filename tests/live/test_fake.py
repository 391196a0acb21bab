"""The fake speaks Flickr's wire format (checked with plain requests, no client code)."""

import json

import requests

from cc_lint.live.testing import FakeFlickr, World

from .conftest import ALICE, KEY


def get(fake: FakeFlickr, **params: str) -> requests.Response:
    base = {"api_key": KEY, "format": "json", "nojsoncallback": "1"}
    return requests.get(fake.url, params={**base, **params}, timeout=5)


def test_jsonp_without_nojsoncallback(fake: FakeFlickr) -> None:
    params = {"api_key": KEY, "format": "json", "method": "flickr.photos.getInfo"}
    text = requests.get(fake.url, params={**params, "photo_id": "101"}, timeout=5).text
    assert text.startswith("jsonFlickrApi({") and text.endswith("})")
    assert "\\/" in text  # slashes escaped like Flickr's


def test_get_info_shape(fake: FakeFlickr) -> None:
    data = get(fake, method="flickr.photos.getInfo", photo_id="101").json()
    photo = data["photo"]
    assert data["stat"] == "ok" and photo["license"] == 4  # an int here
    assert photo["owner"] == {
        "nsid": ALICE, "username": "alice", "realname": "", "location": "",
        "iconserver": "3940", "iconfarm": 4, "path_alias": "alice",
    }  # fmt: skip
    assert photo["people"] == {"haspeople": 0} and photo["visibility"]["ispublic"] == 1


def test_errors_are_http_200(fake: FakeFlickr) -> None:
    resp = get(fake, method="flickr.photos.getInfo", photo_id="103")
    assert resp.status_code == 200
    assert resp.json() == {
        "stat": "fail",
        "code": 1,
        "message": 'Photo "103" not found (invalid ID)',
    }
    bad = get(fake, method="flickr.photos.getInfo", photo_id="101", api_key="nope").json()
    assert bad["code"] == 100
    assert get(fake, method="flickr.nope").json()["code"] == 112


def test_public_photos_pages_and_types(world: World) -> None:
    with FakeFlickr(world, keys=[KEY], total_as_string=True) as fake:
        data = get(
            fake, method="flickr.people.getPublicPhotos", user_id=ALICE,
            extras="license,date_upload", per_page="10", page="3",
        ).json()["photos"]  # fmt: skip
        assert data["total"] == "24" and data["pages"] == 3 and len(data["photo"]) == 4
        item = data["photo"][0]
        assert isinstance(item["license"], str) and "dateupload" in item
        capped = get(fake, method="flickr.people.getPublicPhotos", user_id=ALICE, per_page="900")
        assert capped.json()["photos"]["perpage"] == 500
        alias = get(fake, method="flickr.people.getPublicPhotos", user_id="alice").json()
        assert alias["code"] == 1  # NSIDs only


def test_lookup_user_and_history(fake: FakeFlickr) -> None:
    user = get(fake, method="flickr.urls.lookupUser", url="https://www.flickr.com/photos/alice/")
    assert user.json()["user"]["id"] == ALICE
    hist = get(fake, method="flickr.photos.licenses.getLicenseHistory", photo_id="102").json()
    assert hist["license_history"][0]["old_license"] == "Attribution License"


def test_rate_limit_and_counters(world: World) -> None:
    with FakeFlickr(world, keys=[KEY], rate_limit=(2, 60), retry_after="7") as fake:
        codes = [get(fake, method="flickr.photos.getInfo", photo_id="101") for _ in range(3)]
        assert [r.status_code for r in codes] == [200, 200, 429]
        assert codes[2].headers["Retry-After"] == "7"
        assert fake.counts["flickr.photos.getInfo"] == 3


def test_injected_faults(fake: FakeFlickr) -> None:
    fake.fail_calls("flickr.photos.getInfo", ["502", "stat201", "badjson"])
    first = get(fake, method="flickr.photos.getInfo", photo_id="101")
    assert first.status_code == 502
    assert get(fake, method="flickr.photos.getInfo", photo_id="101").json()["code"] == 201
    cut = get(fake, method="flickr.photos.getInfo", photo_id="101")
    try:
        json.loads(cut.text)
        raise AssertionError("expected a cut body")
    except ValueError:
        pass
    assert get(fake, method="flickr.photos.getInfo", photo_id="101").json()["stat"] == "ok"
