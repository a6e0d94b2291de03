"""Menu items and per-role home panels of the cases app (core.navigation), registered in apps.ready()."""

from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

from . import lifecycle

# Home panel lists per role: (queue, label) pairs counted on the panel.
PANEL_QUEUES = {
    Role.HOTLINE_AGENT: ["mine", "dispatch", "close"],
    Role.DISPATCHER: ["dispatch", "work", "overdue", "outage"],
    Role.STATION_CREW: ["work", "overdue"],
    Role.GRID_WORKER: ["revisit"],
    Role.COMMUNITY_STAFF: ["revisit"],
    Role.SUPERVISOR: ["overdue", "fake_closure", "dispatch", "close"],
    Role.DISTRICT_STAFF: ["overdue", "fake_closure"],
    Role.STREET_STAFF: ["overdue", "fake_closure", "close"],
}


def inbox_panel(request) -> dict:
    from .selectors import QUEUES, CaseFilters, cases

    queues = PANEL_QUEUES.get(request.user.role, ["overdue"])
    counts = [
        (q, QUEUES[q], cases(user=request.user, filters=CaseFilters(queue=q))[:1000].count()) for q in queues
    ]
    return {
        "counts": counts,
        "can_intake": request.user.is_superuser or request.user.role in lifecycle.INTAKE_ROLES,
    }


def register_all() -> None:
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
