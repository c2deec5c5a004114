"""The dashboard and API under load, while an ingest writes: no error, every answer in time.

50 clients request pages and API calls for 60 seconds against ``trucewatch
serve`` on 127.0.0.1 (bounded: the clients stop by themselves), while another
process ingests new reports into the same database. Latency percentiles are
printed and written to ``$TRUCEWATCH_LOAD_REPORT`` when set (docs/RELIABILITY.md
quotes them); the test asserts no error and that the reader kept answering,
not a time.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from trucewatch import pipeline
from trucewatch.store import Database

pytestmark = pytest.mark.slow

CLIENTS = 50
SECONDS = float(os.environ.get("TRUCEWATCH_LOAD_SECONDS", "60"))
PATHS = [
    "/",
    "/agreements/gaza-2025",
    "/documents?q=prisoners",
    "/quotes",
    "/figures",
    "/incidents",
    "/api/documents?limit=20",
    "/api/documents?q=hostages&since=2025-01-01",
    "/api/records/quote?limit=20&filter=speaker:netanyahu",
    "/api/records/claim?limit=50",
    "/api/agreements/gaza-2025/ledger?as_of=2025-02-16",
    "/api/incidents?limit=20",
]


def write_corpus(folder, examples_dir, count=24):
    folder.mkdir()
    sources = sorted(examples_dir.glob("*.txt"))
    for i in range(count):
        text = sources[i % len(sources)].read_text("utf-8").rstrip()
        (folder / f"late{i:03}.txt").write_text(f"{text}\n\nLate update {i} from Cairo.\n", "utf-8")


def test_fifty_clients_for_a_minute_while_an_ingest_writes(serve, examples_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'load.db'}"
    with Database(url) as db:
        pipeline.ingest([str(examples_dir)], db)
        before = db.counts()["documents"]
    corpus = tmp_path / "late"
    write_corpus(corpus, examples_dir)

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    with serve(url) as base:
        ingest = subprocess.Popen(
            [sys.executable, "-m", "trucewatch", "ingest", str(corpus), "--db", url,
             "--batch-size", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + SECONDS

        def client(number: int) -> None:
            i = number
            while time.monotonic() < deadline:
                path = PATHS[i % len(PATHS)]
                i += 1
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError as error:
                    status = repr(error)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        failures.append(f"{path}: {status}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(SECONDS + 60)
        _, ingest_errors = ingest.communicate(timeout=600)

    ordered = sorted(latencies)
    report = {
        "clients": CLIENTS,
        "seconds": SECONDS,
        "requests": len(latencies),
        "errors": len(failures),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "max_ms": round(ordered[-1], 1),
    }
    print("load:", json.dumps(report))
    if os.environ.get("TRUCEWATCH_LOAD_REPORT"):
        with open(os.environ["TRUCEWATCH_LOAD_REPORT"], "w", encoding="utf-8") as out:
            json.dump(report, out)
    assert failures == [], failures[:10]
    assert len(latencies) > CLIENTS * 5
    assert ingest.returncode == 0, ingest_errors
    with Database(url) as db:
        assert db.counts()["documents"] == before + 24
