"""Where a draft's note and body are: past a Subject: line, a greeting and a covering request.

Pure and stdlib only. `layout` finds the spans the length, structure and sales-pitch rules read;
spans are character offsets [start, end) into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followthrough.domain.checker_phrases import (
    CLOSING,
    GREETING,
    LINE,
    PARA_BREAK,
    PS,
    SALUTE,
    SENTENCE_END,
    SIGN_WORD,
)
from followthrough.domain.checker_text import word_count

#: A line ending in an abbreviation ("Ltd.", "Inc.", "Pvt.", "Ph.D.") has not ended a sentence.
ABBREVIATION_END = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Za-z])+)\.\s*$")
#: What an address or a line of contacts holds: a figure, an "@", a "|" or a "·".
CONTACT = re.compile(r"[\d@|·•]")


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the note is (after a Subject: line and a covering request) and its body."""

    note_start: int
    body_start: int
    body_end: int
    paragraphs: tuple[tuple[int, int], ...]


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in LINE.finditer(text) if text[m.start() : m.end()].strip()]


def _is_greeting(line: str) -> bool:
    return bool(GREETING.fullmatch(line)) and word_count(line) <= 6


def _closing(line: str) -> bool:
    """Return True for a sign-off line: "Best,", "Kind regards", "A big hug and best regards,",
    "Thanks again!", "¡Muchas gracias y un saludo!"."""
    if CLOSING.fullmatch(line) and word_count(line) <= 4:
        return True
    ended = SENTENCE_END.search(line) and not line.rstrip().endswith("!")
    return word_count(line) <= 7 and not ended and bool(SIGN_WORD.search(line))


def _closing_by_place(line: str) -> bool:
    """Return True for a short line right above the signature that takes leave in any words:
    it ends with a comma, or it is a courtesy formula with a sign-off word."""
    short = word_count(line) <= 8
    return short and (line.rstrip().endswith(",") or bool(SIGN_WORD.search(line)))


def _signature(line: str) -> bool:
    """Return True for a line a signature may have: a name, a title, a phone, an address."""
    words = word_count(line)
    # a title or degree may end with a full stop ("Dr. rer. nat.", "Ph.D."), and so may a
    # company ("Deccan Homes Pvt. Ltd."): a sentence of three words or fewer would not stand
    # under a sign-off, nor one that ends in an abbreviation
    ended = SENTENCE_END.search(line) and not ABBREVIATION_END.search(line)
    if words <= 8:
        return not ended or words <= 3
    # an address or a line of contacts is longer: figures, "@", "|" and commas, no sentence
    return words <= 14 and not ended and bool(CONTACT.search(line))


def _name_line(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _sign_off(text: str, lines: list[tuple[int, int]], end: int) -> int:
    """Return where the body ends: at the sign-off, the signature or a P.S., whichever first."""
    for s, _ in lines:
        if PS.match(text, s):
            end = s  # a P.S. follows the signature, and is not a paragraph of the body
            lines = [(a, b) for a, b in lines if a < s]
            break
    top = None
    for s, e in reversed(lines[-12:]):
        line = text[s:e]
        if _closing(line):
            return s
        if top is not None and _closing_by_place(line):
            return s  # "Wishing you good work," / "Please accept, Madame, my best regards."
        if not _signature(line):
            break
        top = s
    if top is not None and _name_line(text[top : text.find("\n", top) % (len(text) + 1)]):
        return top
    motto = _closing_over_a_motto(text, lines)
    return end if motto is None else motto


#: The most words a line of a signature block under a sign-off and a name may have.
MOTTO_WORDS = 12
#: How many lines from the end a sign-off may stand: a signature, contacts and a footer.
TAIL_LINES = 16


def _name_opening(line: str) -> bool:
    """Return True for a line that opens with a person's name: one to eight words, the first
    two (or the only one) capitalised, not a sentence ("Deborah Akande", "Dr. Amara Obi",
    "Callum Ferguson, CFA"); "In the meantime I'll send it" is not."""
    words = line.split()
    ended = SENTENCE_END.search(line) and not ABBREVIATION_END.search(line)
    return 1 <= len(words) <= 8 and not ended and all(w[:1].isupper() for w in words[:2])


def _closing_over_a_motto(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Return where a sign-off starts whose signature block ends in sentences of its own.

    Under a sign-off and a name, anything is signature: a motto or a safety line ("Zero harm is
    our target."), a disclaimer or "Please consider the environment before printing", blank
    lines or not. A closing sentence of the body has no sign-off and name above it. Where the
    line under the sign-off is a title rather than a name ("Mhairi Campbell BEng (Hons) CEng"),
    the block must be short lines with no blank line among them."""
    tail = lines[-TAIL_LINES:]
    for k in range(len(tail) - 2, -1, -1):
        s, e = tail[k]
        if not _closing(text[s:e]):
            continue
        block = tail[k + 1 :]
        first = text[block[0][0] : block[0][1]].strip()
        if _name_opening(first):
            return s
        joined = all(
            not PARA_BREAK.search(text, a[1], b[0]) for a, b in zip(tail[k:], block, strict=False)
        )
        short = all(word_count(text[a:b]) <= MOTTO_WORDS for a, b in block)
        named = first[:1].isupper() and _signature(first)  # "Mhairi Campbell BEng (Hons) CEng"
        return s if joined and short and named else None
    return None


def layout(text: str) -> Layout:
    """Return where the note starts and the spans of its body and paragraphs."""
    lines = _lines(text)
    note = start = 0
    end = len(text)
    i = 0
    if lines and text[lines[0][0] : lines[0][1]].lstrip().lower().startswith("subject:"):
        note = start = lines[0][1]
        i = 1
    if i < len(lines) and _is_greeting(text[lines[i][0] : lines[i][1]]):
        start = lines[i][1]
    end = _sign_off(text, [(s, e) for s, e in lines if s >= start], end)
    # A note forwarded through a recruiter ("Hi Jane, could you pass this on to Ann?" then
    # "Dear Ann,"): the note is what follows the last greeting that opens a paragraph.
    for s, e in lines[i + 1 :]:
        if (
            start <= s < end
            and text[:s].rstrip(" \t").endswith("\n\n")
            and SALUTE.fullmatch(text[s:e])
            and word_count(text[s:e]) <= 6
        ):
            note, start = s, e
    paragraphs = []
    pos = start
    for piece in [*PARA_BREAK.finditer(text, start, end), None]:
        stop = end if piece is None else piece.start()
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            paragraphs.append((pos + lead, pos + len(chunk.rstrip())))
        if piece is not None:
            pos = piece.end()
    if paragraphs:
        start, end = paragraphs[0][0], paragraphs[-1][1]
    return Layout(note, start, end, tuple(paragraphs))
