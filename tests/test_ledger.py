"""The ledger: an agreement spec and figure records in, promised against delivered out."""

import datetime as dt
import io
from pathlib import Path

import pytest

from trucewatch.ledger import SpecError, ledger, load_spec, parse_spec
from trucewatch.ledger.render import ledger_table

AGREEMENTS = Path(__file__).resolve().parent.parent / "examples" / "agreements"
SPEC = """\
id: riverland-2031
name: Riverland truce
parties: [Northmark, Riverland Front]
mediators: [Varenia]
phases:
  - name: First phase
    start: 2031-03-01
    days: 30
    obligations:
      - {id: captives, party: Riverland Front, what: hostages, quantity: 20}
      - {id: detainees, party: Northmark, what: prisoners, quantity: 300, approx: true}
  - name: Second phase
    start: null
"""


def claim(category, value, doc, doc_date, **fields):
    """A figure record as the store gives it (dates as ISO strings)."""
    return {
        "kind": "claim",
        "doc": doc,
        "doc_date": doc_date,
        "start": fields.pop("start", 0),
        "end": fields.pop("end", 1),
        "evidence": fields.pop("evidence", ""),
        "value": value,
        "low": fields.pop("low", None),
        "high": fields.pop("high", None),
        "qualifier": fields.pop("qualifier", None),
        "category": category,
        "subject": fields.pop("subject", None),
        "location": fields.pop("location", None),
        "source": fields.pop("source", None),
        "as_of": fields.pop("as_of", doc_date),
        "date": fields.pop("date", None),
        "modality": fields.pop("modality", "reported"),
        "cumulative": fields.pop("cumulative", False),
        **fields,
    }


def obligation(result, oid):
    return next(o for p in result["phases"] for o in p["obligations"] if o["id"] == oid)


def test_repeated_reports_of_one_exchange_count_once():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 3, "b", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 3, "c", "2031-03-03", date="2031-03-02"),
        claim("hostages_released", 4, "d", "2031-03-09", date="2031-03-08"),
    ]
    result = ledger(agreement, claims, dt.date(2031, 3, 10))
    row = obligation(result, "captives")
    assert row["delivered"] == {"best": 7, "low": 7, "high": 7}
    assert row["exchanges"] == 2
    assert row["reports"] == 4
    assert row["conflicts"] == []
    assert result["phases"][0]["day"] == 10
    assert result["phases"][0]["exchanges"]["count"] == 2


def test_latest_running_total_wins_and_later_exchanges_add_to_it():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 9, "b", "2031-03-12", cumulative=True, source="the army"),
        claim("hostages_released", 2, "c", "2031-03-15", date="2031-03-15"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 16)), "captives")
    assert row["delivered"]["best"] == 11
    assert row["sum_of_exchanges"] == 5
    # The one exchange on or before the total's day sums to 3, not 9: listed, not merged.
    [check] = [c for c in row["conflicts"] if c["kind"] == "sum_of_exchanges"]
    assert [v["value"] for v in check["values"]] == [9, 3]


def test_only_figures_known_by_the_as_of_date_count():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 4, "b", "2031-03-09", date="2031-03-08"),
    ]
    early = obligation(ledger(agreement, claims, dt.date(2031, 3, 5)), "captives")
    assert early["delivered"]["best"] == 3
    before = obligation(ledger(agreement, claims, dt.date(2031, 2, 1)), "captives")
    assert before["delivered"]["best"] is None
    assert before["status"] == "unknown"


def test_disagreeing_reports_of_one_exchange_are_listed_with_sources():
    agreement = parse_spec(SPEC)
    claims = [
        claim("prisoners_released", 90, "a", "2031-03-02", source="the prison service"),
        claim("prisoners_released", 90, "b", "2031-03-02", source="Varenian mediators"),
        claim("prisoners_released", 110, "c", "2031-03-02", source="the Front"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 2)), "detainees")
    assert row["delivered"]["best"] == 90
    [conflict] = row["conflicts"]
    assert conflict["kind"] == "exchange"
    assert {v["source"] for v in conflict["values"]} == {
        "the prison service",
        "Varenian mediators",
        "the Front",
    }


