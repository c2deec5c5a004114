"""Entity records: people, organisations, places and nationalities, with canonical names.

spaCy's NER proposes the mentions; three rules on the document then correct
what the small model gets wrong most often (see shared/NOTES-ENV.md: it tags
"Trump" as ORG in the seed):

1. the alias table (``actors.py``) knows the label and canonical name of
   known actors, and finds known names NER missed;
2. a name that is part of a longer PERSON name in the same report is that
   person (``Witkoff`` after ``Steve Witkoff``), whatever label NER gave it;
3. a PERSON that is the object of a locative preposition (``in Tayasir``) is
   a place, unless rule 2 makes it a person; so is the dateline's name;
4. a place used as an adjective (``Ukrainian officials``) is a nationality,
   and a nationality naming a place noun (``the Poonch district``) a place.

The word lists behind rules 3 and 4 are data: ``trucewatch/data/entity_rules.yaml``.

Headings (short lines without a final stop) yield only names the alias table
knows: the small model reads "Focus on West Bank" as an organisation.
Coordinated names (``Ariel and Kfir``) are split into one mention each.
"""

from __future__ import annotations

from importlib import resources

from spacy.tokens import Doc, Span

from trucewatch.data import read_yaml
from trucewatch.extract.actors import AliasTable
from trucewatch.extract.layout import heading_spans
from trucewatch.extract.records import Entity, doc_text, evidence_span
from trucewatch.extract.timex import WEEKDAYS
from trucewatch.ingest.documents import Document

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Labels NER sometimes puts on a person's name; only kept when rule 2 applies.
PERSON_CONFUSIONS = {"ORG", "WORK_OF_ART", "PRODUCT", "PERSON", "NORP"}
_RULES = read_yaml(
    resources.files("trucewatch.data").joinpath("entity_rules.yaml").read_text("utf-8")
)
LOCATIVE_PREPOSITIONS = frozenset(_RULES["locative_prepositions"])
PLACE_NOUNS = frozenset(_RULES["place_nouns"])
_TRIM_START = {"the", "The"}
_TRIM_END = {"'s", "’s", "'", "’"}


def extract_entities(doc: Doc, document: Document, aliases: AliasTable) -> list[Entity]:
    headings = heading_spans(document.body)

    def in_heading(span: Span) -> bool:
        return any(a <= span.start_char < b for a, b in headings)

    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS | PERSON_CONFUSIONS:
            continue
        for part in (p for whole in split_coordination(ent) for p in split_pair(whole, aliases)):
            span = trim(part)
            if span is not None and (not in_heading(span) or aliases.lookup(span.text)):
                spans.append((span, ent.label_))
    spans += alias_matches(doc, aliases, [s for s, _ in spans])
    spans += dateline_place(doc, document, [s for s, _ in spans])
    spans.sort(key=lambda item: item[0].start_char)

    people = person_names([s for s, label in spans if label == "PERSON"])
    # The dateline names a place; the same name elsewhere in the report is that place.
    dateline = document.dateline.place.casefold() if document.dateline else None
    records = []
    for span, ner_label in spans:
        actor = aliases.lookup(span.text)
        label, canonical = resolve(span, ner_label, actor, people)
        if actor is None and span.text.casefold() == dateline:
            label = "GPE"
        if label not in LABELS:
            continue
        evidence, ev_start, ev_end = evidence_span(span)
        records.append(
            Entity(
                doc=document.id,
                doc_date=document.date,
                start=span.start_char,
                end=span.end_char,
                evidence=evidence,
                evidence_start=ev_start,
                evidence_end=ev_end,
                text=doc_text(doc)[span.start_char : span.end_char],
                label=label,
                canonical=canonical,
            )
        )
    return records


def resolve(
    span: Span, ner_label: str, actor, people: dict[str, str | None]
) -> tuple[str, str | None]:
    """The label and canonical name of one mention (rules 1–3 of the module doc)."""
    if actor is not None:
        return actor.label or ner_label, actor.canonical
    key = span.text.casefold()
    fullest = people.get(key)
    if ner_label == "PERSON" and fullest is None and is_locative(span):
        return "GPE", None
    if ner_label in ("GPE", "LOC") and span.root.tag_ == "JJ":
        return "NORP", None  # "Ukrainian officials": an adjective of nationality
    if (
        ner_label == "NORP"
        and span.root.dep_ == "compound"
        and span.root.head.lower_ in PLACE_NOUNS
    ):
        return "GPE", None  # "the Poonch district"
    if key in people and ner_label in PERSON_CONFUSIONS:
        return "PERSON", fullest
    return ner_label, None


