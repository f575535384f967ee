"""The draft checker: a draft's text in, findings out (PRODUCT.md §3).

Pure: the word lists come in as `Lexicons` (followthrough.text.lexicons loads VADER's lexicon and
pyspellchecker's dictionary), the facts of the application as `CheckContext`. The guards of §1.2
are not run here: the service adds their verdicts for drafts of dated actions.

Severities: `error` means the message must not go out like this (an unfilled placeholder, a name
from another application, a LinkedIn note LinkedIn would refuse); `warning` means it goes against
the guidance; `info` is worth a look (a word that is probably a name). Spans are character offsets
[start, end) into the text; a finding about something *missing* has start == end, at the place
where the missing part would go.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker has to say about a draft, with the span it is about."""

    rule: str
    severity: str
    start: int
    end: int
    message: str

    def as_dict(self) -> dict[str, str | int]:
        """Return the finding in the JSON shape of PRODUCT.md §3."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckContext:
    """What the checker knows about the draft: its kind and the names and notes around it."""

    kind: str | None = None
    own_names: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    extra_known_words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Accept lists too; tuples keep the context hashable, so per-context work can be cached.
        for name in ("own_names", "other_names", "topics", "projects", "extra_known_words"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(v for v in value if v and v.strip()))


@dataclass(frozen=True)
class Lexicons:
    """The word lists the checker reads: loaded by an adapter, hand-made in tests."""

    negative: Mapping[str, float]
    known: Callable[[str], bool]
    suggest: Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Limit:
    """How long a draft of one kind may be; `None` means not checked."""

    words: int | None = None
    paragraphs: int | None = None
    paragraph_words: int | None = None
    chars: int | None = None
    severity: str = WARNING
    why: str = ""


_EMAIL_WHY = "a few short lines get read (brightcareer)"
#: Length limits per draft kind. LinkedIn refuses a connection note over 300 characters.
LIMITS: Mapping[str, Limit] = {
    "thank-you": Limit(150, 3, 75, why="PRODUCT.md §3: <= 150 words in <= 3 short paragraphs"),
    "recruiter-thanks": Limit(150, 3, 75, why=_EMAIL_WHY),
    "referee-heads-up": Limit(150, 3, 75, why="position, company, who may call: no more"),
    "value-add": Limit(150, 3, 75, why="the article or event, one line on why, no ask"),
    "rejection-reply": Limit(150, 3, 75, why=_EMAIL_WHY),
    "check-in": Limit(120, 3, 75, why="a nudge: interest, patience, one question"),
    "referee-thanks": Limit(120, 3, 75, why="a thank-you and the outcome"),
    "withdraw": Limit(120, 3, 75, why="courteous and brief; no need to explain at length"),
    "linkedin-recruiter": Limit(chars=300, severity=ERROR, why="LinkedIn's note limit"),
    "linkedin-interviewer": Limit(chars=300, severity=ERROR, why="LinkedIn's note limit"),
}
#: Any other text (`lint` without `--kind`): only a hint when it runs long.
DEFAULT_LIMIT = Limit(200, 4, 100, severity=INFO, why="a follow-up is short whatever its kind")
#: VADER valence at or below which a word counts as clearly negative (VADER's scale is -4..+4).
NEGATIVE_VALENCE = -1.5
#: More claims than this in one draft is a sales pitch (carter-schwartz: one or two).
MAX_CLAIMS = 2
MAX_SUPERLATIVES = 2


@dataclass(frozen=True, slots=True)
class Rule:
    """Documentation of one checker rule (docs/checker.md is generated from these)."""

    id: str
    severities: str
    checks: str
    sources: str


RULES: tuple[Rule, ...] = (
    Rule(
        "length",
        "warning; error for a LinkedIn note; info without a kind",
        "words and short paragraphs per kind (see the limits below); greeting and sign-off "
        "lines are not paragraphs",
        "brightcareer",
    ),
    Rule(
        "structure",
        "warning, one per missing part",
        "a thank-you has: thanks; one specific topic from the interview (one of the debrief's "
        "topics, or a phrase about what was discussed that is more than 'the role'); the subtle "
        "sell (enthusiasm *and* fit, or one of the debrief's projects); an offer to send "
        "anything further",
        "stafffinders, carter-schwartz",
    ),
    Rule(
        "forgot-to-mention",
        "warning",
        "back-pedalling: 'I forgot to mention', 'I should have said', 'I didn't get the chance "
        "to', 'what I meant was', 'to clarify my answer', ...",
        "mining-people",
    ),
    Rule(
        "sales-pitch",
        "warning",
        f"more than {MAX_CLAIMS} projects or achievements (a debrief project, or 'I led / built "
        f"/ grew ...'), or more than {MAX_SUPERLATIVES} superlatives ('perfect', 'best', "
        "'world-class', ...)",
        "carter-schwartz",
    ),
    Rule(
        "negative-wording",
        "warning",
        f"words of the VADER lexicon with valence <= {NEGATIVE_VALENCE}; skipped when negated "
        "within three words as VADER does ('no problem', 'without any trouble'), in the "
        "application's names, the debrief's topics and projects and the extra known words, in a "
        "few trade terms ('technical debt', 'error handling', 'fraud detection', 'the problems "
        "your team is solving', ...), and inside a forgot-to-mention or pushy phrase",
        "stafffinders",
    ),
    Rule(
        "spelling",
        "warning; info for a capitalised word that is probably a name",
        "words the dictionary does not know (the application's own names, the debrief's topics "
        "and projects, extra known words, acronyms, URLs, e-mail addresses and numbers are "
        "skipped, and so is a word already reported as a wrong name); doubled words "
        "('the the'; 'had had' and 'that that' are grammatical)",
        "-",
    ),
    Rule(
        "placeholder",
        "error",
        "unfilled template slots: `{name}`, `{{ x }}`, `{% ... %}`, `[Company]`, `[insert ...]`, "
        "`<NAME>`, `$name`, `XXX`, `TODO`, `TBD`, `___`, an empty greeting ('Dear ,')",
        "-",
    ),
    Rule(
        "pushy",
        "warning",
        "pressure: 'has a decision been made yet?', 'I need an answer', 'please respond by', "
        "'as soon as possible' about their reply, 'I have not heard back', 'my second e-mail', "
        "'gentle reminder', ...",
        "carter-schwartz",
    ),
    Rule(
        "wrong-name",
        "error",
        "a company, role or person of another of the user's applications (whole words, any "
        "case; a name that is a plain dictionary word only when capitalised), and a greeting to "
        "another application's contact by first name ('Hi Ravi') or title and surname ('Dear "
        "Mr Holm'); never a name that is also one of this application's",
        "hays",
    ),
)

# ---------------------------------------------------------------- shared text helpers

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]*")
_GREETING = re.compile(
    r"\s*(?:(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n]{0,60}|[^\n]{1,40},)\s*",
    re.IGNORECASE,
)
_SALUTE = re.compile(
    r"\s*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n]{0,60}[,!:]\s*",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"\s*(?:(?:with\s+)?(?:best|kind|warm|warmest|many|all the|sincere|thanks(?: again)?"
    r"|thank you(?: again)?)(?:\s+(?:regards|wishes|thanks|best))?|regards|sincerely"
    r"|yours(?: sincerely| truly| faithfully)?|cheers|respectfully|warmly|talk soon|speak soon)"
    r"\s*[,.!]?\s*",
    re.IGNORECASE,
)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOP = _set(
    "a an the and or of to in on at for with by from about into over my our your their his her "
    "its this that these those is are was were be been it i we you me us how what why when new "
    "up out as so also more some any all"
)


def word_count(text: str) -> int:
    """Return the number of words in `text` (whitespace-separated tokens with a letter or digit)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def _words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    return _WORD.finditer(text, start, len(text) if end is None else end)


