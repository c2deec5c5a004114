"""``trucewatch watch`` against a local news site (tests/newsroom.py): feeds in, alerts out.

Every source is served by a threaded HTTP server the test starts on 127.0.0.1;
nothing reaches the internet. The stories are invented and dated from today, so
the agreement's phase is running whenever the tests run.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from newsroom import Newsroom, article_html, handover, rss, spec_yaml, strike
from trucewatch.cli import cli
from trucewatch.ledger import parse_spec
from trucewatch.store import Database
from trucewatch.store.schema import documents, watch_items
from trucewatch.watch import Watcher, parse_sources

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=10)  # a 14-day phase: it ends in 3 days
SITE = "Harbour Gazette"


def publish(newsroom: Newsroom, path: str, story: tuple[str, list[str]], day: dt.date) -> tuple:
    title, paragraphs = story
    url = newsroom.put(path, article_html(title, day, paragraphs, SITE))
    return url, title, day


def run_once(sources, db_url, agreement=None, **options):
    alerts: list[dict] = []
    errors = []
    summaries = []
    watcher = Watcher(
        parse_sources(sources),
        db_url,
        agreements=[agreement] if agreement else [],
        send=alerts.append,
        on_error=errors.append,
        say=lambda _text: None,
        per_host_interval=0,
        **options,
    )
    watcher.run(once=True, on_pass=summaries.append)
    return summaries[0], alerts, errors


def stored(db_url) -> list[dict]:
    with Database(db_url) as db, db.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(documents)).mappings()]


def check_evidence(alert: dict, bodies: dict[str, str]) -> None:
    assert alert["evidence"], alert
    for cited in alert["evidence"]:
        body = bodies[cited["report"]]
        assert body[cited["start"] : cited["end"]] == cited["text"]
        assert body[cited["sentence_start"] : cited["sentence_end"]] == cited["sentence"]
        assert cited["text"] in cited["sentence"]
        assert cited["url"].startswith("http://127.0.0.1:")


def test_a_feed_that_gains_two_articles_yields_two_reports_and_their_alerts(sqlite_url):
    agreement = parse_spec(spec_yaml(START))
    with Newsroom() as site:
        first = [
            publish(site, "/news/handover-1", handover(START + dt.timedelta(days=1), 3, 3, 90),
                    START + dt.timedelta(days=1)),
            publish(site, "/news/handover-2", handover(START + dt.timedelta(days=4), 4, 7, 120),
                    START + dt.timedelta(days=4)),
        ]  # fmt: skip
        feed = site.put("/rss.xml", rss(SITE, first))
        summary, alerts, errors = run_once([feed], sqlite_url, agreement)
        assert not errors
        assert summary.documents == 2
        kinds = sorted(a["kind"] for a in alerts)
        # the first pass announces what it found against the empty baseline, and the
        # phase ending in 3 days with its obligations outstanding
        assert "delivered" in kinds and "deadline" in kinds

        second = [
            publish(site, "/news/handover-3", handover(START + dt.timedelta(days=8), 5, 12, 150),
                    START + dt.timedelta(days=8)),
            publish(site, "/news/strike", strike(START + dt.timedelta(days=9)),
                    START + dt.timedelta(days=9)),
        ]  # fmt: skip
        site.put("/rss.xml", rss(SITE, first + second))
        summary, alerts, errors = run_once([feed], sqlite_url, agreement)

    assert not errors
    assert summary.documents == 2 and summary.new == 2
    rows = stored(sqlite_url)
    assert len(rows) == 4
    assert sorted(r["url"] for r in rows) == sorted(u for u, _t, _d in first + second)
    assert {r["source"] for r in rows} == {SITE}
    new_ids = set(summary.doc_ids)
    bodies = {r["id"]: r["body"] for r in rows}

    by_kind: dict[str, list[dict]] = {}
    for alert in alerts:
        by_kind.setdefault(alert["kind"], []).append(alert)
    assert "deadline" not in by_kind  # announced once, on the first pass
    delivered = {a["obligation"]: a for a in by_kind["delivered"]}
    assert delivered["hostages"]["before"]["best"] == 7
    assert delivered["hostages"]["after"]["best"] == 12
    assert delivered["prisoners"]["after"]["best"] > delivered["prisoners"]["before"]["best"]
    strike_id = next(r["id"] for r in rows if r["url"].endswith("/news/strike"))
    for violation in by_kind["violation"]:  # the strike, told twice in its report
        assert violation["party"] == "Israel" and violation["event"]["type"] == "ASSAULT"
        assert violation["evidence"][0]["report"] == strike_id
    for alert in alerts:
        check_evidence(alert, bodies)
        # each cites a new report (a sum of exchanges cites the older ones beside it)
        assert {c["report"] for c in alert["evidence"]} & new_ids
        json.dumps(alert)  # every alert is plain JSON


def test_the_command_writes_alerts_as_json_lines_and_a_restart_fetches_nothing(tmp_path):
    db = tmp_path / "watch.db"
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "truce.yaml").write_text(spec_yaml(START), "utf-8")
    alerts_file = tmp_path / "alerts.jsonl"
    with Newsroom() as site:
        items = [
            publish(site, "/a/1", handover(START + dt.timedelta(days=2), 3, 3, 90),
                    START + dt.timedelta(days=2)),
            publish(site, "/a/2", strike(START + dt.timedelta(days=3)),
                    START + dt.timedelta(days=3)),
        ]  # fmt: skip
        feed = site.put("/feed", rss(SITE, items), etag='"v1"')
        args = ["watch", feed, "--db", str(db), "--once", "--specs", str(specs),
                "--alerts", str(alerts_file), "--per-host-delay", "0"]  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "2 report(s) stored" in result.stderr
        lines = [json.loads(line) for line in alerts_file.read_text("utf-8").splitlines()]
        assert {a["kind"] for a in lines} >= {"delivered", "violation", "deadline"}
        assert len({a["id"] for a in lines}) == len(lines)

        requests_before = len(site.requests)
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "0 new article(s)" in result.stderr
        again = site.requests[requests_before:]
    # the feed was asked for conditionally and answered 304; no article was fetched again
    feed_requests = [headers for path, headers in again if path == "/feed"]
    assert feed_requests and all(h.get("If-None-Match") == '"v1"' for h in feed_requests)
    assert not [p for p, _h in again if p.startswith("/a/")]
    assert len(alerts_file.read_text("utf-8").splitlines()) == len(lines)  # nothing new
    with Database(f"sqlite:///{db}") as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 2
        query = select(watch_items.c.state, func.count()).group_by(watch_items.c.state)
        states = {state: n for state, n in conn.execute(query)}
    assert states == {"done": 2}


def test_robots_txt_and_user_agent_are_respected(sqlite_url):
    with Newsroom() as site:
        site.put("/robots.txt", "User-agent: trucewatch\nDisallow: /private/\n",
                 content_type="text/plain")  # fmt: skip
        items = [
            publish(site, "/private/leak", handover(START, 3, 3, 90), START),
            publish(site, "/public/story", strike(START + dt.timedelta(days=1)),
                    START + dt.timedelta(days=1)),
        ]  # fmt: skip
        feed = site.put("/rss.xml", rss(SITE, items))
        summary, _alerts, errors = run_once([feed], sqlite_url)
        agents = {h.get("User-Agent") for _p, h in site.requests}
        paths = site.paths()
    assert summary.documents == 1
    assert "/private/leak" not in paths
    (error,) = errors
    assert error.code == "TW114" and "/private/leak" in error.message
    (agent,) = agents
    assert agent.startswith("trucewatch/")


@pytest.mark.parametrize(
    "builder", ["atom", "news_sitemap", "sitemap_index"], ids=["atom", "news-sitemap", "index"]
)
def test_atom_feeds_and_sitemaps_are_read(sqlite_url, builder):
    import newsroom

    with Newsroom() as site:
        items = [
            publish(site, "/s/1", handover(START, 3, 3, 90), START),
            publish(site, "/s/2", strike(START + dt.timedelta(days=1)),
                    START + dt.timedelta(days=1)),
        ]  # fmt: skip
        if builder == "sitemap_index":
            child = site.put("/sitemap-news.xml", newsroom.news_sitemap("Wire Example", items),
                             content_type="application/xml")  # fmt: skip
            source = site.put("/sitemap.xml", newsroom.sitemap_index([child]),
                              content_type="application/xml")  # fmt: skip
        else:
            source = site.put("/listing.xml", getattr(newsroom, builder)("Wire Example", items),
                              content_type="application/xml")  # fmt: skip
        summary, _alerts, errors = run_once([source], sqlite_url)
    assert not errors
    assert summary.documents == 2
    assert sorted(r["url"] for r in stored(sqlite_url)) == sorted(u for u, _t, _d in items)


def test_a_folder_that_receives_files(sqlite_url, tmp_path, examples_dir):
    import os
    import shutil

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    old = (TODAY - dt.timedelta(days=1)).strftime("%s")

    def drop(name: str) -> None:
        shutil.copy(examples_dir / name, inbox / name)
        os.utime(inbox / name, (int(old), int(old)))  # settled: not being written any more

    drop("002_gaza-first-exchange.txt")
    summary, _alerts, errors = run_once([str(inbox)], sqlite_url)
    assert (summary.documents, errors) == (1, [])
    drop("003_gaza-four-soldiers-freed.txt")
    (inbox / "fresh.txt").write_text(" date 2025-01-30 Still being written", "utf-8")
    summary, _alerts, errors = run_once([str(inbox)], sqlite_url)
    assert (summary.new, summary.documents, errors) == (1, 1, [])  # fresh.txt waits
    assert len(stored(sqlite_url)) == 2


def test_a_source_list_in_yaml(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    listing = tmp_path / "sources.yaml"
    listing.write_text(
        "interval: 600\nsources:\n  - http://127.0.0.1:9/feed.xml\n"
        "  - {url: 'http://127.0.0.1:9/sitemap.xml', interval: 60, name: Wire}\n"
        "  - {path: in}\n",
        "utf-8",
    )
    feed, sitemap, folder = parse_sources([str(listing)])
    assert (feed.kind, feed.interval, feed.name) == ("web", 600, None)
    assert (sitemap.interval, sitemap.name) == (60, "Wire")
    assert (folder.kind, folder.location) == ("folder", str(inbox.resolve()))
    listing.write_text("sources:\n  - {url: 'ftp://x', interval: -1}\n", "utf-8")
    with pytest.raises(Exception, match="interval must be"):
        parse_sources([str(listing)])
    with pytest.raises(Exception, match="not an http"):
        parse_sources(["feeds.txt"])
