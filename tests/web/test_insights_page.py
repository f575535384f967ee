"""Insights in the browser page, the API and the CLI: one answer, three forms (issue 4)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from followthrough.services import interviews
from followthrough.web.pages.insights import THEME_SOURCES
from tests.web.conftest import NOW_DT, Api, Cli, service_of


def test_api_insights_is_the_cli_json(demo: Api, cli: Cli) -> None:
    data = demo.get("/insights")
    assert data == cli.json("insights")
    assert data["funnel"]["total"] == 5
    reached = {r["stage"]: r["count"] for r in data["funnel"]["reached"]}
    assert reached["interviewing"] == 5  # the rejected one had an interview: it counts
    assert reached["offer"] == 1
    themes = data["questions"]["recurring"]
    assert [t["count"] for t in themes] == [2]
    assert {s["company"] for s in themes[0]["sources"]} == {"Globex", "Umbrella Health"}
    assert len(data["weeks"]) == 12
    assert demo.get("/insights?weeks=3")["weeks"][-1]["start"] == "2026-11-16"  # a Monday
    assert cli.json("insights", "--weeks", "3") == demo.get("/insights?weeks=3")


def test_weeks_out_of_range_is_a_one_line_error(demo: Api, cli: Cli) -> None:
    assert "weeks" in demo.error("GET", "/insights?weeks=0", 422)
    assert cli.run("insights", "--weeks", "500").exit_code == 2


def test_insights_page_draws_accessible_charts(demo: Api) -> None:
    page = demo.client.get("/insights")
    assert page.status_code == 200
    html = page.text
    assert html.count('role="img"') >= 4  # funnel, follow-ups, replies, weekly
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 4
    for svg in svgs:
        root = ET.fromstring(svg)  # each chart is well-formed XML
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
        assert "style=" not in svg  # the CSP forbids inline styles
    assert "Tell me about a time you failed" in html
    assert "/interviews/" in html  # each mention links to its interview


def test_people_get_bars_in_the_terminal(demo: Api, cli: Cli) -> None:
    result = cli.run("insights")
    assert result.exit_code == 0, result.output
    assert "How far your applications got" in result.output
    assert "█" in result.output
    assert "Tell me about a time you failed" in result.output


def test_a_question_asked_in_many_interviews_quotes_a_few_and_counts_the_rest(
    web: Api,
) -> None:
    svc = service_of(web.app)
    asked = THEME_SOURCES + 3
    for n in range(asked):
        app = svc.add_application(f"Company {n}", "Engineer")
        start = NOW_DT - dt.timedelta(days=20 - n)
        iv = svc.add_interview(app.id, start, start + dt.timedelta(hours=1))
        data = {"unprepared_questions": ["Why do you want to leave your job?"]}
        interviews.record_debrief(svc, iv["id"], data)
    html = web.client.get("/insights").text
    theme = re.search(r"Why do you want to leave your job\?</strong>.*?</ul></li>", html, re.S)
    assert theme
    assert f"{asked} interviews" in theme.group(0)
    assert theme.group(0).count('<a href="/interviews/') == THEME_SOURCES
    assert "and 3 more" in theme.group(0)
