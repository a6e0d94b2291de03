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


class SubsidyStatusOut(Schema):
    account: str
    season: str
    state: str
    label: str
    summary: str
    overdue_days: int
    amount: Decimal | None
    group: str | None
    paid_on: date | None


class SubsidyOut(Schema):
    id: int
    account: str
    season: str
    group: str
    amount: Decimal
    status: str
    certificate: str
    pay_by: date | None
    paid_on: date | None
    rejected_reason: str

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.household.account

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.name


class SubsidyQuery(SeasonQuery):
    status: str = Field("", max_length=16)
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class SubsidyPage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[SubsidyOut]


class GrantIn(Schema):
    account: str = Field(..., min_length=1, max_length=40)
    group: str = Field(..., max_length=32)
    certificate: str = Field("", max_length=50)


class RejectIn(Schema):
    reason: str = Field(..., min_length=4, max_length=200)


class PaidIn(Schema):
    paid_on: date


class ApplyIn(Schema):
    account: str = Field(..., min_length=1, max_length=40)
    name: str = Field("", max_length=50)
    phone: str = Field("", max_length=30)
    note: str = Field("", max_length=500)


class DecideIn(Schema):
    approve: bool
    reason: str = Field("", max_length=32)
    note: str = Field("", max_length=500)


class ApplicationOut(Schema):
    id: int
    kind: str
    account: str
    season: str
    applicant: str
    applied_at: datetime
    answer_due: datetime
    status: str
    overdue: bool
    decided_at: datetime | None
    refusal_reason: str
    decision_note: str
    work_order_id: int | None
    heat_from: date | None

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.household.account

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.name


class ApplicationQuery(Schema):
    status: str = Field("", max_length=16)
    kind: str = Field("", max_length=16)
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class ApplicationPage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[ApplicationOut]
