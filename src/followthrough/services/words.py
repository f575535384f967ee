"""The user's own words: names, jargon and spellings the checker must never flag."""

from __future__ import annotations

from followthrough.domain.errors import ValidationError
from followthrough.services.context import Context

#: The longest word a user may add (a column of 100 characters).
MAX_WORD = 100


def _clean(words: list[str], field: str) -> list[str]:
    """Return the words as given, stripped, or say which one cannot be a word."""
    found = []
    for raw in words:
        word = raw.strip()
        if not word:
            continue
        if len(word) > MAX_WORD or any(ch.isspace() for ch in word):
            raise ValidationError(field, f"{raw!r}; give single words (no spaces), each at most"
                                  f" {MAX_WORD} characters")  # fmt: skip
        found.append(word)
    if not found:
        raise ValidationError(field, "no word given; e.g. `followthrough words add Kubeflow`")
    return found


def add_words(ctx: Context, words: list[str]) -> list[str]:
    """Teach the checker words (it stops flagging them); return those that were new."""
    clean = _clean(words, "word")
    with ctx.write() as uow:
        new = uow.repo.add_words(uow.conn, clean)
        if new:
            uow.describe("words-add", "Added to my words: " + ", ".join(new))
        return new


def remove_words(ctx: Context, words: list[str]) -> list[str]:
    """Forget words the checker was taught; return those that were there."""
    clean = _clean(words, "word")
    with ctx.write() as uow:
        gone = uow.repo.remove_words(uow.conn, clean)
        if gone:
            uow.describe("words-remove", "Removed from my words: " + ", ".join(gone))
        return gone


def list_words(ctx: Context) -> list[str]:
    """Return the user's own words, sorted."""
    with ctx.read() as uow:
        return uow.repo.words(uow.conn)
