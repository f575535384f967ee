"""Load and validate a playbook (TOML text) into Rule, Guard and Reminder values."""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from dataclasses import dataclass, field
from typing import Any

from followthrough.domain.errors import PlaybookError
from followthrough.domain.model import ACTION_KINDS, Channel, FitVerdict, Format, Status
from followthrough.domain.model import Reminder as Reminder

TRIGGERS = frozenset(
    {"interview-ended", "check-in", "check-in-exhausted", "pipeline", "status", "debrief-verdict"}
)
PER = frozenset({"interview", "interviewer", "referee", "recruiter", "application", "user"})
RECIPIENTS = frozenset(
    {
        "none",
        "recruiter",
        "interviewer",
        "interviewer-or-recruiter",
        "referee",
        "recruiter-or-hiring-contact",
    }
)
CHANNELS = frozenset({"email", "phone", "linkedin", "none"})
ANCHORS = frozenset(
    {
        "interview-end",
        "thank-you-due",
        "decision-date",
        "status-change",
        "debrief",
        "last-check-in",
        "now",
    }
)
ROLLS = frozenset({"none", "next", "on-or-next"})
#: The placeholders a rule title may use.
TITLE_FIELDS = frozenset({"recipient", "company", "role", "n"})
POLICY_CHOICES: dict[str, frozenset[str]] = {
    "linkedin_interviewer": frozenset({"after-offer", "after-interview"}),
}
INT_POLICIES = (
    "check_in_interval_days",
    "max_check_ins",
    "keep_searching_min_open",
    "keep_searching_quiet_days",
)
TIME_POLICIES = ("work_start", "work_end")


@dataclass(frozen=True, slots=True)
class Timing:
    """When an action falls due relative to its anchor (see the playbook's header)."""

    anchor: str
    after_hours: float | None = None
    days: int = 0
    at: dt.time | None = None
    roll: str = "none"
    outside_hours_at: dt.time | None = None
    split_at: dt.time | None = None
    before_days: int = 0
    before_at: dt.time | None = None
    after_days: int = 1
    after_at: dt.time | None = None
    deadline_hours: float | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One piece of guidance: plan `kind` when `trigger` fires, due per `timing`."""

    id: str
    kind: str
    title: str
    trigger: str
    per: str
    recipient: str
    channel: str
    timing: Timing
    sources: tuple[str, ...]
    talking_points: tuple[str, ...] = ()
    statuses: frozenset[Status] = frozenset(Status)
    channels: frozenset[Channel] = frozenset(Channel)
    formats: frozenset[Format] = frozenset(Format)
    policy: tuple[tuple[str, str], ...] = ()
    reads: tuple[str, ...] = ()
    on_status: frozenset[Status] = frozenset()
    on_verdict: str | None = None
    decision_timing: Timing | None = None
    chases: bool = False
    disagrees_with: str | None = None


@dataclass(frozen=True, slots=True)
class Guard:
    """A "don't": checked before a message is drafted, queued or logged."""

    id: str
    summary: str
    sources: tuple[str, ...]
    days: int | None = None


@dataclass(frozen=True, slots=True)
class Playbook:
    """A validated playbook."""

    name: str
    version: int
    sources: dict[str, str]
    policies: dict[str, Any]
    rules: tuple[Rule, ...]
    guards: tuple[Guard, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    _by_id: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with id `rule_id`."""
        if not self._by_id:
            self._by_id.update({r.id: r for r in self.rules})
        return self._by_id[rule_id]

    def guard(self, guard_id: str) -> Guard:
        """Return the guard with id `guard_id`."""
        for g in self.guards:
            if g.id == guard_id:
                return g
        raise KeyError(guard_id)

    def rules_for(self, trigger: str) -> list[Rule]:
        """Return the rules fired by `trigger`, in playbook order."""
        return [r for r in self.rules if r.trigger == trigger]


def parse_time(value: object, where: str) -> dt.time:
    """Return a wall-clock time parsed from "HH:MM", or raise a PlaybookError naming `where`."""
    if not isinstance(value, str):
        raise PlaybookError(f'{where}: expected a time like "10:00", got {value!r}')
    try:
        hours, minutes = value.split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError as exc:
        raise PlaybookError(f'{where}: expected a time like "10:00", got {value!r}') from exc


