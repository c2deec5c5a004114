"""From a listed article to raw reports: a web page through trafilatura, or a file.

The report keeps the article's URL (as listed: the key a restart looks up) and
its outlet: the name the user gave the source, else the page's own site name,
else the feed's or news sitemap's publication, else the host. Its date is the
page's (trafilatura's metadata), else the listing's; a date after tomorrow
(a day of slack for time zones) is refused: it is a wrong date, and a report
from the future would count in every ledger before its time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from trucewatch.errors import EmptyInput, FutureDate, InputError, NotHtml
from trucewatch.ingest.documents import RawReport
from trucewatch.ingest.readers import read_file
from trucewatch.watch.fetch import Fetcher, Response
from trucewatch.watch.sources import Item

HTML_TYPES = ("text/html", "application/xhtml+xml")
DATE_CONFIG = {"original_date": True, "extensive_search": True, "max_date": "2999-12-31"}


def read_item(
    item: Item, fetcher: Fetcher, today: dt.date | None = None
) -> tuple[list[RawReport], list[InputError]]:
    """The reports of one listed item, and the errors of its rows (a file of JSON Lines
    may hold good rows and bad); raises an ``InputError`` naming it when it has no report."""
    if item.source.kind == "folder":
        return _file_reports(item)
    return [page_report(item, fetcher.get(item.key), today)], []


def _file_reports(item: Item) -> tuple[list[RawReport], list[InputError]]:
    reports: list[RawReport] = []
    errors: list[InputError] = []
    for found in read_file(Path(item.key)):
        (errors if isinstance(found, InputError) else reports).append(found)
    if not reports and errors:
        raise errors[0]
    for report in reports:
        report.source = report.source or item.source.name
    return reports, errors


def page_report(item: Item, response: Response, today: dt.date | None = None) -> RawReport:
    import trafilatura

    kind = response.content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise NotHtml(item.key, f"Content-Type {kind}")
    html = decode_page(response)
    # The same extraction as an HTML file's (ingest.readers.read_html), but the date
    # as the page states it: htmldate drops dates after today by default, and a page
    # dated next month would then pass with the feed's date.
    text = trafilatura.extract(
        html, url=item.key, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        raise EmptyInput(item.key, "no article text found on the page")
    meta = trafilatura.extract_metadata(html, default_url=item.key, date_config=DATE_CONFIG)
    found = RawReport(
        text=text,
        origin=item.key,
        date=meta.date if meta else None,
        title=(meta.title if meta else None) or item.title,
        url=item.key,
        source=item.source.name
        or (meta.sitename if meta else None)
        or item.outlet
        or urlsplit(item.key).hostname,
        has_header=False,
    )
    if item.published is not None:
        check_date(RawReport(text="", origin=item.key, date=item.published.isoformat()), today)
    if not found.date and item.published:
        found.date = item.published.isoformat()
    check_date(found, today)
    return found


def decode_page(response: Response) -> str:
    """The page as text: the charset the server declared, else trafilatura's guess."""
    if response.encoding:
        try:
            return response.content.decode(response.encoding, "replace")
        except LookupError:
            pass  # a charset Python does not know
    from trafilatura.utils import decode_file

    text = decode_file(response.content)
    return text if isinstance(text, str) else response.content.decode("utf-8", "replace")


def check_date(report: RawReport, today: dt.date | None = None) -> None:
    if not report.date:
        return
    try:
        day = dt.date.fromisoformat(report.date[:10])
    except ValueError:
        return  # make_document names a malformed date
    today = today or dt.date.today()
    if day > today + dt.timedelta(days=1):
        raise FutureDate(report.origin, f"{day.isoformat()}, today is {today.isoformat()}")
