"""Number forms: where a report states how many of something, and what it counts.

``find_quantities(doc, timexes)`` walks the tokens once and returns each
quantity with its value and bounds, its normalised qualifier and the counted
noun (the number's head in the dependency parse, or ``X`` in ``dozens of X``,
``36 of X``). Forms (issue 4, item 3):

- digits with separators (``47,518``), decimals with a multiplier (``1.2
  million``), number words (``six``, ``Fifteen``, ``twenty-five``, ``a dozen``);
- ranges (``between 30 and 40``, ``30 to 40``, ``19 or 20``): value null,
  low and high the ends;
- fractions (``half of the hostages``): value 0.5, qualifier ``fraction``;
- plural counts (``dozens``, ``tens of thousands``): bounds from the lexicon,
  value null, never an invented point value.

Not quantities: years, dates and clock times (the time-expression resolver
says which spans are dates; only its durations count: ``42-day``), ordinals
(spaCy tags them as adjectives, not cardinals), ages (``a 52-year-old``,
``Romi Gonen, 24,``), phone numbers, scores (``won 3-1``) and numbers that
are part of a name (``Resolution 2334``, ``Route 60``).

Word lists: ``trucewatch/data/claims.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from trucewatch.data import read_yaml
from trucewatch.extract.records import doc_text
from trucewatch.extract.timex import Timex


@lru_cache(maxsize=1)
def lexicon() -> dict:
    text = resources.files("trucewatch.data").joinpath("claims.yaml").read_text("utf-8")
    return read_yaml(text)


@dataclass
class Quantity:
    """One stated quantity; ``first``/``last`` are token indices of the number phrase."""

    first: int
    last: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    root: Token  # the token of the phrase whose head lies outside it
    noun: Token | None  # what is counted; None when elided ("150 for 150")
    duration: bool = False
    skipped: bool = False


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_CLOCK = re.compile(r"\d[:.]\d\d$|^\d{1,2}[ap]\.?m\.?$")
_PHONE = re.compile(r"^\+\d|^\d{2,4}-\d{3,4}")
_TIME_AFTER = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "o’clock", "hrs", "hours"}


def number_value(token: Token) -> float | None:
    """The value of a single number token (digits or a number word), else None."""
    lex = lexicon()
    text = token.lower_
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    if text[:1] in "-–—" and text[1:] in lex["number_words"]:
        text = text[1:]  # "(Reuters) -Forty-eight": a dash glued to the first word
    if text in lex["number_words"]:
        return float(lex["number_words"][text])
    return None


def find_quantities(doc: Doc, timexes: list[Timex]) -> list[Quantity]:
    """Every quantity in the document, in text order (see the module doc)."""
    lex = lexicon()
    kind_at: dict[int, Timex] = {}
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if (
            span is not None
            and len(span) > 1
            and span[0].pos_ == "VERB"
            and timex.kind != "duration"
        ):
            # "will last 42 days": the verb is no "last" of a range; the rest is a duration
            timex = Timex(span[1].idx, timex.end, timex.text, "duration", None)
        for i in range(timex.start, timex.end):
            kind_at[i] = timex
    found: list[Quantity] = []
    i, n = 0, len(doc)
    while i < n:
        token = doc[i]
        quantity = (
            _vague(doc, i, lex) or _fraction(doc, i, lex) or _number(doc, i, lex, kind_at)
            if _candidate(token, lex)
            else None
        ) or (_one_body(doc, i, lex) if token.lower_ in _ARTICLES else None)
        if quantity is None:
            i += 1
            continue
        if quantity.skipped:
            i = quantity.last + 1
            continue
        _qualify(doc, quantity, lex)
        found.append(quantity)
        i = quantity.last + 1
    return found


_ONE_BODY = {"body", "coffin", "corpse", "remains"}
_ARTICLES = ("the", "a", "an")


def _one_body(doc: Doc, i: int, lex: dict) -> Quantity | None:
    """ "the body of soldier Mohammad Hamieh", "the remains of a deceased hostage": the
    dead one person, a count of one though no number says it."""
    det = doc[i]
    if det.dep_ != "det":
        return None
    noun = det.head
    if noun.i <= i:
        return None
    if noun.lower_ not in _ONE_BODY or (noun.tag_ != "NN" and noun.lower_ != "remains"):
        return None
    if any(c.i < noun.i and (c.like_num or c.tag_ == "CD") for c in noun.children):
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whose = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if (
        whose is None
        or whose.tag_ not in ("NN", "NNP")
        or any(c.dep_ == "conj" for c in whose.children)
    ):
        return None  # "the remains of others", "the bodies of Shiri Bibas and her sons"
    people = set(lex["people"]) | set(lex["hostage_words"]) | set(lex["prisoner_words"])
    # "of soldier Aram Velin": a name, or a person's noun, on the word or its compounds
    words = [whose, *(c for c in whose.children if c.dep_ == "compound")]
    if not any(w.ent_type_ == "PERSON" or w.lemma_.lower() in people for w in words):
        return None
    if not _handed_back(noun, lex):
        return None  # "relatives carry the coffin of ...": a funeral, no return
    return Quantity(i, noun.i, 1.0, 1.0, 1.0, None, noun, noun)


_BROUGHT = {"transfer", "arrive", "cross", "transport"}


def _handed_back(noun: Token, lex: dict) -> bool:
    """The body's verb, or a release noun on the way to it, hands it back or brings it in."""
    head = noun.head
    for _ in range(4):
        lemma = head.lemma_.lower()
        if lemma in lex["verbs"]["released"] or lemma in _BROUGHT:
            return True
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            return False
        head = head.head
    return False


