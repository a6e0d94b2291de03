"""The demo's people: one user per role, all with the password ``DEMO_PASSWORD`` (``wennuan-demo``), on the
city ``registry.demo`` builds.

The scoped users all look at the same corner of the city — the grid, community, street and district of the
first household, and its station and company — so logging in as each shows how scope narrows one place.
"""

from dataclasses import dataclass

from django.db import transaction

from wennuan.core.audit import record
from wennuan.core.roles import ROLE_SCOPE_KIND, Role
from wennuan.core.scope import HEATING_KINDS, REGION_KINDS, ScopeKind
from wennuan.registry.demo import DEFAULT_SEED, build_demo_city, demo_corner
from wennuan.registry.ledger.report import ImportReport
from wennuan.registry.models import Household

from .models import User

DEMO_PASSWORD = "wennuan-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    name: str


DEMO_USERS = (
    DemoUser("supervisor", Role.SUPERVISOR, "赵主管"),
    DemoUser("district", Role.DISTRICT_STAFF, "钱区干"),
    DemoUser("street", Role.STREET_STAFF, "孙街道"),
    DemoUser("community", Role.COMMUNITY_STAFF, "李社区"),
    DemoUser("grid", Role.GRID_WORKER, "周网格"),
    DemoUser("agent", Role.HOTLINE_AGENT, "吴坐席"),
    DemoUser("dispatcher", Role.DISPATCHER, "郑调度"),
    DemoUser("crew", Role.STATION_CREW, "王班组"),
    DemoUser("checker", Role.SPOT_CHECKER, "冯抽核"),
)


def build_demo(*, households: int, seed: int = DEFAULT_SEED, by=None) -> ImportReport:
    """The demo city of ``households`` households for ``seed`` and its users, in one transaction.

    Running it again with the same arguments changes nothing (the importer is idempotent and the users are
    updated in place). Returns the import report."""
    with transaction.atomic():
        report = build_demo_city(households=households, seed=seed, by=by)
        ensure_demo_users(by=by)
    return report


@transaction.atomic
def ensure_demo_users(*, by=None) -> list[User]:
    """Create (or re-point) one user per role, scoped to the first household's surroundings."""
    corner = demo_corner()
    users = []
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name = spec.name
        user.role = spec.role
        # The supervisor runs the admin by her role (staff); she is no superuser, whose powers nobody needs.
        user.is_staff = spec.role == Role.SUPERVISOR
        user.is_superuser = False
        for kind in (*REGION_KINDS, *HEATING_KINDS):
            setattr(user, kind, None)
        kind = ROLE_SCOPE_KIND[spec.role]
        if kind != ScopeKind.CITY:
            setattr(user, kind, corner[kind])
        if user.pk is None:
            user.set_password(DEMO_PASSWORD)
        user.full_clean(exclude=["password"])
        user.save()
        users.append(user)
    record(actor=by, action="accounts.demo_users", summary=f"演示账号：{len(users)}个（每种角色一个）")
    return users


def seed_demo_if_empty(*, households: int, out) -> bool:
    """Build the demo city and its users when the registry has no households; returns whether it did."""
    if Household.objects.exists():
        return False
    out.write(f"正在生成演示城市（{households}户）…")
    report = build_demo(households=households)
    for line in report.lines():
        out.write(line)
    return True


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, password, role label, scope label) for each demo user that exists; [] without a demo."""
    found = {
        u.username: u
        for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS]).select_related(
            *REGION_KINDS, *HEATING_KINDS
        )
    }
    logins = []
    for spec in DEMO_USERS:
        user = found.get(spec.username)
        if user is None or user.role != spec.role:
            continue
        scope = user.scope()
        if scope.is_all:
            where = "全市"
        else:
            target = getattr(user, scope.kind)
            where = f"{target._meta.verbose_name}：{target}" if target else "未指定范围"
        logins.append((user.username, DEMO_PASSWORD, user.get_role_display(), where))
    return logins
