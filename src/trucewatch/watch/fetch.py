"""Fetching politely: one HTTP client, retries with backoff, a pace per host, robots.txt.

Every request names trucewatch and its version in ``User-Agent`` (so a site can
tell who reads it and block it in robots.txt), waits its turn for the host
(``HostPace``), asks only for what is new when the caller has validators
(ETag, Last-Modified: RFC 9110 section 13), and reads at most the report
limit, so a huge page is refused without being held. Failures become the
``InputError`` subclasses of ``trucewatch.errors``, each naming the URL.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from trucewatch import __version__
from trucewatch.config import max_report_bytes
from trucewatch.errors import (
    FetchFailed,
    HttpStatus,
    InputError,
    RedirectLoop,
    RobotsDisallowed,
    TooLarge,
)

USER_AGENT = f"trucewatch/{__version__} (+https://pypi.org/project/trucewatch/)"
ROBOTS_AGENT = "trucewatch"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5
RETRIES = 3  # attempts per request for failures that may pass (timeouts, 5xx, 429)
BACKOFF = 0.5  # seconds before the second attempt; doubled before each next one
ROBOTS_TTL = 3600.0  # robots.txt is read again after an hour


@dataclass
class Response:
    """What a fetch got: the final URL, status, body and the validators to send next time."""

    url: str
    status: int
    content: bytes
    content_type: str
    encoding: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostPace:
    """At most one request per ``interval`` seconds to each host; threads wait their turn.

    A host is its scheme, name and port, so two servers on one address (the
    tests' ports) are paced apart, as two sites would be.
    """

    def __init__(self, interval: float, stop: threading.Event | None = None):
        self.interval = interval
        self.stop = stop or threading.Event()
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, seconds: float) -> None:
        """A site's own pace (robots.txt ``Crawl-delay``) when slower than ours."""
        with self._lock:
            self._delays[host] = max(seconds, self.interval)

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._next.get(host, now))
            self._next[host] = turn + self._delays.get(host, self.interval)
        if turn > now:
            self.stop.wait(turn - now)


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Fetcher:
    """An HTTP client for a watcher: ``get(url)`` gives a ``Response`` or raises an
    ``InputError``. Thread-safe; one per watcher, closed with it."""

    def __init__(
        self,
        per_host_interval: float = 0.5,
        stop: threading.Event | None = None,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        timeout: httpx.Timeout | float = TIMEOUT,
        max_bytes: int | None = None,
    ):
        self.stop = stop or threading.Event()
        self.pace = HostPace(per_host_interval, self.stop)
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes if max_bytes is not None else max_report_bytes()
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
        )
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._robots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # robots.txt ------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets trucewatch read ``url`` (read once an hour per host)."""
        host = host_of(url)
        with self._robots_lock:
            cached = self._robots.get(host)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = (time.monotonic(), self._read_robots(host))
            with self._robots_lock:
                self._robots[host] = cached
        return cached[1].can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser:
        # The rules robotparser applies when it fetches the file itself (RFC 9309
        # section 2.3.1.3): 401/403 forbid everything, any other failure allows it.
        parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            response = self._request(host + "/robots.txt", {}, check_status=False)
        except InputError:
            parser.allow_all = True
            return parser
        if response.status in (401, 403):
            parser.disallow_all = True
        elif response.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(response.content.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                self.pace.slow_down(host, float(delay))
        return parser

    # requests --------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` if robots.txt allows it; with validators, a ``304`` when unchanged."""
        if not self.allowed(url):
            raise RobotsDisallowed(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers)

    def _request(self, url: str, headers: dict, check_status: bool = True) -> Response:
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            try:
                response = self._once(url, headers)
            except InputError as error:
                if not error.transient or attempt == self.retries:
                    raise
            else:
                retry = response.status >= 500 or response.status == 429
                if not retry or attempt == self.retries:
                    if check_status and response.status >= 400:
                        raise HttpStatus(url, response.status, _phrase(response.status))
                    return response
            if self.stop.wait(delay):
                raise FetchFailed(url, "stopped")
            delay *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict) -> Response:
        self.pace.wait(host_of(url))
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLarge(url, f"{int(declared):,} bytes")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLarge(url, f"over {self.max_bytes:,} bytes")
                    chunks.append(chunk)
                return Response(
                    url=str(response.url),
                    status=response.status_code,
                    content=b"".join(chunks),
                    content_type=response.headers.get("content-type", ""),
                    encoding=response.charset_encoding,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TooManyRedirects:
            raise RedirectLoop(url) from None
        except httpx.TimeoutException:
            raise FetchFailed(url, "timed out") from None
        except httpx.HTTPError as error:
            raise FetchFailed(
                url, type(error).__name__ + (f": {error}" if str(error) else "")
            ) from None


def _phrase(status: int) -> str | None:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return None
