"""Train the checker's tone model from the sentences written for it.

    pip install -e ".[train]"                         # scikit-learn, for training only
    python tests/checker_corpus/train.py              # write src/followthrough/text/tone_model.json
    python tests/checker_corpus/train.py --check      # exit 1: the model is not from these files

It reads tests/checker_corpus/sentences/*.toml (labelled sentences in several voices, written by
helpers who never saw the checker) and, as examples of what a label is NOT, the sentences of the
`dev` drafts that are not labelled with that label's rule. The sealed `test` split is never read.
One logistic regression per label (scikit-learn, L-BFGS, balanced classes) over the binary
features of `followthrough.domain.checker_learned.features` seen at least twice; the weights are
rounded and the features whose weights are all near zero are dropped. The model records a digest
of its inputs (the files and the feature code), which `--check` compares without scikit-learn.

    python tests/checker_corpus/train.py --tune       # thresholds, 5-fold, folds by voice

`--tune` trains five models, each without a fifth of the `dev` drafts (whole voices: a fold
never holds only part of one writer's drafts), scores the drafts it left out, and chooses per
label the threshold of highest recall at 0.95 precision or more (a draft is reported when its
strongest sentence reaches the threshold): the figures of a model that never saw the drafts it
is judged on, nor their writers. It does so for three assignments of voices to folds and
prints the median of the three choices, which is what THRESHOLDS and GATES take.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import math
import sys
import tomllib
from pathlib import Path

from followthrough.domain import checker_learned
from followthrough.domain.checker_layout import layout
from followthrough.domain.checker_learned import (
    GATES,
    LABELS,
    THRESHOLDS,
    features,
    score_sentence,
    sentences,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from checker_report import CORPUS_FILES, SPLITS, Sample, load_split  # noqa: E402

from followthrough.domain.checker_model import Lexicons  # noqa: E402

HERE = Path(__file__).resolve().parent
SENTENCES = HERE / "sentences"
GOLDEN = HERE.parent / "golden" / "drafts"
MODEL = HERE.parents[1] / "src" / "followthrough" / "text" / "tone_model.json"
#: Inverse regularisation strength (chosen on `dev`, docs/checker.md).
C = 3.0
#: Weights are kept to this many decimals; a feature with every weight below KEEP is dropped.
DECIMALS = 2
KEEP = 0.05
#: A feature must be seen in this many training sentences.
MIN_COUNT = 2
#: Labels learned only from the sentences written for them, each with the written label of its
#: negative examples: a sentence written for another label says nothing of them ("Good to hear
#: how the school handles wet lunchtimes" is `neutral` in tone and names a detail).
OWN_DATA = {"detail": "generic"}
#: The labels every other written sentence is a negative example of.
SHARED = tuple(label for label in LABELS if label not in OWN_DATA)
ALL_LABELS = (*SHARED, "neutral", *OWN_DATA, *OWN_DATA.values())
#: The labels the dev drafts give negative examples of, and the rule each is labelled with.
RULE_OF = {"forgot": "forgot-to-mention", "pushy": "pushy", "negative": "negative-wording",
           "boast": "sales-pitch"}  # fmt: skip
FOLDS = 5
#: How many fold assignments `--tune` chooses over (the first by size, the rest shuffled).
REPEATS = 3
#: The gates tried, lowest first.
GATE_STEPS = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2)
#: The share of an unseen writer's detail sentences the `detail` gate keeps.
KEEP_DETAILS = 0.95
#: The `detail` thresholds tried (1.0: none).
DETAIL_THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0)
#: The precision a label must reach alone, on drafts its model never saw, to be reported.
PRECISION = 0.95


def load_sentences() -> list[tuple[str, str]]:
    """Return (label, text) of every sentence file, in file and then file order."""
    out = []
    for path in sorted(SENTENCES.glob("*.toml")):
        with path.open("rb") as f:
            for item in tomllib.load(f)["s"]:
                if item["label"] not in ALL_LABELS:
                    raise SystemExit(f"{path.name}: unknown label {item['label']!r}")
                out.append((item["label"], item["text"]))
    return out


def digest() -> str:
    """Return a digest of the training inputs: the files, the features' code, the settings."""
    h = hashlib.sha256(f"C={C} decimals={DECIMALS} keep={KEEP} min={MIN_COUNT}\n".encode())
    for part in (checker_learned.tokens, checker_learned.features):
        h.update(inspect.getsource(part).encode())
    h.update(f"{checker_learned._TOKEN.pattern} {checker_learned._STEM}".encode())
    for path in [*sorted(SENTENCES.glob("*.toml")), *CORPUS_FILES, SPLITS]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def draft_sentences(sample: Sample) -> list[str]:
    """Return the sentences of a draft's body."""
    text = sample.body.replace("’", "'")
    lay = layout(text)
    return [text[s:e] for s, e in sentences(text, lay.body_start, lay.body_end)]


