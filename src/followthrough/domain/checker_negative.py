"""The draft checker's `negative-wording` rule: negative words judged by the part they play.

Pure and stdlib only. A word from VADER's lexicon is negative wording when it *judges*: an
adjective or adverb ("chaotic", "sadly"), a noun said of something ("my answers were a disaster",
"I was such a mess"), or a verb with a person doing it or suffering it ("the manager disliked my
answers", "I worry", "I was rejected"). The same words naming the subject of the work pass: "the
problem of delayed discharges", "cascading failures", "calm under stress", "the options that were
rejected". Word classes come from the adapter (`Lexicons.classes`, from lemminflect); a word
without one is read as an adjective. After VADER's own rules, a strong positive word within three
words of a negator is negative too ("interviews have never been my strong suit"), and a negator
before a negative word cancels it ("no problem").
"""

from __future__ import annotations

import bisect
import re

from followthrough.domain.checker_forgot import FORGOT
from followthrough.domain.checker_model import CheckContext, Finding, Lexicons
from followthrough.domain.checker_phrases import (
    NEGATIVE_VALENCE,
    NEGATORS,
    SELF_PRAISE,
    SENTENCE,
    TRADE_TERMS,
    WARNING,
)
from followthrough.domain.checker_senses import LESSON, NEUTRAL_SENSE, PRAISE, SIGNAL, SYMPATHY
from followthrough.domain.checker_text import (
    SECOND_PERSON,
    Spans,
    find_words,
    norm,
    sentence_start,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs and phrases that say something *is* what follows ("was", "felt like", "looked").
COPULAS = _words(
    "is was were be been being am are 's 'm 're seem seems seemed feel feels felt look looks "
    "looked sound sounds sounded became become becomes remain remained remains made make"
)
#: Words that may stand between a copula and the word it predicates ("was such a complete mess").
BETWEEN = _words(
    "a an such so really very quite completely total totally real complete absolute absolutely "
    "utter utterly pretty bit little of honestly frankly just rather kind sort somewhat fairly "
    "bit big huge like too extremely incredibly genuinely truly deeply"
)
#: The doers a judging verb has ("I worry", "the manager disliked", "the panel").
SUBJECTS = _words(
    "i we you he she they who manager boss interviewer interviewers panel recruiter recruiters "
    "employer colleague colleagues"
)
#: The sufferers ("disliked my answers", "undermined me", "by my manager").
OBJECTS = _words("me us him her them my our your his their myself")
#: Words that open a noun phrase: after "is attacking", the participle is a verb.
DETERMINERS = _words("a an the this that these those it all every some any each")
#: Words that make a word that may be an adjective or a noun an adjective ("really poor").
INTENSIFIERS = _words(
    "very really so quite pretty too rather extremely incredibly totally completely utterly "
    "absolutely deeply truly genuinely honestly frankly bit"
)
#: Adverbs that may stand between a person and a verb ("I honestly hated").
ADVERBS = _words(
    "really just honestly clearly probably also still always totally completely simply actually "
    "obviously truly genuinely deeply kind sort of somewhat rather personally"
)
#: Negators after which a strong positive word is not negative ("couldn't be happier").
COMPARATIVE = re.compile(r"(?:more|less|better|enough|happier|prouder|keener)\b", re.IGNORECASE)
#: Punctuation that ends a negator's reach.
STOPS = re.compile(r"[.!?;:,\n]")
#: The messages about an outcome, where a disappointment conceded is a courtesy (no kind: any).
OUTCOME_KINDS = frozenset({None, "rejection-reply", "referee-thanks", "withdraw"})
#: A regret adverb opening a sentence there ("Sadly, I was not selected") is the courtesy of
#: telling an outcome, as "unfortunately" is (VADER scores it milder, so it passes anyway).
REGRET = frozenset({"sadly", "regrettably", "unhappily", "alas"})
#: Feelings about an outcome that a gracious reply may own ("I was disappointed").
FEELINGS = frozenset({"disappointed", "disappointing", "sad", "saddened", "sorry", "gutted"})
#: The writer as the subject of a feeling, within the three words before it ("I was", "I'm so").
_SELF = frozenset({"i", "i'm", "im", "we", "we're"})


def _owned(words: list[str], i: int) -> bool:
    """Return True when the writer is the subject within five words ("I am a bit disappointed")."""
    return any(words[j] in _SELF for j in range(max(0, i - 5), i))


#: A feeling about the outcome owned and conceded in a sentence of its own ("I was disappointed
#: to hear the panel chose another candidate", "It's disappointing, but ...", "which softens the
#: blow"): in the messages about an outcome the learned reading of such a sentence stands only
#: where the sentence also speaks to them ("I'm disappointed you wasted my time").
_CONCEDED = re.compile(
    r"\b(?:I|I'm|I am|I was|I've been|we|we're|we were|it's|it is|it was|that's|that is)\s+"
    r"(?:\w+\s+){0,3}?(?:disappointed|disappointing|sad|saddened|sorry|gutted|a blow)\b"
    r"|\b(?:softens?|cushions?|takes? the sting out of) the (?:blow|sting)\b",
    re.IGNORECASE,
)


def conceded_feeling(kind: str | None, sentence: str) -> bool:
    """Return True for a sentence of an outcome message that owns a feeling about it and does
    not turn on them."""
    return (
        kind in OUTCOME_KINDS
        and bool(_CONCEDED.search(sentence))
        and not SECOND_PERSON.search(sentence)
    )


#: A concession: what it concedes is tempered by what follows ("Although I am disappointed, I
#: enjoyed ..."; "Disappointed, naturally, but I learned ..."), as VADER dampens before "but".
CONCEDING = re.compile(r"\b(?:although|though|even though|while|whilst)\b[^.!?;\n,]{0,200},",
                       re.IGNORECASE)  # fmt: skip
#: How far a concession reaches around its turn, in characters (a sentence is rarely longer).
REACH = 400
#: The turn after a concession ("..., but I learned a lot"): what comes before it is conceded.
TURN = re.compile(r"\b(?:but|however|yet)\b", re.IGNORECASE)
#: Bitterness and sarcasm in words no lexicon scores: mock patience ("I'm sure you're all very
#: busy", "eventually finding the time"), parting shots ("good luck with that", "their loss"),
#: insinuation ("a formality", "someone cheaper", "tells you everything"), and the nouns of
#: contempt VADER lacks ("a shambles", "a farce").
BITTER = re.compile(
    r"\bI'?m sure (?:you(?:'re| are)|they(?:'re| are)|everyone is) (?:all )?(?:very |terribly |"
    r"extremely )?busy\b|\bI'?m sure (?:the|those|that|it) [^.!?\n]{0,60}?(?:were|was) "
    r"(?:character[- ]building|worth it|fine|nothing)\b"
    r"|\b(?:eventually|finally|at last) (?:finding|found|find|getting|got|get|receiv\w*|hear\w*"
    r"|repl\w*|respond\w*|answer\w*) (?:the )?(?:time|an? (?:answer|reply|response)|back|from)"
    r"|\bgood luck with that\b|\b(?:their|your|its) loss\b|\b(?:will|'ll) regret it\b"
    r"|\bpretty rich\b|\btells? you (?:everything|all you need)|\byou'?d think (?:someone|they"
    r"|you|a company)|\bnot a (?:peep|word|squeak)\b|\b(?:only|just|merely) (?:completing |going "
    r"through )?a formality\b|\bbefore (?:my|the) interview (?:had )?even (?:started|began)"
    r"|\bsomeone (?:cheaper|younger|with half)|\bcounts? for (?:rather |very |so )?(?:less|little)"
    r"|\b(?:a|an absolute|a complete|a total) (?:shambles|farce|circus|fiasco|joke|shambolic \w+)\b"
    r"|\b(?:I'?d|I would) not have hired me\b|\bdo(?:es)? not consider the time of\b"
    r"|\b(?:clearly|obviously) you (?:were|are) (?:looking for|not)"
    # complaint and self-reproach in mild words: "not exactly the most supportive", "not my
    # finest hour", "a bit much", "a letdown", "all over the place", "kicking myself"
    r"|\bnot (?:exactly |really |always )?(?:been |being )?the most (?:supportive|organi[sz]ed"
    r"|helpful|responsive|professional|welcoming|patient|competent|efficient)\b"
    r"|\bnot (?:my|our) (?:finest|best|strongest|proudest) (?:hour|moment|day|performance|answer)"
    r"|\bkicking myself\b|\b(?:a bit|rather|bit) much\b|\b(?:a |bit of a |a real )letdown\b"
    r"|\bnot worth (?:it|the)\b|\b(?:felt|seemed|was) (?:a bit |rather |quite |really )?"
    r"(?:excessive|pointless|a waste)\b|\bwaste of (?:my |everyone's |our )?time\b"
    r"|\b(?:a bit |rather |completely |totally )?all over the place\b"
    r"|\b(?:no|not a) surprise (?:really )?(?:given|considering)\b|\bcouldn't even\b"
    r"|\bate (?:up )?(?:my|the) (?:whole |entire )?(?:weekend|evening|week)\b"
    r"|\bdisorgani[sz]ed\b|\b(?:gone|going|went|go) downhill\b|\bhold(?:ing)? my breath\b"
    r"|\b(?:simply|just) (?:how|the way) (?:things are|it's|it is) done\b"
    r"|(?<!not )(?<!n't )\btoo much to ask\b"
    r"|\b(?:leav\w*|left) (?:me|us|candidates|people) hanging\b|\bgood luck with whoever\b"
    r"|\bthanks?(?: you)?(?: for [^.!?\n]{0,40})?, I guess\b"
    # contempt in idiom: "wouldn't know a sound risk if it walked in", "cut every corner",
    # "nobody bothered to", "Must be nice."
    r"|\b(?:wouldn't|would not|couldn't|could not) (?:recogni[sz]e|know|spot) [\w' -]{1,40}? if "
    r"(?:it|one|they|he|she) (?:walked|hit|bit|came|stared|slapped|jumped)\b"
    r"|\bcut(?:s|ting)? (?:every|all the|any|a lot of|too many) corners?\b"
    r"|\bmust be nice(?: for (?:it|them|him|her|some))?[.!]"
    r"|\b(?:nobody|no one|no-one|never|didn't even|did not even) (?:even )?bother(?:ed)? to\b"
    r"|\b(?:couldn't|could not) (?:even )?be bothered\b"
    # self-reproach: "made a real hash of", "my nerves got the better of me", "half-baked"
    r"|\bmade (?:a |an )?(?:real |complete |total |absolute )?(?:hash|mess|muddle|pig's ear|dog's"
    r" dinner) of\b|\b(?:nerves|anxiety) got the better of me\b|\bhalf-baked\b"
    r"|\bcame out (?:all )?(?:garbled|wrong|muddled|jumbled)\b|\b(?:sink|sank|sunk|ruin\w*|blow"
    r"|blew|blown) my chances\b"
    # complaint about them: "seemed checked out", "cut me off", "a box-ticking charade"
    r"|\b(?:seemed|were|was|looked) (?:completely |totally |a bit )?(?:checked out|distracted"
    r"|disengaged|uninterested|bored)\b|\bcut me off\b|\bnot (?:sure (?:they|you) )?(?:got|get"
    r"|gave|given) (?:me )?a fair (?:picture|chance|hearing|shot)\b|\bstitched[- ]up\b"
    r"|\bcharade\b|\bbox[- ]ticking\b|\bfed up\b|\bwast(?:ing|ed) (?:my |our )?(?:evenings"
    r"|weekends|time)\b|\bthe (?:basic )?courtesy of a (?:reply|response)\b|\bsays (?:a lot"
    r"|everything|it all) about\b|\bnot sure what more\b",
    re.IGNORECASE,
)
#: A positive word at or above this VADER valence, within three words after a negator, is negative.
NEGATED_POSITIVE = 2.0


def _negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


#: "without question", "no doubt": a negator that only makes what follows surer.
_SURE = frozenset({"question", "doubt", "doubts", "fail", "exception"})


def _negates(words: list[str], j: int) -> bool:
    """Return True when word `j` negates what follows ("not", "never", "isn't"), not when it
    only makes it surer ("without question the best", "no doubt")."""
    sure = words[j] in ("without", "no") and j + 1 < len(words) and words[j + 1] in _SURE
    return _negator(words[j]) and not sure


def _before(words: list[str], i: int, skip: frozenset[str]) -> int:
    """Return the index of the nearest word before `i` not in `skip` (-1 when none)."""
    j = i - 1
    while j >= 0 and words[j] in skip:
        j -= 1
    return j


def _predicated(words: list[str], i: int) -> bool:
    """Return True when word `i` is said of something: "was (such) a mess", "what a disaster"."""
    j = _before(words, i, BETWEEN)
    return j >= 0 and (words[j] in COPULAS or words[j] == "what")


def _by_person(words: list[str], i: int) -> bool:
    """Return True when verb `i` has a person doing or suffering it."""
    j = _before(words, i, ADVERBS)
    if j >= 0 and words[j] in SUBJECTS:
        return True  # "I worry", "the manager disliked"
    if j >= 0 and words[j] in COPULAS:
        k = _before(words, j, ADVERBS | {"have", "has", "had", "'ve"})
        if k >= 0 and words[k] in SUBJECTS:
            return True  # "I was rejected", "I have been undermined"
    nxt = words[i + 1] if i + 1 < len(words) else ""
    after = words[i + 2] if i + 2 < len(words) else ""
    return nxt in OBJECTS or (nxt == "by" and after in OBJECTS | SUBJECTS | {"the"})


def judges(words: list[str], i: int, classes: str) -> bool:
    """Return True when negative word `i`, of word classes `classes` (A, N, R, V), judges.

    An adjective or adverb judges; one that may also be a noun only when said of something or
    intensified ("was poor", "really poor", not "wool waste"). A noun judges when said of
    something ("was a failure"); a verb when a person does or suffers it.
    """
    adjective = "A" in classes or "R" in classes
    if adjective and ("N" not in classes or (i and words[i - 1] in INTENSIFIERS)):
        return True
    if "V" in classes and (_by_person(words, i) or _adjectival(words, i)):
        return True
    return ("N" in classes or "A" in classes) and _predicated(words, i)


def _adjectival(words: list[str], i: int) -> bool:
    """Return True when a participle stands as an adjective: "is pretty frustrating"."""
    if not _predicated(words, i):
        return False
    if words[i - 1] in INTENSIFIERS:
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return words[i].endswith("ing") and nxt not in OBJECTS | DETERMINERS


#: Endings that keep a word's sense: "disrespectful" is as negative as "disrespect", which is
#: in VADER's lexicon when the derived form is not.
_KEEPING = ("fully", "ful")


def _valence(word: str, lex: Lexicons) -> float | None:
    """Return VADER's valence of `word`, or of its stem when only the stem is listed."""
    valence = lex.negative.get(word)
    if valence is None:
        for ending in _KEEPING:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return lex.negative.get(word[: -len(ending)])
    return valence


def _finding(start: int, end: int, shown: str, valence: float) -> Finding:
    return Finding(
        "negative-wording",
        WARNING,
        start,
        end,
        f"{shown!r} reads as negative (VADER {valence:+.1f}): say it positively, e.g. what you "
        "learned or look forward to",
    )


def check_negative_wording(
    text: str, ctx: CheckContext, lex: Lexicons, mask: bytearray, own: frozenset[str]
) -> list[Finding]:
    """Return the `negative-wording` findings: words that judge negatively, in their context."""
    # a feeling about the outcome, owned and set aside, belongs to the messages about an outcome
    outcome = ctx.kind in OUTCOME_KINDS
    matches = list(find_words(text))
    words = [norm(m.group()) for m in matches]
    # a boast is the sales pitch's ("I doubt you will meet anyone ..."), not negative wording
    # and a word of back-pedalling ("I neglected to mention") is the forgot-to-mention rule's
    # and a sentence telling a hard thing as a lesson or as work enjoyed judges no one in its words
    quiet = Spans(
        [
            *(
                m.span()
                for p in (TRADE_TERMS, SIGNAL, NEUTRAL_SENSE, SYMPATHY, PRAISE, SELF_PRAISE, FORGOT)
                for m in p.finditer(text)
            ),
            *(m.span() for m in SENTENCE.finditer(text) if LESSON.search(m.group())),
        ]
    )
    conceded = Spans(_conceded(text) if outcome else [])
    found: list[Finding] = []
    for i, (m, word) in enumerate(zip(matches, words, strict=True)):
        if mask[m.start()] or word in own or m.start() in quiet or _titled(text, m.start()):
            continue
        if outcome and word in REGRET and sentence_start(text, m.start()):
            continue
        if word in FEELINGS and _owned(words, i) and (outcome or _set_aside(text, m.end())):
            continue  # "I was disappointed": owned, a courtesy (elsewhere once set aside)
        near = range(max(0, i - 3), i)
        valence = _valence(word, lex)
        if valence is not None and valence <= NEGATIVE_VALENCE:
            if not any(_negates(words, j) for j in near) and judges(
                words, i, lex.classes.get(word, "A")
            ):
                found.append(_finding(m.start(), m.end(), m.group(), valence))
            continue
        lift = lex.positive.get(word, 0.0)
        neg = next((j for j in near if _negates(words, j)), None)
        # "users who are not confident with technology" describes them, and judges no one
        described = neg is not None and "who" in words[max(0, neg - 3) : neg]
        # the negator takes the negative word between: "without losing their trust"
        twice = neg is not None and any(
            (_valence(w, lex) or 0.0) < 0 for w in words[neg + 1 : i]
        )
        if lift >= NEGATED_POSITIVE and neg is not None and not described and not twice:
            between = text[matches[neg].end() : m.start()]
            if not STOPS.search(between) and not COMPARATIVE.search(between + m.group()):
                start = matches[neg].start()
                found.append(_finding(start, m.end(), text[start : m.end()], -0.74 * lift))
    taken = Spans((f.start, f.end) for f in found)
    for m in BITTER.finditer(text):
        if not mask[m.start()] and not any(p in taken for p in (m.start(), m.end() - 1)):
            found.append(Finding("negative-wording", WARNING, m.start(), m.end(),
                                 f"{m.group()!r} reads as bitter or sarcastic: say it plainly and"
                                 " positively, or leave it out"))  # fmt: skip
    return _tempered(text, sorted(found, key=lambda f: f.start), conceded)


def _set_aside(text: str, end: int) -> bool:
    """Return True when the sentence goes on from `end` to turn ("but", "however", "yet")."""
    stop = min((i for i in (text.find(c, end) for c in ".!?;\n") if i >= 0), default=len(text))
    return TURN.search(text, end, stop) is not None


def _titled(text: str, pos: int) -> bool:
    """Return True for a word capitalised where a sentence does not start: part of a name or a
    title ("the Nonprofits Are Messy podcast", "Breaking Bad"), which judges nothing."""
    return text[pos].isupper() and not sentence_start(text, pos)


def _conceded(text: str) -> list[tuple[int, int]]:
    """Return the spans a sentence concedes: an "although ..." clause up to its comma, and
    what precedes "but" / "however" / "yet" in its sentence."""
    spans = [m.span() for m in CONCEDING.finditer(text)]
    for m in TURN.finditer(text):
        reach = max(0, m.start() - REACH)
        start = max(reach - 1, *(text.rfind(c, reach, m.start()) for c in ".!?;\n")) + 1
        spans.append((start, m.end()))
    return spans


def _tempered(text: str, found: list[Finding], conceded: Spans) -> list[Finding]:
    """Return the findings but those inside a concession whose sentence judges nothing else:
    a feeling owned and then set aside is not a complaint."""
    starts = [f.start for f in found]
    kept = []
    for f in found:
        span = conceded.holding(f.start)
        if span is not None:
            ends = (text.find(c, span[1], span[1] + REACH) for c in ".!?\n")
            end = min((i for i in ends if i >= 0), default=min(len(text), span[1] + REACH))
            after = bisect.bisect_left(starts, span[1]), bisect.bisect_left(starts, end)
            inside = bisect.bisect_left(starts, span[1]) - bisect.bisect_left(starts, span[0])
            if after[0] == after[1] and inside == 1:  # one feeling owned, then set aside
                continue
        kept.append(f)
    return kept
