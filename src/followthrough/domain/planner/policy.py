"""The user's options the rules read: the policy choices and the working week."""

from __future__ import annotations

from dataclasses import dataclass

from followthrough.domain.playbook import parse_time
from followthrough.domain.workdays import Workweek


@dataclass(frozen=True, slots=True)
class Policy:
    """The user's policy options (defaults come from the playbook's [policies])."""

    linkedin_interviewer: str = "after-offer"
    check_in_interval_days: int = 7
    max_check_ins: int = 3
    keep_searching_min_open: int = 3
    keep_searching_quiet_days: int = 7

    @classmethod
    def from_options(cls, options: dict[str, object]) -> Policy:
        """Return a Policy from a mapping of option names (unknown names are ignored)."""
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in options.items() if k in names})  # type: ignore[arg-type]


def workweek_from_settings(settings: dict[str, str]) -> Workweek:
    """Return the Workweek described by the user's settings (tz, country, region, hours)."""
    return Workweek(
        tz=settings.get("tz", "UTC"),
        country=settings.get("country") or None,
        subdiv=settings.get("region") or None,
        start=parse_time(settings.get("work_start", "09:00"), "work_start"),
        end=parse_time(settings.get("work_end", "18:00"), "work_end"),
    )
