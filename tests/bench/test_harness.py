"""The pure parts of bench/harness.py: the order of the rounds, quartiles, ratios."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

import harness  # noqa: E402  (bench/ is not a package)


def test_every_round_takes_every_command_once_and_no_command_always_leads() -> None:
    order = harness.rounds(["ours", "peer", "floor"], 6)
    assert order == [["ours", "peer", "floor"], ["peer", "floor", "ours"],
                     ["floor", "ours", "peer"]] * 2
    assert all(sorted(r) == ["floor", "ours", "peer"] for r in order)


def test_two_commands_swap_places_every_round() -> None:
    assert harness.rounds(["a", "b"], 3) == [["a", "b"], ["b", "a"], ["a", "b"]]
    assert harness.rounds([], 2) == [[], []]


def test_quartiles_use_the_exclusive_method() -> None:
    assert harness.quartiles([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]) == (2.0, 4.0, 6.0)
    assert harness.quartiles([5.0, 1.0, 3.0]) == (1.0, 3.0, 5.0)  # order does not matter
    assert harness.quartiles([2.5]) == (2.5, 2.5, 2.5)
    with pytest.raises(ValueError, match="nothing"):
        harness.quartiles([])


def test_a_ratio_is_the_median_of_the_per_round_ratios() -> None:
    ours = [2.0, 4.0, 9.0, 3.0]
    base = [1.0, 1.0, 3.0, 3.0]  # per round: 2, 4, 3, 1
    r = harness.ratio(ours, base)
    assert r["median"] == 2.5
    assert (r["p25"], r["p75"]) == (1.25, 3.75)
    assert r["of_medians"] == round(3.5 / 2.0, 3)  # the medians' ratio differs: kept apart


def test_ratios_reads_cpu_and_wall_time_apart() -> None:
    s = harness.Sample
    samples = {"ours": [s(1.0, 0.2, 10), s(3.0, 0.6, 10), s(4.0, 0.3, 10)],
               "floor": [s(0.5, 0.1, 5), s(0.5, 0.1, 5), s(0.5, 0.1, 5)]}
    both = harness.ratios(samples, "ours", "floor")
    assert (both["cpu"]["p25"], both["cpu"]["median"], both["cpu"]["p75"]) == (2.0, 3.0, 6.0)
    assert (both["wall"]["p25"], both["wall"]["median"], both["wall"]["p75"]) == (2.0, 6.0, 8.0)


def test_a_cell_shows_the_median_its_spread_and_the_verdict() -> None:
    r = {"median": 0.4567, "p25": 0.4, "p75": 0.5}
    assert harness.show(r) == "**0.457** (0.400–0.500)"
    assert harness.show(r, 0.5).endswith(" met")
    assert harness.show(r, 0.4).endswith("**not met**")
    assert harness.show(r, 0.5, above=True).endswith("**not met**")
    assert [harness.figure(x) for x in (4.0, 0.091, 58.34, 123.4, 1234.5)] == [
        "4.00", "0.0910", "58.3", "123", "1234"]


def test_the_load_note_gives_three_averages_at_each_end() -> None:
    note = harness.load_note((1.0, 2.0, 3.0), (4.5, 5.25, 6.0))
    assert "1.00 / 2.00 / 3.00 at the start" in note
    assert "4.50 / 5.25 / 6.00 at the end" in note
    assert "Code: " in note
    assert len(harness.loadavg()) == 3