def test_approximate_figures_carry_their_bounds():
    agreement = parse_spec(SPEC)
    claims = [
        claim("prisoners_released", 100, "a", "2031-03-04", low=90, high=110, qualifier="some"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 4)), "detainees")
    assert row["delivered"] == {"best": 100, "low": 90, "high": 110}


@pytest.mark.parametrize(
    "delivered, as_of, expected",
    [
        (20, "2031-03-10", "complete"),
        (10, "2031-03-10", "on_track"),  # half delivered on day 10 of 30
        (2, "2031-03-20", "behind"),  # a tenth delivered two-thirds of the way through
        (12, "2031-04-05", "overdue"),  # the phase ended on 30 March
    ],
)
def test_status_rule(delivered, as_of, expected):
    agreement = parse_spec(SPEC)
    claims = [claim("hostages_released", delivered, "a", "2031-03-02", date="2031-03-02")]
    row = obligation(ledger(agreement, claims, dt.date.fromisoformat(as_of)), "captives")
    assert row["status"] == expected


def test_an_approximate_promise_is_met_at_95_percent():
    agreement = parse_spec(SPEC)
    claims = [claim("prisoners_released", 290, "a", "2031-03-02")]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "detainees")
    assert row["status"] == "complete"


def test_terms_that_differ_from_the_spec_are_flagged():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 20, "a", "2031-02-27", modality="term"),
        claim("hostages_released", 25, "b", "2031-02-28", modality="term", source="the Front"),
        claim("hostages_released", 3, "c", "2031-03-02", modality="projected"),
        claim("hostages_released", 4, "d", "2031-03-02", modality="term"),  # "four more are due"
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 2)), "captives")
    assert row["delivered"]["best"] is None  # terms and projections are not deliveries
    [flag] = row["conflicts"]
    assert flag["kind"] == "term"
    assert [v["value"] for v in flag["values"]] == [20, 25]


def test_competing_tolls_are_listed_by_source():
    agreement = parse_spec(SPEC)
    claims = [
        claim("killed", 1200, "a", "2031-03-01", source="the health ministry", location="Ostra"),
        claim("killed", 1250, "b", "2031-03-03", source="the health ministry", location="Ostra"),
        claim("killed", 800, "c", "2031-03-03", source="a UN tally", location="Ostra"),
    ]
    [toll] = ledger(agreement, claims, dt.date(2031, 3, 3))["figures"]
    assert toll["category"] == "killed"
    assert [(v["value"], v["source"]) for v in toll["values"]] == [
        (1250, "the health ministry"),
        (800, "a UN tally"),
    ]


def test_running_tolls_and_incident_counts_are_kept_apart():
    agreement = parse_spec(SPEC)
    claims = [
        claim("killed", 4600, "a", "2031-03-02", source="the health ministry", cumulative=True),
        claim("killed", 4100, "b", "2031-03-02", source="a UN tally", cumulative=True),
        claim("killed", 19, "c", "2031-03-03", source="the civil defence"),
        claim("killed", 2, "d", "2031-03-03", source="the army"),
    ]
    tolls = ledger(agreement, claims, dt.date(2031, 3, 3))["figures"]
    assert [(t["kind"], [v["value"] for v in t["values"]]) for t in tolls] == [
        ("running", [4600, 4100]),
        ("incident", [19, 2]),
    ]


