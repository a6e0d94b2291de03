"""API shapes of the billing app (django-ninja). Every number and date is range-checked here and again in
the services."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

MAX_ID = 2**63 - 1


class LedgerQuery(Schema):
    season_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: str = Field("", max_length=16)
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class RefundOut(Schema):
    id: int
    account: str
    company: str
    season: str
    days: int
    amount: Decimal
    due_on: date
    status: str
    paid_on: date | None
    explanation: str

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.household.account

    @staticmethod
    def resolve_company(obj) -> str:
        return obj.company.name

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.name


class LedgerPage(Schema):
    count: int
    page: int
    pages: int
    households: int
    days: int
    amount: Decimal
    items: list[RefundOut]


class PaidIn(Schema):
    paid_on: date


class ReadingIn(Schema):
    at: datetime
    celsius: Decimal = Field(..., ge=-30, le=45, max_digits=4, decimal_places=1)


class RoomIn(Schema):
    name: str = Field(..., min_length=1, max_length=20)
    area_m2: Decimal | None = Field(None, gt=0, le=100_000, max_digits=9, decimal_places=2)
    height_m: Decimal = Field(..., ge=0, le=3, max_digits=3, decimal_places=2)
    doors_closed_since: datetime
    stable_change: Decimal = Field(..., ge=0, le=9, max_digits=3, decimal_places=2)
    readings: list[ReadingIn] = Field(..., max_length=10)


class MeasurementIn(Schema):
    client_id: str | None = Field(None, max_length=36, description="retry with the same id: one record")
    case_id: int = Field(..., ge=1, le=MAX_ID, description="the household's 测温退费 request")
    measured_at: datetime
    rooms: list[RoomIn] = Field(default_factory=list, max_length=12)
    instrument_serial: str = Field("", max_length=50)
    certificate_no: str = Field("", max_length=50)
    outdoor_celsius: Decimal | None = Field(None, ge=-50, le=45, max_digits=4, decimal_places=1)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    photo_base64: str | None = Field(None, max_length=8_000_000, description="the site photo (JPEG/PNG…)")
    company_signed: bool = False
    resident_signed: bool = False
    resident_refused_to_sign: bool = False
    refusal: str = Field("", max_length=16)
    cause: str = Field("", max_length=16)
    cause_note: str = Field("", max_length=200)


class MeasurementOut(Schema):
    id: int
    account: str
    measured_at: datetime
    lowest_celsius: Decimal | None
    standard_celsius: Decimal
    compliant: bool | None
    refund_yuan: Decimal | None
    explanation: str


class ComputeIn(Schema):
    """One line of ``wennuan refund compute`` (see the README)."""

    line: dict = Field(..., description='{"id", "city", "season", "area_m2", "price_per_m2", "readings", …}')


class ComputeOut(Schema):
    id: str | int | None
    refund_yuan: float | None = None
    days: int | None = None
    explanation: str | None = None
    error: str | None = None
