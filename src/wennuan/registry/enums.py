from django.db import models


class PaymentStatus(models.TextChoices):
    PAID = "paid", "已缴"
    UNPAID = "unpaid", "未缴"
    SUSPENDED = "suspended", "报停"


class PriorityGroup(models.TextChoices):
    """Households whose cases go one priority step up and who are visited first."""

    LIVING_ALONE = "living_alone", "独居老人"
    WIDOWED_ELDERLY = "widowed_elderly", "孤寡老人"
    DISABLED = "disabled", "残疾人"
    LOW_INCOME = "low_income", "低保户"
    EXTREME_POVERTY = "extreme_poverty", "特困户"


class KeySite(models.TextChoices):
    """Buildings that need heat first (key sites)."""

    NONE = "", "—"
    KINDERGARTEN = "kindergarten", "幼儿园"
    NURSING_HOME = "nursing_home", "养老院"
    SCHOOL = "school", "学校"
    HOSPITAL = "hospital", "医院"


class StationKind(models.TextChoices):
    EXCHANGE = "exchange", "换热站"
    BOILER = "boiler", "供热站"
