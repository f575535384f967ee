"""The checks a value passes whichever way it comes in: the CLI, the web, a spreadsheet import
or a restored backup. Each returns the clean value or raises a ValidationError naming the field
and the fix, so every adapter refuses the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, TypeVar

from followthrough.domain.errors import ValidationError
from followthrough.domain.model import ACTION_KINDS, DEBRIEF_TEXT_FIELDS, FIT_QUESTIONS, FitVerdict
from followthrough.domain.model import PLAN_BASIS as PLAN_BASIS
from followthrough.domain.model import REPLAN_PENDING as REPLAN_PENDING
from followthrough.domain.parse import YEARS
from followthrough.domain.playbook import INT_POLICIES, POLICY_CHOICES, parse_time
from followthrough.domain.workdays import check_country, zone

#: The largest id we hand out or accept (JavaScript's safe integers: a browser keeps it exact).
MAX_ID = 2**53 - 1
#: The longest interview we accept (a longer one is a typo in the end).
MAX_INTERVIEW = dt.timedelta(hours=12)

#: Upper bounds of the numeric settings (beyond them plans stop making sense, or overflow).
INT_LIMITS = {
    "check_in_interval_days": 90,
    "max_check_ins": 10,
    "keep_searching_min_open": 100,
    "keep_searching_quiet_days": 90,
}

SETTING_KEYS = (
    "name",
    "tz",
    "country",
    "region",
    "work_start",
    "work_end",
    "linkedin_interviewer",
    "check_in_interval_days",
    "max_check_ins",
    "keep_searching_min_open",
    "keep_searching_quiet_days",
    "calendar_token",
)

# REPLAN_PENDING and PLAN_BASIS: the program's own settings rows (domain/model.py).

E = TypeVar("E", bound=enum.StrEnum)


def choice(kind: type[E], value: object, field: str) -> E:
    """Return the member of `kind` named `value`, or raise listing the choices."""
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    raise ValidationError(field, f"{value!r}; use one of {', '.join(k.value for k in kind)}")


def action_kind(value: object, field: str) -> str:
    """Return `value` if it is a kind of action the playbook knows."""
    if value not in ACTION_KINDS:
        raise ValidationError(
            field, f"{value!r} is not a kind of action; use one of {', '.join(ACTION_KINDS)}"
        )
    return str(value)


def action_key(key: str, kind: str, application_id: int | None, interview_id: int | None) -> None:
    """Refuse a planned action's key that is not the planner's for its kind and ids
    ("thank-you:i3", "check-in:a2:1", "linkedin-recruiter:a2:c5"...): re-planning finds an
    action by its key, and a wrong one would plan the same action twice."""
    parts = key.split(":")
    fix = f"'{kind}:a<application id>...' or '{kind}:i<interview id>', as the planner writes"
    if parts[0] != kind or len(parts) < 2:
        raise ValidationError("key", f"{key!r} is not a key of a {kind} action; use {fix}")
    for part in parts[1:]:
        tag, number = part[:1], part[1:]
        own = {"a": application_id, "i": interview_id}.get(tag)
        if tag in ("a", "i") and number.isdigit() and int(number) != own:
            raise ValidationError(
                "key", f"{key!r} names {tag}{number}, not this action's ids; use {fix}"
            )


def check_id(value: object, field: str) -> int:
    """Return `value` if it is an id: a whole number (not a boolean) from 1 to MAX_ID."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValidationError(field, f"{value!r} is not an id; use a whole number from 1")
    return value


