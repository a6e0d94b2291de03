from django.db import models


class OutageCause(models.TextChoices):
    COMPANY_EQUIPMENT = "company_equipment", "企业设备故障"
    PIPE_BURST = "pipe_burst", "管网爆管"
    PLANNED_MAINTENANCE = "planned_maintenance", "计划检修"
    HEAT_SOURCE = "heat_source", "上游热源停供"
    POWER_OR_WATER = "power_or_water", "外部停电停水"
    THIRD_PARTY = "third_party", "第三方施工破坏"
    WEATHER = "weather", "极端天气/不可抗力"
    OTHER = "other", "其他"


class Liability(models.TextChoices):
    """Who answers for the stoppage. The heat source's stoppages are the company's towards its residents:
    domain.md, "heat source upstream (the company pays first)"."""

    COMPANY = "company", "供热企业"
    HEAT_SOURCE = "heat_source", "热源单位（供热企业先行退费）"
    THIRD_PARTY = "third_party", "第三方"
    FORCE_MAJEURE = "force_majeure", "不可抗力"


# The liabilities for which the company refunds its residents (company-caused stoppage).
COMPANY_LIABLE = frozenset({Liability.COMPANY, Liability.HEAT_SOURCE})

# Who answers for each cause unless the recorder says otherwise; None: the recorder must say.
CAUSE_LIABILITY = {
    OutageCause.COMPANY_EQUIPMENT: Liability.COMPANY,
    OutageCause.PIPE_BURST: Liability.COMPANY,
    OutageCause.PLANNED_MAINTENANCE: Liability.COMPANY,
    OutageCause.HEAT_SOURCE: Liability.HEAT_SOURCE,
    OutageCause.POWER_OR_WATER: Liability.THIRD_PARTY,
    OutageCause.THIRD_PARTY: Liability.THIRD_PARTY,
    OutageCause.WEATHER: Liability.FORCE_MAJEURE,
    OutageCause.OTHER: None,
}


class AreaKind(models.TextChoices):
    STATION = "station", "整个换热站"
    BUILDINGS = "buildings", "楼栋"
    UNITS = "units", "单元"


class OutageState(models.TextChoices):
    """Derived from the dates (never stored): announced before its start, ongoing, restored."""

    PLANNED = "planned", "已公告待停热"
    ONGOING = "ongoing", "停热中"
    RESTORED = "restored", "已恢复"
