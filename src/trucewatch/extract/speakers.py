"""Who is speaking: the subject of a speech cue, named and resolved.

A mention is the subject phrase as written (``UN aid agency UNRWA``,
``Ofri Bibas`` without the appositive ``Yarden’s sister``). Its name is the
canonical form of the named entity at its head, else the alias table's, else
the phrase without its article (``Netanyahu’s office``). Pronouns look back:
``he``/``she`` to the last person named or speaking outside quotation marks,
``it``/``they`` to the last subject that is not a person. Relative pronouns
(``the air force, which said``) are the noun they attach to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

import yaml
from spacy.tokens import Doc, Span, Token

from trucewatch.extract.actors import AliasTable
from trucewatch.extract.records import Entity

_MENTION_DROP = {"appos", "relcl", "acl", "advcl", "cc", "conj"}
_MENTION_STOPS = {",", "(", ")", "–", "—", ";", ":"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
GROUP_PRONOUNS = {"it", "they", "we"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
_ARTICLES = {"the", "a", "an"}


class SpeechAct(Protocol):
    mention: Span | None
    speaker: str | None
    speaker_is_person: bool
    inherit_from: SpeechAct | None


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    text = resources.files("trucewatch.data").joinpath("person_nouns.yaml").read_text("utf-8")
    return frozenset(yaml.safe_load(text)["person_nouns"])


def subject_of(verb: Token | None) -> Token | None:
    """The verb's subject; a coordinated or subordinate verb borrows its head's."""
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def mention_of(head: Token | None) -> Span | None:
    """The subject phrase as written, without appositives, relative clauses or commas."""
    if head is None:
        return None
    dropped = set()
    for child in head.children:
        if child.dep_ in _MENTION_DROP or child.text in _MENTION_STOPS:
            dropped.update(t.i for t in child.subtree)
    keep = {t.i for t in head.subtree} - dropped
    left = right = head.i
    while left - 1 in keep:
        left -= 1
    while right + 1 in keep:
        right += 1
    while right > left and head.doc[right].is_punct:
        right -= 1
    return head.doc[left : right + 1]


@dataclass(frozen=True)
class Antecedent:
    at: int
    name: str
    person: bool


def name_of(mention: Span, entities: list[Entity], aliases: AliasTable) -> tuple[str, bool]:
    """The canonical name of the mention's head when it is a named entity, else the phrase."""
    head = mention.root
    # "Oksana, a 39-year-old nurse": the appositive says a person, whatever NER said.
    described_person = any(
        c.dep_ == "appos" and c.lemma_.lower() in person_nouns() for c in head.children
    )
    for entity in entities:
        if entity.start <= head.idx < entity.end:
            return entity.canonical or entity.text, entity.label == "PERSON" or described_person
    words = mention
    if words[0].lower_ in _ARTICLES:
        words = words[1:]
    text = words.text if len(words) else mention.text
    actor = aliases.lookup(text)
    if actor is not None:
        return actor.canonical, actor.label == "PERSON"
    return text, described_person or head.lemma_.lower() in person_nouns()


def antecedents(doc: Doc, entities: list[Entity], aliases: AliasTable, quoted) -> list[Antecedent]:
    """People and groups a later pronoun may stand for, in text order, outside quotes."""
    found = [
        Antecedent(e.start, e.canonical or e.text, True)
        for e in entities
        if e.label == "PERSON"
        and not quoted(doc.char_span(e.start, e.end, alignment_mode="expand")[0])
    ]
    for token in doc:
        # Subjects of main clauses only: "soldiers" in "soldiers were brought in, she
        # said" is what was said, not who may say the next thing.
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT":
            continue
        if token.pos_ == "PRON" or quoted(token):
            continue
        mention = mention_of(token)
        name, person = name_of(mention, entities, aliases)
        # "he" and "she" are one person: a plural subject is a group.
        person = person and token.tag_ not in ("NNS", "NNPS")
        found.append(Antecedent(mention.start_char, name, person))
    return sorted(found, key=lambda a: a.at)


def resolve_speakers(
    acts: list, doc: Doc, entities: list[Entity], aliases: AliasTable, quoted
) -> None:
    """Name each act's speaker; pronouns take the nearest fitting antecedent before them."""
    candidates = antecedents(doc, entities, aliases, quoted)
    for act in sorted(acts, key=lambda a: a.start):
        if act.inherit_from is None:
            name_speaker(act, candidates, entities, aliases)
            # A source named in an attribution ("..., according to the Prisoners’
            # Media Office. It said that ...") is what a later pronoun may stand for.
            if act.cue_lemma == "according to" and act.speaker and act.mention is not None:
                candidates.append(
                    Antecedent(act.mention.start_char, act.speaker, act.speaker_is_person)
                )
                candidates.sort(key=lambda c: c.at)
    # Continuations take their source's attribution, which may come later in the text.
    for act in acts:
        source = act.inherit_from
        while source is not None and source.inherit_from is not None:
            source = source.inherit_from
        if source is not None:
            act.speaker, act.speaker_is_person = source.speaker, source.speaker_is_person
            act.mention, act.cue_lemma, act.cue_span = (
                source.mention,
                source.cue_lemma,
                source.cue_span,
            )


def name_speaker(
    act, candidates: list[Antecedent], entities: list[Entity], aliases: AliasTable
) -> None:
    mention = act.mention
    if mention is None:
        return
    word = mention.text.casefold()
    if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
        want_person = word in PERSON_PRONOUNS
        earlier = [a for a in candidates if a.at < mention.start_char and a.person == want_person]
        act.speaker = earlier[-1].name if earlier else None
        act.speaker_is_person = want_person and act.speaker is not None
    else:
        act.speaker, act.speaker_is_person = name_of(mention, entities, aliases)
