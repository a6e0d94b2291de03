"""The cases sweep (registered with core.periodic as "cases"): overdue marking, escalation, overdue 督办,
the weekly spot-check draw. Every step reads stored deadlines and conditional updates, so two runs (or two
processes at once) do what one run does."""

from django.utils import timezone

from wennuan.core.errors import StaleObject
from wennuan.core.periodic import register

from . import deadlines
from .enums import OPEN_STATES, Escalation
from .models import Case, SupervisionOrder
from .services.spotcheck import draw_spot_check, last_week_start
from .services.supervision import breach_q, escalate, flag_overdue_supervision, mark_overdue


def run_sweep(now=None) -> dict:
    now = now or timezone.now()
    running = Case.objects.filter(state__in=OPEN_STATES, paused_at__isnull=True)
    done = {"overdue": 0, "escalated": 0, "supervision_overdue": 0, "stale": 0, "spot_checks": 0}

    for case in running.filter(breach_q(now), overdue_since__isnull=True).order_by("id"):
        try:
            done["overdue"] += mark_overdue(case=case, now=now) is not None
        except StaleObject:
            done["stale"] += 1  # someone acted on it meanwhile; the next run looks again

    for case in running.filter(
        overdue_since__isnull=False, escalation_level__lt=Escalation.TASK_FORCE
    ).order_by("id"):
        try:
            rules = deadlines.rules_on(now, city=deadlines.city_of(case))
            while escalate(case=case, now=now, rules=rules) is not None:
                done["escalated"] += 1
        except StaleObject:
            done["stale"] += 1

    for order in SupervisionOrder.objects.filter(
        done_at__isnull=True, is_overdue=False, due_at__lt=now
    ).select_related("case"):
        done["supervision_overdue"] += flag_overdue_supervision(order=order, now=now)

    done["spot_checks"] = len(draw_spot_check(week_start=last_week_start(now), only_if_new=True, at=now))
    return done


@register("cases")
def sweep() -> dict:
    return run_sweep()
