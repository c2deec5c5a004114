"""Coverage-guided fuzzing of the readers and the extractors with atheris (libFuzzer).

For long runs; not collected by pytest (tests/conftest.py). See README.md here.
Each input's first byte picks the format (none, .txt, .jsonl, .csv, .html), the
rest is the input's bytes. What is checked, per input:

- ``read_bytes`` and ``make_document`` give documents or ``InputError``s only;
- a document is storable (UTF-8, no NUL) and every record's offsets slice its
  body to the record's text; extracting twice gives the same records.

Any other exception, or a failed check, stops the run and leaves the input in
``crash-<sha1>`` in the working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["trucewatch"]):
    from trucewatch.errors import InputError
    from trucewatch.extract import extract
    from trucewatch.ingest import make_document
    from trucewatch.ingest.documents import RawReport
    from trucewatch.ingest.readers import read_bytes
    from trucewatch.nlp import load_model, parse_documents

SUFFIXES = [None, ".txt", ".jsonl", ".csv", ".html"]
HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent.parent / "examples" / "reports"
NLP = None


def check(document, nlp) -> None:
    body = document.body
    body.encode("utf-8")
    assert "\x00" not in body
    [(doc, _)] = list(parse_documents([document], nlp))
    records = extract(document, doc)
    for record in records:
        assert 0 <= record.start <= record.end <= len(body), record
        assert body[record.evidence_start : record.evidence_end] == record.evidence, record
        for name in ("text", "content"):
            if hasattr(record, name):
                assert body[record.start : record.end] == getattr(record, name), record
        if getattr(record, "speaker_start", None) is not None:
            assert body[record.speaker_start : record.speaker_end] == record.speaker_mention
    [(doc, _)] = list(parse_documents([document], nlp))
    assert [r.to_dict() for r in extract(document, doc)] == [r.to_dict() for r in records]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    for item in read_bytes(data[1:], "fuzz", suffix):
        if isinstance(item, InputError):
            assert item.code.startswith("TW1"), item
            continue
        assert isinstance(item, RawReport), item
        try:
            document = make_document(item)
        except InputError:
            continue
        check(document, NLP)


def seed_corpus(folder: Path) -> None:
    """Seeds from the example reports, in each format, so the fuzzer starts from real text."""
    import csv
    import io
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(EXAMPLES.glob("*.txt"))[:6]:
        text = path.read_text("utf-8")
        body = text.split("\n", 1)[-1][:1500]
        (folder / f"{path.stem}.txt").write_bytes(b"\x01" + text[:1500].encode())
        row = json.dumps({"text": body, "date": "2025-02-04", "id": path.stem})
        (folder / f"{path.stem}.jsonl").write_bytes(b"\x02" + row.encode())
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["date", "text"], ["2025-02-04", body]])
        (folder / f"{path.stem}.csv").write_bytes(b"\x03" + buffer.getvalue().encode())
        page = f"<html><head><title>{path.stem}</title></head><body><p>{body}</p></body></html>"
        (folder / f"{path.stem}.html").write_bytes(b"\x04" + page.encode())


def main() -> None:
    global NLP
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus, no input to replay
        corpus = HERE / "corpus"
        if not corpus.is_dir():
            seed_corpus(corpus)
        args.append(str(corpus))
    NLP = load_model()
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
