"""The shareable report: one self-contained HTML file, and the timeline as a PNG.

The HTML inlines its stylesheet and SVG charts and declares a CSP that lets
nothing load (``default-src 'none'``), so it opens offline and can be mailed.
Report text in it is escaped like on the dashboard.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from trucewatch import __version__
from trucewatch.web import charts
from trucewatch.web.agreements import cited_ids
from trucewatch.web.app import PACKAGE, templates


def cited_documents(result: dict, db) -> list[dict]:
    """The reports the ledger's evidence and conflicts come from, oldest first."""
    found = [db.get_document(doc_id) for doc_id in sorted(cited_ids(result))]
    rows = [{k: d[k] for k in ("id", "date", "title", "path")} for d in found if d is not None]
    return sorted(rows, key=lambda d: (d["date"] is None, d["date"] or dt.date.min, d["id"]))


def report_html(result: dict, documents: list[dict]) -> str:
    """The ledger (with its ``timeline``) as one HTML page that needs nothing else."""
    for series in result.get("timeline", []):
        series["svg"] = charts.timeline_chart(series)
    labels = {d["id"]: d["title"] or d["path"] for d in documents}
    css = PACKAGE.joinpath("static", "style.css").read_text("utf-8")
    return (
        templates()
        .get_template("report.html")
        .render(
            result=result,
            documents=documents,
            css=Markup(css),
            version=__version__,
            generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            progress_bar=charts.progress_bar,
            evidence_href=lambda _e: None,
            doc_href=lambda doc: f"#doc-{doc}" if doc else None,
            doc_label=lambda doc: labels.get(doc, doc),
        )
    )


def timeline_png(result: dict, path: str | Path) -> Path:
    """The timeline charts as one PNG (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    series = result.get("timeline", [])
    rows = max(len(series), 1)
    fig, axes = plt.subplots(rows, 1, figsize=(8, 2.6 * rows), squeeze=False)
    if not series:
        axes[0][0].text(0.5, 0.5, "no phase has started", ha="center", va="center")
        axes[0][0].set_axis_off()
    for ax, s in zip((a[0] for a in axes), series, strict=False):
        days = [dt.date.fromisoformat(p["date"]) for p in s["points"]]
        best = [p["best"] or 0 for p in s["points"]]
        low = [p["low"] if p["low"] is not None else 0 for p in s["points"]]
        high = [p["high"] if p["high"] is not None else 0 for p in s["points"]]
        ax.fill_between(days, low, high, step="post", alpha=0.25, color="#1f6feb", linewidth=0)
        ax.step(days, best, where="post", color="#1a7f37", linewidth=2, label="delivered")
        if s["promised"]:
            ax.axhline(s["promised"], color="#d1242f", linestyle="--", label="promised")
            if s["end"]:
                ax.plot(
                    [dt.date.fromisoformat(s["start"]), dt.date.fromisoformat(s["end"])],
                    [0, s["promised"]],
                    color="#8c959f",
                    linestyle=":",
                    label="even pace",
                )
        ax.set_title(f"{s['phase']}: {s['obligation']} ({s['what']} released by {s['party']})")
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left", fontsize=8)
        fig.autofmt_xdate()
    fig.suptitle(f"{result['name']}, as of {result['as_of']}")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
