"""``trucewatch export``: every kind in every format, read back with pandas and DuckDB and
compared with the database; and the SQLite file opened in Datasette with the shipped labels."""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import Date, DateTime, insert, select

from trucewatch import pipeline
from trucewatch.cli import cli
from trucewatch.data.datasette import metadata_for, metadata_path
from trucewatch.ledger import load_spec
from trucewatch.store import Database
from trucewatch.store.schema import RECORD_TABLES, documents, incidents, metadata, reviews

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "agreements" / "gaza-2025-phase1.yaml"
KINDS = {
    "document": (documents, ["id", "date", "title", "chars", "url", "near_duplicate_of"]),
    "quote": (RECORD_TABLES["quote"], ["id", "doc_id", "start", "end", "speaker", "direct", "date"]),
    "claim": (RECORD_TABLES["claim"], ["id", "doc_id", "value", "low", "category", "as_of",
                                       "cumulative", "released_by", "evidence"]),
    "event": (RECORD_TABLES["event"], ["id", "doc_id", "type", "actor", "date", "incident_id"]),
    "incident": (incidents, ["id", "type", "date", "mentions", "actor"]),
    "review": (reviews, ["id", "uid", "verdict", "fields", "created_at", "note"]),
}  # fmt: skip
# Report ids are hex text that a CSV reader could take for numbers ("12e4...").
TEXT_IDS = {"doc_id": "VARCHAR", "near_duplicate_of": "VARCHAR"}


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, examples_dir) -> tuple[str, Path]:
    """The example reports in a SQLite file named as Datasette's metadata expects, with
    two reviews (written straight into the table, as the review feature stores them)."""
    folder = tmp_path_factory.mktemp("export")
    path = folder / "trucewatch.db"
    url = f"sqlite:///{path}"
    with Database(url) as db:
        assert not pipeline.ingest([str(examples_dir)], db).errors
        with db.engine.begin() as conn:
            hashes = list(conn.execute(select(documents.c.content_hash).limit(2)).scalars())
            conn.execute(
                insert(reviews),
                [
                    {"uid": f"u{n}", "content_hash": h, "kind": "claim", "start": 10 * n,
                     "end": 10 * n + 5, "verdict": verdict, "fields": fields, "reviewer": "ana",
                     "created_at": dt.datetime(2026, 11, 30, 12, n, tzinfo=dt.UTC), "note": note}
                    for n, (h, verdict, fields, note) in enumerate(
                        zip(hashes, ["confirm", "correct"], [None, {"value": 18}],
                            ["seen", None], strict=True))
                ],
            )  # fmt: skip
    return url, path


def missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array
        return False


def norm(value, date: bool = False):
    """One spelling for a value however a reader typed it (``date``: of a DATE column,
    which DuckDB's pandas frames hold as midnight timestamps)."""
    if isinstance(value, np.ndarray):  # DuckDB's lists
        value = value.tolist()
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True, default=str)
    if missing(value):
        return None
    if date:
        if isinstance(value, pd.Timestamp | dt.datetime):
            return value.date().isoformat()
        return str(norm(value))[:10]
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else round(value, 6)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if value[:1] in "[{":
            return json.dumps(json.loads(value), sort_keys=True)
        if len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
            return norm(dt.datetime.fromisoformat(value))
    return value


def database_rows(url: str, table, columns: list[str]) -> dict:
    with Database(url) as db, db.engine.connect() as conn:
        query = select(table)
        if table is RECORD_TABLES["claim"]:
            pass  # evidence is stored for figures; the export gives the sentence as well
        rows = [dict(r) for r in conn.execute(query).mappings()]
    return {str(r["id"]): {c: norm(r[c], c in dates(table)) for c in columns} for r in rows}


def dates(table) -> set[str]:
    return {
        c.name for c in table.c if isinstance(c.type, Date) and not isinstance(c.type, DateTime)
    }


