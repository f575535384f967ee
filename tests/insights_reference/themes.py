"""Weak questions and answers across debriefs, grouped into themes (pure, stdlib only).

Items of `unprepared_questions`, `weak_answers` and `floundered` are normalised (casefold,
punctuation dropped, stop words and question scaffolding such as "tell me about a time" dropped,
plural / -ing / -ed endings stemmed) into token sets. Two items belong to the same theme when the
Jaccard similarity of their token sets is at least `THEME_THRESHOLD`; themes are the connected
groups (single link, so the result does not depend on input order). A theme's `count` is the
number of distinct interviews it came up in. Themes sort by count (desc), then last seen (desc).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from zoneinfo import ZoneInfo

from followthrough.domain.model import ApplicationFacts

#: Token-set Jaccard similarity from which two weak questions are one theme.
THEME_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Mention:
    """One weak question or answer as the user wrote it in a debrief."""

    application_id: int
    interview_id: int
    company: str
    role: str
    field: str
    text: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Theme:
    """Weak questions that say the same thing; `count` is the number of distinct interviews."""

    phrasing: str
    count: int
    last_seen: dt.datetime
    mentions: tuple[Mention, ...]

    @property
    def application_ids(self) -> tuple[int, ...]:
        """Return the applications the theme came up in, sorted."""
        return tuple(sorted({m.application_id for m in self.mentions}))

    @property
    def interview_ids(self) -> tuple[int, ...]:
        """Return the interviews the theme came up in, sorted."""
        return tuple(sorted({m.interview_id for m in self.mentions}))


_WORD = re.compile(r"[^\W_]+")
#: Function words, and the scaffolding of interview questions ("tell me about a time when...").
_STOP_TEXT = """
    a about above after again all also am an and any anything are as at be been before being both
    but by can could d did do does doing don during each else ever few for from further had has
    have having he her here hers him his how i if in into is it its itself just ll m me might
    more most much must my myself no nor now of off on once only or other our ours out over own
    please re s same shall she should so some such t than that the their theirs them then there
    these they this those through to too under until up us ve very was we were what when where
    which while who whom whose why will with would you your yours yourself
    tell describe give example explain walk share talk time situation question
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "aeiouslz":
        return word[:-1]
    return word


def stem(word: str) -> str:
    """Return `word` without a plural, -ing, -ed or final -e ending (a tiny stemmer)."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = _undouble(word[:-3])
    elif len(word) > 4 and word.endswith("ed"):
        word = _undouble(word[:-2])
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def question_tokens(text: str) -> frozenset[str]:
    """Return the normalised token set of a weak question (its stop words only if nothing else)."""
    words = _WORD.findall(text.casefold())
    kept = frozenset(
        s for w in words if w not in STOP_WORDS and (s := stem(w)) and s not in STOP_WORDS
    )
    return kept or frozenset(stem(w) for w in words)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two token sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _mentions(facts: Iterable[ApplicationFacts], zone: ZoneInfo) -> list[Mention]:
    out = []
    for f in facts:
        app = f.application
        for interview_id, d in sorted(f.debriefs.items()):
            fields = (
                ("unprepared_questions", d.unprepared_questions),
                ("weak_answers", d.weak_answers),
                ("floundered", d.floundered),
            )
            for name, texts in fields:
                for text in texts:
                    if text.strip():  # blank lines of a text area are not questions
                        out.append(
                            Mention(
                                app.id,
                                interview_id,
                                app.company,
                                app.role,
                                name,
                                text.strip(),
                                d.recorded_at.astimezone(zone),
                            )
                        )
    return out


def _groups(keys: Sequence[frozenset[str]], threshold: float) -> list[int]:
    """Return a group root per key: union-find over pairs at least `threshold` similar."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_token: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for token in key:
            by_token[token].append(i)
    candidates = {pair for ids in by_token.values() for pair in combinations(ids, 2)}
    for i, j in sorted(candidates):
        if similarity(keys[i], keys[j]) >= threshold:
            parent[root(j)] = root(i)
    return [root(i) for i in range(len(keys))]


def weak_question_themes(
    facts: Iterable[ApplicationFacts],
    zone: ZoneInfo,
    threshold: float = THEME_THRESHOLD,
) -> list[Theme]:
    """Return every theme of weak questions, by count (desc) then last seen (desc)."""
    # an item without a single word ("?", "-") says nothing to prepare for
    pairs = [(m, t) for m in _mentions(facts, zone) if (t := question_tokens(m.text))]
    mentions = [m for m, _ in pairs]
    tokens = [t for _, t in pairs]
    keys = sorted(set(tokens), key=sorted)
    root_of = dict(zip(keys, _groups(keys, threshold), strict=True))
    grouped: dict[int, list[int]] = defaultdict(list)
    for index, key in enumerate(tokens):
        grouped[root_of[key]].append(index)
    themes = [
        _theme([mentions[i] for i in ids], [tokens[i] for i in ids]) for ids in grouped.values()
    ]
    themes.sort(key=lambda t: (-t.count, -t.last_seen.timestamp(), t.phrasing.casefold()))
    return themes


def _theme(mentions: list[Mention], tokens: list[frozenset[str]]) -> Theme:
    """Return a theme; its phrasing is the latest wording of its most frequent token set."""
    frequency = Counter(tokens)
    best = max(
        range(len(mentions)),
        key=lambda i: (frequency[tokens[i]], mentions[i].at, mentions[i].text),
    )
    ordered = sorted(
        mentions, key=lambda m: (m.at, m.application_id, m.interview_id, m.text), reverse=True
    )
    return Theme(
        phrasing=mentions[best].text,
        count=len({(m.application_id, m.interview_id) for m in mentions}),
        last_seen=ordered[0].at,
        mentions=tuple(ordered),
    )
