import io

from rich.console import Console

from cc_lint.live.progress import ProgressBar, _duration


def test_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    with ProgressBar(10, console=Console(file=out, force_terminal=False)) as bar:
        bar.update(5, 3, 60)
    assert not bar.enabled and out.getvalue() == ""


def test_shows_photos_calls_and_eta_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with ProgressBar(10, console=console) as bar:
        bar.update(5, 3, 3725)
        bar._progress.refresh()  # type: ignore[union-attr]
    text = out.getvalue()
    assert "5/10" in text and "3 calls" in text and "1h02m" in text


def test_can_be_turned_off() -> None:
    console = Console(file=io.StringIO(), force_terminal=True)
    assert not ProgressBar(1, enabled=False, console=console).enabled
    assert _duration(None) == "-" and _duration(75) == "1m15s"
