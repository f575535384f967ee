"""Negative words in senses that judge no one, beside `checker_phrases.TRADE_TERMS`: the
conditions a job deals with and the idioms of plain speech. `checker_negative` reads no negative
word inside these."""

from __future__ import annotations

import re

#: A weak or patchy signal is a condition the work deals with ("areas with weak network"), said
#: of no one.
SIGNAL = re.compile(
    r"\b(?:weak|poor|low|bad|slow|patchy|spotty|unreliable|intermittent|unstable) (?:mobile "
    r"|phone |cell |radio |gps |internet )?(?:signal|network|coverage|connection|connectivity"
    r"|reception|wi-?fi|bandwidth|broadband|link)s?\b",
    re.IGNORECASE,
)


#: Negative words in a sense that judges nothing: an idiom ("it strikes me as exciting"), or
#: ending a piece of work ("kill a stalled workstream early").
NEUTRAL_SENSE = re.compile(
    r"\b(?:strikes? me|struck me)\b|\bkill(?:s|ed|ing)? (?:(?:a|an|the|that|this|our|their|your"
    r"|its) )?(?:\w+ )?(?:project|process|workstream|feature|job|query|task|initiative|pilot"
    r"|programme|program|idea|product|campaign|meeting|thread|branch|test)s?\b",
    re.IGNORECASE,
)