def test_the_terminal_ledger_fits_80_columns_with_whole_headers():
    from rich.console import Console

    spec = SPEC.replace("{id: captives,", "{id: front-captives,")
    claims = [
        claim("hostages_released", 8, "a", "2031-03-02", date="2031-03-02"),
        claim("prisoners_released", 120, "a", "2031-03-02", date="2031-03-02", qualifier="some",
              low=108, high=132),
        claim("killed", 4600, "a", "2031-03-02", source="the health ministry", cumulative=True),
        claim("killed", 19, "c", "2031-03-03", source="the civil defence"),
        claim("killed", 4100, "b", "2031-03-02", source="a UN tally", cumulative=True),
    ]  # fmt: skip
    console = Console(width=80, record=True, file=io.StringIO())
    console.print(ledger_table(ledger(parse_spec(spec), claims, dt.date(2031, 3, 3))))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "obligation" in line)
    assert header.split() == ["obligation", "party", "delivered", "status", "reports", "conflicts"]
    assert any(line.startswith("front-captives") for line in lines)  # not cut short
    assert any("8 of 20" in line for line in lines)
    assert any("killed, running tolls by source: 4,600 by the health ministry" in line
               for line in lines)  # fmt: skip


def test_a_phase_without_a_start_is_unknown():
    agreement = parse_spec(SPEC)
    second = ledger(agreement, [], dt.date(2031, 3, 3))["phases"][1]
    assert second["start"] is None and second["day"] is None and second["days"] is None


def test_example_specs_load():
    gaza = load_spec(AGREEMENTS / "gaza-2025-phase1.yaml")
    assert gaza.parties == ["Israel", "Hamas"]
    first = gaza.phases[0]
    assert first.last_day == dt.date(2025, 3, 1)
    assert [(o.id, o.quantity, o.approx) for o in first.obligations] == [
        ("hostages", 33, False),
        ("prisoners", 1900, True),
    ]
    assert first.obligations[1].categories == ("prisoners_released",)
    assert load_spec(AGREEMENTS / "russia-ukraine-2025-1000-for-1000.yaml").phases[0].days == 3


@pytest.mark.parametrize(
    "text, message, line",
    [
        (SPEC.replace("days: 30", "days: thirty"), "phases.0.days", 8),
        (SPEC.replace("quantity: 20", "quantity: -2"), "phases.0.obligations.0.quantity", 10),
        (SPEC.replace("name: Riverland truce\n", ""), "name: Field required", None),
        (SPEC.replace("    days: 30", "    days: 30\n    end: 2031-05-01"), "disagree", 6),
        (SPEC.replace("mediators: [Varenia]", "mediators: [Varenia"), "not valid YAML", None),
        (SPEC + "colour: blue\n", "colour", 14),
    ],
)
def test_spec_errors_name_the_line_and_field(text, message, line):
    with pytest.raises(SpecError) as raised:
        parse_spec(text, "riverland.yaml")
    assert message in str(raised.value)
    if line:
        assert f"riverland.yaml:{line}:" in str(raised.value)


def test_missing_spec_file(tmp_path):
    with pytest.raises(SpecError, match="nope.yaml"):
        load_spec(tmp_path / "nope.yaml")


def test_two_agreeing_reports_outvote_one_and_wire_copies_vote_once():
    agreement = parse_spec(SPEC)
    day = {"date": "2031-03-02"}
    claims = [
        claim("hostages_released", 8, "a", "2031-03-02", **day),
        claim("hostages_released", 8, "b", "2031-03-02", **day),
        claim("hostages_released", 9, "c", "2031-03-02", **day),
        # three outlets running one wire story: one report
        claim("hostages_released", 9, "d", "2031-03-02", report="c", **day),
        claim("hostages_released", 9, "e", "2031-03-02", report="c", **day),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 8
    assert (row["support"], row["basis"]) == (2, "sum of 1 exchange(s)")
    assert row["dissent"] == [{"kind": "exchange", "date": "2031-03-02", "value": 9, "reports": 1}]


def test_rounded_figures_support_the_exact_one_they_round():
    agreement = parse_spec(SPEC)
    total = {"cumulative": True}
    claims = [
        claim("prisoners_released", 252, "a", "2031-03-05", **total),
        claim("prisoners_released", 252, "b", "2031-03-05", **total),
        # "more than 250", "about 250", "over 250": roundings of 252, not a rival figure
        claim("prisoners_released", 250, "c", "2031-03-05", low=250, qualifier="more than", **total),
        claim("prisoners_released", 250, "d", "2031-03-05", low=225, high=275, qualifier="around", **total),
        claim("prisoners_released", 250, "e", "2031-03-05", low=250, qualifier="more than", **total),
        # "nearly 200" holds no 252, and "more than 200" is too far from it to be its rounding
        claim("prisoners_released", 200, "f", "2031-03-05", low=180, high=200, qualifier="nearly", **total),
        claim("prisoners_released", 200, "g", "2031-03-05", low=200, qualifier="more than", **total),
    ]  # fmt: skip
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 6)), "detainees")
    assert row["delivered"]["best"] == 252
    assert row["support"] == 5
    assert [(d["value"], d["reports"]) for d in row["dissent"]] == [(200, 2)]


