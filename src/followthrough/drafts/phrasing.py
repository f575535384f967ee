"""The user's notes made into phrases a note can use (issue 13: drafts that read naturally).

A debrief is written about the company ("their move from nightly batches to streaming", "ACME
opens a Lisbon office in spring"); a note to someone at that company speaks to them ("your
move ...", "that you open a Lisbon office"). A topic goes after "our conversation about", so it
becomes a noun phrase with its article ("the Looker vs Tableau debate"). On a panel each
interviewer gets their own topic and project where the debrief has more than one, and the
reactions ("Sofia pushed hard on streaming") decide who gets which.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

#: Third-person pronouns and their second-person forms, longest first.
_PRONOUNS = (
    ("they're", "you're"), ("they've", "you've"), ("they'll", "you'll"), ("they'd", "you'd"),
    ("they are", "you are"), ("they were", "you were"), ("they have", "you have"),
    ("they has", "you have"), ("themselves", "yourselves"), ("theirs", "yours"),
    ("their", "your"), ("them", "you"), ("they", "you"),
)  # fmt: skip
_PRONOUN = re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in _PRONOUNS) + r")\b", re.I)
_SECOND = dict(_PRONOUNS)
#: Heads a user writes before a topic that the note's own words already say.
_LEAD = re.compile(
    r"^(?:(?:our |the |a )?(?:discussion|conversation|talk|chat|debate|exchange)s? (?:about|of|on"
    r"|around)|talking about|talked about|we (?:discussed|talked about|covered)|discussed)\s+",
    re.IGNORECASE,
)
#: Words that already open a noun phrase (no article needed before them).
_OPENERS_TEXT = (
    "the a an your their our my his her its this that these those some any each every how why "
    "what when where whether who which"
)
_OPENERS = frozenset(_OPENERS_TEXT.split(" "))
#: Words after an -ing word that make it a verb ("scaling the team"), not a noun ("billing
#: platform migration").
_AFTER_GERUND_TEXT = (
    "the a an your their our my its to from into onto up out off over away back on in with "
    "for it them us you"
)
_AFTER_GERUND = frozenset(_AFTER_GERUND_TEXT.split(" "))
_WORD = re.compile(r"[\w'’-]+")


def _cased(found: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if found[:1].isupper() else replacement


def second_person(text: str, company: str | None = None) -> str:
    """Return `text` spoken to the company: "their" -> "your", "ACME's" -> "your", "ACME
    opens" -> "you open" (the verb agreeing), "they are" -> "you are"."""
    out = _PRONOUN.sub(lambda m: _cased(m.group(), _SECOND[m.group().lower()]), text)
    names = [n for n in (company, "the company", "the team") if n]
    for name in names:
        out = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", out, flags=re.IGNORECASE)
    if company:
        out = re.sub(rf"^{re.escape(company)}\s+(\w+)", lambda m: "you " + _base(m.group(1)),
                     out, flags=re.IGNORECASE)  # fmt: skip
    return out


def third_person(text: str, company: str | None) -> str:
    """Return `text` for a reader outside the company: its first "their" names the company
    ("their move to streaming" -> "ACME's move to streaming")."""
    if not company:
        return text
    owner = company + ("'" if company.endswith("s") else "'s")
    return re.sub(r"\btheir\b", owner, text, count=1, flags=re.IGNORECASE)


def _base(verb: str) -> str:
    """Return a verb after "you": "opens" -> "open", "is" -> "are", "has" -> "have"."""
    irregular = {"is": "are", "was": "were", "has": "have", "does": "do"}
    if verb.lower() in irregular:
        return irregular[verb.lower()]
    if not verb.endswith("s") or verb.endswith("ss"):
        return verb
    lemma = _verb_lemma(verb.lower())
    return lemma or verb


@functools.lru_cache(maxsize=256)
def _verb_lemma(word: str) -> str | None:
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word, upos="VERB").get("VERB")
    return lemmas[0] if lemmas else None


def noun_phrase(topic: str) -> str:
    """Return a topic ready to follow "our conversation about": its lead words dropped ("we
    discussed ..."), and "the" added before a compound with a singular common noun at its head
    ("Looker vs Tableau debate" -> "the Looker vs Tableau debate"; not "streaming", "pricing
    models", "how you test pipelines")."""
    phrase = _LEAD.sub("", topic.strip().rstrip(".")).strip()
    words = _WORD.findall(phrase)
    if len(words) < 2:
        return phrase
    first, head = words[0], words[-1]
    gerund = first.endswith("ing") and first[:1].islower() and words[1].lower() in _AFTER_GERUND
    if first.lower() in _OPENERS or gerund:
        return phrase  # "how you test", "scaling the team", "moving to Kafka"
    if any(w.endswith(("'s", "’s", "'", "’")) for w in phrase.split()[:-1]):
        return phrase  # a possessive opens it: "ACME's move to streaming"
    if head[:1].isupper() or head.endswith("s") or not head.isalpha():
        return phrase
    return "the " + phrase


def news_clause(nugget: str, company: str | None, to_company: bool) -> str:
    """Return a piece of news as a clause after "I was glad to hear": "that you open a Lisbon
    office in spring" (to the company), "that ACME opens ..." (to anyone else)."""
    text = nugget.strip().rstrip(".")
    if to_company:
        text = second_person(text, company)
    elif company and text.lower().startswith(company.lower()):
        text = company + text[len(company) :]
    else:
        text = text[:1].lower() + text[1:] if text[:2].istitle() and " " in text else text
    return "that " + text


def listing(items: Sequence[str]) -> str:
    """Return "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _content(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if len(w) >= 4}


def allocate(people: Sequence[str], topics: Sequence[str], reactions: Sequence[str]) -> list[int]:
    """Return, for each person of a panel (first names, in panel order), the index of the topic
    their note is about: a reaction naming them ("Sofia pushed hard on streaming") gives them
    the topic it shares words with; the others take the remaining topics in turn, so two
    members share a topic only when the panel outnumbers the topics."""
    if not topics:
        return [0] * len(people)
    given: dict[int, int] = {}
    for i, name in enumerate(people):
        for reaction in reactions:
            if name and re.search(rf"\b{re.escape(name)}\b", reaction, re.IGNORECASE):
                words = _content(reaction) - {name.lower()[:5]}
                best = max(range(len(topics)), key=lambda t: len(words & _content(topics[t])))
                if words & _content(topics[best]) and best not in given.values():
                    given[i] = best
                    break
    free = [t for t in range(len(topics)) if t not in given.values()] or list(range(len(topics)))
    out, turn = [], 0
    for i in range(len(people)):
        if i in given:
            out.append(given[i])
        else:
            out.append(free[turn % len(free)])
            turn += 1
    return out
