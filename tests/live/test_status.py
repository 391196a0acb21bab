from datetime import datetime, timezone

import pytest

from cc_lint.live import HistoryEntry, PhotoQuery, PhotoStatus
from cc_lint.live.parse import parse_history, parse_info, parse_licenses, parse_listing
from cc_lint.live.status import (
    LicenseTable,
    judge_license,
    license_at,
    merge_queries,
    rejudge,
)

# Values from Flickr's real answer for photo 54450311696 (Auckland Museum, 2025):
# All Rights Reserved -> Public Domain Mark -> No known copyright restrictions.
REAL_HISTORY = {
    "license_history": [
        {
            "date_change": 1744598090,
            "old_license": "All Rights Reserved",
            "old_license_url": "https://www.flickrhelp.com/hc/en-us/articles/"
            "10710266545556-Using-Flickr-images-shared-by-other-members",
            "new_license": "Public Domain Mark",
            "new_license_url": "https://creativecommons.org/publicdomain/mark/1.0/",
        },
        {
            "date_change": "1744905505",
            "old_license": "Public Domain Mark",
            "old_license_url": "https://creativecommons.org/publicdomain/mark/1.0/",
            "new_license": "No known copyright restrictions",
            "new_license_url": "https://www.flickr.com/commons/usage/",
        },
    ],
    "stat": "ok",
}
UTC = timezone.utc


