"""Rules widened by the voices written on 2026-12-07 (executives; young creators), with the real
lexicons: each case is the general form of a `dev` mismatch, and its near miss stays reported."""

from __future__ import annotations

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()


def _found(text: str, rule: str, kind: str | None = "check-in") -> list[tuple[str, str]]:
    return [
        (text[f.start : f.end], f.severity)
        for f in check(text, CheckContext(kind=kind), LEX)
        if f.rule == rule
    ]


def test_two_slips_in_a_row_are_slips_not_a_phrase_of_another_language() -> None:
    text = "Hi Ann,\n\nIt is a realy usefull workflow for the team.\n\nBest,\nSam"
    assert _found(text, "spelling") == [("realy", "warning"), ("usefull", "warning")]


def test_a_phrase_of_another_language_is_still_only_info() -> None:
    text = "Hi Ann,\n\nWe said go raibh maith agat to the whole crew on the day.\n\nBest,\nSam"
    assert {severity for _, severity in _found(text, "spelling")} <= {"info"}


@pytest.mark.parametrize("word", ["Lowkey", "jollof"])
def test_a_word_two_edits_from_a_short_word_is_one_the_dictionary_lacks(word: str) -> None:
    text = (
        f"Hi Ann,\n\nThe launch went well. {word} it was the best part of the week.\n\nBest,\nSam"
    )
    assert _found(text, "spelling") == [(word, "info")]


def test_two_edits_in_a_long_word_are_still_a_slip() -> None:
    text = "Hi Ann,\n\nI look forward to hearing from you tommorow or later.\n\nBest,\nSam"
    assert _found(text, "spelling") == [("tommorow", "warning")]


@pytest.mark.parametrize("word", ["calibre", "fibre", "meagre", "centred", "centres"])
def test_british_re_endings_are_spelt_right(word: str) -> None:
    assert LEX.known(word)


@pytest.mark.parametrize(
    "opening", ["tysm for the interview yesterday!!", "thx for the chat today."]
)
def test_thanks_in_text_shorthand_is_thanks(opening: str) -> None:
    text = (
        f"hey Maya,\n\n{opening} Loved hearing about the Questline beta and its onboarding.\n\n"
        "I'd love to help build it. If you want my funnel notes, I'm happy to send them.\n\n"
        "Cheers,\nSam"
    )
    assert not any("no thanks" in f.message for f in check(text, CheckContext("thank-you"), LEX))


@pytest.mark.parametrize("phrase", ["It was a difficult decision", "This was a hard choice"])
def test_a_hard_decision_of_ones_own_is_not_negative(phrase: str) -> None:
    text = (
        "Dear Marco,\n\nI have accepted another offer, so I would like to withdraw.\n\n"
        f"{phrase}; I really enjoyed meeting the team.\n\nBest regards,\nSofia"
    )
    assert _found(text, "negative-wording", "withdraw") == []


def test_a_difficult_interviewer_is_still_negative() -> None:
    text = "Dear Marco,\n\nYour interviewer was difficult and rude to me.\n\nBest regards,\nSofia"
    assert [w for w, _ in _found(text, "negative-wording", "withdraw")] == ["difficult", "rude"]


@pytest.mark.parametrize(
    "slot", ["<interviewer name>", "<first_name>", "<COMPANY_NAME>", "<name of the project>"]
)
def test_a_slot_in_angle_brackets_is_a_placeholder(slot: str) -> None:
    text = f"Hi Ann,\n\nSpeaking with {slot} was useful.\n\nBest,\nSam"
    assert [s for s, _ in _found(text, "placeholder")] == [slot]


@pytest.mark.parametrize("kept", ["<ann@example.com>", "<https://example.com/role>", "I <3 it"])
def test_an_address_a_link_or_a_heart_in_angle_brackets_is_not(kept: str) -> None:
    text = f"Hi Ann,\n\nThanks again, {kept} and see you soon.\n\nBest,\nSam"
    assert _found(text, "placeholder") == []
