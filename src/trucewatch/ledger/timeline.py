"""An agreement's timeline: what happened and what was said, by date, from its reports.

Entries come from three record kinds, in the reports that name a party (the
same scope as the ledger):

- figures (``claim``) that measure an obligation or count the dead: an
  exchange ("three hostages freed on Saturday"), a running total, a toll;
- events (``event``), labelled by their PLOVER type: releases are exchanges,
  ASSAULT/COERCE/THREATEN are violations when inside a phase, CONSULT and
  AGREE are negotiations, AID is aid; one entry per incident where events
  carry one, so an exchange told by five reports is listed once with five
  reports;
- statements (``quote``) by a party or a mediator.

An entry's date is when the thing happened where the text says so; else the
report's date, marked ``"dated_by": "report"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from trucewatch.ledger.reconcile import happened_on
from trucewatch.ledger.spec import Agreement

EVENT_LABELS = {
    "ASSAULT": "violation",
    "COERCE": "violation",
    "THREATEN": "violation",
    "CONSULT": "negotiation",
    "AGREE": "negotiation",
    "CONCEDE": "negotiation",
    "REJECT": "negotiation",
    "AID": "aid",
}
RELEASE_CATEGORIES = {"hostages_released", "prisoners_released", "exchanges"}
TOLL_CATEGORIES = {"killed", "wounded"}


def _entry(label: str, day, dated_by: str, record: dict, summary: str, **extra) -> dict:
    return {
        "date": day.isoformat() if day else None,
        "dated_by": dated_by,
        "label": label,
        "summary": summary,
        "kind": record["kind"],
        "doc": record["doc"],
        "start": record["start"],
        "end": record["end"],
        "evidence": record.get("evidence"),
        **extra,
    }


def figure_entries(claims: Iterable[dict], categories: set[str]) -> list[dict]:
    entries = []
    for claim in claims:
        category = claim.get("category")
        if claim.get("modality") != "reported" or claim.get("value") is None:
            continue
        if category not in categories | RELEASE_CATEGORIES | TOLL_CATEGORIES:
            continue
        label = "toll" if category in TOLL_CATEGORIES else "exchange"
        if claim.get("cumulative"):
            label = "running total"
        stated = claim.get("date") is not None
        qualifier = f"{claim['qualifier']} " if claim.get("qualifier") else ""
        subject = claim.get("subject") or category.replace("_", " ")
        source = f", according to {claim['source']}" if claim.get("source") else ""
        entries.append(
            _entry(
                label,
                happened_on(claim),
                "text" if stated else "report",
                claim,
                f"{qualifier}{claim['value']:,g} {subject}{source}",
            )
        )
    return entries


def event_entries(events: Iterable[dict], agreement: Agreement) -> list[dict]:
    by_incident: dict[object, dict] = {}
    for event in events:
        if event.get("status") not in (None, "occurred"):
            continue
        kind = event.get("type")
        mode = event.get("mode")
        label = "exchange" if kind == "RETREAT" and mode == "release" else EVENT_LABELS.get(kind)
        if label is None:
            continue
        day = _day(event.get("date"))
        key = event.get("incident") or (event["doc"], event["start"])
        if key in by_incident:
            by_incident[key]["reports"].add(event["doc"])
            continue
        actor = _names(event.get("actor"))
        target = _names(event.get("target"))
        summary = " ".join(
            part for part in (actor, (event.get("trigger") or kind).lower(), target) if part
        )
        entry = _entry(
            label,
            day or _day(event.get("doc_date")),
            "text" if day else "report",
            event,
            summary,
            type=kind,
            mode=mode,
        )
        entry["reports"] = {event["doc"]}
        by_incident[key] = entry
    entries = list(by_incident.values())
    for entry in entries:
        entry["reports"] = len(entry["reports"])
    return entries


def statement_entries(quotes: Iterable[dict], speakers: set[str]) -> list[dict]:
    wanted = {s.casefold() for s in speakers}
    entries = []
    for quote in quotes:
        speaker = quote.get("speaker")
        if not speaker or speaker.casefold() not in wanted:
            continue
        day = _day(quote.get("date"))
        content = quote.get("content") or ""
        if len(content) > 160:
            content = content[:157] + "..."
        entries.append(
            _entry(
                "statement",
                day or _day(quote.get("doc_date")),
                "text" if day else "report",
                quote,
                f"{speaker}: {content}",
            )
        )
    return entries


def timeline(
    agreement: Agreement,
    claims: Iterable[dict],
    events: Iterable[dict],
    quotes: Iterable[dict],
    speakers: set[str],
) -> list[dict]:
    """Every entry, oldest first (undated last), then by report and position."""
    categories = {c for p in agreement.phases for o in p.obligations for c in o.categories}
    entries = figure_entries(claims, categories)
    entries += event_entries(events, agreement)
    entries += statement_entries(quotes, speakers)
    return sorted(entries, key=lambda e: (e["date"] is None, e["date"] or "", e["doc"], e["start"]))


def _day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _names(value) -> str | None:
    if not value:
        return None
    if isinstance(value, list | tuple):
        return " and ".join(str(v) for v in value)
    return str(value)
