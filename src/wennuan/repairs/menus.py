"""The ledger's menu items (core.navigation), registered in apps.ready()."""

from wennuan.core.navigation import register
from wennuan.core.roles import Role

READERS = frozenset({Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.DISPATCHER, Role.STATION_CREW})


def register_all() -> None:
    register("冬病夏治", "repairs:list", roles=READERS, order=75)
