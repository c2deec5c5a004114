"""Records as the reviews left them: rejected ones out, corrections in, additions counted.

The ledger reads figures through ``reviewed_figures``; the report page and
the timeline read records through ``annotate``. Both look reviews up by the
report's id and the span, which is what survives re-extraction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from trucewatch.review.verdicts import Verdict, standing
from trucewatch.store import reviews as review_store

# Corrections that can bring a figure into a ledger that did not read it before.
MOVING = frozenset({"category", "as_of", "date", "modality", "obligation"})
BOUNDS = ("value", "low", "high", "qualifier")
DATES = ("date", "as_of")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s|$)|\n")


def verdicts_by_span(
    db, kinds: tuple[str, ...] | None = None, report: str | None = None
) -> dict[tuple[str, str, int, int], Verdict]:
    """``(doc_id, kind, start, end)`` -> the standing verdict, for reviewed records of the
    kinds (or of one report: its content hash) whose report is stored."""
    reviews = review_store.stored(db, kinds=kinds, report=report)
    if not reviews:
        return {}
    verdicts = standing(reviews)
    ids = review_store.document_ids(db, {key[0] for key in verdicts})
    return {
        (ids[content_hash], kind, start, end): verdict
        for (content_hash, kind, start, end), verdict in verdicts.items()
        if content_hash in ids
    }


def corrected(record: dict, verdict: Verdict, dates_as=dt.date.fromisoformat) -> dict:
    """A copy of the record with the verdict's fields in place of the extracted ones.

    A corrected value replaces the bounds and qualifier too ("33" corrects
    "more than 30" whole). ``dates_as`` turns an ISO day into what the caller
    keeps dates as (the ledger: ``datetime.date``; pages: the ISO string).
    """
    fields = verdict.fields
    record = dict(record)
    if any(key in fields for key in BOUNDS[:3]):
        for key in BOUNDS:
            record[key] = _number(fields.get(key))
        if record["value"] is None:  # "at least 30": the bound is the figure
            record["value"] = record["low"] if record["low"] is not None else record["high"]
    for key, value in fields.items():
        if key in BOUNDS:
            continue
        record[key] = dates_as(value) if key in DATES and value is not None else value
    record["review"] = verdict.status
    record["reviewed_by"] = verdict.reviewer
    return record


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding a span, by its punctuation: an added record's evidence."""
    opening = 0
    for match in SENTENCE_END.finditer(body, 0, start):
        opening = match.end()
    closing = SENTENCE_END.search(body, end)
    stop = closing.end() if closing else len(body)
    while opening < start and body[opening].isspace():
        opening += 1
    while stop > end and body[stop - 1].isspace():
        stop -= 1
    return opening, stop


def added_record(kind: str, doc: dict, start: int, end: int) -> dict:
    """The stored-record shape of a figure (``claim``) or event a reviewer added at a span of
    ``doc`` (its id, date and text): the fields the reviewer did not give are unknown."""
    opening, stop = sentence_around(doc["body"], start, end)
    record = {"kind": kind, "doc": doc["id"], "doc_date": doc["date"], "start": start,
              "end": end, "evidence_start": opening, "evidence_end": stop,
              "evidence": doc["body"][opening:stop], "date": None}  # fmt: skip
    if kind == "claim":
        record.update({
            "value": None, "low": None, "high": None, "qualifier": None, "category": None,
            "subject": None, "location": None, "source": None, "as_of": doc["date"],
            "modality": "reported", "cumulative": False, "released_by": None,
            "received_by": None, "each": None, "together": None, "increment": False,
            "period": False,
        })  # fmt: skip
    else:
        record.update({
            "type": None, "mode": None, "status": "occurred", "actor": None, "target": None,
            "location": None, "trigger": doc["body"][start:end], "trigger_start": start,
            "trigger_end": end, "incident_id": None,
        })  # fmt: skip
    return record


class _Standing:
    """What the reviews of figures say, read once per state of the reviews and records."""

    def __init__(self, db):
        self.verdicts = verdicts_by_span(db, ("claim",))
        self.reviewed_docs = {doc for doc, *_span in self.verdicts}
        brought = {
            span: verdict
            for span, verdict in self.verdicts.items()
            if verdict.counts and (verdict.status == "added" or MOVING & verdict.fields.keys())
        }
        extracted = db.figures_at((doc, start, end) for doc, _kind, start, end in brought)
        documents = db.documents_by_id(
            doc for (doc, *_span), verdict in brought.items() if verdict.status == "added"
        )
        # (span, figure): the figures reviews bring in, before any agreement's selection
        self.candidates: list[tuple[tuple, dict]] = []
        for span, verdict in brought.items():
            doc, _kind, start, end = span
            bases = extracted.get((doc, start, end))
            if not bases and verdict.status == "added" and doc in documents:
                bases = [added_record("claim", documents[doc], start, end)]
            self.candidates += [(span, corrected(base, verdict)) for base in bases or ()]
        self.naming: dict[tuple, set[str]] = {}  # (names, reports) -> the reports naming one

    def reports_naming(
        self, db, names: frozenset[str], docs: frozenset[str], words: frozenset[str]
    ) -> set[str]:
        key = (names, docs, words)
        if key not in self.naming:
            found = db.documents_mentioning(names, among=docs, worded=words) if docs else ()
            self.naming[key] = set(found)
        return self.naming[key]


