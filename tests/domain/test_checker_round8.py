"""Rules widened by the fresh voice of 2026-12-07, third session (thank-yous whose only detail is
praise in general words, and clean ones with details in plain words), with the real lexicons:
each case is the general form of a mismatch, and its near miss stays reported."""

from __future__ import annotations

import dataclasses

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.domain.checker_model import Lexicons
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()
#: The word rules alone, without the learned model's gates.
RULES_ONLY = dataclasses.replace(LEX, tone=None)


def _found(text: str, rule: str, lex: Lexicons = LEX) -> list[str]:
    found = check(text, CheckContext(kind="thank-you"), lex)
    return [text[f.start : f.end] for f in found if f.rule == rule]


def _note(sentence: str) -> str:
    return (
        f"Dear Sinead,\n\nThank you for Tuesday. {sentence}\n\nI would love to join the school, "
        "and I can send anything else you need.\n\nKind regards,\nAoife"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Your question about what to do when a parent turns up upset at pickup got me thinking "
        "on the way home.",
        "The part I keep coming back to is the question about how the office handles late "
        "registrations.",
    ],
)
def test_their_question_recalled_is_the_detail_not_going_back_over_an_answer(
    sentence: str,
) -> None:
    assert _found(_note(sentence), "forgot-to-mention") == []


def test_their_question_with_the_writers_own_answer_back_in_is_still_going_back() -> None:
    text = _note(
        "Your question about budgets stayed with me, and I realise my answer left out the grant "
        "we won last spring."
    )
    assert _found(text, "forgot-to-mention")


def test_a_negator_taken_by_a_negative_word_leaves_the_positive_one_alone() -> None:
    text = _note("I liked your idea of telling families early without losing their trust.")
    assert _found(text, "negative-wording", RULES_ONLY) == []
    # the negator on the positive word alone is still a complaint
    assert _found(_note("My current team works without any trust in its managers."),
                  "negative-wording", RULES_ONLY)  # fmt: skip


def test_a_weak_signal_is_a_condition_of_the_work() -> None:
    text = _note("I liked hearing how nurses in areas with weak network coverage queue notes.")
    assert _found(text, "negative-wording", RULES_ONLY) == []
    assert _found(_note("My current manager is weak and indecisive."), "negative-wording")


def test_the_interview_panel_is_no_detail_of_the_interview() -> None:
    text = (
        "Dear Sinead,\n\nThank you for Tuesday. It was lovely to meet the whole panel.\n\n"
        "I would love to join the school, and I can send anything else you need.\n\n"
        "Kind regards,\nAoife"
    )
    found = check(text, CheckContext(kind="thank-you"), LEX)
    assert any("specific topic" in f.message for f in found if f.rule == "structure")
