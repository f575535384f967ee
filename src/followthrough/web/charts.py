"""A tiny server-side SVG renderer for the Insights page: bars, stacked columns, a ratio meter.

Every chart is one inline `<svg role="img">` with a `<title>` and a `<desc>` (aria-labelledby),
a `viewBox` so it scales to its container, a visible number next to every bar, and no meaning
carried by colour alone: the stacked series differ by pattern and are named in a legend. The
page runs under a strict CSP (no inline styles, no inline scripts), so there is no `style`
attribute and no `<script>`: colours are SVG presentation attributes (`fill=`) that a stylesheet
may override through the classes `chart`, `bar`, `series-N`, `track`, `meter`, `value`, `label`.

All markup is built by `_el`, which escapes every attribute value and every text child with
markupsafe, so a label can never open a tag; the result is Markup, safe to put in a template.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence

from markupsafe import Markup

#: Shown instead of a chart when there is nothing (or only zeros) to draw.
NO_DATA = "No data yet"
#: Colours of the stylesheet (ink, dim, line; accent, ok, warn, late, ...): >= 4.5:1 on white.
INK = "#1d232a"
DIM = "#56606b"
LINE = "#d9dee3"
PALETTE = ("#1f5fbf", "#1e7b34", "#8a5a00", "#b3261e", "#5b3f9e", "#0f6e6e")
#: Text size and row height, in viewBox units (about CSS pixels at the default width).
FONT = 13
ROW = 28
_CHAR = 0.6 * FONT
SVG_NS = "http://www.w3.org/2000/svg"

Attrs = Mapping[str, str | int | float]
#: Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _value(v: str | int | float) -> str:
    """Return an attribute value: floats with at most one decimal (no exponent)."""
    if isinstance(v, float):
        return f"{v:.1f}".removesuffix(".0")
    return str(v)


def _el(tag: str, attrs: Attrs | None = None, *children: Markup | str) -> Markup:
    """Return `<tag attrs>children</tag>`; str children and all attribute values are escaped."""
    attr = Markup("").join(
        Markup(' {}="{}"').format(k, _NOT_XML.sub("", _value(v))) for k, v in (attrs or {}).items()
    )
    if not children:
        return Markup("<{}{}/>").format(tag, attr)
    inner = Markup("").join(c if isinstance(c, Markup) else _NOT_XML.sub("", c) for c in children)
    return Markup("<{}{}>{}</{}>").format(tag, attr, inner, tag)


def _slug(text: str) -> str:
    """Return an id prefix for a chart: readable, and distinct for distinct titles."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:24] or "chart"
    return f"{slug}-{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


