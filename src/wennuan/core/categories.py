"""Complaint categories (domain.md): fixed codes, Chinese names, default priority.

Lives in core because both triage (classifies into them) and cases (works with them) need them.
"""

from django.db import models


class Priority(models.TextChoices):
    EMERGENCY = "emergency", "特急"
    URGENT = "urgent", "紧急"
    NORMAL = "normal", "一般"


# Order from highest to lowest; raising a priority one step moves left.
PRIORITY_ORDER = [Priority.EMERGENCY, Priority.URGENT, Priority.NORMAL]


class Category(models.TextChoices):
    NOT_WARM = "not_warm", "室温不达标/暖气不热"
    INTERMITTENT = "intermittent", "间歇供热/夜间停热"
    LEAK = "leak", "跑冒滴漏/管道漏水"
    BURST = "burst", "爆管/大面积停热"
    LOW_PRESSURE = "low_pressure", "上水不足/失压"
    NOT_STARTED = "not_started", "未按时供热/阀门未开"
    UNEVEN = "uneven", "冷热不均/上热下凉/气堵"
    VALVE_FILTER = "valve_filter", "阀门/过滤网故障"
    REPAIR_DELAY = "repair_delay", "维修不及时"
    BILLING = "billing", "缴费/收费争议"
    SUSPEND_RESUME = "suspend_resume", "报停/恢复供热"
    INVOICE = "invoice", "发票"
    SUBSIDY = "subsidy", "困难补贴"
    REFUND = "refund", "测温退费"
    RETROFIT = "retrofit", "分户改造"
    SERVICE_CONDUCT = "service_conduct", "服务态度/推诿"
    NOISE = "noise", "换热站/水泵噪音"
    OTHER = "other", "咨询/其他"


DEFAULT_PRIORITY = {
    Category.NOT_WARM: Priority.URGENT,
    Category.INTERMITTENT: Priority.URGENT,
    Category.LEAK: Priority.URGENT,
    Category.BURST: Priority.EMERGENCY,
    Category.LOW_PRESSURE: Priority.URGENT,
    Category.NOT_STARTED: Priority.URGENT,
    Category.UNEVEN: Priority.NORMAL,
    Category.VALVE_FILTER: Priority.NORMAL,
    Category.REPAIR_DELAY: Priority.URGENT,
    Category.BILLING: Priority.NORMAL,
    Category.SUSPEND_RESUME: Priority.NORMAL,
    Category.INVOICE: Priority.NORMAL,
    Category.SUBSIDY: Priority.NORMAL,
    Category.REFUND: Priority.NORMAL,
    Category.RETROFIT: Priority.NORMAL,
    Category.SERVICE_CONDUCT: Priority.NORMAL,
    Category.NOISE: Priority.NORMAL,
    Category.OTHER: Priority.NORMAL,
}

# Categories about heat itself: their revisit and closure need a measured temperature.
HEATING_CATEGORIES = frozenset(
    {
        Category.NOT_WARM,
        Category.INTERMITTENT,
        Category.BURST,
        Category.LOW_PRESSURE,
        Category.NOT_STARTED,
        Category.UNEVEN,
        Category.VALVE_FILTER,
    }
)


def raised(priority: str) -> str:
    """One step up (a priority-group household); emergency stays emergency."""
    i = PRIORITY_ORDER.index(Priority(priority))
    return PRIORITY_ORDER[max(i - 1, 0)]


# A measurement request (申请测温, filed as 测温退费): the unit must measure on site within the city's
# measurement clock (CaseRules.measurement_hours), whatever the priority's on-site limit says.
MEASUREMENT_CATEGORIES = frozenset({Category.REFUND})
