"""Whose people a release figure counts: who frees them, whose they are, each side's or both.

In a swap both sides release people, and reports tell one side's release in
many ways: "Russia released 95 Ukrainian prisoners" (the releasing side is the
subject), "230 Ukrainian prisoners of war returned home" (the people are the
other side's), "248 Russian servicemen have been freed", "Moscow and Kyiv each
swapped 103 prisoners" (each side's figure), "the two countries exchanged 190
prisoners" (both sides together). A release figure keeps:

- ``released_by``: the actors of the release event the figure is the object of
  (the events extractor reads them from the parse: ``Hamas freed three
  hostages and, in return, Israel released 90 prisoners`` gives each its own);
- ``received_by``: the side the people belong to or go home to: a demonym or
  a group's name on the counted noun (``Ukrainian prisoners``, ``Houthi
  detainees``, ``Americans``), or ``returned to Ukraine``;
- ``each``: true for a per-side figure of a mutual exchange (``each``, ``each
  side``, ``95 for 95``), false for both sides together (``an exchange of more
  than 800 prisoners``, ``the sides swapped 190 prisoners``), null otherwise.

The ledger decides with them which party's obligation a figure counts for.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from trucewatch.extract.actors import AliasTable
from trucewatch.extract.clauses import SWAPPING
from trucewatch.extract.records import Claim, Event

RELEASES = ("hostages_released", "prisoners_released", "bodies_returned")
_NOUN_MODIFIERS = {"amod", "compound", "nmod", "poss"}
_RECEIVING_VERBS = {"receive", "welcome", "recover"}
_CARRYING = {"carry", "transport", "ferry", "bring"}
_RETURN_VERBS = {"return", "repatriate", "send", "bring", "fly", "transfer", "hand", "deport"}
# "95 for 95", "95-for-95", "1,000 for 1,000": a per-side figure.
_FOR_SAME = re.compile(r"(\d[\d,]*)\s*(?:-|\s)\s*for\s*(?:-|\s)\s*(\d[\d,]*)")


def assign_sides(doc: Doc, claims: list[Claim], events: list[Event], aliases: AliasTable) -> None:
    """Fill ``released_by``, ``received_by`` and ``each`` on the release figures, in place."""
    releases = [e for e in events if e.mode == "release" and e.actor]
    for claim in claims:
        if claim.category not in RELEASES:
            continue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None:
            continue
        claim.each = each_side(span, claim)
        # "released 60 prisoners in exchange for 360": the releaser frees the 60 only
        event = None if _in_exchange_for(span.root) else _release_of(claim, releases)
        claim.released_by = list(event.actor) if event is not None else None
        claim.received_by = receivers(span, aliases) or None
    releases_here = [c for c in claims if c.category in RELEASES]
    _totals_set_against_each_other(releases_here)
    _given_in_exchange(doc, releases_here)


def _totals_set_against_each_other(claims: list[Claim]) -> None:
    """ "A total of 1,000 Ukrainians returned home in exchange for 1,000 Russians": the
    other side's figure, set against a running total in its sentence, is one too."""
    for total in claims:
        if not total.cumulative or total.received_by is None:
            continue
        for other in claims:
            if (
                other.evidence_start == total.evidence_start
                and not other.cumulative
                and other.date is None
                and other.received_by not in (None, total.received_by)
            ):
                other.cumulative = True


def _given_in_exchange(doc: Doc, claims: list[Claim]) -> None:
    """ "706 Houthi prisoners are out, in exchange for 186 prisoners": what was given in
    exchange goes the other way, freed by the side that got the first figure's people."""
    for given in claims:
        if given.released_by or given.received_by:
            continue
        span = doc.char_span(given.start, given.end, alignment_mode="expand")
        if span is None or not _in_exchange_for(span.root):
            continue
        for other in claims:
            if other is given or other.evidence_start != given.evidence_start:
                continue
            if other.received_by or other.released_by:
                given.released_by = other.received_by
                given.received_by = other.released_by
                break


