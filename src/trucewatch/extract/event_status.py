"""An event's status from its verb: occurred, planned, negated, denied, hypothetical, demanded.

Read from the verb that carries the trigger (or the light verb carrying a
noun), and the verbs above it: ``denied`` under "deny"; ``demanded`` under
"urge", "call on ... to", or with "must"/"should"; ``hypothetical`` in an "if" clause or with
"could"/"might"; ``negated`` with "not"/"never" or under "refuse"; ``planned``
with "will"/"would", under "plan to", "is due to", "is ready to", "was to", a
purpose "to", or a noun marked "next" or "ahead of"; else ``occurred``. The
words are data: ``status`` in ``trucewatch/data/plover.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Token

from trucewatch.extract.clauses import children, governors
from trucewatch.extract.lexicon import Lexicon


def status_of(trigger: Token, carrier: Token | None, lexicon: Lexicon) -> str:
    words = lexicon.status
    verb = carrier or trigger
    if trigger.pos_ != "VERB" and carrier is None:
        verb = trigger.head if trigger.head.pos_ in ("VERB", "AUX", "ADJ") else trigger
        if any(c.lemma_.lower() in words["next"] for c in trigger.children):
            return "planned"
        preposition = trigger.head if trigger.dep_ == "pobj" else None
        if preposition is not None and (
            preposition.lower_ == "before"
            or (preposition.lower_ == "of" and preposition.head.lower_ == "ahead")
        ):
            return "planned"  # "ahead of Netanyahu’s meeting with Trump"
    chain = governors(verb)
    if any(g.lemma_.lower() in words["deny"] for g in chain[1:]):
        return "denied"
    if any(
        g.lemma_.lower() in words["demand"] and rel in ("xcomp", "ccomp", "advcl", "pobj")
        for g, rel in zip(chain[1:], [c.dep_ for c in chain], strict=False)
    ):
        return "demanded"
    if any(
        c.dep_ == "mark" and c.lower_ in words["condition"] for g in chain[:2] for c in g.children
    ):
        return "hypothetical"  # "if the hostages were not freed"
    if has_negation(verb, words):
        return "negated"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words["refuse"]:
        return "negated"  # "refused to release hostages"
    if any(c.lower_ in words["hypothetical"] for c in children(verb, "aux")):
        return "hypothetical"
    if any(c.lower_ in words.get("obligation", ()) for c in children(verb, "aux")):
        return "demanded"  # "must release", "should free"
    if is_planned(verb, chain, words):
        return "planned"
    return "occurred"


def has_negation(verb: Token, words) -> bool:
    """``did not meet``; ``would not agree to release`` (the negation on the verb above)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "neg" for c in verb.head.children)


def is_planned(verb: Token, chain: list[Token], words) -> bool:
    auxes = children(verb, "aux", "auxpass")
    if any(a.lower_ in words["future"] for a in auxes) and not any(
        a.lower_ == "have" for a in auxes
    ):
        return True
    if (
        verb.tag_ == "VBG"
        and verb.lemma_ in words["progressive_plan"]
        and any(a.lemma_ == "be" for a in auxes)
    ):
        return True
    to_infinitive = any(a.lower_ == "to" for a in auxes)
    if to_infinitive and verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr":
        # "will be the first leader to meet Trump": the copula's tense
        return any(a.lower_ in words["future"] for a in children(verb.head.head, "aux"))
    if to_infinitive and verb.dep_ in ("xcomp", "advcl", "acl", "ccomp"):
        head = verb.head
        if head.lemma_.lower() in words["plan"] or verb.dep_ in ("advcl", "acl"):
            return True
        if head.lemma_ == "be":
            return True  # "Hamas was to free 33 hostages"
        head_aux = children(head, "aux")
        if any(a.lower_ in words["future"] for a in head_aux):
            return True
        if head.dep_ in ("acomp",) and head.lemma_.lower() in words["plan"]:
            return True
    if verb.dep_ == "pcomp" and verb.head.lower_ == "to":  # "committed to releasing 20"
        return verb.head.head.lemma_.lower() in words["plan"]
    return bool(verb.dep_ in ("xcomp",) and verb.head.lemma_.lower() in words["plan"])
