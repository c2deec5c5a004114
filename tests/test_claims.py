"""Numeric claims: the seed's expectations (issue 4, item 7) and number forms (item 3).

Apart from the seed, the reports are invented, with invented places and people.
"""

import datetime as dt

import pytest

from trucewatch.extract import extract
from trucewatch.ingest.documents import RawReport, make_document


def claims(nlp, text):
    document = make_document(RawReport(text=text, origin="t.txt"))
    records = [r for r in extract(document, nlp(document.body)) if r.kind == "claim"]
    for r in records:
        assert document.body[r.start : r.end], r
        assert document.body[r.evidence_start : r.evidence_end] == r.evidence
    return records, document.body


def find(records, body, fragment):
    matches = [r for r in records if fragment in body[r.start : r.end]]
    assert matches, f"no claim on {fragment!r}: {[body[r.start : r.end] for r in records]}"
    return matches[0]


def report(text, date="2025-03-12"):  # a Wednesday
    return f" date {date} LORENZA: {text}"


@pytest.fixture(scope="module")
def seed(nlp, seed_path):
    return claims(nlp, seed_path.read_text("utf-8"))


# ---------------------------------------------------------------- the seed


def test_seed_death_tolls_are_both_kept_each_with_its_source(seed):
    records, body = seed
    ministry = find(records, body, "47,518")
    assert (ministry.value, ministry.low, ministry.high) == (47518, 47518, None)
    assert ministry.qualifier == "at least"
    assert ministry.category == "killed" and ministry.modality == "reported"
    assert "health ministry" in ministry.source
    assert ministry.as_of == dt.date(2025, 2, 4)
    tally = find(records, body, "1,210")
    assert (tally.value, tally.category) == (1210, "killed")
    assert tally.source == "an AFP tally based on official Israeli figures"


def test_seed_terms_of_the_agreement(seed):
    records, body = seed
    hostages = find(records, body, "33 hostages")
    assert (hostages.value, hostages.category, hostages.modality) == (
        33,
        "hostages_released",
        "term",
    )
    prisoners = find(records, body, "1,900")
    assert (prisoners.value, prisoners.qualifier) == (1900, "around")
    assert prisoners.low < 1900 < prisoners.high
    assert (prisoners.category, prisoners.modality) == ("prisoners_released", "term")


def test_seed_releases_so_far_are_reported_running_totals(seed):
    records, body = seed
    for fragment, value, category in [
        ("18 hostages", 18, "hostages_released"),
        ("600", 600, "prisoners_released"),
        ("Four", 4, "exchanges"),
    ]:
        claim = find(records, body, fragment)
        assert (claim.value, claim.category, claim.modality) == (value, category, "reported")
        assert claim.cumulative, fragment
    assert find(records, body, "600").qualifier == "some"


def test_seed_two_soldiers_killed_on_tuesday_in_tayasir(seed):
    records, body = seed
    soldiers = find(records, body, "two Israeli soldiers")
    assert (soldiers.value, soldiers.category) == (2, "killed")
    assert soldiers.date == dt.date(2025, 2, 4)
    assert soldiers.location == "Tayasir"
    assert soldiers.source == "the Israeli army"


def test_seed_durations(seed):
    records, body = seed
    phase = find(records, body, "42-day")
    assert (phase.value, phase.category) == (42, "duration")
    fighting = find(records, body, "15 months")
    assert (fighting.value, fighting.qualifier, fighting.category) == (15, "more than", "duration")


def test_seed_father_of_six_counts_nothing_the_ledger_tracks(seed):
    records, body = seed
    six = next(r for r in records if body[r.start : r.end] == "six")
    assert six.category == "other"


# ---------------------------------------------------------------- number forms


