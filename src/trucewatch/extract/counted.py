"""What a figure counts: the counted noun, the verb it depends on, and its category.

The rules are described in ``trucewatch.extract.claims``; the words are data in
``trucewatch/data/claims.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from trucewatch.extract.actors import default_table
from trucewatch.extract.captives import (
    captives_of_states,
    detained_as_misread,
    detained_before,
    exchanged_between_states,
    holder_side,
    hostage_or_prisoner,
    in_a_states_custody,
    nationals_of_war,
    no_hostages,
    regains_freedom,
)
from trucewatch.extract.clauses import COLLECTIVES
from trucewatch.extract.numbers import Quantity, lexicon, number_value
from trucewatch.extract.records import doc_text
from trucewatch.extract.speakers import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    person_nouns,
)
from trucewatch.extract.timex import UNITS

# Pronouns: a count of "them" is what the claim before counts; a source "it" is resolved.
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | {"them", "those", "whom", "who", "these", "us"}
# "250 of their own": the count of a pronoun-like word, elided like "24 of them"
_ELIDED_NOUNS = PRONOUNS | {"own"}


def governor(q: Quantity) -> tuple[Token | None, list[Token]]:
    """The verb the counted noun depends on, and the tokens passed on the way up.

    A copula hands over to the verb it carries ("are [due] to be [released]").
    """
    token = q.noun if q.noun is not None else q.root
    chain: list[Token] = []
    if q.noun is not None:
        lex = lexicon()
        for child in [*q.noun.children, *_participle_after(q.noun)]:
            if child.dep_ not in ("acl", "relcl") or (child.dep_ == "acl" and child.tag_ != "VBN"):
                continue
            if _about_a_part(child):
                continue
            main = _main_verb(child)
            if _action([main, *_inner_verbs(main)], lex, _STRONG):
                if not _action([main], lex, _STRONG) and _frees_of_its_own(q.noun, lex):
                    continue  # "journalists, set to be executed, were among those returned"
                # "six hostages handed over on Saturday", "the hostages it is due to free"
                return main, chain
    if q.noun is not None and _object_read_as_a_subject(q.noun) is not None:
        return _object_read_as_a_subject(q.noun), chain
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token is not q.root and token.dep_ != "prep":
            return _past_the_misread_participle(_main_verb(token), q.noun), chain
        if token.head is token:
            return (_main_verb(token) if token.pos_ in ("VERB", "AUX") else None), chain
        if token is not q.noun and token is not q.root:
            chain.append(token)
        token = token.head
    return None, chain


def _object_read_as_a_subject(noun: Token) -> Token | None:
    """ "Hamas releases 10 Israeli and four Thai hostages as truce clock runs down": the
    parser makes the people the subject of the clause after them, and leaves the verb
    right before them without an object; they are its object."""
    clause = noun.head
    if noun.dep_ != "nsubj" or clause.dep_ not in ("ccomp", "advcl") or clause.i < noun.i:
        return None
    verb = clause.head
    if verb.pos_ != "VERB" or noun.left_edge.i != verb.i + 1:
        return None
    if any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children):
        return None
    # an act done to people ("releases"), not "officials said 30 prisoners walked free"
    return verb if _action([verb], lexicon(), _STRONG) else None


def _frees_of_its_own(noun: Token, lex) -> bool:
    """The counted people's own clause frees them ("were among those returned")."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return _action([verb], lex, ("released",)) == "released" or _listed_among_the_freed(verb, lex)


def _participle_after(noun: Token) -> list[Token]:
    """ "the mediation of 350 prisoners exchanged between Russia and Ukraine": the parse
    hangs the participle right after the counted phrase on the noun above it."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return []
    above = noun.head.head
    after = noun.right_edge.i + 1
    return [c for c in above.children if c.dep_ == "acl" and c.i == after]


def _about_a_part(clause: Token) -> bool:
    """ "33 hostages, eight of them dead": a clause on the noun with a count of its own
    as subject says something of a part of them, not what the whole is."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.like_num for c in clause.children)


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


