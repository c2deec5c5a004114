"""Reviews in the store and from the CLI: a reviewer's verdicts change the ledger, survive
re-extraction, keep their history, and travel through files.

The reports are the invented Riverland ones (tests/data/riverland); records are
found by their text, not by offsets, so a better extractor keeps these tests."""

import datetime as dt
import shutil
import threading

import pytest
from click.testing import CliRunner

from conftest import ROOT
from trucewatch import pipeline
from trucewatch.cli import cli
from trucewatch.ledger import ledger_from_db, load_spec
from trucewatch.review import ReviewError, history, import_reviews, orphaned, review
from trucewatch.review.files import export_reviews
from trucewatch.store import Database
from trucewatch.store import reviews as review_store

REPORTS = ROOT / "tests" / "data" / "riverland"
SPEC = ROOT / "tests" / "data" / "riverland-2031.yaml"
AS_OF = dt.date(2031, 3, 10)


@pytest.fixture
def url(riverland_url):
    return riverland_url


def row_of(db, oid):
    result = ledger_from_db(load_spec(SPEC), db, AS_OF)
    return next(o for p in result["phases"] for o in p["obligations"] if o["id"] == oid)


def ref(item):
    return f"{item['doc']}:{item['start']}-{item['end']}"


def evidence_giving(row, value):
    return next(e for e in row["evidence"] if e["value"] == value)


def test_a_rejected_figure_leaves_the_ledger_and_an_undo_brings_it_back(url):
    with Database(url) as db:
        before = row_of(db, "detainees")
        outlier = evidence_giving(before, 75)
        review(db, ref(outlier), "reject", "alice", note="the ministry counts twice")
        after = row_of(db, "detainees")
        assert after["delivered"]["best"] == before["delivered"]["best"] - 75
        assert ref(outlier) not in {ref(e) for e in after["evidence"]}
        (listed,) = ledger_from_db(load_spec(SPEC), db, AS_OF)["rejected"]
        assert (ref(listed), listed["value"], listed["reviewed_by"]) == (ref(outlier), 75, "alice")
        review(db, ref(outlier), "undo", "alice")
        assert row_of(db, "detainees")["delivered"] == before["delivered"]
        _target, reviews, verdict = history(db, ref(outlier))
    assert [r["verdict"] for r in reviews] == ["reject", "undo"]
    assert reviews[0]["note"] == "the ministry counts twice" and verdict is None


def test_a_correction_replaces_the_extracted_fields_and_counts_as_reviewed(url):
    with Database(url) as db:
        total = evidence_giving(row_of(db, "captives"), 9)
        review(db, ref(total), "correct", "bo", {"value": 8})
        row = row_of(db, "captives")
        _target, _reviews, verdict = history(db, ref(total))
    assert row["delivered"]["best"] == 8
    assert evidence_giving(row, 8)["review"] == "corrected"
    assert row["reviewed"] == 1 and verdict.fields == {"value": 8}


def test_an_added_figure_counts_like_an_extracted_one(url):
    with Database(url) as db:
        before = row_of(db, "detainees")["delivered"]["best"]
        doc = next(
            d for d in db.list_documents() if "Relatives" in db.get_document(d["id"])["body"]
        )
        body = db.get_document(doc["id"])["body"]
        start = body.index("Relatives gathered")
        span = f"{doc['id']}:{start}-{start + len('Relatives gathered')}"
        fields = {"value": 40, "category": "prisoners_released", "date": "2031-03-05",
                  "obligation": "detainees"}  # fmt: skip
        review(db, span, "add", "cy", fields, kind="claim")
        row = row_of(db, "detainees")
    added = evidence_giving(row, 40)
    assert row["delivered"]["best"] == before + 40
    assert added["review"] == "added" and added["evidence"].startswith("Relatives gathered")


def test_reviews_survive_reextract_and_a_lost_span_is_listed_as_orphaned(url):
    with Database(url) as db:
        outlier = evidence_giving(row_of(db, "detainees"), 75)
        review(db, ref(outlier), "reject", "alice")
        rejected = row_of(db, "detainees")["delivered"]
        summary = pipeline.reextract(db, every=True)
        assert summary.documents == 3 and not summary.errors
        assert row_of(db, "detainees")["delivered"] == rejected
        assert orphaned(db) == []
        # a review whose span no record has (as after an extractor change) is kept and listed
        report = db.get_document(outlier["doc"])["content_hash"]
        gone = {**review_store.stored(db)[0], "start": 1, "end": 5, "uid": None}
        review_store.append(db, [gone])
        (orphan,) = orphaned(db)
        assert (orphan["content_hash"], orphan["start"]) == (report, 1)
        assert orphan["reason"] == "no claim has this span now"
        assert len(review_store.stored(db)) == 2


