"""factory_boy factories for the registry; other apps' factories build on these."""

import factory
from factory.django import DjangoModelFactory

from wennuan.registry import models


class CityFactory(DjangoModelFactory):
    class Meta:
        model = models.City
        django_get_or_create = ("name",)

    name = "兰州市"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = models.District
        django_get_or_create = ("city", "name")

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"第{n}区")


class StreetFactory(DjangoModelFactory):
    class Meta:
        model = models.Street
        django_get_or_create = ("district", "name")

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"街道{n}")


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = models.Community
        django_get_or_create = ("street", "name")

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"社区{n}")


class GridFactory(DjangoModelFactory):
    class Meta:
        model = models.Grid
        django_get_or_create = ("community", "name")

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"第{n}网格")
    worker_name = "李娜"
    worker_phone = "13900000001"


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = models.Company
        django_get_or_create = ("city", "name")

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"热力公司{n}")
    hotline = "0931-96556"


class StationFactory(DjangoModelFactory):
    class Meta:
        model = models.Station
        django_get_or_create = ("company", "name")

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"换热站{n}")


class EstateFactory(DjangoModelFactory):
    class Meta:
        model = models.Estate
        django_get_or_create = ("district", "name")

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"幸福{n}小区")


class BuildingFactory(DjangoModelFactory):
    class Meta:
        model = models.Building
        django_get_or_create = ("estate", "label")

    estate = factory.SubFactory(EstateFactory)
    label = factory.Sequence(lambda n: f"{n % 50 + 1}号楼")
    door_address = factory.Sequence(lambda n: f"建设路{n}号")


class BuildingAliasFactory(DjangoModelFactory):
    class Meta:
        model = models.BuildingAlias
        django_get_or_create = ("building", "name")

    building = factory.SubFactory(BuildingFactory)
    name = factory.Sequence(lambda n: f"民主路{n}号")


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = models.Unit
        django_get_or_create = ("building", "label")

    building = factory.SubFactory(BuildingFactory)
    label = "1单元"


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = models.Household

    account = factory.Sequence(lambda n: f"T{n:07d}")
    unit = factory.SubFactory(UnitFactory)
    room = factory.Sequence(lambda n: f"{n % 6 + 1}0{n % 2 + 1}")
    grid = factory.SubFactory(GridFactory)
    station = factory.SubFactory(StationFactory)
    area = "88.50"
    resident_name = "王小英"
    phone = "13812345678"
