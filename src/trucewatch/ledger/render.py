"""The ledger as a terminal table: one row per obligation, with a progress bar."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

STATUS_STYLE = {
    "complete": "bold green",
    "on_track": "green",
    "behind": "yellow",
    "overdue": "bold red",
    "unknown": "dim",
}


def figure(value, approx: bool = False) -> str:
    """``1,900``, ``~1,900`` for an approximate promise, ``?`` when unknown."""
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return f"~{text}" if approx else text


def ledger_table(result: dict) -> Group:
    """Rich renderables for one ledger (the dict ``trucewatch.ledger.ledger`` returns)."""
    parts = [
        Text.from_markup(
            f"[bold]{result['name']}[/] ({result['agreement']}) as of {result['as_of']}; "
            f"parties: {', '.join(result['parties'])}"
            + (f"; mediators: {', '.join(result['mediators'])}" if result["mediators"] else "")
        )
    ]
    for phase in result["phases"]:
        if phase["start"] is None:
            parts.append(Text(f"{phase['name']}: not started (no start date agreed)", "dim"))
            continue
        when = f"{phase['start']} to {phase['end'] or '?'}"
        day = f"day {phase['day']} of {phase['days'] or '?'}" if phase["day"] else "not yet begun"
        exchanges = phase["exchanges"]["count"]
        title = f"{phase['name']}: {when}, {day}" + (
            f", {exchanges} exchange(s)" if exchanges is not None else ""
        )
        table = obligations_table(title)
        for row in phase["obligations"]:
            delivered = row["delivered"]
            shown = f"{figure(delivered['best'])} of {figure(row['promised'], row['approx'])}"
            if delivered["low"] is not None and delivered["low"] != delivered["high"]:
                shown += f"\n({figure(delivered['low'])}–{figure(delivered['high'])})"
            if row.get("reviewed"):
                shown += f"\nreviewed {row['reviewed']}/{row['support']}"
            total = row["promised"] or 0
            bar = (
                ProgressBar(total=total, completed=min(delivered["best"] or 0, total), width=6)
                if total
                else Text("–")
            )
            table.add_row(
                row["id"],
                row["party"],
                shown,
                bar,
                Text(row["status"].replace("_", " "), STATUS_STYLE[row["status"]]),
                str(row["reports"]),
                str(len(row["conflicts"])) if row["conflicts"] else "",
            )
        parts.append(table)
        for row in phase["obligations"]:
            for conflict in row["conflicts"]:
                values = "; ".join(
                    f"{figure(v['value'])} ({v['source'] or v.get('what') or 'no source'})"
                    for v in conflict["values"]
                )
                line = Text(
                    f"{row['id']}: {conflict['kind']} {conflict['date']}: {values}", "yellow"
                )
                parts.append(Padding(line, (0, 0, 0, 2)))
    for toll in result["figures"]:
        values = "; ".join(
            f"{v['qualifier'] + ' ' if v['qualifier'] else ''}{figure(v['value'])} "
            f"by {v['source']}" + (f" ({v['location']})" if v["location"] else "")
            for v in toll["values"]
        )
        what = toll["category"].replace("_", " ")
        parts.append(Text(f"{what}, {TOLL_KIND[toll['kind']]} by source: {values}"))
    return Group(*parts)


TOLL_KIND = {"running": "running tolls", "incident": "single incidents"}


def obligations_table(title: str) -> Table:
    """A table that fits 80 columns (a terminal, or a pipe: rich's width then) with
    whole-word headers; long obligation ids and party names fold, figures never do."""
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("obligation", overflow="fold", min_width=10)
    table.add_column("party", overflow="fold", min_width=5, max_width=12)
    table.add_column("delivered", no_wrap=True, justify="right")
    table.add_column("", no_wrap=True, min_width=6)  # the progress bar
    table.add_column("status", no_wrap=True)
    table.add_column("reports", no_wrap=True, justify="right")
    table.add_column("conflicts", no_wrap=True, justify="right")
    return table