def _past_the_misread_participle(verb: Token, noun: Token | None) -> Token:
    """ "eight Russians detained and held in custody abroad had returned": the parser
    reads "detained" as the people's own verb, though detaining takes an object. The
    people are the detained, and what they did is the verb joined to it."""
    if noun is None or noun.head.i != verb.i:
        return verb
    if not (detained_as_misread(noun) or _count_read_as_the_detainer(noun, verb)):
        return verb
    joined = [c for c in verb.subtree if c.dep_ == "conj" and c.pos_ == "VERB"]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        joined.append(verb.head)  # "returned 175 POWs, as well as 22 [seriously wounded] ..."
    acting = [v for v in joined if _action([v], lexicon(), _STRONG)]
    if not acting and verb.dep_ == "advcl" and _action([verb.head], lexicon(), _STRONG):
        # "183 prisoners, 111 of them detained in Gaza, were freed": the clause is an aside
        return verb.head
    return acting[-1] if acting else verb


_MISREAD = {"wound", "injure"}  # with the detaining verbs: "22 seriously wounded prisoners"


def _count_read_as_the_detainer(noun: Token, verb: Token) -> bool:
    """ "under which more than 700 detained Houthis ... were released", "as well as 22
    seriously wounded prisoners of war": the parser makes the number the subject of the
    participle and the people its object."""
    return (
        noun.dep_ == "dobj"
        and noun.i == verb.i + 1
        and verb.tag_ in ("VBD", "VBN")
        and verb.lemma_.lower() in _MISREAD | set(lexicon()["detaining_verbs"])
        and any(c.dep_ == "nsubj" and c.like_num for c in verb.children)
    )


_STRONG = ("killed", "wounded", "displaced", "released")
# Verbs that take people captive: "240 taken hostage" (not "captives held by X ... freed")
_TAKING = {"take", "capture", "seize", "abduct", "kidnap"}
# Verbs that free people whatever their state: not "two wounded soldiers were brought in"
_FREEING = {
    "free", "release", "exchange", "swap", "trade", "repatriate", "liberate", "return", "transfer",
    "hand",
}  # fmt: skip


def frees(verb: Token) -> bool:
    """The verb frees people: "released", "went free", "regained their freedom"."""
    return _action([verb], lexicon(), ("released",)) == "released"


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
        if "released" in only and lemma == "let" and any(c.lower_ == "go" for c in token.children):
            return "released"  # "five of the hostages had been let go"
        if "released" in only and regains_freedom(token):
            return "released"  # "more than 20 people ... have regained their freedom"
        if "held" in only and lemma == "leave" and _left_in_captivity(token, _held_in(lex)):
            return "held"  # "freed two, leaving 12 in captivity"
        if (
            "held" in only
            and lemma in ("be", "stay")
            and _left_in_captivity(token, _held_in(lex, prisons=False))
        ):
            return "held"  # "nine Thais are believed to still be in Hamas captivity"
        if (
            "released" in only
            and lemma in verbs["released_with_over"]
            and any(
                c.lower_ in ("over", "back") and c.dep_ in ("prt", "advmod") for c in token.children
            )
        ):
            return "released"  # "Hamas turned over all 20 living hostages"
        if (
            "displaced" in only
            and lemma in verbs["displaced_with_from"]
            and any(c.lower_ in ("from", "out") for c in token.children)
        ):
            return "displaced"  # "has driven about 1.1 million from their homes"
        for action in only:
            if action == "displaced" and token.pos_ not in ("VERB", "ADJ"):
                continue  # "freed by Israeli forces": the noun is no forcing out
            if lemma in verbs[action] or token.lower_ in verbs[action]:
                return action
    return None


def _stranded_verb(q: Quantity) -> Token | None:
    """ "killed, including 9,000 women, and more than 30,000 others have been injured":
    the verb right after the count whose subject the parse left on the list before."""
    doc = q.root.doc
    i = (q.noun or q.root).i + 1
    start = i
    while i < len(doc) and doc[i].dep_ in ("aux", "auxpass"):
        i += 1
    if i == start or i >= len(doc):
        return None
    verb = doc[i]
    if verb.pos_ != "VERB" or any(doc[k].head.i != verb.i for k in range(start, i)):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return verb


def _held_in(lex, prisons: bool = True) -> set[str]:
    """Where people are held: captivity, and (with ``prisons``) jails and custody."""
    words = set(lex["hostage_words"])
    return words | set(lex["prisoner_words"]) | {"custody", "hand"} if prisons else words


