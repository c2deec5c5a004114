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

Status is read by ``event_status.py``, the date by ``event_dates.py`` (the
time expressions the parse attaches to the trigger, never the report's date
by default), participants and places by ``participants.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from trucewatch.extract.actors import AliasTable
from trucewatch.extract.captives import detained_as_misread
from trucewatch.extract.clauses import (
    COLLECTIVES,
    CUSTODY,
    SWAPPING,
    children,
    closest,
    in_clause_below,
    span_of,
    subject_for,
)
from trucewatch.extract.event_dates import event_date, planned_date
from trucewatch.extract.event_status import status_of
from trucewatch.extract.freed_by import (
    CAPTIVES,
    also_passive,
    fill_releasers,
    pair_of_the_exchange,
    releases_told_before,
    the_pair_by_a_common_noun,
)
from trucewatch.extract.layout import heading_spans
from trucewatch.extract.lexicon import Lexicon, Sense, Words, default_lexicon
from trucewatch.extract.participants import Participant, Resolver, between
from trucewatch.extract.quotes import quotation_marks
from trucewatch.extract.records import Entity, Event, doc_text, evidence_span, sentences_back
from trucewatch.extract.speakers import antecedents, subject_of
from trucewatch.extract.timex import find_timexes


@dataclass
class Found:
    """A trigger whose sense holds, before its record is built."""

    token: Token
    sense: Sense
    carrier: Token | None = None  # the light verb carrying a noun trigger
    actor: Participant | None = None
    target: Participant | None = None
    theme_subject: bool = False  # the subject is the event itself ("the truce took effect")
    told_before: bool = False  # the actor is that of the same event told earlier


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
    found = merge_nouns_into_verbs(found)
    pair = fill_releasers(found, doc, resolver)
    the_pair_by_a_common_noun(found, pair)
    releases_told_before(found)
    told_before(found)
    records = []
    for item in found:
        record = to_record(item, doc, document, resolver, lexicon)
        # an actor borrowed from the event told before does not make a bare noun one
        anchored = (
            (record.actor and not item.told_before)
            or record.target
            or record.location
            or record.date
        )
        if item.token.pos_ == "VERB" or anchored:
            if anchored and pair_of_the_exchange(item, pair):
                record = to_record(item, doc, document, resolver, lexicon)
            records.append(record)  # a bare noun ("months of bombardment") is no event
    return records


# Verbs ----------------------------------------------------------------------


def lemma_in(token: Token | None, words: Words | None, resolver: Resolver) -> bool:
    if token is None or words is None:
        return False
    if token.lemma_.lower() in COLLECTIVES or token.lower_ in COLLECTIVES:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        token = next((c for c in of.children if c.dep_ == "pobj"), token) if of else token
    if words.person:
        entity = resolver.entity_at(token)
        if (entity is not None and entity.label in ("PERSON", "NORP")) or token.pos_ == "PRON":
            return True
        if token.like_num and any(c.dep_ in ("det", "amod") for c in token.children):
            return True  # "will free the remaining 120", "the last ten": people counted before
    heads = [token, *token.conjuncts]
    return any(h.lemma_.lower() in words or h.lower_ in words for h in heads)


