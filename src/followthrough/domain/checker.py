"""The draft checker: a draft's text in, findings out (PRODUCT.md §3).

Pure: the word lists come in as `Lexicons` (followthrough.text.lexicons loads VADER's lexicon and
pyspellchecker's dictionary), the facts of the application as `CheckContext`. The guards of §1.2
are not run here: the service adds their verdicts for drafts of dated actions.

This module is the public entry point: `check` runs every rule and `rules_found` summarises the
findings. It re-exports the checker's values and tables, so import them from here. The parts:

- `checker_model`: the values (`CheckContext`, `Lexicons`, `Finding`);
- `checker_phrases`: the data (severities, limits, rule docs, phrase patterns and word lists);
- `checker_text` and `checker_layout`: words, mentions, and where the note and its body are;
- `checker_shape`: length and the parts of a thank-you; `checker_tone`: forgot-to-mention, pushy,
  sales pitch; `checker_negative` (with `checker_senses`, the senses that judge no one):
  negative wording; `checker_learned`: the tone model's reading of each sentence;
  `checker_spelling`; `checker_names`: wrong names;
- here: placeholders (and the mask that keeps them and addresses out of the word rules).

Severities: `error` means the message must not go out like this (an unfilled placeholder, a name
from another application, a LinkedIn note LinkedIn would refuse); `warning` means it goes against
the guidance; `info` is worth a look (a word that is probably a name). Spans are character offsets
[start, end) into the text; a finding about something *missing* has start == end, at the place
where the missing part would go.
"""

from __future__ import annotations

from collections.abc import Iterable

from followthrough.domain.checker_forgot import FORGOT, OWN_ANSWER, RECALLED
from followthrough.domain.checker_layout import layout
from followthrough.domain.checker_learned import confirmed, read_tone, tone_findings
from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_names import check_wrong_names, infer_application
from followthrough.domain.checker_negative import (
    check_negative_wording,
    conceded_feeling,
)
from followthrough.domain.checker_phrases import (
    CLAIM,
    DEFAULT_LIMIT,
    ERROR,
    INFO,
    LIMITS,
    MASKED,
    MAX_CLAIMS,
    MAX_SUPERLATIVES,
    NEGATIVE_VALENCE,
    NOT_HYPE,
    PLACEHOLDER,
    WARNING,
    Limit,
)
from followthrough.domain.checker_pressure import COUNTING, NO_ANSWER_AWAITED, not_pressing
from followthrough.domain.checker_rules import RULES, Rule
from followthrough.domain.checker_shape import check_length, check_structure
from followthrough.domain.checker_spelling import check_spelling
from followthrough.domain.checker_text import context_words, predicative, word_count
from followthrough.domain.checker_tone import (
    check_forgot_to_mention,
    check_pushy,
    check_sales_pitch,
    plain_deed,
    quiet_confidence,
)

# The public names: this module's, and the values and tables of the checker_* modules it re-exports.
__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "DEFAULT_LIMIT",
    "LIMITS",
    "MAX_CLAIMS",
    "MAX_SUPERLATIVES",
    "NEGATIVE_VALENCE",
    "RULES",
    "CheckContext",
    "Finding",
    "Lexicons",
    "Limit",
    "Rule",
    "check",
    "infer_application",
    "rules_found",
    "word_count",
]


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


# ---------------------------------------------------------------- the checker

#: The learned label that confirms each phrase rule's findings.
_LABEL_OF = {"forgot-to-mention": "forgot", "pushy": "pushy"}


def _outside(findings: list[Finding], covering: list[Finding]) -> list[Finding]:
    return [f for f in findings if not any(c.start <= f.start < c.end for c in covering)]


def check(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    """Return every finding about `text` as a draft of `ctx.kind`, sorted by position."""
    # Typographic apostrophes ("didn’t") read as plain ones; one character for one keeps spans.
    text = text.replace("’", "'")
    lay = layout(text)
    mask = _mask(text)
    allowed = context_words(ctx)
    tones = read_tone(lex.tone, text, lay.body_start, lay.body_end)
    phrases = [
        f
        for f in (*check_forgot_to_mention(text), *check_pushy(text))
        if (
            confirmed(tones, _LABEL_OF[f.rule], f.start, f.end)
            or (f.rule == "pushy" and COUNTING.search(text, f.start, f.end))
        )
        and not (f.rule == "pushy" and ctx.kind in NO_ANSWER_AWAITED)
    ]
    names = check_wrong_names(text, ctx, lex)
    # One problem, one finding: a negative word inside a flagged phrase ("I neglected to
    # mention"), or another application's name the dictionary does not know.
    tone = [
        *phrases,
        *check_sales_pitch(text, ctx, lay, lex),
        *(
            f
            for f in _outside(check_negative_wording(text, ctx, lex, mask, allowed), phrases)
            if confirmed(tones, "negative", f.start, f.end)
            or predicative(text, f.start, f.end, lex)
        ),
    ]
    findings = [
        *check_length(text, ctx, lay),
        *check_structure(text, ctx, lay, lex, tones),
        *tone,
        *(
            f
            for f in tone_findings(tones, tone)
            if not _excused(f, ctx.kind, text[f.start : f.end])
        ),
        *_outside(check_spelling(text, lex, mask, allowed, (lay.body_start, lay.body_end)), names),
        *_placeholders(text),
        *names,
    ]
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _excused(found: Finding, kind: str | None, sentence: str) -> bool:
    """Return True when the model's reading of a sentence does not stand: a disappointment owned
    in a message about an outcome, praise of theirs as the writer found it read as a boast, a
    point of theirs recalled read as going back over an answer, or a sentence that presses for
    nothing (`not_pressing`)."""
    if found.rule == "negative-wording":
        return conceded_feeling(kind, sentence)
    if found.rule == "sales-pitch":  # "Your terminal has the best gate record I've seen"
        return (
            (bool(NOT_HYPE.search(sentence)) and not CLAIM.search(sentence))
            or plain_deed(sentence)
            or quiet_confidence(sentence)
        )
    if found.rule == "forgot-to-mention":
        return (
            bool(RECALLED.search(sentence))
            and not FORGOT.search(sentence)
            and not OWN_ANSWER.search(sentence)
        )
    return found.rule == "pushy" and not_pressing(kind, sentence)


def rules_found(findings: Iterable[Finding], at_least: str = WARNING) -> set[str]:
    """Return the ids of the rules with a finding of severity `at_least` or worse."""
    rank = {INFO: 0, WARNING: 1, ERROR: 2}
    return {f.rule for f in findings if rank[f.severity] >= rank[at_least]}
