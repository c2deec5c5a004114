"""The store: SQLite by default, PostgreSQL by URL, the same code for both.

Each document is written with its records in one transaction, so a run
killed at any point leaves only whole documents behind, and a re-run skips
them by content hash.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Text,
    cast,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal_column,
    or_,
    select,
    tuple_,
    union,
    update,
)
from sqlalchemy import column as column_named
from sqlalchemy import table as table_named
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from trucewatch.config import database_url
from trucewatch.errors import InputError
from trucewatch.extract.records import Record
from trucewatch.ingest import dedup
from trucewatch.ingest.documents import Dateline, Document
from trucewatch.store.incidents import assign_incidents, refresh
from trucewatch.store.schema import (
    RECORD_TABLES,
    document_bands,
    documents,
    events,
    incidents,
    input_errors,
    runs,
)
from trucewatch.store.search import fts5_query, query_terms
from trucewatch.text import unstorable

_RECORD_BASE_FIELDS = {"doc", "doc_date", "evidence"}
# Ids per IN list: one round trip for a ledger's few thousand reports, well under
# SQLite's limit on bound variables (32,766 since 3.32).
_IN_LIST = 10_000
_MIGRATION_LOCK = 0x7472_756D  # "trum"; store.incidents holds "truc"


def engine_url(url: str) -> str:
    """Plain ``postgresql://`` URLs use psycopg 3, the driver trucewatch installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # WAL lets readers (the web app) run while an ingest writes; NORMAL sync is
    # still durable across a process crash, which is the failure tested.
    _write_ahead_log(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _write_ahead_log(cursor, attempts: int = 50) -> None:
    """Switch a new file to WAL. The switch needs the file to itself, and SQLite
    answers "database is locked" at once, without waiting, while another process
    opening the same new file holds it (two ingesters starting together): retry."""
    for attempt in range(attempts):
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return  # a file already in WAL stays so: nothing to lock
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def migration_config() -> Config:
    """Alembic's configuration for trucewatch's migrations (``store/migrations``)."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("trucewatch.store").joinpath("migrations"))
    )
    return config


class Database:
    """A trucewatch database at ``url`` (or the configured default), migrated on open."""

    def __init__(self, url: str | None = None, migrate: bool = True):
        self.url = database_url(url)
        self.engine: Engine = create_engine(engine_url(self.url))
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to an Alembic revision (the newest), up or down."""
        config = migration_config()
        if revision == "head":
            revision = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current == revision:
                return  # nothing to do, and no write lock taken (readers, read-only files)
        upgrade = current is None or int(revision) > int(current)
        with self.engine.begin() as connection:
            # Two processes opening a new database at once (two ingesters) must not
            # both create the tables: the second waits, then finds the schema at head.
            # PostgreSQL: a transaction-level advisory lock (DDL is transactional).
            # SQLite: Python's sqlite3 runs DDL outside any transaction unless one
            # is open, so open a write transaction first; it also makes a
            # migration killed half-way roll back whole.
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            elif connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            (command.upgrade if upgrade else command.downgrade)(config, revision)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Runs -----------------------------------------------------------------

    def start_run(self, extractor_version: str, model: str, engine: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(runs).values(
                    started_at=now(),
                    extractor_version=extractor_version,
                    model=model,
                    engine=engine,
                    documents=0,
                    skipped=0,
                    errors=0,
                    records=0,
                )
            )
            return result.inserted_primary_key[0]

    def finish_run(
        self, run_id: int, *, documents: int, skipped: int, errors: int, records: int
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(runs)
                .where(runs.c.id == run_id)
                .values(
                    finished_at=now(),
                    documents=documents,
                    skipped=skipped,
                    errors=errors,
                    records=records,
                )
            )

    def list_runs(self) -> list[dict]:
        """Every run, oldest first: extractor version, model, engine, counts and times."""
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(select(runs).order_by(runs.c.id)).mappings()]

    def record_error(self, run_id: int | None, error: InputError) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(input_errors).values(
                    run_id=run_id, origin=error.origin, code=error.code, message=error.message
                )
            )

    # Documents ------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(documents.c.id).where(documents.c.content_hash == content_hash)
            )
            return found.first() is not None

    def find_near_duplicate(self, conn, signature: np.ndarray, threshold: float = dedup.THRESHOLD):
        keys = dedup.band_keys(signature)
        ids = conn.execute(
            select(document_bands.c.doc_id).where(document_bands.c.key.in_(keys)).distinct()
        )
        candidate_ids = [row[0] for row in ids]
        if not candidate_ids:
            return None
        rows = conn.execute(
            select(documents.c.id, documents.c.minhash).where(documents.c.id.in_(candidate_ids))
        )
        candidates = {doc_id: dedup.from_bytes(blob) for doc_id, blob in rows if blob}
        return dedup.best_match(signature, candidates, threshold)

    def save(
        self, document: Document, records: Iterable[Record], run_id: int | None = None
    ) -> bool:
        """Store a document with its records in one transaction.

        Returns False (and stores nothing) when a document with the same
        content hash is already there, e.g. written by a concurrent run.
        Links the document to its nearest stored near-duplicate, if any, and
        its events to the incidents they belong to (``store.incidents``).
        """
        signature = dedup.signature(document.body)
        try:
            with self.engine.begin() as conn:
                match = self.find_near_duplicate(conn, signature)
                if match is not None and match.doc_id != document.id:
                    document.near_duplicate_of = match.doc_id
                    document.similarity = match.similarity
                conn.execute(insert(documents).values(**document_row(document, signature, run_id)))
                conn.execute(
                    insert(document_bands),
                    [
                        {"key": key, "doc_id": document.id}
                        for key in dict.fromkeys(dedup.band_keys(signature))
                    ],
                )
                refresh(conn, _insert_records(conn, list(records)))
        except IntegrityError:
            if self.has_document(document.content_hash):
                return False
            raise
        return True

    def stale_documents(self, version: str, every: bool = False) -> Iterator[Document]:
        """Stored reports whose records another extractor version wrote (all of them with
        ``every``), oldest first, rebuilt as documents to extract again."""
        query = select(documents.c.id).outerjoin(runs, runs.c.id == documents.c.run_id)
        if not every:
            query = query.where(
                or_(runs.c.extractor_version.is_(None), runs.c.extractor_version != version)
            )
        with self.engine.connect() as conn:
            ids = list(conn.execute(query.order_by(documents.c.date, documents.c.id)).scalars())
        for i in range(0, len(ids), 256):  # read in pages: bodies are not all held at once
            with self.engine.connect() as conn:
                rows = conn.execute(select(documents).where(documents.c.id.in_(ids[i : i + 256])))
                found = {row.id: stored_document(row) for row in rows}
            yield from (found[d] for d in ids[i : i + 256] if d in found)

    def replace_records(self, doc_id: str, records: Iterable[Record], run_id: int) -> None:
        """Put a stored report's records from a new extraction in place of its old ones, in
        one transaction; the incidents its events belonged to are recomputed (or removed)."""
        with self.engine.begin() as conn:
            before = set(
                conn.execute(
                    select(events.c.incident_id).where(
                        events.c.doc_id == doc_id, events.c.incident_id.is_not(None)
                    )
                ).scalars()
            )
            for table in RECORD_TABLES.values():
                conn.execute(delete(table).where(table.c.doc_id == doc_id))
            after = _insert_records(conn, list(records))
            conn.execute(update(documents).where(documents.c.id == doc_id).values(run_id=run_id))
            refresh(conn, before | after)

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(select(documents.c.id).order_by(documents.c.id))]

    def get_document(self, doc_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
            return dict(row) if row else None

    def iter_records(
        self,
        kind: str,
        doc_id: str | None = None,
        contains: dict[str, str] | None = None,
        equals: dict[str, str] | None = None,
        any_of: dict[str, Iterable] | None = None,
    ) -> Iterator[dict]:
        """Stored records of one kind as the dicts ``extract`` prints, evidence included.

        ``contains`` keeps records whose column holds the text, ignoring case
        (``{"speaker": "trump"}``); ``equals`` those whose column is the value
        (``{"category": "killed"}``); ``any_of`` those whose column has one of
        the values (``{"category": ["killed", "wounded"]}``). Values are bound
        as parameters.
        """
        table = RECORD_TABLES[kind]
        # A value no column can hold (NUL, a lone surrogate from an argument that is
        # not UTF-8) matches nothing; sent as a parameter it would raise instead.
        if any(
            isinstance(v, str) and unstorable(v)
            for v in (*(contains or {}).values(), *(equals or {}).values())
        ):
            return
        any_of = {
            column: [v for v in values if not (isinstance(v, str) and unstorable(v))]
            for column, values in (any_of or {}).items()
        }
        query = (
            select(table, documents.c.date.label("doc_date"), documents.c.body, documents.c.path)
            .join(documents, documents.c.id == table.c.doc_id)
            .order_by(documents.c.date, table.c.doc_id, table.c.start, table.c.id)
        )
        if doc_id is not None:
            query = query.where(table.c.doc_id == doc_id)
        for column, text in (contains or {}).items():
            query = query.where(func.lower(table.c[column]).contains(text.lower(), autoescape=True))
        for column, value in (equals or {}).items():
            query = query.where(table.c[column] == value)
        for column, values in any_of.items():
            query = query.where(table.c[column].in_(values))
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield stored_record(kind, row)

    def documents_mentioning(
        self,
        names: Iterable[str],
        since: dt.date | None = None,
        until: dt.date | None = None,
        among: Iterable[str] | None = None,
        worded: Iterable[str] = (),
    ) -> list[str]:
        """Ids of reports that name one of the actors, dated within the bounds, oldest first
        (``among``: only of these reports; ``worded``: or hold one of these words, see
        ``figures``)."""
        naming = self._naming_or_worded(sorted(set(names)), sorted(set(worded)))
        query = select(documents.c.id).where(documents.c.id.in_(naming))
        if among is not None:
            query = query.where(documents.c.id.in_(sorted(set(among))))
        if since is not None:
            query = query.where(documents.c.date >= since)
        if until is not None:
            query = query.where(documents.c.date <= until)
        with self.engine.connect() as conn:
            return [
                row[0] for row in conn.execute(query.order_by(documents.c.date, documents.c.id))
            ]

    def document_labels(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> what a reader knows it by: its title, else its outlet, its URL or
        its file's name."""
        ids = sorted(set(doc_ids))
        labels: dict[str, str] = {}
        columns = (documents.c.id, documents.c.title, documents.c.source, documents.c.url,
                   documents.c.path)  # fmt: skip
        with self.engine.connect() as conn:
            for chunk in range(0, len(ids), _IN_LIST):
                query = select(*columns).where(documents.c.id.in_(ids[chunk : chunk + _IN_LIST]))
                for doc_id, title, source, url, path in conn.execute(query):
                    name = Path(path).name if path else None
                    labels[doc_id] = title or source or url or name or doc_id
        return labels

    def original_reports(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> the report it repeats, for the near-duplicates among ``doc_ids``
        (one wire story in two outlets is one independent report)."""
        ids = sorted(set(doc_ids))
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in range(0, len(ids), _IN_LIST):
                query = select(documents.c.id, documents.c.near_duplicate_of).where(
                    documents.c.id.in_(ids[chunk : chunk + _IN_LIST]),
                    documents.c.near_duplicate_of.is_not(None),
                )
                found.update({row[0]: row[1] for row in conn.execute(query)})
        return found

    def figures(
        self,
        categories: Iterable[str],
        mentioning: Iterable[str] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        modalities: Iterable[str] | None = None,
        latest_per_source: bool = False,
        worded: Iterable[str] = (),
    ) -> list[dict]:
        """Figure (``claim``) records of the categories, for a ledger.

        ``mentioning`` keeps figures from reports that name one of the actors
        (an entity whose canonical name or text is in the list), so one
        agreement's ledger is not fed by another conflict's reports, or, with
        ``worded``, whose text holds one of those words (a party no entity can
        name: "Terrorists", as the kidnappers are called in local papers); ``since``
        and ``until`` bound the day each figure was known (its ``as_of``);
        ``modalities`` keeps those (``reported``, ``term``);
        ``latest_per_source`` keeps, per category and named source, the figures
        of the last day it gave one (a toll by one account against another's).
        All indexed (migrations 0005, 0007), and read from the claims table
        alone, which keeps each figure's evidence sentence: a ledger over
        thousands of figures reads none of their reports.

        Made for computing: dates stay ``datetime.date`` (the ledger compares
        them; ``iter_records`` gives ISO strings), whole values are ints. No
        ``doc_date``: a figure's ``as_of`` is its report's date unless the
        text gives another, so a figure without one is from an undated report.
        """
        table = RECORD_TABLES["claim"]
        kept = [table.c.category.in_(sorted(set(categories)))]
        modality = [] if modalities is None else [table.c.modality.in_(sorted(set(modalities)))]
        kept += modality
        # On as_of alone, so the index on (category, modality, as_of) serves: every figure
        # from a dated report has one; a figure from an undated report cannot be
        # placed in time, and is left out of a dated selection.
        if since is not None:
            kept.append(table.c.as_of >= since)
        if until is not None:
            kept.append(table.c.as_of <= until)
        names = None if mentioning is None else sorted(set(mentioning))
        words = sorted(set(worded))
        naming = None if names is None else self._naming_or_worded(names, words)
        conditions = kept if naming is None else [*kept, table.c.doc_id.in_(naming)]
        if latest_per_source:
            # The last day each source gave a figure, on the covering index; then
            # that day's figures, whose few reports are checked one by one.
            last = (
                select(table.c.category, table.c.source, func.max(table.c.as_of).label("day"))
                .where(*conditions, table.c.source.is_not(None))
                .group_by(table.c.category, table.c.source)
                .subquery()
            )
            conditions = [
                table.c.category == last.c.category,
                table.c.source == last.c.source,
                table.c.as_of == last.c.day,
                *modality,
            ]
            if names is not None and not words:
                conditions.append(_naming(names, table.c.doc_id).exists())
            elif names is not None:
                conditions.append(table.c.doc_id.in_(naming))
        query = (
            select(*_figure_columns())
            .where(*conditions)
            .order_by(table.c.as_of, table.c.doc_id, table.c.start, table.c.id)
        )
        return self._figure_dicts(query)

    def _naming_or_worded(self, names: list[str], words: list[str]):
        """The reports naming one of ``names`` (``_naming``), and those whose text holds
        one of ``words``, on the full-text index (migration 0006)."""
        if not words:
            return _naming(names)
        if self.engine.dialect.name == "postgresql":
            vector = literal_column("documents.search")
            worded = [
                select(documents.c.id).where(
                    vector.op("@@")(func.plainto_tsquery(literal_column("'english'::regconfig"), w))
                )
                for w in words
            ]
        else:
            fts = table_named("documents_fts", column_named("rowid"), column_named("documents_fts"))
            worded = [
                select(documents.c.id).where(
                    literal_column("documents.rowid").in_(
                        select(fts.c.rowid).where(
                            fts.c.documents_fts.op("MATCH")(fts5_query(query_terms(w)))
                        )
                    )
                )
                for w in words
                if query_terms(w)
            ]
        return union(*_naming_selects(names), *worded)

    def figures_at(self, spans: Iterable[tuple[str, int, int]]) -> dict[tuple, list[dict]]:
        """``(doc_id, start, end)`` -> the figures at that span of the report, as ``figures``
        gives them (a reviewed figure the ledger's own selection did not read)."""
        table = RECORD_TABLES["claim"]
        wanted = sorted(set(spans))
        found: dict[tuple, list[dict]] = {}
        key = tuple_(table.c.doc_id, table.c.start, table.c.end)
        for i in range(0, len(wanted), 500):
            query = select(*_figure_columns()).where(key.in_(wanted[i : i + 500]))
            for figure in self._figure_dicts(query.order_by(table.c.id)):
                found.setdefault((figure["doc"], figure["start"], figure["end"]), []).append(figure)
        return found

    def _figure_dicts(self, query) -> list[dict]:
        table = RECORD_TABLES["claim"]
        lists = [c.name for c in table.c if isinstance(c.type, JSON)]
        with self.engine.connect() as conn:
            result = conn.execute(query)
            keys, rows = list(result.keys()), result.all()
        numbers = [i for i, key in enumerate(keys) if key in ("value", "low", "high")]
        names = [i for i, key in enumerate(keys) if key in lists]
        found = []
        for row in rows:
            record = dict(zip(keys, row, strict=True))
            for i in numbers:  # per number, not per column: a ledger reads thousands of rows
                record[keys[i]] = _plain(row[i])
            for i in names:
                record[keys[i]] = _name_list(row[i])
            record["kind"] = "claim"
            found.append(record)
        return found

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, dict]:
        """Report id -> its id, date and text, for the few reports a caller names."""
        ids = sorted(set(doc_ids))
        found: dict[str, dict] = {}
        columns = (documents.c.id, documents.c.date, documents.c.body, documents.c.content_hash)
        with self.engine.connect() as conn:
            for chunk in range(0, len(ids), _IN_LIST):
                query = select(*columns).where(documents.c.id.in_(ids[chunk : chunk + _IN_LIST]))
                found.update({row.id: dict(row._mapping) for row in conn.execute(query)})
        return found

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, near-duplicates, input errors and each record kind."""
        with self.engine.connect() as conn:
            result = {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "near_duplicates": conn.execute(
                    select(func.count())
                    .select_from(documents)
                    .where(documents.c.near_duplicate_of.is_not(None))
                ).scalar_one(),
                "runs": conn.execute(select(func.count()).select_from(runs)).scalar_one(),
                "input_errors": conn.execute(
                    select(func.count()).select_from(input_errors)
                ).scalar_one(),
            }
            for kind, table in RECORD_TABLES.items():
                result[kind] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            result["incidents"] = conn.execute(
                select(func.count()).select_from(incidents)
            ).scalar_one()
            return result

    def iter_incidents(self, min_mentions: int = 1) -> Iterator[dict]:
        """Stored incidents by date (undated last); ``evidence`` lists each mention:
        its document, trigger, status, date and sentence."""
        query = (
            select(incidents)
            .where(incidents.c.mentions >= min_mentions)
            .order_by(incidents.c.date.is_(None), incidents.c.date, incidents.c.id)
        )
        mentions = (
            select(
                events.c.incident_id,
                events.c.doc_id,
                events.c.trigger,
                events.c.trigger_start,
                events.c.trigger_end,
                events.c.status,
                events.c.date,
                events.c.evidence_start,
                events.c.evidence_end,
                documents.c.date.label("doc_date"),
                documents.c.body,
            )
            .join(documents, documents.c.id == events.c.doc_id)
            .order_by(documents.c.date, events.c.doc_id, events.c.start)
        )
        with self.engine.connect() as conn:
            by_incident: dict[int, list[dict]] = {}
            for row in conn.execute(mentions).mappings():
                by_incident.setdefault(row["incident_id"], []).append(
                    {
                        "doc": row["doc_id"],
                        "doc_date": iso(row["doc_date"]),
                        "date": iso(row["date"]),
                        "status": row["status"],
                        "trigger": row["trigger"],
                        "trigger_start": row["trigger_start"],
                        "trigger_end": row["trigger_end"],
                        "evidence": row["body"][row["evidence_start"] : row["evidence_end"]],
                    }
                )
            for row in conn.execute(query).mappings():
                data = {k: iso(v) for k, v in row.items()}
                data["evidence"] = by_incident.get(row["id"], [])
                yield data

    def list_documents(self, limit: int = 20) -> list[dict]:
        """The most recent reports by date (undated last), with their record counts."""
        columns = [
            documents.c[c] for c in ("id", "date", "dateline", "title", "path", "near_duplicate_of")
        ]
        counts = [
            select(func.count())
            .select_from(table)
            .where(table.c.doc_id == documents.c.id)
            .scalar_subquery()
            .label(kind)
            for kind, table in RECORD_TABLES.items()
        ]
        query = (
            select(*columns, *counts)
            .order_by(documents.c.date.is_(None), documents.c.date.desc(), documents.c.path)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def top_values(self, kind: str, column: str, limit: int = 10) -> list[tuple[str, int]]:
        table = RECORD_TABLES[kind]
        col = table.c[column]
        query = (
            select(col, func.count().label("n"))
            .where(col.is_not(None))
            .group_by(col)
            .order_by(func.count().desc(), col)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(value, n) for value, n in conn.execute(query)]


def _insert_records(conn, records: list[Record]) -> set[int]:
    """Insert one report's records, its events linked to incidents; the incidents touched."""
    by_table: dict[str, list[dict]] = {}
    for record in records:
        by_table.setdefault(record.kind, []).append(record_row(record))
    incident_ids = assign_incidents(conn, [r for r in records if r.kind == "event"])
    for row, incident_id in zip(by_table.get("event", []), incident_ids, strict=True):
        row["incident_id"] = incident_id
    for kind, rows in by_table.items():
        conn.execute(insert(RECORD_TABLES[kind]), rows)
    return set(incident_ids)


def stored_document(row) -> Document:
    """A stored report as the document extraction reads (text, date, title, dateline)."""
    dateline = (
        Dateline(row.dateline, row.dateline_start, row.dateline_end)
        if row.dateline is not None
        else None
    )
    return Document(
        id=row.id,
        content_hash=row.content_hash,
        body=row.body,
        path=row.path,
        date=row.date,
        title=row.title,
        dateline=dateline,
        url=row.url,
        source=row.source,
        external_id=row.external_id,
        near_duplicate_of=row.near_duplicate_of,
        similarity=row.similarity,
    )


def document_row(document: Document, signature: np.ndarray, run_id: int | None) -> dict:
    dateline = document.dateline
    return {
        "id": document.id,
        "content_hash": document.content_hash,
        "path": document.path,
        "external_id": document.external_id,
        "url": document.url,
        "source": document.source,
        "title": document.title,
        "date": document.date,
        "dateline": dateline.place if dateline else None,
        "dateline_start": dateline.start if dateline else None,
        "dateline_end": dateline.end if dateline else None,
        "body": document.body,
        "chars": document.chars,
        "near_duplicate_of": document.near_duplicate_of,
        "similarity": document.similarity,
        "minhash": dedup.to_bytes(signature),
        "run_id": run_id,
        "ingested_at": now(),
    }


def _figure_columns() -> list:
    """The columns a ledger reads of each figure; the sides of a release (JSON lists of a
    few names) come as text and are decoded once per distinct value: thousands of
    figures name the same few actors."""
    table = RECORD_TABLES["claim"]
    columns = [
        cast(c, Text).label(c.name) if isinstance(c.type, JSON) else c
        for c in table.c
        if c.name not in ("id", "doc_id")
    ]
    return [table.c.doc_id.label("doc"), *columns]


def _naming(names: list[str], doc_id=None):
    """The reports (their ids) with an entity whose canonical name or text is one of ``names``.

    With ``doc_id``, the entities of that one report (a correlated ``EXISTS``).
    """
    entities = RECORD_TABLES["entity"]
    if doc_id is None:
        return union(*_naming_selects(names))
    named = or_(entities.c.canonical.in_(names), entities.c.text.in_(names))
    return select(entities.c.id).where(entities.c.doc_id == doc_id, named)


def _naming_selects(names: list[str]) -> list:
    entities = RECORD_TABLES["entity"]
    # Two look-ups, each on its covering index (an OR would read the rows).
    return [
        select(entities.c.doc_id).where(entities.c.canonical.in_(names)),
        select(entities.c.doc_id).where(entities.c.text.in_(names)),
    ]


def iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def record_row(record: Record) -> dict:
    # Raw field values, not to_dict(): dates stay dates for the Date columns.
    row = {
        f.name: getattr(record, f.name) for f in fields(record) if f.name not in _RECORD_BASE_FIELDS
    }
    row["doc_id"] = record.doc
    if "evidence" in RECORD_TABLES[record.kind].c:  # kept where it is read in bulk (claims)
        row["evidence"] = record.evidence
    return row


@lru_cache(maxsize=4096)
def _name_list(text: str | None) -> tuple[str, ...] | None:
    """A stored JSON list of names, as a tuple (shared between the figures that give it)."""
    if text is None:
        return None
    names = json.loads(text)
    return tuple(names) if isinstance(names, list) else None


def _plain(value):
    """Dates as ISO strings and whole floats as ints (47518, as extracted, not 47518.0),
    as ``extract`` prints records."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def stored_record(kind: str, row) -> dict:
    body = row["body"]
    data = {"kind": kind, "doc": row["doc_id"], "doc_date": _plain(row["doc_date"])}
    for key, value in row.items():
        if key not in ("id", "doc_id", "body", "doc_date", "path"):
            data[key] = _plain(value)
    data["evidence"] = body[row["evidence_start"] : row["evidence_end"]]
    return data