def verb_event(token: Token, senses: tuple[Sense, ...], resolver: Resolver) -> Found | None:
    if _a_state(token):
        return None
    # "Under the deal, mediated by Varenia, ...": a participle clause with a by-agent
    # is passive, and its actor is the agent, not the main clause's subject.
    participle_clause = (
        token.dep_ == "advcl" and token.tag_ == "VBN" and bool(children(token, "agent"))
    )
    passive = (
        bool(children(token, "nsubjpass", "auxpass"))
        or (token.dep_ == "acl" and token.tag_ == "VBN")
        or participle_clause
        or any(detained_as_misread(c) for c in children(token, "nsubj"))
    )
    subject = None if passive or _of_a_deal(token) else subject_for(token)
    if subject is not None and subject.lower_ in _FLOATING and not list(subject.children):
        subject = _floated_from(subject)  # "Russia and Ukraine on Wednesday each released"
    if subject is None and not passive and token.dep_ == "acl" and token.tag_ == "VBG":
        subject = token.head  # "Ruritanian airstrikes killing civilians"
    if subject is not None and author_of_attack(subject) is not None:
        subject = author_of_attack(subject)  # "the Hamas-led attacks killed 1,200"
    if subject is not None and subject.dep_ == "nsubjpass" and token.dep_ == "conj":
        subject = None  # "were freed and taken to ...": no actor borrowed from a passive
    obj = closest(token, "dobj")
    agent = None
    if passive:
        obj = closest(token, "nsubjpass")
        if obj is None and token.dep_ == "acl":
            obj = token.head  # "prisoners freed by Israel"
        if obj is None and not participle_clause:
            obj = subject_for(token)  # "are due to be released", "before being handed over"
        for child in children(token, "agent"):
            agent = next(iter(children(child, "pobj")), None)
        if agent is None:
            agent = attacker_of(token)
        if agent is None and any(s.mode in ("release", "expel") for s in senses):
            agent = _jailer(token, obj, resolver)  # "deported from the United States" too
        if agent is None and any(s.mode == "arrest" for s in senses):
            agent = _arrested_in(token, resolver) or _freed_later_by(obj, resolver.lexicon)
        if agent is None and obj is not None and any(s.mode == "release" for s in senses):
            agent = _released_by(obj, token, resolver.lexicon) or _held_by(obj, token)
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
        if obj is not None and obj.lemma_.lower() in sense.not_object:
            continue  # "meet the deadline" is no meeting
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
        if theme:
            subject_noun = subject_for(token)
            actor = between(subject_noun, resolver) or _hyphenated_pair(subject_noun, resolver)
            if actor is None and sense.mode == "ceasefire":
                actor = _sides_of_the_war(token, resolver)
        else:
            # "a deal between Armenia and Azerbaijan to swap prisoners": the deal's parties
            actor = _parties_of_the_deal(token, resolver) or _with_the_other_side(
                token, resolver.participant(subject), resolver
            )
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


# Participles that say what people are, not what was done to them: "wounded
# prisoners", "prisoners detained in Israel", "servicemen held on the other side".
_STATES = {"detain", "arrest", "jail", "imprison", "wound", "injure"}


def _a_state(token: Token) -> bool:
    if token.lemma_.lower() not in _STATES:
        return False
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and (before.like_num or before.lower_ in ("the", "its", "their")):
        # "31 wounded Ukrainian prisoners", which the parse may make a verb of
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if objects and all(
            t.dep_ in ("amod", "compound") for t in token.doc[token.i + 1 : objects[0].i]
        ):
            return True
    if token.tag_ != "VBN":
        return False
    if token.dep_ == "amod":
        return True  # "31 wounded Ukrainian prisoners"
    if token.dep_ != "acl":
        return False
    # "Palestinians detained during raids on Tuesday" is an arrest: an agent, a time or
    # an occasion makes the participle an event
    told = {c.dep_ for c in token.children} & {"agent", "npadvmod"}
    occasion = any(
        c.dep_ == "prep" and c.lower_ in ("during", "after", "in", "on") and _timed(c)
        for c in token.children
    )
    return not told and not occasion


def _timed(prep: Token) -> bool:
    return any(
        t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in _ATTACK_NOUNS for t in prep.subtree
    )


def _jailer(verb: Token, freed: Token | None, resolver: Resolver) -> Token | None:
    """ "33 Palestinians held in Israeli prisons were freed", "returned from Russian
    captivity", "citizens imprisoned in Venezuela": a release without an agent is the act
    of the state whose prisons held them; "deported from the United States", the state
    they were sent from."""
    for prep in children(verb, "prep"):
        state = next(iter(children(prep, "pobj")), None) if prep.lower_ == "from" else None
        if state is not None and state.ent_type_ == "GPE" and resolver.country_or_name(state):
            return state  # "ten Americans were freed from Venezuela"
    for clause in freed.children if freed is not None else ():
        if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in _HOLDING:
            continue
        for prep in children(clause, "prep"):
            state = next(iter(children(prep, "pobj")), None) if prep.lower_ == "in" else None
            if state is not None and state.ent_type_ == "GPE" and resolver.country_or_name(state):
                return state  # "Americans who were imprisoned in Venezuela were released"
    places = [*verb.children, *(freed.subtree if freed is not None else ())]
    for token in places:
        for custody in [token, *token.subtree] if token.dep_ == "prep" else [token]:
            if custody.lemma_.lower() not in CUSTODY:
                continue
            for owner in custody.children:
                if owner.dep_ in ("amod", "compound", "poss") and resolver.country_or_name(owner):
                    return owner
    return None