def _clip(text: str, width: float, char: float = _CHAR) -> str:
    """Return `text` cut to about `width` units, with an ellipsis when cut."""
    room = max(int(width / char), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _svg(
    cid: str, kind: str, size: tuple[float, float], title: str, desc: str, *body: Markup
) -> Markup:
    width, height = size
    attrs: Attrs = {
        "xmlns": SVG_NS,
        "class": f"chart chart-{kind}",
        "role": "img",
        "viewBox": f"0 0 {_value(float(width))} {_value(float(height))}",
        "width": "100%",
        "preserveAspectRatio": "xMinYMin meet",
        "font-size": FONT,
        "aria-labelledby": f"{cid}-title {cid}-desc",
    }
    return _el(
        "svg",
        attrs,
        _el("title", {"id": f"{cid}-title"}, _NOT_XML.sub("", title).strip() or "Chart"),
        _el("desc", {"id": f"{cid}-desc"}, desc),
        *body,
    )


def _heading(title: str) -> Markup:
    return _el(
        "text", {"class": "label", "x": 0, "y": FONT, "font-weight": 700, "fill": INK}, title
    )


def _no_data(cid: str, kind: str, title: str, width: float) -> Markup:
    return _svg(
        cid,
        kind,
        (width, FONT + 10 + ROW),
        title,
        f"{title}: {NO_DATA}.",
        _heading(title),
        _el("text", {"class": "empty", "x": 0, "y": FONT + 8 + ROW / 2, "fill": DIM}, NO_DATA),
    )


def bar_chart(
    rows: Sequence[tuple[str, int]],
    title: str,
    *,
    desc: str | None = None,
    width: int = 640,
    chart_id: str | None = None,
) -> Markup:
    """Return horizontal bars, one per (label, value) row, each with its value written out."""
    cid = _slug(chart_id or title)
    top = max((value for _, value in rows), default=0)
    if top <= 0:
        return _no_data(cid, "bar", title, width)
    label_w = width * 0.38
    bar_room = width - label_w - 6 * _CHAR - 8
    body = [_heading(title)]
    for n, (label, value) in enumerate(rows):
        y = FONT + 10 + n * ROW
        length = bar_room * max(value, 0) / top
        baseline = y + ROW / 2 + FONT / 3
        body.append(
            _el(
                "g",
                {"class": "row"},
                _el("title", None, f"{label}: {value}"),
                _el(
                    "text",
                    {
                        "class": "label",
                        "x": label_w - 6,
                        "y": baseline,
                        "text-anchor": "end",
                        "fill": INK,
                    },
                    _clip(label, label_w - 6),
                ),
                _el(
                    "rect",
                    {
                        "class": "bar series-1",
                        "x": label_w,
                        "y": y + 4,
                        "width": length,
                        "height": ROW - 8,
                        "fill": PALETTE[0],
                    },
                ),
                _el(
                    "text",
                    {"class": "value", "x": label_w + length + 4, "y": baseline, "fill": INK},
                    str(value),
                ),
            )
        )
    summary = desc or "; ".join(f"{label}: {value}" for label, value in rows)
    height = FONT + 10 + ROW * len(rows)
    return _svg(cid, "bar", (width, height), title, summary, *body)


#: Marks over each series' colour: solid, diagonal hatch, dots, cross-hatch, horizontal, vertical.
_PATTERN_MARKS: tuple[tuple[str, Attrs] | None, ...] = (
    None,
    ("path", {"d": "M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2", "stroke": "#fff", "stroke-width": 1.5}),
    ("circle", {"cx": 3, "cy": 3, "r": 1.3, "fill": "#fff"}),
    ("path", {"d": "M0,0 l6,6 M6,0 l-6,6", "stroke": "#fff", "stroke-width": 1}),
    ("path", {"d": "M0,3 h6", "stroke": "#fff", "stroke-width": 1.5}),
    ("path", {"d": "M3,0 v6", "stroke": "#fff", "stroke-width": 1.5}),
)


def _patterns(cid: str, count: int) -> Markup:
    defs = []
    for i in range(count):
        mark = _PATTERN_MARKS[i % len(_PATTERN_MARKS)]
        marks = [] if mark is None else [_el(*mark)]
        defs.append(
            _el(
                "pattern",
                {
                    "id": f"{cid}-p{i + 1}",
                    "patternUnits": "userSpaceOnUse",
                    "width": 6,
                    "height": 6,
                },
                _el("rect", {"width": 6, "height": 6, "fill": PALETTE[i % len(PALETTE)]}),
                *marks,
            )
        )
    return _el("defs", None, *defs)


def _legend(cid: str, names: Sequence[str], y: float, width: float) -> tuple[Markup, float]:
    """Return the legend (each series' pattern swatch and name) and its height."""
    items, x, line = [], 0.0, 0
    for i, name in enumerate(names):
        item_w = 18 + min(len(name), 24) * _CHAR + 16
        if x > 0 and x + item_w > width:
            x, line = 0.0, line + 1
        top = y + line * (FONT + 8)
        swatch: Attrs = {
            "class": f"series-{i + 1}",
            "x": x,
            "y": top,
            "width": 14,
            "height": 14,
            "fill": f"url(#{cid}-p{i + 1})",
            "stroke": INK,
            "stroke-width": 0.5,
        }
        items.append(
            _el(
                "g",
                {"class": "legend-item"},
                _el("rect", swatch),
                _el("text", {"x": x + 18, "y": top + 11, "fill": INK}, _clip(name, 24 * _CHAR)),
            )
        )
        x += item_w
    return _el("g", {"class": "legend"}, *items), (line + 1) * (FONT + 8)


def column_chart(
    weeks: Sequence[tuple[str, Mapping[str, int]]],
    series: Sequence[str],
    title: str,
    *,
    series_labels: Mapping[str, str] | None = None,
    desc: str | None = None,
    width: int = 640,
    plot_height: int = 160,
    chart_id: str | None = None,
) -> Markup:
    """Return stacked columns, one per (label, {series: value}) week, the total above each."""
    cid = _slug(chart_id or title)
    names = [(series_labels or {}).get(s, s) for s in series]
    totals = [sum(max(values.get(s, 0), 0) for s in series) for _, values in weeks]
    if max(totals, default=0) <= 0:
        return _no_data(cid, "column", title, width)
    legend, legend_h = _legend(cid, names, FONT + 8, width)
    base = FONT + 8 + legend_h + FONT + 6 + plot_height
    slot = width / len(weeks)
    body = [
        _patterns(cid, len(series)),
        _heading(title),
        legend,
        _el(
            "line",
            {"class": "axis", "x1": 0, "x2": width, "y1": base, "y2": base, "stroke": LINE},
        ),
    ]
    for n, (label, values) in enumerate(weeks):
        scaled = [
            (i, name, max(values.get(s, 0), 0))
            for i, (s, name) in enumerate(zip(series, names, strict=True))
        ]
        body.append(_column(cid, label, scaled, (n * slot, slot, base), plot_height / max(totals)))
    summary = desc or "; ".join(
        f"{label}: "
        + ", ".join(f"{name} {values.get(s, 0)}" for s, name in zip(series, names, strict=True))
        for label, values in weeks
    )
    return _svg(cid, "column", (width, base + FONT + 10), title, summary, *body)


def _column(
    cid: str,
    label: str,
    parts: Sequence[tuple[int, str, int]],
    place: tuple[float, float, float],
    unit: float,
) -> Markup:
    """Return one stacked column: a segment per (series index, name, value), the total on top."""
    left, slot, base = place
    col_w = max(min(slot * 0.6, 48), 2)
    x, y = left + (slot - col_w) / 2, base
    total = sum(value for _, _, value in parts)
    segments = []
    for i, name, value in parts:
        if value == 0:
            continue
        y -= unit * value
        segments.append(
            _el(
                "rect",
                {
                    "class": f"series-{i + 1}",
                    "x": x,
                    "y": y,
                    "width": col_w,
                    "height": unit * value,
                    "fill": f"url(#{cid}-p{i + 1})",
                },
                _el("title", None, f"{label}, {name}: {value}"),
            )
        )
    centre = x + col_w / 2
    return _el(
        "g",
        {"class": "column"},
        _el("title", None, f"{label}: {total}"),
        *segments,
        _el(
            "text",
            {"class": "value", "x": centre, "y": y - 4, "text-anchor": "middle", "fill": INK},
            str(total),
        ),
        _el(
            "text",
            {
                "class": "label",
                "x": centre,
                "y": base + FONT + 4,
                "text-anchor": "middle",
                "font-size": FONT - 2,
                "fill": DIM,
            },
            _clip(label, slot, 0.6 * (FONT - 2)),
        ),
    )


def ratio_bar(
    label: str,
    num: int,
    den: int,
    *,
    width: int = 640,
    chart_id: str | None = None,
) -> Markup:
    """Return a meter of `num` out of `den` with the fraction and percentage written out."""
    cid = _slug(chart_id or label)
    if den <= 0:
        return _no_data(cid, "ratio", label, width)
    share = min(max(num, 0) / den, 1.0)
    text = f"{num} of {den} ({round(100 * num / den)}%)"
    track = width * 0.7
    y = FONT + 8
    bar = {"x": 0, "y": y, "height": ROW - 8}
    return _svg(
        cid,
        "ratio",
        (width, y + ROW),
        label,
        f"{label}: {text}.",
        _heading(label),
        _el("rect", {"class": "track", **bar, "width": track, "fill": "#fff", "stroke": DIM}),
        _el("rect", {"class": "meter series-1", **bar, "width": track * share, "fill": PALETTE[0]}),
        _el(
            "text",
            {"class": "value", "x": track + 8, "y": y + ROW / 2 + 1, "fill": INK},
            text,
        ),
    )
