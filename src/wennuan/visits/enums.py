from django.db import models


class ScopeKind(models.TextChoices):
    """How much of the city a campaign covers."""

    CITY = "city", "全市"
    DISTRICT = "district", "区县"
    STREET = "street", "街道"


class TaskStatus(models.TextChoices):
    PENDING = "pending", "待走访"
    VISITED = "visited", "已走访"
    NOT_HOME = "not_home", "不在家（已改约）"
    REFUSED = "refused", "拒访"
    VACANT = "vacant", "空置"


class Outcome(models.TextChoices):
    VISITED = "visited", "已入户"
    NOT_HOME = "not_home", "不在家"
    REFUSED = "refused", "拒访"
    VACANT = "vacant", "空置房"


# The task status a visit's outcome leaves behind.
STATUS_AFTER = {
    Outcome.VISITED: TaskStatus.VISITED,
    Outcome.NOT_HOME: TaskStatus.NOT_HOME,
    Outcome.REFUSED: TaskStatus.REFUSED,
    Outcome.VACANT: TaskStatus.VACANT,
}


class OrderGroup(models.IntegerChoices):
    """Why a task sits where it does in the visiting order (lower is visited first)."""

    PRIORITY = 0, "重点人群"
    COMPLAINT = 1, "近期有诉求"
    ORDINARY = 2, "一般住户"


class Answer(models.TextChoices):
    """The resident's answer to one of the 四问 (满不满意 / 高不高兴 / 答不答应 / 接不接受)."""

    YES = "yes", "是"
    BASIC = "basic", "基本"
    NO = "no", "否"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "待上报"
    REPORTED = "reported", "已上报工单"
    SOLVED = "solved", "已解决"


class TaskPurpose(models.TextChoices):
    VISIT = "visit", "走访"
    RESURVEY = "resurvey", "整改后回访调查"
