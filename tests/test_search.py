"""Paging and full-text search over stored reports, on SQLite (FTS5) and PostgreSQL (tsvector)."""

import datetime as dt

import pytest

from trucewatch import pipeline
from trucewatch.store import Database
from trucewatch.store.search import (
    DocumentFilter,
    SearchError,
    page_documents,
    page_records,
    query_terms,
    snippet,
)

pytestmark = pytest.mark.postgres

REPORTS = {
    "a.txt": " date 2025-01-20 GAZA CITY: Hamas released three hostages on Sunday, and "
    "Israel freed 90 Palestinian prisoners, officials said.\n",
    "b.txt": " date 2025-02-08 DEIR AL-BALAH: Crowds gathered as the Red Cross carried "
    "the men to Israeli forces, the army said.\n",
    "c.txt": " date 2025-05-25 KYIV: Ukraine and Russia completed the release of 1,000 "
    "prisoners each, Volodymyr Zelenskiy said.\n",
}


@pytest.fixture
def db(db_url, tmp_path):
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Database(db_url) as database:
        pipeline.ingest([str(tmp_path / n) for n in REPORTS], database)
        yield database


def ids_of(page):
    return [item["path"].rsplit("/", 1)[-1] for item in page["items"]]


def test_search_matches_stems_and_ranks(db):
    # "release" finds "released" (English stemming on both backends).
    found = page_documents(db, DocumentFilter(q="release prisoners"))
    assert sorted(ids_of(found)) == ["a.txt", "c.txt"]
    assert found["total"] == 2
    item = found["items"][0]
    hit = item["snippet"]["text"][item["snippet"]["hit_start"] : item["snippet"]["hit_end"]]
    assert hit.lower().startswith(("releas", "prison"))


def test_search_syntax_is_never_interpreted(db):
    for q in ['"', "NOT", "a OR", "-x", "col:val", "(*)", "'; DROP TABLE documents; --"]:
        page_documents(db, DocumentFilter(q=q))
    assert page_documents(db)["total"] == 3


def test_filters_by_date_actor_and_kind(db):
    after = page_documents(db, DocumentFilter(since=dt.date(2025, 2, 1)))
    assert sorted(ids_of(after)) == ["b.txt", "c.txt"]
    assert ids_of(page_documents(db, DocumentFilter(until=dt.date(2025, 1, 31)))) == ["a.txt"]
    assert ids_of(page_documents(db, DocumentFilter(actor="ukraine"))) == ["c.txt"]
    assert page_documents(db, DocumentFilter(kind="quote"))["total"] >= 1
    with pytest.raises(SearchError):
        page_documents(db, DocumentFilter(kind="nonsense"))


def test_documents_are_paged_latest_first(db):
    first = page_documents(db, limit=2)
    second = page_documents(db, limit=2, offset=2)
    assert first["total"] == second["total"] == 3
    assert ids_of(first) + ids_of(second) == ["c.txt", "b.txt", "a.txt"]
    assert set(first["items"][0]["records"]) >= {"entity", "quote"}
    assert "body" not in first["items"][0]


def test_records_are_paged_and_filtered(db):
    everything = page_records(db, "entity", limit=500)
    pages = [
        page_records(db, "entity", limit=3, offset=o) for o in range(0, everything["total"], 3)
    ]
    assert [r["id"] for p in pages for r in p["items"]] == [r["id"] for r in everything["items"]]
    zelenskiy = page_records(db, "quote", filters={"speaker": "zelensk"})
    assert zelenskiy["total"] == 1
    assert zelenskiy["items"][0]["speaker"] == "Volodymyr Zelensky"
    assert page_records(db, "entity", since=dt.date(2025, 5, 1))["total"] < everything["total"]
    for record in everything["items"]:
        assert record["evidence"]
    with pytest.raises(SearchError, match="no column"):
        page_records(db, "quote", filters={"body": "x"})
    with pytest.raises(SearchError, match="not a"):
        page_records(db, "quote", filters={"direct": "perhaps"})


def test_query_terms_and_snippet():
    assert query_terms('hostages "OR" -released') == ["hostages", "or", "released"]
    body = "x " * 200 + "the prisoners were freed"
    s = snippet(body, ["prisoner"])
    assert s["text"][s["hit_start"] : s["hit_end"]] == "prisoners"
    assert body[s["start"] :].startswith(s["text"])


def test_postgresql_indexes(db):
    if db.engine.dialect.name != "postgresql":
        return
    from sqlalchemy import inspect

    names = {i["name"] for i in inspect(db.engine).get_indexes("documents")}
    assert "ix_documents_search" in names
    with db.engine.connect() as conn:
        trgm = conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    if trgm is not None:
        assert "ix_quotes_speaker_trgm" in {
            i["name"] for i in inspect(db.engine).get_indexes("quotes")
        }
