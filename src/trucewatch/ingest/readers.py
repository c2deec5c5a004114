"""Readers: turn paths (files, folders, ``-`` for stdin) into a stream of raw reports.

Every reader is a generator and yields either a ``RawReport`` or the
``InputError`` that stood in its place, so one bad file or row never stops the
rest of a batch. Format detection lives in ``detect_format`` alone.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from trucewatch.config import max_report_bytes
from trucewatch.errors import (
    EmptyInput,
    InputError,
    MalformedRow,
    MissingText,
    TooLarge,
    UndecodableInput,
    UnreadablePath,
)
from trucewatch.ingest.documents import RawReport

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm"}
# Folders are walked for these only: a README or a spreadsheet beside the
# reports is not a report. A file named explicitly is read whatever its suffix.
REPORT_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES
TEXT_FIELDS = ("text", "body")

Item = RawReport | InputError


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    """Raw reports from every path in turn: files, folders (recursively) and ``-``."""
    for name in paths:
        if name == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", None)
            continue
        path = Path(name)
        if path.is_dir():
            for child in iter_report_files(path):
                yield from read_file(child)
        else:
            yield from read_file(path)


def iter_report_files(folder: Path) -> Iterator[Path]:
    """Report files under a folder, in a stable order, skipping hidden ones."""
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.is_file() and not hidden and path.suffix.lower() in REPORT_SUFFIXES:
            yield path


def origin_of(path: Path) -> str:
    """The path as text that can be printed and stored: a file name that is not
    UTF-8 (``b"\\xff.txt"``) has U+FFFD where its undecodable bytes were."""
    return os.fsencode(path).decode("utf-8", "replace")


def read_file(path: Path) -> Iterator[Item]:
    origin = origin_of(path)
    try:
        # Row formats are streamed: an archive of reports never has to fit in memory.
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, origin)
            return
        if path.suffix.lower() in CSV_SUFFIXES:
            yield from read_csv_file(path, origin)
            return
        size = path.stat().st_size
        if size > max_report_bytes():
            yield TooLarge(origin, f"{size:,} bytes")
            return
        data = path.read_bytes()
    except OSError as error:
        yield UnreadablePath(origin, error.strerror or str(error))
        return
    yield from read_bytes(data, origin, path.suffix.lower())


def read_bytes(data: bytes, origin: str, suffix: str | None) -> Iterator[Item]:
    """Reports from the bytes of one input; the format from the suffix or the content."""
    try:
        text = decode(data, origin)
    except InputError as error:
        yield error
        return
    fmt = detect_format(text, suffix)
    if fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(text.encode("utf-8")), origin)
    elif fmt == "csv":
        yield from read_csv(text, origin)
    elif fmt == "html":
        yield read_html(text, origin)
    else:
        yield RawReport(text=text, origin=origin)


def detect_format(text: str, suffix: str | None) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    return "text"


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; binary data is refused."""
    if not data.strip():
        raise EmptyInput(origin)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UndecodableInput(origin, str(error)) from None
    if b"\x00" in data:
        raise UndecodableInput(origin, "contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UndecodableInput(origin, f"invalid UTF-8 at byte {error.start}") from None


def report_from_row(row: dict, origin: str) -> Item:
    """A report from a JSON object or CSV row: ``text`` or ``body``, ``date``, optional metadata."""
    text = next(
        (row[f] for f in TEXT_FIELDS if isinstance(row.get(f), str) and row[f].strip()), None
    )
    if text is None:
        return MissingText(origin)

    def optional(name: str) -> str | None:
        value = row.get(name)
        return str(value) if value not in (None, "") else None

    return RawReport(
        text=text,
        origin=origin,
        date=optional("date"),
        title=optional("title"),
        url=optional("url"),
        source=optional("source"),
        external_id=optional("id"),
        has_header=False,
    )


def bounded_lines(handle: io.BufferedIOBase, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file, ``None`` in place of any longer than ``limit`` bytes
    (read past in chunks, never held whole)."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(handle: io.BufferedIOBase, origin: str) -> Iterator[Item]:
    seen_any = False
    limit = max_report_bytes()
    for number, line in enumerate(bounded_lines(handle, limit), start=1):
        if line is None:
            seen_any = True
            yield TooLarge(f"{origin}:{number}", f"line over {limit:,} bytes")
            continue
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{number}"
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as error:
            # ValueError covers JSONDecodeError, UnicodeDecodeError and integers
            # over Python's 4,300-digit limit; RecursionError, arrays nested
            # deeper than the interpreter's stack (found by tests/test_fuzz.py).
            yield MalformedRow(where, f"invalid JSON: {str(error)[:200]}")
            continue
        if not isinstance(row, dict):
            yield MalformedRow(where, "expected a JSON object per line")
            continue
        yield report_from_row(row, where)
    if not seen_any:
        yield EmptyInput(origin)


def read_csv_file(path: Path, origin: str) -> Iterator[Item]:
    """A CSV file read row by row; undecodable bytes end the file with an error."""
    if path.stat().st_size == 0:
        yield EmptyInput(origin)
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            yield from read_csv(handle, origin)
        except UnicodeDecodeError as error:
            yield UndecodableInput(origin, f"invalid UTF-8: {error.reason}")


def read_csv(text: str | io.TextIOBase, origin: str) -> Iterator[Item]:
    """Reports from CSV rows, given as text or an open text file."""
    # The csv module refuses cells over 131,072 characters by default: a report
    # within $TRUCEWATCH_MAX_REPORT_BYTES is accepted (characters <= bytes).
    csv.field_size_limit(max(max_report_bytes(), csv.field_size_limit()))
    handle = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.DictReader(handle)
    if not reader.fieldnames or not set(TEXT_FIELDS) & {f.strip() for f in reader.fieldnames}:
        yield MissingText(origin, "the header row has no 'text' or 'body' column")
        return
    try:
        for row in reader:
            # The header is line 1; DictReader counts physical lines, so multi-line
            # cells still give the line where the row ends.
            where = f"{origin}:{reader.line_num}"
            yield report_from_row({k.strip(): v for k, v in row.items() if k}, where)
    except csv.Error as error:
        yield MalformedRow(f"{origin}:{reader.line_num}", f"invalid CSV: {error}")


def read_html(html: str, origin: str) -> Item:
    """Main text, title and date of a web page, via trafilatura."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        return EmptyInput(origin, "no main text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    return RawReport(
        text=text,
        origin=origin,
        date=getattr(meta, "date", None) if meta else None,
        title=getattr(meta, "title", None) if meta else None,
        url=getattr(meta, "url", None) if meta else None,
        source=getattr(meta, "sitename", None) if meta else None,
        has_header=False,
    )
