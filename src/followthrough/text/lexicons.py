"""Load the checker's lexicons from installed packages (the adapter side of domain.checker).

- Negative and positive words: the VADER lexicon (`vaderSentiment/vader_lexicon.txt`,
  tab-separated: token, mean valence, standard deviation, raw ratings), read as a data file through
  importlib.resources. Only the package's empty `__init__` is imported, never
  `vaderSentiment.vaderSentiment`. Emoticons and two-letter netspeak ("po", "dx") are dropped: they
  collide with ordinary text.
- Word classes (adjective, noun, adverb, verb): lemminflect's lexicon (`getAllLemmas`), of the
  negative words (a word it lacks is classed by its ending) and of the dictionary's words rarer
  than everyday English down to `CLASSED` (what a thank-you's detail may be).
- Dictionary: pyspellchecker's English word list. Its list is American: British spellings
  ("organisation", "realise", "colour", "travelled", "programme") are accepted by mapping them to
  the American form, and a short list of workplace words the general list lacks ("onboarding",
  "roadmap") is added. Suggestions are `SpellChecker(distance=1)`'s, read from the compiled file
  (text/speller.py), looked for only when a word is unknown.

Reading the packages takes about 0.4 s, so `load_lexicons()` keeps what it read in a compiled
form (an SQLite file, text/compiled.py) in the user's cache directory, keyed by the data files
and these modules; a cache that is missing, stale or unreadable is rebuilt, and one that cannot
be written is skipped.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Iterator, Mapping

from followthrough.domain.checker import NEGATIVE_VALENCE, Lexicons
from followthrough.domain.checker_learned import ToneModel
from followthrough.domain.checker_spelling import near_word
from followthrough.domain.checker_text import find_words, norm
from followthrough.paths import cache_path
from followthrough.text import compiled
from followthrough.text.compiled import Words
from followthrough.text.speller import (
    CompiledSpeller,
    PackageSpeller,
    doubling_slip,
    frequent,
    frequent_floor,
)

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

    from followthrough.text.speller import Speller

_WORKPLACE = """
    linkedin onboarding offboarding roadmap roadmaps dataset datasets upskilling reskilling
    upskill reskill fintech insurtech proptech edtech healthtech hackathon hackathons microservice
    microservices kubernetes devops mlops frontend backend fullstack webinar webinars email emails
    emailed emailing cv cvs resume resumes okr okrs kpi kpis api apis saas paas iaas b2b b2c ux ui
    javascript typescript github gitlab jira confluence postgres postgresql mysql sqlite nosql sql
    etl elt pytorch tensorflow scikit pandas numpy analytics stakeholder stakeholders scalable
    scalability workflow workflows dashboard dashboards mentee mentees mentorship proofread
    proofreading teammate teammates cross-functional crossfunctional async hybrid remote
    onsite offsite timeline timelines headcount recruiter recruiters interviewee interviewees
    shortlist shortlisted follow-up follow-ups ecommerce e-commerce fulfilment fulfillment
    lifecycle runbook runbooks on-call uptime observability telemetry cybersecurity pentest
    pentesting chatbot chatbots ai ml llm llms genai blockchain cloud-native serverless
    docker terraform ansible grafana kafka airflow dbt snowflake databricks tableau powerbi
    meetup meetups lakehouse versioning versioned refactor refactoring refactored codebase
    walkthrough standup standups retro retros upskilled inbox inboxes cyber maths intro intros
    learnings reviewee reviewees admin admins capex opex
