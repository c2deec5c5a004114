"""Reviewing in a real browser (Debian's Chromium through Playwright) against ``trucewatch
serve``: a reviewer signs in, rejects an outlier figure, and the delivered number and the
status change on the page; the review queue works from the keyboard."""

from __future__ import annotations

import pytest

from conftest import ROOT
from test_browser import browser, home, shots  # noqa: F401 - shared fixtures
from trucewatch import pipeline
from trucewatch.store import Database

pytestmark = pytest.mark.browser

SPECS = ROOT / "tests" / "data"
TOKEN = "editor-token-for-the-browser-test"
LEDGER = "/agreements/riverland-2031?as_of=2031-03-10"


@pytest.fixture(scope="module")
def server(tmp_path_factory, home, serve):  # noqa: F811 - home is the shared fixture
    path = tmp_path_factory.mktemp("review-browser") / "riverland.db"
    url = f"sqlite:///{path}"
    with Database(url) as db:
        assert not pipeline.ingest([str(SPECS / "riverland")], db).errors
    with serve(url, home=home, token=TOKEN, specs=SPECS) as base:
        yield base


@pytest.fixture
def page(browser, server):  # noqa: F811 - browser is the shared fixture
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def detainees(page) -> tuple[str, str]:
    row = page.locator("#obligation-detainees")
    return row.locator("td.delivered a.figure").inner_text(), row.locator(".status").inner_text()


def detainee_evidence(page, value: str):
    items = page.locator("#evidence-detainees + ol.evidence-list > li")
    return items.filter(has=page.locator("span.num", has_text=value))


def sign_in(page, server, next_path):
    page.goto(server + next_path)
    page.get_by_role("link", name="Sign in to review").click()
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server + next_path)
    assert page.locator(".reviewer").inner_text() == "editor"


def test_a_reviewer_rejects_an_outlier_and_the_ledger_follows(page, server, shots):  # noqa: F811
    page.goto(server + LEDGER)
    assert detainees(page) == ("135", "on track")
    assert page.locator("button[value=reject]").count() == 0  # read-only until signed in
    sign_in(page, server, LEDGER)
    outlier = detainee_evidence(page, "75")
    assert outlier.count() == 1
    with page.expect_navigation():
        outlier.locator("button[value=reject]").click()
    assert detainees(page) == ("60", "behind")
    page.screenshot(path=shots / "review-rejected.png", full_page=True)
    assert detainee_evidence(page, "75").count() == 0
    # listed apart, and undone from there: the number comes back
    page.locator("#rejected").evaluate("details => { details.open = true; }")
    rejected = page.locator("#rejected li").filter(has=page.locator("span.num", has_text="75"))
    with page.expect_navigation():
        rejected.locator("button[value=undo]").click()
    assert detainees(page) == ("135", "on track")
    with page.expect_navigation():
        detainee_evidence(page, "75").locator("button[value=reject]").click()
    assert detainees(page) == ("60", "behind")
    assert not page.errors, page.errors


def test_the_review_queue_works_from_the_keyboard(page, server):
    queue = "/review?agreement=riverland-2031&as_of=2031-03-10"
    sign_in(page, server, queue)
    items = page.locator(".queue-item")
    first = items.nth(0).locator("a.open").inner_text()
    second = items.nth(1).locator("a.open").inner_text()
    count = items.count()
    page.keyboard.press("j")
    assert "selected" in items.nth(1).get_attribute("class")
    page.keyboard.press("k")
    with page.expect_navigation():
        page.keyboard.press("c")  # confirm the first: it leaves the queue
    assert page.locator(".queue-item").count() == count - 1
    assert page.locator(".queue-item.selected a.open").inner_text() in (second, first)
    page.keyboard.press("o")
    page.wait_for_url("**/documents/**")
    assert page.locator("#evidence").count() == 1
    assert not page.errors, page.errors


def test_a_reviewer_adds_a_figure_by_selecting_its_words(page, server):
    reports = api(server, "/api/documents?q=relatives")["items"]
    doc = reports[0]["id"]
    body = api(server, f"/api/documents/{doc}?records=false")["body"]
    sign_in(page, server, f"/documents/{doc}")
    page.locator("#add-record summary").click()
    page.evaluate(
        """(words) => {
            const body = document.getElementById("body");
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + words.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return;
            }
        }""",
        "Relatives gathered",
    )
    form = page.locator("[data-add-record]")
    page.wait_for_function("document.querySelector('[data-add-record] .selected-text').textContent")
    start = body.index("Relatives gathered")
    assert form.locator("input[name=start]").input_value() == str(start)
    assert form.locator("input[name=end]").input_value() == str(start + len("Relatives gathered"))
    form.locator("input[name=value]").fill("40")
    form.locator("select[name=category]").select_option("prisoners_released")
    form.locator("input[name=date]").fill("2031-03-05")
    with page.expect_navigation():
        form.get_by_role("button", name="add").click()
    added = page.locator("ol.records li", has=page.locator(".review-added"))
    assert added.count() == 1 and "40" in added.inner_text()
    assert not page.errors, page.errors


def api(server, path):
    import json
    import urllib.request

    with urllib.request.urlopen(server + path, timeout=10) as response:
        return json.load(response)
