"""Command line: parse options, call the command modules, map errors to exit codes.

Heavy imports (pyarrow, requests) happen inside the commands so that
``cc-lint --help`` stays fast.
"""

from __future__ import annotations

import enum
import errno
import sys
from pathlib import Path
from typing import Annotated

import typer

from cc_lint import __version__
from cc_lint.errors import CcLintError, ExitCode

app = typer.Typer(
    name="cc-lint",
    help=(
        "Check an image dataset's manifest against Creative Commons license terms and "
        "consent rules for an intended use.\n\n"
        "Example: cc-lint check manifest.csv --use commercial --use train\n\n"
        "Exit codes: 0 clean, 1 findings, 2 usage/input/config error, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


_DEBUG = False

# Options several commands share.
PolicyList = Annotated[
    list[str], typer.Option("--policy", "-p", help="Policy pack name or YAML file (repeatable).")
]
ColumnList = Annotated[
    list[str], typer.Option("--column", "-c", help="Map a record field to a column: FIELD=COLUMN.")
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cc-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    global _DEBUG
    _DEBUG = debug


@app.command("license")
def license_cmd(
    strings: Annotated[list[str], typer.Argument(help="License strings, URLs or ids to resolve.")],
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Show what license strings resolve to (URLs, SPDX ids, Flickr and CC names).

    Exit code 0 when every string is recognized, 1 when any is unrecognized or empty.
    """
    from cc_lint.commands import license as command

    raise typer.Exit(command.run(strings, fmt.value))


@app.command("check")
def check_cmd(
    manifests: Annotated[
        list[Path],
        typer.Argument(
            help="Manifest files: CSV, TSV, JSONL, Parquet, COCO JSON, Open Images CSV, "
            "YFCC100M lines, FFHQ JSON, Croissant JSON-LD, Hugging Face card README.md."
        ),
    ],
    use: Annotated[
        list[str],
        typer.Option(
            "--use",
            "-u",
            help="Intended use: commercial, redistribute, adapt, train, biometric. "
            "Repeat or give a comma list. Default: redistribute.",
        ),
    ] = [],  # noqa: B006 - typer needs a literal default
    policy: Annotated[
        list[str],
        typer.Option(
            "--policy",
            "-p",
            help="Policy pack name or YAML file (repeatable). "
            "Default: the built-in packs for the declared uses.",
        ),
    ] = [],  # noqa: B006
    fmt: FormatOption = OutputFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE (atomically).")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Lowest severity that makes the exit code 1 [default: error]."
        ),
    ] = None,
    column: ColumnList = [],  # noqa: B006
    manifest_format: Annotated[
        str | None,
        typer.Option(
            "--manifest-format",
            help="Manifest format, instead of detecting it: csv, tsv, jsonl, parquet, coco, "
            "openimages, yfcc, ffhq, croissant, hfcard.",
        ),
    ] = None,
    dataset_license: Annotated[
        str | None,
        typer.Option(
            "--dataset-license", help="License the dataset as a whole is published under."
        ),
    ] = None,
    dataset_card: Annotated[
        Path | None,
        typer.Option(
            "--dataset-card",
            help="Dataset card (Hugging Face README.md) or Croissant file declaring the "
            "dataset license; default: one next to the manifest.",
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Configuration file [default: .cc-lint.yaml].")
    ] = None,
    max_per_rule: Annotated[
        int, typer.Option("--max-per-rule", help="Text format: findings shown per rule (0 = all).")
    ] = 20,
    consent: Annotated[
        list[Path],
        typer.Option("--consent", help="Consent register, CSV or JSON (repeatable)."),
    ] = [],  # noqa: B006
    opt_out: Annotated[
        list[Path],
        typer.Option(
            "--opt-out",
            help="Opt-out list: photo ids/URLs, owner NSIDs, usernames, profile URLs; "
            "one per line or CSV (repeatable). Listed records are errors under every use.",
        ),
    ] = [],  # noqa: B006
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Judge consent as of this date, YYYY-MM-DD [default: today, UTC]."
        ),
    ] = None,
    depicts_people: Annotated[
        bool | None,
        typer.Option(
            "--depicts-people/--no-depicts-people",
            help="Declare that the dataset's images show people (or none do); "
            "a record or source that says people are shown still wins.",
        ),
    ] = None,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Ask Flickr's API for each photo's current license status (needs FLICKR_API_KEY; "
            "CC_LINT_FLICKR_API_URL, CC_LINT_CACHE_DIR, CC_LINT_FLICKR_RATE calls/hour).",
        ),
    ] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Live status from the cache only; no network.")
    ] = False,
    evidence: Annotated[
        Path | None,
        typer.Option("--evidence", help="Write the live status of every photo as JSON Lines."),
    ] = None,
    evidence_in: Annotated[
        Path | None,
        typer.Option("--evidence-in", help="Use a saved evidence file instead of the network."),
    ] = None,
) -> None:
    """Check manifests: report what the intended use would break, image by image."""
    from cc_lint import digest

    # Reports other than text carry each manifest's sha256: start on it while the rest loads.
    hashers = digest.start(list(manifests)) if fmt.value != "text" else {}
    from cc_lint.commands import check as command

    request = command.CheckRequest(
        manifests=list(manifests),
        uses=list(use),
        policies=list(policy),
        fmt=fmt.value,
        output=output,
        fail_on=fail_on.value if fail_on else None,
        columns=list(column),
        manifest_format=manifest_format,
        dataset_license=dataset_license,
        dataset_card=dataset_card,
        config=config,
        max_per_rule=max(0, max_per_rule),
        consent=list(consent),
        opt_out=list(opt_out),
        as_of=as_of,
        depicts_people=depicts_people,
        live=live,
        offline=offline,
        evidence=evidence,
        evidence_in=evidence_in,
        hashers=hashers,
    )
    raise typer.Exit(command.run(request))


@app.command("find")
def find_cmd(
    manifests: Annotated[
        list[Path], typer.Argument(help="Manifest files, any format and several at once.")
    ],
    flickr_user: Annotated[
        list[str],
        typer.Option(
            "--flickr-user",
            help="Owner: NSID, username, path alias, or profile/photo-page URL (repeatable).",
        ),
    ] = [],  # noqa: B006
    photo: Annotated[
        list[str],
        typer.Option(
            "--photo",
            help="Photo: id or any photo URL (page, static image, flic.kr link) (repeatable).",
        ),
    ] = [],  # noqa: B006
    use: Annotated[
        list[str],
        typer.Option(
            "--use", "-u", help="Intended use the policy is judged for. Default: redistribute."
        ),
    ] = [],  # noqa: B006
    policy: PolicyList = [],  # noqa: B006
    fmt: FormatOption = OutputFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the result to FILE (atomically).")
    ] = None,
    column: ColumnList = [],  # noqa: B006
    manifest_format: Annotated[
        str | None,
        typer.Option("--manifest-format", help="Manifest format, instead of detecting it."),
    ] = None,
    dataset_license: Annotated[
        str | None, typer.Option("--dataset-license", help="License of the dataset as a whole.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Configuration file [default: .cc-lint.yaml].")
    ] = None,
    consent: Annotated[
        list[Path], typer.Option("--consent", help="Consent register, CSV or JSON (repeatable).")
    ] = [],  # noqa: B006
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Judge consent as of this date [default: today, UTC]."),
    ] = None,
    depicts_people: Annotated[
        bool | None,
        typer.Option(
            "--depicts-people/--no-depicts-people",
            help="Declare that the dataset's images show people (or none do).",
        ),
    ] = None,
) -> None:
    """Find the records of a Flickr owner or photo across manifests, with their license
    and what the policy says about each: evidence for a removal request.

    Example: cc-lint find coco.json manifest.csv --flickr-user 12345678@N01
    --photo https://flic.kr/p/2p4QbKN

    Exit codes: 0 some record matched, 1 none matched, 2 usage/input error.
    """
    from cc_lint.commands import find as command

    request = command.FindRequest(
        manifests=list(manifests),
        users=list(flickr_user),
        photos=list(photo),
        uses=list(use),
        policies=list(policy),
        fmt=fmt.value,
        output=output,
        columns=list(column),
        manifest_format=manifest_format,
        dataset_license=dataset_license,
        config=config,
        consent=list(consent),
        as_of=as_of,
        depicts_people=depicts_people,
    )
    raise typer.Exit(command.run(request))


@app.command("rules")
def rules_cmd(
    policy: PolicyList = [],  # noqa: B006
    fields: Annotated[
        bool, typer.Option("--fields", help="List the fields conditions and messages may use.")
    ] = False,
) -> None:
    """List the rules of the built-in packs (or of the given policies)."""
    from cc_lint.commands import rules as command

    raise typer.Exit(command.list_rules(list(policy), fields))


@app.command("explain")
def explain_cmd(
    code: Annotated[str, typer.Argument(help="Rule code (CC101) or name.")],
    policy: PolicyList = [],  # noqa: B006
) -> None:
    """Explain one rule: condition, rationale, link and its PASS/FAIL examples."""
    from cc_lint.commands import rules as command

    raise typer.Exit(command.explain(code, list(policy)))


def _cache_missing_dateutil() -> None:
    """pyarrow tries `import dateutil` on every Python-to-Arrow conversion; when it is
    not installed each attempt searches sys.path again. Remember the miss once."""
    import importlib.util

    if "dateutil" not in sys.modules and importlib.util.find_spec("dateutil") is None:
        sys.modules["dateutil"] = None  # type: ignore[assignment]


# Errors that only writing the report meets: a full disk or quota, a file too big.
# (A closed pipe, `cc-lint ... | head`, is click's: it exits 1 quietly.)
_OUTPUT_ERRNOS = {getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, n)}


def _unexpected(err: Exception) -> int:
    """Exit code (and one line) for an exception none of our checks turned into an error."""
    if isinstance(err, OSError) and err.errno in _OUTPUT_ERRNOS:
        typer.echo(f"cc-lint: error: cannot write the output: {err.strerror}", err=True)
        return int(ExitCode.USAGE)
    typer.echo(
        f"cc-lint: internal error: {type(err).__name__}: {err} "
        "(please report it; rerun with --debug for a traceback)",
        err=True,
    )
    return int(ExitCode.INTERNAL)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI inside one error boundary and return the exit code."""
    _cache_missing_dateutil()
    args = sys.argv[1:] if argv is None else argv
    try:
        result = app(args=args, prog_name="cc-lint", standalone_mode=False)
    except CcLintError as err:
        if _DEBUG:
            raise
        typer.echo(f"cc-lint: error: {err.render()}", err=True)
        return int(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("cc-lint: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except _click_exceptions() as err:
        return _click_error(err)
    except Exception as err:  # the error boundary
        if _DEBUG:
            raise
        return _unexpected(err)
    return int(result) if isinstance(result, int) else 0


def _click_base() -> type[Exception]:
    # Typer re-exports click's classes (newer releases vendor click): find the base.
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    raise AssertionError("typer.BadParameter does not derive from ClickException")


def _click_exceptions() -> tuple[type[BaseException], ...]:
    return (_click_base(), typer.Exit, typer.Abort)


def _click_error(err: BaseException) -> int:
    if isinstance(err, typer.Exit):
        return int(getattr(err, "exit_code", 0))
    if isinstance(err, typer.Abort):
        typer.echo("cc-lint: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    if type(err).__name__ == "NoArgsIsHelpError":
        ctx = getattr(err, "ctx", None)
        typer.echo(ctx.get_help() if ctx is not None else "see cc-lint --help", err=True)
        return int(ExitCode.USAGE)
    format_message = getattr(err, "format_message", None)
    message = " ".join(str(format_message() if format_message else err).split())
    typer.echo(f"cc-lint: error: {message} (see cc-lint --help)", err=True)
    return int(ExitCode.USAGE)
