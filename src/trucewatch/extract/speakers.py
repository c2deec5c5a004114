"""Who is speaking: the subject of a speech cue, named and resolved.

A mention is the subject phrase as written (``UN aid agency UNRWA``,
``Ofri Bibas`` without the appositive ``Yarden’s sister``). Its name is the
canonical form of the named entity at its head, else the alias table's, else
the phrase without its article (``Netanyahu’s office``). Pronouns look back:
``he``/``she`` to the last person named or speaking outside quotation marks,
``it``/``they`` to the last subject that is not a person and can speak (a
named entity, a body such as ``the civil defence agency``, or an earlier
speaker; not ``the ceasefire``). ``The group`` (a generic noun with nothing
but ``the``) is the organisation named last before it. A title in
apposition to a name (``Its spokesman, Halden Roe, said``) is the name's. Relative pronouns (``the
air force, which said``) are the noun they attach to. No phrase runs across a
dash or a colon (``07:35 GMT — the agency says``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from trucewatch.data import read_yaml
from trucewatch.extract.actors import AliasTable
from trucewatch.extract.records import Entity, doc_text, sentences_back

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
    return frozenset(read_yaml(text)["person_nouns"])


@lru_cache(maxsize=1)
def _institutions() -> dict[str, frozenset[str]]:
    path = resources.files("trucewatch.data").joinpath("institution_nouns.yaml")
    return {k: frozenset(v) for k, v in read_yaml(path.read_text("utf-8")).items()}


def institution_nouns() -> frozenset[str]:
    return _institutions()["institution_nouns"]


def information_nouns() -> frozenset[str]:
    return _institutions()["information_nouns"]


def not_sources() -> frozenset[str]:
    return _institutions()["not_sources"]


def group_nouns() -> frozenset[str]:
    return _institutions()["group_nouns"]


def armed_group_heads() -> frozenset[str]:
    return _institutions()["armed_group_heads"]


def is_armed_group(name: str, aliases: AliasTable) -> bool:
    """An armed group by the alias table (sector REB or OPP), or, unknown to it, by the
    last word of its name ("Eastern Banner Army", "Riverland Front")."""
    actor = aliases.lookup(name)
    if actor is not None:
        return actor.sector in ("REB", "OPP")
    return name.split()[-1].lower() in armed_group_heads()


def main_clause(verb: Token) -> bool:
    """The verb heads a sentence, or a clause after a label (``UPDATE: the agency has ...``)."""
    if verb.dep_ == "ROOT":
        return True
    label = verb.head
    return (
        verb.dep_ in ("acl", "dep", "appos", "parataxis")
        and label.dep_ == "ROOT"
        and label.pos_ not in ("VERB", "AUX")
    )


def subject_of(verb: Token | None) -> Token | None:
    """The verb's subject; a coordinated or subordinate verb borrows its head's."""
    climbed = False
    quoted = _quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    while verb is not None:
        # Of two subjects ("MARVELLE: A spokeswoman ... said", a dateline taken for one),
        # the nearer.
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = max(subjects, key=lambda c: (c.i < verb.i, c.i)) if subjects else None
        relative = [c for c in subjects if c.lower_ in RELATIVE_PRONOUNS]
        if climbed and verb.dep_ == "relcl" and relative and len(subjects) > 1:
            # "the attack that officials say killed 1,200": the officials say; the
            # relative pronoun (the attack) is the subject of the clause they tell
            return verb.head
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "ccomp":
                told_in = verb.head  # "the attack that officials say killed": the attack
                if told_in.dep_ == "relcl":
                    return told_in.head
            return _the_person_described(subject)
        if verb.dep_ == "conj":
            stolen = _subject_taken_by_object(verb)
            if stolen is not None:
                return stolen
        if verb.dep_ == "ROOT":
            stolen = _subject_taken_by_the_clause_before(verb)
            if stolen is not None:
                return stolen
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            climbed = climbed or verb.dep_ == "xcomp"
            verb = verb.head
        else:
            return None
    return None


def _quoted_as_saying(verb: Token | None) -> Token | None:
    """ "Al Jazeera quoted the ombudsman as saying that ...": the one quoted says it,
    not the outlet quoting."""
    if verb is None or verb.dep_ != "pcomp" or verb.head.lower_ != "as":
        return None
    quoting = verb.head.head
    if quoting.lemma_.lower() != "quote":
        return None
    return next((c for c in quoting.children if c.dep_ == "dobj"), None)


def _subject_taken_by_object(verb: Token) -> Token | None:
    """ "the rebels are to free 40 soldiers and the government is to release 450": the
    small model makes "the government" a conjunct of "soldiers" and leaves "is"
    without a subject. The noun just before the subjectless verb, coordinated with a
    noun of the clause before, is its subject."""
    first = min(t.i for t in verb.subtree if t.i <= verb.i)
    if first == 0:
        return None
    before = verb.doc[first - 1]
    while before.dep_ == "det" and before.i > 0:
        before = verb.doc[before.i - 1]
    noun = before if before.dep_ == "conj" and before.pos_ in ("NOUN", "PROPN") else None
    if noun is None or noun.head.dep_ not in ("dobj", "pobj", "attr"):
        return None
    return noun if noun.i < verb.i and verb.head in noun.head.ancestors else None


def _the_person_described(subject: Token) -> Token:
    """ "said Yemeni conflict analyst and former Houthi detainee Hisham Al Omeisy": the
    parse joins the titles and the name with "and"; the speaker is the one person named."""
    if (
        subject.pos_ != "NOUN"
        or subject.ent_type_
        or any(c.dep_ == "det" for c in subject.children)
    ):
        return subject  # "the minister and John Smith said": two speakers
    named = [c for c in subject.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"]
    if len(named) != 1 or any(c.dep_ == "conj" and c.i != named[0].i for c in subject.children):
        return subject
    return named[0]


def _subject_taken_by_the_clause_before(verb: Token) -> Token | None:
    """ "... killed over 68,000 Palestinians, health officials in the enclave say": the
    parse makes the officials a conjunct of the clause's object and leaves "say"
    without a subject. The noun phrase just before the verb is its subject."""
    if verb.i == 0 or not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    for _ in range(4):
        if noun.dep_ not in ("pobj", "prep", "compound", "amod", "det"):
            break
        noun = noun.head
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN") or noun.i >= verb.i:
        return None
    if noun.head.dep_ not in ("dobj", "pobj", "attr") or verb not in noun.head.ancestors:
        return None
    return noun


def mention_of(head: Token | None) -> Span | None:
    """The subject phrase as written, without appositives, relative clauses or commas."""
    if head is None:
        return None
    dropped = set()
    whole = _name_with_and(head)
    for child in head.children:
        if whole and child.dep_ in ("cc", "conj"):
            continue  # "the Hostages and Missing Families Forum": one name
        if child.dep_ in _MENTION_DROP or child.text in _MENTION_STOPS:
            dropped.update(t.i for t in child.subtree)
    keep = {t.i for t in head.subtree} - dropped
    left = right = head.i
    doc = head.doc
    while (
        left - 1 in keep and doc[left - 1].text not in _MENTION_STOPS and _same_line(doc[left - 1])
    ):
        left -= 1
    while (
        right + 1 in keep and doc[right + 1].text not in _MENTION_STOPS and _same_line(doc[right])
    ):
        right += 1
    while right > left and head.doc[right].is_punct:
        right -= 1
    return head.doc[left : right + 1]


def _same_line(token: Token) -> bool:
    """No line break after ``token``: a headline above is never part of a speaker's name."""
    return not token.is_space and "\n" not in token.whitespace_


