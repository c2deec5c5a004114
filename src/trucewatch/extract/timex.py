"""Time expressions, resolved against the report's date: ``on Tuesday`` -> 2025-02-04.

News dates events relative to the day of the report, so every expression is
resolved against that day (the *reference*). Conventions, TimeML's TIMEX3
where it has one, ISO 8601 for values:

- a bare weekday is the last such day on or before the reference ("Sunday" in
  a Tuesday report is two days back; "on Tuesday" is the same day), or the
  next on or after it when the verb looks ahead ("will meet on Saturday");
- a month and day without a year is the occurrence nearest the reference,
  none when that is over six months away; a bare month likewise;
- weeks are ISO weeks, Monday to Sunday ("this week" -> ``2025-W06``);
- durations are ISO 8601 (``P42D``, ``P15M``, ``PT3H``) with the qualifier
  kept apart ("more than 15 months" -> ``P15M``, "more than");
- what is anchored in the story rather than the report ("the same day",
  "two days later", "the following week") gets no value: never guessed.

Every Timex has ``low``/``high``, inclusive calendar bounds, when it stands
for days at all: a date has low == high, "last month" its first and last day,
"later this week" the days after the reference up to Sunday. Durations and
clock times have none.

The rules below cover what reports write. dateparser is only the fallback for
the formats they do not know ("19/01/2025"): on news conventions it measures
worse (``benchmarks/timex_eval.py``; its pitfalls are in
``shared/NOTES-ENV.md``) and costs about a millisecond a call. ``resolve`` is
cached by (text, reference, tense). The word lists are data:
``trucewatch/data/timex.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from trucewatch.data import read_yaml
from trucewatch.extract.records import doc_text

KINDS = ("date", "month", "year", "week", "range", "duration", "time")
_LEX = read_yaml(resources.files("trucewatch.data").joinpath("timex.yaml").read_text("utf-8"))
DAY = dt.timedelta(days=1)
MAX_DISTANCE_DAYS = 184  # "within six months" of the reference, for dates without a year


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: ``text`` is ``doc.text[start:end]``; see the module doc."""

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    low: dt.date | None = None
    high: dt.date | None = None
    qualifier: str | None = None

    @property
    def date(self) -> dt.date | None:
        """The single day, when this is a resolved date."""
        return self.low if self.kind == "date" and self.value is not None else None


class _R(NamedTuple):
    kind: str
    value: str | None = None
    low: dt.date | None = None
    high: dt.date | None = None
    qualifier: str | None = None


# ---------------------------------------------------------------- vocabulary

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]  # fmt: skip
MONTH_NUMBER = {name: i + 1 for i, name in enumerate(MONTHS)}
MONTH_NUMBER.update({name[:3]: i + 1 for i, name in enumerate(MONTHS)} | {"sept": 9})
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS_UP_TO_NINE = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
NUMBER_WORDS = {"a": 1, "an": 1, "a single": 1, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12}  # fmt: skip
NUMBER_WORDS.update({w: i + 1 for i, w in enumerate(_UNITS_UP_TO_NINE)})
for _tens, _word in zip(range(20, 100, 10), _TENS, strict=True):  # fmt: skip
    NUMBER_WORDS[_word] = _tens
    for _i, _unit in enumerate(_UNITS_UP_TO_NINE):
        NUMBER_WORDS[f"{_word}-{_unit}"] = NUMBER_WORDS[f"{_word} {_unit}"] = _tens + _i + 1

UNITS: dict[str, tuple[str, int]] = {k: (v[0], v[1]) for k, v in _LEX["units"].items()}
GRANULARITY = {"TS": "time", "TM": "time", "TH": "time", "D": "date", "W": "week",
               "M": "month", "Y": "year"}  # fmt: skip
PARTS_OF_DAY = frozenset(_LEX["parts_of_day"])
QUANTITY_ONLY = frozenset(_LEX["quantity_only"])
AGO_BEFORE = frozenset(_LEX["ago_before"])
AGO_AFTER = frozenset(_LEX["ago_after"])
FIXED_HOLIDAYS = {k: tuple(int(x) for x in v.split("-")) for k, v in _LEX["fixed_holidays"].items()}
MOVABLE_HOLIDAYS = frozenset(_LEX["movable_holidays"])
FUTURE = {key: frozenset(words) for key, words in _LEX["future"].items()}
FREQUENCIES = frozenset(_LEX["frequencies"])
# Qualifiers that place a time inside a unit: "by the end of the month" is this month's end.
POSITIONS = frozenset(_LEX["positions"])


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WD = rf"(?P<wd>{_alternation(WEEKDAYS)})"
_MON = rf"(?P<mon>{_alternation(MONTH_NUMBER)})\.?"
_DAYN = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_alternation(NUMBER_WORDS)})"
_UNIT = rf"(?P<unit>{_alternation(UNITS)})"
_UNITS = rf"(?P<unit>{_alternation(UNITS)})s"
_POD = rf"(?P<pod>{_alternation(PARTS_OF_DAY)})"
_VAGUE = rf"(?P<vague>{_alternation(_LEX['vague_quantities'])})"
_QUALIFIER = re.compile(rf"(?P<q>{_alternation(_LEX['qualifiers'])})(?:\s+|-)(?P<rest>.+)")
_PREPOSITION = re.compile(rf"(?:{_alternation(_LEX['prepositions'])})\s+(?P<rest>.+)")

