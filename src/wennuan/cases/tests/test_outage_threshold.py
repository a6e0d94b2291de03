"""疑似片区停热 counts the OPEN complaints in the window, and a station's threshold scales with the households
it heats by the city's dated CaseRules (issue #20: a station was suspected after 3–4 ordinary complaints,
two of them already closed)."""

import datetime as dt

import pytest

from wennuan.cases import services
from wennuan.cases.enums import RootCause
from wennuan.registry.tests.factories import HouseholdFactory, StationFactory
from wennuan.rules.models import CaseRules

from .factories import Actors, new_case


def _station_of(n: int):
    """A station heating ``n`` households, each in a building of its own (so no building cluster forms)."""
    station = StationFactory()
    return station, [HouseholdFactory(station=station) for _ in range(n)]


@pytest.mark.django_db
def test_a_big_station_needs_complaints_in_proportion_to_its_households():
    station, homes = _station_of(40)
    CaseRules.objects.update(outage_min_cases=3, outage_households_per_case=8)  # 40 / 8 → 5 complaints
    cases = [new_case(household=h) for h in homes[:4]]
    assert not any(c.suspected_outage for c in cases)
    fifth = new_case(household=homes[4])
    assert fifth.suspected_outage


@pytest.mark.django_db
def test_closed_complaints_do_not_count():
    station, homes = _station_of(3)
    CaseRules.objects.update(outage_min_cases=3, outage_households_per_case=0)
    actors = Actors(homes[0])
    first, second = new_case(household=homes[0]), new_case(household=homes[1])
    for case in (first, second):
        case = services.dispatch_case(case=case, by=actors.dispatcher)
        case = services.accept_case(case=case, by=actors.crew)
        services.resolve_case(
            case=case,
            by=actors.crew,
            resolution="已修复",
            root_cause=RootCause.COMPANY,
            evidence={"temperature": 20},
        )
    third = new_case(household=homes[2])
    assert not third.suspected_outage  # two of the three are resolved: nobody is waiting on them


@pytest.mark.django_db
def test_the_threshold_is_the_citys_rule_in_force():
    station, homes = _station_of(12)
    rules = CaseRules.objects.get(city=station.company.city)
    # from today, this city counts one complaint per 3 households: 12 → 4
    CaseRules.objects.create(
        city=rules.city,
        effective_from=dt.date.today() - dt.timedelta(days=1),
        **{
            f.name: getattr(rules, f.name)
            for f in CaseRules._meta.fields
            if f.name not in ("id", "city", "effective_from", "effective_to", "outage_households_per_case")
        },
        outage_households_per_case=3,
    )
    from wennuan.rules import rulebook

    rulebook.forget_all()
    three = [new_case(household=h) for h in homes[:3]]
    assert not any(c.suspected_outage for c in three)
    assert new_case(household=homes[3]).suspected_outage
