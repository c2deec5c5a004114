"""Queries for pages that belong to one record kind: speakers, figures, incidents.

Kept small and apart so that a change to a kind's columns is one function to
adapt. The figures and incidents pages light up only when their kinds
(``claim``, ``event``) are in ``RECORD_TABLES``.
"""

from __future__ import annotations

from collections import defaultdict

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


FIGURES_LISTED = 200  # the latest figures listed under the chart; the chart has them all


def figure_series(db, category: str) -> tuple[dict[str, list[tuple[str, float]]], list[dict]]:
    """One series per source of a category's reported figures over the day each was known.

    Returns ``({source: [(ISO date, value), ...]}, the latest figure records)``;
    when a source gives two figures for one day, the larger stands (a toll
    revised upward on the day). The series are aggregated by the database;
    the latest ``FIGURES_LISTED`` figures are listed with their evidence.
    """
    if not has_kind("claim"):
        return {}, []
    from sqlalchemy import func, select

    table = RECORD_TABLES["claim"]
    reported = (table.c.category == category, table.c.modality == "reported",
                table.c.value.is_not(None), table.c.as_of.is_not(None))  # fmt: skip
    query = (
        select(table.c.source, table.c.as_of, func.max(table.c.value))
        .where(*reported)
        .group_by(table.c.source, table.c.as_of)
    )
    by_source: dict[str, list[tuple[str, float]]] = defaultdict(list)
    with db.engine.connect() as conn:
        for source, day, value in conn.execute(query):
            value = int(value) if float(value).is_integer() else value
            by_source[source or UNATTRIBUTED].append((day.isoformat(), value))
        latest = [
            row[0]
            for row in conn.execute(
                select(table.c.id)
                .where(*reported)
                .order_by(table.c.as_of.desc(), table.c.id.desc())
                .limit(FIGURES_LISTED)
            )
        ]
    records = list(db.iter_records("claim", any_of={"id": latest})) if latest else []
    lines = {source: sorted(days) for source, days in by_source.items()}
    return dict(sorted(lines.items(), key=lambda kv: -len(kv[1]))), records


def incidents(db, limit: int = 50, offset: int = 0, type_: str | None = None) -> dict:
    """Stored incidents, latest first, a page at a time, each with every event that tells it.

    Paged in the database (the ``incidents`` table, dated first, by date); only
    the page's mentions are read, through the index on ``events.incident_id``.
    """
    if not has_kind("event"):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    from sqlalchemy import func, select

    from trucewatch.store.schema import incidents as table

    where = [table.c.type == type_] if type_ else []
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
        rows = (
            conn.execute(
                select(table)
                .where(*where)
                .order_by(table.c.date.is_(None), table.c.date.desc(), table.c.id.desc())
                .limit(limit)
                .offset(offset)
            )
            .mappings()
            .all()
        )
    ids = [row["id"] for row in rows]
    by_incident: dict[int, list[dict]] = defaultdict(list)
    if ids:
        for record in db.iter_records("event", any_of={"incident_id": ids}):
            by_incident[record["incident_id"]].append(record)
    items = []
    for row in rows:
        mentions = by_incident.get(row["id"], [])
        items.append(
            {
                "incident": row["id"],
                "type": row["type"],
                "mode": row["mode"],
                "status": row["status"],
                "date": row["date"].isoformat() if row["date"] else None,
                "location": row["location"],
                "reports": sorted({m["doc"] for m in mentions}),
                "mentions": mentions,
            }
        )
    return {"total": total, "limit": limit, "offset": offset, "items": items}
