"""The `pushy` rule's patterns in paraphrase: their answer asked for with a time limit, a
deadline of the candidate's own, their timeline told back to them, chasing and counting.

Pure and stdlib only; the phrase list (`PUSHY`) is in `checker_phrases`, the rule in
`checker_tone`.
"""

from __future__ import annotations

import re

#: Asking for their answer, in any wording ("a yes or no", "come back to me", "let me know").
ASK_ANSWER = re.compile(
    r"\b(?:answer|decision|reply|response|feedback|word|yes or no|update|news|outcome|verdict"
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
    r"|now|\d{1,2}(?:st|nd|rd|th)?\b|next \w+|this \w+)|at the latest|today|tonight|tomorrow"
    r"|within (?:the next )?(?:\w+ ){1,2}(?:hours?|days?))\b",
    re.IGNORECASE,
)
#: A deadline of the candidate's own (another offer to answer) is news, not pressure.
OWN_DEADLINE = re.compile(
    r"\b(?:asked|need|needs|have|has|due|got|must|want)(?: to)? (?:respond|reply|answer|decide"
    r"|give (?:them |him |her )?(?:an?|my|their) (?:answer|decision|reply))\b"
    r"|\basked (?:me )?(?:for (?:an?|my) (?:answer|decision|reply|response)|me to (?:answer"
    r"|respond|reply|decide))\b"
    r"|\b(?:offer|it) (?:expires|lapses|closes|runs out)\b",
    re.IGNORECASE,
)
#: Their own timeline told back to them ("you mentioned you hoped to decide by Friday").
REPORTED = re.compile(
    r"\b(?:you|they|he|she|the team|the panel)\b[^.!?]{0,40}?\b(?:mentioned|said|hoped|hope"
    r"|expected|expect|planned|plan|indicated|anticipated|told me|were hoping|are hoping|aim"
    r"|aimed)\b",
    re.IGNORECASE,
)
#: Pressure in paraphrase: chasing again, counting the messages sent, a deadline called fair.
PRESSING = re.compile(
    r"\b(?:checking|following|writing|chasing|asking|reaching out|e-?mailing|messaging|touching"
    r" base)(?: in| up| back)?(?: with you)?(?: on this| about this)? (?:yet )?again\b"
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
