"""The SVG charts: well-formed, accessible, escaped, CSP-clean, readable when there is no data."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup

from followthrough.web.charts import NO_DATA, bar_chart, column_chart, ratio_bar

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
SERIES = ("applications", "interviews", "interactions_out", "actions_done")
LABELS = {
    "applications": "Applications",
    "interviews": "Interviews",
    "interactions_out": "Messages out",
    "actions_done": "Actions done",
}
COORDINATES = frozenset({"x", "y", "x1", "x2", "y1", "y2", "width", "height", "font-size"})
WEEKS = [
    ("W45", {"applications": 2, "interviews": 1, "interactions_out": 3, "actions_done": 4}),
    ("W46", {"applications": 0, "interviews": 0, "interactions_out": 0, "actions_done": 0}),
    ("W47", {"applications": 1, "interactions_out": 2}),
]


def parse(chart: Markup) -> ET.Element:
    """Return the parsed SVG after the checks every chart must pass."""
    assert isinstance(chart, Markup)
    text = str(chart)
    assert "style=" not in text
    assert "<script" not in text.casefold()
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    assert root.get("width") == "100%"
    assert root.get("height") is None  # the viewBox scales it to the container
    for el in root.iter():
        assert "style" not in el.attrib
        if el is root:
            continue  # its width is "100%"
        assert el.tag not in (f"{NS}script", f"{NS}foreignObject", f"{NS}style")
        for name in COORDINATES & el.attrib.keys():
            assert math.isfinite(float(el.attrib[name])), (el.tag, name, el.attrib[name])
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None
    assert desc is not None
    assert (title.text or "").strip()
    assert (desc.text or "").strip()
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert labelled_by == [title.get("id"), desc.get("id")]
    return root


def texts(root: ET.Element, cls: str) -> list[str]:
    """Return the text of every <text class=cls> element, in document order."""
    return [el.text or "" for el in root.iter(f"{NS}text") if cls in (el.get("class") or "")]


def rects(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}rect") if cls in (el.get("class") or "").split()]


# ---------------------------------------------------------------- bar chart


def test_bar_chart_draws_one_labelled_bar_per_row_with_its_value() -> None:
    rows = [("applied", 8), ("interviewing", 4), ("offer", 1), ("accepted", 0)]
    root = parse(bar_chart(rows, "Funnel"))
    bars = rects(root, "bar")
    assert len(bars) == 4
    widths = [float(b.get("width") or "nan") for b in bars]
    assert widths == sorted(widths, reverse=True)
    assert widths[-1] == 0
    assert texts(root, "value") == ["8", "4", "1", "0"]
    assert texts(root, "label")[1:] == ["applied", "interviewing", "offer", "accepted"]
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert desc.text == "applied: 8; interviewing: 4; offer: 1; accepted: 0"


def test_long_labels_are_cut_but_kept_whole_in_the_tooltip() -> None:
    label = "a remarkably long label that will never fit next to its bar " * 2
    root = parse(bar_chart([(label, 3)], "Long"))
    shown = texts(root, "label")[1]
    assert shown.endswith("…")
    assert len(shown) < len(label)
    tooltips = [el.text for el in root.iter(f"{NS}title")]
    assert f"{label}: 3" in tooltips


# ---------------------------------------------------------------- column chart


def test_column_chart_stacks_the_series_and_writes_the_totals() -> None:
    root = parse(column_chart(WEEKS, SERIES, "Weekly activity", series_labels=LABELS))
    assert texts(root, "value") == ["10", "0", "3"]
    assert texts(root, "label")[-3:] == ["W45", "W46", "W47"]
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    swatches = [r.get("class") for r in legend.iter(f"{NS}rect")]
    assert swatches == [f"series-{i}" for i in range(1, len(SERIES) + 1)]
    assert [t.text for t in legend.iter(f"{NS}text")] == [LABELS[s] for s in SERIES]
    titles = {el.text for el in root.iter(f"{NS}title")}
    assert {"W45, Messages out: 3", "W47, Applications: 1", "W46: 0"} <= titles


def test_series_differ_by_pattern_not_only_by_colour() -> None:
    root = parse(column_chart(WEEKS, SERIES, "Weekly activity"))
    patterns = list(root.iter(f"{NS}pattern"))
    assert len(patterns) == len(SERIES)
    ids = [p.get("id") for p in patterns]
    assert len(set(ids)) == len(ids)
    marks = [
        tuple(sorted((child.tag, tuple(sorted(child.attrib.items()))) for child in p[1:]))
        for p in patterns
    ]
    assert len(set(marks)) == len(marks)  # the marks over the colour differ per series
    for i, pattern_id in enumerate(ids, start=1):
        for rect in rects(root, f"series-{i}"):
            assert rect.get("fill") == f"url(#{pattern_id})"


def test_two_charts_on_one_page_do_not_share_ids() -> None:
    a = parse(column_chart(WEEKS, SERIES, "This quarter"))
    b = parse(column_chart(WEEKS, SERIES, "Last quarter"))
    ids_a = {el.get("id") for el in a.iter() if el.get("id")}
    ids_b = {el.get("id") for el in b.iter() if el.get("id")}
    assert ids_a
    assert not ids_a & ids_b


# ---------------------------------------------------------------- ratio bar


@pytest.mark.parametrize(
    ("num", "den", "text", "share"),
    [(3, 5, "3 of 5 (60%)", 0.6), (0, 4, "0 of 4 (0%)", 0.0), (2, 2, "2 of 2 (100%)", 1.0)],
)
def test_ratio_bar_writes_the_fraction_and_fills_its_share(
    num: int, den: int, text: str, share: float
) -> None:
    root = parse(ratio_bar("Replies after a thank-you", num, den))
    assert texts(root, "value") == [text]
    (track,) = rects(root, "track")
    (meter,) = rects(root, "meter")
    assert float(meter.get("width") or "nan") == pytest.approx(
        share * float(track.get("width") or "nan"), abs=0.1
    )
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert desc.text == f"Replies after a thank-you: {text}."


def test_ratio_bar_never_overflows_its_track() -> None:
    root = parse(ratio_bar("Odd data", 7, 5))
    (track,) = rects(root, "track")
    (meter,) = rects(root, "meter")
    assert float(meter.get("width") or "nan") <= float(track.get("width") or "nan")


# ---------------------------------------------------------------- escaping, empty data


@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart([(HOSTILE, 2), ("ok", 1)], HOSTILE),
        lambda: bar_chart([(HOSTILE, 0)], HOSTILE),
        lambda: column_chart([(HOSTILE, {HOSTILE: 2})], [HOSTILE], HOSTILE),
        lambda: column_chart(WEEKS, SERIES, "t", series_labels={"applications": HOSTILE}),
        lambda: ratio_bar(HOSTILE, 1, 2),
        lambda: ratio_bar(HOSTILE, 0, 0),
    ],
)
def test_hostile_labels_are_escaped(chart: object) -> None:
    assert callable(chart)
    svg = chart()
    text = str(svg)
    assert HOSTILE not in text
    assert "&lt;script&gt;" in text
    root = parse(svg)
    shown = [el.text or "" for el in root.iter() if el.text]
    assert any(HOSTILE in s or s.startswith("<script>") for s in shown)  # shown as text


def test_a_chart_goes_into_an_autoescaping_template_unchanged() -> None:
    chart = bar_chart([(HOSTILE, 1)], "Funnel")
    page = Environment(autoescape=True).from_string("<figure>{{ chart }}</figure>")
    assert page.render(chart=chart) == f"<figure>{chart}</figure>"


@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart([], "Funnel"),
        lambda: bar_chart([("applied", 0), ("offer", 0)], "Funnel"),
        lambda: column_chart([], SERIES, "Weekly activity"),
        lambda: column_chart([("W1", {}), ("W2", {"applications": 0})], SERIES, "Weekly"),
        lambda: column_chart(WEEKS, [], "No series"),
        lambda: ratio_bar("Replies after a check-in", 0, 0),
    ],
)
def test_empty_data_says_so(chart: object) -> None:
    assert callable(chart)
    root = parse(chart())
    assert texts(root, "empty") == [NO_DATA]
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert NO_DATA in (desc.text or "")
    assert not list(root.iter(f"{NS}pattern"))


def test_control_characters_cannot_break_the_xml() -> None:
    parse(bar_chart([("tab\there\x00\x0bnull", 1)], "Weird\x1f"))


labels = st.text(max_size=30)
counts = st.integers(-3, 1000)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(labels, counts), max_size=8),
    weeks=st.lists(
        st.tuples(labels, st.dictionaries(st.sampled_from(SERIES), counts)), max_size=14
    ),
    title=labels,
    num=counts,
    den=counts,
)
def test_any_data_gives_well_formed_svg(
    rows: list[tuple[str, int]],
    weeks: list[tuple[str, dict[str, int]]],
    title: str,
    num: int,
    den: int,
) -> None:
    for chart in (
        bar_chart(rows, title),
        column_chart(weeks, SERIES, title),
        ratio_bar(title, num, den),
    ):
        root = parse(chart)
        for rect in root.iter(f"{NS}rect"):
            for size in ("width", "height"):
                if rect.get(size) is not None:
                    assert float(rect.get(size) or "nan") >= 0
