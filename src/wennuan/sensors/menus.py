"""Menu items and the household page's temperature section (hooks owned by core and registry)."""

from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register
from wennuan.core.roles import Role
from wennuan.registry.sections import register_household_section

from .views import household_section

register_actions(
    {
        "sensors.import": "导入采集器",
        "sensors.register": "登记采集器",
        "sensors.cold_alert": "室温持续偏低告警",
    }
)

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
