"""API shapes of the reports app."""

from datetime import date, datetime

from ninja import Field, Schema

from wennuan.core.bounds import FIRST_DAY, LAST_DAY

MAX_ID = 2**63 - 1


class Message(Schema):
    code: str = ""
    detail: str


class DailyIn(Schema):
    day: date = Field(..., ge=FIRST_DAY, le=LAST_DAY)
    city_id: int | None = Field(None, ge=1, le=MAX_ID)


class DailyOut(Schema):
    id: int
    city: str
    day: date
    status: str
    seconds: float | None
    error: str
    pdf_url: str | None
    xlsx_url: str | None


class DraftIn(Schema):
    start: date = Field(..., ge=FIRST_DAY, le=LAST_DAY)
    end: date = Field(..., ge=FIRST_DAY, le=LAST_DAY)
    company_ids: list[int] = Field(..., min_length=1, max_length=20)
    city_id: int | None = Field(None, ge=1, le=MAX_ID)


class BulletinEditIn(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    recipients: str | None = Field(None, min_length=1, max_length=200)
    opening: str | None = Field(None, min_length=1, max_length=20_000)
    problems: str | None = Field(None, min_length=1, max_length=20_000)
    data: str | None = Field(None, min_length=1, max_length=20_000)
    cases: str | None = Field(None, min_length=1, max_length=20_000)
    requirements: str | None = Field(None, min_length=1, max_length=20_000)
    issuer: str | None = Field(None, min_length=1, max_length=100)


class BulletinOut(Schema):
    id: int
    number: str
    title: str
    state: str
    state_label: str
    start: date
    end: date
    companies: list[str]
    recipients: str
    opening: str
    problems: str
    data: str
    cases: str
    requirements: str
    issuer: str
    created_at: datetime
    issued_at: datetime | None

    @staticmethod
    def build(b) -> dict:
        return {
            **{k: getattr(b, k) for k in BulletinOut.model_fields if k not in ("companies", "state_label")},
            "companies": [c.name for c in b.companies.all()],
            "state_label": b.get_state_display(),
        }
