"""Triage endpoints (mounted at /api/v1/triage; auth inherited from the API: token or session)."""

from dataclasses import MISSING, fields

from ninja import Field, Query, Router, Schema
from pydantic import create_model

from . import service
from .selectors import withhold_out_of_scope

router = Router(tags=["triage"])
# Resolving costs time growing with the text (140,000 characters took 79 s of CPU): a complaint is far
# shorter than this, an address typed into a box shorter still.
MAX_TEXT = 2000
MAX_TYPED = 200


class ResolveIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT)


class Candidate(Schema):
    estate: str | None = None
    district: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    account: str | None = None
    score: float = 0.0


# The answer is TriageResult itself: its fields are read from the dataclass (one declaration), only the
# candidates get their typed shape for the OpenAPI document.
ResolveOut = create_model(
    "ResolveOut",
    __base__=Schema,
    **{
        f.name: (f.type, ... if f.default is MISSING and f.default_factory is MISSING else f.default)
        for f in fields(service.TriageResult)
        if f.name != "candidates"
    },
    candidates=(list[Candidate], ...),
)


class Suggestion(Candidate):
    label: str


@router.post("/resolve", response=ResolveOut, summary="地址定位与诉求分类")
def resolve(request, payload: ResolveIn):
    result = service.triage_text(payload.text).as_dict()
    withhold_out_of_scope(request.user, [result, *result["candidates"]])
    return result


@router.get("/suggest", response=list[Suggestion], summary="地址联想")
def suggest(request, q: str = Query("", max_length=MAX_TYPED), limit: int = Query(8, ge=1, le=100)):
    return withhold_out_of_scope(request.user, service.suggest(q, limit=max(1, min(limit, 20))))