def person_names(spans: list[Span]) -> dict[str, str | None]:
    """Each PERSON name and name part in a report -> the fullest name it stands for.

    ``Steve Witkoff`` gives ``steve witkoff`` and ``witkoff`` -> ``Steve Witkoff``.
    A part shared by two names (``Bibas`` in Yarden and Ofri Bibas) maps to
    None: ambiguous, so not guessed.
    """
    full_names = sorted(
        {s.text for s in spans if len(s) > 1 and " and " not in s.text}, key=len, reverse=True
    )
    mapping: dict[str, str | None] = {}
    for name in full_names:
        key = name.casefold()
        owner = next(
            (
                longer
                for longer in full_names
                if len(longer) > len(name) and key in longer.casefold()
            ),
            None,
        )
        mapping.setdefault(key, owner or name)
    parts: dict[str, set[str]] = {}
    for name in full_names:
        for word in name.split():
            if word[:1].isupper() and len(word) > 1:
                parts.setdefault(word.casefold(), set()).add(mapping[name.casefold()] or name)
    for part, owners in parts.items():
        if part not in mapping:
            mapping[part] = owners.pop() if len(owners) == 1 else None
    for span in spans:
        mapping.setdefault(span.text.casefold(), None)
    return mapping


def is_locative(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS


def split_coordination(span: Span) -> list[Span]:
    """``Ariel and Kfir`` is two people: split a name span at ``and`` or ``&``."""
    cuts = [t.i for t in span if t.lower_ in ("and", "&")]
    if not cuts or span.label_ not in ("PERSON", "GPE"):
        return [span]
    parts, start = [], span.start
    for cut in cuts:
        parts.append(span.doc[start:cut])
        start = cut + 1
    parts.append(span.doc[start : span.end])
    return [p for p in parts if len(p)]


def is_a_time(token) -> bool:
    """ "On Sunday Northmark and Southland freed ...": a day the tagger or the parse runs
    into the name after it."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in WEEKDAYS


_HYPHENS = {"-", "–", "—"}


def split_pair(span: Span, aliases: AliasTable) -> list[Span]:
    """ "the Armenia-Azerbaijan swap": two names the alias table knows, joined by a hyphen
    into one mention, are two."""
    cuts = [t.i for t in span if t.text in _HYPHENS]
    if len(cuts) != 1:
        return [span]
    parts = [span.doc[span.start : cuts[0]], span.doc[cuts[0] + 1 : span.end]]
    if all(len(p) and aliases.lookup(p.text) is not None for p in parts):
        return parts
    return [span]


def trim(span: Span) -> Span | None:
    """Drop a leading "the" or weekday and a trailing possessive or stray punctuation."""
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].text in _TRIM_START
        or span.doc[start].is_punct
        # "On Sunday Northmark and Southland freed ...": the tagger runs the day into the name
        or (is_a_time(span.doc[start]) and end - start > 1)
    ):
        start += 1
    while end > start and (span.doc[end - 1].text in _TRIM_END or span.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


def alias_matches(doc: Doc, aliases: AliasTable, taken: list[Span]) -> list[tuple[Span, str]]:
    """Known names that NER did not find, where they overlap no NER mention."""
    occupied = set()
    for span in taken:
        occupied.update(range(span.start, span.end))
    found = []
    for span in aliases.matcher(doc.vocab)(doc, as_spans=True):
        if occupied.isdisjoint(range(span.start, span.end)):
            found.append((span, "KNOWN"))
            occupied.update(range(span.start, span.end))
    return found


def dateline_place(doc: Doc, document: Document, taken: list[Span]) -> list[tuple[Span, str]]:
    """The dateline's place, when NER missed it: it is a place by its position alone."""
    if document.dateline is None:
        return []
    span = doc.char_span(document.dateline.start, document.dateline.end)
    if span is None or any(t.start < span.end and span.start < t.end for t in taken):
        return []
    return [(span, "GPE")]
