from django.db import models


class TriageStatus(models.TextChoices):
    """What the engine made of an address: one place it is sure of, several it cannot tell apart, none."""

    MATCHED = "matched", "已确权"
    AMBIGUOUS = "ambiguous", "多个候选"
    UNMATCHED = "unmatched", "未匹配"
    # Not the engine's answer: intake stores it when the engine raised (the case goes to manual dispatch).
    ERROR = "error", "分拣出错"
