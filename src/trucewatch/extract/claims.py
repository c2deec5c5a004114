"""Claim records: which figures, by whose account, for when, and as fact or as term.

Each quantity ``find_quantities`` finds (``extract/numbers.py``) becomes a
claim, decided on the dependency parse (issue 4):

- **category**: the counted noun says it when it can (``exchanges``, ``trucks``,
  ``deaths``, a duration's unit); hostages and prisoners take ``_released``
  when the verb or event noun above them frees or exchanges (``free``,
  ``hand over``, ``in exchange for``), hostages otherwise ``_held``; counted
  people (``people``, ``soldiers``, a nationality) take the verb's category
  (``killed``, ``wounded``, ``displaced``; a release looks for the word
  hostage or prisoner in the phrase, the sentence, then the two sentences
  before). An elided count (``150 for 150``) takes the category of the claim
  before it in its sentence. Everything else is ``other``.
- **modality**: ``negated`` (``did not free``), ``term`` (``was to free``,
  ``agreed to``, ``under the deal`` in the present or future, ``calls for``
  with an agreement as subject, ``will`` where the sentence or the one before
  names an agreement, a duration measuring an agreement: ``a 42-day phase``),
  ``projected`` (``expected to``, ``due to``, ``could``; ``will`` elsewhere),
  else ``reported``.
- **cumulative**: a running total: perfect aspect on the verb or the clause it
  belongs to (``have been freed``), or ``so far``, ``in all``, ``since``, ...
- **source**: the speaker of the innermost quotation, reported speech or
  ``according to`` phrase holding the figure, as written (``the Hamas-run
  territory’s health ministry``; a pronoun is replaced by whom it resolves
  to), from the quote records: attribution is not derived twice.
- **date**: when the counted thing happened, from the time expression the
  verb carries or a time expression fronting the sentence (``On Tuesday,
  ...``); **as_of**: the date a ``by``/``as of`` expression gives, else the
  date the words were said, else the report's date.

Word lists: ``trucewatch/data/claims.yaml``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from trucewatch.extract.numbers import Quantity, find_quantities, lexicon
from trucewatch.extract.records import Claim, Entity, Quote, evidence_span
from trucewatch.extract.speakers import GROUP_PRONOUNS, PERSON_PRONOUNS, person_nouns
from trucewatch.extract.timex import UNITS, Timex, find_timexes, timex_for_token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CATEGORIES: tuple[str, ...] = tuple(lexicon()["categories"])
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"them", "those", "whom", "who", "these", "us"}


def extract_claims(
    doc: Doc, document, quotes: list[Quote], entities: list[Entity] | None = None
) -> list[Claim]:
    """The numeric claims in a parsed report; ``quotes`` give their sources."""
    reference = document.date
    timexes = find_timexes(doc, reference)
    places = [e for e in entities or [] if e.label in PLACE_LABELS]
    quantities = find_quantities(doc, timexes)
    counted = {q.noun.i: q for q in quantities if q.noun is not None}
    decided: dict[int, str] = {}  # counted noun -> its category, for the claims after it
    claims: list[Claim] = []
    last: tuple[int, str] | None = None  # (sentence start, category) of the claim before
    for q in quantities:
        sentence = doc[q.first].sent
        verb, chain = governor(q)
        category = category_of(q, verb, chain, doc, counted, decided)
        if category is None:
            window = _window_start(doc, sentence)
            category = last[1] if last is not None and last[0] >= window else "other"
        if category == "other" and q.value == 1 and doc[q.root.i].lower_ == "one":
            continue  # "one" as a pronoun or an article, not a count
        if category != "other":
            last = (sentence.start, category)
        if q.noun is not None:
            decided[q.noun.i] = category
        modality = modality_of(q, verb, doc, chain)
        start, end = claim_span(doc, q)
        quote = innermost_quote(quotes, start, end)
        date, as_of = dates_of(doc, q, verb, timexes, reference)
        if category in ("other", "duration"):
            date = None  # nothing counted happened on a day
        if as_of is None:
            as_of = (quote.date if quote is not None else None) or reference
        evidence, ev_start, ev_end = evidence_span(doc[q.first : q.last + 1])
        claims.append(
            Claim(
                doc=document.id,
                doc_date=reference,
                start=start,
                end=end,
                evidence=evidence,
                evidence_start=ev_start,
                evidence_end=ev_end,
                value=_number(q.value),
                low=_number(q.low),
                high=_number(q.high),
                qualifier=q.qualifier,
                category=category,
                subject=subject_of(q),
                location=location_of(q, verb, places),
                source=source_of(quote, doc),
                as_of=as_of,
                date=date,
                modality=modality,
                cumulative=category != "duration"
                and cumulative(q, verb, chain, modality, category),
            )
        )
    return claims


def _window_start(doc: Doc, sentence) -> int:
    """The first token of the sentences an elided count may look back to."""
    start = sentence.start
    for _ in range(int(lexicon()["elided_window"])):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


# ---------------------------------------------------------------- what is counted


def governor(q: Quantity) -> tuple[Token | None, list[Token]]:
    """The verb the counted noun depends on, and the tokens passed on the way up.

    A copula hands over to the verb it carries ("are [due] to be [released]").
    """
    token = q.noun if q.noun is not None else q.root
    chain: list[Token] = []
    if q.noun is not None:
        lex = lexicon()
        for child in q.noun.children:
            if child.dep_ not in ("acl", "relcl") or (child.dep_ == "acl" and child.tag_ != "VBN"):
                continue
            main = _main_verb(child)
            if _action([main, *_inner_verbs(main)], lex, _STRONG):
                # "six hostages handed over on Saturday", "the hostages it is due to free"
                return main, chain
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token is not q.root and token.dep_ != "prep":
            return _main_verb(token), chain
        if token.head is token:
            return (_main_verb(token) if token.pos_ in ("VERB", "AUX") else None), chain
        if token is not q.noun and token is not q.root:
            chain.append(token)
        token = token.head
    return None, chain


def _main_verb(verb: Token) -> Token:
    for _ in range(3):
        if verb.lemma_ != "be":
            break
        inner = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp")), None)
        if inner is None:
            break
        verb = inner
        if verb.pos_ != "VERB":
            inner = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            verb = inner if inner is not None else verb
    return verb


_STRONG = ("killed", "wounded", "displaced", "released")


def _action(tokens, lex, only=("killed", "wounded", "released", "displaced", "held")) -> str | None:
    verbs = lex["verbs"]
    for token in tokens:
        lemma = token.lemma_.lower()
        if (
            "released" in only
            and lemma in verbs["released_with_free"]
            and any(c.lower_ == "free" for c in token.children)
        ):
            return "released"  # "due to go free"
        if "released" in only and lemma == "be" and any(c.lower_ == "back" for c in token.children):
            return "released"  # "three women were back in Israel"
        for action in only:
            if lemma in verbs[action] or token.lower_ in verbs[action]:
                return action
    return None


def category_of(
    q: Quantity, verb: Token | None, chain: list[Token], doc: Doc, counted: dict, decided: dict
) -> str | None:
    """The category of what is counted; None for an elided count the claim before decides."""
    lex = lexicon()
    if q.duration:
        return "duration"
    noun = q.noun
    lemma = noun.lemma_.lower() if noun is not None else None
    if lemma in UNITS:
        return "duration"  # "two more days"
    for category, lemmas in lex["nouns"].items():
        if lemma in lemmas:
            return category
    for token in chain:
        if token.i in decided and decided[token.i] != "other":
            return decided[token.i]  # "25 hostages and four bodies", "390 people, including 120"
    subset = set(lex["subset_words"])
    if any(
        t.lemma_.lower() in subset or t.lower_ in subset for t in [*chain, verb] if t is not None
    ) and _same_sentence_before(q, decided, doc):
        return None  # "620 prisoners ..., including around 50 serving life sentences"
    if noun is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        earlier = anaphor_of(q, counted, decided, _is_people(noun, lex))
        if earlier is not None:
            return earlier  # "the 110 prisoners" after "110 Palestinian prisoners"
    modifiers = [c for c in noun.children if c.dep_ in ("acl", "amod", "relcl")] if noun else []
    if noun is not None and noun.lower_ in _PRONOUNS:
        noun = None  # "24 of them": the claim before in the sentence says what
    if noun is None and _same_sentence_before(q, decided, doc):
        return None  # "150 prisoners for 150"
    if noun is None and q.noun is None and _family_size(q, lex):
        return "other"  # "a father of six"
    verbs = [verb, *_inner_verbs(verb)] if verb is not None else []
    action = (
        _action(modifiers, lex, _STRONG[:3])
        or _action([*chain, *verbs], lex)
        or _action(modifiers, lex)
    )
    hostage, prisoner = set(lex["hostage_words"]), set(lex["prisoner_words"])
    if lemma in hostage:
        return {"released": "hostages_released", "killed": "killed"}.get(action, "hostages_held")
    if lemma in prisoner and lemma not in ("serviceman", "servicemen"):
        return {"released": "prisoners_released", "killed": "killed", "wounded": "wounded"}.get(
            action, "other"
        )
    if noun is None or _is_people(noun, lex):
        if action in ("killed", "wounded", "displaced"):
            return action
        if action in ("released", "held"):
            kind = hostage_or_prisoner(q, doc, hostage, prisoner, counted)
            if action == "held":
                return "hostages_held" if kind == "hostages" else "other"
            return f"{kind}_released" if kind else "other"
        if noun is None:
            return None
    return "other"


def _inner_verbs(verb: Token) -> list[Token]:
    """ "is expected [to be freed]": the verbs the governing verb carries."""
    inner = []
    for child in verb.children:
        if child.dep_ == "xcomp":
            inner.append(child)
            inner += [c for c in child.children if c.dep_ == "xcomp"]
    return inner


def anaphor_of(q: Quantity, counted: dict, decided: dict, people: bool) -> str | None:
    """The category of the last earlier claim with the same figure and counted noun
    (any counted people, when these are people: "the three women" after "three
    hostages")."""
    lemma = q.noun.lemma_.lower()
    found = None
    for i, other in counted.items():
        if i >= q.first or other.value != q.value or decided.get(i, "other") == "other":
            continue
        if people or other.noun.lemma_.lower() == lemma:
            found = decided[i]
    return found


def _family_size(q: Quantity, lex) -> bool:
    head = q.root.head
    return (
        q.root.dep_ == "pobj"
        and head.lower_ == "of"
        and (
            head.head.lemma_.lower() in person_nouns() or head.head.lemma_.lower() in lex["people"]
        )
    )


def _same_sentence_before(q: Quantity, decided: dict, doc: Doc) -> bool:
    sentence = doc[q.first].sent
    return any(sentence.start <= i < q.first for i in decided)


def _is_people(noun: Token, lex) -> bool:
    lemma = noun.lemma_.lower()
    return (
        lemma in lex["people"]
        or lemma in person_nouns()
        or noun.lower_ in _PRONOUNS
        or noun.ent_type_ == "NORP"
        or noun.tag_ == "NNPS"
    )


def hostage_or_prisoner(
    q: Quantity, doc: Doc, hostage: set, prisoner: set, counted: dict
) -> str | None:
    """ "hostages" or "prisoners": the telling word in the phrase, else the nearest in
    the sentence (the other side when it counts another figure: "369 prisoners, hours
    after Hamas handed over three men"), else in the two sentences before."""
    exchanges = set(lexicon()["nouns"]["exchanges"])

    def kind(token: Token) -> str | None:
        word = token.lower_.removesuffix("s")
        found = None
        if word in hostage or token.lemma_.lower() in hostage:
            found = "hostages"
        elif word in prisoner or token.lemma_.lower() in prisoner:
            found = "prisoners"
        if found and token.dep_ == "compound" and token.head.lemma_.lower() in exchanges:
            both = {kind_word(c) for c in token.head.children if c.dep_ == "compound"}
            if len(both - {None}) > 1:
                return None  # "hostage-prisoner exchanges" tells neither
        return found

    def kind_word(token: Token) -> str | None:
        word = token.lower_.removesuffix("s")
        if word in hostage:
            return "hostages"
        return "prisoners" if word in prisoner else None

    if q.noun is not None:
        for token in q.noun.subtree:
            if kind(token):
                return kind(token)
    sentence = doc[q.first].sent
    sides = lexicon()["two_sides"]
    contrast = any(
        (t.pos_ == "NOUN" and t.lemma_.lower() in sides["nouns"]) or t.lower_ in sides["words"]
        for t in sentence
    )
    for token in sorted(sentence, key=lambda t: abs(t.i - q.first)):
        found = kind(token)
        if found and contrast and token.i in counted and counted[token.i] is not q:
            return "prisoners" if found == "hostages" else "hostages"
        if found:
            return found
    before = sentence.start
    for _ in range(3):
        if before == 0:
            break
        previous = doc[before - 1].sent
        for token in reversed(previous):
            if kind(token):
                return kind(token)
        before = previous.start
    return None


def subject_of(q: Quantity) -> str | None:
    """The counted noun phrase as written, without the number: "Israeli soldiers"."""
    noun = q.noun
    if noun is None:
        return None
    left = noun.i
    for child in noun.children:
        if child.i < noun.i and child.i > q.last and child.dep_ in ("amod", "compound", "nmod"):
            left = min(left, child.left_edge.i)
    while left < noun.i and noun.doc[left].is_punct:
        left += 1
    return noun.doc[left : noun.i + 1].text


def claim_span(doc: Doc, q: Quantity) -> tuple[int, int]:
    """The number phrase with its qualifier, and the counted noun when it follows."""
    last = q.last
    if q.noun is not None and q.last < q.noun.i <= q.last + 6 and q.noun.sent == doc[q.first].sent:
        last = q.noun.i
    return doc[q.first].idx, doc[last].idx + len(doc[last])


# ---------------------------------------------------------------- modality


def _heads(verb: Token, relations: set[str]) -> list[Token]:
    """The verb and the heads above it through ``relations``."""
    heads, token = [verb], verb
    for _ in range(4):
        if token.dep_ not in relations or token.head is token:
            break
        token = token.head
        heads.append(token)
    return heads


def _agreement_in(tokens, lex) -> bool:
    nouns = set(lex["modality"]["agreement_nouns"])
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in nouns for t in tokens)


