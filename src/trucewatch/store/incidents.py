"""Incidents in the store: new event mentions linked to the incidents already stored.

Called inside a document's save transaction (``Database.save``), so a
document, its records and their incident links commit together. The rules
are ``trucewatch.incidents``; here they meet the rows: the candidates are the
stored incidents with a mention of the same type within a day of a new
mention, each with all its mentions (linking is complete-link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from trucewatch.extract.records import Event
from trucewatch.incidents import MAX_DAYS_APART, link
from trucewatch.store.schema import documents, events, incidents

_LINK_COLUMNS = ("type", "mode", "status", "date", "location", "actor", "target", "doc_id")
# PostgreSQL: savers link one at a time, so two reports of one happening saved at
# once by two processes still find each other (SQLite serialises writers anyway).
_LOCK_KEY = 0x7472_7563  # "truc"


def assign_incidents(conn: Connection, new_events: Sequence[Event]) -> list[int]:
    """The incident id of each new event, creating and updating incidents as needed."""
    if not new_events:
        return []
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
    existing = candidates(conn, new_events)
    mentions = [{**event_link_fields(e)} for e in new_events]
    numbers = link(mentions, existing)
    known = {number for number, _ in existing}
    ids: dict[int, int] = {}
    for number, event in zip(numbers, new_events, strict=True):
        if number in known or number in ids:
            continue
        result = conn.execute(
            insert(incidents).values(
                type=event.type,
                mode=event.mode,
                status=event.status,
                date=event.date,
                location=event.location,
                actor=event.actor,
                target=event.target,
                mentions=0,
                documents=0,
            )
        )
        ids[number] = result.inserted_primary_key[0]
    return [ids.get(n, n) for n in numbers]


def event_link_fields(event: Event) -> dict:
    return {
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "date": event.date,
        "location": event.location,
        "actor": event.actor,
        "target": event.target,
        "doc": event.doc,
    }


def candidates(conn: Connection, new_events: Sequence[Event]) -> list[tuple[int, list[dict]]]:
    """Stored incidents that may take a new mention, each with all its mentions, in order."""
    window = timedelta_days(MAX_DAYS_APART)
    clauses = [
        and_(
            events.c.type == e.type,
            events.c.date.between(e.date - window, e.date + window),
        )
        for e in new_events
        if e.date is not None
    ]
    if not clauses:
        return []
    ids = [
        row[0] for row in conn.execute(select(events.c.incident_id).where(or_(*clauses)).distinct())
    ]
    if not ids:
        return []
    query = (
        select(*(events.c[c] for c in _LINK_COLUMNS), events.c.incident_id)
        .join(documents, documents.c.id == events.c.doc_id)
        .where(events.c.incident_id.in_(ids))
        .order_by(events.c.incident_id, documents.c.date, events.c.doc_id, events.c.start)
    )
    grouped: dict[int, list[dict]] = {}
    for row in conn.execute(query).mappings():
        data = dict(row)
        data["doc"] = data.pop("doc_id")
        grouped.setdefault(data.pop("incident_id"), []).append(data)
    return sorted(grouped.items())


def timedelta_days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def refresh(conn: Connection, incident_ids: set[int]) -> None:
    """Recompute each incident's summary from its mentions (after they are stored)."""
    for incident_id in sorted(incident_ids):
        rows = (
            conn.execute(
                select(events, documents.c.date.label("doc_date"))
                .join(documents, documents.c.id == events.c.doc_id)
                .where(events.c.incident_id == incident_id)
                .order_by(documents.c.date, events.c.doc_id, events.c.start)
            )
            .mappings()
            .all()
        )
        if not rows:
            conn.execute(delete(incidents).where(incidents.c.id == incident_id))
            continue
        dates = [r["date"] for r in rows if r["date"] is not None]
        statuses = {r["status"] for r in rows}
        conn.execute(
            update(incidents)
            .where(incidents.c.id == incident_id)
            .values(
                mode=next((r["mode"] for r in rows if r["mode"]), None),
                status="occurred" if "occurred" in statuses else rows[0]["status"],
                date=min(dates) if dates else None,
                location=next((r["location"] for r in rows if r["location"]), None),
                actor=union(r["actor"] for r in rows),
                target=union(r["target"] for r in rows),
                mentions=len(rows),
                documents=len({r["doc_id"] for r in rows}),
            )
        )


def union(lists) -> list[str] | None:
    names: list[str] = []
    for items in lists:
        for name in items or []:
            if name not in names:
                names.append(name)
    return names or None
