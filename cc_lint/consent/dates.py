"""Dates for consent: ISO 8601 in, a UTC calendar date out.

Consent is judged per day: a consent given on D is in effect from D on, and a
consent withdrawn on W no longer counts from W on (W included).
"""

from __future__ import annotations

import datetime as dt

from cc_lint.errors import UsageError


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD, or an ISO 8601 date-time (its UTC date; no offset means UTC).

    Raises ValueError with a short reason.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty date")
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    if value[-1] in "zZ":
        value = value[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.date()


def today_utc() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def as_of_date(text: str | None) -> dt.date:
    """The --as-of option: a date, or today in UTC when not given."""
    if text is None or not text.strip():
        return today_utc()
    try:
        return parse_date(text)
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date", hint="use YYYY-MM-DD") from None
