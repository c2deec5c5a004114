"""The shareable report: one HTML file that needs nothing else, and the timeline as a PNG."""

import datetime as dt
import re
from pathlib import Path

from click.testing import CliRunner

from trucewatch.cli import cli
from trucewatch.ledger import ledger, parse_spec
from trucewatch.ledger.history import history
from trucewatch.web.report import report_html, timeline_png

SPEC = Path(__file__).resolve().parent.parent / "examples" / "agreements" / "gaza-2025-phase1.yaml"
EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def claim(category, value, doc, day, **fields):
    """A figure record as the store gives it (see tests/test_ledger.py)."""
    return {"kind": "claim", "doc": doc, "doc_date": day, "start": 0, "end": 2,
            "evidence": fields.pop("evidence", f"{value} were freed."), "value": value,
            "low": None, "high": None, "qualifier": None, "category": category, "subject": None,
            "location": None, "source": fields.pop("source", None), "as_of": day,
            "date": fields.pop("date", day), "modality": "reported", "cumulative": False,
            **fields}  # fmt: skip


def gaza_result():
    agreement = parse_spec(SPEC.read_text("utf-8"))
    claims = [
        claim("hostages_released", 3, "a", "2025-01-19"),
        claim("hostages_released", 3, "b", "2025-01-20", date="2025-01-19", source=EVIL),
        claim("hostages_released", 4, "c", "2025-01-25", evidence=f"Four freed {EVIL}"),
        claim("prisoners_released", 90, "a", "2025-01-20", source="the prison service"),
        claim("prisoners_released", 110, "d", "2025-01-20", source="the Front"),
        claim("killed", 47000, "e", "2025-01-21", source="the health ministry"),
        claim("killed", 45000, "f", "2025-01-21", source=EVIL),
    ]
    as_of = dt.date(2025, 1, 26)
    result = ledger(agreement, claims, as_of)
    result["timeline"] = history(agreement, claims, as_of)
    return result


def test_report_is_self_contained_and_escaped():
    html = report_html(gaza_result(), [])
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Nothing to fetch: no external URL, no stylesheet or image link, a CSP that forbids loading.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html
    assert "default-src 'none'" in html
    assert html.count("<svg") >= 4  # two progress bars and two timeline charts
    assert "day 8 of 42" in html
    assert ">7<" in html  # hostages delivered: 3 (one exchange, two reports) + 4
    assert 'href="#evidence-hostages"' in html and 'id="evidence-hostages"' in html
    assert "Conflicting figures: prisoners" in html


def test_timeline_counts_each_day_from_what_was_known():
    [hostages, prisoners] = gaza_result()["timeline"]
    by_day = {p["date"]: p["best"] for p in hostages["points"]}
    assert by_day["2025-01-19"] == 3
    assert by_day["2025-01-24"] == 3 and by_day["2025-01-25"] == 7
    assert prisoners["promised"] == 1900 and prisoners["approx"]


def test_png(tmp_path):
    path = timeline_png(gaza_result(), tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_command(web_db_url, tmp_path):
    out, png = tmp_path / "ledger.html", tmp_path / "ledger.png"
    result = CliRunner().invoke(
        cli,
        ["report", str(SPEC), "--db", web_db_url, "-o", str(out), "--png", str(png),
         "--as-of", "2025-02-04"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "Gaza ceasefire and exchange, January 2025" in html
    assert "as of 2025-02-04" in html
    assert "<script" not in html.lower()
    assert png.read_bytes()[:4] == b"\x89PNG"
    missing = CliRunner().invoke(cli, ["report", str(tmp_path / "nope.yaml"), "-o", str(out)])
    assert missing.exit_code != 0
