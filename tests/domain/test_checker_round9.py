"""Rules widened by the fresh voices of 2026-12-07, fourth session (confident writers, candid
writers on hard subjects, thank-yous whose parts are said in understated words), with the real
lexicons: each case is the general form of a mismatch, and its near miss stays reported."""

from __future__ import annotations

import dataclasses

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.domain.checker_model import Lexicons
from followthrough.domain.checker_tone import quiet_confidence
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()
#: The word rules alone, without the learned model.
RULES_ONLY = dataclasses.replace(LEX, tone=None)


def _messages(text: str, rule: str, lex: Lexicons = LEX) -> list[str]:
    found = check(text, CheckContext(kind="thank-you"), lex)
    return [f.message for f in found if f.rule == rule]


def _note(middle: str) -> str:
    return (
        "Dear Ray,\n\nThanks for meeting me on site this morning. Seeing how you've phased the "
        f"school extension around the playground was a good shout. {middle}\n\nIf you need "
        "another reference, give me a bell.\n\nCheers,\nKieran"
    )


@pytest.mark.parametrize(
    "sell",
    [
        "I came away wanting the job more than when I went in.",
        "It's the kind of job I like running.",
        "It's exactly how I want to run a site.",
        "Honestly, I want it even more now.",
    ],
)
def test_wanting_the_job_in_plain_words_is_the_sell(sell: str) -> None:
    assert not [m for m in _messages(_note(sell), "structure", RULES_ONLY) if "sell" in m]


def test_the_readers_wish_is_no_sell() -> None:
    """"If you'd like to see more of my work" is the offer: the note still wants a sell."""
    text = (
        "Hi Fran,\n\nThank you for showing me round the brewery on Friday. It was fun hearing "
        "about the beer festival you're planning in the yard.\n\nIf you'd like to see more of my "
        "campaign work, just let me know.\n\nBest,\nNikki"
    )
    assert [m for m in _messages(text, "structure", RULES_ONLY) if "sell" in m]


def test_thanks_for_hospitality_names_no_topic() -> None:
    text = (
        "Dear Professor Shaw,\n\nThank you for the interview and for your generous hospitality "
        "on Friday. I very much enjoyed the discussion.\n\nI would welcome the opportunity to "
        "contribute to the department.\n\nShould you require anything further, please do not "
        "hesitate to contact me.\n\nWith best wishes,\nMichael"
    )
    assert [m for m in _messages(text, "structure") if "topic" in m]


@pytest.mark.parametrize(
    ("sentence", "quiet"),
    [
        ("I'm confident I can deliver here.", True),
        ("I am sure I could get the night shift back to target.", True),
        ("I'm confident I can deliver better than anyone you will meet.", False),
        ("I am confident I would be an exceptional, world-class hire.", False),
        ("I led the audit, rebuilt the ledger, and cut costs by a third.", False),
    ],
)
def test_quiet_confidence_is_the_sell_not_a_pitch(sentence: str, quiet: bool) -> None:
    assert quiet_confidence(sentence) is quiet


def test_a_boast_is_a_sell_overdone_not_a_missing_sell() -> None:
    text = (
        "Dear Professor Hollis,\n\nThank you for Thursday's interview. The discussion about "
        "building a minimally invasive mitral programme was fascinating.\n\nThere's frankly "
        "nobody better placed to lead it than me. My outcomes are in the top tier nationally and "
        "my complication rates are second to none.\n\nIf I can send anything further, do let me "
        "know.\n\nYours sincerely,\nVikram"
    )
    found = check(text, CheckContext(kind="thank-you"), LEX)
    assert {f.rule for f in found} >= {"sales-pitch"}
    assert not [f for f in found if f.rule == "structure" and "sell" in f.message]


@pytest.mark.parametrize(
    "sentence",
    [
        "I have run collective consultations twice, and the painful lesson from the first was "
        "that people remember how they were told.",
        "A failover drill that went badly wrong at my last company taught me to rehearse the "
        "rollback first.",
        "Product recalls are not glamorous, but I enjoy making a bad week less bad for "
        "customers.",
    ],
)
def test_a_hard_thing_told_as_a_lesson_judges_no_one(sentence: str) -> None:
    """What the checker itself advises ("say what you learned") is not negative wording."""
    assert _messages(_note(sentence), "negative-wording", RULES_ONLY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "My last manager was useless and the whole place was a shambles.",
        "I have learnt not to hold my breath with your useless process.",
        "The painful truth is that my current boss is incompetent.",
    ],
)
def test_without_the_lesson_the_word_still_judges(sentence: str) -> None:
    assert _messages(_note(sentence), "negative-wording", RULES_ONLY)


def _outcome(kind: str, sentence: str) -> list[str]:
    text = f"Hi Kelsey,\n\n{sentence}\n\nPlease keep me in mind for other roles.\n\nBest,\nAndre"
    found = check(text, CheckContext(kind=kind), RULES_ONLY)
    return [text[f.start : f.end] for f in found if f.rule == "negative-wording"]


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("recruiter-thanks", "I was disappointed, but the feedback you passed along was useful."),
        ("referee-thanks", "Unfortunately I wasn't successful this time; they chose someone "
         "with more leadership experience."),
        ("rejection-reply", "That must be a difficult position for the team, and I appreciate "
         "you telling me personally."),
    ],
)  # fmt: skip
def test_an_outcome_told_graciously_is_not_negative(kind: str, sentence: str) -> None:
    assert _outcome(kind, sentence) == []


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("check-in", "I was disappointed not to hear back from anyone."),
        ("recruiter-thanks", "Sadly I think the hiring manager disliked my answers, but I am "
         "still interested."),
        ("rejection-reply", "The panel must be a difficult bunch to work for."),
    ],
)  # fmt: skip
def test_a_feeling_not_set_aside_or_a_judgment_still_is(kind: str, sentence: str) -> None:
    assert _outcome(kind, sentence)


def test_a_hard_word_describing_a_thing_in_the_predicate_needs_the_models_reading() -> None:
    """"The answer turned out to be a broken door" says something of a door; without the
    model's negative reading it is not a complaint (as "the commute would be dreadful" is)."""
    from followthrough.domain.checker_text import before_noun as _before_noun

    text = "The answer turned out to be a broken loading-bay door. It was the weak point."
    for word in ("broken", "weak"):
        assert _before_noun(text, text.index(word) + len(word), LEX)
    for text, word in [("The commute would be dreadful, so", "dreadful"),
                       ("you must be terribly busy", "terribly"), ("It was a disaster.",
                       "disaster")]:  # fmt: skip
        assert not _before_noun(text, text.index(word) + len(word), LEX)
