"""The day of a release figure told in the sentence after its release.

"Hamas on Saturday released a second group of hostages. Israeli authorities said
13 Israelis and four Thai citizens had returned to Israel." The figure has no day
of its own, yet it is the count of the release the sentence before dates. Left
without one, the ledger would read it as a late report of the day before's
exchange. A running total, a figure with its own day or known before that release, or one after
a sentence with no dated release keeps what it had.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.records import Claim, Event, doc_text
from trucewatch.extract.sides import RELEASES


def date_from_the_release_before(doc: Doc, claims: list[Claim], events: list[Event]) -> None:
    """Give undated release figures, in place, the day of the release told just before."""
    dated = [e for e in events if e.mode == "release" and e.date and e.status == "occurred"]
    if not dated:
        return
    text = doc_text(doc)
    for claim in claims:
        if claim.category not in RELEASES or claim.date or claim.cumulative:
            continue
        before = [
            e
            for e in dated
            if e.evidence_end <= claim.evidence_start
            and not text[e.evidence_end : claim.evidence_start].strip()
            and not (claim.as_of and claim.as_of < e.date)  # known before it happened
        ]
        days = {e.date for e in before}
        if len(days) == 1:
            claim.date = days.pop()