# Not time expressions at all: ages, frequencies ("on Mondays"), bare small numbers.
_NOT_TIMEX = re.compile(
    r"(?:\b(?:year|month|week|day)s?[\s-]+old\b|\bold$|\baged?\b"
    rf"|^(?:{_alternation(FREQUENCIES)})\b|\b(?:daily|weekly|monthly|yearly|annually)$"
    r"|^\d{1,3}(?:\s*(?:or|and|to|-)\s*\d{1,3})*$"
    rf"|\b(?:{_alternation(WEEKDAYS)})s\b)"
)


# ---------------------------------------------------------------- resolve


@lru_cache(maxsize=8192)
def resolve(text: str, reference: dt.date | None, *, tense: str | None = None) -> Timex | None:
    """One expression, resolved against ``reference`` (the report's date).

    ``tense`` ("past", "future" or None) picks the direction of a bare weekday
    or weekend and breaks ties for dates without a year. Returns a Timex with
    offsets 0..len(text), whose ``value`` is None where the expression cannot
    be resolved ("the same day"; anything relative when ``reference`` is None),
    or None when the text is no time expression (an age, a frequency).
    """
    s = normalise(text)
    if not s or _NOT_TIMEX.search(s):
        return None
    found = _rules(s, reference, tense)
    if found is None:
        found = _dateparser(s, reference) or _generic(s)
    if found is None:
        return None
    return Timex(0, len(text), text, *found)