def _arrested_in(verb: Token, resolver: Resolver) -> Token | None:
    """ "was arrested in Moscow", "detained in Iran": an arrest without an agent is the
    act of the state it happened in, named by the state or its seat (not a city or a
    territory, whose holder the phrase does not tell)."""
    seats = {a.canonical for held in resolver.aliases.seats.values() for a in held}
    for prep in children(verb, "prep"):
        place = next(iter(children(prep, "pobj")), None) if prep.lower_ == "in" else None
        if place is None or place.ent_type_ != "GPE":
            continue
        entity = resolver.entity_at(place)
        name = (entity.canonical or entity.text) if entity is not None else place.text
        if resolver.country_or_name(place) or name in seats:
            return place
    return None


def _freed_later_by(held: Token | None, lexicon: Lexicon) -> Token | None:
    """ "1,900 Palestinians, including 1,700 people who were detained from Gaza during the
    war, are set to be released by Israel": people detained with no agent of their own
    were detained by whoever the sentence says frees them."""
    if held is not None and held.lower_ in ("who", "that") and held.head.dep_ == "relcl":
        held = held.head.head
    for _ in range(4):
        if held is None:
            return None
        verb = held.head
        if held.dep_ in ("nsubj", "nsubjpass"):
            # "are released by Israel", "are set to be released by Israel"
            verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
            for freeing in verbs:
                senses = lexicon.verbs.get(freeing.lemma_.lower(), ())
                if any(s.mode == "release" for s in senses):
                    for by in children(freeing, "agent"):
                        return next(iter(children(by, "pobj")), None)
            return None
        if held.dep_ == "pobj" and verb.head.pos_ in ("NOUN", "PROPN"):
            held = verb.head  # "including 1,700 people": the people they are among
        elif held.dep_ in ("appos", "conj"):
            held = verb
        else:
            return None
    return None


def _with_the_other_side(
    verb: Token, actor: Participant | None, resolver: Resolver
) -> Participant | None:
    """ "Ukraine swapped 150 prisoners with Russia": both sides swap."""
    if actor is None or verb.lemma_.lower() not in SWAPPING:
        return actor
    for prep in children(verb, "prep"):
        if prep.lower_ != "with":
            continue
        other = resolver.participant(next(iter(children(prep, "pobj")), None))
        if other is not None:
            return _together(actor, other)
    return actor


def _together(actor: Participant, other: Participant) -> Participant:
    """Two sides of one act, named as the first is mentioned."""
    if set(other.names) & set(actor.names):
        return actor
    return Participant(
        [*actor.names, *other.names],
        actor.mention,
        [*actor.countries, *other.countries],
        [*actor.sectors, *other.sectors],
    )


_FLOATING = {"each", "both"}


def _floated_from(quantifier: Token) -> Token | None:
    """ "In a breakthrough, Russia and Ukraine on Wednesday each released ...": the parse
    may leave "each" the subject and the named sides elsewhere; they are the states or
    bodies named together nearest before it in the sentence."""
    sentence = quantifier.sent
    for token in reversed(sentence[: quantifier.i - sentence.start]):
        if token.ent_type_ in ("GPE", "ORG", "NORP") and token.conjuncts:
            return min([token, *token.conjuncts], key=lambda t: t.i)
    return None


def _released_by(freed: Token, verb: Token, lexicon: Lexicon) -> Token | None:
    """ "Thirteen hostages released by the Brigades are handed over": who released the
    people handed over, named on them, hands them over (a verb the lexicon reads as a
    release; not "captives held by the Guard")."""
    for clause in freed.children:
        senses = lexicon.verbs.get(clause.lemma_.lower(), ())
        if (
            clause.dep_ == "acl"
            and clause.i != verb.i
            and clause.tag_ == "VBN"
            and any(s.mode == "release" for s in senses)
        ):
            for by in children(clause, "agent"):
                return next(iter(children(by, "pobj")), None)
    return None


