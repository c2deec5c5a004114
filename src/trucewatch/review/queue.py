"""What to review first: the figures that decide an agreement's delivered numbers or dispute
them, those that would move a number most if they were wrong first."""

from __future__ import annotations

import datetime as dt

from trucewatch.ledger import Agreement, ledger_from_db

ROLES = ("decides", "dissent")  # superseded figures move nothing


def review_queue(
    agreement: Agreement,
    db,
    as_of: dt.date | None = None,
    limit: int | None = 50,
    reviewed: bool = False,
    result: dict | None = None,
) -> list[dict]:
    """Ranked evidence of the ledger (``result``, computed when not given): unreviewed
    figures only unless ``reviewed``. Each item: ``ref`` (``DOC:START-END``), the
    obligation, its delivered number, the figure's value, ``role``, ``weight`` (how far
    the number moves were it wrong), ``review`` and the evidence sentence."""
    result = result or ledger_from_db(agreement, db, as_of)
    items: dict[str, dict] = {}
    for phase in result["phases"]:
        for row in phase["obligations"]:
            for evidence in row["evidence"]:
                if evidence["role"] not in ROLES or (evidence["review"] and not reviewed):
                    continue
                ref = f"{evidence['doc']}:{evidence['start']}-{evidence['end']}"
                item = {
                    "ref": ref,
                    "doc": evidence["doc"],
                    "start": evidence["start"],
                    "end": evidence["end"],
                    "phase": phase["name"],
                    "obligation": row["id"],
                    "delivered": row["delivered"]["best"],
                    "value": evidence["value"],
                    "kind": evidence["kind"],
                    "date": evidence["happened"] or evidence["date"],
                    "role": evidence["role"],
                    "weight": evidence["weight"],
                    "review": evidence["review"],
                    "source": evidence["source"],
                    "evidence": evidence["evidence"],
                }
                if ref not in items or item["weight"] > items[ref]["weight"]:
                    items[ref] = item
    ranked = sorted(items.values(), key=lambda i: (-i["weight"], i["date"] or "", i["ref"]))
    return ranked[:limit] if limit else ranked
