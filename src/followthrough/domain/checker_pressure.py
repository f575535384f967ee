"""The `pushy` rule's patterns in paraphrase: their answer asked for with a time limit, a
deadline of the candidate's own, their timeline told back to them, chasing and counting.

Pure and stdlib only; the rule is in `checker_tone`.
"""

from __future__ import annotations

import re

from followthrough.domain.checker_phrases import _phrases

#: Asking for their answer, in any wording ("a yes or no", "come back to me", "let me know").
ASK_ANSWER = re.compile(
    r"\b(?:answer|decision|reply|response|feedback|word|yes or no|update|news|outcome|verdict"
    r"|explanation|reasons?"
    r"|(?:come|get) back to me|let me know|tell me|give me|send me"
    r"|(?:like|want|need|love|hoping|hope) to know(?=[^.?!]{0,40}\b(?:whether|if)\b)"
    r"|hear(?:ing)? (?:back|from you"
    r"|something|anything)|decide)\b",
    re.IGNORECASE,
)
#: A time limit: "by Wednesday", "before Monday", "at the latest", "today", "by now".
TIME_LIMIT = re.compile(
    r"\b(?:(?:by|before|no later than|latest by|until) (?:the )?(?:end|close|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|noon|midday|return"
    r"|now|\d{1,2}(?:st|nd|rd|th)?\b(?![.,]?\d|\s?(?:%|per ?cent|percent))|next \w+|this \w+)"
    r"|at the latest|today|tonight|tomorrow"
    r"|within (?:the next )?(?:\w+ ){1,2}(?:hours?|days?))\b",
    re.IGNORECASE,
)
#: A deadline of the candidate's own (another offer to answer) is news, not pressure.
OWN_DEADLINE = re.compile(
    r"\b(?:asked|need|needs|have|has|due|got|must|want)(?: to)? (?:respond|reply|answer|decide"
    r"|give (?:them |him |her )?(?:an?|my|their) (?:answer|decision|reply))\b"
    r"|\basked (?:me )?(?:for (?:an?|my) (?:answer|decision|reply|response)|me to (?:answer"
    r"|respond|reply|decide))\b"
    r"|\b(?:offer|it) (?:expires|lapses|closes|runs out)\b"
    r"|\boffer (?:that |which )?(?:needs|requires|wants|is waiting for) (?:an? |my )?(?:answer"
    r"|decision|reply|response)\b",
    re.IGNORECASE,
)
#: Their own timeline told back to them ("you mentioned you hoped to decide by Friday").
REPORTED = re.compile(
    r"\b(?:you|they|he|she|the team|the panel)\b[^.!?]{0,40}?\b(?:mentioned|said|hoped|hope"
    r"|expected|expect|planned|plan|indicated|anticipated|told me|were hoping|are hoping|aim"
    r"|aimed)\b",
    re.IGNORECASE,
)
#: What they said of their timing, heard by the writer ("I understood from Owen that ...").
HEARD = re.compile(
    r"\b(?:I|we) (?:understood|understand|gathered|was told|were told|believe)\b|\bas you "
    r"(?:said|mentioned|explained|indicated)\b",
    re.IGNORECASE,
)


#: Counting one's messages or chasing again: pressure whatever the model reads ("Third time
#: reaching out", "written twice", "checking in one more time").
COUNTING = re.compile(
    r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:time|e-?mail|message|follow-up|letter"
    r"|voicemail|attempt|note|nudge)|\b(?:twice|three times|four times|several times|multiple "
    r"times|repeatedly|one more time|once more|again)\b",
    re.IGNORECASE,
)
#: Kinds that await no answer of theirs: a note to a referee, a withdrawal. Pressing for a
#: decision is what `pushy` is about, so it has nothing to find there.
NO_ANSWER_AWAITED = frozenset({"referee-heads-up", "referee-thanks", "withdraw"})


#: A plan of theirs asked after: "still on track", "still the plan", "still likely".
STILL_PLAN = re.compile(
    r"\bstill (?:on track|on course|on schedule|the plan|likely|expected|expecting|planned"
    r"|planning|aiming|hoping|looking (?:like|good|right)|(?:the )?(?:case|timeline|timescale"
    r"|schedule|target|aim)|accurate|right|correct|valid|happening|going ahead|set for|due)\b",
    re.IGNORECASE,
)
#: Impatience, not a plan asked after: "still not", "still haven't", "still no word".
STILL_NOT = re.compile(r"\bstill (?:not|no|nothing|haven't|hasn't|have not|has not|waiting)\b",
                       re.IGNORECASE)  # fmt: skip