def _alias_words(name: str, aliases: AliasTable) -> set[str]:
    actor = aliases.lookup(name)
    if actor is None or actor.label == "PERSON":
        return set()
    return {w for alias in actor.aliases for w in alias.casefold().split()}


_NAME_GLUE = {"and", "&", "of", "for", "the", "on"}


def _name_with_and(head: Token) -> bool:
    """An organisation's name with "and" in it ("the Hostages and Missing Families Forum",
    "the Committee for Prisoners and Detainees Affairs"): the parse makes the last words a
    conjunct; the name ends in an institution noun and every word is capitalised."""
    conj = next((c for c in head.children if c.dep_ == "conj"), None)
    cc = next((c for c in head.children if c.dep_ == "cc"), None)
    if conj is None or cc is None or cc.lower_ not in ("and", "&") or head.pos_ != "PROPN":
        return False
    if conj.lower_ not in institution_nouns() or conj.pos_ != "PROPN":
        return False
    words = head.doc[head.left_edge.i : conj.right_edge.i + 1]
    if words[0].lower_ == "the":
        words = words[1:]
    return _capitalised_name(words)


def _capitalised_name(words) -> bool:
    """Every word capitalised but the glue ("and", "of", "for"), the first and last
    capitalised, no punctuation that ends a name."""
    return (
        (words[0].is_title or words[0].is_upper)
        and (words[-1].is_title or words[-1].is_upper)
        and all(t.lower_ in _NAME_GLUE or t.is_title or t.is_upper for t in words)
        and not any(t.text in _MENTION_STOPS for t in words)
    )