def examples(drafts: list[Sample]) -> list[tuple[str, frozenset[str]]]:
    """Return (text, labels it is NOT an example of... as its known labels) for training: each
    written sentence with its label, and each draft sentence as `neutral` for the labels whose
    rule its draft is not labelled with (it is unknown for the others)."""
    negative_of = {written: "not:" + label for label, written in OWN_DATA.items()}
    out = [
        (text, frozenset({negative_of.get(label, label)})) for label, text in load_sentences()
    ]
    for draft in drafts:
        not_of = frozenset(k for k, rule in RULE_OF.items() if rule not in draft.expect)
        out += [(text, frozenset({"not:" + k for k in not_of})) for text in draft_sentences(draft)]
    return out


def fit(drafts: list[Sample]) -> tuple[list[str], list[float], list[list[float]]]:
    """Return (feature names, bias per label, weights per label) trained on the sentences and
    on the draft sentences of `drafts`."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = examples(drafts)
    feats = [features(text) for text, _ in data]
    seen = Counter(f for fs in feats for f in fs)
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs if seen[f] >= MIN_COUNT} for fs in feats])
    bias, columns = [], []
    for label in LABELS:
        evidence = {label, "not:" + label, *(() if label in OWN_DATA else (*SHARED, "neutral"))}
        rows = [i for i, (_, known) in enumerate(data) if known & evidence]
        y = [label in data[i][1] for i in rows]
        model = LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=5000)
        model.fit(x[rows], y)
        bias.append(float(model.intercept_[0]))
        columns.append([float(w) for w in model.coef_[0]])
    return [str(n) for n in vec.get_feature_names_out()], bias, columns


def train() -> dict[str, object]:
    """Return the model as JSON-ready data."""
    names, bias, columns = fit(load_split("dev"))
    weights = {}
    for j, name in enumerate(names):
        row = [round(col[j], DECIMALS) for col in columns]
        if max(abs(w) for w in row) >= KEEP:
            weights[name] = row
    return {
        "labels": list(LABELS),
        "bias": [round(b, 4) for b in bias],
        "digest": digest(),
        "sentences": len(load_sentences()),
        "weights": dict(sorted(weights.items())),
    }


def cross_fitted(drafts: list[Sample], repeat: int = 0) -> list[list[tuple[str, dict[str, float]]]]:
    """Return per draft its sentences and their scores by a model trained without its fold
    (the folds of `voice_folds(drafts, repeat)`)."""
    from followthrough.domain.checker_learned import ToneModel

    folds = voice_folds(drafts, repeat)
    scored: dict[int, list[tuple[str, dict[str, float]]]] = {}
    for held in folds:
        names, bias, columns = fit([d for i, d in enumerate(drafts) if i not in held])
        weights = {n: tuple(c[j] for c in columns) for j, n in enumerate(names)}
        model = ToneModel(bias=tuple(bias), weights=weights)
        for i in held:
            scored[i] = [(s, score_sentence(model, s)) for s in draft_sentences(drafts[i])]
    return [scored[i] for i in range(len(drafts))]


def voice(sample: Sample) -> str:
    """Return the voice a draft was written in: its name's prefix ("cw: ..." is `cw`); the
    drafts of corpus.toml, which have none, are one voice."""
    head, sep, _ = sample.name.partition(": ")
    return head if sep and " " not in head else "corpus"


def voice_folds(drafts: list[Sample], repeat: int = 0) -> list[set[int]]:
    """Return FOLDS sets of draft indices, every voice whole in one of them (each voice to the
    smallest fold so far: largest voices first, or for `repeat` > 0 in an order shuffled with
    that seed), so that a held-out fold is scored by a model that never saw its writers: a new
    voice's notes are what the checker meets in use."""
    import random

    by_voice: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        by_voice.setdefault(voice(d), []).append(i)
    order = sorted(by_voice, key=lambda v: (-len(by_voice[v]), v))
    if repeat:
        random.Random(repeat).shuffle(order)
    folds: list[set[int]] = [set() for _ in range(FOLDS)]
    for name in order:
        min(folds, key=len).update(by_voice[name])
    return folds


