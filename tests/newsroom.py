"""A local news site for the watch tests and benchmark: feeds, sitemaps, article pages
and faults, served by a threaded ``http.server`` on 127.0.0.1 and a free port.

Every article is written for the tests (invented events in invented words).
Routes can be changed while the server runs (a feed gaining articles); every
request is logged with its headers, so tests can see what was fetched again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow page, a timeout)
    etag: str | None = None  # answered with 304 when the client sends it back


class Newsroom:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        newsroom = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (the name http.server calls)
                with newsroom.lock:
                    newsroom.requests.append((self.path, dict(self.headers)))
                    route = newsroom.routes.get(self.path)
                if route is None:
                    route = Route(b"<html><body>not here</body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)  # the client may have given up (a timeout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Newsroom:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, **options) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.routes[path] = Route(data, **options)
        return self.url(path)

    def fetched(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]


# Pages -------------------------------------------------------------------------


def article_html(title: str, day: dt.date | None, paragraphs: list[str], site: str) -> str:
    meta = (
        f'<meta property="article:published_time" content="{day.isoformat()}T09:00:00Z">'
        if day
        else ""
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{html.escape(title)} | {html.escape(site)}</title>"
        f'<meta property="og:site_name" content="{html.escape(site)}">{meta}</head>'
        f"<body><nav>Home World Sport</nav><article><h1>{html.escape(title)}</h1>\n{body}"
        f"</article><footer>Copyright {html.escape(site)}</footer></body></html>"
    )


def rss(title: str, items: list[tuple[str, str, dt.date]]) -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(u)}</link>"
        f"<pubDate>{d.strftime('%a, %d %b %Y')} 09:00:00 +0000</pubDate></item>"
        for u, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str, dt.date]]) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(u)}"/><id>{escape(u)}</id>'
        f"<updated>{d.isoformat()}T09:00:00Z</updated></entry>"
        for u, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test</id><updated>2026-01-01T00:00:00Z</updated>"
        f"{entries}</feed>"
    )


def news_sitemap(publication: str, items: list[tuple[str, str, dt.date]]) -> str:
    urls = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>"
        f"{escape(publication)}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{d.isoformat()}</news:publication_date>"
        f"<news:title>{escape(t)}</news:title></news:news></url>"
        for u, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


def sitemap_index(urls: list[str]) -> str:
    inner = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</sitemapindex>'
    )


# Stories -----------------------------------------------------------------------
# An invented truce between Israel and Hamas, dated from ``start`` (today minus a
# few days), so phases, deadlines and "no dates in the future" hold whenever the
# tests run. The words are the project's own.

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spec_yaml(start: dt.date, days: int = 14) -> str:
    return (
        "id: test-truce\nname: Test truce between Israel and Hamas\n"
        "parties: [Israel, Hamas]\nmediators: [Qatar, Egypt]\n"
        "phases:\n  - name: Phase 1\n"
        f"    start: {start.isoformat()}\n    days: {days}\n"
        "    obligations:\n"
        "      - {id: hostages, party: Hamas, action: release, what: hostages, quantity: 30}\n"
        "      - {id: prisoners, party: Israel, action: release, what: prisoners, quantity: 900}\n"
    )


def handover(day: dt.date, freed: int, total: int, prisoners: int) -> tuple[str, list[str]]:
    words = {3: "three", 4: "four", 5: "five", 6: "six"}
    title = f"Hamas frees {words.get(freed, freed)} hostages in another handover"
    return title, [
        f"GAZA CITY: Hamas freed {words.get(freed, freed)} hostages on {WEEKDAYS[day.weekday()]} "
        f"in another handover under the truce, the Israeli military said, and Israel released "
        f"{prisoners} Palestinian prisoners in return.",
        f"Hamas has freed {total} hostages so far under the truce, officials said.",
        "Crowds gathered in the rain outside the crossing, where aid lorries waited to enter.",
    ]


def strike(day: dt.date) -> tuple[str, list[str]]:
    return "Israeli strike kills three in Gaza despite truce", [
        f"GAZA CITY: An Israeli air strike killed three people in Khan Younis on "
        f"{WEEKDAYS[day.weekday()]}, the territory's civil defence agency said, in the most "
        "serious breach of the truce so far.",
        "The Israeli military said its aircraft struck a militant who had approached troops.",
    ]


def filler(number: int, day: dt.date) -> tuple[str, list[str]]:
    """A plain report on talks, different for every number (the benchmark's 200)."""
    return f"Mediators meet again over the truce, round {number}", [
        f"DOHA: Mediators from Qatar and Egypt met negotiators for round {number} of talks on "
        f"{WEEKDAYS[day.weekday()]}, officials said, as both sides traded blame over delays "
        "at the crossings.",
        f"A Qatari official said {number % 7 + 2} working groups would meet before the weekend "
        "to discuss the return of displaced families and the entry of fuel.",
        f"Egypt said {number % 5 + 20} lorries of aid had been inspected at the border, and "
        "that more were expected once the road repairs were finished.",
    ]
