"""Spelling candidates as pyspellchecker gives them (`SpellChecker(distance=1)`), from the
compiled lexicon file when it is there: loading the package's word list costs about 0.2 s, which
a `lint` paid for every note with one unknown word in it (a name is enough).

`CompiledSpeller` follows `SpellChecker.candidates` step by step (the word itself when known or
not to be checked, else the known words one edit away with the corpus's letters) and reads the
counts of a few hundred candidates in one query; `PackageSpeller` is the package itself, for a
machine where the compiled file cannot be written. tests/text/test_speller.py holds the two to
the same answers. `frequent` and `doubling_slip` are the suggestions' checks on either.
"""

from __future__ import annotations

import heapq
import re
import string
from collections.abc import Iterable, Mapping

from followthrough.domain.checker_spelling import distance
from followthrough.text.compiled import Words

TYPE_CHECKING = False  # typing is not imported at run time (a lint pays for every import)
if TYPE_CHECKING:
    from typing import Protocol

    from spellchecker import SpellChecker

    class Speller(Protocol):
        """What the suggestions read: candidates one edit away, counts, membership."""

        floor: int

        def candidates(self, word: str) -> set[str] | None: ...
        def count(self, word: str) -> int: ...
        def counts(self, words: Iterable[str]) -> Mapping[str, int]: ...
        def __contains__(self, word: str) -> bool: ...

#: A slip is a slip of a word people write: the nearest word of one is among the dictionary's
#: most frequent (the rarest nearest word of a slip in the corpus ranks about 19,000th).
FREQUENT = 30000


def frequent_floor(counts: Iterable[int]) -> int:
    """Return the count of the FREQUENT-th most frequent word (0 for an empty dictionary)."""
    top = heapq.nlargest(FREQUENT, counts)
    return min(top) if top else 0


class CompiledSpeller:
    """Candidates and counts from the compiled file's `words` table."""

    def __init__(self, words: Words, letters: str, longest: int, floor: int) -> None:
        self._words = words
        self._letters = letters
        self._longest = longest
        self.floor = floor

    def _should_check(self, word: str) -> bool:
        # SpellChecker._check_if_should_check
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self._longest + 3:
            return False
        if word.lower() in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False

    def candidates(self, word: str) -> set[str] | None:
        """Return what `SpellChecker(distance=1).candidates(word)` returns."""
        lower = word.lower()
        if lower in self._words and self._should_check(lower):
            return {word}  # as the package answers: the word as given
        if not self._should_check(word):
            return {word}
        if not self._should_check(lower):
            return None  # edit_distance_1 returns the word itself, unknown
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        edits.update(a + c + b[1:] for a, b in splits if b for c in self._letters)
        edits.update(a + c + b for a, b in splits for c in self._letters)
        found = {w for w in self._words.counts(edits) if self._should_check(w)}
        return found or None

    def count(self, word: str) -> int:
        """Return how often `word` occurs in the dictionary's corpus (0: not a word)."""
        return self._words.counts([word]).get(word, 0)

    def counts(self, words: Iterable[str]) -> Mapping[str, int]:
        """Return the counts of those of `words` the dictionary has."""
        return self._words.counts(words)

    def __contains__(self, word: str) -> bool:
        return word.lower() in self._words


class PackageSpeller:
    """pyspellchecker itself (its word list read on first use)."""

    def __init__(self) -> None:
        from spellchecker import SpellChecker

        self._spell: SpellChecker = SpellChecker(distance=1)
        self.floor = frequent_floor(self._spell.word_frequency.dictionary.values())

    def candidates(self, word: str) -> set[str] | None:
        """Return `SpellChecker.candidates(word)`."""
        return self._spell.candidates(word)

    def count(self, word: str) -> int:
        """Return how often `word` occurs in the dictionary's corpus (0: not a word)."""
        return int(self._spell.word_frequency.dictionary.get(word, 0))

    def counts(self, words: Iterable[str]) -> Mapping[str, int]:
        """Return the counts of those of `words` the dictionary has."""
        table = self._spell.word_frequency.dictionary
        return {w: int(table[w]) for w in words if w in table}

    def __contains__(self, word: str) -> bool:
        return word in self._spell

#: Inflections undone to find the frequent word a rarer form is of ("certifications").
_INFLECTIONS = re.compile(r"(?:es|s|ed|ing|ly)$")


def frequent(word: str, spell: Speller) -> bool:
    """Return True when `word`, or the word it inflects ("certifications" of "certification"),
    is among the dictionary's FREQUENT most frequent words."""
    stems = {word, *(word[: m.start()] for m in _INFLECTIONS.finditer(word))}
    if word.endswith("es"):
        stems.add(word[:-1])
    counts = spell.counts(w for w in stems if len(w) >= 3)
    return any(n >= spell.floor for n in counts.values())


def doubling_slip(word: str, spell: Speller) -> str | None:
    """Return the frequent word `word` is a slip of when a letter is doubled in the wrong place
    (one doubled letter written single again, then one more edit: "dissapointing" ->
    "disappointing", "reccomend" -> "recommend"), or None. Only a word with a doubled letter
    pays for the search (a candidate set per doubled letter, about 1 ms)."""
    if len(word) < 8:
        return None
    variants = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    found = {
        c
        for v in variants
        for c in (spell.candidates(v) or ())
        if c != word and frequent(c, spell) and c in spell and distance(word, c) == 2
    }
    counts = spell.counts(found)
    return min(found, key=lambda w: (-counts.get(w, 0), w)) if found else None
