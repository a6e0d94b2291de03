"""Phase summaries worded like the city's reports: 走访小区 N 个、住户 N 户，发现问题 N 个，解决 N 个。"""

from dataclasses import dataclass

from django.db.models import Count, Q

from .coverage import households_for, solved_condition, with_visit_state
from .models import Phase, Problem


@dataclass(frozen=True)
class PhaseSummary:
    phase: Phase
    estates_visited: int
    households_visited: int
    households_in_scope: int
    problems_found: int
    problems_solved: int

    @property
    def coverage(self) -> float:
        return self.households_visited / self.households_in_scope if self.households_in_scope else 0.0

    @property
    def text(self) -> str:
        return (
            f"{self.phase.campaign.name}{self.phase.name}（{self.phase.starts_on:%m月%d日}—{self.phase.ends_on:%m月%d日}），"
            f"走访小区{self.estates_visited}个、住户{self.households_visited}户，"
            f"发现问题{self.problems_found}个，解决{self.problems_solved}个；"
            f"走访覆盖率{self.coverage:.1%}（应访{self.households_in_scope}户）。"
        )


def phase_summary(*, user, phase: Phase) -> PhaseSummary:
    """The headline figures of a phase within what ``user`` may see (three aggregate queries)."""
    households = with_visit_state(households_for(user=user, phase=phase), phase)
    h = households.aggregate(
        n=Count("pk"),
        visited=Count("pk", filter=Q(was_visited=True)),
        estates=Count("unit__building__estate_id", filter=Q(was_visited=True), distinct=True),
    )
    p = (
        Problem.objects.visible_to(user)
        .filter(visit__phase=phase)
        .aggregate(found=Count("pk"), solved=Count("pk", filter=solved_condition()))
    )
    return PhaseSummary(
        phase=phase,
        estates_visited=h["estates"],
        households_visited=h["visited"],
        households_in_scope=h["n"],
        problems_found=p["found"],
        problems_solved=p["solved"],
    )
