"""Menu items and the household page's temperature section (hooks owned by core and registry)."""

from wennuan.core.navigation import register
from wennuan.core.roles import Role
from wennuan.registry.sections import register_household_section

from .views import household_section

register(
    "室温监测",
    "sensors:devices",
    roles={
        Role.SUPERVISOR,
        Role.DISPATCHER,
        Role.STATION_CREW,
        Role.DISTRICT_STAFF,
        Role.STREET_STAFF,
        Role.COMMUNITY_STAFF,
        Role.GRID_WORKER,
    },  # fmt: skip
    order=45,
)
register_household_section("sensors/_household_section.html", household_section, order=50)
