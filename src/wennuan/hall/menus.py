"""Menu items and the household page's account section (registries below the hall)."""

from wennuan.core.navigation import register
from wennuan.core.roles import Role
from wennuan.registry.sections import register_household_section

from .roles import IMPORTERS
from .views.accounts import account_section

register("缴费导入", "hall:payment_import", roles=IMPORTERS, order=38)
register(
    "热费账单",
    "hall:statements",
    roles={Role.SUPERVISOR, Role.DISPATCHER, Role.DISTRICT_STAFF, Role.STREET_STAFF},
    order=39,
)
register_household_section("hall/_household_section.html", account_section, order=90)
