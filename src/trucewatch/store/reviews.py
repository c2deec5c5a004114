"""The review store: reviews appended and read back, never changed.

A review names its record by the report's content hash, the record kind and
the span (see migration 0009), so it outlives ``reextract``, which replaces
the rows. Each review has a ``uid``, a digest of its own content: appending
one already there (an import run twice, two analysts' merged files) adds
nothing, on SQLite and PostgreSQL alike, however many sessions append at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from trucewatch.store.schema import RECORD_TABLES, documents, reviews, runs

VERDICTS = ("confirm", "reject", "correct", "add", "undo")

# Columns that make a review what it is (its uid is their digest); ``id`` is only
# the order it was stored in.
CONTENT = ("content_hash", "kind", "start", "end", "verdict", "fields", "reviewer",
           "created_at", "note")  # fmt: skip


def review_uid(review: dict) -> str:
    """A digest of the review's content: the same review has the same uid in every store."""
    content = {key: review.get(key) for key in CONTENT}
    content["created_at"] = utc(content["created_at"]).isoformat()
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc(value) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:  # SQLite gives naive datetimes back
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def append(db, items: Iterable[dict]) -> int:
    """Store reviews in one transaction; those already stored (same uid) are skipped.
    Returns how many were new."""
    rows = []
    for item in items:
        row = {key: item.get(key) for key in CONTENT}
        row["created_at"] = utc(row["created_at"])
        row["uid"] = item.get("uid") or review_uid(row)
        rows.append(row)
    if not rows:
        return 0
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    added = 0
    with db.engine.begin() as conn:
        for row in rows:  # one by one: what comes back tells which were new
            statement = (
                dialect.insert(reviews)
                .values(row)
                .on_conflict_do_nothing(index_elements=["uid"])
                .returning(reviews.c.id)
            )
            added += len(conn.execute(statement).all())
    return added


def state(db) -> tuple:
    """Changes when a review is stored or records change (every ingest and reextract opens
    a run): what a reader of reviews and records may cache on."""
    query = select(
        select(func.max(reviews.c.id)).scalar_subquery(),
        select(func.count()).select_from(reviews).scalar_subquery(),
        select(func.max(runs.c.id)).scalar_subquery(),
    )
    with db.engine.connect() as conn:
        return tuple(conn.execute(query).one())


def stored(
    db,
    kinds: Iterable[str] | None = None,
    record: tuple | None = None,
    report: str | None = None,
) -> list[dict]:
    """Reviews in the order they were stored: all, of some record kinds, of one record
    (``(content_hash, kind, start, end)``) or of one report (its content hash)."""
    query = select(reviews).order_by(reviews.c.id)
    if report is not None:
        query = query.where(reviews.c.content_hash == report)
    if kinds is not None:
        query = query.where(reviews.c.kind.in_(sorted(set(kinds))))
    if record is not None:
        content_hash, kind, start, end = record
        query = query.where(
            reviews.c.content_hash == content_hash,
            reviews.c.kind == kind,
            reviews.c.start == start,
            reviews.c.end == end,
        )
    with db.engine.connect() as conn:
        return [_plain(row) for row in conn.execute(query).mappings()]


def _plain(row) -> dict:
    review = dict(row)
    review["created_at"] = utc(review["created_at"]).isoformat()
    return review


def document_ids(db, hashes: Iterable[str]) -> dict[str, str]:
    """Content hash -> the id of the stored report with that text (those stored)."""
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    query = select(documents.c.content_hash, documents.c.id).where(
        documents.c.content_hash.in_(wanted)
    )
    with db.engine.connect() as conn:
        return dict(conn.execute(query).all())


def existing_spans(db, kind: str, spans: Iterable[tuple[str, int, int]]) -> set[tuple]:
    """Which ``(doc_id, start, end)`` spans have a record of the kind now."""
    wanted = sorted(set(spans))
    table = RECORD_TABLES[kind]
    found: set[tuple] = set()
    key = tuple_(table.c.doc_id, table.c.start, table.c.end)
    with db.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            query = select(table.c.doc_id, table.c.start, table.c.end).where(
                key.in_(wanted[i : i + 500])
            )
            found.update(tuple(row) for row in conn.execute(query))
    return found
