"""The statuses written in sheets and the one of ours each means (see `map_status`)."""

from __future__ import annotations

import functools

from followthrough.io.sheets.columns import NON_WORD

WISHLIST = "wishlist"

_STATUS_WORDS: dict[str, str] = {}
for _status, _words in {
    "applied": "applied|apply|submitted|application submitted|application sent|sent|"
    "applied online|in review|under review|reviewing|in progress|pending|waiting|"
    "awaiting response|awaiting reply|screening|cv sent|resume sent|acknowledged|"
    "application received|received|new|open|active|on hold",
    "interviewing": "interview|interviewing|interviewed|phone screen|phone interview|screen|"
    "screened|recruiter screen|onsite|on site|on-site|final round|final interview|"
    "technical interview|video interview|first interview|second interview|third interview|"
    "1st interview|2nd interview|3rd interview|assessment|take home|coding challenge|"
    "test|case study|interview scheduled|interview stage|in process|shortlisted",
    "offer": "offer|offered|offer received|offer extended|negotiating|negotiation|"
    "verbal offer|written offer",
    "accepted": "accepted|hired|offer accepted|signed|joined|started|accepted offer",
    "rejected": "rejected|rejection|declined by company|declined by employer|not selected|"
    "unsuccessful|no|not progressing|position filled|filled|turned down|"
    "no longer considered|not moving forward|denied|failed|rejected by company",
    "withdrawn": "withdrawn|withdrew|withdraw|declined|offer declined|declined offer|"
    "not interested|i declined|withdrawn by me|pulled out|retracted",
    "closed": "closed|ghosted|archived|archive|no response|no reply|expired|position closed|"
    "job closed|cancelled|canceled|dead|stale|role closed|posting closed|offer rescinded",
    WISHLIST: "wishlist|wish list|bookmarked|bookmark|saved|save|draft|to apply|not applied|"
    "not yet applied|interested|researching|research|considering|planned|prospect|lead|"
    "idea|watching|watchlist|todo|to do|backlog|favourite|favorite|found",
}.items():
    for _word in _words.split("|"):
        _STATUS_WORDS[" ".join(NON_WORD.sub(" ", _word.casefold()).split())] = _status

_STATUS_KEYWORDS = (
    (("offer",), ("accept",), "accepted"),
    (("offer",), ("declin", "turned down", "refused"), "withdrawn"),
    (("offer",), ("rescind", "withdrawn by", "pulled"), "closed"),
    (("offer",), (), "offer"),
    (("declin", "reject"), ("company", "employer", "them", "they"), "rejected"),
    (("reject", "unsuccessful", "not selected", "turned down"), (), "rejected"),
    (("withdr", "declin"), (), "withdrawn"),
    (("hired", "accept"), (), "accepted"),
    (("ghost", "archiv", "expire", "no response", "no reply", "closed", "cancel"), (), "closed"),
    (("interview", "screen", "onsite", "on site", "assessment", "round", "challenge"), (),
     "interviewing"),
    (("wish", "bookmark", "saved", "draft", "to apply", "not applied"), (), WISHLIST),
    (("appl", "submit", "sent"), (), "applied"),
)  # fmt: skip


def classify(text: str) -> str | None:
    """Return a Status value, WISHLIST, or None for a status written in the sheet."""
    if len(text) > 100:  # not a status; keeps the cache small
        return None
    return _classify_cached(text)


@functools.lru_cache(maxsize=1024)
def _classify_cached(text: str) -> str | None:
    words = " ".join(NON_WORD.sub(" ", text.casefold()).split())
    if not words:
        return None
    found = _STATUS_WORDS.get(words)
    if found:
        return found
    for any_of, and_any_of, status in _STATUS_KEYWORDS:
        if any(k in words for k in any_of) and (
            not and_any_of or any(k in words for k in and_any_of)
        ):
            return status
    return None


def map_status(text: str) -> str | None:
    """Return our Status value for a status written in a sheet, or None when we do not know it.

    Wishlist-like words ("Wishlist", "Bookmarked", "Draft") also give None: such a row is not
    an application (see `is_wishlist`).
    """
    found = classify(text)
    return None if found == WISHLIST else found


def is_wishlist(text: str) -> bool:
    """Return True for a status meaning "not applied yet" (Huntr's Wishlist, JobSync's Draft...)."""
    return classify(text) == WISHLIST