def _in_exchange_for(noun: Token) -> bool:
    """The noun is what "in exchange for", "in return for" or "swapped ... for" names."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return False
    above = prep.head
    return above.lemma_.lower() in SWAPPING | {"return"}


def _release_of(claim: Claim, releases: list[Event]) -> Event | None:
    """The release whose words hold the figure: the narrowest in its sentence."""
    holding = [
        e
        for e in releases
        if e.evidence_start == claim.evidence_start and e.start <= claim.start < claim.end <= e.end
    ]
    return min(holding, key=lambda e: e.end - e.start, default=None)


def each_side(span: Span, claim: Claim) -> bool | None:
    """True: "103 prisoners each", "each swapped 103", "from each side", "95 for 95";
    False: the figure of an exchange as a whole ("an exchange of 800 prisoners");
    None: the sentence does not say."""
    root = span.root
    anchors = {t.i for t in span} | {root.head.i}
    # "with 390 freed by each side": the figure's own participle
    anchors |= {c.i for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB"}
    verb = root
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
        anchors.add(verb.i)  # "each handing over 307", a participle the parse makes a noun
    for token in span.sent:
        if token.lower_ not in ("each", "both", "all"):
            continue
        near = token.head.i in anchors or token.head.head.i in anchors
        if near and token.lower_ == "each" and token.head.lemma_ != "side":
            return True  # "103 prisoners each", "each swapped 103"
        side = token.head
        if side.lemma_ == "side" and (near or side.head.head.i in anchors):
            # "103 prisoners from each side", "each side freed 103", "the number each
            # side has freed"; "900 detainees from both sides": together
            return token.lower_ == "each" and (
                side.head.lower_ in ("from", "by", "to") or side.dep_ == "nsubj"
            )  # "303 more prisoners home to each side": each side's
    value = claim.value
    for match in _FOR_SAME.finditer(span.sent.text):
        left, right = (int(g.replace(",", "")) for g in match.groups())
        if left == right and left == value:
            return True
    # "an exchange of 800 prisoners", "swapped 190 prisoners" (not "in exchange for 252")
    of = root.dep_ == "pobj" and root.head.lower_ == "of"
    head = root.head.head if of else root.head
    if head.lemma_.lower() in SWAPPING and (of or root.dep_ in ("dobj", "nsubjpass")):
        return False
    if (
        of
        and head.lemma_.lower() in ("total", "number")
        and head.dep_ in ("nsubjpass", "dobj")
        and head.head.lemma_.lower() in SWAPPING
    ):
        return False  # "a total of 780 prisoners were exchanged"
    after = root.right_edge.i + 1
    participles = [c for c in (*root.children, *head.children) if c.dep_ == "acl"]
    if any(
        p.lemma_.lower() in SWAPPING
        and (p.head.i == root.i or p.i == after)
        and any(c.lower_ == "between" for c in p.children)
        for p in participles
    ):
        return False  # "350 prisoners exchanged between Russia and Ukraine", not "for"
    return None


def receivers(span: Span, aliases: AliasTable) -> list[str]:
    """The sides the counted people belong to or go home to (canonical names)."""
    root = span.root
    words = [root]
    for child in root.children:
        if child.dep_ in _NOUN_MODIFIERS:
            words.append(child)
        if child.dep_ == "prep" and child.lower_ == "of":  # "prisoners of the Ukrainian army"
            words += _of_phrase(child)
        if child.dep_ == "compound":  # "200 Afghan government soldiers"
            words += [c for c in child.children if c.dep_ in ("amod", "compound")]
        if child.dep_ == "poss" and child.lower_ in ("their", "its"):
            words += _possessor(root)  # "the Taliban, in exchange for their 360 prisoners"
    listed = _destinations(span, aliases)
    if listed is not None:  # "10 were flown to Russia, 13 to Germany and three to Canada"
        return listed
    receiving = _receiving_side(root)
    if receiving is not None:
        words.append(receiving)  # "Russia received 307 of its servicemen"
    verb = root.head
    if verb.lemma_.lower() in _CARRYING and verb.dep_ == "acl" and verb.head.head.i != verb.i:
        verb = verb.head.head  # "a plane carrying 120 detainees flew to Aden"
    if verb.lemma_.lower() in _RETURN_VERBS:  # "returned to Ukraine", "flown home to Israel"
        preps = [c for c in verb.children if c.dep_ == "prep"]
        preps += [g for c in preps if c.lower_ == "from" for g in c.children if g.dep_ == "prep"]
        for child in preps:  # "flew from Sanaa to Aden": the parse may hang "to" on "from"
            if child.lower_ == "to":
                words += [
                    c
                    for c in child.children
                    if c.ent_type_ in ("GPE", "NORP") or side_name(c, aliases) is not None
                ]
    found: list[str] = []
    for token in words:
        name = side_name(token, aliases)
        if name is not None and name not in found:
            found.append(name)
    return found


def _possessor(noun: Token) -> list[Token]:
    """Whom "their" on the counted noun stands for: the subject of its clause."""
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")]


def _of_phrase(of: Token, depth: int = 3) -> list[Token]:
    """The words of an "of" phrase and the "of" phrases inside it: "prisoners of war of
    the Armed Forces of Ukraine"."""
    words: list[Token] = []
    for pobj in (c for c in of.children if c.dep_ == "pobj"):
        words += [pobj, *(c for c in pobj.children if c.dep_ in _NOUN_MODIFIERS)]
        if depth > 1:
            for inner in pobj.children:
                if inner.dep_ == "prep" and inner.lower_ == "of":
                    words += _of_phrase(inner, depth - 1)
    return words


