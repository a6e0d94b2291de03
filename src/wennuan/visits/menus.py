"""Menu items and home panels of the visits app (core.navigation)."""

from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register, register_home_panel
from wennuan.core.roles import Role

# Who visits households in person (the field page, today's list on the home panel).
FIELD_ROLES = frozenset({Role.GRID_WORKER, Role.COMMUNITY_STAFF})

register_actions(
    {
        "visits.visit_recorded": "录入走访",
        "visits.tasks_generated": "生成走访任务",
        "visits.phase_changed": "修改走访阶段",
        "visits.phase_added": "新增走访阶段",
        "visits.export_unvisited": "导出未走访名单",
        "visits.campaign_changed": "修改走访活动",
        "visits.campaign_created": "创建走访活动",
        "visits.resurvey_scheduled": "安排复访",
        "visits.report_link_created": "生成便民卡二维码",
        "visits.problem_solved": "走访问题已解决",
        "visits.problem_reported": "走访问题上报为工单",
        "visits.photo_attached": "上传走访照片",
    }
)
register("今日走访", "visits:field", roles=FIELD_ROLES, order=40)
register("走访覆盖", "visits:coverage", order=45)
register("满意度调查", "visits:satisfaction", order=46)
register("走访活动", "visits:campaigns", roles={Role.SUPERVISOR}, order=47)


def _panel(request) -> dict:
    from .selectors import current_phase
    from .summary import phase_summary

    phase = current_phase()
    return {
        "phase": phase,
        "summary": phase_summary(user=request.user, phase=phase) if phase else None,
        "visits_in_the_field": request.user.role in FIELD_ROLES,
    }


register_home_panel("visits/_home_panel.html", _panel, order=40)
