"""The learned tone reading beside the phrase families: features, scores, findings, the shipped
model and what it adds to the checker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.domain.checker import CheckContext, Finding, check, rules_found
from followthrough.domain.checker_learned import (
    GATES,
    LABELS,
    THRESHOLDS,
    Tone,
    ToneModel,
    features,
    read_tone,
    sentences,
    tokens,
    tone_findings,
)
from followthrough.text.lexicons import load_lexicons, load_tone_model
from tests.files import load_script

ROOT = Path(__file__).resolve().parents[2]


def test_tokens_fold_case_apostrophes_and_figures() -> None:
    assert tokens("I didn’t say 40% of £1,200!") == [
        "i",
        "didn't",
        "say",
        "0",
        "%",
        "of",
        "£",
        "0",
        "!",
    ]


def test_features_are_words_stems_and_runs_with_edges() -> None:
    found = features("Frustrating wait")
    assert {
        "frustrating",
        "~frustr",
        "<s> frustrating",
        "wait </s>",
        "<s> frustrating wait",
    } <= found
    assert "~wait" not in found  # a short word is its own stem


def test_a_model_scores_by_the_weights_of_the_features_present() -> None:
    model = ToneModel(labels=("forgot",), bias=(-2.0,), weights={"forgot": (4.0,)})
    assert model.scores("I forgot.")["forgot"] == pytest.approx(0.8808, abs=1e-4)
    assert model.scores("All fine.")["forgot"] == pytest.approx(0.1192, abs=1e-4)


def test_no_model_reads_no_tone() -> None:
    assert read_tone(None, "I forgot to say.", 0, 16) == []
    assert read_tone(ToneModel(), "I forgot to say.", 0, 16) == []


def test_sentences_skip_pieces_without_words() -> None:
    text = "Thanks again.  ...  See you Monday!"
    assert [text[s:e] for s, e in sentences(text)] == ["Thanks again.", "See you Monday!"]


def test_a_learned_finding_is_not_repeated_where_the_rule_already_reported() -> None:
    scores = dict.fromkeys(LABELS, 0.0) | {"forgot": 0.99, "pushy": 0.99}
    tones = [Tone(0, 20, scores), Tone(21, 40, dict.fromkeys(LABELS, 0.0))]
    found = tone_findings(tones, [Finding("forgot-to-mention", "warning", 5, 9, "")])
    assert [(f.rule, f.severity, f.start, f.end) for f in found] == [("pushy", "warning", 0, 20)]


@settings(deadline=None)  # the first example may build the lexicon cache
@given(st.text(max_size=300))
def test_any_text_reads_without_error(text: str) -> None:
    model = load_tone_model()
    for tone in read_tone(model, text, 0, len(text)):
        assert all(0.0 <= p <= 1.0 for p in tone.scores.values())


# ---------------------------------------------------------------- the shipped model


def test_the_shipped_model_is_trained_on_the_current_sentences() -> None:
    module = load_script(ROOT / "tests" / "checker_corpus" / "train.py", "checker_train")
    assert module.main(["--check"]) == 0, "run python tests/checker_corpus/train.py"


def test_the_shipped_model_loads_with_every_label() -> None:
    model = load_tone_model()
    assert model is not None
    assert model.labels == LABELS
    assert len(model.weights) > 1000
    # every label is reported at a threshold, or gates a rule (`detail`: the specific topic)
    assert set(THRESHOLDS) | set(GATES) == set(LABELS)


# Paraphrases no phrase family of the checker lists (written for this test, not in any corpus):
# the model, not a list, recognises them.
READS_AS = [
    (
        "forgot-to-mention",
        "Thinking it over on the train home, my answer on vendor audits "
        "left out the two years I spent running them in Rotterdam.",
    ),
    ("pushy", "Three messages now and still nothing back from your side."),
    (
        "negative-wording",
        "Honestly the recruiter kept us waiting forty minutes and then cut the session short.",
    ),
    ("negative-wording", "My current manager takes credit for everything our team does."),
]


@pytest.mark.parametrize(("rule", "sentence"), READS_AS)
def test_the_model_reads_paraphrases_the_phrase_families_miss(rule: str, sentence: str) -> None:
    lex = load_lexicons()
    ctx = CheckContext(kind="check-in")
    text = f"Hi Dana,\n\n{sentence}\n\nBest,\nSam"
    assert rule not in rules_found(check(text, ctx, dataclasses.replace(lex, tone=None)))
    assert rule in rules_found(check(text, ctx, lex))


def test_plain_follow_ups_read_as_nothing_bad() -> None:
    lex = load_lexicons()
    text = (
        "Hi Dana,\n\nThank you again for Tuesday's conversation about the Rotterdam audit "
        "programme. I understand these decisions take time, so no rush at all; I remain very "
        "interested and would be glad to send anything else that helps.\n\nBest,\nSam"
    )
    assert rules_found(check(text, CheckContext(kind="check-in"), lex)) == set()


def test_without_a_model_the_checker_runs_on_its_phrase_families() -> None:
    lex = dataclasses.replace(load_lexicons(), tone=None)
    text = "Hi Dana,\n\nI forgot to mention my Python certificate.\n\nBest,\nSam"
    assert "forgot-to-mention" in rules_found(check(text, CheckContext(kind="check-in"), lex))
