"""A city's rules: each a row per city with the dates it is in force, read through ``rules.selectors``."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .. import rulebook
from .case_rules import CalendarDay, CaseRules, TimeLimit
from .season import Season
from .standard import IndoorStandard

__all__ = ["CalendarDay", "CaseRules", "IndoorStandard", "Season", "TimeLimit"]


@receiver([post_save, post_delete], sender=TimeLimit)
@receiver([post_save, post_delete], sender=CaseRules)
@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=IndoorStandard)
def _rules_changed(**kwargs):
    rulebook.forget_after_commit()