_ABBREVIATION_END = re.compile(r"\b(?:[ap]\.m|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$")


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, one space; no trailing stop or possessive."""
    s = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = " ".join(s.lower().split()).strip(' ,;:!?"“”()[]')
    s = re.sub(r"'s?$", "", s)
    if s.endswith(".") and not _ABBREVIATION_END.search(s):
        s = s[:-1]
    return s.strip()


def _rules(s: str, ref: dt.date | None, tense: str | None) -> _R | None:
    """The rules alone (no dateparser, no generic guess); None when none applies.

    A qualifier is tried before a preposition ("at least 48 hours"), then
    after one ("at around 2 a.m."); a preposition may follow it ("late on Sunday").
    """
    if _NOT_TIMEX.search(s):
        return None
    for text in dict.fromkeys((s, _strip_preposition(s))):
        m = _QUALIFIER.fullmatch(text)
        if m:
            found = _core(_strip_preposition(m["rest"]), ref, tense, m["q"])
            if found is not None:
                return _qualified(found, m["q"])
        found = _core(text, ref, tense, None)
        if found is not None:
            return found
    return None


def _strip_preposition(s: str) -> str:
    m = _PREPOSITION.fullmatch(s)
    return m["rest"] if m else s


def _qualified(found: _R, qualifier: str) -> _R:
    if found.qualifier is not None:
        return found  # the rule used it ("more than a year ago")
    if qualifier in QUANTITY_ONLY and found.kind != "duration":
        return found  # "over the weekend": a preposition, not a qualifier
    return found._replace(qualifier=qualifier.removeprefix("the "))


def _core(s: str, ref: dt.date | None, tense: str | None, q: str | None) -> _R | None:
    for pattern, handler in _HANDLERS:
        m = pattern.fullmatch(s)
        if m:
            found = handler(m, ref, tense, q)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------- the rules


def _iso(m, ref, tense, q):
    year, month = int(m["y"]), int(m["m"])
    if m["d"]:
        return _valid_day(year, month, int(m["d"]))
    return _month(year, month) if 1 <= month <= 12 else None


def _deictic_day(m, ref, tense, q):
    word = m["w"]
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
              "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)  # fmt: skip
    part = m["pod"] or m["pod2"] or ("night" if word in ("tonight", "last night") else None)
    return _day(ref + offset * DAY if ref else None, part)


def _weekday(m, ref, tense, q):
    if ref is None:
        return _R("date", qualifier=m["pod"])
    wd, rel, today = WEEKDAYS.index(m["wd"]), m["rel"], ref.weekday()
    if rel in ("last", "past"):
        day = ref - ((today - wd - 1) % 7 + 1) * DAY
    elif rel in ("next", "coming", "this coming"):
        day = ref + ((wd - today - 1) % 7 + 1) * DAY
    elif rel == "this":
        day = ref + (wd - today) * DAY
    elif tense == "future":
        day = ref + ((wd - today) % 7) * DAY
    else:
        day = ref - ((today - wd) % 7) * DAY
    return _day(day, m["pod"])


def _month_day(m, ref, tense, q):
    month, day = MONTH_NUMBER[m["mon"]], int(m["day"])
    if m["year"]:
        return _valid_day(int(m["year"]), month, day)
    return _nearest_day(month, day, ref, tense) if 1 <= day <= 31 else None


def _nearest_day(month: int, day: int, ref: dt.date | None, tense: str | None) -> _R:
    """A month and day without a year: the occurrence nearest the reference, within six months."""
    if ref is None:
        return _R("date")
    candidates = [
        dt.date(year, month, day)
        for year in (ref.year - 1, ref.year, ref.year + 1)
        if day <= _month_bounds(year, month)[1].day
    ]
    best = _nearest(candidates, ref, tense, lambda d: abs((d - ref).days))
    if best is None or abs((best - ref).days) > MAX_DISTANCE_DAYS:
        return _R("date")
    return _day(best)


def _month_name(m, ref, tense, q):
    month = MONTH_NUMBER[m["mon"]]
    if m["year"]:
        return _month(int(m["year"]), month)
    if ref is None:
        return _R("month")
    rel, here = m["rel"], ref.year * 12 + ref.month - 1
    candidates = [(y, month) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if rel == "this":
        return _month(ref.year, month)
    if rel == "last":
        candidates = [c for c in candidates if c[0] * 12 + c[1] - 1 < here]
        return _month(*max(candidates))
    if rel == "next":
        candidates = [c for c in candidates if c[0] * 12 + c[1] - 1 > here]
        return _month(*min(candidates))
    best = _nearest(
        candidates, (ref.year, ref.month), tense, lambda c: abs(c[0] * 12 + c[1] - 1 - here)
    )
    return _month(*best)


def _year(m, ref, tense, q):
    if m["year"]:
        return _year_of(int(m["year"]))
    if ref is None:
        return _R("year")
    return _year_of(ref.year + {"last": -1, "this": 0, "next": 1}[m["rel"]])


def _decade(m, ref, tense, q):
    start = int(m["dec"])
    return _R("range", None, dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


def _unit_deictic(m, ref, tense, q):
    unit, rel = m["u"], m["rel"]
    if rel == "the" and q not in POSITIONS:
        return None  # "the week" alone is the story's; "by the end of the month" is this one
    if ref is None:
        return _R("range" if unit == "weekend" else unit)
    step = {"last": -1, "this": 0, "current": 0, "the": 0, "next": 1}[rel]
    if unit == "weekend":
        return _weekend(ref, step, tense)
    if unit == "week":
        return _week(ref + 7 * step * DAY)
    if unit == "month":
        year, month = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        return _month(year, month + 1)
    return _year_of(ref.year + step)


def _the_weekend(m, ref, tense, q):
    return _weekend(ref, None, tense) if ref else _R("range")


def _within_unit(m, ref, tense, q):
    """ "earlier this month", "later this week": the part of the unit before/after the reference."""
    if ref is None:
        return _R("range")
    unit = m["u"]
    if unit == "week":
        first, last = ref - ref.weekday() * DAY, ref + (6 - ref.weekday()) * DAY
    elif unit == "month":
        first, last = _month_bounds(ref.year, ref.month)
    else:
        first, last = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
    low, high = (first, ref - DAY) if m["dir"] == "earlier" else (ref + DAY, last)
    return _R("range", None, low, high) if low <= high else _R("range")


def _ago(m, ref, tense, q):
    designator, multiple = UNITS[m["unit"]]
    kind = GRANULARITY[designator]
    n = _number(m["num"]) if m["num"] else None
    if ref is None or kind == "time":
        return _R("time" if kind == "time" else kind)
    if n is None:  # "a few days ago", "years ago"
        return _R("range", None, None, ref, m["vague"])
    point = _shift(ref, designator, -n * multiple)
    if point is None:
        return None
    if q in AGO_BEFORE:
        return _R("range", None, None, point, q)
    if q in AGO_AFTER:
        return _R("range", None, point, ref, q)
    return {"date": _day, "week": _week, "month": lambda d: _month(d.year, d.month),
            "year": lambda d: _year_of(d.year)}[kind](point)  # fmt: skip


def _anaphoric(m, ref, tense, q):
    """ "two days later", "the same day", "the following Monday": anchored in the story."""
    if m.groupdict().get("wd"):
        return _R("date")
    return _R(GRANULARITY[UNITS[m["unit"]][0]])


def _rolling(m, ref, tense, q):
    """ "the past two months", "the coming weeks", "in recent months": a window at the reference."""
    direction = m["dir"]
    n = _number(m["num"]) if m["num"] else None
    plural = m["plural"] is not None
    if n is None and not plural and (direction in ("next", "previous") or m["unit"] == "day"):
        return _anaphoric(m, ref, tense, q)  # "the next day", "the last day" (of what?)
    if ref is None:
        return _R("range")
    designator, multiple = UNITS[m["unit"]]
    if n is None and plural:  # "the coming weeks", "recent months": one side open
        if direction in ("coming", "next"):
            return _R("range", None, ref, None)
        return _R("range", None, None, ref)
    n = n or 1
    if direction in ("coming", "next"):
        return _R("range", None, ref, _shift(ref, designator, n * multiple))
    return _R("range", None, _shift(ref, designator, -n * multiple), ref)


def _duration(m, ref, tense, q):
    designator, multiple = UNITS[m["unit"]]
    n = _number(m["num"])
    if n is None:
        return None
    amount = (n + (0.5 if m["half"] or m["half2"] else 0)) * multiple
    amount = int(amount) if amount == int(amount) else amount
    value = f"PT{amount}{designator[1]}" if designator.startswith("T") else f"P{amount}{designator}"
    return _R("duration", value, qualifier=q if q else None)


def _vague_duration(m, ref, tense, q):
    return _R("duration", qualifier=m["vague"])


def _bare_units(m, ref, tense, q):
    """ "hours", "decades", "the days", "hours before": no number, no value."""
    kind = GRANULARITY[UNITS[m["unit"]][0]]
    if kind == "time":
        return _R("time")
    if m["after"]:
        return _R(kind)
    return _R("range") if m["the"] else _R("duration")


def _clock(m, ref, tense, q):
    if m["oclock"]:
        return _R("time")  # "eight o'clock": morning or evening, not guessed
    if m["h4"]:
        hour, minute = divmod(int(m["h4"]), 100)
    elif m["ampm"]:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    elif m["min"] is not None:
        hour, minute = int(m["h"]), int(m["min"])
    else:
        return None
    if hour > 23 or minute > 59:
        return None
    return _R("time", f"T{hour:02d}:{minute:02d}")


def _named_time(m, ref, tense, q):
    return _R("time", {"noon": "T12:00", "midday": "T12:00", "midnight": "T00:00"}[m["t"]])


def _day_at_time(m, ref, tense, q):
    """ "Sunday at 8:30 a.m.": a time on a day, ``2025-01-19T08:30``."""
    day = _rules(m["day"], ref, tense)
    clock = _rules(m["clock"], ref, tense)
    if day is None or clock is None or day.kind != "date" or clock.kind != "time":
        return None
    if day.value is None or clock.value is None:
        return _R("time", None, day.low, day.high, clock.qualifier)
    return _R("time", day.value + clock.value, day.low, day.high, clock.qualifier)


def _part_of_date(m, ref, tense, q):
    """ "the morning of January 19": that day, the part as qualifier."""
    day = _rules(m["day"], ref, tense)
    return day._replace(qualifier=m["pod"]) if day is not None and day.kind == "date" else None


def _part_of_day(m, ref, tense, q):
    return _R("time")


def _holiday(m, ref, tense, q):
    name = m["h"]
    if name in MOVABLE_HOLIDAYS:
        return _R("range")
    month, day = FIXED_HOLIDAYS[name]
    if m["year"]:
        return _valid_day(int(m["year"]), month, day)
    return _nearest_day(month, day, ref, tense)


_TZ = rf"(?:\s+\(?(?:[a-z]+\s+)?(?:{_alternation(_LEX['time_zones'])})\)?)?"
_CLOCK = (
    r"(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?"
    r"|(?P<h4>[012]\d[0-5]\d)\s*(?:gmt|utc|hrs|hours|h)\b"
    rf"|(?P<oclock>{_NUM.replace('?P<num>', '?:')}\s+o'clock))"
)
# How a clock time starts, for "Sunday at 8:30 a.m." and "noon on Sunday".
_CLOCK_LEAD = (
    rf"(?:(?:{_alternation(_LEX['qualifiers'])})\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b|\d{1,2}:\d{2}|noon\b|midday\b|midnight\b)"
)
_HANDLERS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?"), _iso),
    (
        re.compile(
            r"(?:(?P<pre>earlier|later)\s+)?"
            r"(?P<w>today|tonight|yesterday|tomorrow|last night|the day before yesterday"
            rf"|the day after tomorrow|this {_POD})(?:\s+(?P<pod2>{_alternation(PARTS_OF_DAY)}))?"
        ),
        _deictic_day,
    ),
    (
        re.compile(rf"(?:{_WD},?\s+)?(?:the\s+)?{_DAYN}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?"),
        _month_day,
    ),
    (re.compile(rf"(?:{_WD},?\s+)?{_MON}\s+{_DAYN}(?:,?\s+{_YEAR})?"), _month_day),
    (
        re.compile(rf"(?:(?P<rel>last|next|this coming|this|coming|past)\s+)?{_WD}(?:\s+{_POD})?"),
        _weekday,
    ),
    (re.compile(rf"(?:(?P<rel>last|next|this)\s+)?{_MON}(?:,?\s+{_YEAR})?"), _month_name),
    (re.compile(rf"(?:the\s+year\s+)?{_YEAR}|(?P<rel>last|this|next)\s+year"), _year),
    (re.compile(r"(?:the\s+)?(?P<dec>1[89]\d0|20\d0)'?s"), _decade),
    (re.compile(r"(?:the\s+)?weekend"), _the_weekend),
    (
        re.compile(r"(?P<rel>last|next|this|current|the)\s+(?P<u>week|month|year|weekend)"),
        _unit_deictic,
    ),
    (re.compile(r"(?P<dir>earlier|later)\s+this\s+(?P<u>week|month|year)"), _within_unit),
    (re.compile(rf"(?:(?:{_NUM}|{_VAGUE})\s+)?{_UNIT}s?\s+ago"), _ago),
    (re.compile(rf"{_NUM}\s+{_UNIT}s?\s+(?:later|earlier|before|after|afterwards?)"), _anaphoric),
    (
        re.compile(
            rf"(?:the|that)\s+(?:same|following|previous|preceding|first|final)\s+(?:{_UNIT}|{_WD})"
        ),
        _anaphoric,
    ),
    (
        re.compile(
            rf"(?:the\s+)?(?P<dir>past|last|previous|coming|next|following|recent)"
            rf"(?:\s+(?:{_NUM}|{_VAGUE}))?\s+(?:{_UNIT}(?P<plural>s)?)"
        ),
        _rolling,
    ),
    (re.compile(rf"{_CLOCK}{_TZ}"), _clock),
    (
        re.compile(
            rf"{_NUM}(?P<half>\s+and\s+a\s+half)?(?:\s+|\s*-\s*){_UNIT}s?"
            r"(?P<half2>\s+and\s+a\s+half)?(?:[\s-]long)?"
        ),
        _duration,
    ),
    (re.compile(rf"{_VAGUE}\s+{_UNITS}"), _vague_duration),
    (re.compile(r"(?P<t>noon|midday|midnight)"), _named_time),
    (re.compile(rf"(?P<day>.+?),?\s+(?:at\s+)?(?P<clock>{_CLOCK_LEAD}.*)"), _day_at_time),
    (re.compile(rf"(?P<clock>{_CLOCK_LEAD}.*?),?\s+(?:on\s+)?(?P<day>.+)"), _day_at_time),
    (re.compile(rf"(?:the\s+)?{_POD}\s+of\s+(?P<day>.+)"), _part_of_date),
    (
        re.compile(
            rf"(?:(?:the|that|a|this)\s+)?(?:(?:early|late|long|small|wee)\s+)*(?:that\s+)?{_POD}s?"
            r"|(?:the\s+)?(?:early|small|wee)\s+hours"
        ),
        _part_of_day,
    ),
    (
        re.compile(
            rf"(?P<h>{_alternation(FIXED_HOLIDAYS.keys() | MOVABLE_HOLIDAYS)})(?:\s+{_YEAR})?"
        ),
        _holiday,
    ),
    (
        re.compile(
            rf"(?P<the>the\s+)?{_UNITS}(?:\s+(?P<after>before|after|later|earlier|afterwards?))?"
        ),
        _bare_units,
    ),
]


# ---------------------------------------------------------------- fallbacks


_HAS_DATE_MATERIAL = re.compile(
    rf"\b(?:{_alternation(MONTH_NUMBER)})\b|\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?"
)
_AMBIGUOUS_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?")


def _dateparser(s: str, ref: dt.date | None) -> _R | None:
    """dateparser for formats the rules do not know ("19/01/2025"), never for bare words.

    Only text with a month name or a numeric date is passed (it reads "we"
    as Wednesday, "the 16th day" as the 16th of this month); day/month orders
    that could go both ways ("01/02/2025") are refused rather than guessed;
    without a reference a year must be written.
    """
    if not _HAS_DATE_MATERIAL.search(s) or re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", s):
        return None  # an ISO date the rules refused is invalid ("2025-13-01")
    m = _AMBIGUOUS_NUMERIC.fullmatch(s)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return None
    has_year = re.search(r"\b(?:1[89]|2[01])\d\d\b", s)
    if ref is None and not has_year:
        return None
    parser = _date_data_parser(ref)
    if parser is None:
        return None
    try:
        data = parser.get_date_data(s)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return _year_of(found.year)
    if data.period == "month":
        return _month(found.year, found.month)
    if data.period == "week":
        return _week(found)
    if not has_year:  # the year the report is nearest to, not dateparser's
        return _nearest_day(found.month, found.day, ref, None)
    return _day(found)


@lru_cache(maxsize=64)
def _date_data_parser(ref: dt.date | None):
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # the rules work without it; only exotic formats go unresolved
        return None
    settings = {"PREFER_DATES_FROM": "current_period", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref is not None:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day)
    return DateDataParser(languages=["en"], settings=settings)


_UNIT_WORD = re.compile(rf"\b(?P<unit>{_alternation(UNITS)})(?P<plural>s)?\b")
_POD_WORD = re.compile(rf"\b{_POD}s?\b")


def _generic(s: str) -> _R | None:
    """A phrase built on a time word that no rule resolves ("the heaviest day"): no value."""
    if _NOT_TIMEX.search(s):
        return None
    m = _UNIT_WORD.search(s)
    if m:
        kind = GRANULARITY[UNITS[m["unit"]][0]]
        return _R("range" if m["plural"] and kind != "time" else kind)
    if _POD_WORD.search(s):
        return _R("time")
    return None


# ---------------------------------------------------------------- calendar


def _day(day: dt.date | None, qualifier: str | None = None) -> _R:
    if day is None:
        return _R("date", qualifier=qualifier)
    return _R("date", day.isoformat(), day, day, qualifier)


def _valid_day(year: int, month: int, day: int) -> _R | None:
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - DAY


def _month(year: int, month: int) -> _R:
    return _R("month", f"{year:04d}-{month:02d}", *_month_bounds(year, month))


def _year_of(year: int) -> _R:
    return _R("year", f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _week(day: dt.date) -> _R:
    year, week, weekday = day.isocalendar()
    monday = day - (weekday - 1) * DAY
    return _R("week", f"{year:04d}-W{week:02d}", monday, monday + 6 * DAY)


def _weekend(ref: dt.date, step: int | None, tense: str | None) -> _R:
    """The Saturday and Sunday of a week: ``step`` weeks on, or for "the weekend" the
    one the report is in, else the last one (the next, looking ahead)."""
    saturday = ref + (5 - ref.weekday()) * DAY
    if step is None:
        step = 0 if ref.weekday() >= 5 or tense == "future" else -1
    saturday += 7 * step * DAY
    return _R("range", None, saturday, saturday + DAY)


def _shift(day: dt.date, designator: str, n: float) -> dt.date | None:
    if designator == "D":
        return day + dt.timedelta(days=n)
    if designator == "W":
        return day + dt.timedelta(weeks=n)
    if designator in ("M", "Y"):
        months = round(n * (12 if designator == "Y" else 1))
        year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
        last = _month_bounds(year, month + 1)[1].day
        return dt.date(year, month + 1, min(day.day, last))
    if designator.startswith("T"):
        hours = n * {"TS": 1 / 3600, "TM": 1 / 60, "TH": 1}[designator]
        return day + dt.timedelta(days=-((-hours) // 24) if hours > 0 else hours // 24)
    return None


def _nearest(candidates, ref, tense, distance):
    """The candidate nearest the reference; a tie goes forward looking ahead, else back."""
    if not candidates:
        return None
    ahead = tense == "future"
    return min(candidates, key=lambda c: (distance(c), (c < ref) if ahead else (c > ref)))


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    text = text.replace(",", "")
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return float(text)
    except ValueError:
        return None


# ---------------------------------------------------------------- documents

LABELS = {"DATE", "TIME"}
_EXTENDERS = frozenset(_LEX["qualifiers"]) | {"earlier", "later"}
_TITLE_MONTHS = "|".join(m.title() for m in MONTHS)
_SCAN_NUMBER = "|".join(
    [r"\d{1,3}(?:,\d{3})+|\d+", _alternation(w for w in NUMBER_WORDS if w[0] != "a")]
)
# What NER misses, found in the text; group "t" is the expression. Names are
# matched capitalised only ("may" is a verb). Quantities ("42-day") are found
# from their unit backwards: a pattern starting with every number word and
# qualifier at every position costs ten times more.
_SCAN_NAMES = re.compile(
    rf"\b(?P<t>(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?:{'|'.join(w.title() for w in WEEKDAYS)})\b"
    rf"|(?:{_TITLE_MONTHS}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?|\s+\d{4}\b)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_TITLE_MONTHS})\b(?:\s+\d{{4}}\b)?)"
)
_SCAN_PHRASES = re.compile(
    r"\b(?P<t>(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:week|month|year|weekend)\b"
    r"|(?:the\s+)?weekend\b|(?:yesterday|today|tonight|tomorrow)\b"
    r"|recent\s+(?:days|weeks|months|years)\b|\d{1,2}(?::\d{2})?\s*[ap]\.m\.)"
    r"|\b(?:in|since|by|until|from|during|before|after)\s+(?P<y>(?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
_SCAN_UNIT = re.compile(
    rf"\b(?:{_alternation(UNITS)})s?\b(?!-old|\s+old)(?P<ago>\s+ago\b)?", re.IGNORECASE
)
_SCAN_QUANTITY = re.compile(
    rf"(?:\b(?:{_alternation(_LEX['qualifiers'])})\s+)?\b(?:{_SCAN_NUMBER})(?:\s+|-)$",
    re.IGNORECASE,
)


def _scan(text: str):
    """(start, end) of each expression the patterns find in a report."""
    for m in _SCAN_NAMES.finditer(text):
        yield m.span("t")
    for m in _SCAN_PHRASES.finditer(text):
        yield m.span("t") if m["t"] else m.span("y")
    for m in _SCAN_UNIT.finditer(text):
        window = max(0, m.start() - 40)
        quantity = _SCAN_QUANTITY.search(text, window, m.start())
        if quantity is not None:
            yield quantity.start(), m.end()


_DOC_TIMEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def find_timexes(doc: Doc, reference: dt.date | None) -> list[Timex]:
    """Every time expression in a parsed report, resolved against its date, in text order.

    spaCy's DATE and TIME entities first, cleaned (ages and frequencies dropped,
    "Saturday 307" cut back, "Sunday" + "afternoon" joined, a qualifier or
    "later" just before taken in), then what NER missed, found by pattern
    ("42-day", "later this week"). A bare weekday takes its direction from the
    verb it belongs to (``governing_tense``).
    """
    cached = _DOC_TIMEXES.get(doc)
    if cached is not None and cached[0] == reference:
        return list(cached[1])
    found: list[Timex] = []
    taken: set[int] = set()
    for span in _entity_spans(doc, reference):
        for timex in _resolve_entity(span, reference):
            found.append(timex)
            taken.update(range(timex.start, timex.end))
    for start, end in _scan(doc_text(doc)):
        span = doc.char_span(start, end)
        if span is None or not taken.isdisjoint(range(start, end)):
            continue
        timex = _resolve_span(span, reference)
        if timex is not None:
            found.append(timex)
            taken.update(range(timex.start, timex.end))
    found.sort(key=lambda t: (t.start, t.end))
    found = _glossed(found, doc_text(doc))
    _DOC_TIMEXES[doc] = (reference, tuple(found))
    return found


def _glossed(found: list[Timex], text: str) -> list[Timex]:
    """ "yesterday (Nov. 24)": a day glossed in brackets by its date is that date; the
    writer's date wins over a "yesterday" counted from a later dateline."""
    for i, (day, gloss) in enumerate(zip(found, found[1:], strict=False)):
        if (
            day.date is not None
            and gloss.date is not None
            and text[day.end : gloss.start].strip() == "("
            and text[gloss.end : gloss.end + 1] == ")"
        ):
            found[i] = replace(day, value=gloss.value, low=gloss.low, high=gloss.high)
    return found


