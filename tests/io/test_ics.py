"""ICS export: golden files, two independent parsers, a real calendar client, and properties.

`followthrough.io.ics.calendar` is checked four ways:

- golden files in tests/golden/ics/ for one fixed plan that crosses the end of summer time in
  Europe (2026-10-25) and in the United States (2026-11-01), exported for a user in Brussels and
  one in New York, as events and as to-dos. After a deliberate change, rewrite them and review
  the diff:

      FOLLOWTHROUGH_UPDATE_GOLDENS=1 .venv/bin/pytest tests/io/test_ics.py

- parsed back with `icalendar` (the library that writes it) and with `ical` (an independent
  implementation): stable UIDs, TZIDs, no floating times, alarms, to-do mode;
- imported into khal, a real calendar program, run as a subprocess with its own configuration,
  which must show each event at the right local time for a Brussels and a New York user;
- a Hypothesis property over random plans, zones and dates.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from followthrough.io.ics import EVENT_LENGTH, PRODID, calendar, uid_for
from followthrough.shapes import iso

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "ics"
UPDATE = os.environ.get("FOLLOWTHROUGH_UPDATE_GOLDENS") == "1"
UTC = dt.UTC
BRUSSELS = "Europe/Brussels"
NEW_YORK = "America/New_York"
#: DTSTAMP of the golden files: what a caller passes as `now`.
NOW = dt.datetime(2026, 10, 22, 18, 0, tzinfo=UTC)
OPEN = ("pending", "snoozed")


def action(
    key: str,
    due: dt.datetime | None,
    zone: str,
    *,
    kind: str = "check-in",
    title: str = "Check in with Jane Roe",
    status: str = "pending",
    deadline: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Return an action in the shape of `agenda.action_json`, with times in the user's zone."""
    tz = ZoneInfo(zone)
    out: dict[str, Any] = {
        "id": zlib.crc32(key.encode()) % 1000,
        "kind": kind,
        "title": title,
        "status": status,
        "due": iso(due, tz),
        "deadline": iso(deadline, tz),
        "application_id": 1,
        "interview_id": 1,
        "company": "ACME Analytics",
        "role": "Data Engineer",
        "recipient": None,
        "channel": None,
        "rule": kind,
        "sources": [],
        "why": "",
        "reason": None,
        "talking_points": [],
        "done_at": None,
        "edited": False,
        "key": key,
    }
    out.update(extra)
    return out


def plan(zone: str) -> list[dict[str, Any]]:
    """Return the fixed plan, as the user in `zone` sees it.

    Brussels leaves summer time on 2026-10-25 at 03:00 CEST (01:00 UTC); New York on 2026-11-01
    at 02:00 EDT (06:00 UTC). Two actions fall in the repeated hour, one in each zone.
    """
    jane = {"name": "Jane Roe", "email": "jane@northbridge.example", "contact_id": 1,
            "forward_to": None}
    return [
        action(
            "thank-you:i1:c3", dt.datetime(2026, 10, 23, 14, 0, tzinfo=UTC), zone,
            kind="thank-you", title="Thank Ann Lee (through Jane Roe)",
            deadline=dt.datetime(2026, 10, 24, 14, 0, tzinfo=UTC),
            recipient={**jane, "forward_to": "Ann Lee"}, channel="email",
            sources=["hays", "carter-schwartz", "mining-people"],
            why="A short thank-you within a day keeps you in mind; the recruiter passes it on.",
            talking_points=["Thank them for their time.",
                            "Mention one specific topic: the move to streaming, with commas, "
                            "semicolons; and a long line that the writer has to fold."],
        ),
        # the deadline is 20 minutes after the due time: the event ends at the deadline
        action(
            "recruiter-call:i1", dt.datetime(2026, 10, 24, 8, 0, tzinfo=UTC), zone,
            kind="recruiter-call", title="Call Jane Roe about the interview",
            deadline=dt.datetime(2026, 10, 24, 8, 20, tzinfo=UTC),
            recipient=jane, channel="phone", sources=["hays"],
        ),
        # 02:30 CET, the second 02:30 in Brussels that night
        action("check-in:a1:1", dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), zone,
               status="snoozed", recipient=jane, channel="email"),
        # 10:00 in Brussels after the change: 05:00 in New York, which has not changed yet
        action("referee-heads-up:a1:c2", dt.datetime(2026, 10, 26, 9, 0, tzinfo=UTC), zone,
               kind="referee-heads-up", title="Warn María García that ACME may call",
               sources=["stafffinders"]),
        # 01:30 EST, the second 01:30 in New York that night
        action("check-in:a1:2", dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC), zone,
               deadline=dt.datetime(2026, 11, 3, 17, 0, tzinfo=UTC), title="Check in again"),
        action("linkedin-interviewer:a1:c4", dt.datetime(2026, 11, 2, 15, 0, tzinfo=UTC), zone,
               kind="linkedin-interviewer", title="Connect with Raj Patel on LinkedIn",
               channel="linkedin", why="Élan, naïve café: non-ASCII survives the trip."),
        # not exported: finished, skipped, cancelled, or without a due time
        action("withdraw:a1", dt.datetime(2026, 10, 27, 9, 0, tzinfo=UTC), zone, status="done"),
        action("value-add:a1", dt.datetime(2026, 10, 28, 9, 0, tzinfo=UTC), zone,
               status="skipped"),
        action("keep-in-touch:a1", dt.datetime(2026, 10, 29, 9, 0, tzinfo=UTC), zone,
               status="cancelled"),
        action("rejection-reply:a1", None, zone),
    ]