_HOLDING = {"hold", "detain", "keep", "imprison", "jail", "capture", "abduct", "kidnap", "seize"}


def _held_by(freed: Token, verb: Token) -> Token | None:
    """ "two women who were being held captive by Hamas have been freed": people freed
    with no agent of their own are freed by whoever the phrase says held them; not when
    others are freed with them ("60 captives held by the Guard and 180 prisoners")."""
    if freed.conjuncts:
        # "60 captives held by the Guard and 180 prisoners": the first one's alone; "Ten
        # Americans and residents who had been seized by Venezuelan authorities": a
        # clause after the last one is all of theirs
        freed = max(freed.conjuncts, key=lambda t: t.i)
    for clause in freed.children:
        if clause.dep_ not in ("acl", "relcl") or clause.i == verb.i:
            continue
        if clause.lemma_.lower() not in _HOLDING:
            continue
        for by in children(clause, "agent"):
            holder = next(iter(children(by, "pobj")), None)
            if holder is not None and (
                holder.pos_ == "PROPN"
                or any(
                    c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
                    for c in holder.children
                )
            ):
                return holder  # "by Hamas", "by the Yemeni government and the Houthis"
    return None


_WARS = {"war", "conflict", "fighting", "hostilities"}


def _hyphenated_pair(noun: Token | None, resolver: Resolver) -> Participant | None:
    """ "The Israel-Hamas truce", "a Russia–Ukraine swap": two sides joined by a hyphen
    on the noun."""
    if noun is None:
        return None
    for second in children(noun, "nmod", "compound", "amod"):
        first = next((c for c in children(second, "compound") if c.i == second.i - 2), None)
        if first is None or noun.doc[first.i + 1].text not in ("-", "–", "—"):
            continue
        names = [resolver.country_or_name(first), resolver.country_or_name(second)]
        if None in names or names[0] == names[1]:
            continue
        actors = [resolver.aliases.lookup(n) for n in names]
        return Participant(
            names,
            noun.doc[first.i : second.i + 1],
            [a.country if a else None for a in actors],
            [a.sector if a else None for a in actors],
        )
    return None


def _sides_of_the_war(verb: Token, resolver: Resolver) -> Participant | None:
    """ "The ceasefire, which began on 10 October, ... the war between Israel and Hamas":
    a ceasefire with no parties of its own is between the sides of the war its sentence
    names."""
    for noun in verb.sent:
        if noun.lemma_.lower() in _WARS:
            pair = between(noun, resolver)
            if pair is not None:
                return pair
    return None


_DEALS = {"deal", "agreement", "accord", "arrangement", "plan", "proposal", "pact"}


