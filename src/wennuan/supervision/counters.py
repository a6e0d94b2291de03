"""The columns of the summary tables, in one order: what each case adds (its fact) and what a tally sums.

Cohort counters are filed under the day the case was received (a KPI counts a case in the range it was
received in, domain.md); event-day counters under the day the event happened (办结 that day, 归档 that
day), for the trend lines. The cohort formulas themselves are cases.kpis' (``case_aggregates``,
``revisit_aggregates``, ``spot_check_aggregates``), applied per case."""

from django.db import models

# From cases.kpis.case_aggregates (per case: 0 or 1), except handling_seconds (the case's handling time).
CASE_COUNTS = (
    "received",
    "dispatched",
    "resolved",
    "due",
    "resolved_on_time",
    "returned",
    "overdue",
    "accepted_on_time",
    "contacted_on_time",
    "ever_resolved",
    "reopened",
    "repeats",
    "effectively_revisited",
    "fake_closure_suspects",
    "valid_complaints",
)
REVISIT_COUNTS = ("answered", "satisfied")
SPOT_CHECK_COUNTS = ("spot_checks_done", "spot_checks_failed")
# What the case is now (the dashboard's open / overdue / escalated tiles: the cases lists' own filters).
NOW_COUNTS = ("open_now", "overdue_open_now", "escalated_open_now")
COHORT = (*CASE_COUNTS, "handling_seconds", *REVISIT_COUNTS, *SPOT_CHECK_COUNTS, *NOW_COUNTS)
EVENT_DAY = ("resolved_on_day", "closed_on_day")
ALL = (*COHORT, *EVENT_DAY)
INDEX = {name: i for i, name in enumerate(ALL)}

LABELS = {
    "received": "受理量",
    "dispatched": "派单量",
    "resolved": "办结量",
    "due": "应办结量",
    "overdue": "超时量",
    "repeats": "重复投诉",
    "fake_closure_suspects": "疑似假办结",
    "valid_complaints": "有效投诉",
    "open_now": "在办",
    "overdue_open_now": "超时在办",
    "escalated_open_now": "升级在办",
    "resolved_on_day": "当日办结",
    "closed_on_day": "当日归档",
}


def add_counter_fields(model) -> None:
    """One BigIntegerField per counter on ``model`` (the fact and the tally carry the same columns)."""
    for name in ALL:
        model.add_to_class(name, models.BigIntegerField(LABELS.get(name, name), default=0))