def _str(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value:
        raise PlaybookError(f"{where}: '{key}' must be a non-empty string")
    return value


def _choice(table: dict[str, Any], key: str, allowed: frozenset[str], where: str) -> str:
    value = _str(table, key, where)
    if value not in allowed:
        raise PlaybookError(
            f"{where}: '{key}' is {value!r}; use one of {', '.join(sorted(allowed))}"
        )
    return value


def _str_list(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PlaybookError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _enum_set(table: dict[str, Any], key: str, enum: Any, where: str) -> frozenset[Any] | None:
    if key not in table:
        return None
    values = _str_list(table, key, where)
    try:
        return frozenset(enum(v) for v in values)
    except ValueError as exc:
        allowed = ", ".join(e.value for e in enum)
        raise PlaybookError(f"{where}: '{key}' has {exc}; use {allowed}") from exc


def parse_timing(raw: object, where: str) -> Timing:
    """Return a Timing from its TOML table, validated."""
    if not isinstance(raw, dict):
        raise PlaybookError(f"{where}: 'timing' must be a table")
    known = set(Timing.__slots__)
    unknown = set(raw) - known
    if unknown:
        raise PlaybookError(f"{where}: unknown timing key(s) {', '.join(sorted(unknown))}")
    anchor = _choice(raw, "anchor", ANCHORS, where)
    times = {
        k: parse_time(raw[k], f"{where}.{k}")
        for k in ("at", "outside_hours_at", "split_at", "before_at", "after_at")
        if k in raw
    }
    roll = raw.get("roll", "none")
    if roll not in ROLLS:
        raise PlaybookError(f"{where}: 'roll' is {roll!r}; use one of {', '.join(sorted(ROLLS))}")
    for k in ("days", "before_days", "after_days"):
        if k in raw and (not isinstance(raw[k], int) or raw[k] < 0):
            raise PlaybookError(f"{where}: '{k}' must be a whole number of days >= 0")
    for k in ("after_hours", "deadline_hours"):
        if k in raw and (not isinstance(raw[k], int | float) or raw[k] < 0):
            raise PlaybookError(f"{where}: '{k}' must be a number of hours >= 0")
    timing = Timing(
        anchor=anchor,
        after_hours=raw.get("after_hours"),
        days=raw.get("days", 0),
        roll=roll,
        before_days=raw.get("before_days", 0),
        after_days=raw.get("after_days", 1),
        deadline_hours=raw.get("deadline_hours"),
        **times,
    )
    if timing.after_hours is None and timing.at is None and timing.split_at is None:
        raise PlaybookError(f"{where}: give 'after_hours', 'at' or 'split_at'")
    if timing.split_at is not None and (timing.before_at is None or timing.after_at is None):
        raise PlaybookError(f"{where}: 'split_at' needs 'before_at' and 'after_at'")
    return timing


def _parse_rule(raw: dict[str, Any], index: int, sources: dict[str, str]) -> Rule:
    rule_id = _str(raw, "id", f"rule[{index}]")
    where = f"rule '{rule_id}'"
    kind = _choice(raw, "kind", frozenset(ACTION_KINDS), where)
    rule_sources = _rule_sources(raw, where, sources)
    policy = _rule_policy(raw, where)
    reads = _rule_reads(raw, where)
    disagrees = raw.get("disagrees_with")
    if disagrees is not None and disagrees not in sources:
        raise PlaybookError(f"{where}: 'disagrees_with' names unknown source {disagrees!r}")
    trigger = _choice(raw, "trigger", TRIGGERS, where)
    on_status = _enum_set(raw, "on_status", Status, where) or frozenset()
    if trigger == "status" and not on_status:
        raise PlaybookError(f"{where}: a 'status' trigger needs 'on_status'")
    title = _rule_title(raw, where)
    on_verdict = _rule_verdict(raw, trigger, where)
    decision = raw.get("decision_timing")
    return Rule(
        id=rule_id,
        kind=kind,
        title=title,
        trigger=trigger,
        per=_choice(raw, "per", PER, where),
        recipient=_choice(raw, "recipient", RECIPIENTS, where),
        channel=_choice(raw, "channel", CHANNELS, where),
        timing=parse_timing(raw.get("timing"), f"{where}.timing"),
        sources=rule_sources,
        talking_points=_str_list(raw, "talking_points", where),
        statuses=_enum_set(raw, "statuses", Status, where) or frozenset(Status),
        channels=_enum_set(raw, "channels", Channel, where) or frozenset(Channel),
        formats=_enum_set(raw, "formats", Format, where) or frozenset(Format),
        policy=tuple(sorted(policy.items())),
        reads=reads,
        on_status=on_status,
        on_verdict=on_verdict,
        decision_timing=(
            parse_timing(decision, f"{where}.decision_timing") if decision is not None else None
        ),
        chases=bool(raw.get("chases", False)),
        disagrees_with=disagrees,
    )


def _known_sources(
    table: dict[str, Any], where: str, sources: dict[str, str], hint: str = ""
) -> tuple[str, ...]:
    keys = _str_list(table, "sources", where)
    for key in keys:
        if key not in sources:
            raise PlaybookError(f"{where}: unknown source {key!r}{hint}")
    return keys


def _rule_sources(raw: dict[str, Any], where: str, sources: dict[str, str]) -> tuple[str, ...]:
    if not _str_list(raw, "sources", where):
        raise PlaybookError(f"{where}: 'sources' must name at least one source")
    return _known_sources(raw, where, sources, "; declare it under [sources]")


def _rule_policy(raw: dict[str, Any], where: str) -> dict[str, Any]:
    policy = raw.get("policy", {})
    if not isinstance(policy, dict):
        raise PlaybookError(f"{where}: 'policy' must be a table")
    for name, value in policy.items():
        if name not in POLICY_CHOICES or value not in POLICY_CHOICES[name]:
            raise PlaybookError(f"{where}: unknown policy {name} = {value!r}")
    return policy


def _rule_reads(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    reads = _str_list(raw, "reads", where)
    for name in reads:
        if name not in INT_POLICIES and name not in POLICY_CHOICES and name not in TIME_POLICIES:
            raise PlaybookError(f"{where}: 'reads' names unknown option {name!r}")
    return reads


def _rule_verdict(raw: dict[str, Any], trigger: str, where: str) -> Any:
    on_verdict = raw.get("on_verdict")
    verdicts = {v.value for v in FitVerdict}
    if trigger == "debrief-verdict" and on_verdict not in verdicts:
        raise PlaybookError(
            f"{where}: 'on_verdict' is {on_verdict!r}; use one of {', '.join(sorted(verdicts))}"
        )
    return on_verdict


def _rule_title(raw: dict[str, Any], where: str) -> str:
    title = _str(raw, "title", where)
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(title) if name is not None}
    except ValueError as exc:
        raise PlaybookError(f"{where}: 'title' is not a valid template: {exc}") from exc
    if fields - TITLE_FIELDS:
        raise PlaybookError(
            f"{where}: 'title' uses unknown placeholder(s) "
            f"{', '.join('{' + f + '}' for f in sorted(fields - TITLE_FIELDS))}; "
            f"use {', '.join('{' + f + '}' for f in sorted(TITLE_FIELDS))}"
        )
    return title


def _parse_policies(raw: object) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise PlaybookError("[policies] must be a table")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name in POLICY_CHOICES:
            if value not in POLICY_CHOICES[name]:
                allowed = ", ".join(sorted(POLICY_CHOICES[name]))
                raise PlaybookError(f"policies.{name}: {value!r}; use one of {allowed}")
            out[name] = value
        elif name in INT_POLICIES:
            if not isinstance(value, int) or value < 1:
                raise PlaybookError(f"policies.{name}: must be a whole number >= 1")
            out[name] = value
        elif name in TIME_POLICIES:
            parse_time(value, f"policies.{name}")
            out[name] = value
        else:
            raise PlaybookError(f"policies.{name}: unknown option")
    return out


def _parse_guard(raw: dict[str, Any], index: int, sources: dict[str, str]) -> Guard:
    where = f"guard[{index}]"
    gsources = _known_sources(raw, where, sources)
    return Guard(_str(raw, "id", where), _str(raw, "summary", where), gsources, raw.get("days"))


def _parse_reminder(raw: dict[str, Any], index: int, sources: dict[str, str]) -> Reminder:
    where = f"reminder[{index}]"
    when = _choice(raw, "when", frozenset({"before-interview", "after-interview"}), where)
    rsources = _known_sources(raw, where, sources)
    channel = None
    if "channel" in raw:
        channel = _choice(raw, "channel", frozenset({"recruiter", "direct"}), where)
    return Reminder(_str(raw, "id", where), when, _str(raw, "text", where), rsources, channel)


def load_playbook(text: str) -> Playbook:
    """Return the validated playbook parsed from TOML `text`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlaybookError(f"playbook is not valid TOML: {exc}") from exc
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise PlaybookError("[sources] must list at least one source key")
    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PlaybookError("the playbook needs at least one [[rule]]")
    rules = tuple(_parse_rule(r, i, sources) for i, r in enumerate(raw_rules))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise PlaybookError(f"rule '{rule.id}': duplicate id")
        seen.add(rule.id)
    guards = [_parse_guard(g, i, sources) for i, g in enumerate(data.get("guard", []))]
    reminders = [_parse_reminder(r, i, sources) for i, r in enumerate(data.get("reminder", []))]
    return Playbook(
        name=str(data.get("name", "playbook")),
        version=int(data.get("version", 1)),
        sources=dict(sources),
        policies=_parse_policies(data.get("policies", {})),
        rules=rules,
        guards=tuple(guards),
        reminders=tuple(reminders),
    )
