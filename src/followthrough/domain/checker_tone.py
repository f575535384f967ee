"""The draft checker's rules on tone: back-pedalling, pressure, a sales pitch, negative words.

Pure and stdlib only. Each rule returns findings; the word lists come in as `Lexicons`.
"""

from __future__ import annotations

import re

from followthrough.domain.checker_forgot import FORGOT
from followthrough.domain.checker_layout import Layout
from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_parts import (
    OFFER,
)
from followthrough.domain.checker_phrases import (
    CLAIM,
    CLAIM_MORE,
    COMPLEMENT,
    FIGURE,
    FIRST_PERSON,
    HYPE,
    LEAD_WORDS,
    LIST_ITEM,
    MAX_CLAIMS,
    MAX_SUPERLATIVES,
    NOT_DEEDS,
    NOT_HYPE,
    SELF_PRAISE,
    SENTENCE,
    WARNING,
)
from followthrough.domain.checker_pressure import (
    ABOUT_REPLY,
    ASAP,
    ASK_ANSWER,
    OWN_ACTION,
    OWN_DEADLINE,
    PRESSING,
    PUSHY,
    REPORTED,
    TIME_LIMIT,
)
from followthrough.domain.checker_text import SECOND_PERSON, find_words, mentions, norm

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
    own = [m.span() for m in OWN_DEADLINE.finditer(text)]
    found = [
        f
        for f in _phrase_findings(PUSHY, text, "pushy", message)
        + _phrase_findings(PRESSING, text, "pushy", message)
        if not any(a <= f.start < b + 12 for a, b in own)
    ]
    for part in SENTENCE.finditer(text):
        # their answer asked for, then a time limit: "a yes or no ... by Wednesday"
        ask = ASK_ANSWER.search(part.group())
        limit = ask and TIME_LIMIT.search(part.group(), ask.end())
        if ask and limit and not (OWN_DEADLINE.search(ask.string) or REPORTED.search(ask.string)):
            start, end = part.start() + ask.start(), part.start() + limit.end()
            if not any(f.start < end and start < f.end for f in found):
                found.append(Finding("pushy", WARNING, start, end, message.format(
                    text[start:end])))  # fmt: skip
    for m in ASAP.finditer(text):
        sentence = next(
            (s for s in SENTENCE.finditer(text) if s.start() <= m.start() < s.end()), None
        )
        if sentence is None or not ABOUT_REPLY.search(sentence.group()):
            continue
        if OWN_ACTION.search(text, sentence.start(), m.start()):
            continue  # "let me know and I will send them right away": my haste, not theirs
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue  # "a decision by close of business": reported once
        found.append(Finding("pushy", WARNING, m.start(), m.end(), message.format(m.group())))
    return found


# ---------------------------------------------------------------- sales pitch


#: A deed's object that points back at the deed before it: "... and we closed it with zero
#: observations" is that deed's outcome, not another one.
BACK_REFERENCE = re.compile(r"\s+(?:it|this|that|them|these|those)\b", re.IGNORECASE)


