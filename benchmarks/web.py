"""Web latency: every page and API call of ``trucewatch serve``, p50/p95 in milliseconds.

Issue 7 asks for p95 <= 200 ms on a database of the examples plus 10,000
generated reports. This ingests ``examples/reports`` for real, adds
``--docs`` generated reports (default 10,000; words drawn from the examples,
so full-text search has work to do) with ``--records`` generated records
(default 600,000, about the examples' 60 per report) through
``benchmarks/queries.py``'s generator, then requests each URL ``--repeat``
times in-process (FastAPI's TestClient: the app and the database, no network).

    python benchmarks/web.py [--docs 10000] [--records 600000] [--repeat 30] [--db URL] [--postgres]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from queries import add_reviews, fill, percentiles  # noqa: E402

from trucewatch import pipeline  # noqa: E402
from trucewatch.store import Database  # noqa: E402
from trucewatch.store.schema import RECORD_TABLES  # noqa: E402
from trucewatch.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
AGREEMENTS = ROOT / "examples" / "agreements"
LIMIT_MS = 200
REVIEWS = 1000  # a year of a team's review on the generated figures (issue 14)
REVIEWER_TOKEN = "benchmark-reviewer-token"


def generated_bodies(n: int, seed: int = 11) -> list[str]:
    """Report-sized texts of words from the examples, in random order."""
    words = re.findall(r"\w+", " ".join(p.read_text("utf-8") for p in EXAMPLES.glob("*.txt")))
    rng = random.Random(seed)
    return [" ".join(rng.choices(words, k=350)) + "." for _ in range(n)]


def build(db: Database, docs: int, records: int) -> None:
    pipeline.ingest([str(EXAMPLES)], db)
    fill(db, records, docs, bodies=generated_bodies(docs))
    add_reviews(db, REVIEWS)
    # Fresh statistics, as autovacuum or a running database would have them.
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def urls(client: TestClient) -> dict[str, list[str]]:
    """Each page or API call with a few varied parameters."""
    docs = [d["id"] for d in client.get("/api/documents", params={"limit": 50}).json()["items"]]
    speakers = ["Speaker 1", "Speaker 77", "Hamas", "Netanyahu", "trump"]
    words = ["hostages", "prisoners released", "ceasefire Gaza", "Doha talks", "aid trucks"]
    calls = {
        "dashboard /": ["/"],
        "agreement /agreements/gaza-2025": [
            "/agreements/gaza-2025",
            "/agreements/gaza-2025?as_of=2025-02-04",
        ],
        "reports /documents": ["/documents", "/documents?page=7"],
        "search /documents?q=": [f"/documents?q={w}" for w in words]
        + ["/documents?q=hostages&since=2025-02-01&actor=Hamas&kind=quote"],
        "report /documents/ID": [f"/documents/{d}" for d in docs[:10]],
        "quotes /quotes?speaker=": ["/quotes"] + [f"/quotes?speaker={s}" for s in speakers],
        "records /records/entity": ["/records/entity", "/records/entity?page=40"],
        "api documents": ["/api/documents", "/api/documents?offset=5000"],
        "api search": [f"/api/documents?q={w}" for w in words],
        "api document": [f"/api/documents/{d}" for d in docs[:10]],
        "api records": [
            "/api/records/quote?filter=speaker:hamas",
            "/api/records/entity?offset=10000",
            "/api/records/entity?filter=canonical:israel&since=2025-03-01",
        ],
        "api ledger": [
            "/api/agreements/gaza-2025/ledger",
            "/api/agreements/gaza-2025/ledger?as_of=2025-02-04&timeline=true",
        ],
    }
    calls["review queue /review"] = [
        "/review?agreement=gaza-2025",
        "/review?agreement=gaza-2025&as_of=2025-02-04",
    ]
    if "claim" in RECORD_TABLES:
        calls["figures /figures"] = ["/figures", "/figures?category=hostages_released"]
    if "event" in RECORD_TABLES:
        calls["incidents /incidents"] = ["/incidents", "/api/incidents"]
    return calls


def sign_in(client: TestClient) -> None:
    page = client.get("/signin").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/signin", data={"token": REVIEWER_TOKEN, "csrf": csrf})
    if 'class="reviewer"' not in client.get("/review?agreement=gaza-2025").text:
        raise SystemExit("the benchmark reviewer could not sign in")


def bench(url: str, args) -> bool:
    db = Database(url)
    if db.counts()["documents"] == 0:
        started = time.perf_counter()
        build(db, args.docs, args.records)
        print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    counts = db.counts()
    records = sum(counts[k] for k in RECORD_TABLES)
    print(f"{db.engine.dialect.name}: {counts['documents']:,} reports, {records:,} records, "
          f"{args.repeat} requests per line")  # fmt: skip
    db.close()
    ok = True
    app = create_app(url, AGREEMENTS, None, {REVIEWER_TOKEN: "benchmark"})
    with TestClient(app) as client, TestClient(app) as reviewer:
        calls = {name: (client, paths) for name, paths in urls(client).items()}
        sign_in(reviewer)
        calls["agreement, signed in (review controls)"] = (reviewer, [
            "/agreements/gaza-2025", "/agreements/gaza-2025?as_of=2025-02-04"])  # fmt: skip
        calls["review queue, signed in"] = (reviewer, ["/review?agreement=gaza-2025"])
        for name, (client, paths) in calls.items():
            times = []
            for i in range(args.repeat):
                path = paths[i % len(paths)]
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
            p50, p95 = percentiles(times)
            flag = "" if p95 <= LIMIT_MS else f"  over {LIMIT_MS} ms"
            ok &= p95 <= LIMIT_MS
            print(f"  {name:40} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms{flag}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=600_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="trucewatch-web-") as scratch:
        ok &= bench(args.db or f"sqlite:///{scratch}/web.db", args)
        if args.postgres:
            from trucewatch.store.pgtemp import server_bindir, temporary_postgres

            with temporary_postgres(server_bindir()) as server:
                ok &= bench(server.create_database("web"), args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
