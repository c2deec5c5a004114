"""An event's date: the day its own clause gives, resolved by ``timex.py``; None otherwise.

Never the report's date by default. See ``event_date`` for the order in which
the parse is read.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from trucewatch.extract.clauses import SPEECH, children, closest, governors, in_clause_below
from trucewatch.extract.timex import find_timexes, normalise, resolve, timex_for_token

# Verbs that say when a named event happened: "the swap, which began Friday".
_HAPPENING_VERBS = {"begin", "start", "happen", "occur", "take", "end", "conclude", "finish"}


def event_date(
    trigger: Token, carrier: Token | None, doc: Doc, reference: dt.date | None
) -> dt.date | None:
    """The day the trigger's own clause gives, or None.

    The parse's attachment first (``timex_for_token``) on the trigger, the
    verb carrying it, and the verbs it depends on without a clause of its own
    ("is due to release", "began ..., killing"); then a dated phrase inside
    the trigger's phrase ("before dawn on Tuesday"); then a date fronted
    before the whole sentence. "before Friday", "since January 21" bound a
    time; they are not the event's date.
    """
    anchors = [trigger]
    if carrier is not None:
        anchors.append(carrier)
    token = trigger
    while (
        len(anchors) < 5
        and token.head.i != token.i
        and (
            token.dep_ in ("xcomp", "conj", "acomp")
            or (token.dep_ == "advcl" and token.tag_ == "VBG" and not children(token, "mark"))
            # "..., while Israel is expected to free 183 prisoners": at the same time
            or (token.dep_ == "advcl" and any(m.lower_ == "while" for m in children(token, "mark")))
        )
    ):
        token = token.head
        if token.pos_ in ("VERB", "AUX", "ADJ"):
            anchors.append(token)
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "by" and trigger.head.head.pos_ == "VERB":
        anchors.append(trigger.head.head)  # "On Monday, the two sides took a step by swapping"
    if (
        trigger.pos_ != "VERB"
        and carrier is None
        and trigger.head.pos_ in ("VERB", "AUX")
        and trigger.dep_ in ("nsubj", "nsubjpass")
    ):
        anchors.append(trigger.head)
    if trigger.pos_ != "VERB":
        # "an exchange that began Friday", "the operation, which started on Friday"
        anchors += [
            c for c in children(trigger, "relcl", "acl") if c.lemma_.lower() in _HAPPENING_VERBS
        ]
    if trigger.dep_ == "relcl" and trigger.head.pos_ == "NOUN":
        # "carried out a prisoner exchange on Thursday, under which 24 were released":
        # what happens under or during a dated event happens on its day
        within = any(
            p.dep_ == "prep" and any(w.lower_ in ("which", "whom") for w in p.children)
            for p in trigger.children
        )
        if within and trigger.head.head.pos_ == "VERB":
            anchors.append(trigger.head.head)
    for anchor in anchors:
        timex = timex_for_token(doc, anchor, reference)
        if timex is not None and timex.value is not None and not said_when(timex, anchor):
            return day_of(timex, doc)  # an unresolved one ("the heaviest day") says nothing
    if trigger.pos_ != "VERB":
        poss = next((c for c in children(trigger, "poss") if c.ent_type_ == "DATE"), None)
        timex = following_timex(trigger, doc, reference) or (
            inside(poss, doc, reference) if poss is not None else None
        )
        if timex is not None:
            return day_of(timex, doc)
    for anchor in anchors:
        timex = nested_timex(anchor, doc, reference) or subject_dated(anchor, doc, reference)
        if timex is not None:
            return day_of(timex, doc)
    when = when_clause(trigger, doc, reference)
    if when is not None:
        return day_of(when, doc)
    return fronted_date(trigger, doc, reference)


def subject_dated(verb: Token, doc: Doc, reference):
    """ "The two sides on March 3 conducted an exchange", "a delegation on Tuesday
    concluded talks": the parse hangs a date between the subject and its verb on the
    subject; it dates the verb."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = closest(verb, "nsubj", "nsubjpass")
    if subject is None or subject.i > verb.i:
        return None
    for prep in children(subject, "prep"):
        if prep.lower_ in ("on", "in") and subject.i < prep.i < verb.i:
            for pobj in children(prep, "pobj"):
                if pobj.ent_type_ == "DATE":
                    timex = inside(pobj, doc, reference)
                    if timex is not None and timex.value is not None:
                        return timex
    return None


