"""An invented conflict end to end: invented states, groups, places and people, the
whole path from reports to the ledger, with nothing in the lexicons about them."""

import datetime as dt
from pathlib import Path

import pytest

from trucewatch import pipeline
from trucewatch.ledger import draft_from_files, ledger_from_db, load_spec, parse_spec
from trucewatch.ledger.draft import draft_yaml
from trucewatch.store import Database

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data"
REPORTS = DATA / "riverland"
SPEC = DATA / "riverland-2031.yaml"


@pytest.fixture(scope="module")
def riverland_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('riverland') / 'riverland.db'}"
    with Database(url) as db:
        assert not pipeline.ingest([str(REPORTS)], db).errors
    return url


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
