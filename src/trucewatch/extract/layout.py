"""Where a report's paragraphs and headings are: the layout extractors share."""

from __future__ import annotations

import re

HEADING_MAX_WORDS = 12
# A line ending like this is a sentence or a quotation, not a heading.
_NOT_HEADING_END = (".", ":", ";", ",", "”", '"')
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def heading_spans(body: str) -> list[tuple[int, int]]:
    """Character ranges of lines that read as headings: short, no final stop."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        stripped = line.strip()
        words = stripped.split()
        if 0 < len(words) <= HEADING_MAX_WORDS and not stripped.endswith(_NOT_HEADING_END):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Paragraphs, without their surrounding whitespace.

    Paragraphs are separated by blank lines; a report without any blank line
    (one paragraph per line) is split at every line break instead.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(body) else re.compile(r"\n")
    spans, start = [], 0
    for match in [*separator.finditer(body), None]:
        end = match.start() if match else len(body)
        chunk = body[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans
