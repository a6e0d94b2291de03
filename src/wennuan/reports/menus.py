"""Menu items of the reports app (core.navigation), registered in apps.ready()."""

from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register
from wennuan.core.roles import Role

register_actions(
    {
        "reports.daily_requested": "生成每日调度报告",
        "reports.bulletin_draft": "起草通报（或退回修改）",
        "reports.bulletin_edit": "修改通报",
        "reports.bulletin_approved": "审核通报",
        "reports.bulletin_issued": "印发通报",
    }
)


def register_all() -> None:
    register("调度报告", "reports:daily", roles={Role.SUPERVISOR}, order=72)
    register("通报", "reports:bulletins", roles={Role.SUPERVISOR, Role.DISPATCHER}, order=73)
