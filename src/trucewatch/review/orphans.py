"""Reviews whose record is gone: the report was re-extracted and no record of the kind has
the span any more, or the report is not in this store. Listed, never dropped: an analyst
decides whether to review the new record or undo the old verdict."""

from __future__ import annotations

from collections import defaultdict

from trucewatch.review.verdicts import record_key, standing
from trucewatch.store import reviews as review_store


def orphaned(db) -> list[dict]:
    """The standing reviews (not additions) whose record no longer exists, latest per
    record, each with ``doc`` (the report's id, or None when it is not stored) and
    ``reason``."""
    reviews = review_store.stored(db)
    verdicts = standing(reviews)
    latest = {record_key(r): r for r in reviews}
    ids = review_store.document_ids(db, {key[0] for key in verdicts})
    by_kind: dict[str, list[tuple]] = defaultdict(list)
    for key, verdict in verdicts.items():
        if verdict.status != "added" and key[0] in ids:
            by_kind[key[1]].append((ids[key[0]], key[2], key[3]))
    present = {
        (kind, *span)
        for kind, spans in by_kind.items()
        for span in review_store.existing_spans(db, kind, spans)
    }
    found = []
    for key, verdict in verdicts.items():
        content_hash, kind, start, end = key
        doc = ids.get(content_hash)
        if verdict.status == "added" and doc is not None:
            continue
        if doc is not None and (kind, doc, start, end) in present:
            continue
        reason = "report not stored" if doc is None else f"no {kind} has this span now"
        found.append({**latest[key], "doc": doc, "status": verdict.status, "reason": reason})
    return found
