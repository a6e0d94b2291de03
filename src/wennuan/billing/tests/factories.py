"""Billing test helpers: a city in its 2025-2026 season with a tariff, and measurements by the method."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from wennuan.billing.models import Tariff
from wennuan.billing.services.measurements import MeasurementInput, RoomReading, record_measurement
from wennuan.registry.tests.factories import HouseholdFactory

# A tiny valid PNG (1×1): what a phone camera sends, as far as the signature check is concerned.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
    b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("site.png", PNG, content_type="image/png")


def household_with_tariff(price="27", area="100", **kwargs):
    """A household (area 100 m² by default) in a city with a 27 元/㎡ tariff; seasons seeded for today."""
    household = HouseholdFactory(area=Decimal(area), **kwargs)
    city = household.station.company.city
    if not Tariff.objects.filter(city=city).exists():
        Tariff.objects.create(
            city=city, effective_from=datetime(2000, 1, 1).date(), residential_price=Decimal(price),
            non_residential_price=Decimal(price),
        )  # fmt: skip
    return household


def by_method(at: datetime, *celsius_by_room: str, **overrides) -> MeasurementInput:
    """A measurement that follows the default method: 1.2 m, doors closed 40 min, stable, 3 readings a minute
    apart (each room's readings are the given °C), certificate, photo, GPS, both signatures."""
    names = ["卧室", "客厅", "书房"]
    rooms = [
        RoomReading(
            name=names[i],
            height_m=Decimal("1.2"),
            doors_closed_since=at - timedelta(minutes=40),
            stable_change=Decimal("0.1"),
            readings=[(at + timedelta(minutes=k), Decimal(c)) for k in range(3)],
        )  # fmt: skip
        for i, c in enumerate(celsius_by_room)
    ]
    values = dict(
        measured_at=at, rooms=rooms, instrument_serial="TM-2025-0117", certificate_no="JD-88231",
        outdoor_celsius=Decimal("-8.5"), latitude=36.06, longitude=103.83, photo=photo(),
        company_signed=True, resident_signed=True,
    )  # fmt: skip
    values.update(overrides)
    return MeasurementInput(**values)


def measure(household, by, at: datetime, *celsius, case=None, **overrides):
    return record_measurement(
        by=by, household=household, case=case, data=by_method(at, *celsius, **overrides)
    )
