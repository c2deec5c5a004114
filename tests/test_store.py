"""Storage on SQLite and on a real PostgreSQL server (see conftest.postgres_server)."""

import shutil

import pytest
from sqlalchemy import inspect, select

from trucewatch import pipeline
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES, documents, metadata

pytestmark = pytest.mark.postgres

WIRE = (
    " date 2025-02-08 GAZA CITY: Hamas freed three Israeli hostages on Saturday in exchange for "
    "183 Palestinian prisoners held in Israeli jails, in the fifth swap under the Gaza ceasefire. "
    "The Red Cross carried the three men to Israeli forces in Deir al-Balah, the army said, while "
    "buses carrying the prisoners arrived in Ramallah and Khan Younis hours later.\n\n"
    "Relatives said the men looked thin and pale after more than 15 months in captivity.\n"
)
# The same story as another outlet ran it: new dateline style, a sentence cut, one added.
REWRITE = (
    " date 2025-02-08 GAZA CITY, Feb 8 (Wire) - Hamas freed three Israeli hostages on Saturday in "
    "exchange for 183 Palestinian prisoners held in Israeli jails, in the fifth swap under the Gaza "
    "ceasefire. The Red Cross carried the three men to Israeli forces in Deir al-Balah, the army "
    "said, while buses carrying the prisoners arrived in Ramallah and Khan Younis hours later.\n\n"
    "Relatives said the men looked thin and pale after more than 15 months in captivity. "
    "Mediators in Doha welcomed the exchange.\n"
)


def write_reports(folder, reports: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, "utf-8")


def test_migrations_create_every_table(db_url):
    with Database(db_url) as db:
        tables = set(inspect(db.engine).get_table_names())
    assert {
        "documents",
        "runs",
        "input_errors",
        "document_bands",
        "entities",
        "quotes",
        "claims",
        "alembic_version",
    } <= tables


def test_the_migrations_build_the_schema_as_declared(db_url):
    with Database(db_url) as db:
        found = inspect(db.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in found.get_columns(table.name)}
            assert {c.name for c in table.columns} <= columns, table.name
            indexes = {i["name"]: i["column_names"] for i in found.get_indexes(table.name)}
            for index in table.indexes:
                assert indexes.get(index.name) == [c.name for c in index.columns], index.name


def stored_evidence(db) -> list[tuple[str, str, str]]:
    """Each stored figure's evidence beside the report text its offsets cut out."""
    claims = RECORD_TABLES["claim"]
    query = select(claims.c.evidence, documents.c.body, claims.c.evidence_start,
                   claims.c.evidence_end).join(documents, documents.c.id == claims.c.doc_id).order_by(claims.c.id)  # fmt: skip
    with db.engine.connect() as conn:
        return [(row[0], row[1][row[2] : row[3]]) for row in conn.execute(query)]


def test_figures_keep_their_evidence_sentence_through_a_migration(db_url, tmp_path):
    write_reports(tmp_path / "in", {"a.txt": WIRE})
    with Database(db_url) as db:
        pipeline.ingest([str(tmp_path / "in")], db)
        stored = stored_evidence(db)
        assert stored and all(kept == cut for kept, cut in stored)
        assert any("183 Palestinian prisoners" in kept for kept, _ in stored)
        db.migrate("0006")  # before figures kept their sentence
        assert "evidence" not in {c["name"] for c in inspect(db.engine).get_columns("claims")}
        db.migrate()  # and back: the migration fills it in from the reports
        assert stored_evidence(db) == stored


def test_ingest_stores_documents_and_records_with_offsets(db_url, tmp_path):
    write_reports(tmp_path / "in", {"a.txt": WIRE})
    with Database(db_url) as db:
        summary = pipeline.ingest([str(tmp_path / "in")], db)
        assert summary.documents == 1 and not summary.errors
        [doc_id] = db.document_ids()
        stored = db.get_document(doc_id)
        assert stored["dateline"] == "GAZA CITY"
        assert stored["date"].isoformat() == "2025-02-08"
        records = list(db.iter_records("entity"))
        assert records, "no entities stored"
        for record in records:
            assert stored["body"][record["start"] : record["end"]] == record["text"]
            assert record["evidence"] in stored["body"]
        assert {"Hamas", "Ramallah"} <= {r["text"] for r in records}


