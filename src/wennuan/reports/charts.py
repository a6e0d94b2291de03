"""Charts for printed reports, drawn server-side as SVG (no browser): grouped bars and a line chart.
WeasyPrint draws inline SVG, Chinese labels included (Noto Sans CJK)."""

from html import escape

FONT = "Noto Sans CJK SC, Noto Sans SC, sans-serif"
COLOURS = ["#c2410c", "#94a3b8", "#0f766e", "#7c3aed"]


def _nice_max(value: float) -> float:
    """The axis top: four gridline steps of a round size (1, 2, 5, 10, 25 …) above ``value``."""
    for step in (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000):
        if value <= step * 4:
            return step * 4
    return value * 1.1


def _legend(series_names: list[str], x: float, y: float) -> str:
    out = []
    for i, name in enumerate(series_names):
        cx = x + i * 110
        out.append(f'<rect x="{cx}" y="{y - 9}" width="10" height="10" fill="{COLOURS[i % 4]}"/>')
        out.append(f'<text x="{cx + 14}" y="{y}" font-size="11">{escape(name)}</text>')
    return "".join(out)


def bars(title: str, labels: list[str], series: dict[str, list[float]], *, width=680, height=240) -> str:
    """Grouped vertical bars: one group per label, one bar per series (e.g. 当日 vs 前一日)."""
    left, right, top, bottom = 44, 10, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([v for vs in series.values() for v in vs] + [0]))
    n = max(len(labels), 1)
    group_w = plot_w / n
    bar_w = min(28, group_w * 0.8 / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        _legend(list(series), width - 110 * len(series), 16),
    ]
    for i in range(5):  # grid lines and their values
        v = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{v:g}</text>')
    for gi, label in enumerate(labels):
        gx = left + gi * group_w + (group_w - bar_w * len(series)) / 2
        for si, values in enumerate(series.values()):
            v = values[gi] if gi < len(values) else 0
            h = plot_h * (v / top_value) if top_value else 0
            x, y = gx + si * bar_w, top + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{COLOURS[si % 4]}"/>'
            )
            if v:
                parts.append(
                    f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 2:.1f}" font-size="9" text-anchor="middle">{v:g}</text>'
                )
        short = label if len(label) <= 8 else label[:7] + "…"
        parts.append(
            f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{top + plot_h + 14}" font-size="10" '
            f'text-anchor="middle">{escape(short)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def lines(title: str, labels: list[str], series: dict[str, list[float]], *, width=680, height=220) -> str:
    """A line per series over the labels (days)."""
    left, right, top, bottom = 44, 14, 34, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max([v for vs in series.values() for v in vs] + [0]))
    n = max(len(labels) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        _legend(list(series), width - 110 * len(series), 16),
    ]
    for i in range(5):
        v = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{v:g}</text>')
    for i, label in enumerate(labels):
        x = left + plot_w * i / n
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="10" text-anchor="middle">{escape(label)}</text>'
        )
    for si, values in enumerate(series.values()):
        points = [
            (left + plot_w * i / n, top + plot_h - plot_h * (v / top_value)) for i, v in enumerate(values)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        colour = COLOURS[si % 4]
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), v in zip(points, values, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            parts.append(f'<text x="{x:.1f}" y="{y - 6:.1f}" font-size="9" text-anchor="middle">{v:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
