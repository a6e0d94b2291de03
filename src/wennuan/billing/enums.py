"""Closed sets of the billing domain (codes in English, labels in Chinese)."""

from django.db import models


class BandBasis(models.TextChoices):
    """What a city's refund bands are read against."""

    TEMPERATURE = "temperature", "按实测室温T"
    SHORTFALL = "shortfall", "按低于标准的差值Δ"


class AreaRule(models.TextChoices):
    """Which area the daily fee is computed on."""

    WHOLE = "whole", "全部供热面积"
    FAILING_ROOMS = "failing_rooms", "仅不达标卧室、起居室面积"  # Beijing


class DayCounting(models.TextChoices):
    """How a non-compliant period becomes days."""

    WHOLE_24H = "whole_24h", "按整24小时计（不足24小时不计）"
    STARTED_DAY = "started_day", "不足24小时按1天计"


class Cause(models.TextChoices):
    """Who caused a shortfall, as recorded on a measurement."""

    COMPANY = "company", "企业原因"
    RESIDENT = "resident", "用户原因"


class Refusal(models.TextChoices):
    """What the company refused when a resident asked for a measurement."""

    MEASURE = "measure", "企业拒绝测温"
    CERTIFICATE = "certificate", "未出示仪器检定证书"
    SIGN = "sign", "企业拒绝签字"


class RefundStatus(models.TextChoices):
    COMPUTED = "computed", "待审核"
    APPROVED = "approved", "已审核待退付"
    PAID = "paid", "已退付"


class ReductionStatus(models.TextChoices):
    PROPOSED = "proposed", "待批准"
    APPROVED = "approved", "已批准"