@pytest.mark.parametrize(
    "sentence, fragment, value, low, high, qualifier",
    [
        ("Shelling killed 1,204 people in Velmora.", "1,204", 1204, 1204, 1204, None),
        ("Fifteen soldiers were killed near Karsk.", "Fifteen", 15, 15, 15, None),
        (
            "The floods displaced 1.2 million people.",
            "1.2 million",
            1_200_000,
            1_200_000,
            1_200_000,
            None,
        ),
        ("Rebels freed twenty-five captives.", "twenty-five", 25, 25, 25, None),
        ("Some 500 people fled.", "500", 500, 450, 550, "some"),
        ("More than a dozen people were killed.", "dozen", 12, 12, None, "more than"),
        ("Up to 40 trucks entered Velmora.", "40", 40, None, 40, "up to"),
        ("Nearly 300 people were wounded.", "300", 300, 270, 300, "nearly"),
        ("Between 30 and 40 soldiers were killed.", "30 and 40", None, 30, 40, None),
        ("Dozens of people were wounded in Karsk.", "Dozens", None, 24, 99, None),
        (
            "Tens of thousands of people fled Velmora.",
            "Tens of thousands",
            None,
            20000,
            99999,
            None,
        ),
        ("Half of the captives were freed.", "Half", 0.5, None, None, "fraction"),
    ],
)
def test_number_forms(nlp, sentence, fragment, value, low, high, qualifier):
    records, body = claims(nlp, report(sentence))
    claim = find(records, body, fragment)
    assert (claim.value, claim.low, claim.high, claim.qualifier) == (value, low, high, qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "The truce began in 2023 after talks in Velmora.",  # a year
        "The truce began on March 3 in Velmora.",  # a date
        "The truce began at 4 a.m. in Velmora.",  # a clock time
        "The talks resumed at 11:30 in Velmora.",  # a clock time
        "The fourth exchange took place in Velmora.",  # an ordinal
        "Dalibor Ennis, 52, a teacher, was among them.",  # an age
        "A 34-year-old nurse spoke to reporters.",  # an age
        "Call the hotline on +44 20 7946 0958 for details.",  # a phone number
        "Karsk United beat Velmora 3-1 on the day the truce began.",  # a score
        "The council cited Resolution 2334 and reopened Route 60 to Velmora.",  # names
    ],
)
def test_what_is_not_a_claim(nlp, sentence):
    records, body = claims(nlp, report(sentence))
    assert not records, [body[r.start : r.end] for r in records]


# ---------------------------------------------------------------- what, by whom, how


@pytest.mark.parametrize(
    "sentence, fragment, category",
    [
        ("Rebels freed 12 hostages in Karsk.", "12", "hostages_released"),
        ("The army released 80 detainees from Velmora prison.", "80", "prisoners_released"),
        ("Militants still hold 45 hostages in the hills.", "45", "hostages_held"),
        ("An air strike killed 9 civilians in Karsk.", "9", "killed"),
        ("The blast injured 14 people.", "14", "wounded"),
        ("The fighting displaced 5,000 people.", "5,000", "displaced"),
        ("Some 220 aid trucks crossed into Velmora.", "220", "aid_trucks"),
        ("Three exchanges have taken place.", "Three", "exchanges"),
        ("The river is 40 metres wide.", "40", "other"),
    ],
)
def test_categories(nlp, sentence, fragment, category):
    records, body = claims(nlp, report(sentence))
    assert find(records, body, fragment).category == category


@pytest.mark.parametrize(
    "sentence, fragment, modality",
    [
        ("Under the deal, the rebels were to free 20 hostages.", "20", "term"),
        ("The rebels agreed to free 20 hostages.", "20", "term"),
        ("The army is expected to release 50 prisoners on Friday.", "50", "projected"),
        ("The army did not release 50 prisoners.", "50", "negated"),
        ("The army released 50 prisoners.", "50", "reported"),
    ],
)
def test_modality(nlp, sentence, fragment, modality):
    records, body = claims(nlp, report(sentence))
    assert find(records, body, fragment).modality == modality


def test_running_totals(nlp):
    records, body = claims(
        nlp,
        report(
            "So far 41 hostages have been freed. The army released 12 prisoners on Monday. "
            "In total, 300 people have been killed in Karsk."
        ),
    )
    assert find(records, body, "41").cumulative
    assert not find(records, body, "12").cumulative
    assert find(records, body, "300").cumulative