def tune() -> None:
    """Print per label the threshold (highest recall at >= PRECISION of the model alone, and
    above what the product's own drafts score) and, for the gated phrase rules, the gate of best
    F1: each chosen REPEATS times over other voice folds, and the median of them kept (one
    choice moves with the folds by more than its effect on a new voice)."""
    import dataclasses
    import statistics

    from checker_report import predictions

    from followthrough.text.lexicons import load_lexicons

    drafts = load_split("dev")
    rules_only = dataclasses.replace(load_lexicons(), tone=None)
    by_rules = predictions(drafts, rules_only)
    chosen: dict[str, list[float]] = {}
    for repeat in range(REPEATS):
        scored = cross_fitted(drafts, repeat)
        for label, rule in RULE_OF.items():
            truth = [rule in d.expect for d in drafts]
            best = [max((sc[label] for _, sc in sents), default=0.0) for sents in scored]
            t = max(_threshold(truth, best)[0], _own_drafts_top(label))
            chosen.setdefault(label, []).append(t)
            _report(label, rule, t, truth, best, by_rules)
        for label in RULE_OF.keys() & GATES.keys():
            chosen.setdefault(label + " gate", []).append(
                _gate(label, drafts, scored, rules_only)
            )
    chosen["detail gate"] = [_detail_gate()]
    chosen["detail"] = [_detail_threshold(drafts, chosen["detail gate"][0])]
    for name, values in chosen.items():
        now = GATES[name.split()[0]] if name.endswith("gate") else THRESHOLDS[name]
        print(f"{name}: {statistics.median(values):.2f} (now {now:.2f}; chosen "
              f"{', '.join(f'{v:.2f}' for v in values)})")  # fmt: skip


def _report(
    label: str, rule: str, t: float, truth: list[bool], best: list[float], by_rules: list[object]
) -> None:
    """Print how one fold assignment's threshold does, alone and with the phrase rules."""
    from sklearn.metrics import average_precision_score

    hit = [b >= t for b in best]
    alone = sum(h and e for h, e in zip(hit, truth, strict=True))
    both = [rule in g or b >= t for g, b in zip(by_rules, best, strict=True)]  # type: ignore[operator]
    tp = sum(a and b for a, b in zip(both, truth, strict=True))
    print(f"  {label}: AP {average_precision_score(truth, best):.3f}, threshold {t:.2f}: alone "
          f"{alone / max(sum(hit), 1):.2f} / {alone / sum(truth):.2f}, with the rules "
          f"{tp / max(sum(both), 1):.2f} / {tp / sum(truth):.2f}")  # fmt: skip


def _own_drafts_top(label: str) -> float:
    """Return just above the highest score, for `label`, of a sentence of the product's own
    drafts (tests/golden/drafts: every one must pass the checker), rounded up to 0.01."""
    from followthrough.text.lexicons import load_lexicons

    model = load_lexicons().tone
    assert model is not None
    top = 0.0
    for path in sorted(GOLDEN.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("’", "'")
        for s, e in sentences(text):
            top = max(top, model.scores(text[s:e])[label])
    return math.floor(top * 100) / 100 + 0.01


def _gate(
    label: str,
    drafts: list[Sample],
    scored: list[list[tuple[str, dict[str, float]]]],
    rules_only: Lexicons,
) -> float:
    """Return the gate of best F1 for the rule's phrase findings on `dev`, the highest of ties
    (the phrase families were tuned on `dev`, so it shows too few of their false alarms), as a
    draft's rule findings stand only where a touched sentence scores at least the gate."""
    from followthrough.domain.checker import check

    rule = RULE_OF[label]
    best: list[tuple[float, bool]] = []  # per draft the rule reports: (best score, expected)
    for draft, sents in zip(drafts, scored, strict=True):
        text = draft.body.replace("’", "'")
        found = [f for f in check(text, draft.ctx, rules_only) if f.rule == rule]
        if found:
            touched = max(_touched(text, sents, label, f.start, f.end) for f in found)
            best.append((touched, rule in draft.expect))
    positives = sum(rule in d.expect for d in drafts)
    pick, top = 0.0, -1.0
    for gate in GATE_STEPS:
        tp = sum(e and b >= gate for b, e in best)
        fp = sum(not e and b >= gate for b, e in best)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 >= top - 1e-9:
            pick, top = gate, max(top, f1)
    return pick


def _detail_gate() -> float:
    """Return the `detail` gate: the score that keeps KEEP_DETAILS of the detail sentences of a
    writer the label never saw (each sentence file held out in turn, a model trained on the
    others; the median over the files). The label learns from written sentences alone, so this
    is chosen without the drafts."""
    import statistics

    gates = []
    files = _detail_files()
    for held, sentences_held in files.items():
        train = [x for name, xs in files.items() if name != held for x in xs]
        scored = zip(_fit_detail(train, sentences_held), sentences_held, strict=True)
        scores = sorted(p for p, (_, is_detail) in scored if is_detail)
        gates.append(scores[int((1 - KEEP_DETAILS) * len(scores))])
        print(f"  detail gate without {held}: {gates[-1]:.3f}")
    return round(statistics.median(gates), 2)


def _detail_files() -> dict[str, list[tuple[str, bool]]]:
    """Return per sentence file its `detail` and `generic` sentences as (text, is detail)."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for path in sorted(SENTENCES.glob("*.toml")):
        with path.open("rb") as f:
            items = tomllib.load(f)["s"]
        mine = [(x["text"], x["label"] == "detail") for x in items if x["label"] in _DETAIL_WRITTEN]
        if mine:
            out[path.stem] = mine
    return out


_DETAIL_WRITTEN = {"detail", "generic"}


def _fit_detail(train: list[tuple[str, bool]], score: list[tuple[str, bool]]) -> list[float]:
    """Return the `detail` scores of `score` by a model of that label alone, fitted on `train`
    as `fit` fits it (features seen at least MIN_COUNT times, C, balanced classes)."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [features(text) for text, _ in train]
    seen = Counter(f for fs in feats for f in fs)
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs if seen[f] >= MIN_COUNT} for fs in feats])
    model = LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=5000)
    model.fit(x, [y for _, y in train])
    probs = model.predict_proba(vec.transform([{f: 1 for f in features(t)} for t, _ in score]))
    return [float(p) for p in probs[:, 1]]