def exported(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in actions if a["status"] in OPEN and a["due"] is not None]


def instant(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def parse(data: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(data)
    assert isinstance(cal, icalendar.Calendar)
    return cal


def components(cal: icalendar.Calendar, todo: bool) -> list[icalendar.Component]:
    return list(cal.walk("VTODO" if todo else "VEVENT"))


# --------------------------------------------------------------------------- golden files

CASES = {
    "brussels-events": (BRUSSELS, False),
    "brussels-todos": (BRUSSELS, True),
    "new-york-events": (NEW_YORK, False),
    "new-york-todos": (NEW_YORK, True),
}


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    zone, todo = CASES[case]
    data = calendar(plan(zone), zone, todo=todo, stamp=NOW)
    path = GOLDEN / f"{case}.ics"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.is_file(), f"no golden file {path.name}: run with FOLLOWTHROUGH_UPDATE_GOLDENS=1"
    assert data == path.read_bytes(), (
        f"{case} changed: if that is intended, rerun with FOLLOWTHROUGH_UPDATE_GOLDENS=1 "
        "and review the diff"
    )


def test_no_stale_golden_files() -> None:
    present = {p.name for p in GOLDEN.glob("*.ics")} if GOLDEN.is_dir() else set()
    assert present - {f"{c}.ics" for c in CASES} == set(), "golden files no case writes: delete"


def test_golden_files_keep_their_crlf_line_ends() -> None:
    for path in GOLDEN.glob("*.ics"):
        data = path.read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n"), f"{path.name}: a checkout rewrote CRLF"


# --------------------------------------------------------------------------- the contract


def test_same_input_gives_the_same_bytes_whatever_the_order() -> None:
    actions = plan(BRUSSELS)
    shuffled = actions[:]
    random.Random(4).shuffle(shuffled)
    assert calendar(actions, BRUSSELS) == calendar(shuffled, BRUSSELS)
    assert calendar(actions, BRUSSELS, stamp=NOW) == calendar(shuffled, BRUSSELS, stamp=NOW)


def test_uids_come_from_the_key_and_survive_a_re_plan() -> None:
    before = plan(BRUSSELS)
    after = plan(BRUSSELS)
    after[0].update(title="Thank Ann Lee now", due=iso(
        dt.datetime(2026, 10, 23, 18, 0, tzinfo=UTC), ZoneInfo(BRUSSELS)))
    after.append(action("check-in:a1:3", dt.datetime(2026, 11, 20, 9, 0, tzinfo=UTC), BRUSSELS))

    def summaries(actions: list[dict[str, Any]]) -> dict[str, str]:
        cal = parse(calendar(actions, BRUSSELS))
        return {str(c["UID"]): str(c["SUMMARY"]) for c in components(cal, False)}

    old, new = summaries(before), summaries(after)
    thanks = uid_for("thank-you:i1:c3")
    assert (old[thanks], new[thanks]) == ("Thank Ann Lee (through Jane Roe)", "Thank Ann Lee now")
    assert set(old) < set(new)
    assert set(new) == {uid_for(a["key"]) for a in exported(after)}
    assert uid_for("check-in:a3:1") == uid_for("check-in:a3:1", "followthrough.local")
    assert uid_for("check-in:a3:1", "example.org").endswith("@example.org")


def test_only_open_actions_with_a_due_time_are_exported() -> None:
    actions = plan(BRUSSELS)
    for todo in (False, True):
        cal = parse(calendar(actions, BRUSSELS, todo=todo))
        assert {str(c["UID"]) for c in components(cal, todo)} == {
            uid_for(a["key"]) for a in exported(actions)
        }
        assert components(cal, not todo) == []
    empty = parse(calendar([], BRUSSELS))
    assert empty.subcomponents == []
    assert str(empty["X-WR-CALNAME"]) == "Followthrough"


def test_two_open_actions_with_one_key_are_refused() -> None:
    twice = [action("check-in:a1:1", NOW, BRUSSELS), action("check-in:a1:1", NOW, BRUSSELS)]
    with pytest.raises(ValueError, match="share the key"):
        calendar(twice, BRUSSELS)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="alarm_minutes"):
        calendar([], BRUSSELS, alarm_minutes=-5)
    with pytest.raises(ValueError, match="aware"):
        calendar([], BRUSSELS, stamp=dt.datetime(2026, 1, 1))
    with pytest.raises(KeyError):  # zoneinfo.ZoneInfoNotFoundError
        calendar([], "Mars/Olympus_Mons")


def test_dtstamp_is_the_given_now_or_else_the_due_time() -> None:
    actions = exported(plan(NEW_YORK))
    for stamp, expected in ((NOW, [NOW] * len(actions)),
                            (None, [instant(a["due"]) for a in actions])):
        cal = parse(calendar(actions, NEW_YORK, stamp=stamp))
        got = {str(c["UID"]): c.decoded("DTSTAMP") for c in components(cal, False)}
        assert got == {uid_for(a["key"]): e for a, e in zip(actions, expected, strict=True)}
        assert all(s.utcoffset() == dt.timedelta(0) for s in got.values())
        assert all(c["DTSTAMP"].to_ical().endswith(b"Z") for c in components(cal, False))


# --------------------------------------------------------------------------- parsed by icalendar


@pytest.mark.parametrize("zone", [BRUSSELS, NEW_YORK])
@pytest.mark.parametrize("todo", [False, True], ids=["events", "todos"])
def test_icalendar_reads_back_every_fact(zone: str, todo: bool) -> None:
    actions = exported(plan(zone))
    cal = parse(calendar(actions, zone, todo=todo, alarm_minutes=45, name="Job hunt"))
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "Job hunt"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [zone]
    assert cal.get_missing_tzids() == set()
    found = components(cal, todo)
    by_uid = {str(c["UID"]): c for c in found}
    assert len(by_uid) == len(found) == len(actions)
    for a in actions:
        c = by_uid[uid_for(a["key"])]
        due, deadline = instant(a["due"]), instant(a["deadline"])
        assert due is not None
        [alarm] = c.walk("VALARM")
        if todo and not (deadline and deadline > due):
            # no DTSTART equal to DUE (the `ical` parser would move it): the alarm follows DUE
            assert "DTSTART" not in c
            assert c.decoded("DUE") == due
            assert alarm["TRIGGER"].params == {"RELATED": "END"}
        elif todo:
            assert (c.decoded("DTSTART"), c.decoded("DUE")) == (due, deadline)
            assert alarm["TRIGGER"].params == {}
        else:
            assert c.decoded("DTSTART") == due
            assert alarm["TRIGGER"].params == {}
        if todo:
            assert str(c["STATUS"]) == "NEEDS-ACTION"
        else:
            end = due + EVENT_LENGTH
            assert c.decoded("DTEND") == (deadline if deadline and due < deadline < end else end)
            assert str(c["TRANSP"]) == "TRANSPARENT"
        for prop in ("DTSTART", "DTEND", "DUE"):
            if prop in c:
                value = c[prop]
                assert value.dt.tzinfo is not None, f"floating {prop}"
                # TZID of the user's zone, except a wall-clock time that is ambiguous there
                local = value.dt.astimezone(ZoneInfo(zone))
                ambiguous = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
                assert value.params.get("TZID") == (None if ambiguous else zone), prop
        assert str(c["SUMMARY"]) == a["title"]
        assert [str(k) for k in c["CATEGORIES"].cats] == [a["kind"]]
        description = str(c["DESCRIPTION"])
        for point in a["talking_points"]:
            assert f"- {point}" in description.splitlines()
        if a["why"]:
            assert description.startswith(a["why"])
        if a["sources"]:
            assert "Sources: " + ", ".join(a["sources"]) in description
        assert "Application: ACME Analytics - Data Engineer" in description
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-45)
        assert str(alarm["DESCRIPTION"]) == a["title"]