@pytest.mark.parametrize(
    ("ref_text", "verdict", "fields", "message"),
    [
        ("nonsense", "confirm", None, "DOC:START-END"),
        ("0123456789abcdef:1-5", "confirm", None, "no stored report"),
        ("{doc}:5-5", "confirm", None, "the span is empty"),
        ("{doc}:0-3", "confirm", None, "no record has this span"),
        ("{ref}", "undo", None, "no review of this claim stands to undo"),
        ("{ref}", "correct", {"category": "casualties"}, "unknown category"),
        ("{ref}", "correct", {"low": 9, "high": 3}, "low 9 is above high 3"),
        ("{ref}", "correct", {"colour": "red"}, "colour: Extra inputs are not permitted"),
        ("{ref}", "correct", {}, "needs at least one field"),
        ("{ref}", "reject", {"value": 3}, "takes no fields"),
        ("{ref}", "add", {"value": 3}, "say what is added"),
    ],
)
def test_a_review_that_cannot_be_stored_says_why_and_stores_nothing(
    url, ref_text, verdict, fields, message
):
    with Database(url) as db:
        figure = evidence_giving(row_of(db, "captives"), 9)
        text = ref_text.format(doc=figure["doc"], ref=ref(figure))
        with pytest.raises(ReviewError, match=message):
            review(db, text, verdict, "alice", fields)
        assert review_store.stored(db) == []


def test_the_cli_reviews_lists_and_moves_reviews_through_files(url, tmp_path):
    runner = CliRunner()
    spec = str(SPEC)

    def run(*args):
        result = runner.invoke(cli, [*args, "--db", url], catch_exceptions=False)
        return result.exit_code, result.output

    code, out = run("review", "list", spec, "--as-of", "2031-03-10", "--json")
    assert code == 0
    queue = [__import__("json").loads(line) for line in out.splitlines()]
    assert queue and all(item["role"] in ("decides", "dissent") for item in queue)
    assert [i["weight"] for i in queue] == sorted((i["weight"] for i in queue), reverse=True)
    first = queue[0]["ref"]
    assert run("review", "confirm", first, "--reviewer", "alice")[1].startswith("confirm: claim")
    code, out = run("review", "correct", first, "value=3", "date=2031-03-02", "--reviewer", "bo")
    assert code == 0 and "value=3" in out and "date=2031-03-02" in out
    code, out = run("review", "history", first)
    assert "alice" in out and "bo" in out and "stands: corrected" in out
    code, out = run("review", "list", spec, "--as-of", "2031-03-10", "--json")
    assert first not in out  # reviewed: off the queue

    exported = tmp_path / "reviews.yaml"
    assert run("review", "export", "-o", str(exported))[0] == 0
    other = tmp_path / "other.db"
    shutil.copy(url.removeprefix("sqlite:///"), other)
    with Database(f"sqlite:///{other}") as db:
        from trucewatch.store.schema import reviews

        with db.engine.begin() as conn:
            conn.execute(reviews.delete())
    for expected in ("2 review(s) added, 0 already stored", "0 review(s) added, 2 already stored"):
        result = runner.invoke(
            cli, ["review", "import", str(exported), "--db", f"sqlite:///{other}"]
        )
        assert result.output.strip() == expected
    with Database(f"sqlite:///{other}") as db, Database(url) as original:
        assert export_reviews(db, fmt="jsonl") == export_reviews(original, fmt="jsonl")


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [
        ("bad.jsonl", '{{"report": "{h}", "kind": "claim", "start": 1, "end": 3, "verdict": "reject", '
         '"reviewer": "a", "created_at": "2031-03-10T10:00:00+00:00"}}\n{{"report": \n', 2, "not JSON"),
        ("bad.yaml", "- report: {h}\n  kind: claim\n  start: 1\n  end: 3\n  verdict: reject\n"
         "  reviewer: a\n  created_at: '2031-03-10T10:00:00+00:00'\n- report: {h}\n  kind: claim\n"
         "  start: 4\n  end: 2\n  verdict: reject\n  reviewer: a\n  created_at: x\n", 8,
         "start before end"),
        ("bad2.yaml", "- report: {h}\n  kind: claim\n  start: 1\n  end: 3\n  verdict: shrug\n"
         "  reviewer: a\n  created_at: '2031-03-10T10:00:00+00:00'\n", 1, "unknown verdict"),
        ("bad3.yaml", "- [unclosed\n", 2, "not YAML"),
    ],
)  # fmt: skip
def test_a_malformed_review_file_names_the_line_and_changes_nothing(url, tmp_path, name, text,
                                                                      line, reason):  # fmt: skip
    with Database(url) as db:
        report = db.get_document(db.list_documents()[0]["id"])["content_hash"]
        path = tmp_path / name
        path.write_text(text.format(h=report), "utf-8")
        with pytest.raises(ReviewError) as raised:
            import_reviews(db, path)
        assert review_store.stored(db) == []
    assert f"{path}:{line}:" in str(raised.value) and reason in str(raised.value)


