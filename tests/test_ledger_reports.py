"""The ledger on real reports: the seed alone, then the project's examples."""

import datetime as dt
from pathlib import Path

import pytest

from trucewatch import pipeline
from trucewatch.ledger import ledger_from_db, load_spec, timeline_from_db
from trucewatch.store import Database

pytestmark = pytest.mark.slow

AGREEMENTS = Path(__file__).resolve().parent.parent / "examples" / "agreements"
GAZA = AGREEMENTS / "gaza-2025-phase1.yaml"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_path):
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    with Database(url) as db:
        pipeline.ingest([str(seed_path)], db)
    return url


def obligation(result, oid):
    return next(o for p in result["phases"] for o in p["obligations"] if o["id"] == oid)


def test_seed_ledger_as_of_the_report_date(seed_db):
    with Database(seed_db) as db:
        result = ledger_from_db(load_spec(GAZA), db, dt.date(2025, 2, 4))
    first = result["phases"][0]
    assert (first["day"], first["days"]) == (17, 42)
    assert first["exchanges"]["count"] == 4
    hostages = obligation(result, "hostages")
    assert (hostages["delivered"]["best"], hostages["promised"]) == (18, 33)
    assert hostages["status"] == "on_track"
    prisoners = obligation(result, "prisoners")
    assert prisoners["delivered"]["best"] == 600
    assert prisoners["delivered"]["low"] < 600 < prisoners["delivered"]["high"]  # "some 600"
    assert (prisoners["promised"], prisoners["approx"]) == (1900, True)
    # The terms stated in the report (33; around 1,900) agree with the spec.
    assert not [c for o in first["obligations"] for c in o["conflicts"] if c["kind"] == "term"]
    # The war's running toll and one attack's dead are listed apart.
    tolls = {f["kind"]: f for f in result["figures"] if f["category"] == "killed"}
    sources = {v["source"]: v["value"] for v in tolls["running"]["values"]}
    assert sources == {"the Hamas-run territory’s health ministry": 47518}
    sources = {v["source"]: v["value"] for v in tolls["incident"]["values"]}
    assert sources["an AFP tally based on official Israeli figures"] == 1210
    second = result["phases"][1]
    assert second["start"] is None
    assert all(o["status"] == "unknown" for o in second["obligations"])


def test_seed_ledger_before_anything_was_reported(seed_db):
    with Database(seed_db) as db:
        result = ledger_from_db(load_spec(GAZA), db, dt.date(2025, 1, 25))
    assert obligation(result, "hostages")["delivered"]["best"] is None
    assert result["phases"][0]["day"] == 7


def test_seed_evidence_slices_the_stored_body(seed_db):
    with Database(seed_db) as db:
        result = ledger_from_db(load_spec(GAZA), db, dt.date(2025, 2, 4))
        [evidence] = obligation(result, "hostages")["evidence"]
        body = db.get_document(evidence["doc"])["body"]
    assert body[evidence["start"] : evidence["end"]].startswith("18")
    assert "18 hostages" in evidence["evidence"]


def test_seed_timeline_lists_the_figures(seed_db):
    with Database(seed_db) as db:
        entries = timeline_from_db(load_spec(GAZA), db, dt.date(2025, 2, 4))
    labels = {e["label"] for e in entries}
    assert {"running total", "toll"} <= labels
    assert all(e["date"] is None or e["date"] <= "2025-02-04" for e in entries)


# As the examples report them, by the ledger's rules (README, "Agreements and
# the ledger"): running totals where a report gives one, exchanges after it.
EXPECTED = {  # as of: (hostages delivered, prisoners delivered)
    "2025-01-20": (3, 90),  # first exchange, reported on the 19th and the 20th
    "2025-01-26": (7, 290),  # "Seven hostages have now been freed"; 90 + 200
    "2025-01-31": (15, 400),  # 7 + eight captives on the 30th; "released 400 prisoners"
    "2025-02-16": (19, 1100),  # "So far 19 ... more than 1,100"
    "2025-02-23": (25, 1100),  # 25 living returned; the prisoner release held back
    "2025-03-02": (25, 1800),  # "nearly 1,800" in all; the eight bodies are listed apart
}


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, examples_dir):
    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    with Database(url) as db:
        pipeline.ingest([str(examples_dir)], db)
    return url


def delivered(url, as_of):
    with Database(url) as db:
        result = ledger_from_db(load_spec(GAZA), db, dt.date.fromisoformat(as_of))
    return tuple(obligation(result, oid)["delivered"]["best"] for oid in ("hostages", "prisoners"))


@pytest.mark.parametrize("as_of, expected", EXPECTED.items())
def test_examples_ledger_by_exchange_date(examples_db, as_of, expected):
    assert delivered(examples_db, as_of) == expected


def test_a_report_repeating_an_exchange_changes_no_total(examples_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'repeat.db'}"
    repeat = Path(__file__).resolve().parent / "data" / "first-exchange-second-outlet.txt"
    with Database(url) as db:
        pipeline.ingest([str(examples_dir)], db)
        before = {d: delivered(url, d) for d in EXPECTED}
        pipeline.ingest([str(repeat)], db)
        after = {d: delivered(url, d) for d in EXPECTED}
    assert after == before == EXPECTED


