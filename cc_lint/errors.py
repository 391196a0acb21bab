"""Exit codes and the error types the CLI turns into one-line messages."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    CLEAN = 0
    FINDINGS = 1
    USAGE = 2  # usage, input or configuration error
    INTERNAL = 3
    INTERRUPTED = 130


class CcLintError(Exception):
    """An error the user can fix. str(err) is one line: what, where, what to do."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        return " ".join(text.split("\n"))


class UsageError(CcLintError):
    """Bad command-line arguments."""


class InputError(CcLintError):
    """A manifest (or other input file) cannot be read."""


class ConfigError(CcLintError):
    """A policy or configuration file is invalid."""


class ServiceError(CcLintError):
    """A remote service refused us in a way the user must fix (e.g. bad API key)."""
