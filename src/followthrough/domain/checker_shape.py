"""The draft checker's rules on a draft's shape: its length, and the parts a thank-you needs.

Pure and stdlib only. Each rule takes the text, the context and its `Layout`, and returns findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from followthrough.domain.checker_layout import Layout
from followthrough.domain.checker_learned import GATES, THRESHOLDS, Tone, has_tone
from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_parts import (
    BOILERPLATE,
    ENTHUSIASM,
    FIT,
    GENERIC,
    OFFER,
    THANKS,
    TOPIC_CUE,
)
from followthrough.domain.checker_phrases import (
    CLAIM,
    DEFAULT_LIMIT,
    INFO,
    LIMITS,
    SENTENCE,
    WARNING,
    WORD,
    Limit,
)
from followthrough.domain.checker_text import (
    SECOND_PERSON,
    find_words,
    mentions,
    norm,
    own_words,
    word_count,
)

# ---------------------------------------------------------------- length


def _limit(kind: str | None) -> Limit:
    return LIMITS.get(kind or "", DEFAULT_LIMIT)


def check_length(text: str, ctx: CheckContext, lay: Layout) -> list[Finding]:
    """Return the `length` findings: characters, words, paragraphs over the kind's limit."""
    limit = _limit(ctx.kind)
    found = [
        f
        for f in (_too_many_chars(text, ctx, limit), _too_many_words(text, ctx, lay, limit))
        if f is not None
    ]
    if limit.paragraphs is not None and len(lay.paragraphs) > limit.paragraphs:
        found.append(
            Finding(
                "length",
                limit.severity,
                lay.paragraphs[limit.paragraphs][0],
                lay.body_end,
                f"{len(lay.paragraphs)} paragraphs: use at most {limit.paragraphs} short ones",
            )
        )
    return found + _long_paragraphs(text, lay, limit)


def _too_many_chars(text: str, ctx: CheckContext, limit: Limit) -> Finding | None:
    stripped = text.strip()
    if limit.chars is None or len(stripped) <= limit.chars:
        return None
    lead = len(text) - len(text.lstrip())
    return Finding(
        "length",
        limit.severity,
        lead + limit.chars,
        lead + len(stripped),
        f"{len(stripped)} characters: a {ctx.kind} note takes at most {limit.chars} "
        f"({limit.why}); cut {len(stripped) - limit.chars}",
    )


def _too_many_words(text: str, ctx: CheckContext, lay: Layout, limit: Limit) -> Finding | None:
    if limit.words is None:
        return None
    tokens = [
        m
        for m in re.finditer(r"\S+", text[lay.note_start :])
        if any(c.isalnum() for c in m.group())
    ]
    if len(tokens) <= limit.words:
        return None
    return Finding(
        "length",
        limit.severity,
        lay.note_start + tokens[limit.words].start(),
        lay.note_start + tokens[-1].end(),
        f"{len(tokens)} words: keep a {ctx.kind or 'message'} to {limit.words} "
        f"or fewer ({limit.why}); cut {len(tokens) - limit.words}",
    )


def _long_paragraphs(text: str, lay: Layout, limit: Limit) -> list[Finding]:
    if limit.paragraph_words is None:
        return []
    found = []
    for s, e in lay.paragraphs:
        n = word_count(text[s:e])
        if n > limit.paragraph_words:
            found.append(
                Finding(
                    "length",
                    INFO,  # advice: the contract's figures are the words and the paragraphs
                    s,
                    e,
                    f"a {n}-word paragraph: short paragraphs read best (about "
                    f"{limit.paragraph_words} words at most); consider splitting it",
                )
            )
    return found


# ---------------------------------------------------------------- structure of a thank-you


def _specific_after(text: str, m: re.Match[str], end: int, generic: frozenset[str]) -> bool:
    """Return True when a topic cue is followed by more than generic words (the role, the team)."""
    for n, w in enumerate(find_words(text, m.end(), end)):
        if n >= 8 or any(c in text[m.end() : w.start()] for c in ".!?\n"):
            return False
        word = norm(w.group())
        if len(word) >= 4 and word not in generic:
            return True
    return False


