"""The summary tables give the KPIs the live formulas give (cases.kpis.kpi_table over the cases)."""

from datetime import timedelta

import pytest

from wennuan.cases import services
from wennuan.cases.enums import RootCause, Satisfaction
from wennuan.cases.kpis import RATES, kpi_table
from wennuan.cases.selectors import day_range
from wennuan.cases.services.rating import rate_case
from wennuan.cases.sweep import run_sweep
from wennuan.cases.tests.factories import accepted, dispatched, new_case
from wennuan.core.errors import NotInScope
from wennuan.supervision import fold, scopes, selectors
from wennuan.supervision.levels import Level, segments
from wennuan.supervision.models import CaseFact

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(world):
    """A few days of cases with every outcome, in two companies."""
    a, b, tm = world["a"], world["b"], world["tm"]
    c1 = accepted(new_case(household=a.household), dispatcher=a.dispatcher, crew=a.crew)
    c2 = dispatched(new_case(household=a.household, category="leak"), a.dispatcher)
    c3 = new_case(household=b.household, category="billing")
    c4 = dispatched(new_case(household=b.household), b.dispatcher)
    tm.shift(timedelta(hours=3))
    services.return_case(case=c4, by=b.crew, reason="非本站")
    c1 = services.resolve_case(
        case=c1, by=a.crew, resolution="放气", root_cause=RootCause.RESIDENT, evidence={"temperature": 19}
    )
    services.record_revisit(
        case=c1, by=a.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    tm.shift(timedelta(days=3))
    c2 = services.accept_case(case=c2, by=a.crew)
    c2 = services.record_contact(case=c2, by=a.crew)
    c2 = services.resolve_case(case=c2, by=a.crew, resolution="换阀门", root_cause=RootCause.COMPANY)
    rate_case(case=c2, satisfaction=Satisfaction.BASICALLY)  # the resident's own rating counts in 满意率
    run_sweep()
    c5 = new_case(household=a.household)  # a repeat of c1's household and category? (c1 resolved: yes)
    services.close_case(case=c1, by=a.agent)
    fold.fold()
    return {"world": world, "cases": [c1, c2, c3, c4, c5]}


def _live(user, start, end, group="company"):
    return kpi_table(user=user, start=start, end=end, group=group)


def test_every_case_kpi_equals_the_live_formula_city_wide_and_per_company(season):
    world = season["world"]
    boss = world["a"].supervisor
    first, last = world["t0"].date() - timedelta(days=1), world["t0"].date() + timedelta(days=10)
    live = _live(boss, *day_range(first, last))
    ours = selectors.kpis(boss, start=first, end=last)
    values = {k["key"]: k["value"] for k in ours["kpis"]}
    assert ours["counts"]["received"] == live["total"]["received"] == 5
    for k in RATES:
        assert values[k.key] == live["total"][k.key], k.key
    assert values["avg_handling_hours"] == live["total"]["avg_handling_hours"]
    ranked = selectors.rankings(boss, level=Level.COMPANY, by="completion_rate", start=first, end=last)
    live_rows = {r["group_id"]: r for r in live["rows"]}
    assert {r["ref"] for r in ranked["rows"]} == set(live_rows)
    for row in ranked["rows"]:
        got = {k["key"]: k["value"] for k in row["kpis"]}
        for k in RATES:
            assert got[k.key] == live_rows[row["ref"]][k.key], (row["name"], k.key)


def test_a_range_inside_the_data_counts_only_cases_received_in_it(season):
    world = season["world"]
    boss = world["a"].supervisor
    day = world["t0"].date()
    ours = selectors.kpis(boss, start=day, end=day)
    assert ours["counts"]["received"] == 4
    later = day + timedelta(days=3)
    assert selectors.kpis(boss, start=later, end=later)["counts"]["received"] == 1


def test_a_dispatcher_reads_its_own_company_and_not_another(season):
    world = season["world"]
    a, b = world["a"], world["b"]
    day = world["t0"].date()
    own = selectors.kpis(a.dispatcher, start=day, end=day + timedelta(days=5))
    assert own["scope"]["level"] == "company" and own["counts"]["received"] == 3
    other = scopes.Scope(Level.COMPANY, b.household.station.company_id)
    with pytest.raises(NotInScope):
        selectors.kpis(a.dispatcher, scope=other, start=day, end=day)
    station = scopes.Scope(Level.STATION, a.household.station_id)
    assert selectors.kpis(a.dispatcher, scope=station, start=day, end=day)["counts"]["received"] == 2


def test_segments_cover_every_day_once():
    from datetime import date

    for start, end in [(date(2026, 11, 1), date(2027, 3, 31)), (date(2026, 11, 10), date(2027, 2, 20)),
                       (date(2026, 12, 30), date(2027, 1, 2)), (date(2027, 2, 1), date(2027, 2, 28))]:  # fmt: skip
        days = []
        for grain, first in segments(start, end):
            if grain == "d":
                days.append(first)
            elif grain == "w":
                days += [first + timedelta(days=i) for i in range(7)]
            else:
                d = first
                while d.month == first.month:
                    days.append(d)
                    d += timedelta(days=1)
        assert days == [start + timedelta(days=i) for i in range((end - start).days + 1)]
    assert len(segments(date(2026, 11, 1), date(2027, 3, 31))) == 5
    assert len(segments(date(2026, 11, 10), date(2027, 3, 20))) < 30


@pytest.mark.postgresql
def test_the_recount_in_the_database_equals_the_fold(season):  # noqa: F811
    fold.rebuild(in_database=False)
    by_fold = fold.tally_snapshot()
    facts = {f.case_id: fold.signature(f) for f in CaseFact.objects.all()}
    fold.rebuild(in_database=True)
    assert fold.tally_snapshot() == by_fold
    assert {f.case_id: fold.signature(f) for f in CaseFact.objects.all()} == facts
