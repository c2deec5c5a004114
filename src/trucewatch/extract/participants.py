"""Who did it, to whom, and where: an event's participants named from the parse.

A participant is a noun phrase (the trigger's subject, object, agent, ...).
Its names, in this order of rules:

1. a pronoun takes its antecedent (``speakers.antecedents``: ``he`` the last
   person named, ``it``/``they`` the last group that was a subject);
2. ``both countries``, ``the two sides``: the last two countries named before;
3. an office or spokesperson (``Netanyahu’s office``, ``Kremlin spokesman``,
   ``Egypt’s foreign ministry``) speaks for its principal: the alias table's
   ``principal`` of the name it hangs from, else that name;
4. a military noun with a nationality (``Israeli warplanes``) is that
   country's military when the alias table has one, else the country;
5. a named entity at the head is its canonical name;
6. anything else is the phrase as written, without its article (``gunman``).

Coordinated phrases (``Hamas and Israel``) give one name per conjunct.
Places are entities (GPE, LOC, FAC, ORG) under a locative preposition
attached to the trigger; ``here`` is the dateline's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from trucewatch.extract.actors import Actor, AliasTable
from trucewatch.extract.entities import LOCATIVE_PREPOSITIONS, is_a_time
from trucewatch.extract.lexicon import Lexicon
from trucewatch.extract.records import Entity
from trucewatch.extract.speakers import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    Antecedent,
    group_nouns,
    is_armed_group,
    mention_of,
)

PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
_ARTICLES = {"the", "a", "an", "some", "both"}
_PLACE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"at", "to"}
_OFFICIALS = {"official", "officials", "authority", "authorities", "leader", "leaders"}
GOVERNMENT_NOUNS = {"government", "cabinet", "administration", "regime", "authorities"}
_QUANTITIES = {"thousand", "hundred", "dozen", "million", "score", "thousands", "hundreds"}


@dataclass
class Participant:
    names: list[str]
    mention: Span
    countries: list[str | None] = field(default_factory=list)
    sectors: list[str | None] = field(default_factory=list)


class Resolver:
    """Names participants in one document (see the module doc)."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        aliases: AliasTable,
        lexicon: Lexicon,
        antecedents: Callable[[], list[Antecedent]],
        dateline: str | None = None,
        dateline_span: tuple[int, int] | None = None,
    ):
        self.doc = doc
        self.aliases = aliases
        self.lexicon = lexicon
        self._antecedents = antecedents  # computed when a pronoun first needs them
        self._antecedent_list: list[Antecedent] | None = None
        self.dateline = dateline
        self.dateline_span = dateline_span
        self.by_token: dict[int, Entity] = {}
        for entity in entities:
            span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    self.by_token[token.i] = entity
        self.organisations = [
            (e.start, e.text.split()[-1].casefold(), e.canonical or e.text)
            for e in entities
            if e.label == "ORG" and len(e.text.split()) > 1
        ]
        self.groups = [
            (e.start, e.canonical or e.text)
            for e in entities
            if e.label == "ORG" and is_armed_group(e.canonical or e.text, aliases)
        ]
        self.countries = [
            (e.start, e.canonical or e.text)
            for e in entities
            if e.label == "GPE" and self._country_actor(e.canonical or e.text)
        ]
        # States whose government the report names ("Kestria's government"), for a
        # later bare "the government".
        self.governed = [
            (e.start, e.canonical or e.text)
            for e in entities
            if e.label == "GPE" and self._governs(e)
        ]
        self.state_of: dict[str, str] = {}
        self.military_of: dict[str, str] = {}
        # "israeli" -> ISR
        self.demonym_of = {w: a.country for w, a in aliases.demonyms.items() if a.country}
        for actor in aliases.actors.values():
            code = actor.country
            if code is None:
                continue
            if actor.label == "GPE" and actor.sector == "GOV":
                self.state_of.setdefault(code, actor.canonical)
            if actor.sector == "MIL":
                self.military_of.setdefault(code, actor.canonical)

    def _country_actor(self, name: str) -> Actor | None:
        actor = self.aliases.lookup(name)
        return (
            actor if actor is not None and actor.sector == "GOV" and actor.label == "GPE" else None
        )

    def entity_at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def participant(
        self, token: Token | None, things: bool = False, conjoined: bool = False
    ) -> Participant | None:
        """The names of the phrase headed by ``token``; ``things``: objects that are not
        actors (``a military post``) count too, as targets of an assault do."""
        if token is None:
            return None
        if self.dateline_span and self.dateline_span[0] <= token.idx < self.dateline_span[1]:
            after = [
                c for c in token.children if c.dep_ == "appos" and c.idx >= self.dateline_span[1]
            ]
            if not after:
                return None
            token = after[-1]
        heads = [token, *(c for c in token.conjuncts if conjoined or c.i > token.i)]
        if token.ent_type_ == "GPE":
            # "Russia, Ukraine swap 372 prisoners": a headline's list of states
            heads += [c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "GPE"]
        heads.sort(key=lambda t: t.i)
        names: list[str] = []
        for head in heads:
            names += self.names_of(head, things)
        names = list(dict.fromkeys(names))
        if not names:
            return None
        mentions = [mention_of(h) for h in heads]
        mention = self.doc[min(m.start for m in mentions) : max(m.end for m in mentions)]
        actors = [self.aliases.lookup(n) for n in names]
        return Participant(
            names,
            mention,
            [a.country if a else None for a in actors],
            [a.sector if a else None for a in actors],
        )

    def names_of(self, head: Token, things: bool = False) -> list[str]:
        if head.ent_type_ in ("DATE", "TIME"):
            return []  # "Saturday’s releases": a time, not an actor
        if self.dateline_span and self.dateline_span[0] <= head.idx < self.dateline_span[1]:
            # The place of reporting is nobody's act; the parse may make the dateline the
            # subject and the real one its apposition ("MARSK, Sept 14 - Forces of ...").
            after = [
                c for c in head.children if c.dep_ == "appos" and c.idx >= self.dateline_span[1]
            ]
            return self.names_of(after[-1], things) if after else []
        named = self.named_before(head)
        if named is not None:
            return [named]
        word = head.lower_
        if head.pos_ == "PRON" or word in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if word in RELATIVE_PRONOUNS and head.head.i != head.i:
                return self.names_of(head.head.head) if head.head.dep_ == "relcl" else []
            reporter = self.reporter(head)
            return reporter if reporter is not None else self.pronoun(head)
        if head.lemma_.lower() in group_nouns() and any(c.lower_ == "the" for c in head.children):
            # "the group", "the rebels", "the militia": the group named last
            group = self.last_group(head.idx)
            if group is not None:
                return [group]
        if head.lemma_.lower() in self.lexicon.pair_nouns and self.is_pair(head):
            pair = self.last_countries(head.idx, 2)
            return pair if len(pair) == 2 else []
        lemma = head.lemma_.lower()
        if lemma in GOVERNMENT_NOUNS and any(c.lower_ == "the" for c in head.children):
            state = self.government(head)
            if state is not None:
                return [state]
        if lemma in self.lexicon.office_nouns or word in _OFFICIALS:
            principal = self.principal(head)
            if principal:
                return principal
        if lemma in self.lexicon.military_nouns or word in self.lexicon.military_nouns:
            military = self.military(head)
            if military is not None:
                return [military]
        entity = self.entity_at(head)
        if entity is None and head.tag_ == "NN":  # "their father Yarden Bibas"
            entity = next(
                (
                    self.entity_at(c)
                    for c in head.children
                    if c.dep_ == "appos" and self.entity_at(c) is not None
                ),
                None,
            )
        if entity is not None:
            if entity.label == "NORP" and entity.text.casefold() in self.demonym_of:
                state = self.state_of.get(self.demonym_of[entity.text.casefold()])
                return [state] if state else [entity.text]  # "by Pakistani shelling"
            return [entity.canonical or entity.text]
        if head.like_num or head.lemma_.lower() in _QUANTITIES:  # "around 70 of them"
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            return self.names_of(pobj, things) if pobj is not None else []
        if head.pos_ != "PROPN" and not self.is_participant(head) and not things:
            # "his proposal", "Israel’s retaliatory response": the possessor acts.
            for child in head.children:
                if child.dep_ == "poss":
                    return self.names_of(child)
                if child.dep_ in ("amod", "compound"):
                    name = self.country_or_name(child)
                    if name is not None:
                        return [name]
            return []
        return [self.short_name(head)]

    def is_participant(self, head: Token) -> bool:
        words = self.lexicon.participants
        return head.lemma_.lower() in words or head.lower_ in words

    def short_name(self, head: Token) -> str:
        """The head with the words that name it: compounds, and adjectives that are
        names (``two Israeli soldiers`` -> ``Israeli soldiers``, ``a foreign staff
        member`` -> ``staff member``)."""
        start = head.i
        for child in reversed(list(head.lefts)):
            named = child.dep_ == "compound" or (
                child.dep_ == "amod" and (child.ent_type_ or child.pos_ == "PROPN")
            )
            if not named or child.like_num or child.i != start - 1 or is_a_time(child):
                break  # only the modifiers right before the head, in one run
            start = child.left_edge.i if child.left_edge.i < child.i else child.i
        text = self.doc[start : head.i + 1].text
        actor = self.aliases.lookup(text) or self.group_named_on(head)
        return actor.canonical if actor is not None else text

    def group_named_on(self, head: Token) -> Actor | None:
        """ "Houthi rebels", "Zamir militants": a group noun whose modifier is an armed
        group's name is that group (the alias table's entry for the modifier)."""
        if head.lemma_.lower() not in group_nouns() and head.lower_ not in group_nouns():
            return None
        for child in head.lefts:
            if child.dep_ not in ("compound", "amod"):
                continue
            actor = self.aliases.lookup(child.text)
            if actor is not None and is_armed_group(actor.canonical, self.aliases):
                return actor
        return None

    def reporter(self, head: Token) -> list[str] | None:
        """``Hamas said it would ...``: the pronoun subject of what was said is the sayer;
        ``Armenia and Azerbaijan said they would swap prisoners``, ``Israeli forces said
        they had pulled back``: a plural one is those who say it, named together or
        named by a plural noun (any other ``they`` is left: it is not guessed)."""
        verb = head.head
        plural = head.lower_ == "they"
        if verb.dep_ != "ccomp" or head.lower_ not in ("it", "he", "she", "they"):
            return None
        if head.dep_ != "nsubj" and not (plural and head.dep_ == "nsubjpass"):
            return None
        sayer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if sayer is None or sayer.pos_ == "PRON":
            return None
        if not plural:
            return self.names_of(sayer) or None
        found = self.participant(sayer, conjoined=True)
        if found is None or (len(found.names) < 2 and sayer.tag_ not in ("NNS", "NNPS")):
            return None
        return found.names

    def named_before(self, head: Token) -> str | None:
        """``the alliance`` after ``the Northern Alliance``, ``the brigades`` after ``the
        Soran Brigades``: a definite noun that is the last word of an organisation named
        before it is that organisation."""
        if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.children):
            return None
        word = head.lower_
        for start, last_word, name in reversed(self.organisations):
            if start < head.idx and last_word in (word, head.lemma_.lower()):
                return name
        return None

    def _governs(self, entity: Entity) -> bool:
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "poss" and root.head.lemma_.lower() in GOVERNMENT_NOUNS

    def government(self, head: Token) -> str | None:
        """A bare ``the government``: the state whose government was named last before it,
        else the last state named, else the dateline's country (``CORRAN, Kestria:``)."""
        if any(c.dep_ in ("poss", "compound", "amod", "prep") for c in head.children):
            return None
        for found in (self.governed, self.countries):
            earlier = [name for start, name in found if start < head.idx]
            if earlier:
                return earlier[-1]
        if self.dateline_span is not None:
            end = self.dateline_span[1]
            after = [
                e
                for e in self.by_token.values()
                if e.label == "GPE" and end < e.start <= end + 3  # "CORRAN, Kestria:"
            ]
            if after:
                return after[0].canonical or after[0].text
        return None

    def last_group(self, before: int) -> str | None:
        """``the group``: the last armed group or organisation named before."""
        for start, name in reversed(self.groups):
            if start < before:
                return name
        return None

    @property
    def antecedents(self) -> list[Antecedent]:
        if self._antecedent_list is None:
            self._antecedent_list = self._antecedents()
        return self._antecedent_list

    def pronoun(self, head: Token) -> list[str]:
        """``he``/``his`` the last person, ``it``/``its`` the last group; ``they`` is left
        unresolved: a plural may stand for several antecedents, and is not guessed."""
        word = head.lower_
        if word in PERSON_PRONOUNS or word in ("his", "her", "hers"):
            want_person = True
        elif word in ("it", "its"):
            want_person = False
        else:
            return []
        earlier = [
            a
            for a in self.antecedents
            if a.at < head.idx
            and a.person == want_person
            and (want_person or self.actor_like(a.name))
        ]
        return [self.principal_of_name(earlier[-1].name)] if earlier else []

    def actor_like(self, name: str) -> bool:
        """A group antecedent that can act: a known actor or a participant noun."""
        if self.aliases.lookup(name) is not None:
            return True
        last = name.split()[-1].casefold() if name.split() else ""
        words = self.lexicon.participants
        return last in words or last.rstrip("s") in words or name[:1].isupper()

    def principal_of_name(self, name: str) -> str:
        """An antecedent named as written (``Netanyahu’s office``) -> its principal."""
        for mark in ("’s ", "'s "):
            owner, _, rest = name.partition(mark)
            if rest and rest.split()[-1].casefold() in self.lexicon.office_nouns:
                actor = self.aliases.lookup(owner)
                if actor is not None:
                    return actor.principal or actor.canonical
        return name

    def is_pair(self, head: Token) -> bool:
        """``both countries``, ``the two sides``, ``the two nuclear-armed neighbours``,
        ``the warring parties``;
        ``the sides`` (not ``both sides``, often the two parties of a war)."""
        if head.tag_ not in ("NNS", "NNPS"):
            return False
        words = {c.lower_ for c in head.children}
        if head.lemma_ == "side":
            return "the" in words and "both" not in words
        return bool(words & {"both", "two", "warring"})  # "the warring countries"

    def last_countries(self, before: int, n: int) -> list[str]:
        found: list[str] = []
        for _start, name in reversed([c for c in self.countries if c[0] < before]):
            if name not in found:
                found.append(name)
            if len(found) == n:
                break
        return list(reversed(found))

    def principal(self, head: Token) -> list[str] | None:
        """``Netanyahu’s office`` -> Israel; ``Egypt’s foreign ministry`` -> Egypt;
        ``Israeli and Egyptian officials`` -> Israel, Egypt."""
        found = []
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                for part in (child, *child.conjuncts):
                    name = self.country_or_name(part)
                    if name is not None and name not in found:
                        found.append(name)
        if found:
            return found
        for child in head.children:
            entity = self.entity_at(child) if child.dep_ == "poss" else None
            # "Orvania's government": a state the alias table does not know (a city's
            # would be named "the city's government" or by its office).
            if (
                entity is not None
                and entity.label == "GPE"
                and self.aliases.lookup(entity.canonical or entity.text) is None
            ):
                return [entity.canonical or entity.text]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "envoys of Armenia and Azerbaijan", "representatives of the two
                        # countries": each state the phrase names
                        names = [n for part in (pobj, *pobj.conjuncts) for n in self.names_of(part)]
                        if names:
                            return list(dict.fromkeys(names))
        return None

    def country_or_name(self, token: Token) -> str | None:
        entity = self.entity_at(token)
        if entity is None:
            return None
        actor = self.aliases.lookup(entity.canonical or entity.text)
        if actor is not None and actor.principal:
            return actor.principal
        if entity.label == "NORP":
            code = self.country_of_norp(entity, actor)
            return self.state_of.get(code) if code else None
        if entity.label in ("PERSON", "ORG"):
            return entity.canonical or entity.text
        if entity.label == "GPE" and actor is not None and actor.sector == "GOV":
            return actor.canonical  # a state, not a city ("the Istanbul meeting")
        return None

    def military(self, head: Token) -> str | None:
        """``Israeli warplanes`` -> Israel Defense Forces (or Israel, when no military is known);
        ``forces of the Northern Alliance`` -> Northern Alliance."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                entity = self.entity_at(pobj) if pobj is not None else None
                if entity is not None and entity.label in ("ORG", "GPE", "NORP"):
                    return self.country_or_name(pobj) or entity.canonical or entity.text
        for child in head.children:
            if child.dep_ not in ("amod", "compound", "poss"):
                continue
            if child.dep_ == "poss" and child.pos_ == "PRON":
                owner = self.names_of(child)  # "its aircraft": the army that said so
                actor = self.aliases.lookup(owner[0]) if owner else None
                if actor is not None and actor.country:
                    return self.military_of.get(actor.country) or owner[0]
                continue
            entity = self.entity_at(child)
            if entity is None:
                continue
            actor = self.aliases.lookup(entity.canonical or entity.text)
            code = self.country_of_norp(entity, actor)
            if code is not None:
                return self.military_of.get(code) or self.state_of.get(code)
        return None

    def country_of_norp(self, entity: Entity, actor: Actor | None) -> str | None:
        """The country code of a nationality or a state: ``Israeli`` -> ISR."""
        code = self.demonym_of.get(entity.text.casefold())
        if code is None and actor is not None:
            code = actor.country
        return code

    # Places ---------------------------------------------------------------

    def place_in(self, mention: Span | None) -> str | None:
        """A place named by a target (``shelled the port city of Tiravo``, ``entered Gaza``)."""
        if mention is None:
            return None
        for token in mention:
            entity = self.entity_at(token)
            if entity is not None and entity.label in ("GPE", "LOC", "FAC"):
                return entity.canonical or entity.text
        return None

    def place(self, tokens: list[Token], allow_to: bool = False) -> str | None:
        """The first place named under a locative preposition among ``tokens``."""
        for token in sorted(tokens, key=lambda t: t.i):
            if token.lower_ == "here" and token.dep_ == "advmod" and self.dateline:
                return self.dateline
            if token.dep_ != "pobj" or token.head.lower_ not in _PLACE_PREPOSITIONS:
                continue
            if token.head.lower_ == "to" and not allow_to:
                continue
            for candidate in (
                token,
                *(c for c in token.children if c.dep_ in ("appos", "compound")),
            ):
                entity = self.entity_at(candidate)
                if entity is not None and entity.label in PLACE_LABELS:
                    return entity.canonical or entity.text
            if (
                self.dateline
                and any(c.lower_ == "this" for c in token.children)
                and token.lemma_ in ("city", "town", "village", "camp")
            ):
                return self.dateline  # "in this southern Gaza city"
        return None


def between(noun: Token | None, resolver: Resolver) -> Participant | None:
    """``a ceasefire between Israel and Hezbollah``: the two parties, as one participant."""
    if noun is None:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            return resolver.participant(pobj, conjoined=True)
    return None
