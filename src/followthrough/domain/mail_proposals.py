"""Status changes a message proposes: a rejection, an offer, an interview, a role withdrawn
(pure; PRODUCT.md §4.3).

Precision first: a proposal needs the words of a decision about *this* candidate or role, in
what the sender wrote (quoted mail is cut off before); a mood word ("unfortunately") is no
decision, and a question or a future tense ("we hope to decide next week") is none either. An
interview needs an invitation and one fixed moment (an attached invitation's start, or the one
date and time the text gives); asking for availability proposes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from followthrough.domain.mail_headers import Mail
from followthrough.domain.mail_when import fixed_moment

PROPOSALS = ("rejected", "offer", "interview", "withdrawn-by-company")

_I = re.IGNORECASE
_WITHDRAWN = re.compile(
    r"\b(?:position|role|vacancy|requisition|opening|job|post|search|recruitment|hiring"
    r"|process|opportunity)\b[^.!?\n]{0,60}?\b(?:(?:has|have)\s+been|is\s+being|was|is|are"
    r"|will\s+be)\s+(?:now\s+)?(?:put\s+on\s+hold|placed\s+on\s+hold|on\s+hold|paused"
    r"|cancell?ed|withdrawn|frozen|closed\s+(?:without|due|for\s+now|internally)"
    r"|filled\s+internally|suspended|discontinued|eliminated|no\s+longer\s+(?:open|available))"
    r"|\bfilled\s+(?:the\s+)?(?:[\w,&-]+\s+){0,5}internally\b|\binternal\s+candidate\b"
    r"[^.!?\n]{0,40}\b(?:appointed|selected|chosen|filled)"
    r"|\bput\s+(?:the\s+|this\s+|our\s+)?(?:[\w,&-]+\s+){0,6}(?:position|role|vacancy|search"
    r"|recruitment|process|hiring|hire|opening)\s+on\s+hold"
    r"|\bclos(?:e|ed|ing)\s+(?:the\s+|this\s+|our\s+)?(?:external\s+|selection\s+)?(?:recruitment"
    r"|selection|search|hiring)(?:\s+process)?\s+(?:for\s+(?:now|this|the)|without)"
    r"|\b(?:budget|headcount)\s+(?:for\s+(?:this|the)\s+(?:role|position)\s+)?(?:has\s+been|was"
    r"|is)\s+(?:frozen|cut|pulled|withdrawn)"
    r"|\bauf\s+eis\s+gelegt|\b(?:stelle|position)\b[^.!?\n]{0,60}\b(?:gestrichen|gestoppt"
    r"|zurückgezogen|nicht\s+(?:mehr\s+)?besetzt)"
    r"|\b(?:poste|offre)\b[^.!?\n]{0,40}\b(?:suspendu|annulé|gelé|pourvu\s+en\s+interne)"
    r"|\b(?:puesto|vacante|posición)\b[^.!?\n]{0,40}\b(?:congelad|cancelad|en\s+pausa"
    r"|cubierto\s+internamente)|\b(?:vaga|posição)\b[^.!?\n]{0,40}\b(?:congelad|cancelad"
    r"|suspens|preenchida\s+internamente)|\b(?:vacature|functie)\b[^.!?\n]{0,40}\b(?:on\s+hold"
    r"|ingetrokken|intern\s+ingevuld)"
    r"|\bno\s+longer\s+(?:hiring|recruiting)\s+for\b"
    r"|\bdecided\s+not\s+to\s+(?:fill|proceed\s+with|go\s+ahead\s+with|recruit\s+for)\s+"
    r"(?:the|this)\s+(?:role|position|vacancy|post|hire)"
    r"|\b(?:role|position|vacancy)\b[^.!?\n]{0,30}\bno\s+longer\s+(?:exists|available|open)",
    _I,
)
_REJECTED = re.compile(
    r"\b(?:decided|chosen|elected|opted)\s+(?:not\s+to\s+(?:move|proceed|progress|go|take|invite"
    r"|continue|pursue|offer)|to\s+(?:move\s+forward|proceed|progress|go\s+(?:ahead|forward)"
    r"|continue|pursue)\s+with\s+(?:other|another|a\s+different|a\s+candidate|candidates"
    r"|someone|applicants?|the\s+other))"
    r"|\b(?:will|won'?t|shall|are|am|is)\s+not\s+be\s+(?:moving|taking|progressing|proceeding"
    r"|inviting|offering|continuing|advancing)\b|\bwon'?t\s+be\s+(?:moving|taking"
    r"|progressing|proceeding|inviting|offering|continuing|advancing)\b"
    r"|\bnot\s+(?:to\s+)?(?:move|moving|take|taking|progress|progressing)\s+(?:you|your"
    r"\s+(?:application|candidacy))\s+(?:forward|further)"
    r"|\b(?:not|un)\s*(?:been\s+)?successful\b|\bunsuccessful\b|\bregret\s+to\s+(?:inform"
    r"|let\s+you\s+know|tell\s+you|advise)"
    r"|\bnot\s+(?:been\s+)?(?:selected|shortlisted|chosen)\b"
    r"|\b(?:gone|went|go(?:ing)?)\s+(?:ahead\s+)?with\s+(?:another|a\s+different|other)\s+"
    r"(?:candidate|applicant|person|profile)|\b(?:went|gone)\s+with\s+a\s+candidate\b"
    r"|\b(?:chosen|selected|hired|appointed|picked)\s+(?:another|a\s+different|an\s+other"
    r"|other|a\s+more\s+experienced)\s+(?:candidate|applicant|person)"
    r"|\bvalgt\s+en\s+ann?en\s+kandidat|\bvalt\s+en\s+annan\s+kandidat"
    r"|\bf[üu]r\s+(?:einen\s+)?(?:anderen|andere)\s+(?:kandidat|bewerber)\w*\s+entschieden"
    r"|\bretenu\s+(?:une?\s+)?autre\s+candida|\bgekozen\s+voor\s+een\s+andere\s+kandida"
    r"|\bscelto\s+(?:un\s+altro|altri)\s+candidat"
    r"|\bdecid\w*\s+(?:continuar|avanzar|seguir(?:\s+adelante)?|prosseguir)\s+(?:con|com)\s+"
    r"(?:otr[oa]s?|una?\s+candidat|outr[oa]s?|el\s+perfil|otros\s+perfiles)"
    r"|\b(?:offered|given)\s+the\s+(?:role|position|job)\s+to\s+(?:another|someone)"
    r"|\b(?:role|position|vacancy)\s+has\s+(?:now\s+)?been\s+filled\b(?!\s+internally)"
    r"|\bno\s+longer\s+(?:being\s+)?considered\b|\bnot\s+(?:be\s+)?considered\s+further\b"
    r"|\b(?:closer|better|stronger)\s+(?:match|fit)\b[^.!?\n]{0,60}\b(?:other|another)\b"
    r"|\bother\s+(?:candidates|applicants)\b[^.!?\n]{0,80}\b(?:more\s+closely|closer|better"
    r"|stronger|more\s+(?:relevant|suitable|aligned))"
    r"|\bnot\s+(?:the\s+)?(?:right|best)\s+(?:fit|match)\b|\bnot\s+a\s+(?:good\s+|strong\s+)?"
    r"(?:fit|match)\s+(?:for|at)\b"
    r"|\b(?:application|candidacy)\s+(?:was|has\s+been|will\s+not\s+be)\s+(?:declined|rejected"
    r"|unsuccessful|progressed)"
    r"|\bwill\s+not\s+be\s+(?:offering|extending)\b|\bnot\s+(?:able|in\s+a\s+position)\s+to\s+"
    r"(?:offer\s+you|progress|move\s+forward\s+with\s+your|take\s+your)"
    r"|\bdecision\s+(?:was|has\s+been)\s+made\s+to\s+(?:move|proceed|go)\s+(?:forward\s+)?with"
    r"\s+(?:another|other|a\s+different)"
    r"|\bclose\s+(?:your|the)\s+(?:application|file|candidacy)"
    r"|\bkeep\s+your\s+(?:cv|résumé|resume|details|profile)\s+on\s+file\b"
    r"|\bnicht\s+(?:weiter\s+)?berücksichtig|\babsagen\b|\bgegen\s+sie\s+entschieden"
    r"|\bpas\s+(?:été\s+)?retenue?\b|\bne\s+pas\s+donner\s+suite|\bpas\s+donner\s+une\s+suite"
    r"|\bno\s+(?:ha|has)\s+sido\s+seleccionad|\bno\s+continuar\s+con\s+tu|\bniet\s+"
    r"(?:verder|geselecteerd)|\bnão\s+(?:foi|foste)\s+selecionad",
    _I,
)
_OFFER = re.compile(
    r"\b(?:pleased|delighted|happy|thrilled|excited|glad)\s+to\s+(?:formally\s+)?(?:offer"
    r"|extend|make|confirm)\s+(?:you\s+)?(?:an?\s+|the\s+|our\s+)?(?:formal\s+|verbal\s+"
    r"|written\s+|conditional\s+)?(?:offer|position|role|job)"
    r"|\b(?:make|extend|extending|making)\s+(?:you\s+)?an?\s+(?:formal\s+|verbal\s+|written\s+"
    r"|conditional\s+)?offer\b"
    r"|\b(?:like|love|want|pleased|happy|delighted)\s+to\s+offer\s+you\s+(?:the|a|this)\s+"
    r"(?:[\w,&()/-]+\s+){0,8}?(?:role|position|job|post)"
    r"|\bwould\s+(?:like|love)\s+(?:you\s+to\s+join|to\s+welcome\s+you\s+to)\s+(?:us\b|the\s+"
    r"(?:[\w&-]+\s+){0,5}?team|our\s+(?:[\w&-]+\s+){0,5}?team)(?!\s+(?:for|on)\s+(?:an?|the|our)"
    r"\s+(?:interview|call|chat|conversation|meeting|assessment|visit))"
    r"|\b(?:send|sending|attach|attaching|enclose|enclosing)\s+(?:you\s+)?(?:our|your|the)\s+"
    r"(?:formal\s+|written\s+|official\s+)?offer\b"
    r"|\b(?:segue\s+em\s+anexo|em\s+anexo|adjunto|ci-joint|anbei|in\s+de\s+bijlage)\b[^.!?\n]{0,80}"
    r"\b(?:contrato|contrat|vertrag|contract|proposta|oferta|offre|angebot|aanbod)"
    r"|\boffer\s+(?:you\s+)?(?:the\s+)?(?:role|position|job|post)\s+of\b"
    r"|\b(?:offer\s+letter|letter\s+of\s+offer|offer\s+of\s+employment|employment\s+offer"
    r"|job\s+offer|formal\s+offer|written\s+offer|verbal\s+offer)\b"
    r"[^.!?\n]{0,60}\b(?:attached|enclosed|below|follow|coming|on\s+its\s+way|sending|send"
    r"|for\s+you|to\s+you|is\s+ready)"
    r"|\b(?:attached|enclosed)\s+(?:is\s+|please\s+find\s+)?(?:your|the|our)\s+(?:formal\s+)?"
    r"(?:offer|contract)"
    r"|\bwe(?:'d|\s+would)\s+love\s+(?:to\s+have\s+)?you\s+(?:to\s+)?join\s+(?:us|the\s+team)"
    r"(?!\s+for\s+(?:an?|the)\s+(?:interview|chat|call|conversation|meeting|assessment))"
    r"|\bwelcome\s+(?:you\s+)?(?:\(\w+\)\s+)?(?:on\s*board|aboard|to\s+the\s+team)\b"
    r"|\bsuccessful\s+in\s+(?:your|securing)\b[^.!?\n]{0,40}\b(?:role|position|offer)"
    r"|\b(?:oferta|offre|angebot|aanbod)\s+(?:de\s+(?:empleo|emprego|trabajo|travail|emploi)"
    r"|d'emploi|formelle)",
    _I,
)
_INVITE = re.compile(
    r"\b(?:invite|inviting|invitation)\b|\b(?:like|love|want)\s+to\s+(?:schedule|arrange|book"
    r"|set\s+up|meet|see|speak|have\s+you|bring\s+you)"
    r"|\b(?:next|second|final|third|2nd|3rd|last|technical|onsite|on-site|panel|follow-up)\s+"
    r"(?:round|stage|interview|step|conversation|meeting)"
    r"|\binterview\b[^.!?\n]{0,40}\b(?:confirmed|scheduled|booked|arranged|set)\b"
    r"|\b(?:confirmed|scheduled|booked|arranged)\b[^.!?\n]{0,40}\binterview\b"
    r"|\bsee\s+you\s+(?:on|at|next|tomorrow)\b|\block\s+it\s+in\b|\b(?:is|are|has\s+been)"
    r"\s+(?:fixed|booked|set|confirmed|scheduled)\s+for\b|\b(?:phone|video|zoom|teams|screening"
    r"|technical|final|panel|onsite|on-site)\s+(?:call|screen|interview|round|chat|meeting)"
    r"|\b(?:einladen|einladung|convocar|convocation"
    r"|inviter|invitar|uitnodigen|convidar|invitarti|entrevista|entretien|vorstellungsgespräch"
    r"|gesprek|colloquio|面接|面试)",
    _I,
)
#: Asking when the candidate can come: a scheduling question, not a fixed interview.
_AVAILABILITY = re.compile(
    r"\b(?:share|send|let\s+(?:me|us)\s+know|provide|give|tell\s+(?:me|us)|confirm)\s+(?:me\s+|us\s+)?"
    r"(?:your|some|a\s+few)\s+(?:availability|available\s+(?:times|slots|dates))\b"
    r"|\bwhen\s+(?:are|would|will)\s+you\s+(?:be\s+)?(?:free|available)"
    r"|\b(?:which|what)\s+(?:of\s+these\s+)?(?:times?|slots?|days?|dates?)\s+(?:would\s+)?"
    r"(?:suit|work|is\s+best|are\s+best|fits?)"
    r"|\bsend\s+(?:me|us)\s+(?:some|a\s+few|your)\s+(?:times|slots|dates)"
    r"|\b(?:disponibilidad|disponibilit[ée]|verfügbarkeit|beschikbaarheid)\b",
    re.IGNORECASE,
)
_CANCELLED = re.compile(
    r"^\s*(?:cancell?ed|canceled|abgesagt|annul[ée]|cancelad[oa]|geannuleerd|annullat[oa])\s*:",
    re.IGNORECASE,
)
_FUTURE_OR_QUESTION = re.compile(
    r"\b(?:if|whether|once|when|until|before)\s+(?:we|they|the\s+team)\b[^.!?\n]{0,30}$"
    r"|\b(?:hope|expect|aim|plan)\s+to\s*$|\b(?:yet|hasn'?t|haven'?t)\b[^.!?\n]{0,10}$",
    _I,
)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A status change a message proposes, how sure we are, and what backs it."""

    proposal: str
    confidence: float
    details: dict[str, Any] = field(default_factory=dict)


