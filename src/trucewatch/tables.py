"""Terminal tables (rich) for what the CLI lists: one function per listing, records in."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.table import Table


def _table(columns: Iterable[str], title: str | None = None) -> Table:
    table = Table(title=title, show_header=True, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def quotes_table(records: Iterable[dict]) -> Table:
    table = _table(("report", "said on", "speaker", "cue", "quote", "doc"))
    for record in records:
        marks = ("“", "”") if record["direct"] else ("", "")
        table.add_row(
            record["doc_date"] or "–",
            record["date"] or "",
            record["speaker"] or "(unattributed)",
            record["cue"] or "",
            f"{marks[0]}{record['content']}{marks[1]}",
            record["doc"],
        )
    return table


def figures_table(records: Iterable[dict]) -> Table:
    table = _table(("report", "figure", "category", "source", "as of", "modality", "doc"))
    for record in records:
        offset = record["evidence_start"]  # the figure's words, from its sentence
        table.add_row(
            record["doc_date"] or "–",
            record["evidence"][record["start"] - offset : record["end"] - offset],
            record["category"] + (" (total)" if record["cumulative"] else ""),
            record["source"] or "(unattributed)",
            record["as_of"] or "",
            record["modality"],
            record["doc"],
        )
    return table


def events_table(records: Iterable[dict]) -> Table:
    table = _table(("date", "type", "actor", "target", "place", "status", "trigger", "doc"))
    for record in records:
        table.add_row(
            record["date"] or "",
            "/".join(filter(None, (record["type"], record["mode"]))),
            ", ".join(record["actor"] or []),
            ", ".join(record["target"] or []),
            record["location"] or "",
            record["status"],
            record["trigger"],
            record["doc"],
        )
    return table


def incidents_table(incidents: Iterable[dict]) -> Table:
    table = _table(("id", "date", "type", "actors", "place", "status", "mentions", "reports"))
    for incident in incidents:
        table.add_row(
            str(incident["id"]),
            incident["date"] or "",
            "/".join(filter(None, (incident["type"], incident["mode"]))),
            ", ".join(dict.fromkeys([*(incident["actor"] or []), *(incident["target"] or [])])),
            incident["location"] or "",
            incident["status"],
            str(incident["mentions"]),
            str(incident["documents"]),
        )
    return table


def timeline_table(name: str, entries: Iterable[dict]) -> Table:
    table = _table(("date", "what", "", "doc"), title=f"{name}: timeline")
    for entry in entries:
        when = entry["date"] or "–"
        if entry["dated_by"] == "report":
            when += " (report)"
        reports = entry.get("reports")
        summary = entry["summary"] + (f"  [{reports} reports]" if reports and reports > 1 else "")
        table.add_row(when, entry["label"], summary, entry["doc"])
    return table


def print_summary(summary, db) -> None:
    """What an ingest did, then what the database holds."""
    Console().print(
        f"[bold]run {summary.run_id}[/]: {summary.documents} new document(s), "
        f"{summary.skipped} already stored, {summary.near_duplicates} near-duplicate(s), "
        f"{len(summary.errors)} input error(s), {summary.record_total} record(s) "
        f"in {summary.seconds:.1f}s"
    )
    print_counts(db.counts(), db)


def print_reextracted(summary, db) -> None:
    """What a re-extraction did, then what the database holds."""
    Console().print(
        f"[bold]run {summary.run_id}[/]: {summary.documents} stored report(s) extracted again, "
        f"{summary.record_total} record(s) in {summary.seconds:.1f}s"
    )
    print_counts(db.counts(), db)


def print_counts(counts: dict[str, int], db) -> None:
    """Rows per table, the latest reports with their record counts, the most mentioned actors."""
    console = Console()
    table = Table(title=f"trucewatch database: {db.url}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in counts.items():
        table.add_row(name.replace("_", " "), str(value))
    console.print(table)
    docs = db.list_documents()
    if docs:
        listing = _table(("date", "dateline", "report", "entities", "repeats"),
                         title=f"latest {len(docs)} report(s)")  # fmt: skip
        for doc in docs:
            listing.add_row(
                doc["date"].isoformat() if doc["date"] else "–",
                doc["dateline"] or "–",
                doc["title"] or Path(doc["path"]).name,
                str(doc["entity"]),
                doc["near_duplicate_of"] or "",
            )
        console.print(listing)
    top = db.top_values("entity", "canonical")
    if top:
        actors = Table(title="most mentioned actors", show_header=True)
        actors.add_column("actor")
        actors.add_column("mentions", justify="right")
        for name, n in top:
            actors.add_row(name, str(n))
        console.print(actors)
