"""Live-check settings from the environment, read in one place."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cc_lint.errors import ConfigError
from cc_lint.live.cache import default_cache_dir
from cc_lint.live.client import DEFAULT_ENDPOINT

DEFAULT_CALLS_PER_HOUR = 3600.0  # Flickr's published budget per key


@dataclass(frozen=True)
class LiveSettings:
    api_key: str | None
    endpoint: str
    cache_dir: Path
    calls_per_hour: float


def parse_rate(text: str, where: str = "CC_LINT_FLICKR_RATE") -> float:
    try:
        rate = float(text)
    except ValueError:
        rate = math.nan
    if not math.isfinite(rate) or rate <= 0:
        raise ConfigError(f"calls per hour must be a positive number, not {text!r}", where=where)
    return rate


def settings_from_env(environ: Mapping[str, str] | None = None) -> LiveSettings:
    """FLICKR_API_KEY, CC_LINT_FLICKR_API_URL, CC_LINT_CACHE_DIR, CC_LINT_FLICKR_RATE."""
    env = os.environ if environ is None else environ
    rate = env.get("CC_LINT_FLICKR_RATE", "").strip()
    return LiveSettings(
        api_key=env.get("FLICKR_API_KEY", "").strip() or None,
        endpoint=env.get("CC_LINT_FLICKR_API_URL", "").strip() or DEFAULT_ENDPOINT,
        cache_dir=default_cache_dir(env),
        calls_per_hour=parse_rate(rate) if rate else DEFAULT_CALLS_PER_HOUR,
    )
