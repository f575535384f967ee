"""The plain-text tables of the human output (cli/render/table.py): columns that line up in
terminal cells (accents written either way, CJK), long cells wrapped between words, numbers on
the right, the screen's width, emphasis only at a terminal without NO_COLOR, and a screen too
narrow for a grid.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.cli.render import agenda, records
from followthrough.cli.render.table import Column, Screen, cells, fit, wrap

if TYPE_CHECKING:
    from tests.cli.conftest import Cli

FOLLOWTHROUGH = Path(sys.executable).parent / "followthrough"
ESC = "\x1b"
#: After the seeded interview (Mon 23 Nov 2026, 10:00-11:00 in Brussels).
NOW_DEBRIEF = "2026-11-23T13:00+01:00"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def screen(width: int = 80, color: bool = False) -> Screen:
    return Screen(io.StringIO(), width=width, color=color)


# ---------------------------------------------------------------- widths in terminal cells


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Ann", 3),
        ("Chloé", 5),  # é precomposed
        ("Chloe\u0301", 5),  # e + a combining acute accent
        ("株式会社", 8),  # CJK: two cells each
        ("ＡＢ", 4),  # fullwidth Latin
        ("a\u200db", 2),  # a zero-width joiner takes no cell
        ("", 0),
    ],
)
def test_cells_counts_terminal_columns(text: str, width: int) -> None:
    assert cells(text) == width


def test_columns_line_up_with_accents_and_cjk() -> None:
    names = ["Ann", "Chloé", "Chloe\u0301", "株式会社", "Zoë Stevens"]
    lines = screen().table([Column("name"), Column("mark")], [[n, "|"] for n in names])
    body = lines[2:]
    assert len(body) == len(names)
    assert {cells(line[: line.index("|")]) for line in body} == {cells("Zoë Stevens") + 2}
    assert cells(lines[0][: lines[0].index("mark")]) == cells("Zoë Stevens") + 2


def test_a_header_row_and_a_rule() -> None:
    lines = screen().table([Column("id", align="right"), Column("what")], [["7", "Call"]])
    assert lines == ["id  what", "──  ────", " 7  Call"]


def test_numbers_align_right() -> None:
    columns = [Column("week"), Column("done", align="right")]
    lines = screen().table(columns, [["a", "1"], ["b", "12"], ["c", "123"]])
    assert [line[-3:] for line in lines[2:]] == ["  1", " 12", "123"]
    assert lines[0].endswith("done")


def test_a_pipe_that_cannot_draw_a_rule_gets_dashes() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    lines = Screen(stream, width=40).table([Column("id")], [["1"]])
    assert lines[1] == "--"


# ---------------------------------------------------------------- wrapping


def test_wrap_breaks_between_words() -> None:
    text = "Make sure the call has really ended before you talk about it"
    assert wrap(text, 20) == [
        "Make sure the call",
        "has really ended",
        "before you talk",
        "about it",
    ]


def test_wrap_cuts_a_word_longer_than_the_line() -> None:
    assert wrap("see https://acme.example/jobs/data-engineer", 16) == [
        "see",
        "https://acme.exa",
        "mple/jobs/data-e",
        "ngineer",
    ]


def test_wrap_counts_wide_characters() -> None:
    assert wrap("株式会社 株式会社", 9) == ["株式会社", "株式会社"]
    assert wrap("株式会社", 3) == ["株", "式", "会", "社"]  # never half a character


words = st.text(alphabet="abcdeé株\u0301-", min_size=1, max_size=14)


@given(st.lists(words, max_size=12), st.integers(min_value=2, max_value=30))
def test_wrap_keeps_every_character_within_the_width(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_cell_wraps_inside_its_column() -> None:
    long = "Thank-you email to Ann Lee (via Jane Roe), the recruiter at Northbridge Talent"
    lines = screen(width=40).table([Column("id", wrap=False), Column("what")], [["5", long]])
    assert all(cells(line) <= 40 for line in lines)
    assert " ".join(line[4:].strip() for line in lines[2:]) == long


# ---------------------------------------------------------------- fitting the width


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 200])
def test_tables_fit_the_width(width: int) -> None:
    rows = [
        [str(i), "Tue 24 Nov 15:00", "Make sure the call has really ended before you talk about it",
         "carter-schwartz, mining-people, brightcareer, stafffinders"]
        for i in (1, 12, 123)
    ]  # fmt: skip
    columns = [Column("id", align="right", wrap=False), Column("due", wrap=False),
               Column("what", weight=3), Column("sources", least=16)]  # fmt: skip
    lines = screen(width).table(columns, rows)
    assert all(cells(line) <= width for line in lines), "\n".join(lines)


def test_natural_widths_when_they_fit() -> None:
    columns = [Column("a"), Column("b")]
    assert fit(columns, [10, 20], 80) == [10, 20]


def test_wrapped_columns_share_the_room_by_weight() -> None:
    columns = [Column("id", wrap=False), Column("what", weight=3), Column("sources")]
    widths = fit(columns, [3, 90, 90], 80)
    assert widths is not None
    assert sum(widths) + 2 * 2 == 80
    assert widths[0] == 3
    assert widths[1] > 2 * widths[2]


def test_words_stay_whole_when_there_is_room() -> None:
    columns = [Column("email"), Column("note")]
    widths = fit(columns, [24, 100], 60, words=[24, 8])
    assert widths is not None
    assert widths[0] == 24


@pytest.mark.parametrize("width", [20, 30])
def test_a_very_narrow_terminal_gets_one_record_at_a_time(width: int) -> None:
    items = [{"id": 7, "company": "ACME Analytics", "role": "Data Engineer",
              "status": "interviewing", "agency": "Northbridge Talent", "recruiter": None,
              "next_action": {"title": "Call Jane Roe about the interview",
                              "due": "2026-11-24T17:00:00+01:00"}}]  # fmt: skip
    out = io.StringIO()
    scr = Screen(out, width=width, color=False)
    lines = scr.table(*records._application_table(items, wide=False))
    text = " ".join(lines)
    assert text.split()[:2] == ["id", "7"]
    assert "status interviewing" in " ".join(text.split())
    assert all(cells(line) <= width for line in lines), "\n".join(lines)
    for word in ("ACME", "Northbridge", "Call", "interview", "17:00"):
        assert word in text


def test_width_comes_from_columns_else_80_for_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert Screen(io.StringIO()).width == 132
    for bad in ("", "abc", "0", "-5"):
        monkeypatch.setenv("COLUMNS", bad)
        assert Screen(io.StringIO()).width == 80


# ---------------------------------------------------------------- emphasis


@pytest.mark.parametrize(
    ("stream", "no_color", "term", "escapes"),
    [
        (Terminal, None, "xterm", True),
        (Terminal, "", "xterm", True),  # set but empty: colour (https://no-color.org)
        (Terminal, "1", "xterm", False),
        (Terminal, "0", "xterm", False),  # any non-empty value
        (Terminal, None, "dumb", False),
        (io.StringIO, None, "xterm", False),  # a pipe or a file
    ],
)
def test_emphasis_only_at_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, stream: type, no_color: str | None, term: str, escapes: bool
) -> None:
    monkeypatch.setenv("TERM", term)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    scr = Screen(stream(), width=80)
    lines = [scr.title("Overdue", 3, "red"), *scr.table([Column("id")], [["1"]])]
    assert (ESC in "".join(lines)) is escapes
    if escapes:
        assert lines[0] == "\x1b[1;31mOverdue (3)\x1b[0m"


def test_padding_is_counted_without_the_escapes() -> None:
    plain = Screen(io.StringIO(), width=80, color=False)
    painted = Screen(io.StringIO(), width=80, color=True)
    columns = [Column("a", style="dim"), Column("b", style="red")]
    rows = [["x", "y"], ["longer", "z"]]
    strip = [line.replace("\x1b[2m", "").replace("\x1b[31m", "").replace("\x1b[1m", "")
             .replace("\x1b[0m", "") for line in painted.table(columns, rows)]  # fmt: skip
    assert strip == plain.table(columns, rows)


def test_data_never_drives_the_terminal() -> None:
    lines = screen().table([Column("company")], [["Evil\x1b[31m Corp\x9b2J\nInc"]])
    assert ESC not in "".join(lines)
    assert "\x9b" not in "".join(lines)
    assert "Evil\ufffd[31m Corp\ufffd2J Inc" in lines[2]
    assert screen().table([Column("a")], [["one\u2028two\tthree"]])[2] == "one two three"


# ---------------------------------------------------------------- today's groups


def _action(i: int, due: str) -> dict[str, object]:
    return {"id": i, "kind": "check-in", "title": f"Check in #{i}", "status": "pending",
            "due": due, "company": "ACME", "sources": ["hays"], "reason": None}  # fmt: skip


def _payload(overdue: int, today: int, upcoming: int) -> dict[str, object]:
    return {
        "now": "2026-11-25T09:00:00+01:00",
        "overdue": [_action(i, f"2026-11-{1 + i % 20:02d}T10:00:00+01:00") for i in range(overdue)],
        "due_today": [_action(100 + i, "2026-11-25T18:00:00+01:00") for i in range(today)],
        "upcoming": [_action(200 + i, "2026-11-27T10:00:00+01:00") for i in range(upcoming)],
    }


def test_today_shows_ten_of_each_group_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    agenda.today(_payload(15, 3, 12), [])
    out = capsys.readouterr().out
    assert "Overdue (15)" in out
    assert "Due today (3)" in out
    assert "Next 7 days (12)" in out
    shown = [line.split()[0] for line in out.splitlines()
             if line.strip()[:1].isdigit() and "more" not in line]  # fmt: skip
    # the overdue: the latest ten (ids 5-14); today: all three; upcoming: the first ten
    assert shown == [*map(str, range(5, 15)), "100", "101", "102", *map(str, range(200, 210))]
    assert "5 more overdue (older): followthrough today --all" in out
    assert "2 more in the next 7 days: followthrough today --all" in out
    assert "more due today" not in out


def test_today_all_shows_every_action(capsys: pytest.CaptureFixture[str]) -> None:
    agenda.today(_payload(15, 3, 12), [], show_all=True)
    out = capsys.readouterr().out
    assert "more" not in out.replace("Mark progress", "")
    assert sum(1 for line in out.splitlines() if line.strip()[:1].isdigit()) == 30


# ---------------------------------------------------------------- end to end


def _demo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    db = tmp_path / "demo.db"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FOLLOWTHROUGH_") and k not in ("NO_COLOR", "COLUMNS")}  # fmt: skip
    env.update({"FOLLOWTHROUGH_NOW": "2026-11-25T09:00+01:00", "TERM": "xterm"})
    done = subprocess.run([str(FOLLOWTHROUGH), "--db", str(db), "demo", "--no-serve"],
                          env=env, capture_output=True, check=False, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return db, env


def test_a_pipe_gets_plain_text_and_a_terminal_gets_emphasis(tmp_path: Path) -> None:
    db, env = _demo(tmp_path)
    piped = subprocess.run([str(FOLLOWTHROUGH), "--db", str(db), "today"], env=env,
                           capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    assert ESC not in piped.stdout
    assert "Overdue (3)" in piped.stdout
    assert max(cells(line) for line in piped.stdout.splitlines()) <= 80
    leader, follower = pty.openpty()
    with subprocess.Popen([str(FOLLOWTHROUGH), "--db", str(db), "today"], env=env,
                          stdout=follower, stderr=subprocess.DEVNULL) as proc:  # fmt: skip
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed (Linux: EIO)
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert "\x1b[1;31mOverdue (3)\x1b[0m" in shown


def test_the_debrief_questions_are_asked_without_rich(seeded_cli: Cli) -> None:
    """The interactive debrief (click's prompts): one item a line, an empty line moves on;
    the fit questions take 0-5 (0 skips), a bad answer is asked again."""
    from click.testing import CliRunner  # noqa: TID251  (tests drive the CLI)

    from followthrough.cli.group import cli as cli_group

    answers = [
        "How would you shard it?", "", "",  # unprepared questions; weak answers: none
        "Watermarks.", "", "", "", "", "",  # better answers; went well ... reactions: none
        "Lisbon office in spring", "", "", "",  # nuggets; topics, projects: none
        "4", "good team", "9", "0", "0", "0", "0",  # fit_role, growth (9: again, 0), ...
        "unsure",
    ]  # fmt: skip
    result = CliRunner().invoke(
        cli_group, ["debrief", "1"], input="\n".join(answers) + "\n",
        env={"FOLLOWTHROUGH_DB": str(seeded_cli.db), "FOLLOWTHROUGH_NOW": NOW_DEBRIEF,
             "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Debrief of interview 1 saved" in result.output
    assert ESC not in result.output
    shown = seeded_cli.json("interview", "show", "1")["debrief"]
    assert shown["unprepared_questions"] == ["How would you shard it?"]
    assert shown["better_answers"] == ["Watermarks."]
    assert shown["nuggets"] == ["Lisbon office in spring"]
    assert shown["fit"] == {"fit_role": {"score": 4, "note": "good team"}}
    assert shown["verdict"] == "unsure"