def _receiving_side(root: Token) -> Token | None:
    """The subject of a verb of receiving the people: "Russia received 307 servicemen",
    "Moscow said it had got back 880 servicemen and 120 civilians"."""
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    verb = token.head
    lemma = verb.lemma_.lower()
    back = any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)
    if token.dep_ != "dobj" or not (
        lemma in _RECEIVING_VERBS or (back and lemma in ("get", "take"))
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "PRON" and verb.dep_ == "ccomp":
        # "Moscow said it had received": the pronoun is the one saying it
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def side_name(token: Token, aliases: AliasTable) -> str | None:
    """A state or group a word names: ``Ukrainian`` -> Ukraine, ``Houthi`` -> Houthis,
    ``Americans`` -> United States."""
    text = token.text
    for form in (text, text[:-1] if text.endswith("s") else None):
        if not form:
            continue
        state = aliases.demonyms.get(form.casefold())
        if state is not None:
            return state.canonical
        actor = aliases.lookup(form)
        if actor is not None and actor.label in ("GPE", "ORG", "NORP") and form[:1].isupper():
            return actor.canonical
    return None


def _destinations(span: Span, aliases: AliasTable) -> list[str] | None:
    """A list of counts sent to several places ("10 were transferred to Russia, 13 to
    Germany and three to the United States"): each count goes to the place named
    after it, before the next count. None when the sentence names one place or fewer
    (the parse hangs such lists anywhere, so they are read in word order)."""
    sent = span.sent
    places: list[tuple[int, str]] = []
    for token in sent:
        if token.lower_ != "to" or token.i + 1 >= sent.end:
            continue
        for word in sent.doc[token.i + 1 : min(token.i + 5, sent.end)]:
            if word.is_punct or word.lower_ in ("and", "or", "while"):
                break
            name = side_name(word, aliases) if word.pos_ == "PROPN" else None
            if name is None and word.ent_type_ == "GPE":  # a place the alias table lacks
                name = _entity_text(word)
            if name is not None:
                places.append((token.i, name))
                break
    if len({name for _, name in places}) < 2:
        return None
    numbers = [t for t in span if t.like_num]
    if not numbers:
        return None
    number = numbers[0]
    own = {t.i for t in span.root.subtree} | {t.i for t in span}
    counts = [t.i for t in sent if t.like_num and t.ent_type_ == "CARDINAL" and t.i not in own]
    if len(counts) < 1:
        return None
    for at, name in places:
        if at > number.i:
            between = [i for i in counts if number.i < i < at]
            return [] if between else [name]
    return []


def _entity_text(token: Token) -> str:
    """The whole named entity a token is part of ("the United States")."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text.removeprefix("the ").removeprefix("The ")
    return token.text
