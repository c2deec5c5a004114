"""The ledger follows an analyst's reviews: figures as the review store leaves them (each with
``review``), reconciled so that reviewed evidence has the last word."""

import datetime as dt

from test_ledger import SPEC, claim, obligation
from trucewatch.ledger import ledger, parse_spec

DAY = {"date": "2031-03-02"}


def test_a_confirmed_figure_wins_over_two_unreviewed_reports_that_disagree():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 8, "a", "2031-03-02", **DAY),
        claim("hostages_released", 8, "b", "2031-03-02", **DAY),
        claim("hostages_released", 9, "c", "2031-03-02", review="confirmed", **DAY),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 9
    assert row["reviewed"] == 1 and row["support"] == 1
    assert row["dissent"] == [{"kind": "exchange", "date": "2031-03-02", "value": 8, "reports": 2}]


def test_without_reviews_the_same_figures_go_by_the_votes():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 8, "a", "2031-03-02", **DAY),
        claim("hostages_released", 8, "b", "2031-03-02", **DAY),
        claim("hostages_released", 9, "c", "2031-03-02", **DAY),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 8 and row["reviewed"] == 0
    roles = {(e["doc"], e["role"]) for e in row["evidence"]}
    assert roles == {("a", "decides"), ("b", "decides"), ("c", "dissent")}


def test_a_reviewed_lower_running_total_stands_against_an_earlier_higher_one():
    agreement = parse_spec(SPEC)
    total = {"cumulative": True}
    claims = [
        claim("hostages_released", 12, "a", "2031-03-05", **total),
        claim("hostages_released", 12, "b", "2031-03-05", **total),
        claim("hostages_released", 10, "c", "2031-03-08", review="corrected", **total),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "captives")
    assert row["delivered"]["best"] == 10
    decrease = next(c for c in row["conflicts"] if c["kind"] == "decrease")
    assert [v["value"] for v in decrease["values"]] == [10, 12]  # the accepted one first


def test_a_reviewed_figure_is_not_taken_for_a_running_total():
    # 15 after a known total of 12 would overshoot 20: unreviewed, it is read as a
    # total whose sentence did not say so; confirmed as an exchange, it adds up.
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 12, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 15, "b", "2031-03-07", date="2031-03-07"),
    ]
    unreviewed = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "captives")
    assert unreviewed["delivered"]["best"] == 15
    claims[1]["review"] = "confirmed"
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "captives")
    assert row["delivered"]["best"] == 27


def test_a_figure_assigned_to_an_obligation_counts_for_it_whatever_its_category():
    agreement = parse_spec(SPEC)
    claims = [
        claim("prisoners_released", 40, "a", "2031-03-02", **DAY),
        # extracted as "killed", corrected by a reviewer to count for the detainees
        claim(
            "killed",
            25,
            "b",
            "2031-03-04",
            date="2031-03-04",
            obligation="detainees",
            review="corrected",
        ),  # fmt: skip
    ]
    result = ledger(agreement, claims, dt.date(2031, 3, 5))
    assert obligation(result, "detainees")["delivered"]["best"] == 65
    assert obligation(result, "captives")["delivered"]["best"] is None


def test_every_evidence_item_says_its_review_and_role():
    agreement = parse_spec(SPEC)
    claims = [claim("hostages_released", 4, "a", "2031-03-02", review="added", **DAY)]
    (item,) = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")["evidence"]
    assert item["review"] == "added"
    assert item["role"] == "decides" and item["weight"] == 4
