"""The demo city: ledger rows from ``ledger.generator`` fed through the real importer, plus one demo user
per role, all with the password ``DEMO_PASSWORD`` (``wennuan-demo``).

The scoped users all look at the same corner of the city — the grid, community, street and district of the
first household, and its station and company — so logging in as each shows how scope narrows one place.
"""

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from wennuan.accounts.enums import Role
from wennuan.accounts.models import User
from wennuan.core.audit import record

from .ledger.generator import mobile_phone, person_name, write_demo_csv
from .ledger.importer import import_ledger
from .ledger.report import ImportReport
from .models import Community, Company, Grid, Household, Station

DEMO_PASSWORD = "wennuan-demo"
DEMO_CITY = "演示市"
DEFAULT_SEED = 2026


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


def build_demo_city(*, households: int, seed: int = DEFAULT_SEED, by=None) -> ImportReport:
    """Generate ``households`` ledger rows for ``seed``, import them into 演示市, and create the demo users.

    Running it again with the same arguments changes nothing (the importer is idempotent and the users are
    updated in place). Returns the import report.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = write_demo_csv(Path(tmp) / "demo.csv", households=households, seed=seed)
        with transaction.atomic():
            report = import_ledger(source=path, by=by, city=DEMO_CITY, filename=f"演示城市（种子 {seed}）")
            fill_demo_contacts(seed=seed)
            ensure_demo_users(by=by)
    return report


def _scopes() -> dict:
    home = (
        Household.objects.select_related("grid__community__street__district", "station__company")
        .order_by("account")
        .first()
    )
    if home is None:
        return {}
    grid = home.grid
    return {
        "district": grid.community.street.district,
        "street": grid.community.street,
        "community": grid.community,
        "grid": grid,
        "company": home.station.company,
        "station": home.station,
    }


def fill_demo_contacts(*, seed: int = DEFAULT_SEED) -> None:
    """Contacts the ledger does not carry but contact cards print: grid workers, community and station
    phones, company hotlines. Only empty fields are filled, so a city's real contacts are never touched."""
    rng = random.Random(seed)
    grids = list(Grid.objects.filter(worker_name="").order_by("pk"))
    for grid in grids:
        grid.worker_name, grid.worker_phone = person_name(rng), mobile_phone(rng)
    Grid.objects.bulk_update(grids, ["worker_name", "worker_phone"], batch_size=1000)
    communities = list(Community.objects.filter(phone="").order_by("pk"))
    for community in communities:
        community.phone = f"0931-{rng.randint(8000000, 8999999)}"
    Community.objects.bulk_update(communities, ["phone"], batch_size=1000)
    stations = list(Station.objects.filter(phone="").order_by("pk"))
    for station in stations:
        station.phone = f"0931-{rng.randint(6000000, 6999999)}"
    Station.objects.bulk_update(stations, ["phone"], batch_size=1000)
    companies = list(Company.objects.filter(hotline="").order_by("pk"))
    for company in companies:
        company.hotline = f"0931-96{rng.randint(100, 999)}"
    Company.objects.bulk_update(companies, ["hotline"], batch_size=1000)


@transaction.atomic
def ensure_demo_users(*, by=None) -> list[User]:
    """Create (or re-point) one user per role, scoped to the first household's surroundings."""
    from wennuan.accounts.enums import ROLE_SCOPE_KIND

    scopes = _scopes()
    users = []
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
        user.first_name = spec.name
        user.role = spec.role
        user.is_staff = user.is_superuser = spec.role == Role.SUPERVISOR
        for kind in ("district", "street", "community", "grid", "company", "station"):
            setattr(user, kind, None)
        kind = ROLE_SCOPE_KIND[spec.role]
        if kind != "city":
            setattr(user, kind, scopes[kind])
        if user.pk is None:
            user.set_password(DEMO_PASSWORD)
        user.full_clean(exclude=["password"])
        user.save()
        users.append(user)
    record(actor=by, action="registry.demo_users", summary=f"演示账号：{len(users)}个（每种角色一个）")
    return users


def seed_demo_if_empty(*, households: int, out) -> bool:
    """Build the demo city when the registry has no households; returns whether it did."""
    if Household.objects.exists():
        return False
    out.write(f"正在生成演示城市（{households}户）…")
    report = build_demo_city(households=households)
    for line in report.lines():
        out.write(line)
    return True


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, password, role label, scope label) for each demo user that exists; [] without a demo."""
    found = {
        u.username: u
        for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS]).select_related(
            "district", "street", "community", "grid", "company", "station"
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
