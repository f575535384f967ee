"""The draft checker's values: the context it reads, the lexicons it gets, the findings it returns.

Pure and stdlib only. `followthrough.domain.checker` re-exports these names; import them from there.
They live here so that the rule modules (`checker_shape`, `checker_tone`, `checker_spelling`,
`checker_names`) can build findings without importing the checker that runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:  # checker_learned builds findings: it imports this module
    from followthrough.domain.checker_learned import ToneModel


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
    #: Word classes of the negative words, letters of A(djective), N(oun), R (adverb), V(erb).
    classes: Mapping[str, str] = field(default_factory=dict)
    #: Words with a positive valence (word -> valence, 0 .. +4), for negated praise.
    positive: Mapping[str, float] = field(default_factory=dict)
    #: The most frequent English words: a rarer word is a concrete detail (empty: not known).
    common: frozenset[str] = frozenset()
    #: Past forms of verbs not made with -ed ("led", "built", "won", "cut").
    past: frozenset[str] = frozenset()
    #: The most frequent words that can be nouns ("customer", "trust"; not "without").
    nouns: frozenset[str] = frozenset()
    #: The learned reading of each sentence's tone (None: the phrase families alone).
    tone: ToneModel | None = None
