"""Ledger: an agreement spec and the stored figures in, promised against delivered out.

Entry points: ``load_spec(path)`` (``spec.py``) and ``ledger(agreement,
claims, as_of)`` (``reconcile.py``); ``ledger_from_db`` reads the figures
from a database.
"""

from __future__ import annotations

import datetime as dt

from trucewatch.extract.actors import AliasTable, default_table
from trucewatch.ledger.reconcile import COMPARED, ledger
from trucewatch.ledger.spec import Agreement, SpecError, load_spec, parse_spec

__all__ = [
    "Agreement",
    "SpecError",
    "agreement_figures",
    "ledger",
    "ledger_from_db",
    "load_spec",
    "parse_spec",
]


# Terms are often reported in the days before a deal takes effect.
LEAD_IN = dt.timedelta(days=30)


def ledger_from_db(agreement: Agreement, db, as_of: dt.date | None = None) -> dict:
    """The ledger of ``agreement`` over the figures stored in ``db``, as of a date (today).

    Figures count when their report names a party (or one of its aliases, from
    the alias table and the spec) and they were known between 30 days before
    the first phase starts and the as-of date.
    """
    as_of = as_of or dt.date.today()
    return ledger(agreement, agreement_figures(agreement, db, as_of), as_of)


def agreement_figures(agreement: Agreement, db, as_of: dt.date) -> list[dict]:
    """The stored figures an agreement's ledger reads, known by ``as_of`` (see ``ledger_from_db``).

    Empty while the database has no figure (``claim``) records table.
    """
    from trucewatch.store.schema import RECORD_TABLES

    if "claim" not in RECORD_TABLES:
        return []
    categories = {"exchanges", "hostages_released", "prisoners_released", *COMPARED}
    for phase in agreement.phases:
        for obligation in phase.obligations:
            categories.update(obligation.categories)
    starts = [p.start for p in agreement.phases if p.start is not None]
    return db.figures(
        categories,
        mentioning=party_names(agreement),
        since=min(starts) - LEAD_IN if starts else None,
        until=as_of,
    )


def party_names(agreement: Agreement, aliases: AliasTable | None = None) -> set[str]:
    """Every name a party goes by: as written in the spec, its alias-table entry, spec aliases."""
    aliases = aliases or default_table()
    names: set[str] = set()
    for party in agreement.parties:
        names.add(party)
        names.update(agreement.aliases.get(party, []))
        actor = aliases.lookup(party)
        if actor is not None:
            names.add(actor.canonical)
            names.update(actor.aliases)
    return names
