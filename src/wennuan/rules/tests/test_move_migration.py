"""The move of the global case rules to the first city (rules.0004, visits.0003), run on real history."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0006_measurement_clock"), ("rules", "0003_case_rules"), ("visits", "0002_resurvey")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Transactional (SQLite cannot change its schema inside the test's transaction). Not serialized-rollback:
# its setup would collide with the content types a plain transactional test before it leaves. (A
# serialized-rollback test that runs after this one, like cases' PostgreSQL concurrency test when run
# after rules, meets the same collision: the full suite runs cases first.)
@pytest.mark.django_db(transaction=True)
def test_existing_rows_move_to_the_first_city_and_own_standards_are_kept():
    old = _migrate(BEFORE)
    try:
        City = old.get_model("registry", "City")
        first, second = City.objects.create(name="兰州市"), City.objects.create(name="白银市")
        old.get_model("cases", "TimeLimit").objects.create(
            priority="urgent", category="leak", accept_hours=Decimal("0.25"), contact_hours=1, resolve_hours=6,
            effective_from=date(2024, 1, 1),
        )  # fmt: skip
        old.get_model("cases", "CaseRules").objects.create(
            repeat_window_days=20,
            measurement_hours=2,
            temperature_standard=Decimal("20.0"),
            effective_from=date(2024, 1, 1),
        )
        old.get_model("cases", "CalendarDay").objects.create(
            date=date(2026, 10, 1), is_working=False, note="国庆"
        )
        old.get_model("visits", "Campaign").objects.create(
            name="冬季走访", city=first, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31),
            indoor_standard=Decimal("19.0"),
        )  # fmt: skip
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from wennuan.cases import deadlines
    from wennuan.rules import selectors
    from wennuan.rules.models import CalendarDay, CaseRules, TimeLimit

    assert deadlines.rules_on(city=first.pk).repeat_window_days == 20
    assert deadlines.rules_on(city=first.pk).measurement_hours == 2
    assert deadlines.time_limit_for(
        city=first.pk, category="leak", priority="urgent"
    ).accept_hours == Decimal("0.25")
    assert CalendarDay.objects.get().city_id == first.pk
    # The first city's own standard (20 °C) was kept from its date, and the campaign's 19 °C for its dates.
    assert selectors.indoor_standard(city=first.pk, on=date(2023, 12, 31)) == 18
    assert selectors.indoor_standard(city=first.pk, on=date(2025, 1, 1)) == 20
    assert selectors.indoor_standard(city=first.pk, on=date(2026, 11, 15)) == 19
    # The second city had no rows of its own: domain.md's defaults.
    assert CaseRules.objects.get(city=second.pk).repeat_window_days == 15
    assert TimeLimit.objects.filter(city=second.pk, category="").count() == 3
    # (the hall adds its 开栓 visit's own row for category 报停/恢复供热: hall.seed)
    assert selectors.indoor_standard(city=second.pk, on=date(2026, 11, 15)) == 18
    assert selectors.season_on(city=second.pk, on=date(2026, 12, 1)) is not None
