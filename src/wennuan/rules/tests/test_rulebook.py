"""The in-memory rules (rules.rulebook): read once for every city, dropped on every kind of write, expired
for other processes, never kept while an uncommitted write could still be rolled back; each city its own."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wennuan.cases import deadlines
from wennuan.registry.tests.factories import CityFactory
from wennuan.rules import rulebook, selectors
from wennuan.rules.models import CalendarDay, CaseRules, IndoorStandard, TimeLimit

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return CityFactory().pk


def queries(fn):
    with CaptureQueriesContext(connection) as q:
        value = fn()
    return value, len(q.captured_queries)


def test_rules_are_read_once_then_served_from_memory(city):
    _, first = queries(lambda: deadlines.rules_on(city=city))
    _, second = queries(lambda: deadlines.time_limit_for(city=city, category="not_warm", priority="normal"))
    _, third = queries(lambda: deadlines.add_working_days(timezone.now(), 5, city=city))
    _, fourth = queries(lambda: selectors.indoor_standard(city=city))
    assert first == 4 and second == 0 and third == 0 and fourth == 0


@pytest.mark.parametrize("write", ["save", "update", "delete", "bulk_create", "calendar", "standard"])
def test_every_kind_of_write_is_seen_by_the_next_lookup(write, city):
    today = timezone.localdate()
    before = deadlines.rules_on(city=city)
    row = CaseRules.objects.get(pk=before.pk)
    if write == "save":
        row.repeat_window_days = 99
        row.save()
    elif write == "update":
        CaseRules.objects.filter(pk=row.pk).update(repeat_window_days=99)
    elif write == "delete":
        CaseRules.objects.all().delete()
    elif write == "bulk_create":
        CaseRules.objects.bulk_create([CaseRules(city_id=city, effective_from=today, repeat_window_days=99)])
    elif write == "standard":
        assert selectors.indoor_standard(city=city) == 18
        IndoorStandard.objects.filter(city_id=city).update(celsius=Decimal("20.0"))
        assert selectors.indoor_standard(city=city) == 20
        return
    else:
        monday = today + timedelta(days=7 - today.weekday())
        CalendarDay.objects.create(city_id=city, date=monday, is_working=False, note="假日")
        start = timezone.make_aware(
            timezone.datetime.combine(monday - timedelta(days=3), timezone.datetime.min.time())
        )
        # Friday + 1 working day skips the weekend and the new holiday: Tuesday.
        due = deadlines.add_working_days(start, 1, city=city)
        assert timezone.localtime(due).date() == monday + timedelta(days=1)
        return
    after = deadlines.rules_on(city=city)
    if write == "delete":
        assert after.pk is None  # domain.md's defaults stand in, unsaved
    else:
        assert after.repeat_window_days == 99


def test_a_category_row_beats_the_priority_row_and_the_newest_wins(city):
    today = timezone.localdate()
    TimeLimit.objects.create(
        city_id=city, priority="normal", category="leak", accept_hours=Decimal("0.5"), contact_hours=1,
        resolve_hours=4, effective_from=today - timedelta(days=30),
    )  # fmt: skip
    TimeLimit.objects.create(
        city_id=city, priority="normal", category="leak", accept_hours=Decimal("0.25"), contact_hours=1,
        resolve_hours=4, effective_from=today - timedelta(days=1),
    )  # fmt: skip
    TimeLimit.objects.create(
        city_id=city, priority="normal", category="leak", accept_hours=Decimal("9"), contact_hours=1,
        resolve_hours=4, effective_from=today + timedelta(days=1),
    )  # fmt: skip
    leak = deadlines.time_limit_for(city=city, category="leak", priority="normal")
    assert leak.accept_hours == Decimal("0.25")
    other = deadlines.time_limit_for(city=city, category="billing", priority="normal")
    assert other.category == "" and other.accept_hours != Decimal("0.25")


def test_each_city_is_served_its_own_rules_from_one_snapshot():
    lanzhou, harbin = CityFactory(name="兰州市").pk, CityFactory(name="哈尔滨市").pk
    today = timezone.localdate()
    CaseRules.objects.filter(city_id=harbin).update(repeat_window_days=30)
    TimeLimit.objects.create(
        city_id=harbin, priority="urgent", category="", accept_hours=Decimal("0.25"), contact_hours=1,
        resolve_hours=8, effective_from=today,
    )  # fmt: skip
    IndoorStandard.objects.create(city_id=harbin, celsius=Decimal("20.0"), effective_from=today)
    CalendarDay.objects.create(city_id=harbin, date=today + timedelta(days=1), is_working=False)
    deadlines.rules_on(city=lanzhou)  # one read for both cities
    _, count = queries(
        lambda: (
            deadlines.rules_on(city=harbin),
            deadlines.time_limit_for(city=harbin, category="leak", priority="urgent"),
            selectors.indoor_standard(city=harbin),
        )
    )
    assert count == 0
    assert deadlines.rules_on(city=lanzhou).repeat_window_days == 15
    assert deadlines.rules_on(city=harbin).repeat_window_days == 30
    assert deadlines.time_limit_for(city=lanzhou, category="x", priority="urgent").accept_hours == 1
    assert deadlines.time_limit_for(city=harbin, category="x", priority="urgent").accept_hours == Decimal(
        "0.25"
    )
    assert selectors.indoor_standard(city=lanzhou) == 18 and selectors.indoor_standard(city=harbin) == 20
    assert selectors.working_calendar(city=lanzhou) == {}
    assert selectors.working_calendar(city=harbin) == {today + timedelta(days=1): False}
    # A write to one city's rules is seen at once, the other city's unchanged.
    CaseRules.objects.filter(city_id=lanzhou).update(repeat_window_days=10)
    assert deadlines.rules_on(city=lanzhou).repeat_window_days == 10
    assert deadlines.rules_on(city=harbin).repeat_window_days == 30
    # Without a city, two cities leave only domain.md's defaults to go by.
    assert deadlines.rules_on(city=None).pk is None


def test_without_a_city_a_one_city_deployment_uses_its_city(city):
    CaseRules.objects.filter(city_id=city).update(repeat_window_days=21)
    assert deadlines.rules_on(city=None).repeat_window_days == 21


def test_other_processes_see_a_change_after_the_configured_seconds(settings, monkeypatch, city):
    settings.RULEBOOK_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(rulebook.time, "monotonic", lambda: clock[0])
    deadlines.rules_on(city=city)
    # A write by another process: straight to the table, no signal reaches this one.
    with connection.cursor() as cur:
        cur.execute("UPDATE rules_caserules SET repeat_window_days = 77")
    clock[0] += 29
    assert deadlines.rules_on(city=city).repeat_window_days != 77
    clock[0] += 2
    assert deadlines.rules_on(city=city).repeat_window_days == 77


def test_rows_read_inside_a_transaction_that_wrote_rules_are_not_kept(settings, city):
    rulebook.forget()
    with pytest.raises(RuntimeError), transaction.atomic():
        CaseRules.objects.update(repeat_window_days=55)
        assert deadlines.rules_on(city=city).repeat_window_days == 55  # this transaction sees its own change
        raise RuntimeError("rolled back")
    assert deadlines.rules_on(city=city).repeat_window_days != 55
