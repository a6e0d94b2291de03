"""Who is told (消息提醒) when a case is dispatched, climbs the escalation ladder, or gets a 督办.

Selectors: each returns a queryset of active users, read in one query (the region is reached through
subqueries on the case's grid). Only people with a matching scope are told; a case without a company,
station or grid tells only the roles it can — never everybody. The services call these inside the
transaction of the change and hand the result to ``tell`` (which calls ``notices.services.notify``).

  dispatched            the crews of the station it is sent to
  step 1 企业主管督促    the company's dispatchers + the station's crews
  step 2 网格吹哨        + the staff of the grid's community and of its street
  step 3 街道专班        + the staff of its district + the city's supervisors
  督办 issued            the company's dispatchers + the station's crews
  督办 overdue           the same + whoever issued it
"""

from django.db.models import Q
from django.urls import reverse

from wennuan.accounts.models import User
from wennuan.core.roles import Role
from wennuan.core.scope import ScopeKind
from wennuan.notices import services as notices
from wennuan.registry.models import Building, Grid, Household
from wennuan.registry.regions import region_id

from .enums import Escalation
from .models import Case, SupervisionOrder


def tell(users, *, case: Case, kind: str, title: str, body: str = "", key="") -> list[int]:
    """Notify ``users`` about ``case`` (subject "case:<id>", linking to its page); see ``notices.notify``."""
    return notices.notify(
        users,
        kind=kind,
        title=title,
        body=body,
        subject=f"case:{case.pk}",
        key=key,
        link=reverse("cases:detail", args=[case.pk]),
    )


def where(case: Case) -> str:
    """Where the case is, for a notice: the address the resident gave, else the registry's (小区 楼 单元 房),
    else 地址未确权."""
    if case.address:
        return case.address
    if case.household_id:
        row = Household.objects.filter(pk=case.household_id).values_list(
            "unit__building__estate__name", "unit__building__label", "unit__label", "room"
        )
    elif case.building_id:
        row = Building.objects.filter(pk=case.building_id).values_list("estate__name", "label")
    else:
        return "地址未确权"
    parts = row.first()
    return "".join(p for p in parts if p) if parts else "地址未确权"


def _users(conditions: list[Q]):
    if not conditions:  # an empty Q would match every user
        return User.objects.none()
    matches = conditions[0]
    for condition in conditions[1:]:
        matches |= condition
    return User.objects.filter(matches, is_active=True).order_by("pk")


def _unit(case: Case) -> list[Q]:
    """The responsible unit: the company's dispatchers and the station's crews."""
    conditions = []
    if case.company_id:
        conditions.append(Q(role=Role.DISPATCHER, company_id=case.company_id))
    if case.station_id:
        conditions.append(Q(role=Role.STATION_CREW, station_id=case.station_id))
    return conditions


def _region(case: Case, *, with_district: bool) -> list[Q]:
    """The community and street (and district) staff above the case's grid."""
    if not case.grid_id:
        return []
    grid = Grid.objects.filter(pk=case.grid_id)
    conditions = [
        Q(role=Role.COMMUNITY_STAFF, community_id__in=grid.values(region_id(ScopeKind.COMMUNITY, via=""))),
        Q(role=Role.STREET_STAFF, street_id__in=grid.values(region_id(ScopeKind.STREET, via=""))),
    ]
    if with_district:
        conditions.append(
            Q(role=Role.DISTRICT_STAFF, district_id__in=grid.values(region_id(ScopeKind.DISTRICT, via="")))
        )
    return conditions


def dispatch_recipients(case: Case):
    """The crews of the station the case has just been sent to."""
    if not case.station_id:
        return User.objects.none()
    return _users([Q(role=Role.STATION_CREW, station_id=case.station_id)])


def escalation_recipients(case: Case, step: int):
    """Who is told when the case reaches ``step`` of the ladder (each step adds people, none leave)."""
    conditions = _unit(case)
    if step >= Escalation.STREET_WHISTLE:
        conditions += _region(case, with_district=step >= Escalation.TASK_FORCE)
    if step >= Escalation.TASK_FORCE:
        conditions.append(Q(role=Role.SUPERVISOR))
    return _users(conditions)


def supervision_recipients(order: SupervisionOrder, *, overdue: bool = False):
    """Who is told of a 督办: the responsible unit; when it is overdue, also whoever issued it."""
    conditions = _unit(order.case)
    if overdue and order.issued_by_id:
        conditions.append(Q(pk=order.issued_by_id))
    return _users(conditions)
