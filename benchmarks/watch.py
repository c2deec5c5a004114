"""Watch speed: ``watch --once`` against ``ingest`` of the same texts, and feed-to-alert latency.

    .venv/bin/python benchmarks/watch.py                 # 200 articles, 4 hosts, 3 latency runs
    .venv/bin/python benchmarks/watch.py --articles 40 --latency-runs 1   # a quick look

(a) **ingest**: the articles' texts as ``.txt`` files (header, title, paragraphs),
``pipeline.ingest`` into a new SQLite file. (b) **watch --once**: the same
articles as HTML pages behind 4 RSS feeds, one per host (127.0.0.1 to
127.0.0.4, each its own server), a ``Watcher`` pass into another new SQLite
file: robots.txt, feeds, pages fetched in parallel threads, trafilatura, the
same extraction and store. The model is loaded before either clock starts.
Reports per second of each and the ratio b/a (target >= 0.8).

Latency: a watcher polls the 4 feeds every ``--interval`` seconds (30) with
an agreement spec; at a random moment an article reporting a strike is added
to one feed, and the time until its ``violation`` alert is sent is measured
(target <= 60 s: at most one interval of waiting, plus the pass).

Pages and feeds are served from this machine only; the stories are the test
suite's own (tests/newsroom.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from newsroom import Newsroom, article_html, filler, rss, spec_yaml, strike  # noqa: E402
from trucewatch import pipeline  # noqa: E402
from trucewatch.ledger import parse_spec  # noqa: E402
from trucewatch.nlp import load_model  # noqa: E402
from trucewatch.store import Database  # noqa: E402
from trucewatch.watch import Watcher, parse_sources  # noqa: E402

HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]
SITE = "Benchmark Courier"


class RemoteSite:
    """A Newsroom served from a process of its own, as a real site is: its threads do
    not compete with the watcher for this interpreter's lock."""

    def __init__(self, connection, index: int):
        self.connection, self.index = connection, index

    def put(self, path: str, body: str, **options) -> str:
        self.connection.send(("put", self.index, path, body, options))
        return self.connection.recv()


def _site_process(connection, hosts: list[str]) -> None:
    sites = [Newsroom(host).__enter__() for host in hosts]
    connection.send("ready")
    while (command := connection.recv()) is not None:
        _, index, path, body, options = command
        connection.send(sites[index].put(path, body, **options))
    for site in sites:
        site.__exit__(None, None, None)


def start_sites():
    import multiprocessing

    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_site_process, args=(theirs, HOSTS), daemon=True
    )
    process.start()
    assert ours.recv() == "ready"
    return [RemoteSite(ours, i) for i in range(len(HOSTS))], process, ours


def serve(sites: list[RemoteSite], count: int, day: dt.date) -> tuple[list[str], list[str]]:
    """Spread ``count`` articles over the sites' feeds; returns the feeds and the texts."""
    texts = []
    per_site: list[list[tuple]] = [[] for _ in sites]
    for number in range(count):
        title, paragraphs = filler(number, day)
        site = sites[number % len(sites)]
        url = site.put(f"/talks/{number}", article_html(title, day, paragraphs, SITE))
        per_site[number % len(sites)].append((url, title, day))
        texts.append(f" date {day.isoformat()}\n{title}\n\n" + "\n\n".join(paragraphs) + "\n")
    feeds = [site.put("/rss.xml", rss(SITE, items)) for site, items in zip(sites, per_site)]  # noqa: B905
    return feeds, texts


def time_ingest(texts: list[str], folder: Path) -> tuple[float, int]:
    folder.mkdir(parents=True, exist_ok=True)
    reports = folder / "reports"
    reports.mkdir()
    for number, text in enumerate(texts):
        (reports / f"{number:04d}.txt").write_text(text, "utf-8")
    with Database(f"sqlite:///{folder / 'ingest.db'}") as db:
        started = time.perf_counter()
        summary = pipeline.ingest([str(reports)], db, batch_size=8)
        return time.perf_counter() - started, summary.documents


def time_watch(feeds: list[str], folder: Path, delay: float) -> tuple[float, int]:
    folder.mkdir(parents=True, exist_ok=True)
    summaries = []
    watcher = Watcher(parse_sources(feeds), f"sqlite:///{folder / 'watch.db'}",
                      say=lambda _t: None, per_host_interval=delay)  # fmt: skip
    started = time.perf_counter()
    watcher.run(once=True, on_pass=summaries.append)
    return time.perf_counter() - started, summaries[0].documents