def test_source_date_and_place(nlp):
    records, body = claims(
        nlp,
        report(
            "Shelling killed at least 17 civilians in Karsk on Monday, according to the "
            "regional health office. The rebels said they freed 6 hostages on Tuesday."
        ),
    )
    shelling = find(records, body, "17")
    assert shelling.source == "the regional health office"
    assert shelling.date == dt.date(2025, 3, 10)
    assert shelling.as_of == dt.date(2025, 3, 12)
    assert shelling.location == "Karsk"
    freed = find(records, body, "6 hostages")
    assert freed.source == "The rebels"
    assert freed.date == dt.date(2025, 3, 11)


def test_conflicting_figures_are_kept_side_by_side(nlp):
    records, body = claims(
        nlp,
        report(
            "The army said 40 fighters were killed in Karsk. The rebels said only 12 of "
            "their fighters were killed."
        ),
    )
    figures = {(r.value, r.source) for r in records if r.category == "killed"}
    assert figures == {(40, "The army"), (12, "The rebels")}


def test_unattributed_figures_have_no_source(nlp):
    records, body = claims(nlp, report("The rebels freed 9 hostages in Karsk."))
    assert find(records, body, "9").source is None


def test_a_report_from_an_invented_conflict(nlp):
    records, body = claims(
        nlp,
        " date 2026-06-10 MARENTA: Clashes near Osmir killed at least 14 people and wounded "
        "dozens, the regional hospital said. Under the agreement, each side is to free another "
        "200 detainees by the end of the month, and 60 aid trucks are expected on Friday.",
    )
    killed = find(records, body, "14")
    assert (killed.category, killed.location, killed.source) == (
        "killed",
        "Osmir",
        "the regional hospital",
    )
    wounded = find(records, body, "dozens")
    assert (wounded.category, wounded.value, wounded.low) == ("wounded", None, 24)
    detainees = find(records, body, "200")
    assert (detainees.category, detainees.modality) == ("prisoners_released", "term")
    trucks = find(records, body, "60")
    assert (trucks.category, trucks.modality) == ("aid_trucks", "projected")


# ---------------------------------------------------------------- who holds whom, totals


def test_two_sides_coordinated_in_one_release(nlp):
    records, body = claims(
        nlp,
        report(
            "The second exchange took place on Wednesday. Eight soldiers and 120 detainees "
            "were returned to their families. This brings the total released since the "
            "agreement took effect to 20 soldiers and 270 detainees."
        ),
    )
    # The detainees are the prisoners; the soldiers set against them are the captives.
    assert find(records, body, "Eight soldiers").category == "hostages_released"
    assert find(records, body, "120 detainees").category == "prisoners_released"
    total = find(records, body, "20 soldiers")
    assert (total.category, total.cumulative) == ("hostages_released", True)
    assert find(records, body, "270 detainees").category == "prisoners_released"


def test_a_tally_counts_what_its_total_counts(nlp):
    records, body = claims(nlp, report("The rebels put the number of their dead at 3,400."))
    assert find(records, body, "3,400").category == "killed"


def test_driven_from_their_homes_is_displaced(nlp):
    records, body = claims(
        nlp,
        report(
            "The fighting has killed more than 8,200 people and has driven about 1.1 million "
            "from their homes, the U.N. refugee agency said."
        ),
    )
    assert find(records, body, "8,200").category == "killed"
    assert find(records, body, "1.1 million").category == "displaced"


def test_a_negated_predicate_of_the_counted_is_no_negated_count(nlp):
    records, body = claims(
        nlp,
        report(
            "Nearly two thirds of households do not have enough to eat. "
            "The 33 hostages were not freed on Saturday."
        ),
    )
    assert find(records, body, "two thirds").modality == "reported"
    assert find(records, body, "33 hostages").modality == "negated"


def test_wire_phrasings_from_the_second_held_out_set(nlp):
    records, body = claims(
        nlp,
        report(
            "Under the accord the militia was to hand over 25 abducted civilians. The death "
            "toll from nine months of fighting has risen to nearly 6,000, the ministry said. "
            "This week 62 trucks entered Corran, against 90 planned."
        ),
    )
    assert (
        find(records, body, "25 abducted civilians").qualifier is None
    )  # "hand over" is no "over 25"
    toll = find(records, body, "6,000")
    assert (toll.category, toll.qualifier) == ("killed", "nearly")
    assert find(records, body, "62 trucks").modality == "reported"
    assert find(records, body, "90").modality == "projected"
