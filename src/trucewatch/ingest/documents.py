"""From a raw report to a ``Document``: header, dateline, title and content hash.

The header is the seed format: `` date YYYY-MM-DD`` at the very start of a
plain-text report, followed on the same line or the next by a title or the
first paragraph. Everything after the header is the body, stored exactly as
given: every record offset slices it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from trucewatch.config import max_report_bytes
from trucewatch.errors import EmptyInput, MalformedHeader, TooLarge, UndecodableInput
from trucewatch.text import normalize, unstorable

# A header only counts when the token after "date" starts with a digit: a report
# that opens with the word "date" in prose is not mistaken for one.
_HEADER = re.compile(r"\A[ \t]*date[ \t]+(?P<date>\d\S*)[ \t]*(?:\r?\n)?[ \t]*")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Wire datelines: "WASHINGTON:", "GAZA CITY, Feb 4 (Reuters) -", "KYIV, Ukraine (AP) —".
# The place is written in capitals; an optional region, date and agency may follow.
_DATELINE = re.compile(
    rf"""
    (?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*)
    (?:,[ ](?!{_MONTH}[ ]\d)(?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)*))?
    (?:,[ ](?P<when>{_MONTH}[ ]\d{{1,2}}))?
    [ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .&]*)\))?
    [ ]*(?::|[-–—]{{1,2}})[ ]+
    """,
    re.VERBOSE,
)
# "Kyiv, Ukraine - ", "Sanaa (Reuters) - ": a place in title case is a dateline only
# with its region or agency and a dash, which a sentence's subject never has.
_TITLE_CASE_DATELINE = re.compile(
    r"""
    (?P<place>[A-Z][a-z'’\-]+(?:[ ][A-Z][a-z'’\-]+){0,2})
    (?:,[ ](?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?))?
    [ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .&]*)\))?
    [ ]+[-–—]{1,2}[ ]+
    """,
    re.VERBOSE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
_TITLE_MAX_WORDS = 20
_SENTENCE_END = tuple(".!?\"”’'")


@dataclass(slots=True)
class RawReport:
    """A report as a reader found it, before the header is parsed."""

    text: str
    origin: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    external_id: str | None = None
    has_header: bool = True  # plain-text formats carry the " date ..." header


@dataclass(slots=True)
class Dateline:
    place: str
    start: int
    end: int
    region: str | None = None
    agency: str | None = None


@dataclass(slots=True)
class Document:
    id: str
    content_hash: str
    body: str
    path: str
    date: dt.date | None
    title: str | None = None
    dateline: Dateline | None = None
    url: str | None = None
    source: str | None = None
    external_id: str | None = None
    near_duplicate_of: str | None = None
    similarity: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def chars(self) -> int:
        return len(self.body)

    def to_record(self) -> dict:
        """The ``document`` record that opens a document's JSON Lines output."""
        return {
            "kind": "document",
            "id": self.id,
            "path": self.path,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "dateline": self.dateline.place if self.dateline else None,
            "dateline_start": self.dateline.start if self.dateline else None,
            "dateline_end": self.dateline.end if self.dateline else None,
            "url": self.url,
            "source": self.source,
            "chars": self.chars,
            "content_hash": self.content_hash,
            "near_duplicate_of": self.near_duplicate_of,
            "similarity": self.similarity,
        }


def content_hash(body: str) -> str:
    """SHA-256 of the body with quotes, dashes and whitespace unified.

    A report re-saved with other line endings or typography is the same report.
    """
    return hashlib.sha256(normalize(body).text.encode("utf-8")).hexdigest()


def parse_date(value: str, origin: str) -> dt.date:
    """An ISO date (or the date part of an ISO timestamp); anything else is an error."""
    text = value.strip()
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise MalformedHeader(origin, f"not a calendar date: {value!r}") from None


def split_header(text: str, origin: str) -> tuple[dt.date | None, str]:
    """The header's date (None without a header) and the body that follows it."""
    match = _HEADER.match(text)
    if not match:
        return None, text
    return parse_date(match["date"], origin), text[match.end() :]


def find_dateline(body: str) -> Dateline | None:
    """The wire dateline at the start of the first or second paragraph, if any.

    The second paragraph is tried because a title line may come first.
    """
    starts = [0]
    first_break = body.find("\n")
    if first_break != -1:
        rest = len(body) - len(body[first_break:].lstrip())
        starts.append(rest)
    for start in starts:
        match = _DATELINE.match(body, start)
        if not (match and len(match["place"].replace(" ", "")) >= 2):
            match = _TITLE_CASE_DATELINE.match(body, start)
            if match and not (match["region"] or match["agency"]):
                match = None
        if match:
            return Dateline(
                place=match["place"],
                start=match.start("place"),
                end=match.end("place"),
                region=match["region"],
                agency=match["agency"],
            )
    return None


def find_title(body: str, dateline: Dateline | None) -> str | None:
    """A first line that reads as a headline: short, no final stop, before the dateline."""
    first_line = body.split("\n", 1)[0].strip()
    if not first_line or "\n" not in body:
        return None
    if dateline is not None and dateline.start == 0:
        return None
    if len(first_line.split()) > _TITLE_MAX_WORDS or first_line.endswith(_SENTENCE_END):
        return None
    return first_line


def check_storable(raw: RawReport) -> None:
    """Raise ``UndecodableInput`` when a text field of the report cannot be stored
    (``trucewatch.text.unstorable``; found by tests/test_fuzz.py)."""
    for name in ("text", "date", "title", "url", "source", "external_id"):
        value = getattr(raw, name)
        if value is not None and (found := unstorable(value)):
            raise UndecodableInput(
                raw.origin, f"{name} has U+{ord(found.group()):04X} at character {found.start()}"
            )


def make_document(raw: RawReport) -> Document:
    """Parse a raw report into a document; raises an ``InputError`` when it is not one."""
    check_storable(raw)
    date: dt.date | None = None
    body = raw.text
    if raw.has_header:
        date, body = split_header(raw.text, raw.origin)
    if raw.date:
        date = parse_date(raw.date, raw.origin)
    if not body.strip():
        raise EmptyInput(raw.origin)
    size = len(body.encode("utf-8"))
    if size > max_report_bytes():
        raise TooLarge(raw.origin, f"{size:,} bytes")
    digest = content_hash(body)
    dateline = find_dateline(body)
    return Document(
        id=digest[:16],
        content_hash=digest,
        body=body,
        path=raw.origin,
        date=date,
        title=raw.title or find_title(body, dateline),
        dateline=dateline,
        url=raw.url,
        source=raw.source,
        external_id=raw.external_id,
    )