def _detail(word: str, lex: Lexicons, skip: frozenset[str]) -> bool:
    """Return True when `word` is a concrete detail: rarer than everyday English and not a word of
    every thank-you, or a name, a code or a compound the dictionary lacks ("DHIS2", "peat-free")."""
    lower = norm(word).removesuffix("'s")
    if len(lower) < 4 or lower in skip or lower in lex.common or "'" in lower:
        return False  # also "Monday's", "you're"
    if "-" in word and not any(c.isupper() or c.isdigit() for c in word):
        # an everyday word and a participle describe, and say nothing of this interview
        # ("wide-ranging", "fast-paced"); a compound with a rarer part or of nouns does
        # ("peat-free", "after-hours")
        *head, last = [p for p in lower.split("-") if p] or [lower]
        return not (last.endswith(("ing", "ed")) and all(p in lex.common for p in head))
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return True
    classes = lex.classes.get(lower)
    if classes is not None and "N" not in classes and not word[:1].isupper():
        return False  # a word that only describes or acts ("candid", "openly", "prepares")
    return lex.known(lower) or word[:1].isupper()


def _noun(word: str, lex: Lexicons, skip: frozenset[str]) -> bool:
    """Return True for a noun of four letters or more that is not a word of every thank-you."""
    lower = norm(word)
    if len(lower) < 4 or lower in skip:
        return False
    return lower in lex.nouns or "N" in (lex.classes.get(lower) or "")


#: The writer's own background ("my background in veterinary field work") is the sell, not a
#: detail of the interview.
OWN_BACKGROUND = re.compile(
    r"\bmy (?:[\w-]+ )?(?:background|experience|skills?|career|training|studies|degree|years?)"
    r" (?:in|with|as|at|of)\b[^.,;:!?\n]*",
    re.IGNORECASE,
)


def _names_a_topic(
    text: str, ctx: CheckContext, lex: Lexicons, s: int, e: int, tones: Sequence[Tone] = ()
) -> bool:
    """Return True when the body names a debrief topic, a cue followed by specific words, or a
    concrete detail of the interview (a word rarer than everyday English: "kiln", "TODO") in a
    sentence that reads as naming something particular (the model's `detail` gate: "your
    appetite for change" is praise any employer could be sent)."""
    if any(mentions(t, text, s, e) for t in ctx.topics):
        return True
    # the names of this application, and of another (a mix-up), are no detail of the interview
    others = frozenset(norm(w) for n in ctx.other_names for w in WORD.findall(n))
    generic = GENERIC | own_words(ctx) | others
    if not lex.common:  # no word frequencies: a cue followed by more than generic words
        return any(_specific_after(text, m, e, generic) for m in TOPIC_CUE.finditer(text, s, e))
    skip = generic | BOILERPLATE
    own = [m.span() for m in OWN_BACKGROUND.finditer(text, s, e)]
    own += [m.span() for m in SENTENCE.finditer(text, s, e) if _about_me(m.group())]
    general = [
        (t.start, t.end) for t in tones if t.scores.get("detail~", 1.0) < GATES.get("detail", 0.0)
    ]
    # a sentence that reads as particular names its topic in everyday words too ("your question
    # on telling a customer that something will be late"), with a noun that is more than the
    # words of any thank-you
    if any(
        t.scores.get("detail~", 0.0) >= THRESHOLDS.get("detail", 1.1)
        and any(_noun(w.group(), lex, skip) for w in find_words(text, t.start, t.end))
        for t in tones
        if not any(a <= t.start < b for a, b in own)
    ):
        return True
    return any(
        _detail(w.group(), lex, skip)
        and not any(a <= w.start() < b for a, b in (*own, *general))
        for w in find_words(text, s, e)
    )


