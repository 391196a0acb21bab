"""Keep the API key out of every message and log line.

``scrub`` replaces registered secrets and any ``api_key=...`` query value.
``install_log_scrubber`` wraps the logging record factory once, so records from
any library (urllib3 and requests-cache put full URLs in debug lines and
tracebacks) are scrubbed before a handler sees them.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

MASK = "***"
_QUERY_KEY = re.compile(r"(?i)((?:api_key|apikey|access_token)(?:=|%3D))[^&\s'\"<>)]+")
_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False


def register_secret(secret: str | None) -> None:
    if secret:
        with _lock:
            _secrets.add(secret)


def scrub(text: str) -> str:
    """The text with every registered secret and api_key=... value masked."""
    text = _QUERY_KEY.sub(lambda m: m.group(1) + MASK, text)
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def scrub_exc(exc: BaseException) -> str:
    """One line naming the exception type, scrubbed."""
    text = " ".join(str(exc).split())
    return scrub(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def install_log_scrubber() -> None:
    """Scrub every log record at creation. Idempotent."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()
    formatter = logging.Formatter()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is the logger's problem, not ours
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info:
            # Keep only the scrubbed text: handlers that render exc_info themselves
            # (rich tracebacks) would show the raw exception.
            text = record.exc_text or formatter.formatException(record.exc_info)
            record.exc_text, record.exc_info = scrub(text), None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)
