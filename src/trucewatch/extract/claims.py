"""Claim records: which figures, by whose account, for when, and as fact or as term.

Each quantity ``find_quantities`` finds (``extract/numbers.py``: number forms
and what is not a count) becomes a claim, decided on the dependency parse
(issue 4):

- **category** (``extract/counted.py``): the counted noun says it when it can
  (``exchanges``, ``trucks``, ``deaths``, a duration's unit); hostages and
  prisoners take ``_released`` when the verb or event noun above them frees
  or exchanges (``free``, ``hand over``, ``in exchange for``), hostages
  otherwise ``_held``; counted people (``people``, ``soldiers``, a
  nationality) take the verb's category (``killed``, ``wounded``,
  ``displaced``; a release looks for the word hostage or prisoner in the
  phrase, the sentence, then the three sentences before; in a sentence that
  sets two sides against each other, a word counting the other figure means
  the other side). A count inside another (``including 120 civilians``),
  ``the three women`` after ``three hostages``, and an elided count (``150
  for 150``, ``Its earlier figure was eight``) take the category of the claim
  they refer to. Everything else is ``other``.
- **modality** (``extract/modality.py``): ``negated`` (``did not free``),
  ``term`` (``was to free``, ``agreed to``, ``under the deal`` in the present
  or future, ``calls for`` with an agreement as subject, ``will`` where the
  sentence or the one before names an agreement, a duration measuring an
  agreement: ``a 42-day phase``, a target ``set out in the deal``),
  ``projected`` (``expected to``, ``due to``, ``could``, ``under the
  proposal``, ``called for`` by a party; ``will`` elsewhere), else
  ``reported``.
- **cumulative**: a running total: the present perfect on a tracked figure
  (``have been freed``), or ``so far``, ``in all``, ``since``, ... on its clause.
- **increment**: a figure added to the ones before (``another 30 prisoners``,
  ``two more coffins``): the latest batch, never a running total.
- **period**: the as_of is the last day of an earlier month, year or span the
  text names (``two were released in November``, in a December report), not a
  day: the ledger matches it to that period's exchange.
- **source**: the speaker of the innermost quotation, reported speech or
  ``according to`` phrase holding the figure, as written (``the Hamas-run
  territory’s health ministry``; a pronoun is replaced by whom it resolves
  to), from the quote records: attribution is not derived twice. Two sources
  giving two figures for one thing are two claims: nothing is merged.
- **date**: when the counted thing happened, from the time expression the
  verb carries or a time expression fronting the sentence (``On Tuesday,
  ...``); none for ``other`` and durations. **as_of**: the date a ``by``/``as
  of`` expression gives, else the date the words were said, else the
  report's date.

Word lists: ``trucewatch/data/claims.yaml``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from trucewatch.extract.actors import AliasTable, default_table
from trucewatch.extract.clauses import SWAPPING
from trucewatch.extract.counted import PRONOUNS, category_of, frees, governor, subject_of
from trucewatch.extract.modality import cumulative, increment, modality_of, taken_somewhere
from trucewatch.extract.numbers import Quantity, find_quantities, lexicon
from trucewatch.extract.records import Claim, Entity, Quote, doc_text, evidence_span
from trucewatch.extract.timex import Timex, find_timexes, timex_for_token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CATEGORIES: tuple[str, ...] = tuple(lexicon()["categories"])


def extract_claims(
    doc: Doc,
    document,
    quotes: list[Quote],
    entities: list[Entity] | None = None,
    aliases: AliasTable | None = None,
) -> list[Claim]:
    """The numeric claims in a parsed report; ``quotes`` give their sources."""
    reference = document.date
    timexes = find_timexes(doc, reference)
    places = [e for e in entities or [] if e.label in PLACE_LABELS]
    quantities = find_quantities(doc, timexes)
    counted = {q.noun.i: q for q in quantities if q.noun is not None}
    decided: dict[int, str] = {}  # counted noun -> its category, for the claims after it
    claims: list[Claim] = []
    read: list[tuple[Quantity, Claim]] = []
    moved: set[int] = set()  # sentences telling where a group of the freed was taken
    last: tuple[int, str] | None = None  # (sentence start, category) of the claim before
    for q in quantities:
        sentence = doc[q.first].sent
        verb, chain = governor(q)
        category = category_of(q, verb, chain, doc, counted, decided)
        if category is None and _part_of_a_whole_counting_nothing(chain, decided):
            category = "other"  # "five children among the 17- an infant, ... and two teenagers"
        if category is None:
            window = _window_start(doc, sentence)
            category = last[1] if last is not None and last[0] >= window else "other"
            if category == "hostages_held" and _freeing(verb):
                category = "hostages_released"  # "Of the 240 hostages taken, 62 were freed"
            if (
                last is not None
                and last[0] == sentence.start
                and _given_in_return(q)
                and not _opens_in_exchange(sentence)
            ):
                # "freed 69 soldiers in return for 250 of their own": the other side's
                category = _OTHER_SIDE.get(category, category)
        if category == "other" and q.value == 1 and doc[q.root.i].lower_ == "one":
            continue  # "one" as a pronoun or an article, not a count
        if category != "other":
            last = (sentence.start, category)
        if q.noun is not None:
            decided[q.noun.i] = category
        modality = modality_of(q, verb, doc, chain)
        if whole_of_a_part(q):
            if _taken_or_held(q):
                # "a deal to free some of the 240 hostages taken by the Front": those held
                category, modality = "hostages_held", "reported"
                last, decided[q.noun.i] = (sentence.start, category), category
            elif modality == "reported":
                modality = "term"  # "four of the 28 bodies were returned": the whole due
        start, end = claim_span(doc, q)
        quote = innermost_quote(quotes, start, end)
        date, as_of, period = dates_of(doc, q, verb, timexes, reference)
        if category in ("other", "duration"):
            date = None  # nothing counted happened on a day
        if as_of is None:
            as_of = (quote.date if quote is not None else None) or reference
        evidence, ev_start, ev_end = evidence_span(doc[q.first : q.last + 1])
        claim = Claim(
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
            cumulative=category != "duration" and cumulative(q, verb, chain, modality, category),
            # "another two were taken to the border ... and two more were released at
            # Atarot": the next group of the freed after one taken somewhere is a part too
            increment=category != "duration"
            and increment(q, verb, after_a_move=sentence.start in moved),
            period=period and date is None,
        )
        claims.append(claim)
        read.append((q, claim))
        if verb is not None and taken_somewhere(verb):
            moved.add(sentence.start)
    coordinated_sums(doc, read, (aliases or default_table()).demonyms)
    return claims


# ---------------------------------------------------------------- sums of coordinated figures

_ADDING = {"and", "plus", "as"}  # "270 soldiers and 120 civilians", "as well as"
_ALONG = {"along", "together"}  # "along with those of three", "together with two"
_NO_SUM = {"other", "duration"}


def coordinated_sums(
    doc: Doc, read: list[tuple[Quantity, Claim]], demonyms: dict | None = None
) -> None:
    """Counts added together in one clause: "freed 270 soldiers and 120 civilians" is a
    release of 390; "the remains of 23 have been handed over, along with those of three
    foreign hostages" is 26. Each part keeps its value and gets the total in
    ``together`` (the ledger counts the group once, whole). Counts set against each
    other ("exchanged 95 Ukrainians and 90 Russians"), of two kinds, of two peoples
    ("19 Israeli hostages and five Thai nationals": foreigners are often freed outside
    the deal), or the living and the dead are not added."""
    demonyms = demonyms or {}
    groups: list[list[tuple[Quantity, Claim]]] = []
    sentence = [doc[q.first].sent.start for q, _ in read]  # once, not once per pair
    for i, (q, claim) in enumerate(read):
        for j in range(i - 1, -1, -1):
            earlier, first = read[j]
            if (
                sentence[j] != sentence[i]
                or first.category in _NO_SUM
                or first.modality != claim.modality
            ):
                continue
            elided = _added_along(q, earlier)
            if elided is None and not _conjoined(q, earlier):
                continue
            if elided:
                claim.category = first.category  # "those of three": the remains of three
            if (
                claim.category != first.category
                or _dead(q) != _dead(earlier)
                or _another_people(q, earlier, demonyms)
            ):
                continue
            home = next((g for g in groups if g[-1][1] is first), None)
            if home is None:
                groups.append([(earlier, first), (q, claim)])
            else:
                home.append((q, claim))
            break
    return [_sum_of(group) for group in groups]


_DEAD = {"body", "bodies", "remains", "coffin", "corpse"}


def _nationality(q: Quantity, demonyms=None) -> frozenset[str]:
    """The nationality or state a count names ("19 Israeli hostages", "five Thais"):
    the tagger's nationalities, or with ``demonyms`` the states the alias table's
    demonyms name ("Israeli hostages" and "Israelis" are one people)."""
    noun = q.noun or q.root
    words = [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound", "nmod"))]
    # "200 Afghan government soldiers": the people named on the compound
    words += [c for w in words[1:] if w.dep_ == "compound" for c in w.children if c.dep_ == "amod"]
    found = set()
    for t in words:
        form = t.lower_
        state = None
        if demonyms is not None and t.text[:1].isupper():
            state = demonyms.get(form) or (demonyms.get(form[:-1]) if form[-1:] == "s" else None)
        if state is not None:
            found.add(state.canonical)
        elif t.ent_type_ in ("NORP", "GPE") or (t.ent_type_ == "ORG" and t.pos_ == "PROPN"):
            found.add(form)  # "1,000 Taliban fighters": an armed group's people too
    return frozenset(found)


_HOMEWARD = {"return", "repatriate"}


def _another_people(q: Quantity, earlier: Quantity, demonyms) -> bool:
    """ "19 Israeli hostages and five Thai nationals" are two peoples; "270 Ukrainian
    soldiers and 120 civilians" are one, the later count sharing the first's people
    unless it names its own. People of two states "returned" go to two homes ("246
    Russian servicemen and 277 Ukrainian fighters were returned"): the tagger misses some
    demonyms there, so the alias table's are read too."""
    later, first = _nationality(q), _nationality(earlier)
    if later and later != first:
        return True
    if (first and _foreign(q)) or (later and _foreign(earlier)):
        return True  # "13 Israeli hostages and four foreigners"
    verb = next((t for t in (earlier.noun or earlier.root).ancestors if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_.lower() not in _HOMEWARD:
        return False
    later = _nationality(q, demonyms)
    return bool(later) and later != _nationality(earlier, demonyms)


def _foreign(q: Quantity) -> bool:
    """ "four foreigners", "five foreign nationals": people of states the sentence does
    not name, another people than a nationality named beside them."""
    noun = q.noun or q.root
    return noun.lemma_.lower() == "foreigner" or any(
        c.lower_ == "foreign" for c in noun.children if c.dep_ in ("amod", "compound")
    )


def _dead(q: Quantity) -> bool:
    """ "25 living hostages and four bodies": the dead are never added to the living."""
    noun = q.noun or q.root
    return noun.lower_ in _DEAD or noun.lemma_.lower() in _DEAD or noun.head.lower_ in _DEAD


def _conjoined(q: Quantity, earlier: Quantity) -> bool:
    """ "270 soldiers and 120 civilians": the counted nouns are conjuncts joined by
    "and", "plus" or "as well as", under a verb that does not set them against each other."""
    noun, first = q.noun, earlier.noun
    if noun is None and q.root.dep_ == "conj":
        noun = q.root  # "175 POWs, as well as 22": a bare count joined to the first
        if first is not None and noun.head == first.head and first.dep_ in ("dobj", "nsubjpass"):
            # the parse may join the bare count to the verb: "handed over 175 POWs, as
            # well as 22"
            between = [c for c in noun.head.children if first.i < c.i < noun.i]
            if any(c.dep_ == "prep" for c in [*between, *noun.children]):
                return False  # "10 were sent to Russia, and three to the US": two places
            joins = [c for c in between if c.dep_ == "cc"]
            adding = bool(joins) and all(t.lower_ in _ADDING for t in joins)
            return adding and noun.head.lemma_.lower() not in SWAPPING
    if noun is None or first is None:
        return False
    if noun.dep_ == "appos" and noun.head == first:
        # "four Israelis, two Thais and one Nepali": the parser makes the list's second
        # member an apposition when the rest of the list hangs on it
        if not any(c.dep_ == "conj" for c in noun.children) or _breakdown(noun):
            return False
    elif noun.dep_ != "conj":
        return False
    head = noun.head
    while head.dep_ in ("conj", "appos") and head != first:
        if head.dep_ == "appos" and head.head == first and _breakdown(head):
            return False  # "300 detainees — 70 ... and 250 ...": parts of the first
        head = head.head
    if head != first:
        return False
    # "four Israelis, two Thais and one Nepali": the list's joining word hangs on one of
    # its members
    chain = [first, *(t for t in first.subtree if t.dep_ in ("conj", "appos") and t.i <= noun.i)]
    joins = [c for t in chain for c in t.children if c.dep_ == "cc"]
    if not joins or any(t.lower_ not in _ADDING for t in joins):
        return False
    verb = next((t for t in first.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is None or verb.lemma_.lower() not in SWAPPING


_BREAKDOWN = {":", "—", "–", "-", "("}


def _breakdown(appos: Token) -> bool:
    """ "12 prisoners: eight soldiers and four civilians", "300 detainees — 70 from Sanaa
    and 250 from Aden": a list set off by a colon or a dash tells what the count before
    it is made of, so it is never added to it (a comma makes a list of one level)."""
    before = appos.left_edge.i - 1
    return before >= 0 and appos.doc[before].text in _BREAKDOWN


def _added_along(q: Quantity, earlier: Quantity) -> bool | None:
    """ "..., along with those of three foreign hostages" / "together with two more":
    True when the count is the elided head's ("those of"), False when it is its own,
    None when it is not added along with the earlier count's verb."""
    node = q.noun or q.root
    elided = False
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and node.head.head.lower_
        in (
            "those",
            "that",
        )
    ):
        node = node.head.head
        elided = True
    with_ = node.head
    if node.dep_ != "pobj" or with_.lower_ != "with" or with_.head.lower_ not in _ALONG:
        return None
    verb = with_.head.head
    first = earlier.noun or earlier.root
    if verb not in first.ancestors or verb.lemma_.lower() in SWAPPING:
        return None
    return elided


def _sum_of(group: list[tuple[Quantity, Claim]]) -> None:
    parts = [c for _, c in group]
    total = _number(sum(c.value for c in parts if c.value is not None))
    for claim in parts:
        claim.together = total


_OTHER_SIDE = {"hostages_released": "prisoners_released", "prisoners_released": "hostages_released"}
_IN_RETURN = {"exchange", "return"}


def _opens_in_exchange(sentence) -> bool:
    """ "In exchange, 183 prisoners, 111 of them ...": a sentence that opens with "in
    exchange" says it of all its counts; only one after another count is the other side's."""
    opening = [t.lower_ for t in sentence[:2]]
    return len(opening) == 2 and opening[0] == "in" and opening[1] in _IN_RETURN


def _given_in_return(q: Quantity) -> bool:
    """The count "in exchange for" or "in return for" names, with no noun of its own."""
    token = q.root
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.lower_ == "for":
            before = token.head.nbor(-1) if token.head.i > 0 else token.head
            return before.lower_ in _IN_RETURN  # "in exchange for", "in return for"
        if token.pos_ in ("VERB", "AUX"):
            # "... and, in return, the army released 90"
            return any(
                c.dep_ == "prep"
                and c.lower_ == "in"
                and any(g.lower_ in _IN_RETURN for g in c.children)
                for c in token.children
            )
        token = token.head
    return False


_PART_WORDS = {"first", "last", "all", "some", "most", "none", "each", "another"}


def whole_of_a_part(q: Quantity) -> bool:
    """The whole a part is counted against: the 28 in "four of the 28", "seven of 28
    deceased hostages", "the first three of the 33"; what was delivered is the part."""
    node = q.root.head if q.root.dep_ == "nummod" else q.root
    part = _flat_part(q)
    if part is None:
        if node.dep_ != "pobj" or node.head.lower_ != "of" or node.head.i > q.first:
            return False
        part = node.head.head
        if part.lower_ == "out" and part.head.i < part.i:
            part = part.head  # "19 out of 28"
        if part.i > node.head.i or not (part.like_num or part.lower_ in _PART_WORDS):
            return False
    # the part is what was handed over ("four of the 28 bodies were returned"), not
    # who is described ("one of 25 civilians the militia seized")
    for above in part.ancestors:
        if above.pos_ == "NOUN" and above.lemma_.lower() in _RELEASE_NOUNS:
            return True  # "the release of the first of some 900 prisoners"
        if above.pos_ == "VERB":
            return frees(above)
    return False


_RELEASE_NOUNS = {"release", "return", "handover", "exchange", "swap", "transfer"}


def _taken_or_held(q: Quantity) -> bool:
    """ "the 240 hostages taken on 7 October", "the roughly 240 hostages it holds": the
    whole is the people taken or still held, not a quantity anyone is due to free."""
    noun = q.noun
    if noun is None or noun.lemma_.lower() not in lexicon()["hostage_words"]:
        return False
    held = lexicon()["verbs"]["held"]  # taking verbs too: "taken", "seized", "holds"
    return any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in held for c in noun.children)


def _flat_part(q: Quantity):
    """The part of "seven of 28 captives", "19 out of 28" when the parse hangs both
    numbers on the noun (``quantmod``) rather than nesting them."""
    doc = q.root.doc
    i = q.first - 1
    if i < 1 or doc[i].lower_ != "of":
        return None
    i -= 1
    out = doc[i].lower_ == "out" and i > 0  # "19 out of 28": the words say it whatever the parse
    if out:
        i -= 1
    part = doc[i]
    if part.like_num and (out or part.head in (q.root, q.root.head)):
        return part
    return None


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


def claim_span(doc: Doc, q: Quantity) -> tuple[int, int]:
    """The number phrase with its qualifier, and the counted noun when it follows."""
    last = q.last
    if q.noun is not None and q.last < q.noun.i <= q.last + 6 and q.noun.sent == doc[q.first].sent:
        last = q.noun.i
    elif q.noun is not None and q.last + 1 < q.noun.i and doc[q.last + 1].head.i == q.noun.i:
        last = q.last + 1  # "two Azerbaijani and thirty-two Armenian detainees"
    return doc[q.first].idx, doc[last].idx + len(doc[last])


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
    if mention is None or mention.lower() in PRONOUNS:
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
) -> tuple[dt.date | None, dt.date | None, bool]:
    """(date, as_of, period): see the module doc; ``period`` when the as_of is the end
    of an earlier month, year or span the text names, not a day."""
    lex = lexicon()
    date = as_of = None
    period = False
    anchors = [t for t in (verb, q.noun) if t is not None]
    if verb is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        anchors.append(verb.head)  # "completed the exchange on Sunday, each freeing 150"
    for anchor in anchors:
        # a count's verb: the days of a handover hung on its place ("at the crossing on
        # Monday") date the count; an event's own nouns are left to the events extractor
        timex = timex_for_token(
            doc, anchor, reference, phrase_nouns=verb is not None and anchor.i == verb.i
        )
        if timex is None:
            continue
        before = doc_text(doc)[max(0, timex.start - 12) : timex.start].lower().split()
        word = before[-1] if before else ""
        two = " ".join(before[-2:])
        if timex.date is None:
            if (
                _earlier_period(timex, reference)
                and word not in lex["open_prepositions"]
                and as_of is None
            ):
                as_of, period = timex.high, True  # "freed 1,000 in October 2020": true then
            continue
        if word in lex["as_of_prepositions"] or two in lex["as_of_prepositions"]:
            as_of = as_of or timex.date
        elif word not in lex["open_prepositions"]:
            date = date or timex.date
    if date is None and as_of is None and verb is not None:
        date = _day_of_the_clause(verb, timexes)
    if date is None and as_of is None:
        sentence = doc[q.first].sent
        leading = {"", *lex["as_of_prepositions"], *lex["open_prepositions"], "on", "in"}
        fronted = next(
            (
                t
                for t in timexes
                if sentence.start_char <= t.start <= sentence.start_char + 12
                and doc_text(doc)[sentence.start_char : t.start].strip().lower() in leading
                and (t.date is not None or _earlier_period(t, reference))
                and doc_text(doc)[t.end : t.end + 1] == ","
            ),
            None,
        )
        if fronted is not None:
            first = doc_text(doc)[sentence.start_char : fronted.start].strip().lower()
            if fronted.date is None:  # "In August, the two sides swapped 115 each"
                if first not in lex["open_prepositions"]:
                    as_of, period = fronted.high, True
            elif first in lex["as_of_prepositions"]:
                as_of = fronted.date
            elif first not in lex["open_prepositions"]:
                date = fronted.date
    before = _day_of_a_later_clause(doc, verb, reference)
    if before is not None and (as_of is None or as_of >= before):
        # "Before the two bodies were handed over on Wednesday, Hamas had returned
        # seven": true the day before that
        as_of, period = before - dt.timedelta(days=1), False
        date = date if date is None or date < before else None
    return date, as_of, period and as_of is not None


def _day_of_a_later_clause(doc: Doc, verb: Token | None, reference) -> dt.date | None:
    """The day of a "before ..." clause on the count's verb, where it names one."""
    for clause in verb.children if verb is not None else ():
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "before" for c in clause.children
        ):
            timex = timex_for_token(doc, clause, reference)
            if timex is not None and timex.date is not None:
                return timex.date
    return None


def _part_of_a_whole_counting_nothing(chain: list[Token], decided: dict[int, str]) -> bool:
    """A part listed in a breakdown ("among", "including") of a whole counted as nothing
    released or held: "five children among the 17- an infant, ... and two teenagers"."""
    subset = set(lexicon()["subset_words"])
    for n, token in enumerate(chain):
        if token.lower_ in subset or token.lemma_.lower() in subset:
            whole = next((t for t in chain[n + 1 :] if t.i in decided), None)
            return whole is not None and decided[whole.i] == "other"
    return False


def _freeing(verb: Token | None) -> bool:
    return verb is not None and verb.lemma_.lower() in lexicon()["verbs"]["released"]


def _day_of_the_clause(verb: Token, timexes: list[Timex]) -> dt.date | None:
    """ "released on Sunday, which saw 13 Israelis freed": a clause hung on a day is
    of that day."""
    for token in (verb, *verb.ancestors):
        if token.dep_ == "relcl":
            day = token.head
            return next((t.date for t in timexes if t.start <= day.idx < t.end), None)
    return None


def _earlier_period(timex: Timex, reference: dt.date | None) -> bool:
    """A month, a year or a span that ended before the report's day ("in October 2020",
    "in August" in a September report): what it dates is not the report day's."""
    return (
        timex.date is None
        and timex.high is not None
        and timex.low is not None
        and reference is not None
        and timex.high < reference
    )


def location_of(q: Quantity, verb: Token | None, places: list[Entity]) -> str | None:
    """The first place the clause puts the counted thing in ("in Tayasir")."""
    anchor = verb if verb is not None else q.noun
    if anchor is None or not places:
        return None
    doc = anchor.doc
    sentence = anchor.sent
    places = [p for p in places if sentence.start_char <= p.start < sentence.end_char]
    # Not the source's place ("according to officials in Cairo"); a place in the
    # subject counts ("clashes near Osmir killed 14").
    source = {
        t.i
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ == "according"
        for t in c.subtree
    }
    region = {t.i for t in anchor.subtree} - source
    preps = set(lexicon()["location_prepositions"])
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.root.i not in region:
            continue
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in preps:
            return place.text
    return None
