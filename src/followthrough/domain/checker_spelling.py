"""The draft checker's spelling rule: words the dictionary does not know, and doubled words.

Pure and stdlib only: the dictionary comes in as `Lexicons.known` and `Lexicons.suggest`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from followthrough.domain.checker_model import Finding, Lexicons
from followthrough.domain.checker_phrases import (
    BORROWED,
    INFO,
    SENTENCE,
    WARNING,
)
from followthrough.domain.checker_text import Spans, find_words, norm, sentence_start

#: Punctuation between two words that ends a phrase ("Kasih. Thanks").
PUNCTUATED = re.compile(r"[.!?;:,()\n]")
#: Inflections and derivations undone to find a known word: (ending, what replaces it).
_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
            ("ing", ""), ("ing", "e"), ("ers", ""), ("ers", "e"), ("er", ""), ("er", "e"),
            ("ly", ""), ("ally", ""), ("ment", ""), ("ments", ""), ("able", ""), ("ship", ""),
            ("ness", ""), ("ful", ""))  # fmt: skip
#: Prefixes that make a known word of a known word ("recalibrated", "co-ordinated").
_PREFIXES = ("re", "un", "co", "pre", "non", "de", "dis", "mis", "over", "under", "sub",
             "multi", "inter", "out", "self", "cross", "post", "micro", "auto", "neuro",
             "up")  # fmt: skip

DOUBLED = re.compile(r"\b(\w+)(\s+)(\1)\b", re.IGNORECASE)
DOUBLE_OK = frozenset({"had", "that"})
SUFFIXES = ("'s", "s'", "'ll", "'re", "'ve", "'d", "'m", "n't")


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


def _unknown_words(
    text: str, lex: Lexicons, mask: bytearray, allowed: frozenset[str]
) -> list[tuple[re.Match[str], bool]]:
    """Return every word of the text with whether the dictionary lacks it (skipped: masked
    spans, numbers, acronyms and brands, known forms, short jargon)."""
    words = []
    for m in find_words(text):
        token = m.group()
        skip = len(token) < 2 or any(c.isdigit() or c == "_" for c in token)
        # an acronym (SQL, KPIs) or a brand (LinkedIn)
        if mask[m.start()] or skip or sum(c.isupper() for c in token) >= 2:
            words.append((m, False))
        else:
            word = norm(token)
            plain = _plain(word)
            known = (
                _known(plain, lex, allowed)
                or (len(word) <= 4 and not _swapped(word, lex))
                or plain in BORROWED
            )
            derived = (
                known
                and len(plain) >= 5
                and "-" not in plain
                and not lex.known(plain)
                and plain not in BORROWED
            )
            if derived and plain not in allowed and _slip_of(plain, lex):
                known = False  # "untill" is not un- + till, "truely" not true + -ly
            words.append((m, not known))
    return words


def _slip_of(word: str, lex: Lexicons) -> str | None:
    """Return the everyday word `word` is one letter too many or too few from, or the same
    letters in another order, if any: a form built of known parts that is one such slip from an
    everyday word is the slip ("untill", "truely", "greatful"), not a derivation ("texting" is
    not "testing")."""
    near = near_word(word, lex.common, edits=1, lengths=(1,))
    if near is None and len(word) >= 8:  # two edits in a long word only ("shader" is no slip)
        letters = sorted(word)
        near = next((c for c in lex.common if len(c) == len(word) and c[:1] == word[:1]
                     and sorted(c) == letters and distance(word, c) <= 2), None)  # fmt: skip
    return near


def near_word(
    word: str, candidates: Iterable[str], edits: int, lengths: tuple[int, ...] = (0, 1)
) -> str | None:
    """Return the first of `candidates` (most frequent first, for a list) with `word`'s first
    letter, a length that differs by one of `lengths`, and at most `edits` edits from it."""
    for candidate in candidates:
        near = candidate[:1] == word[:1] and abs(len(candidate) - len(word)) in lengths
        if near and distance(word, candidate, edits) <= edits:
            return candidate
    return None


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Return the optimal string alignment distance of `a` and `b` (edits, swaps of neighbours);
    with `limit`, any figure above it once the distance is sure to exceed it (a row whose
    every cell is past the limit: the search for a near word stops there, not at the end)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if limit is not None and min(row) > limit and min(prev) > limit:
            return min(row)  # a swap reaches back two rows: both past the limit, no way back
        prev2, prev = prev, row
    return prev[-1]


def _everyday_slip(token: str, lex: Lexicons) -> bool:
    """Return True when `token` is a slip of one of the most frequent words: one edit from it,
    or two in a long word ("greatful")."""
    word = norm(token)
    suggestion = lex.suggest(word)
    return (
        suggestion is not None
        and suggestion in lex.common
        and distance(word, suggestion) <= max(1, len(word) // 4)
    )


def _in_phrase(
    text: str,
    m: re.Match[str],
    near: list[tuple[re.Match[str], bool]],
    foreign: bool,
    lex: Lexicons,
) -> bool:
    """Return True when unknown word `m` is part of a phrase of another language: beside another
    unknown word, or one with letters English lacks ("míle maith"), unless both are one edit
    from everyday words (two slips in a row: "realy usefull"), and not a name beside a slip of an
    everyday word ("a seperate Superdex column"); or in a sentence of another language, unless
    it is a slip of an everyday English word."""
    token = m.group()
    everyday = _everyday_slip(token, lex)
    slip = token[:1].islower() and everyday
    beside = any((u or not w.group().isascii()) and not PUNCTUATED.search(
        text, min(m.end(), w.end()), max(m.start(), w.start()))
        and not (everyday and _everyday_slip(w.group(), lex))
        and not (slip and w.group()[:1].isupper())
        for w, u in near)  # fmt: skip
    return beside or (foreign and not everyday)


#: A sentence with this many unknown words, and at least this share of its words unknown, is
#: in another language ("gracias por la llamada de hoy sobre el puesto"): its short words
#: ("de", "el", "hoy") pass as English or jargon, so its unknown words rarely stand side by
#: side. A slip of an everyday English word in it is still a slip.
FOREIGN_WORDS = 3
FOREIGN_SHARE = 0.15


def _foreign_sentences(text: str, words: list[tuple[re.Match[str], bool]]) -> Spans:
    """Return the spans of the sentences written in another language."""
    spans = []
    i = 0  # words and sentences both run in text order: one pass over each (a long text)
    for sentence in SENTENCE.finditer(text):
        while i < len(words) and words[i][0].start() < sentence.start():
            i += 1
        inside = unknown = 0
        while i < len(words) and words[i][0].start() < sentence.end():
            inside += 1
            unknown += words[i][1]
            i += 1
        if unknown >= FOREIGN_WORDS and unknown >= FOREIGN_SHARE * inside:
            spans.append(sentence.span())
    return Spans(spans)


def _short_line(text: str, pos: int) -> bool:
    """Return True when the line holding `pos` has four words or fewer (a sign-off, a name)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(text[start : end if end >= 0 else len(text)].split()) <= 4


