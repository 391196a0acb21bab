"""A rich progress bar on stderr: photos done, calls spent, ETA at the rate limit."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


class ProgressBar:
    """Does nothing unless enabled and stderr is a terminal."""

    def __init__(self, total: int, *, enabled: bool = True, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.total = total
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self._progress = Progress(
                TextColumn("Flickr"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("photos, {task.fields[calls]} calls, ETA {task.fields[eta]}"),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("flickr", total=self.total, calls=0, eta="-")
        return self

    def update(self, done: int, calls: int, eta: float | None) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, calls=calls, eta=_duration(eta))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
