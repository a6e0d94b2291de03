"""Factories for open311 tests: a jurisdiction, a client with its api_key, a household with coordinates."""

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.open311 import services
from wennuan.open311.models import Jurisdiction
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory


def jurisdiction(code="lanzhou.gov.cn", *, city=None, public=True) -> Jurisdiction:
    city = city or CityFactory()
    reader = UserFactory(role=Role.SUPERVISOR) if public else None
    return Jurisdiction.objects.create(code=code, city=city, reader=reader)


def client(jur: Jurisdiction, *, name="市民App", webhook_url="", channel="", role=Role.HOTLINE_AGENT):
    """(Client, api_key) acting as a city-wide hotline account."""
    return services.issue_client(
        name=name, jurisdiction=jur, user=UserFactory(role=role), webhook_url=webhook_url, channel=channel
    )


def placed_household(jur: Jurisdiction, *, lat=36.06, long=103.83, **kwargs):
    """A household in the jurisdiction's city whose estate has coordinates."""
    household = HouseholdFactory(**kwargs)
    estate = household.unit.building.estate
    district = estate.district
    district.city = jur.city
    district.save()
    estate.latitude, estate.longitude = lat, long
    estate.save()
    return household
