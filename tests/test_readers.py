import json

import pytest

from trucewatch.errors import (
    EmptyInput,
    InputError,
    MalformedHeader,
    MalformedRow,
    MissingText,
    UndecodableInput,
    UnreadablePath,
)
from trucewatch.ingest import Document, documents
from trucewatch.ingest.readers import read_bytes

REPORT = " date 2025-02-04 WASHINGTON: Israel said it was sending a team to Doha.\n"


def read(*paths):
    return list(documents([str(p) for p in paths]))


def test_plain_text_with_header(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    [doc] = read(tmp_path / "a.txt")
    assert isinstance(doc, Document)
    assert doc.date.isoformat() == "2025-02-04"
    assert doc.path.endswith("a.txt")


def test_jsonl_rows_with_text_or_body(tmp_path):
    rows = [
        {
            "id": "r1",
            "text": "Hamas freed three hostages.",
            "date": "2025-01-19",
            "url": "https://example.org/1",
        },
        {
            "body": "Israel freed 90 prisoners.",
            "date": "2025-01-20T02:00:00Z",
            "title": "Prisoners freed",
        },
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", "utf-8")
    first, second = read(path)
    assert first.body == "Hamas freed three hostages."
    assert first.external_id == "r1" and first.url == "https://example.org/1"
    assert second.date.isoformat() == "2025-01-20"
    assert second.title == "Prisoners freed"
    assert first.path == f"{path}:1"


def test_jsonl_body_is_not_header_parsed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": " date 1999-01-01 Text."}) + "\n", "utf-8")
    [doc] = read(path)
    assert doc.date is None
    assert doc.body == " date 1999-01-01 Text."


def test_csv_rows(tmp_path):
    path = tmp_path / "reports.csv"
    path.write_text(
        'id,date,source,text\n1,2025-02-08,AFP,"Three hostages were freed, officials said."\n'
        '2,2025-02-15,Reuters,"Israel released 369 prisoners,\nofficials said."\n',
        "utf-8",
    )
    first, second = read(path)
    assert first.source == "AFP" and first.date.isoformat() == "2025-02-08"
    assert second.body == "Israel released 369 prisoners,\nofficials said."


def test_html_main_text_and_date(tmp_path):
    path = tmp_path / "page.html"
    paragraph = (
        "Israel and Hamas exchanged hostages for prisoners on Saturday, officials in Gaza said. "
        * 4
    )
    path.write_text(
        "<!doctype html><html><head><title>Exchange goes ahead</title>"
        '<meta property="article:published_time" content="2025-02-08T09:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>Exchange goes ahead</h1><p>{paragraph}</p>"
        f"<p>{paragraph}</p></article><footer>Copyright</footer></body></html>",
        "utf-8",
    )
    [doc] = read(path)
    assert isinstance(doc, Document), doc
    assert "exchanged hostages for prisoners" in doc.body
    assert "Copyright" not in doc.body
    assert doc.date.isoformat() == "2025-02-08"


def test_directories_are_walked_recursively_for_reports_only(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "b.txt").write_text(REPORT.replace("Doha", "Cairo"), "utf-8")
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    (tmp_path / "README.md").write_text("# not a report", "utf-8")
    (tmp_path / ".hidden.txt").write_text(REPORT, "utf-8")
    docs = read(tmp_path)
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["a.txt", "b.txt"]


def test_stdin_is_sniffed():
    [doc] = list(read_bytes(REPORT.encode(), "<stdin>", None))
    assert doc.text == REPORT
    rows = list(read_bytes(b'{"text": "One."}\n{"text": "Two."}\n', "<stdin>", None))
    assert [r.text for r in rows] == ["One.", "Two."]


@pytest.mark.parametrize(
    "content, error",
    [
        (b"", EmptyInput),
        (b"  \n\n ", EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UndecodableInput),
        (b"caf\xe9 au lait in Gaza", UndecodableInput),
        (b" date 2025-13-40 WASHINGTON: Text.", MalformedHeader),
    ],
)
def test_bad_files_give_one_named_error(tmp_path, content, error):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [item] = read(path)
    assert isinstance(item, error)
    assert str(path) in item.message
    assert item.code in item.message


def test_unreadable_path(tmp_path):
    [item] = read(tmp_path / "missing.txt")
    assert isinstance(item, UnreadablePath)
    assert "missing.txt" in item.message


def test_bad_rows_do_not_stop_the_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Good one."}\n{not json}\n{"title": "no text"}\n[1, 2]\n'
        '{"text": "Bad date.", "date": "2025-02-30"}\n{"text": "Good two."}\n',
        "utf-8",
    )
    items = read(path)
    kinds = [type(i) for i in items]
    assert kinds == [Document, MalformedRow, MissingText, MalformedRow, MalformedHeader, Document]
    assert items[1].origin == f"{path}:2"
    assert items[2].origin == f"{path}:3"


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,date\n1,2025-01-01\n", "utf-8")
    [item] = read(path)
    assert isinstance(item, MissingText)


def test_one_bad_file_among_good_ones(tmp_path):
    (tmp_path / "1.txt").write_text(REPORT, "utf-8")
    (tmp_path / "2.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "3.txt").write_text(REPORT.replace("Doha", "Cairo"), "utf-8")
    items = read(tmp_path)
    assert [isinstance(i, InputError) for i in items] == [False, True, False]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    [doc] = read(path)
    assert doc.dateline.place == "WASHINGTON"


def test_csv_with_bad_bytes_ends_in_an_error_not_a_crash(tmp_path):
    path = tmp_path / "archive.csv"
    good = b'2025-02-08,"Three hostages were freed on Saturday, officials said."\n'
    # Streamed: the rows decoded before the bad bytes are read (the file is buffered).
    path.write_bytes(b"date,text\n" + good * 2000 + b'2025-02-09,"Bad \xff\xfe bytes."\n')
    items = read(path)
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], UndecodableInput)
    assert "invalid UTF-8" in items[-1].message


def test_empty_csv_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    [item] = read(path)
    assert isinstance(item, EmptyInput)