def test_the_ambiguous_hour_keeps_its_instant() -> None:
    raw = calendar(plan(BRUSSELS), BRUSSELS).decode()
    # 01:30 UTC is the second 02:30 in Brussels: a TZID would read as the first one (00:30 UTC)
    assert "DTSTART:20261025T013000Z" in raw
    assert "DTSTART;TZID=Europe/Brussels:20261026T100000" in raw
    # 06:30 UTC is the second 01:30 in New York
    assert "DTSTART:20261101T063000Z" in calendar(plan(NEW_YORK), NEW_YORK).decode()


def test_line_breaks_in_text_cannot_inject_properties() -> None:
    evil = action("check-in:a1:1", NOW, BRUSSELS, title="Hi\rUID:evil\r\nEND:VEVENT\nX:1",
                  why="a\rDTSTART:19700101T000000Z", talking_points=["p\r\nq"])
    data = calendar([evil], BRUSSELS)
    lines = data.split(b"\r\n")
    assert not any(line.startswith((b"UID:evil", b"X:1", b"DTSTART:1970")) for line in lines)
    assert data.count(b"\r") == data.count(b"\r\n")
    [event] = components(parse(data), False)
    assert str(event["UID"]) == uid_for("check-in:a1:1")
    assert str(event["SUMMARY"]) == "Hi\nUID:evil\nEND:VEVENT\nX:1"
    assert str(event["DESCRIPTION"]).startswith("a\nDTSTART:19700101T000000Z")


