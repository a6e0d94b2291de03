import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wennuan.registry.tests.factories import CityFactory
from wennuan.rules import selectors
from wennuan.rules.enums import RoomType
from wennuan.rules.models import IndoorStandard, Season

from .factories import IndoorStandardFactory, SeasonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_new_city_gets_the_domain_defaults():
    with time_machine.travel(datetime.datetime(2026, 8, 15, 12, tzinfo=datetime.UTC)):
        city = CityFactory(name="白银市")
    assert selectors.indoor_standard(city=city, on=D(2026, 12, 1)) == Decimal("18.0")
    season = selectors.season_on(city=city, on=D(2026, 12, 1))
    assert (season.name, season.starts_on, season.ends_on) == ("2026-2027", D(2026, 11, 1), D(2027, 3, 31))
    assert season.legal_days == 151


def test_a_city_created_in_winter_gets_the_season_under_way():
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=datetime.UTC)):
        city = CityFactory(name="定西市")
    assert Season.objects.get(city=city).name == "2026-2027"


def test_each_city_reads_its_own_standard_by_date():
    lanzhou, harbin = CityFactory(name="兰州市"), CityFactory(name="哈尔滨市")
    IndoorStandardFactory(city=harbin, celsius=Decimal("20.0"), effective_from=D(2021, 10, 1))
    assert selectors.indoor_standard(city=lanzhou, on=D(2025, 12, 1)) == Decimal("18.0")
    assert selectors.indoor_standard(city=harbin, on=D(2025, 12, 1)) == Decimal("20.0")
    assert selectors.indoor_standard(city=harbin, on=D(2021, 9, 30)) == Decimal("18.0")  # before 2021


def test_a_standard_ends_on_its_last_day_and_the_newest_in_force_wins():
    city = CityFactory(name="银川市")
    IndoorStandardFactory(
        city=city, celsius=Decimal("20.0"), effective_from=D(2024, 1, 1), effective_to=D(2024, 12, 31)
    )
    IndoorStandardFactory(
        city=city, celsius=Decimal("19.0"), effective_from=D(2024, 6, 1), effective_to=D(2024, 12, 31)
    )
    assert selectors.indoor_standard(city=city, on=D(2024, 5, 31)) == Decimal("20.0")
    assert selectors.indoor_standard(city=city, on=D(2024, 6, 1)) == Decimal("19.0")
    assert selectors.indoor_standard(city=city, on=D(2024, 12, 31)) == Decimal("19.0")
    assert selectors.indoor_standard(city=city, on=D(2025, 1, 1)) == Decimal("18.0")


def test_a_moment_is_read_as_the_local_day():
    city = CityFactory(name="银川市")
    IndoorStandardFactory(city=city, celsius=Decimal("20.0"), effective_from=D(2025, 1, 1))
    # 2024-12-31 17:00 UTC is 2025-01-01 01:00 in Beijing time.
    assert (
        selectors.indoor_standard(city=city, on=datetime.datetime(2024, 12, 31, 17, tzinfo=datetime.UTC))
        == 20
    )
    assert (
        selectors.indoor_standard(city=city, on=datetime.datetime(2024, 12, 31, 15, tzinfo=datetime.UTC))
        == 18
    )


def test_a_room_type_without_its_own_row_takes_the_main_rooms_standard():
    dalian, qingdao = CityFactory(name="大连市"), CityFactory(name="青岛市")
    IndoorStandardFactory(
        city=dalian, room_type=RoomType.OTHER, celsius=Decimal("16.0"), effective_from=D(2020, 1, 1)
    )
    IndoorStandardFactory(
        city=qingdao, room_type=RoomType.KITCHEN, celsius=Decimal("10.0"), effective_from=D(2020, 1, 1)
    )
    on = D(2025, 12, 1)
    assert selectors.indoor_standard(city=dalian, on=on, room_type=RoomType.OTHER) == 16
    assert selectors.indoor_standard(city=dalian, on=on, room_type=RoomType.KITCHEN) == 18
    assert selectors.indoor_standard(city=qingdao, on=on, room_type=RoomType.KITCHEN) == 10
    assert selectors.indoor_standard(city=qingdao, on=on, room_type=RoomType.OTHER) == 18
    assert selectors.indoor_standards(city=qingdao, on=on)[RoomType.KITCHEN] == 10


def test_no_row_at_all_falls_back_to_the_default():
    city = CityFactory(name="兰州市")
    IndoorStandard.objects.filter(city=city).delete()
    assert selectors.indoor_standard(city=city.pk, on=D(2025, 12, 1)) == Decimal("18.0")


def test_season_on_counts_early_start_and_extension_and_only_the_citys_own():
    lanzhou, harbin = CityFactory(name="兰州市"), CityFactory(name="哈尔滨市")
    season = SeasonFactory(
        city=lanzhou, name="2030-2031", early_start_on=D(2030, 10, 25), extended_to=D(2031, 4, 10)
    )
    SeasonFactory(city=harbin, name="2030-2031", starts_on=D(2030, 10, 20), ends_on=D(2031, 4, 20))
    assert selectors.season_on(city=lanzhou, on=D(2030, 10, 24)) is None
    assert selectors.season_on(city=lanzhou, on=D(2030, 10, 25)) == season
    assert selectors.season_on(city=lanzhou, on=D(2031, 4, 10)) == season
    assert selectors.season_on(city=lanzhou, on=D(2031, 4, 11)) is None
    assert selectors.season_on(city=harbin, on=D(2031, 4, 15)).city == harbin
    assert season.legal_days == 151 and season.first_day == D(2030, 10, 25)
    assert selectors.current_or_next_season(city=lanzhou, on=D(2030, 8, 1)) == season


def test_season_dates_are_checked():
    city = CityFactory(name="兰州市")
    SeasonFactory(city=city, name="2030-2031")
    bad = [
        dict(name="x", starts_on=D(2032, 3, 1), ends_on=D(2032, 1, 1)),  # ends before it starts
        dict(name="y", starts_on=D(2032, 11, 1), ends_on=D(2033, 3, 31), early_start_on=D(2032, 11, 2)),
        dict(name="z", starts_on=D(2032, 11, 1), ends_on=D(2033, 3, 31), extended_to=D(2033, 3, 1)),
        dict(name="w", starts_on=D(2031, 3, 1), ends_on=D(2031, 11, 30)),  # overlaps 2030-2031
    ]
    for fields in bad:
        with pytest.raises(ValidationError):
            Season(city=city, **fields).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Season.objects.create(city=city, name="x", starts_on=D(2032, 3, 1), ends_on=D(2032, 1, 1))


def test_a_standard_out_of_range_is_refused():
    city = CityFactory(name="兰州市")
    with pytest.raises(ValidationError):
        IndoorStandard(city=city, celsius=Decimal("180.0"), effective_from=D(2025, 1, 1)).full_clean()
    with pytest.raises(ValidationError):
        IndoorStandard(
            city=city, celsius=Decimal("18.0"), effective_from=D(2025, 1, 1), effective_to=D(2024, 1, 1)
        ).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        IndoorStandard.objects.create(city=city, celsius=Decimal("99.0"), effective_from=D(2025, 1, 1))
