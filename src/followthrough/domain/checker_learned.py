"""A learned reading of each sentence's tone, beside the checker's hand-written phrase families.

Pure and stdlib only. A `ToneModel` is a set of linear classifiers, one per label, over binary
features of a sentence (its words, their six-letter stems, and runs of two and three words); the
weights come in through `Lexicons.tone` (trained by tests/checker_corpus/train.py on sentences
written for it, never on the corpus the rules are measured on, and shipped as
followthrough/text/tone_model.json). A score is the logistic of the bias plus the weights of the
features present: the probability that the sentence is of that label.

Labels: `forgot` (back-pedalling), `pushy` (pressure for their answer), `negative` (complaint,
blame, bitterness, self-reproach), `boast` (self-praise), `sell` (wanting the job or one reason
one fits), `offer` (offering anything further) and `detail` (names something particular of this
interview, against praise any employer could be sent: "your appetite for change").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from followthrough.domain.checker_model import Finding
from followthrough.domain.checker_phrases import SENTENCE, WARNING

LABELS = ("forgot", "pushy", "negative", "boast", "sell", "offer", "detail")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|[?!%$£€]")
_STEM = 6


@dataclass(frozen=True)
class ToneModel:
    """Per label: a bias, and per feature a weight (features absent from `weights` weigh 0)."""

    labels: tuple[str, ...] = LABELS
    bias: tuple[float, ...] = (0.0,) * len(LABELS)
    weights: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    def scores(self, sentence: str) -> dict[str, float]:
        """Return, per label, the probability that `sentence` is of that label."""
        return self.score_all([sentence])[0]

    def score_all(self, parts: Sequence[str]) -> list[dict[str, float]]:
        """Return the scores of each of `parts`, reading the weights of all their features at
        once (weights that offer `subset(features)`, as the compiled cache does, answer in one
        lookup instead of one per feature)."""
        found = [features(part) for part in parts]
        subset = getattr(self.weights, "subset", None)
        weights = subset(set().union(*found)) if subset is not None else self.weights
        out = []
        for present in found:
            total = list(self.bias)
            for feature in present:
                w = weights.get(feature)
                if w is not None:
                    for i, x in enumerate(w):
                        total[i] += x
            out.append({label: _logistic(t) for label, t in zip(self.labels, total, strict=True)})
        return out


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def tokens(sentence: str) -> list[str]:
    """Return the sentence's tokens in lower case, digits folded to "0" (a figure is a figure)."""
    out = []
    for m in _TOKEN.finditer(sentence.replace("’", "'")):
        t = m.group().lower()
        out.append("0" if t[0].isdigit() else t)
    return out


