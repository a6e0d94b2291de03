from django.db import models


class NoticeKind(models.TextChoices):
    DISPATCHED = "dispatched", "新工单"
    ESCALATION = "escalation", "超时升级"
    SUPERVISION = "supervision", "督办"
    SUPERVISION_OVERDUE = "supervision_overdue", "督办超期"
    OUTAGE = "outage", "停热通知"
    OUTAGE_RESTORED = "outage_restored", "恢复供热"
    REPAIR_OVERDUE = "repair_overdue", "整改超期"
    BULLETIN = "bulletin", "通报"