def read_back(path: Path, fmt: str, kind: str) -> dict[str, pd.DataFrame]:
    if fmt == "csv":
        header = path.read_text("utf-8").splitlines()[0].split(",")
        text = {**TEXT_IDS, "id": "VARCHAR"} if kind == "document" else TEXT_IDS
        types = {k: v for k, v in text.items() if k in header}
        frames = {
            "pandas": pd.read_csv(path, dtype={k: str for k in types}),
            "duckdb": duckdb.read_csv(str(path), dtype=types).df(),
        }
    elif fmt == "jsonl":
        frames = {
            "pandas": pd.read_json(path, lines=True, dtype=False),
            "duckdb": duckdb.read_json(str(path), format="newline_delimited").df(),
        }
    else:
        frames = {
            "pandas": pd.read_parquet(path),
            "duckdb": duckdb.read_parquet(str(path)).df(),
        }
    return frames


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_export_reads_back_as_the_database_holds_it(example_db, tmp_path, kind, fmt):
    url, _path = example_db
    out = tmp_path / f"{kind}.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--kind", kind, "--format", fmt, "-o", str(out), "--db", url]
    )
    assert result.exit_code == 0, result.output
    table, columns = KINDS[kind]
    expected = database_rows(url, table, [c for c in columns if c != "evidence"])
    assert expected, f"the example database has no {kind} rows"
    for reader, frame in read_back(out, fmt, kind).items():
        assert len(frame) == len(expected), reader
        got = {
            str(norm(row["id"])): {c: norm(row[c], c in dates(table)) for c in columns}
            for row in frame.to_dict("records")
        }
        assert got.keys() == expected.keys(), reader
        for key, row in expected.items():
            for column, value in row.items():
                assert got[key][column] == value, (reader, kind, key, column)
        if "evidence" in columns:  # the sentence the offsets cut out of the report
            with Database(url) as db:
                for row in frame.head(20).to_dict("records"):
                    body = db.get_document(row["doc_id"])["body"]
                    start, end = int(row["evidence_start"]), int(row["evidence_end"])
                    assert row["evidence"] == body[start:end]


def test_filters_and_the_ledger_history(example_db, tmp_path):
    url, _path = example_db
    out = tmp_path / "claims.csv"
    args = ["export", "--kind", "claim", "--format", "csv", "-o", str(out), "--db", url,
            "--since", "2025-01-19", "--until", "2025-02-05", "--agreement", str(SPEC)]  # fmt: skip
    assert CliRunner().invoke(cli, args).exit_code == 0
    frame = pd.read_csv(out, dtype={"doc_id": str})
    assert len(frame) and frame["doc_date"].between("2025-01-19", "2025-02-05").all()
    with Database(url) as db:
        naming = set(db.documents_mentioning({"Israel", "Hamas"}))
    assert set(frame["doc_id"]) <= naming

    history = tmp_path / "history.parquet"
    args = ["export", "--kind", "ledger-history", "--agreement", str(SPEC), "--until",
            "2025-03-01", "--format", "parquet", "-o", str(history), "--db", url]  # fmt: skip
    assert CliRunner().invoke(cli, args).exit_code == 0
    rows = duckdb.sql(
        f"SELECT obligation, max(best) AS best, count(*) AS days FROM '{history}' GROUP BY 1"
    ).fetchall()
    from trucewatch.ledger import ledger_from_db

    with Database(url) as db:
        final = ledger_from_db(load_spec(SPEC), db, dt.date(2025, 3, 1))
    promised = {o["id"]: o["delivered"]["best"] for o in final["phases"][0]["obligations"]}
    assert {r[0]: r[1] for r in rows} == {k: float(v) for k, v in promised.items()}
    assert {r[2] for r in rows} == {42}  # every day of the 42-day phase
    result = CliRunner().invoke(cli, ["export", "--kind", "ledger-history", "--db", url])
    assert result.exit_code == 1 and "needs --agreement" in result.output


def test_the_datasette_metadata_names_real_tables_and_columns():
    data = yaml.safe_load(Path(metadata_path()).read_text("utf-8"))
    tables = data["databases"]["trucewatch"]["tables"]
    for name, table in tables.items():
        if name == "alembic_version":
            continue
        assert name in metadata.tables, name
        unknown = set(table.get("columns", {})) - set(metadata.tables[name].c.keys())
        assert not unknown, (name, unknown)
    assert set(metadata.tables) <= set(tables)  # every table has a label


@pytest.mark.slow
def test_datasette_opens_the_database_with_its_labels(example_db):
    from conftest import free_port

    url, path = example_db
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata",
               metadata_path(), "--port", str(port), "--host", "127.0.0.1"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"datasette did not start: {process.stderr.read().decode()}")
                time.sleep(0.3)
        with urllib.request.urlopen(base + "/trucewatch/claims.json?_shape=objects&_size=max") as r:
            page = json.load(r)
        with urllib.request.urlopen(base + "/-/metadata.json") as r:
            shipped = json.load(r)
    finally:
        process.terminate()
        process.wait(10)
    expected = database_rows(url, RECORD_TABLES["claim"], ["id", "category", "value"])
    got = {str(row["id"]): row for row in page["rows"]}
    assert got.keys() == expected.keys()
    assert all(got[k]["category"] == v["category"] for k, v in expected.items())
    assert shipped["databases"]["trucewatch"]["tables"]["claims"]["title"] == "Figures"
    assert not math.isnan(len(page["rows"]))


def test_the_datasette_metadata_is_keyed_for_any_database_file(tmp_path):
    metadata = metadata_for(tmp_path / "gaza-desk.db")
    assert list(metadata["databases"]) == ["gaza-desk"]
    assert metadata["databases"]["gaza-desk"]["tables"]["documents"]["title"] == "Reports"
