"""The ledger on real reports: delivered numbers against the publicly known facts.

    python benchmarks/realworld.py FOLDER FACTS [--db URL] [--errors] [--json]

FOLDER holds real news pages saved in the seed's format (`` date YYYY-MM-DD``
then the page's text); they stay outside the repository. FACTS is a facts file
(``benchmarks/realworld/*.yaml``: the spec a user would write, the delivered
counts by date that the public record establishes, and the pages' URLs and
outlets). The pages are ingested into a fresh SQLite database (or ``--db``),
the ledger is asked for each checked date, and each delivered number is
compared with the fact: exactly, or within 3% where the public figure is itself
approximate. The exit code is 0 whatever the score: this is a measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

import yaml

from trucewatch import pipeline
from trucewatch.ledger import ledger_from_db, parse_spec
from trucewatch.store import Database

APPROX_TOLERANCE = 0.03


def load_facts(path: Path) -> dict:
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["agreement"] = parse_spec(yaml.safe_dump(facts["spec"]), str(path))
    return facts


def right(fact: dict, delivered: float | None) -> bool:
    if delivered is None:
        return False
    if fact.get("approx"):
        return abs(delivered - fact["delivered"]) <= APPROX_TOLERANCE * fact["delivered"]
    return delivered == fact["delivered"]


def score(db: Database, facts: dict) -> list[dict]:
    """One row per check: the fact, the ledger's delivered number and whether it is right."""
    rows = []
    for check in facts["checks"]:
        as_of = check["as_of"]
        if not isinstance(as_of, dt.date):
            as_of = dt.date.fromisoformat(str(as_of))
        result = ledger_from_db(facts["agreement"], db, as_of)
        row = next(
            o for p in result["phases"] for o in p["obligations"] if o["id"] == check["obligation"]
        )
        best = row["delivered"]["best"]
        rows.append(
            {
                "as_of": as_of.isoformat(),
                "obligation": check["obligation"],
                "fact": check["delivered"],
                "approx": bool(check.get("approx")),
                "ledger": best,
                "low": row["delivered"]["low"],
                "high": row["delivered"]["high"],
                "status": row["status"],
                "right": right(check, best),
                "evidence": row["evidence"],
                "conflicts": row["conflicts"],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the saved pages (seed format)")
    parser.add_argument("facts", type=Path, help="the corpus's facts file")
    parser.add_argument("--db", help="database URL to ingest into (default: a fresh SQLite file)")
    parser.add_argument("--errors", action="store_true", help="show the evidence of wrong rows")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)

    facts = load_facts(args.facts)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'realworld.db'}"
        with Database(url) as db:
            summary = pipeline.ingest([str(args.folder)], db)
            rows = score(db, facts)
    correct = sum(r["right"] for r in rows)
    if args.json:
        for row in rows:
            row.pop("evidence"), row.pop("conflicts")
        print(json.dumps({"corpus": facts["corpus"], "right": correct, "checks": len(rows),
                          "documents": summary.documents, "rows": rows}, indent=1))  # fmt: skip
        return 0
    print(f"{facts['corpus']}: {summary.documents} reports, {len(summary.errors)} input errors")
    print(f"{'as of':<11} {'obligation':<34} {'fact':>7} {'ledger':>7}  status     right")
    for row in rows:
        fact = ("~" if row["approx"] else "") + f"{row['fact']:,}"
        shown = "–" if row["ledger"] is None else f"{row['ledger']:,}"
        mark = "yes" if row["right"] else "NO"
        print(
            f"{row['as_of']:<11} {row['obligation'][:34]:<34} {fact:>7} {shown:>7}  "
            f"{row['status']:<10} {mark}"
        )
        if args.errors and not row["right"]:
            for e in row["evidence"]:
                print(f"    {e['kind']:<10} {e['value']!s:>6} {e['happened']} {e['doc'][:8]} "
                      f"{(e['evidence'] or '')[:110]!r}")  # fmt: skip
            for c in row["conflicts"]:
                values = ", ".join(f"{v['value']}" for v in c["values"])
                print(f"    conflict {c['kind']} {c['date']}: {values}")
    print(f"right: {correct} of {len(rows)} ({correct / len(rows):.0%})" if rows else "no checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