def _entity_spans(doc: Doc, reference: dt.date | None) -> list[Span]:
    """DATE/TIME entities, with a weekday and a following part of day joined."""
    ents = [e for e in doc.ents if e.label_ in LABELS]
    spans: list[Span] = []
    for ent in ents:
        previous = spans[-1] if spans else None
        if (
            previous is not None
            and previous.end == ent.start
            and ent.text.lower() in PARTS_OF_DAY
            and normalise(previous.text) in WEEKDAYS
        ):
            spans[-1] = doc[previous.start : ent.end]
        else:
            spans.append(ent)
    trimmed = (_trim(s) for s in spans)
    return [_extend_left(s, reference) for s in trimmed if s is not None]


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].text in ("'s", "’s")
    ):
        end -= 1
    return doc[start:end] if start < end else None


def _extend_left(span: Span, reference: dt.date | None) -> Span:
    """Take in a qualifier NER left out: "[more than] 15 months", "[later] this week".

    Only when it changes the reading: "over the weekend" keeps its preposition out.
    """
    doc = span.doc
    for width in (3, 2, 1):
        start = span.start - width
        if start < 0 or any(t.is_space or t.is_punct for t in doc[start : span.start]):
            continue
        if doc[start : span.start].text.lower() in _EXTENDERS:
            wider = _rules(normalise(doc[start : span.end].text), reference, None)
            if wider is not None and wider != _rules(normalise(span.text), reference, None):
                return doc[start : span.end]
    return span


