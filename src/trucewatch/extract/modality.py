"""How a figure is stated: as fact, as a term of an agreement, as a projection or
denied; and whether it is a running total.

The rules are described in ``trucewatch.extract.claims``; the cue words are data
in ``trucewatch/data/claims.yaml`` (``modality``, ``cumulative``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from trucewatch.extract.clauses import SWAPPING
from trucewatch.extract.numbers import Quantity, lexicon
from trucewatch.extract.records import doc_text
from trucewatch.extract.timex import WEEKDAYS


def _heads(verb: Token, relations: set[str]) -> list[Token]:
    """The verb and the heads above it through ``relations``."""
    heads, token = [verb], verb
    for _ in range(4):
        # "is supposed to last four days and allow the release of 50": an infinitive
        # joined to another shares what governs it
        shared = token.dep_ == "conj" and token.tag_ == "VB" and token.head.tag_ == "VB"
        if (token.dep_ not in relations and not shared) or token.head is token:
            break
        token = token.head
        heads.append(token)
    return heads


def _agreement_in(tokens, lex) -> bool:
    nouns = set(lex["modality"]["agreement_nouns"])
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in nouns for t in tokens)


def _past_or_perfect(token: Token) -> bool:
    if token.tag_ == "VBN" and token.dep_ == "acl":
        # "200 prisoners freed under the deal": a release done; not "the 600 trucks
        # allowed under the deal", a quota
        return token.lemma_.lower() in lexicon()["verbs"]["released"]
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
    negations = set(cues["negations"])
    if noun is not None and any(c.dep_ == "det" and c.lower_ in negations for c in noun.children):
        return "negated"
    if any(t.lemma_.lower() in lex["record_nouns"] for t in chain):
        # "handed over the names of the three hostages", "a list of the first 12
        # captives": who is to be freed, not a release.
        return "projected"
    counted = noun if noun is not None else q.root
    planned = [c for c in counted.children if c.dep_ in ("acl", "amod")]
    if verb is not None and verb.dep_ == "advcl":
        planned.append(verb)  # "against 90 planned": the number is the participle's subject
    if any(c.tag_ == "VBN" and c.lemma_.lower() in cues["projection_passives"] for c in planned):
        return "projected"  # "62 trucks entered, against 90 planned", "the 60 trucks expected"
    if q.duration and noun is not None:
        measured = noun.head if noun.dep_ in ("nmod", "compound", "amod", "npadvmod") else None
        if measured is not None and measured.lemma_.lower() in cues["agreement_nouns"]:
            demand = measured.head.lower_ == "for" and measured.head.head.lemma_ == "call"
            return "projected" if demand else "term"  # "a 42-day phase"
    if _still_to_come(counted, cues):
        return "projected"
    if _held_back(counted, cues["held_back"]):
        return "projected"
    stated = _stated_by_agreement(counted, lex)
    if stated is not None:
        return stated
    if verb is None:
        return "reported"
    heads = _heads(verb, _INFINITIVE)
    for _ in range(3):
        top = heads[-1]
        if top.dep_ not in ("advcl", "ccomp") or not any(c.lower_ == "to" for c in top.children):
            break
        heads += _heads(top.head, _INFINITIVE)  # "due to open ... to allow 50 children to leave"
    if verb.dep_ == "acl":
        # "a swap that will see 880 people released", "will see a total of 50 hostages
        # exchanged for 150 prisoners": the participle's tense is its noun's verb's
        up = verb.head
        for _ in range(4):
            if up.pos_ == "VERB" or up.head.i == up.i:
                break
            if up.pos_ == "ADP" and up.lower_ != "of":
                break  # "in return for six hostages handed over": another act's
            up = up.head
        if up.pos_ == "VERB" and up.i != verb.i:
            heads += _heads(up, _INFINITIVE)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and (verb.lemma_.lower() in _LISTING or _set_for(verb.head, cues))
    ):
        # "preparing for an exchange, involving 500", "are set for a new swap, exchanging 500"
        heads += _heads(verb.head, _INFINITIVE)
    top = heads[-1]
    if top.dep_ in ("ccomp", "xcomp") and top.head.lemma_.lower() in _SEEING:
        heads += _heads(top.head, _INFINITIVE)  # "will see 50 hostages exchanged for 150"
    top = heads[-1]
    if top.dep_ == "pcomp" and top.head.lower_ == "to" and top.head.head.pos_ == "VERB":
        heads += _heads(top.head.head, _INFINITIVE)  # "committed to returning 20 hostages"
    if _in_a_condition(verb, cues["conditions"]):
        return "projected"  # "if Hamas keeps releasing ten hostages a day"
    negated = any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in negations)
        for h in heads
        if not _not_known(h, lex)
        for c in h.children
    )
    if negated and not _says_of_the_count(q, verb, lex):
        return "negated"
    put_off = cues["held_back"]
    for head in heads[1:]:
        if head.lemma_.lower() in put_off["refusing"]:
            return "negated"  # "Israel refused to free 620 prisoners"
        if head.lemma_.lower() in put_off["verbs"] and head.lemma_.lower() not in ("hold", "put"):
            return "projected"  # "delayed releasing 620 prisoners"
    for head in heads:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        if infinitive and head.dep_ == "xcomp" and head.head.lemma_ in cues["term_governors"]:
            return "term"  # "Hamas was to free", "are still to be handed over"
    if (
        _infinitive(verb)
        and verb.dep_ in ("pcomp", "acl", "relcl", "conj")
        and any(c.dep_ == "auxpass" for c in verb.children)
    ):
        return "projected"  # "with 13 more still to be recovered", "33 to be released"
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
            if subject is not None and subject.lower_ in ("that", "which") and head.dep_ == "relcl":
                subject = head.head  # "a deal that calls for Hamas to free 50"
            if subject is not None and _agreement_in([subject], lex) and not _past_or_perfect(head):
                return "term"  # "the ceasefire calls for ..."; not "the truce allowed ..."
            if head.lemma_ == "call" and any(c.lower_ == "for" for c in head.children):
                return "projected"  # "Ukraine has called for a 30-day truce": a demand
        if head.lemma_.lower() in cues["demanding_verbs"] and not _subject_of(q, head):
            return "projected"  # "insist on the release of 5,000": a demand
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
    top = heads[-1]
    if top.dep_ == "ROOT" and _infinitive(top) and any(c.dep_ == "nsubj" for c in top.children):
        return "projected"  # the headline "Israel to release 150 prisoners": will
    governors = set(cues["projection_governors"])
    for head in heads:
        if (head.lemma_.lower() in governors or head.lower_ in governors) and (
            head is not verb
            or head.pos_ == "ADJ"
            or any(c.dep_ == "xcomp" for c in head.children)
            or (
                head.lemma_.lower() in cues["projection_passives"]
                and any(c.dep_ == "auxpass" for c in head.children)
            )
        ):
            return "projected"  # "is expected to free", "were due to be freed"
    return "reported"


def _set_for(head: Token, cues) -> bool:
    """ "are set for", "is expected", "are due": a clause that says what is to come (not
    "set free")."""
    return (
        head.lemma_.lower() in cues["projection_governors"]
        and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in head.children)
        and not any(c.lower_ in ("free", "loose") for c in head.children)
    )


def _in_a_condition(verb: Token, conditions) -> bool:
    """The count's clause is an "if"/"unless" clause: "an extension if Hamas went on
    releasing ten hostages a day" (the clause may sit a preposition or two above)."""
    token = verb
    for _ in range(4):
        if token.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in conditions for c in token.children)
        if token.dep_ in ("ROOT", "ccomp", "relcl", "conj") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _subject_of(q: Quantity, verb: Token) -> bool:
    """ "200 protesters demanded ...": the count is who demands, not what."""
    counted = q.noun if q.noun is not None else q.root
    return counted.dep_ in ("nsubj", "nsubjpass") and counted.head.i == verb.i