def test_a_running_total_never_goes_down():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 12, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 12, "b", "2031-03-05", cumulative=True),
        claim("hostages_released", 8, "c", "2031-03-07", cumulative=True),  # a stale figure
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 8)), "captives")
    assert row["delivered"]["best"] == 12
    assert row["basis"] == "running total of 2031-03-05"
    [decrease] = [c for c in row["conflicts"] if c["kind"] == "decrease"]
    assert [v["value"] for v in decrease["values"]] == [12, 8]


def test_a_report_s_smaller_totals_of_the_day_are_parts_of_its_largest():
    agreement = parse_spec(SPEC)
    claims = [
        # "the front has freed 16 captives in all ... a total of three were foreigners"
        claim("hostages_released", 16, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 3, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 3, "b", "2031-03-05", cumulative=True),  # a part too
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 6)), "captives")
    assert row["delivered"]["best"] == 16


def test_a_sentence_that_meets_a_whole_promise_sums_up_the_phase():
    agreement = parse_spec(SPEC)
    day = {"date": "2031-03-02"}
    recap = {"evidence_start": 100}
    claims = [
        claim("prisoners_released", 150, "a", "2031-03-02", **day),
        claim("prisoners_released", 150, "b", "2031-03-02", **day),
        # "the front has freed all 20 captives, and the army 310 prisoners" (one sentence)
        claim("hostages_released", 20, "c", "2031-03-20", **recap),
        claim("prisoners_released", 310, "c", "2031-03-20", **recap),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 21)), "detainees")
    assert row["delivered"]["best"] == 310  # a total to date, not 150 + 310


def test_one_report_s_total_past_the_promise_does_not_beat_more_that_agree():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 20, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 20, "b", "2031-03-05", cumulative=True),
        claim("hostages_released", 26, "c", "2031-03-06", cumulative=True),  # a garbled copy
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 7)), "captives")
    assert row["delivered"]["best"] == 20
    assert [c["kind"] for c in row["conflicts"]] == ["overshoot"]


def test_alike_exchanges_on_days_in_a_row_each_dated_are_two():
    agreement = parse_spec(SPEC)
    claims = [  # "150 freed on Saturday", then "a final 150 freed on Sunday"
        claim("prisoners_released", 150, "a", "2031-03-07", date="2031-03-07"),
        claim("prisoners_released", 150, "b", "2031-03-08", date="2031-03-08"),
        # a report of Saturday's release dated the next morning joins it
        claim("prisoners_released", 150, "c", "2031-03-08"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "detainees")
    assert row["delivered"]["best"] == 300


def test_another_batch_the_next_day_is_a_new_exchange_not_a_late_report():
    agreement = parse_spec(SPEC)
    claims = [  # "freed 30 prisoners", then, the next morning, "freed another 30"
        claim("prisoners_released", 30, "a", "2031-03-07"),
        claim("prisoners_released", 30, "b", "2031-03-08", increment=True),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "detainees")
    assert row["delivered"]["best"] == 60
    # the same figure the next morning, not said to be another, is the same release
    claims[1]["increment"] = False
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 9)), "detainees")
    assert row["delivered"]["best"] == 30


