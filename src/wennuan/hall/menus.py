"""Menu items and the household page's account section (registries below the hall)."""

from wennuan.cases import assist
from wennuan.cases.sections import register_case_section
from wennuan.core.navigation import register
from wennuan.core.roles import Role
from wennuan.registry.sections import register_household_section

from .roles import IMPORTERS, SUBSIDY_APPROVERS
from .views.accounts import account_section, case_section

register("缴费导入", "hall:payment_import", roles=IMPORTERS, order=38)
register(
    "热费账单",
    "hall:statements",
    roles={Role.SUPERVISOR, Role.DISPATCHER, Role.DISTRICT_STAFF, Role.STREET_STAFF},
    order=39,
)
register_household_section("hall/_household_section.html", account_section, order=90)
register(
    "困难补贴",
    "hall:subsidies",
    roles=SUBSIDY_APPROVERS | {Role.COMMUNITY_STAFF, Role.HOTLINE_AGENT},
    order=40,
)
register(
    "报停开栓",
    "hall:applications",
    roles={Role.DISPATCHER, Role.SUPERVISOR, Role.HOTLINE_AGENT, Role.COMMUNITY_STAFF, Role.STREET_STAFF},
    order=41,
)
register_case_section("hall/_case_section.html", case_section, order=50)
# the intake form: the household's account and subsidy beside what the agent types (after where it is)
assist.register_panel("hall:assist", order=15)
