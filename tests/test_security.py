"""Hostile text where users give text: filters (SQL injection) and file names (path traversal).

Every probe runs on SQLite and PostgreSQL. A probe succeeds if it changes what
a query returns beyond the literal match, or changes the database; none may.
(The web layer's probes are with the web tests.)
"""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from trucewatch import pipeline
from trucewatch.cli import cli
from trucewatch.store import Database

REPORTS = [
    "002_gaza-first-exchange.txt",
    "005_gaza-369-prisoners.txt",
    "014_netanyahu-trump-white-house.txt",
]
INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "%' OR '%'='",
    "x'; DROP TABLE quotes; --",
    '"; DROP TABLE documents; --',
    "'; DELETE FROM events; --",
    "' UNION SELECT id, body FROM documents --",
    "1) OR (1=1",
    "\\' OR 1=1 #",
    "%",
    "_",
    "%%",
    "\\",
    "' || (SELECT body FROM documents LIMIT 1) || '",
    "'; SELECT pg_sleep(5); --",
    "\x00",
    os.fsdecode(b"\xff"),  # an argument that is not UTF-8
    "ﬀ' OR 'ß'='ss",
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stored(request, tmp_path_factory, examples_dir):
    """The examples in a database, once per backend: the probes must leave it unchanged."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path_factory.mktemp('probes') / 'tw.db'}"
    else:
        db_url = request.getfixturevalue("postgres_server").create_database()
    with Database(db_url) as db:
        pipeline.ingest([str(examples_dir / name) for name in REPORTS], db)
        counts = db.counts()
    assert counts["quote"] and counts["event"] and counts["claim"]
    return db_url, counts


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_the_filters_work_so_the_probes_mean_something(stored):
    url, _ = stored
    assert rows(run("quotes", "--db", url, "--speaker", "trump", "--json"))
    assert rows(run("events", "--db", url, "--type", "RETREAT", "--json"))
    assert rows(run("figures", "--db", url, "--category", "prisoners_released", "--json"))


@pytest.mark.parametrize("probe", INJECTIONS, ids=lambda p: ascii(p)[1:-1][:30])
def test_sql_injection_through_the_cli_filters_matches_only_the_literal_text(stored, probe):
    url, counts = stored
    if "\x00" not in probe:  # argv cannot carry NUL: the library is probed below
        speakers = rows(run("quotes", "--db", url, "--speaker", probe, "--json"))
        assert all(probe.lower() in (r["speaker"] or "").lower() for r in speakers)
        types = rows(run("events", "--db", url, "--type", probe, "--json"))
        assert all(probe.lower() in r["type"].lower() for r in types)
        result = run("figures", "--db", url, "--category", probe, "--json")
        assert result.exit_code == 2 and "Invalid value for '--category'" in result.output
    with Database(url) as db:
        assert db.counts() == counts  # every table survives, unchanged


@pytest.mark.parametrize("probe", INJECTIONS, ids=lambda p: ascii(p)[1:-1][:30])
def test_sql_injection_through_the_library_filters_matches_only_the_literal_text(stored, probe):
    url, counts = stored
    with Database(url) as db:
        for kind, column in [("quote", "speaker"), ("event", "type"), ("claim", "category")]:
            found = list(db.iter_records(kind, contains={column: probe}))
            assert all(probe.lower() in (r[column] or "").lower() for r in found)
            assert list(db.iter_records(kind, equals={column: probe})) == []
            assert list(db.iter_records(kind, any_of={column: [probe]})) == []
        assert db.counts() == counts


def test_wildcards_in_a_filter_are_literal(stored):
    url, _ = stored
    with Database(url) as db:
        every = list(db.iter_records("quote"))
        assert every
        for wildcard in ("%", "_", "[a-z]", "*"):
            assert list(db.iter_records("quote", contains={"speaker": wildcard})) == []


# File names ------------------------------------------------------------------

ODD_NAMES = [
    "a..b.txt",
    "..dots-first.txt.txt",  # hidden in a folder walk: named explicitly below
    'it\'s "quoted".txt',
    "new\nline.txt",
    "tab\there.txt",
    "تقرير-١.txt",
    "rtl\u202etxt.exe.txt",
    "$(touch PWNED).txt",
    "; rm -rf ~ #.txt",
    "<img src=x onerror=alert(1)>.txt",
    "%2e%2e%2fetc%2fpasswd.txt",
]


@pytest.mark.skipif(sys.platform != "linux", reason="POSIX file names")
def test_odd_file_names_are_data(db_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    given = []
    for i, name in enumerate(ODD_NAMES):
        (corpus / name).write_text(f" date 2025-02-04 Report {i}: twelve detainees were freed.")
        given.append(str(corpus / name))
    # A path through '..' is the user's own path: read, and stored as written.
    given.append(str(corpus / ".." / "corpus" / "a..b.txt"))
    feed = corpus / "feed.jsonl"
    row = {
        "text": "Four captives were freed.",
        "id": "../../../../etc/passwd",
        "url": "file:///etc/passwd",
        "title": "../../etc/shadow",
    }
    feed.write_text(json.dumps(row) + "\n")
    given.append(str(feed))

    result = CliRunner().invoke(cli, ["ingest", *given, "--db", db_url])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "PWNED").exists() and not (corpus / "PWNED").exists()
    with Database(db_url) as db:
        docs = [db.get_document(doc_id) for doc_id in db.document_ids()]
    # The '..' path repeats a..b.txt's text: skipped as the same report, not stored twice.
    assert sorted(d["path"] for d in docs) == sorted([*given[: len(ODD_NAMES)], f"{feed}:1"])
    [from_feed] = [d for d in docs if d["path"] == f"{feed}:1"]
    assert from_feed["body"] == "Four captives were freed."
    assert from_feed["external_id"] == "../../../../etc/passwd"
    assert from_feed["title"] == "../../etc/shadow"


def test_json_metadata_naming_files_is_stored_not_opened(sqlite_url, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(
            {"text": "Four captives were freed.", "id": "/etc/passwd", "url": "file:///etc/passwd"}
        )
        + "\n"
    )
    with Database(sqlite_url) as db:
        pipeline.ingest([str(feed)], db)
        [doc_id] = db.document_ids()
        document = db.get_document(doc_id)
    assert document["body"] == "Four captives were freed."
    assert document["external_id"] == "/etc/passwd"
    assert document["url"] == "file:///etc/passwd"


def test_a_file_name_cannot_forge_lines_in_error_messages(tmp_path):
    name = tmp_path / "empty\nerror: forged.txt"
    name.write_text("")
    result = CliRunner().invoke(cli, ["extract", str(name)])
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert "empty\\nerror: forged.txt" in line and "TW101" in line


def test_odd_names_come_out_as_valid_json_lines(tmp_path):
    (tmp_path / "new\nline \u202e.txt").write_text(" date 2025-02-04 Twelve detainees were freed.")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["path"] == str(tmp_path / "new\nline \u202e.txt")
