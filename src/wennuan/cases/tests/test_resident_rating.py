"""The resident's own rating (self-service page): after 办结, once, on the timeline; in 满意率 where no revisit
got an answer, never on top of one."""

import pytest

from wennuan.cases import services
from wennuan.cases.enums import Satisfaction
from wennuan.cases.kpis import kpi_table
from wennuan.cases.models import CaseEvent
from wennuan.cases.selectors import day_range
from wennuan.core.categories import Category
from wennuan.core.models import AuditLog

from .factories import new_case, resolved

pytestmark = pytest.mark.django_db


def _resolved(actors, category=Category.BILLING):
    return resolved(
        new_case(household=actors.household, category=category),
        dispatcher=actors.dispatcher,
        crew=actors.crew,
    )


def _satisfaction(user):
    from django.utils import timezone

    today = timezone.localdate()
    total = kpi_table(user=user, **dict(zip(("start", "end"), day_range(today, today), strict=True)))["total"]
    return total["satisfied"], total["answered"], total["satisfaction_rate"]


def test_rating_is_refused_before_resolution_and_twice(actors):
    case = new_case(household=actors.household)
    with pytest.raises(services.RatingRefused, match="办结后"):
        services.rate_case(case=case, satisfaction=Satisfaction.SATISFIED)
    case = _resolved(actors)
    with pytest.raises(services.RatingRefused, match="请选择"):
        services.rate_case(case=case, satisfaction=Satisfaction.UNREACHABLE)
    services.rate_case(case=case, satisfaction=Satisfaction.SATISFIED, comment="很快")
    with pytest.raises(services.RatingRefused, match="已评价"):
        services.rate_case(case=case, satisfaction=Satisfaction.UNSATISFIED)
    assert CaseEvent.objects.filter(case=case, action="resident_rating").count() == 1
    assert AuditLog.objects.filter(action="cases.resident_rating").count() == 1


def test_a_rating_counts_as_the_revisits_answer_where_no_revisit_was_answered(actors):
    rated_only = _resolved(actors)
    services.rate_case(case=rated_only, satisfaction=Satisfaction.SATISFIED)
    assert _satisfaction(actors.supervisor) == (1, 1, 1.0)

    unreachable_then_rated = _resolved(actors)
    services.record_revisit(
        case=unreachable_then_rated, by=actors.agent, satisfaction=Satisfaction.UNREACHABLE
    )
    services.rate_case(case=unreachable_then_rated, satisfaction=Satisfaction.UNSATISFIED)
    assert _satisfaction(actors.supervisor) == (1, 2, 0.5)


def test_an_answered_revisit_wins_over_the_rating(actors):
    case = _resolved(actors)
    services.rate_case(case=case, satisfaction=Satisfaction.SATISFIED)
    services.record_revisit(
        case=case, by=actors.agent, satisfaction=Satisfaction.UNSATISFIED, note="还是不热"
    )
    assert _satisfaction(actors.supervisor) == (0, 1, 0.0)


def test_the_rating_counts_in_its_companys_row_only(actors):
    case = _resolved(actors)
    services.rate_case(case=case, satisfaction=Satisfaction.BASICALLY)
    from django.utils import timezone

    today = timezone.localdate()
    start, end = day_range(today, today)
    rows = kpi_table(user=actors.dispatcher, start=start, end=end)["rows"]
    assert [(r["group_id"], r["satisfied"], r["answered"]) for r in rows] == [
        (actors.household.station.company_id, 1, 1)
    ]
