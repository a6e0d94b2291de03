"""Codes of the cases app: English codes, Chinese labels (domain.md glossary)."""

from django.db import models


class CaseState(models.TextChoices):
    RECEIVED = "received", "已受理"
    DISPATCHED = "dispatched", "已派单"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已签收"
    IN_PROGRESS = "in_progress", "办理中"
    RESOLVED = "resolved", "已办结"
    REVISITED = "revisited", "已回访"
    CLOSED = "closed", "已归档"


# States in which the responsible unit still owes work; deadlines run and the sweep looks at them.
OPEN_STATES = (
    CaseState.RECEIVED,
    CaseState.DISPATCHED,
    CaseState.RETURNED,
    CaseState.ACCEPTED,
    CaseState.IN_PROGRESS,
)
# The dispatch queue (确权派单): nobody has taken the case yet.
DISPATCH_QUEUE_STATES = (CaseState.RECEIVED, CaseState.RETURNED)


class Channel(models.TextChoices):
    HOTLINE_12345 = "hotline_12345", "12345热线"
    COMPANY_HOTLINE = "company_hotline", "企业热线"
    WECHAT_GROUP = "wechat_group", "微信群"
    CONTACT_CARD = "contact_card", "联系卡"
    GRID_VISIT = "grid_visit", "网格走访"
    WALK_IN = "walk_in", "来访"
    ONLINE = "online", "网上自助"
    SENSOR = "sensor", "室温采集器"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"
    UNREACHABLE = "unreachable", "未联系上"


ANSWERED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)


class RootCause(models.TextChoices):
    RESIDENT = "resident", "用户原因（私改管道/暖气片、未放气等）"
    COMPANY = "company", "企业原因（设备、管网平衡）"
    NO_SOURCE = "no_source", "无热源/未验收移交"
    UPSTREAM = "upstream", "上游热源原因"
    WEATHER = "weather", "天气/不可抗力"
    OTHER = "other", "其他"


class Escalation(models.IntegerChoices):
    NONE = 0, "未升级"
    COMPANY_SUPERVISOR = 1, "企业主管督促"
    STREET_WHISTLE = 2, "网格吹哨、部门报到"
    TASK_FORCE = 3, "街道专班"


class FakeClosureReason(models.TextChoices):
    BELOW_STANDARD = "below_standard", "回访室温不达标仍归档"
    REOPENED = "reopened", "曾被重办"
    REPEAT_SOON = "repeat_soon", "办结后短期内重复投诉"
    NO_AGREEMENT = "no_agreement", "未取得群众答复即归档"
    SPOT_CHECK_FAILED = "spot_check_failed", "抽核不合格"


class Limit(models.TextChoices):
    """The four time limits of a case (domain.md, Time limits)."""

    ACCEPT = "accept", "签收"
    CONTACT = "contact", "联系群众"
    ONSITE = "onsite", "到场"
    RESOLVE = "resolve", "办结"


# Timeline actions that are not lifecycle actions (those take their label from lifecycle.ACTIONS).
EVENT_LABELS = {
    "receive": "受理",
    "overdue": "超时",
    "escalate": "升级",
    "supervision_done": "督办落实",
    "supervision_overdue": "督办超期",
    "spot_check_drawn": "抽中抽核",
    "spot_check": "抽核结果",
    "flag_fake_closure": "疑似假办结",
    "suspect_outage": "疑似片区停热",
    "photo": "补充照片",
    "resident_rating": "群众评价",
    "import_history": "上季工单导入",
}


class Queue(models.TextChoices):
    """Named lists (role inboxes); each is a filter on the user's visible cases (selectors.queue_filter)."""

    DISPATCH = "dispatch", "待派单"
    WORK = "work", "我的工单"
    REVISIT = "revisit", "待回访"
    CLOSE = "close", "待归档"
    OVERDUE = "overdue", "超时工单"
    FAKE_CLOSURE = "fake_closure", "疑似假办结"
    OUTAGE = "outage", "疑似片区停热"
    MINE = "mine", "我受理的"