def _past_or_perfect(token: Token) -> bool:
    return token.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and (c.lemma_ == "have" or c.tag_ == "VBD")
        for c in token.children
    )


def modality_of(q: Quantity, verb: Token | None, doc: Doc, chain: list[Token]) -> str:
    """reported, term, projected or negated: see the module doc."""
    lex = lexicon()
    cues = lex["modality"]
    noun = q.noun
    for token in [q.root, *([noun] if noun is not None else []), *chain]:
        for child in token.children:
            if (
                child.dep_ == "acl"
                and child.lemma_.lower() in cues["setting_verbs"]
                and _agreement_in(child.subtree, lex)
            ):
                return "term"  # "the daily target of 600 set out in the deal"
    if noun is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return "negated"
    if q.duration and noun is not None:
        measured = noun.head if noun.dep_ in ("nmod", "compound", "amod", "npadvmod") else None
        if measured is not None and measured.lemma_.lower() in cues["agreement_nouns"]:
            demand = measured.head.lower_ == "for" and measured.head.head.lemma_ == "call"
            return "projected" if demand else "term"  # "a 42-day phase"
    if verb is None:
        return "reported"
    heads = _heads(verb, _INFINITIVE)
    for _ in range(3):
        top = heads[-1]
        if top.dep_ not in ("advcl", "ccomp") or not any(c.lower_ == "to" for c in top.children):
            break
        heads += _heads(top.head, _INFINITIVE)  # "due to open ... to allow 50 children to leave"
    children = [c for h in heads for c in h.children]
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    for head in heads:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        if infinitive and head.dep_ == "xcomp" and head.head.lemma_ in cues["term_governors"]:
            return "term"  # "Hamas was to free", "are still to be handed over"
    for head in heads[1:]:
        if head.lemma_.lower() in cues["term_verbs"]:
            return "term"  # "agreed to free"
    for head in heads:
        for child in head.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in cues["term_prepositions"]
                and any(t.lemma_.lower() in cues["proposal_nouns"] for t in child.subtree)
            ):
                return "projected"  # "under the proposal, half of the hostages would be freed"
    above = [heads[-1].head] if heads[-1].dep_ in ("ccomp", "advcl", "dobj") else []
    for head in heads + above:
        if head.lemma_.lower() in cues["agreement_verbs"]:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and _agreement_in([subject], lex):
                return "term"  # "the ceasefire calls for ..."
            if head.lemma_ == "call" and any(c.lower_ == "for" for c in head.children):
                return "projected"  # "Ukraine has called for a 30-day truce": a demand
        for child in head.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in cues["term_prepositions"]
                and _agreement_in(child.subtree, lex)
                and not _past_or_perfect(head)
            ):
                return "term"  # "under the deal, 600 trucks will enter"
    auxiliaries = [c for h in heads for c in h.children if c.dep_ == "aux"]
    if any(a.lower_ in cues["future_auxiliaries"] for a in auxiliaries):
        sentence = verb.sent
        window = list(sentence)
        if sentence.start > 0 and "\n" not in doc[sentence.start - 1].text:
            window += list(doc[sentence.start - 1].sent)
        return "term" if _agreement_in(window, lex) else "projected"
    if any(a.lower_ in cues["projection_auxiliaries"] for a in auxiliaries):
        return "projected"
    governors = set(cues["projection_governors"])
    for head in heads:
        if (head.lemma_.lower() in governors or head.lower_ in governors) and (
            head is not verb or any(c.dep_ == "xcomp" for c in head.children)
        ):
            return "projected"  # "is expected to free", "were due to be freed"
    return "reported"


