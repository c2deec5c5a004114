"""A watcher outlives what happens to it: SIGKILL, Ctrl-C, its database restarted.

Each test runs ``trucewatch watch`` in its own process, polling a local news site
(tests/newsroom.py) every second, and checks that every article ends up stored
exactly once and that nothing stored is fetched again.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from newsroom import Newsroom, article_html, filler, rss
from trucewatch.store.database import engine_url
from trucewatch.store.schema import documents

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date.today() - dt.timedelta(days=1)
SITE = "Harbour Gazette"

pytestmark = pytest.mark.slow


def publish(site: Newsroom, numbers, delay: float = 0.0) -> list[tuple]:
    items = []
    for number in numbers:
        title, paragraphs = filler(number, DAY)
        url = site.put(f"/talks/{number}", article_html(title, DAY, paragraphs, SITE), delay=delay)
        items.append((url, title, DAY))
    return items


def start_watcher(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "trucewatch", "watch", *args, "--interval", "1",
               "--per-host-delay", "0", "--fetchers", "1", "--batch-size", "1"]  # fmt: skip
    with log.open("w") as out:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=out, env=env, cwd=ROOT)


def stored_urls(db_url: str) -> list[str]:
    engine = create_engine(engine_url(db_url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(documents.c.url)).scalars())
    except Exception:
        return []  # not created yet, or the server is down
    finally:
        engine.dispose()


def wait_for(condition, what: str, process: subprocess.Popen, log: Path, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"gave up waiting for {what}:\n{log.read_text()}")
        time.sleep(0.2)


def run_once(args: list[str], log: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "trucewatch", "watch", *args, "--once",
               "--per-host-delay", "0"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    log.write_text(done.stderr)
    assert done.returncode == 0, done.stderr


def test_a_killed_watcher_resumes_without_duplicates_or_refetching(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'watch.db'}"
    log = tmp_path / "watch.log"
    with Newsroom() as site:
        items = publish(site, range(1, 9), delay=0.3)
        feed = site.put("/rss.xml", rss(SITE, items))
        watcher = start_watcher([feed, "--db", db_url], log)
        wait_for(lambda: len(stored_urls(db_url)) >= 2, "two reports", watcher, log)
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(30)
        before = set(stored_urls(db_url))
        requests_before = len(site.requests)
        run_once([feed, "--db", db_url], tmp_path / "again.log")
        after = site.paths()[requests_before:]
    urls = stored_urls(db_url)
    assert sorted(urls) == sorted(u for u, _t, _d in items)  # each article once
    refetched = {p for p in after if site.url(p) in before}
    assert not refetched, f"fetched again after the restart: {refetched}"


def test_ctrl_c_stops_between_reports_and_a_restart_finishes(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'watch.db'}"
    log = tmp_path / "watch.log"
    with Newsroom() as site:
        items = publish(site, range(20, 28), delay=0.3)
        feed = site.put("/rss.xml", rss(SITE, items))
        watcher = start_watcher([feed, "--db", db_url], log)
        wait_for(lambda: len(stored_urls(db_url)) >= 1, "a report", watcher, log)
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(120) == 0, log.read_text()
        assert "stopping after the current report" in log.read_text()
        run_once([feed, "--db", db_url], tmp_path / "again.log")
    assert sorted(stored_urls(db_url)) == sorted(u for u, _t, _d in items)


@pytest.mark.postgres
def test_postgresql_stopped_and_started_under_a_running_watcher_costs_no_report(tmp_path):
    from trucewatch.store.pgtemp import server_bindir, temporary_postgres

    bindir = server_bindir()
    if bindir is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no PostgreSQL server binary (initdb) was found")
        pytest.skip("no PostgreSQL server binary (initdb) found: apt-get install postgresql")
    log = tmp_path / "watch.log"
    # A server of its own: the session's is shared by the other tests and stays up.
    with temporary_postgres(bindir) as server, Newsroom() as site:
        db_url = server.create_database()
        first = publish(site, range(40, 42))
        site.put("/rss.xml", rss(SITE, first))
        watcher = start_watcher([site.url("/rss.xml"), "--db", db_url], log)
        try:
            wait_for(lambda: len(stored_urls(db_url)) == 2, "the first two", watcher, log)
            server.stop()
            second = publish(site, range(42, 44))
            site.put("/rss.xml", rss(SITE, first + second))
            wait_for(lambda: "database unavailable" in log.read_text(), "the outage", watcher, log)
            server.start()
            wait_for(lambda: len(stored_urls(db_url)) >= 4, "the next two", watcher, log)
            assert watcher.poll() is None  # it went on
        finally:
            watcher.send_signal(signal.SIGINT)
            watcher.wait(60)
        urls = stored_urls(db_url)
    assert sorted(urls) == sorted(u for u, _t, _d in first + second)
