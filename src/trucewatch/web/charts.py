"""Server-rendered SVG charts: no chart library shipped, nothing to load, works offline.

Only presentation attributes and classes (no ``style=``), so the pages keep a
CSP without inline styles; every label that can come from a report (a source's
name, a category) goes through ``markupsafe.escape``.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from trucewatch.web.format import figure

PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bc4c00", "#0969da", "#57606a")


def _attrs(**attrs) -> str:
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())


def progress_bar(delivered: dict, promised, width: int = 220, height: int = 16) -> Markup:
    """A bar of delivered against promised, with the delivered range as a lighter band."""
    best = delivered.get("best")
    label = f"{figure(best)} of {figure(promised)}"
    parts = [
        f'<svg class="bar" role="img" {_attrs(width=width, height=height)} '
        f'viewBox="0 0 {width} {height}"><title>{escape(label)}</title>',
        f'<rect class="bar-bg" x="0" y="0" width="{width}" height="{height}" rx="3"/>',
    ]
    if promised and best is not None:

        def w(value) -> float:
            return round(width * min(max(value or 0, 0), promised) / promised, 1)

        low, high = delivered.get("low"), delivered.get("high")
        if low is not None and high is not None and high > low:
            parts.append(
                f'<rect class="bar-range" x="{w(low)}" y="0" width="{max(w(high) - w(low), 1)}" '
                f'height="{height}"/>'
            )
        parts.append(f'<rect class="bar-fill" x="0" y="0" width="{w(best)}" height="{height}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def timeline_chart(series: dict, width: int = 560, height: int = 200) -> Markup:
    """Delivered (step line, range band) against promised (dashed) and pro-rata (dotted)."""
    left, right, top, bottom = 52, 12, 24, 28
    start = series["start"]
    points = series["points"]
    end = series["end"] or (points[-1]["date"] if points else start)
    span = max(_days(start, end), 1)
    promised = series["promised"] or 0
    top_value = max([promised, *(p["high"] or 0 for p in points), 1]) * 1.08
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: str) -> float:
        return round(left + plot_w * _days(start, day) / span, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - value / top_value), 1)

    title = f"{series['obligation']}: {series['what']} released by {series['party']}"
    out = [
        f'<svg class="chart timeline" role="img" {_attrs(width=width, height=height)} '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
        f'<text class="chart-title" x="{left}" y="15">{escape(title)}</text>',
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
    ]
    for value in sorted({0, promised}):
        out.append(
            f'<text class="tick" x="{left - 6}" y="{y(value) + 4}" text-anchor="end">'
            f"{escape(figure(value, series['approx'] and value == promised))}</text>"
        )
    for day, anchor in ((start, "start"), (end, "end")):
        out.append(
            f'<text class="tick" x="{x(day)}" y="{height - 8}" text-anchor="{anchor}">'
            f"{escape(day)}</text>"
        )
    if promised:
        out.append(
            f'<line class="promised" x1="{left}" y1="{y(promised)}" x2="{left + plot_w}" '
            f'y2="{y(promised)}"><title>promised: {escape(figure(promised))}</title></line>'
        )
        if series["end"]:
            out.append(
                f'<line class="pro-rata" x1="{x(start)}" y1="{y(0)}" x2="{x(end)}" '
                f'y2="{y(promised)}"/>'
            )
    known = [p for p in points if p["best"] is not None]
    if known:
        band_top = " ".join(f"{x(p['date'])},{y(p['high'])}" for p in known)
        band_bottom = " ".join(f"{x(p['date'])},{y(p['low'])}" for p in reversed(known))
        out.append(f'<polygon class="range" points="{band_top} {band_bottom}"/>')
        path = []
        previous = None
        for p in points:
            value = p["best"] or 0
            if previous is not None:
                path.append(f"L{x(p['date'])},{y(previous)}")
            path.append(("M" if previous is None else "L") + f"{x(p['date'])},{y(value)}")
            previous = value
        out.append(f'<path class="delivered" d="{" ".join(path)}"/>')
        last = known[-1]
        out.append(
            f'<text class="value" x="{min(x(last["date"]) + 4, width - right)}" '
            f'y="{y(last["best"]) - 4}" text-anchor="end">{escape(figure(last["best"]))}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def lines_chart(lines: dict[str, list[tuple[str, float]]], width: int = 720, height: int = 300):
    """One line per key (a source) of (ISO date, value) points, with a legend."""
    left, right, top, bottom = 70, 16, 16, 40
    points = [p for line in lines.values() for p in line]
    out = [
        f'<svg class="chart lines" role="img" {_attrs(width=width, height=height + 18 * len(lines))}'
        f' viewBox="0 0 {width} {height + 18 * len(lines)}"><title>figures by source</title>'
    ]
    if not points:
        out.append(f'<text class="tick" x="{left}" y="{top + 20}">nothing reported</text></svg>')
        return Markup("".join(out))
    first = min(p[0] for p in points)
    last = max(p[0] for p in points)
    span = max(_days(first, last), 1)
    top_value = max(p[1] for p in points) * 1.08 or 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: str) -> float:
        return round(left + plot_w * _days(first, day) / span, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (1 - value / top_value), 1)

    out += [
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>',
        f'<text class="tick" x="{left - 6}" y="{y(0) + 4}" text-anchor="end">0</text>',
        f'<text class="tick" x="{left - 6}" y="{y(top_value / 1.08) + 4}" text-anchor="end">'
        f"{escape(figure(round(top_value / 1.08)))}</text>",
        f'<text class="tick" x="{x(first)}" y="{top + plot_h + 16}">{escape(first)}</text>',
        f'<text class="tick" x="{x(last)}" y="{top + plot_h + 16}" text-anchor="end">'
        f"{escape(last)}</text>",
    ]
    for i, (name, line) in enumerate(lines.items()):
        colour = PALETTE[i % len(PALETTE)]
        ordered = sorted(line)
        coords = " ".join(f"{x(d)},{y(v)}" for d, v in ordered)
        out.append(f'<polyline class="series" stroke="{colour}" points="{coords}"/>')
        for d, v in ordered:
            out.append(
                f'<circle cx="{x(d)}" cy="{y(v)}" r="3" fill="{colour}">'
                f"<title>{escape(name)}: {escape(figure(v))} on {escape(d)}</title></circle>"
            )
        legend_y = height + 18 * i + 4
        out.append(
            f'<rect x="{left}" y="{legend_y}" width="12" height="12" fill="{colour}"/>'
            f'<text class="legend" x="{left + 18}" y="{legend_y + 10}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
