"""Time expressions resolved against the report's date (Tuesday 2025-02-04 unless said)."""

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from trucewatch.extract.timex import Timex, find_timexes, resolve, timex_for_token

TUESDAY = dt.date(2025, 2, 4)
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "text, kind, value, low, high",
    [
        # A bare weekday is the last such day on or before the report date.
        ("on Tuesday", "date", "2025-02-04", "2025-02-04", "2025-02-04"),
        ("Monday", "date", "2025-02-03", "2025-02-03", "2025-02-03"),
        ("Sunday", "date", "2025-02-02", "2025-02-02", "2025-02-02"),
        ("on Wednesday", "date", "2025-01-29", "2025-01-29", "2025-01-29"),
        ("last Monday", "date", "2025-02-03", "2025-02-03", "2025-02-03"),
        ("next Saturday", "date", "2025-02-08", "2025-02-08", "2025-02-08"),
        # A month and day: the occurrence nearest the report, either side.
        ("January 19", "date", "2025-01-19", "2025-01-19", "2025-01-19"),
        ("Jan. 19", "date", "2025-01-19", "2025-01-19", "2025-01-19"),
        ("March 2", "date", "2025-03-02", "2025-03-02", "2025-03-02"),
        ("May 16", "date", "2025-05-16", "2025-05-16", "2025-05-16"),
        ("October 7", "date", "2024-10-07", "2024-10-07", "2024-10-07"),
        ("October 7, 2023", "date", "2023-10-07", "2023-10-07", "2023-10-07"),
        ("yesterday", "date", "2025-02-03", "2025-02-03", "2025-02-03"),
        ("today", "date", "2025-02-04", "2025-02-04", "2025-02-04"),
        ("tonight", "date", "2025-02-04", "2025-02-04", "2025-02-04"),
        ("last month", "month", "2025-01", "2025-01-01", "2025-01-31"),
        ("early next month", "month", "2025-03", "2025-03-01", "2025-03-31"),
        ("in 2022", "year", "2022", "2022-01-01", "2022-12-31"),
        ("last year", "year", "2024", "2024-01-01", "2024-12-31"),
        # ISO weeks run Monday to Sunday.
        ("this week", "week", "2025-W06", "2025-02-03", "2025-02-09"),
        ("next week", "week", "2025-W07", "2025-02-10", "2025-02-16"),
        ("last week", "week", "2025-W05", "2025-01-27", "2025-02-02"),
        ("two months ago", "month", "2024-12", "2024-12-01", "2024-12-31"),
        # Parts of a unit have bounds but no single ISO value.
        ("later this week", "range", None, "2025-02-05", "2025-02-09"),
        ("earlier this month", "range", None, "2025-02-01", "2025-02-03"),
        ("the weekend", "range", None, "2025-02-01", "2025-02-02"),
        ("in recent months", "range", None, None, "2025-02-04"),
        ("the past two months", "range", None, "2024-12-04", "2025-02-04"),
        # Durations: ISO 8601, no bounds.
        ("42-day", "duration", "P42D", None, None),
        ("42 days", "duration", "P42D", None, None),
        ("15 months", "duration", "P15M", None, None),
        ("nearly three hours", "duration", "PT3H", None, None),
        ("4 a.m.", "time", "T04:00", None, None),
        ("Hours before", "time", None, None, None),
        # Anchored in the story, not the report: never guessed.
        ("the same day", "date", None, None, None),
        ("two days later", "date", None, None, None),
    ],
)
def test_expressions_resolve_against_the_report_date(text, kind, value, low, high):
    timex = resolve(text, TUESDAY)
    assert (timex.kind, timex.value) == (kind, value)
    assert (timex.low, timex.high) == (low and D(low), high and D(high))
    assert (timex.start, timex.end, timex.text) == (0, len(text), text)


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("more than 15 months", "more than"),
        ("at least 48 hours", "at least"),
        ("nearly three hours", "nearly"),
        ("about a decade", "about"),
        ("over six weeks", "over"),
        ("over the weekend", None),  # a preposition here, not a quantity
        ("around April 20", "around"),
        ("Sunday afternoon", "afternoon"),
    ],
)
def test_qualifiers_are_kept_apart_from_the_value(text, qualifier):
    assert resolve(text, TUESDAY).qualifier == qualifier
    assert resolve("more than 15 months", TUESDAY).value == "P15M"


@pytest.mark.parametrize(
    "text, past, future",
    [
        ("Saturday", "2025-02-01", "2025-02-08"),
        ("Tuesday", "2025-02-04", "2025-02-04"),
        ("Wednesday", "2025-01-29", "2025-02-05"),
        ("the weekend", "2025-02-01", "2025-02-08"),
    ],
)
def test_looking_ahead_turns_a_weekday_forward(text, past, future):
    assert resolve(text, TUESDAY).low == D(past)
    assert resolve(text, TUESDAY, tense="past").low == D(past)
    assert resolve(text, TUESDAY, tense="future").low == D(future)


def test_without_a_reference_only_written_years_resolve():
    assert resolve("January 19, 2025", None).date == D("2025-01-19")
    assert resolve("in 2022", None).value == "2022"
    assert resolve("42-day", None).value == "P42D"
    for relative in ["Monday", "January 19", "last month", "later this week", "yesterday"]:
        timex = resolve(relative, None)
        assert timex.value is None and timex.low is None, relative