def test_other_agreement_is_not_fed_by_gaza_reports(examples_db):
    with Database(examples_db) as db:
        spec = load_spec(AGREEMENTS / "russia-ukraine-2025-1000-for-1000.yaml")
        result = ledger_from_db(spec, db, dt.date(2025, 5, 25))
    for row in result["phases"][0]["obligations"]:
        assert row["delivered"]["best"] == 1000
        assert row["status"] == "complete"
        assert {e["doc"] for e in row["evidence"]} == {row["evidence"][0]["doc"]}


def test_a_spec_drafted_from_the_examples_recovers_the_gaza_agreement(examples_db):
    from trucewatch.ledger import draft_from_db, draft_yaml, parse_spec

    with Database(examples_db) as db:
        text = draft_yaml(draft_from_db(db))
    drafted = parse_spec(text, "draft.yaml")
    assert set(drafted.parties) == {"Israel", "Hamas"}
    assert {"Qatar", "Egypt", "United States"} <= set(drafted.mediators)
    phase = drafted.phases[0]
    assert (phase.start, phase.days) == (dt.date(2025, 1, 19), 42)
    terms = {o.what: (o.party, o.quantity, o.approx) for o in phase.obligations}
    assert terms == {"hostages": ("Hamas", 33, False), "prisoners": ("Israel", 1900, True)}
    # Every proposed value is followed by the evidence it came from.
    assert text.count("#   ") >= 2 + 3 + 2 + 2


def test_ledger_and_timeline_commands_print_tables(seed_db):
    from click.testing import CliRunner

    from trucewatch.cli import cli

    ledger = CliRunner().invoke(
        cli, ["ledger", str(GAZA), "--db", seed_db, "--as-of", "2025-02-04"], env={"COLUMNS": "200"}
    )
    assert ledger.exit_code == 0, ledger.output
    assert "day 17 of 42" in ledger.output and "on track" in ledger.output
    assert "health ministry" in ledger.output  # the tolls by source
    timeline = CliRunner().invoke(cli, ["timeline", str(GAZA), "--db", seed_db, "--json"])
    assert timeline.exit_code == 0 and timeline.output.strip()


DATA = Path(__file__).resolve().parent / "data"


def ledger_of(reports: str, as_of: str, url: str) -> dict:
    """The ledger of an invented report set (``tests/data/NAME``, spec ``NAME-2031.yaml``)."""
    with Database(url) as db:
        assert not pipeline.ingest([str(DATA / reports)], db).errors
        return ledger_from_db(
            load_spec(DATA / f"{reports}-2031.yaml"), db, dt.date.fromisoformat(as_of)
        )


@pytest.mark.parametrize(
    ("as_of", "each"), [("2031-06-12", None), ("2031-06-13", 200), ("2031-06-14", 350),
                        ("2031-06-15", 500)],
)  # fmt: skip
def test_a_three_day_swap_day_by_day(tmp_path, as_of, each):
    result = ledger_of("three-day-swap", as_of, f"sqlite:///{tmp_path / 'swap.db'}")
    for oid in ("southlanders-freed", "northmarkers-freed"):
        assert obligation(result, oid)["delivered"]["best"] == each


@pytest.mark.parametrize(
    ("as_of", "hostages", "prisoners"),
    [("2031-01-19", 3, 90), ("2031-01-25", 7, 290), ("2031-01-30", 10, 400),
     ("2031-02-23", 25, 400), ("2031-02-27", 33, 1800)],
)  # fmt: skip
def test_a_truce_phase_with_a_delay_and_workers_freed_beside_it(
    tmp_path, as_of, hostages, prisoners
):
    result = ledger_of("front-truce", as_of, f"sqlite:///{tmp_path / 'truce.db'}")
    assert obligation(result, "hostages")["delivered"]["best"] == hostages
    assert obligation(result, "prisoners")["delivered"]["best"] == prisoners


@pytest.mark.parametrize(
    ("as_of", "truce", "extension"),
    [("2031-05-11", (20, 60), (None, None)), ("2031-05-13", (40, 120), (None, None)),
     ("2031-05-14", (40, 120), (10, 30)), ("2031-05-16", (40, 120), (20, 60))],
)  # fmt: skip
def test_an_extension_s_running_totals_count_from_the_truce(tmp_path, as_of, truce, extension):
    result = ledger_of("harbour-truce", as_of, f"sqlite:///{tmp_path / 'harbour.db'}")
    for oid, expected in zip(("captives", "prisoners"), truce, strict=True):
        assert obligation(result, oid)["delivered"]["best"] == expected
    for oid, expected in zip(("captives-extension", "prisoners-extension"), extension, strict=True):
        assert obligation(result, oid)["delivered"]["best"] == expected