def at(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def test_real_history_maps_names_and_urls_to_ids() -> None:
    history = parse_history(REAL_HISTORY, LicenseTable())
    assert [(e.date_change, e.old_license, e.new_license) for e in history] == [
        (1744598090, 0, 10),
        (1744905505, 10, 7),
    ]


def test_single_entry_as_object_and_legacy_names() -> None:
    data = {
        "license_history": {
            "date_change": 1746098108,
            "old_license": "Attribution License",
            "old_license_url": "https://creativecommons.org/licenses/by/2.0/",
            "new_license": "Attribution-ShareAlike License",
            "new_license_url": "",
        },
        "stat": "ok",
    }
    (entry,) = parse_history(data, LicenseTable())
    assert (entry.old_license, entry.new_license) == (4, 5)  # the second by name alone


def test_table_prefers_url_and_learns_live_ids() -> None:
    table = LicenseTable([(17, "CC BY 5.0", "https://creativecommons.org/licenses/by/5.0/")])
    assert table.lookup("Some new name", "http://creativecommons.org/licenses/by-nc/2.0") == 2
    assert table.lookup("", "https://creativecommons.org/licenses/by/5.0/") == 17
    assert table.lookup("United States Government Work", "http://www.usa.gov/copyright.shtml") == 8
    assert table.lookup("Something else", "https://example.org/") is None


def test_license_at_times() -> None:
    history = parse_history(REAL_HISTORY, LicenseTable())
    assert license_at(history, 1_700_000_000, 7) == 0  # before the first change
    assert license_at(history, 1744598090, 7) == 10  # a change at that second counts
    assert license_at(history, 1744700000, 7) == 10
    assert license_at(history, 1_800_000_000, 7) == 7
    assert license_at((), 1_000, 4) == 4  # no change recorded: always the current one


def status(license_now: int | None, history: tuple[HistoryEntry, ...] | None = None) -> PhotoStatus:
    return PhotoStatus("1", "unknown", license_now=license_now, history=history)


def test_same_license_is_ok() -> None:
    result = judge_license(PhotoQuery("1", None, 4, None, ("r1",)), status(4))
    assert result.status == "ok" and result.record_ids == ("r1",) and result.manifest_license == 4


def test_no_comparable_manifest_license_is_never_ok() -> None:
    result = judge_license(PhotoQuery("1", None, None), status(4))
    assert result.status == "unknown" and "cannot be compared" in (result.reason or "")
    assert result.license_now == 4


def test_missing_license_id_is_unknown() -> None:
    assert judge_license(PhotoQuery("1", None, 4), status(None)).status == "unknown"


def test_relicensed_held_at_collection() -> None:
    history = (HistoryEntry(1_600_000_000, 4, 0),)
    before = judge_license(PhotoQuery("1", None, 4, at(1_500_000_000)), status(0, history))
    assert (before.status, before.license_at_collection, before.held_at_collection) == (
        "relicensed",
        4,
        True,
    )
    after = judge_license(PhotoQuery("1", None, 4, at(1_700_000_000)), status(0, history))
    assert (after.license_at_collection, after.held_at_collection) == (0, False)


def test_naive_collected_at_is_utc() -> None:
    history = (HistoryEntry(1_600_000_000, 4, 0),)
    naive = datetime(2020, 9, 13, 12, 26, 39)  # 1_599_999_999 in UTC
    result = judge_license(PhotoQuery("1", None, 4, naive), status(0, history))
    assert result.held_at_collection is True


def test_relicensed_without_collection_time() -> None:
    history = (HistoryEntry(1_600_000_000, 4, 0),)
    held_once = judge_license(PhotoQuery("1", None, 4), status(0, history))
    assert held_once.held_at_collection is None  # had it once; cannot tell when
    never = judge_license(PhotoQuery("1", None, 5), status(0, history))
    assert never.held_at_collection is False  # never had it at all


def test_no_recorded_change_means_claim_never_held() -> None:
    result = judge_license(PhotoQuery("1", None, 4, at(1_500_000_000)), status(0, ()))
    assert result.held_at_collection is False and "no license change" in (result.reason or "")


def test_relicensed_without_history_leaves_held_open() -> None:
    result = judge_license(PhotoQuery("1", None, 4, at(1_500_000_000)), status(0))
    assert result.status == "relicensed" and result.held_at_collection is None


def test_rejudge_against_a_changed_manifest() -> None:
    old = judge_license(PhotoQuery("1", None, 4), status(4))
    assert rejudge(PhotoQuery("1", None, 5, None, ("new",)), old).status == "relicensed"
    gone = PhotoStatus("1", "unavailable", checked_at="2025-01-01T00:00:00Z")
    kept = rejudge(PhotoQuery("1", None, 5, None, ("x",)), gone)
    assert kept.status == "unavailable" and kept.record_ids == ("x",)


def test_merge_queries_joins_records_and_flags_conflicts() -> None:
    merged, conflicts = merge_queries(
        [
            PhotoQuery("1", None, 4, None, ("a",)),
            PhotoQuery("1", "owner", 4, None, ("b", "a")),
            PhotoQuery("2", None, 4, None, ("c",)),
            PhotoQuery("2", None, 5, None, ("d",)),
        ]
    )
    assert merged["1"].record_ids == ("a", "b") and merged["1"].owner == "owner"
    assert conflicts == {"2"}


@pytest.mark.parametrize("ispublic, expected", [(1, True), ("0", False), (None, True)])
def test_parse_info_types(ispublic: object, expected: bool) -> None:
    data = {
        "photo": {
            "id": "5",
            "license": "3",
            "owner": {"nsid": "1@N01", "path_alias": ""},
            "visibility": {"ispublic": ispublic} if ispublic is not None else None,
            "people": {"haspeople": "1"},
        }
    }
    info = parse_info(data)
    assert (info.license, info.public, info.has_people, info.path_alias) == (
        3,
        expected,
        True,
        None,
    )


def test_parse_listing_string_drift() -> None:
    data = {
        "photos": {
            "page": 1,
            "pages": "3",
            "perpage": 500,
            "total": "1201",
            "photo": {"id": "9", "owner": "1@N01", "license": "5", "ispublic": 1},
        }
    }
    page = parse_listing(data)
    assert (page.pages, page.total, page.entries) == (3, 1201, {"9": ("1@N01", 5)})


def test_parse_licenses() -> None:
    data = {"licenses": {"license": [{"id": 0, "name": "All Rights Reserved", "url": ""}]}}
    assert parse_licenses(data) == [(0, "All Rights Reserved", "")]
