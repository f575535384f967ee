"""The draft checker's rules as documented: docs/checker.md is generated from `RULES`.

Pure and stdlib only. `followthrough.domain.checker` re-exports `RULES` and `Rule`.
"""

from __future__ import annotations

from dataclasses import dataclass

from followthrough.domain.checker_phrases import MAX_CLAIMS, MAX_SUPERLATIVES, NEGATIVE_VALENCE


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
        "words and short paragraphs per kind (see the limits below); the greeting, the sign-off "
        "in any wording ('Best,', 'A big hug and best regards,'), the signature under it (name, "
        "title, phone, links; or a lone name line with no sign-off; under a sign-off and a name, "
        "anything, a disclaimer footer too) and a P.S. are not paragraphs",
        "brightcareer",
    ),
    Rule(
        "structure",
        "warning, one per missing part",
        "a thank-you has: thanks; one specific detail of the interview (one of the debrief's "
        "topics, or any concrete word: rarer than the 5,000 most frequent English words and not "
        "a word of every thank-you ('ethos', 'insights', 'culture' are), nor a name of another "
        "application, or a name, code or compound the dictionary lacks: 'kiln', 'TODO', "
        "'peat-free'); the subtle sell (wanting the job in any wording, *or* a reason "
        "you fit, or one of the debrief's projects; 'happy to provide' is an offer, not a "
        "sell); an offer to send anything further, in any modal",
        "stafffinders, carter-schwartz",
    ),
    Rule(
        "forgot-to-mention",
        "warning",
        "back-pedalling: 'I forgot to mention', 'I should have said', 'I didn't get the chance "
        "to', 'what I meant was', 'to clarify my answer', correcting a figure, 'it went clean "
        "out of my head', 'set the record straight', 'I don't think I gave you the full "
        "picture', 'I wanted to add that', 'the answer is actually', 'I should have opened "
        "with that', 'I realise I left something out', ...",
        "mining-people",
    ),
    Rule(
        "sales-pitch",
        "warning",
        f"more than {MAX_CLAIMS} projects or achievements (each debrief project named, 'I led / "
        "built / grew ...', or a first-person list of three or more deeds in the past or "
        "results in figures: 'precepted fifteen nurses, chaired ..., cut ... by 38%'), more "
        f"than {MAX_SUPERLATIVES} superlatives or boasts ('perfect', "
        "'world-class', 'nobody else brings', 'second to none', 'one of the most accomplished', "
        f"'results that speak for themselves', ...), or {MAX_CLAIMS} achievements with a boast",
        "carter-schwartz",
    ),
    Rule(
        "negative-wording",
        "warning",
        f"words of the VADER lexicon with valence <= {NEGATIVE_VALENCE} that *judge*: an "
        "adjective or adverb ('chaotic', 'sadly'); a noun said of something ('my answers were a "
        "disaster'); a verb with a person doing or suffering it ('the manager disliked my "
        "answers', 'I was rejected'). The same words naming the work pass ('a similar problem', "
        "'cascading failures', 'calm under stress', 'the options that were rejected'); word "
        "classes come from lemminflect. A strong positive word negated within three words is "
        "negative ('never been my strong suit'; not 'couldn't be happier'). Skipped: negated "
        "negatives ('no problem'), the application's names, topics and projects, a few trade "
        "terms and idioms ('technical debt', 'killing it', 'I regret any inconvenience'), a "
        "disappointment conceded in a message about an outcome ('Although I am disappointed, I "
        "enjoyed ...'), and words inside a forgot-to-mention or pushy phrase. Bitterness and "
        "sarcasm no lexicon scores are negative too ('I'm sure you're all very busy', 'good "
        "luck with that', 'a shambles', 'someone cheaper'), and so are complaint and "
        "self-reproach in mild words ('not exactly the most supportive', 'not my finest hour', "
        "'made a real hash of', 'the panel seemed checked out', 'a box-ticking charade', 'gone "
        "downhill', 'not holding my breath', 'too much to ask')",
        "stafffinders",
    ),
    Rule(
        "spelling",
        "warning; info for a capitalised word that is probably a name",
        "words the dictionary does not know (the application's own names, the debrief's topics "
        "and projects, extra known words, acronyms, URLs, e-mail addresses and numbers are "
        "skipped, and so is a word already reported as a wrong name; a capitalised word is a name "
        "unless it opens a sentence and its nearest word is an everyday one, 'Thnaks'; a short "
        "unknown word, 4 letters or fewer, is jargon unless two swapped letters make an "
        "everyday word, 'teh'); doubled words ('the the'; 'had had' and 'that that' are "
        "grammatical)",
        "-",
    ),
    Rule(
        "placeholder",
        "error",
        "unfilled template slots: `{name}`, `{{ x }}`, `{% ... %}`, `[Company]`, `[insert ...]`, "
        "`<NAME>`, `$name`, `XX`, `XXX`, `TODO`, `TBD` (not 'TODO comments'), `___`, an empty "
        "greeting ('Dear ,')",
        "-",
    ),
    Rule(
        "pushy",
        "warning",
        "pressure: their answer asked for with a time limit in one sentence ('a yes or no by "
        "Wednesday', 'let me know today'; not a deadline of the candidate's own or one they set "
        "and are quoted), 'has a decision been made yet?', 'I need an answer', 'as soon as "
        "possible' about their reply, 'I have not heard back', counting messages ('written three "
        "times', 'my second e-mail', 'the third time I have written'), 'yet again', 'two days is "
        "reasonable', 'gentle reminder'. Asking once whether their own timing still holds is not "
        "pressure ('You mentioned a decision by the 15th; is that still the plan?'), nor is "
        "another offer's deadline told as news; a note to a referee and a withdrawal await no "
        "answer of theirs, so `pushy` does not apply to them",
        "carter-schwartz",
    ),
    Rule(
        "wrong-name",
        "error",
        "a company, role or person of another of the user's applications (whole words, any "
        "case; a name that is a plain dictionary word only when capitalised), and a greeting to "
        "another application's contact by first name ('Hi Ravi') or title and surname ('Dear "
        "Mr Holm', and anywhere: 'the interview with Dr. Fox'); never a name that is also one "
        "of this application's. Without `--app`, `lint` checks the text as the application "
        "whose names it uses most, and reports the names of any other application mixed in",
        "hays",
    ),
)
