"""The draft checker: a draft's text in, findings out (PRODUCT.md §3).

Pure: the word lists come in as `Lexicons` (followthrough.text.lexicons loads VADER's lexicon and
pyspellchecker's dictionary), the facts of the application as `CheckContext`. The guards of §1.2
are not run here: the service adds their verdicts for drafts of dated actions. The checker's own
data (limits, rule docs, phrase patterns and word lists) is in `checker_phrases`; this module
holds the rule logic and re-exports that module's public tables, so import them from here.

Severities: `error` means the message must not go out like this (an unfilled placeholder, a name
from another application, a LinkedIn note LinkedIn would refuse); `warning` means it goes against
the guidance; `info` is worth a look (a word that is probably a name). Spans are character offsets
[start, end) into the text; a finding about something *missing* has start == end, at the place
where the missing part would go.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from followthrough.domain.checker_phrases import (
    ABOUT_REPLY,
    ASAP,
    CLAIM,
    CLAIM_MORE,
    CLOSING,
    DEFAULT_LIMIT,
    DOUBLE_OK,
    DOUBLED,
    ENTHUSIASM,
    ERROR,
    FIT,
    FORGOT,
    GENERIC,
    GREETED,
    GREETING,
    HYPE,
    INFO,
    LIMITS,
    LINE,
    MASKED,
    MAX_CLAIMS,
    MAX_SUPERLATIVES,
    NEGATIVE_VALENCE,
    NEGATORS,
    NOT_HYPE,
    OFFER,
    PARA_BREAK,
    PLACEHOLDER,
    PUSHY,
    RULES,
    SALUTE,
    SENTENCE,
    STOP,
    SUFFIXES,
    THANKS,
    TOPIC_CUE,
    TRADE_TERMS,
    WARNING,
    WORD,
    Limit,
    Rule,
)

# The public names: this module's, and the tables of checker_phrases it re-exports.
__all__ = [
    "ERROR", "WARNING", "INFO", "DEFAULT_LIMIT", "LIMITS", "MAX_CLAIMS", "MAX_SUPERLATIVES",
    "NEGATIVE_VALENCE", "RULES", "CheckContext", "Finding", "Lexicons", "Limit", "Rule", "check",
    "rules_found", "word_count",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker has to say about a draft, with the span it is about."""

    rule: str
    severity: str
    start: int
    end: int
    message: str

    def as_dict(self) -> dict[str, str | int]:
        """Return the finding in the JSON shape of PRODUCT.md §3."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckContext:
    """What the checker knows about the draft: its kind and the names and notes around it."""

    kind: str | None = None
    own_names: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    extra_known_words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists too; tuples keep the context hashable, so per-context work can be cached.
        for name in ("own_names", "other_names", "topics", "projects", "extra_known_words"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(v for v in value if v and v.strip()))


@dataclass(frozen=True)
class Lexicons:
    """The word lists the checker reads: loaded by an adapter, hand-made in tests."""

    negative: Mapping[str, float]
    known: Callable[[str], bool]
    suggest: Callable[[str], str | None]


# ---------------------------------------------------------------- shared text helpers


def word_count(text: str) -> int:
    """Return the number of words in `text` (whitespace-separated tokens with a letter or digit)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def _words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    return WORD.finditer(text, start, len(text) if end is None else end)


def _norm(word: str) -> str:
    return word.replace("’", "'").lower()


def _stem(word: str) -> str:
    word = _norm(word).removesuffix("'s")
    return word[:5]


def _content_stems(phrase: str) -> frozenset[str]:
    words = [_norm(w) for w in WORD.findall(phrase)]
    content = [w for w in words if w not in STOP and len(w) >= 4] or [
        w for w in words if w not in STOP
    ]
    return frozenset(_stem(w) for w in content)


