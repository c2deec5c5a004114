"""Hostile and odd inputs: refused with a clear error, or processed with every offset exact.

How long each takes is measured in benchmarks/pathological.py, not here.
"""

import pytest

from trucewatch import pipeline
from trucewatch.errors import TooLarge
from trucewatch.ingest import documents
from trucewatch.nlp import MAX_TOKEN_CHARS, parse_text

HEADER = " date 2031-06-02 OSTRA: "


def extract(tmp_path, text, name="report.txt"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    errors = []
    results = list(pipeline.extract_stream([str(path)], on_error=errors.append))
    return results, errors


def assert_pinned(document, records):
    body = document.body
    for record in records:
        assert 0 <= record.start <= record.end <= len(body)
        assert body[record.evidence_start : record.evidence_end] == record.evidence
        for field in ("text", "content"):
            if hasattr(record, field):
                assert body[record.start : record.end] == getattr(record, field)


def test_long_runs_are_broken_for_the_parser_without_moving_offsets():
    body = "A " + '"' * 1000 + " B https://example.org/" + "x" * 250
    broken = parse_text(body)
    assert len(broken) == len(body)
    assert max(len(run) for run in broken.split()) <= MAX_TOKEN_CHARS
    assert broken.startswith("A ")
    assert parse_text("Ordinary words stay as they are.") == "Ordinary words stay as they are."


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, text",
    [
        ("quotation-marks", '"' * 20_000),
        ("quote-opened-everywhere", " ".join('"a' for _ in range(3000))),
        ("one-long-line", "Rebels freed four captives on Sunday, officials said. " * 1500),
        ("zero-width-and-bidi", "Ost\u200bra \u202esaid\u202c “we\u200d agree,” he said. " * 500),
        ("mixed-scripts", "Талибан заявил «мы согласны», said Ahmad. مرحبا 12 hostages. " * 300),
    ],
)
def test_pathological_reports_keep_offsets_exact(tmp_path, name, text):
    results, errors = extract(tmp_path, HEADER + text + "\n", f"{name}.txt")
    assert errors == []
    [(document, records)] = results
    assert_pinned(document, records)


@pytest.mark.slow
def test_deeply_nested_html_is_read(tmp_path):
    page = (
        "<html><head><title>Truce holds</title></head><body>"
        + "<div>" * 5000
        + "<p>Mediators said the truce held on Sunday, and 12 detainees were freed.</p>" * 5
        + "</div>" * 5000
        + "</body></html>"
    )
    results, errors = extract(tmp_path, page, "nested.html")
    assert errors == [] or all(e.code == "TW101" for e in errors)
    for document, records in results:
        assert_pinned(document, records)


def test_a_report_over_the_limit_is_refused_and_the_rest_go_on(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_MAX_REPORT_BYTES", "2000")
    (tmp_path / "big.txt").write_text(HEADER + "word " * 1000, "utf-8")
    (tmp_path / "small.txt").write_text(HEADER + "Twelve detainees were freed.", "utf-8")
    rows = '{"text": "' + "word " * 1000 + '"}\n{"text": "Four captives were freed."}\n'
    (tmp_path / "feed.jsonl").write_text(rows, "utf-8")
    items = list(documents([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, TooLarge)]
    assert sorted(e.origin for e in errors) == [
        str(tmp_path / "big.txt"),
        f"{tmp_path}/feed.jsonl:1",
    ]
    assert "TW107" in errors[0].message
    assert len(items) - len(errors) == 2


def test_a_title_case_headline_is_parsed_in_sentence_case_without_moving_offsets():
    body = "Front Releases All 20 Living Hostages\nEst. May 19, 1883\nAram Velin"
    seen = parse_text(body)
    assert len(seen) == len(body)
    assert seen.splitlines() == [
        "Front releases all 20 living hostages",
        "Est. May 19, 1883",  # a month keeps its capital; so does a short line of names
        "Aram Velin",
    ]


def test_a_figure_in_a_title_case_headline_is_read(tmp_path):
    results, _ = extract(
        tmp_path, HEADER.replace("OSTRA: ", "") + "Front Releases All 20 Living Hostages\n"
    )
    [(document, records)] = results
    assert_pinned(document, records)
    [figure] = [r for r in records if r.kind == "claim"]
    assert (figure.value, figure.category) == (20, "hostages_released")
    assert document.body[figure.start : figure.end] == "20 Living Hostages"
