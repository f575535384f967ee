"""The draft checker's data: severities, length limits, and the phrase and word lists.

Pure and stdlib only: nothing here decides anything. The rule logic that reads these tables is in
the other `checker_*` modules, run by `followthrough.domain.checker`, which re-exports the public
names (`LIMITS`, `ERROR`, ...); import them from there. The patterns are compiled once, at import
time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


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
    "check-in": Limit(150, 3, 75, why="a nudge: interest, patience, one question"),
    "referee-thanks": Limit(150, 3, 75, why="a thank-you and the outcome"),
    "withdraw": Limit(150, 3, 75, why="courteous and brief; no need to explain at length"),
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


# ---------------------------------------------------------------- building blocks


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrases(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# ---------------------------------------------------------------- shared text patterns

WORD = re.compile(r"\w+(?:['’\-]\w+)*")
SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+(?:[.!?]+|$)", re.MULTILINE)
PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
LINE = re.compile(r"[^\n]*")
#: Courtesy words a note in English borrows from other languages: never a spelling slip.
BORROWED = _set(
    "merci grazie gracias danke obrigado obrigada diolch salamat asante shukran arigato "
    "arigatou dhanyavaad dhanyavad spasibo salam salaam bonjour bonsoir hola ciao namaste "
    "namaskar shalom jambo habari selamat aloha sawubona kia ora vielen dank muchas mille "
    "beaucoup tusen takk"
)
#: A greeting in a language a note borrows it from ("Salam Encik Hafiz", "Bonjour Claire").
_HELLO = r"salaa?m|assalamu? alaikum|bonjour|bonsoir|hola|ciao|namaste|namaskar|shalom|jambo"
_HELLO += r"|habari|selamat (?:pagi|siang|sore|malam)|kia ora|aloha|sawubona"
GREETING = re.compile(
    r"\s*(?:(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening|day)|"
    + _HELLO
    + r")\b[^\n]{0,60}|[^\n]{1,40},)\s*",
    re.IGNORECASE,
)
SALUTE = re.compile(
    r"\s*(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening|day)|"
    + _HELLO
    + r")\b[^\n]{0,60}[,!:]\s*",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"\s*(?:(?:with\s+)?(?:best|kind|warm|warmest|many|all the|sincere|thanks(?: again)?"
    r"|thank you(?: again)?)(?:\s+(?:regards|wishes|thanks|best))?|regards|sincerely"
    r"|yours(?: sincerely| truly| faithfully)?|cheers|respectfully|warmly|talk soon|speak soon)"
    r"\s*[,.!]?\s*",
    re.IGNORECASE,
)
#: A word of a sign-off in any wording ("A big hug and best regards,", "Warm wishes").
SIGN_WORD = re.compile(
    r"\b(?:regards|wishes|best|thanks|thank you|sincerely|faithfully|truly|cheers|yours|love"
    r"|hugs?|greetings|warmly|respectfully|take care|talk soon|speak soon|gratitude|saludos"
    r"|cordially|cordialement|groetjes|gr[üu](?:ß|ss)\w*|gru(?:ß|ss)|saluti|salutations|pozdrawiam"
    r"|atenciosamente|abrazos?|saludos?|groeten|h[äa]lsningar|hilsen|terveisin|gracias"
    r"|obrigad[oa]|merci|danke|grazie)\b",
    re.IGNORECASE,
)
#: A line that ends a sentence (a signature line does not).
SENTENCE_END = re.compile(r"(?<!\w\.\w)[.!?:;]\s*$")
#: A postscript.
PS = re.compile(r"\s*P\.?\s?P?\.?\s?S\b\.?", re.IGNORECASE)
STOP = _set(
    "a an the and or of to in on at for with by from about into over my our your their his her "
    "its this that these those is are was were be been it i we you me us how what why when new "
    "up out as so also more some any all"
)


# ---------------------------------------------------------------- structure of a thank-you

# ---------------------------------------------------------------- phrase rules

_VERB_SAY = (
    r"(?:mention(?:ed)?|say|said|tell|told|add|added|bring up|brought up|explain"
    r"|explained|share|shared|highlight|highlighted|talk about|go into|cover)"
)
# ---------------------------------------------------------------- sales pitch

_ACHIEVE = (
    r"(?:led|built|launched|delivered|designed|created|grew|increased|reduced|saved|won"
    r"|spearheaded|drove|implemented|developed|shipped|architected|scaled|cut|doubled"
    r"|tripled|founded|established|transformed|automated|migrated|managed|ran|generated"
    r"|boosted|streamlined|optimi[sz]ed|pioneered|exceeded|achieved|negotiated|secured"
    r"|raised|published|authored|introduced|rebuilt|redesigned|overhauled|turned around"
    r"|headed|set up|rolled out|closed|landed|halved)"
)
CLAIM = re.compile(
    rf"\b(?:I|I've|I have|I had|we|my team|my team and I)\s+(?:\w+ly\s+|also\s+|then\s+|have\s+"
    rf"|had\s+)?{_ACHIEVE}\b",
    re.IGNORECASE,
)
CLAIM_MORE = re.compile(rf",\s+(?:and\s+)?(?:also\s+|then\s+|later\s+)?{_ACHIEVE}\b", re.IGNORECASE)
HYPE = re.compile(
    r"\b(?:best|greatest|strongest|finest|smartest|perfect|perfectly|ideal|ideally|unique"
    r"|uniquely|exceptional|exceptionally|outstanding|world[- ]class|unparalleled|unmatched"
    r"|unrivall?ed|extraordinary|incredible|incredibly|amazing|phenomenal|tremendous|superb"
    r"|stellar|rock[- ]?star|ninja|guru|visionary|revolutionary|game[- ]chang\w+|second to none"
    r"|top[- ]notch|top[- ]tier|flawless|impeccable|unbeatable|legendary|number one|no\. ?1"
    r"|award[- ]winning|top[- ](?:rated|performing|ranked|seller)|high[- ]performing"
    r"|best[- ]in[- ]class|results[- ]driven)\b",
    re.IGNORECASE,
)
#: A result in figures: a percentage, an amount, a count of people or things.
FIGURE = re.compile(
    r"\d\s?%|[$£€]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:k|m|bn|million|billion|per ?cent|percent)\b"
    # a count of things done: "1,900 parcels a week", "trained 8 new drivers", "a 4.0 GPA" (not a
    # time, a date or a year: "Monday 9am", "the 4th", "since 2021")
    # (nor a standard's number, "IEC 62443", nor a measure in units, "110 kV", "49.2 Hz")
    r"|\b(?<![:/])(?<!(?-i:[A-Z]) )(?!(?:19|20)\d\d\b)\d[\d,.]*(?!\s?(?:am|pm|st|nd|rd|th|:\d))"
    r"\s+(?!(?:weeks?|days?|hours?|minutes?|mins?)\b)"
    r"(?!(?-i:[kMGT]?(?:Hz|V|W|Wh)|mm|cm|km|kg|psi|bar|rpm|dB|MPa|kPa|kN)\b)[a-z]",
    re.IGNORECASE,
)
#: A sentence about oneself ("I", "I've", "my").
FIRST_PERSON = re.compile(r"\b(?:I|I've|I'd|I'm|my|we)\b")
#: The items of a list: between commas, semicolons and "and".
LIST_ITEM = re.compile(
    r"(?:[^,;:.]|\.(?=\d)|(?<=\d),(?=\d{3}\b))+?(?=,(?!\d{3}\b)|;|\band\b|$|\.(?!\d))",
    re.MULTILINE,
)  # (a thousands separator, "1,200 learners", is not a list's comma)
#: Words that may open an item before its verb ("and also led", "I have built", "was named").
LEAD_WORDS = _set(
    "and also then i i've have had was were been recently successfully later since as well "
    "even most finally over the past years in my current role"
)
#: Words after a past form that make it an adjective of feeling ("thrilled to", "excited about").
COMPLEMENT = _set("to about by with at for that of")
#: Verbs in the past that report talk, thought or feeling, not a deed ("I said we set ...",
#: "I enjoyed our discussion ..."): an item they head is not a claim.
NOT_DEEDS = _set(
    "said told asked explained mentioned discussed described answered enjoyed liked loved "
    "appreciated learned learnt felt thought found noticed saw heard wondered hoped wanted meant "
    "realised realized understood knew agreed spoke talked admired valued"
)
#: Praise of oneself against everyone else, in any wording ("nobody else brings", "second to
#: none", "one of the most accomplished", "results that speak for themselves").
SELF_PRAISE = re.compile(
    r"\b(?:than (?:anyone|anybody|everyone|everybody|any other|most people|the rest)"
    r"|(?:nobody|no one|no-one)(?: else| out there| other)?(?: [a-z]+){0,4}?"
    r" (?:brings?|has|have|can|could|will|would|is going to|comes? close|matches|touch)"
    r"|no other (?:candidate|applicant|person)|few (?:people|candidates|others|can|could)"
    r"|second to none|like no other|(?:far )?above (?:everyone|everybody|all|the rest)(?: else)?"
    r"|speaks? for (?:themselves|itself)|one of the (?:most|best|top|strongest|finest) \w+"
    r"|(?:exactly |precisely |simply )?the (?:right|perfect|ideal|best|only|strongest|obvious)"
    r" (?:person|candidate|fit|choice|hire|match|operator|leader)"
    r"|go-to (?:person|expert|name)|widely (?:regarded|recognised|recognized|known)"
    r"|the (?:kind|sort|type) of (?:hire|candidate|person|leader) [\w ]{0,30}?(?:look\w* for|dream)"
    r"|(?:I am|I'm) (?:a |an )?(?:total |true |real |proven |natural )?(?:powerhouse|rock ?star"
    r"|superstar|machine|legend|natural|force of nature)"
    r"|(?:hit|knock|run) (?:\w+ ){0,3}out of the park"
    r"|(?:be|'d be) (?:mad|crazy|foolish|insane|nuts) (?:not )?to\b"
    r"|(?:won't|will not|wouldn't|would not|struggle to|unlikely to|doubt (?:you|they)(?:'ll"
    r"| will)?) (?:\w+ )?(?:find|meet|see|get) (?:anyone|anybody|someone|another|a (?:stronger"
    r"|better|more))|surprised if [^.!?\n]{0,40}(?:anyone|anybody|someone) (?:with|who)"
    r"|(?:aren't|are not|not) many \w+ (?:\w+ )?(?:who|that) (?:could|can|would)"
    r"|(?:comparable|similar|matching) track record|I doubt (?:anyone|anybody|many)\b"
    r"|track record of|rare (?:blend|combination|mix)|(?:my|the) (?:numbers|results) (?:are|were"
    r"|speak)|numbers like (?:that|mine|these))\b",
    re.IGNORECASE,
)
NOT_HYPE = re.compile(
    r"\b(?:all the best|best (?:regards|wishes)|at (?:\w+(?:'s)? )?best|best practices?"
    # praise of them, as the writer found it: "one of the best discussions I've had"
    r"|(?:one of )?the (?:best|most \w+|finest|greatest|cleanest|strongest) [\w -]{0,40}?"
    r"(?:I've|I have|I had|I'd) (?:ever )?(?:had|seen|been|attended|experienced|heard|read|met"
    r"|come across|taken part))\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- masks and placeholders

MASKED = re.compile(
    r"\b(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
    r"|\b(?:[A-Za-z0-9-]{1,63}\.){1,8}[a-z]{2,}(?:/\S*)?"
    r"|(?<!\w)[@#]\w+"
)
PLACEHOLDER = re.compile(
    r"\{\{[^\n]{0,80}?\}\}|\{%[^\n]{0,80}?%\}|\{\s*[A-Za-z_][\w .]*\}|\$\{?[A-Za-z_]\w*\}?"
    r"|\[(?:[A-Z][^\]\n]{0,40}|(?i:insert|add|enter|your|name|company|role|date|topic|project"
    r"|interviewer|recruiter|position)[^\]\n]{0,40}|(?!sic\])[a-z][a-z _/-]{1,30})\](?!\()"
    r"|<\s*[A-Z][A-Za-z_ ]{0,40}?\s*>"
    r"|<[^<>@/\n]{0,30}(?<![A-Za-z])(?i:insert|your|name|company|role|date|interviewer"
    r"|recruiter|position|topic|project|manager)(?![A-Za-z])[^<>@/\n]{0,30}>"
    r"|\bX{2,}\b|\bx{3,}\b|\b(?:TODO|FIXME|TBD)\b(?! (?:comments?|items?|lists?|markers?|notes?))"
    r"|_{3,}"
    r"|\b(?i:dear|hi|hello)\s*,"
)


# ---------------------------------------------------------------- negative wording

NEGATORS = _set(
    "no not never none nobody nothing nowhere neither nor without cannot hardly barely rarely "
    "seldom despite less"
)
TRADE_TERMS = re.compile(
    r"\b(?:technical debt|tech debt|debt collection|error (?:handling|rates?|budgets?|messages?)"
    r"|fraud (?:detection|prevention|team|analytics)|problem[- ]solving|solve (?:hard |difficult )?"
    r"problems|stress[- ]test\w*|disaster recovery|pain points?|crash (?:reports?|reporting)"
    r"|kill switch|attack surface|threat (?:model\w*|intelligence|detection)|bug bounty"
    r"|risk (?:management|model\w*)|failure modes?|cancer research|war room|dead[- ]letter"
    r"|kill[- ]switch|blast radius|failed (?:deploy|job|test|build|login|payment)s?"
    r"|bad (?:actor|data|debt|request|input|record|node|sector|block|packet|batch|consumer|query"
    r"|weather)s?|kill(?:ing)? (?:your|their|our|my) darlings"
    r"|(?:difficult|hard|tough) (?:decision|choice)s?|argu(?:e|ed|es|ing) (?:for|the case)"
    r"|(?:difficult|hard|tough|challenging|inconvenient) for (?:me|us|you|my \w+|our \w+)"
    r"|(?:turn(?:ed|ing)? around|rescu\w+|reviv\w+|rebuil[dt]\w*|fix(?:ed|ing)?)"
    r" (?:the|a|an|our|its) (?:\w+ )?(?:weakest|worst|failing|struggling|loss-making|broken"
    r"|poorest)"
    r"|problems? (?:that )?I(?:'d| would|'ve| have)? (?:\w+ )?(?:love|like|enjoy|want|relish|lose"
    r"|lived|faced|solved|tackled|worked|handled|seen|know)"
    r"|(?:decision|choice) (?:was|is|has been) (?:a |an )?(?:\w+ )?(?:difficult|hard|tough)"
    r"|(?:I'd|I would) be lying if I said"
    r"|(?:difficult|hard|tough|rough|challenging) (?:year|time|few (?:months|weeks)|period|stretch"
    r"|months)"
    r"|(?:messy|tricky|thorny|hard|difficult|tough|nasty|ugly|gnarly)(?: but [\w ]{1,20}?)?"
    r" (?:problem|challenge|issue|data|edge case|bug)s?"
    r"|problems? (?:that )?(?:you|your \w+|the team|they|we)(?: \w+)? (?:are|is|were|face|faced"
    r"|solve|solving|tackle|tackling|work on|working on))\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- wrong names

GREETED = re.compile(
    r"\s*(?:dear|hi|hello|hey)\s+((?:mr|mrs|ms|miss|mx|dr|prof|professor)\.?\s+)?([^\W\d_]+)\b",
    re.IGNORECASE,
)