def _candidate(token: Token, lex: dict) -> bool:
    low = token.lower_
    return (
        token.tag_ == "CD"
        or token.like_num
        or low in lex["number_words"]
        or low in lex["vague"]
        or low in ("tens", "half", "a", "one", "two", "three")
    )


_ELIDED = {"dobj", "nsubj", "nsubjpass", "pobj", "conj", "attr"}  # "wounded dozens"


def _vague(doc: Doc, i: int, lex: dict) -> Quantity | None:
    vague = lex["vague"]
    for width in (3, 1):
        if i + width > len(doc):
            continue  # a short slice at the end of the report is no 3-word phrase
        phrase = " ".join(t.lower_ for t in doc[i : i + width])
        if phrase in vague and (width == 3 or doc[i].pos_ == "NOUN"):
            low, high = vague[phrase]
            last = doc[i + width - 1]
            noun = _partitive(last)
            if noun is None and last.dep_ in ("nummod", "amod", "quantmod", "npadvmod"):
                noun = last.head if last.head.pos_ in ("NOUN", "PROPN") else None
            if noun is None and width == 1 and last.dep_ not in _ELIDED:
                return None  # "hundreds" as a modifier of nothing counted
            return Quantity(
                i, i + width - 1, None, low, high, None, _root(doc, i, i + width - 1), noun
            )
    return None


def _fraction(doc: Doc, i: int, lex: dict) -> Quantity | None:
    for width in (3, 2, 1):
        phrase = " ".join(t.lower_ for t in doc[i : i + width]).replace(" - ", "-")
        if phrase in lex["fractions"] and i + width < len(doc) and doc[i + width].lower_ == "of":
            last = doc[i + width - 1]
            value = float(lex["fractions"][phrase])
            return Quantity(i, i + width - 1, value, None, None, "fraction", last, _partitive(last))
    return None


def _number(doc: Doc, i: int, lex: dict, kind_at: dict[int, Timex]) -> Quantity | None:
    token = doc[i]
    first = i
    value = number_value(token)
    if token.lower_ == "a" and i + 1 < len(doc):
        following = doc[i + 1].lower_
        if following == "dozen":  # "a dozen"
            first, i, token, value = i, i + 1, doc[i + 1], 12.0
        elif following in lex["multipliers"] and following.isalpha():  # "a thousand"
            token, value = doc[i + 1], 1.0
    if value is None or _CLOCK.search(token.text) or _PHONE.match(token.text):
        return None
    last = i
    # twenty-five
    if (
        i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and value % 10 == 0
        and value < 100
        and doc[i + 2].lower_ in lex["number_words"]
        and lex["number_words"][doc[i + 2].lower_] < 10
    ):
        value += lex["number_words"][doc[i + 2].lower_]
        last = i + 2
    while last + 1 < len(doc) and doc[last + 1].lower_ in lex["multipliers"]:
        value *= lex["multipliers"][doc[last + 1].lower_]
        last += 1
    value, last = _and_the_rest(doc, last, value, lex)
    if _not_a_count(doc, first, last, value, lex, kind_at):
        return _skip(doc, last)
    low = high = value
    end = last
    # ranges: "between 30 and 40", "30 to 40", "30-40", "19 or 20"
    if end + 2 < len(doc) and doc[end + 1].lower_ in ("to", "-", "–", "and", "or"):
        other = number_value(doc[end + 2])
        pair = doc[end + 1].lower_ != "and" or _after(doc, first, "between")
        if other is not None and pair and other > value:
            value, low, high, end = None, value, other, end + 2
    timex = kind_at.get(doc[first].idx)
    duration = timex is not None and timex.kind == "duration"
    root = _root(doc, first, end)
    noun = _counted_noun(doc, root, first, end, timex if duration else None)
    if value is not None and value == 1 and token.lower_ == "one" and noun is None:
        return None
    return Quantity(first, end, value, low, high, None, root, noun, duration)


