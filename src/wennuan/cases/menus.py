"""Menu items and per-role home panels of the cases app (core.navigation), registered in apps.ready()."""

from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

from . import assist, lifecycle
from .enums import Queue

# Home panel lists per role: (queue, label) pairs counted on the panel.
PANEL_QUEUES = {
    Role.HOTLINE_AGENT: [Queue.MINE, Queue.DISPATCH, Queue.CLOSE],
    Role.DISPATCHER: [Queue.DISPATCH, Queue.WORK, Queue.OVERDUE, Queue.OUTAGE],
    Role.STATION_CREW: [Queue.WORK, Queue.OVERDUE],
    Role.GRID_WORKER: [Queue.REVISIT],
    Role.COMMUNITY_STAFF: [Queue.REVISIT],
    Role.SUPERVISOR: [Queue.OVERDUE, Queue.FAKE_CLOSURE, Queue.DISPATCH, Queue.CLOSE],
    Role.DISTRICT_STAFF: [Queue.OVERDUE, Queue.FAKE_CLOSURE],
    Role.STREET_STAFF: [Queue.OVERDUE, Queue.FAKE_CLOSURE, Queue.CLOSE],
}


def inbox_panel(request) -> dict:
    from .selectors import CaseFilters, cases

    queues = PANEL_QUEUES.get(request.user.role, [Queue.OVERDUE])
    counts = [
        (q.value, q.label, cases(user=request.user, filters=CaseFilters(queue=q))[:1000].count())
        for q in queues
    ]
    return {
        "counts": counts,
        "can_intake": request.user.is_superuser or request.user.role in lifecycle.INTAKE_ROLES,
    }


def register_all() -> None:
    from wennuan.core.audit_labels import register_actions, register_values

    from .enums import EVENT_LABELS, FakeClosureReason, Limit

    register_values("cases.case", "overdue_limits", dict(Limit.choices))
    register_values("cases.case", "fake_closure_reasons", dict(FakeClosureReason.choices))

    register_actions(
        {
            **{f"case.{code}": f"工单{a.label}" for code, a in lifecycle.ACTIONS.items()},
            **{f"case.{code}": f"工单{label}" for code, label in EVENT_LABELS.items()},
            "case.receive": "受理工单",
            "case.spot_check_draw": "抽取抽核工单",
            "cases.export": "导出工单",
            "cases.photo": "补充工单照片",
            "cases.resident_rating": "居民评价工单",
        }
    )
    register("工单", "cases:list", roles=set(PANEL_QUEUES), order=50)
    register("受理诉求", "cases:new", roles=lifecycle.INTAKE_ROLES - {Role.DISTRICT_STAFF}, order=51)
    register("督办台", "cases:supervision", roles=lifecycle.SUPERVISORS, order=55)
    register("抽核", "cases:spot_checks", roles={Role.SPOT_CHECKER, Role.SUPERVISOR}, order=56)
    register(
        "考核指标",
        "cases:kpis",
        roles={Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF, Role.DISPATCHER, Role.SPOT_CHECKER},
        order=57,
    )
    register_home_panel("cases/panels/inbox.html", inbox_panel, roles=set(PANEL_QUEUES), order=20)
    # the intake form's own assist panel: where the complaint is, the household's open cases
    assist.register_panel("cases:assist", order=10)
