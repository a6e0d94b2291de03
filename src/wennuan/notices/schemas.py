"""API shapes of the notices app (django-ninja)."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can hold


class NoticeQuery(Schema):
    unread: bool = False
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class NoticeOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    link: str
    subject: str  # what it is about, e.g. "case:42"; "" for nothing in particular
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class NoticePage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    unread: int
    items: list[NoticeOut]


class ReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(default_factory=list, max_length=1000)
    all: bool = False


class ReadOut(Schema):
    marked: int
    unread: int