@dataclass(frozen=True)
class Antecedent:
    at: int
    name: str
    person: bool
    can_speak: bool = True  # a pronoun that speaks stands only for one that can
    gender: str | None = None  # "he" or "she", where a title or a noun says which


# What says whether a person is a "he" or a "she": a title before the name, a noun.
_HE = {"mr", "mr.", "sir", "man", "father", "brother", "husband", "son", "boy", "grandfather",
       "uncle", "nephew", "king", "prince"}  # fmt: skip
_SHE = {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "woman", "mother", "sister", "wife",
        "daughter", "girl", "grandmother", "aunt", "niece", "queen", "princess"}  # fmt: skip


def _gender_of(words) -> str | None:
    said = {"he" if w.lower_ in _HE else "she" for w in words if w.lower_ in _HE | _SHE}
    return said.pop() if len(said) == 1 else None


def issuer_of(noun: Token, entities: list[Entity]) -> str | None:
    """Who issued a statement or an announcement: its "by"/"from" phrase or possessive
    ("a joint statement by Armenia and Azerbaijan", "the ministry's statement"), else
    that of the last such noun before it in the report ("..., the statement said")."""
    doc = noun.doc
    for token in [noun, *reversed(doc[: noun.i])]:
        if token.lemma_.lower() != noun.lemma_.lower():
            continue
        origin = _origin_phrase(token)
        if origin is not None:
            return origin
    return None


def _body_named_on(noun: Token) -> str | None:
    """ "an AFP tally", "a Reuters count": the body named on the information noun."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod") and child.ent_type_ in ("ORG", "PERSON"):
            return child.text
    return None


def _state_named_on(noun: Token, aliases: AliasTable) -> str | None:
    """ "according to Israeli tallies", "Ruritanian figures show": the state a demonym on
    the information noun names issued it."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound"):
            state = aliases.demonyms.get(child.text.casefold())
            if state is not None:
                return state.canonical
    return None


_ISSUING_VERBS = {"issue", "release", "publish", "put", "sign", "make", "send", "post"}


def _origin_phrase(noun: Token) -> str | None:
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and prep.head.pos_ == "VERB":
        # "Armenia and Azerbaijan said in a joint statement": who said it issued it
        subject = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            spans = [mention_of(m) for m in (subject, *subject.conjuncts)]
            text = noun.doc[min(s.start for s in spans) : max(s.end for s in spans)].text
            return text[4:] if text.lower().startswith("the ") else text
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS:
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.ent_type_ or subject.conjuncts):
            return noun.doc[subject.left_edge.i : subject.right_edge.i + 1].text
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            return (
                noun.doc[child.left_edge.i : child.i + 1].text.removesuffix("'s").removesuffix("’s")
            )
        by = next(iter(c for c in child.children if c.dep_ == "agent"), None)
        if child.dep_ == "acl" and child.lemma_.lower() in _ISSUING_VERBS and by is not None:
            child = by  # "remarks released by the prime minister's office"
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and any(t.ent_type_ for t in pobj.subtree):
                span = noun.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
                text = span.text
                return text[4:] if text.lower().startswith("the ") else text
    return None