_INFINITIVE = {"xcomp", "acomp", "auxpass"}
_CLAUSE = {"xcomp", "acomp", "pcomp", "prep", "advcl", "pobj"}


def cumulative(
    q: Quantity, verb: Token | None, chain: list[Token], modality: str, category: str
) -> bool:
    """A running total: "so far", "in all", "since ..."; "have been freed" for tracked figures."""
    if modality != "reported":
        return False
    phrases = set(lexicon()["cumulative"]["phrases"])
    words = [t.lower_ for t in chain]
    if verb is not None:
        for head in _heads(verb, _CLAUSE):
            perfect = any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                for c in head.children
            )
            if perfect and category != "other":
                return True  # "have been freed", "has killed"
            for child in head.children:
                words.append(child.lower_)
                words += [f"{child.lower_} {g.lower_}" for g in child.children]
                words += [f"{g.lower_} {child.lower_}" for g in child.children]
    return any(w in phrases for w in words)


# ---------------------------------------------------------------- source, dates, place


def innermost_quote(quotes: list[Quote], start: int, end: int) -> Quote | None:
    holding = [q for q in quotes if q.start <= start and end <= q.end]
    return min(holding, key=lambda q: q.end - q.start, default=None)


def source_of(quote: Quote | None, doc: Doc) -> str | None:
    """The speaker as written; a pronoun gives way to whom it resolves to, and an
    ``according to`` source keeps its whole phrase ("an AFP tally based on ...")."""
    if quote is None:
        return None
    mention = quote.speaker_mention
    if mention is None or mention.lower() in _PRONOUNS:
        return quote.speaker
    if quote.cue == "according to" and quote.speaker_start is not None:
        span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        if span is not None:
            last = span.root.right_edge
            comma = next((t for t in doc[span.end : last.i + 1] if t.text == ","), None)
            if comma is not None:
                last = comma  # not "..., which said that ..."
            while last.i > span.start and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            return doc[span.start : last.i + 1].text
    return mention


