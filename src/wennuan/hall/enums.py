"""Closed sets of the hall (营业厅) domain: codes in English, labels in Chinese."""

from django.db import models


class ApplicationKind(models.TextChoices):
    SUSPEND = "suspend", "报停"
    RESUME = "resume", "开栓（恢复供热）"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "待答复"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "已拒绝"


class Applicant(models.TextChoices):
    """Who filed an application: the resident online, or a staff member on the resident's behalf."""

    RESIDENT = "resident", "居民自助"
    STAFF = "staff", "工作人员代办"


class RefusalReason(models.TextChoices):
    """Why a company may refuse (domain.md): technical grounds only. Arrears are never one of them."""

    NO_OWN_LOOP = "no_own_loop", "无独立分户管路，无法单独关停"
    NEIGHBOURS_AT_RISK = "neighbours_at_risk", "关停将危及邻户供热或管网安全"
    WARRANTY = "warranty", "新建建筑保修期内"
    OTHER = "other", "其他技术原因（须写明）"


class SubsidyGroup(models.TextChoices):
    """Groups a city's heating subsidy policy (困难补贴) names. The first five are the registry's
    priority groups; 优抚对象 is certified by the civil-affairs office and recorded here."""

    LOW_INCOME = "low_income", "低保户"
    EXTREME_POVERTY = "extreme_poverty", "特困户"
    ENTITLED_CARE = "entitled_care", "优抚对象"
    DISABLED = "disabled", "残疾人"
    WIDOWED_ELDERLY = "widowed_elderly", "孤寡老人"
    LIVING_ALONE = "living_alone", "独居老人"


# Groups the registry's ledger records per household (its PriorityGroup codes): assessed automatically.
REGISTRY_GROUPS = frozenset(
    {
        SubsidyGroup.LOW_INCOME,
        SubsidyGroup.EXTREME_POVERTY,
        SubsidyGroup.DISABLED,
        SubsidyGroup.WIDOWED_ELDERLY,
        SubsidyGroup.LIVING_ALONE,
    }
)


class SubsidyBasis(models.TextChoices):
    FIXED = "fixed", "每户定额（元）"
    PER_M2 = "per_m2", "按面积（元/㎡，可设面积上限）"
    FEE_SHARE = "fee_share", "按热费比例（可设面积上限）"


class SubsidyStatus(models.TextChoices):
    ENTITLED = "entitled", "待审核"
    APPROVED = "approved", "已审核待发放"
    REJECTED = "rejected", "未通过"
    PAID = "paid", "已发放"
