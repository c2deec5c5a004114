"""Query latency on a large generated database: the ledger and record look-ups.

Generates a database of ``--records`` records (default 1,000,000) spread over
``--docs`` reports (default 20,000) with realistic values where they matter
to the queries (figure categories, dates, actor names, speakers), then times
each query ``--repeat`` times with varying parameters and prints p50/p95 in
milliseconds. Every record table in the schema is filled, so the benchmark
follows the schema as it grows.

    python benchmarks/queries.py [--records 1000000] [--docs 20000] [--db URL] [--postgres]
                                 [--analyze] [--reviews 1000]

After the queries, ``--reviews`` reviews (default 1,000) are stored on figures the
ledger reads, and the ledger is timed again over them (issue 14).

The generated SQLite file is kept with ``--db sqlite:///PATH`` (generation
takes a minute or two); a later run with the same ``--db`` reuses it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Boolean, Date, Float, Integer, func, insert, select, text
from sqlalchemy.types import JSON

from trucewatch.ledger import ledger_from_db, load_spec
from trucewatch.store import Database
from trucewatch.store import reviews as review_store
from trucewatch.store.schema import RECORD_TABLES, documents, metadata, reviews

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "agreements" / "gaza-2025-phase1.yaml"
SHARE = {"entity": 0.45, "quote": 0.15, "claim": 0.25, "event": 0.15}  # of records, by kind
ACTORS = ["Israel", "Hamas", "Qatar", "Egypt", "United States", "Ukraine", "Russia", "Lebanon",
          "Hezbollah", "India", "Pakistan", "Turkey"] + [f"Actor {i}" for i in range(400)]  # fmt: skip
CATEGORIES = ["killed", "wounded", "hostages_held", "hostages_released", "prisoners_released",
              "exchanges", "displaced", "aid_trucks", "duration", "other"]  # fmt: skip
VALUES = {
    "category": CATEGORIES,
    "modality": ["reported"] * 6 + ["term", "projected", "negated"],
    "label": ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"],
    "canonical": ACTORS,
    "text": ACTORS,
    "speaker": [f"Speaker {i}" for i in range(300)] + ACTORS[:12],
    "source": ["the health ministry", "the army", "a UN tally", None, None],
    "type": ["ASSAULT", "CONSULT", "RETREAT", "AID", "AGREE", "REJECT"],
    "status": ["occurred", "planned", "negated"],
    "cue": ["say", "tell", "warn", "according to"],
}
START = dt.date(2025, 1, 1)


# Report text as long as a wire report (2,500 to 7,000 characters) and as
# compressible as prose: how a body is stored (SQLite overflow pages,
# PostgreSQL's compressed TOAST) decides what cutting out an evidence costs.
SAMPLE = (
    "the ceasefire talks mediators said on Monday that hostages and prisoners were "
    "released in the third exchange under the agreement while aid trucks crossed "
    "into Gaza according to officials of the ministry and the army in a statement "
    "about the killed wounded displaced families returning north after weeks"
)
WORDS = SAMPLE.split()


def report_body(rng: random.Random) -> str:
    words, length = [], rng.randrange(2500, 7000)
    while length > 0:
        word = rng.choice(WORDS)
        words.append(word.capitalize() + "." if rng.random() < 0.05 else word)
        length -= len(word) + 1
    return " ".join(words)


def fill(
    db: Database, n_records: int, n_docs: int, seed: int = 7, bodies: list[str] | None = None
) -> None:
    """Generate ``n_docs`` reports (``bodies`` if given, else ``report_body``) and their records."""
    rng = random.Random(seed)
    doc_ids = [f"{i:016x}" for i in range(n_docs)]
    doc_dates = [START + dt.timedelta(days=rng.randrange(365)) for _ in doc_ids]
    bodies = bodies or [report_body(rng) for _ in doc_ids]
    now = dt.datetime.now(dt.UTC)
    with db.engine.begin() as conn:
        rows = []
        for d, day, body in zip(doc_ids, doc_dates, bodies, strict=True):
            rows.append(
                {"id": d, "content_hash": f"{d}{'0' * 48}", "path": f"gen/{d}.txt", "body": body,
                 "chars": len(body), "date": day, "ingested_at": now}
            )  # fmt: skip
        for i in range(0, len(rows), 5000):
            conn.execute(insert(documents), rows[i : i + 5000])
    incident_ids = fill_incidents(db, n_records, rng)
    kinds = {k: v for k, v in SHARE.items() if k in RECORD_TABLES}
    total_share = sum(kinds.values())
    for kind, share in kinds.items():
        table = RECORD_TABLES[kind]
        count = int(n_records * share / total_share)
        columns = [c for c in table.columns if c.name != "id"]
        batch = []
        with db.engine.begin() as conn:
            for _ in range(count):
                doc = rng.randrange(n_docs)
                start = rng.randrange(len(bodies[doc]) - 100)
                row = {"doc_id": doc_ids[doc], "start": start, "end": start + 20,
                       "evidence_start": max(0, start - 40), "evidence_end": start + 80}  # fmt: skip
                if "evidence" in table.c:  # the sentence, as stored beside its offsets
                    row["evidence"] = bodies[doc][row["evidence_start"] : row["evidence_end"]]
                for column in columns:
                    if column.name == "as_of":  # what the extractor gives: the report's date
                        row[column.name] = doc_dates[doc]
                    elif column.name == "incident_id":
                        row[column.name] = rng.choice(incident_ids)
                    elif column.name not in row:
                        row[column.name] = value_for(column, rng, doc_dates[doc])
                batch.append(row)
                if len(batch) == 10_000:
                    conn.execute(insert(table), batch)
                    batch = []
            if batch:
                conn.execute(insert(table), batch)


def add_reviews(db: Database, n: int, seed: int = 5) -> int:
    """Reviews on ``n`` figures a ledger reads (releases), as a team's year of review would
    leave them: 4 in 10 confirmed, 3 rejected, 2 corrected, 1 added beside them. Returns
    how many reviews the database holds (a reused database keeps them)."""
    with db.engine.connect() as conn:
        held = conn.execute(select(func.count()).select_from(reviews)).scalar_one()
    if held >= n:
        return held
    rng = random.Random(seed)
    claims = RECORD_TABLES["claim"]
    query = (
        select(claims.c.start, claims.c.end, claims.c.value, documents.c.content_hash)
        .join(documents, documents.c.id == claims.c.doc_id)
        .where(claims.c.category.in_(["hostages_released", "prisoners_released"]))
        .order_by(func.random())
        .limit(n)
    )
    with db.engine.connect() as conn:
        picked = conn.execute(query).all()
    now = dt.datetime.now(dt.UTC)
    items = []
    for i, (start, end, value, content_hash) in enumerate(picked):
        verdict, fields = ["confirm"] * 4 + ["reject"] * 3 + ["correct"] * 2 + ["add"], None
        verdict = verdict[i % 10]
        if verdict == "correct":
            fields = {"value": int(value or 0) + rng.randrange(1, 20)}
        elif verdict == "add":
            start, end = end + 5, end + 25
            fields = {"value": rng.randrange(1, 400), "category": "prisoners_released"}
        items.append(
            {"content_hash": content_hash, "kind": "claim", "start": start, "end": end,
             "verdict": verdict, "fields": fields, "reviewer": f"analyst {i % 7}",
             "created_at": now + dt.timedelta(seconds=i), "note": None}
        )  # fmt: skip
    review_store.append(db, items)
    return held + len(items)


def fill_incidents(db: Database, n_records: int, rng: random.Random) -> list[int]:
    """Incidents for the events to point to: one per three events, as in the examples."""
    if "incidents" not in metadata.tables:
        return []
    table = metadata.tables["incidents"]
    count = max(1, int(n_records * SHARE["event"] / 3))
    rows = [
        {"type": rng.choice(VALUES["type"]), "status": rng.choice(VALUES["status"]),
         "date": START + dt.timedelta(days=rng.randrange(365)), "actor": [rng.choice(ACTORS)],
         "target": [rng.choice(ACTORS)], "mentions": 3, "documents": 2}
        for _ in range(count)
    ]  # fmt: skip
    with db.engine.begin() as conn:
        for i in range(0, len(rows), 10_000):
            conn.execute(insert(table), rows[i : i + 10_000])
        return [r[0] for r in conn.execute(select(table.c.id))]


def value_for(column, rng: random.Random, doc_date: dt.date):
    if column.name in VALUES:
        return rng.choice(VALUES[column.name])
    if isinstance(column.type, Boolean):
        return rng.random() < 0.3
    if isinstance(column.type, Date):
        return doc_date - dt.timedelta(days=rng.randrange(3)) if rng.random() < 0.6 else None
    if isinstance(column.type, Integer):
        return rng.randrange(2000) if column.nullable else rng.randrange(2000)
    if isinstance(column.type, Float):
        return float(rng.randrange(1, 2000))
    if isinstance(column.type, JSON):
        return [rng.choice(ACTORS)]
    return rng.choice(ACTORS) if column.nullable and rng.random() < 0.7 else "text"


def timed(fn, repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def run_queries(db: Database, repeat: int) -> dict[str, tuple[float, float]]:
    with db.engine.connect() as conn:
        doc_ids = [r[0] for r in conn.execute(select(documents.c.id).limit(1000))]
    spec = load_spec(SPEC)
    days = [START + dt.timedelta(days=d) for d in range(20, 360, 7)]
    queries = {
        "ledger (Gaza spec, as of a date)": lambda i: ledger_from_db(spec, db, days[i % len(days)]),
        "records of one report (every kind)": lambda i: [
            list(db.iter_records(kind, doc_id=doc_ids[i % len(doc_ids)])) for kind in RECORD_TABLES
        ],
        "quotes by speaker (contains)": lambda i: list(
            db.iter_records("quote", contains={"speaker": f"speaker {i % 300}"})
        ),
        "latest 20 reports with counts": lambda i: db.list_documents(),
        "most mentioned actors": lambda i: db.top_values("entity", "canonical"),
    }
    if "claim" not in RECORD_TABLES:
        queries.pop("ledger (Gaza spec, as of a date)")
    return {name: percentiles(timed(fn, repeat)) for name, fn in queries.items()}


def record_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in RECORD_TABLES.values()
        )


def bench(url: str, args) -> None:
    db = Database(url)
    if record_count(db) == 0:
        started = time.perf_counter()
        fill(db, args.records, args.docs)
        print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    # Planner statistics as each database keeps them by itself: PostgreSQL's
    # autovacuum vacuums and analyzes a table that grew (done here before the
    # timing, not during it); SQLite never does unless told (--analyze: with
    # statistics it starts the ledger from the reports naming a party, without
    # from the figures' index).
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    elif args.analyze:
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    # The generator's garbage is not the queries': collect it before the clock starts
    # (left, it made the first timings pay for collecting a million generated rows).
    # Then freeze what is loaded, as `trucewatch serve` does at start: the collector's
    # full passes over it paused one ledger in twenty by 70 ms.
    gc.collect()
    gc.freeze()
    print(f"{db.engine.dialect.name}: {record_count(db):,} records, {args.repeat} runs per query")
    for name, (p50, p95) in run_queries(db, args.repeat).items():
        print(f"  {name:40} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
    if args.reviews:
        held = add_reviews(db, args.reviews)
        spec = load_spec(SPEC)
        days = [START + dt.timedelta(days=d) for d in range(20, 360, 7)]
        gc.collect()
        p50, p95 = percentiles(
            timed(lambda i: ledger_from_db(spec, db, days[i % len(days)]), args.repeat)
        )
        name = f"ledger with {held:,} reviews"
        print(f"  {name:40} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    parser.add_argument("--analyze", action="store_true", help="ANALYZE SQLite too (as PostgreSQL)")
    parser.add_argument(
        "--reviews", type=int, default=1000, help="then time the ledger with this many reviews"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trucewatch-queries-") as scratch:
        bench(args.db or f"sqlite:///{scratch}/queries.db", args)
        if args.postgres:
            from trucewatch.store.pgtemp import server_bindir, temporary_postgres

            with temporary_postgres(server_bindir()) as server:
                bench(server.create_database("queries"), args)


if __name__ == "__main__":
    main()
