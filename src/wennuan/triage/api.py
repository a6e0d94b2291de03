"""Triage endpoints (mounted at /api/v1/triage; auth inherited from the API: token or session)."""

from dataclasses import MISSING, fields

from ninja import Router, Schema
from pydantic import create_model

from . import service
from .selectors import withhold_out_of_scope

router = Router(tags=["triage"])


class ResolveIn(Schema):
    text: str


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
def suggest(request, q: str = "", limit: int = 8):
    return withhold_out_of_scope(request.user, service.suggest(q, limit=max(1, min(limit, 20))))
