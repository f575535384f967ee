"""Rules widened by the fresh voice of 2026-12-07, third session (thank-yous whose only detail is
praise in general words, and clean ones with details in plain words), with the real lexicons:
each case is the general form of a mismatch, and its near miss stays reported."""

from __future__ import annotations

import dataclasses

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.domain.checker_learned import LABELS, ToneModel
from followthrough.domain.checker_model import Lexicons
from followthrough.domain.checker_phrases import SELF_PRAISE
from followthrough.domain.checker_tone import plain_deed
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


@pytest.mark.parametrize(
    ("sentence", "plain"),
    [
        ("On the culvert programme I managed the design of 14 replacements and we delivered "
         "them 6% under the approved budget.", True),
        ("I have led four similar engagements, and the most recent returned to compliance "
         "within nine months.", True),
        ("I led the rollout, built the team and cut costs by 30%.", False),
        ("I delivered the best results in the region.", False),
        ("I am convinced I am right for this role.", False),  # no deed: the model's reading
    ],
)  # fmt: skip
def test_one_deed_told_plainly_is_no_pitch(sentence: str, plain: bool) -> None:
    assert plain_deed(sentence) is plain


def test_the_models_boast_reading_of_one_plain_deed_does_not_stand() -> None:
    deed = ("On the culvert programme I managed the design of 14 replacements and we delivered "
            "them 6% under the approved budget.")  # fmt: skip
    boast = [-12.0] * len(LABELS)
    boast[LABELS.index("boast")] = 12.0  # every sentence reads as a boast
    weights = {"zzz": (0.0,) * len(LABELS)}  # a model with weights reads; this one weighs nothing
    model = dataclasses.replace(LEX, tone=ToneModel(LABELS, tuple(boast), weights))
    found = check(_note(deed), CheckContext(kind="thank-you"), model)
    flagged = [f for f in found if f.rule == "sales-pitch"]
    assert flagged  # the other sentences read as boasts and stand
    assert not any("culvert" in _note(deed)[f.start : f.end] for f in flagged)


@pytest.mark.parametrize(
    "sentence",
    [
        "Your new perioperative clinic strikes me as a genuinely exciting development.",
        "I liked your point that a manager should kill a stalled workstream early and redeploy "
        "the team.",
    ],
)
def test_an_idiom_or_ending_a_piece_of_work_judges_no_one(sentence: str) -> None:
    assert _found(_note(sentence), "negative-wording", RULES_ONLY) == []


def test_doubting_anyone_else_could_match_you_is_self_praise_not_negative() -> None:
    sentence = "I doubt anyone else in the country has done as much in this space."
    assert _found(_note(sentence), "negative-wording", RULES_ONLY) == []
    assert SELF_PRAISE.search(sentence)  # it counts toward the superlatives piling up


LONG_PARAGRAPH = (
    "Dear Sinead,\n\nThank you for Tuesday. " + "I enjoyed hearing about the reading scheme. " * 12
    + "\n\nI would love to join the school.\n\nI can send anything else you need.\n\n"
    "Kind regards,\nAoife"
)


def test_a_long_paragraph_within_the_words_and_paragraphs_is_advice_not_a_warning() -> None:
    found = [f for f in check(LONG_PARAGRAPH, CheckContext(kind="thank-you"), LEX)
             if f.rule == "length"]  # fmt: skip
    assert [f.severity for f in found] == ["info"]
    assert "paragraph" in found[0].message


def test_over_the_words_or_the_paragraphs_is_still_a_warning() -> None:
    longer = LONG_PARAGRAPH.replace("school.", "school. " + "It was a lovely morning. " * 12)
    found = check(longer, CheckContext(kind="thank-you"), LEX)
    assert "warning" in {f.severity for f in found if f.rule == "length"}
    four = LONG_PARAGRAPH.replace("need.", "need.\n\nThanks again.")
    found = check(four, CheckContext(kind="thank-you"), LEX)
    assert "warning" in {f.severity for f in found if f.rule == "length"}


@pytest.mark.parametrize(
    "sentence",
    [
        "At my current firm, management wouldn't know a sound risk if it walked in and "
        "introduced itself.",
        "My last plant only cared about output, and the managers cut every corner they could "
        "find.",
        "Nobody bothered to send a single word of feedback.",
        "I guess my CV is enjoying a long holiday at the bottom of an inbox. Must be nice.",
    ],
)
def test_contempt_in_idiom_is_negative_wording(sentence: str) -> None:
    assert _found(_note(sentence), "negative-wording", RULES_ONLY)


def test_a_sincere_must_be_nice_is_not_sarcasm() -> None:
    text = _note("It must be nice to have the whole team in one office now.")
    assert _found(text, "negative-wording", RULES_ONLY) == []


def test_the_kind_of_hire_they_look_for_is_self_praise() -> None:
    assert SELF_PRAISE.search("I'm the kind of hire agencies spend years looking for.")
    assert not SELF_PRAISE.search("You described the kind of person the team needs.")


def test_a_text_of_thousands_of_unknown_words_searches_a_bounded_number_of_suggestions() -> None:
    from followthrough.domain.checker_spelling import SUGGEST_BUDGET, check_spelling

    searched: list[str] = []

    def suggest(word: str) -> str | None:
        searched.append(word)
        return None

    lex = Lexicons(negative={}, known=lambda word: False, suggest=suggest)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [f"zq{letters[i % 26]}{letters[i // 26 % 26]}x" for i in range(600)]
    text = " ".join(words)
    found = check_spelling(text, lex, bytearray(len(text)), frozenset())
    assert len(found) == 600  # every unknown word still reported
    assert len(set(searched)) == SUGGEST_BUDGET