def features(sentence: str) -> set[str]:
    """Return the sentence's features: words, stems ("~frustr"), and runs of two and three
    words with the sentence's edges ("<s> i forgot", "by friday </s>")."""
    words = tokens(sentence)
    found = set(words)
    found.update("~" + w[:_STEM] for w in words if len(w) > _STEM)
    edged = ["<s>", *words, "</s>"]
    found.update(f"{a} {b}" for a, b in zip(edged, edged[1:], strict=False))
    found.update(f"{a} {b} {c}" for a, b, c in zip(edged, edged[1:], edged[2:], strict=False))
    return found


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Return the spans of the sentences of text[start:end] that hold a word."""
    for m in SENTENCE.finditer(text, start, len(text) if end is None else end):
        if any(c.isalpha() for c in m.group()):
            lead = len(m.group()) - len(m.group().lstrip())
            yield m.start() + lead, m.end()


@dataclass(frozen=True, slots=True)
class Tone:
    """One sentence of the body and its scores."""

    start: int
    end: int
    scores: Mapping[str, float]


#: The score at which a sentence alone is reported, per label (chosen on `dev`, docs/checker.md);
#: a sentence at the `detail` threshold names a thank-you's topic even in everyday words.
THRESHOLDS: Mapping[str, float] = {
    "forgot": 0.6,
    "pushy": 0.59,
    "negative": 0.96,
    "boast": 0.76,
    "sell": 0.7,
    "offer": 0.5,
    "detail": 0.85,
}
#: A phrase family's finding (and a negative word's) stands only where its sentence scores at
#: least this for the label: the gate of best F1 on `dev`, cross-fitted (`train.py --tune`).
#: A rare word is a detail of the interview only in a sentence scoring at least the `detail`
#: gate (`checker_shape`).
GATES: Mapping[str, float] = {"forgot": 0.01, "pushy": 0.15, "negative": 0.15, "detail": 0.19}
#: The rule each reported label feeds, and what its finding says.
REPORTED: Mapping[str, tuple[str, str]] = {
    "forgot": ("forgot-to-mention", "this sentence goes back over the interview (adding to or "
               "correcting an answer): leave it out, or save it for a later conversation"),
    "pushy": ("pushy", "this sentence presses them for an answer: ask once, politely, and "
              "leave the timing to them"),
    "negative": ("negative-wording", "this sentence reads as negative (a complaint, blame or "
                 "self-reproach): say it positively or leave it out"),
    "boast": ("sales-pitch", "this sentence sells hard: keep one concrete result that fits "
              "what they need and let it speak for itself"),
}  # fmt: skip


#: Where a sentence may do a second thing ("I'm excited about the role and can send references").
_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:and|but|so|though|although)\s+")


def _clauses(sentence: str) -> list[str]:
    clauses = [c for c in _CLAUSE.split(sentence) if c and len(c.split()) >= 3]
    return clauses if len(clauses) > 1 else []


def _best(scores: dict[str, float], parts: Sequence[dict[str, float]]) -> dict[str, float]:
    best = {label: max([p, *(part[label] for part in parts)]) for label, p in scores.items()}
    return scores | {label + "~": p for label, p in best.items()}


def score_sentence(model: ToneModel, sentence: str) -> dict[str, float]:
    """Return the sentence's scores per label, and per label + "~" the best score of the
    sentence and of each of its clauses: a part of a sentence may read as something its whole
    does not ("I enjoyed the tour, though the commute sounds terrible")."""
    scored = model.score_all([sentence, *_clauses(sentence)])
    return _best(scored[0], scored[1:])


def read_tone(model: ToneModel | None, text: str, start: int, end: int) -> list[Tone]:
    """Return the scored sentences of text[start:end] (none without a model); the sentences
    and their clauses are scored in one pass."""
    if model is None or not model.weights:
        return []
    spans = list(sentences(text, start, end))
    groups = [[text[s:e], *_clauses(text[s:e])] for s, e in spans]
    scored = iter(model.score_all([part for group in groups for part in group]))
    out = []
    for (s, e), group in zip(spans, groups, strict=True):
        mine = [next(scored) for _ in group]
        out.append(Tone(s, e, _best(mine[0], mine[1:])))
    return out


def has_tone(tones: Sequence[Tone], label: str) -> bool:
    """Return True when a sentence, or a clause of one, reads as `label` (at its threshold)."""
    return any(t.scores[label + "~"] >= THRESHOLDS[label] for t in tones)


def tone_findings(tones: Sequence[Tone], found: Sequence[Finding]) -> list[Finding]:
    """Return a warning for each sentence that reads as a reported label and that no finding of
    the same rule in `found` already covers."""
    out = []
    for tone in tones:
        for label, (rule, message) in REPORTED.items():
            if tone.scores[label] < THRESHOLDS[label]:
                continue
            if any(f.rule == rule and f.start < tone.end and tone.start < f.end for f in found):
                continue
            out.append(Finding(rule, WARNING, tone.start, tone.end, message))
    return out


def confirmed(tones: Sequence[Tone], label: str, start: int, end: int) -> bool:
    """Return True unless every sentence the span [start, end) touches scores below the label's
    gate, in whole and in each clause (a span outside the scored sentences, or no model at all,
    stands)."""
    touched = [t.scores[label + "~"] for t in tones if t.start < end and start < t.end]
    return not touched or max(touched) >= GATES.get(label, 0.0)
