"""Codes of the summer repair ledger (冬病夏治): English codes, Chinese labels."""

from django.db import models


class SiteLevel(models.TextChoices):
    """What a hotspot (and so a ledger item) is: an estate, a building or a heat-exchange station."""

    ESTATE = "estate", "小区"
    BUILDING = "building", "楼栋"
    STATION = "station", "换热站"


class ItemStatus(models.TextChoices):
    """一件一跟踪: the company repairs through the summer, says it is done, the supervisor verifies it
    before the next season (or sends it back)."""

    OPEN = "open", "整改中"
    DONE = "done", "已完成待验收"
    VERIFIED = "verified", "已验收销号"


class HotspotOrder(models.TextChoices):
    """What the hotspot ranking sorts by (worst first)."""

    PER_HOUSEHOLD = "per_household", "每百户投诉"
    REPEAT_RATE = "repeat_rate", "重复投诉率"
    BELOW_STANDARD = "below_standard", "不达标测温数"
    OUTAGES = "outages", "停热次数"
    COMPLAINTS = "complaints", "投诉量"
