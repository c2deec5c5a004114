"""Re-extraction after an upgrade: stored reports read again from the database."""

import shutil

import pytest
from sqlalchemy import func, select, update

from trucewatch import pipeline
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES, events, incidents, runs

pytestmark = pytest.mark.postgres

REPORTS = (
    "002_gaza-first-exchange.txt",
    "003_gaza-four-soldiers-freed.txt",
    "014_netanyahu-trump-white-house.txt",
)


@pytest.fixture
def reports(examples_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in REPORTS:
        shutil.copy(examples_dir / name, folder / name)
    return folder


def record_counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        counts = {
            kind: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for kind, t in RECORD_TABLES.items()
        }
        counts["incidents"] = conn.execute(select(func.count()).select_from(incidents)).scalar_one()
        counts["orphan incidents"] = conn.execute(
            select(func.count())
            .select_from(incidents)
            .where(~select(events.c.id).where(events.c.incident_id == incidents.c.id).exists())
        ).scalar_one()
    return counts


def test_reports_an_older_extractor_read_are_brought_up_to_date(db_url, reports):
    with Database(db_url) as db:
        pipeline.ingest([str(reports)], db)
        fresh = record_counts(db)
        # As an older version left them: marked so, and missing its figures.
        with db.engine.begin() as conn:
            conn.execute(update(runs).values(extractor_version="0"))
            conn.execute(RECORD_TABLES["claim"].delete())
            conn.execute(update(events).values(status="planned"))
        assert record_counts(db)["claim"] == 0

        summary = pipeline.reextract(db)
        assert summary.documents == len(REPORTS)
        assert record_counts(db) == fresh
        with db.engine.connect() as conn:  # the old events are gone, the new ones linked
            statuses = set(conn.execute(select(events.c.status)).scalars())
        assert "occurred" in statuses
        assert fresh["orphan incidents"] == 0

        # Up to date now: nothing left to do, unless every report is asked for.
        assert pipeline.reextract(db).documents == 0
        assert pipeline.reextract(db, every=True).documents == len(REPORTS)
        assert record_counts(db) == fresh
