"""The draft checker's text helpers: words and their spans, normalised forms, mentions of a phrase.

Pure and stdlib only. Spans are character offsets [start, end) into the text, as in findings.
`word_count` is public through `followthrough.domain.checker`; the rest serves the rule modules.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator

from followthrough.domain.checker_model import CheckContext, Lexicons
from followthrough.domain.checker_phrases import STOP, WORD

#: The reader addressed: a sentence with these speaks to them, or of what is theirs.
SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)


def word_count(text: str) -> int:
    """Return the number of words in `text` (whitespace-separated tokens with a letter or digit)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def find_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Return the matches of the words in text[start:end], spans into the whole text."""
    return WORD.finditer(text, start, len(text) if end is None else end)


def norm(word: str) -> str:
    """Return `word` in lower case with typographic apostrophes made plain."""
    return word.replace("’", "'").lower()


def _stem(word: str) -> str:
    word = norm(word).removesuffix("'s")
    return word[:5]


def _content_stems(phrase: str) -> frozenset[str]:
    words = [norm(w) for w in WORD.findall(phrase)]
    content = [w for w in words if w not in STOP and len(w) >= 4] or [
        w for w in words if w not in STOP
    ]
    return frozenset(_stem(w) for w in content)


def mentions(phrase: str, text: str, start: int = 0, end: int | None = None) -> bool:
    """Return True when at least half of `phrase`'s content words occur in text[start:end]."""
    wanted = _content_stems(phrase)
    if not wanted:
        return False
    found = {_stem(m.group()) for m in find_words(text, start, end)} & wanted
    return len(found) * 2 >= len(wanted)


def sentence_start(text: str, pos: int) -> bool:
    """Return True when `pos` opens a sentence (past any quotes or brackets before it)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def own_words(ctx: CheckContext) -> frozenset[str]:
    """Return the normalised words of the names of the draft's own application."""
    return frozenset(norm(w) for n in ctx.own_names for w in WORD.findall(n))


@functools.lru_cache(maxsize=256)
def context_words(ctx: CheckContext) -> frozenset[str]:
    """Return the normalised words the context makes known (names, topics, projects, extras)."""
    phrases = (*ctx.own_names, *ctx.topics, *ctx.projects, *ctx.extra_known_words)
    return frozenset(norm(w) for p in phrases for w in WORD.findall(p)) | frozenset(
        w for p in phrases for m in WORD.findall(p) for w in norm(m).split("-")
    )


class Spans:
    """Spans [start, end) to ask "which span holds this position?" in logarithmic time (a
    long text has thousands of them; asking each one for each word is quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _ in self._spans]
        self._reach: list[tuple[int, int]] = []  # per span: the furthest-reaching span so far
        best = (0, 0)
        for span in self._spans:
            best = span if span[1] > best[1] else best
            self._reach.append(best)

    def holding(self, pos: int) -> tuple[int, int] | None:
        """Return a span that holds `pos` (the furthest-reaching one that starts at or before
        it), or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        span = self._reach[i]
        return span if span[0] <= pos < span[1] else None

    def __contains__(self, pos: int) -> bool:
        return self.holding(pos) is not None


#: Verbs that say something of their subject ("the commute would be dreadful").
COPULA = re.compile(
    r"\b(?:is|isn't|was|wasn't|were|be|been|being|am|are|'s|'re|seems?|seemed|sounds?|sounded"
    r"|feels?|felt|looks?|looked|became|becomes?|got|getting)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


#: What follows a hard word said of the writer's own circumstances ("the shift pattern would be
#: difficult for me to manage", "hard for my family"): a constraint told, not a judgment.
FOR_ME = re.compile(r"\s+(?:\w+\s+)?(?:for|with|on) (?:me|us|my|our)\b", re.IGNORECASE)


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def predicative(text: str, start: int, end: int, lex: Lexicons) -> bool:
    """Return True when the word at [start, end) is said of something after a copula, within
    two words ("the commute would be dreadful", "I was so nervous"): it judges whatever the rest
    of the sentence reads as; not when it is said of the writer's own circumstances, nor when
    it describes the noun after it (`before_noun`)."""
    if FOR_ME.match(text, end) or before_noun(text, end, lex):
        return False
    return bool(COPULA.search(text, max(0, start - 60), start))


def before_noun(text: str, end: int, lex: Lexicons) -> bool:
    """Return True when the word ending at `end` describes the noun after it: said of a thing
    in the predicate ("the answer turned out to be a broken door", "it was the weak point"),
    it does not stand on the copula alone, as "the commute would be dreadful" does."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1).lower()
    classes = lex.classes.get(word) or ""
    return word in lex.nouns or ("N" in classes and "A" not in classes)
