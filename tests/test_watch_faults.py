"""Bad sources: each gets a one-line error naming it and the reason, is tried again
later where that can help, and never stops the other sources (a local server's faults)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select

from newsroom import Newsroom, article_html, handover, rss, strike
from trucewatch.store import Database
from trucewatch.store.schema import input_errors, watch_items, watch_sources
from trucewatch.watch import Watcher, parse_sources
from trucewatch.watch.outputs import Webhook, signature

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=2)
SITE = "Harbour Gazette"


def page(story) -> str:
    title, paragraphs = story
    return article_html(title, DAY, paragraphs, SITE)


def test_bad_sources_and_pages_fail_alone_with_one_line_errors(sqlite_url, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_MAX_REPORT_BYTES", "20000")
    with Newsroom() as site:
        good = site.put("/ok", page(handover(DAY, 3, 3, 90)))
        articles = {
            "/gone": ("TW111", "failed"),  # 404: may yet be published
            "/broken": ("TW111", "failed"),  # 500, after retries
            "/slow": ("TW110", "failed"),  # answers after the client's timeout
            "/loop": ("TW113", "gave_up"),
            "/report.pdf": ("TW112", "gave_up"),
            "/huge": ("TW107", "gave_up"),
            "/future": ("TW116", "failed"),
            "/empty": ("TW101", "gave_up"),
        }
        site.put("/broken", "oops", status=500)
        site.put("/slow", page(strike(DAY)), delay=3)
        site.put("/loop", "", status=302, headers={"Location": "/loop"})
        site.put("/report.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
        site.put("/huge", page(("Long", ["Words upon words. " * 3000])))
        site.put("/future", article_html("Ahead", TODAY + dt.timedelta(days=30),
                                         handover(DAY, 4, 7, 120)[1], SITE))  # fmt: skip
        site.put("/empty", "<html><head><title>x</title></head><body></body></html>")
        items = [(good, "ok", DAY)] + [(site.url(p), p, DAY) for p in articles]
        feed = site.put("/rss.xml", rss(SITE, items))
        not_xml = site.put("/not-a-feed", "<html><body><p>Just a page</p></body></html>")
        missing = site.url("/no-such-feed.xml")
        refused = "http://127.0.0.1:9/feed.xml"  # nothing listens on the discard port
        errors = []
        watcher = Watcher(
            parse_sources([not_xml, missing, refused, feed]),
            sqlite_url,
            on_error=errors.append,
            say=lambda _t: None,
            per_host_interval=0,
            timeout=1.0,
            retry_backoff=0.05,
        )
        summaries = []
        watcher.run(once=True, on_pass=summaries.append)

    (summary,) = summaries
    assert summary.documents == 1  # the good article, whatever the others did
    by_origin = {e.origin: e for e in errors}
    for error in errors:
        assert "\n" not in error.message and error.origin in error.message
        assert error.message.endswith(f"[{error.code}]")
    assert by_origin[not_xml].code == "TW115"
    assert by_origin[missing].code == "TW111" and "404" in by_origin[missing].message
    assert by_origin[refused].code == "TW110"
    with Database(sqlite_url) as db, db.engine.connect() as conn:
        states = {row.item: row for row in conn.execute(select(watch_items))}
        sources = {row.source: row for row in conn.execute(select(watch_sources))}
        stored_errors = conn.execute(select(input_errors.c.code)).scalars().all()
    for path, (code, state) in articles.items():
        url = site.url(path)
        assert by_origin[url].code == code, (path, by_origin[url].message)
        assert states[url].state == state, path
        assert (states[url].next_try is not None) == (state == "failed")
    assert states[good].state == "done"
    assert sources[feed].failures == 0 and sources[missing].failures == 1
    assert sorted(stored_errors) == sorted(e.code for e in errors)


def test_webhook_alerts_are_signed_and_retried_without_blocking(tmp_path):
    received: list[tuple[bytes, str]] = []
    answers = iter([500, 503])  # two failures, then accepted

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = next(answers, 200)
            if status == 200:
                received.append((body, self.headers["X-Trucewatch-Signature"]))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        hook = Webhook(f"http://127.0.0.1:{server.server_address[1]}/hook", "s3cret",
                       say=lambda _t: None, backoff=0.05)  # fmt: skip
        alert = {"id": "abc", "kind": "delivered", "summary": "Hamas: hostages 7 -> 12"}
        hook.send(alert)  # returns at once: the posting thread retries
        hook.close(timeout=20)
    finally:
        server.shutdown()
        server.server_close()
    ((body, header),) = received
    assert json.loads(body) == alert
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert header == expected == signature(body, "s3cret")
    assert hook.delivered == 1 and hook.dropped == 0


def test_a_webhook_alert_not_accepted_is_kept_and_posted_on_the_next_start(sqlite_url):
    from trucewatch.watch.outbox import Outbox

    received, accepting = [], threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if accepting.is_set():
                received.append(json.loads(body))
            self.send_response(200 if accepting.is_set() else 503)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    said = []
    alert = {"id": "a1", "kind": "delivered", "summary": "Hamas: hostages 7 -> 12"}
    try:
        down = Webhook(
            url, None, say=said.append, attempts=2, backoff=0.01, outbox=Outbox(sqlite_url)
        )
        down.send(alert)
        down.close(timeout=10)
        assert down.dropped == 1 and "kept for the next start" in said[0]
        assert Outbox(sqlite_url).pending(url) == [alert]  # survives the process
        accepting.set()
        up = Webhook(url, None, say=said.append, outbox=Outbox(sqlite_url))
        up.send(alert)  # computed again after a restart: not posted twice
        up.close(timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    assert received == [alert] and up.delivered == 1
    assert Outbox(sqlite_url).pending(url) == []
