"""What a season left behind, counted from the database: the line ``wennuan run`` prints and what the
tests check (every state, every slip a supervisor looks for, visits above and below the standard)."""

from collections import Counter

from django.db.models import Count, Q

from wennuan.billing.models import Measurement
from wennuan.cases.enums import OPEN_STATES
from wennuan.cases.models import Case, Revisit, SpotCheck, SupervisionOrder
from wennuan.outages.models import Outage
from wennuan.visits.enums import TaskPurpose
from wennuan.visits.models import TemperatureReading, Visit, VisitTask


def season_figures() -> dict:
    cases = Case.objects.all()
    figures = {
        "cases": cases.count(),
        "states": dict(cases.values_list("state").annotate(n=Count("pk")).order_by("state")),
        "overdue_open": cases.filter(state__in=OPEN_STATES, overdue_since__isnull=False).count(),
        "ever_overdue": cases.filter(is_overdue=True).count(),
        "escalation": dict(
            cases.filter(escalation_level__gt=0)
            .values_list("escalation_level")
            .annotate(n=Count("pk"))
            .order_by("escalation_level")
        ),
        "reopened": cases.filter(reopen_count__gt=0).count(),
        "returned": cases.filter(return_count__gt=0).count(),
        "repeats": cases.filter(repeat_of__isnull=False).count(),
        "merged": cases.filter(parent__isnull=False).count(),
        "suspected_outage": cases.filter(suspected_outage=True).count(),
        "fake_closure_suspects": cases.filter(suspected_fake_closure=True).count(),
        "fake_closure_reasons": dict(
            sorted(
                Counter(r for rs in cases.values_list("fake_closure_reasons", flat=True) for r in rs).items()
            )
        ),
        "supervision_orders": SupervisionOrder.objects.count(),
        "supervision_open": SupervisionOrder.objects.filter(done_at__isnull=True).count(),
        "supervision_overdue": SupervisionOrder.objects.filter(is_overdue=True).count(),
        "revisits": Revisit.objects.count(),
        "revisits_effective": Revisit.objects.filter(effective=True).count(),
        "revisits_below_standard": Revisit.objects.filter(below_standard=True).count(),
        "spot_checks": SpotCheck.objects.count(),
        "spot_checks_done": SpotCheck.objects.filter(checked_at__isnull=False).count(),
        "spot_checks_failed": SpotCheck.objects.filter(passed=False).count(),
        "outages": Outage.objects.count(),
        "measurements": Measurement.objects.count(),
        "measurements_below": Measurement.objects.filter(compliant=False).count(),
        "visits": Visit.objects.count(),
        "visit_outcomes": dict(
            Visit.objects.values_list("outcome").annotate(n=Count("pk")).order_by("outcome")
        ),
        "readings": TemperatureReading.objects.aggregate(
            below=Count("pk", filter=Q(below_standard=True)),
            at_or_above=Count("pk", filter=Q(below_standard=False)),
        ),
        "resurveys": VisitTask.objects.filter(purpose=TaskPurpose.RESURVEY).count(),
        "resurveys_done": Visit.objects.filter(task__purpose=TaskPurpose.RESURVEY).count(),
        "grids_visited": Visit.objects.values("household__grid_id").distinct().count(),
    }
    return figures


def summary(figures: dict) -> str:
    """One line for ``wennuan run``."""
    s = figures["states"]
    return (
        f"演示供暖季：工单{figures['cases']}件（待派单{s.get('received', 0) + s.get('returned', 0)}、"
        f"办理中{s.get('dispatched', 0) + s.get('accepted', 0) + s.get('in_progress', 0)}、"
        f"已办结{s.get('resolved', 0)}、已回访{s.get('revisited', 0)}、已归档{s.get('closed', 0)}），"
        f"超时未办{figures['overdue_open']}、督办{figures['supervision_orders']}、重办{figures['reopened']}、"
        f"疑似假办结{figures['fake_closure_suspects']}、重复投诉{figures['repeats']}、"
        f"疑似片区停热{figures['suspected_outage']}；回访{figures['revisits']}次、抽核{figures['spot_checks']}件；"
        f"入户走访{figures['visits']}次（{figures['grids_visited']}个网格，"
        f"测温低于标准{figures['readings']['below']}处）、入户测温{figures['measurements']}次"
    )
