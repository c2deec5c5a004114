"""A report's body cut into segments, each knowing which records cover it.

Records overlap (an entity inside a quotation inside a sentence), so the text
is cut at every record boundary and each piece carries the set of records
over it; the template wraps a piece in one ``<mark>`` with their kinds as
classes. Nothing here builds HTML: the template escapes every piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trucewatch.web.format import record_anchor


@dataclass
class Segment:
    text: str
    start: int
    kinds: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # records that begin here
    titles: list[str] = field(default_factory=list)
    target: bool = False  # inside the record the page was opened on
    evidence_first: bool = False  # the sentence the page was opened for begins here
    evidence_last: bool = False  # ... and ends here


def segments(
    body: str,
    records: list[dict],
    evidence: tuple[int, int] | None = None,
    summarize=lambda r: r["kind"],
    target: tuple[int, int] | None = None,
) -> list[Segment]:
    """The body in pieces.

    ``evidence`` is a (start, end) span to mark as the sentence the page was
    opened for (pieces are cut at its ends, so it wraps whole pieces), and
    ``target`` the record's own span within it.
    """
    spans = [
        (max(0, r["start"]), min(len(body), r["end"]), r)
        for r in records
        if r.get("start") is not None and r.get("end") is not None and r["start"] < r["end"]
    ]
    cuts = {0, len(body)}
    for start, end, _ in spans:
        cuts.update((start, end))
    for span in (evidence, target):
        if span is not None:
            cuts.update(max(0, min(len(body), x)) for x in span)
    cuts = sorted(cuts)
    # Records sorted by start: a sweep keeps the ones open over each piece.
    spans.sort(key=lambda s: (s[0], -s[1]))
    pieces: list[Segment] = []
    opened: list[tuple[int, int, dict]] = []
    index = 0
    seen_anchor: set[str] = set()
    first_evidence = True
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        while index < len(spans) and spans[index][0] <= a:
            opened.append(spans[index])
            index += 1
        opened = [s for s in opened if s[1] > a]
        piece = Segment(text=body[a:b], start=a)
        for start, _end, record in opened:
            if record["kind"] not in piece.kinds:
                piece.kinds.append(record["kind"])
            piece.titles.append(summarize(record))
            anchor = record_anchor(record)
            if start == a and anchor not in seen_anchor:
                seen_anchor.add(anchor)
                piece.anchors.append(anchor)
        if target is not None and target[0] <= a and b <= target[1]:
            piece.target = True
        if evidence is not None and evidence[0] <= a and b <= evidence[1]:
            piece.evidence_first = first_evidence
            first_evidence = False
            last = piece
        pieces.append(piece)
    if not first_evidence:
        last.evidence_last = True
    return pieces