def _decision(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """Return the first match of `pattern` that is stated, not asked or hedged."""
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        sentence_end = re.search(r"[.!?\n]", text[m.end() :])
        ends = text[m.end() + (sentence_end.start() if sentence_end else 0) :][:1]
        if ends == "?" or _FUTURE_OR_QUESTION.search(before):
            continue
        return m
    return None


def propose(mail: Mail, default_zone: str) -> Proposal | None:
    """Return the status change an inbound `mail` proposes, or None."""
    text = mail.new_text or mail.text
    body = f"{mail.subject}.\n{text}"
    for kind, pattern in (
        ("withdrawn-by-company", _WITHDRAWN),
        ("offer", _OFFER),
        ("rejected", _REJECTED),
    ):
        m = _decision(pattern, text)
        if m is not None:
            return Proposal(kind, 0.9, {"evidence": " ".join(m.group(0).split())})
    if any(e.method == "CANCEL" for e in mail.events) or _CANCELLED.search(mail.subject):
        return None  # a meeting called off, or moved: no new interview to propose
    invited = _INVITE.search(body)
    event = next((e for e in mail.events if e.method in ("", "REQUEST", "PUBLISH")), None)
    if event is not None:
        details = {"at": event.start.isoformat(), "zone": event.zone, "source": "invitation"}
        return Proposal("interview", 0.95 if invited else 0.8, details)
    if invited and mail.date is not None and not _AVAILABILITY.search(text):
        moment = fixed_moment(text, mail.date, default_zone)
        if moment is not None and moment.at > mail.date - dt.timedelta(hours=1):
            details = {
                "at": moment.at.isoformat(),
                "zone": moment.zone,
                "source": "text",
                "evidence": " ".join(invited.group(0).split()),
            }
            return Proposal("interview", 0.75, details)
    return None
