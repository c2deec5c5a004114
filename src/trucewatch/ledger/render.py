"""The ledger as a terminal table: one row per obligation, with a progress bar."""

from __future__ import annotations

from rich.console import Group
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
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in ("obligation", "party", "delivered", "promised", "progress", "status",
                       "reports", "conflicts"):  # fmt: skip
            table.add_column(column, overflow="fold")
        for row in phase["obligations"]:
            delivered = row["delivered"]
            shown = figure(delivered["best"])
            if delivered["low"] is not None and delivered["low"] != delivered["high"]:
                shown += f" ({figure(delivered['low'])}–{figure(delivered['high'])})"
            total = row["promised"] or 0
            bar = (
                ProgressBar(total=total, completed=min(delivered["best"] or 0, total), width=20)
                if total
                else Text("–")
            )
            table.add_row(
                f"{row['id']} ({row['what']})",
                row["party"],
                shown,
                figure(row["promised"], row["approx"]),
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
                parts.append(
                    Text(
                        f"  {row['id']}: {conflict['kind']} {conflict['date']}: {values}", "yellow"
                    )
                )
    for toll in result["figures"]:
        values = "; ".join(
            f"{v['qualifier'] + ' ' if v['qualifier'] else ''}{figure(v['value'])} "
            f"by {v['source']}" + (f" ({v['location']})" if v["location"] else "")
            for v in toll["values"]
        )
        parts.append(Text(f"{toll['category']}, by source: {values}"))
    return Group(*parts)