def _of_a_deal(verb: Token) -> bool:
    """ "welcomes the deal to release detainees": what a deal is to do is not done by
    whoever speaks of the deal (its parties, where the phrase names them, do it)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "acl":
        return verb.head.lemma_.lower() in _DEALS
    # the parse may hang the infinitive on the clause's verb: "welcomes the deal | to release"
    return verb.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.i == verb.i - 2 and c.lemma_.lower() in _DEALS
        for c in verb.head.children
    )


def _parties_of_the_deal(verb: Token, resolver: Resolver) -> Participant | None:
    """ "a deal between Armenia and Azerbaijan to swap prisoners": an infinitive of a
    noun with "between" is the act of the noun's parties, whoever hailed the deal (the
    parse may hang the infinitive on the clause's verb)."""
    nouns = [verb.head] if verb.dep_ == "acl" else []
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and verb.dep_ in ("advcl", "xcomp"):
        nouns += [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    for noun in nouns:
        pair = between(noun, resolver)
        if pair is not None:
            return pair
    return None


_ATTACK_NOUNS = {
    "attack", "assault", "raid", "offensive", "incursion", "bombardment", "strike", "campaign",
    "bombing", "shelling", "airstrike",
}  # fmt: skip


def attacker_of(verb: Token) -> Token | None:
    """ "were killed during the Hamas-led attack", "in Hamas's attack": a passive without
    an agent takes the attack's author as its actor; so do passives joined to it ("have
    been killed and 170,800 injured in Israel's offensive")."""
    joined = [*verb.conjuncts, *(a for c in verb.conjuncts for a in children(c, "acl"))]
    for prep in [p for v in (verb, *joined) for p in children(v, "prep")]:
        if prep.lower_ in ("during", "in"):
            for noun in children(prep, "pobj"):
                author = author_of_attack(noun)
                if author is not None:
                    return author
    return None


def author_of_attack(noun: Token) -> Token | None:
    """Whose attack: "Hamas's attack", "the Hamas-led attack", "the incursion by Hamas"."""
    if noun.lemma_.lower() not in _ATTACK_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next(iter(children(child, "pobj")), None)
        if child.dep_ == "amod" and child.lower_ == "led":
            return next(iter(children(child, "npadvmod", "compound")), None)
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _MOUNTING:
            for by in children(child, "agent"):  # "the attacks launched by Hamas"
                return next(iter(children(by, "pobj")), None)
    if _fired_in(noun):
        return subject_for(noun.head.head)  # "Hamas took 240 captives in an attack that ..."
    return None


def told_before(found: list[Found]) -> None:
    """ "Dror Or was killed by Islamic Jihad militants ... His wife was also killed in the
    attack"; "a swap between the United States, Russia and other countries ... the
    exchange of 26 individuals"; "after Hamas kidnapped them ... a nurse who was
    kidnapped from Nir Oz": an event named with "the" (or "previous", "these") and no
    doer of its own, or an abduction told without its doer, is the one told before,
    and has its doer, in place. An attack or an abduction looks back two sentences
    (another may follow); an exchange, through the report (a report is of one)."""
    for n, item in enumerate(found):
        if item.actor is not None:
            continue
        noun = _the_event_noun(item)
        if noun is None:
            continue
        swap = noun.lemma_.lower() in SWAPPING
        abduction = item.sense.mode == "abduct" and noun is item.token
        for before in reversed(found[:n]):
            if not swap and before.token.i < sentences_back(noun, 2):
                break  # an attack or an abduction: the two sentences before
            if before.actor is None:
                continue
            if swap:
                same = before.token.lemma_.lower() in SWAPPING and len(before.actor.names) > 1
            elif abduction:
                same = before.sense.mode == "abduct"
            else:
                same = before.sense.type == "ASSAULT" and item.sense.type == "ASSAULT"
            if same:
                item.actor, item.told_before = before.actor, True
                break


def _the_event_noun(item: Found) -> Token | None:
    """The definite noun naming the event: its own trigger ("the exchange"), or the
    attack a passive without agent happened in ("was also killed in the attack")."""
    token = item.token
    if token.pos_ == "VERB":
        if item.sense.type != "ASSAULT" or any(c.dep_ == "agent" for c in token.children):
            return None
        if item.sense.mode == "abduct" and token.tag_ == "VBN":
            return token  # "a nurse who was kidnapped from Nir Oz"
        if also_passive(token) and not _the_attacker_too(token):
            return token  # "The father was also shot"
        nouns = [
            noun
            for prep in children(token, "prep")
            if prep.lower_ in ("in", "during")
            for noun in children(prep, "pobj")
            if noun.lemma_.lower() in _ATTACK_NOUNS
        ]
        token = nouns[0] if nouns else None
    elif token.lemma_.lower() not in SWAPPING and token.lemma_.lower() not in _ATTACK_NOUNS:
        return None
    if token is None or any(
        c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_)
        for c in token.children
    ):
        return None  # "Hamas's attack", "the Israeli strike": a doer of its own, found or not
    definite = any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or (c.dep_ == "amod" and c.lower_ in _EARLIER)
        for c in token.children
    )
    return token if definite else None


_DEFINITE = {"the", "this", "that", "these", "those"}
_EARLIER = {"previous", "earlier", "recent", "same"}  # "killed in previous attacks"