def _mentions(phrase: str, text: str, start: int = 0, end: int | None = None) -> bool:
    """Return True when at least half of `phrase`'s content words occur in text[start:end]."""
    wanted = _content_stems(phrase)
    if not wanted:
        return False
    found = {_stem(m.group()) for m in _words(text, start, end)} & wanted
    return len(found) * 2 >= len(wanted)


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the note is (after a Subject: line and a covering request) and its body."""

    note_start: int
    body_start: int
    body_end: int
    paragraphs: tuple[tuple[int, int], ...]


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in LINE.finditer(text) if text[m.start() : m.end()].strip()]


def _is_greeting(line: str) -> bool:
    return bool(GREETING.fullmatch(line)) and word_count(line) <= 6


def _layout(text: str) -> _Layout:
    lines = _lines(text)
    note = start = 0
    end = len(text)
    i = 0
    if lines and text[lines[0][0] : lines[0][1]].lstrip().lower().startswith("subject:"):
        note = start = lines[0][1]
        i = 1
    if i < len(lines) and _is_greeting(text[lines[i][0] : lines[i][1]]):
        start = lines[i][1]
    for s, e in lines[-4:]:
        if s >= start and CLOSING.fullmatch(text[s:e]) and word_count(text[s:e]) <= 4:
            end = s
            break
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
    return _Layout(note, start, end, tuple(paragraphs))


# ---------------------------------------------------------------- length


def _limit(kind: str | None) -> Limit:
    return LIMITS.get(kind or "", DEFAULT_LIMIT)


def _length(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
    limit = _limit(ctx.kind)
    found: list[Finding] = []
    if limit.chars is not None:
        stripped = text.strip()
        if len(stripped) > limit.chars:
            lead = len(text) - len(text.lstrip())
            found.append(
                Finding(
                    "length",
                    limit.severity,
                    lead + limit.chars,
                    lead + len(stripped),
                    f"{len(stripped)} characters: a {ctx.kind} note takes at most {limit.chars} "
                    f"({limit.why}); cut {len(stripped) - limit.chars}",
                )
            )
    if limit.words is not None:
        tokens = [
            m
            for m in re.finditer(r"\S+", text[lay.note_start :])
            if any(c.isalnum() for c in m.group())
        ]
        if len(tokens) > limit.words:
            found.append(
                Finding(
                    "length",
                    limit.severity,
                    lay.note_start + tokens[limit.words].start(),
                    lay.note_start + tokens[-1].end(),
                    f"{len(tokens)} words: keep a {ctx.kind or 'message'} to {limit.words} "
                    f"or fewer ({limit.why}); cut {len(tokens) - limit.words}",
                )
            )
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
    if limit.paragraph_words is not None:
        for s, e in lay.paragraphs:
            n = word_count(text[s:e])
            if n > limit.paragraph_words:
                found.append(
                    Finding(
                        "length",
                        limit.severity,
                        s,
                        e,
                        f"a {n}-word paragraph: keep paragraphs short (at most "
                        f"{limit.paragraph_words} words); split it or cut it down",
                    )
                )
    return found


# ---------------------------------------------------------------- structure of a thank-you


def _specific_after(text: str, m: re.Match[str], end: int, generic: frozenset[str]) -> bool:
    """Return True when a topic cue is followed by more than generic words (the role, the team)."""
    for n, w in enumerate(_words(text, m.end(), end)):
        if n >= 8 or any(c in text[m.end() : w.start()] for c in ".!?\n"):
            return False
        word = _norm(w.group())
        if len(word) >= 4 and word not in generic:
            return True
    return False


def _own_words(ctx: CheckContext) -> frozenset[str]:
    return frozenset(_norm(w) for n in ctx.own_names for w in WORD.findall(n))


def _structure(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
    if ctx.kind != "thank-you":
        return []
    s, e = lay.body_start, lay.body_end
    found: list[Finding] = []

    def missing(at: int, message: str) -> None:
        found.append(Finding("structure", WARNING, at, at, message))

    if not THANKS.search(text, s, e):
        missing(s, "no thanks: open by thanking them for their time and the conversation")
    topic = any(_mentions(t, text, s, e) for t in ctx.topics)
    if not topic:
        generic = GENERIC | _own_words(ctx)
        topic = any(_specific_after(text, m, e, generic) for m in TOPIC_CUE.finditer(text, s, e))
    if not topic:
        hint = f" (from your debrief: {ctx.topics[0]!r})" if ctx.topics else ""
        missing(
            s,
            "no specific topic from the interview: mention one thing you discussed"
            f"{hint}, so the note could not have been sent to anyone else",
        )
    enthusiasm = bool(ENTHUSIASM.search(text, s, e))
    fit = bool(FIT.search(text, s, e) or CLAIM.search(text, s, e)) or any(
        _mentions(p, text, s, e) for p in ctx.projects
    )
    if not (enthusiasm and fit):
        lacking = " and ".join(x for x, ok in (("enthusiasm", enthusiasm), ("fit", fit)) if not ok)
        missing(
            s,
            f"no subtle sell ({lacking} missing): say in a sentence that you are keen "
            "and why you fit, e.g. one project of yours that matches what they need",
        )
    if not OFFER.search(text, s, e):
        missing(
            e,
            "no offer to send anything further: end with 'if anything else would help, "
            "I am happy to send it'",
        )
    return found


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


def _forgot(text: str) -> list[Finding]:
    return _phrase_findings(
        FORGOT,
        text,
        "forgot-to-mention",
        "'{}' back-pedals and draws attention to a gap: drop it, or make the point positively "
        "('Our conversation about X made me think of ...')",
    )


def _pushy(text: str) -> list[Finding]:
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


def _claims(text: str, ctx: CheckContext, lay: _Layout) -> list[tuple[int, int]]:
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
        projects = [(s, e) for p in ctx.projects if _mentions(p, text, s, e)]
        claims.extend(verbs if len(verbs) >= len(projects) else projects)
    return sorted(set(claims))


def _sales_pitch(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
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


# ---------------------------------------------------------------- masks and placeholders


def _mask(text: str) -> bytearray:
    mask = bytearray(len(text))
    for pattern in (MASKED, PLACEHOLDER):
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _placeholders(text: str) -> list[Finding]:
    return [
        Finding(
            "placeholder",
            ERROR,
            m.start(),
            m.end(),
            f"{m.group()!r} is an unfilled placeholder: put the real words in "
            "(or delete it) before sending",
        )
        for m in PLACEHOLDER.finditer(text)
    ]


# ---------------------------------------------------------------- negative wording


def _negated(words: list[str], i: int) -> bool:
    return any(w in NEGATORS or w.endswith("n't") for w in words[max(0, i - 3) : i])


def _negative(
    text: str, ctx: CheckContext, lex: Lexicons, mask: bytearray, own: frozenset[str]
) -> list[Finding]:
    matches = list(_words(text))
    words = [_norm(m.group()) for m in matches]
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


# ---------------------------------------------------------------- spelling


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


def _spelling(text: str, lex: Lexicons, mask: bytearray, allowed: frozenset[str]) -> list[Finding]:
    found: list[Finding] = []
    for m in _words(text):
        token = m.group()
        if mask[m.start()] or len(token) < 2 or any(c.isdigit() or c == "_" for c in token):
            continue
        if sum(c.isupper() for c in token) >= 2:  # an acronym (SQL, KPIs) or a brand (LinkedIn)
            continue
        word = _norm(token)
        if _known(word, lex, allowed):
            continue
        suggestion = lex.suggest(word)
        unknown = f"{token!r} is not in the dictionary" + (
            f"; did you mean {suggestion!r}?" if suggestion else "."
        )
        if token[0].isupper() and not (suggestion and _sentence_start(text, m.start())):
            found.append(
                Finding(
                    "spelling",
                    INFO,
                    m.start(),
                    m.end(),
                    f"{unknown} If it is a name, check it is spelt as its owner spells it.",
                )
            )
        else:
            found.append(
                Finding(
                    "spelling",
                    WARNING,
                    m.start(),
                    m.end(),
                    f"{unknown} Fix it, or add it to your known words if it is right.",
                )
            )
    for m in DOUBLED.finditer(text):
        if _norm(m.group(1)) in DOUBLE_OK or m.group(1).isdigit() or mask[m.start()]:
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


@functools.lru_cache(maxsize=256)
def _allowed(ctx: CheckContext) -> frozenset[str]:
    phrases = (*ctx.own_names, *ctx.topics, *ctx.projects, *ctx.extra_known_words)
    return frozenset(_norm(w) for p in phrases for w in WORD.findall(p)) | frozenset(
        w for p in phrases for m in WORD.findall(p) for w in _norm(m).split("-")
    )


# ---------------------------------------------------------------- wrong names


@functools.lru_cache(maxsize=256)
def _name_index(names: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in names:
        key = tuple(_norm(w).removesuffix("'s") for w in WORD.findall(name))
        if key:
            index.setdefault(key[0], []).append((key, name))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


def _find_names(
    text: str, names: tuple[str, ...], lex: Lexicons | None
) -> Iterable[tuple[int, int, str]]:
    index = _name_index(names)
    if not index:
        return
    matches = list(_words(text))
    words = [_norm(m.group()).removesuffix("'s") for m in matches]
    for i, word in enumerate(words):
        for key, name in index.get(word, ()):
            if tuple(words[i : i + len(key)]) != key:
                continue
            # A one-word name that is also a plain word ("Orange", "Target") counts only
            # when written with a capital, as a name is.
            if (
                lex is not None
                and len(key) == 1
                and lex.known(key[0])
                and not matches[i].group()[0].isupper()
            ):
                continue
            yield matches[i].start(), matches[i + len(key) - 1].end(), name
            break


def _wrong_names(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    own_keys = {_norm(n) for n in ctx.own_names}
    others = tuple(n for n in ctx.other_names if _norm(n) not in own_keys)
    if not others:
        return []
    own_spans = [(s, e) for s, e, _ in _find_names(text, ctx.own_names, None)]
    hits = [
        hit
        for hit in _find_names(text, others, lex)
        if not any(hit[0] < b and a < hit[1] for a, b in own_spans)
    ]
    # Greeting someone by the first name of another application's contact is the classic mix-up;
    # elsewhere a lone first name is too common a word to flag.
    greeting = GREETED.match(text)
    if greeting and not any(a <= greeting.start(2) < b for a, b in own_spans):
        greeted, by_surname = _norm(greeting.group(2)), bool(greeting.group(1))
        own = _own_words(ctx)
        for name in others:
            words = WORD.findall(name)
            if (
                len(words) > 1
                and _norm(words[-1 if by_surname else 0]) == greeted
                and greeted not in own
            ):
                hits.append((greeting.start(2), greeting.end(2), name))
                break
    return [
        Finding(
            "wrong-name",
            ERROR,
            s,
            e,
            f"{text[s:e]!r} belongs to another of your applications ({name}), not this "
            "one: check the company, the role and every name",
        )
        for s, e, name in sorted(set(hits))
    ]


# ---------------------------------------------------------------- the checker


def _outside(findings: list[Finding], covering: list[Finding]) -> list[Finding]:
    return [f for f in findings if not any(c.start <= f.start < c.end for c in covering)]


def check(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    """Return every finding about `text` as a draft of `ctx.kind`, sorted by position."""
    # Typographic apostrophes ("didn’t") read as plain ones; one character for one keeps spans.
    text = text.replace("’", "'")
    lay = _layout(text)
    mask = _mask(text)
    allowed = _allowed(ctx)
    phrases = [*_forgot(text), *_pushy(text)]
    names = _wrong_names(text, ctx, lex)
    findings = [
        *_length(text, ctx, lay),
        *_structure(text, ctx, lay),
        *phrases,
        *_sales_pitch(text, ctx, lay),
        # One problem, one finding: a negative word inside a flagged phrase ("I neglected to
        # mention"), or another application's name the dictionary does not know.
        *_outside(_negative(text, ctx, lex, mask, allowed), phrases),
        *_outside(_spelling(text, lex, mask, allowed), names),
        *_placeholders(text),
        *names,
    ]
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def rules_found(findings: Iterable[Finding], at_least: str = WARNING) -> set[str]:
    """Return the ids of the rules with a finding of severity `at_least` or worse."""
    rank = {INFO: 0, WARNING: 1, ERROR: 2}
    return {f.rule for f in findings if rank[f.severity] >= rank[at_least]}
