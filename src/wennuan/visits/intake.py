"""The bridge to the cases app's intake (一键上报). The cases app is developed separately: while its
``receive_case`` service does not exist, ``send`` returns None and the problem waits, flagged
``report_requested``, for the periodic sweep ``visits.report_waiting_problems``."""

from wennuan.core.periodic import register

# The cases app's code for the 网格走访 channel (cases.enums.Channel.GRID_VISIT).
CHANNEL = "grid_visit"


def receive_case_service():
    """``wennuan.cases.services.intake.receive_case``, or None while the cases app lacks it."""
    try:
        from wennuan.cases.services.intake import receive_case
    except ImportError:
        return None
    return receive_case


def external_id(problem) -> str:
    """Stable per problem, so the cases app can refuse a second case for the same problem."""
    return f"visit-problem:{problem.client_id}"


def send(*, problem, by):
    """Create the case for a visit problem; returns the case, or None when intake is unavailable.

    ``receive_case`` is idempotent on (channel, external_id) and returns (case, created)."""
    receive_case = receive_case_service()
    if receive_case is None:
        return None
    text = f"【走访发现】{problem.get_category_display()}：{problem.description}"
    result = receive_case(
        channel=CHANNEL,
        text=text,
        household=problem.household,
        category=problem.category,
        by=by,
        external_id=external_id(problem),
        received_at=problem.created_at,
    )
    return result[0] if isinstance(result, tuple) else result


@register("visits.report_waiting_problems")
def report_waiting_problems() -> dict:
    """Report the problems a visitor asked to report while the cases intake was unavailable."""
    from .enums import ProblemStatus
    from .models import Problem
    from .services import report_problem

    if receive_case_service() is None:
        return {
            "reported": 0,
            "waiting": Problem.objects.filter(report_requested=True, status=ProblemStatus.OPEN).count(),
        }
    reported = 0
    for problem in Problem.objects.filter(report_requested=True, status=ProblemStatus.OPEN).select_related(
        "visit__visitor"
    )[:500]:
        report_problem(by=problem.visit.visitor, problem=problem)
        reported += 1
    return {"reported": reported}


@register("visits.solve_problems_of_resolved_cases")
def solve_problems_of_resolved_cases() -> dict:
    """A reported problem whose case the cases app resolved counts as solved, and its household is
    scheduled for a re-survey."""
    from django.db.models import Q

    from .complaints import case_resolved_exists
    from .enums import ProblemStatus
    from .models import Problem
    from .services import mark_problem_solved

    resolved = case_resolved_exists("case_id")
    if resolved is None:
        return {"solved": 0}
    solved = 0
    for problem in Problem.objects.filter(Q(resolved), status=ProblemStatus.REPORTED).select_related(
        "visit__visitor", "household"
    )[:500]:
        mark_problem_solved(by=None, problem=problem)
        solved += 1
    return {"solved": solved}
