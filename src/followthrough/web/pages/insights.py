"""Insights: where the search stands, as charts, and the questions to prepare."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from followthrough.services import Service, insights
from followthrough.web import charts
from followthrough.web.pages.remembered import Built, remembered
from followthrough.web.templating import when

#: How long the page is remembered when nothing is written (a day's figures change slowly).
INSIGHTS_FRESH = dt.timedelta(minutes=5)
#: Interviews quoted per recurring question (the rest counted): a question asked in 300
#: interviews needs a few examples, not 300.
THEME_SOURCES = 5

KIND_NAMES = {"thank-you": "Thank-you notes", "check-in": "Check-ins"}


SERIES_NAMES = {
    "applications": "Applications",
    "interviews": "Interviews",
    "interactions_out": "Messages and calls out",
    "actions_done": "Actions done",
}


router = APIRouter(include_in_schema=False)


def _midnight_after(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return the first midnight in `zone` after `now` (when a day, or a week, begins)."""
    tomorrow = now.astimezone(zone).date() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(), tzinfo=zone)


def _charts(data: dict[str, Any]) -> dict[str, Any]:
    """Return the page's charts of the insights `data` (their JSON)."""
    funnel = [(r["stage"].capitalize(), r["count"]) for r in data["funnel"]["reached"]]
    total = data["follow_ups"]["total"]
    weekly = [
        (dt.date.fromisoformat(w["start"]).strftime("%d %b"), {k: w[k] for k in SERIES_NAMES})
        for w in data["weeks"]
    ]
    return {
        "funnel_chart": charts.bar_chart(
            funnel, "How far your applications got",
            desc="Applications that ever reached each stage", chart_id="funnel", width=360,
        ),
        "follow_up_chart": charts.bar_chart(
            [("On time", total["on_time"]), ("Late", total["late"]), ("Missed", total["missed"])],
            "Follow-ups: on time, late, missed", chart_id="followups", width=360,
        ),
        "reply_charts": [
            charts.ratio_bar(
                f"{KIND_NAMES.get(r['kind'], r['kind'])} answered within {r['window_days']} days",
                r["replied"], r["sent"], chart_id=f"reply-{r['kind']}", width=360,
            )
            for r in data["reply_rates"]
        ],
        "weekly_chart": charts.column_chart(
            weekly, list(SERIES_NAMES), f"The last {len(weekly)} weeks",
            series_labels=SERIES_NAMES, chart_id="weekly", width=960,
        ),
    }  # fmt: skip


@router.get("/insights", response_class=HTMLResponse)
async def insights_page(request: Request, weeks: int = 12) -> Response:
    """Where the search stands, as charts, and the questions to prepare next time (remembered
    between writes, for at most INSIGHTS_FRESH and never past midnight: deadlines passing and
    reply windows closing move the figures without any write)."""

    def build(svc: Service) -> Built:
        data = insights.insights(svc, weeks).as_json()
        zone = svc.week().zone
        until = min(svc.now + INSIGHTS_FRESH, _midnight_after(svc.now, zone))
        as_of = when(svc.now.astimezone(zone).isoformat(), with_date=True)
        values = {"data": data, "as_of": as_of, "theme_sources": THEME_SOURCES}
        return {**values, **_charts(data)}, until

    return await remembered(request, f"insights:{weeks}", "insights.html", build)
