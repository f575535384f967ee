"""Plain-text tables for a terminal or a pipe, with the standard library only.

Rich costs ~40 ms to import and ~1.5 ms a row to render; a person's screen needs columns that
fit its width, long cells wrapped on spaces, numbers aligned right, a header and a rule, and a
little emphasis. That is what this module does, in a few milliseconds for hundreds of rows.

- Width: `COLUMNS` when set, else the terminal's width, else 80 (a pipe, a file).
- Emphasis (ANSI escapes) only when stdout is a terminal, `NO_COLOR` is unset or empty
  (https://no-color.org) and `TERM` is not "dumb": a pipe always gets plain text.
- Widths are terminal cells: East Asian wide characters count two, combining marks none, so
  "Chloé" (written either way) and "株式会社" line up.
- A table too wide for the screen even with its columns wrapped is printed one record at a time
  ("name  value" lines), which reads better on a very narrow terminal than a squeezed grid.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import TextIO

    #: A cell: one text, or paragraphs of (text, style) each starting on a new line.
    Cell = str | list[tuple[str, str]]

#: SGR codes of the styles the renderers use ("bold red" combines two).
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33",
        "blue": "34", "magenta": "35", "cyan": "36"}  # fmt: skip
#: Spaces between two columns.
GAP = 2
#: The narrowest a wrapped column gets before the table is printed record by record instead.
MIN_WRAPPED = 10
#: The width assumed when nothing says otherwise (a pipe, a file, an unreadable COLUMNS).
FALLBACK_WIDTH = 80
#: Control characters (C0, DEL, C1) are shown as U+FFFD, line breaks and tabs as a space: data
#: must never drive the terminal nor break a table's lines.
_CONTROLS = {c: "\ufffd" for c in (*range(0x20), *range(0x7F, 0xA0))} | dict.fromkeys(
    (0x09, 0x0A, 0x0D, 0x85, 0x2028, 0x2029), " "
)


def cells(text: str) -> int:
    """Return how many terminal cells `text` takes (wide characters 2, combining marks 0)."""
    if text.isascii():
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def clean(text: str) -> str:
    """Return `text` with control characters replaced (a tab or line break by a space)."""
    return text if text.isprintable() else text.translate(_CONTROLS)


def _split_word(word: str, width: int) -> list[str]:
    """Return `word` cut into pieces of at most `width` cells (never splitting a wide char)."""
    pieces, piece, used = [], "", 0
    for char in word:
        size = cells(char)
        if used + size > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int) -> list[str]:
    """Return `text` as lines of at most `width` cells, broken between words (a word longer
    than a line is cut); an empty text is one empty line."""
    if cells(text) <= width:
        return [text]
    width = max(width, 1)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = cells(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        if size > width:
            *full, rest = _split_word(word, width)
            lines.extend(full)
            word, size = rest, cells(rest)
        line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


class Column:
    """A column: its header, alignment, default style, and whether its cells may wrap."""

    __slots__ = ("align", "least", "name", "style", "weight", "wrap")

    def __init__(
        self, name: str, *, align: str = "left", style: str = "", wrap: bool = True,
        weight: int = 1, least: int = 0,
    ) -> None:  # fmt: skip
        self.name = name
        self.align = align  # "left" or "right" (numbers)
        self.style = style  # for paragraphs that carry no style of their own
        self.wrap = wrap  # False: never narrower than its widest cell (ids, times)
        self.weight = weight  # a wrapped column's share of the room when all cannot fit
        self.least = least  # a wrapped column's width before the others get any room


class Screen:
    """Where the output goes: how wide it is and whether it takes emphasis."""

    def __init__(
        self, stream: TextIO | None = None, width: int | None = None, color: bool | None = None
    ) -> None:
        self.stream = stream or sys.stdout
        tty = _isatty(self.stream)
        self.width = width if width is not None else _width(self.stream, tty)
        if color is None:
            term = os.environ.get("TERM", "")
            color = tty and not os.environ.get("NO_COLOR") and term != "dumb"
        self.color = color
        encoding = (getattr(self.stream, "encoding", None) or "utf").lower().replace("-", "")
        self.rule_char = "─" if encoding.startswith("utf") else "-"

    def paint(self, text: str, style: str) -> str:
        """Return `text` in `style` ("bold", "dim red", ...): escapes only when colour is on."""
        if not self.color or not style or not text:
            return text
        codes = ";".join(_SGR[s] for s in style.split() if s in _SGR)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text

    def title(self, text: str, count: int | None = None, style: str = "") -> str:
        """Return a section title, with its count in brackets when given."""
        shown = text if count is None else f"{text} ({count})"
        return self.paint(shown, f"bold {style}".strip())

    def lines(
        self, text: str, style: str = "", indent: str = "", tail: tuple[str, str] | None = None
    ) -> list[str]:
        """Return `text` wrapped to the screen after `indent` (the lines after the first
        indented as far), and `tail` (text, style) after it on its last line if it fits there,
        else on a line of its own."""
        hang = " " * cells(indent)
        room = max(self.width - cells(hang), MIN_WRAPPED)
        plain = wrap(clean(text), room)
        out = [self.paint(line, style) for line in plain]
        if tail is not None:
            extra, extra_style = clean(tail[0]), tail[1]
            if cells(plain[-1]) + GAP + cells(extra) <= room:
                out[-1] += " " * GAP + self.paint(extra, extra_style)
            else:
                out += [self.paint(line, extra_style) for line in wrap(extra, room)]
        return [(indent if at == 0 else hang) + line for at, line in enumerate(out)]

    def layout(
        self, columns: Sequence[Column], rows: Iterable[Sequence[Cell]], header: bool = True
    ) -> list[int] | None:
        """Return the column widths that fit `rows` to the screen (None: too narrow), to give
        several tables the same columns."""
        grid = [[_paragraphs(cell) for cell in row] for row in rows]
        natural, words = _measure(columns, grid, header)
        return fit(columns, natural, self.width, header, words)

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Cell]],
        header: bool = True,
        widths: list[int] | None = None,
    ) -> list[str]:
        """Return the lines of a table of `rows` fitted to the screen's width (or to `widths`,
        from `layout`)."""
        grid = [[_paragraphs(cell) for cell in row] for row in rows]
        if widths is None:
            natural, words = _measure(columns, grid, header)
            widths = fit(columns, natural, self.width, header, words)
        if widths is None:
            return self._records(columns, grid)
        out = []
        if header:
            out.append(self._row(columns, widths, [[(c.name, "bold")] for c in columns])[0])
            rules = [self.rule_char * w for w in widths]
            out.append(self.paint((" " * GAP).join(rules), "dim"))
        for row in grid:
            out.extend(self._row(columns, widths, row))
        return out

    def _row(
        self, columns: Sequence[Column], widths: list[int], row: list[list[tuple[str, str]]]
    ) -> list[str]:
        """Return the lines of one row: each cell wrapped to its column, then side by side."""
        wrapped: list[list[tuple[str, str]]] = []
        for column, width, paragraphs in zip(columns, widths, row, strict=True):
            cell = [(line, style or column.style)
                    for text, style in paragraphs for line in wrap(text, width)]  # fmt: skip
            wrapped.append(cell)
        height = max(len(cell) for cell in wrapped)
        out = []
        for at in range(height):
            parts = []
            for column, width, cell in zip(columns, widths, wrapped, strict=True):
                text, style = cell[at] if at < len(cell) else ("", "")
                pad = " " * (width - cells(text))
                shown = self.paint(text, style)
                parts.append(pad + shown if column.align == "right" else shown + pad)
            out.append((" " * GAP).join(parts).rstrip())
        return out

    def _records(
        self, columns: Sequence[Column], grid: list[list[list[tuple[str, str]]]]
    ) -> list[str]:
        """Return the rows one record at a time (the screen is too narrow for a grid): a line
        per column, "name  value"; on a tiny screen the name, then the value indented below."""
        label = max(cells(c.name) for c in columns) + GAP
        below = self.width - label < MIN_WRAPPED
        indent = GAP if below else label
        room = max(self.width - indent, 1)
        out: list[str] = []
        for row in grid:
            if out:
                out.append("")
            for column, paragraphs in zip(columns, row, strict=True):
                head = self.paint(column.name, "bold")
                lines = [" " * indent + self.paint(line, style or column.style)
                         for text, style in paragraphs for line in wrap(text, room)]  # fmt: skip
                if below:
                    out += [head, *lines]
                elif lines:
                    pad = " " * (label - cells(column.name))
                    out += [(head + pad + lines[0][indent:]).rstrip(), *lines[1:]]
        return [line.rstrip() for line in out]

    def write(self, lines: Iterable[str]) -> None:
        """Print `lines`, one per line (characters the stream cannot encode are replaced)."""
        text = "".join(f"{line}\n" for line in lines)
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "ascii"
            self.stream.write(text.encode(encoding, "replace").decode(encoding))
        self.stream.flush()


def fit(
    columns: Sequence[Column],
    natural: list[int],
    width: int,
    header: bool = True,
    words: list[int] | None = None,
) -> list[int] | None:
    """Return each column's width so that the table fits `width` cells: natural widths when
    they fit, else the wrapped columns narrowed in proportion to their weights, never below
    MIN_WRAPPED cells, their header or their `least` (nor, when there is room for it, their
    longest word in `words`); None when even that does not fit."""
    room = width - GAP * (len(columns) - 1)
    if sum(natural) <= room:
        return natural
    floor = [
        n if not c.wrap else min(n, max(MIN_WRAPPED, c.least, cells(c.name) if header else 0))
        for c, n in zip(columns, natural, strict=True)
    ]
    if sum(floor) > room:
        return None
    if words is not None:  # words whole rather than cut, when they can all be
        whole = [max(f, min(n, w)) for f, n, w in zip(floor, natural, words, strict=True)]
        floor = whole if sum(whole) <= room else floor
    return _share(columns, natural, floor, room)


def _share(
    columns: Sequence[Column], natural: list[int], floor: list[int], room: int
) -> list[int]:
    """Return widths between `floor` and `natural` that fill `room`: each wrapped column up to
    the same level times its weight (the highest level that fits), the cells left over to the
    heaviest columns that still wrap."""

    def widths(level: int) -> list[int]:
        return [
            n if not c.wrap else max(f, min(n, level * c.weight))
            for c, n, f in zip(columns, natural, floor, strict=True)
        ]

    low, high = 0, max(natural)
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if sum(widths(mid)) <= room else (low, mid - 1)
    out = widths(low)
    spare = room - sum(out)
    order = sorted(range(len(columns)), key=lambda i: -columns[i].weight)
    while spare > 0:
        grown = False
        for i in order:
            if spare and columns[i].wrap and out[i] < natural[i]:
                out[i] += 1
                spare -= 1
                grown = True
        if not grown:
            break
    return out


def _measure(
    columns: Sequence[Column], grid: list[list[list[tuple[str, str]]]], header: bool
) -> tuple[list[int], list[int]]:
    """Return the width of each column's widest line (its header's, if shown) and of its
    longest word."""
    natural, words = [], []
    for i, c in enumerate(columns):
        texts = [t for row in grid for t, _ in row[i]]
        natural.append(max([cells(c.name) if header else 0, *map(cells, texts)]))
        words.append(max([0, *(_longest_word(t) for t in texts)]))
    return natural, words


def _longest_word(text: str) -> int:
    """Return the width of the longest word of `text`."""
    return cells(text) if " " not in text else max(map(cells, text.split()), default=0)


def _paragraphs(cell: Cell) -> list[tuple[str, str]]:
    """Return a cell as (text, style) paragraphs, control characters replaced."""
    if isinstance(cell, str):
        return [(clean(cell), "")]
    return [(clean(text), style) for text, style in cell] or [("", "")]


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def _width(stream: TextIO, tty: bool) -> int:
    """Return COLUMNS when it is a positive number, else the terminal's width, else 80."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if tty:
        try:
            return os.get_terminal_size(stream.fileno()).columns or FALLBACK_WIDTH
        except (AttributeError, OSError, ValueError):
            pass
    return FALLBACK_WIDTH