def _resolve_entity(span: Span, reference: dt.date | None) -> list[Timex]:
    """An entity as one or more Timexes: whole, split at "and"/"or", or cut back at the end."""
    if _NOT_TIMEX.search(normalise(span.text)):
        return []  # "52-year-old" is an age, not "52-year"
    whole = _resolve_span(span, reference, rules_only=True)
    if whole is not None:
        return [whole]
    cuts = [t.i for t in span if t.lower_ in ("and", "or", "to", "-", "–")]
    if cuts:
        parts, start = [], span.start
        for cut in [*cuts, span.end]:
            part = span.doc[start:cut]
            start = cut + 1
            timex = _resolve_span(part, reference, rules_only=True) if len(part) else None
            if timex is not None:
                parts.append(timex)
        if len(parts) > 1:
            return parts
    for end in range(span.end - 1, span.start, -1):
        timex = _resolve_span(span.doc[span.start : end], reference, rules_only=True)
        if timex is not None:
            return [timex]
    timex = _resolve_span(span, reference)
    return [timex] if timex is not None else []


def _resolve_span(span: Span, reference, rules_only: bool = False) -> Timex | None:
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("every", "each"):
        return None  # "every Saturday night"; "twice this week" is still this week
    tense = governing_tense(span) if _NEEDS_TENSE.search(span.text) else None
    if rules_only and _rules(normalise(span.text), reference, tense) is None:
        return None
    timex = resolve(span.text, reference, tense=tense)
    if timex is None:
        return None
    return replace(timex, start=span.start_char, end=span.end_char)


