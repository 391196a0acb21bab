"""Entry point: ``cc-lint`` and ``python -m cc_lint``."""

from __future__ import annotations


def main() -> None:
    from cc_lint.cli import run

    raise SystemExit(run())


if __name__ == "__main__":
    main()
