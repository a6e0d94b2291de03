"""Our complaint categories as GeoReport services, and the attributes some of them ask for.

The service code is the category code (core.categories); attributes are what a category needs beyond the
description: a measured room temperature for heat complaints, the household account for money matters,
where a leak is. ``read_attributes`` checks a POST's ``attribute[CODE]`` values against these."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from wennuan.core.categories import HEATING_CATEGORIES, Category
from wennuan.core.errors import BadServiceRequest


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str  # string, number, datetime, text, singlevaluelist, multivaluelist
    description: str
    required: bool = False
    datatype_description: str = ""
    values: tuple[tuple[str, str], ...] = ()  # (key, name) for the list types
    low: Decimal | None = None  # range of a number
    high: Decimal | None = None
    variable: bool = True
    order: int = 1


ROOM_TEMP = Attribute(
    "ROOM_TEMP", "number", "室内温度（℃） Room temperature (°C)", datatype_description="0–40, 一位小数",
    low=Decimal("0"), high=Decimal("40"),
)  # fmt: skip
ACCOUNT = Attribute(
    "HOUSEHOLD_ACCOUNT", "string", "供热户号 Heating account number", datatype_description="最长40字符",
    order=2,
)  # fmt: skip
LEAK_WHERE = Attribute(
    "LEAK_WHERE", "singlevaluelist", "漏水位置 Where the leak is", required=True, order=3,
    values=(("indoor", "户内 indoors"), ("stairwell", "楼道 stairwell"), ("outdoor", "室外管网 outdoors")),
)  # fmt: skip
MONEY = frozenset(
    {Category.BILLING, Category.REFUND, Category.INVOICE, Category.SUBSIDY, Category.SUSPEND_RESUME}
)


def attributes_of(category: str) -> list[Attribute]:
    attrs = []
    if category in HEATING_CATEGORIES:
        attrs.append(ROOM_TEMP)
    if category in MONEY:
        attrs.append(Attribute(**{**ACCOUNT.__dict__, "required": True}))
    else:
        attrs.append(ACCOUNT)
    if category == Category.LEAK:
        attrs.append(LEAK_WHERE)
    return sorted(attrs, key=lambda a: a.order)


def group_of(category: str) -> str:
    if category in HEATING_CATEGORIES or category in (Category.LEAK, Category.BURST, Category.NOISE):
        return "供热 heating"
    if category in MONEY:
        return "收费 billing"
    return "服务 service"


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    group: str
    attributes: list[Attribute] = field(default_factory=list)

    @property
    def metadata(self) -> bool:
        return bool(self.attributes)


def services() -> list[Service]:
    return [Service(c.value, c.label, group_of(c.value), attributes_of(c.value)) for c in Category]


def service(code: str) -> Service | None:
    return next((s for s in services() if s.code == code), None)


def read_attributes(svc: Service, given: dict[str, list[str]]) -> dict[str, object]:
    """{code: checked value} for the attributes the service defines; unknown codes are refused."""
    known = {a.code: a for a in svc.attributes}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise BadServiceRequest(f"attribute[{unknown[0]}] is not defined for service {svc.code}")
    out: dict[str, object] = {}
    for attr in svc.attributes:
        values = [v.strip() for v in given.get(attr.code, []) if v.strip()]
        if not values:
            if attr.required:
                raise BadServiceRequest(f"attribute[{attr.code}] is required for service {svc.code}")
            continue
        out[attr.code] = _checked(attr, values)
    return out


def _checked(attr: Attribute, values: list[str]):
    if attr.datatype == "multivaluelist":
        keys = {k for k, _ in attr.values}
        bad = [v for v in values if v not in keys]
        if bad:
            raise BadServiceRequest(f"attribute[{attr.code}]: {bad[0]!r} is not one of {sorted(keys)}")
        return values
    if len(values) > 1:
        raise BadServiceRequest(f"attribute[{attr.code}] takes one value")
    value = values[0]
    if attr.datatype == "number":
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise BadServiceRequest(f"attribute[{attr.code}]: {value!r} is not a number") from exc
        if (
            not number.is_finite()
            or (attr.low is not None and number < attr.low)
            or (attr.high is not None and number > attr.high)
        ):
            raise BadServiceRequest(f"attribute[{attr.code}]: {value} is outside {attr.low}–{attr.high}")
        return number.quantize(Decimal("0.1"))
    if attr.datatype == "singlevaluelist" and value not in {k for k, _ in attr.values}:
        raise BadServiceRequest(
            f"attribute[{attr.code}]: {value!r} is not one of {[k for k, _ in attr.values]}"
        )
    if len(value) > 40:
        raise BadServiceRequest(f"attribute[{attr.code}] is longer than 40 characters")
    return value


def describe(svc: Service, values: dict[str, object]) -> str:
    """The attribute values as a line appended to the case text, for the people who handle it."""
    parts = []
    for attr in svc.attributes:
        if attr.code not in values:
            continue
        value = values[attr.code]
        names = dict(attr.values)
        if attr.code == ROOM_TEMP.code:
            parts.append(f"室温{value}℃")
        elif attr.code == LEAK_WHERE.code:
            parts.append(f"漏水位置：{names[value].split()[0]}")
        elif attr.code == ACCOUNT.code:
            parts.append(f"户号{value}")
    return "；".join(parts)