def _named_in_apposition(head: Token, entities: list[Entity]) -> str | None:
    """The name set beside a title that says a person, whatever the recogniser made of
    either ("Human Rights Ombudsman" and "Dmytro Lubinets" both read as organisations)."""
    if head.lemma_.lower() not in person_nouns():
        return None
    for child in head.children:
        # "Dmytro Lubinets" after the title, or a name set before its description
        # ("Christopher van Heerden, Karelina's boyfriend, said")
        fronted = child.dep_ == "nmod" and child.i < head.i
        if (child.dep_ != "appos" and not fronted) or child.pos_ != "PROPN":
            continue
        covering = [e for e in entities if e.start <= child.idx < e.end]
        person = next((e for e in covering if e.label == "PERSON"), None)
        if person is not None:
            return person.canonical or person.text
        name = [t for t in child.subtree if t.dep_ in ("compound", "flat") or t == child]
        words = head.doc[name[0].i : name[-1].i + 1]
        if covering and all(e.label == "ORG" for e in covering) and 2 <= len(words) <= 3:
            return words.text if all(t.is_title for t in words) else None
    return None


_STATE_NOUNS = {"country", "nation", "state"}


def _the_country_s(mention: Span, entities: list[Entity], aliases: AliasTable) -> str | None:
    """ "11 hostages arrived in Israel, the country's military said": the body of the
    state the report named last ("Israel's military")."""
    owner = next((c for c in mention.root.children if c.dep_ == "poss"), None)
    if owner is None or owner.lemma_.lower() not in _STATE_NOUNS:
        return None
    if not any(c.lower_ == "the" for c in owner.children):
        return None  # "his country's army" is someone's
    marker = next((c for c in owner.children if c.dep_ == "case"), None)
    if marker is None or marker.i + 1 >= mention.end:
        return None
    for entity in reversed([e for e in entities if e.end <= mention.start_char]):
        actor = aliases.lookup(entity.canonical or entity.text) if entity.label == "GPE" else None
        if actor is not None and actor.country and actor.sector == "GOV":
            return f"{actor.canonical}'s {mention[marker.i + 1 - mention.start :].text}"
    return None


_GROUP_WORDS = {"group", "movement", "militia", "faction"}


def _the_group(mention: Span, entities: list[Entity], aliases: AliasTable) -> str | None:
    """ "The militant group has said ...": the armed group the report named last."""
    head = mention.root
    if head.lemma_.lower() not in _GROUP_WORDS or head.ent_type_:
        return None
    children = list(head.children)
    if not any(c.lower_ == "the" for c in children) or any(
        c.dep_ in ("poss", "compound") or c.ent_type_ for c in children
    ):
        return None  # "Hamas's military wing", "the Wagner group": named there
    for entity in reversed([e for e in entities if e.end <= mention.start_char]):
        name = entity.canonical or entity.text
        if is_armed_group(name, aliases):
            return name
    return None