def timeline_question(sentence: str) -> bool:
    """Return True for their own timeline asked after once: a question whether what they said
    of the timing still holds ("You mentioned a decision by the 15th; is that still the
    plan?", "I understood from Owen the panel would confirm within three weeks; is that
    still the expected timescale?"). Asking once, politely, is not pressure."""
    if "?" not in sentence or STILL_NOT.search(sentence):
        return False
    told = REPORTED.search(sentence) or HEARD.search(sentence)
    return bool(STILL_PLAN.search(sentence)) or (
        bool(told) and bool(re.search(r"\bstill\b", sentence, re.I))
    )


#: Their answer named as what the writer wants ("so I need your decision by Friday").
THEIR_ANSWER = re.compile(
    r"\byour (?:decision|answer|reply|response|verdict)\b|\b(?:hear|answer|reply|response"
    r"|decision|word) from you\b",
    re.IGNORECASE,
)


#: A request softened ("I would be grateful if", "whenever convenient", "no rush").
SOFTENED = re.compile(
    r"\b(?:I would|I'd) be (?:very |most |so |really )?(?:grateful|glad|thankful|happy|obliged)\b"
    r"|\bwhenever (?:it(?:'s| is) )?convenient|\bwhen(?:ever)? you (?:have|get|find) a (?:moment"
    r"|minute|chance)|\bno rush\b|\bif (?:possible|convenient)\b|\bwould you (?:mind|be able)"
    r"|\bno pressure\b",
    re.IGNORECASE,
)
#: What makes a softened request press all the same: haste, a wait complained of, a time.
HASTE = re.compile(
    r"\b(?:quick\w*|hurry\w*|expedit\w*|prioriti[sz]\w*|courtesy|waiting|wait\b|without (?:a )?"
    r"word|weekend|afternoon|morning|evening|tonight|lunchtime|definite|final answer|soon)",
    re.IGNORECASE,
)


def softened_ask(sentence: str) -> bool:
    """Return True for a request asked once, politely, with nothing pressing in it ("I would be
    grateful if you could let me know whether there is an update on the timeline")."""
    pressing = (TIME_LIMIT, ASAP, COUNTING, HASTE, PUSHY, PRESSING)
    return bool(SOFTENED.search(sentence)) and not any(p.search(sentence) for p in pressing)


def not_pressing(kind: str | None, sentence: str) -> bool:
    """Return True when the model's pushy reading of a sentence does not stand: in a kind that
    awaits no answer, for their own timing asked after once, for a softened request with nothing
    pressing in it, or for a deadline of the writer's own ("another offer that needs an answer
    by the 20th")."""
    own = OWN_DEADLINE.search(sentence) and not THEIR_ANSWER.search(sentence)
    return (
        kind in NO_ANSWER_AWAITED
        or timeline_question(sentence)
        or softened_ask(sentence)
        or bool(own)
    )


