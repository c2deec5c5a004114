"""Export: the store's tables for pandas, R, DuckDB and spreadsheets.

Entry point: ``export(db, kind, fmt, out, since=, until=, agreement=)``:
``tables.py`` says what each kind holds, ``writers.py`` how each format says it.
"""

from __future__ import annotations

from trucewatch.export.tables import KINDS, ExportError, Table, export_table
from trucewatch.export.writers import FORMATS, write

__all__ = ["FORMATS", "KINDS", "ExportError", "Table", "export", "export_table", "write"]


def export(db, kind: str, fmt: str, out, since=None, until=None, agreement=None) -> int:
    """Write one kind's rows to ``out`` in ``fmt``; returns how many."""
    return write(export_table(db, kind, since, until, agreement), fmt, out)
