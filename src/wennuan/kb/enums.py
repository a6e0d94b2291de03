"""Codes of the knowledge base: English codes, Chinese labels."""

from django.db import models


class ReviewState(models.TextChoices):
    """Where an entry is in its review: only published entries are ever shown to agents or residents."""

    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class Transition(models.TextChoices):
    """A change of review state (the entry page's buttons, the API's and the audit's action names)."""

    SUBMIT = "submit", "提交审核"
    PUBLISH = "publish", "审核发布"
    SEND_BACK = "send_back", "退回修改"
    RETIRE = "retire", "停用"
    REDRAFT = "redraft", "重新起草"


class RevisionKind(models.TextChoices):
    CREATED = "created", "新建"
    EDITED = "edited", "修改"
    IMPORTED = "imported", "导入"
    STATE = "state", "审核状态"
