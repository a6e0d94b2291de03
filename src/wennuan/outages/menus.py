"""The outages menu item (core.navigation), registered in apps.ready()."""

from wennuan.core.navigation import register
from wennuan.core.roles import Role

# Everyone whose households an outage can hit, and who records them.
READERS = frozenset(
    {
        Role.SUPERVISOR,
        Role.DISTRICT_STAFF,
        Role.STREET_STAFF,
        Role.COMMUNITY_STAFF,
        Role.GRID_WORKER,
        Role.DISPATCHER,
        Role.STATION_CREW,
        Role.HOTLINE_AGENT,
    }
)


def register_all() -> None:
    from wennuan.core.audit_labels import register_actions

    register_actions({"outages.recorded": "登记停热", "outages.restored": "恢复供热"})
    register("停热", "outages:list", roles=READERS, order=60)