def _standing(db) -> _Standing:
    """The reviews of figures as of now: read again only when a review is stored or the
    records change. Reviews are append-only and records change only in a run (ingest,
    reextract), so the newest review id and run id say when; a ledger asked for many
    dates reads them once."""
    key = review_store.state(db)
    cached = _CACHE.get(db.url)
    if cached is None or cached[0] != key:
        cached = _CACHE[db.url] = (key, _Standing(db))
    return cached[1]


_CACHE: dict[str, tuple] = {}  # database URL -> (state, _Standing)


def reviewed_figures(
    db,
    figures: list[dict],
    wanted: Callable[[dict], bool],
    names: Iterable[str],
    words: Iterable[str] = (),
) -> list[dict]:
    """The ledger's figures as the reviews left them (dates as ``datetime.date``).

    Every reviewed figure carries ``review`` (rejected ones too: the ledger
    leaves them out of its numbers and lists them); figures the ledger did not read but a review brings in (an
    addition, a corrected category or date) are kept when ``wanted`` (the
    agreement's categories and dates) accepts them and their report names one of
    ``names`` (the parties) or holds one of ``words`` (``Database.figures``).
    """
    standing = _standing(db)
    verdicts = standing.verdicts
    if not verdicts:
        return figures
    kept, seen = [], set()
    for figure in figures:
        if figure["doc"] not in standing.reviewed_docs:  # most figures: no look-up
            kept.append(figure)
            continue
        key = (figure["doc"], "claim", figure["start"], figure["end"])
        verdict = verdicts.get(key)
        seen.add(key)
        if verdict is None:
            kept.append(figure)
        else:  # a rejected one too, marked: the ledger leaves it out and lists it
            kept.append(corrected(figure, verdict))
    brought = [
        figure
        for span, figure in standing.candidates
        if span not in seen and figure.get("value") is not None and wanted(figure)
    ]
    if brought:
        docs = frozenset(f["doc"] for f in brought)
        naming = standing.reports_naming(db, frozenset(names), docs, frozenset(words))
        # copies: the ledger marks its figures (``report``), the cache keeps its own
        kept += [dict(f) for f in brought if f["doc"] in naming]
    return kept


def annotate(records: list[dict], verdicts: dict[tuple, Verdict]) -> list[dict]:
    """Stored records (``iter_records``' dicts, ISO dates) with their review: corrected
    fields applied, ``review`` set (rejected ones kept, marked, for the page to show)."""
    found = []
    for record in records:
        verdict = verdicts.get((record["doc"], record["kind"], record["start"], record["end"]))
        found.append(record if verdict is None else corrected(record, verdict, dates_as=str))
    return found


def reviewed_records(
    db, kind: str, records: list[dict], doc_ids, keep_rejected: bool = False, report=None
) -> list[dict]:
    """Stored records of a kind (``iter_records``' dicts) from the reports ``doc_ids`` as
    the reviews left them: corrections applied, rejected ones out (or marked, with
    ``keep_rejected``), the records reviewers added to those reports in (``report``: the
    content hash, when they are one report's)."""
    verdicts = {
        key: verdict
        for key, verdict in verdicts_by_span(db, (kind,), report=report).items()
        if key[1] == kind
    }
    if not verdicts:
        return records
    found = annotate(records, verdicts)
    if not keep_rejected:
        found = [r for r in found if r.get("review") != "rejected"]
    present = {(r["doc"], r["start"], r["end"]) for r in records}
    wanted = set(doc_ids)
    added = {
        (doc, start, end): verdict
        for (doc, _kind, start, end), verdict in verdicts.items()
        if verdict.status == "added" and doc in wanted and (doc, start, end) not in present
    }
    documents = db.documents_by_id(doc for doc, _start, _end in added)
    for (doc, start, end), verdict in added.items():
        record = added_record(kind, documents[doc], start, end)
        for key in ("doc_date", "as_of"):
            if record.get(key) is not None:
                record[key] = record[key].isoformat()
        found.append(corrected(record, verdict, dates_as=str))
    return found
