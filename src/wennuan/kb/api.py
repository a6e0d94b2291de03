"""Knowledge-base API (/api/v1/kb): search, one entry. Thin: parse, call one selector."""

from ninja import Query, Router

from wennuan.cases.schemas import Message  # one "Message" in the OpenAPI document, not two shapes of it
from wennuan.core.errors import NotInScope
from wennuan.registry.models import Household

from . import selectors
from .schemas import EntryOut, HitOut, SearchQuery

router = Router(tags=["kb"])
ERRORS = {404: Message, 422: Message}


def _household(user, params: SearchQuery):
    if params.household_id is None and not params.account:
        return None
    rows = Household.objects.visible_to(user).select_related("grid__community__street__district", "station")
    if params.household_id is not None:
        rows = rows.filter(pk=params.household_id)
    if params.account:
        rows = rows.filter(account=params.account.strip())
    found = rows.first()
    if found is None:
        raise NotInScope("住户不存在或不在您的范围内")
    return found


@router.get(
    "/search",
    response={200: list[HitOut], **ERRORS},
    summary="知识库检索（已发布、今日有效、适用于本人范围）",
)
def search(request, params: Query[SearchQuery]):
    hits = selectors.search(
        user=request.user, q=params.q, household=_household(request.user, params), limit=params.limit
    )
    return [{**EntryOut.build(h.entry), "score": round(h.score, 6), "fuzzy": h.fuzzy} for h in hits]


@router.get("/entries/{int:entry_id}", response={200: EntryOut, **ERRORS}, summary="知识库条目")
def entry(request, entry_id: int):
    return EntryOut.build(selectors.entry_for(user=request.user, pk=entry_id))