_INFINITIVE = {"xcomp", "acomp", "auxpass"}
_SEEING = {"see", "mean", "entail"}  # "the deal will see 50 hostages freed"
_LISTING = {"involve", "include", "comprise"}  # the participle says what the event is of
_CLAUSE = {"xcomp", "acomp", "pcomp", "prep", "advcl", "pobj"}


def cumulative(
    q: Quantity, verb: Token | None, chain: list[Token], modality: str, category: str
) -> bool:
    """A running total: "so far", "in all", "since ...", "a total of 1,000"; "have been
    freed" for tracked figures (not "the three women have been freed")."""
    if modality != "reported":
        return False
    subset = set(lexicon()["subset_words"])
    if any(t.lower_ in subset or t.lemma_.lower() in subset for t in chain):
        return False  # "150 were freed in total, including 22 women": a part, no total
    counted = q.noun if q.noun is not None else q.root
    if increment(q):
        return False  # "another 103 soldiers have been returned", "two more bodies": the latest
    if _tallied(q) or _along_with_a_tally(counted):
        return True
    if _one_round(counted, verb):
        return False  # "the second group of 13", "freed three in the fourth exchange"
    if _over_rounds(counted):
        return True  # "the exchange of 1,000 prisoners each over three days"
    phrases = set(lexicon()["cumulative"]["phrases"])
    if _opened_as_a_total(q.root.sent, phrases):
        return True  # "In all, Hamas returned 25 hostages, and Israel freed about 1,800"
    words = [t.lower_ for t in chain]
    doc = q.root.doc
    words += [" ".join(t.lower_ for t in doc[max(0, q.first - n) : q.first]) for n in (2, 3)]
    token = q.noun if q.noun is not None else q.root
    for _ in range(3):  # "the total of ..." above the figure
        token = token.head
        words.append(token.lower_)
    released = lexicon()["verbs"]["released"]
    if verb is not None and any(
        c.dep_ == "advmod" and c.lower_ == "previously" for c in verb.children
    ):
        return True  # "five of the hostages were previously released"
    if verb is not None:
        heads = _heads(verb, _CLAUSE)
        if any(c.dep_ == "mark" and c.lower_ == "before" for c in verb.children):
            heads = [verb]  # "before the two bodies were handed over, Hamas had already ..."
        if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children):
            heads.append(verb.head)  # "has now freed 25 hostages and returned eight bodies"
        heads += [c for c in verb.children if c.dep_ == "xcomp" and c.lower_ == "go"]
        for head in heads:  # ("had been let go already": the adverb is on "go")
            perfect = any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                for c in head.children
            )
            if (
                perfect
                and category != "other"
                and not _known_group(q)
                and not _on_one_day(head)
                and not _live_entry(head)
            ):
                return True  # "have been freed", "has killed"
            if _over_rounds(head) or _over_a_period(head):
                return True
            for child in head.children:
                if child.dep_ == "mark" and head.lemma_.lower() in released:
                    # "the largest swap since both sides freed 1,000 in 2020": the
                    # figure's own release is what the other is dated from
                    continue
                words.append(child.lower_)
                words += [f"{child.lower_} {g.lower_}" for g in child.children]
                words += [f"{g.lower_} {child.lower_}" for g in child.children]
    return any(w in phrases for w in words)


