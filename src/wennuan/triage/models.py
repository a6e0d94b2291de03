"""Triage's own tables: the category model a city trains from its labelled history."""

from django.db import models


class ClassifierModel(models.Model):
    """A trained category model (naive Bayes counts as JSON). The newest row is the one in use."""

    created_at = models.DateTimeField("训练时间", auto_now_add=True)
    source = models.CharField("训练文件", max_length=255, blank=True)
    samples = models.PositiveIntegerField("样本数", default=0)
    payload = models.JSONField("模型参数")

    class Meta:
        verbose_name = verbose_name_plural = "分类模型"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.source} ({self.samples})"
