"""Pages of documents and records, and full-text search over reports.

What the web dashboard and the JSON API read: each function takes a
``Database`` and returns plain dicts, a page at a time (``limit``/``offset``)
with the ``total`` that matched, so a client can page through millions of
records. Every value from a caller is bound as a parameter; column names are
checked against the table before use.

Full-text search runs on the index migration 0006 builds: SQLite FTS5
(``documents_fts``) or PostgreSQL's ``documents.search`` tsvector.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    Integer,
    and_,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
    true,
)
from sqlalchemy.sql import Select

from trucewatch.store.schema import RECORD_TABLES, documents, reviews, runs

MAX_LIMIT = 500
SNIPPET_CHARS = 220
_WORD = re.compile(r"\w+")

# Columns of a document a listing shows: never the body or the MinHash.
DOCUMENT_COLUMNS = ("id", "date", "dateline", "title", "path", "url", "source", "chars")


class SearchError(ValueError):
    """A filter names a column the record kind does not have, or a value of the wrong type."""


@dataclass(frozen=True)
class DocumentFilter:
    """Which reports: words to search for, report dates, an actor they name, a kind they hold."""

    q: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    actor: str | None = None
    kind: str | None = None


def query_terms(q: str | None) -> list[str]:
    """The words of a search box, lower-cased: operators and punctuation are not syntax here."""
    return [w.lower() for w in _WORD.findall(q or "")]


def fts5_query(terms: list[str]) -> str:
    # Each term quoted as an FTS5 string, so "NOT", "OR", "-" and ":" are plain
    # words (https://www.sqlite.org/fts5.html#full_text_query_syntax); terms
    # are word characters only, so they cannot close the quotes.
    return " ".join(f'"{t}"' for t in terms)


def _matching_ids(db, where: DocumentFilter) -> tuple[Select, list]:
    """(``select(documents.id)`` of the matching reports, the ORDER BY that ranks them)."""
    query = select(documents.c.id)
    order = []
    terms = query_terms(where.q)
    if terms and db.engine.dialect.name == "postgresql":
        tsquery = func.plainto_tsquery(literal_column("'english'::regconfig"), " ".join(terms))
        vector = literal_column("documents.search")
        query = query.where(vector.op("@@")(tsquery))
        order.append(func.ts_rank(vector, tsquery).desc())
    elif terms:
        # A join on the FTS5 hits computes each match's rank once (bm25, lower is
        # better); a correlated subquery would run the MATCH again for every row.
        fts = table("documents_fts", column("rowid"), column("rank"), column("documents_fts"))
        hits = (
            select(fts.c.rowid.label("rowid"), fts.c.rank.label("rank"))
            .where(fts.c.documents_fts.op("MATCH")(fts5_query(terms)))
            .subquery("hits")
        )
        query = query.join_from(documents, hits, literal_column("documents.rowid") == hits.c.rowid)
        order.append(hits.c.rank)
    if where.since is not None:
        query = query.where(documents.c.date >= where.since)
    if where.until is not None:
        query = query.where(documents.c.date <= where.until)
    if where.actor:
        # Reports with a mention whose canonical name is the actor's (indexed).
        entities = RECORD_TABLES["entity"]
        names = actor_names(db, where.actor)
        query = query.where(
            documents.c.id.in_(select(entities.c.doc_id).where(entities.c.canonical.in_(names)))
        )
    if where.kind:
        if where.kind not in RECORD_TABLES:
            raise SearchError(f"unknown record kind {where.kind!r}: one of {sorted(RECORD_TABLES)}")
        records = RECORD_TABLES[where.kind]
        query = query.where(exists().where(records.c.doc_id == documents.c.id))
    order += [documents.c.date.is_(None), documents.c.date.desc(), documents.c.id]
    return query, order


def data_version(db) -> tuple:
    """Changes whenever reports are stored (every ingest, CLI or API, opens a run) or a
    review is.

    Lets a reader cache aggregates (counts, top values, ledgers) until the next
    ingest or review.
    """
    with db.engine.connect() as conn:
        reviewed = select(func.max(reviews.c.id)).scalar_subquery()
        return tuple(
            conn.execute(
                select(func.count(), func.max(runs.c.id), func.max(runs.c.finished_at), reviewed)
            ).one()
        )


def actor_names(db, actor: str) -> list[str]:
    """The canonical names an actor filter means: the name itself, else the same name in any case."""
    entities = RECORD_TABLES["entity"]
    with db.engine.connect() as conn:
        exact = conn.execute(
            select(entities.c.canonical).where(entities.c.canonical == actor).limit(1)
        ).first()
        if exact is not None:
            return [actor]
        # One pass over the canonical-name index (a few hundred distinct names).
        return [
            name
            for (name,) in conn.execute(select(entities.c.canonical).distinct())
            if name is not None and name.lower() == actor.lower()
        ]


def page_documents(
    db, where: DocumentFilter | None = None, limit: int = 20, offset: int = 0
) -> dict:
    """Reports matching ``where``, best match first when searching, else latest first.

    Each item has the listing columns, per-kind record counts and, when
    searching, a ``snippet`` with the first matching word's offsets in it.
    """
    where = where or DocumentFilter()
    limit = max(1, min(limit, MAX_LIMIT))
    matching, order = _matching_ids(db, where)
    # The total rides on the page's rows (a window count): one pass over the matches.
    page_query = (
        matching.add_columns(func.count().over().label("total"))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    terms = query_terms(where.q)
    with db.engine.connect() as conn:
        page = conn.execute(page_query).all()
        ids = [row[0] for row in page]
        if page:
            total = page[0][1]
        else:  # past the last page, or nothing matched
            total = conn.execute(select(func.count()).select_from(matching.subquery())).scalar_one()
        # Counts and text for the page only: computed per listed report, not per match.
        counts = [
            select(func.count())
            .select_from(t)
            .where(t.c.doc_id == documents.c.id)
            .scalar_subquery()
            .label(f"n_{kind}")
            for kind, t in RECORD_TABLES.items()
        ]
        columns = [documents.c[c] for c in DOCUMENT_COLUMNS] + counts
        if terms:
            columns.append(documents.c.body)
        rows = {
            row["id"]: dict(row)
            for row in conn.execute(select(*columns).where(documents.c.id.in_(ids))).mappings()
        }
    items = []
    for doc_id in ids:
        row = rows[doc_id]
        item = {c: row[c] for c in DOCUMENT_COLUMNS}
        item["records"] = {kind: row[f"n_{kind}"] for kind in RECORD_TABLES}
        if terms:
            item["snippet"] = snippet(row["body"], terms)
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def snippet(body: str, terms: list[str], width: int = SNIPPET_CHARS) -> dict:
    """An excerpt around the first word that starts with a search term (stems match loosely).

    Returns ``text``, ``start`` (its offset in the body), ``more`` (text follows) and ``hit_start``/
    ``hit_end`` (the word, relative to ``text``; null when no word matched).
    """
    lowered = body.lower()
    hit = None
    for match in _WORD.finditer(lowered):
        word = match.group()
        if any(word.startswith(t[: max(3, len(t) - 2)]) for t in terms):
            hit = match
            break
    if hit is None:
        return {
            "text": body[:width],
            "start": 0,
            "more": len(body) > width,
            "hit_start": None,
            "hit_end": None,
        }
    start = max(0, hit.start() - width // 3)
    if start:  # begin on a word
        space = body.find(" ", start, hit.start())
        start = space + 1 if space != -1 else start
    text = body[start : start + width]
    return {
        "text": text,
        "start": start,
        "more": start + width < len(body),
        "hit_start": hit.start() - start,
        "hit_end": min(hit.end() - start, len(text)),
    }


def _coerce(kind: str, name: str, value: str, dialect: str = "sqlite"):
    """A filter value as the column's type; text columns match by substring, ignoring case."""
    t = RECORD_TABLES[kind]
    if name not in t.c or name in ("id", "doc_id"):
        columns = sorted(c.key for c in t.c if c.key not in ("id", "doc_id"))
        raise SearchError(f"{kind} records have no column {name!r}: filter on one of {columns}")
    col = t.c[name]
    try:
        if isinstance(col.type, Boolean):
            if value.lower() not in ("true", "false", "1", "0"):
                raise ValueError(value)
            return col == (value.lower() in ("true", "1"))
        if isinstance(col.type, Integer):
            return col == int(value)
        if isinstance(col.type, Float):
            return col == float(value)
        if isinstance(col.type, Date):
            return col == dt.date.fromisoformat(value)
    except ValueError:
        raise SearchError(f"{name}={value!r} is not a {col.type} value") from None
    return contains_ignoring_case(col, value, dialect)