def _opened_as_a_total(sentence, phrases: set[str]) -> bool:
    """A sentence that opens "In all,", "So far,", "Altogether," sums up in every clause."""
    words = [t.lower_ for t in sentence[:4]]
    comma = words.index(",") if "," in words else None
    return comma is not None and " ".join(words[:comma]) in phrases


def increment(q: Quantity, verb: Token | None = None, after_a_move: bool = False) -> bool:
    """A figure added to the ones before: "another 103 soldiers", "two more coffins", "a
    further 30", "an additional 50". The latest batch, never a running total; not the
    next group of the freed taken somewhere, on no day of its own ("another two were
    taken to the border with Jordan", or after such a group, "and two more were
    released at Atarot": where the freed went)."""
    counted = q.noun if q.noun is not None else q.root
    moved = after_a_move or (verb is not None and taken_somewhere(verb))
    if moved and not _dated(counted, verb):
        return False
    increments = set(lexicon()["cumulative"]["increments"])
    doc = q.root.doc
    return any(
        c.lower_ in increments
        and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "than")  # "more than 1,000"
        for c in [*counted.children, *q.root.children]
    )


_MOVING = {"take", "send", "transfer", "transport", "bus", "move", "drive", "fly", "deport"}


def _dated(counted: Token, verb: Token | None) -> bool:
    """ "followed by a further 352 on Friday": a batch with a day of its own is a new one."""
    tokens = [*counted.subtree]
    if verb is not None:
        tokens += [t for p in verb.children if p.dep_ == "prep" for t in p.subtree]
    return any(t.ent_type_ in ("DATE", "TIME") for t in tokens)


def taken_somewhere(verb: Token) -> bool:
    """ "were taken to the border", "deported to Egypt": where the freed were sent."""
    return verb.lemma_.lower() in _MOVING and any(
        c.dep_ == "prep" and c.lower_ in ("to", "into", "toward", "towards", "across")
        for c in verb.children
    )


