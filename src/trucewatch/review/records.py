"""Naming a record for review (``DOC:START-END``) and storing a reviewer's verdict on it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from trucewatch.review.fields import ADDABLE, ReviewError, checked_fields
from trucewatch.review.verdicts import Verdict, fold
from trucewatch.store import reviews as review_store
from trucewatch.store.schema import RECORD_TABLES

REF = re.compile(r"^\s*([0-9a-fA-F]{16}):(\d+)-(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Target:
    """A span of a stored report, as one record kind: what a review is about."""

    doc: str
    content_hash: str
    kind: str
    start: int
    end: int
    text: str  # the span's characters, so a reviewer sees what they named

    @property
    def key(self) -> tuple[str, str, int, int]:
        return self.content_hash, self.kind, self.start, self.end

    @property
    def ref(self) -> str:
        return f"{self.doc}:{self.start}-{self.end}"


def parse_ref(ref: str) -> tuple[str, int, int]:
    """``DOC:START-END`` (a report's id and a record's span) -> its parts."""
    match = REF.match(ref or "")
    if match is None:
        raise ReviewError(f"{ref!r}: a record is named DOC:START-END (the report id and the span)")
    doc, start, end = match.group(1).lower(), int(match.group(2)), int(match.group(3))
    if start >= end:
        raise ReviewError(f"{ref}: the span is empty (start {start} is not before end {end})")
    return doc, start, end


def kinds_at(db, doc: str, start: int, end: int) -> list[str]:
    """The record kinds with a record at exactly this span of the report."""
    found = []
    with db.engine.connect() as conn:
        for kind, table in RECORD_TABLES.items():
            query = select(table.c.id).where(
                table.c.doc_id == doc, table.c.start == start, table.c.end == end
            )
            if conn.execute(query.limit(1)).first() is not None:
                found.append(kind)
    return found


def resolve(db, ref: str, kind: str | None = None, adding: bool = False) -> Target:
    """The record ``ref`` names. A span with records of two kinds needs ``kind``; a span
    with none is refused unless ``adding`` (or its reviews stand: an orphan can be undone)."""
    doc_id, start, end = parse_ref(ref)
    document = db.get_document(doc_id)
    if document is None:
        raise ReviewError(f"{ref}: no stored report has the id {doc_id}")
    if end > document["chars"]:
        raise ReviewError(f"{ref}: the report has {document['chars']} characters")
    text = document["body"][start:end]
    if kind is not None and kind not in RECORD_TABLES:
        raise ReviewError(
            f"{ref}: unknown record kind {kind!r} (one of: {', '.join(RECORD_TABLES)})"
        )
    if adding:
        if kind not in ADDABLE:
            raise ReviewError(f"{ref}: say what is added with --kind claim or --kind event")
        return Target(doc_id, document["content_hash"], kind, start, end, text)
    kinds = kinds_at(db, doc_id, start, end)
    if kind is None:
        if len(kinds) > 1:
            raise ReviewError(
                f"{ref}: records of {' and '.join(kinds)} share this span; say --kind"
            )
        if not kinds:
            reviewed = {r["kind"] for r in _reviews_at(db, document["content_hash"], start, end)}
            if len(reviewed) != 1:
                raise ReviewError(f"{ref}: no record has this span in report {doc_id}")
            kinds = sorted(reviewed)
        kind = kinds[0]
    target = Target(doc_id, document["content_hash"], kind, start, end, text)
    if kind not in kinds and not review_store.stored(db, record=target.key):
        raise ReviewError(f"{ref}: no {kind} record has this span in report {doc_id}")
    return target


def _reviews_at(db, content_hash: str, start: int, end: int) -> list[dict]:
    return [
        r
        for kind in RECORD_TABLES
        for r in review_store.stored(db, record=(content_hash, kind, start, end))
    ]


def review(
    db,
    ref: str,
    verdict: str,
    reviewer: str,
    fields: dict | None = None,
    note: str | None = None,
    kind: str | None = None,
) -> dict:
    """Store one reviewer's verdict on the record ``ref`` names; the stored review."""
    if verdict not in review_store.VERDICTS:
        raise ReviewError(
            f"unknown verdict {verdict!r} (one of: {', '.join(review_store.VERDICTS)})"
        )
    if not (reviewer or "").strip():
        raise ReviewError("a review needs a reviewer's name")
    target = resolve(db, ref, kind, adding=verdict == "add")
    data = checked_fields(target.kind, verdict, fields)
    if verdict == "undo" and fold(review_store.stored(db, record=target.key)) is None:
        raise ReviewError(f"{ref}: no review of this {target.kind} stands to undo")
    item = {
        "content_hash": target.content_hash,
        "kind": target.kind,
        "start": target.start,
        "end": target.end,
        "verdict": verdict,
        "fields": data,
        "reviewer": reviewer.strip(),
        "created_at": dt.datetime.now(dt.UTC),
        "note": note or None,
    }
    review_store.append(db, [item])
    return {**item, "created_at": item["created_at"].isoformat(), "doc": target.doc}


def history(db, ref: str, kind: str | None = None) -> tuple[Target, list[dict], Verdict | None]:
    """Every review of a record, oldest first, and where it stands now."""
    target = resolve(db, ref, kind)
    reviews = review_store.stored(db, record=target.key)
    return target, reviews, fold(reviews)
