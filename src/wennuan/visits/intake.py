"""一键上报: a problem found on a visit becomes a case through the cases app's intake (channel 网格走访),
with the household already known; and a reported problem whose case is resolved counts as solved."""

from wennuan.cases.enums import Channel
from wennuan.cases.services.intake import receive_case
from wennuan.core.periodic import register


def external_id(problem) -> str:
    """Stable per problem, so the cases app refuses a second case for the same problem."""
    return f"visit-problem:{problem.client_id}"


def send(*, problem, by, at=None):
    """Create the case for a visit problem (idempotent on the problem); returns the case."""
    text = f"【走访发现】{problem.get_category_display()}：{problem.description}"
    case, _ = receive_case(
        channel=Channel.GRID_VISIT,
        text=text,
        household=problem.household,
        category=problem.category,
        by=by,
        external_id=external_id(problem),
        received_at=problem.created_at,
        at=at,
    )
    return case


@register("visits.solve_problems_of_resolved_cases")
def solve_problems_of_resolved_cases(at=None) -> dict:
    """A reported problem whose case the cases app resolved counts as solved, and its household is
    scheduled for a re-survey. ``at``: when this sweep runs (default now)."""
    from .complaints import case_resolved_exists
    from .enums import ProblemStatus
    from .models import Problem
    from .services import mark_problem_solved

    solved = 0
    for problem in Problem.objects.filter(
        case_resolved_exists("case_id"), status=ProblemStatus.REPORTED
    ).select_related("visit__visitor", "household")[:500]:
        mark_problem_solved(by=None, problem=problem, at=at)
        solved += 1
    return {"solved": solved}
