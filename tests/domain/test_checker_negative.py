"""`negative-wording` judged in context (issue 13): a negative word that judges is reported; the
same word naming the subject of the work is not. Real lexicons: VADER's valences, lemminflect's
word classes."""

from __future__ import annotations

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()


def _negative(text: str) -> list[str]:
    found = check(text, CheckContext(kind="check-in"), LEX)
    return [text[f.start : f.end] for f in found if f.rule == "negative-wording"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("My current team is chaotic.", ["chaotic"]),
        ("I worry that my portfolio review was weak.", ["worry", "weak"]),
        ("The decision feels unfair after four rounds.", ["unfair"]),
        ("Sorry, I was such a mess during the coding part.", ["mess"]),
        ("My answers to the case question were a disaster.", ["disaster"]),
        ("Sadly the hiring manager disliked my answers.", ["Sadly", "disliked"]),
        ("The wait was honestly pretty frustrating.", ["frustrating"]),
        ("The salary on offer is really poor.", ["poor"]),
        ("Interviews have never been my strong suit.", ["never been my strong"]),
        ("I was rejected twice by the panel.", ["rejected"]),
    ],
)
def test_words_that_judge(text: str, words: list[str]) -> None:
    assert _negative(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "I tackled a similar problem last year.",
        "Let me stress that there is no need to write at length.",
        "We discussed how a slow dependency sets off cascading failures.",
        "Your fraud engine reduced losses by a third.",
        "I stayed calm under stress on night shifts.",
        "The log keeps the options that were rejected and why.",
        "The SSO failed open in the story you told.",
        "The front desk team is killing it with the new check-in.",
        "I met the emergency department team.",
        "Composted bark and wool waste made the mix.",
        "That would be no problem at all.",
        "I couldn't be happier with the news.",
        "I was not successful this time, and I enjoyed the day.",
        "I can't thank you enough.\n\nKind regards,\nAnn",
    ],
)
def test_the_same_words_naming_the_work(text: str) -> None:
    assert _negative(text) == []


@pytest.mark.parametrize(
    "unit", ["I was disappointed but fine. ", "but ", "x", "a ", "word, "]
)
def test_a_long_text_is_checked_in_linear_time(unit: str) -> None:
    """A concession or a quiet span looked for from every word made a 900 kB text take minutes
    (quadratic); 200 kB of any shape takes a few seconds on a busy machine, not minutes."""
    import time

    from followthrough.domain.checker import CheckContext as Ctx

    text = unit * (200_000 // len(unit))
    started = time.process_time()
    check(text, Ctx(kind="rejection-reply"), LEX)
    assert time.process_time() - started < 30


def _negative_in(kind: str, text: str) -> list[str]:
    found = check(text, CheckContext(kind=kind), LEX)
    return [text[f.start : f.end] for f in found if f.rule == "negative-wording"]


def test_a_negative_word_made_less_is_not_negative() -> None:
    assert _negative("Your help made the day so much less stressful.") == []
    assert _negative("The onboarding was chaotic.") == ["chaotic"]


@pytest.mark.parametrize("kind", ["rejection-reply", "referee-thanks", "withdraw"])
def test_a_feeling_owned_about_an_outcome_is_a_courtesy(kind: str) -> None:
    text = "Thank you for calling. I was disappointed, I'll admit. I learned a lot from the day."
    assert _negative_in(kind, text) == []
    assert _negative_in("check-in", "I was disappointed not to hear back from you.") != []
