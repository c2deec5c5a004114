"""``trucewatch watch`` put together: specs, outputs and Ctrl-C around a ``Watcher``."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from trucewatch.ledger import Agreement, load_spec
from trucewatch.watch.outbox import Outbox
from trucewatch.watch.outputs import JsonLines, Outputs, Webhook
from trucewatch.watch.runner import PassSummary, Watcher
from trucewatch.watch.sources import parse_sources


def load_specs(location: str | None) -> list[Agreement]:
    """The agreements in a spec file, or in every ``.yaml``/``.yml`` of a folder."""
    if location is None:
        return []
    path = Path(location)
    files = [path] if path.is_file() else sorted(
        p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml")
    )  # fmt: skip
    return [load_spec(p) for p in files]


def pass_line(summary: PassSummary) -> str:
    return (
        f"watch: {summary.sources} source(s) polled, {summary.new} new article(s), "
        f"{summary.documents} report(s) stored, {summary.skipped} already stored, "
        f"{len(summary.errors)} error(s), {len(summary.alerts)} alert(s) "
        f"in {summary.seconds:.1f} s"
    )


def cli_run(
    arguments,
    db_url: str | None,
    *,
    once: bool,
    specs: str | None,
    alerts_to: str,
    webhook: str | None,
    webhook_secret: str | None,
    on_error,
    **options,
) -> int:
    """Run the watcher as the command does; returns the exit code."""
    sources = parse_sources(list(arguments))
    agreements = load_specs(specs)
    sinks: list = [JsonLines(alerts_to)] if alerts_to else []
    if webhook:  # alerts kept in the database until the receiver takes them
        sinks.append(Webhook(webhook, webhook_secret, outbox=Outbox(db_url)))
    outputs = Outputs(sinks)
    stop = threading.Event()
    errors = 0

    def interrupted(_signum, _frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: stop now
        print("watch: stopping after the current report (Ctrl-C again to stop now)",
              file=sys.stderr, flush=True)  # fmt: skip
        stop.set()

    def on_pass(summary: PassSummary) -> None:
        nonlocal errors
        errors += len(summary.errors)
        print(pass_line(summary), file=sys.stderr, flush=True)

    previous = {s: signal.signal(s, interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher = Watcher(
            sources, db_url, agreements=agreements, send=outputs.send, on_error=on_error,
            stop=stop, **options,
        )  # fmt: skip
        watcher.run(once=once, on_pass=on_pass)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        outputs.close()
    return 1 if once and errors else 0
