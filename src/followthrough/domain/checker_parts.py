"""The four parts of a thank-you (PRODUCT.md §3, stafffinders, carter-schwartz) as phrase
families: thanks, a specific topic (its cues, and the words of every thank-you that name none),
the subtle sell (enthusiasm, fit) and the offer to send anything further.

Pure and stdlib only, like `checker_phrases`, whose building blocks these use; the rules that
read them are in `checker_shape` (and `checker_tone`, for the offer).
"""

from __future__ import annotations

import re

from followthrough.domain.checker_phrases import STOP, _set

#: Thanks in any wording, and in the languages a note in English borrows it from ("Merci for a
#: lovely conversation", "Grazie", "Danke", "Salamat po", "Asante", "Kia ora" is a greeting), and
#: in a text's shorthand ("tysm", "thx", "ty for").
THANKS = re.compile(
    r"\b(?:thank|thanks|thankful|grateful|gratitude|appreciate[ds]?|appreciation|cheers for"
    r"|obliged|ta for|valued (?:the|your|our) (?:time|conversation|chat|meeting|call|interview"
    r"|discussion)"
    r"|tysm|tyvm|thx|thnx|thanx|ty (?:so much|for)"
    r"|merci|grazie|gracias|danke|obrigad[oa]|dank je|tack s[aå]|arigat[oō]|shukran|asante"
    r"|salamat|dhanyavaa?d|xi[eè] ?xi[eè]|diolch|terima kasih|spasibo|dziękuję"
    r"|go raibh (?:m[ií]le )?maith|ng[aā] mihi|mahalo|kiitos|takk|ngiyabonga|enkosi|dankie)\b",
    re.IGNORECASE,
)
TOPIC_CUE = re.compile(
    r"\b(?:discuss(?:ed|ing)?|discussion (?:about|of|on)|talk(?:ed|ing)? (?:about|through)"
    r"|conversation (?:about|on|around)|chat(?:ting)? about|hear(?:ing)? (?:about|how|more)"
    r"|learn(?:ing|ed|t)? (?:about|how|more)|(?:you|we) (?:mentioned|described|explained|shared"
    r"|outlined|covered|spoke about|touched on|went through|walked me through|showed me)"
    r"|insights? into|your (?:plans|vision|thoughts|perspective|take|approach) (?:for|on|to)"
    r"|(?:exchange|question|questions) (?:about|on)|the (?:part|moment) (?:about|where|when))\b",
    re.IGNORECASE,
)
GENERIC = (
    _set(
        "role position job opportunity company team interview interviews today yesterday "
        "everything things thing time meeting vacancy post organisation organization business "
        "chance details detail opening conversation process morning afternoon work works working "
        "involves involved day days step steps"
    )
    | STOP
)
#: Words of any thank-you that are not a detail of this interview, however rare: days and months,
#: and the job-search words of thanks, sells and offers ("enthusiastic", "references").
BOILERPLATE = _set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december weekend "
    "enthusiastic enthusiasm hopeful appreciated appreciative appreciating contribute contributing "
    "contribution motivated motivation references referees insightful informative afterwards "
    "genuinely sincerely disposal apologise apologize interviewing interviewer interviewers "
    "candidacy candidature shortlisted shortlist availability portfolio samples cv resume "
    "thoughtful enjoyable engaging welcoming pleasure pleased privilege honoured honored "
    "grateful gratitude kindly warmly regards cheers fruitful productive stimulating valuable "
    "organisation's company's team's firm's hiring recruiter recruitment vacancy application "
    "applicant applying opportunities responsibilities requirements qualifications expertise "
    "skillset skills experiences background aligns align aligned alignment passionate "
    "asset valuable impressive impressed inspiring inspired exciting excited eager "
    "chatting chatted chat chats speaking talking meeting learning hearing panel panellists "
    # praise of them in general nouns names nothing of this interview ("the practice's ethos")
    "ethos insight insights vision values mission culture prospect prospects hospitality"
)
ENTHUSIASM = re.compile(
    r"\b(?:excit\w*|enthusias\w*|keen|eager\w*|thrill\w*|delighted"
    r"|look(?:ing)? forward(?! to (?:hearing|your (?:reply|response|decision|news)|receiving))"
    r"|(?:really|very|all the more|even more|more|genuinely|truly|highly) (?:interested|motivated"
    r"|drawn)|would love|love to|appeal\w*|inspir\w*|energi[sz]\w*|motivat\w*|passion\w*"
    r"|can't wait|cannot wait|(?:strong|real|genuine) interest|relish\w*|jump at"
    r"|would (?:welcome|value|enjoy|be glad of) the (?:chance|opportunity)"
    r"|hope to (?:join|work)"
    # wanting it, in the conditional: "I would very much like to lead", "I'd love the chance"
    # (the writer's wish: "if you'd like to see more" is the reader's, and the offer's)
    r"|(?:(?<!you )(?<!they )would|(?<!you)(?<!they)'d|I)\s+"
    r"(?:very much\s+|really\s+|so\s+|truly\s+|genuinely\s+)?(?:love|like"
    r"|enjoy|welcome|relish)\s+(?:to|the (?:chance|opportunity))"
    # gladness at joining: "I would be very happy if I can contribute", "I'd be proud to join"
    r"|(?:would|'d|will|'ll|am|'m)\s+be\s+(?:very\s+|really\s+|so\s+|most\s+|truly\s+)?"
    r"(?:happy|glad|delighted|honou?red|pleased|proud|grateful)\s+(?:to(?!\s+(?:provide|send"
    r"|share|answer|forward|supply|help(?=\s+(?:with|if|in any|further)|\s*[.,;!?])|clarify"
    r"|discuss|talk|speak|hear|meet|chat))|if|for the chance)"
    # wanting the work, in the writer's own words: "work I'd genuinely enjoy owning", "the
    # problem I'd most like to be chipping away at", "right up my street", "count me in"
    r"|(?:I|I'd|I would)\s+(?:\w+\s+)?(?:enjoy|relish)\b|I'd\s+(?:most\s+|really\s+)?like\s+to\s+be"
    r"|I'd\s+(?:happily|gladly)\s+(?!send|share|provide|forward|answer|pass)"
    r"|(?:I've|I have)\s+been\s+hoping\s+to|(?:find|found)\s+(?:\w+\s+)?(?:satisfying|rewarding"
    r"|fulfilling)|suits?\s+me\b|I'm\s+in\b|count\s+me\s+in|up\s+my\s+(?:street|alley)"
    r"|why\s+I\s+got\s+into"
    r"|(?:want|wish|hope)\s+to\s+(?:be part|be on|join|grow|work (?:with|on|for|at)|build)"
    # wanting it, said plainly: "I came away wanting the job more", "the kind of job I like
    # running", "it's exactly how I want to cook"
    r"|(?:kind|sort|type) of (?:\w+ ){0,2}(?:work|role|job|team|place|project) I(?: would|'d)?"
    r" (?:really |genuinely )?(?:want|like|love|enjoy)"
    r"|(?:exactly|just|precisely) (?:how|what|the way) I(?: would|'d)? (?:want|like|love|hope)"
    r" to\b"
    r"|(?:want|wants|wanted|wanting) it (?:even |all the )?more"
    r"|(?:really |truly |genuinely )?(?:want|wanted|wanting) (?:this|the|that) (?:\w+ )?"
    r"(?:role|job|position|post))\b",
    re.IGNORECASE,
)
FIT = re.compile(
    r"\b(?:fit|fits|match\w*|background|experience\w*|skills?|strengths?|contribut\w*"
    r"|(?:I|I'd|I'll|I would|I could|I can|could|would|to)\s+(?:\w+\s+)?bring"
    r"|suits (?:me|my)|add (?:real |genuine )?value|I (?:think|believe|know|feel) I (?:could|can"
    r"|would|'d)|(?:ideal|right|strong|perfect|good) candidate"
    r"|align\w*|suited|well[ -]placed|relevant|track record|similar|(?:I|I've|I have)\s+"
    r"(?:led|built|worked|spent|run|ran|managed|delivered|designed|developed|shipped|did)"
    r"|my (?:work|time|years|role|project|team)|at my (?:current|last|previous))\b",
    re.IGNORECASE,
)
#: Bringing something to hand over is an offer ("happy to bring my portfolio"); bringing one's
#: experience to the team is the sell.
_BRING = (
    r"bring (?=(?:\w+ ){0,2}(?:cop|portfolio|sample|example|reference|document|certificate"
    r"|notes|slides|deck|work|drawings))"
)
OFFER = re.compile(
    r"\b(?:anything (?:else|further|more)|any (?:further|other|more|additional) (?:information"
    r"|details|questions|materials|examples)|further (?:information|details|questions|examples)"
    r"|(?:happy|glad|pleased) to (?:\w+ (?:or|and) )?(?:send|provide|share|answer|clarify"
    r"|help(?= (?:with (?:anything|any|that|this|more)|further|in any way|if|where))"
    r"|forward|supply|discuss|" + _BRING + ")"
    r"|let me know if|(?:do not|don't) hesitate|feel free to|should you need|if you (?:need|would"
    r" like|'d like|want)|if (?:it|that) (?:would|could|might) help|(?:can|could) (?:send|share"
    r"|provide) (?:you|over)"
    # offering to send, in any modal: "I can share the template", "I will send them straight away"
    r"|(?:I|we)\s+(?:can|could|will|would|'ll|'d)\s+(?:gladly\s+|happily\s+|also\s+|readily\s+)?"
    r"(?:be\s+(?:happy|glad|pleased)\s+to\s+)?(?:send|share|provide|forward|pass on|supply"
    r"|e-?mail|" + _BRING + ")"
    r"|(?<!you )(?:can|could|will|'ll) (?:also |gladly |happily |readily )?(?:send|share|forward"
    r"|supply|e-?mail) (?:my|the|a|an|some|more|over|you|them|it|any|copies|examples"
    r"|samples|details)"
    r"|at your (?:\w+ )?disposal|\bshout if\b|give me a (?:ring|call|shout|bell)"
    r"|(?:any|if you have any) (?:more |other |further )?questions,? (?:just )?(?:give|drop"
    r"|let|ring|call|shout|message|text)"
    r"|(?:please|just)\s+(?:say|ask|tell me|let me know|kindly (?:tell|let))"
    r"|if (?:there is|there's|there are) (?:anything|any)|anything (?:more )?(?:I|that I) can)\b",
    re.IGNORECASE,
)
