"""Reviewing on the web is for signed-in reviewers only: sign-in with a token, a signed
HttpOnly SameSite cookie, a CSRF token on every form; everyone sees what is reviewed."""

import re

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT
from trucewatch.store import Database
from trucewatch.store import reviews as review_store
from trucewatch.web import create_app
from trucewatch.web.auth import ReviewersFileError, load_reviewers

SPECS = ROOT / "tests" / "data"
ALICE = "alice-token-0123456789"
BO = "bo-token-0123456789abcd"
LEDGER = "/agreements/riverland-2031?as_of=2031-03-10"


@pytest.fixture
def url(riverland_url):
    return riverland_url


@pytest.fixture
def app(url):
    return create_app(url, SPECS, None, {ALICE: "alice", BO: "bo"})


def form_value(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def signed_in(app, token: str) -> TestClient:
    client = TestClient(app)
    page = client.get("/signin")
    response = client.post("/signin", data={"token": token, "csrf": form_value(page.text, "csrf"),
                                           "next": LEDGER}, follow_redirects=False)  # fmt: skip
    assert response.status_code == 303 and response.headers["location"] == LEDGER
    return client


def first_evidence(client) -> tuple[str, str]:
    """The first evidence row's record and the page's CSRF token."""
    html = client.get(LEDGER).text
    return form_value(html, "ref"), form_value(html, "csrf")


def stored(url):
    with Database(url) as db:
        return review_store.stored(db)


def test_a_signed_in_reviewer_reviews_from_the_agreement_page(app, url):
    client = signed_in(app, ALICE)
    ref, csrf = first_evidence(client)
    response = client.post("/review", data={"ref": ref, "kind": "claim", "verdict": "confirm",
                                            "csrf": csrf, "next": LEDGER}, follow_redirects=False)  # fmt: skip
    assert response.status_code == 303 and response.headers["location"] == LEDGER
    (review,) = stored(url)
    assert (review["reviewer"], review["verdict"]) == ("alice", "confirm")
    # read-only visitors see it reviewed, without any control
    html = TestClient(app).get(LEDGER).text
    assert 'class="review review-confirmed"' in html and 'name="verdict"' not in html


def test_a_correction_from_the_form_stores_only_the_filled_fields(app, url):
    client = signed_in(app, BO)
    ref, csrf = first_evidence(client)
    form = {"ref": ref, "kind": "claim", "verdict": "correct", "csrf": csrf, "next": LEDGER,
            "value": "7", "low": "", "category": "", "cumulative": "one exchange",
            "obligation": "captives", "note": "recounted"}  # fmt: skip
    assert client.post("/review", data=form, follow_redirects=False).status_code == 303
    (review,) = stored(url)
    assert review["fields"] == {"value": 7, "cumulative": False, "obligation": "captives"}
    assert (review["reviewer"], review["note"]) == ("bo", "recounted")


def test_a_bad_correction_is_refused_with_its_reason(app, url):
    client = signed_in(app, ALICE)
    ref, csrf = first_evidence(client)
    form = {"ref": ref, "kind": "claim", "verdict": "correct", "csrf": csrf, "value": "many"}
    response = client.post("/review", data=form)
    assert response.status_code == 422 and "value" in response.text
    assert stored(url) == []


def test_a_request_without_sign_in_is_refused(app, url):
    ref, _csrf = first_evidence(signed_in(app, ALICE))
    anonymous = TestClient(app)
    response = anonymous.post("/review", data={"ref": ref, "verdict": "reject", "csrf": "x"})
    assert response.status_code == 401
    forged = TestClient(app, cookies={"tw_session": "616c696365.9999999999.00.deadbeef"})
    assert forged.post("/review", data={"ref": ref, "verdict": "reject"}).status_code == 401
    assert stored(url) == []


@pytest.mark.parametrize("csrf", [None, "", "0" * 64])
def test_a_forged_form_without_the_csrf_token_is_refused(app, url, csrf):
    client = signed_in(app, ALICE)
    ref, _real = first_evidence(client)
    data = {"ref": ref, "kind": "claim", "verdict": "reject"}
    if csrf is not None:
        data["csrf"] = csrf
    response = client.post("/review", data=data)
    assert response.status_code == 403 and "CSRF" in response.text
    assert stored(url) == []


def test_the_session_cookie_is_httponly_samesite_and_sign_in_checks_its_form(app):
    client = TestClient(app)
    page = client.get("/signin")
    assert "httponly" in page.headers["set-cookie"].lower()
    csrf = form_value(page.text, "csrf")
    wrong = client.post("/signin", data={"token": "nope", "csrf": csrf}, follow_redirects=False)
    assert wrong.status_code == 303 and "failed=1" in wrong.headers["location"]
    assert "tw_session" not in client.cookies
    cross_site = TestClient(app).post("/signin", data={"token": ALICE, "csrf": csrf})
    assert cross_site.status_code == 403
    response = client.post("/signin", data={"token": ALICE, "csrf": csrf, "next": "//evil.example/"},
                           follow_redirects=False)  # fmt: skip
    cookie = response.headers["set-cookie"].lower()
    assert response.headers["location"] == "/"
    assert "tw_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_a_server_without_tokens_takes_no_reviews(url):
    client = TestClient(create_app(url, SPECS, None))
    assert "takes no reviews" in client.get("/signin").text
    assert client.post("/review", data={"ref": "x", "verdict": "reject"}).status_code == 401


def test_the_queue_lists_what_decides_the_numbers_first(app):
    html = TestClient(app).get("/review?agreement=riverland-2031&as_of=2031-03-10").text
    assert "data-queue" in html and html.count('class="queue-item') >= 3
    assert "Sign in</a> to review" in html
    assert TestClient(app).get("/review?agreement=nope").status_code == 404


def test_the_report_page_marks_reviewed_records_and_offers_controls(app, url):
    client = signed_in(app, ALICE)
    ref, csrf = first_evidence(client)
    client.post("/review", data={"ref": ref, "kind": "claim", "verdict": "reject", "csrf": csrf})
    html = client.get(f"/documents/{ref.split(':')[0]}").text
    assert 'class="review review-rejected"' in html and 'value="confirm"' in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alice: short\n", "16 characters or more"),
        ("- alice\n", "mapping of reviewer name to token"),
        ("alice: aaaaaaaaaaaaaaaaaaaa\nbo: aaaaaaaaaaaaaaaaaaaa\n", "the same token as alice"),
    ],
)
def test_a_bad_reviewers_file_names_itself_and_the_reason(tmp_path, text, message):
    path = tmp_path / "reviewers.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ReviewersFileError, match=message) as raised:
        load_reviewers(path)
    assert str(path) in str(raised.value)