_ATTACKERS = {
    "assailant", "attacker", "gunman", "gunmen", "shooter", "bomber", "perpetrator", "suspect",
    "militant", "terrorist", "fighter", "assassin",
}  # fmt: skip


def _the_attacker_too(verb: Token) -> bool:
    """ "A gunman killed two soldiers. The assailant was also killed": the one killed
    then is the attacker, not another of the attacker's victims."""
    return any(c.dep_ == "nsubjpass" and c.lemma_.lower() in _ATTACKERS for c in verb.children)


_MOUNTING = {"launch", "carry", "mount", "stage", "conduct", "lead", "perpetrate", "commit"}


def has_condition(token: Token, lexicon: Lexicon) -> bool:
    return any(
        t.lower_ in lexicon.status.get("condition", ()) and t.dep_ == "mark" for t in token.subtree
    )


# Nouns ----------------------------------------------------------------------


def _taking_place(verb: Token) -> bool:
    """ "took place", "happened", "occurred": a verb that only says the event was."""
    lemma = verb.lemma_.lower()
    return lemma in ("happen", "occur") or (
        lemma == "take" and any(c.lower_ == "place" for c in verb.children)
    )


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
        released = senses[0].mode in _DONE_TO_THE_OWNER and (
            poss.lower_ in ("his", "her", "their")
            or getattr(resolver.entity_at(poss), "label", None) == "PERSON"
            or (poss.tag_ == "NNS" and poss.lemma_.lower() in CAPTIVES)  # "the prisoners' swap"
        )
        if released:  # "his release", "her arrest": the one released or arrested
            actor, target = None, actor
        elif actor is None and poss.lower_ in ("their", "its"):
            actor = resolver.participant(_doer_of_the_clause(token))
    if actor is None:
        actor = between(token, resolver)
    if actor is None and token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX"):
        # "a deal was reached between the government and the rebels during talks"
        clause = token.head.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        for holder in (clause, *subjects):
            actor = between(holder, resolver)
            if actor is not None:
                break
    if actor is None and token.dep_ in ("nsubj", "nsubjpass") and _taking_place(token.head):
        actor = between(token.head, resolver)  # "a swap took place between Moscow and Kyiv"
    if actor is None:
        actor = _hyphenated_pair(token, resolver)  # "the Israel-Hamas truce"
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
    if actor is None:
        led = next((c for c in children(token, "amod") if c.lower_ == "led"), None)
        author = next(iter(children(led, "npadvmod", "compound")), None) if led else None
        if author is not None:
            actor = resolver.participant(author)  # "the Hamas-led attack"
    if actor is None and senses[0].type == "CONSULT" and _in_talks(token):
        actor = resolver.participant(subject_for(token.head.head))  # "Russia is in talks"
    if actor is None and senses[0].type == "CONSULT" and _at_a_meeting(token):
        # "Putin said during a meeting with his chief of staff": the speaker met
        clause = token.head.head
        doer = subject_for(clause) or (clause.head if clause.dep_ == "acl" else None)
        if doer is not None and doer.dep_ == "nsubj":  # "Netanyahu, speaking after a meeting"
            actor = resolver.participant(doer)
    if actor is None and senses[0].type == "ASSAULT" and _fired_in(token):
        # "Russia launched eight missiles and 87 drones in an overnight attack"
        actor = resolver.participant(subject_for(token.head.head))
    if actor is None and carrier is not None and token.dep_ == "dobj":
        doer = subject_for(carrier)
        planned = carrier.dep_ == "xcomp" and carrier.head.lemma_.lower() in lexicon.status.get(
            "plan", ()
        )  # "El Salvador is set to carry out an exchange": the one set to do it
        counted = doer is not None and any(c.dep_ == "nummod" for c in doer.children)
        if doer is not None and (doer.dep_ != "nsubjpass" or planned) and not counted:
            # not "303 soldiers were returned (came home), completing the exchange": the
            # people counted are the freed, not a side carrying it out
            actor = resolver.participant(doer)
    for prep in children(token, "prep"):
        if target is not None:
            break
        if prep.lower_ in ("with", "on", "against", "of"):
            pobj = next(iter(children(prep, "pobj")), None)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            if prep.lower_ != "of" or resolver.entity_at(pobj) is not None:
                target = resolver.participant(pobj)
            if (
                prep.lower_ == "with"
                and token.lemma_.lower() in SWAPPING
                and actor is not None
                and target is not None
            ):
                # "Ukraine held another prisoner exchange with Russia": both sides swap
                actor, target = _together(actor, target), None
    for sense in senses:
        if sense.with_ is not None and not any(
            t.lemma_.lower() in sense.with_ or t.lower_ in sense.with_
            for t in token.subtree
            if t.i != token.i
        ):
            continue
        return Found(token, sense, carrier, actor, target)
    return None


