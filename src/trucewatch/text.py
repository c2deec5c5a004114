"""Normalised copies of a text that remember where each character came from.

The stored body is never rewritten: offsets in every record slice the body as
given. Code that wants to compare texts loosely (hashing, near-duplicate
detection, lexicon matching) works on a ``NormalizedText`` and maps its spans
back with ``original_span``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# What no database column holds: NUL (PostgreSQL refuses it in text) and
# unpaired surrogates (not encodable as UTF-8). JSON escapes ("\\u0000",
# "\\ud800") and file names or arguments that are not UTF-8 produce them.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text: str) -> re.Match | None:
    """The first character of ``text`` that no database can store, if any."""
    return _UNSTORABLE.search(text)


# Typographic variants that carry no meaning for matching. Mapped one character
# to one character so the offset table stays simple.
_CHAR_MAP = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u2032": "'",  # ′
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u2013": "-",  # –
    "\u2014": "-",  # —
    "\u2212": "-",  # −
    "\u00a0": " ",  # no-break space
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
}


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text`` is the normalised copy; ``origin[i]`` is the body offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def original_offset(self, i: int) -> int:
        if i >= len(self.origin):
            return self.source_length
        return self.origin[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original."""
        if end <= start:
            at = self.original_offset(start)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> NormalizedText:
    """Unify quotes, dashes and spaces, and collapse runs of whitespace to one space."""
    out: list[str] = []
    origin: list[int] = []
    previous_space = True  # drops leading whitespace
    for i, char in enumerate(text):
        char = _CHAR_MAP.get(char, char)
        if char.isspace():
            if previous_space:
                continue
            char = " "
            previous_space = True
        else:
            previous_space = False
            if not char.isascii():
                char = unicodedata.normalize("NFC", char)
                if len(char) != 1:
                    char = char[0]
        out.append(char)
        origin.append(i)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return NormalizedText("".join(out), tuple(origin), len(text))
