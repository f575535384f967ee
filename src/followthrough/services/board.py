"""The board (the Pipeline page): one column per status, each with its count and a page of its
most recently changed applications; a column of its own, page by page, for the rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import Status
from followthrough.services.context import Context, UnitOfWork
from followthrough.store import board as store

#: Cards per column on the board, and per page of one column.
PER_PAGE = 50


@dataclass(frozen=True)
class Card:
    """An application as the board shows it: with its next action, due in the user's zone."""

    id: int
    company: str
    role: str
    status: str
    next_title: str | None = None
    next_due: dt.datetime | None = None


@dataclass(frozen=True)
class Column:
    """One status: how many applications it holds, and page `page` of them (`per_page` each,
    most recently changed first)."""

    status: str
    count: int
    cards: tuple[Card, ...]
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        """Return how many pages the column has (at least one)."""
        return max(1, -(-self.count // self.per_page))

    @property
    def first(self) -> int:
        """Return the position (from 1) of the first card of this page."""
        return (self.page - 1) * self.per_page + 1

    @property
    def rest(self) -> int:
        """Return how many cards come after this page."""
        return max(0, self.count - self.page * self.per_page)


def _status(status: str) -> str:
    """Return `status` when it names a status, or say which exist."""
    if status not in {s.value for s in Status}:
        names = ", ".join(s.value for s in Status)
        raise ValidationError("status", f"{status!r}; use one of {names}")
    return status


def _cards(uow: UnitOfWork, rows: list[tuple[int, str, str, str]]) -> tuple[Card, ...]:
    """Return the cards of these application rows, each with its next action."""
    nexts = uow.repo.next_actions(uow.conn, [r[0] for r in rows]) if rows else {}
    zone = uow.zone
    out = []
    for app_id, company, role, status in rows:
        action = nexts.get(app_id)
        title, due = (
            (action["title"], action["due_at"].astimezone(zone)) if action else (None, None)
        )
        out.append(Card(app_id, company, role, status, title, due))
    return tuple(out)


def board(ctx: Context, per_column: int = PER_PAGE) -> list[Column]:
    """Return every status's column: its count and its `per_column` most recently changed
    applications."""
    with ctx.read() as uow:
        owner = uow.repo.owner
        counts = uow.repo.status_counts(uow.conn)
        rows = [
            r for s in Status if counts.get(s.value)
            for r in store.cards(uow.conn, owner, s.value, per_column)
        ]  # fmt: skip
        cards = _cards(uow, rows)
    by_status: dict[str, list[Card]] = {s.value: [] for s in Status}
    for card in cards:
        by_status[card.status].append(card)
    return [
        Column(s, counts.get(s, 0), tuple(found), 1, per_column) for s, found in by_status.items()
    ]


def column(ctx: Context, status: str, page: int = 1, per_page: int = PER_PAGE) -> Column:
    """Return page `page` (the last one when there are fewer) of the applications in `status`,
    most recently changed first, with their count."""
    status = _status(status)
    if page < 1:
        raise ValidationError("page", f"{page}; pages are numbered from 1")
    with ctx.read() as uow:
        owner = uow.repo.owner
        count = uow.repo.status_counts(uow.conn).get(status, 0)
        page = min(page, max(1, -(-count // per_page)))
        rows = store.cards(uow.conn, owner, status, per_page, (page - 1) * per_page)
        return Column(status, count, _cards(uow, rows), page, per_page)
