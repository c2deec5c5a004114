"""Inputs the fuzzers found that escaped as other exceptions, each now an input error.

Found by tests/test_fuzz.py (hypothesis) and tests/fuzz/fuzz_ingest.py (atheris);
the figures are in docs/RELIABILITY.md.
"""

import os
import sys

import pytest

from trucewatch import pipeline
from trucewatch.errors import MalformedRow, UndecodableInput
from trucewatch.ingest import Document, documents, make_document
from trucewatch.ingest.documents import RawReport
from trucewatch.ingest.readers import read_bytes
from trucewatch.store import Database


def items(data: bytes, suffix: str | None = None):
    out = []
    for item in read_bytes(data, "feed", suffix):
        if isinstance(item, RawReport):
            try:
                item = make_document(item)
            except UndecodableInput as error:
                item = error
        out.append(item)
    return out


def test_an_integer_over_pythons_digit_limit_is_a_malformed_row():
    [error] = items(b'{"text": "Four captives were freed.", "id": 1' + b"0" * 5000 + b"}\n")
    assert isinstance(error, MalformedRow)
    assert error.origin == "feed:1"
    assert len(error.message) < 400


def test_json_nested_deeper_than_the_stack_is_a_malformed_row():
    rows = b'{"text": ' + b"[" * 50_000 + b"}\n" + b'{"text": "Four captives were freed."}\n'
    error, document = items(rows)
    assert isinstance(error, MalformedRow)
    assert isinstance(document, Document)


@pytest.mark.parametrize(
    "row, field, char",
    [
        (b'{"text": "Freed \\ud800 today."}', "text", "U+D800"),
        (b'{"text": "Freed\\u0000 today."}', "text", "U+0000"),
        (b'{"text": "Freed today.", "title": "a\\udfffb"}', "title", "U+DFFF"),
        (b'{"text": "Freed today.", "source": "x\\u0000"}', "source", "U+0000"),
    ],
)
def test_unstorable_characters_from_json_escapes_are_refused(row, field, char):
    [error] = items(row)
    assert isinstance(error, UndecodableInput)
    assert error.code == "TW102"
    assert f"{field} has {char}" in error.message


def test_a_csv_cell_over_the_csv_modules_default_limit_is_read(tmp_path):
    text = "Mediators said the truce held. " * 5000  # 155,000 characters
    (tmp_path / "feed.csv").write_text(f'date,text\n2025-02-04,"{text}"\n', "utf-8")
    [document] = list(documents([str(tmp_path / "feed.csv")]))
    assert isinstance(document, Document)
    assert document.body == text
    [from_bytes] = items(f'text\n"{text}"\n'.encode(), ".csv")
    assert from_bytes.body == text


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_file_name_that_is_not_utf8_is_stored_and_printed(tmp_path):
    name = os.fsdecode(b"report-\xff.txt")
    (tmp_path / name).write_text(" date 2025-02-04 Twelve detainees were freed.", "utf-8")
    [document] = list(documents([str(tmp_path)]))
    assert document.path == f"{tmp_path}/report-\ufffd.txt"
    document.path.encode("utf-8")
    with Database(f"sqlite:///{tmp_path / 'tw.db'}") as db:
        summary = pipeline.ingest([str(tmp_path)], db)
        assert summary.documents == 1 and not summary.errors
        [stored] = db.list_documents()
        assert stored["path"] == document.path


@pytest.mark.parametrize("text", ["dozens", "Gunmen wounded dozens", "hundreds"])
def test_a_vague_count_ending_the_report_is_read(nlp, text):
    """'dozens' as the last token was looked up as a 3-word phrase: IndexError."""
    from trucewatch.extract import extract
    from trucewatch.nlp import parse_documents

    document = make_document(RawReport(text=f" date 2025-02-04 {text}", origin="t"))
    [(doc, _)] = list(parse_documents([document], nlp))
    for record in extract(document, doc):
        assert document.body[record.evidence_start : record.evidence_end] == record.evidence


@pytest.mark.parametrize(
    "text",
    [
        "https://example.org/" + "x" * 120 + " Hamas said on Friday it was ready to free him.",
        "\x01" * 150 + "\tsaid the ministry.",
    ],
)
def test_mentions_are_the_body_as_written_beside_long_runs(nlp, text):
    """Speaker mentions were span.text of the parse, which has spaces in long runs."""
    from trucewatch.extract import extract
    from trucewatch.nlp import parse_documents

    document = make_document(RawReport(text=text, origin="t", has_header=False))
    [(doc, _)] = list(parse_documents([document], nlp))
    body = document.body
    for record in extract(document, doc):
        if getattr(record, "speaker_start", None) is not None:
            assert body[record.speaker_start : record.speaker_end] == record.speaker_mention
        for mention in (getattr(record, "actor_mention", None), getattr(record, "subject", None)):
            assert mention is None or mention in body


@pytest.mark.parametrize(
    "text",
    [
        "According to the Prisoners' Media Office",
        "Israel released 369 prisoners. According to the Prisoners' Media Office",
    ],
)
def test_according_to_ending_the_report_is_read(nlp, text):
    """'According to X' with nothing after it, at the end of the report: IndexError
    (found by the atheris harness)."""
    from trucewatch.extract import extract
    from trucewatch.nlp import parse_documents

    document = make_document(RawReport(text=text, origin="t", has_header=False))
    [(doc, _)] = list(parse_documents([document], nlp))
    for record in extract(document, doc):
        assert document.body[record.start : record.end] == getattr(
            record, "content", document.body[record.start : record.end]
        )
