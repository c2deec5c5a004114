"""The agreement as code: a small YAML spec, validated, with errors that name the line.

A spec holds what an agreement promises: parties, mediators, extra actor
names, and phases with their start, length and obligations::

    id: gaza-2025
    name: Gaza ceasefire and exchange, January 2025
    parties: [Israel, Hamas]
    mediators: [Qatar, United States, Egypt]
    aliases:
      Israel: [Israeli army, Netanyahu's office]
    phases:
      - name: Phase 1
        start: 2025-01-19
        days: 42                # or end: YYYY-MM-DD
        obligations:
          - {id: hostages, party: Hamas, action: release, what: hostages, quantity: 33}
      - name: Phase 2
        start: null             # not yet agreed

``what`` names what is counted; ``trucewatch/data/obligations.yaml`` maps it
to figure categories (``hostages`` -> ``hostages_released``); an obligation
may also name its ``category`` directly.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from trucewatch.errors import TrucewatchError
from trucewatch.extract.actors import AliasTable, default_table


class SpecError(TrucewatchError):
    """A spec file that cannot be used; the message names the file, line and field."""

    code = "TW400"

    def __init__(self, origin: str, detail: str, line: int | None = None):
        where = f"{origin}:{line}" if line else origin
        super().__init__(f"{where}: {detail} [{self.code}]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Obligation(_Strict):
    id: str = Field(min_length=1)
    party: str
    action: str = "release"
    what: str
    quantity: int | None = Field(default=None, ge=0)
    approx: bool = False
    category: str | None = None

    @property
    def categories(self) -> tuple[str, ...]:
        """Figure categories that count towards this obligation."""
        if self.category:
            return (self.category,)
        return categories_of(self.what) or (self.what.casefold(),)

    @model_validator(mode="after")
    def _known_what(self) -> Obligation:
        if self.category is None and not categories_of(self.what):
            known = ", ".join(sorted(WHAT_CATEGORIES))
            raise ValueError(
                f"what: {self.what!r} names nothing the ledger counts; use one of {known}, "
                "or give category: directly"
            )
        return self


class Phase(_Strict):
    name: str
    start: dt.date | None = None
    days: int | None = Field(default=None, gt=0)
    end: dt.date | None = None
    obligations: list[Obligation] = []

    @model_validator(mode="after")
    def _length(self) -> Phase:
        both = self.days is not None and self.end is not None and self.start is not None
        if both and self.start + dt.timedelta(days=self.days - 1) != self.end:
            raise ValueError("give days or end, not two that disagree")
        if self.end is not None and self.start is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self

    @property
    def last_day(self) -> dt.date | None:
        """The phase's last day: ``end``, or ``start + days - 1`` (day 1 is the start)."""
        if self.end is not None:
            return self.end
        if self.start is not None and self.days is not None:
            return self.start + dt.timedelta(days=self.days - 1)
        return None

    @property
    def length(self) -> int | None:
        if self.days is not None:
            return self.days
        if self.start is not None and self.end is not None:
            return (self.end - self.start).days + 1
        return None


class Agreement(_Strict):
    id: str = Field(min_length=1)
    name: str
    parties: list[str] = Field(min_length=1)
    mediators: list[str] = []
    aliases: dict[str, list[str]] = {}
    phases: list[Phase] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Agreement:
        seen: set[str] = set()
        for phase in self.phases:
            for obligation in phase.obligations:
                if obligation.id in seen:
                    raise ValueError(f"obligation id {obligation.id!r} is used twice")
                seen.add(obligation.id)
        return self


@lru_cache(maxsize=1)
def _what_categories() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(
        resources.files("trucewatch.data").joinpath("obligations.yaml").read_text("utf-8")
    )
    return {what.casefold(): tuple(cats) for what, cats in data["what"].items()}


WHAT_CATEGORIES = _what_categories()
_CATEGORY_NAMES = frozenset(c for cats in WHAT_CATEGORIES.values() for c in cats)


@lru_cache(maxsize=256)
def categories_of(what: str) -> tuple[str, ...]:
    """The categories a spec's ``what`` counts: a listed word, a category's own name,
    or a listed word at the end of the phrase, singular or plural ("Palestinian
    prisoners", "soldier"); empty when none."""
    words = what.casefold().split()
    phrase = " ".join(words)
    if phrase in _CATEGORY_NAMES:
        return (phrase,)
    if phrase not in WHAT_CATEGORIES and "of" in words[1:]:
        # "bodies of hostages", "remains of the soldiers": the word before "of" says what
        head = categories_of(" ".join(words[: words.index("of", 1)]))
        if head:
            return head
    for start in range(len(words)):
        tail = " ".join(words[start:])
        for form in (tail, f"{tail}s", tail.removesuffix("s")):
            if form in WHAT_CATEGORIES:
                return WHAT_CATEGORIES[form]
    return ()


