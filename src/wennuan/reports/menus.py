"""Menu items of the reports app (core.navigation), registered in apps.ready()."""

from wennuan.core.navigation import register
from wennuan.core.roles import Role


def register_all() -> None:
    register("调度报告", "reports:daily", roles={Role.SUPERVISOR}, order=72)
    register("通报", "reports:bulletins", roles={Role.SUPERVISOR, Role.DISPATCHER}, order=73)
