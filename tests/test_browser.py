"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against
``trucewatch serve`` on 127.0.0.1 with the example database.

Never ``playwright install`` (it downloads a browser): the tests launch
``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` does). Without
it they skip, except under ``CI=true``, where they fail. Screenshots go to
``$TRUCEWATCH_SCREENSHOTS`` or a temporary folder, printed at the end.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from trucewatch.store.schema import RECORD_TABLES

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("TRUCEWATCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """Chromium writes ~/.config and ~/.cache: a throwaway HOME keeps the real one clean."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def browser(home):
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed: pip install -e '.[test]'")
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if old_home is not None:
            os.environ["HOME"] = old_home


@pytest.fixture(scope="module")
def server(web_db_url, home, serve):
    """``trucewatch serve`` in its own process, as a user starts it."""
    with serve(web_db_url, home=home) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("TRUCEWATCH_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser, server):
    """A fresh page that records script dialogs and console errors (none may happen)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def api(server: str, path: str):
    with urllib.request.urlopen(server + path, timeout=10) as response:
        return json.load(response)


def test_dashboard_loads(page, server, shots):
    page.goto(server + "/")
    assert page.title() == "Dashboard · trucewatch"
    counts = api(server, "/api/documents?limit=1")
    assert page.locator(".count .n").first.inner_text() == str(counts["total"])
    assert page.get_by_role("link", name="Gaza ceasefire and exchange, January 2025").is_visible()
    page.screenshot(path=shots / "dashboard.png", full_page=True)
    assert not page.errors, page.errors


def test_agreement_page_shows_promised_and_delivered(page, server, shots):
    page.goto(server + "/agreements/gaza-2025?as_of=2025-02-04")
    ledger = api(server, "/api/agreements/gaza-2025/ledger?as_of=2025-02-04")
    assert "day 17 of 42" in page.locator(".phase-meta").first.inner_text()
    rows = page.locator("table.ledger tbody tr")
    assert rows.count() == 2
    for i, obligation in enumerate(ledger["phases"][0]["obligations"]):
        row = rows.nth(i)
        promised = f"{obligation['promised']:,}"
        assert row.locator("td.promised").inner_text().lstrip("~") == promised
        best = obligation["delivered"]["best"]
        shown = row.locator("td.delivered").inner_text()
        assert shown.startswith(f"{best:,}" if best is not None else "?")
        assert row.locator("svg.bar").count() == 1
    page.screenshot(path=shots / "agreement.png", full_page=True)
    assert not page.errors, page.errors


@pytest.mark.skipif("claim" not in RECORD_TABLES, reason="the claim kind is not merged yet")
def test_click_a_delivered_figure_through_to_its_sentence(page, server, shots):
    page.goto(server + "/agreements/gaza-2025")
    ledger = api(server, "/api/agreements/gaza-2025/ledger")
    obligation = next(o for o in ledger["phases"][0]["obligations"] if o["evidence"])
    page.locator(f"#obligation-{obligation['id']} a.figure").click()
    assert page.url.endswith(f"#evidence-{obligation['id']}")
    first = page.locator(f"#evidence-{obligation['id']} + ol.evidence-list a.evidence-link").first
    expected = obligation["evidence"][0]["evidence"]
    assert first.inner_text() == expected
    first.click()
    page.wait_for_load_state()
    assert "/documents/" in page.url
    assert page.locator("#evidence").inner_text() == expected
    page.screenshot(path=shots / "figure-evidence.png", full_page=False)


def test_click_a_count_through_to_a_quote_in_context(page, server, shots):
    page.goto(server + "/quotes")
    speaker_link = page.locator("ul.speakers li a.count-link").first
    count = int(speaker_link.inner_text())
    speaker_link.click()
    page.wait_for_load_state()
    assert page.locator("ol.quotes > li").count() == min(count, 25)
    speakers = page.locator("ol.quotes .speaker").all_inner_texts()
    assert len(set(speakers)) == 1
    query = urllib.parse.urlencode({"limit": 500, "filter": f"speaker:{speakers[0]}"})
    quote = next(
        q
        for q in api(server, f"/api/records/quote?{query}")["items"]
        if q["speaker"] == speakers[0]
    )
    page.locator("ol.quotes a.evidence-link").first.click()
    page.wait_for_load_state()
    evidence = page.locator("#evidence")
    assert evidence.inner_text() == quote["evidence"]
    assert evidence.is_visible()
    page.screenshot(path=shots / "quote-evidence.png", full_page=False)


def test_search_for_a_speaker_and_for_words(page, server, shots):
    page.goto(server + "/quotes")
    page.fill("input[name=speaker]", "Netanyahu")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    speakers = page.locator("ol.quotes .speaker").all_inner_texts()
    assert speakers and all("netanyahu" in s.lower() for s in speakers)
    page.screenshot(path=shots / "quotes-netanyahu.png", full_page=True)

    page.fill("header form.search input[name=q]", "prisoners released")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "/documents?q=prisoners+released" in page.url
    assert page.locator("ol.results > li").count() >= 3
    assert page.locator("p.snippet mark").count() >= 3
    page.screenshot(path=shots / "search.png", full_page=True)


def test_report_text_renders_as_text(page, server, shots):
    found = api(server, "/api/documents?q=textarea")
    [probe] = [d for d in found["items"] if d["path"].endswith("xss-probe.txt")]
    page.goto(server + f"/documents/{probe['id']}")
    body = page.locator("article.body").inner_text()
    assert "<script>alert('xss')</script>" in body
    assert '<img src=x onerror="alert(1)">' in body
    assert "</textarea><script>alert(2)</script>" in body
    assert page.locator("article.body script, article.body img, article.body textarea").count() == 0
    assert page.locator("script").count() == 1  # the package's app.js
    page.screenshot(path=shots / "xss-document.png", full_page=True)
    page.goto(server + "/quotes?speaker=hamas")
    page.goto(server + "/documents?q=textarea")
    page.screenshot(path=shots / "xss-probe.png", full_page=True)
    assert page.dialogs == []


def test_shareable_report_opens_without_network(browser, web_db_url, tmp_path, shots):
    from click.testing import CliRunner

    from trucewatch.cli import cli

    out = tmp_path / "ledger.html"
    spec = ROOT / "examples" / "agreements" / "gaza-2025-phase1.yaml"
    result = CliRunner().invoke(cli, ["report", str(spec), "--db", web_db_url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    context = browser.new_context(offline=True)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    tab = context.new_page()
    tab.goto(out.as_uri())
    assert tab.locator("h1").inner_text() == "Gaza ceasefire and exchange, January 2025"
    assert tab.locator("table.ledger tbody tr").count() == 2
    assert requests == [out.as_uri()]
    tab.screenshot(path=shots / "report.png", full_page=True)
    context.close()


def test_zz_screenshots_were_saved(browser, shots):
    names = sorted(p.name for p in shots.glob("*.png"))
    print(f"\nscreenshots in {shots}: {', '.join(names)}")
    assert {"dashboard.png", "agreement.png", "search.png", "xss-probe.png"} <= set(names)