def _and_the_rest(doc: Doc, last: int, value: float, lex: dict) -> tuple[float, int]:
    """ "One hundred and seventy-five": the words after a spelled-out multiplier's "and"
    are the rest of the number, when they are less than the multiplier."""
    words = lex["number_words"]
    if not (
        last + 2 < len(doc)
        and doc[last].is_alpha
        and doc[last].lower_ in lex["multipliers"]
        and doc[last + 1].lower_ == "and"
        and doc[last + 2].lower_ in words
    ):
        return value, last
    rest, stop = words[doc[last + 2].lower_], last + 2
    if (
        stop + 2 < len(doc)
        and doc[stop + 1].text == "-"
        and doc[stop + 2].lower_ in words
        and words[doc[stop + 2].lower_] < 10
    ):
        rest, stop = rest + words[doc[stop + 2].lower_], stop + 2  # "seventy-five"
    outer = lex["multipliers"][doc[last].lower_]
    if stop + 1 < len(doc) and lex["multipliers"].get(doc[stop + 1].lower_, outer) < outer:
        rest, stop = rest * lex["multipliers"][doc[stop + 1].lower_], stop + 1  # "five hundred"
    if rest >= outer:
        return value, last
    return value + rest, stop


def _skip(doc: Doc, last: int) -> Quantity:
    """Not a count: a stand-in that makes the scan step over a range's other end too."""
    if (
        last + 2 < len(doc)
        and doc[last + 1].lower_ in ("to", "-", "–", "and", "or")
        and number_value(doc[last + 2]) is not None
    ):
        last += 2
    return Quantity(0, last, None, None, None, None, doc[last], None, skipped=True)


def _after(doc: Doc, i: int, word: str) -> bool:
    return i > 0 and doc[i - 1].lower_ == word


def _not_a_count(doc: Doc, first: int, last: int, value: float, lex, kind_at) -> bool:
    token = doc[first]
    timex = kind_at.get(token.idx)
    if timex is not None and timex.kind != "duration" and timex.value is not None:
        return True  # a date, a year, a clock time; unresolved ones ("the thirty hours") count
    following = [t.lower_ for t in doc[last + 1 : last + 5]]
    if following[:1] and following[0] in _TIME_AFTER - {"hours"}:
        return True
    if (
        first > 0
        and doc[first - 1].pos_ == "PROPN"
        and doc[first - 1].whitespace_
        and (doc[first - 1].ent_type_ not in ("DATE", "TIME"))
    ):
        return True  # "Resolution 2334", "Route 60": a name, not a count
    if _digit_run(doc, first, last):
        return True  # "+44 20 7946 0958": a phone number
    if _age(following, lex):
        return True
    if value == 1 and _one_as_a_rank_or_ratio(doc, first, last, following):
        return True
    if value == 1 and following[:1] == ["of"] and _one_identified(doc, first, lex):
        return True
    if first > 0 and doc[first - 1].lower_ in ("past", "half", "quarter"):
        return True  # "half past eight"
    if first > 0 and doc[first - 1].lower_ in lex["age_words"]:
        return True  # "aged 19 or 20"
    if _in_a_list_of_ages(doc, first, last, lex):
        return True  # "youngsters aged 3, 6, 14 and 15 years old"
    if _the_pair(doc, first, last, value, lex):
        return True  # "the two sides", "the two countries": the parties, no count
    if first > 1 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in lex["age_words"]:
        return True  # "at the age of 85"
    if _birthday(doc, first, last):
        return True
    if _age_after_name(doc, first, last):
        return True
    if _age_of_someone_then(doc, first, last):
        return True
    if _furniture(doc, first, last):
        return True
    if first > 0 and doc[first - 1].lower_ in lex["label_words"]:
        return True  # "day two", "phase 3", "round 2": a label, not a count
    if following[:2] in (["min", "read"], ["minute", "read"], ["mins", "read"]):
        return True  # "1 min read": page furniture
    if token.lower_ == "one" and following[:1] == ["day"] and doc[last + 1].dep_ == "npadvmod":
        return True  # "one day Russia will be free": some day
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", token.text) and value.is_integer():
        head = doc[last].head
        if not (doc[last].dep_ == "nummod" and head.tag_ == "NNS"):
            return True  # a year: "in 2022", "since 2014"
    return _score(doc, first, last, lex)