# --------------------------------------------------------------------------- parsed by `ical`


@pytest.mark.parametrize("zone", [BRUSSELS, NEW_YORK])
def test_a_second_parser_reads_the_same_events(zone: str) -> None:
    actions = exported(plan(zone))
    cal = IcsCalendarStream.calendar_from_ics(calendar(actions, zone).decode())
    assert [tz.tz_id for tz in cal.timezones] == [zone]
    by_uid = {e.uid: e for e in cal.events}
    assert len(by_uid) == len(cal.events) == len(actions)
    for a in actions:
        event = by_uid[uid_for(a["key"])]
        assert event.summary == a["title"]
        assert isinstance(event.dtstart, dt.datetime)
        assert event.dtstart.tzinfo is not None
        assert event.dtstart == instant(a["due"])
        assert event.categories == [a["kind"]]
        assert [(al.action, al.trigger) for al in event.alarm] == [
            ("DISPLAY", dt.timedelta(minutes=-30))
        ]


@pytest.mark.parametrize("zone", [BRUSSELS, NEW_YORK])
def test_a_second_parser_reads_the_same_todos(zone: str) -> None:
    actions = exported(plan(zone))
    cal = IcsCalendarStream.calendar_from_ics(calendar(actions, zone, todo=True).decode())
    assert cal.events == []
    by_uid = {t.uid: t for t in cal.todos}
    assert len(by_uid) == len(cal.todos) == len(actions)
    for a in actions:
        task = by_uid[uid_for(a["key"])]
        if a["deadline"]:
            assert (task.dtstart, task.due) == (instant(a["due"]), instant(a["deadline"]))
        else:
            assert (task.dtstart, task.due) == (None, instant(a["due"]))
        assert str(task.status) in ("NEEDS-ACTION", "TodoStatus.NEEDS_ACTION")
        assert [al.trigger for al in task.alarms] == [dt.timedelta(minutes=-30)]


