"""Factories for the visits app, built on the registry's."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from wennuan.registry.tests.factories import CityFactory
from wennuan.visits import models


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = models.Campaign

    name = "2025–2026 访民问暖"
    city = factory.SubFactory(CityFactory)
    starts_on = dt.date(2025, 11, 5)
    ends_on = dt.date(2026, 3, 31)


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = models.Phase

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "第一阶段"
    starts_on = dt.date(2025, 11, 5)
    ends_on = dt.date(2025, 12, 5)
