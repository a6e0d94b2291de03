"""API shapes of the hall (django-ninja). Numbers, dates and texts are bounded here and again in services."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

MAX_ID = 2**63 - 1


class SeasonQuery(Schema):
    season_id: int | None = Field(None, ge=1, le=MAX_ID)


class StatementQuery(SeasonQuery):
    arrears_only: bool = False
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class StatementOut(Schema):
    account: str
    season: str
    suspended: bool
    area_m2: Decimal
    price_per_m2: Decimal
    base_fee_share: Decimal
    heated_days: int
    legal_days: int
    full_fee: Decimal
    fee: Decimal
    reduction_days: int
    reduction: Decimal
    paid: Decimal
    arrears: Decimal
    credit: Decimal
    refund_owed: Decimal
    subsidy: Decimal

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.household.account

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.name

    @staticmethod
    def resolve_area_m2(obj):
        return obj.area

    @staticmethod
    def resolve_price_per_m2(obj):
        return obj.price

    @staticmethod
    def resolve_base_fee_share(obj):
        return obj.base_share

    @staticmethod
    def resolve_refund_owed(obj):
        return obj.refund


class StatementPage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[StatementOut]


class ComputeIn(Schema):
    season_id: int = Field(..., ge=1, le=MAX_ID)


class ComputeOut(Schema):
    season: str
    households: int


class PaymentOut(Schema):
    receipt_no: str
    amount: Decimal
    paid_on: date
    method: str
    season: str

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.name


class ImportOut(Schema):
    batch_id: int | None
    rows: int
    created: int
    unchanged: int
    amount: Decimal
    households: int
    summary: str


class AccountOut(Schema):
    statement: StatementOut | None
    payments: list[PaymentOut]
    at: datetime
