"""An invented conflict end to end: invented states, groups, places and people, the
whole path from reports to the ledger, with nothing in the lexicons about them."""

import datetime as dt
from pathlib import Path

import pytest

from trucewatch import pipeline
from trucewatch.ledger import draft_from_db, draft_from_files, ledger_from_db, load_spec, parse_spec
from trucewatch.ledger.draft import draft_yaml
from trucewatch.store import Database

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data"
REPORTS = DATA / "riverland"
SPEC = DATA / "riverland-2031.yaml"


def ingested(tmp_path_factory, folder: Path) -> str:
    """A new database holding the reports in ``folder``, all read without an error."""
    url = f"sqlite:///{tmp_path_factory.mktemp(folder.name) / 'reports.db'}"
    with Database(url) as db:
        assert not pipeline.ingest([str(folder)], db).errors
    return url


@pytest.fixture(scope="module")
def riverland_db(tmp_path_factory):
    return ingested(tmp_path_factory, REPORTS)


def test_ledger_of_an_invented_truce(riverland_db):
    with Database(riverland_db) as db:
        result = ledger_from_db(load_spec(SPEC), db, dt.date(2031, 3, 10))
    phase = result["phases"][0]
    assert (phase["day"], phase["days"]) == (10, 30)
    assert phase["exchanges"]["count"] == 2
    rows = {o["id"]: o for o in phase["obligations"]}
    # 4 + 5 freed, "nine captives have been freed so far"; a second outlet's report
    # of the second exchange is counted once.
    assert rows["captives"]["delivered"]["best"] == 9
    assert rows["captives"]["status"] == "on_track"
    assert rows["detainees"]["delivered"]["best"] == 135  # 60 + 75
    assert rows["detainees"]["status"] == "on_track"


def test_a_spec_drafted_from_the_invented_reports():
    text = draft_yaml(draft_from_files([str(REPORTS)]))
    drafted = parse_spec(text)
    assert drafted.parties == ["Northmark", "Riverland Front"]
    assert drafted.mediators == ["Varenia"]
    phase = drafted.phases[0]
    assert (phase.start, phase.days) == (dt.date(2031, 3, 1), 30)
    terms = {o.what: (o.party, o.quantity, o.approx) for o in phase.obligations}
    assert terms["hostages"] == ("Riverland Front", 20, False)
    assert terms["prisoners"] == ("Northmark", 300, True)


HELD_OUT = DATA / "heldout"
HELD_OUT_SPEC = DATA / "orvania-2030.yaml"


@pytest.fixture(scope="module")
def orvania_db(tmp_path_factory):
    return ingested(tmp_path_factory, HELD_OUT)


@pytest.mark.parametrize(
    ("as_of", "soldiers", "detainees"),
    [("2030-03-16", 12, 150), ("2030-03-21", 20, 270), ("2030-04-02", 20, 270)],
)
def test_ledger_of_the_held_out_reports(orvania_db, as_of, soldiers, detainees):
    """Four outlets' styles no rule was written from: a wire, a live blog, a monitoring
    mission's statement and an analysis. Soldiers held by a rebel army are its captives,
    and the government's detainees its prisoners, though no sentence says "hostage"."""
    with Database(orvania_db) as db:
        result = ledger_from_db(load_spec(HELD_OUT_SPEC), db, dt.date.fromisoformat(as_of))
    rows = {o["id"]: o for o in result["phases"][0]["obligations"]}
    assert rows["soldiers"]["delivered"]["best"] == soldiers
    assert rows["detainees"]["delivered"]["best"] == detainees
    assert {rows["soldiers"]["status"], rows["detainees"]["status"]} == {"on_track"}


def test_a_spec_drafted_from_the_held_out_reports(orvania_db):
    with Database(orvania_db) as db:
        drafted = parse_spec(draft_yaml(draft_from_db(db)))
    assert drafted.parties == ["Orvania", "Eastern Banner Army"]
    assert drafted.mediators == ["Saldor", "Lakes Union"]
    phase = drafted.phases[0]
    assert (phase.start, phase.days) == (dt.date(2030, 3, 12), 60)
    assert sorted(o.quantity for o in phase.obligations) == [40, 450]
