"""Ledger: an agreement spec and the stored figures in, promised against delivered out.

Entry points: ``load_spec(path)`` (``spec.py``) and ``ledger(agreement,
claims, as_of)`` (``reconcile.py``); ``ledger_from_db`` reads the figures
from a database.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.ledger.reconcile import ledger
from trucewatch.ledger.spec import Agreement, SpecError, load_spec, parse_spec

__all__ = ["Agreement", "SpecError", "ledger", "ledger_from_db", "load_spec", "parse_spec"]


def ledger_from_db(agreement: Agreement, db, as_of: dt.date | None = None) -> dict:
    """The ledger of ``agreement`` over the figures stored in ``db``, as of a date (today)."""
    as_of = as_of or dt.date.today()
    return ledger(agreement, list(db.iter_records("claim")), as_of)
