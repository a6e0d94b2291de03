"""Defect 2 (issue 13): 假办结 is about the unit's 办结. A repeat complaint within 7 days of the earlier
case's resolution flags it, whether or not it has been archived (归档) yet; one and the other intake path."""

import pytest
from django.urls import reverse

from wennuan.cases import services
from wennuan.cases.enums import Channel, FakeClosureReason, Satisfaction
from wennuan.cases.models import Case
from wennuan.core.categories import Category

from .factories import new_case, resolved

pytestmark = pytest.mark.django_db


def _repeat_one_by_one(actors):
    return new_case(household=actors.household)


def _repeat_in_a_batch(actors):
    item = {
        "channel": Channel.WALK_IN,
        "text": "暖气还是不热",
        "household": actors.household,
        "category": Category.NOT_WARM,
    }
    (result,) = services.receive_cases([item], by=actors.agent)
    return result.case


REPEAT = [_repeat_one_by_one, _repeat_in_a_batch]


@pytest.mark.parametrize("repeat", REPEAT)
def test_repeat_after_resolve_before_archive_flags_the_earlier_case(time_machine, actors, repeat):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    first = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    time_machine.move_to("2026-11-25 09:00 +0800", tick=False)  # 办结 two days ago, not archived
    second = repeat(actors)
    first.refresh_from_db()
    assert second.repeat_of_id == first.pk and first.closed_at is None
    assert first.suspected_fake_closure
    assert FakeClosureReason.REPEAT_SOON in first.fake_closure_reasons


@pytest.mark.parametrize("repeat", REPEAT)
def test_window_counts_from_resolve_not_from_archive(time_machine, actors, repeat):
    time_machine.move_to("2026-11-01 09:00 +0800", tick=False)
    first = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    time_machine.move_to("2026-11-02 09:00 +0800", tick=False)
    first, _ = services.record_revisit(
        case=first, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="p.jpg"
    )
    time_machine.move_to("2026-11-06 09:00 +0800", tick=False)  # archived late, 5 days after 办结
    services.close_case(case=first, by=actors.agent)
    time_machine.move_to("2026-11-10 09:00 +0800", tick=False)  # 9 days after 办结, 4 after 归档
    second = repeat(actors)
    first.refresh_from_db()
    assert second.repeat_of_id == first.pk  # a repeat (15 days after closure) …
    assert not first.suspected_fake_closure  # … but not within 7 days of the unit's 办结


@pytest.mark.parametrize("repeat", REPEAT)
def test_repeat_after_archive_within_7_days_of_resolve_flags(time_machine, actors, repeat):
    time_machine.move_to("2026-11-01 09:00 +0800", tick=False)
    first = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    first, _ = services.record_revisit(
        case=first, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="p.jpg"
    )
    services.close_case(case=first, by=actors.agent)
    time_machine.move_to("2026-11-07 09:00 +0800", tick=False)
    repeat(actors)
    first.refresh_from_db()
    assert first.suspected_fake_closure
    assert Case.objects.get(pk=first.pk).fake_closure_reasons == [FakeClosureReason.REPEAT_SOON]


def test_the_desk_names_the_reason_in_words(client, time_machine, actors):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    first = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    time_machine.move_to("2026-11-24 09:00 +0800", tick=False)
    new_case(household=actors.household)
    client.force_login(actors.supervisor)
    html = client.get(reverse("cases:supervision")).content.decode()
    assert "办结后短期内重复投诉" in html and "repeat_soon" not in html
    assert "办结后短期内重复投诉" in client.get(reverse("cases:detail", args=[first.pk])).content.decode()
