"""Weak questions and answers across debriefs, grouped into themes (pure, stdlib only).

Items of `unprepared_questions`, `weak_answers` and `floundered` are normalised (casefold,
punctuation dropped, stop words and question scaffolding such as "tell me about a time" dropped,
plural / -ing / -ed endings stemmed) into token sets. Two items belong to the same theme when the
Jaccard similarity of their token sets is at least `THEME_THRESHOLD`; themes are the connected
groups (single link, so the result does not depend on input order). A theme's `count` is the
number of distinct interviews it came up in. Themes sort by count (desc), then last seen (desc).
A theme counts every mention and names every application and interview it came up in, but
lists only its LISTED most recent mentions (at 10 000 applications one theme had 8 000).
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from zoneinfo import ZoneInfo

#: Token-set Jaccard similarity from which two weak questions are one theme.
THEME_THRESHOLD = 0.5
#: The debrief fields whose items are weak questions, in the order a debrief lists them.
WEAK_FIELDS = ("unprepared_questions", "weak_answers", "floundered")
#: How many of its mentions a theme lists, the most recent first.
LISTED = 20
#: A weak-question item as the store reads it: (application id, interview id, company, role,
#: field, text as written but stripped, when the debrief was recorded (aware)).
Item = tuple[int, int, str, str, str, str, dt.datetime]
_RANK = {name: rank for rank, name in enumerate(WEAK_FIELDS)}


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
    """Weak questions that say the same thing; `count` is the number of distinct interviews,
    `mentions` the LISTED most recent of its `mention_count` mentions, newest first."""

    phrasing: str
    count: int
    last_seen: dt.datetime
    mentions: tuple[Mention, ...]
    mention_count: int
    application_ids: tuple[int, ...]
    interview_ids: tuple[int, ...]


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
    found: Iterable[Item],
    zone: ZoneInfo,
    threshold: float = THEME_THRESHOLD,
    listed: int = LISTED,
) -> list[Theme]:
    """Return every theme of the weak-question items `found` (blank ones left out; in any
    order), by count (desc) then last seen (desc), its times in `zone`."""
    known: dict[str, frozenset[str]] = {}  # the same question is often written the same way
    kept: list[tuple[Item, frozenset[str]]] = []
    for item in found:
        text = item[5]
        tokens = known.get(text)
        if tokens is None:
            tokens = known[text] = question_tokens(text)
        if tokens:  # an item without a single word ("?", "-") says nothing to prepare for
            kept.append((item, tokens))
    keys = sorted(set(known.values()) - {frozenset()}, key=sorted)
    root_of = dict(zip(keys, _groups(keys, threshold), strict=True))
    grouped: dict[int, list[tuple[Item, frozenset[str]]]] = defaultdict(list)
    for item, tokens in kept:
        grouped[root_of[tokens]].append((item, tokens))
    themes = [_theme(members, zone, listed) for members in grouped.values()]
    themes.sort(key=lambda t: (-t.count, -t.last_seen.timestamp(), t.phrasing.casefold()))
    return themes


def _newest(member: tuple[Item, frozenset[str]]) -> tuple[dt.datetime, int, int, str, int]:
    """Return the order of mentions, newest last (in one debrief, the earlier field last)."""
    app, interview, _, _, field, text, at = member[0]
    return at, app, interview, text, -_RANK.get(field, len(_RANK))


def _theme(members: list[tuple[Item, frozenset[str]]], zone: ZoneInfo, listed: int) -> Theme:
    """Return a theme; its phrasing is the latest wording of its most frequent token set."""
    frequency = Counter(tokens for _, tokens in members)
    best = max(members, key=lambda m: (frequency[m[1]], m[0][6], m[0][5]))
    newest = heapq.nlargest(max(listed, 1), members, key=_newest)
    shown = tuple(
        Mention(app, interview, company, role, field, text, at.astimezone(zone))
        for (app, interview, company, role, field, text, at), _ in newest[:listed]
    )
    interviews = {(item[0], item[1]) for item, _ in members}
    return Theme(
        phrasing=best[0][5],
        count=len(interviews),
        last_seen=newest[0][0][6].astimezone(zone),
        mentions=shown,
        mention_count=len(members),
        application_ids=tuple(sorted({app for app, _ in interviews})),
        interview_ids=tuple(sorted({interview for _, interview in interviews})),
    )