def dates_of(
    doc: Doc, q: Quantity, verb: Token | None, timexes: list[Timex], reference: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """(date, as_of): see the module doc."""
    lex = lexicon()
    date = as_of = None
    anchors = [t for t in (verb, q.noun) if t is not None]
    for anchor in anchors:
        timex = timex_for_token(doc, anchor, reference)
        if timex is None or timex.date is None:
            continue
        before = doc.text[max(0, timex.start - 12) : timex.start].lower().split()
        word = before[-1] if before else ""
        two = " ".join(before[-2:])
        if word in lex["as_of_prepositions"] or two in lex["as_of_prepositions"]:
            as_of = as_of or timex.date
        elif word not in lex["open_prepositions"] or word in ("on", "in"):
            date = date or timex.date
    if date is None and as_of is None:
        sentence = doc[q.first].sent
        fronted = next(
            (
                t
                for t in timexes
                if sentence.start_char <= t.start <= sentence.start_char + 3
                and t.date is not None
                and doc.text[t.end : t.end + 1] == ","
            ),
            None,
        )
        if fronted is not None:
            first = doc.text[sentence.start_char : fronted.start].strip().lower()
            if first in lex["as_of_prepositions"]:
                as_of = fronted.date
            elif first not in lex["open_prepositions"] or first in ("on", "in", ""):
                date = fronted.date
    return date, as_of


def location_of(q: Quantity, verb: Token | None, places: list[Entity]) -> str | None:
    """The first place the clause puts the counted thing in ("in Tayasir")."""
    anchor = verb if verb is not None else q.noun
    if anchor is None or not places:
        return None
    doc = anchor.doc
    sentence = anchor.sent
    places = [p for p in places if sentence.start_char <= p.start < sentence.end_char]
    subject = {t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    subject |= {
        t.i
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ == "according"
        for t in c.subtree
    }
    region = {t.i for t in anchor.subtree} - subject
    preps = set(lexicon()["location_prepositions"])
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.root.i not in region:
            continue
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in preps:
            return place.text
    return None
