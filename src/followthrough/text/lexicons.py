"""Load the checker's lexicons from installed packages (the adapter side of domain.checker).

- Negative words: the VADER lexicon (`vaderSentiment/vader_lexicon.txt`, tab-separated: token,
  mean valence, standard deviation, raw ratings), read as a data file through importlib.resources.
  Only the package's empty `__init__` is imported, never `vaderSentiment.vaderSentiment`.
  Emoticons and two-letter netspeak ("po", "dx") are dropped: they collide with ordinary text.
- Dictionary: pyspellchecker's English word list, `SpellChecker(distance=1)` (one edit away keeps
  suggestions fast). Its list is American: British spellings ("organisation", "realise",
  "colour", "travelled", "programme") are accepted by mapping them to the American form, and a
  short list of workplace words the general list lacks ("onboarding", "roadmap") is added.

`load_lexicons()` reads everything once per process (~0.3 s, mostly pyspellchecker's list).
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from followthrough.domain.checker import Lexicons

_WORKPLACE = """
    linkedin onboarding offboarding roadmap roadmaps dataset datasets upskilling reskilling
    upskill reskill fintech insurtech proptech edtech healthtech hackathon hackathons microservice
    microservices kubernetes devops mlops frontend backend fullstack webinar webinars email emails
    emailed emailing cv cvs resume resumes okr okrs kpi kpis api apis saas paas iaas b2b b2c ux ui
    javascript typescript github gitlab jira confluence postgres postgresql mysql sqlite nosql sql
    etl elt pytorch tensorflow scikit pandas numpy analytics stakeholder stakeholders scalable
    scalability workflow workflows dashboard dashboards mentee mentees mentorship proofread
    proofreading teammate teammates cross-functional crossfunctional async hybrid remote
    onsite offsite timeline timelines headcount recruiter recruiters interviewee interviewees
    shortlist shortlisted follow-up follow-ups ecommerce e-commerce fulfilment fulfillment
    lifecycle runbook runbooks on-call uptime observability telemetry cybersecurity pentest
    pentesting chatbot chatbots ai ml llm llms genai blockchain cloud-native serverless
    docker terraform ansible grafana kafka airflow dbt snowflake databricks tableau powerbi
    meetup meetups lakehouse versioning versioned refactor refactoring refactored codebase
    walkthrough standup standups retro retros upskilled inbox inboxes
"""
#: Workplace and job-search words missing from pyspellchecker's general English list.
WORKPLACE_WORDS = frozenset(_WORKPLACE.split())

# British endings and their American forms, tried one at a time on a word the list lacks.
_UK_US = tuple(
    (re.compile(uk), us)
    for uk, us in (
        (r"is(e|es|ed|ing|er|ers|ation|ations|ational)$", r"iz\1"),
        (r"ys(e|es|ed|ing|er|ers)$", r"yz\1"),
        (r"our(s|ed|ing|ite|ites|able|ful|less|er|ers|al|ally|ism|ist|ists)?$", r"or\1"),
        (r"inium$", r"inum"),  # aluminium
        (r"aught(s)?$", r"aft\1"),  # draught
        (r"tre(s|d)?$", r"ter\1"),
        (r"ence(s)?$", r"ense\1"),
        (r"ogue(s)?$", r"og\1"),
        (r"ll(ed|ing|er|ers)$", r"l\1"),
        (r"mme(s)?$", r"m\1"),
        (r"ement(s)?$", r"ment\1"),
        (r"(?<=.)ae", "e"),
        (r"(?<=.)oe", "e"),
    )
)
_ENTRY = re.compile(r"[a-z][a-z'-]*[a-z]")


def read_vader_negative() -> dict[str, float]:
    """Return VADER's words with a negative mean valence (word -> valence, -4 .. 0)."""
    text = (
        resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    )
    negative: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not _ENTRY.fullmatch(fields[0]) or len(fields[0]) < 3:
            continue
        valence = float(fields[1])
        if valence < 0:
            negative[fields[0]] = valence
    return negative


def _american(word: str) -> list[str]:
    """Return the American spellings `word` could be the British form of."""
    return [american for uk, us in _UK_US if (american := uk.sub(us, word, count=1)) != word]


@functools.cache
def load_lexicons() -> Lexicons:
    """Return the checker's lexicons, read once per process."""
    from spellchecker import SpellChecker  # ~0.3 s: only when a draft is checked

    spell = SpellChecker(distance=1)
    words = spell.word_frequency.dictionary

    @functools.lru_cache(maxsize=8192)
    def known(word: str) -> bool:
        word = word.lower()
        return (
            word in words or word in WORKPLACE_WORDS or any(us in words for us in _american(word))
        )

    @functools.lru_cache(maxsize=4096)
    def suggest(word: str) -> str | None:
        # spell.correction() breaks ties between equally likely words in set order, which
        # changes with Python's hash seed: pick the most frequent, then alphabetically first
        lower = word.lower()
        candidates = spell.candidates(lower) or set()
        ranked = sorted(candidates, key=lambda w: (-spell.word_usage_frequency(w), w))
        best = ranked[0] if ranked else None
        return best if best and best != lower else None

    return Lexicons(negative=read_vader_negative(), known=known, suggest=suggest)