def test_a_lone_total_below_the_agreed_exchanges_is_outvoted():
    agreement = parse_spec(SPEC)
    day = {"date": "2031-03-02"}
    claims = [
        claim("hostages_released", 8, "a", "2031-03-02", **day),
        claim("hostages_released", 8, "b", "2031-03-02", **day),
        claim("hostages_released", 3, "c", "2031-03-02", cumulative=True),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 8
    # A total above the exchanges stands: some exchange may be missing from the reports.
    claims[2] = claim("hostages_released", 10, "c", "2031-03-02", cumulative=True)
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 10


def test_counts_added_together_count_once_as_their_total():
    from trucewatch.ledger.reconcile import _added_together

    part = {"doc": "a", "evidence_start": 0, "value": 270, "together": 390}
    other = {"doc": "a", "evidence_start": 0, "value": 120, "together": 390}
    alone = {"doc": "b", "evidence_start": 0, "value": 270, "together": None}
    [whole, kept] = _added_together([part, other, alone])
    assert whole["value"] == 390 and kept is alone


def test_a_total_with_people_freed_beside_the_deal_counts_only_the_parties_people():
    agreement = parse_spec(SPEC)
    day = {"date": "2031-03-02", "evidence_start": 0}
    claims = [  # "24 captives, which include 13 Northmarkers and 11 Ostlanders, were freed"
        claim("hostages_released", 24, "a", "2031-03-02", **day),
        claim("hostages_released", 13, "a", "2031-03-02", received_by=["Northmark"], **day),
        claim("hostages_released", 11, "a", "2031-03-02", received_by=["Ostland"], **day),
        # other outlets give the same 24 whole, one of them the next morning
        claim("hostages_released", 24, "b", "2031-03-02", **day),
        claim("hostages_released", 24, "c", "2031-03-03", evidence_start=0),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 13


def test_a_figure_dated_to_its_own_day_is_that_day_s_exchange_however_alike():
    agreement = parse_spec(SPEC)
    claims = [  # 13 freed on each of two days
        claim("hostages_released", 13, "a", "2031-03-02", date="2031-03-02"),
        # the first day's 13, reported the next morning without a day
        claim("hostages_released", 13, "b", "2031-03-03"),
        claim("hostages_released", 13, "c", "2031-03-03", date="2031-03-03"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 4)), "captives")
    assert row["delivered"]["best"] == 26


def test_a_total_stands_against_a_sum_one_of_whose_exchanges_one_report_tells():
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 3, "b", "2031-03-02", date="2031-03-02"),
        # one report's eight, foreign workers freed beside the deal among them
        claim("hostages_released", 8, "c", "2031-03-09", date="2031-03-09"),
        claim("hostages_released", 6, "d", "2031-03-10", cumulative=True),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 10)), "captives")
    assert row["delivered"]["best"] == 6


def test_a_party_called_by_its_role_is_that_party():
    agreement = parse_spec(
        """\
id: valley-swap
name: Valley swap
parties: [Jordan, Riverland Front]
phases:
  - name: Swap
    start: 2031-03-01
    days: 10
    obligations:
      - {id: by-jordan, party: Jordan, what: prisoners, quantity: 100}
      - {id: by-front, party: Riverland Front, what: prisoners, quantity: 20}
"""
    )
    day = {"date": "2031-03-02"}
    claims = [  # "the government freed 100 prisoners", "the militants freed 20"
        claim("prisoners_released", 100, "a", "2031-03-02", released_by=["government"], **day),
        claim("prisoners_released", 20, "b", "2031-03-02", released_by=["militants"], **day),
    ]
    result = ledger(agreement, claims, dt.date(2031, 3, 3))
    assert obligation(result, "by-jordan")["delivered"]["best"] == 100
    assert obligation(result, "by-front")["delivered"]["best"] == 20


def test_a_figure_below_the_known_total_is_no_later_total_however_it_overshoots():
    agreement = parse_spec(SPEC)
    claims = [  # "18 freed so far" (outlets counting foreigners too), then "four freed"
        claim("hostages_released", 18, "a", "2031-03-05", cumulative=True),
        claim("hostages_released", 18, "b", "2031-03-05", cumulative=True),
        claim("hostages_released", 4, "c", "2031-03-06", date="2031-03-06"),
        claim("hostages_released", 4, "d", "2031-03-06", date="2031-03-06"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 7)), "captives")
    # the four are the day's exchange, not a running total of four: the promise of 20
    # is passed, and the row says so rather than hide a release two reports agree on
    assert row["delivered"]["best"] == 22


