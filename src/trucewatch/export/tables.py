"""What an export holds: one table per kind, as typed columns and rows.

Each kind is a stored table as analysts want it, flat and typed: reports
(``document``, without the MinHash bytes), the record kinds with their
report's date and their evidence sentence beside the offsets, ``incident``,
``review`` (an analyst's verdicts, table ``reviews``), and ``ledger-history``:
an agreement's ledger day by day (``trucewatch.ledger.history``), one row per
obligation and day. Filters: ``since``/``until`` bound the report's date (an
incident's own date, the day of a history row); ``agreement`` keeps the
reports that name one of its parties (and the incidents and reviews of those
reports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, select

from trucewatch.errors import TrucewatchError
from trucewatch.ledger import Agreement, agreement_figures
from trucewatch.ledger.history import history
from trucewatch.ledger.spec import party_names, party_words
from trucewatch.store.schema import RECORD_TABLES, documents, events, incidents, reviews

KINDS = ("document", "quote", "claim", "event", "entity", "incident", "review", "ledger-history")
_PAGE = 2000  # rows read at a time: an export of a million records never sits in memory


class ExportError(TrucewatchError):
    code = "TW600"


@dataclass
class Column:
    name: str
    type: str  # "string", "int", "float", "bool", "date", "timestamp", "json"


@dataclass
class Table:
    kind: str
    columns: list[Column]
    rows: Iterator[dict]


def column_type(sql_type) -> str:
    for python, name in ((JSON, "json"), (Boolean, "bool"), (DateTime, "timestamp"),
                         (Date, "date"), (Integer, "int"), (Float, "float")):  # fmt: skip
        if isinstance(sql_type, python):
            return name
    return "string"


def export_table(
    db,
    kind: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    agreement: Agreement | None = None,
) -> Table:
    """The rows of one kind, filtered, with their column types (see the module's doc)."""
    if kind not in KINDS:
        raise ExportError(f"unknown kind {kind!r}: one of {', '.join(KINDS)} [TW600]")
    if kind == "ledger-history":
        if agreement is None:
            raise ExportError("--kind ledger-history needs --agreement SPEC [TW600]")
        return _history_table(db, agreement, since, until)
    doc_ids = None
    if agreement is not None:
        doc_ids = db.documents_mentioning(
            party_names(agreement), since=since, until=until, worded=party_words(agreement)
        )
    if kind == "document":
        return _documents_table(db, since, until, doc_ids)
    if kind == "incident":
        return _incidents_table(db, since, until, doc_ids)
    if kind == "review":
        return _reviews_table(db, since, until, doc_ids)
    return _records_table(db, kind, since, until, doc_ids)


def _dated(query, column, since, until):
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column <= until)
    return query


def _paged(db, query, key, shape=lambda row: row) -> Iterator[dict]:
    """Rows of ``query`` in pages by ``key`` (keyset paging: each page one indexed read)."""
    last = None
    while True:
        page = query if last is None else query.where(key > last)
        with db.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(page.order_by(key).limit(_PAGE)).mappings()]
        for row in rows:
            yield shape(row)
        if len(rows) < _PAGE:
            return
        last = rows[-1][key.name]


def _columns(table, skip=()) -> list[Column]:
    return [Column(c.name, column_type(c.type)) for c in table.c
            if c.name not in skip and not isinstance(c.type, LargeBinary)]  # fmt: skip


def _documents_table(db, since, until, doc_ids) -> Table:
    columns = _columns(documents)
    query = _dated(select(*(documents.c[c.name] for c in columns)), documents.c.date, since, until)
    if doc_ids is not None:
        query = query.where(documents.c.id.in_(doc_ids))
    return Table("document", columns, _paged(db, query, documents.c.id))


def _records_table(db, kind, since, until, doc_ids) -> Table:
    table = RECORD_TABLES.get(kind)
    if table is None:
        raise ExportError(f"no {kind} records in this database [TW600]")
    own = _columns(table, skip=("evidence",))
    columns = [*own[:2], Column("doc_date", "date"), *own[2:], Column("evidence", "string")]
    query = select(
        *(table.c[c.name] for c in own), documents.c.date.label("doc_date"), documents.c.body
    ).join(documents, documents.c.id == table.c.doc_id)
    query = _dated(query, documents.c.date, since, until)
    if doc_ids is not None:
        query = query.where(table.c.doc_id.in_(doc_ids))

    def shape(row: dict) -> dict:
        body = row.pop("body")
        row["evidence"] = body[row["evidence_start"] : row["evidence_end"]]
        return row

    return Table(kind, columns, _paged(db, query, table.c.id, shape))


def _incidents_table(db, since, until, doc_ids) -> Table:
    query = _dated(select(incidents), incidents.c.date, since, until)
    if doc_ids is not None:
        told = select(events.c.incident_id).where(events.c.doc_id.in_(doc_ids))
        query = query.where(incidents.c.id.in_(told))
    return Table("incident", _columns(incidents), _paged(db, query, incidents.c.id))


def _reviews_table(db, since, until, doc_ids) -> Table:
    query = select(reviews)
    if since is not None or until is not None or doc_ids is not None:
        # a review is of a report: filtered by that report's date and parties
        reports = _dated(select(documents.c.content_hash), documents.c.date, since, until)
        if doc_ids is not None:
            reports = reports.where(documents.c.id.in_(doc_ids))
        query = query.where(reviews.c.content_hash.in_(reports))
    return Table("review", _columns(reviews), _paged(db, query, reviews.c.id))


HISTORY_COLUMNS = [
    Column("agreement", "string"),
    Column("phase", "string"),
    Column("obligation", "string"),
    Column("party", "string"),
    Column("what", "string"),
    Column("promised", "int"),
    Column("approx", "bool"),
    Column("date", "date"),
    Column("best", "float"),
    Column("low", "float"),
    Column("high", "float"),
]


def _history_table(db, agreement: Agreement, since, until) -> Table:
    as_of = until or dt.date.today()

    def rows() -> Iterator[dict]:
        for series in history(agreement, agreement_figures(agreement, db, as_of), as_of):
            for point in series["points"]:
                day = dt.date.fromisoformat(point["date"])
                if since is not None and day < since:
                    continue
                yield {
                    "agreement": agreement.id,
                    "phase": series["phase"],
                    "obligation": series["obligation"],
                    "party": series["party"],
                    "what": series["what"],
                    "promised": series["promised"],
                    "approx": series["approx"],
                    "date": day,
                    "best": point["best"],
                    "low": point["low"],
                    "high": point["high"],
                }

    return Table("ledger-history", HISTORY_COLUMNS, rows())