_AGE_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days"}


_DIGIT_TOKEN = re.compile(r"^\+?\d+$")
_PHONE_START = re.compile(r"^(?:\+\d|0\d)")


def _digit_run(doc: Doc, first: int, last: int) -> bool:
    """Digits next to digits with nothing but a space between them."""
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    return (
        (before is not None and before.whitespace_ and _DIGIT_TOKEN.match(before.text) is not None)
        or (
            after is not None
            and doc[last].whitespace_
            and _DIGIT_TOKEN.match(after.text) is not None
        )
        or _PHONE_START.match(doc[first].text) is not None
    )


def _age(following: list[str], lex) -> bool:
    """ "52-year-old", "four years old", "nine months old"."""
    words = [w for w in following if w != "-"]
    return len(words) >= 2 and words[0] in _AGE_UNITS and words[1] in lex["age_words"]


def _in_a_list_of_ages(doc: Doc, first: int, last: int, lex) -> bool:
    """A number in a run of numbers ("3, 6, 14 and 15") that an age word opens
    ("aged") or closes ("years old"): each is an age, not only the first and last."""
    start = first
    while (
        start >= 2
        and doc[start - 1].lower_ in (",", "and")
        and _DIGIT_TOKEN.match(doc[start - 2].text)
    ):
        start -= 2
    end = last
    while (
        end + 2 < len(doc)
        and doc[end + 1].lower_ in (",", "and")
        and _DIGIT_TOKEN.match(doc[end + 2].text)
    ):
        end += 2
    if start == first and end == last:
        return False  # no list
    opened = start > 0 and doc[start - 1].lower_ in lex["age_words"]
    following = [t.lower_ for t in doc[end + 1 : end + 5]]
    return opened or _age(following, lex)


def _the_pair(doc: Doc, first: int, last: int, value: float, lex) -> bool:
    """ "the two sides agreed", "the two countries swapped 95 each": the pair of parties
    named, as "one of the hostages" names someone; not "the two hostages"."""
    if value != 2 or first == 0 or doc[first - 1].lower_ != "the" or last + 1 >= len(doc):
        return False
    return doc[last + 1].lemma_.lower() in lex["pair_nouns"]


def _one_as_a_rank_or_ratio(doc: Doc, first: int, last: int, following: list[str]) -> bool:
    """ "the one-for-one exchange" (a ratio; "95-for-95" is each side's count), "one of
    the largest exchanges" (a rank)."""
    if following[:2] == ["-", "for"] or (
        first > 1 and doc[first - 1].text == "-" and doc[first - 2].lower_ == "for"
    ):
        return True
    if following[:1] != ["of"]:
        return False
    if _one_who_is_named(doc, first):
        return True  # "Matt Miller, one of the hostages released in November"
    # "one of the largest", "one of the war's largest": a superlative before the head noun
    for token in doc[last + 2 : last + 7]:
        if token.tag_ in ("JJS", "RBS") or token.lower_ == "most":
            return True
        possessor = token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS"
        if token.pos_ in ("NOUN", "PROPN") and not possessor:
            return False  # "one of the hostages"
        if token.pos_ not in ("DET", "NOUN", "PROPN", "PART", "ADJ"):
            return False
    return False


def _one_identified(doc: Doc, first: int, lex) -> bool:
    """ "a relative of one of the abducted passengers" (whose kin someone is), "told of
    their release by one of the guards" (who told them): someone, not a count."""
    if first >= 1 and doc[first - 1].lower_ == "by":
        return True
    return (
        first >= 2
        and doc[first - 1].lower_ == "of"
        and doc[first - 2].lemma_.lower() in lex["kin_nouns"]
    )