LONG_PHASE = SPEC.replace("days: 30", "days: 60")


def test_a_figure_dated_by_an_earlier_month_is_that_month_s_exchange():
    """ "Two were released in March", in an April report: the exchange of 2 on 3 March
    again, not a second one on the month's last day."""
    claims = [
        claim("hostages_released", 2, "a", "2031-03-03", date="2031-03-03"),
        claim("hostages_released", 2, "b", "2031-03-03"),
        claim("hostages_released", 2, "c", "2031-04-12", as_of="2031-03-31", period=True),
    ]
    row = obligation(ledger(parse_spec(LONG_PHASE), claims, dt.date(2031, 4, 15)), "captives")
    assert (row["delivered"]["best"], row["exchanges"]) == (2, 1)


def test_a_month_dated_figure_with_no_exchange_of_its_month_is_one():
    claims = [claim("hostages_released", 2, "c", "2031-04-12", as_of="2031-03-31", period=True)]
    row = obligation(ledger(parse_spec(LONG_PHASE), claims, dt.date(2031, 4, 15)), "captives")
    assert (row["delivered"]["best"], row["exchanges"]) == (2, 1)


def test_a_statement_reprinted_the_next_day_is_the_same_release():
    """A statement dated by "last night" dates itself by each reprint's day."""
    said = "“We are thankful that three more hostages were released last night,” the charity said."
    at = said.index("three")
    quoted = {"evidence": said, "evidence_start": 0, "start": at, "end": at + 5}
    claims = [
        claim("hostages_released", 2, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 3, "b", "2031-03-06", date="2031-03-05", **quoted),
        claim("hostages_released", 3, "c", "2031-03-06", date="2031-03-05", **quoted),
        claim("hostages_released", 3, "d", "2031-03-07", date="2031-03-06", **quoted),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "captives")
    assert (row["delivered"]["best"], row["exchanges"]) == (5, 2)


def test_the_same_figure_in_other_words_a_day_later_is_a_new_exchange():
    claims = [
        claim("hostages_released", 3, "b", "2031-03-05", date="2031-03-05"),
        claim("hostages_released", 3, "c", "2031-03-06", date="2031-03-06"),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "captives")
    assert (row["delivered"]["best"], row["exchanges"]) == (6, 2)


def test_a_month_dated_figure_is_the_best_told_exchange_of_its_value():
    claims = [
        claim("hostages_released", 2, "a", "2031-03-03", date="2031-03-03"),
        claim("hostages_released", 2, "b", "2031-03-03"),
        claim("hostages_released", 2, "c", "2031-03-04"),
        claim("hostages_released", 2, "d", "2031-03-07", date="2031-03-07"),  # a lone report
        claim("hostages_released", 2, "e", "2031-04-12", as_of="2031-03-31", period=True),
    ]
    row = obligation(ledger(parse_spec(LONG_PHASE), claims, dt.date(2031, 4, 15)), "captives")
    assert (row["delivered"]["best"], row["exchanges"]) == (4, 2)


def test_between_two_reports_alike_the_precise_figure_is_the_count():
    """One report says 70, another 69: 70 is what a count of 69 rounds to."""
    claims = [
        claim("hostages_released", 10, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 9, "b", "2031-03-02", date="2031-03-02"),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "captives")
    assert row["delivered"]["best"] == 9


def test_the_figure_more_reports_give_still_wins_over_a_precise_one():
    claims = [
        claim("hostages_released", 10, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 10, "c", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 9, "b", "2031-03-02", date="2031-03-02"),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "captives")
    assert row["delivered"]["best"] == 10