@pytest.mark.parametrize(
    ("as_of", "freed"),
    [("2031-03-02", 4), ("2031-03-05", 4), ("2031-03-16", 10), ("2031-03-17", 10),
     ("2031-04-05", 18), ("2031-04-06", 18)],
)  # fmt: skip
def test_a_kidnapping_freed_in_batches_by_captors_no_entity_names(db_url, as_of, freed):
    """The spec's party is "Bandits", which no report names as an entity: their reports
    are found by the word (full-text, both databases); a late report of a batch and a
    batch told in the perfect ("six have been released") add nothing."""
    result = ledger_of("bus-kidnap", as_of, db_url)
    assert obligation(result, "passengers-freed")["delivered"]["best"] == freed


@pytest.mark.parametrize(
    ("as_of", "days"),
    [("2031-07-04", (240, None, None)), ("2031-07-05", (240, 170, None)),
     ("2031-07-06", (240, 170, 90)), ("2031-07-08", (240, 170, 90))],
)  # fmt: skip
def test_a_swap_with_one_phase_a_day_keeps_each_day_to_its_phase(tmp_path, as_of, days):
    """A report of the morning after ("have exchanged 240 prisoners each") is the day
    before told late, not the next phase's release, nor a total to count it from."""
    result = ledger_of("swap-by-day", as_of, f"sqlite:///{tmp_path / 'by-day.db'}")
    for day, expected in enumerate(days, start=1):
        for side in ("southlanders", "northmarkers"):
            assert obligation(result, f"{side}-{day}")["delivered"]["best"] == expected


def test_a_truce_with_one_phase_per_exchange_keeps_each_exchange_to_its_phase(tmp_path):
    """ "Three more hostages were released, bringing the number freed to 15": three more
    meets the phase's promise of three, and is still that day's exchange, not a total."""
    result = ledger_of(
        "truce-by-exchange", "2031-02-02", f"sqlite:///{tmp_path / 'by-exchange.db'}"
    )
    delivered = [obligation(result, f"hostages-{n}")["delivered"]["best"] for n in (1, 2, 3, 4)]
    assert delivered == [3, 4, 3, 3]
    prisoners = [obligation(result, f"prisoners-{n}")["delivered"]["best"] for n in (1, 2, 3, 4)]
    assert prisoners == [90, 200, 110, 183]


@pytest.mark.parametrize(
    ("as_of", "each"), [("2031-05-24", 390), ("2031-05-25", 697), ("2031-05-26", 1000)]
)
def test_a_swap_told_the_next_day_by_each_side_of_its_own_people(tmp_path, as_of, each):
    """The swap of earlier in the month ("earlier this month ... 205 each") is none of
    this one; "Azerbaijan said on Saturday it had received 390 ... on Friday" is
    Friday's; "the Armenia-Azerbaijan swap" names both sides."""
    result = ledger_of("swap-told-next-day", as_of, f"sqlite:///{tmp_path / 'next-day.db'}")
    assert obligation(result, "armenia")["delivered"]["best"] == each
    assert obligation(result, "azerbaijan")["delivered"]["best"] == each


@pytest.mark.parametrize(
    ("as_of", "hostages", "prisoners", "bodies"),
    [("2031-01-20", 3, 90, None), ("2031-01-26", 7, 290, None), ("2031-01-31", 10, 400, None),
     ("2031-02-09", None, 766, None), ("2031-02-21", None, 1135, 4),
     ("2031-02-28", 25, 1800, 8)],
)  # fmt: skip
def test_a_truce_told_week_by_week(tmp_path, as_of, hostages, prisoners, bodies):
    """ "Four Israeli soldiers were handed to the Red Cross" counts as hostages freed,
    though the report calls no one a hostage. (Between 2 and 23 February the reports'
    own running total counts five Thai workers too, so those days are not pinned.)"""
    result = ledger_of("truce-weekly", as_of, f"sqlite:///{tmp_path / 'weekly.db'}")
    if hostages is not None:
        assert obligation(result, "hostages")["delivered"]["best"] == hostages
    assert obligation(result, "prisoners")["delivered"]["best"] == prisoners
    assert obligation(result, "bodies")["delivered"]["best"] == bodies


@pytest.mark.parametrize(
    ("as_of", "hostages", "prisoners"), [("2031-01-20", 3, 90), ("2031-01-25", 7, 290)]
)
def test_reports_that_name_the_sides_only_by_their_peoples_feed_the_ledger(
    tmp_path, as_of, hostages, prisoners
):
    """ "The Palestinian militant group freed three women": the report names no party,
    but a party's people; a live blog's "has handed four soldiers" is that moment's."""
    result = ledger_of("named-by-their-people", as_of, f"sqlite:///{tmp_path / 'peoples.db'}")
    assert obligation(result, "hostages")["delivered"]["best"] == hostages
    assert obligation(result, "prisoners")["delivered"]["best"] == prisoners


@pytest.mark.parametrize(("as_of", "second"), [("2031-04-10", 200), ("2031-04-11", 200)])
def test_groups_of_the_freed_taken_somewhere_are_parts_of_the_stage(tmp_path, as_of, second):
    result = ledger_of("swap-in-two-stages", as_of, f"sqlite:///{tmp_path / 'stages.db'}")
    assert obligation(result, "stage-one")["delivered"]["best"] == 300
    assert obligation(result, "stage-two")["delivered"]["best"] == second
