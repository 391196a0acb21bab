"""Live license status of Flickr photos: what a photo's license is now, and was.

Entry points: ``check_photos`` (live API through the cache), ``settings_from_env``,
the ``SOURCES`` registry of license sources (``flickr``, ``evidence``), and the
evidence file reader/writer. Works with Flickr's integer license ids only.
"""

from cc_lint.live.check import FlickrSource, check_photos
from cc_lint.live.client import RetryPolicy
from cc_lint.live.evidence import EvidenceSource, read_evidence, write_evidence
from cc_lint.live.interface import SOURCES, LicenseSource
from cc_lint.live.models import HistoryEntry, LiveResult, PhotoQuery, PhotoStatus, Status
from cc_lint.live.settings import LiveSettings, settings_from_env

__all__ = [
    "SOURCES",
    "EvidenceSource",
    "FlickrSource",
    "HistoryEntry",
    "LicenseSource",
    "LiveResult",
    "LiveSettings",
    "PhotoQuery",
    "PhotoStatus",
    "RetryPolicy",
    "Status",
    "check_photos",
    "read_evidence",
    "settings_from_env",
    "write_evidence",
]
