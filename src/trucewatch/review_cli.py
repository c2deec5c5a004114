"""``trucewatch review``: an analyst's verdicts from the terminal. Parses arguments and calls
``trucewatch.review``; a record is named ``DOC:START-END`` as every record and every ledger
evidence item gives it."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os

import click
import yaml
from rich.console import Console
from rich.table import Table

from trucewatch.review.fields import ReviewError
from trucewatch.review.files import FORMATS
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES

db_option = click.option("--db", "db_url", metavar="URL", help="Database URL (as for ingest).")
kind_option = click.option(
    "--kind",
    type=click.Choice(list(RECORD_TABLES)),
    help="The record kind, where records of two kinds share the span.",
)
reviewer_option = click.option(
    "--reviewer",
    metavar="NAME",
    help="Who decides (default: $TRUCEWATCH_REVIEWER, else your login name).",
)
note_option = click.option("--note", metavar="TEXT", help="Why, for whoever reads the history.")


def reviewer_name(explicit: str | None) -> str:
    return explicit or os.environ.get("TRUCEWATCH_REVIEWER") or getpass.getuser()


def parse_assignments(pairs: tuple[str, ...]) -> dict:
    """``FIELD=VALUE`` pairs -> fields; values read as YAML scalars (``33``, ``true``,
    ``[Hamas, Israel]``), days kept as ISO text."""
    fields = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.strip():
            raise ReviewError(f"{pair!r}: fields are given as FIELD=VALUE (value=33)")
        try:
            value = yaml.safe_load(text) if text.strip() else None
        except yaml.YAMLError:
            value = text
        if isinstance(value, dt.date):
            value = value.isoformat()
        fields[name.strip()] = value
    return fields


@click.group()
def review() -> None:
    """Review extracted records: confirm, reject, correct or add, and the ledger follows.

    Reviews are kept apart from the records, named by the report's text and the
    span, so they survive `trucewatch reextract`; nothing is ever overwritten:
    an undo is a review too, and `history` shows them all.
    """


def _verdict(verdict: str, ref, kind, reviewer, note, db_url, fields=None) -> None:
    from trucewatch.review import review as store_review

    with Database(db_url) as db:
        stored = store_review(db, ref, verdict, reviewer_name(reviewer), fields, note, kind)
    changes = ", ".join(f"{k}={v}" for k, v in (stored["fields"] or {}).items())
    click.echo(
        f"{verdict}: {stored['kind']} {ref.strip()} by {stored['reviewer']}"
        + (f" ({changes})" if changes else "")
    )


# The verdicts that take no fields: one command each, the same arguments.
PLAIN_VERDICTS = {
    "confirm": "The record is right: it wins over unreviewed records that disagree with it.",
    "reject": "The record is wrong: the ledger leaves it out.",
    "undo": "Take back the latest verdict still standing on the record (itself a review).",
}


def _plain_verdict(verdict: str, doc: str) -> click.Command:
    @click.argument("ref", metavar="DOC:START-END")
    @kind_option
    @reviewer_option
    @note_option
    @db_option
    def command(ref, kind, reviewer, note, db_url) -> None:
        _verdict(verdict, ref, kind, reviewer, note, db_url)

    command.__doc__ = doc
    return review.command(verdict)(command)


for _name, _doc in PLAIN_VERDICTS.items():
    _plain_verdict(_name, _doc)


@review.command()
@click.argument("ref", metavar="DOC:START-END")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@kind_option
@reviewer_option
@note_option
@db_option
def correct(ref, assignments, kind, reviewer, note, db_url) -> None:
    """Replace fields of the record: for a figure value, low, high, qualifier, category,
    modality, cumulative, date, as_of, source, obligation (the spec's obligation id it
    counts for); for an event type, status, date, actor, target, location; for a quote
    speaker. Example: value=3 category=hostages_released."""
    _verdict("correct", ref, kind, reviewer, note, db_url, parse_assignments(assignments))


@review.command()
@click.argument("ref", metavar="DOC:START-END")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@click.option("--kind", type=click.Choice(["claim", "event"]), required=True, help="What is added.")
@reviewer_option
@note_option
@db_option
def add(ref, assignments, kind, reviewer, note, db_url) -> None:
    """Add a figure (claim) or an event the extractor missed, pinned to a span of a stored
    report. Example: --kind claim value=4 category=hostages_released date=2025-02-01."""
    _verdict("add", ref, kind, reviewer, note, db_url, parse_assignments(assignments))


@review.command()
@click.argument("ref", metavar="DOC:START-END")
@kind_option
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def history(ref, kind, db_url, as_json) -> None:
    """Every review of the record, oldest first, and where it stands."""
    from trucewatch.review import history as record_history

    with Database(db_url) as db:
        target, reviews, verdict = record_history(db, ref, kind)
    if as_json:
        for item in reviews:
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    table = Table(title=f"{target.kind} {target.ref}: {target.text!r}")
    for column in ("when", "reviewer", "verdict", "fields", "note"):
        table.add_column(column, overflow="fold")
    for item in reviews:
        fields = ", ".join(f"{k}={v}" for k, v in (item["fields"] or {}).items())
        table.add_row(item["created_at"][:19], item["reviewer"], item["verdict"], fields,
                      item["note"] or "")  # fmt: skip
    console = Console()
    console.print(table)
    console.print(f"stands: {verdict.status if verdict else 'unreviewed'}")


@review.command("list")
@click.argument("spec", type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The ledger of this day (default: today).",
)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--all", "everything", is_flag=True, help="Reviewed figures too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def list_queue(spec, db_url, as_of, limit, everything, as_json) -> None:
    """What to review first in SPEC's ledger: the figures that decide a delivered number
    or dispute it, those that would move it most first."""
    from trucewatch.ledger import load_spec
    from trucewatch.review.queue import review_queue

    agreement = load_spec(spec)
    with Database(db_url) as db:
        day = as_of.date() if as_of else None
        items = review_queue(agreement, db, day, limit, reviewed=everything)
        labels = db.document_labels(i["doc"] for i in items)
    if as_json:
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    table = Table(title=f"review queue: {agreement.name}")
    for column in ("record", "obligation", "value", "role", "moves", "report and sentence"):
        table.add_column(column, overflow="fold")
    for item in items:
        sentence = f"{labels.get(item['doc'], item['doc'])}: {item['evidence'] or ''}"
        table.add_row(item["ref"], f"{item['obligation']} ({item['delivered']})",
                      str(item["value"]), item["role"], str(item["weight"]),
                      sentence[:100])  # fmt: skip
    Console().print(table)


@review.command("export")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from -o, else yaml.")
def export_command(db_url, output, fmt) -> None:
    """Every review, oldest first, as YAML or JSON Lines (stdout unless -o)."""
    from trucewatch.review import export_reviews

    with Database(db_url) as db:
        text = export_reviews(db, output, fmt)
    if output:
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@review.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from the name.")
def import_command(path, db_url, fmt) -> None:
    """Add the reviews of a file (from `review export`); those already stored are skipped,
    and nothing is stored if any entry is bad."""
    from trucewatch.review import import_reviews

    with Database(db_url) as db:
        added, known = import_reviews(db, path, fmt)
    click.echo(f"{added} review(s) added, {known} already stored")


@review.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def orphans(db_url, as_json) -> None:
    """Reviews whose record re-extraction removed (or whose report is not stored)."""
    from trucewatch.review import orphaned

    with Database(db_url) as db:
        found = orphaned(db)
    if as_json:
        for item in found:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
        return
    table = Table(title=f"{len(found)} orphaned review(s)")
    for column in ("record", "kind", "stands", "reviewer", "why"):
        table.add_column(column, overflow="fold")
    for item in found:
        ref = f"{item['doc'] or item['content_hash'][:16]}:{item['start']}-{item['end']}"
        table.add_row(ref, item["kind"], item["status"], item["reviewer"], item["reason"])
    Console().print(table)
