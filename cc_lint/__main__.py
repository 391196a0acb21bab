"""Entry point: ``cc-lint`` and ``python -m cc_lint``."""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    # A run allocates few reference cycles (data lives in Arrow buffers) but imports
    # and per-batch bookkeeping make many small objects: collect far less often.
    gc.set_threshold(100_000, 50, 50)
    from cc_lint.cli import run

    code = run()
    # Everything the run opened is closed by now (outputs are renamed into place,
    # caches closed): flush what is buffered and skip the interpreter's teardown of
    # every module and Arrow's memory pools, which takes ~0.1 s and changes nothing.
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`cc-lint ... | head`)
        pass
    except OSError as err:  # e.g. the disk holding a redirected stdout is full
        sys.stderr.write(f"cc-lint: error: cannot write the output: {err.strerror}\n")
        code = 2
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
