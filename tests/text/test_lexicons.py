"""The lexicon adapter with the real package data (VADER's lexicon, pyspellchecker's dictionary)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough.domain import checker
from followthrough.domain.checker import CheckContext, check, rules_found
from followthrough.text.lexicons import load_lexicons, read_vader_negative

LEX = load_lexicons()


def test_vader_negative_words_only_real_words() -> None:
    negative = read_vader_negative()
    assert len(negative) > 2000
    assert all(v < 0 for v in negative.values())
    assert negative["terrible"] <= -1.5
    assert negative["disappointed"] <= -1.5
    assert -1.5 < negative["unfortunately"] < 0
    assert "good" not in negative
    assert ":(" not in negative  # emoticons are dropped
    assert "po" not in negative  # and two-letter netspeak


def test_vader_module_is_never_imported() -> None:
    code = ("import sys; from followthrough.text.lexicons import load_lexicons; load_lexicons(); "
            "print('vaderSentiment.vaderSentiment' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loaded_once() -> None:
    assert load_lexicons() is LEX


@pytest.mark.parametrize(
    "word",
    ["thanks", "interview", "the", "don't", "organisation", "realise", "colour", "travelled",
     "programme", "licence", "judgement", "onboarding", "linkedin", "roadmap", "stakeholders"],
)
def test_known_words(word: str) -> None:
    assert LEX.known(word)


@pytest.mark.parametrize("word", ["recieve", "thnaks", "definately", "accomodate", "zxqv"])
def test_unknown_words(word: str) -> None:
    assert not LEX.known(word)


def test_suggestions() -> None:
    assert LEX.suggest("recieve") == "receive"
    assert LEX.suggest("thnaks") == "thanks"
    assert LEX.suggest("zxqvzxqv") is None
    assert LEX.suggest("verfication") == "verification"  # a slip of a less common word


@pytest.mark.parametrize("word", ["braai", "saludo"])
def test_no_suggestion_when_the_nearest_word_is_rare(word: str) -> None:
    """A word whose nearest dictionary word few people write is a borrowing, not a slip."""
    assert LEX.suggest(word) is None


def test_real_check_of_a_draft() -> None:
    text = ("Dear Ann,\n\nThank you for yesterday. I enjoyed hearing about the billing platform "
            "migration, though the the commute sounds terrible.\n\nI am excited about the role, "
            "and my experience with similar migrations fits it well. I beleive I could help "
            "Globex.\n\nIf anything else would help, I am happy to send it.\n\nBest regards,\nSam")
    ctx = CheckContext("thank-you", own_names=("Acme", "Ann Lee", "Sam"), other_names=("Globex",))
    found = check(text, ctx, LEX)
    assert rules_found(found) == {"spelling", "negative-wording", "wrong-name"}
    assert {text[f.start:f.end] for f in found} == {"the the", "terrible", "beleive", "Globex"}


def test_checker_module_is_pure() -> None:
    """domain/checker.py imports the standard library and followthrough.domain only."""
    tree = ast.parse(Path(checker.__file__).read_text(encoding="utf-8"))
    modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | {
        n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    outside = {m for m in modules if m.split(".")[0] not in sys.stdlib_module_names
               and not m.startswith("followthrough.domain")}
    assert not outside
    assert "open(" not in Path(checker.__file__).read_text(encoding="utf-8")
