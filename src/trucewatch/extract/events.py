"""Event records: what happened, typed in PLOVER, with who, to whom, where, when and status.

Triggers are verbs and nouns from the lexicon (``trucewatch/data/plover.yaml``,
loaded by ``lexicon.py``); each is read on the dependency parse, so that actor,
target and place are the trigger's own arguments, never words from elsewhere
in the story (the false positives GDELT-style coding is criticised for):

- a verb's actor is its subject, or the agent of a passive (``freed by
  Israel``); its target the object, or the passive subject; a verb that lacks
  a subject borrows the one of the verb it is coordinated or subordinated to;
- a noun's actor is its possessor (``Netanyahu’s meeting``), the parties
  ``between X and Y``, or the subject of the light verb that carries it
  (``Israel launched an operation``); its target ``with``/``on``/``of`` X;
- a noun that only names the event of a verb trigger of the same type
  (``killed ... in an attack``) is that event, not a second one.

A sense whose conditions do not hold is no event; neither is a trigger in a
heading or inside quotation marks (a speaker's words are quotes, not reports).

Status, from the trigger's verb (or the light verb carrying a noun):
``denied`` under "deny"; ``demanded`` under "urge", "call on ... to";
``negated`` with "not"/"never"; ``hypothetical`` with "could"/"might" or in an
"if" clause; ``planned`` with "will"/"would", under "plan to", "is due to",
"is ready to", "was to", a purpose "to", or a noun marked "next"; else
``occurred``. Dates come from the time expressions the parse attaches to the
trigger (``timex.timex_for_token``), never the report's date by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from trucewatch.extract.actors import AliasTable
from trucewatch.extract.layout import heading_spans
from trucewatch.extract.lexicon import Lexicon, Sense, Words, default_lexicon
from trucewatch.extract.participants import Participant, Resolver
from trucewatch.extract.quotes import quotation_marks
from trucewatch.extract.records import Entity, Event, evidence_span
from trucewatch.extract.speakers import antecedents, subject_of
from trucewatch.extract.timex import find_timexes, normalise, resolve, timex_for_token

_SUBORDINATE = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"}
_SPEECH = {"say", "tell", "announce", "report", "add", "confirm", "state", "warn"}


@dataclass
class Found:
    """A trigger whose sense holds, before its record is built."""

    token: Token
    sense: Sense
    carrier: Token | None = None  # the light verb carrying a noun trigger
    actor: Participant | None = None
    target: Participant | None = None
    theme_subject: bool = False  # the subject is the event itself ("the truce took effect")


def extract_events(
    doc: Doc,
    document,
    entities: list[Entity],
    aliases: AliasTable,
    lexicon: Lexicon | None = None,
) -> list[Event]:
    """Every event the lexicon finds in one parsed report, in text order."""
    lexicon = lexicon or default_lexicon()
    body = document.body
    excluded = heading_spans(body) + [(m.open, m.outer_end) for m in quotation_marks(body)]

    def quoted(token: Token) -> bool:
        return any(a <= token.idx < b for a, b in excluded)

    find_timexes(doc, document.date)
    resolver = Resolver(
        doc,
        entities,
        aliases,
        lexicon,
        lambda: antecedents(doc, entities, aliases, quoted),
        document.dateline.place if document.dateline else None,
        (document.dateline.start, document.dateline.end) if document.dateline else None,
    )
    found: list[Found] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lexicon.verbs and not quoted(token):
            item = verb_event(token, lexicon.verbs[lemma], resolver)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in lexicon.nouns and not quoted(token):
            item = noun_event(token, lexicon.nouns[lemma], resolver, lexicon)
        else:
            continue
        if item is not None:
            found.append(item)
    records = []
    for item in merge_nouns_into_verbs(found):
        record = to_record(item, doc, document, resolver, lexicon)
        anchored = record.actor or record.target or record.location or record.date
        if item.token.pos_ == "VERB" or anchored:
            records.append(record)  # a bare noun ("months of bombardment") is no event
    return records


# Verbs ----------------------------------------------------------------------


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def closest(token: Token, *deps: str) -> Token | None:
    """The child with one of ``deps`` nearest the token ("14:40 GMT — The women were ...")."""
    found = children(token, *deps)
    return min(found, key=lambda c: abs(c.i - token.i)) if found else None


def lemma_in(token: Token | None, words: Words | None, resolver: Resolver) -> bool:
    if token is None or words is None:
        return False
    if words.person:
        entity = resolver.entity_at(token)
        if (entity is not None and entity.label in ("PERSON", "NORP")) or token.pos_ == "PRON":
            return True
    heads = [token, *token.conjuncts]
    return any(h.lemma_.lower() in words or h.lower_ in words for h in heads)


def verb_event(token: Token, senses: tuple[Sense, ...], resolver: Resolver) -> Found | None:
    passive = bool(children(token, "nsubjpass", "auxpass")) or (
        token.dep_ == "acl" and token.tag_ == "VBN"
    )
    subject = None if passive else subject_for(token)
    if subject is not None and subject.dep_ == "nsubjpass" and token.dep_ == "conj":
        subject = None  # "were freed and taken to ...": no actor borrowed from a passive
    obj = closest(token, "dobj")
    agent = None
    if passive:
        obj = closest(token, "nsubjpass")
        if obj is None and token.dep_ == "acl":
            obj = token.head  # "prisoners freed by Israel"
        if obj is None:
            obj = subject_for(token)  # "are due to be released", "before being handed over"
        for child in children(token, "agent"):
            agent = next(iter(children(child, "pobj")), None)
        if obj is not None and obj.lower_ in ("who", "which", "that") and obj.head.dep_ == "relcl":
            obj = obj.head.head
        subject = agent
    if obj is None:
        for prep in children(token, "prep"):
            if prep.lower_ in ("with", "at", "on", "against"):
                obj = next(iter(children(prep, "pobj")), None)
                if obj is not None:
                    break
    particles = {c.lower_ for c in children(token, "prt", "advmod")}
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ in ("ADP", "ADV", "PART"):
        particles.add(following.lower_)  # "hand over 40 soldiers" parsed as "over 40"
    for sense in senses:
        if sense.particle and sense.particle not in particles:
            continue
        if sense.without and sense.without & particles:
            continue
        if sense.object is not None and not lemma_in(obj, sense.object, resolver):
            continue
        if sense.subject is not None and not lemma_in(
            subject_for(token) if not passive else obj, sense.subject, resolver
        ):
            continue
        if sense.with_ is not None and not any(
            t.lemma_.lower() in sense.with_ or t.lower_ in sense.with_
            for t in token.subtree
            if t.i != token.i
            and t.dep_ in ("prep", "pobj", "dobj", "prt", "npadvmod", "nsubj", "mark")
        ):
            continue
        if sense.condition and not has_condition(token, resolver.lexicon):
            continue
        theme = sense.subject is not None
        things = sense.type in ("ASSAULT", "COERCE")
        actor = between(subject_for(token), resolver) if theme else resolver.participant(subject)
        target = None
        if not theme and sense.object_is_target:
            target = resolver.participant(obj, things)
        elif sense.target_preposition:
            for prep in children(token, "prep"):
                if prep.lower_ == sense.target_preposition:
                    target = resolver.participant(next(iter(children(prep, "pobj")), None), things)
        if sense.argument and actor is None and target is None:
            continue
        return Found(token, sense, None, actor, target, theme)
    return None


def subject_for(token: Token) -> Token | None:
    """The verb's subject, climbing where the parse puts it higher up.

    ``Netanyahu will be the first leader to meet Trump``: an infinitive on the
    attribute of a copula takes the copula's subject; ``Hamas is ready to
    negotiate``: an infinitive under an adjective takes the adjective's verb's.
    """
    direct = closest(token, "nsubj")
    if direct is not None:
        return subject_of(token) if direct.lower_ in ("who", "which", "that") else direct
    head = token.head
    infinitive = any(c.lower_ == "to" for c in children(token, "aux"))
    if token.dep_ == "pcomp" and head.lower_ == "of" and head.head.i != head.i:
        accused = closest(head.head, "dobj")  # "accused the army of detaining students"
        if accused is not None:
            return accused
    if infinitive and token.dep_ in ("xcomp", "ccomp") and head.i != token.i:
        # "urged the two sides to withdraw", "called on the mediators to hold": the
        # one urged is the one who is to act (object control)
        controller = closest(head, "dobj")
        if controller is None:
            on = next((p for p in children(head, "prep") if p.lower_ == "on"), None)
            controller = closest(on, "pobj") if on is not None else None
        if controller is not None and controller.i < token.i:
            return controller
    if infinitive and token.dep_ in ("relcl", "acl") and head.dep_ == "attr":
        return subject_of(head.head)
    if token.dep_ == "xcomp" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
        return subject_of(head.head)
    if token.dep_ == "xcomp" and not children(head, "nsubj", "nsubjpass"):
        return subject_for(head)
    return subject_of(token)


def has_condition(token: Token, lexicon: Lexicon) -> bool:
    return any(
        t.lower_ in lexicon.status.get("condition", ()) and t.dep_ == "mark" for t in token.subtree
    )


def between(noun: Token | None, resolver: Resolver) -> Participant | None:
    """``a ceasefire between Israel and Hezbollah``: the two parties, as one participant."""
    if noun is None:
        return None
    for prep in children(noun, "prep"):
        if prep.lower_ == "between":
            pobj = next(iter(children(prep, "pobj")), None)
            return resolver.participant(pobj, conjoined=True)
    return None


# Nouns ----------------------------------------------------------------------


def noun_event(
    token: Token, senses: tuple[Sense, ...], resolver: Resolver, lexicon: Lexicon
) -> Found | None:
    if token.dep_ in ("compound", "amod") or any(
        c.lower_ in ("no", "any") for c in children(token, "det")
    ):
        return None
    carrier = None
    if (
        token.dep_ in ("dobj", "nsubj", "nsubjpass")
        and token.head.lemma_ in lexicon.light_verbs
        # "hold up the release", "held back the release" is no holding of it
        and not any(c.lower_ in ("up", "back", "off") for c in token.head.children)
    ):
        carrier = token.head
    actor = None
    poss = next(iter(children(token, "poss")), None)
    if poss is not None and poss.ent_type_ in ("DATE", "TIME"):
        poss = None  # "last Thursday’s talks": a date (see event_date)
    target = None
    if poss is not None:
        actor = resolver.participant(poss)
        released = senses[0].mode == "release" and (
            poss.lower_ in ("his", "her", "their")
            or getattr(resolver.entity_at(poss), "label", None) == "PERSON"
        )
        if released:  # "his release": the one released
            actor, target = None, actor
    if actor is None:
        actor = between(token, resolver)
    if actor is None:
        for child in children(token, "amod", "compound"):
            name = resolver.country_or_name(child)
            if name is not None:
                actor = Participant([name], token.doc[child.i : child.i + 1])
                actor.countries = [
                    resolver.aliases.lookup(name).country if resolver.aliases.lookup(name) else None
                ]
                actor.sectors = [
                    resolver.aliases.lookup(name).sector if resolver.aliases.lookup(name) else None
                ]
                break
    if actor is None and carrier is not None and token.dep_ == "dobj":
        actor = resolver.participant(subject_for(carrier))
    for prep in children(token, "prep"):
        if target is not None:
            break
        if prep.lower_ in ("with", "on", "against", "of"):
            pobj = next(iter(children(prep, "pobj")), None)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            if prep.lower_ != "of" or resolver.entity_at(pobj) is not None:
                target = resolver.participant(pobj)
    for sense in senses:
        if sense.with_ is not None and not any(
            t.lemma_.lower() in sense.with_ or t.lower_ in sense.with_
            for t in token.subtree
            if t.i != token.i
        ):
            continue
        return Found(token, sense, carrier, actor, target)
    return None


def merge_nouns_into_verbs(found: list[Found]) -> list[Found]:
    """Drop a noun trigger that names the event of a verb trigger of the same type above it."""
    verbs = {f.token.i: f for f in found if f.token.pos_ == "VERB"}
    kept = []
    for item in found:
        if item.token.pos_ != "VERB":
            head = item.token.head
            if head.dep_ in ("prep", "agent"):
                head = head.head  # "killed ... in an attack", "killed by Pakistani shelling"
            other = verbs.get(head.i) or verbs.get(item.token.head.i)
            if other is not None and other.sense.type == item.sense.type:
                continue
            if (
                item.token.head.i in verbs
                and verbs[item.token.head.i].sense.type == item.sense.type
            ):
                continue
        elif item.token.dep_ in ("xcomp", "advcl", "conj") and item.token.head.i in verbs:
            other = verbs[item.token.head.i]
            if other.sense.type == item.sense.type and other.sense.type == "CONSULT":
                continue  # "sending a team to negotiate": one event
        kept.append(item)
    return kept


# Status, date, mode -----------------------------------------------------------


def status_of(item: Found, lexicon: Lexicon) -> str:
    words = lexicon.status
    verb = item.carrier or item.token
    if item.token.pos_ != "VERB" and item.carrier is None:
        verb = item.token.head if item.token.head.pos_ in ("VERB", "AUX", "ADJ") else item.token
        if any(c.lemma_.lower() in words["next"] for c in item.token.children):
            return "planned"
        preposition = item.token.head if item.token.dep_ == "pobj" else None
        if preposition is not None and (
            preposition.lower_ == "before"
            or (preposition.lower_ == "of" and preposition.head.lower_ == "ahead")
        ):
            return "planned"  # "ahead of Netanyahu’s meeting with Trump"
    chain = governors(verb)
    if any(g.lemma_.lower() in words["deny"] for g in chain[1:]):
        return "denied"
    if any(
        g.lemma_.lower() in words["demand"] and rel in ("xcomp", "ccomp", "advcl", "pobj")
        for g, rel in zip(chain[1:], [c.dep_ for c in chain], strict=False)
    ):
        return "demanded"
    if any(
        c.dep_ == "mark" and c.lower_ in words["condition"] for g in chain[:2] for c in g.children
    ):
        return "hypothetical"  # "if the hostages were not freed"
    if has_negation(verb, words):
        return "negated"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words["refuse"]:
        return "negated"  # "refused to release hostages"
    if any(c.lower_ in words["hypothetical"] for c in children(verb, "aux")):
        return "hypothetical"
    if is_planned(verb, chain, words):
        return "planned"
    return "occurred"


def governors(token: Token) -> list[Token]:
    """The token and the verbs above it within its clause chain (xcomp, ccomp, conj, ...)."""
    chain = [token]
    while token.head.i != token.i and token.dep_ in _SUBORDINATE | {"dobj", "pobj", "prep"}:
        token = token.head
        chain.append(token)
        if len(chain) > 4:
            break
    return chain


def has_negation(verb: Token, words) -> bool:
    """``did not meet``; ``would not agree to release`` (the negation on the verb above)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in verb.head.children)


