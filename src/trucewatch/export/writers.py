"""Writing an export table as CSV, JSON Lines or Parquet, streamed.

The three say the same thing: dates as ISO dates (Parquet ``date32``),
timestamps in UTC (``timestamp[us, UTC]``), numbers and booleans as such, and
unknown values empty (CSV) or null. A JSON column (an event's actors, a
review's fields) is JSON text in CSV and Parquet, where a cell holds one value,
and itself in JSON Lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from itertools import islice
from typing import IO

from trucewatch.export.tables import Column, Table

FORMATS = ("csv", "jsonl", "parquet")
_BATCH = 5000


def _utc(value):
    # SQLite gives back naive datetimes for what was stored in UTC.
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _plain(value, column: Column, json_text: bool):
    if value is None:
        return None
    if column.type == "json":
        return json.dumps(value, ensure_ascii=False) if json_text else value
    if column.type == "timestamp":
        return _utc(value).isoformat()
    if column.type == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    return value


def write(table: Table, fmt: str, out: IO) -> int:
    """Write ``table`` to ``out`` (text for CSV and JSON Lines, binary for Parquet);
    returns the number of rows."""
    if fmt == "csv":
        return write_csv(table, out)
    if fmt == "jsonl":
        return write_jsonl(table, out)
    if fmt == "parquet":
        return write_parquet(table, out)
    raise ValueError(f"unknown format {fmt!r}")


def write_csv(table: Table, out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow([c.name for c in table.columns])
    count = 0
    for row in table.rows:
        writer.writerow(
            ["" if (v := _plain(row.get(c.name), c, True)) is None else v for c in table.columns]
        )
        count += 1
    return count


def write_jsonl(table: Table, out: IO[str]) -> int:
    count = 0
    for row in table.rows:
        record = {c.name: _plain(row.get(c.name), c, False) for c in table.columns}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def arrow_schema(columns: list[Column]):
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }
    return pa.schema([pa.field(c.name, types[c.type]) for c in columns])


def write_parquet(table: Table, out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table.columns)

    def cell(value, column: Column):
        if value is None:
            return None
        if column.type == "json":
            return json.dumps(value, ensure_ascii=False)
        if column.type == "timestamp":
            return _utc(value)
        if column.type == "date" and not isinstance(value, dt.date):
            return dt.date.fromisoformat(str(value)[:10])
        if column.type == "float":
            return float(value)
        return value

    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows = iter(table.rows)
        while batch := list(islice(rows, _BATCH)):
            arrays = {c.name: [cell(r.get(c.name), c) for r in batch] for c in table.columns}
            writer.write_table(pa.Table.from_pydict(arrays, schema=schema))
            count += len(batch)
    return count