"""
#: Workplace and job-search words missing from pyspellchecker's general English list.
WORKPLACE_WORDS = frozenset(_WORKPLACE.split())

# British endings and their American forms, tried one at a time on a word the list lacks.
_UK_US = tuple(
    (re.compile(uk), us)
    for uk, us in (
        (r"is(e|es|ed|ing|er|ers|ation|ations|ational)$", r"iz\1"),
        (r"ys(e|es|ed|ing|er|ers)$", r"yz\1"),
        (r"our(s|ed|ing|ite|ites|able|ful|less|er|ers|al|ally|ism|ist|ists|hood|hoods|ly)?$",
         r"or\1"),
        (r"inium$", r"inum"),  # aluminium
        (r"iality$", r"ialty"),  # speciality
        (r"aught(s)?$", r"aft\1"),  # draught
        (r"([bgt])re(s)?$", r"\1er\2"),  # centre, calibre, fibre, meagre
        (r"([bgt])red$", r"\1ered"),  # centred
        (r"ence(s)?$", r"ense\1"),
        (r"ogue(s)?$", r"og\1"),
        (r"ll(ed|ing|er|ers)$", r"l\1"),
        (r"mme(s)?$", r"m\1"),
        (r"ement(s)?$", r"ment\1"),
        (r"(?<=.)ae", "e"),
        (r"(?<=.)oe", "e"),
        (r"^scep", "skep"),  # sceptical, scepticism
        (r"oul(d|ds|ded|ding|der|dered|dering|t|ted|ting)$", r"ol\1"),  # mould, smoulder, moult
    )
)
_ENTRY = re.compile(r"[a-z][a-z'-]*[a-z]")


def read_vader() -> tuple[dict[str, float], dict[str, float]]:
    """Return VADER's words with a negative and with a positive mean valence (-4 .. +4)."""
    from importlib import resources

    text = (
        resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    )
    negative: dict[str, float] = {}
    positive: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not _ENTRY.fullmatch(fields[0]) or len(fields[0]) < 3:
            continue
        valence = float(fields[1])
        if valence:
            (negative if valence < 0 else positive)[fields[0]] = valence
    return negative, positive


def read_vader_negative() -> dict[str, float]:
    """Return VADER's words with a negative mean valence (word -> valence, -4 .. 0)."""
    return read_vader()[0]


#: How many of the dictionary's most frequent words are everyday English (rarer: a detail).
COMMON = 5000

_TAGS = {"ADJ": "A", "NOUN": "N", "PROPN": "N", "ADV": "R", "VERB": "V", "AUX": "V"}
#: Endings that give a word's class when lemminflect does not know the word.
_ENDINGS = (
    (re.compile(r"ly$"), "R"),
    (re.compile(r"(?:ness|ment|ments|tion|tions|ity|ities|ism|er|ers|ies|ery)$"), "N"),
)


def word_classes(words: list[str], guess: bool = True) -> dict[str, str]:
    """Return each word's possible classes as letters: A(djective), N(oun), R (adverb), V(erb);
    a word lemminflect does not know is classed by its ending, or left out without `guess`."""
    from lemminflect import getAllLemmas  # reads its lexicon: only when the cache is built

    classes: dict[str, str] = {}
    for word in words:
        found = {_TAGS[t] for t in getAllLemmas(word) if t in _TAGS}
        if not found and guess:
            found = {next((c for e, c in _ENDINGS if e.search(word)), "A")}
        if found:
            classes[word] = "".join(sorted(found))
    return classes


#: The classes of the dictionary's words are kept this far down its frequency list: a word rarer
#: than everyday English is a detail of an interview only as a noun ("kiln", not "candid"), and
#: rarer words still are nearly all names and terms.
CLASSED = 40000


#: Irregular past forms are looked for among this many of the most frequent words.
PAST_FROM = 20000


#: The past of a modal ("should" of "shall") tells of no deed done.
_MODALS = frozenset({"should", "would", "could", "might", "must", "ought"})


def past_forms(words: list[str]) -> list[str]:
    """Return the words that are the past or past participle of a verb without -ed, from
    lemminflect's lexicon ("led", "built", "won", "cut")."""
    from lemminflect import getAllLemmas, getInflection

    found = []
    for word in words:
        if word.endswith("ed") or word in _MODALS:
            continue
        for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
            if word in getInflection(lemma, "VBD") or word in getInflection(lemma, "VBN"):
                found.append(word)
                break
    return sorted(found)


def _american(word: str) -> list[str]:
    """Return the American spellings `word` could be the British form of."""
    return [american for uk, us in _UK_US if (american := uk.sub(us, word, count=1)) != word]