@pytest.mark.postgres
def test_concurrent_reviews_from_two_sessions_on_postgresql_lose_nothing(postgres_url, tmp_path):
    with Database(postgres_url) as db:
        assert not pipeline.ingest([str(REPORTS)], db).errors
        figures = row_of(db, "detainees")["evidence"] + row_of(db, "captives")["evidence"]
    errors = []

    def reviewer(name):
        try:
            with Database(postgres_url) as session:
                for i in range(25):
                    figure = figures[i % len(figures)]
                    review(session, ref(figure), "confirm" if i % 2 else "reject", name)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in ("alice", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Database(postgres_url) as db:
        stored = review_store.stored(db)
        exported = export_reviews(db, fmt="jsonl")
    assert len(stored) == 50
    assert {r["reviewer"] for r in stored} == {"alice", "bo"}
    # the same file imported by two sessions at once is stored once
    with Database(postgres_url) as db:
        from trucewatch.store.schema import reviews

        with db.engine.begin() as conn:
            conn.execute(reviews.delete())
    path = tmp_path / "reviews.jsonl"
    path.write_text(exported, "utf-8")
    results = []

    def importer():
        with Database(postgres_url) as session:
            results.append(import_reviews(session, path))

    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(added for added, _known in results) == 50
    with Database(postgres_url) as db:
        assert len(review_store.stored(db)) == 50


def test_an_added_event_reaches_the_timeline_and_a_rejected_one_leaves_it(url):
    from trucewatch.ledger import timeline_from_db

    with Database(url) as db:
        doc = next(d["id"] for d in db.list_documents() if "Relatives" in d_body(db, d["id"]))
        body = d_body(db, doc)
        start = body.index("Relatives gathered")
        span = f"{doc}:{start}-{start + len('Relatives gathered')}"
        fields = {"type": "ASSAULT", "actor": ["Northmark"], "date": "2031-03-08"}
        review(db, span, "add", "alice", fields, kind="event")
        spec = load_spec(SPEC)
        (added,) = [e for e in timeline_from_db(spec, db, AS_OF) if e["start"] == start]
        assert (added["date"], added["label"], added["type"]) == (
            "2031-03-08",
            "violation",
            "ASSAULT",
        )
        assert "Northmark" in added["summary"]
        review(db, span, "reject", "bo", kind="event")
        assert not [e for e in timeline_from_db(spec, db, AS_OF) if e["start"] == start]


def test_the_api_lists_reviews_as_the_export_writes_them(url):
    from fastapi.testclient import TestClient

    from trucewatch.web import create_app

    with Database(url) as db:
        figure = evidence_giving(row_of(db, "captives"), 9)
        review(db, ref(figure), "confirm", "alice")
    page = TestClient(create_app(url, SPEC.parent, None)).get("/api/reviews").json()
    assert page["total"] == 1
    (item,) = page["items"]
    assert (item["record"], item["verdict"], item["reviewer"]) == (ref(figure), "confirm", "alice")


def d_body(db, doc_id):
    return db.get_document(doc_id)["body"]


def test_the_terminal_ledger_says_how_much_of_a_number_is_reviewed(url):
    with Database(url) as db:
        review(db, ref(evidence_giving(row_of(db, "captives"), 9)), "confirm", "alice")
    result = CliRunner().invoke(cli, ["ledger", str(SPEC), "--db", url, "--as-of", "2031-03-10"])
    assert result.exit_code == 0 and "reviewed 1/1" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
