"""Nothing is lost: SIGKILL in the middle of a batch, then a re-run completes it."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from trucewatch.store import Database
from trucewatch.store.database import engine_url
from trucewatch.store.schema import documents, entities

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

REPORTS = 60


def write_corpus(folder, examples_dir) -> None:
    """Distinct reports built from the examples, so none is skipped as a duplicate."""
    folder.mkdir()
    sources = sorted(examples_dir.glob("*.txt"))
    for i in range(REPORTS):
        text = sources[i % len(sources)].read_text("utf-8").rstrip()
        (folder / f"r{i:03}.txt").write_text(
            f"{text}\n\nCorrespondents filed update {i} from Doha.\n", "utf-8"
        )


def stored_documents(url: str) -> int:
    engine = create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar_one()
    except Exception:  # tables not created yet
        return 0
    finally:
        engine.dispose()


def entities_per_document(url: str) -> dict[str, int]:
    with Database(url) as db, db.engine.connect() as conn:
        query = select(entities.c.doc_id, func.count()).group_by(entities.c.doc_id)
        return dict(conn.execute(query).all())


def ingest_command(folder, url):
    return [
        sys.executable,
        "-m",
        "trucewatch",
        "ingest",
        str(folder),
        "--db",
        url,
        "--batch-size",
        "1",
    ]


def test_sigkill_mid_batch_loses_nothing_and_rerun_completes(db_url, tmp_path, examples_dir):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, examples_dir)
    Database(db_url).close()  # migrate first, so the poll below sees tables

    process = subprocess.Popen(
        ingest_command(corpus, db_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while stored_documents(db_url) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = stored_documents(db_url)
    assert 5 <= partial < REPORTS, f"kill came too late or too early: {partial} stored"

    # Every committed document has all its records: compared below with a clean ingest.
    per_doc = entities_per_document(db_url)
    if db_url.startswith("sqlite"):
        with Database(db_url) as db, db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"

    rerun = subprocess.run(ingest_command(corpus, db_url), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert stored_documents(db_url) == REPORTS
    final = entities_per_document(db_url)
    assert {doc: n for doc, n in final.items() if doc in per_doc} == per_doc
    assert len(final) == REPORTS

    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    subprocess.run(ingest_command(corpus, reference), check=True, capture_output=True)
    assert final == entities_per_document(reference)
