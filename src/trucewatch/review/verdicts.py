"""A record's reviews folded into what they say now.

Reviews are a stack per record: confirm, reject, correct and add push, an
undo pops the latest one still standing. What the record is now is the top
of the stack, with every correction still standing applied in order (an
analyst who corrects the value, then the date, has corrected both; a confirm
after a correction confirms the corrected record).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

# The top verdict -> what the record is now.
STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected", "add": "added"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Where a record stands after its reviews."""

    status: str  # confirmed | rejected | corrected | added
    fields: dict = field(default_factory=dict)  # corrections, or the added record's fields
    reviewer: str | None = None  # who decided the standing verdict, when, and why
    at: str | None = None
    note: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the record is evidence (not rejected)."""
        return self.status != "rejected"


def fold(history: list[dict]) -> Verdict | None:
    """What one record's reviews (oldest first) say now; None when none stands."""
    standing: list[dict] = []
    for review in history:
        if review["verdict"] == "undo":
            if standing:
                standing.pop()
        else:
            standing.append(review)
    if not standing:
        return None
    top = standing[-1]
    fields: dict = {}
    for review in standing:
        if review["verdict"] in ("add", "correct"):
            fields.update(review.get("fields") or {})
    added = any(r["verdict"] == "add" for r in standing)
    status = STATUS[top["verdict"]]
    if added and status != "rejected":
        status = "added"
    elif status == "confirmed" and fields:
        status = "corrected"
    return Verdict(status, fields, top["reviewer"], top["created_at"], top.get("note"))


def record_key(review: dict) -> tuple[str, str, int, int]:
    return review["content_hash"], review["kind"], review["start"], review["end"]


def standing(reviews: list[dict]) -> dict[tuple, Verdict]:
    """Record key ``(content_hash, kind, start, end)`` -> its verdict, for every record
    with a review still standing (reviews in the order they were stored)."""
    histories: dict[tuple, list[dict]] = defaultdict(list)
    for review in reviews:
        histories[record_key(review)].append(review)
    verdicts = {key: fold(history) for key, history in histories.items()}
    return {key: verdict for key, verdict in verdicts.items() if verdict is not None}
