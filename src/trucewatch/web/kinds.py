"""Queries for pages that belong to one record kind: speakers, figures, incidents.

Kept small and apart so that a change to a kind's columns is one function to
adapt. The figures and incidents pages light up only when their kinds
(``claim``, ``event``) are in ``RECORD_TABLES``.
"""

from __future__ import annotations

from collections import defaultdict

from trucewatch.ledger.reconcile import known_on
from trucewatch.store.schema import RECORD_TABLES

UNATTRIBUTED = "(no source)"


def has_kind(kind: str) -> bool:
    return kind in RECORD_TABLES


def speakers(db, limit: int = 50) -> list[tuple[str, int]]:
    """Speakers with the most quotations."""
    return db.top_values("quote", "speaker", limit=limit)


def figure_categories(db) -> list[tuple[str, int]]:
    """What figures count (``killed``, ``hostages_released``...), most reported first."""
    if not has_kind("claim"):
        return []
    return db.top_values("claim", "category", limit=50)


# What the figures page opens on: the tolls and releases a ledger reader wants first.
PREFERRED_CATEGORIES = ("killed", "hostages_released", "prisoners_released", "wounded")


def default_category(categories: list[tuple[str, int]]) -> str | None:
    names = [name for name, _n in categories]
    for name in (*PREFERRED_CATEGORIES, *names):
        if name in names and name != "other":
            return name
    return names[0] if names else None


def figure_series(db, category: str) -> tuple[dict[str, list[tuple[str, float]]], list[dict]]:
    """One series per source of a category's reported figures over the day each was known.

    Returns ``({source: [(ISO date, value), ...]}, the figure records)``;
    when a source gives two figures for one day, the larger stands (a toll
    revised upward on the day); all are listed with their evidence.
    """
    if not has_kind("claim"):
        return {}, []
    records = [
        r
        for r in db.iter_records("claim", any_of={"category": [category]})
        if r.get("modality") == "reported" and r.get("value") is not None
    ]
    by_source: dict[str, dict[str, float]] = defaultdict(dict)
    for r in records:
        day = known_on(r)
        if day is None:
            continue
        source = r.get("source") or UNATTRIBUTED
        iso = day.isoformat()
        by_source[source][iso] = max(by_source[source].get(iso, r["value"]), r["value"])
    lines = {source: sorted(days.items()) for source, days in by_source.items()}
    return dict(sorted(lines.items(), key=lambda kv: -len(kv[1]))), records


def incident_key(record: dict):
    """The incident an event record belongs to (the events branch's linking), else itself."""
    for column in ("incident", "incident_id"):
        if record.get(column) is not None:
            return record[column]
    return (record["doc"], record["start"], record["end"])


def incidents(db, limit: int = 50, offset: int = 0, type_: str | None = None) -> dict:
    """Events grouped into incidents, latest first, each with all the reports that tell it."""
    if not has_kind("event"):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    grouped: dict = {}
    for record in db.iter_records("event", any_of={"type": [type_]} if type_ else None):
        grouped.setdefault(incident_key(record), []).append(record)
    items = []
    for key, mentions in grouped.items():
        dates = sorted({m["date"] for m in mentions if m.get("date")})
        first = mentions[0]
        items.append(
            {
                "incident": key if not isinstance(key, tuple) else None,
                "type": first.get("type"),
                "mode": first.get("mode"),
                "status": first.get("status"),
                "date": dates[0] if dates else None,
                "location": next((m["location"] for m in mentions if m.get("location")), None),
                "reports": sorted({m["doc"] for m in mentions}),
                "mentions": mentions,
            }
        )
    items.sort(key=lambda i: (i["date"] is not None, i["date"] or ""), reverse=True)
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }
