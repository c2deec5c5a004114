"""The alias table: names as written, mapped to one canonical actor.

The table is data (``trucewatch/data/actors.yaml``), extended by the files in
``$TRUCEWATCH_ALIASES`` or passed to ``AliasTable.load``; later entries win.
Each entry::

    Benjamin Netanyahu:
      label: PERSON             # spaCy entity label the name should carry
      aliases: [Netanyahu, Bibi]

Lookups ignore case, typographic quotes, a leading "the" and a trailing
possessive, so ``the Israeli army`` and ``Netanyahu’s`` find their entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import pycountry
import spacy
import yaml
from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from trucewatch.config import alias_files
from trucewatch.data import read_yaml
from trucewatch.errors import AliasFileError
from trucewatch.text import normalize

_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"'s?$")


@lru_cache(maxsize=65536)  # called for every mention by several extractors
def alias_key(mention: str) -> str:
    text = normalize(mention).text.casefold()
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@dataclass(frozen=True, slots=True)
class Actor:
    canonical: str
    label: str | None = None
    aliases: tuple[str, ...] = ()
    attributes: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def sector(self) -> str | None:
        """PLOVER/POLECAT-style sector: GOV, MIL, REB, CVL, IGO, NGO, MED, ..."""
        return self.attributes.get("sector")

    @property
    def country(self) -> str | None:
        """ISO 3166 alpha-3 code: the entry's ``country``, else a state's own name looked up."""
        given = self.attributes.get("country")
        if given is not None:
            return country_code(str(given))
        if self.label == "GPE":
            for name in (self.canonical, *self.aliases):
                code = country_code(name)
                if code is not None:
                    return code
        return None

    @property
    def principal(self) -> str | None:
        """The actor an office or spokesperson of this actor speaks for (``Israel``)."""
        return self.attributes.get("principal")


@lru_cache(maxsize=1024)
def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country name or code, by pycountry's exact lookup.

    pycountry's fuzzy search is not used: a wrong country is worse than none.
    """
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


class AliasTable:
    def __init__(self, actors: list[Actor]):
        self.actors = {a.canonical: a for a in actors}
        self._by_key: dict[str, Actor] = {}
        for actor in self.actors.values():
            for name in (actor.canonical, *actor.aliases):
                self._by_key[alias_key(name)] = actor
        self._matchers: dict[int, PhraseMatcher] = {}

    @classmethod
    def load(cls, *paths: str | Path) -> AliasTable:
        """The package table, then each file in ``paths`` (later files override)."""
        text = resources.files("trucewatch.data").joinpath("actors.yaml").read_text("utf-8")
        merged = parse_entries(text, "trucewatch/data/actors.yaml")
        for path in paths:
            try:
                extra = Path(path).read_text("utf-8")
            except OSError as error:
                raise AliasFileError(f"{path}: cannot read alias file ({error.strerror})") from None
            for name, actor in parse_entries(extra, str(path)).items():
                if name in merged:  # a user file adds aliases to a known actor
                    old = merged[name]
                    actor = Actor(
                        name,
                        actor.label or old.label,
                        tuple(dict.fromkeys(old.aliases + actor.aliases)),
                        {**old.attributes, **actor.attributes},
                    )
                merged[name] = actor
        return cls(list(merged.values()))

    def lookup(self, mention: str) -> Actor | None:
        return self._by_key.get(alias_key(mention))

    @cached_property
    def demonyms(self) -> dict[str, Actor]:
        """``ukrainian`` -> Ukraine: each state's demonyms, case-folded."""
        return {
            str(word).casefold(): actor
            for actor in self.actors.values()
            for word in actor.attributes.get("demonyms") or []
        }

    @cached_property
    def seats(self) -> dict[str, list[Actor]]:
        """``Russia`` -> [Moscow, Kremlin]: the capitals and seats that stand for a state."""
        found: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            state = actor.attributes.get("seat_of")
            if state:
                found.setdefault(str(state), []).append(actor)
        return found

    def matcher(self, vocab: Vocab) -> PhraseMatcher:
        """A phrase matcher over every name as written, built once per vocabulary.

        Names are split by spaCy's English tokenizer rules, the ones the
        pipelines use, so ``al-Zebda`` splits the way it does in a report.
        """
        matcher = self._matchers.get(id(vocab))
        if matcher is None:
            tokenizer = spacy.blank("en", vocab=vocab).tokenizer
            # Case-sensitive: a lower-case "us" or "who" is not the US or the WHO.
            matcher = PhraseMatcher(vocab, attr="ORTH")
            for actor in self.actors.values():
                names = sorted({actor.canonical, *actor.aliases})
                matcher.add(actor.canonical, list(tokenizer.pipe(names)))
            self._matchers[id(vocab)] = matcher
        return matcher


def parse_entries(text: str, origin: str) -> dict[str, Actor]:
    try:
        data = read_yaml(text) or {}
    except yaml.YAMLError as error:
        raise AliasFileError(f"{origin}: invalid YAML ({error})") from None
    if not isinstance(data, dict):
        raise AliasFileError(f"{origin}: expected a mapping of canonical names to entries")
    actors = {}
    for name, entry in data.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            raise AliasFileError(f"{origin}: entry {name!r} must be a mapping")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise AliasFileError(f"{origin}: {name!r}: 'aliases' must be a list")
        attributes = {k: v for k, v in entry.items() if k not in ("label", "aliases")}
        country = attributes.get("country")
        if country is not None and country_code(str(country)) is None:
            raise AliasFileError(
                f"{origin}: {name!r}: unknown country {country!r} (use an ISO 3166 code or name)"
            )
        actors[str(name)] = Actor(
            str(name), entry.get("label"), tuple(map(str, aliases)), attributes
        )
    return actors


@lru_cache(maxsize=1)
def default_table() -> AliasTable:
    return AliasTable.load(*alias_files())
