"""The in-memory rules (cases.rulebook): read once, dropped on every kind of write, expired for other
processes, never kept while an uncommitted write could still be rolled back."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wennuan.cases import deadlines, rulebook
from wennuan.cases.models import CalendarDay, CaseRules, TimeLimit

pytestmark = pytest.mark.django_db


def queries(fn):
    with CaptureQueriesContext(connection) as q:
        value = fn()
    return value, len(q.captured_queries)


def test_rules_are_read_once_then_served_from_memory():
    _, first = queries(deadlines.rules_on)
    _, second = queries(lambda: deadlines.time_limit_for(category="not_warm", priority="normal"))
    _, third = queries(lambda: deadlines.add_working_days(timezone.now(), 5))
    assert first == 3 and second == 0 and third == 0


@pytest.mark.parametrize("write", ["save", "update", "delete", "bulk_create", "calendar"])
def test_every_kind_of_write_is_seen_by_the_next_lookup(write):
    today = timezone.localdate()
    before = deadlines.rules_on()
    row = CaseRules.objects.get(pk=before.pk)
    if write == "save":
        row.repeat_window_days = 99
        row.save()
    elif write == "update":
        CaseRules.objects.filter(pk=row.pk).update(repeat_window_days=99)
    elif write == "delete":
        CaseRules.objects.all().delete()
    elif write == "bulk_create":
        CaseRules.objects.bulk_create([CaseRules(effective_from=today, repeat_window_days=99)])
    else:
        monday = today + timedelta(days=7 - today.weekday())
        CalendarDay.objects.create(date=monday, is_working=False, note="假日")
        start = timezone.make_aware(
            timezone.datetime.combine(monday - timedelta(days=3), timezone.datetime.min.time())
        )
        # Friday + 1 working day skips the weekend and the new holiday: Tuesday.
        assert timezone.localtime(deadlines.add_working_days(start, 1)).date() == monday + timedelta(days=1)
        return
    after = deadlines.rules_on()
    if write == "delete":
        assert after.pk is None  # domain.md's defaults stand in, unsaved
    else:
        assert after.repeat_window_days == 99


def test_a_category_row_beats_the_priority_row_and_the_newest_wins():
    today = timezone.localdate()
    TimeLimit.objects.create(
        priority="normal", category="leak", accept_hours=Decimal("0.5"), contact_hours=1,
        resolve_hours=4, effective_from=today - timedelta(days=30),
    )  # fmt: skip
    TimeLimit.objects.create(
        priority="normal", category="leak", accept_hours=Decimal("0.25"), contact_hours=1,
        resolve_hours=4, effective_from=today - timedelta(days=1),
    )  # fmt: skip
    TimeLimit.objects.create(
        priority="normal", category="leak", accept_hours=Decimal("9"), contact_hours=1,
        resolve_hours=4, effective_from=today + timedelta(days=1),
    )  # fmt: skip
    assert deadlines.time_limit_for(category="leak", priority="normal").accept_hours == Decimal("0.25")
    other = deadlines.time_limit_for(category="billing", priority="normal")
    assert other.category == "" and other.accept_hours != Decimal("0.25")


def test_other_processes_see_a_change_after_the_configured_seconds(settings, monkeypatch):
    settings.RULEBOOK_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(rulebook.time, "monotonic", lambda: clock[0])
    deadlines.rules_on()
    # A write by another process: straight to the table, no signal reaches this one.
    with connection.cursor() as cur:
        cur.execute("UPDATE cases_caserules SET repeat_window_days = 77")
    clock[0] += 29
    assert deadlines.rules_on().repeat_window_days != 77
    clock[0] += 2
    assert deadlines.rules_on().repeat_window_days == 77


def test_rows_read_inside_a_transaction_that_wrote_rules_are_not_kept(settings):
    rulebook.forget()
    with pytest.raises(RuntimeError), transaction.atomic():
        CaseRules.objects.update(repeat_window_days=55)
        assert deadlines.rules_on().repeat_window_days == 55  # this transaction sees its own change
        raise RuntimeError("rolled back")
    assert deadlines.rules_on().repeat_window_days != 55
