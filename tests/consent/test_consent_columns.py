"""consent.* columns: register joins (record and photo keys), scopes, withdrawal, evidence."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from cc_lint.consent.lookup import join_present

from ._util import AS_OF, enrich, inputs


def entry(**kw: str) -> dict[str, str]:
    return {"scope": "biometric", "evidence": "rel-1", "given": "2020-01-01", **kw}


def one(record: dict, uses=("biometric",), consent=(), **kw) -> dict:
    (row,) = enrich([record], uses, inputs(consent=consent, **kw))
    return row


def test_nothing_recorded_is_unknown_not_consent() -> None:
    row = one({"id": "a", "depicts_people": True})
    assert row["consent.biometric"] is None
    assert not row["consent.explicit"]
    assert not row["consent.written_release"]
    assert row["consent.registered"] is False
    assert row["consent.uncovered"] is None
    assert row["consent.withdrawn"] is False


def test_manifest_yes_and_no() -> None:
    yes = one({"biometric_consent": True, "consent_ref": "form-1"})
    assert yes["consent.biometric"] is True
    assert yes["consent.explicit"] is True
    assert yes["consent.written_release"] is False
    assert yes["consent.ref"] == "form-1"
    assert yes["consent.covers"] == "biometric"
    bare = one({"biometric_consent": True})
    assert bare["consent.biometric"] is True and not bare["consent.explicit"]
    written = one({"biometric_consent": True, "consent_ref": "Written-Release:2023/17"})
    assert written["consent.written_release"] is True
    no = one({"biometric_consent": False, "consent_ref": "form-1"})
    assert no["consent.biometric"] is False
    assert no["consent.ref"] is None


def test_register_by_record_id_and_by_photo_id() -> None:
    by_id = one({"id": "a"}, consent=[entry(record_id="a")])
    assert by_id["consent.biometric"] is True and by_id["consent.registered"] is True
    assert by_id["consent.explicit"] is True
    # The photo id comes from the record's URLs (derived), the register's from a short link.
    by_photo = one(
        {"id": "x", "image_url": "https://live.staticflickr.com/65535/53208249252_ab12cd_b.jpg"},
        consent=[entry(photo_id="https://flic.kr/p/2p4QbKN", evidence_type="written-release")],
    )
    assert by_photo["flickr_id"] == "53208249252"
    assert by_photo["consent.biometric"] is True
    assert by_photo["consent.written_release"] is True
    other = one({"id": "b"}, consent=[entry(record_id="a")])
    assert other["consent.registered"] is False and other["consent.biometric"] is None


def test_both_keys_combine() -> None:
    row = one(
        {"id": "a", "source_url": "https://www.flickr.com/photos/x/77/"},
        uses=("biometric", "train"),
        consent=[
            entry(record_id="a", evidence="r-a"),
            entry(photo_id="77", scope="training", evidence="r-p"),
        ],
    )
    assert row["consent.covers"] == "train, biometric"
    assert row["consent.uncovered"] is None
    assert row["consent.ref"] == "r-a; r-p"


def test_scopes_against_declared_uses() -> None:
    reg = [entry(record_id="a", scope="publication")]
    row = one({"id": "a"}, uses=("train", "redistribute", "adapt"), consent=reg)
    assert row["consent.covers"] == "redistribute, adapt"
    assert row["consent.uncovered"] == "train"
    everything = one(
        {"id": "a"}, uses=("commercial", "biometric"), consent=[entry(record_id="a", scope="all")]
    )
    assert everything["consent.uncovered"] is None
    # Manifest biometric consent covers biometric use; scope is judged on either source.
    mixed = one(
        {"id": "a", "biometric_consent": True, "consent_ref": "x"},
        uses=("biometric", "train"),
        consent=[entry(record_id="a", scope="training")],
    )
    assert mixed["consent.biometric"] is True
    assert mixed["consent.uncovered"] is None


def test_consent_not_yet_given_covers_nothing() -> None:
    row = one(
        {"id": "a"},
        uses=("train",),
        consent=[entry(record_id="a", scope="training", given="2024-06-02")],
    )
    assert row["consent.covers"] == "nothing"
    assert row["consent.uncovered"] == "train"
    on_the_day = one(
        {"id": "a"},
        uses=("train",),
        consent=[entry(record_id="a", scope="training", given="2024-06-01")],
    )
    assert on_the_day["consent.uncovered"] is None


def test_withdrawal_counts_from_its_date() -> None:
    def at(withdrawn: str) -> dict:
        return one(
            {"id": "a", "depicts_people": True}, consent=[entry(record_id="a", withdrawn=withdrawn)]
        )

    before, same_day, after = at("2024-05-31"), at("2024-06-01"), at("2024-06-02")
    for row in (before, same_day):
        assert row["consent.withdrawn"] is True
        assert row["consent.biometric"] is False
        assert row["consent.withdrawn_ref"] == "rel-1"
    assert same_day["consent.withdrawn_on"] == "2024-06-01"
    assert after["consent.withdrawn"] is False
    assert after["consent.biometric"] is True
    assert after["consent.withdrawn_on"] is None


def test_withdrawal_then_consent_again() -> None:
    row = one(
        {"id": "a"},
        consent=[
            entry(record_id="a", withdrawn="2021-01-01"),
            entry(record_id="a", given="2022-01-01", evidence="rel-2"),
        ],
    )
    assert row["consent.withdrawn"] is False
    assert row["consent.biometric"] is True
    assert row["consent.ref"] == "rel-2"


def test_withdrawal_only_counts_for_declared_uses() -> None:
    reg = [
        entry(record_id="a", withdrawn="2021-01-01"),
        entry(record_id="a", scope="training", evidence="r2"),
    ]
    assert one({"id": "a"}, uses=("train",), consent=reg)["consent.withdrawn"] is False
    assert one({"id": "a"}, uses=("biometric", "train"), consent=reg)["consent.withdrawn"] is True


def test_any_no_wins() -> None:
    refused = one({"id": "a", "biometric_consent": False}, consent=[entry(record_id="a")])
    assert refused["consent.biometric"] is False
    stale_yes = one(
        {"id": "a", "biometric_consent": True, "consent_ref": "r"},
        consent=[entry(record_id="a", withdrawn="2023-01-01")],
    )
    assert stale_yes["consent.biometric"] is False
    assert stale_yes["consent.withdrawn"] is True


def test_evidence_type_decides_explicit_and_written() -> None:
    implied = one(
        {"id": "a", "biometric_consent": True, "consent_ref": "tos"},
        consent=[entry(record_id="a", evidence="tos", evidence_type="implied")],
    )
    assert implied["consent.biometric"] is True
    assert implied["consent.explicit"] is False  # the register's type wins over a bare ref
    no_evidence = one(
        {"id": "a"}, consent=[{"record_id": "a", "scope": "biometric", "given": "2020-01-01"}]
    )
    assert no_evidence["consent.biometric"] is True and not no_evidence["consent.explicit"]
    written = one({"id": "a"}, consent=[entry(record_id="a", evidence_type="written-release")])
    assert written["consent.explicit"] and written["consent.written_release"]
    # A written release for training says nothing about biometric use.
    training = one(
        {"id": "a"},
        consent=[entry(record_id="a", scope="training", evidence_type="written-release")],
    )
    assert not training["consent.written_release"] and training["consent.biometric"] is False


def test_as_of_is_a_run_constant() -> None:
    given = inputs(as_of=dt.date(2030, 1, 1))
    assert given.constants() == {"run.as_of": "2030-01-01"}
    assert AS_OF.isoformat() == "2024-06-01"


def test_many_rows_join_in_one_pass() -> None:
    records = [{"id": f"r{i}"} for i in range(2000)]
    reg = [entry(record_id=f"r{i}", scope="training") for i in range(0, 2000, 3)]
    rows = enrich(records, ("train",), inputs(consent=reg))
    assert [r["consent.covers"] == "train" for r in rows] == [i % 3 == 0 for i in range(2000)]


def test_join_present_skips_nulls_row_by_row() -> None:
    a = pa.array(["x", None, None, "y"])
    b = pa.array([None, None, "z", "w"])
    assert join_present([a, b], ", ").to_pylist() == ["x", None, "z", "y, w"]
