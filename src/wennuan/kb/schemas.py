"""API shapes of the knowledge base (django-ninja)."""

from datetime import date

from ninja import Field, Schema

from .text import MAX_QUERY_CHARS

MAX_ID = 2**63 - 1


class SearchQuery(Schema):
    q: str = Field(
        ..., min_length=1, max_length=MAX_QUERY_CHARS, description="群众的问法，如“暖气片不热咋整”"
    )
    household_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="只答适用于该户（城市、企业、区县、街道）的条目"
    )
    account: str | None = Field(None, max_length=40, description="户号，同 household_id")
    limit: int = Field(5, ge=1, le=20)


class EntryOut(Schema):
    id: int
    question: str
    answer: str
    category: str
    category_label: str
    city: str
    applies_to: str
    valid_from: date | None
    valid_to: date | None
    state: str
    ref: str = Field(..., description="工单直接答复时记录的引用（kb:编号）")

    @staticmethod
    def build(entry) -> dict:
        return {
            "id": entry.pk, "question": entry.question, "answer": entry.answer, "category": entry.category,
            "category_label": entry.get_category_display(), "city": entry.city.name,
            "applies_to": entry.applies_to, "valid_from": entry.valid_from, "valid_to": entry.valid_to,
            "state": entry.state, "ref": entry.ref,
        }  # fmt: skip


class HitOut(EntryOut):
    score: float = Field(..., description="全文检索相关度（SQLite BM25 / PostgreSQL ts_rank），越大越相关")
    fuzzy: float = Field(..., description="问法与条目问题的相似度 0–100（同分时排序）")
