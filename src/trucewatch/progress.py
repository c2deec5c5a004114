"""A progress display on stderr that stays silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def document_progress(label: str, enabled: bool | None = None):
    """Yields a callable to call once per finished document."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda *_: None
        return
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)
        yield lambda *_: progress.advance(task)