def latency(sites: list[RemoteSite], feeds: list[str], folder: Path, interval: float,
            rng: random.Random, runs: int, delay: float) -> list[float]:  # fmt: skip
    today = dt.date.today()
    agreement = parse_spec(spec_yaml(today - dt.timedelta(days=5), days=30))
    sent: dict[str, float] = {}
    lock = threading.Condition()

    def send(alert: dict) -> None:
        if alert["kind"] == "violation":
            with lock:
                for cited in alert["evidence"]:
                    sent.setdefault(cited["url"], time.monotonic())
                lock.notify_all()

    stop = threading.Event()
    watcher = Watcher(parse_sources(feeds), f"sqlite:///{folder / 'latency.db'}",
                      agreements=[agreement], send=send, say=lambda _t: None,
                      interval=interval, per_host_interval=delay, stop=stop)  # fmt: skip
    passes = threading.Semaphore(0)
    thread = threading.Thread(
        target=watcher.run, kwargs={"on_pass": lambda _s: passes.release()}, daemon=True
    )
    thread.start()
    passes.acquire()  # the first pass has read the 200 articles
    found = []
    site, feed_items = sites[0], []
    for run in range(runs):
        time.sleep(rng.uniform(0, interval))  # any moment of the interval
        title, paragraphs = strike(today - dt.timedelta(days=run % 3))
        url = site.put(f"/breaking/{run}", article_html(title, today, paragraphs, SITE))
        feed_items.append((url, title, today))
        site.put("/rss.xml", rss(SITE, feed_items))
        published = time.monotonic()
        with lock:
            lock.wait_for(lambda u=url: u in sent, timeout=interval * 4)
        if url in sent:
            found.append(sent[url] - published)
        print(f"latency run {run + 1}: {found[-1] if found else float('nan'):.1f} s",
              file=sys.stderr)  # fmt: skip
    stop.set()
    thread.join(120)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--interval", type=float, default=30.0)
    parser.add_argument("--latency-runs", type=int, default=3)
    parser.add_argument("--per-host-delay", type=float, default=0.1,
                        help="seconds between two requests to one host")  # fmt: skip
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of ingest and watch")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sites, process, connection = start_sites()  # forked before the model is loaded
    load_model()  # outside both clocks
    day = dt.date.today() - dt.timedelta(days=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            feeds, texts = serve(sites, args.articles, day)
            # warm-up: the whole path once over a tiny corpus (alias table, trafilatura)
            warm = folder / "warm"
            warm.mkdir()
            time_ingest(texts[:2], warm)
            # Rounds alternate ingest, watch, ingest, ...: drift on a shared machine
            # hits both alike; the medians are reported.
            ingest_runs, watch_runs = [], []
            for round_ in range(args.repeat):
                ingest_runs.append(time_ingest(texts, folder / f"i{round_}"))
                watch_runs.append(time_watch(feeds, folder / f"w{round_}", args.per_host_delay))
                print(f"round {round_ + 1}: ingest {ingest_runs[-1][0]:.1f} s, "
                      f"watch {watch_runs[-1][0]:.1f} s", file=sys.stderr)  # fmt: skip
            ingest_s = statistics.median(s for s, _n in ingest_runs)
            watch_s = statistics.median(s for s, _n in watch_runs)
            ingested, watched = ingest_runs[-1][1], watch_runs[-1][1]
            runs = latency(sites, feeds, folder, args.interval, rng, args.latency_runs,
                           args.per_host_delay) if args.latency_runs else []  # fmt: skip
        finally:
            connection.send(None)
            process.join(10)
    result = {
        "articles": args.articles,
        "hosts": len(HOSTS),
        "per_host_delay_s": args.per_host_delay,
        "ingest": {"reports": ingested, "seconds": round(ingest_s, 2),
                   "reports_per_s": round(ingested / ingest_s, 2)},
        "watch_once": {"reports": watched, "seconds": round(watch_s, 2),
                       "reports_per_s": round(watched / watch_s, 2)},
        "ratio": round((watched / watch_s) / (ingested / ingest_s), 3),
        "interval_s": args.interval,
        "latency_s": [round(x, 1) for x in runs],
        "latency_max_s": round(max(runs), 1) if runs else None,
        "latency_median_s": round(statistics.median(runs), 1) if runs else None,
    }  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"ingest      {ingested} reports in {ingest_s:.1f} s: {ingested / ingest_s:.2f} reports/s"
    )
    print(f"watch --once {watched} reports in {watch_s:.1f} s: {watched / watch_s:.2f} reports/s"
          f" (4 hosts, {args.per_host_delay:g} s between requests to a host)")  # fmt: skip
    print(f"ratio watch/ingest: {result['ratio']:.2f} (target >= 0.8)")
    if runs:
        print(f"feed-to-alert latency at a {args.interval:g} s interval: "
              f"{', '.join(f'{x:.1f}' for x in runs)} s; max {max(runs):.1f} s (target <= 60 s)")  # fmt: skip


if __name__ == "__main__":
    main()