def _one_round(counted: Token, verb: Token | None) -> bool:
    """A figure of one numbered round is that round's batch: "the second group of 13
    hostages has been handed over", "has freed three hostages in the fourth exchange",
    "on the first day of the swap"."""
    rounds = set(lexicon()["cumulative"]["rounds"]) - {"phase"}  # a phase holds many rounds

    def numbered(noun: Token) -> bool:
        return (
            noun.tag_ == "NN"
            and noun.lemma_.lower() in rounds
            and any(
                c.dep_ == "amod" and (_ordinal(c) or c.lower_ in _LATEST) for c in noun.children
            )
        )

    of = counted.head
    if counted.dep_ == "pobj" and of.lower_ == "of" and numbered(of.head):
        return True
    verbs = [verb] if verb is not None else []
    verbs += [v.head for v in verbs if v.dep_ in ("xcomp", "conj")]
    return any(
        numbered(pobj)
        for v in verbs
        for prep in v.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "on", "during")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


def _ordinal(token: Token) -> bool:
    # "the first day" is a DATE entity to the recogniser, not an ORDINAL
    return (
        token.ent_type_ == "ORDINAL"
        or token.lower_ in _ORDINALS
        or bool(_NTH.fullmatch(token.lower_))
    )


_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
_NTH = re.compile(r"\d+(?:st|nd|rd|th)")
_LATEST = {"latest", "final", "last", "next", "initial", "single"}
_ONE_DAY = {*WEEKDAYS, "today", "yesterday", "tonight"}


_CLOCK_LINE = re.compile(r"\s*\d{1,2}[:.]\d\d\b")


def _live_entry(verb: Token) -> bool:
    """ "10:05 GMT – The group has handed four soldiers to the Red Cross": a live blog's
    entry tells what just happened, not a running total."""
    text = doc_text(verb.doc)
    line = text.rfind("\n", 0, verb.idx) + 1
    return bool(_CLOCK_LINE.match(text, line, verb.idx))


def _on_one_day(verb: Token) -> bool:
    """ "Hamas has released three hostages on Saturday": a perfect pinned to one day
    tells that day's batch, as news copy often does, not a running total."""
    for child in verb.children:
        days = [g for g in child.children if g.dep_ == "pobj"] if child.lower_ == "on" else [child]
        if child.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        for day in days:
            words = {day.lower_, *(c.lower_ for c in day.children if c.dep_ == "compound")}
            if words & _ONE_DAY or (
                day.ent_type_ == "DATE" and any(c.like_num for c in day.subtree)
            ):
                return True
    return False


def _tallied(q: Quantity) -> bool:
    """The figure a tally is brought to: "brings to 18 the number of hostages freed",
    "brought the number freed to 25", "the toll has risen to 47"."""
    to = q.root.head
    if q.root.dep_ != "pobj" or to.lower_ != "to":
        return False
    token = to
    for _ in range(5):  # the parse may hang "to 25" on "freed" in "the number freed"
        token = token.head
        if _brings_a_tally(token, ("dobj", "nsubj", "nsubjpass")):
            return True
        if token.head.i == token.i:
            break
    return False


def _brings_a_tally(verb: Token, relations: tuple[str, ...]) -> bool:
    """ "brings the number ...", "the toll has risen": a tally's verb with its noun."""
    tallies = lexicon()["tallies"]
    if verb.lemma_.lower() not in tallies["verbs"]:
        return False
    # "bringing to 25 the number of living hostages returned": the parse may make the
    # tally the subject of a clause of its own
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return any(
        c.dep_ in relations and c.lemma_.lower() in tallies["nouns"] for c in verb.children
    ) or any(
        g.dep_ == "nsubj" and g.lemma_.lower() in tallies["nouns"]
        for c in clauses
        for g in c.children
    )


def _along_with_a_tally(counted: Token) -> bool:
    """ "brings to 18 the number of hostages freed, along with 583 prisoners": what is
    added to a tally's figure is a total too."""
    along = counted.head
    if (
        counted.dep_ != "pobj"
        or along.lower_ != "with"
        or along.head.lower_ not in ("along", "together")
    ):
        return False
    return _brings_a_tally(along.head.head, ("dobj", "nsubj"))