_NEEDS_TENSE = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)}|weekend|{'|'.join(MONTHS)}|{'|'.join(m[:3] for m in MONTHS)})",
    re.IGNORECASE,
)


def governing_tense(span: Span) -> str | None:
    """ "future" when the verb the span belongs to looks ahead, "past" after "since", else None.

    Looks ahead: an auxiliary "will"/"would" ("would have" is past), an
    infinitive under "is to", "plans to", "is due to", "is expected to", or a
    word like "due"/"scheduled" the span hangs from. Lists in timex.yaml.
    In the past tense the plan is old news ("had been due to start on
    Sunday", in Monday's report): that does not look ahead.
    """
    token = span.root
    head = token.head
    if token.dep_ == "pobj":
        if head.lower_ in FUTURE["past_prepositions"]:
            return "past"
        head = head.head
    elif token.dep_ == "compound":
        head = head.head
    for _ in range(3):
        if _future_word(head):
            return "future"
        children = list(head.children)
        auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(_future_auxiliary(c) for c in auxiliaries):
            return "future"
        if head.dep_ == "ROOT" and any(a.lower_ == "to" for a in auxiliaries):
            return "future"  # the headline "Hamas to free three hostages on Saturday"
        if _governs_infinitive(head.head) and head in _infinitives(head.head):
            return "future"  # "plans to [meet] on Monday"
        if _governs_infinitive(head) or any(
            _future_word(c) for c in children if c.dep_ in ("acomp", "xcomp")
        ):
            return "future"  # "On Saturday, Hamas [is] due to release ..."
        if head.dep_ not in ("conj", "xcomp") or head.head is head:
            break
        head = head.head
    return None


