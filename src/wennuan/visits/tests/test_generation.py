import pytest

from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import (
    BuildingFactory,
    EstateFactory,
    GridFactory,
    HouseholdFactory,
    StreetFactory,
    UnitFactory,
)
from wennuan.visits import services
from wennuan.visits.enums import OrderGroup, TaskStatus
from wennuan.visits.models import VisitTask
from wennuan.visits.tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db


def test_generating_a_phase_creates_one_pending_task_per_household(phase, households, supervisor):
    added = services.generate_phase_tasks(by=supervisor, phase=phase)
    assert added == 3
    tasks = VisitTask.objects.filter(phase=phase)
    assert sorted(t.household_id for t in tasks) == sorted(h.pk for h in households)
    assert {t.status for t in tasks} == {TaskStatus.PENDING}
    assert {t.grid_id for t in tasks} == {households[0].grid_id}
    assert all(t.due_on == phase.starts_on and t.attempt == 1 for t in tasks)
    assert AuditLog.objects.filter(action="visits.tasks_generated", changes__added=3).exists()


def test_regenerating_adds_only_the_missing_households(phase, households, grid, supervisor):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    newcomer = HouseholdFactory(grid=grid)
    assert services.generate_phase_tasks(by=supervisor, phase=phase) == 1
    assert services.generate_phase_tasks(by=supervisor, phase=phase) == 0
    assert VisitTask.objects.filter(phase=phase).count() == 4
    assert VisitTask.objects.filter(phase=phase, household=newcomer).count() == 1


def test_priority_households_come_first_then_address_order(phase, grid, supervisor):
    estate_b = EstateFactory(name="B座小区")
    estate_a = EstateFactory(name="A座小区", district=estate_b.district)
    unit_b = UnitFactory(building=BuildingFactory(estate=estate_b))
    unit_a = UnitFactory(building=BuildingFactory(estate=estate_a))
    ordinary_b = HouseholdFactory(grid=grid, unit=unit_b, room="101")
    ordinary_a2 = HouseholdFactory(grid=grid, unit=unit_a, room="202")
    ordinary_a1 = HouseholdFactory(grid=grid, unit=unit_a, room="101")
    elderly = HouseholdFactory(grid=grid, unit=unit_b, room="601", priority_groups="living_alone")
    services.generate_phase_tasks(by=supervisor, phase=phase)
    from wennuan.visits.selectors import tasks_in_visiting_order

    ordered = list(tasks_in_visiting_order(VisitTask.objects.filter(phase=phase)))
    assert [t.household_id for t in ordered] == [elderly.pk, ordinary_a1.pk, ordinary_a2.pk, ordinary_b.pk]
    assert ordered[0].order_group == OrderGroup.PRIORITY
    # Inserted in visiting order too, so ids follow it for a fresh phase.
    assert [t.household_id for t in VisitTask.objects.filter(phase=phase).order_by("id")] == [
        t.household_id for t in ordered
    ]


def test_street_campaign_covers_only_that_street(supervisor):
    inside = GridFactory()
    outside = GridFactory(community__street=StreetFactory(district=inside.community.street.district))
    mine = HouseholdFactory(grid=inside)
    HouseholdFactory(grid=outside)
    phase = PhaseFactory(
        campaign__city=inside.community.street.district.city,
        campaign__scope_kind="street",
        campaign__street=inside.community.street,
    )
    assert services.generate_phase_tasks(by=supervisor, phase=phase) == 1
    assert VisitTask.objects.get(phase=phase).household == mine


def test_create_campaign_and_phases_are_audited(grid, supervisor):
    import datetime as dt

    city = grid.community.street.district.city
    campaign = services.create_campaign(
        by=supervisor, name="2025–2026 访民问暖", city=city, district=grid.community.street.district,
        starts_on=dt.date(2025, 11, 5), ends_on=dt.date(2026, 3, 31),
    )  # fmt: skip
    p1 = services.add_phase(
        by=supervisor,
        campaign=campaign,
        name="集中走访",
        starts_on=dt.date(2025, 11, 5),
        ends_on=dt.date(2025, 12, 5),
    )
    p2 = services.add_phase(
        by=supervisor,
        campaign=campaign,
        name="回头看",
        starts_on=dt.date(2025, 12, 6),
        ends_on=dt.date(2026, 1, 5),
    )
    assert (p1.number, p2.number) == (1, 2)
    assert campaign.scope_kind == "district"
    assert AuditLog.objects.filter(action="visits.phase_added").count() == 2


def test_households_with_complaints_come_after_priority_and_before_the_rest(phase, grid, supervisor):
    from wennuan.cases.tests.factories import new_case
    from wennuan.visits.selectors import tasks_in_visiting_order

    ordinary = HouseholdFactory(grid=grid, room="101")
    complained = HouseholdFactory(grid=grid, room="102", account="COMPLAINED")
    elderly = HouseholdFactory(grid=grid, room="103", priority_groups="disabled")
    new_case(household=complained)  # open, and received today
    services.generate_phase_tasks(by=supervisor, phase=phase)
    ordered = list(tasks_in_visiting_order(VisitTask.objects.filter(phase=phase)))
    assert [t.household_id for t in ordered] == [elderly.pk, complained.pk, ordinary.pk]
    assert [t.order_group for t in ordered] == [
        OrderGroup.PRIORITY,
        OrderGroup.COMPLAINT,
        OrderGroup.ORDINARY,
    ]