def _over_rounds(verb: Token) -> bool:
    """ "freed 1,000 over three days", "in the three stages", "across all rounds": the
    rounds counted are several (a plural with a number, "all" or "the"), not "on the
    first day" or "in two days' time"."""
    cues = lexicon()["cumulative"]
    for rounds in verb.children:  # "each over three days", parsed as a measure
        if (
            rounds.dep_ == "npadvmod"
            and rounds.tag_ == "NNS"
            and rounds.lemma_.lower() in cues["rounds"]
            and any(t.dep_ == "quantmod" and t.lower_ in cues["over"] for t in rounds.subtree)
        ):
            return True
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in cues["over"]:
            continue
        for rounds in prep.children:
            if (
                rounds.dep_ == "pobj"
                and rounds.tag_ == "NNS"
                and rounds.lemma_.lower() in cues["rounds"]
                and any(c.like_num or c.lower_ in ("all", "the") for c in rounds.children)
                and not any(c.dep_ == "poss" or c.lower_ == "next" for c in rounds.children)
            ):
                return True
    return False


def _over_a_period(verb: Token) -> bool:
    """ "110 hostages were released during this period", "freed 1,000 during the truce":
    a figure over a span of time is its sum so far, not one day's."""
    cues = lexicon()["cumulative"]
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("during", "throughout")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in cues["periods"] for g in prep.children)
        for prep in verb.children
    )


def _still_to_come(counted: Token, cues) -> bool:
    """ "pressure to expedite the return of the remaining 21 bodies": those still held, named
    in a release that has not happened; "freed the remaining 13", "secured the release of
    the remaining 23" are releases."""
    if not any(c.dep_ == "amod" and c.lower_ in cues["remaining"] for c in counted.children):
        return False
    head = counted.head
    if not (head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ == "NOUN"):
        return False
    release = head.head
    verb = release.head
    return not (
        release.dep_ == "dobj"
        and verb.lemma_.lower() in cues["carried_out"]
        and verb.tag_ in ("VBD", "VBN", "VBZ")
        and not any(c.dep_ == "aux" and c.lower_ in ("to", "will", "would") for c in verb.children)
    )


def _held_back(counted: Token, cues) -> bool:
    """The figure's release is put off: "Israel delayed the release of 620 prisoners",
    "the handover of three hostages was postponed", "held up the release of 600", "the
    delay in the release of 620". Not "delayed the release by a day, freeing 620"."""
    token, release = counted, False
    for _ in range(6):
        if token.head.i == token.i:
            return False
        child, token = token, token.head
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in _RELEASE_WORDS | {"return"}:
            release = True
        elif not release:
            continue
        elif token.pos_ == "NOUN" and lemma in cues["nouns"]:
            return True
        elif token.pos_ == "VERB" and lemma in cues["verbs"]:
            if lemma in ("hold", "put") and not any(
                c.dep_ == "prt" and c.lower_ in ("up", "back", "off") for c in token.children
            ):
                return False  # "held the release" is no delay; "held up", "put off" are
            return child.dep_ in ("dobj", "nsubjpass")
    return False


def _not_known(head: Token, lex) -> bool:
    """ "It was not immediately clear which of the 95 were returned": the negation says
    what is unknown, not that nothing happened."""
    return any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex["modality"]["epistemic"]
        for c in head.children
    )


def _stated_by_agreement(counted: Token, lex) -> str | None:
    """The figure's phrase sits in what an agreement states or in a release that is
    only beginning: "the deal provides for the release of 33 hostages" (term), "the
    agreement to swap 1,000 prisoners each" (term), "a plan to free 20" (projected),
    "began exchanging 1,000 prisoners each" (the whole swap's figure: term)."""
    cues = lex["modality"]
    agreements, proposals = set(cues["agreement_nouns"]), set(cues["proposal_nouns"])
    announced = cues["announcing"]
    released = lex["verbs"]["released"]
    if any(c.dep_ == "acl" and c.lemma_.lower() in released for c in counted.children):
        return None  # "..., with 390 freed by each side": the figure's own verb says
    token, release = counted, False
    for _ in range(6):
        if token.head is token or _own_clause(token):
            break  # "began releasing 183 after Hamas freed three": the three are not begun
        child, token = token, token.head
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in _RELEASE_WORDS | {"return"}:
            release = True  # "the release of 32 ...": what is said of that release decides
        elif release and _announces(token, child, lemma, announced, agreements):
            return "term"  # "the announcement of the release of 32", "agreed on the release"
        elif release and lemma == "announce" and child.dep_ == "dobj" and _bounded(counted):
            return "term"  # "announced the release of at least 2,000": a pledge, not a count
        purpose = child.dep_ in ("acl", "relcl", "advcl") and _infinitive(child)
        if purpose and token.pos_ in ("NOUN", "ADP"):
            # "the agreement to swap 1,000", "as part of a deal to free 20 hostages"
            nouns = [token] if token.pos_ == "NOUN" else []
            nouns += [c for c in token.children if c.dep_ == "pobj"]
            nouns += [g for n in nouns for c in n.children if c.lower_ == "of" for g in c.children]
            kinds = {n.lemma_.lower() for n in nouns}
            if kinds & (agreements | set(announced["nouns"])):
                return "term"  # also "the pledge to free 60 captives"
            if kinds & proposals:
                return "projected"  # "a plan to free 20 hostages"
        if purpose and token.pos_ == "VERB" and lemma in announced["agreeing_verbs"]:
            reached = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
            if any(c.lemma_.lower() in agreements for c in reached):
                return "term"  # "an agreement has been reached to free 887 prisoners"
        if token.pos_ in ("VERB", "AUX"):
            lemma = token.lemma_.lower()
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if (
                lemma in cues["stating_verbs"]
                and subject is not None
                and subject.lemma_.lower() in agreements
            ):
                return "term"
            if lemma in cues["beginning_verbs"] and _begun_swap(child, counted):
                return "term"
    return None