def _infinitives(token: Token) -> list[Token]:
    return [
        c for c in token.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
    ]


def _governs_infinitive(token: Token) -> bool:
    """ "is to", "plans to", "is expected to", "due to" in the present tense."""
    if token.lemma_ not in FUTURE["governors"] and not _future_word(token):
        return False
    return bool(_infinitives(token)) and not _past(token)


def _future_word(token: Token) -> bool:
    """ "due", "scheduled" as an adjective or passive, not "set" as a main verb."""
    if token.lower_ not in FUTURE["words"] and token.lemma_ not in FUTURE["words"]:
        return False
    adjective = token.pos_ == "ADJ" or token.dep_ in ("amod", "acl", "acomp")
    passive = any(c.dep_ == "auxpass" for c in token.children)
    return (adjective or passive) and not _past(token)


def _past(token: Token) -> bool:
    """A past-tense verb or copula: "was due", "had been expected", "planned"."""
    verb = token.head if token.dep_ in ("acomp", "attr") else token
    for word in {token, verb}:
        if word.tag_ == "VBD" and word.lower_ not in FUTURE["auxiliaries"]:
            return True
        for child in word.children:
            if (
                child.dep_ in ("aux", "auxpass")
                and child.tag_ == "VBD"
                and child.lower_ not in FUTURE["auxiliaries"]
            ):
                return True
    return False