def _doer_of_the_clause(noun: Token) -> Token | None:
    """ "hostages taken by Hamas after their raid", "Hamas took 240 hostages during its
    attack": a plural or group possessive on an event in a clause is the clause's doer
    (its by-agent, else its subject), when the clause names one."""
    if noun.dep_ != "pobj" or noun.head.head.pos_ != "VERB":
        return None
    verb = noun.head.head
    for by in children(verb, "agent"):
        return next(iter(children(by, "pobj")), None)
    doer = next(iter(children(verb, "nsubj")), None)
    return doer if doer is not None and doer.pos_ == "PROPN" else None


_DONE_TO_THE_OWNER = {"release", "arrest", "abduct", "expel"}
# Verbs whose subject, firing weapons or taking people "in an attack", is the attacker.
_FIRING = {
    "launch", "fire", "conduct", "mount", "use", "send", "deploy", "drop",
    "kill", "take", "abduct", "kidnap", "seize", "capture", "storm",
}  # fmt: skip


def _fired_in(token: Token) -> bool:
    if token.dep_ != "pobj" or token.head.lower_ not in ("in", "during"):
        return False
    verb = token.head.head
    doer = subject_for(verb) if verb.pos_ == "VERB" else None
    return verb.lemma_.lower() in _FIRING and doer is not None and doer.dep_ == "nsubj"


def _in_talks(token: Token) -> bool:
    """ "Russia is in talks with the West", "the sides remain in negotiations": whoever is
    in the talks holds them."""
    if token.dep_ != "pobj" or token.head.lower_ != "in":
        return False
    return token.head.head.lemma_.lower() in ("be", "remain", "stay")


def _at_a_meeting(token: Token) -> bool:
    """ "said during a meeting with", "spoke at talks in": the meeting its clause was held
    at; "Netanyahu, speaking after a meeting with": the meeting the speaker comes from
    (a verb's "after talks" only dates it)."""
    if token.dep_ != "pobj" or token.head.head.pos_ not in ("VERB", "AUX"):
        return False
    word, clause = token.head.lower_, token.head.head
    return word in ("during", "at") or (
        word in ("after", "following") and clause.dep_ == "acl" and clause.tag_ == "VBG"
    )


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
    for participant in (None if item.told_before else item.actor, item.target):
        if participant is not None and participant.mention.sent == token.sent:
            spans.append((participant.mention.start_char, participant.mention.end_char))
    start = min(a for a, _ in spans)
    end = max(b for _, b in spans)
    evidence, ev_start, ev_end = evidence_span(doc[token.i : token.i + 1])
    status = status_of(item.token, item.carrier, lexicon)
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
        actor_mention=as_written(actor.mention) if actor else None,
        actor_country=actor.countries if actor else None,
        actor_sector=actor.sectors if actor else None,
        target=target.names if target else None,
        target_mention=as_written(target.mention) if target else None,
        target_country=target.countries if target else None,
        target_sector=target.sectors if target else None,
        location=location,
        date=planned_date(
            event_date(item.token, item.carrier, doc, document.date),
            status,
            item.token,
            item.carrier,
            doc,
            document.date,
        ),
        trigger=doc_text(token.doc)[token.idx : token.idx + len(token)],
        trigger_start=token.idx,
        trigger_end=token.idx + len(token),
    )


def as_written(span) -> str:
    """A span's text from the stored body (the parse saw long runs broken by spaces)."""
    return doc_text(span.doc)[span.start_char : span.end_char]
