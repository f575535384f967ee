"""Negative words in senses that judge no one, beside `checker_phrases.TRADE_TERMS`: the
conditions a job deals with, the idioms of plain speech and of praise, and a hard thing told as
a lesson. `checker_negative` reads no negative word inside these."""

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


#: A hard thing told as what it taught the writer, or as the part of the work they enjoy ("the
#: painful lesson from the first was ...", "a drill that went badly wrong taught me to ...", "I
#: enjoy making a bad week less bad"): what the checker itself advises ("say what you learned"),
#: so a word of it judges no one. Not "I have learnt not to hold my breath".
LESSON = re.compile(
    r"\b(?:taught me|teach(?:es)? me|(?:a|the|my|one|hard|painful|big|real|useful|valuable|good)"
    r" lessons?|lessons? (?:I|we) (?:learn|took|draw)|I (?:learned|learnt) (?:to|that|how)"
    r"|I (?:really |genuinely )?(?:enjoy|like|love) (?:making|helping|fixing|turning|sorting)"
    r"|(?:part|side|bit) of (?:the |this )?(?:\w+ ){0,2}I (?:like|enjoy|love) (?:best|most))\b",
    re.IGNORECASE,
)


#: Idioms in which a negative verb praises ("killing it", "crushed it", "no doubt").
PRAISE = re.compile(
    r"\b(?:kill|crush|smash|slay|nail|rock)\w* it\b|\bnot only\b|\bno doubt\b"
    r"|\b(?:crush|smash|beat|destroy)\w* (?:\w+ ){0,3}?(?:targets?|goals?|quotas?|records?)\b"
    r"|(?:\bnot|n't|\bun)\s?(?:been )?(?:successful|selected)\b"
    r"|\b(?:regret|apologi[sz]e for|sorry for) (?:any|the) (?:inconvenience|trouble)\b"
    r"|\bwith (?:great |deep |some )?regret\b|\bI regret (?:to|that I)\b|\bregretfully\b"
    r"|\blowest\b"
    r"|\bwithout (?:a )?doubt\b|\bnot to mention\b|\bnever fails? to\b",
    re.IGNORECASE,
)


#: Sympathy with their position ("that must be a difficult position for the team", "it can't have
#: been an easy call for you"): a hard word said for them, of no one.
SYMPATHY = re.compile(
    r"\b(?:must|can't|cannot|couldn't|could not) (?:have )?be(?:en)? (?:a |an )?(?:\w+ ){0,3}?"
    r"for (?:you|your team|the team|everyone|all of you|the department|them)\b",
    re.IGNORECASE,
)