def load_spec(path: str | Path) -> Agreement:
    """Read and validate a spec file; ``SpecError`` names the line and field of any problem."""
    origin = str(path)
    try:
        text = Path(path).read_text("utf-8")
    except OSError as error:
        raise SpecError(origin, error.strerror or str(error)) from None
    return parse_spec(text, origin)


def parse_spec(text: str, origin: str = "<spec>") -> Agreement:
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SpecError(
            origin, f"not valid YAML: {getattr(error, 'problem', error)}", line
        ) from None
    if not isinstance(data, dict):
        raise SpecError(origin, "expected a mapping with id, name, parties and phases")
    try:
        return Agreement.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = first["loc"]
        field = ".".join(str(part) for part in loc) or "(top level)"
        raise SpecError(origin, f"{field}: {first['msg']}", _line_of(node, loc)) from None


def _line_of(node, loc) -> int | None:
    """The 1-based line of the YAML node at ``loc``, or of its nearest parent found."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


# What a party is often called in a spec, around the name of its state: "the
# Yemeni government" is Yemen's, "Ukrainian authorities" Ukraine's.
_STATE_WORDS = {"government", "authorities", "authority", "forces", "army", "military", "state"}


def party_names(
    agreement: Agreement, aliases: AliasTable | None = None, parties: list[str] | None = None
) -> set[str]:
    """Every name a party goes by: as written in the spec, its alias-table entry, spec
    aliases, and for "the Yemeni government" the state its words name."""
    aliases = aliases or default_table()
    names: set[str] = set()
    for party in agreement.parties if parties is None else parties:
        names.add(party)
        names.update(agreement.aliases.get(party, []))
        actor = aliases.lookup(party) or state_of(party, aliases)
        if actor is not None:
            names.add(actor.canonical)
            names.update(actor.aliases)
            for seat in aliases.seats.get(actor.canonical, ()):  # "Moscow freed 307"
                names.add(seat.canonical)
                names.update(seat.aliases)
    return names


def party_peoples(agreement: Agreement, aliases: AliasTable | None = None) -> dict[str, set[str]]:
    """Each party's people: the nationalities of its country ("Israelis", "Palestinians"
    for Hamas) when no other party of the agreement is of that country (not two Yemeni
    parties)."""
    aliases = aliases or default_table()
    countries: dict[str, str] = {}
    for party in agreement.parties:
        actor = aliases.lookup(party) or state_of(party, aliases)
        if actor is not None and actor.country:
            countries[party] = actor.country
    alone = {c for c in countries.values() if list(countries.values()).count(c) == 1}
    people: dict[str, set[str]] = {}
    for actor in aliases.actors.values():
        if actor.label != "NORP" or actor.country not in alone:
            continue
        party = next(p for p, c in countries.items() if c == actor.country)
        people.setdefault(party, set()).update((actor.canonical, *actor.aliases))
    for party in agreement.parties:  # a state's own demonyms: "Armenian", "Armenians"
        actor = aliases.lookup(party)
        words = [str(w) for w in (actor.attributes.get("demonyms") or [])] if actor else []
        if words and countries.get(party) in alone:
            people.setdefault(party, set()).update(w for word in words for w in (word, f"{word}s"))
    return people


def party_words(agreement: Agreement, aliases: AliasTable | None = None) -> set[str]:
    """The names of the parties no report can name as an entity ("Terrorists", "the
    kidnappers": parties the alias table does not know), to find their reports by
    their words instead."""
    aliases = aliases or default_table()
    words: set[str] = set()
    for party in agreement.parties:
        if aliases.lookup(party) is None and state_of(party, aliases) is None:
            words.add(party)
            words.update(agreement.aliases.get(party, []))
    return words


def state_of(party: str, aliases: AliasTable):
    words = [w for w in party.split() if w.casefold() not in _STATE_WORDS | {"the"}]
    if not words or len(words) == len(party.split()):
        return None
    name = " ".join(words)
    return aliases.demonyms.get(name.casefold()) or aliases.lookup(name)