def _one_who_is_named(doc: Doc, first: int) -> bool:
    """ "one of the N" that a name stands beside names someone, it counts no one:
    "Matt Miller, one of the hostages", "one of the hostages, Emily Damari,"."""
    one = doc[first]
    if one.dep_ == "appos" and one.head.pos_ == "PROPN":
        return True
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in one.children):
        return True
    return first >= 2 and doc[first - 1].text == "," and doc[first - 2].ent_type_ == "PERSON"


def _birthday(doc: Doc, first: int, last: int) -> bool:
    """ "Emily turned nine earlier this month"; not "turned 30 prisoners over"."""
    if first == 0 or doc[first - 1].lemma_.lower() != "turn":
        return False
    after = doc[last + 1] if last + 1 < len(doc) else None
    return after is None or after.pos_ not in ("NOUN", "PROPN")


def _age_after_name(doc: Doc, first: int, last: int) -> bool:
    """ "Romi Gonen, 24," "Tamar, 62, who", "Matan Angrest (22)": a number set off by
    commas, or in brackets, after a name."""
    if first < 2 or doc[first - 1].text not in (",", "("):
        return False
    value = number_value(doc[first])
    if [t.lower_ for t in doc[last + 1 : last + 4]] == ["at", "the", "time"]:
        last += 3  # "Alma (13 at the time)"
    if doc[first - 1].text == "(" and (last + 1 >= len(doc) or doc[last + 1].text != ")"):
        return False
    name = doc[first - 2]
    closing = doc[last + 1] if last + 1 < len(doc) else None
    return (
        (name.ent_type_ == "PERSON" or name.pos_ == "PROPN")
        and value is not None
        and value <= 120
        and (closing is None or closing.text in (",", ".", ")", "and", ";") or closing.is_space)
    )


def _age_of_someone_then(doc: Doc, first: int, last: int) -> bool:
    """ "Omer was 21 when he was killed": a bare number someone "was" when something
    happened is an age."""
    if first < 2 or last + 1 >= len(doc) or doc[last + 1].lower_ != "when":
        return False
    verb = doc[first - 1]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        verb.lemma_ == "be"
        and subject is not None
        and (
            subject.ent_type_ == "PERSON"
            or subject.pos_ == "PROPN"
            or subject.lower_ in ("he", "she")
        )
    )


_NUMERIC_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b")


_READING_UNITS = {"min", "mins", "minute", "minutes"}


def _furniture(doc: Doc, first: int, last: int) -> bool:
    """Page furniture, not prose: a photo counter ("2 / 2", "1/5"), a numeric date
    ("19-10-2024"), a number in a line with no words (a calendar row, a lone "26"), a
    list's marker ("1. Open the app"), a link to another story ("Related: ...", "Read
    more: ..."), a reading time."""
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    if (before is not None and before.text == "/") or (after is not None and after.text == "/"):
        return True
    if (
        after is not None
        and after.lower_ in _READING_UNITS
        and any(t.lower_ == "read" for t in doc[last + 2 : last + 4])
    ):
        return True  # "5 mins to read", "3 min read": the page's reading time
    text = doc_text(doc)
    start = doc[first].idx
    if _NUMERIC_DATE.match(text, start) or _NUMERIC_DATE.search(
        text[max(0, start - 6) : start + 8]
    ):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    end = doc[last].idx + len(doc[last])
    if not text[line_start:start].strip() and text[end : end + 2] in (". ", ".\n", ") ", ")\n"):
        return True  # "1. Open the app": a numbered list's marker
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    words = re.findall(r"[A-Za-z]{2,}", line)
    if len(words) < 2:
        return True
    return line.lstrip().startswith(tuple(lexicon()["furniture_openers"]))


def _score(doc: Doc, first: int, last: int, lex) -> bool:
    if last + 2 >= len(doc) or doc[last + 1].text not in ("-", "–") or not doc[last + 2].like_num:
        return False
    near = doc[max(0, first - 4) : min(len(doc), last + 6)]
    return any(t.lower_ in lex["score_words"] or t.lemma_ in lex["score_words"] for t in near)


def _root(doc: Doc, first: int, last: int) -> Token:
    span = range(first, last + 1)
    for token in doc[first : last + 1]:
        if token.head.i not in span or token.head.i == token.i:
            return token
    return doc[last]


