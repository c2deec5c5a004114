"""Alerts: what changed in an agreement's ledger since the last pass, with its evidence.

After each pass the ledger of every agreement in ``--specs`` is computed and
compared with the snapshot the last alerts were computed from (stored in
``watch_snapshots``, so a restarted watcher compares with what was announced,
not with an empty memory). Four things are announced (docs/ALERTS.md):

- ``delivered``: an obligation's delivered number (best estimate or range)
  changed; ``status``: its status changed with the number the same (days
  passing can turn ``on_track`` into ``behind``);
- ``conflict``: a new disagreement between sources in an obligation's ledger;
- ``violation``: a new ASSAULT or COERCE event (PLOVER) whose actor is a party,
  dated inside a phase;
- ``deadline``: a phase ends within N days with obligations not complete
  (announced once per phase and end date).

Each alert cites its evidence: report id, URL, title, outlet, the sentence and
the offsets of the record and of the sentence in the report's body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import select

from trucewatch.extract.actors import default_table
from trucewatch.ledger import Agreement, ledger_from_db
from trucewatch.ledger.spec import party_names
from trucewatch.store.schema import RECORD_TABLES, documents

VIOLATIONS = ("ASSAULT", "COERCE")
DEADLINE_DAYS = 3
# Sectors through which a state acts: an army's strike is its state's act.
STATE_SECTORS = {"MIL", "GOV"}


def agreement_state(
    agreement: Agreement, db, today: dt.date, deadline_days: int = DEADLINE_DAYS
) -> dict:
    """What alerts are computed from: per obligation its numbers, per conflict, violation
    and deadline a key with what an alert says of it."""
    result = ledger_from_db(agreement, db, today)
    obligations, conflicts, deadlines = {}, {}, {}
    for phase_spec, phase in zip(agreement.phases, result["phases"], strict=True):
        for row in phase["obligations"]:
            key = f"{phase['name']}/{row['id']}"
            obligations[key] = {"phase": phase["name"], "row": row}
            for conflict in row["conflicts"]:
                values = sorted((str(v["value"]), v["doc"] or "") for v in conflict["values"])
                ckey = json.dumps([key, conflict["kind"], conflict["date"], values])
                conflicts[ckey] = {"phase": phase["name"], "row": row, "conflict": conflict}
        last = phase_spec.last_day
        if last is None or not 0 <= (last - today).days <= deadline_days:
            continue
        outstanding = [r for r in phase["obligations"] if r["status"] != "complete"]
        if outstanding:
            deadlines[f"{phase['name']}/{last.isoformat()}"] = {
                "phase": phase["name"],
                "deadline": last,
                "outstanding": outstanding,
            }
    return {
        "as_of": today,
        "obligations": obligations,
        "conflicts": conflicts,
        "violations": violations(agreement, db, today),
        "deadlines": deadlines,
    }


def snapshot(state: dict, baseline: bool = False) -> dict:
    """The part of a state kept between passes (JSON). A baseline, taken before a
    watcher's first pass, holds no deadline: those are announced on the first pass."""
    return {
        "obligations": {
            key: {k: o["row"]["delivered"][k] for k in ("best", "low", "high")}
            | {"status": o["row"]["status"]}
            for key, o in state["obligations"].items()
        },
        "conflicts": sorted(state["conflicts"]),
        "violations": sorted(state["violations"]),
        "deadlines": [] if baseline else sorted(state["deadlines"]),
    }


def changes(agreement: Agreement, before: dict, state: dict, db) -> list[dict]:
    """The alerts for what ``state`` holds that the snapshot ``before`` did not."""
    alerts = []
    for key, item in state["obligations"].items():
        row = item["row"]
        now = {k: row["delivered"][k] for k in ("best", "low", "high")}
        old = before["obligations"].get(key)
        old_numbers = {k: old.get(k) for k in ("best", "low", "high")} if old else None
        if old_numbers == now or (old is None and now["best"] is None):
            if old is not None and old["status"] != row["status"]:
                alerts.append(_obligation_alert("status", agreement, item, old, db))
            continue
        alerts.append(_obligation_alert("delivered", agreement, item, old, db))
    for key, item in state["conflicts"].items():
        if key not in set(before["conflicts"]):
            alerts.append(_conflict_alert(agreement, item, db))
    for key, event in state["violations"].items():
        if key not in set(before["violations"]):
            alerts.append(_violation_alert(agreement, event, db))
    for key, item in state["deadlines"].items():
        if key not in set(before["deadlines"]):
            alerts.append(_deadline_alert(agreement, item, state["as_of"]))
    for alert in alerts:
        alert["as_of"] = state["as_of"].isoformat()
    return alerts


