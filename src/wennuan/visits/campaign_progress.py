"""What the campaign pages show: each campaign's dates and state, the city's indoor standard and season
for it (rules.selectors), and each phase's progress against the campaign's coverage target."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from wennuan.rules import selectors as rules
from wennuan.rules.enums import RoomType

from .models import Campaign, Phase
from .selectors import campaign_standard
from .summary import PhaseSummary, phase_summary

LIST_LIMIT = 50


def state_of(starts_on, ends_on, today) -> str:
    if today < starts_on:
        return "未开始"
    return "进行中" if today <= ends_on else "已结束"


def campaigns_overview(*, user) -> list[dict]:
    """The newest campaigns with their state and number of phases (one query)."""
    today = timezone.localdate()
    rows = (
        Campaign.objects.select_related("city", "district", "street__district")
        .annotate(phase_count=Count("phases"))
        .order_by("-starts_on", "-id")[:LIST_LIMIT]
    )
    return [{"campaign": c, "state": state_of(c.starts_on, c.ends_on, today)} for c in rows]


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    state: str
    tasks: int
    summary: PhaseSummary
    target_pct: float

    @property
    def coverage_pct(self) -> float:
        return round(self.summary.coverage * 100, 1)

    @property
    def on_target(self) -> bool:
        return self.coverage_pct >= self.target_pct


def campaign_overview(*, user, campaign: Campaign) -> dict:
    """The campaign page's figures within what ``user`` may see: the standard and season from the city's
    rules, and each phase's coverage (a few aggregate queries per phase)."""
    today = timezone.localdate()
    phases = list(campaign.phases.annotate(task_count=Count("tasks")).order_by("number"))
    progress = [
        PhaseProgress(
            phase=p,
            state=state_of(p.starts_on, p.ends_on, today),
            tasks=p.task_count,
            summary=phase_summary(user=user, phase=p),
            target_pct=float(campaign.target_coverage),
        )  # fmt: skip
        for p in phases
    ]
    day = min(max(today, campaign.starts_on), campaign.ends_on)
    standards = rules.indoor_standards(city=campaign.city_id, on=day)
    return {
        "campaign": campaign,
        "state": state_of(campaign.starts_on, campaign.ends_on, today),
        "standard": campaign_standard(campaign, on=today),
        "standards": [(RoomType(k).label, v) for k, v in standards.items()],
        "season": rules.season_on(city=campaign.city_id, on=campaign.starts_on)
        or rules.current_or_next_season(city=campaign.city_id, on=campaign.starts_on),
        "phases": progress,
    }
