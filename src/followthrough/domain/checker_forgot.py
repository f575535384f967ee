"""The `forgot-to-mention` phrases: back-pedalling about the interview, in its many forms."""

from __future__ import annotations

import re

from followthrough.domain.checker_phrases import _VERB_SAY, _phrases

FORGOT = _phrases(
    rf"\bI (?:completely |totally |also )?forgot (?:to )?{_VERB_SAY}",
    r"\bI (?:completely |totally )?forgot (?:about|that)\b",
    rf"\bI (?:should|could|would|ought to) have (?:also )?{_VERB_SAY}",
    rf"\bI (?:should|could)'ve (?:also )?(?:{_VERB_SAY}|answered|said)",
    r"\bI (?:should|could) have (?:answered|asked|said|given|been clearer|done better)",
    rf"\bI (?:didn't|did not|never|wasn't able to|was not able to|couldn't|could not) "
    rf"(?:get|have|find|got) (?:the|a|an|much) (?:chance|opportunity|time) to {_VERB_SAY}",
    rf"\bI (?:also |completely |totally )?(?:neglected|failed|omitted|meant|forgot) to {_VERB_SAY}",
    rf"\bI wish I (?:had|'d) {_VERB_SAY}",
    r"\bwhat I (?:really )?(?:meant|should have said|wanted to say|was trying to say)\b",
    r"\bslipped my mind\b|\bin hindsight\b|\bmy mind went blank\b|\bI (?:blanked|froze|rambled)\b",
    rf"\bI (?:didn't|did not|never) {_VERB_SAY}",
    r"\b(?:clarify|correct|revisit|fix|improve on|redo) (?:my|an|the|one of my) (?:earlier )?"
    r"(?:answer|response|reply)",
    # going back to a question: "I'd like to revisit the SQL question", "I now realise ..."
    r"\b(?:revisit|go back to|return to) (?:the|my|your) (?:\w+ ){0,3}question\b"
    r"|\bI now reali[sz]e\b"
    r"|\bon (?:further )?reflection,? (?:it was|my answer|I should|the (?:right|correct|better))",
    r"\bI (?:may|might) not have (?:explained|made (?:it |myself )?clear|mentioned|answered)",
    r"\bmy answer (?:to|about|on) [^.?!\n]{0,60}(?:wasn't|was not|could have been|didn't|did not)",
    r"\bI reali[sz]ed? (?:afterwards |later |now )?(?:that )?I (?:didn't|did not|never|forgot)",
    r"\bsorry,? (?:but )?I (?:forgot|didn't|did not|missed)(?! (?:your|the|a|an) (?:call|e-?mail"
    r"|message|voicemail|text|phone))",
    r"\bI (?:undersold|underplayed|understated|downplayed|glossed over)\b",
    r"\b(?:didn't|did not) do (?:myself|it|my \w+) justice",
    r"\blooking back,? (?:I|my answer)\b",
    r"\bone (?:more|last) thing I (?:forgot|didn't|did not)",
    # correcting what was said: "a small correction to something I told you", "I said 180 ...
    # but the right number is 140"
    r"\b(?:small |quick |slight |brief )?(?:correction|clarification|amendment) (?:to|on|about"
    r"|regarding) (?:something|what|one|a (?:figure|number|point|detail))\b",
    r"\b(?:make|offer|add|send) a (?:small |quick |slight )?(?:correction|clarification)\b",
    r"\bI (?:said|told you|mentioned|quoted|gave|stated) [^.?!\n]{0,90}?,? but (?:it was|it's"
    r"|that was|the (?:right|real|correct|actual|true) (?:number|figure|answer)|in fact"
    r"|actually|really)\b",
    # completing an answer: "to complete my answer about the software I use"
    r"\bto (?:complete|complement|finish|round out|add to|expand on|build on) my (?:earlier )?"
    r"(?:answer|response|reply)",
    # not getting to say it: "didn't get round to saying", "something I did not manage to tell"
    rf"\b(?:didn't|did not|never|wasn't able to|was not able to) (?:get|got|manage|have time)"
    rf" (?:round |around )?to (?:{_VERB_SAY}|saying|mentioning|telling|adding)",
    # realising afterwards: "it dawned on me on the drive home", "I left it out in the rush"
    r"\b(?:dawned on|occurred to|struck) me (?:afterwards|after|later|on the|on my|when|while"
    r"|as|that)\b",
    r"\bleft (?:it|that|this|them) out\b|\bin the (?:rush|heat|nerves) of (?:the|our) \w+",
    r"\bI (?:completely |also )?left out\b|\bleft out the (?:fact|part|bit|point)\b",
    # putting it right: "set the record straight", "what I was trying to get at"
    r"\bset the record straight\b|\bwhat I was (?:trying to get|getting) at\b",
    r"\bwent off on a tangent\b|\bnever got (?:round|around) to\b",
    r"\bmeant to (?:say|mention|tell|add|bring up)\b",
    r"\b(?:went|slipped) (?:clean |right |completely )?out of my (?:head|mind)\b",
    r"\b(?:didn't|did not|don't think I|do not think I) (?:really )?(?:give|gave|paint|painted)"
    r" (?:you )?(?:the|a) (?:full|whole|complete|clear) picture\b",
    r"\b(?:something|a point|one thing|a detail) I (?:was not|wasn't|did not|didn't|never|could"
    r" not|couldn't) (?:able to |get to |manage to |have time to )?(?:share|say|mention|tell|add)",
    r"\bI (?:also )?(?:wanted|would like|'d like) to add (?:that|something|one|a)\b",
    # answering again: "re your question about weekends, the answer is actually yes"
    r"\bI (?:really |probably )?should(?: have|'ve) (?:opened|led|started) with\b"
    r"|\bI (?:realis|realiz)e I left (?:something|one thing|a (?:bit|detail|point)|it|that) out\b"
    r"|\bleft (?:something|one thing|a (?:bit|detail|point)) out\b"
    r"|\b(?:didn't|did not|never) (?:get|got) (?:round|around) to\b"
    r"|\b(?:didn't|did not) (?:quite )?get (?:across|over) (?:the|my) point\b"
    r"|\bput (?:more )?(?:clearly|simply|another way)\s*[:,]|\blooking back (?:on|at)\b",
    r"\b(?:example|point|answer|detail|story) I (?:really |actually )?meant to (?:give|make|say"
    r"|mention|use|share)\b|\bslipped through the cracks\b|\b(?:re-?explain|explain (?:it |that "
    r")?(?:again|better|more clearly|properly))\b",
    r"\bthe answer(?:'s| is| was) actually\b|\b(?:quick |small |one )?(?:add|addition|addendum)"
    r" to (?:what I said|my answer)\b|\bI (?:had|got) (?:it|that|them|the \w+) mixed up\b",
)


#: A point of theirs the writer keeps returning to ("I keep coming back to your question about
#: the e-book budget"): the detail of a thank-you, not an answer gone back over.
RECALLED = re.compile(
    r"\b(?:keep|kept|been|still|have been|I've been) (?:thinking|coming back|returning|reflecting"
    r"|mulling) (?:about|to|on|over) (?:your|the|what you)(?: \w+)? (?:question|point|comment"
    r"|remark|example|idea|observation|said|asked)"
    # their question named as the topic: "your question about what to do when the scaffolders
    # don't show", "the question on missed bins"
    r"|\b(?:your|the|that) (?:\w+ )?(?:question|scenario|example|point) (?:about|on|of|around"
    r"|regarding|you (?:asked|raised|put|posed|gave))\b",
    re.IGNORECASE,
)
#: The writer's own answer brought back in ("my answer", "what I said"): a recall with it in the
#: sentence may be going back over the answer.
OWN_ANSWER = re.compile(
    r"\bmy (?:\w+ )?(?:answer|response|reply)\b|\bI (?:said|answered|told you|replied|responded"
    r"|mentioned|gave)\b|\bI(?:'d| would) (?:add|also)\b",
    re.IGNORECASE,
)