# Alerts ----------------------------------------------------------------------


def _alert(kind: str, agreement: Agreement, key: object, **fields) -> dict:
    digest = hashlib.sha256(
        json.dumps([kind, agreement.id, key], default=str).encode("utf-8")
    ).hexdigest()
    return {"id": digest[:16], "kind": kind, "agreement": agreement.id,
            "agreement_name": agreement.name, **fields}  # fmt: skip


def _obligation_alert(kind: str, agreement: Agreement, item: dict, old: dict | None, db) -> dict:
    row = item["row"]
    after = {**row["delivered"], "status": row["status"]}
    before = dict(old) if old else None
    best = row["delivered"]["best"]
    was = "nothing" if not before or before.get("best") is None else f"{before['best']:,}"
    promised = f" of {row['promised']:,}" if row.get("promised") is not None else ""
    if kind == "delivered":
        summary = (f"{row['party']}: {row['what']} delivered {was} -> "
                   f"{best:,}{promised} ({row['status']})" if best is not None else
                   f"{row['party']}: {row['what']} delivered {was} -> unknown")  # fmt: skip
    else:
        summary = (f"{row['party']}: {row['what']} status "
                   f"{before['status']} -> {row['status']}")  # fmt: skip
    supporting = [e for e in row["evidence"] if e["doc"] in set(row.get("supported_by") or [])]
    chosen = [e for e in supporting if e["value"] == best] or supporting or row["evidence"][-3:]
    return _alert(
        kind,
        agreement,
        [item["phase"], row["id"], after],
        phase=item["phase"],
        obligation=row["id"],
        party=row["party"],
        summary=summary,
        before=before,
        after=after,
        promised=row.get("promised"),
        basis=row.get("basis"),
        evidence=[cite(db, "claim", e["doc"], e["start"], e["end"]) for e in chosen],
    )


def _conflict_alert(agreement: Agreement, item: dict, db) -> dict:
    row, conflict = item["row"], item["conflict"]
    values = ", ".join(
        f"{v['value']:,}" + (f" ({v['source']})" if v.get("source") else "")
        for v in conflict["values"]
        if v.get("value") is not None
    )
    evidence = []
    for value in conflict["values"]:
        if value.get("doc") is None:
            continue  # the spec, or a sum the ledger made
        match = next(
            (
                e
                for e in row["evidence"]
                if e["doc"] == value["doc"] and e["value"] == value["value"]
            ),
            None,
        )
        if match is not None:
            evidence.append(cite(db, "claim", match["doc"], match["start"], match["end"]))
        else:
            evidence.append(cite_figure(db, value["doc"], value["value"]))
    return _alert(
        "conflict",
        agreement,
        [item["phase"], row["id"], conflict],
        phase=item["phase"],
        obligation=row["id"],
        party=row["party"],
        summary=f"{row['party']}: {row['what']}: sources disagree ({conflict['kind']}): {values}",
        conflict=conflict,
        evidence=[e for e in evidence if e is not None],
    )


def _violation_alert(agreement: Agreement, event: dict, db) -> dict:
    actor = " and ".join(event.get("actor") or []) or event.get("actor_mention") or "?"
    target = " and ".join(t for t in event.get("target") or [] if t)
    summary = f"{event['party']}: {event['type']} ({actor} {event.get('trigger')} {target})"
    return _alert(
        "violation",
        agreement,
        [event["doc"], event["start"], event["end"]],
        phase=event["phase"],
        obligation=None,
        party=event["party"],
        summary=summary.replace("  ", " ").replace(" )", ")"),
        event={
            k: event.get(k)
            for k in (
                "type",
                "mode",
                "status",
                "actor",
                "actor_mention",
                "target",
                "target_mention",
                "location",
                "date",
                "trigger",
            )
        },  # fmt: skip
        evidence=[cite(db, "event", event["doc"], event["start"], event["end"])],
    )


def _deadline_alert(agreement: Agreement, item: dict, today: dt.date) -> dict:
    days = (item["deadline"] - today).days
    outstanding = [
        {"obligation": r["id"], "party": r["party"], "what": r["what"], "promised": r["promised"],
         "delivered": r["delivered"], "status": r["status"]}
        for r in item["outstanding"]
    ]  # fmt: skip
    names = ", ".join(f"{r['party']} {r['what']}" for r in item["outstanding"])
    return _alert(
        "deadline",
        agreement,
        [item["phase"], item["deadline"]],
        phase=item["phase"],
        obligation=None,
        party=None,
        summary=f"{item['phase']} ends {item['deadline'].isoformat()} (in {days} day(s)) "
        f"with obligations outstanding: {names}",
        deadline=item["deadline"].isoformat(),
        days_left=days,
        outstanding=outstanding,
        evidence=[],  # the obligations' own evidence is in the ledger; nothing new to cite
    )


