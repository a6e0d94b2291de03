"""Defect 5 (issue 13): a key site (Building.key_site: kindergarten, care home, school, hospital) raises a
case's priority one step, as a priority-group household does."""

import pytest

from wennuan.cases import routing, services
from wennuan.cases.enums import Channel
from wennuan.core.categories import Category, Priority
from wennuan.registry.enums import KeySite
from wennuan.registry.tests.factories import BuildingFactory, CityFactory, HouseholdFactory, UnitFactory
from wennuan.rules.models import CaseRules

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_outages():
    CityFactory()  # the factories' city, with its default rules, changed here
    CaseRules.objects.update(outage_min_cases=100)


def _household_in(key_site: str, **kwargs):
    return HouseholdFactory(unit=UnitFactory(building=BuildingFactory(key_site=key_site)), **kwargs)


@pytest.mark.parametrize("site", [s for s in KeySite.values if s])
def test_key_site_raises_priority_one_step(site):
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text="暖气不热", household=_household_in(site), category=Category.NOT_WARM
    )
    assert case.priority == Priority.EMERGENCY  # urgent, raised


def test_ordinary_building_keeps_the_default_priority():
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text="暖气不热", household=_household_in(""), category=Category.NOT_WARM
    )
    assert case.priority == Priority.URGENT


def test_key_site_and_priority_group_raise_once():
    household = _household_in(KeySite.SCHOOL, priority_groups="disabled")
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text="发票", household=household, category=Category.INVOICE
    )
    assert case.priority == Priority.URGENT  # normal, one step up (not two)


def test_building_level_case_at_a_key_site_is_raised():
    building = BuildingFactory(key_site=KeySite.HOSPITAL)
    route = routing.Route(building=building)
    assert services.intake.category_and_priority(Category.UNEVEN, route) == (Category.UNEVEN, Priority.URGENT)


def test_batch_intake_raises_key_sites_too():
    from .factories import agent

    item = {"channel": Channel.WALK_IN, "text": "暖气不热", "household": _household_in(KeySite.KINDERGARTEN),
            "category": Category.NOT_WARM}  # fmt: skip
    (result,) = services.receive_cases([item], by=agent())
    assert result.case.priority == Priority.EMERGENCY