def name_of(mention: Span, entities: list[Entity], aliases: AliasTable) -> tuple[str, bool]:
    """The canonical name of the mention's head when it is a named entity, else the phrase."""
    head = mention.root
    # "Oksana, a 39-year-old nurse": the appositive says a person, whatever NER said.
    described_person = any(
        c.dep_ == "appos" and c.lemma_.lower() in person_nouns() for c in head.children
    )
    named = _named_in_apposition(head, entities)
    if named is not None:
        return named, True  # "Ukraine's Human Rights Ombudsman, Dmytro Lubinets, said"
    owned = _the_country_s(mention, entities, aliases) or _the_group(mention, entities, aliases)
    if owned is not None:
        return owned, False
    for entity in entities:
        if entity.start <= head.idx < entity.end:
            name = entity.canonical or entity.text
            if entity.start < mention.start_char and entity.label != "ORG":
                # the recogniser ran the name into a dateline before it: "Karsk, Velmora -
                # Velmora and ..."; the mention says where the name starts
                name = doc_text(head.doc)[mention.start_char : entity.end]
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if entity.label == "ORG" and owner is not None and owner.idx < entity.start:
                # "Russia's Defence Ministry", "Russia's Ministry of Defense": the
                # organisation is the state's, name it whole
                name = doc_text(head.doc)[owner.idx : max(entity.end, head.idx + len(head))]
            elif entity.label == "ORG" and mention.start_char < entity.start:
                # "the Lost and Missing Families Forum": the recogniser took the last words
                words = mention[1:] if mention[0].lower_ in _ARTICLES else mention
                if len(words) and _capitalised_name(words):
                    name = words.text
            return name, entity.label == "PERSON" or described_person
    # "Its spokesman, Halden Roe, said": the title is the named person's; the parse
    # may hang the name on the title's last noun ("A spokeswoman for the council, Ines
    # Farrow, said").
    titles = [head, *(t for c in head.children if c.dep_ == "prep" for t in c.subtree)]
    for child in (c for t in titles for c in t.children):
        if child.dep_ != "appos":
            continue
        covering = [e for e in entities if e.start <= child.idx < e.end]
        if any(e.label == "PERSON" for e in covering):
            person = next(e for e in covering if e.label == "PERSON")
            return person.canonical or person.text, True
        if child.head == head and head.lemma_.lower() in institution_nouns():
            body = next((e for e in covering if e.label == "ORG"), None)
            if body is not None:  # "the prison service, FSIN,", "news agency BelTA"
                return body.canonical or body.text, False
        if not covering and child.pos_ == "PROPN" and head.lemma_.lower() in person_nouns():
            # A name the recogniser missed, after a title that says a person.
            name = [t for t in child.subtree if t.dep_ in ("compound", "flat") or t == child]
            return head.doc[name[0].i : name[-1].i + 1].text, True
    words = mention
    if words[0].lower_ in _ARTICLES:
        words = words[1:]
    text = words.text if len(words) else mention.text
    actor = aliases.lookup(text)
    if actor is not None:
        return actor.canonical, actor.label == "PERSON"
    return text, described_person or head.lemma_.lower() in person_nouns()


def antecedents(
    doc: Doc,
    entities: list[Entity],
    aliases: AliasTable,
    quoted,
    speakers: frozenset[int] = frozenset(),
) -> list[Antecedent]:
    """People and groups a later pronoun may stand for, in text order, outside quotes;
    ``speakers``: where the mentions of speech acts' speakers start."""
    found = []
    for e in entities:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if e.label != "PERSON" or quoted(span[0]):
            continue
        titles = doc[max(0, span.start - 1) : span.start]  # "Ms. Noralyn Babadilla"
        found.append(Antecedent(e.start, e.canonical or e.text, True, gender=_gender_of(titles)))
    for token in doc:
        # Subjects of main clauses only: "soldiers" in "soldiers were brought in, she
        # said" is what was said, not who may say the next thing.
        if token.dep_ not in ("nsubj", "nsubjpass") or not main_clause(token.head):
            continue
        if token.pos_ == "PRON" or quoted(token) or token.ent_type_ in ("DATE", "TIME"):
            continue  # "Tuesday saw the first exchange": a day stands for nobody
        mention = mention_of(token)
        name, person = name_of(mention, entities, aliases)
        pair = _the_two_named(mention, entities, aliases)
        if pair is not None:
            name, person = pair, False  # "The countries said ... that they ..."
        # "he" and "she" are one person: a plural subject is a group.
        person = person and token.tag_ not in ("NNS", "NNPS")
        named = any(e.start <= token.idx < e.end for e in entities)
        speaks = (
            named
            or token.lemma_.lower() in institution_nouns() | person_nouns()
            or mention.start_char in speakers
        )
        # "the woman said", "Ms. Noralyn Babadilla was freed"
        gender = _gender_of(doc[max(0, mention.start - 1) : mention.end]) if person else None
        found.append(Antecedent(mention.start_char, name, person, speaks, gender))
    return sorted(found, key=lambda a: a.at)


