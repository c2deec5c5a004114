"""The event lexicon: trigger lemmas -> PLOVER type and mode, with their conditions.

The lexicon is data (``trucewatch/data/plover.yaml``, where its format and the
PLOVER sources are described); ``load_lexicon`` reads it and merges user files
over it, a lemma in a later file replacing the package's senses for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from trucewatch.config import lexicon_files
from trucewatch.data import read_yaml
from trucewatch.errors import LexiconFileError

PLOVER_TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
_CONDITIONS = {
    "type", "mode", "object", "subject", "particle", "with", "condition", "argument", "target",
    "without", "not_object",
}  # fmt: skip


@dataclass(frozen=True)
class Words:
    """A set of lemmas; ``person`` also accepts a person's name or a personal pronoun."""

    lemmas: frozenset[str]
    person: bool = False

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.lemmas


@dataclass(frozen=True)
class Sense:
    type: str
    mode: str | None = None
    object: Words | None = None
    subject: Words | None = None
    particle: str | None = None
    with_: Words | None = None
    condition: bool = False
    argument: bool = False
    object_is_target: bool = True
    target_preposition: str | None = None
    without: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_verbs: frozenset[str]
    assault_modes: dict[str, frozenset[str]]
    status: dict[str, frozenset[str]]
    office_nouns: frozenset[str]
    military_nouns: frozenset[str]
    pair_nouns: frozenset[str]
    participants: Words


def _words(value, lists: dict, origin: str) -> Words | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    lemmas: set[str] = set()
    person = False
    for item in items:
        if isinstance(item, bool):
            raise LexiconFileError(f"{origin}: a bare on/off/yes/no reads as {item}: quote it")
        item = str(item)
        if item == "$person":
            person = True
        elif item.startswith("$"):
            if item[1:] not in lists:
                raise LexiconFileError(f"{origin}: unknown word list {item!r}")
            inner = _words(lists[item[1:]], lists, origin)
            lemmas |= inner.lemmas
            person = person or inner.person
        else:
            lemmas.add(item.lower())
    return Words(frozenset(lemmas), person)


def _senses(lemma: str, value, lists: dict, origin: str) -> tuple[Sense, ...]:
    entries = value if isinstance(value, list) else [value]
    senses = []
    for entry in entries:
        if not isinstance(entry, dict) or "type" not in entry:
            raise LexiconFileError(f"{origin}: {lemma!r}: each sense needs a 'type'")
        unknown = set(entry) - _CONDITIONS
        if unknown:
            raise LexiconFileError(f"{origin}: {lemma!r}: unknown keys {sorted(unknown)}")
        if entry["type"] not in PLOVER_TYPES:
            raise LexiconFileError(
                f"{origin}: {lemma!r}: {entry['type']!r} is not a PLOVER category"
            )
        senses.append(
            Sense(
                type=entry["type"],
                mode=entry.get("mode"),
                object=_words(entry.get("object"), lists, origin),
                subject=_words(entry.get("subject"), lists, origin),
                particle=entry.get("particle"),
                with_=_words(entry.get("with"), lists, origin),
                condition=bool(entry.get("condition")),
                argument=bool(entry.get("argument")),
                object_is_target=entry.get("target") is None,
                target_preposition=entry.get("target") if entry.get("target") != "none" else None,
                without=frozenset(entry.get("without") or ()),
                not_object=frozenset(entry.get("not_object") or ()),
            )
        )
    return tuple(senses)


def _read(text: str, origin: str) -> dict:
    try:
        data = read_yaml(text) or {}
    except yaml.YAMLError as error:
        raise LexiconFileError(f"{origin}: invalid YAML ({error})") from None
    if not isinstance(data, dict):
        raise LexiconFileError(f"{origin}: expected a mapping with 'verbs' and 'nouns'")
    return data


def load_lexicon(*paths: str | Path) -> Lexicon:
    """The package lexicon, then each user file in ``paths`` merged over it."""
    origin = "trucewatch/data/plover.yaml"
    data = _read(
        resources.files("trucewatch.data").joinpath("plover.yaml").read_text("utf-8"), origin
    )
    for path in paths:
        try:
            extra = _read(Path(path).read_text("utf-8"), str(path))
        except OSError as error:
            raise LexiconFileError(f"{path}: cannot read lexicon ({error.strerror})") from None
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
    lists = data.get("word_lists", {})
    return Lexicon(
        verbs={k: _senses(k, v, lists, origin) for k, v in data.get("verbs", {}).items()},
        nouns={k: _senses(k, v, lists, origin) for k, v in data.get("nouns", {}).items()},
        light_verbs=frozenset(data.get("light_verbs", [])),
        assault_modes={k: frozenset(v) for k, v in data.get("assault_modes", {}).items()},
        status={k: frozenset(map(str, v)) for k, v in data.get("status", {}).items()},
        office_nouns=frozenset(data.get("office_nouns", [])),
        military_nouns=frozenset(data.get("military_nouns", [])),
        pair_nouns=frozenset(data.get("pair_nouns", [])),
        participants=_words(lists.get("participants", []), lists, origin) or Words(frozenset()),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The package lexicon with the files named in ``$TRUCEWATCH_LEXICON`` merged over it."""
    return load_lexicon(*lexicon_files())
