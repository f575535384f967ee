"""Insights: where the search stands, as charts, and the questions to prepare."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from followthrough.services import Service, insights
from followthrough.web import charts
from followthrough.web.deps import service
from followthrough.web.templating import render

KIND_NAMES = {"thank-you": "Thank-you notes", "check-in": "Check-ins"}


SERIES_NAMES = {
    "applications": "Applications",
    "interviews": "Interviews",
    "interactions_out": "Messages and calls out",
    "actions_done": "Actions done",
}


router = APIRouter(include_in_schema=False)


@router.get("/insights", response_class=HTMLResponse)
def insights_page(
    request: Request, weeks: int = 12, svc: Service = Depends(service)
) -> HTMLResponse:
    """Where the search stands, as charts, and the questions to prepare next time."""
    data = insights.insights(svc, weeks).as_json()
    funnel = [(r["stage"].capitalize(), r["count"]) for r in data["funnel"]["reached"]]
    total = data["follow_ups"]["total"]
    weekly = [
        (dt.date.fromisoformat(w["start"]).strftime("%d %b"), {k: w[k] for k in SERIES_NAMES})
        for w in data["weeks"]
    ]
    return render(
        request,
        "insights.html",
        svc,
        data=data,
        funnel_chart=charts.bar_chart(
            funnel, "How far your applications got",
            desc="Applications that ever reached each stage", chart_id="funnel", width=360,
        ),
        follow_up_chart=charts.bar_chart(
            [("On time", total["on_time"]), ("Late", total["late"]), ("Missed", total["missed"])],
            "Follow-ups: on time, late, missed", chart_id="followups", width=360,
        ),
        reply_charts=[
            charts.ratio_bar(
                f"{KIND_NAMES.get(r['kind'], r['kind'])} answered within {r['window_days']} days",
                r["replied"], r["sent"], chart_id=f"reply-{r['kind']}", width=360,
            )
            for r in data["reply_rates"]
        ],
        weekly_chart=charts.column_chart(
            weekly, list(SERIES_NAMES), f"The last {len(weekly)} weeks",
            series_labels=SERIES_NAMES, chart_id="weekly", width=960,
        ),
    )
