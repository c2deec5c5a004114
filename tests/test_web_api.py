"""The JSON API and the HTML pages, in-process (FastAPI's TestClient) on the example database."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from trucewatch.store.schema import RECORD_TABLES
from trucewatch.web import create_app

AGREEMENTS = Path(__file__).resolve().parent.parent / "examples" / "agreements"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def client(web_db_url):
    with TestClient(create_app(web_db_url, AGREEMENTS, None)) as c:
        yield c


@pytest.fixture
def writer(sqlite_url):
    """An app with a token, on its own database (the shared one stays as the examples made it)."""
    with TestClient(create_app(sqlite_url, AGREEMENTS, TOKEN)) as c:
        yield c


def probe_id(client) -> str:
    found = client.get("/api/documents", params={"q": "textarea"}).json()
    [item] = [i for i in found["items"] if i["path"].endswith("xss-probe.txt")]
    return item["id"]


def test_openapi_describes_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/records/{kind}",
            "/api/agreements/{agreement_id}/ledger", "/api/incidents"} <= set(spec["paths"])  # fmt: skip
    assert "/api/reports" not in spec["paths"]  # read-only without a token
    params = {p["name"] for p in spec["paths"]["/api/records/{kind}"]["get"]["parameters"]}
    assert {"limit", "offset", "filter", "doc", "since", "until"} <= params
    # No CDN-hosted docs pages.
    assert client.get("/docs").status_code == 404


def test_documents_page_through_everything(client):
    first = client.get("/api/documents", params={"limit": 5}).json()
    rest = client.get("/api/documents", params={"limit": 500, "offset": 5}).json()
    assert first["total"] == 16  # 15 examples and the probe
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 16
    assert client.get("/api/documents", params={"limit": 0}).status_code == 422


def test_full_text_search_with_filters(client):
    found = client.get("/api/documents", params={"q": "prisoners", "since": "2025-05-01"}).json()
    assert found["total"] >= 1
    assert all(d["date"] >= "2025-05-01" for d in found["items"])
    assert all(d["snippet"]["hit_start"] is not None for d in found["items"])
    by_actor = client.get("/api/documents", params={"actor": "Volodymyr Zelensky"}).json()
    assert by_actor["total"] >= 1
    weird = client.get("/api/documents", params={"q": '") OR 1=1 -- NOT *'})
    assert weird.status_code == 200
    assert client.get("/api/documents", params={"kind": "nope"}).status_code == 422


def test_one_document_with_its_records(client):
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert "minhash" not in doc
    assert doc["records"]
    for record in doc["records"]:
        assert doc["body"][record["evidence_start"] : record["evidence_end"]] == record["evidence"]
    assert client.get("/api/documents/0000000000000000").status_code == 404


def test_records_filtered_and_paged(client):
    quotes = client.get("/api/records/quote", params={"filter": "speaker:netanyahu"}).json()
    assert quotes["total"] >= 1
    assert all("netanyahu" in q["speaker"].lower() for q in quotes["items"])
    page = client.get("/api/records/entity", params={"limit": 7, "offset": 7}).json()
    assert len(page["items"]) == 7 and page["offset"] == 7
    assert client.get("/api/records/nothing").status_code == 422  # not a kind (the schema says)
    assert client.get("/api/records/quote", params={"filter": "nope:x"}).status_code == 422
    assert client.get("/api/records/quote", params={"filter": "speaker"}).status_code == 422
    kinds = client.get("/api/kinds").json()
    assert set(kinds) == set(RECORD_TABLES) and "speaker" in kinds["quote"]


def test_ledger_for_a_spec_and_date(client):
    assert {a["id"] for a in client.get("/api/agreements").json()} == {
        "gaza-2025",
        "ru-ua-2025-1000",
    }
    result = client.get("/api/agreements/gaza-2025/ledger", params={"as_of": "2025-02-04"}).json()
    assert result["as_of"] == "2025-02-04"
    first = result["phases"][0]
    assert first["day"] == 17 and first["days"] == 42
    assert [(o["id"], o["promised"]) for o in first["obligations"]] == [
        ("hostages", 33),
        ("prisoners", 1900),
    ]
    with_timeline = client.get(
        "/api/agreements/gaza-2025/ledger", params={"as_of": "2025-02-04", "timeline": True}
    ).json()
    [series, _] = with_timeline["timeline"]
    assert series["points"][0]["date"] == "2025-01-19"
    assert series["points"][-1]["date"] == "2025-02-04"
    assert client.get("/api/agreements/nope/ledger").status_code == 404
    assert client.get("/api/agreements/gaza-2025/ledger?as_of=yesterday").status_code == 422


def test_incidents_only_with_events(client):
    response = client.get("/api/incidents")
    assert response.status_code == (200 if "event" in RECORD_TABLES else 404)


def test_ingest_is_off_without_a_token(client):
    response = client.post("/api/reports", json={"reports": [{"text": "x"}]})
    assert response.status_code in (404, 405)


def test_ingest_needs_the_bearer_token(writer):
    body = {"reports": [{"text": "Mediators met in Doha on Monday.", "date": "2025-03-03"}]}
    assert '<span class="n">0</span> reports' in writer.get("/").text
    assert writer.post("/api/reports", json=body).status_code == 401
    wrong = writer.post("/api/reports", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    ok = writer.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200, ok.text
    [result] = ok.json()
    assert result["stored"] and result["records"] >= 1
    # The dashboard's cached counts follow the ingest (it opened a run).
    assert '<span class="n">1</span> reports' in writer.get("/").text
    again = writer.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()[0] == {**result, "stored": False, "records": 0}
    assert writer.get(f"/api/documents/{result['id']}").json()["date"] == "2025-03-03"
    bad = writer.post("/api/reports", json={"reports": [{"text": ""}]},
                      headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert bad.status_code == 422


PAGES = ["/", "/documents", "/documents?q=hostages&since=2025-01-01&actor=Hamas&kind=quote",
         "/quotes", "/quotes?speaker=trump", "/records/entity", "/records/quote?speaker=hamas",
         "/agreements/gaza-2025", "/agreements/gaza-2025?as_of=2025-02-04",
         "/agreements/ru-ua-2025-1000", "/api"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # The only script is the package's own file; nothing from another origin.
    assert re.findall(r"<script[^>]*>", response.text) == [
        '<script src="/static/app.js" defer></script>'.removesuffix("</script>")
    ]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text)


def test_missing_things_are_404_pages(client):
    for path in ("/agreements/nope", "/documents/0000000000000000", "/records/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "text/html" in response.headers["content-type"]


def test_kind_specific_pages_light_up_with_their_kinds(client):
    assert client.get("/figures").status_code == (200 if "claim" in RECORD_TABLES else 404)
    assert client.get("/incidents").status_code == (200 if "event" in RECORD_TABLES else 404)


def test_report_text_is_escaped_everywhere(client):
    doc_id = probe_id(client)
    pages = [client.get(f"/documents/{doc_id}").text,
             client.get("/documents", params={"q": "textarea"}).text,
             client.get("/quotes", params={"speaker": "hamas"}).text,
             client.get("/records/quote").text]  # fmt: skip
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "</textarea><" not in html
    # The body as shown: our own tags (marks, anchors) removed, report text left escaped.
    document = re.sub(r"<[^>]+>", "", re.search(r"<article.*?</article>", pages[0], re.S).group())
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in document
    assert "&lt;/textarea&gt;" in document


def test_evidence_link_marks_the_sentence(client):
    quote = client.get("/api/records/quote", params={"limit": 1}).json()["items"][0]
    html = client.get(
        f"/documents/{quote['doc']}",
        params={"kind": "quote", "start": quote["start"], "end": quote["end"]},
    ).text
    marked = re.search(r'<span class="evidence" id="evidence">(.*?)</span>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", marked)
    import html as html_lib

    assert html_lib.unescape(text) == quote["evidence"]


def test_only_web_urls_become_links(writer):
    body = {"reports": [{"text": "Talks resumed in Cairo.", "url": "javascript:alert(1)"},
                        {"text": "Talks ended in Cairo.", "url": "https://example.org/a?b=1&c=2"}]}  # fmt: skip
    results = writer.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    bad, good = (writer.get(f"/documents/{r['id']}").text for r in results.json())
    assert 'href="javascript' not in bad and "javascript:alert(1)" in bad
    assert 'href="https://example.org/a?b=1&amp;c=2"' in good


def test_the_agreement_page_leads_with_the_consensus(client):
    result = client.get("/api/agreements/gaza-2025/ledger", params={"as_of": "2025-03-01"}).json()
    hostages = result["phases"][0]["obligations"][0]
    assert hostages["support"] >= 1 and hostages["basis"] and hostages["supported_by"]
    page = client.get("/agreements/gaza-2025", params={"as_of": "2025-03-01"}).text
    consensus = page[page.index('id="consensus-hostages"') :]
    consensus = consensus[: consensus.index("</section>")]
    assert "by the reports' consensus" in consensus
    assert "independent report(s)" in consensus
    # The dissent is folded away, and reports are named by title, not by their hash.
    assert "<details" in consensus and "Conflicting figures: hostages" in consensus
    for doc in hostages["supported_by"]:
        assert f">{doc}<" not in consensus
