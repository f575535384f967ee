"""The draft checker's rules on tone: back-pedalling, pressure, a sales pitch, negative words.

Pure and stdlib only. Each rule returns findings; the word lists come in as `Lexicons`.
"""

from __future__ import annotations

import re

from followthrough.domain.checker_forgot import FORGOT
from followthrough.domain.checker_layout import Layout
from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_phrases import (
    ABOUT_REPLY,
    ASAP,
    CLAIM,
    CLAIM_MORE,
    HYPE,
    MAX_CLAIMS,
    MAX_SUPERLATIVES,
    NEGATIVE_VALENCE,
    NEGATORS,
    NOT_HYPE,
    PUSHY,
    SENTENCE,
    TRADE_TERMS,
    WARNING,
)
from followthrough.domain.checker_text import find_words, mentions, norm

# ---------------------------------------------------------------- phrase rules


def _phrase_findings(
    pattern: re.Pattern[str],
    text: str,
    rule: str,
    message: str,
    start: int = 0,
    end: int | None = None,
) -> list[Finding]:
    found: list[Finding] = []
    last = -1
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if m.start() >= last:
            found.append(Finding(rule, WARNING, m.start(), m.end(), message.format(m.group())))
            last = m.end()
    return found


def check_forgot_to_mention(text: str) -> list[Finding]:
    """Return the `forgot-to-mention` findings: phrases that back-pedal ("I forgot to say")."""
    return _phrase_findings(
        FORGOT,
        text,
        "forgot-to-mention",
        "'{}' back-pedals and draws attention to a gap: drop it, or make the point positively "
        "('Our conversation about X made me think of ...')",
    )


def check_pushy(text: str) -> list[Finding]:
    """Return the `pushy` findings: pressure, and "ASAP" in a sentence about their reply."""
    message = (
        "'{}' sounds like pressure: say you understand these things take time and ask "
        "politely where the process stands or whether there is an updated timeline"
    )
    found = _phrase_findings(PUSHY, text, "pushy", message)
    for m in ASAP.finditer(text):
        sentence = next(
            (s for s in SENTENCE.finditer(text) if s.start() <= m.start() < s.end()), None
        )
        if sentence is not None and ABOUT_REPLY.search(sentence.group()):
            found.append(Finding("pushy", WARNING, m.start(), m.end(), message.format(m.group())))
    return found


# ---------------------------------------------------------------- sales pitch


def _claims(text: str, ctx: CheckContext, lay: Layout) -> list[tuple[int, int]]:
    """Return the spans of the projects and achievements claimed, counted per sentence."""
    claims: list[tuple[int, int]] = []
    for sentence in SENTENCE.finditer(text, lay.body_start, lay.body_end):
        s, e = sentence.span()
        s += len(sentence.group()) - len(sentence.group().lstrip())
        verbs = [m.span() for m in CLAIM.finditer(text, s, e)]
        if verbs:
            # "I led X, built Y, and launched Z" claims three things; "... and cut costs" after a
            # claim is its outcome, not another one.
            verbs += [m.span() for m in CLAIM_MORE.finditer(text, verbs[0][1], e)]
        projects = [(s, e) for p in ctx.projects if mentions(p, text, s, e)]
        claims.extend(verbs if len(verbs) >= len(projects) else projects)
    return sorted(set(claims))


def check_sales_pitch(text: str, ctx: CheckContext, lay: Layout) -> list[Finding]:
    """Return the `sales-pitch` findings: too many claims, or superlatives piling up."""
    found: list[Finding] = []
    claims = _claims(text, ctx, lay)
    if len(claims) > MAX_CLAIMS:
        found.append(
            Finding(
                "sales-pitch",
                WARNING,
                claims[MAX_CLAIMS][0],
                claims[-1][1],
                f"{len(claims)} projects or achievements: a note is not a CV; keep the one or two "
                "that fit what they need and cut the rest",
            )
        )
    quiet = [m.span() for m in NOT_HYPE.finditer(text)]
    hype = [
        m
        for m in HYPE.finditer(text, lay.body_start, lay.body_end)
        if not any(a <= m.start() < b for a, b in quiet)
    ]
    if len(hype) > MAX_SUPERLATIVES:
        words = ", ".join(repr(m.group()) for m in hype)
        found.append(
            Finding(
                "sales-pitch",
                WARNING,
                hype[MAX_SUPERLATIVES].start(),
                hype[-1].end(),
                f"superlatives pile up ({words}): keep one at most and let a concrete result "
                "speak instead",
            )
        )
    return found


# ---------------------------------------------------------------- negative wording


def _negated(words: list[str], i: int) -> bool:
    return any(w in NEGATORS or w.endswith("n't") for w in words[max(0, i - 3) : i])


def check_negative_wording(
    text: str, ctx: CheckContext, lex: Lexicons, mask: bytearray, own: frozenset[str]
) -> list[Finding]:
    """Return the `negative-wording` findings: clearly negative words, unless negated or masked."""
    matches = list(find_words(text))
    words = [norm(m.group()) for m in matches]
    trade = [m.span() for m in TRADE_TERMS.finditer(text)]
    found: list[Finding] = []
    for i, (m, word) in enumerate(zip(matches, words, strict=True)):
        valence = lex.negative.get(word)
        if valence is None or valence > NEGATIVE_VALENCE or mask[m.start()] or word in own:
            continue
        if _negated(words, i) or any(a <= m.start() < b for a, b in trade):
            continue
        found.append(
            Finding(
                "negative-wording",
                WARNING,
                m.start(),
                m.end(),
                f"{m.group()!r} reads as negative (VADER {valence:+.1f}): say it positively, e.g. "
                "what you learned or look forward to",
            )
        )
    return found