def interest(value: object, field: str = "interest") -> int:
    """Return an interest level: a whole number from 1 to 5."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(field, f"{value!r} is out of range; use 1 to 5")
    return value


def not_blank(value: str, field: str, fix: str) -> str:
    """Return `value` stripped, or raise "empty; `fix`" when there is nothing in it."""
    if not value.strip():
        raise ValidationError(field, f"empty; {fix}")
    return value.strip()


def day(value: dt.date, field: str) -> dt.date:
    """Return `value` if its year is one the calendar arithmetic handles (YEARS)."""
    if value.year not in YEARS:
        raise ValidationError(
            field, f"year {value.year} is out of range; use {YEARS[0]}-{YEARS[-1]}"
        )
    return value


def moment(value: dt.datetime, field: str) -> dt.datetime:
    """Return the aware `value` if its year (in UTC) is within YEARS."""
    if value.tzinfo is None:
        raise ValidationError(field, f"{value.isoformat()!r} has no UTC offset; add one")
    day(value.astimezone(dt.UTC).date(), field)
    return value


def interview_span(start: dt.datetime, end: dt.datetime) -> None:
    """Refuse an interview that does not end after it starts, or lasts over 12 hours."""
    if end <= start:
        raise ValidationError("end", "the interview must end after it starts")
    if end - start > MAX_INTERVIEW:
        raise ValidationError("end", "an interview longer than 12 hours; check --end/--duration")


def clean_debrief(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a validated debrief mapping (lists of strings, fit scores 1-5, a verdict)."""
    known = {n for n, _ in DEBRIEF_TEXT_FIELDS} | {"fit", "verdict"}
    unknown = set(data) - known
    if unknown:
        raise ValidationError(
            sorted(unknown)[0], f"unknown debrief field; use {', '.join(sorted(known))}"
        )
    out: dict[str, Any] = {}
    for name, _ in DEBRIEF_TEXT_FIELDS:
        value = data.get(name, [])
        if isinstance(value, str):
            value = [line.strip() for line in value.splitlines() if line.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(name, "must be text or a list of texts")
        out[name] = [v.strip() for v in value if v.strip()]
    out["fit"] = _clean_fit(data.get("fit", {}))
    verdict = data.get("verdict")
    if verdict is not None:
        out["verdict"] = choice(FitVerdict, verdict, "verdict").value
    return out


def _clean_fit(fit_in: object) -> dict[str, Any]:
    if not isinstance(fit_in, Mapping):
        raise ValidationError("fit", "must be a table of the five fit questions")
    fit: dict[str, Any] = {}
    names = {n for n, _ in FIT_QUESTIONS}
    for key, answer in fit_in.items():
        if key not in names:
            raise ValidationError(f"fit.{key}", f"unknown question; use {', '.join(sorted(names))}")
        fit[key] = _clean_fit_answer(key, answer)
    return fit


def _clean_fit_answer(key: str, answer: object) -> dict[str, Any]:
    if isinstance(answer, int) and not isinstance(answer, bool):
        answer = {"score": answer}
    if not isinstance(answer, Mapping) or set(answer) - {"score", "note"}:
        raise ValidationError(f"fit.{key}", "give a score 1-5 and an optional note")
    score = answer.get("score")
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5
    ):
        raise ValidationError(f"fit.{key}.score", f"{score!r}; use a whole number 1 to 5")
    note = answer.get("note", "")
    if not isinstance(note, str):
        raise ValidationError(f"fit.{key}.note", f"{note!r} is not text; write the note")
    return {"score": score, "note": note}


def validate_setting(key: str, value: str) -> str:
    """Return the normalised value of setting `key`, or raise naming the setting."""
    from followthrough.domain.mail_settings import MAIL_KEYS, validate_mail_setting

    if key in MAIL_KEYS:
        return validate_mail_setting(key, value)
    if key not in SETTING_KEYS:
        raise ValidationError(key, f"unknown setting; use one of {', '.join(SETTING_KEYS)}")
    if key == "tz":
        zone(value)
        return value
    if key == "country":
        return check_country(value)[0] if value else ""
    if key in ("work_start", "work_end"):
        try:
            return parse_time(value, key).strftime("%H:%M")
        except Exception as exc:
            raise ValidationError(key, f"{value!r} is not a time; write HH:MM, e.g. 09:00") from exc
    if key in POLICY_CHOICES:
        if value not in POLICY_CHOICES[key]:
            raise ValidationError(key, f"use one of {', '.join(sorted(POLICY_CHOICES[key]))}")
        return value
    if key in INT_POLICIES:
        top = INT_LIMITS[key]
        if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= top:
            raise ValidationError(key, f"{value!r}: use a whole number from 1 to {top}")
        return str(int(value))
    return value


def check_settings(merged: Mapping[str, str]) -> str | None:
    """Check the settings that go together (the effective ones, defaults included); return the
    region in its canonical form when a country is set."""
    if merged.get("region") and not merged.get("country"):
        raise ValidationError("region", "set a country first, e.g. --country US --region CA")
    region = None
    if merged.get("country"):
        _, region = check_country(merged["country"], merged.get("region") or None)
    if "work_start" in merged and "work_end" in merged:
        start = parse_time(merged["work_start"], "work_start")
        if start >= parse_time(merged["work_end"], "work_end"):
            raise ValidationError("work_end", "must be later than work_start")
    return region