#: A sentence telling the writer's own story ("Over the past five years I have taught ...",
#: "During my two years at a broker I co-wrote ...", "Having managed the front desk ...").
SELF_STORY = re.compile(
    r"\b(?:I(?:'ve| have| had) (?:\w+ )?(?:been|worked|taught|managed|led|built|run|spent"
    r"|designed|developed|delivered|trained|supported|looked after|cared for)"
    r"|during my|at my (?:current|previous|last|former)|in my (?:current|previous|last|former)"
    r"|having (?:managed|worked|led|taught|run|spent|built|designed))\b",
    re.IGNORECASE,
)


#: Wanting to do the job, not something of theirs: "the chance to lead the faculty", "I'd love
#: to come on board" (against "excited about the kiln restoration").
WANTING = re.compile(
    r"\b(?:chance|opportunity) to\b|\bto (?:join|bring|lead|contribute|be part of|come on board"
    r"|get stuck in|take on|step into|slot in)\b",
    re.IGNORECASE,
)


def _about_me(sentence: str) -> bool:
    """Return True for the offer ("... whether references or my AHPRA details"), a sentence of
    the writer's own story with nothing of theirs in it, or of wanting the job ("I would relish
    the chance to lead the faculty"): its rare words are not a detail of this interview (a
    sentence that cues the conversation is never)."""
    if TOPIC_CUE.search(sentence):
        return False
    if OFFER.search(sentence):
        return True
    if SECOND_PERSON.search(sentence):
        return False
    return bool(SELF_STORY.search(sentence)) or bool(
        ENTHUSIASM.search(sentence) and WANTING.search(sentence)
    )


def _sell_lacking(text: str, ctx: CheckContext, s: int, e: int) -> str:
    """Return "enthusiasm and fit" when the note has no sell at all, or "". A sell is either:
    wanting the job in any wording ("it made me even keener", "I'd love the chance") or a
    reason you fit (a matching project, what you would bring); a short note rarely has both."""
    if ENTHUSIASM.search(text, s, e):
        return ""
    # what the offer sentence offers ("more details of my experience", "my AWHONN certificate")
    # is not a reason to fit: read the body without it
    rest = text
    for m in SENTENCE.finditer(text, s, e):
        offer = OFFER.search(text, m.start(), m.end())
        if offer:  # from the offer on: "I am the ideal candidate and would be happy to send ..."
            rest = rest[: offer.start()] + " " * (m.end() - offer.start()) + rest[m.end() :]
    fit = bool(FIT.search(rest, s, e) or CLAIM.search(rest, s, e)) or any(
        mentions(p, rest, s, e) for p in ctx.projects
    )
    return "" if fit else "enthusiasm and fit"


def check_structure(
    text: str, ctx: CheckContext, lay: Layout, lex: Lexicons, tones: Sequence[Tone] = ()
) -> list[Finding]:
    """Return the `structure` findings: the parts a thank-you lacks (none for other kinds). A
    sell or an offer is found by its phrase families, or by a sentence that reads as one."""
    if ctx.kind != "thank-you":
        return []
    s, e = lay.body_start, lay.body_end
    found: list[Finding] = []

    def missing(at: int, message: str) -> None:
        found.append(Finding("structure", WARNING, at, at, message))

    if not THANKS.search(text, s, e):
        missing(s, "no thanks: open by thanking them for their time and the conversation")
    if not _names_a_topic(text, ctx, lex, s, e, tones):
        hint = f" (from your debrief: {ctx.topics[0]!r})" if ctx.topics else ""
        missing(
            s,
            "no specific topic from the interview: mention one thing you discussed"
            f"{hint}, so the note could not have been sent to anyone else",
        )
    # a boast is a sell overdone: the sales pitch says so, not a missing sell as well
    selling = has_tone(tones, "sell") or has_tone(tones, "boast")
    lacking = "" if selling else _sell_lacking(text, ctx, s, e)
    if lacking:
        missing(
            s,
            f"no subtle sell ({lacking} missing): say in a sentence that you are keen "
            "and why you fit, e.g. one project of yours that matches what they need",
        )
    if not OFFER.search(text, s, e) and not has_tone(tones, "offer"):
        missing(
            e,
            "no offer to send anything further: end with 'if anything else would help, "
            "I am happy to send it'",
        )
    return found
