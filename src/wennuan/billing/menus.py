"""Menu items, the supervisor's overdue panel and the household page's refund section (registries below)."""

from wennuan.accounts.enums import Role
from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register, register_home_panel
from wennuan.registry.sections import register_household_section

from .views import household_section, overdue_panel

register_actions(
    {
        "billing.measurement_recorded": "录入测温",
        "billing.preset_loaded": "载入退费规则",
        "billing.reduction_approved": "批准小区减免",
        "billing.reduction_proposed": "申请小区减免",
        "billing.refund_approved": "批准退费",
        "billing.refund_computed": "计算退费",
        "billing.refund_paid": "退费已支付",
    }
)
register(
    "测温申请", "billing:requests", roles={Role.STATION_CREW, Role.DISPATCHER, Role.SUPERVISOR}, order=36
)
register(
    "退费台账",
    "billing:ledger",
    roles={Role.DISPATCHER, Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF},
    order=37,
)
register_home_panel("billing/_overdue_panel.html", overdue_panel, roles={Role.SUPERVISOR}, order=25)
register_household_section("billing/_household_section.html", household_section)
