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
- dates both known and at most a day apart (a report dated the day after says
  "on Tuesday" for what another called "today"); undated mentions stay alone:
  without a date nothing shows they are the same happening;
- participants (actor and target names) that share a name, or are unknown on
  one side;
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
    participants: frozenset[str]

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
            frozenset(n.casefold() for n in names),
        )


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
    if a.participants and b.participants and not a.participants & b.participants:
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