def test_reingest_is_idempotent_and_renamed_copies_are_stored_once(db_url, tmp_path):
    write_reports(tmp_path / "in", {"a.txt": WIRE})
    with Database(db_url) as db:
        pipeline.ingest([str(tmp_path / "in")], db)
        before = db.counts()
        shutil.copy(tmp_path / "in" / "a.txt", tmp_path / "in" / "renamed.txt")
        again = pipeline.ingest([str(tmp_path / "in")], db)
        assert again.documents == 0 and again.skipped == 2
        after = db.counts()
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }


def test_near_duplicates_are_linked_not_dropped(db_url, tmp_path):
    write_reports(tmp_path / "in", {"1.txt": WIRE, "2.txt": REWRITE})
    with Database(db_url) as db:
        summary = pipeline.ingest([str(tmp_path / "in")], db)
        assert summary.documents == 2
        assert summary.near_duplicates == 1
        docs = [db.get_document(i) for i in db.document_ids()]
    linked = [d for d in docs if d["near_duplicate_of"]]
    assert len(linked) == 1
    assert linked[0]["path"].endswith("2.txt")
    assert linked[0]["similarity"] >= 0.8


def test_unrelated_reports_are_not_near_duplicates(db_url, examples_dir):
    with Database(db_url) as db:
        summary = pipeline.ingest([str(examples_dir)], db)
        assert summary.documents >= 8
        assert summary.near_duplicates == 0


def test_bad_inputs_are_recorded_and_the_batch_goes_on(db_url, tmp_path):
    write_reports(tmp_path / "in", {"a.txt": WIRE, "b.txt": " date 2025-13-40 Broken."})
    (tmp_path / "in" / "c.txt").write_bytes(b"")
    with Database(db_url) as db:
        summary = pipeline.ingest([str(tmp_path / "in"), str(tmp_path / "nope.txt")], db)
        assert summary.documents == 1
        assert sorted(e.code for e in summary.errors) == ["TW101", "TW103", "TW104"]
        assert db.counts()["input_errors"] == 3


def test_quotes_round_trip(db_url, tmp_path, examples_dir):
    from trucewatch.pipeline import extract_stream

    report = examples_dir / "013_ukraine-easter-truce-analysis.txt"
    [(document, records)] = list(extract_stream([str(report)]))
    expected = [r.to_dict() for r in records if r.kind == "quote"]
    assert expected
    with Database(db_url) as db:
        pipeline.ingest([str(report)], db)
        stored = list(db.iter_records("quote"))
        assert len(stored) == len(expected)
        by_start = {r["start"]: r for r in stored}
        for record in expected:
            assert by_start[record["start"]] == {k: record[k] for k in by_start[record["start"]]}
        assert list(db.iter_records("quote", contains={"speaker": "ZELENSK"}))


def test_claims_round_trip(db_url, seed_path):
    from trucewatch.pipeline import extract_stream

    [(document, records)] = list(extract_stream([str(seed_path)]))
    expected = [r.to_dict() for r in records if r.kind == "claim"]
    assert len(expected) >= 10
    with Database(db_url) as db:
        pipeline.ingest([str(seed_path)], db)
        stored = list(db.iter_records("claim"))
        assert len(stored) == len(expected)
        by_start = {r["start"]: r for r in stored}
        for record in expected:
            assert by_start[record["start"]] == {k: record[k] for k in by_start[record["start"]]}
        killed = list(db.iter_records("claim", equals={"category": "killed"}))
        assert {r["value"] for r in killed} >= {47518, 1210}
        assert db.counts()["claim"] == len(expected)


def test_a_bare_path_is_a_sqlite_file(tmp_path, monkeypatch):
    from trucewatch.config import database_url

    monkeypatch.delenv("TRUCEWATCH_DB", raising=False)
    assert database_url("ledger.db") == "sqlite:///ledger.db"
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"
    with Database(str(tmp_path / "x.db")) as db:
        assert db.counts()["documents"] == 0
    assert (tmp_path / "x.db").exists()
