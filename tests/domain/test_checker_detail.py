"""A rare word is a detail of the interview only in a sentence that names something particular
(the learned `detail` label, trained on sentences written for it): praise any employer could be
sent ("your appetite for doing things differently") is no topic, however rare its words."""

from __future__ import annotations

import dataclasses

import pytest

from followthrough.domain.checker import CheckContext, check
from followthrough.domain.checker_learned import GATES, LABELS, THRESHOLDS, ToneModel
from followthrough.text.lexicons import load_lexicons

LEX = load_lexicons()
NO_TOPIC = "no specific topic"


def _topic_missing(text: str, lex: object = LEX, **ctx: object) -> bool:
    context = CheckContext(kind="thank-you", **ctx)  # type: ignore[arg-type]
    return any(
        f.rule == "structure" and NO_TOPIC in f.message
        for f in check(text, context, lex)  # type: ignore[arg-type]
    )


def _note(detail: str) -> str:
    return (
        f"Dear Ms Okafor,\n\nThank you for your time on Thursday. {detail} I would love to "
        "join the team, and I am happy to send anything else you need.\n\nKind regards,\nTunde"
    )


def _model(**detail_weights: float) -> ToneModel:
    """A model that reads nothing but `detail`, by the weights given to single words."""
    quiet = [-12.0] * len(LABELS)
    quiet[LABELS.index("detail")] = 0.0
    weights = {}
    for word, w in detail_weights.items():
        row = [0.0] * len(LABELS)
        row[LABELS.index("detail")] = w
        weights[word] = tuple(row)
    return ToneModel(labels=LABELS, bias=tuple(quiet), weights=weights)


GENERAL = _note("Your appetite for doing things differently really came through.")


def test_a_rare_word_in_a_sentence_read_as_general_praise_is_no_detail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(GATES, "detail", 0.3)  # type: ignore[arg-type]
    general = dataclasses.replace(LEX, tone=_model(appetite=-6.0))
    assert _topic_missing(GENERAL, general)
    # the same sentence read as particular names its rare word as the detail
    assert not _topic_missing(GENERAL, dataclasses.replace(LEX, tone=_model(appetite=6.0)))
    # without a model, every rare word stands
    assert not _topic_missing(GENERAL, dataclasses.replace(LEX, tone=None))


def test_a_debrief_topic_is_the_detail_whatever_the_model_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(GATES, "detail", 0.3)  # type: ignore[arg-type]
    general = dataclasses.replace(LEX, tone=_model(appetite=-6.0))
    assert not _topic_missing(GENERAL, general, topics=("appetite for doing things differently",))


def test_the_gate_at_zero_lets_every_rare_word_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GATES, "detail", 0.0)  # type: ignore[arg-type]
    assert not _topic_missing(GENERAL, dataclasses.replace(LEX, tone=_model(appetite=-60.0)))


# ---------------------------------------------------------------- with the shipped model
# Sentences written for these tests, in no corpus and no training file.


@pytest.mark.parametrize(
    "praise",
    [
        "I left with a real sense of the firm's integrity and its commitment to doing things "
        "properly.",
        "The candour of everyone I met, and the dynamism of the business, made a strong "
        "impression.",
    ],
)
def test_praise_any_employer_could_be_sent_names_no_topic(praise: str) -> None:
    assert _topic_missing(_note(praise))
    # the word rule alone reads its rare words (integrity, candour, dynamism) as a detail
    assert not _topic_missing(_note(praise), dataclasses.replace(LEX, tone=None))


@pytest.mark.parametrize(
    "detail",
    [
        "I enjoyed hearing how the depot moved its van checks to the start of each shift.",
        "Your plan to put a pharmacist on the ward round every morning sounds like a real step "
        "forward.",
        "I'm really excited about the kiln restoration project.",
    ],
)
def test_a_particular_of_the_interview_is_still_the_topic(detail: str) -> None:
    assert not _topic_missing(_note(detail))


PLAIN = _note(
    "I keep thinking about your question on how to tell a customer that something will be late "
    "without losing their trust."
)


def test_a_sentence_read_as_particular_names_its_topic_in_everyday_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not _topic_missing(PLAIN)
    # no word of it is rarer than everyday English: without the threshold it names nothing
    monkeypatch.setitem(THRESHOLDS, "detail", 1.1)  # type: ignore[arg-type]
    assert _topic_missing(PLAIN)


def test_wanting_the_job_is_the_sell_and_its_words_are_no_detail() -> None:
    text = _note("I would relish the chance to lead the mathematics faculty.")
    assert _topic_missing(text, dataclasses.replace(LEX, tone=None))
