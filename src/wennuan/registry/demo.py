"""The demo city: ledger rows from ``ledger.generator`` fed through the real importer, and the contacts
the ledger does not carry. Its users (one per role) are made by ``accounts.demo``, which sits above."""

import random
import tempfile
from pathlib import Path

from django.db import transaction

from wennuan.core.scope import ScopeKind

from .ledger.generator import mobile_phone, person_name, write_demo_csv
from .ledger.importer import import_ledger
from .ledger.report import ImportReport
from .models import Community, Company, Grid, Household, Station
from .regions import region

DEMO_CITY = "演示市"
DEFAULT_SEED = 2026


def build_demo_city(*, households: int, seed: int = DEFAULT_SEED, by=None) -> ImportReport:
    """Generate ``households`` ledger rows for ``seed`` and import them into 演示市, contacts filled.

    Running it again with the same arguments changes nothing (the importer is idempotent). Returns the
    import report.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = write_demo_csv(Path(tmp) / "demo.csv", households=households, seed=seed)
        with transaction.atomic():
            report = import_ledger(source=path, by=by, city=DEMO_CITY, filename=f"演示城市（种子 {seed}）")
            fill_demo_contacts(seed=seed)
    return report


def demo_corner() -> dict:
    """The grid, community, street and district of the first household, and its station and company:
    the one corner of the city every scoped demo user looks at ({} without households)."""
    home = (
        Household.objects.select_related(region(ScopeKind.DISTRICT), "station__company")
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
