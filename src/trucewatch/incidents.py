"""Incidents: one happening, however many reports (or sentences) tell it.

Event data from news counts the same abduction once per report that mentions
it; trucewatch links the mentions instead. Two events are the same happening
when all of these hold:

- the same PLOVER type, and modes that are equal, unknown on one side, or two
  sides of one act (a host and a visitor meet: ``incident_modes`` in
  ``trucewatch/data/plover.yaml``);
- statuses that are equal, or ``planned`` and ``occurred`` (the meeting
  announced and the meeting held); a denied, negated, hypothetical or
  demanded event is never linked to one that happened;
- dates both known and at most a day apart across reports (overnight events,
  time zones, a report written the day after); within one report, where all
  dates come from one reference, the same day; undated mentions stay alone:
  without a date nothing shows they are the same happening;
- participants (actor and target names) that fit, a state's military counting
  as the state (the Israeli army's strikes are Israel's): the named ones (Hamas,
  Benjamin Netanyahu) on one side all named on the other, so that Witkoff
  meeting Netanyahu is not Netanyahu meeting Trump the next day; where
  neither side names anyone, the descriptions (gunman, hostages) share a word;
- places that are equal, or unknown on one side.

Linking is complete-link: a mention joins the first incident all of whose
mentions it is compatible with, so one vague mention cannot chain two
different exchanges together. The result depends only on the mentions and
their order (stored order: report date, report, position).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

MAX_DAYS_APART = 1
_LINKABLE_STATUSES = frozenset({"occurred", "planned"})


@dataclass(frozen=True, slots=True)
class Mention:
    """What linking looks at in one event record (or stored row)."""

    type: str
    mode: str | None
    status: str
    date: dt.date | None
    location: str | None
    named: frozenset[str]
    described: frozenset[str]
    doc: str | None = None

    @classmethod
    def of(cls, event) -> Mention:
        """From an ``Event`` record or a stored event row (a mapping)."""
        get = event.get if isinstance(event, dict) else lambda k: getattr(event, k)
        date = get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        names = [*(get("actor") or []), *(get("target") or [])]
        return cls(
            get("type"),
            get("mode"),
            get("status"),
            date,
            get("location"),
            frozenset(state_level(n).casefold() for n in names if n[:1].isupper()),
            frozenset(n.casefold() for n in names if not n[:1].isupper()),
            get("doc"),
        )


def state_level(name: str) -> str:
    """A state's military stands for the state: ``Israel Defense Forces`` -> ``Israel``."""
    from trucewatch.extract.actors import default_table

    table = default_table()
    actor = table.lookup(name)
    if actor is None or actor.sector != "MIL" or actor.country is None:
        return name
    state = next(
        (
            a.canonical
            for a in table.actors.values()
            if a.label == "GPE" and a.sector == "GOV" and a.country == actor.country
        ),
        None,
    )
    return state or name


@lru_cache(maxsize=1)
def mode_groups() -> tuple[frozenset[str], ...]:
    data = yaml.safe_load(
        resources.files("trucewatch.data").joinpath("plover.yaml").read_text("utf-8")
    )
    return tuple(frozenset(group) for group in data.get("incident_modes", []))


def compatible_modes(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in mode_groups())


def same_happening(a: Mention, b: Mention) -> bool:
    """True when two event mentions may be one incident (see the module doc)."""
    if a.type != b.type or not compatible_modes(a.mode, b.mode):
        return False
    if a.status != b.status and not {a.status, b.status} <= _LINKABLE_STATUSES:
        return False
    if a.date is None or b.date is None or abs((a.date - b.date).days) > MAX_DAYS_APART:
        return False
    if a.doc is not None and a.doc == b.doc and a.date != b.date:
        return False
    if not (a.named <= b.named or b.named <= a.named):
        return False
    described = not (a.named or b.named) and a.described and b.described
    if described and not a.described & b.described:
        return False
    return a.location is None or b.location is None or a.location == b.location


def link(events: Sequence, existing: Iterable[tuple[int, Sequence]] = ()) -> list[int]:
    """The incident number of each event, in order, by complete-link clustering.

    ``existing`` are incidents already known, as ``(number, events)``; a new
    event joins the first one it is compatible with throughout, else a new
    incident is numbered after the largest known number.
    """
    clusters: list[tuple[int, list[Mention]]] = [
        (number, [Mention.of(e) for e in members]) for number, members in existing
    ]
    next_number = max((n for n, _ in clusters), default=-1) + 1
    numbers = []
    for event in events:
        mention = Mention.of(event)
        for number, members in clusters:
            if all(same_happening(mention, m) for m in members):
                members.append(mention)
                numbers.append(number)
                break
        else:
            clusters.append((next_number, [mention]))
            numbers.append(next_number)
            next_number += 1
    return numbers
