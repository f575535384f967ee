"""The planner: facts + playbook + calendar -> the dated actions the guidance calls for.

Pure: no clock, no I/O. Every PlannedAction carries the rule that produced it and its sources.
One module per rule family: `interviews` (after an interview ends), `statuses` (a status change,
a debrief's verdict), `people` (once per referee, interviewer or recruiter), `check_ins` (the
cadence after the last interview), `keep_searching` (the user-wide nudge); `application` runs
them all over one application, `plan` holds the lookups and the action they share, `timing`
the due-time arithmetic, `policy` the user's options.
"""

from followthrough.domain.planner.application import plan_application
from followthrough.domain.planner.keep_searching import Pipeline, plan_keep_searching
from followthrough.domain.planner.policy import Policy, workweek_from_settings
from followthrough.domain.planner.timing import (
    deadline_after,
    due_after,
    due_on_date,
    first_working_moment_after,
    plus_hours,
)

__all__ = [
    "Pipeline",
    "Policy",
    "deadline_after",
    "due_after",
    "due_on_date",
    "first_working_moment_after",
    "plan_application",
    "plan_keep_searching",
    "plus_hours",
    "workweek_from_settings",
]