def _norm(word: str) -> str:
    return word.replace("’", "'").lower()


def _stem(word: str) -> str:
    word = _norm(word).removesuffix("'s")
    return word[:5]


def _content_stems(phrase: str) -> frozenset[str]:
    words = [_norm(w) for w in _WORD.findall(phrase)]
    content = [w for w in words if w not in _STOP and len(w) >= 4] or [
        w for w in words if w not in _STOP
    ]
    return frozenset(_stem(w) for w in content)


def _mentions(phrase: str, text: str, start: int = 0, end: int | None = None) -> bool:
    """Return True when at least half of `phrase`'s content words occur in text[start:end]."""
    wanted = _content_stems(phrase)
    if not wanted:
        return False
    found = {_stem(m.group()) for m in _words(text, start, end)} & wanted
    return len(found) * 2 >= len(wanted)


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the note is (after a Subject: line and a covering request) and its body."""

    note_start: int
    body_start: int
    body_end: int
    paragraphs: tuple[tuple[int, int], ...]


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start() : m.end()].strip()]


def _is_greeting(line: str) -> bool:
    return bool(_GREETING.fullmatch(line)) and word_count(line) <= 6


def _layout(text: str) -> _Layout:
    lines = _lines(text)
    note = start = 0
    end = len(text)
    i = 0
    if lines and text[lines[0][0] : lines[0][1]].lstrip().lower().startswith("subject:"):
        note = start = lines[0][1]
        i = 1
    if i < len(lines) and _is_greeting(text[lines[i][0] : lines[i][1]]):
        start = lines[i][1]
    for s, e in lines[-4:]:
        if s >= start and _CLOSING.fullmatch(text[s:e]) and word_count(text[s:e]) <= 4:
            end = s
            break
    # A note forwarded through a recruiter ("Hi Jane, could you pass this on to Ann?" then
    # "Dear Ann,"): the note is what follows the last greeting that opens a paragraph.
    for s, e in lines[i + 1 :]:
        if (
            start <= s < end
            and text[:s].rstrip(" \t").endswith("\n\n")
            and _SALUTE.fullmatch(text[s:e])
            and word_count(text[s:e]) <= 6
        ):
            note, start = s, e
    paragraphs = []
    pos = start
    for piece in [*_PARA_BREAK.finditer(text, start, end), None]:
        stop = end if piece is None else piece.start()
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            paragraphs.append((pos + lead, pos + len(chunk.rstrip())))
        if piece is not None:
            pos = piece.end()
    if paragraphs:
        start, end = paragraphs[0][0], paragraphs[-1][1]
    return _Layout(note, start, end, tuple(paragraphs))


# ---------------------------------------------------------------- length


def _limit(kind: str | None) -> Limit:
    return LIMITS.get(kind or "", DEFAULT_LIMIT)


def _length(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
    limit = _limit(ctx.kind)
    found: list[Finding] = []
    if limit.chars is not None:
        stripped = text.strip()
        if len(stripped) > limit.chars:
            lead = len(text) - len(text.lstrip())
            found.append(
                Finding(
                    "length",
                    limit.severity,
                    lead + limit.chars,
                    lead + len(stripped),
                    f"{len(stripped)} characters: a {ctx.kind} note takes at most {limit.chars} "
                    f"({limit.why}); cut {len(stripped) - limit.chars}",
                )
            )
    if limit.words is not None:
        tokens = [
            m
            for m in re.finditer(r"\S+", text[lay.note_start :])
            if any(c.isalnum() for c in m.group())
        ]
        if len(tokens) > limit.words:
            found.append(
                Finding(
                    "length",
                    limit.severity,
                    lay.note_start + tokens[limit.words].start(),
                    lay.note_start + tokens[-1].end(),
                    f"{len(tokens)} words: keep a {ctx.kind or 'message'} to {limit.words} "
                    f"or fewer ({limit.why}); cut {len(tokens) - limit.words}",
                )
            )
    if limit.paragraphs is not None and len(lay.paragraphs) > limit.paragraphs:
        found.append(
            Finding(
                "length",
                limit.severity,
                lay.paragraphs[limit.paragraphs][0],
                lay.body_end,
                f"{len(lay.paragraphs)} paragraphs: use at most {limit.paragraphs} short ones",
            )
        )
    if limit.paragraph_words is not None:
        for s, e in lay.paragraphs:
            n = word_count(text[s:e])
            if n > limit.paragraph_words:
                found.append(
                    Finding(
                        "length",
                        limit.severity,
                        s,
                        e,
                        f"a {n}-word paragraph: keep paragraphs short (at most "
                        f"{limit.paragraph_words} words); split it or cut it down",
                    )
                )
    return found


# ---------------------------------------------------------------- structure of a thank-you

_THANKS = re.compile(
    r"\b(?:thank|thanks|grateful|gratitude|appreciate[ds]?|appreciation)\b", re.IGNORECASE
)
_TOPIC_CUE = re.compile(
    r"\b(?:discuss(?:ed|ing)?|discussion (?:about|of|on)|talk(?:ed|ing)? (?:about|through)"
    r"|conversation (?:about|on|around)|chat(?:ting)? about|hear(?:ing)? (?:about|how|more)"
    r"|learn(?:ing|ed|t)? (?:about|how|more)|(?:you|we) (?:mentioned|described|explained|shared"
    r"|outlined|covered|spoke about|touched on|went through|walked me through|showed me)"
    r"|insights? into|your (?:plans|vision|thoughts|perspective|take|approach) (?:for|on|to)"
    r"|(?:exchange|question|questions) (?:about|on)|the (?:part|moment) (?:about|where|when))\b",
    re.IGNORECASE,
)
_GENERIC = (
    _set(
        "role position job opportunity company team interview interviews today yesterday "
        "everything things thing time meeting vacancy post organisation organization business "
        "chance details detail opening conversation process morning afternoon"
    )
    | _STOP
)
_ENTHUSIASM = re.compile(
    r"\b(?:excit\w*|enthusias\w*|keen|eager\w*|thrill\w*|delighted|look(?:ing)? forward"
    r"|(?:really|very|all the more|even more|more|genuinely|truly|highly) (?:interested|motivated"
    r"|drawn)|would love|love to|appeal\w*|inspir\w*|energi[sz]\w*|motivat\w*|passion\w*"
    r"|can't wait|cannot wait|(?:strong|real|genuine) interest|relish\w*|jump at"
    r"|would (?:welcome|value|enjoy|be glad of) the (?:chance|opportunity)"
    r"|hope to (?:join|work))\b",
    re.IGNORECASE,
)
_FIT = re.compile(
    r"\b(?:fit|fits|match\w*|background|experience\w*|skills?|strengths?|bring|contribut\w*"
    r"|align\w*|suited|well[ -]placed|relevant|track record|similar|(?:I|I've|I have)\s+"
    r"(?:led|built|worked|spent|run|ran|managed|delivered|designed|developed|shipped|did)"
    r"|my (?:work|time|years|role|project|team)|at my (?:current|last|previous))\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:anything (?:else|further|more)|any (?:further|other|more|additional) (?:information"
    r"|details|questions|materials|examples)|further (?:information|details|questions|examples)"
    r"|(?:happy|glad|pleased) to (?:send|provide|share|answer|help|clarify|forward|supply|discuss)"
    r"|let me know if|(?:do not|don't) hesitate|feel free to|should you need|if you (?:need|would"
    r" like|'d like|want)|if (?:it|that) (?:would|could|might) help|(?:can|could) (?:send|share"
    r"|provide) (?:you|over))\b",
    re.IGNORECASE,
)


def _specific_after(text: str, m: re.Match[str], end: int, generic: frozenset[str]) -> bool:
    """Return True when a topic cue is followed by more than generic words (the role, the team)."""
    for n, w in enumerate(_words(text, m.end(), end)):
        if n >= 8 or any(c in text[m.end() : w.start()] for c in ".!?\n"):
            return False
        word = _norm(w.group())
        if len(word) >= 4 and word not in generic:
            return True
    return False


def _own_words(ctx: CheckContext) -> frozenset[str]:
    return frozenset(_norm(w) for n in ctx.own_names for w in _WORD.findall(n))


def _structure(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
    if ctx.kind != "thank-you":
        return []
    s, e = lay.body_start, lay.body_end
    found: list[Finding] = []

    def missing(at: int, message: str) -> None:
        found.append(Finding("structure", WARNING, at, at, message))

    if not _THANKS.search(text, s, e):
        missing(s, "no thanks: open by thanking them for their time and the conversation")
    topic = any(_mentions(t, text, s, e) for t in ctx.topics)
    if not topic:
        generic = _GENERIC | _own_words(ctx)
        topic = any(_specific_after(text, m, e, generic) for m in _TOPIC_CUE.finditer(text, s, e))
    if not topic:
        hint = f" (from your debrief: {ctx.topics[0]!r})" if ctx.topics else ""
        missing(
            s,
            "no specific topic from the interview: mention one thing you discussed"
            f"{hint}, so the note could not have been sent to anyone else",
        )
    enthusiasm = bool(_ENTHUSIASM.search(text, s, e))
    fit = bool(_FIT.search(text, s, e) or _CLAIM.search(text, s, e)) or any(
        _mentions(p, text, s, e) for p in ctx.projects
    )
    if not (enthusiasm and fit):
        lacking = " and ".join(x for x, ok in (("enthusiasm", enthusiasm), ("fit", fit)) if not ok)
        missing(
            s,
            f"no subtle sell ({lacking} missing): say in a sentence that you are keen "
            "and why you fit, e.g. one project of yours that matches what they need",
        )
    if not _OFFER.search(text, s, e):
        missing(
            e,
            "no offer to send anything further: end with 'if anything else would help, "
            "I am happy to send it'",
        )
    return found


# ---------------------------------------------------------------- phrase rules


def _phrases(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_VERB_SAY = (
    r"(?:mention(?:ed)?|say|said|tell|told|add|added|bring up|brought up|explain"
    r"|explained|share|shared|highlight|highlighted|talk about|go into|cover)"
)
_FORGOT = _phrases(
    rf"\bI (?:completely |totally |also )?forgot (?:to )?{_VERB_SAY}",
    r"\bI (?:completely |totally )?forgot (?:about|that)\b",
    rf"\bI (?:should|could|would|ought to) have (?:also )?{_VERB_SAY}",
    r"\bI (?:should|could) have (?:answered|asked|said|given|been clearer|done better)",
    rf"\bI (?:didn't|did not|never|wasn't able to|was not able to|couldn't|could not) "
    rf"(?:get|have|find|got) (?:the|a|an|much) (?:chance|opportunity|time) to {_VERB_SAY}",
    rf"\bI (?:neglected|failed|omitted|meant|forgot) to {_VERB_SAY}",
    rf"\bI wish I (?:had|'d) {_VERB_SAY}",
    r"\bwhat I (?:really )?(?:meant|should have said|wanted to say|was trying to say)\b",
    r"\bslipped my mind\b|\bin hindsight\b|\bmy mind went blank\b|\bI (?:blanked|froze|rambled)\b",
    rf"\bI (?:didn't|did not|never) {_VERB_SAY}",
    r"\b(?:clarify|correct|revisit|fix|improve on|redo) (?:my|an|the|one of my) (?:earlier )?"
    r"(?:answer|response|reply)",
    r"\bI (?:may|might) not have (?:explained|made (?:it |myself )?clear|mentioned|answered)",
    r"\bmy answer (?:to|about|on) [^.?!\n]{0,60}(?:wasn't|was not|could have been|didn't|did not)",
    r"\bI reali[sz]ed? (?:afterwards |later |now )?(?:that )?I (?:didn't|did not|never|forgot)",
    r"\bsorry,? (?:but )?I (?:forgot|didn't|did not|missed)",
    r"\bI (?:undersold|underplayed|understated|downplayed|glossed over)\b",
    r"\b(?:didn't|did not) do (?:myself|it|my \w+) justice",
    r"\blooking back,? (?:I|my answer)\b",
    r"\bone (?:more|last) thing I (?:forgot|didn't|did not)",
)
_PUSHY = _phrases(
    r"\bha(?:s|ve) (?:a|the|any|your) (?:final )?decisions? (?:already )?been "
    r"(?:made|reached|taken)",
    r"\bhave you (?:made|reached|come to|taken) (?:a|your|the|any) (?:final )?decision",
    r"\bI (?:really |urgently |do )?need (?:an answer|a decision|a response|a reply|to know|to hear"
    r"|your answer|your decision|feedback|an update)",
    r"\b(?:I|we) (?:must|have to) (?:know|hear|have (?:an|your) answer)",
    r"\bplease (?:respond|reply|answer|revert|get back to me|confirm|let me know|decide) "
    r"(?:by|before|within|no later than|today|tomorrow|this week|asap|urgently|immediately)",
    r"\b(?:respond|reply|answer|get back to me|hear back|hearing back|hear from you|hearing from"
    r" you|your decision) (?:by|before|no later than) (?:the )?(?:end|close|tomorrow|today|monday"
    r"|tuesday|wednesday|thursday|friday|\d)",
    r"\b(?:asap|a\.s\.a\.p\b|urgently|without (?:any )?(?:further )?delay)",
    r"\bI(?:'ve| have|'m| am) (?:still )?(?:been )?waiting (?:for|to hear|on|since)",
    r"\bI (?:still )?(?:haven't|have not) (?:yet )?(?:heard|received) (?:back|anything|a reply"
    r"|a response|any|from)",
    r"\byou (?:still )?(?:haven't|have not|never|didn't|did not) (?:yet )?(?:replied|responded"
    r"|got back|gotten back|answered|come back|reply|respond|answer)",
    r"\bwhy (?:haven't|have not|hasn't|has not|didn't|did not|is it taking)\b",
    r"\b(?:this is )?my (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:e-?mail|message|attempt"
    r"|follow-up|time (?:writing|asking|following up))",
    r"\bas I (?:said|wrote|mentioned|asked) in my (?:last|previous|earlier) (?:e-?mail|message)",
    r"\bfollowing up (?:again|once more|yet again)|\bchasing (?:you|this|up)"
    r"|\b(?:gentle|friendly|quick) reminder|\bjust a reminder",
    r"\bI expect (?:to hear|an answer|a response|a reply|a decision|feedback)",
    r"\bby (?:the )?(?:end of (?:the )?(?:day|business|play|week)|close of business|EOD|COB|EOW)\b",
    r"\b(?:get back to me|reply|respond|answer me|hear back|an answer|a decision|a reply"
    r"|a response) (?:today|tonight|tomorrow|this (?:morning|afternoon|evening)"
    r"|within \w+ (?:hours|days))\b",
)
# "As soon as possible" is pushy about their answer, not about what the candidate will send.
_ASAP = re.compile(r"\b(?:as soon as (?:possible|you can)|at once|right away)\b", re.IGNORECASE)
_ABOUT_REPLY = re.compile(
    r"\b(?:let me know|hear|reply|respond|answer|decision|decide|get back|come back|update me"
    r"|revert|feedback)\b",
    re.IGNORECASE,
)


def _phrase_findings(
    pattern: re.Pattern[str],
    text: str,
    rule: str,
    message: str,
    start: int = 0,
    end: int | None = None,
) -> list[Finding]:
    found: list[Finding] = []
    last = -1
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if m.start() >= last:
            found.append(Finding(rule, WARNING, m.start(), m.end(), message.format(m.group())))
            last = m.end()
    return found


def _forgot(text: str) -> list[Finding]:
    return _phrase_findings(
        _FORGOT,
        text,
        "forgot-to-mention",
        "'{}' back-pedals and draws attention to a gap: drop it, or make the point positively "
        "('Our conversation about X made me think of ...')",
    )


def _pushy(text: str) -> list[Finding]:
    message = (
        "'{}' sounds like pressure: say you understand these things take time and ask "
        "politely where the process stands or whether there is an updated timeline"
    )
    found = _phrase_findings(_PUSHY, text, "pushy", message)
    for m in _ASAP.finditer(text):
        sentence = next(
            (s for s in _SENTENCE.finditer(text) if s.start() <= m.start() < s.end()), None
        )
        if sentence is not None and _ABOUT_REPLY.search(sentence.group()):
            found.append(Finding("pushy", WARNING, m.start(), m.end(), message.format(m.group())))
    return found


# ---------------------------------------------------------------- sales pitch

_ACHIEVE = (
    r"(?:led|built|launched|delivered|designed|created|grew|increased|reduced|saved|won"
    r"|spearheaded|drove|implemented|developed|shipped|architected|scaled|cut|doubled"
    r"|tripled|founded|established|transformed|automated|migrated|managed|ran|generated"
    r"|boosted|streamlined|optimi[sz]ed|pioneered|exceeded|achieved|negotiated|secured"
    r"|raised|published|authored|introduced|rebuilt|redesigned|overhauled|turned around"
    r"|headed|set up|rolled out|closed|landed|halved)"
)
_CLAIM = re.compile(
    rf"\b(?:I|I've|I have|I had|we|my team|my team and I)\s+(?:\w+ly\s+|also\s+|then\s+|have\s+"
    rf"|had\s+)?{_ACHIEVE}\b",
    re.IGNORECASE,
)
_CLAIM_MORE = re.compile(
    rf",\s+(?:and\s+)?(?:also\s+|then\s+|later\s+)?{_ACHIEVE}\b", re.IGNORECASE
)
_HYPE = re.compile(
    r"\b(?:best|greatest|strongest|finest|smartest|perfect|perfectly|ideal|ideally|unique"
    r"|uniquely|exceptional|exceptionally|outstanding|world[- ]class|unparalleled|unmatched"
    r"|unrivall?ed|extraordinary|incredible|incredibly|amazing|phenomenal|tremendous|superb"
    r"|stellar|rock[- ]?star|ninja|guru|visionary|revolutionary|game[- ]chang\w+|second to none"
    r"|top[- ]notch|top[- ]tier|flawless|impeccable|unbeatable|legendary|number one|no\. ?1)\b",
    re.IGNORECASE,
)
_NOT_HYPE = re.compile(
    r"\b(?:all the best|best (?:regards|wishes)|at best|best practices?)\b", re.IGNORECASE
)


def _claims(text: str, ctx: CheckContext, lay: _Layout) -> list[tuple[int, int]]:
    """Return the spans of the projects and achievements claimed, counted per sentence."""
    claims: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text, lay.body_start, lay.body_end):
        s, e = sentence.span()
        s += len(sentence.group()) - len(sentence.group().lstrip())
        verbs = [m.span() for m in _CLAIM.finditer(text, s, e)]
        if verbs:
            # "I led X, built Y, and launched Z" claims three things; "... and cut costs" after a
            # claim is its outcome, not another one.
            verbs += [m.span() for m in _CLAIM_MORE.finditer(text, verbs[0][1], e)]
        projects = [(s, e) for p in ctx.projects if _mentions(p, text, s, e)]
        claims.extend(verbs if len(verbs) >= len(projects) else projects)
    return sorted(set(claims))


def _sales_pitch(text: str, ctx: CheckContext, lay: _Layout) -> list[Finding]:
    found: list[Finding] = []
    claims = _claims(text, ctx, lay)
    if len(claims) > MAX_CLAIMS:
        found.append(
            Finding(
                "sales-pitch",
                WARNING,
                claims[MAX_CLAIMS][0],
                claims[-1][1],
                f"{len(claims)} projects or achievements: a note is not a CV; keep the one or two "
                "that fit what they need and cut the rest",
            )
        )
    quiet = [m.span() for m in _NOT_HYPE.finditer(text)]
    hype = [
        m
        for m in _HYPE.finditer(text, lay.body_start, lay.body_end)
        if not any(a <= m.start() < b for a, b in quiet)
    ]
    if len(hype) > MAX_SUPERLATIVES:
        words = ", ".join(repr(m.group()) for m in hype)
        found.append(
            Finding(
                "sales-pitch",
                WARNING,
                hype[MAX_SUPERLATIVES].start(),
                hype[-1].end(),
                f"superlatives pile up ({words}): keep one at most and let a concrete result "
                "speak instead",
            )
        )
    return found


# ---------------------------------------------------------------- masks and placeholders

_MASKED = re.compile(
    r"\b(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
    r"|\b(?:[A-Za-z0-9-]{1,63}\.){1,8}[a-z]{2,}(?:/\S*)?"
    r"|(?<!\w)[@#]\w+"
)
_PLACEHOLDER = re.compile(
    r"\{\{[^\n]{0,80}?\}\}|\{%[^\n]{0,80}?%\}|\{\s*[A-Za-z_][\w .]*\}|\$\{?[A-Za-z_]\w*\}?"
    r"|\[(?:[A-Z][^\]\n]{0,40}|(?i:insert|add|enter|your|name|company|role|date|topic|project"
    r"|interviewer|recruiter|position)[^\]\n]{0,40})\](?!\()"
    r"|<\s*[A-Z][A-Z_ ]+\s*>|<\s*(?i:insert|your|name|first[ _]name|company|role|date)[^>\n]{0,30}>"
    r"|\b[Xx]{3,}\b|\b(?:TODO|FIXME|TBD)\b|_{3,}"
    r"|\b(?i:dear|hi|hello)\s*,"
)


def _mask(text: str) -> bytearray:
    mask = bytearray(len(text))
    for pattern in (_MASKED, _PLACEHOLDER):
        for m in pattern.finditer(text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _placeholders(text: str) -> list[Finding]:
    return [
        Finding(
            "placeholder",
            ERROR,
            m.start(),
            m.end(),
            f"{m.group()!r} is an unfilled placeholder: put the real words in "
            "(or delete it) before sending",
        )
        for m in _PLACEHOLDER.finditer(text)
    ]


# ---------------------------------------------------------------- negative wording

_NEGATORS = _set(
    "no not never none nobody nothing nowhere neither nor without cannot hardly barely rarely "
    "seldom despite"
)
_TRADE_TERMS = re.compile(
    r"\b(?:technical debt|tech debt|debt collection|error (?:handling|rates?|budgets?|messages?)"
    r"|fraud (?:detection|prevention|team|analytics)|problem[- ]solving|solve (?:hard |difficult )?"
    r"problems|stress[- ]test\w*|disaster recovery|pain points?|crash (?:reports?|reporting)"
    r"|kill switch|attack surface|threat (?:model\w*|intelligence|detection)|bug bounty"
    r"|risk (?:management|model\w*)|failure modes?|cancer research|war room"
    r"|problems? (?:that )?(?:you|your \w+|the team|they|we)(?: \w+)? (?:are|is|were|face|faced"
    r"|solve|solving|tackle|tackling|work on|working on))\b",
    re.IGNORECASE,
)


def _negated(words: list[str], i: int) -> bool:
    return any(w in _NEGATORS or w.endswith("n't") for w in words[max(0, i - 3) : i])


def _negative(
    text: str, ctx: CheckContext, lex: Lexicons, mask: bytearray, own: frozenset[str]
) -> list[Finding]:
    matches = list(_words(text))
    words = [_norm(m.group()) for m in matches]
    trade = [m.span() for m in _TRADE_TERMS.finditer(text)]
    found: list[Finding] = []
    for i, (m, word) in enumerate(zip(matches, words, strict=True)):
        valence = lex.negative.get(word)
        if valence is None or valence > NEGATIVE_VALENCE or mask[m.start()] or word in own:
            continue
        if _negated(words, i) or any(a <= m.start() < b for a, b in trade):
            continue
        found.append(
            Finding(
                "negative-wording",
                WARNING,
                m.start(),
                m.end(),
                f"{m.group()!r} reads as negative (VADER {valence:+.1f}): say it positively, e.g. "
                "what you learned or look forward to",
            )
        )
    return found


# ---------------------------------------------------------------- spelling

_DOUBLED = re.compile(r"\b(\w+)(\s+)(\1)\b", re.IGNORECASE)
_DOUBLE_OK = frozenset({"had", "that"})
_SUFFIXES = ("'s", "s'", "'ll", "'re", "'ve", "'d", "'m", "n't")


def _known(word: str, lex: Lexicons, allowed: frozenset[str]) -> bool:
    if word in allowed or lex.known(word):
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)]
            return stem in allowed or lex.known(stem)
    if "-" in word:
        return all(not p or p in allowed or lex.known(p) for p in word.split("-"))
    return False


def _spelling(text: str, lex: Lexicons, mask: bytearray, allowed: frozenset[str]) -> list[Finding]:
    found: list[Finding] = []
    for m in _words(text):
        token = m.group()
        if mask[m.start()] or len(token) < 2 or any(c.isdigit() or c == "_" for c in token):
            continue
        if sum(c.isupper() for c in token) >= 2:  # an acronym (SQL, KPIs) or a brand (LinkedIn)
            continue
        word = _norm(token)
        if _known(word, lex, allowed):
            continue
        suggestion = lex.suggest(word)
        unknown = f"{token!r} is not in the dictionary" + (
            f"; did you mean {suggestion!r}?" if suggestion else "."
        )
        if token[0].isupper() and not (suggestion and _sentence_start(text, m.start())):
            found.append(
                Finding(
                    "spelling",
                    INFO,
                    m.start(),
                    m.end(),
                    f"{unknown} If it is a name, check it is spelt as its owner spells it.",
                )
            )
        else:
            found.append(
                Finding(
                    "spelling",
                    WARNING,
                    m.start(),
                    m.end(),
                    f"{unknown} Fix it, or add it to your known words if it is right.",
                )
            )
    for m in _DOUBLED.finditer(text):
        if _norm(m.group(1)) in _DOUBLE_OK or m.group(1).isdigit() or mask[m.start()]:
            continue
        found.append(
            Finding(
                "spelling",
                WARNING,
                m.start(),
                m.end(),
                f"{m.group(1)!r} twice in a row: delete one",
            )
        )
    return found


@functools.lru_cache(maxsize=256)
def _allowed(ctx: CheckContext) -> frozenset[str]:
    phrases = (*ctx.own_names, *ctx.topics, *ctx.projects, *ctx.extra_known_words)
    return frozenset(_norm(w) for p in phrases for w in _WORD.findall(p)) | frozenset(
        w for p in phrases for m in _WORD.findall(p) for w in _norm(m).split("-")
    )


# ---------------------------------------------------------------- wrong names


_GREETED = re.compile(
    r"\s*(?:dear|hi|hello|hey)\s+((?:mr|mrs|ms|miss|mx|dr|prof|professor)\.?\s+)?([^\W\d_]+)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=256)
def _name_index(names: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name in names:
        key = tuple(_norm(w).removesuffix("'s") for w in _WORD.findall(name))
        if key:
            index.setdefault(key[0], []).append((key, name))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


def _find_names(
    text: str, names: tuple[str, ...], lex: Lexicons | None
) -> Iterable[tuple[int, int, str]]:
    index = _name_index(names)
    if not index:
        return
    matches = list(_words(text))
    words = [_norm(m.group()).removesuffix("'s") for m in matches]
    for i, word in enumerate(words):
        for key, name in index.get(word, ()):
            if tuple(words[i : i + len(key)]) != key:
                continue
            # A one-word name that is also a plain word ("Orange", "Target") counts only
            # when written with a capital, as a name is.
            if (
                lex is not None
                and len(key) == 1
                and lex.known(key[0])
                and not matches[i].group()[0].isupper()
            ):
                continue
            yield matches[i].start(), matches[i + len(key) - 1].end(), name
            break


def _wrong_names(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    own_keys = {_norm(n) for n in ctx.own_names}
    others = tuple(n for n in ctx.other_names if _norm(n) not in own_keys)
    if not others:
        return []
    own_spans = [(s, e) for s, e, _ in _find_names(text, ctx.own_names, None)]
    hits = [
        hit
        for hit in _find_names(text, others, lex)
        if not any(hit[0] < b and a < hit[1] for a, b in own_spans)
    ]
    # Greeting someone by the first name of another application's contact is the classic mix-up;
    # elsewhere a lone first name is too common a word to flag.
    greeting = _GREETED.match(text)
    if greeting and not any(a <= greeting.start(2) < b for a, b in own_spans):
        greeted, by_surname = _norm(greeting.group(2)), bool(greeting.group(1))
        own = _own_words(ctx)
        for name in others:
            words = _WORD.findall(name)
            if (
                len(words) > 1
                and _norm(words[-1 if by_surname else 0]) == greeted
                and greeted not in own
            ):
                hits.append((greeting.start(2), greeting.end(2), name))
                break
    return [
        Finding(
            "wrong-name",
            ERROR,
            s,
            e,
            f"{text[s:e]!r} belongs to another of your applications ({name}), not this "
            "one: check the company, the role and every name",
        )
        for s, e, name in sorted(set(hits))
    ]


# ---------------------------------------------------------------- the checker


def _outside(findings: list[Finding], covering: list[Finding]) -> list[Finding]:
    return [f for f in findings if not any(c.start <= f.start < c.end for c in covering)]


def check(text: str, ctx: CheckContext, lex: Lexicons) -> list[Finding]:
    """Return every finding about `text` as a draft of `ctx.kind`, sorted by position."""
    # Typographic apostrophes ("didn’t") read as plain ones; one character for one keeps spans.
    text = text.replace("’", "'")
    lay = _layout(text)
    mask = _mask(text)
    allowed = _allowed(ctx)
    phrases = [*_forgot(text), *_pushy(text)]
    names = _wrong_names(text, ctx, lex)
    findings = [
        *_length(text, ctx, lay),
        *_structure(text, ctx, lay),
        *phrases,
        *_sales_pitch(text, ctx, lay),
        # One problem, one finding: a negative word inside a flagged phrase ("I neglected to
        # mention"), or another application's name the dictionary does not know.
        *_outside(_negative(text, ctx, lex, mask, allowed), phrases),
        *_outside(_spelling(text, lex, mask, allowed), names),
        *_placeholders(text),
        *names,
    ]
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def rules_found(findings: Iterable[Finding], at_least: str = WARNING) -> set[str]:
    """Return the ids of the rules with a finding of severity `at_least` or worse."""
    rank = {INFO: 0, WARNING: 1, ERROR: 2}
    return {f.rule for f in findings if rank[f.severity] >= rank[at_least]}
