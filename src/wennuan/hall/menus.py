"""Menu items and the household page's account section (registries below the hall)."""

from wennuan.cases import assist
from wennuan.cases.sections import register_case_section
from wennuan.core.audit_labels import register_actions
from wennuan.core.navigation import register
from wennuan.core.roles import Role
from wennuan.registry.sections import register_household_section

from .roles import IMPORTERS, SUBSIDY_APPROVERS
from .views.accounts import account_section, case_section

register_actions(
    {
        "hall.season_assumed": "按默认日期设立供暖季",
        "hall.payments_imported": "导入缴费记录",
        "hall.statements_computed": "计算供暖季账单",
        "hall.suspend_applied": "申请报停",
        "hall.resume_applied": "申请开栓",
        "hall.application_approved": "同意报停/开栓申请",
        "hall.application_refused": "拒绝报停/开栓申请",
        "hall.answer_overdue": "报停/开栓超期未答复",
        "hall.heat_resumed": "开栓完成",
        "hall.heat_resume_reopened": "开栓工单重办",
        "hall.subsidies_assessed": "核定困难补贴",
        "hall.subsidy_granted": "登记困难补贴",
        "hall.subsidy_approved": "审核通过补贴",
        "hall.subsidy_rejected": "补贴未通过",
        "hall.subsidy_paid": "发放补贴",
    }
)

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