def _left_in_captivity(verb: Token, held_in: set[str]) -> bool:
    """ "leaving 12 in captivity": those still held; not "12 hostages left Gaza", "left
    behind three children"."""
    for child in verb.children:
        for token in [child, *child.children]:
            if (
                token.dep_ == "prep"
                and token.lower_ in ("in", "into")
                and any(p.lemma_.lower() in held_in for p in token.children if p.dep_ == "pobj")
            ):
                return True
    return False


def category_of(
    q: Quantity, verb: Token | None, chain: list[Token], doc: Doc, counted: dict, decided: dict
) -> str | None:
    """The category of what is counted; None for an elided count the claim before decides."""
    lex = lexicon()
    if q.duration:
        return "duration"
    if _money(q, doc, lex):
        return "other"  # "a ransom of $17 million for the group of 17"
    if _formula(q, doc):
        return "other"  # "the 1,000 for 1,000 exchange": the ratio a swap is made on
    noun = q.noun
    lemma = noun.lemma_.lower() if noun is not None else None
    if lemma in UNITS:
        return "duration"  # "two more days"
    for category, lemmas in lex["nouns"].items():
        if lemma in lemmas:
            return category
    if _per_each(q):
        return "other"  # "15 bodies for each hostage returned": a rate, not a count
    stranded = _stranded_verb(q)
    if stranded is not None:
        for category in ("killed", "wounded"):
            if stranded.lemma_.lower() in lex["verbs"][category]:
                return category  # "..., and more than 30,000 others have been injured"
    whole = _part_of_the_fronted_whole(verb, decided)
    if whole is not None:
        return whole  # "Of the 13 Israelis released, six were women"
    telling = set(lex["hostage_words"]) | set(lex["prisoner_words"])
    # "25 living hostages and the bodies of eight": the count says what it counts
    said_here = noun is None and _bodies(q.root, lex)
    for token in chain if not said_here else ():
        if token.i in decided and decided[token.i] != "other" and lemma not in telling:
            return decided[token.i]  # "three hostages and two others", "390 people, including 120"
    subset = set(lex["subset_words"])
    if any(
        (t.lemma_.lower() in subset or t.lower_ in subset)
        and t.tag_ not in ("VBZ", "VBD", "VBP")  # not "the deal includes the release of"
        for t in [*chain, verb]
        if t is not None
    ) and _same_sentence_before(q, decided, doc):
        return None  # "620 prisoners ..., including around 50 serving life sentences"
    if noun is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        earlier = anaphor_of(q, counted, decided, _is_people(noun, lex))
        if earlier is not None:
            return earlier  # "the 110 prisoners" after "110 Palestinian prisoners"
    modifiers = [
        c
        for c in (noun.children if noun is not None else ())
        if c.dep_ in ("acl", "amod", "relcl") and not _about_a_part(c)
    ]
    after = doc[q.last + 1] if q.last + 1 < len(doc) else None
    # "killed and 170,800 injured": the parse hangs the elided participle on the count
    own_participle = after is not None and after.dep_ == "acl" and after.head.i == q.root.i
    if q.noun is None and after is not None and (after.pos_ == "ADJ" or own_participle):
        for category in ("killed", "wounded"):
            if after.lemma_.lower() in lex["verbs"][category]:
                return category  # "left hundreds of thousands dead", "two injured"
    if verb is not None:
        states = [c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"]
        for category in ("killed", "wounded"):
            if any(c.lemma_.lower() in lex["verbs"][category] for c in states):
                return category  # "two were found dead"
    if noun is not None and noun.lower_ in _ELIDED_NOUNS:
        noun = None  # "24 of them", "250 of their own": the claim before says what
    if q.noun is None and any(
        c.dep_ in ("det", "predet") and c.lower_ in ("the", "all", "both") for c in q.root.children
    ):
        earlier = anaphor_of(q, counted, decided, people=True)
        if earlier is not None:
            return earlier  # "the three were in stable condition" after "three women"
    if noun is None and q.noun is None and _family_size(q, lex):
        return "other"  # "a father of six"
    verbs = [verb, *_inner_verbs(verb)] if verb is not None else []
    verbs = _tally_words(verb, lex) + verbs  # the total's word first: it is the closest
    described = _action(modifiers, lex, _STRONG[:3])
    if described == "wounded" and lemma in set(lex["prisoner_words"]) | set(lex["hostage_words"]):
        described = None  # "22 seriously wounded prisoners of war": what they are, not a toll
    action = described or _action([*chain, *verbs], lex) or _action(modifiers, lex)
    if action == "wounded" and any(
        v.lemma_.lower() in _FREEING for v in [*chain, *verbs] if v.pos_ in ("VERB", "NOUN")
    ):
        action = "released"  # "Russia freed 22 wounded soldiers": the wounded were freed
    elided = (
        noun is None
        and action not in ("killed", "wounded", "displaced")
        and not (q.noun is None and _bodies(q.root, lex))  # "the remains of 19": said here
    )
    captive = verb is not None and any(
        c.lemma_.lower() in lex["hostage_words"]
        and c.dep_
        not in ("dobj", "nsubj", "nsubjpass")  # "taken captive", not "freed three hostages"
        for c in verb.children
    )
    if elided and action == "held" and verb is not None and verb.lemma_.lower() == "leave":
        # "freed two, leaving 12 in captivity": still held, whatever was freed before
        captive = _left_in_captivity(verb, _held_in(lex, prisons=False))
        return "hostages_held" if captive else "other"
    if elided and action == "held" and q.root.dep_ == "dobj" and lemma_of(verb) in _TAKING:
        return "hostages_held"  # "killing 1,200 people ... and kidnapping about 240"
    if elided and captive and action in ("held", "released"):
        # "about 200 were taken captive", not the dead counted before them
        return "hostages_held" if action == "held" else "hostages_released"
    if elided and _same_sentence_before(q, decided, doc):
        return None  # "150 prisoners for 150"; but "killed 14 and wounded dozens"
    hostage, prisoner = set(lex["hostage_words"]), set(lex["prisoner_words"])
    lemma_of_verb = verb.lemma_.lower() if verb is not None else None
    handed = lemma_of_verb in lex["verbs"]["released"] or (
        action == "released" and lemma_of_verb not in lex["verbs"]["held"]
    )  # not "still holds the remains of 24, which it agreed to return"
    counted_noun = q.noun if q.noun is not None else q.root  # "the remains of 19"
    if _bodies(counted_noun, lex) and _held_bodies(counted_noun, lex):
        return "hostages_held"  # the dead still held
    if _bodies(counted_noun, lex) and (handed or _body_delivered(counted_noun, lex)):
        return "bodies_returned"  # "handed over four coffins", "the bodies of two hostages"
    taken = verb is not None and verb.lemma_.lower() in _TAKING
    if action in (None, "held") and not taken and _conveyed(q, verb, lex):
        # "ten Americans who were detained in Venezuela are on their way to freedom"
        action = "released"  # "a plane carrying 35 prisoners", "100 soldiers are back home"
    if action is None and _listed_among_the_freed(verb, lex):
        action = "released"  # "the freed Ukrainians included 82 privates"
    if (
        lemma in hostage
        and (action != "released" or _fronted_whole(noun))
        and any(c.lemma_.lower() in _TAKING for c in modifiers if c.pos_ == "VERB")
    ):
        # "with about 240 taken hostage": taken, whatever killed others; "Of the 240
        # hostages captured on October 7, 62 have been released": the 240 were taken
        return "hostages_held"
    if lemma in hostage and not (
        lemma == "captive"
        and (
            in_a_states_custody(q, doc)
            or nationals_of_war(q, doc)
            or exchanged_between_states(q)
            or (no_hostages(doc) and holder_side(q.noun) == "prisoners")
            or captives_of_states(doc)  # "84 captives released on each side"
        )
    ):  # "230 captives returned from Russian custody" are a state's prisoners
        return {"released": "hostages_released", "killed": "killed"}.get(action, "hostages_held")
    if lemma == "captive":
        lemma = "prisoner"
    if (
        action is None
        and noun is not None
        and any(c.dep_ == "amod" and c.lower_ in lex["freed_modifiers"] for c in noun.children)
    ):
        action = "released"  # "a plane carrying 125 former detainees", "35 freed prisoners"
    if lemma in prisoner:
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


def _fronted_whole(noun: Token | None) -> bool:
    """ "Of the 240 hostages ..., 62 have been released": the whole the sentence opens
    with, of which the verb tells a part."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    of = noun.head
    return of.dep_ == "prep" and of.i < of.head.i and of.head.pos_ in ("VERB", "AUX")


def _per_each(q: Quantity) -> bool:
    """ "15 bodies for each hostage", "30 prisoners for every hostage", "50 per soldier",
    "a day for every 10 hostages": read from the words around the phrase, which the
    parse hangs anywhere."""
    counted = q.noun if q.noun is not None else q.root
    after = [t.lower_ for t in counted.doc[counted.i + 1 : counted.i + 3]]
    before = counted.doc[q.first - 1].lower_ if q.first > 0 else ""
    return (
        after[:1] == ["per"]
        or (after[:1] == ["for"] and after[1:] in (["each"], ["every"]))
        or before == "every"  # "an extra day for every 10 hostages released"
    )


def _part_of_the_fronted_whole(verb: Token | None, decided: dict) -> str | None:
    """ "Of the 13 Israelis released, six were women": a count said of a whole fronted
    with "of" is a part of it, of its category."""
    if verb is None or verb.lemma_ != "be":
        return None
    wholes = [w for p in verb.children if p.lower_ == "of" for w in p.children if _fronted_whole(w)]
    for whole in wholes:
        found = decided.get(whole.i)
        if found not in (None, "other", "duration"):
            return found
    return None


def _bodies(noun: Token | None, lex) -> bool:
    """The dead handed back: a body noun, "deceased hostages", "the remains of four"."""
    if noun is None:
        return False
    words = set(lex["bodies"]["nouns"])
    if _body_word(noun, words):
        return True
    if any(c.dep_ == "amod" and c.lower_ in lex["bodies"]["modifiers"] for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ == "poss" and _body_word(head, words):
        return True  # "up to 28 hostages' remains"
    return head.lower_ == "of" and _body_word(head.head, words)


def _body_word(token: Token, words) -> bool:
    # the lemmatizer reads "remains" as the verb's lemma "remain": the word as written too
    return token.lemma_.lower() in words or token.lower_ in words


def _body_noun(noun: Token) -> Token:
    """The body noun of "the remains of four captives" (else the counted noun itself)."""
    return noun.head.head if noun.head.lower_ == "of" and noun.dep_ == "pobj" else noun


def _held_bodies(noun: Token, lex) -> bool:
    """ "Hamas still holds the remains of 24 hostages, which it agreed to return": the
    verb the body noun hangs from keeps them; the relative clause is no handover."""
    body = _body_noun(noun)
    return body.head.lemma_.lower() in lex["verbs"]["held"] and body.dep_ in ("dobj", "nsubj")


def _body_delivered(noun: Token, lex) -> bool:
    """ "The bodies of four soldiers who died in captivity were handed over", "the
    remains of four more captives arrived": the verb the body noun hangs from hands
    them over or brings them in, whatever a relative clause on the dead says."""
    body = _body_noun(noun)
    verb = body.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    lemma = verb.lemma_.lower()
    return lemma in lex["verbs"]["released"] or lemma in lex["conveying_verbs"]


def _formula(q: Quantity, doc: Doc) -> bool:
    """ "the 1,000 for 1,000 exchange", "swapped on a 100 for 100 basis": a number "for"
    the same number names the ratio of a swap (as "1,000-for-1,000" does), not people
    freed: a swap over three days is no 1,000 freed on its first."""
    after = doc[q.last + 1 : q.last + 3]
    if len(after) == 2 and after[0].lower_ == "for" and number_value(after[1]) is not None:
        other = after[1]
        # "the 1,900 for 33 deal": numbers for a deal; "30 prisoners for 10 hostages" are people
        return number_value(other) == q.value or (q.noun is None and not _people_after(other))
    before = doc[max(0, q.first - 2) : q.first]
    if len(before) < 2 or before[1].lower_ != "for" or number_value(before[0]) is None:
        return False
    # "swapped 175 for 175 prisoners": the second names the people, each side's count
    return q.noun is None or not _is_people(q.noun, lexicon())


def _people_after(number: Token) -> bool:
    noun = number.head if number.dep_ in ("nummod", "compound") else None
    return noun is not None and noun.pos_ in ("NOUN", "PROPN") and _is_people(noun, lexicon())


def _money(q: Quantity, doc: Doc, lex) -> bool:
    """ "$17 million", "17 million dollars", "17 millions de dollars"."""
    symbols = set(lex["currency_symbols"])
    words = set(lex["currency_words"])
    before = doc[q.first - 1] if q.first > 0 else None
    if before is not None and (before.text in symbols or before.text.endswith("$")):
        return True
    following = [t.lower_ for t in doc[q.last + 1 : q.last + 3] if t.lower_ != "de"]
    return (
        bool(following)
        and following[0] in words
        or (q.noun is not None and q.noun.lemma_.lower() in words)
    )


def lemma_of(token: Token | None) -> str | None:
    return token.lemma_.lower() if token is not None else None


def _conveyed(q: Quantity, verb: Token | None, lex) -> bool:
    """Captives carried, flown or brought home in a release: "a plane carrying 35
    prisoners", "120 detainees were flown to the capital", "100 soldiers are back
    home", "ten Americans are on their way to freedom". Only people the phrase calls
    captives or fighters (a telling noun, a freed modifier, a combatant) or a
    nationality: "two doctors travelled to the border" is no release."""
    noun = q.noun
    if noun is None or verb is None:
        return False
    lemma = noun.lemma_.lower()
    telling = set(lex["hostage_words"]) | set(lex["prisoner_words"]) | set(lex["combatants"])
    # "95 of our people are home again": a side's own people are as a nationality
    own = any(c.dep_ == "poss" and c.lower_ in ("our", "its") for c in noun.children)
    if lemma not in telling and noun.ent_type_ != "NORP" and noun.tag_ != "NNPS" and not own:
        return False
    verbs = [verb, *_inner_verbs(verb)]
    conveying = set(lex["conveying_verbs"])
    if lemma not in telling:
        conveying -= {"travel"}  # "16 Americans travelled to Haiti for church work"
    if any(v.lemma_.lower() in conveying for v in verbs):
        return True
    home = set(lex["homecoming_words"])
    return any(
        t.lower_ in home
        for v in verbs
        for c in v.children
        if c.dep_ in ("advmod", "prep", "acomp", "attr", "npadvmod")
        for t in list(c.subtree)[:6]  # "on their way to freedom", not a whole clause
    )


_LISTING = {"include", "be", "comprise", "number", "involve"}


def _listed_among_the_freed(verb: Token | None, lex) -> bool:
    """A breakdown of people freed: "the freed Ukrainians included 82 privates", "among
    those rescued from captivity are nine officers", "the soldiers coming home are 149",
    "those freed include ..."; or the people a swap is of: "the exchange involved 246
    prisoners", "an exchange of 300 captives, which included 150 ..."."""
    if verb is None or verb.lemma_.lower() not in _LISTING:
        return False
    groups = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(g.lower_ in ("which", "that") for g in groups):
        groups.append(verb.head)  # "an exchange ..., which included"
    if verb.dep_ == "acl":
        groups.append(verb.head)  # "a multi-day exchange involving nearly 900 prisoners"
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "preparing for a new exchange, involving nearly 500", "held a swap on Friday,
        # involving 500": the parse hangs the participle on the clause, not on the swap
        groups += [t for t in verb.head.subtree if t.i < verb.i and t.pos_ == "NOUN"]
    # "among those freed are ...", "in the new group of freed hostages there are ..."
    there = any(c.dep_ == "expl" for c in verb.children)
    groups += [
        g
        for c in verb.children
        if c.dep_ == "prep" and (c.lower_ == "among" or (there and c.lower_ == "in"))
        for g in c.children
        if g.dep_ == "pobj"
    ]
    groups += [
        g
        for group in list(groups)
        if group.lemma_.lower() in COLLECTIVES
        for of in group.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for g in of.children
        if g.dep_ == "pobj"
    ]
    freeing = set(lex["verbs"]["released"])
    swaps = set(lex["nouns"]["exchanges"])
    for group in groups:
        if group.lemma_.lower() in freeing | swaps or group.lower_ in freeing:
            return True  # "the exchange involved 246", "those freed include 82"
        if _object_of_freeing(group, freeing):
            return True  # "24 hostages, which includes 13 Israelis, were released"
        for word in group.children:
            lemma = word.lemma_.lower()
            if word.dep_ in ("amod", "acl", "relcl") and (
                lemma in freeing or word.lower_ in freeing
            ):
                return True
            home = any(c.lower_ == "home" for c in word.children)
            if word.dep_ in ("acl", "relcl") and lemma in ("come", "go") and home:
                return True
    return False


def _object_of_freeing(group: Token, freeing: set[str]) -> bool:
    """The people a release verb frees, or the total of them ("a total of 24 hostages
    ... were released")."""
    if group.dep_ == "pobj" and group.head.lower_ == "of":
        group = group.head.head
        if group.lemma_.lower() in freeing:
            return True  # "the liberation of a group comprising 33 ..."
    verb = group.head
    return group.dep_ in ("nsubjpass", "dobj") and (
        verb.lemma_.lower() in freeing or verb.lower_ in freeing
    )


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
    lemma = q.noun.lemma_.lower() if q.noun is not None else None
    found = None
    for i, other in counted.items():
        if i >= q.first or other.value != q.value or decided.get(i) in (None, "other", "duration"):
            continue
        if (people and other.noun is not None) or other.noun.lemma_.lower() == lemma:
            found = decided[i]
    return found


def _family_size(q: Quantity, lex) -> bool:
    """ "a father of six"; not "the bodies of eight", "the remains of four"."""
    head = q.root.head
    return (
        q.root.dep_ == "pobj"
        and head.lower_ == "of"
        and (
            head.head.lemma_.lower() in person_nouns() or head.head.lemma_.lower() in lex["people"]
        )
        and not _body_word(head.head, set(lex["bodies"]["nouns"]))
    )


def _same_sentence_before(q: Quantity, decided: dict, doc: Doc) -> bool:
    sentence = doc[q.first].sent
    return any(sentence.start <= i < q.first for i in decided)


def _is_people(noun: Token, lex) -> bool:
    lemma = noun.lemma_.lower()
    return (
        lemma in lex["people"]
        or lemma in lex["combatants"]  # "277 Ukrainian warriors", "40 POWs"
        or lemma in person_nouns()
        or noun.lower_ in PRONOUNS
        or noun.ent_type_ == "NORP"
        or noun.tag_ == "NNPS"
        or any(  # "700 detained Houthis": whoever is detained is people
            c.dep_ == "amod" and c.lemma_.lower() in lex["detaining_verbs"] for c in noun.children
        )
        or detained_before(noun)
        or _people_of_a_state(noun)
    )


def _people_of_a_state(noun: Token) -> bool:
    """ "releases 2 Azerbaijanis", "nine Thais remain", whatever the recogniser and the
    tagger made of the word: a plural demonym."""
    word = noun.lower_
    demonyms = default_table().demonyms
    return word.endswith("s") and (word[:-1] in demonyms or noun.lemma_.lower() in demonyms)


def _tally_words(verb: Token | None, lex) -> list[Token]:
    """The words with the total a tally verb brings to the figure ("the total released",
    "the death toll", "put the number of their dead at"): they say what it counts."""
    # The parse may hang "to 270" on a clause inside ("since the deal took effect").
    for tally in [verb, *verb.ancestors][:3] if verb is not None else []:
        if tally.lemma_.lower() not in lex["tallies"]["verbs"]:
            continue
        totals = [
            c
            for c in tally.children
            if c.dep_ in ("dobj", "nsubj", "nsubjpass")
            and c.lemma_.lower() in lex["tallies"]["nouns"]
        ]
        if totals:
            words = [c for t in totals for c in t.children if c.dep_ in ("amod", "acl", "compound")]
            of = [c for t in totals for c in t.children if c.dep_ == "prep" and c.lower_ == "of"]
            return words + [o for p in of for o in p.children if o.dep_ == "pobj"]  # "of the dead"
    return []


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
    span = noun.doc[left : noun.i + 1]
    return doc_text(noun.doc)[span.start_char : span.end_char]  # the body, not the parse