def _bounded(counted: Token) -> bool:
    """ "at least 2,000", "up to 2,000": a bound, as pledges give them."""
    return any(
        t.dep_ in ("quantmod", "advmod") and t.lower_ in ("least", "up") for t in counted.subtree
    )


def _own_clause(token: Token) -> bool:
    """A clause of its own below what the walk goes up to: what is said above it is
    said of another act."""
    return token.dep_ in ("advcl", "conj") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children
    )


def _begun_swap(begun: Token, counted: Token) -> bool:
    """ "The two sides began exchanging 1,000 prisoners each": a swap that is only
    beginning is named by its whole, a term. "Israel began releasing 183 prisoners" is
    the day's batch on its way out: the release words of one side say nothing of a
    whole unless the figure is each side's."""
    if begun.dep_ not in ("xcomp", "nsubj") or begun.lemma_.lower() not in _RELEASE_WORDS:
        return False
    if {begun.lemma_.lower(), *(c.lemma_.lower() for c in begun.conjuncts)} & SWAPPING:
        return True  # also "the release and swap of 900 detainees began"
    return any(t.lower_ == "each" for t in counted.subtree) or any(
        c.lower_ == "each" for c in begun.children
    )


def _announces(token: Token, child: Token, lemma: str, announced, agreements) -> bool:
    """A release named by an announcement, a pledge or an agreement, not one that
    happened: "welcomed the announcement of the release of 32", "announced the release
    of two", "an agreement was reached on the release of 32"."""
    if token.pos_ == "NOUN":
        return lemma in announced["nouns"] or lemma in agreements
    if token.pos_ != "VERB":
        return False
    if lemma in announced["verbs"] and child.dep_ == "dobj":
        return True
    if lemma in lexicon()["modality"]["term_verbs"] and child.dep_ in ("dobj", "nsubjpass"):
        return True  # "the exchange of 1,000 prisoners each was agreed in Istanbul"
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if child.dep_ == "prep" and lemma in lexicon()["modality"]["term_verbs"]:
        return True  # "the two sides agreed on the release of 20"
    return lemma in announced["agreeing_verbs"] and (
        child.dep_ == "prep" and any(c.lemma_.lower() in agreements for c in objects)
    )


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_RELEASE_WORDS = {"exchange", "swap", "release", "free", "trade", "handover"}


def _known_group(q: Quantity) -> bool:
    """ "The three women have been handed over": people already told of, whose
    handover is the news, not a running total."""
    counted = q.noun if q.noun is not None else q.root
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and counted.head.head == q.root:
        return False  # "has returned 15 of the 28 bodies": "the" is the whole's, not the part's
    return any(c.dep_ == "det" and c.lower_ == "the" for c in counted.children)


def _says_of_the_count(q: Quantity, verb: Token, lex) -> bool:
    """A negated verb that says something of the counted, not that the counting event
    did not happen: "two thirds of households do not have enough to eat" (its active
    subject, and no verb of killing, release or flight); but "33 hostages were not
    freed", "did not free 33 hostages"."""
    subject = q.noun if q.noun is not None else q.root
    while subject.dep_ in ("pobj", "prep") and subject.head != subject:
        subject = subject.head  # "two thirds [of households]"
    if subject.dep_ != "nsubj" or subject.head != verb:
        return False
    actions = lex["verbs"]
    return not any(verb.lemma_.lower() in actions[a] for a in actions)
