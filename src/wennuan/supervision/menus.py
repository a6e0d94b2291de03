from wennuan.core.navigation import register
from wennuan.core.roles import Role

ROLES = {
    Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF, Role.COMMUNITY_STAFF, Role.GRID_WORKER,
    Role.DISPATCHER, Role.STATION_CREW, Role.SPOT_CHECKER,
}  # fmt: skip


def register_all():
    register("监督看板", "supervision:dashboard", roles=ROLES, order=35)
