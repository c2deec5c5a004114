"""Whose captives a count counts: a state's prisoners or an armed group's hostages.

The telling word in the phrase ("hostages", "prisoners of war"), who holds or frees
the people (a state or a group), the word nearest in the sentence or the sentences
before, and what the report calls people most. See ``trucewatch.extract.claims``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from trucewatch.extract.actors import default_table
from trucewatch.extract.clauses import CUSTODY, SWAPPING
from trucewatch.extract.numbers import Quantity, lexicon
from trucewatch.extract.speakers import is_armed_group
from trucewatch.extract.speakers import subject_of as speaker_subject


def _opposed(q: Quantity, token: Token) -> bool:
    """The telling word counts a figure set against this one: coordinated with it
    ("eight soldiers and 120 detainees were returned"), or under a coordinated verb
    with another subject ("the rebels are to free 40 soldiers and the government is
    to release 450 detainees")."""
    if q.noun is None:
        return False
    if token in q.noun.conjuncts or token.head in q.noun.conjuncts:
        return True
    mine, theirs = _clause_verb(q.noun), _clause_verb(token)
    if mine is None or theirs is None or mine == theirs or theirs not in mine.conjuncts:
        return False
    subjects = [
        next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        for v in (mine, theirs)
    ]
    return None not in subjects and subjects[0].lower_ != subjects[1].lower_


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds the token, above any "to"-infinitive it is the object of."""
    for _ in range(6):
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("xcomp", "aux", "auxpass"):
            return token
        if token.head == token:
            return None
    return None


def holder_side(noun: Token) -> str | None:
    """ "prisoners" when a state holds or frees the counted people, "hostages" when an
    armed group does, else None (see ``holders`` in claims.yaml)."""
    lex = lexicon()["holders"]
    holders: list[Token] = []
    held = set(lexicon()["verbs"]["held"])
    for child in noun.children:  # "the 12 soldiers it holds"
        if child.dep_ == "relcl" and child.lemma_.lower() in held:
            holders += [c for c in child.children if c.dep_ == "nsubj"]
        # "eight passengers held by bandits", "four passengers freed by bandits"
        if child.dep_ == "acl" and child.lemma_.lower() in held | set(lex["giving_verbs"]):
            agents = [c for c in child.children if c.dep_ == "agent"]
            holders += [o for a in agents for o in a.children if o.dep_ == "pobj"]
    whole = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM"):
        # "has freed a total of 69 people": the total is freed; "released four of the 18
        # passengers": the part is
        whole = noun.head.head
    verb = whole.head if whole.dep_ in ("dobj", "nsubjpass") else None
    if verb is not None and verb.lemma_.lower() in lex["giving_verbs"]:
        if whole.dep_ == "dobj":
            subject = speaker_subject(verb)  # "the rebels are to free 40 soldiers"
            holders += [subject] if subject is not None else []
        agents = [c for c in verb.children if c.dep_ == "agent"]  # "freed by the group"
        holders += [o for a in agents for o in a.children if o.dep_ == "pobj"]
    for holder in holders:
        side = _side(holder, lex)
        if side is not None:
            return side
    return None


def _side(holder: Token, lex) -> str | None:
    if holder.pos_ == "PRON":
        # "it holds": the nearest organisation or state named before, in the sentence.
        named = [t for t in holder.sent if t.i < holder.i and t.ent_type_ in ("ORG", "GPE")]
        if not named:
            return None
        holder = named[-1]
    if holder.ent_type_ == "GPE":
        return "prisoners"
    known = default_table().lookup(_entity_text(holder)) if holder.ent_type_ else None
    if known is not None and known.label == "GPE":
        return "prisoners"  # "captured by Kiev", whatever the recogniser made of it
    if holder.ent_type_ == "ORG":
        # A named group: the alias table says whether it is a state's ("Israel Defense
        # Forces": MIL) or an armed group (REB); one it does not know is an armed group
        # when its name says so ("the Eastern Banner Army"); the Red Cross is neither.
        name, table = _entity_text(holder), default_table()
        actor = table.lookup(name)
        if actor is not None and (actor.label == "GPE" or actor.sector in STATE_SECTORS):
            return "prisoners"
        return "hostages" if is_armed_group(name, table) else None
    lemma = holder.lemma_.lower()
    if lemma in lex["state"]:
        return "prisoners"  # "the government", "the army"
    if lemma in lex["group"]:
        return "hostages"
    return None


STATE_SECTORS = {"GOV", "MIL", "POL", "JUD", "LEG"}  # the alias table's sectors of a state


def _entity_text(token: Token) -> str:
    """The named entity the token is in, as written."""
    doc, start, end = token.doc, token.i, token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    words = doc[start : end + 1]
    return (words[1:] if words[0].lower_ == "the" else words).text


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
            neutral = token.lemma_.lower() in ("captive", "captivity")
            if (
                _state_held(token)
                or war_prisoners
                or (
                    neutral
                    and (
                        in_a_states_custody(q, doc)
                        or nationals_of_war(q, doc)
                        or (captives_of_states(doc) and held_by != "hostages")
                    )
                )
            ):
                found = "prisoners"  # "returned from Russian captivity": a state's
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

    lex = lexicon()
    held_by = holder_side(q.noun) if q.noun is not None else None
    told = _told(doc)
    # Soldiers or servicemen held captive, not by an armed group, in a report that does not
    # call people hostages more often than prisoners ("captivity" is said of both):
    # prisoners of war ("103 soldiers held captive were swapped").
    war_prisoners = (
        _combatant(q) and held_by != "hostages" and not told["hostage"] > told["prisoners"]
    )
    if q.noun is not None:
        # The phrase, not what is coordinated with it ("eight soldiers and 120 detainees").
        others = {t.i for c in q.noun.children if c.dep_ == "conj" for t in c.subtree}
        for token in q.noun.subtree:
            if token.i in others:
                continue
            if kind(token):
                return kind(token)
            if token.pos_ == "VERB" and token.lemma_.lower() in lex["detaining_verbs"]:
                return "prisoners"  # "four journalists who were detained and sentenced"
        if detained_as_misread(q.noun) or detained_before(q.noun):
            return "prisoners"
        if held_by is not None:
            return held_by
    sentence = doc[q.first].sent
    sides = lexicon()["two_sides"]
    contrast = any(
        (t.pos_ == "NOUN" and t.lemma_.lower() in sides["nouns"]) or t.lower_ in sides["words"]
        for t in sentence
    )
    ours = _people_of(q.noun) if q.noun is not None else set()
    for token in sorted(sentence, key=lambda t: abs(t.i - q.first)):
        found = kind(token)
        # "150 Palestinians freed ... for each Israeli hostage": another people's word
        foreign = bool(
            found
            and ours
            and token.lemma_.lower() not in CUSTODY  # "Israeli jails": the jailer's
            and _people_of(token)
            and not ours & _people_of(token)
        )
        if foreign and not contrast:
            continue
        other = token.i in counted and counted[token.i] is not q
        if other and ours and counted[token.i].noun is not None:
            # "three jailed Palestinian convicts ..., a total of 150 Palestinians": the
            # other figure counts the same people, not the other side's
            other = not ours & _people_of(counted[token.i].noun)
        other = other or foreign
        if found and other and (contrast or _opposed(q, token)):
            if found == "prisoners" and not told["hostages"] and not _combatant(q):
                return found  # "200 prisoners, 16 Saudis freed": a report of no captives
            if (
                found == "prisoners"
                and _combatant(q)
                and (_of_war(token) or (no_hostages(doc) and _national(q.noun, token)))
            ):
                # "32 prisoners of war, while B frees two servicemen": both POWs; in a report
                # that never speaks of hostages, one state's soldiers set against another's
                # prisoners are POWs too ("246 Russian servicemen ... 246 Ukrainian prisoners")
                return found
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
                return _as_of_their_people(q, token, kind(token), told)
        before = previous.start
    # else what the report is about: "115 of our defenders came home"
    if told["hostages"] != told["prisoners"] and _captive_like(q):
        return "hostages" if told["hostages"] > told["prisoners"] else "prisoners"
    if war_prisoners:
        return "prisoners"  # servicemen freed, and nothing says hostages: prisoners of war
    if _captive_like(q) and _captors_named_near(q, doc):
        return "hostages"  # "Bandits have released four ... Four regained their freedom"
    if not told["hostages"] and _one_side_s_people(q) and _in_a_swap(sentence):
        return "prisoners"  # "390 Armenians return home in the first stage of the swap"
    return None


def _one_side_s_people(q: Quantity) -> bool:
    """ "390 Armenians", "390 of its citizens", "697 people": people, of a state or not."""
    if q.noun is None:
        return False
    return (
        bool(_people_of(q.noun))
        or q.noun.lemma_.lower() in ("people", "person", "citizen", "national")
        or any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in q.noun.children)
    )


def _in_a_swap(sentence) -> bool:
    """A swap, or people sent home to each side ("697 returned to each side")."""
    sides = any(
        t.lemma_ == "side" and any(c.lower_ in ("each", "both") for c in t.children)
        for t in sentence
    )
    return sides or any(t.lemma_.lower() in SWAPPING for t in sentence)


def _people_of(noun: Token) -> set[str]:
    """The states whose people a noun names: "Palestinians", "Israeli hostage" (by the
    alias table's demonyms, whatever the recogniser made of the word)."""
    demonyms = default_table().demonyms
    words = [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound"))]
    states = set()
    for word in words:
        forms = (word.text.casefold(), word.text.casefold().removesuffix("s"))
        known = next((demonyms[f].canonical for f in forms if f in demonyms), None)
        if known is None and word.ent_type_ == "NORP":
            known = forms[1]  # "Palestinians": a people the table keeps no state for
        if known is not None:
            states.add(known)
    return states


def _captors_named_near(q: Quantity, doc: Doc) -> bool:
    """An armed group or kidnappers ("bandits", "the gunmen") named in the figure's
    sentence or the two before, in a report that names no hostages or prisoners."""
    group = set(lexicon()["holders"]["group"])
    sentence = doc[q.first].sent
    start = sentence.start
    for _ in range(2):
        start = doc[start - 1].sent.start if start > 0 else start
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in group for t in doc[start : sentence.end]
    )


def _as_of_their_people(q: Quantity, token: Token, found: str, told: dict) -> str:
    """The kind a sentence before names, unless it names it of another people: after "in
    exchange for Palestinian prisoners", "13 Israelis and four Thais had returned" are the
    other side's, hostages (in a report that tells of hostages at all)."""
    if q.noun is None or _combatant(q) or not told["hostages"]:
        return found
    ours = {c.lower_ for c in [q.noun, *q.noun.children] if c.ent_type_ == "NORP"}
    theirs = {c.lower_ for c in token.children if c.dep_ == "amod" and c.ent_type_ == "NORP"}
    if ours and theirs and not ours & theirs:
        return "hostages" if found == "prisoners" else "prisoners"
    return found


def _of_war(token: Token) -> bool:
    """ "POWs", "prisoners of war": soldiers held by a state."""
    return token.lower_.removesuffix("s") == "pow" or any(
        c.lower_ == "of" and any(g.lower_ == "war" for g in c.children) for c in token.children
    )


def _combatant(q: Quantity) -> bool:
    noun = q.noun
    return noun is not None and (
        noun.lemma_.lower() in lexicon()["combatants"] or noun.lower_ in lexicon()["combatants"]
    )


def _captive_like(q: Quantity) -> bool:
    """Fighters, or people freed by a verb that frees (not "returned to the valley")."""
    lex = lexicon()
    noun = q.noun.lemma_.lower() if q.noun is not None else None
    if noun in lex["combatants"]:
        return True
    verb = next((t for t in q.root.ancestors if t.pos_ == "VERB"), None)
    if verb is None:
        return False
    return regains_freedom(verb) or verb.lemma_.lower() in lex["freeing_verbs"]


def regains_freedom(verb: Token) -> bool:
    """ "regained their freedom", "won their freedom": a release told by its object."""
    return verb.lemma_.lower() in lexicon()["verbs"]["released_with_freedom"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("freedom", "liberty") for c in verb.children
    )


def _state_held(token: Token) -> bool:
    """ "Russian captivity", "Israeli captivity": held by a state, so prisoners."""
    return token.lemma_.lower() in ("captivity", "custody") and any(
        c.dep_ in ("amod", "poss", "compound") and c.ent_type_ in ("NORP", "GPE")
        for c in token.children
    )


def in_a_states_custody(q: Quantity, doc: Doc) -> bool:
    """ "230 captives ... returned from Russian custody": captives of a state are prisoners."""
    return any(_state_held(t) for t in doc[q.first].sent)


def _national(*nouns: Token) -> bool:
    """Each noun names its people: "Russian servicemen", "Ukrainian prisoners"."""
    return all(
        any(
            c.dep_ in ("amod", "compound")
            and (c.ent_type_ in ("NORP", "GPE") or (c.tag_ == "JJ" and c.text[:1].isupper()))
            for c in noun.children
        )
        for noun in nouns
    )


def exchanged_between_states(q: Quantity) -> bool:
    """Captives a swap "between" two states trades are prisoners of war: "an exchange of
    300 captives between the Russian Federation and the Republic of Ukraine"."""
    noun = q.noun
    if noun is None:
        return False
    for anchor in [noun, *list(noun.ancestors)[:3]]:
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ != "between":
                continue
            sides = [p for p in prep.children if p.dep_ == "pobj"]
            sides += [c for p in sides for c in p.conjuncts]
            return len(sides) >= 2 and all(_a_state(s) for s in sides)
    return False


def _a_state(token: Token) -> bool:
    if token.ent_type_ == "GPE":
        return True
    actor = default_table().lookup(_entity_text(token))
    return actor is not None and actor.label == "GPE"


def no_hostages(doc: Doc) -> bool:
    """A report of prisoners that never calls anyone a hostage."""
    told = _told(doc)
    return not told["hostages"] and told["prisoners"] > 0


# The holders' words for an armed group (claims.yaml) that always name one: not
# "group" or "fighters", which a state's troops are called too.
_NOT_ALWAYS_ARMED = {
    "group", "movement", "faction", "organisation", "organization", "fighter", "terrorist",
    "extremist",
}  # fmt: skip


_GROUP_NAMES = {"front", "militia", "brigade", "brigades", "legion"}


def _freed_by_no_one_or_a_state(noun: Token, table) -> bool:
    """ "exchanging 175 captives", "Russia freed 84 captives"; not "the Guard freed 10
    captives" (a body no table knows as a state's)."""
    verb = noun.head
    doers = [c for c in verb.children if c.dep_ == "nsubj"] if noun.dep_ == "dobj" else []
    doers += [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    for doer in doers:
        if doer.ent_type_ in ("GPE", "NORP"):
            continue
        actor = table.lookup(_entity_text(doer)) if doer.ent_type_ else None
        if actor is None or not (actor.label == "GPE" or actor.sector in STATE_SECTORS):
            return False
    return True


def captives_of_states(doc: Doc) -> bool:
    """A report of prisoners that calls nobody a hostage and names no armed group or
    captor (a swap between states): its "captives" are prisoners of war ("84 captives
    released on each side"), unless a body no table knows as a state frees them ("the
    Guard freed 10 captives")."""
    if not no_hostages(doc):
        return False
    found = doc.user_data.get("trucewatch_no_captors")
    if found is None:
        table = default_table()
        captors = set(lexicon()["holders"]["group"]) - _NOT_ALWAYS_ARMED
        # the recogniser may miss a group's name, or take it for a person's ("The
        # Riverland Front"): the name's last word tells
        found = (
            not any(
                t.lemma_.lower() in captors or (t.pos_ == "PROPN" and t.lower_ in _GROUP_NAMES)
                for t in doc
            )
            and not any(is_armed_group(entity.text, table) for entity in doc.ents)
            and all(
                _freed_by_no_one_or_a_state(t, table)
                for t in doc
                if t.lemma_.lower() == "captive" and t.pos_ == "NOUN"
            )
        )
        doc.user_data["trucewatch_no_captors"] = found
    return found


def nationals_of_war(q: Quantity, doc: Doc) -> bool:
    """A state's people held captive, in a report of prisoners that never speaks of
    hostages, are prisoners of war: "the return of 15 Armenian captives" beside "10
    Azerbaijani prisoners" (not "five captives held by the Front")."""
    noun = q.noun
    return (
        noun is not None
        and _national(noun)
        and no_hostages(doc)
        and holder_side(noun) != "hostages"
    )


def _told(doc: Doc) -> dict[str, int]:
    """How often the report calls people hostages and prisoners, counted once per report."""
    found = doc.user_data.get("trucewatch_told")
    if found is None:
        lex = lexicon()
        # "captivity" and "captives" are said of a state's prisoners too: they tell neither
        hostage = set(lex["hostage_words"]) - {"captive", "captivity"}
        counts = doc.count_by(LEMMA)  # in C: no Token made per word of the report

        def told(words) -> int:
            spellings = {s for w in words for s in (w, w.capitalize(), w.upper())}
            return sum(counts.get(get_string_id(s), 0) for s in spellings)

        found = {
            "hostages": told(hostage),
            "prisoners": told(lex["prisoner_words"]),
            "hostage": told(("hostage", "abductee")),
        }
        doc.user_data["trucewatch_told"] = found
    return found


def detained_as_misread(noun: Token) -> bool:
    """ "eight Russians detained and held abroad had returned": the parser reads the
    people as the subject of "detained", though detaining takes an object, so they are
    the detained."""
    verb = noun.head
    return (
        noun.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in lexicon()["detaining_verbs"]
        and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)
    )


def detained_before(noun: Token) -> bool:
    """ "700 detained Houthis", however the parse hangs "detained" (it may make it the
    number's verb): the people are detained."""
    before = noun.doc[noun.i - 1] if noun.i else None
    return before is not None and before.lemma_.lower() in lexicon()["detaining_verbs"]
