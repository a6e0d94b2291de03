"""Registry API (/api/v1/registry): thin endpoints over registry.selectors, so scope and masking are the
same as on the pages. Something outside the caller's scope answers 404, as if it did not exist."""

from ninja import Path, Query, Router

from wennuan.core.selectors import api_page

from . import selectors
from .filters import HouseholdFilters
from .schemas import (
    BuildingOut,
    CompanyOut,
    DistrictNode,
    DistrictOut,
    EstateOut,
    EstatePage,
    EstateQuery,
    HouseholdDetailOut,
    HouseholdPage,
    HouseholdQuery,
    Message,
    StationOut,
    StreetOut,
)
from .selectors import MAX_ID

router = Router(tags=["registry"])


@router.get("/districts", response=list[DistrictOut], summary="区县")
def district_list(request):
    return selectors.districts(user=request.user)


@router.get("/streets", response=list[StreetOut], summary="街道")
def street_list(request, district: int | None = Query(None, ge=1, le=MAX_ID)):
    return selectors.streets(user=request.user, district=district)


@router.get("/tree", response=list[DistrictNode], summary="区县—街道—社区—网格")
def region_tree(request, district: int | None = Query(None, ge=1, le=MAX_ID)):
    return selectors.region_tree(user=request.user, district=district)


@router.get("/companies", response=list[CompanyOut], summary="供热企业及其换热站")
def company_list(request):
    return selectors.companies(user=request.user)


@router.get("/stations", response=list[StationOut], summary="换热站")
def station_list(request, company: int | None = Query(None, ge=1, le=MAX_ID)):
    return selectors.stations(user=request.user, company=company)


@router.get("/estates", response=EstatePage, summary="小区（按名称或门牌搜索，分页）")
def estate_list(request, params: Query[EstateQuery]):
    rows = selectors.estates(user=request.user, q=params.q, district=params.district)
    return api_page(rows, page=params.page, page_size=params.page_size)


@router.get("/estates/{estate_id}", response={200: EstateOut, 404: Message}, summary="小区")
def estate_detail(request, estate_id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.estate(user=request.user, pk=estate_id)


@router.get(
    "/estates/{estate_id}/buildings", response={200: list[BuildingOut], 404: Message}, summary="小区的楼栋"
)
def estate_buildings(request, estate_id: int = Path(..., ge=1, le=MAX_ID)):
    estate = selectors.estate(user=request.user, pk=estate_id)
    return selectors.buildings_of_estate(user=request.user, estate=estate)


@router.get("/households", response=HouseholdPage, summary="住户（筛选、搜索、分页）")
def household_list(request, params: Query[HouseholdQuery]):
    filters = HouseholdFilters(**params.dict(exclude={"page", "page_size"}))
    rows = selectors.households(user=request.user, filters=filters)
    return api_page(rows, page=params.page, page_size=params.page_size)


@router.get("/households/{account}", response={200: HouseholdDetailOut, 404: Message}, summary="按户号查住户")
def household_detail(request, account: str = Path(..., max_length=40)):
    return selectors.household_by_account(user=request.user, account=account)
