"""The draft checker's spelling rule: words the dictionary does not know, and doubled words.

Pure and stdlib only: the dictionary comes in as `Lexicons.known` and `Lexicons.suggest`.
"""

from __future__ import annotations

from followthrough.domain.checker_model import Finding, Lexicons
from followthrough.domain.checker_phrases import DOUBLE_OK, DOUBLED, INFO, SUFFIXES, WARNING
from followthrough.domain.checker_text import find_words, norm, sentence_start

#: Inflections and derivations undone to find a known word: (ending, what replaces it).
_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
            ("ing", ""), ("ing", "e"), ("ers", ""), ("ers", "e"), ("er", ""), ("er", "e"),
            ("ly", ""), ("ally", ""), ("ment", ""), ("ments", ""), ("able", ""), ("ship", ""),
            ("ness", ""), ("ful", ""))  # fmt: skip
#: Prefixes that make a known word of a known word ("recalibrated", "co-ordinated").
_PREFIXES = ("re", "un", "co", "pre", "non", "de", "dis", "mis", "over", "under", "sub",
             "multi", "inter", "out", "self", "cross", "post", "micro", "auto", "neuro",
             "up")  # fmt: skip


def _word_form(word: str, lex: Lexicons, allowed: frozenset[str], depth: int = 0) -> bool:
    """Return True when `word` is a known word, or an inflected, prefixed or compound form of
    known words ("texting", "recalibrated", "playtesters", "chartership"): a misspelling is
    rarely two real words end to end."""
    if word in allowed or lex.known(word):
        return True
    if depth > 1 or len(word) < 5:
        return False
    for ending, repl in _ENDINGS:
        stem = word[: -len(ending)] + repl
        if word.endswith(ending) and len(stem) >= 3:
            if stem in allowed or lex.known(stem):
                return True
            doubled = word[: -len(ending)]  # "planned" -> "plann" -> "plan"
            if len(doubled) >= 4 and doubled[-1] == doubled[-2] and lex.known(doubled[:-1]):
                return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and _word_form(rest, lex, allowed, depth + 1):
            return True
    return any(
        lex.known(word[:i]) and _word_form(word[i:], lex, allowed, depth + 1)
        for i in range(4, len(word) - 3)
    )


def _known(word: str, lex: Lexicons, allowed: frozenset[str]) -> bool:
    if word in allowed or lex.known(word):
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            return stem in allowed or lex.known(stem)
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if _word_form(word.replace("-", ""), lex, allowed):
            return True  # "co-ordinated"
        head = parts[-1] if parts else ""
        return (
            bool(parts)
            and _word_form(head, lex, allowed)
            and all(len(p) <= 6 or _word_form(p, lex, allowed) for p in parts[:-1])
        )  # a short first part is a prefix or a modifier: "neuro-rehabilitation"
    return _word_form(word, lex, allowed)


def _swapped(word: str, lex: Lexicons) -> bool:
    """Return True when a short unknown word is an everyday word with two letters swapped
    ("teh", "adn"); other short unknown words are jargon, abbreviations or loanwords ("cron",
    "cert", "ji") more often than slips."""
    if not lex.common:
        return True  # no frequencies known: every unknown word is a possible slip
    return any(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] in lex.common for i in range(len(word) - 1)
    )


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
        if _known(word, lex, allowed) or (len(word) <= 4 and not _swapped(word, lex)):
            continue
        suggestion = lex.suggest(word)
        unknown = f"{token!r} is not in the dictionary" + (
            f"; did you mean {suggestion!r}?" if suggestion else "."
        )
        # A capitalised word is a name unless it opens a sentence and is a slip of an everyday
        # word ("Thnaks"): a name's nearest word ("Priya" -> "oriya") is rarely an everyday one.
        slip = suggestion and (not lex.common or suggestion in lex.common)
        if token[0].isupper() and not (slip and sentence_start(text, m.start())):
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