def _partitive(token: Token) -> Token | None:
    """``X`` in "dozens of X", "36 of X", "half of X"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _counted_noun(
    doc: Doc, root: Token, first: int, last: int, timex: Timex | None
) -> Token | None:
    if timex is not None:  # a duration: the unit is what is counted ("42-day", "15 months")
        unit = next(
            (t for t in doc[last + 1 : last + 4] if t.idx < timex.end and t.pos_ == "NOUN"), None
        )
        return unit or (root.head if root.dep_ == "nummod" else None)
    shared = _noun_of_an_elided_demonym(root, last)
    if shared is not None:
        return shared
    head = root.head
    if (
        root.dep_ in ("nummod", "quantmod", "compound", "amod")
        and head.pos_ in ("NOUN", "PROPN")
        and (head.i > last or head.i < first)
    ):
        return head
    partitive = _partitive(root)
    if partitive is not None:
        return partitive
    misread = _noun_past_a_misread_participle(doc, root, last)
    if misread is not None:
        return misread
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        attribute = next((c for c in head.children if c.dep_ == "attr"), None)
        if attribute is not None and attribute.pos_ in ("NOUN", "PROPN"):
            return attribute  # "the other 333 were Gazans"
    return None


def _noun_of_an_elided_demonym(root: Token, last: int) -> Token | None:
    """ "the release of two Azerbaijani and thirty-two Armenian detainees": a count of a
    demonym whose noun is left to the phrase after it counts that noun (the parse hangs
    the count on the demonym, or joins it to the one before)."""
    demonym = root.head
    if root.dep_ not in ("nummod", "conj") or demonym.ent_type_ != "NORP":
        return None
    if root.dep_ == "nummod" and demonym.i != last + 1:
        return None
    noun = demonym.head
    if demonym.dep_ in ("nmod", "amod", "compound") and noun.pos_ == "NOUN" and noun.i > last:
        return noun
    return None


_HURT = {"wound", "injure", "wounded", "injured"}


def _noun_past_a_misread_participle(doc: Doc, root: Token, last: int) -> Token | None:
    """ "31 wounded Ukrainian prisoners were traded", "more than 700 detained Houthis
    were released": the parser makes the number the subject of the participle as a past
    tense; the count is of the people after it."""
    head = root.head
    participles = _HURT | set(lexicon()["detaining_verbs"])
    # "22 seriously wounded prisoners": an adverb may stand between
    adverb = (
        head.i == last + 2 and doc[last + 1].dep_ == "advmod" and doc[last + 1].head.i == head.i
    )
    if root.dep_ != "nsubj" or not (head.i == last + 1 or adverb):
        return None
    if head.lemma_.lower() not in participles or head.tag_ not in ("VBD", "VBN"):
        return None
    for token in doc[head.i + 1 : head.i + 5]:
        argument = token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")
        if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and argument):
            return token if argument else None
        if token.pos_ not in ("ADJ", "PROPN"):
            return None
    return None


def _qualify(doc: Doc, quantity: Quantity, lex: dict) -> None:
    """Take in the qualifier written before the number: "at least", "some", "nearly"."""
    table = lex["qualifiers"]
    prepositional = set(lex["prepositional_qualifiers"])
    start = quantity.first
    end = quantity.last + 1
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = doc[start - width : start]
        phrase = " ".join(t.lower_ for t in words)
        if phrase not in table:
            continue
        if width == 1 and phrase in prepositional and words[0].head.i not in range(start, end):
            continue  # "released over six weeks", "handed over eight": not the number's
        before = doc[start - 2] if start >= 2 else None
        if (
            width == 1
            and before is not None
            and before.lemma_.lower() in lex["particle_verbs"].get(phrase, ())
        ):
            continue  # "to hand over 25 abducted civilians", however the parse hangs it
        if phrase == "some" and quantity.value is None:
            continue
        quantity.qualifier = table[phrase]
        quantity.first = start - width
        break
    if quantity.qualifier is None or quantity.value is None:
        return
    margin = float(lex["approx_margin"])
    value = quantity.value
    bounds = {"value": value, "approx": None, None: None}
    low_rule, high_rule = lex["bounds"].get(quantity.qualifier, ["value", "value"])
    quantity.low = round(value * (1 - margin)) if low_rule == "approx" else bounds[low_rule]
    quantity.high = round(value * (1 + margin)) if high_rule == "approx" else bounds[high_rule]
