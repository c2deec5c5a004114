"""Delivered against promised over time: the ledger recomputed day by day.

Each point is what the ledger said on that day from what was known by then,
so a late correction shows as a step on the day it was reported, not
backdated. Charts (the dashboard's SVG, ``trucewatch report --png``) draw
these series.
"""

from __future__ import annotations

import datetime as dt
import math

from trucewatch.ledger.reconcile import ledger, with_dates
from trucewatch.ledger.spec import Agreement

MAX_POINTS = 120  # a long phase is sampled, not drawn day by day


def history(agreement: Agreement, claims: list[dict], as_of: dt.date) -> list[dict]:
    """One series per obligation of each started phase, from its start to its end or ``as_of``.

    Each series: ``phase``, ``obligation`` (id), ``what``, ``promised``,
    ``approx``, ``start``, ``end`` (ISO dates of the phase as agreed) and
    ``points``: ``{"date", "best", "low", "high"}`` with ``None`` before
    anything was reported.
    """
    series: list[dict] = []
    claims = with_dates(claims)  # once, not once per day
    for index, phase in enumerate(agreement.phases):
        if phase.start is None or phase.start > as_of:
            continue
        last = phase.last_day or as_of
        stop = min(last, as_of)
        span = (stop - phase.start).days
        step = max(1, math.ceil((span + 1) / MAX_POINTS))
        days = [phase.start + dt.timedelta(days=d) for d in range(0, span + 1, step)]
        if days[-1] != stop:
            days.append(stop)
        rows = {o.id: [] for o in phase.obligations}
        for day in days:
            for row in ledger(agreement, claims, day, dated=True)["phases"][index]["obligations"]:
                delivered = row["delivered"]
                rows[row["id"]].append({"date": day.isoformat(), **delivered})
        for obligation in phase.obligations:
            series.append(
                {
                    "phase": phase.name,
                    "obligation": obligation.id,
                    "party": obligation.party,
                    "what": obligation.what,
                    "promised": obligation.quantity,
                    "approx": obligation.approx,
                    "start": phase.start.isoformat(),
                    "end": phase.last_day.isoformat() if phase.last_day else None,
                    "points": rows[obligation.id],
                }
            )
    return series
