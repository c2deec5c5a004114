"""Record types: what extractors return, what the store keeps, what ``extract`` prints.

Every record is pinned to the document body: ``body[start:end]`` is the
record's text and ``body[evidence_start:evidence_end]`` its sentence. Later
record kinds (quote, claim, event) subclass ``Record`` the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import ClassVar

from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Record:
    kind: ClassVar[str] = "record"

    doc: str
    doc_date: dt.date | None
    start: int
    end: int
    evidence: str
    evidence_start: int
    evidence_end: int

    def to_dict(self) -> dict:
        data = {"kind": self.kind, **asdict(self)}
        for key, value in data.items():
            if isinstance(value, dt.date):
                data[key] = value.isoformat()
        return data


@dataclass(slots=True)
class Entity(Record):
    kind: ClassVar[str] = "entity"

    text: str = ""
    label: str = ""
    canonical: str | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text on each access,
    so an extractor reading it per record is quadratic on long reports."""
    text = doc.user_data.get("trucewatch_text")
    if text is None:
        text = doc.user_data["trucewatch_text"] = doc.text
    return text


def evidence_span(span: Span) -> tuple[str, int, int]:
    """The sentence holding a span, with surrounding whitespace trimmed from its offsets."""
    sent = span.sent
    raw = doc_text(span.doc)[sent.start_char : sent.end_char]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = sent.start_char + lead
    return text, start, start + len(text)


@dataclass(slots=True)
class Quote(Record):
    """Who said what: ``body[start:end]`` is the content (inside the marks when direct)."""

    kind: ClassVar[str] = "quote"

    content: str = ""
    direct: bool = False
    partial: bool = False
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    date: dt.date | None = None


@dataclass(slots=True)
class Claim(Record):
    """A figure by somebody's account: ``body[start:end]`` is the number phrase
    ("at least 47,518 people"); see ``trucewatch.extract.claims``."""

    kind: ClassVar[str] = "claim"

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    category: str = "other"
    subject: str | None = None
    location: str | None = None
    source: str | None = None
    as_of: dt.date | None = None
    date: dt.date | None = None
    modality: str = "reported"
    cumulative: bool = False
    # added to the figures before ("another 30 prisoners", "two more coffins"): the
    # latest batch, never a total
    increment: bool = False
    # the as_of is the end of an earlier month or year the text names ("released in
    # November"), not a day
    period: bool = False
    released_by: list[str] | None = None
    received_by: list[str] | None = None
    each: bool | None = None
    # the total of the counts added together in its clause, on each of them ("270
    # soldiers and 120 civilians": 390); None when the figure stands alone
    together: float | None = None


@dataclass(slots=True)
class Event(Record):
    """What happened: a PLOVER-typed event, ``body[start:end]`` from its actor to its target.

    ``actor`` and ``target`` are canonical names (a list: ``Hamas and Israel``
    is two), with the phrase as written in ``*_mention`` and each name's
    country code (ISO 3166 alpha-3) and PLOVER-style sector where the alias
    table knows them. ``date`` is when it happened, ``null`` when the report
    does not say; never the report's date by default.
    """

    kind: ClassVar[str] = "event"

    type: str = ""
    mode: str | None = None
    status: str = "occurred"
    actor: list[str] | None = None
    actor_mention: str | None = None
    actor_country: list[str | None] | None = None
    actor_sector: list[str | None] | None = None
    target: list[str] | None = None
    target_mention: str | None = None
    target_country: list[str | None] | None = None
    target_sector: list[str | None] | None = None
    location: str | None = None
    date: dt.date | None = None
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0


def sentences_back(token: Token, n: int) -> int:
    """Where the sentence ``n`` sentences before ``token``'s starts (a token index; the
    report's start when there are fewer): what a rule that looks back so far may read."""
    sentence = token.sent
    for _ in range(n):
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return sentence.start