def is_planned(verb: Token, chain: list[Token], words) -> bool:
    auxes = children(verb, "aux", "auxpass")
    if any(a.lower_ in words["future"] for a in auxes) and not any(
        a.lower_ == "have" for a in auxes
    ):
        return True
    if (
        verb.tag_ == "VBG"
        and verb.lemma_ in words["progressive_plan"]
        and any(a.lemma_ == "be" for a in auxes)
    ):
        return True
    to_infinitive = any(a.lower_ == "to" for a in auxes)
    if to_infinitive and verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr":
        # "will be the first leader to meet Trump": the copula's tense
        return any(a.lower_ in words["future"] for a in children(verb.head.head, "aux"))
    if to_infinitive and verb.dep_ in ("xcomp", "advcl", "acl", "ccomp"):
        head = verb.head
        if head.lemma_.lower() in words["plan"] or verb.dep_ in ("advcl", "acl"):
            return True
        if head.lemma_ == "be":
            return True  # "Hamas was to free 33 hostages"
        head_aux = children(head, "aux")
        if any(a.lower_ in words["future"] for a in head_aux):
            return True
        if head.dep_ in ("acomp",) and head.lemma_.lower() in words["plan"]:
            return True
    return bool(verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in words["plan"])


def event_date(item: Found, doc: Doc, reference: dt.date | None) -> dt.date | None:
    """The day the trigger's own clause gives, or None.

    The parse's attachment first (``timex_for_token``) on the trigger, the
    verb carrying it, and the verbs it depends on without a clause of its own
    ("is due to release", "began ..., killing"); then a dated phrase inside
    the trigger's phrase ("before dawn on Tuesday"); then a date fronted
    before the whole sentence. "before Friday", "since January 21" bound a
    time; they are not the event's date.
    """
    anchors = [item.token]
    if item.carrier is not None:
        anchors.append(item.carrier)
    token = item.token
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
    if (
        item.token.pos_ != "VERB"
        and item.carrier is None
        and item.token.head.pos_ in ("VERB", "AUX")
        and item.token.dep_ in ("nsubj", "nsubjpass")
    ):
        anchors.append(item.token.head)
    for anchor in anchors:
        timex = timex_for_token(doc, anchor, reference)
        if timex is not None and timex.value is not None and not said_when(timex, anchor):
            return day_of(timex, doc)  # an unresolved one ("the heaviest day") says nothing
    if item.token.pos_ != "VERB":
        poss = next((c for c in children(item.token, "poss") if c.ent_type_ == "DATE"), None)
        timex = following_timex(item.token, doc, reference) or (
            inside(poss, doc, reference) if poss is not None else None
        )
        if timex is not None:
            return day_of(timex, doc)
    for anchor in anchors:
        timex = nested_timex(anchor, doc, reference)
        if timex is not None:
            return day_of(timex, doc)
    when = when_clause(item.token, doc, reference)
    if when is not None:
        return day_of(when, doc)
    return fronted_date(item.token, doc, reference)


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


