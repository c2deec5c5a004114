"""The command line end to end: the seed report in, JSON Lines and a database out."""

import json

import pytest
from click.testing import CliRunner

from trucewatch.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_seed_document_record_and_entities(seed_path):
    result = run("extract", str(seed_path))
    assert result.exit_code == 0, result.output
    records = lines(result.stdout)
    document = records[0]
    assert document["kind"] == "document"
    assert document["date"] == "2025-02-04"
    assert document["dateline"] == "WASHINGTON"
    assert document["chars"] > 5000
    body = seed_path.read_text("utf-8")[len(" date 2025-02-04 ") :]
    assert document["chars"] == len(body)
    entities = [r for r in records[1:] if r["kind"] == "entity"]
    for record in entities:
        assert record["doc"] == document["id"]
        assert record["doc_date"] == "2025-02-04"
        assert body[record["start"] : record["end"]] == record["text"]
        assert body[record["evidence_start"] : record["evidence_end"]] == record["evidence"]
    names = {r["text"] for r in entities}
    assert {"Netanyahu", "Trump", "Hamas", "Doha", "Jenin", "UNRWA"} <= names


def test_extract_reads_stdin_and_keeps_going_after_bad_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00")
    report = " date 2025-01-19 GAZA CITY: Hamas freed three hostages on Sunday.\n"
    result = run("extract", str(bad), "-", input=report)
    assert result.exit_code == 1
    assert f"error: {bad}: binary or undecodable" in result.stderr
    records = lines(result.stdout)
    assert records[0]["kind"] == "document" and records[0]["path"] == "<stdin>"
    assert records[0]["date"] == "2025-01-19"


def test_extract_is_deterministic(seed_path):
    assert run("extract", str(seed_path)).stdout == run("extract", str(seed_path)).stdout


def test_ingest_then_stats(tmp_path, examples_dir):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    result = run("ingest", str(examples_dir), "--db", url)
    assert result.exit_code == 0, result.output
    assert "new document(s)" in result.stdout
    again = run("ingest", str(examples_dir), "--db", url)
    assert "0 new document(s)" in again.stdout
    stats = json.loads(run("stats", "--db", url, "--json").stdout)
    assert stats["documents"] >= 8
    assert stats["entity"] > 100
    assert stats["runs"] == 2


def test_database_from_environment(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("TRUCEWATCH_DB", url)
    report = tmp_path / "r.txt"
    report.write_text(" date 2025-01-19 DOHA: Qatar said the truce would hold.\n", "utf-8")
    assert run("ingest", str(report)).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_unknown_model_is_a_clear_error(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Text.", "utf-8")
    result = run("extract", "--model", "no_such_model", str(report))
    assert result.exit_code == 1
    assert "Error: spaCy model 'no_such_model' is not installed" in result.stderr


@pytest.mark.slow
def test_parallel_workers_give_the_same_records(examples_dir):
    one = run("extract", str(examples_dir))
    two = run("extract", "--workers", "2", str(examples_dir))
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_figures_by_category(tmp_path, seed_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    assert run("ingest", str(seed_path), "--db", url).exit_code == 0
    killed = lines(run("figures", "--category", "killed", "--db", url, "--json").stdout)
    assert {r["value"] for r in killed} >= {47518, 1210, 2}
    assert all(r["category"] == "killed" and r["kind"] == "claim" for r in killed)
    toll = next(r for r in killed if r["value"] == 47518)
    assert toll["qualifier"] == "at least" and "health ministry" in toll["source"]
    table = run("figures", "--db", url)
    assert table.exit_code == 0 and "47,518" in table.stdout
    assert run("figures", "--category", "nonsense", "--db", url).exit_code == 2


def test_reextract_after_ingest_has_nothing_to_do_until_asked_for_all(seed_path, tmp_path):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    assert run("ingest", str(seed_path), "--db", db).exit_code == 0
    result = run("reextract", "--db", db)
    assert result.exit_code == 0, result.output
    assert "0 stored report(s) extracted again" in result.output
    result = run("reextract", "--all", "--db", db)
    assert "1 stored report(s) extracted again" in result.output
