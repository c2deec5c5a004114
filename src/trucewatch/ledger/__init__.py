"""Ledger: an agreement spec and the stored figures in, promised against delivered out.

Entry points: ``load_spec(path)`` (``spec.py``) and ``ledger(agreement,
claims, as_of)`` (``reconcile.py``); ``ledger_from_db`` reads the figures
from a database.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.ledger.draft import draft, draft_yaml
from trucewatch.ledger.reconcile import COMPARED, SUMMING_UP, ledger
from trucewatch.ledger.spec import (
    Agreement,
    SpecError,
    load_spec,
    parse_spec,
    party_names,
    party_peoples,
    party_words,
)
from trucewatch.ledger.timeline import timeline
from trucewatch.review.apply import reviewed_figures, reviewed_records
from trucewatch.store.schema import RECORD_TABLES

__all__ = [
    "Agreement",
    "agreement_figures",
    "SpecError",
    "draft",
    "draft_from_db",
    "draft_from_files",
    "draft_yaml",
    "ledger",
    "ledger_from_db",
    "load_spec",
    "parse_spec",
    "timeline",
    "timeline_from_db",
]


# Terms are often reported in the days before a deal takes effect.
LEAD_IN = dt.timedelta(days=30)


def ledger_from_db(agreement: Agreement, db, as_of: dt.date | None = None) -> dict:
    """The ledger of ``agreement`` over the figures stored in ``db``, as of a date (today).

    Figures count when their report names a party (or one of its aliases, from
    the alias table and the spec) and they were known by the as-of date, from
    30 days before their phase starts (``agreement_figures``), as analysts'
    reviews left them (``trucewatch.review``).
    """
    as_of = as_of or dt.date.today()
    # the store gives dates as dates (``Database.figures``): nothing to parse
    return ledger(agreement, agreement_figures(agreement, db, as_of), as_of, dated=True)


def agreement_figures(agreement: Agreement, db, as_of: dt.date) -> list[dict]:
    """The stored figures an agreement's ledger reads, known by ``as_of`` (see ``ledger_from_db``).

    Releases and terms are read per phase, from 30 days before it starts to a
    few days after it ends (its summing-up reports), so a ledger asked for a
    date long after a phase reads no more than the phase's own figures; tolls
    are read as each source's latest since the agreement's lead-in. Reviewed
    figures come as the reviews left them, each with ``review``; rejected ones
    are kept, marked, for ``ledger`` to leave out and list.
    """
    # a report that names a party, or its people ("583 Palestinian prisoners were freed")
    names = party_names(agreement).union(*party_peoples(agreement).values())
    words = party_words(agreement)
    found: dict[tuple, dict] = {}
    for phase in agreement.phases:
        if phase.start is None or phase.start - LEAD_IN > as_of:
            continue
        categories = {"exchanges", "hostages_released", "prisoners_released"}
        for obligation in phase.obligations:
            categories.update(obligation.categories)
        last = phase.last_day
        until = min(as_of, last + SUMMING_UP) if last is not None else as_of
        for claim in db.figures(
            categories,
            mentioning=names,
            worded=words,
            since=phase.start - LEAD_IN,
            until=until,
            modalities=("reported", "term"),  # projections and denials are no delivery
        ):
            found[(claim["doc"], claim["start"], claim["category"])] = claim
    starts = [p.start for p in agreement.phases if p.start is not None]
    for claim in db.figures(
        COMPARED,
        mentioning=names,
        worded=words,
        since=min(starts) - LEAD_IN if starts else None,
        until=as_of,
        modalities=("reported",),
        latest_per_source=True,
    ):
        found.setdefault((claim["doc"], claim["start"], claim["category"]), claim)
    figures = reviewed_figures(db, list(found.values()), _read_by(agreement, as_of), names, words)
    originals = db.original_reports(c["doc"] for c in figures)
    for claim in figures:  # wire copies vote once (reconcile.report_of)
        claim["report"] = originals.get(claim["doc"], claim["doc"])
    return figures


def _read_by(agreement: Agreement, as_of: dt.date):
    """Whether the ledger reads a figure a review brought in (an addition, a corrected
    category or date): of a category and day a phase or the tolls read, as
    ``agreement_figures`` selects them."""
    obligations = {o.id for phase in agreement.phases for o in phase.obligations}

    def read(claim: dict) -> bool:
        day = claim.get("as_of")
        if day is None or day > as_of:
            return False
        if claim.get("obligation") in obligations:
            return True
        for phase in agreement.phases:
            if phase.start is None or day < phase.start - LEAD_IN:
                continue
            if phase.last_day is not None and day > phase.last_day + SUMMING_UP:
                continue
            categories = {"exchanges", "hostages_released", "prisoners_released"}
            categories.update(*(o.categories for o in phase.obligations))
            if claim.get("category") in categories:
                return True
        return claim.get("category") in COMPARED and claim.get("modality") == "reported"

    return read


def timeline_from_db(agreement: Agreement, db, as_of: dt.date | None = None) -> list[dict]:
    """The agreement's timeline (``timeline.py``) from the reports in ``db`` naming a party."""
    as_of = as_of or dt.date.today()
    names = party_names(agreement)
    starts = [p.start for p in agreement.phases if p.start is not None]
    since = min(starts) - LEAD_IN if starts else None
    doc_ids = db.documents_mentioning(
        names, since=since, until=as_of, worded=party_words(agreement)
    )

    def records(kind: str) -> list[dict]:
        if kind not in RECORD_TABLES or not doc_ids:
            return []
        stored = list(db.iter_records(kind, any_of={"doc_id": doc_ids}))
        return reviewed_records(db, kind, stored, doc_ids)  # as analysts left them

    speakers = names | party_names(agreement, parties=agreement.mediators)
    entries = timeline(agreement, records("claim"), records("event"), records("quote"), speakers)
    # A report of the agreement also tells its background (the attack that began
    # the war): the timeline keeps what happened from the lead-in on.
    first = since.isoformat() if since else ""
    return [e for e in entries if e["date"] is None or e["date"] >= first]


def draft_from_db(db) -> dict:
    """A proposed spec (``draft.py``) from every report in ``db``."""
    events = db.iter_records("event") if "event" in RECORD_TABLES else []
    return draft(db.iter_records("claim"), events)


def draft_from_files(paths: list[str], on_error=None) -> dict:
    """A proposed spec from reports read and extracted now, without a database."""
    from trucewatch.pipeline import extract_stream

    claims, events = [], []
    for _document, records in extract_stream(paths, on_error=on_error or (lambda _e: None)):
        for record in records:
            if record.kind == "claim":
                claims.append(record.to_dict())
            elif record.kind == "event":
                events.append(record.to_dict())
    return draft(claims, events)