def test_a_running_total_far_beyond_the_promise_counts_from_before_it():
    """ "Since the war began, 5,757 prisoners have been returned", in a report of a swap
    of 300: no delivery of this agreement, and shown as such."""
    claims = [
        claim("prisoners_released", 120, "a", "2031-03-02", date="2031-03-02"),
        claim("prisoners_released", 5757, "b", "2031-03-03", cumulative=True),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "detainees")
    assert row["delivered"]["best"] == 120
    assert [c["kind"] for c in row["conflicts"]] == ["beyond_promise"]


def test_one_exchange_far_beyond_the_promise_is_no_delivery():
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", date="2031-03-02"),
        claim("hostages_released", 1900, "b", "2031-03-04"),
    ]
    row = obligation(ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10)), "captives")
    assert row["delivered"]["best"] == 3
    assert [c["kind"] for c in row["conflicts"]] == ["beyond_promise"]


def test_another_release_beside_the_day_s_exchange_adds_to_it():
    """ "75 defenders came home in the swap, and another 22 outside it": a report giving
    the day's figure and another beside it tells two releases; reports giving 75 alone
    (or "each swapped 75", a total) are not against it."""
    agreement = parse_spec(SPEC)
    claims = [
        claim("prisoners_released", 75, "a", "2031-03-05", cumulative=True),
        claim("prisoners_released", 75, "b", "2031-03-05", cumulative=True),
        claim("prisoners_released", 75, "c", "2031-03-05"),
        claim("prisoners_released", 75, "d", "2031-03-05"),
        claim("prisoners_released", 22, "d", "2031-03-05", start=40, increment=True),
        claim("prisoners_released", 75, "e", "2031-03-05"),
        claim("prisoners_released", 22, "e", "2031-03-05", start=40, increment=True),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 6)), "detainees")
    assert row["delivered"]["best"] == 97


def test_an_additional_part_the_report_completes_is_no_release_of_its_own():
    """ "two coffins ... where the two additional ones received earlier are": of the four
    the report gives, two and two; not four and two more."""
    agreement = parse_spec(SPEC)
    claims = [
        claim("hostages_released", 4, "a", "2031-03-05"),
        claim("hostages_released", 2, "a", "2031-03-05", start=40, cumulative=True),
        claim("hostages_released", 2, "a", "2031-03-05", start=60, increment=True),
        claim("hostages_released", 4, "b", "2031-03-05"),
    ]
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 6)), "captives")
    assert row["delivered"]["best"] == 4


def test_a_day_s_count_of_the_party_s_people_and_foreigners_is_not_the_deal_s():
    """ "13 Northmark hostages and four foreigners" one day: the 17 other reports give
    that day count the foreigners freed beside the deal, and so does the total such a
    sentence brings the count to."""
    agreement = parse_spec(SPEC)
    day = {"date": "2031-03-02", "released_by": ["Riverland Front"]}
    claims = [
        claim("hostages_released", 13, "a", "2031-03-02", received_by=["Northmark"],
              evidence_start=0, **day),
        claim("hostages_released", 4, "a", "2031-03-02", subject="foreigners",
              evidence_start=0, **day),
        claim("hostages_released", 17, "b", "2031-03-02", increment=True, **day),
        claim("hostages_released", 17, "c", "2031-03-02", evidence_start=5, **day),
        claim("hostages_released", 30, "c", "2031-03-02", evidence_start=5, cumulative=True),
    ]  # fmt: skip
    row = obligation(ledger(agreement, claims, dt.date(2031, 3, 3)), "captives")
    assert row["delivered"]["best"] == 13


@pytest.mark.parametrize(
    ("what", "categories"),
    [("Palestinian prisoners", ("prisoners_released",)),
     ("soldier", ("prisoners_released",)),
     ("Ukrainian prisoners of war", ("prisoners_released",)),
     ("bodies of hostages", ("bodies_returned",)),
     ("kidnapped passengers", ("hostages_released",))],
)  # fmt: skip
def test_what_an_obligation_counts_is_read_as_users_write_it(what, categories):
    spec = SPEC.replace("what: prisoners, quantity: 300", f"what: {what}, quantity: 300")
    agreement = parse_spec(spec)
    assert agreement.phases[0].obligations[1].categories == categories


