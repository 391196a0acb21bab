"""Entry point: ``cc-lint`` and ``python -m cc_lint``."""

from __future__ import annotations

import gc


def main() -> None:
    # A run allocates few reference cycles (data lives in Arrow buffers) but imports
    # and per-batch bookkeeping make many small objects: collect far less often.
    gc.set_threshold(100_000, 50, 50)
    from cc_lint.cli import run

    raise SystemExit(run())


if __name__ == "__main__":
    main()
