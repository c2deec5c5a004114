"""Who freed people a report does not name a releaser for, from the two sides it names.

A report of a swap names its two sides once ("Russia and Ukraine exchanged 103
prisoners each") and then tells each side's release without an agent: "248
Russian servicemen have been freed", "the 115 Ukrainian servicemen who were
freed", "a new group of 12 hostages was freed from Gaza". Where the report
names exactly one pair of sides, the freed people's own side tells who freed
them: the other one; people "exchanged" were exchanged by both. Hostages with
no nationality are the armed group's, when exactly one side is one. Anything
else stays unknown:

- no pair, or two different pairs, in the report;
- people of neither side, or of both ("Yemeni detainees" in a war between the
  Yemeni government and the Houthis);
- prisoners with no nationality (both sides hold prisoners).

An exchange of people told as a noun with no sides of its own ("after a
prisoner exchange at an undisclosed location", "the swap") is the pair's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from trucewatch.extract.clauses import COLLECTIVES, SWAPPING
from trucewatch.extract.participants import Participant, Resolver, between, mention_of
from trucewatch.extract.speakers import PAIR_NOUNS

_HOSTAGES = {"hostage", "captive", "abductee"}
_ARMED_GROUPS = {"REB", "INS", "MIL-NS", "UAF"}
# Nouns whose "between" names the two sides: "the war between Israel and Hamas".
_BETWEEN_SIDES = {
    "war", "conflict", "fighting", "truce", "ceasefire", "deal", "agreement", "exchange",
    "swap", "talks", "negotiations",
}  # fmt: skip


def fill_releasers(found: list, doc: Doc, resolver: Resolver) -> Participant | None:
    """Give the releases that name no releaser the side the report's pair leaves, in
    place; the pair, for ``pair_of_the_exchange``."""
    pair = _the_pair(found, doc, resolver)
    if pair is None:
        return None
    for item in found:
        if item.sense.mode != "release" or item.actor is not None:
            continue
        if item.token.pos_ != "VERB":
            continue  # an exchange told as a noun: pair_of_the_exchange
        if item.token.lemma_.lower() in SWAPPING:
            item.actor = pair  # "1,994 captives have been exchanged": both sides swap
            continue
        freed = _freed(item) or _they_were(item.token)
        if freed is None:
            continue
        side = _their_side(freed, pair, resolver)
        if side is not None:
            item.actor = _one_of(pair, 1 - side, resolver)
        elif freed.lemma_.lower() in _HOSTAGES:
            groups = [i for i, s in enumerate(pair.sectors) if s in _ARMED_GROUPS]
            if len(groups) == 1:
                item.actor = _one_of(pair, groups[0], resolver)
    return pair


def pair_of_the_exchange(item, pair: Participant | None) -> bool:
    """Give an exchange of people told as a noun, with no sides of its own, the report's
    pair ("after a prisoner exchange at the border"); whether it did."""
    token = item.token
    if pair is None or item.actor is not None or token.pos_ == "VERB":
        return False
    if token.lemma_.lower() not in SWAPPING or not _of_captives(token):
        return False
    item.actor = pair
    return True


CAPTIVES = {
    "prisoner", "hostage", "captive", "detainee", "pow", "soldier", "serviceman", "servicemen",
    "body", "remains", "civilian", "people",
}  # fmt: skip


def _of_captives(noun: Token) -> bool:
    """ "the exchange", "a prisoner swap", "an exchange of 150 prisoners": an exchange of
    people (the one the report tells, when definite); not "artillery exchanges"."""
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return True
    return any(t.lemma_.lower() in CAPTIVES for t in noun.sent if t.pos_ in ("NOUN", "PROPN"))


def _the_pair(found: list, doc, resolver: Resolver) -> Participant | None:
    """The one pair of sides the report names together (in any order), or None: the
    sides of its releases and truces, and of "the war between Israel and Hamas"."""
    pairs = [
        item.actor
        for item in found
        if item.actor is not None
        and (item.sense.mode in ("release", "ceasefire") or item.token.lemma_.lower() in SWAPPING)
    ]
    for token in doc:
        if token.lemma_.lower() in _BETWEEN_SIDES:
            pairs += [p for p in [between(token, resolver)] if p is not None]
    # two sides the alias table knows ("Russia and Ukraine"), not "Russia, the ministry"
    pairs = [
        p
        for p in pairs
        if len(p.names) == 2
        and all(
            c is not None or s is not None for c, s in zip(p.countries, p.sectors, strict=False)
        )
        and len(p.countries) == 2
    ]
    # "Russia and Ukraine", then "Moscow and Kyiv": one pair of states, by their capitals
    if not pairs or len({_sides_of(p) for p in pairs}) > 1:
        return None
    return pairs[0]


def _sides_of(pair: Participant) -> frozenset:
    if all(pair.countries) and len(set(pair.countries)) == 2:
        return frozenset(pair.countries)
    return frozenset(pair.names)


def _freed(item) -> Token | None:
    """The noun of the people the release frees ("a group of 12 hostages": hostages)."""
    if item.target is None:
        return None
    noun = item.target.mention.root
    if noun.lemma_.lower() in COLLECTIVES:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), noun) if of else noun
    return noun


def _they_were(verb: Token) -> Token | None:
    """ "Videos showed hostages leaving Gaza. They were handed over to the Red Cross":
    a released "they" are the people last named in the sentence before (the nearest
    plural noun of captives there)."""
    if not any(c.dep_ == "nsubjpass" and c.lower_ == "they" for c in verb.children):
        return None
    sentence = verb.sent
    if sentence.start == 0:
        return None
    before = verb.doc[sentence.start - 1].sent
    people = [t for t in before if t.tag_ == "NNS" and t.lemma_.lower() in CAPTIVES]
    return people[-1] if people else None


def _their_side(noun: Token, pair: Participant, resolver: Resolver) -> int | None:
    """Which side of the pair the people are (a demonym, a state or a group on the noun)."""
    sides = set()
    for word in [noun, *(c for c in noun.children if c.dep_ in ("amod", "compound", "nmod"))]:
        entity = resolver.entity_at(word)
        if entity is None:
            continue
        actor = resolver.aliases.lookup(entity.canonical or entity.text)
        code = resolver.country_of_norp(entity, actor) if entity.label == "NORP" else None
        name = actor.canonical if actor is not None else None
        for i, (side, country) in enumerate(zip(pair.names, pair.countries, strict=False)):
            if name == side or (code is not None and code == country):
                sides.add(i)
    return sides.pop() if len(sides) == 1 else None


def _one_of(pair: Participant, i: int, resolver: Resolver) -> Participant:
    """One side of the pair, with its own words where the pair's phrase has them."""
    mention = pair.mention
    for token in pair.mention:
        if token.ent_type_ and pair.names[i] in resolver.names_of(token):
            mention = mention_of(token)
            break
    country = pair.countries[i] if i < len(pair.countries) else None
    sector = pair.sectors[i] if i < len(pair.sectors) else None
    return Participant([pair.names[i]], mention, [country], [sector])