def contains_ignoring_case(col, value: str, dialect: str):
    """``col`` holds ``value``, ignoring case; ``%`` and ``_`` in the value are literal.

    SQLite's LIKE already ignores case (ASCII letters only:
    https://www.sqlite.org/lang_expr.html#like) and is three times faster
    without ``lower()`` on every row; PostgreSQL has ILIKE.
    """
    if dialect == "sqlite":
        return col.contains(value, autoescape=True)
    escaped = value.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return col.ilike(f"%{escaped}%", escape="/")


def page_records(
    db,
    kind: str,
    *,
    doc_id: str | None = None,
    filters: dict[str, str] | None = None,
    equals: dict[str, object] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict:
    """Records of one kind, in stored order, a page at a time.

    ``filters`` maps a column to a value: a substring (ignoring case) for text
    columns, equality for numbers, booleans and dates; ``equals`` maps a
    column to the exact value it must hold. ``since``/``until`` bound the
    report's date.
    """
    from trucewatch.store.database import stored_record

    if kind not in RECORD_TABLES:
        raise SearchError(f"unknown record kind {kind!r}: one of {sorted(RECORD_TABLES)}")
    t = RECORD_TABLES[kind]
    limit = max(1, min(limit, MAX_LIMIT))
    dialect = db.engine.dialect.name
    conditions = [_coerce(kind, name, value, dialect) for name, value in (filters or {}).items()]
    for name, value in (equals or {}).items():
        _coerce(kind, name, "")  # the column must exist
        conditions.append(t.c[name] == value)
    if doc_id is not None:
        conditions.append(t.c.doc_id == doc_id)
    if since is not None or until is not None:
        # The reports of the period as one set: cheaper than joining every record.
        dated = select(documents.c.id)
        if since is not None:
            dated = dated.where(documents.c.date >= since)
        if until is not None:
            dated = dated.where(documents.c.date <= until)
        # ``doc_id || ''``: test each record against the set rather than look
        # up every report of the period in the doc_id index, which SQLite
        # prefers and which is ten times slower when the period is long.
        conditions.append(t.c.doc_id.concat("").in_(dated))
    where = and_(true(), *conditions)
    # Stored order (the primary key): report by report, in text order, as
    # ingested; a page is an index range, not a sort of every record. The
    # page's ids first, then their rows with their reports' text: joining
    # before the LIMIT lets PostgreSQL hash-join every report's body.
    # Filtered, the total rides on the page's rows (a window count: one pass
    # over the matches); unfiltered, a plain count is an index count and the
    # page an index range, which a window count would turn into a full pass.
    total_query = select(func.count()).select_from(t).where(where)
    page_ids = select(t.c.id).where(where).order_by(t.c.id).limit(limit).offset(offset)
    if conditions:
        page_ids = page_ids.add_columns(func.count().over().label("total"))
    with db.engine.connect() as conn:
        page = conn.execute(page_ids).all()
        ids = [row[0] for row in page]
        total = page[0][1] if page and conditions else conn.execute(total_query).scalar_one()
        rows = conn.execute(
            select(t, documents.c.date.label("doc_date"), documents.c.body, documents.c.path)
            .select_from(t.join(documents, documents.c.id == t.c.doc_id))
            .where(t.c.id.in_(ids))
            .order_by(t.c.id)
        ).mappings()
        items = []
        for row in rows:
            item = stored_record(kind, row)
            item["id"] = row["id"]
            items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document_records(db, doc_id: str) -> list[dict]:
    """Every record of one report, all kinds, in text order (for the document view)."""
    records = []
    for kind in RECORD_TABLES:
        records += db.iter_records(kind, doc_id=doc_id)
    records.sort(key=lambda r: (r["start"], -r["end"], r["kind"]))
    return records