def test_a_what_that_names_nothing_counted_is_refused():
    with pytest.raises(SpecError, match="ceasefire days"):
        parse_spec(SPEC.replace("what: prisoners, quantity: 300", "what: ceasefire days"))


def test_a_figure_dated_only_by_a_month_begun_before_the_phase_is_not_the_phase_s():
    """ "Earlier this month the two sides swapped 205 each", in a report of the phase's
    second day, after a swap of 205 before the phase began."""
    claims = [
        claim("hostages_released", 5, "a", "2031-03-04", date="2031-03-04"),
        claim("hostages_released", 5, "b", "2031-03-12", as_of="2031-03-11", period=True),
        claim("hostages_released", 3, "c", "2031-03-12", date="2031-03-11"),
    ]
    mid_month = parse_spec(SPEC.replace("start: 2031-03-01", "start: 2031-03-10"))
    row = obligation(ledger(mid_month, claims, dt.date(2031, 3, 13)), "captives")
    assert row["delivered"]["best"] == 3


def test_an_undated_figure_takes_the_day_its_report_gives_the_other_side_s_release():
    swap = SPEC.replace("Riverland Front, what: hostages, quantity: 20", "Riverland Front, "
                        "what: prisoners, quantity: 300")  # fmt: skip
    claims = [  # "Another 40 Northmark soldiers came home on Sunday ... the Front said 40 of
        # its fighters had returned" (undated), in a report of Monday
        claim("prisoners_released", 40, "a", "2031-03-03", date="2031-03-02",
              received_by=["Northmark"]),
        claim("prisoners_released", 40, "a", "2031-03-03", received_by=["Riverland Front"]),
        claim("prisoners_released", 35, "b", "2031-03-03", date="2031-03-03",
              received_by=["Riverland Front"]),
        claim("prisoners_released", 35, "c", "2031-03-03", date="2031-03-03",
              received_by=["Riverland Front"]),
    ]  # fmt: skip
    row = obligation(ledger(parse_spec(swap), claims, dt.date(2031, 3, 4)), "detainees")
    assert (row["delivered"]["best"], row["exchanges"]) == (75, 2)


def test_a_party_s_people_counted_as_what_it_frees_itself_are_the_other_side_s_release():
    """ "Four Northmark soldiers were handed to the Red Cross": counted as prisoners (the
    word of what Northmark frees), they are the Front's captives, freed by the Front."""
    day = {"date": "2031-03-02"}
    claims = [
        claim("hostages_released", 3, "a", "2031-03-02", released_by=["Riverland Front"], **day),
        claim("prisoners_released", 4, "b", "2031-03-09", received_by=["Northmark"],
              date="2031-03-08"),
        claim("prisoners_released", 200, "b", "2031-03-09", released_by=["Northmark"],
              date="2031-03-08"),
    ]  # fmt: skip
    result = ledger(parse_spec(SPEC), claims, dt.date(2031, 3, 10))
    assert obligation(result, "captives")["delivered"]["best"] == 7
    assert obligation(result, "detainees")["delivered"]["best"] == 200


def test_a_party_s_people_are_its_state_s_demonyms_and_its_nationals():
    from trucewatch.ledger.spec import party_peoples

    swap = parse_spec(SPEC.replace("[Northmark, Riverland Front]", "[Armenia, Azerbaijan]")
                      .replace("party: Riverland Front", "party: Azerbaijan")
                      .replace("party: Northmark", "party: Armenia"))  # fmt: skip
    assert {"Armenian", "Armenians"} <= party_peoples(swap)["Armenia"]
    gaza = parse_spec(SPEC.replace("[Northmark, Riverland Front]", "[Israel, Hamas]")
                      .replace("party: Riverland Front", "party: Hamas")
                      .replace("party: Northmark", "party: Israel"))  # fmt: skip
    assert "Palestinians" in party_peoples(gaza)["Hamas"]