_DEFINITE = {"the", "this", "that"}

# the speakers' words for the two sides, and those only a doer is called
_SIDES = PAIR_NOUNS | {"enemy", "adversary", "belligerent"}


def the_pair_by_a_common_noun(found: list, pair: Participant | None) -> None:
    """ "Yemen's warring parties exchanged 320 prisoners", "talks between the Caucasian
    nations", "each side releasing 175": a noun for the sides, named no otherwise, is
    the one pair of sides the report names (``_the_pair``), in place."""
    if pair is None:
        return
    for item in found:
        actor = item.actor
        if actor is None or len(actor.names) != 1 or actor.mention is None:
            continue
        head = actor.mention.root
        each = head.tag_ == "NN" and any(c.lower_ == "each" for c in head.children)
        if (head.tag_ == "NNS" or each) and not head.ent_type_ and head.lemma_.lower() in _SIDES:
            # the pair's names, on the words the sentence calls them by
            item.actor = Participant(
                list(pair.names), actor.mention, list(pair.countries), list(pair.sectors)
            )


def _the_freed_again(verb: Token) -> bool:
    """ "They were handed over to the Red Cross late on Saturday": a passive release with
    no agent whose subject is a pronoun tells again the release told just before."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ == "nsubjpass" and c.lower_ in ("they", "he", "she") for c in verb.children)


def _the_release(noun: Token) -> bool:
    """ "the handover", not "the release of Al-Subaihi" (someone's own) nor an exchange."""
    return (
        noun.lemma_.lower() not in SWAPPING
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def also_passive(verb: Token) -> bool:
    """ "Twelve Thai nationals were also released", "the father was also shot": a passive
    with no agent that says it goes with what was told just before."""
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
        and any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children)
    )


def releases_told_before(found: list) -> None:
    """ "Al-Qassam Brigades released 13 hostages. The handover was carried out in Gaza at
    midnight" (or "They were handed over ...", "Twelve Thais were also released"): a
    definite release noun with no sides and no people of its own, or a passive release
    of "they" or "also", in the sentence after a release whose doer the report names, is
    that release, in place. "Also" follows only a report whose releases are all one
    side's: after "Israel freed 39 prisoners", Thais "also released" were not Israel's."""
    releasers = {
        tuple(i.actor.names) for i in found if i.sense.mode == "release" and i.actor is not None
    }
    for n, item in enumerate(found):
        token = item.token
        if item.sense.mode != "release" or item.actor is not None:
            continue
        also = also_passive(token) and len(releasers) == 1
        if item.target is not None and not also:
            continue
        if not (also or (_the_freed_again(token) if token.pos_ == "VERB" else _the_release(token))):
            continue
        sentence = token.sent
        for before in reversed(found[:n]):
            told_in = before.token.sent
            if told_in.start != sentence.start and told_in.end != sentence.start:
                break  # only this sentence or the one just before
            if before.sense.mode == "release" and before.actor is not None:
                item.actor = before.actor
                break
