"""Extract: one parsed report in, its records out.

Entry point: ``extract(document, doc)``. Extraction is a pure function of the
document, the model and ``EXTRACTOR_VERSION``: the same input gives the same
records, so re-ingesting is idempotent and two runs can be diffed. Each
extractor lives in its own module with the same shape
(``extract_<kind>(doc, document, ...) -> list[Record]``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.actors import AliasTable, default_table
from trucewatch.extract.claims import extract_claims
from trucewatch.extract.entities import extract_entities
from trucewatch.extract.events import extract_events
from trucewatch.extract.quotes import extract_quotes
from trucewatch.extract.records import Claim, Entity, Event, Quote, Record
from trucewatch.extract.release_days import date_from_the_release_before
from trucewatch.extract.sides import assign_sides
from trucewatch.ingest.documents import Document

# Bump when any extractor's output changes for the same input.
EXTRACTOR_VERSION = "31"

__all__ = ["EXTRACTOR_VERSION", "Claim", "Entity", "Event", "Quote", "Record", "extract"]


def extract(document: Document, doc: Doc, aliases: AliasTable | None = None) -> list[Record]:
    """Every record the extractors find in one parsed document, in text order."""
    aliases = aliases or default_table()
    records: list[Record] = []
    entities = extract_entities(doc, document, aliases)
    records += entities
    quotes = extract_quotes(doc, document, entities, aliases)
    records += quotes
    claims = extract_claims(doc, document, quotes, entities, aliases)
    events = extract_events(doc, document, entities, aliases)
    assign_sides(doc, claims, events, aliases)  # whose people: read from the release events
    date_from_the_release_before(doc, claims, events)
    records += claims + events
    records.sort(key=lambda r: (r.start, r.end, r.kind))
    return records
