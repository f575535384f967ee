"""The draft checker's spelling rule: words the dictionary does not know, and doubled words.

Pure and stdlib only: the dictionary comes in as `Lexicons.known` and `Lexicons.suggest`.
"""

from __future__ import annotations

from followthrough.domain.checker_model import Finding, Lexicons
from followthrough.domain.checker_phrases import DOUBLE_OK, DOUBLED, INFO, SUFFIXES, WARNING
from followthrough.domain.checker_text import find_words, norm, sentence_start


def _known(word: str, lex: Lexicons, allowed: frozenset[str]) -> bool:
    if word in allowed or lex.known(word):
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            return stem in allowed or lex.known(stem)
    if "-" in word:
        return all(not p or p in allowed or lex.known(p) for p in word.split("-"))
    return False


def check_spelling(
    text: str, lex: Lexicons, mask: bytearray, allowed: frozenset[str]
) -> list[Finding]:
    """Return the `spelling` findings: unknown words (info when probably a name), doubled words."""
    found: list[Finding] = []
    for m in find_words(text):
        token = m.group()
        if mask[m.start()] or len(token) < 2 or any(c.isdigit() or c == "_" for c in token):
            continue
        if sum(c.isupper() for c in token) >= 2:  # an acronym (SQL, KPIs) or a brand (LinkedIn)
            continue
        word = norm(token)
        if _known(word, lex, allowed):
            continue
        suggestion = lex.suggest(word)
        unknown = f"{token!r} is not in the dictionary" + (
            f"; did you mean {suggestion!r}?" if suggestion else "."
        )
        if token[0].isupper() and not (suggestion and sentence_start(text, m.start())):
            severity, advice = INFO, "If it is a name, check it is spelt as its owner spells it."
        else:
            severity, advice = WARNING, "Fix it, or add it to your known words if it is right."
        found.append(Finding("spelling", severity, m.start(), m.end(), f"{unknown} {advice}"))
    for m in DOUBLED.finditer(text):
        if norm(m.group(1)) in DOUBLE_OK or m.group(1).isdigit() or mask[m.start()]:
            continue
        found.append(
            Finding(
                "spelling",
                WARNING,
                m.start(),
                m.end(),
                f"{m.group(1)!r} twice in a row: delete one",
            )
        )
    return found