def resolve_speakers(
    acts: list, doc: Doc, entities: list[Entity], aliases: AliasTable, quoted
) -> None:
    """Name each act's speaker; pronouns take the nearest fitting antecedent before them."""
    speakers = frozenset(a.mention.start_char for a in acts if a.mention is not None)
    candidates = antecedents(doc, entities, aliases, quoted, speakers)
    before = None
    for act in sorted(acts, key=lambda a: a.start):
        if act.inherit_from is None:
            name_speaker(act, candidates, entities, aliases)
            if act.speaker is None and _the_document_before(act, before):
                act.speaker, act.speaker_is_person = before.speaker, before.speaker_is_person
            elif _the_speaker_just_before(act, before, candidates):
                act.speaker = before.speaker  # "Corinne Moshe, daughter-in-law of Adina
                # Moshe, said ... 'I miss her,' she said": the one who spoke, not the one named
            before = act if act.speaker is not None else before
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


def _the_speaker_just_before(act, before, candidates: list[Antecedent]) -> bool:
    """A "he" or "she" who speaks in the sentence after a person spoke is that person,
    whoever else that sentence named (a subject is the likelier one spoken of again)."""
    mention = act.mention
    if before is None or mention is None or before.mention is None:
        return False
    word = mention.text.casefold()
    if word not in ("he", "she") or not before.speaker_is_person or act.speaker == before.speaker:
        return False
    back = sentences_back(mention.root, 1)
    if not back <= before.mention.start < mention.root.sent.start:
        return False  # only a speaker of the sentence just before
    genders = {c.gender for c in candidates if c.name == before.speaker} - {None}
    return not genders or genders == {word}


def _the_document_before(act, before) -> bool:
    """ "The agency stated that ... According to the statement, '...'"; "..., the
    ministry stated in an X post. '...,' the post continued": a definite document with
    no issuer of its own is the one whose words were quoted just before (in the
    sentence before, or the one before that)."""
    mention = act.mention
    if before is None or mention is None or before.mention is None:
        return False
    head = mention.root
    if head.lemma_.lower() not in information_nouns() and head.lower_ not in information_nouns():
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return False
    return before.mention.start >= sentences_back(head, 2)


# Who speaks for someone without being them: "whose family said", "whose lawyer said".
_KIN = {
    "family", "wife", "husband", "mother", "father", "parent", "son", "daughter", "brother",
    "sister", "relative", "lawyer", "attorney", "child", "partner", "fiancee", "fiance",
}  # fmt: skip