def when_clause(token: Token, doc: Doc, reference):
    """``scheduled for Saturday, when four hostages are due to be released``: the
    clause hangs from the day it is about."""
    node = token
    for _ in range(4):
        if node.dep_ == "relcl" and any(c.lower_ == "when" for c in node.children):
            return inside(node.head, doc, reference)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def planned_date(
    date, status: str, trigger: Token, carrier: Token | None, doc: Doc, reference
) -> dt.date | None:
    """A planned event's bare weekday looks ahead ("will travel to Lisgard to meet him on
    Friday"), where the resolver, reading only the nearest verb, looked back."""
    if status != "planned" or date is None or reference is None or date >= reference:
        return date
    chain = governors(carrier or trigger)
    if not any(a.lower_ in ("will", "shall", "'ll", "’ll") for g in chain for a in g.children):
        return date  # "had been due to start on Sunday": a plan told after the day
    for timex in find_timexes(doc, reference):
        if timex.low == date and normalise(timex.text) in WEEKDAY_FORMS:
            ahead = resolve(timex.text, reference, tense="future")
            if (
                ahead is not None
                and ahead.date is not None
                and trigger.sent.start_char <= timex.start < trigger.sent.end_char
            ):
                return ahead.date
    return date


WEEKDAY_FORMS = {
    f"{p}{d}"
    for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for p in ("", "on ")
}


def said_when(timex, anchor: Token) -> bool:
    """``Hamas said on Friday it was ready``: the parse may hang the date of the
    saying on the clause said; a date before the clause's subject is the saying's."""
    clause = anchor
    while clause.dep_ in ("xcomp", "conj", "acomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH:
        return False
    subject = closest(clause, "nsubj", "nsubjpass")
    speech = clause.head
    return subject is not None and speech.idx < timex.start and timex.end <= subject.idx


_BOUNDS = {"before", "after", "until", "till", "by", "since", "from", "ahead"}


def day_of(timex, doc: Doc) -> dt.date | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is not None and span.start > 0 and doc[span.start - 1].lower_ in _BOUNDS:
        return None
    if timex.low is not None and timex.low == timex.high:
        return timex.low  # a date, or a time on a known day ("Sunday afternoon")
    return None


def inside(token: Token, doc: Doc, reference):
    return next((t for t in find_timexes(doc, reference) if t.start <= token.idx < t.end), None)


def nested_timex(anchor: Token, doc: Doc, reference):
    """A time expression in the anchor's own phrases (not its subject or clauses)."""
    tokens = [t for t in anchor.subtree if t.i != anchor.i and not in_clause_below(t, anchor)]
    if not tokens:
        return None
    found = [
        timex
        for timex in find_timexes(doc, reference)
        if any(timex.start <= t.idx < timex.end for t in tokens)
        and timex.value is not None
        and not said_when(timex, anchor)
    ]
    return min(found, key=lambda t: abs(t.start - anchor.idx)) if found else None


def following_timex(noun: Token, doc: Doc, reference):
    """``meeting with Trump on Tuesday``: a dated phrase right after the noun phrase."""
    after = noun.right_edge.i + 1
    if (
        after >= len(doc)
        or doc[after].lower_ not in ("on", "in", "at")
        or doc[after].dep_ != "prep"
    ):
        return None
    for timex in find_timexes(doc, reference):
        if timex.start > doc[after].idx and timex.start <= doc[after].idx + len(doc[after]) + 1:
            return timex
    return None


def fronted_date(token: Token, doc: Doc, reference) -> dt.date | None:
    """``On Tuesday, the army said a gunman killed ...``: a date put before the whole
    sentence dates the reported clause too."""
    head = token
    while head.dep_ != "ROOT" and head.head.i != head.i:
        if head.dep_ == "ccomp" and head.head.lemma_ in SPEECH:
            speech = head.head
            timex = timex_for_token(doc, speech, reference)
            sentence = speech.sent
            first = next(t for t in sentence if not t.is_space)
            if timex is not None and timex.start <= first.idx + len(first.text) + 1:
                return timex.date
            return None
        head = head.head
    return None
