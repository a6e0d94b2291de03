"""Defect 3 (issue 13): a heating revisit needs a reading and a photo (测温拍照); a revisit not done within
24 h of 办结 shows on the supervisor's desk and counts against 有效回访率."""

from datetime import date

import pytest
from django.urls import reverse

from wennuan.cases import kpis, selectors, services
from wennuan.cases.enums import Satisfaction
from wennuan.cases.selectors import day_range
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.rules.models import CaseRules

from .factories import Actors, new_case, resolved

pytestmark = pytest.mark.django_db


def _resolved(actors, **kwargs):
    return resolved(
        new_case(household=actors.household, **kwargs), dispatcher=actors.dispatcher, crew=actors.crew
    )


def test_heating_revisit_without_a_photo_is_refused(actors):
    case = _resolved(actors)
    with pytest.raises(services.RevisitIncomplete, match="照片"):
        services.record_revisit(
            case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20
        )
    assert not case.revisits.exists()


def test_heating_revisit_with_reading_and_photo_is_effective(actors):
    case = _resolved(actors)
    _, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    assert revisit.effective


def test_other_categories_need_neither(actors):
    case = _resolved(actors, category=Category.BILLING)
    _, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED
    )
    assert revisit.effective


def test_unreachable_heating_revisit_needs_no_photo(actors):
    case = _resolved(actors)
    _, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.UNREACHABLE
    )
    assert not revisit.effective


def test_revisit_later_than_24h_is_on_the_desk_and_not_effective(client, time_machine, actors):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    late = _resolved(actors)
    time_machine.move_to("2026-11-24 08:00 +0800", tick=False)
    fresh = _resolved(actors, category=Category.LEAK)
    time_machine.move_to("2026-11-24 10:00 +0800", tick=False)  # 25 h after the first 办结
    assert [c.pk for c in selectors.revisits_late(user=actors.supervisor)] == [late.pk]
    client.force_login(actors.supervisor)
    html = client.get(reverse("cases:supervision")).content.decode()
    assert f'id="revisit-late-{late.pk}"' in html and f'id="revisit-late-{fresh.pk}"' not in html

    _, revisit = services.record_revisit(
        case=late, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    assert not revisit.effective
    assert selectors.revisits_late(user=actors.supervisor).count() == 0  # revisited, late: off the desk
    start, end = day_range(date(2026, 11, 1), date(2026, 11, 30))
    total = kpis.kpi_table(user=actors.supervisor, start=start, end=end)["total"]
    assert (total["effectively_revisited"], total["ever_resolved"]) == (0, 2)
    assert total["effective_revisit_rate"] == 0


def test_late_revisit_desk_is_scoped(time_machine, actors):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    _resolved(actors)
    time_machine.move_to("2026-11-25 09:00 +0800", tick=False)
    other = Actors(HouseholdFactory())
    assert selectors.revisits_late(user=other.dispatcher).count() == 0
    assert selectors.revisits_late(user=actors.dispatcher).count() == 1


def test_late_revisit_desk_uses_each_cases_city_window(time_machine, actors):
    from wennuan.registry.tests.factories import CityFactory, CompanyFactory, StationFactory

    harbin = CityFactory(name="哈尔滨市")
    CaseRules.objects.filter(city=harbin).update(revisit_window_hours=48)
    there = Actors(HouseholdFactory(station=StationFactory(company=CompanyFactory(city=harbin, name="哈热"))))
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    here_case, there_case = _resolved(actors), _resolved(there)
    time_machine.move_to("2026-11-24 10:00 +0800", tick=False)  # 25 h: late here (24 h), not there (48 h)
    assert [c.pk for c in selectors.revisits_late(user=actors.supervisor)] == [here_case.pk]
    time_machine.move_to("2026-11-25 10:00 +0800", tick=False)  # 49 h
    assert {c.pk for c in selectors.revisits_late(user=actors.supervisor)} == {here_case.pk, there_case.pk}