def _whose_office(noun: Token, earlier: list[Antecedent]) -> str | None:
    """ "A statement from his office said": the office of the person last told of."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("by", "from"):
            continue
        for body in prep.children:
            owner = next((c for c in body.children if c.dep_ == "poss"), None)
            if body.dep_ == "pobj" and owner is not None and owner.lower_ in ("his", "her"):
                person = _last_person(earlier)
                if person is not None:
                    return f"{person.name}'s {body.text}"
    return None


# What reports call the two sides of a conflict without naming them ("both sides")
PAIR_NOUNS = frozenset(
    {"side", "country", "nation", "party", "neighbour", "neighbor", "foe", "rival"}
)
_STATE_PAIR_NOUNS = {"country", "nation", "neighbour", "neighbor"}


def _the_two_named(mention: Span, entities: list[Entity], aliases: AliasTable) -> str | None:
    """ "Both sides said ...", "the two countries said": the two states or known groups
    the report last named together ("Russia and Ukraine exchanged ..."); not the last
    two named apart, who may be a mediator and a bystander."""
    head = mention.root
    words = {c.lower_ for c in head.children}
    # "the countries said": of states, "the" is enough (not "the parties", "the sides")
    counted = words & {"both", "two"} or (
        head.lemma_.lower() in _STATE_PAIR_NOUNS and words & {"the", "these"}
    )
    if head.tag_ != "NNS" or head.lemma_.lower() not in PAIR_NOUNS or not counted:
        return None
    doc = mention.doc

    def party(entity: Entity) -> str | None:
        if entity.label not in ("GPE", "ORG"):  # a people is no side that speaks
            return None
        actor = aliases.lookup(entity.canonical or entity.text)
        if actor is None or (entity.label == "GPE" and actor.sector != "GOV"):
            return None
        return actor.principal or actor.canonical

    at = {e.start: e for e in entities}
    # "both countries" are the two states last named together, whatever they did
    # together; "the two sides" only two named as the sides of something
    states = head.lemma_.lower() in _STATE_PAIR_NOUNS
    for entity in reversed([e for e in entities if e.end <= mention.start_char]):
        first = party(entity)
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if first is None or span is None:
            continue
        if not (states and entity.label == "GPE") and not _set_against_each_other(span.root):
            continue
        partners = [c for c in span.root.children if c.dep_ == "conj"]
        for partner in partners:
            other = at.get(partner.idx) or next(
                (e for e in entities if e.start <= partner.idx < e.end), None
            )
            second = party(other) if other is not None else None
            if second is not None and second != first:
                return f"{first} and {second}"
    return None


# Verbs that make two named parties the two sides of something.
_TWO_SIDED_ACTS = {
    "swap",
    "exchange",
    "trade",
    "agree",
    "sign",
    "negotiate",
    "talk",
    "fight",
    "clash",
}


def _set_against_each_other(name: Token) -> bool:
    """ "Russia and Ukraine swapped 150 each", "a deal between Israel and Hamas": a pair
    named as the two sides of an act, not "Israel and the United States said"."""
    if name.dep_ == "pobj" and name.head.lower_ == "between":
        return True
    verb = name.head if name.dep_ in ("nsubj", "nsubjpass") else None
    return verb is not None and verb.lemma_.lower() in _TWO_SIDED_ACTS


def _last_person(earlier: list[Antecedent]) -> Antecedent | None:
    return next((a for a in reversed(earlier) if a.person and a.can_speak), None)


# How far back "the official" looks for the person it stands for.
_DESCRIPTION_REACH = 800


def _the_person_told_of(
    mention: Span, earlier: list[Antecedent], entities: list[Entity]
) -> str | None:
    """ "ICRC adviser Jessica Moussan said ... According to the official, ...": a singular
    "the" + person noun without a name of its own is the person last told of, named or
    described ("a senior official"), within a few sentences."""
    head = mention.root
    if (
        head.tag_ not in ("NN", "NNP")  # "the official", "The President"
        or head.lemma_.lower() not in person_nouns()
        or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        or any(
            e.start < mention.end_char and mention.start_char < e.end
            for e in entities
            if e.label != "NORP"  # "the Ukrainian leader" has no name of its own
        )
        or any(c.dep_ in ("appos", "poss", "prep") for c in head.children)
    ):
        return None
    last = _last_person(earlier)
    if last is None or mention.start_char - last.at > _DESCRIPTION_REACH:
        return None
    named = any(e.label == "PERSON" and (e.canonical or e.text) == last.name for e in entities)
    noun = head.lemma_.lower()
    if named or (last.name.casefold().split()[-1:] == [noun] and last.name.casefold() != noun):
        return last.name  # a name, or the description with the same noun ("a senior official")
    return None


def _joint_speakers(
    mention: Span, entities: list[Entity], aliases: AliasTable
) -> tuple[str, Span] | None:
    """ "Ukraine and Russia said": both speak; named states, bodies or people joined by
    "and" (not one name with "and" in it) are the speaker together. The name, and the
    mention widened to the last of them."""
    head = mention.root
    if _name_with_and(head) or not any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
        return None
    members = [head, *(c for c in head.children if c.dep_ == "conj")]
    if len(members) < 2 or not all(m.ent_type_ in _SPEAKING_ENTITIES for m in members):
        return None
    spans = [mention_of(m) for m in members]
    spans = [s if s.start >= mention.start else s.doc[mention.start : s.end] for s in spans]
    names = [name_of(span, entities, aliases)[0] for span in spans]
    if len(set(names)) < 2:
        return None
    # as written, when the phrase is just the names ("Israel and the United States")
    words = mention.doc[mention.start : spans[-1].end]
    member_ids = {m.i for m in members}
    while len(words) > 1 and words[0].pos_ != "PROPN" and words[0].i not in member_ids:
        words = words[1:]  # "the", "arch-foes Armenia and Azerbaijan"
    plain = all(t.dep_ in ("cc", "det", "compound", "punct") or t.i in member_ids for t in words)
    together = mention.doc[mention.start : spans[-1].end]
    return (words.text if plain else " and ".join(dict.fromkeys(names))), together


_SPEAKING_ENTITIES = {"GPE", "ORG", "PERSON", "NORP"}


def name_speaker(
    act, candidates: list[Antecedent], entities: list[Entity], aliases: AliasTable
) -> None:
    mention = act.mention
    if mention is None:
        return
    word = mention.text.casefold()
    earlier = [a for a in candidates if a.at < mention.start_char]
    if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
        want_person = word in PERSON_PRONOUNS
        gender = {"he": "he", "him": "he", "she": "she", "her": "she"}.get(word)
        fitting = [
            a
            for a in earlier
            if a.person == want_person and a.can_speak and a.gender in (None, gender)
        ]
        act.speaker = fitting[-1].name if fitting else None
        act.speaker_is_person = want_person and act.speaker is not None
        return
    act.speaker, act.speaker_is_person = name_of(mention, entities, aliases)
    together = _joint_speakers(mention, entities, aliases)
    if together is not None:
        (act.speaker, act.mention), act.speaker_is_person = together, False
        return
    words = word.split()
    verb = mention.root.head
    if words[0] == "whose" and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the Houthi movement, whose officials said": the movement's officials
        owner = verb.head
        span = mention.doc[owner.left_edge.i : owner.i + 1]
        act.speaker, act.speaker_is_person = name_of(span, entities, aliases)
        kin = mention.root
        if act.speaker and kin.lemma_.lower() in _KIN:
            # "a Navy SEAL whose family said": not the SEAL, who was not there to say it
            act.speaker = f"{act.speaker}'s {kin.text}"
            act.speaker_is_person = kin.tag_ == "NN" and kin.lemma_.lower() != "family"
        return
    head = mention.root.lemma_.lower()
    pair = _the_two_named(mention, entities, aliases)
    if pair is not None:
        act.speaker, act.speaker_is_person = pair, False
        return
    described = _the_person_told_of(mention, earlier, entities)
    if described is not None:
        act.speaker, act.speaker_is_person = described, True
        return
    named = [e for e in entities if e.label == "ORG" and e.end <= mention.start_char]
    national = len(words) == 3 and mention[1].ent_type_ == "NORP"  # "the Palestinian group"
    if (len(words) == 2 or national) and words[0] == "the" and head in group_nouns():
        # "The group said": the organisation last named, if any.
        if named:
            act.speaker, act.speaker_is_person = named[-1].canonical or named[-1].text, False
    elif len(words) == 2 and words[0] == "the" and head in institution_nouns():
        # "the ministry said": the last named organisation that is one
        said = [a.name for a in earlier if head in a.name.casefold().split()]
        same = said or [e.canonical or e.text for e in named if head in e.text.casefold().split()]
        # "The Israel Defense Forces said ... The military said": a name the alias table
        # also gives with the noun ("Israeli military")
        same = same or [a.name for a in earlier if head in _alias_words(a.name, aliases)]
        if same:
            act.speaker, act.speaker_is_person = same[-1], False
    elif head in information_nouns():
        # "the statement said", "an announcement by the ICRC": whoever issued it
        issuer = issuer_of(mention.root, entities) or _state_named_on(mention.root, aliases)
        issuer = issuer or _whose_office(mention.root, earlier) or _body_named_on(mention.root)
        # "reports suggested", "the statement said" with no issuer told: the words are
        # kept as the mention, but a document is nobody (unknown is null)
        act.speaker, act.speaker_is_person = issuer, False
