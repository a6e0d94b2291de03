"""API shapes of the registry. Names and phones are masked here, per request user, via core.masking."""

from datetime import datetime

from ninja import Field, Schema

from wennuan.core.masking import shown_name, shown_phone

from .selectors import MAX_ID


class Message(Schema):
    detail: str


class DistrictOut(Schema):
    id: int
    name: str


class StreetOut(Schema):
    id: int
    name: str
    district_id: int


class GridNode(Schema):
    id: int
    name: str
    worker_name: str
    worker_phone: str


class CommunityNode(Schema):
    id: int
    name: str
    phone: str
    grids: list[GridNode]


class StreetNode(Schema):
    id: int
    name: str
    communities: list[CommunityNode]


class DistrictNode(Schema):
    id: int
    name: str
    streets: list[StreetNode]


class StationOut(Schema):
    id: int
    name: str
    kind: str
    phone: str
    company_id: int


class CompanyOut(Schema):
    id: int
    name: str
    hotline: str
    stations: list[StationOut] = Field(..., alias="visible_stations")


class EstateOut(Schema):
    id: int
    name: str
    district_id: int
    district_name: str = Field(..., alias="district.name")
    latitude: float | None
    longitude: float | None


class PageMeta(Schema):
    count: int = Field(..., description="条数；capped 为真时真实条数更多")
    capped: bool
    page: int
    pages: int


class EstatePage(PageMeta):
    items: list[EstateOut]


class BuildingOut(Schema):
    id: int
    label: str
    door_address: str
    key_site: str
    household_count: int


class HouseholdOut(Schema):
    account: str
    estate_id: int = Field(..., alias="unit.building.estate_id")
    estate_name: str = Field(..., alias="unit.building.estate.name")
    building_id: int = Field(..., alias="unit.building_id")
    building_label: str = Field(..., alias="unit.building.label")
    unit_id: int
    unit_label: str = Field(..., alias="unit.label")
    room: str
    grid_id: int
    station_id: int
    area: float
    payment_status: str
    priority_groups: list[str] = Field(..., alias="priority_group_list")
    resident_name: str
    phone: str

    @staticmethod
    def resolve_resident_name(obj, context) -> str:
        return shown_name(context["request"].user, obj.resident_name)

    @staticmethod
    def resolve_phone(obj, context) -> str:
        return shown_phone(context["request"].user, obj.phone)


class HouseholdPage(PageMeta):
    items: list[HouseholdOut]


class HouseholdDetailOut(HouseholdOut):
    district_name: str = Field(..., alias="grid.community.street.district.name")
    street_name: str = Field(..., alias="grid.community.street.name")
    community_name: str = Field(..., alias="grid.community.name")
    grid_name: str = Field(..., alias="grid.name")
    station_name: str = Field(..., alias="station.name")
    company_id: int = Field(..., alias="station.company_id")
    company_name: str = Field(..., alias="station.company.name")
    door_address: str = Field(..., alias="unit.building.door_address")
    updated_at: datetime


def id_field(description: str):
    return Field(None, ge=1, le=MAX_ID, description=description)


class HouseholdQuery(Schema):
    """Household filters; ``q`` matches 户号 (prefix), room, address words, and for roles that see
    personal data the exact phone or name."""

    estate: int | None = id_field("小区")
    building: int | None = id_field("楼栋")
    unit: int | None = id_field("单元")
    station: int | None = id_field("换热站")
    grid: int | None = id_field("网格")
    account: str = Field("", max_length=40)
    q: str = Field("", max_length=80)
    payment_status: str = Field("", pattern=r"^(|paid|unpaid|suspended)$")
    priority_only: bool = False
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class EstateQuery(Schema):
    q: str = Field("", max_length=50)
    district: int | None = id_field("区县")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)
