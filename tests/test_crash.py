"""Nothing is lost: SIGKILL in the middle of a batch, then a re-run completes it."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from trucewatch.store import Database
from trucewatch.store.database import engine_url
from trucewatch.store.schema import RECORD_TABLES, documents, entities

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


# Random kill points ----------------------------------------------------------

KILL_ROUNDS = 11  # per backend: 22 kills in all


def records_per_document(url: str) -> dict[str, list[tuple]]:
    """Each stored document's records, as (kind, start, end), sorted: equal means none
    missing and none duplicated."""
    found: dict[str, list[tuple]] = {}
    with Database(url) as db, db.engine.connect() as conn:
        for doc_id in db.document_ids():
            found[doc_id] = []
        for kind, table in RECORD_TABLES.items():
            for doc_id, start, end in conn.execute(
                select(table.c.doc_id, table.c.start, table.c.end)
            ):
                found[doc_id].append((kind, start, end))
    return {doc_id: sorted(rows) for doc_id, rows in found.items()}


def duplicate_hashes(url: str) -> list:
    with Database(url) as db, db.engine.connect() as conn:
        query = (
            select(documents.c.content_hash)
            .group_by(documents.c.content_hash)
            .having(func.count() > 1)
        )
        return list(conn.execute(query).scalars())


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory, examples_dir):
    """The corpus and its records from one clean ingest (in this process: same model)."""
    from trucewatch import pipeline

    base = tmp_path_factory.mktemp("kill")
    corpus = base / "corpus"
    write_corpus(corpus, examples_dir)
    reference = f"sqlite:///{base / 'reference.db'}"
    with Database(reference) as db:
        summary = pipeline.ingest([str(corpus)], db, batch_size=1)
    assert summary.documents == REPORTS and not summary.errors
    return corpus, records_per_document(reference)


def check_store(url: str, expected: dict, before: set[str]) -> set[str]:
    """Nothing committed lost or duplicated, each document whole; returns the stored ids."""
    stored = records_per_document(url)
    assert before <= set(stored), f"committed documents lost: {before - set(stored)}"
    assert duplicate_hashes(url) == []
    for doc_id, rows in stored.items():
        assert rows == expected[doc_id], f"{doc_id}: records differ from a clean ingest"
    if url.startswith("sqlite"):
        with Database(url) as db, db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    return set(stored)


def test_sigkill_at_random_points_of_many_ingests(db_url, kill_corpus, capsys):
    """Ingests killed one after another at random moments (seeded), each check passing;
    the kill can land in model loading, in parsing, or inside a document's transaction."""
    corpus, expected = kill_corpus
    rng = random.Random(f"issue-9-{db_url.split(':')[0]}")
    Database(db_url).close()
    stored: set[str] = set()
    kill_points = []
    while len(kill_points) < KILL_ROUNDS:
        assert len(stored) < REPORTS, "corpus too small for the kill rounds"
        target = len(stored) + rng.randint(0, 2)
        pause = rng.uniform(0, 0.3)
        process = subprocess.Popen(
            ingest_command(corpus, db_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120
        while (
            stored_documents(db_url) < target
            and time.monotonic() < deadline
            and process.poll() is None
        ):
            time.sleep(0.02)
        time.sleep(pause)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kill_points.append((len(stored), stored_documents(db_url), round(pause, 3)))
        process.wait()
        stored = check_store(db_url, expected, stored)

    rerun = subprocess.run(ingest_command(corpus, db_url), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert check_store(db_url, expected, stored) == set(expected)
    with capsys.disabled():
        print(f"\n{db_url.split(':')[0]}: {len(kill_points)} kills (docs before, at kill, pause):")
        print(f"  {kill_points}")


# Two ingesters at once ----------------------------------------------------------


def test_two_ingesters_on_the_same_files_store_each_document_once(db_url, kill_corpus):
    """Both start on an empty database (both migrate it) and write the same reports."""
    corpus, expected = kill_corpus
    processes = [
        subprocess.Popen(
            ingest_command(corpus, db_url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr[-3000:]
    assert check_store(db_url, expected, set()) == set(expected)
    with Database(db_url) as db:
        runs = db.list_runs()
    assert len(runs) == 2
    assert sum(run["documents"] for run in runs) == REPORTS
