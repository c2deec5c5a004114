"""Probes through the web layer: SQL injection, path traversal and bad tokens all fail."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from trucewatch.store import Database
from trucewatch.web import create_app

AGREEMENTS = Path(__file__).resolve().parent.parent / "examples" / "agreements"
INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE documents; --",
    '" OR 1=1 --',
    "%' UNION SELECT body FROM documents --",
    "\\'; SELECT pg_sleep(5); --",
]


@pytest.fixture(scope="module")
def client(web_db_url):
    with TestClient(create_app(web_db_url, AGREEMENTS, "s3cret-token")) as c:
        yield c


@pytest.mark.parametrize("probe", INJECTIONS)
def test_sql_injection_through_filters_finds_nothing_and_breaks_nothing(client, web_db_url, probe):
    with Database(web_db_url) as db:
        before = db.counts()
    # Full-text search reads the probe as words: it finds what its plain words find.
    words = " ".join(re.findall(r"\w+", probe))
    searched = client.get("/api/documents", params={"q": probe})
    assert searched.status_code == 200
    assert (
        searched.json()["total"]
        == client.get("/api/documents", params={"q": words}).json()["total"]
    )
    for path, params in [
        ("/api/documents", {"actor": probe}),
        ("/api/records/quote", {"filter": f"speaker:{probe}"}),
        ("/api/records/claim", {"filter": f"category:{probe}"}),
        ("/api/records/event", {"filter": f"type:{probe}"}),
        ("/quotes", {"speaker": probe}),
        ("/documents", {"q": probe}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code in (200, 422), (path, response.status_code)
        if response.status_code == 200 and path.startswith("/api"):
            assert response.json()["total"] == 0, (path, probe)
    with Database(web_db_url) as db:
        assert db.counts() == before


@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/documents/../../etc/passwd",
        "/agreements/..%2F..%2Fpyproject",
        "/agreements/../../../etc/passwd",
        "/api/agreements/..%2Fgaza-2025/ledger",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/static/../../pyproject.toml",
    ],
)
def test_path_traversal_reaches_no_file(client, path):
    response = client.get(path)
    assert response.status_code in (404, 422, 400)
    assert "root:" not in response.text and "[project]" not in response.text


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong", "Bearer s3cret-token-and-more", "Basic s3cret-token", "s3cret-token"],
)
def test_the_write_api_refuses_without_the_token(client, web_db_url, header):
    with Database(web_db_url) as db:
        before = db.counts()["documents"]
    headers = {"Authorization": header} if header else {}
    body = {"reports": [{"text": "Rebels freed four captives on Sunday.", "date": "2031-06-01"}]}
    response = client.post("/api/reports", json=body, headers=headers)
    assert response.status_code in (401, 403)
    with Database(web_db_url) as db:
        assert db.counts()["documents"] == before


def test_the_server_binds_to_loopback_by_default():
    from trucewatch.cli import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