def planned_date(date, status: str, item: Found, doc: Doc, reference) -> dt.date | None:
    """A planned event's bare weekday looks ahead ("will travel to Lisgard to meet him on
    Friday"), where the resolver, reading only the nearest verb, looked back."""
    if status != "planned" or date is None or reference is None or date >= reference:
        return date
    chain = governors(item.carrier or item.token)
    if not any(a.lower_ in ("will", "shall", "'ll", "’ll") for g in chain for a in g.children):
        return date  # "had been due to start on Sunday": a plan told after the day
    for timex in find_timexes(doc, reference):
        if timex.low == date and normalise(timex.text) in WEEKDAY_FORMS:
            ahead = resolve(timex.text, reference, tense="future")
            if (
                ahead is not None
                and ahead.date is not None
                and item.token.sent.start_char <= timex.start < item.token.sent.end_char
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
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in _SPEECH:
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
        if head.dep_ == "ccomp" and head.head.lemma_ in _SPEECH:
            speech = head.head
            timex = timex_for_token(doc, speech, reference)
            sentence = speech.sent
            first = next(t for t in sentence if not t.is_space)
            if timex is not None and timex.start <= first.idx + len(first.text) + 1:
                return timex.date
            return None
        head = head.head
    return None


def assault_mode(item: Found, lexicon: Lexicon) -> str | None:
    words = {t.lemma_.lower() for t in item.token.subtree} | {item.token.lemma_.lower()}
    for participant in (item.actor,):
        if participant is not None:
            words |= {t.lemma_.lower() for t in participant.mention}
    subject = subject_of(item.token) if item.token.pos_ == "VERB" else None
    if subject is not None:
        words |= {t.lemma_.lower() for t in subject.subtree}
    for mode, cues in lexicon.assault_modes.items():
        if words & cues:
            return mode
    return None


# Records --------------------------------------------------------------------


def to_record(item: Found, doc: Doc, document, resolver: Resolver, lexicon: Lexicon) -> Event:
    token = item.token
    spans = [(token.idx, token.idx + len(token))]
    for participant in (item.actor, item.target):
        if participant is not None and participant.mention.sent == token.sent:
            spans.append((participant.mention.start_char, participant.mention.end_char))
    start = min(a for a, _ in spans)
    end = max(b for _, b in spans)
    evidence, ev_start, ev_end = evidence_span(doc[token.i : token.i + 1])
    status = status_of(item, lexicon)
    mode = item.sense.mode
    if mode is None and item.sense.type == "ASSAULT":
        mode = assault_mode(item, lexicon)
    scope = [t for t in token.subtree if not in_clause_below(t, token)]
    if item.carrier is not None:
        scope += [t for t in item.carrier.children if t.dep_ == "prep"]
        scope += [t for c in item.carrier.children if c.dep_ == "prep" for t in c.children]
    location = resolver.place(scope, allow_to=item.sense.type in ("CONSULT", "AID"))
    if location is None and item.sense.type in ("ASSAULT", "AID", "COERCE"):
        location = resolver.place_in(item.target.mention if item.target else None)
        if location is None and token.pos_ == "VERB":
            location = resolver.place_in(span_of(closest(token, "dobj")))
    actor, target = item.actor, item.target
    return Event(
        doc=document.id,
        doc_date=document.date,
        start=start,
        end=end,
        evidence=evidence,
        evidence_start=ev_start,
        evidence_end=ev_end,
        type=item.sense.type,
        mode=mode,
        status=status,
        actor=actor.names if actor else None,
        actor_mention=actor.mention.text if actor else None,
        actor_country=actor.countries if actor else None,
        actor_sector=actor.sectors if actor else None,
        target=target.names if target else None,
        target_mention=target.mention.text if target else None,
        target_country=target.countries if target else None,
        target_sector=target.sectors if target else None,
        location=location,
        date=planned_date(event_date(item, doc, document.date), status, item, doc, document.date),
        trigger=token.text,
        trigger_start=token.idx,
        trigger_end=token.idx + len(token),
    )


def span_of(token: Token | None):
    return token.doc[token.left_edge.i : token.right_edge.i + 1] if token is not None else None


def in_clause_below(token: Token, trigger: Token) -> bool:
    """True when ``token`` sits in a clause of its own under the trigger."""
    node = token
    while node.i != trigger.i:
        if node.dep_ in (
            "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "nsubj", "nsubjpass"
        ):  # fmt: skip
            return True
        node = node.head
    return False
