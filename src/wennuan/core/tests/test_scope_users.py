"""visible_to for users who should see nothing, and for the whole city."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.models import Building, Estate, Household, Unit
from wennuan.registry.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

SCOPED = (Household, Unit, Building, Estate)


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.mark.parametrize("model", SCOPED)
def test_anonymous_and_none_see_nothing(household, model):
    assert not model.objects.visible_to(AnonymousUser()).exists()
    assert not model.objects.visible_to(None).exists()


@pytest.mark.parametrize("model", SCOPED)
def test_deactivated_user_sees_nothing(household, model):
    user = UserFactory(username="gone", role=Role.SUPERVISOR, is_active=False)
    assert not model.objects.visible_to(user).exists()


@pytest.mark.parametrize("model", SCOPED)
def test_user_without_a_role_sees_nothing(household, model):
    assert not model.objects.visible_to(UserFactory(username="norole", role="")).exists()


@pytest.mark.parametrize("model", SCOPED)
def test_city_roles_see_everything(household, model):
    for role in (Role.SUPERVISOR, Role.HOTLINE_AGENT, Role.SPOT_CHECKER):
        assert model.objects.visible_to(UserFactory(username=f"city-{role}", role=role)).count() == 1


def test_station_crew_sees_its_station_through_every_level(household):
    crew = UserFactory(username="crew-own", role=Role.STATION_CREW, station=household.station)
    other = UserFactory(username="crew-other", role=Role.STATION_CREW, station=HouseholdFactory().station)
    assert list(Household.objects.visible_to(crew)) == [household]
    assert list(Estate.objects.visible_to(crew)) == [household.unit.building.estate]
    assert household.unit.building.estate not in Estate.objects.visible_to(other)
