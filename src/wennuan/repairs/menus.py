"""The ledger's menu items (core.navigation), registered in apps.ready()."""

from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register
from wennuan.core.roles import Role

register_actions(
    {
        "repairs.create": "新建冬病夏治项",
        "repairs.update": "修改冬病夏治项",
        "repairs.progress": "更新整改进度",
        "repairs.complete": "整改完成",
        "repairs.verify": "验收整改",
        "repairs.overdue": "整改超期",
    }
)

READERS = frozenset({Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.DISPATCHER, Role.STATION_CREW})


def register_all() -> None:
    register("冬病夏治", "repairs:list", roles=READERS, order=75)