def _read_packages() -> tuple[dict[str, object], dict[str, int]]:
    """Return VADER's words, the word classes and what the speller needs, and the dictionary's
    words with their counts."""
    from spellchecker import SpellChecker  # ~0.3 s

    negative, positive = read_vader()
    spell = SpellChecker(distance=1)
    frequency = {w: int(n) for w, n in spell.word_frequency.dictionary.items()}
    # netspeak acronyms ("kia", "wtf", "ffs") collide with words of other languages ("Kia ora")
    negative = {w: v for w, v in negative.items() if len(w) > 4 or w in frequency}
    strong = [w for w, v in negative.items() if v <= NEGATIVE_VALENCE]
    ranked = sorted(frequency, key=lambda w: (-frequency[w], w))
    common = ranked[:COMMON]
    classes = {**word_classes(ranked[COMMON:CLASSED], guess=False), **word_classes(strong)}
    nouns = sorted(w for w, c in word_classes(common, guess=False).items() if "N" in c)
    small = {"negative": negative, "positive": positive, "classes": classes, "nouns": nouns,
             "common": common, "past": past_forms(sorted(frequency, key=lambda w: -frequency[w])
                                                  [:PAST_FROM]),
             "letters": "".join(sorted(spell.word_frequency.letters)),
             "longest": spell.word_frequency.longest_word_length,
             "frequent_floor": frequent_floor(frequency.values())}  # fmt: skip
    return small, frequency


_DATA_FILES = (
    ("vaderSentiment", "vader_lexicon.txt"),
    ("spellchecker", "resources/en.json.gz"),
    ("lemminflect", "resources/lemma_lu.csv.gz"),
)


def _cache_key() -> str:
    """Return a key of the data files read and of this module, by size and modification time
    (a change to any makes a new cache; stat is cheaper than reading and hashing them)."""
    parts = [_stamp(__file__), _stamp(compiled.__file__), _stamp(TONE_MODEL)]
    for package, name in _DATA_FILES:
        spec = importlib.util.find_spec(package)  # finds the package without importing it
        if spec is not None and spec.origin is not None:
            parts.append(_stamp(os.path.join(os.path.dirname(spec.origin), name)))
    return f"{zlib.crc32(':'.join(parts).encode()):08x}"