# --------------------------------------------------------------------------- a real client

KHAL = shutil.which("khal", path=str(Path(sys.executable).parent))


def khal(home: Path, zone: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real khal with a configuration in `home` for a user in `zone`."""
    config = home / f"khal-{zone.replace('/', '_')}.conf"
    config.write_text(
        "[calendars]\n"
        "[[followthrough]]\n"
        f"path = {home / 'calendars' / 'followthrough'}\n"
        "[locale]\n"
        f"local_timezone = {zone}\n"
        f"default_timezone = {zone}\n"
        "timeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\n"
        "default_calendar = followthrough\n"
        "[sqlite]\n"
        f"path = {home / ('khal-' + zone.replace('/', '_') + '.db')}\n",
        encoding="utf-8",
    )
    # Never the user's own configuration, data or cache; a fixed system zone and locale.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TZ": "Asia/Tokyo",  # neither user's zone: khal must use its own setting
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    }
    assert KHAL is not None
    done = subprocess.run(
        [KHAL, "-c", str(config), *args], env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )
    # khal logs what it cannot read (an unknown TZID, a broken event) on stderr
    assert done.stderr == "", done.stderr
    return done


def khal_events(home: Path, zone: str) -> dict[str, tuple[str, str, str]]:
    """Return {uid: (start, end, title)} for everything khal lists, in `zone`'s local time."""
    done = khal(home, zone, "list", "--once", "--json", "uid", "--json", "start-long",
                "--json", "end-long", "--json", "title", "2026-10-01", "2026-12-01")
    rows = [row for line in done.stdout.splitlines() if line.strip()
            for row in json.loads(line)]
    return {r["uid"]: (r["start-long"], r["end-long"], r["title"]) for r in rows}


@pytest.fixture(scope="module")
def khal_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A khal calendar with the Brussels plan imported through khal's own command line."""
    if KHAL is None:
        pytest.fail("khal is not installed: .venv/bin/pip install -e '.[test]'")
    home = tmp_path_factory.mktemp("khal")
    (home / "calendars" / "followthrough").mkdir(parents=True)
    ics = home / "followthrough.ics"
    ics.write_bytes(calendar(plan(BRUSSELS), BRUSSELS, stamp=NOW))
    khal(home, BRUSSELS, "import", "--batch", str(ics))
    return home


#: What each user sees: (start, end) in local time, per key of the Brussels plan.
SEEN = {
    BRUSSELS: {
        "thank-you:i1:c3": ("2026-10-23 16:00", "2026-10-23 16:30"),
        "recruiter-call:i1": ("2026-10-24 10:00", "2026-10-24 10:20"),
        "check-in:a1:1": ("2026-10-25 02:30", "2026-10-25 03:00"),
        "referee-heads-up:a1:c2": ("2026-10-26 10:00", "2026-10-26 10:30"),
        "check-in:a1:2": ("2026-11-01 07:30", "2026-11-01 08:00"),
        "linkedin-interviewer:a1:c4": ("2026-11-02 16:00", "2026-11-02 16:30"),
    },
    NEW_YORK: {
        "thank-you:i1:c3": ("2026-10-23 10:00", "2026-10-23 10:30"),
        "recruiter-call:i1": ("2026-10-24 04:00", "2026-10-24 04:20"),
        # written in UTC: khal would read a TZID 02:30 as CET, icalendar and `ical` as CEST
        "check-in:a1:1": ("2026-10-24 21:30", "2026-10-24 22:00"),
        # six hours apart before 25 October, five until 1 November, six again after
        "referee-heads-up:a1:c2": ("2026-10-26 05:00", "2026-10-26 05:30"),
        "check-in:a1:2": ("2026-11-01 01:30", "2026-11-01 02:00"),
        "linkedin-interviewer:a1:c4": ("2026-11-02 10:00", "2026-11-02 10:30"),
    },
}


@pytest.mark.parametrize("zone", [BRUSSELS, NEW_YORK])
def test_khal_shows_each_event_at_the_right_local_time(khal_home: Path, zone: str) -> None:
    titles = {uid_for(a["key"]): a["title"] for a in plan(BRUSSELS)}
    expected = {uid_for(k): (*times, titles[uid_for(k)]) for k, times in SEEN[zone].items()}
    assert khal_events(khal_home, zone) == expected


def test_khal_updates_on_re_import_instead_of_duplicating(tmp_path: Path) -> None:
    (tmp_path / "calendars" / "followthrough").mkdir(parents=True)
    first = plan(BRUSSELS)
    ics = tmp_path / "plan.ics"
    ics.write_bytes(calendar(first, BRUSSELS, stamp=NOW))
    khal(tmp_path, BRUSSELS, "import", "--batch", str(ics))
    moved = plan(BRUSSELS)
    [heads_up] = [a for a in moved if a["key"] == "referee-heads-up:a1:c2"]
    heads_up["due"] = iso(dt.datetime(2026, 10, 27, 13, 0, tzinfo=UTC), ZoneInfo(BRUSSELS))
    ics.write_bytes(calendar(moved, BRUSSELS, stamp=NOW + dt.timedelta(days=1)))
    khal(tmp_path, BRUSSELS, "import", "--batch", str(ics))
    seen = khal_events(tmp_path, BRUSSELS)
    assert len(seen) == len(exported(first))
    assert seen[uid_for("referee-heads-up:a1:c2")][:2] == ("2026-10-27 14:00", "2026-10-27 14:30")


# --------------------------------------------------------------------------- properties

#: Every zone the system knows (UTC and its aliases are written with a Z, without a TZID).
ZONES = sorted(available_timezones())
#: Any text, with line breaks but no other control characters.
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                             include_characters="\n"), max_size=40)


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    zone = draw(st.sampled_from(ZONES))
    keys = draw(st.lists(st.from_regex(r"[a-z-]{1,12}:a[0-9]{1,3}(:[0-9]{1,2})?", fullmatch=True),
                         unique=True, max_size=8))
    # a plan spans months around some day between 2000 and 2060 (times to the second)
    middle = draw(st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2060, 12, 31),
                               timezones=st.just(UTC))).replace(microsecond=0)
    moments = st.timedeltas(-dt.timedelta(days=400), dt.timedelta(days=400)).map(
        lambda d: middle + d - dt.timedelta(microseconds=d.microseconds))
    actions = []
    for key in keys:
        due = draw(st.none() | moments)
        deadline = None
        if due is not None and draw(st.booleans()):
            deadline = due + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=30)))
        actions.append(action(
            key, due, zone,
            status=draw(st.sampled_from(["pending", "snoozed", "done", "skipped", "cancelled"])),
            deadline=deadline, title=draw(TEXT), why=draw(TEXT),
            talking_points=draw(st.lists(TEXT, max_size=3)), kind=draw(st.sampled_from(
                ["thank-you", "check-in", "value-add", "linkedin-recruiter"])),
        ))
    return zone, actions


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.booleans())
def test_any_plan_gives_a_valid_calendar(case: tuple[str, list[dict[str, Any]]],
                                         todo: bool) -> None:
    zone, actions = case
    data = calendar(actions, zone, todo=todo)
    wanted = {uid_for(a["key"]): a for a in exported(actions)}
    cal = parse(data)
    found = components(cal, todo)
    assert sorted(str(c["UID"]) for c in found) == sorted(wanted)
    for c in found:
        a = wanted[str(c["UID"])]
        for prop in ("DTSTART", "DTEND", "DUE"):
            if prop in c:
                value = c[prop]
                assert value.dt.tzinfo is not None, f"floating {prop}"
                assert "TZID" in value.params or value.to_ical().endswith(b"Z")
        when = c.decoded("DTSTART") if "DTSTART" in c else c.decoded("DUE")
        assert when == instant(a["due"])
        assert str(c["SUMMARY"]) == (a["title"] or a["kind"])
        assert len(c.walk("VALARM")) == 1
    assert cal.get_missing_tzids() == set()
    second = IcsCalendarStream.calendar_from_ics(data.decode())
    items = second.todos if todo else second.events
    assert sorted(i.uid for i in items) == sorted(wanted)
    for i in items:
        assert (i.dtstart or i.due) == instant(wanted[i.uid]["due"])
