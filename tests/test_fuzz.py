"""Any input at all: records or trucewatch's own error, offsets exact, same records twice.

Properties checked with hypothesis over any bytes, any text, any JSON Lines and
CSV rows, and report-like text cut from the examples and mixed with junk:

- readers and ``documents`` yield a ``Document`` or an ``InputError``, nothing
  else escapes, and a document is storable (UTF-8, no NUL);
- every record's offsets slice the stored body to its text;
- extraction is deterministic; ingesting twice stores nothing new.

CI runs the "ci" profile (tests/conftest.py); ``HYPOTHESIS_PROFILE=long`` is
the long run recorded in docs/RELIABILITY.md. Failures found here are pinned
in tests/test_fuzz_regressions.py, so they are rerun every time.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch import pipeline
from trucewatch.errors import InputError, TrucewatchError
from trucewatch.extract import extract
from trucewatch.ingest import Document, documents, make_document
from trucewatch.ingest.documents import RawReport
from trucewatch.ingest.readers import read_bytes
from trucewatch.nlp import parse_documents
from trucewatch.store import Database

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"
SUFFIXES = [None, ".txt", ".jsonl", ".csv", ".html"]
MODEL_EXAMPLES = max(8, settings.default.max_examples // 5)
model_settings = settings(max_examples=MODEL_EXAMPLES)

# Sentences of the project's example reports: text that reaches every extractor.
SENTENCES = [
    s.strip()
    for path in sorted(EXAMPLES.glob("*.txt"))
    for s in re.split(r"(?<=[.!?”])\s+", path.read_text("utf-8"))
    if s.strip() and not s.lstrip().startswith("date ")
]
JUNK = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "\n\n",
    "\u200b",
    "\u202e",
    "\ufeff",
    "at least",
    "some 1,900",
    "between 30 and 40",
    "dozens",
    "he said.",
    "on Monday",
    "last month",
    "WASHINGTON:",
    "—",
    "(Reuters) -",
    "https://example.org/" + "x" * 120,
    "é",
    "𝟙𝟚",
    "١٢٣",
]

report_text = st.lists(
    st.one_of(
        st.sampled_from(SENTENCES),
        st.sampled_from(SENTENCES).map(lambda s: s[: len(s) // 2]),
        st.sampled_from(JUNK),
        st.text(max_size=8),
    ),
    min_size=1,
    max_size=12,
).map(" ".join)
headers = st.sampled_from(["", " date 2025-02-04 ", " date 2025-02-04\n", "date 2031-13-40 "])
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
row_keys = st.sampled_from(["text", "body", "date", "id", "url", "title", "source"]) | st.text(
    max_size=6
)
json_rows = st.dictionaries(row_keys, json_values | report_text, max_size=6)


def storable(document: Document) -> None:
    """What a database accepts: every text field is UTF-8 without NUL."""
    for value in (
        document.body,
        document.path,
        document.title,
        document.url,
        document.source,
        document.external_id,
    ):
        if value is not None:
            value.encode("utf-8")
            assert "\x00" not in value
    assert re.fullmatch(r"[0-9a-f]{64}", document.content_hash)
    assert document.body.strip()


def documents_from(data: bytes, suffix: str | None) -> list[Document | InputError]:
    """``read_bytes`` then ``make_document``: only documents and input errors come out."""
    out: list[Document | InputError] = []
    for item in read_bytes(data, "fuzz", suffix):
        if isinstance(item, InputError):
            out.append(item)
            continue
        assert isinstance(item, RawReport)
        try:
            out.append(make_document(item))
        except InputError as error:
            out.append(error)
    for item in out:
        if isinstance(item, Document):
            storable(item)
        else:
            assert re.search(r"\[TW1\d\d\]$", item.message), item.message
    return out


def assert_pinned(document: Document, records) -> None:
    body = document.body
    for record in records:
        assert 0 <= record.start <= record.end <= len(body)
        assert body[record.evidence_start : record.evidence_end] == record.evidence
        for name in ("text", "content"):
            if hasattr(record, name):
                assert body[record.start : record.end] == getattr(record, name), record
        if getattr(record, "speaker_start", None) is not None:
            assert body[record.speaker_start : record.speaker_end] == record.speaker_mention
        if getattr(record, "trigger_end", 0):
            assert body[record.trigger_start : record.trigger_end].strip()
    if document.dateline is not None:
        assert body[document.dateline.start : document.dateline.end] == document.dateline.place


# Readers -------------------------------------------------------------------


@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_any_bytes_give_documents_or_input_errors(data, suffix):
    documents_from(data, suffix)


@given(headers, st.text(max_size=2000), st.sampled_from(SUFFIXES))
def test_any_text_in_any_encoding_gives_documents_or_input_errors(header, text, suffix):
    for codec in ("utf-8", "utf-8-sig", "utf-16"):
        try:
            data = (header + text).encode(codec)
        except UnicodeEncodeError:  # lone surrogates from st.text(): tried as bytes above
            return
        documents_from(data, suffix)


@given(st.lists(json_rows | st.text(max_size=40), max_size=5), st.booleans())
def test_any_json_lines_give_documents_or_input_errors(rows, ascii_only):
    lines = [
        json.dumps(row, ensure_ascii=ascii_only) if isinstance(row, dict) else row for row in rows
    ]
    items = documents_from("\n".join(lines).encode("utf-8", "surrogatepass"), ".jsonl")
    real_rows = [r for r in rows if isinstance(r, dict)]
    assert len(items) >= min(1, len(real_rows))


@given(
    st.lists(row_keys, min_size=1, max_size=5),
    st.lists(st.lists(st.text(max_size=60) | report_text, max_size=6), max_size=5),
)
def test_any_csv_rows_give_documents_or_input_errors(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8", "surrogatepass")
    documents_from(data, ".csv")
    # Through a file too: CSV files are streamed by another path than bytes are.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.csv"
        path.write_bytes(data)
        for item in documents([str(path)]):
            assert isinstance(item, Document | InputError)
            if isinstance(item, Document):
                storable(item)


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".jsonl", ".csv", ".html", ".bin"]))
def test_any_file_gives_documents_or_input_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for item in documents([str(path), folder]):
            assert isinstance(item, Document | InputError)


# Extraction ----------------------------------------------------------------


def parsed(document: Document, nlp):
    [(doc, _)] = list(parse_documents([document], nlp))
    return doc


@model_settings
@given(headers, report_text)
def test_records_are_pinned_to_the_body_and_deterministic(nlp, header, text):
    try:
        document = make_document(RawReport(text=header + text, origin="fuzz"))
    except InputError:
        return
    records = extract(document, parsed(document, nlp))
    assert_pinned(document, records)
    again = extract(document, parsed(document, nlp))
    assert [r.to_dict() for r in again] == [r.to_dict() for r in records]


@model_settings
@given(st.binary(max_size=1500) | report_text.map(str.encode), st.sampled_from(SUFFIXES))
def test_extract_stream_on_any_input_raises_nothing_else(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix or ''}"
        path.write_bytes(data)
        errors: list[InputError] = []
        try:
            results = list(pipeline.extract_stream([str(path)], on_error=errors.append))
        except TrucewatchError:
            return
        for document, records in results:
            storable(document)
            assert_pinned(document, records)


@settings(max_examples=max(4, MODEL_EXAMPLES // 3))
@given(st.lists(report_text, min_size=1, max_size=3))
def test_ingesting_twice_stores_each_document_once(texts):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts + texts[:1]):  # the first report twice in one run
            path = Path(folder) / f"r{i}.txt"
            path.write_text(" date 2025-02-04 " + text, "utf-8", errors="surrogatepass")
            paths.append(str(path))
        with Database(f"sqlite:///{folder}/tw.db") as db:
            first = pipeline.ingest(paths, db)
            counts = db.counts()
            second = pipeline.ingest(paths, db)
            assert second.documents == 0
            assert second.record_total == 0
            after = db.counts()
        for key in counts:
            if key not in ("runs", "input_errors"):
                assert after[key] == counts[key], key
        assert counts["documents"] == first.documents
        assert first.documents + first.skipped + len(first.errors) == len(paths)
        assert second.skipped + len(second.errors) == len(paths)
