"""Where a watcher reads: feeds and sitemaps on the web, folders that receive files.

A source is named on the command line (a URL or a folder) or in a YAML source
list with per-source intervals::

    interval: 300                 # seconds between polls (default for all)
    sources:
      - https://outlet.example/rss.xml
      - url: https://wire.example/news-sitemap.xml
        interval: 60
        name: Example Wire        # the outlet stored with its reports
      - path: /srv/incoming       # a folder that receives report files

Whether a URL is a feed (RSS, Atom: feedparser) or a sitemap (a ``urlset`` or
``sitemapindex``, news sitemaps included) is read from what it serves, so a
user never has to say.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import yaml

from trucewatch.errors import NotAFeed, TrucewatchError
from trucewatch.ingest.readers import iter_report_files

# A file younger than this may still be being written: it is read on a later pass.
SETTLE_SECONDS = 2.0
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class SourceError(TrucewatchError):
    """A source argument or source list that cannot be used; the message says which."""

    code = "TW500"

    def __init__(self, origin: str, detail: str):
        super().__init__(f"{origin}: {detail} [{self.code}]")


@dataclass(frozen=True)
class Source:
    location: str  # the URL or folder as given: also its key in the watch_sources table
    kind: str  # "web" (a feed or sitemap) or "folder"
    interval: float | None = None  # seconds between polls; None: the watcher's default
    name: str | None = None  # the outlet stored with its reports, when the user names it


@dataclass
class Item:
    """One article a source lists: a URL (or a file), with what the listing says of it."""

    key: str
    source: Source
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    version: str | None = None  # a file's size and modification time


def parse_sources(arguments: list[str]) -> list[Source]:
    """Sources from command-line arguments: URLs, folders and YAML source lists."""
    found: list[Source] = []
    for argument in arguments:
        path = Path(argument)
        if is_url(argument):
            found.append(Source(argument, "web"))
        elif path.is_dir():
            found.append(Source(str(path), "folder"))
        elif path.suffix.lower() in (".yaml", ".yml") and path.is_file():
            found.extend(load_source_list(path))
        else:
            raise SourceError(
                argument, "not an http(s) URL, a folder or a YAML source list (.yaml)"
            )
    return found


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def load_source_list(path: Path) -> list[Source]:
    origin = str(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SourceError(origin, f"cannot be read: {error}") from None
    if isinstance(data, list):
        data = {"sources": data}
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourceError(origin, "expected 'sources:' with a list of URLs or folders")
    default = _interval(data.get("interval"), origin)
    sources = []
    for number, entry in enumerate(data["sources"], start=1):
        where = f"{origin}: source {number}"
        if isinstance(entry, str):
            entry = {"path" if not is_url(entry) else "url": entry}
        if not isinstance(entry, dict) or not (entry.get("url") or entry.get("path")):
            raise SourceError(where, "give 'url' or 'path'")
        unknown = set(entry) - {"url", "path", "interval", "name"}
        if unknown:
            raise SourceError(where, f"unknown field(s): {', '.join(sorted(unknown))}")
        interval = _interval(entry.get("interval"), where) or default
        name = str(entry["name"]) if entry.get("name") else None
        if entry.get("url"):
            if not is_url(str(entry["url"])):
                raise SourceError(where, f"not an http(s) URL: {entry['url']!r}")
            sources.append(Source(str(entry["url"]), "web", interval, name))
        else:
            folder = (path.parent / str(entry["path"])).resolve()
            if not folder.is_dir():
                raise SourceError(where, f"not a folder: {entry['path']}")
            sources.append(Source(str(folder), "folder", interval, name))
    return sources


def _interval(value, origin: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise SourceError(origin, f"interval must be a number of seconds above 0, not {value!r}")
    return float(value)


# Listings -------------------------------------------------------------------


def read_listing(content: bytes, source: Source, url: str) -> tuple[list[Item], list[str]]:
    """The articles a feed or sitemap lists, and the sitemaps a sitemap index names.

    Raises ``NotAFeed`` for anything else (an HTML page, JSON, broken XML).
    """
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head != b"<":
        raise NotAFeed(url, "the answer is not XML")
    root = _sitemap_root(content)
    if root is not None:
        return _sitemap_items(root, source), [
            loc.text.strip()
            for loc in root.iter(SITEMAP_NS + "loc")
            if root.tag == SITEMAP_NS + "sitemapindex" and loc.text
        ]
    return _feed_items(content, source, url), []


def _sitemap_root(content: bytes):
    # Python's expat refuses entity-expansion bombs (the "billion laughs") by itself,
    # and ElementTree never fetches external entities.
    try:
        root = ET.fromstring(content)
    except ET.ParseError:
        return None
    if root.tag in (SITEMAP_NS + "urlset", SITEMAP_NS + "sitemapindex"):
        return root
    return None


def _sitemap_items(root, source: Source) -> list[Item]:
    if root.tag != SITEMAP_NS + "urlset":
        return []
    items = []
    for url in root.iter(SITEMAP_NS + "url"):
        loc = url.findtext(SITEMAP_NS + "loc")
        if not loc or not is_url(loc.strip()):
            continue
        news = url.find(NEWS_NS + "news")
        published = url.findtext(SITEMAP_NS + "lastmod")
        title = outlet = None
        if news is not None:
            published = news.findtext(NEWS_NS + "publication_date") or published
            title = news.findtext(NEWS_NS + "title")
            outlet = news.findtext(f"{NEWS_NS}publication/{NEWS_NS}name")
        items.append(Item(loc.strip(), source, title, _iso_day(published), outlet))
    return items


def _feed_items(content: bytes, source: Source, url: str) -> list[Item]:
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(url, str(problem) if problem else "no RSS, Atom or sitemap root element")
    outlet = parsed.feed.get("title") or None
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or not is_url(link):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date() if stamp else None
        )
        items.append(Item(link, source, entry.get("title") or None, published, outlet))
    return items


def _iso_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def folder_items(source: Source, now: float | None = None) -> list[Item]:
    """The report files in a folder that have stopped changing, each with its version."""
    now = time.time() if now is None else now
    items = []
    for path in iter_report_files(Path(source.location)):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed since it was listed
        if now - stat.st_mtime < SETTLE_SECONDS:
            continue
        items.append(Item(str(path), source, version=f"{stat.st_size}:{stat.st_mtime_ns}"))
    return items