def test_dates_over_six_months_away_and_ambiguous_numbers_are_not_guessed():
    assert resolve("February 29", TUESDAY).value is None  # the nearest is 2024
    assert resolve("01/02/2025", TUESDAY) is None  # January 2 or February 1?
    assert resolve("2025-13-01", TUESDAY) is None


def test_dateparser_reads_the_formats_the_rules_do_not():
    pytest.importorskip("dateparser")
    assert resolve("19/01/2025", TUESDAY).date == D("2025-01-19")
    assert resolve("we", TUESDAY) is None  # never handed to dateparser, which says Wednesday


@pytest.mark.parametrize("text", ["52-year-old", "four years old", "24", "19 or 20", "daily"])
def test_ages_numbers_and_frequencies_are_not_time_expressions(text):
    assert resolve(text, TUESDAY) is None


def test_date_is_the_single_day_of_a_date_only():
    assert resolve("Monday", TUESDAY).date == D("2025-02-03")
    assert resolve("last month", TUESDAY).date is None
    assert resolve("the same day", TUESDAY).date is None


def test_resolve_is_cached():
    assert resolve("March 2", TUESDAY) is resolve("March 2", TUESDAY)
    assert resolve("Saturday", TUESDAY, tense="future") != resolve("Saturday", TUESDAY)


REPORT = (
    "Velmoran officials said Sunday that talks with the Brenic Liberation Front would "
    "resume later this week.\n\n"
    "The 42-day truce took effect on January 19, after more than 15 months of fighting. "
    "Envoys met in Karsk on Monday and will meet again on Saturday.\n\n"
    "Hours before the meeting, the army said it had pulled back two kilometres last month. "
    "Tarik Osvaldi, 52, said the ceasefire must hold every day."
)


def test_a_report_yields_its_time_expressions_with_exact_offsets(nlp):
    doc = nlp(REPORT)
    timexes = find_timexes(doc, TUESDAY)
    for timex in timexes:
        assert isinstance(timex, Timex)
        assert doc.text[timex.start : timex.end] == timex.text
    found = {t.text: (t.kind, t.value) for t in timexes}
    assert found == {
        "Sunday": ("date", "2025-02-02"),
        "later this week": ("range", None),
        "42-day": ("duration", "P42D"),
        "January 19": ("date", "2025-01-19"),
        "more than 15 months": ("duration", "P15M"),
        "Monday": ("date", "2025-02-03"),
        "Saturday": ("date", "2025-02-08"),  # "will meet": the coming Saturday
        "Hours": ("time", None),
        "last month": ("month", "2025-01"),
    }  # not the age "52", not the frequency "every day"


def test_a_verb_is_dated_by_the_expression_the_parse_attaches_to_it(nlp):
    doc = nlp(REPORT)
    find_timexes(doc, TUESDAY)

    def dated(verb: str, nth: int = 0) -> Timex | None:
        token = [t for t in doc if t.text == verb][nth]
        return timex_for_token(doc, token)

    said = dated("said")
    assert (said.text, said.date) == ("Sunday", D("2025-02-02"))  # "said Sunday": npadvmod
    assert dated("met").date == D("2025-02-03")  # "met ... on Monday": prep + pobj
    assert dated("meet").date == D("2025-02-08")
    assert dated("pulled").value == "2025-01"  # "last month": npadvmod
    assert dated("took").text == "January 19"
    assert dated("fighting") is None
    sentence = next(doc.sents)
    assert timex_for_token(sentence, sentence[2]).text == "Sunday"  # within a sentence span


def test_what_ner_misses_is_found_by_pattern(nlp):
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(REPORT)
    assert not doc.ents
    found = {t.text: t.value for t in find_timexes(doc, TUESDAY)}
    assert found["42-day"] == "P42D"
    assert found["Sunday"] == "2025-02-02"
    assert found["later this week"] is None
    assert found["more than 15 months"] == "P15M"
    assert "52" not in found


def test_the_seed_report(nlp, seed_path):
    from trucewatch.ingest.documents import RawReport, make_document

    document = make_document(RawReport(text=seed_path.read_text("utf-8"), origin=seed_path.name))
    doc = nlp(document.body)
    found = {(t.text, t.value) for t in find_timexes(doc, document.date)}
    for expected in [
        ("Tuesday", "2025-02-04"),
        ("last month", "2025-01"),
        ("later this week", None),
        ("January 19", "2025-01-19"),
        ("more than 15 months", "P15M"),
        ("Monday", "2025-02-03"),
        ("Sunday", "2025-02-02"),
        ("42-day", "P42D"),
    ]:
        assert expected in found, expected
    said = next(t for t in doc if t.text == "said" and doc[t.i + 1].text == "Sunday")
    assert timex_for_token(doc, said).date == D("2025-02-02")


def _timex_eval():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "timex_eval.py"
    spec = importlib.util.spec_from_file_location("timex_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_accuracy_beats_dateparser_alone():
    pytest.importorskip("dateparser")
    result = _timex_eval().evaluate()
    ours = result["systems"]["trucewatch"]["accuracy"]
    assert result["cases"] >= 60
    assert ours >= 0.95, result["misses"]
    assert ours > result["systems"]["dateparser (current_period)"]["accuracy"]
