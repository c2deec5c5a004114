"""What a reviewer may say about a record of each kind, checked before it is stored.

A correction names only the fields it changes; an addition names the record's
own (a figure needs a value and a category, an event its type). Dates are ISO
days; anything else is refused with the field and the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from trucewatch.errors import TrucewatchError
from trucewatch.extract.claims import CATEGORIES
from trucewatch.extract.lexicon import PLOVER_TYPES

MODALITIES = ("reported", "term", "projected", "negated")
STATUSES = ("occurred", "planned", "negated", "denied", "hypothetical", "demanded")


class ReviewError(TrucewatchError):
    """A review that cannot be stored: an unknown record, a bad field, a malformed file."""

    code = "TW500"


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FigureFields(_Fields):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    category: str | None = None
    modality: Literal[MODALITIES] | None = None  # type: ignore[valid-type]
    cumulative: bool | None = None
    date: dt.date | None = None
    as_of: dt.date | None = None
    source: str | None = None
    obligation: str | None = None  # the id of the spec's obligation it counts for

    @field_validator("category")
    @classmethod
    def _known_category(cls, value):
        if value is not None and value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r} (one of: {', '.join(CATEGORIES)})")
        return value

    @model_validator(mode="after")
    def _ordered_bounds(self):
        low, high = self.low, self.high
        if low is not None and high is not None and low > high:
            raise ValueError(f"low {low:g} is above high {high:g}")
        return self


class EventFields(_Fields):
    type: str | None = None
    status: Literal[STATUSES] | None = None  # type: ignore[valid-type]
    date: dt.date | None = None
    actor: list[str] | None = None
    target: list[str] | None = None
    location: str | None = None

    @field_validator("type")
    @classmethod
    def _plover(cls, value):
        if value is not None and value.upper() not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value.upper() if value else value


class QuoteFields(_Fields):
    speaker: str | None = None


class EntityFields(_Fields):
    canonical: str | None = None
    label: str | None = None


MODELS: dict[str, type[_Fields]] = {
    "claim": FigureFields,
    "event": EventFields,
    "quote": QuoteFields,
    "entity": EntityFields,
}
ADDABLE = ("claim", "event")


def checked_fields(kind: str, verdict: str, fields: dict | None) -> dict | None:
    """The fields of a review as stored (JSON-ready, unset ones left out), or ReviewError."""
    if verdict in ("confirm", "reject", "undo"):
        if fields:
            raise ReviewError(f"a {verdict} takes no fields (got {', '.join(fields)})")
        return None
    if verdict == "add" and kind not in ADDABLE:
        raise ReviewError(f"only a figure (claim) or an event can be added, not a {kind}")
    try:
        model = MODELS[kind].model_validate(fields or {})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'fields'}: {e['msg']}" for e in error.errors()
        )
        raise ReviewError(f"bad {kind} fields: {problems}") from None
    data = {
        key: int(value) if isinstance(value, float) and value.is_integer() else value
        for key, value in model.model_dump(mode="json", exclude_unset=True).items()
    }
    if not data:
        raise ReviewError(f"a {verdict} needs at least one field to set")
    unmeasured = all(data.get(k) is None for k in ("value", "low", "high"))
    if verdict == "add" and kind == "claim" and (data.get("category") is None or unmeasured):
        raise ReviewError("an added figure needs a category and a value (or bounds)")
    if verdict == "add" and kind == "event" and not data.get("type"):
        raise ReviewError("an added event needs a PLOVER type")
    return data