def _detail_threshold(drafts: list[Sample], gate: float) -> float:
    """Return the `detail` threshold at which a sentence names its topic in everyday words: the
    one of best `structure` F1 on the `dev` thank-yous with `gate` (the lowest of ties: the
    threshold takes findings away), or 1.0 for none."""
    from typing import cast

    from followthrough.domain.checker_learned import read_tone
    from followthrough.domain.checker_shape import check_structure
    from followthrough.text.lexicons import load_lexicons

    lex = load_lexicons()
    notes = [d for d in drafts if d.ctx.kind == "thank-you"]
    truth = ["structure" in d.expect for d in notes]
    read = []
    for d in notes:
        text = d.body.replace("’", "'")
        lay = layout(text)
        read.append((text, d, lay, read_tone(lex.tone, text, lay.body_start, lay.body_end)))
    gates, thresholds = cast(dict[str, float], GATES), cast(dict[str, float], THRESHOLDS)
    saved = gates["detail"], thresholds.get("detail", 1.0)
    pick, top = 1.0, -1.0
    try:
        gates["detail"] = gate
        for threshold in DETAIL_THRESHOLDS:
            thresholds["detail"] = threshold
            got = [bool(check_structure(t, d.ctx, lay, lex, tones)) for t, d, lay, tones in read]
            tp = sum(g and e for g, e in zip(got, truth, strict=True))
            f1 = 2 * tp / (sum(got) + sum(truth)) if tp else 0.0
            shown = f"{tp / max(sum(got), 1):.3f} / {tp / max(sum(truth), 1):.3f}, F1 {f1:.3f}"
            print(f"  detail threshold {threshold:.2f} (gate {gate:.2f}): dev structure {shown}")
            if f1 > top + 1e-9 or (abs(f1 - top) <= 1e-9 and threshold < pick):
                pick, top = threshold, max(top, f1)
    finally:
        gates["detail"], thresholds["detail"] = saved
    return pick


def _touched(
    text: str, sents: list[tuple[str, dict[str, float]]], label: str, start: int, end: int
) -> float:
    """Return the best score for `label` of the sentences a finding touches (1.0: none)."""
    scores = [sc[label + "~"] for s, sc in sents if _overlaps(text, s, start, end)]
    return max(scores, default=1.0)


def _overlaps(text: str, sentence: str, start: int, end: int) -> bool:
    at = text.find(sentence)
    return at >= 0 and at < end and start < at + len(sentence)


def _threshold(truth: list[bool], best: list[float]) -> tuple[float, float, float]:
    """Return (threshold, recall, precision) of highest recall at >= PRECISION."""
    pick = (1.0, 0.0, 0.0)
    for step in range(50, 100):
        t = step / 100
        tp = sum(b >= t and e for b, e in zip(best, truth, strict=True))
        fp = sum(b >= t and not e for b, e in zip(best, truth, strict=True))
        if tp and tp / (tp + fp) >= PRECISION and tp / sum(truth) > pick[1]:
            pick = (t, tp / sum(truth), tp / (tp + fp))
    return pick


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the model is stale")
    parser.add_argument("--tune", action="store_true", help="print cross-fitted thresholds")
    args = parser.parse_args(argv)
    if args.tune:
        tune()
        return 0
    if args.check:
        shipped = json.loads(MODEL.read_text(encoding="utf-8"))
        if shipped.get("digest") != digest():
            print(f"{MODEL.name} is not trained on the current sentences: run {__file__}")
            return 1
        return 0
    model = train()
    MODEL.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{MODEL.name}: {model['sentences']} sentences, {len(model['weights'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
