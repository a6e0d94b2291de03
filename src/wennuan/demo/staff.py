"""The people a season needs besides the nine demo logins: a crew for every station, a dispatcher for every
company and a grid worker for every grid. The demo logins cover one corner of the city; the rest of the
city's complaints and visits need their own hands, or the pages would show one station doing everything.

They cannot sign in (no password): they exist so that every timeline line names a person of the right
role and scope, as in a real city."""

from dataclasses import dataclass

from django.db import transaction

from wennuan.accounts.models import User
from wennuan.core.audit import record
from wennuan.core.roles import Role
from wennuan.registry.models import Company, Grid, Station

# The demo logins this season acts through (accounts.demo makes them).
LOGINS = {
    "supervisor": Role.SUPERVISOR,
    "agent": Role.HOTLINE_AGENT,
    "checker": Role.SPOT_CHECKER,
    "crew": Role.STATION_CREW,
    "dispatcher": Role.DISPATCHER,
    "grid": Role.GRID_WORKER,
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "建国志强海涛秀英丽华俊杰晓东文斌玉兰春梅国庆红梅立新德明永刚桂芳宏伟金凤"


@dataclass
class Staff:
    supervisor: User
    agent: User
    checker: User
    crews: dict  # station id → crew user
    dispatchers: dict  # company id → dispatcher user
    grid_workers: dict  # grid id → grid worker
    corner_station_id: int | None = None  # the demo logins' station

    def crew_for(self, station_id: int) -> User:
        return self.crews[station_id]


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 2) % len(GIVEN)] + GIVEN[(i * 2 + 1) % len(GIVEN)]


def _user(username: str, *, role: Role, name: str, **scope) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(username=username, role=role, first_name=name, **scope)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def ensure_staff() -> Staff | None:
    """The demo logins and one user per station, company and grid not covered by them (created once;
    named in address order, so the same city gets the same people). None without the demo logins."""
    logins = {u.username: u for u in User.objects.filter(username__in=LOGINS, is_active=True)}
    if any(logins.get(name) is None or logins[name].role != role for name, role in LOGINS.items()):
        return None
    crew, dispatcher, grid = logins["crew"], logins["dispatcher"], logins["grid"]
    crews, dispatchers, workers = (
        {crew.station_id: crew},
        {dispatcher.company_id: dispatcher},
        {grid.grid_id: grid},
    )
    added = 0
    for i, station in enumerate(Station.objects.order_by("company__name", "name", "pk"), start=1):
        if station.pk not in crews:
            crews[station.pk] = _user(
                f"crew{i:02d}", role=Role.STATION_CREW, name=f"{_name(i)}（{station.name}）", station=station
            )
            added += 1
    for i, company in enumerate(Company.objects.order_by("name", "pk"), start=1):
        if company.pk not in dispatchers:
            dispatchers[company.pk] = _user(
                f"dispatcher{i:02d}", role=Role.DISPATCHER, name=_name(100 + i), company=company
            )
            added += 1
    grids = Grid.objects.select_related("community").order_by("community__name", "name", "pk")
    for i, g in enumerate(grids, start=1):
        if g.pk not in workers:
            workers[g.pk] = _user(
                f"grid{i:03d}", role=Role.GRID_WORKER, name=g.worker_name or _name(200 + i), grid=g
            )
            added += 1
    if added:
        record(
            actor=None,
            action="demo.staff",
            summary=f"演示供暖季：班组、调度、网格员账号{added}个（不能登录）",
        )
    return Staff(
        supervisor=logins["supervisor"],
        agent=logins["agent"],
        checker=logins["checker"],
        crews=crews,
        dispatchers=dispatchers,
        grid_workers=workers,
        corner_station_id=crew.station_id,
    )