# Violations -------------------------------------------------------------------


def violations(agreement: Agreement, db, today: dt.date) -> dict[str, dict]:
    """ASSAULT/COERCE events that happened (as far as the report says) inside a phase,
    whose actor is one of the parties, keyed by where they are in their report.

    The actor decides, not the report's subject: a party's strike is announced
    whichever conflict the report is about, as a reader following both would want."""
    phases = [(p.name, p.start, min(p.last_day or today, today)) for p in agreement.phases
              if p.start is not None and p.start <= today]  # fmt: skip
    if not phases:
        return {}
    # Reports of the phases' days, whether or not they name a party: "an Israeli air
    # strike" names none, its actor (the Israeli military) does.
    since = min(s for _, s, _ in phases)
    with db.engine.connect() as conn:
        doc_ids = list(
            conn.execute(
                select(documents.c.id).where(documents.c.date >= since, documents.c.date <= today)
            ).scalars()
        )
    if not doc_ids:
        return {}
    sides = _party_matchers(agreement)
    found = {}
    for event in db.iter_records("event", any_of={"type": list(VIOLATIONS), "doc_id": doc_ids}):
        if event.get("status") not in (None, "occurred"):
            continue  # denied, planned, hypothetical: not a violation that happened
        day = dt.date.fromisoformat((event.get("date") or event["doc_date"])[:10])
        phase = next((name for name, start, end in phases if start <= day <= end), None)
        party = _party_of(event, sides)
        if phase is None or party is None:
            continue
        # One alert per happening: five reports of one strike are one incident.
        incident = event.get("incident_id")
        key = f"incident:{incident}" if incident else f"{event['doc']}:{event['start']}"
        found.setdefault(key, {**event, "phase": phase, "party": party})
    return found


def _party_matchers(agreement: Agreement) -> dict[str, tuple[set[str], str | None]]:
    """Per party: the names it goes by (case-folded) and, for a state, its country code."""
    aliases = default_table()
    found = {}
    for party in agreement.parties:
        names = {n.casefold() for n in party_names(agreement, aliases, parties=[party])}
        actor = aliases.lookup(party)
        state = actor.country if actor is not None and actor.label == "GPE" else None
        found[party] = (names, state)
    return found


def _party_of(event: dict, sides: dict) -> str | None:
    actors = [a for a in event.get("actor") or [] if a]
    countries = event.get("actor_country") or []
    sectors = event.get("actor_sector") or []
    aliases = default_table()
    for party, (names, state) in sides.items():
        for index, actor in enumerate(actors):
            known = aliases.lookup(actor)
            principal = known.principal if known is not None else None
            if actor.casefold() in names or (principal and principal.casefold() in names):
                return party
            country = countries[index] if index < len(countries) else None
            sector = sectors[index] if index < len(sectors) else None
            if state and country == state and sector in STATE_SECTORS:
                return party
    return None


# Evidence ---------------------------------------------------------------------


def cite(db, kind: str, doc_id: str, start: int, end: int) -> dict | None:
    """A record as evidence: its report (id, URL, title, outlet, date), the words it
    spans and its sentence, with the offsets of both in the report's body."""
    table = RECORD_TABLES[kind]
    query = (
        select(
            table.c.evidence_start,
            table.c.evidence_end,
            documents.c.body,
            documents.c.url,
            documents.c.title,
            documents.c.source,
            documents.c.date,
        )
        .join(documents, documents.c.id == table.c.doc_id)
        .where(table.c.doc_id == doc_id, table.c.start == start, table.c.end == end)
        .limit(1)
    )
    with db.engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return {
        "report": doc_id,
        "url": row["url"],
        "title": row["title"],
        "outlet": row["source"],
        "report_date": row["date"].isoformat() if row["date"] else None,
        "kind": kind,
        "start": start,
        "end": end,
        "text": row["body"][start:end],
        "sentence": row["body"][row["evidence_start"] : row["evidence_end"]],
        "sentence_start": row["evidence_start"],
        "sentence_end": row["evidence_end"],
    }


def cite_figure(db, doc_id: str, value) -> dict | None:
    """The first figure of ``value`` in a report, cited (a conflict names reports and values)."""
    table = RECORD_TABLES["claim"]
    query = (
        select(table.c.start, table.c.end)
        .where(table.c.doc_id == doc_id, table.c.value == value)
        .order_by(table.c.start)
        .limit(1)
    )
    with db.engine.connect() as conn:
        row = conn.execute(query).first()
    return cite(db, "claim", doc_id, row[0], row[1]) if row else None