def _stamp(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def _read_cached() -> tuple[dict[str, Any], Words, Mapping[str, tuple[float, ...]]]:
    """Return the packages' data from the compiled cache, building it when needed: the small
    tables, the dictionary and the tone model's weights."""
    path = os.path.join(cache_path(), f"lexicons-{_cache_key()}.sqlite")
    opened = compiled.open_file(path)
    if opened is not None:
        small, conn = opened
        return small, Words(conn, frozenset()), compiled.ToneWeights(conn)
    small, words = _read_packages()
    tone = _read_tone_model()
    weights: dict[str, list[float]] = tone.pop("weights") if tone else {}  # type: ignore[assignment]
    small["tone"] = tone
    with contextlib.suppress(OSError, sqlite3.Error):
        compiled.write_file(path, small, words, weights)
        opened = compiled.open_file(path)  # read back: the speller reads counts from it
        if opened is not None:
            return opened[0], Words(opened[1], frozenset()), compiled.ToneWeights(opened[1])
    return small, Words(None, frozenset(words)), {k: tuple(v) for k, v in weights.items()}


class _Classes(Mapping[str, str]):
    """The word classes, keyed by American spelling, found for a British one too ("energised"
    is a verb's form as "energized" is)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = table

    def __getitem__(self, word: str) -> str:
        found = self._table.get(word)
        if found is None:
            found = next((self._table[us] for us in _american(word) if us in self._table), None)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


@functools.cache
def _tables() -> tuple[dict[str, Any], Words, Mapping[str, tuple[float, ...]]]:
    """Return what `_read_cached` read, once per process."""
    return _read_cached()


def lexicons_for(text: str) -> Lexicons:
    """Return the checker's lexicons with the words of `text` looked up beforehand: one query
    per table instead of one per word and table (some 400 in a 150-word note, 5 ms of a lint)."""
    lex = load_lexicons()
    small, words, _weights = _tables()
    tokens = {norm(m.group()) for m in find_words(text.replace("’", "'"))}
    words.prefetch(tokens)
    for name in ("negative", "positive"):
        prefetch = getattr(small[name], "prefetch", None)
        if prefetch is not None:
            prefetch(tokens)
    return lex


@functools.cache
def load_lexicons() -> Lexicons:
    """Return the checker's lexicons, read once per process (from the compiled cache)."""
    small, words, weights = _tables()
    common: list[str] = small["common"]  # type: ignore[assignment]  # most frequent first

    @functools.lru_cache(maxsize=8192)
    def known(word: str) -> bool:
        word = word.lower()
        return (
            word in words or word in WORKPLACE_WORDS or any(us in words for us in _american(word))
        )

    @functools.cache
    def speller() -> Speller:
        if words.compiled:
            return CompiledSpeller(words, small["letters"], small["longest"],
                                   small["frequent_floor"])  # fmt: skip
        return PackageSpeller()

    @functools.cache
    def by_initial() -> dict[str, list[str]]:  # the frequent words by first letter, in order
        out: dict[str, list[str]] = {}
        for word in common:
            out.setdefault(word[:1], []).append(word)
        return out

    @functools.lru_cache(maxsize=4096)
    def suggest(word: str) -> str | None:
        # spell.correction() breaks ties between equally likely words in set order, which
        # changes with Python's hash seed: pick the most frequent, then alphabetically first
        spell = speller()
        lower = word.lower()
        candidates = spell.candidates(lower) or set()
        counts = spell.counts(candidates)
        ranked = sorted(candidates, key=lambda w: (-counts.get(w, 0), w))
        best = ranked[0] if ranked else None
        if best is not None and best != lower and not frequent(best, spell):
            # its nearest word is one few people write ("braai" -> "bragi", "saludo" ->
            # "salado"): a word the dictionary lacks (a borrowing, a name), not a slip
            return None
        if best is None or best == lower:
            # two slips in one everyday word ("tommorow", "untill"): a doubled letter written
            # single and a single one doubled ("dissapointing"), or the frequent words only, a
            # length at most one apart (a longer word is a derivation: "licensure")
            best = doubling_slip(lower, spell) or near_word(lower, by_initial().get(
                lower[:1], ()), edits=2)  # fmt: skip
        return best if best and best != lower else None

    return Lexicons(
        negative=small["negative"],  # type: ignore[arg-type]
        known=known,
        suggest=suggest,
        classes=_Classes(small["classes"]),  # type: ignore[arg-type]
        positive=small["positive"],  # type: ignore[arg-type]
        common=frozenset(common),
        past=frozenset(small.get("past", ())),  # type: ignore[call-overload]
        nouns=frozenset(small.get("nouns", ())),  # type: ignore[call-overload]
        tone=_tone_model(small.get("tone"), weights),
    )


#: The checker's learned tone model (trained by tests/checker_corpus/train.py).
TONE_MODEL = os.path.join(os.path.dirname(__file__), "tone_model.json")


def _read_tone_model() -> dict[str, object] | None:
    """Return the shipped tone model's data, or None when it is missing or unreadable (the
    checker then runs on its phrase families alone)."""
    try:
        with open(TONE_MODEL, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    ok = isinstance(data, dict) and isinstance(data.get("weights"), dict)
    return {k: data.get(k) for k in ("labels", "bias", "weights")} if ok else None


def _tone_model(head: object, weights: Mapping[str, tuple[float, ...]]) -> ToneModel | None:
    if not isinstance(head, dict):
        return None
    try:
        return ToneModel(tuple(head["labels"]), tuple(float(b) for b in head["bias"]), weights)
    except (KeyError, TypeError, ValueError):
        return None


def load_tone_model() -> ToneModel | None:
    """Return the shipped tone model (as the checker reads it), or None without one."""
    return load_lexicons().tone