def _deeds(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Return the spans of the deeds a sentence claims in the first person: not those after an
    offer in it ("happy to talk through how we ran the review" offers, it does not claim), nor
    an outcome of the deed before ("I led the rollout and we closed it with ...")."""
    offer = OFFER.search(text, s, e)
    deeds: list[tuple[int, int]] = []
    for m in CLAIM.finditer(text, s, offer.start() if offer else e):
        if not (deeds and BACK_REFERENCE.match(text, m.end())):
            deeds.append(m.span())
    return deeds


#: Confidence in doing the job, said of oneself ("I'm confident I can deliver here", "I am sure
#: I could get the night shift to target"): the sell, unless it is loud or outdoes others.
QUIET_CONFIDENCE = re.compile(
    r"\bI(?:'m| am)\s+(?:\w+\s+)?(?:confident|sure|certain)\s+(?:that\s+)?I(?:'d|'ll|\s+would"
    r"|\s+can|\s+could|\s+will)\b",
    re.IGNORECASE,
)
_OUTDOING = re.compile(
    r"\b(?:than|anyone|anybody|nobody|no one|no-one|any other|unmatched)\b", re.IGNORECASE
)


def quiet_confidence(sentence: str) -> bool:
    """Return True for confidence in doing the job told plainly: no superlative, no self-praise,
    no comparison with others, no deeds listed."""
    if not QUIET_CONFIDENCE.search(sentence) or _OUTDOING.search(sentence):
        return False
    quiet = [m.span() for m in NOT_HYPE.finditer(sentence)]
    loud = (m for m in HYPE.finditer(sentence) if not any(a <= m.start() < b for a, b in quiet))
    return (
        next(loud, None) is None
        and not SELF_PRAISE.search(sentence)
        and len(_deeds(sentence, 0, len(sentence))) <= 1
    )


def plain_deed(sentence: str) -> bool:
    """Return True for one thing done, told plainly: a single deed of the writer's, no
    superlative and no self-praise ("On the culvert programme I managed 14 replacements and we
    delivered them 6% under budget"). One concrete result is what a note should hold, not a
    pitch."""
    deeds = _deeds(sentence, 0, len(sentence))
    if len(deeds) != 1 or CLAIM_MORE.search(sentence, deeds[0][1]):
        return False
    quiet = [m.span() for m in NOT_HYPE.finditer(sentence)]
    loud = (m for m in HYPE.finditer(sentence) if not any(a <= m.start() < b for a, b in quiet))
    return next(loud, None) is None and not SELF_PRAISE.search(sentence)


def _claims(
    text: str, ctx: CheckContext, lay: Layout, lex: Lexicons
) -> list[tuple[int, int]]:
    """Return the spans of the projects and achievements claimed, counted per sentence."""
    claims: list[tuple[int, int]] = []
    counted: set[str] = set()
    for sentence in SENTENCE.finditer(text, lay.body_start, lay.body_end):
        s, e = sentence.span()
        s += len(sentence.group()) - len(sentence.group().lstrip())
        verbs = _deeds(text, s, e)
        if verbs:
            # "I led X, built Y, and launched Z" claims three things; "... and cut costs" after a
            # claim is its outcome, not another one.
            verbs += [m.span() for m in CLAIM_MORE.finditer(text, verbs[0][1], e)]
        listed = _listed(text, s, e, lex)
        if len(listed) > len(verbs):
            verbs = listed
        projects = [p for p in ctx.projects if p not in counted and mentions(p, text, s, e)]
        counted.update(projects)
        # a claim per verb, or per project of the debrief named in the sentence, whichever more
        claims.extend(verbs + [(s, e)] * (len(projects) - len(verbs)))
    bullets = _bulleted(text, lay, lex)
    claims += [b for b in bullets if not any(a < b[1] and b[0] < z for a, z in claims)]
    return sorted(claims)


#: A line of a bulleted or numbered list: "- grew paid revenue 3x", "2) cut CAC by 40%".
BULLET = re.compile(r"^[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]+(\S[^\n]*)$", re.MULTILINE)


def _bulleted(text: str, lay: Layout, lex: Lexicons) -> list[tuple[int, int]]:
    """Return the items of a bulleted list of things done, when it lists three or more: a
    recap of wins is a CV however it is laid out ("- grew paid revenue 3x", "- built a team")."""
    items = []
    for m in BULLET.finditer(text, lay.body_start, lay.body_end):
        words = [norm(w.group()) for w in find_words(m.group(1))]
        while words and words[0] in LEAD_WORDS:
            words.pop(0)
        deed = len(words) >= 2 and words[0] not in NOT_DEEDS and _past(words[0], lex)
        if deed or FIGURE.search(m.group(1)):
            items.append(m.span(1))
    return items if len(items) >= 3 else []


def _listed(text: str, s: int, e: int, lex: Lexicons) -> list[tuple[int, int]]:
    """Return the items of a list of things done in one first-person sentence, when it lists
    three or more: "I redesigned X, led Y, precepted Z and chaired W" (items headed by any verb in
    the past, with an object: "thrilled, excited and honoured to ..." lists no deeds), or
    results in figures ("cut denial rates by 40%", "recover $3.2M")."""
    writer = FIRST_PERSON.search(text, s, e)
    if not writer:
        return []
    items = []
    # a sentence about them before the writer comes in lists their results, not the writer's:
    # "Your campaign, with 340 premises visited and 58 notices served, ... and I'd be proud to"
    theirs = SECOND_PERSON.search(text, s, writer.start())
    for part in LIST_ITEM.finditer(text, writer.start() if theirs else s, e):
        words = [norm(w.group()) for w in find_words(part.group())]
        while words and words[0] in LEAD_WORDS:
            words.pop(0)
        deed = (
            len(words) >= 2
            and words[1] not in COMPLEMENT
            and words[0] not in NOT_DEEDS
            and _past(words[0], lex)
        )
        if deed or FIGURE.search(part.group()):
            items.append(part.span())
    return items if len(items) >= 3 else []


def _past(word: str, lex: Lexicons) -> bool:
    """Return True for a verb in the past: an irregular form, or a known word ending in -ed."""
    return word in lex.past or (word.endswith("ed") and len(word) > 4 and lex.known(word))


#: Where a clause starts: a sentence's start or a comma, colon, semicolon or dash.
_CLAUSE_START = re.compile(r"[.!?;:,\n\u2013\u2014]")
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|myself|mine)\b")
#: What a superlative praises when it is theirs: "an outstanding team", "a truly exceptional
#: culture", "the most thoughtful questions".
_THEIRS = re.compile(
    r"(?:[ -]+[\w-]+){0,2}?[ -]+(?:team|teams|culture|company|organi[sz]ation|interview"
    r"|conversation|discussion|questions?|onboarding|process|product|platform|office|people"
    r"|panel|leadership|mission|work|service|school|firm|hospital|clinic|kitchen|department)\b",
    re.IGNORECASE,
)


def _praises_them(text: str, m: re.Match[str]) -> bool:
    """Return True when a superlative praises them ("Kaitiaki has a truly exceptional culture",
    "your world-class onboarding"), not the writer ("I am an exceptional communicator"): its
    clause says nothing of the writer, and it qualifies something of theirs or speaks to them."""
    # the clause: back to its start, looked for in the 300 characters before (a long text of
    # many superlatives must not be scanned from its start for each)
    window = max(0, m.start() - 300)
    starts = [c.end() for c in _CLAUSE_START.finditer(text, window, m.start())]
    clause = text[starts[-1] if starts else window : m.start()]
    if _FIRST_PERSON_WORD.search(clause):
        return False
    return bool(_THEIRS.match(text, m.end()) or SECOND_PERSON.search(clause))


def check_sales_pitch(
    text: str, ctx: CheckContext, lay: Layout, lex: Lexicons
) -> list[Finding]:
    """Return the `sales-pitch` findings: too many claims, or superlatives piling up."""
    found: list[Finding] = []
    claims = _claims(text, ctx, lay, lex)
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
    hype = sorted(
        (
            m
            for pattern in (HYPE, SELF_PRAISE)
            for m in pattern.finditer(text, lay.body_start, lay.body_end)
            if not any(a <= m.start() < b for a, b in quiet)
            and not (pattern is HYPE and _praises_them(text, m))
        ),
        key=lambda m: m.start(),
    )
    hype = [m for i, m in enumerate(hype) if not i or m.start() >= hype[i - 1].end()]
    if not found and hype and len(claims) == MAX_CLAIMS:
        # two achievements and a word that sets you above everyone: a brag, not a note
        found.append(
            Finding(
                "sales-pitch",
                WARNING,
                claims[0][0],
                max(claims[-1][1], hype[-1].end()),
                f"achievements with {hype[0].group()!r}: keep the one that fits what they need "
                "and let it speak for itself",
            )
        )
    elif len(hype) > MAX_SUPERLATIVES:
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