def _future_auxiliary(token: Token) -> bool:
    if token.lower_ not in FUTURE["auxiliaries"] and token.lemma_ not in FUTURE["auxiliaries"]:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return not (token.lower_ == "would" and following is not None and following.lower_ == "have")


# ---------------------------------------------------------------- attachment

_ATTACHING = frozenset({"npadvmod", "tmod", "obl", "obl:tmod", "nmod:tmod", "advmod", "prep"})
_TEMPORAL_PREPOSITIONS = frozenset(
    {"on", "in", "at", "since", "by", "before", "after", "during", "until", "till", "from",
     "over", "within", "for", "around", "throughout", "through", "early", "late", "as"}
)  # fmt: skip
_RANK = {"date": 0, "week": 1, "month": 1, "year": 1, "range": 2, "time": 3, "duration": 4}


def _same_clause(word: Token, verb: Token) -> bool:
    """No other verb between ``word`` and the ``verb`` it hangs under."""
    for _ in range(8):
        word = word.head
        if word.i == verb.i:
            return True
        if word.pos_ in ("VERB", "AUX") or word.head is word:
            return False
    return False


def timex_for_token(
    doc_or_span: Doc | Span,
    token: Token,
    reference: dt.date | None = None,
    phrase_nouns: bool = False,
) -> Timex | None:
    """The time expression the parse attaches to ``token`` (a verb, or an event noun).

    "said Sunday" (npadvmod), "met on Monday" (prep + pobj), "took effect last
    month" (npadvmod). Several: a dated one before a clock time before a
    duration, then the nearest. ``reference`` defaults to the one the last
    ``find_timexes`` on this doc was given (None if it was never called).
    ``phrase_nouns``: with none of its own, an "on" date the parse hangs on a noun of
    the verb's own phrases ("freed 12 captives at the crossing on Monday").
    """
    doc = doc_or_span if isinstance(doc_or_span, Doc) else doc_or_span.doc
    if reference is None:
        cached = _DOC_TIMEXES.get(doc)
        reference = cached[0] if cached is not None else None
    timexes = find_timexes(doc, reference)
    if isinstance(doc_or_span, Span):
        timexes = [
            t
            for t in timexes
            if doc_or_span.start_char <= t.start and t.end <= doc_or_span.end_char
        ]

    def at(tok: Token) -> Timex | None:
        return next((t for t in timexes if t.start <= tok.idx < t.end), None)

    candidates = []
    for child in token.children:
        if child.dep_ not in _ATTACHING:
            continue
        timex = at(child)
        if timex is None and child.dep_ == "prep" and child.lower_ in _TEMPORAL_PREPOSITIONS:
            timex = next((at(c) for c in child.children if c.dep_ == "pobj" and at(c)), None)
        if timex is not None and not timex.start <= token.idx < timex.end:
            candidates.append(timex)
    if not candidates and phrase_nouns:
        for inner in token.subtree:
            noun = inner.head
            if (
                inner.dep_ == "prep"
                and inner.lower_ == "on"
                and noun.i != token.i
                and noun.tag_.startswith("NN")
                and _same_clause(noun, token)
            ):
                found = next((at(c) for c in inner.children if at(c)), None)
                if found is not None and found.date is not None:
                    candidates.append(found)
    if not candidates:
        return None
    if len(candidates) > 1:
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i < token.i:
            # "said on Saturday it had received 390 on Friday": a day before the clause's
            # subject is the outer clause's, the parse notwithstanding
            own = [t for t in candidates if t.start > subject.idx]
            candidates = own or candidates
    return min(
        candidates,
        key=lambda t: (
            _RANK.get(t.kind, 5) + (0.5 if t.value is None else 0),
            abs(t.start - token.idx),
        ),
    )
