"""Clauses on the dependency parse: whose subject a verb has, and where a clause ends.

Shared by the event extractor and its status and date readers; the parse is
spaCy's (ClearNLP-style labels: nsubj, dobj, xcomp, ccomp, advcl, relcl, ...).
"""

from __future__ import annotations

from spacy.tokens import Token

from trucewatch.extract.speakers import subject_of

SUBORDINATE = {"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis", "csubj"}


SPEECH = {"say", "tell", "announce", "report", "add", "confirm", "state", "warn"}

# Verbs (and nouns) of a swap, where both sides free people: "the two countries
# exchanged 190 prisoners", "Ukraine swapped 150 prisoners with Russia".
SWAPPING = frozenset({"exchange", "swap", "trade"})
# "released a second group of civilians", "freed dozens of prisoners": the people are
# those of the collective noun.
COLLECTIVES = frozenset(
    {"group", "batch", "number", "handful", "dozen", "dozens", "hundreds", "wave"}
)
# Where people are held: "held in Israeli prisons", "returned from Russian captivity".
CUSTODY = frozenset({"prison", "jail", "captivity", "custody", "detention", "cell"})


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def closest(token: Token, *deps: str) -> Token | None:
    """The child with one of ``deps`` nearest the token ("14:40 GMT — The women were ...")."""
    found = children(token, *deps)
    return min(found, key=lambda c: abs(c.i - token.i)) if found else None


def subject_for(token: Token) -> Token | None:
    """The verb's subject, climbing where the parse puts it higher up.

    ``Netanyahu will be the first leader to meet Trump``: an infinitive on the
    attribute of a copula takes the copula's subject; ``Hamas is ready to
    negotiate``: an infinitive under an adjective takes the adjective's verb's.
    """
    direct = closest(token, "nsubj")
    if direct is not None:
        return subject_of(token) if direct.lower_ in ("who", "which", "that") else direct
    head = token.head
    infinitive = any(c.lower_ == "to" for c in children(token, "aux"))
    if token.dep_ == "pcomp" and head.lower_ == "of" and head.head.i != head.i:
        accused = closest(head.head, "dobj")  # "accused the army of detaining students"
        if accused is not None:
            return accused
    if token.dep_ == "pcomp" and head.lower_ in ("by", "to") and head.head.pos_ == "VERB":
        # "the two sides took a step by swapping prisoners", "Hamas has committed to
        # releasing another 20"
        return subject_for(head.head)
    if infinitive and token.dep_ in ("xcomp", "ccomp") and head.i != token.i:
        # "urged the two sides to withdraw", "called on the mediators to hold": the
        # one urged is the one who is to act (object control)
        controller = closest(head, "dobj")
        if controller is None:
            on = next((p for p in children(head, "prep") if p.lower_ == "on"), None)
            controller = closest(on, "pobj") if on is not None else None
        if controller is not None and controller.i < token.i:
            return controller
    if infinitive and token.dep_ in ("relcl", "acl") and head.dep_ == "attr":
        return subject_of(head.head)
    if token.dep_ == "xcomp" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
        return subject_of(head.head)
    if token.dep_ == "xcomp" and not children(head, "nsubj", "nsubjpass"):
        return subject_for(head)
    return subject_of(token)


def governors(token: Token) -> list[Token]:
    """The token and the verbs above it within its clause chain (xcomp, ccomp, conj, ...)."""
    chain = [token]
    while token.head.i != token.i and token.dep_ in SUBORDINATE | {"dobj", "pobj", "prep"}:
        token = token.head
        chain.append(token)
        if len(chain) > 4:
            break
    return chain


def span_of(token: Token | None):
    return token.doc[token.left_edge.i : token.right_edge.i + 1] if token is not None else None


def in_clause_below(token: Token, trigger: Token) -> bool:
    """True when ``token`` sits in a clause of its own under the trigger."""
    node = token
    while node.i != trigger.i:
        if node.dep_ in (
            "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "nsubj", "nsubjpass"
        ):  # fmt: skip
            return True
        node = node.head
    return False
