"""factory_boy factories for a city's rules (a city gets domain.md's defaults by itself; these add rows)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from wennuan.registry.tests.factories import CityFactory
from wennuan.rules import models
from wennuan.rules.enums import RoomType


class IndoorStandardFactory(DjangoModelFactory):
    class Meta:
        model = models.IndoorStandard

    city = factory.SubFactory(CityFactory)
    room_type = RoomType.MAIN
    celsius = Decimal("20.0")
    effective_from = datetime.date(2025, 11, 1)


class SeasonFactory(DjangoModelFactory):
    class Meta:
        model = models.Season
        django_get_or_create = ("city", "name")

    city = factory.SubFactory(CityFactory)
    name = "2030-2031"
    starts_on = datetime.date(2030, 11, 1)
    ends_on = datetime.date(2031, 3, 31)
