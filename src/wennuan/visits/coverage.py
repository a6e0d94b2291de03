"""Coverage of a phase (走访覆盖率) by grid, community, street or district, as database aggregates.

Every household in the campaign's scope falls in exactly one bucket: visited (at least one visit with
outcome "visited"), else the outcome of its latest visit (not at home, refused, vacant), else not yet
visited. So ``visited + not_home + refused + vacant + not_visited == households`` for every row.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from wennuan.core.scope import ScopeKind
from wennuan.registry.models import Household
from wennuan.registry.regions import region, region_id, region_name

from .complaints import case_resolved_exists
from .enums import Outcome, ProblemStatus
from .generation import households_in_scope
from .models import Phase, Problem, TemperatureReading, Visit

# For each level: the lookup from a household to the unit's id and its name.
LEVELS = {
    kind.value: (region_id(kind), region_name(kind))
    for kind in (ScopeKind.GRID, ScopeKind.COMMUNITY, ScopeKind.STREET, ScopeKind.DISTRICT)
}
LEVEL_LABELS = {"grid": "网格", "community": "社区", "street": "街道", "district": "区县"}


@dataclass
class CoverageRow:
    key: int | None
    name: str
    households: int = 0
    visited: int = 0
    not_home: int = 0
    refused: int = 0
    vacant: int = 0
    not_visited: int = 0
    problems_found: int = 0
    problems_solved: int = 0
    readings: int = 0
    readings_below: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        """Share of households visited, 0..1 (0 when the scope is empty)."""
        return self.visited / self.households if self.households else 0.0

    @property
    def coverage_pct(self) -> str:
        return f"{self.coverage:.1%}"

    @property
    def below_pct(self) -> str:
        return "—" if self.below_share is None else f"{self.below_share:.1%}"

    @property
    def below_share(self) -> float | None:
        """Share of readings below the standard, or None without readings."""
        return self.readings_below / self.readings if self.readings else None


def households_for(*, user, phase: Phase):
    """The households of the phase's campaign that ``user`` may see."""
    return households_in_scope(phase.campaign) & Household.objects.visible_to(user)


def with_visit_state(households, phase: Phase):
    """Aliases ``was_visited`` and ``last_outcome`` (latest visit's outcome in the phase) on households."""
    visits = Visit.objects.filter(phase=phase, household_id=OuterRef("pk"))
    return households.alias(
        was_visited=Exists(visits.filter(outcome=Outcome.VISITED)),
        last_outcome=Subquery(visits.order_by("-visited_at", "-id").values("outcome")[:1]),
    )


def households_not_visited(*, user, phase: Phase, level: str | None = None, key: int | None = None):
    """Households in scope without a successful visit in the phase, in address order, with the latest
    outcome annotated as ``last_outcome`` ("" when never tried). Optionally within one unit of a level."""
    qs = with_visit_state(households_for(user=user, phase=phase), phase).filter(was_visited=False)
    if level:
        qs = qs.filter(**{LEVELS[level][0]: key})
    return (
        qs.annotate(last_outcome_code=F("last_outcome"))  # the alias from with_visit_state, not a second copy
        .select_related("unit__building__estate", region(ScopeKind.DISTRICT))
        .order_by("grid__name", "unit__building__estate__name", "unit__building_id", "unit_id", "room", "id")
    )


def coverage_by(*, user, phase: Phase, level: str = "grid") -> list[CoverageRow]:
    """One row per unit of ``level`` in the user's view of the phase, ordered by name. Three queries."""
    key_path, name_path = LEVELS[level]
    households = with_visit_state(households_for(user=user, phase=phase), phase)
    not_visited = Q(was_visited=False)
    counts = households.values(key_path, name_path).annotate(
        n=Count("pk"),
        n_visited=Count("pk", filter=Q(was_visited=True)),
        n_not_home=Count("pk", filter=not_visited & Q(last_outcome=Outcome.NOT_HOME)),
        n_refused=Count("pk", filter=not_visited & Q(last_outcome=Outcome.REFUSED)),
        n_vacant=Count("pk", filter=not_visited & Q(last_outcome=Outcome.VACANT)),
        n_never=Count("pk", filter=not_visited & Q(last_outcome__isnull=True)),
    )
    rows = {
        c[key_path]: CoverageRow(
            key=c[key_path],
            name=c[name_path],
            households=c["n"],
            visited=c["n_visited"],
            not_home=c["n_not_home"],
            refused=c["n_refused"],
            vacant=c["n_vacant"],
            not_visited=c["n_never"],
        )  # fmt: skip
        for c in counts.order_by()
    }
    for key, found, solved in _problem_counts(user=user, phase=phase, key_path=key_path):
        if key in rows:
            rows[key].problems_found, rows[key].problems_solved = found, solved
    for key, total, below in _reading_counts(user=user, phase=phase, key_path=key_path):
        if key in rows:
            rows[key].readings, rows[key].readings_below = total, below
    return sorted(rows.values(), key=lambda r: (r.name or "", r.key or 0))


def solved_condition() -> Q:
    """A problem is solved when marked so, or when the case it became is resolved."""
    return Q(status=ProblemStatus.SOLVED) | Q(case_resolved_exists("case_id"))


def _problem_counts(*, user, phase, key_path):
    path = f"household__{key_path}"
    qs = (
        Problem.objects.visible_to(user)
        .filter(visit__phase=phase)
        .values(path)
        .annotate(found=Count("pk"), solved=Count("pk", filter=solved_condition()))
        .order_by()
    )
    return [(r[path], r["found"], r["solved"]) for r in qs]


def _reading_counts(*, user, phase, key_path):
    path = f"visit__household__{key_path}"
    qs = (
        TemperatureReading.objects.visible_to(user)
        .filter(visit__phase=phase)
        .values(path)
        .annotate(total=Count("pk"), below=Count("pk", filter=Q(below_standard=True)))
        .order_by()
    )
    return [(r[path], r["total"], r["below"]) for r in qs]


def total(rows: list[CoverageRow]) -> CoverageRow:
    """The sum of rows (a 合计 line)."""
    out = CoverageRow(key=None, name="合计")
    for r in rows:
        for name in ("households", "visited", "not_home", "refused", "vacant", "not_visited",
                     "problems_found", "problems_solved", "readings", "readings_below"):  # fmt: skip
            setattr(out, name, getattr(out, name) + getattr(r, name))
    return out