def _plain(word: str) -> str:
    """Return `word` without its accents ("résumé" -> "resume")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _severity(text: str, token: str, start: int, suggestion: str | None, phrase: bool,
              lex: Lexicons) -> str:  # fmt: skip
    """Return how sure the checker is that an unknown word is a slip: a warning, or info for
    what is probably a name or a word of another language."""
    if suggestion is None or phrase or not token.isascii() or "'" in token:
        # nothing in the dictionary is near it, it stands beside another unknown word ("terima
        # kasih", "go raibh maith"), it has letters English does not ("kōrero"), or it is a
        # spoken contraction ("G'day"): a name or a word of another language, not a slip
        return INFO
    if distance(norm(token), suggestion) > max(1, len(token) // 4):
        # a slip is one edit, or two in a long word ("tommorow"); two in a six-letter word is a
        # third of it, a word the dictionary lacks ("lowkey" -> "looked", "jollof" -> "jolly")
        return INFO
    if suggestion[:1] != token[:1].lower():
        # a slip keeps the first letter ("oppertunity"); a word whose nearest word starts
        # otherwise is a word the dictionary lacks ("tacho" -> "macho", "cron" -> "iron")
        return INFO
    # A capitalised word is a name unless it opens a sentence and is a slip of an everyday
    # word ("Thnaks"): a name's nearest word ("Priya" -> "oriya") is rarely an everyday one.
    slip = not lex.common or suggestion in lex.common
    if token[0].isupper() and not (slip and sentence_start(text, start)):
        return INFO
    return WARNING


#: The distinct unknown words of one text a suggestion is searched for (a few milliseconds each:
#: a real note has a handful, and a text of thousands would hold the process for seconds);
#: the rest are reported without one.
SUGGEST_BUDGET = 100


def _budgeted(lex: Lexicons) -> Lexicons:
    """Return `lex` with a `suggest` that searches for at most SUGGEST_BUDGET distinct words."""
    searched: set[str] = set()
    suggest = lex.suggest

    def limited(word: str) -> str | None:
        if word not in searched:
            if len(searched) >= SUGGEST_BUDGET:
                return None
            searched.add(word)
        return suggest(word)

    return dataclasses.replace(lex, suggest=limited)


def check_spelling(
    text: str,
    lex: Lexicons,
    mask: bytearray,
    allowed: frozenset[str],
    body: tuple[int, int] | None = None,
) -> list[Finding]:
    """Return the `spelling` findings: unknown words (info when probably a name or a word of
    another language), doubled words."""
    found: list[Finding] = []
    lex = _budgeted(lex)
    words = _unknown_words(text, lex, mask, allowed)
    foreign = _foreign_sentences(text, words)
    for i, (m, unknown) in enumerate(words):
        if not unknown:
            continue
        token = m.group()
        suggestion = lex.suggest(norm(token))
        near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
        phrase = _in_phrase(text, m, near, m.start() in foreign, lex)
        severity = _severity(text, token, m.start(), suggestion, phrase, lex)
        if body is not None and not body[0] <= m.start() < body[1] and _short_line(text, m.start()):
            severity = INFO  # a greeting or a sign-off: names, titles, other languages ("Diolch")
        said = f"{token!r} is not in the dictionary" + (
            f"; did you mean {suggestion!r}?" if suggestion else "."
        )
        advice = (
            "Fix it, or add it to your known words if it is right."
            if severity == WARNING
            else "If it is a name or a word of another language, check it is spelt as it should be."
        )
        found.append(Finding("spelling", severity, m.start(), m.end(), f"{said} {advice}"))
    for m in DOUBLED.finditer(text):
        if norm(m.group(1)) in DOUBLE_OK or m.group(1).isdigit() or mask[m.start()]:
            continue
        if (
            m.group(1)[:1].isupper()
            and m.group(3)[:1].isupper()
            and not sentence_start(text, m.start())
        ):
            continue  # a name said twice over: "Wagga Wagga", "Bora Bora"
        if body is not None and m.start() >= body[1] and "\n" in m.group(2):
            continue  # a signature: "Sophie" over "Sophie Tremblay-Nguyen"
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