#: Pressure in paraphrase: chasing again, counting the messages sent, a deadline called fair.
PRESSING = re.compile(
    r"\b(?:checking|following|write|writing|chasing|asking|reaching out|e-?mailing|messaging"
    r"|touching base|nudg\w+)(?: in| up| back)?(?: with you)?(?: on this| about this)? (?:yet )?"
    r"(?:again|once more|one more time)\b"
    r"|\byet again\b"
    r"|\b(?:written|wrote|e-?mailed|messaged|called|chased|contacted|followed up|reached out|sent"
    r" (?:\w+ )?(?:e-?mails?|messages?))(?: \w+){0,4}? (?:twice|three times|four times|\d+ times"
    r"|several times|multiple times|a few times|many times|repeatedly|numerous times)\b"
    r"|\b(?:\w+ )?(?:working |business )?(?:days?|hours?|weeks?) (?:is|are|would be|should be)"
    r" (?:a |more than )?(?:reasonable|enough|sufficient|plenty|fair)\b"
    r"|\b(?:I'd|I would|I should) have expected\b",
    re.IGNORECASE,
)
#: The writer's own action just before a phrase of haste ("I will send them right away",
#: "I can start as soon as you need"): the haste is theirs, not pressure on the reader.
OWN_ACTION = re.compile(
    r"\b(?:I|I'll|I'd|I'm|we|we'll)\b[^,;.!?\n]{0,30}?\b(?:send|provide|share|forward|bring"
    r"|get|reply|respond|sign|complete|return|come|start|join|travel|arrange|book|fill|submit"
    r"|upload|post|make|do)\w*\b[^,;.!?\n]{0,40}$",
    re.IGNORECASE,
)
#: Pressure in set phrases: a decision asked after, a need or a demand, waiting, counting.
PUSHY = _phrases(
    r"\bha(?:s|ve) (?:a|the|any|your) (?:final )?decisions? (?:already )?been "
    r"(?:made|reached|taken)",
    r"\bhave you (?:made|reached|come to|taken) (?:a|your|the|any) (?:final )?decision",
    r"\b(?:have|has) (?:you|they|the panel|the team|anyone) still not (?:yet )?(?:decided|made"
    r"|reached|got back|gotten back|replied)|\b(?:you|they) still (?:haven't|have not|hasn't"
    r"|has not) (?:decided|replied|got back|gotten back|made)",
    r"(?<!everything )(?<!all )(?<!what )\bI (?:really |urgently |do )?need (?:an answer|a decision"
    r"|a response|a reply|to know|to hear"
    r"|your answer|your decision|feedback|an update)",
    r"\b(?:I|we) (?:must|have to) (?:know|hear|have (?:an|your) answer)",
    r"\bplease (?:respond|reply|answer|revert|get back to me|confirm|let me know|decide) "
    r"(?:by|before|within|no later than|today|tomorrow|this week|asap|urgently|immediately)",
    r"\b(?:respond|reply|answer|get back to me|hear back|hearing back|hear from you|hearing from"
    r" you|your decision) (?:by|before|no later than) (?:the )?(?:end|close|tomorrow|today|monday"
    r"|tuesday|wednesday|thursday|friday|\d(?![\d.,]*\s?(?:%|per ?cent|percent)))",
    r"\bI(?:'ve| have|'m| am) (?:still )?(?:been )?waiting (?:to hear|since|(?:for|on) (?:you\b"
    r"|(?:(?:a|an|the|any|your|some) )?(?:reply|response|answer|decision|news|update|feedback"
    r"|word|outcome)))",
    r"\bI (?:still )?(?:haven't|have not) (?:yet )?(?:heard|received) (?:back|anything|a reply"
    r"|a response|any|from)",
    r"\byou (?:still )?(?:haven't|have not|never|didn't|did not) (?:yet )?(?:replied|responded"
    r"|got back|gotten back|answered|come back|reply|respond|answer)",
    r"\bwhy (?:haven't|have not|hasn't|has not|didn't|did not|is it taking)\b",
    r"\b(?:this is )?my (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:e-?mail|message|attempt"
    r"|follow-up|letter|voicemail|call|time (?:writing|asking|following up))",
    r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:I'm |I am |I've been )?(?:reaching"
    r" out|writing|asking|checking in|following up|e-?mailing|chasing|messaging|trying)\b",
    r"\b(?:the|my) (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time (?:that )?(?:I(?:'ve| have)?"
    r"|we(?:'ve| have)?) (?:written|wrote|e-?mailed|asked|chased|contacted|called|rung|rang"
    r"|followed up|reached out|been in touch|got in touch|gotten in touch|messaged)\b",
    r"\b(?:write|writing|e-?mail\w*|contact\w*|chas\w+|follow(?:ing)? up|ask\w*) (?:you )?"
    r"for (?:a|the) (?:second|third|fourth|fifth|\d+(?:nd|rd|th)) time",
    r"\bmy (?:e-?mails|messages|letters|calls|voicemails|notes) of the \d",
    r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:e-?mail|message|note|letter|voicemail"
    r"|follow-up)s? (?:that )?(?:I've|I have|I) (?:sent|written|left)\b",
    r"\bas I (?:said|wrote|mentioned|asked) in my (?:last|previous|earlier) (?:e-?mail|message)",
    r"\bfollowing up (?:again|once more|yet again)|\bchasing (?:you|this|up)"
    r"|\b(?:gentle|friendly|quick) reminder|\bjust a reminder",
    r"\bI expect (?:to hear (?:back|from you)|an answer|a response|a reply|a decision|feedback)",
    r"\b(?:get back to me|reply|respond|answer me|hear back|an answer|a decision|a reply"
    r"|a response) (?:today|tonight|tomorrow|this (?:morning|afternoon|evening)"
    r"|within \w+ (?:hours|days))\b",
)
#: Haste: pressure in a sentence about their reply, unless the haste is the writer's own ("I
#: will send it by close of business").
ASAP = re.compile(
    r"\b(?:as soon as (?:possible|you can)|at once|right away|asap|a\.s\.a\.p\b|urgently"
    r"|without (?:any )?(?:further )?delay|by (?:the )?(?:end of (?:the )?(?:day|business|play"
    r"|week)|close of business|EOD|COB|EOW))\b",
    re.IGNORECASE,
)
ABOUT_REPLY = re.compile(
    r"\b(?:let me know|hear|reply|respond|answer|decision|decide|get back|come back|update me"
    r"|revert|feedback|confirm\w*|need (?:it|this|that|them))\b",
    re.IGNORECASE,
)
