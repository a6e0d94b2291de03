"""Writing entries: who may, the review states, the checks, the audit, and 知识库更新数."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from wennuan.core.errors import NotPermitted
from wennuan.core.models import AuditLog
from wennuan.kb import selectors, services
from wennuan.kb.enums import ReviewState

from .factories import entry


def _fields(**kw):
    return services.EntryFields(**{"question": "报停怎么办理", "answer": "网上营业厅办理", **kw})


@pytest.mark.parametrize("role", ["hotline", "grid", "street", "crew", "noscope"])
def test_only_supervisors_and_dispatchers_write(world, role):
    with pytest.raises(NotPermitted):
        services.create_entry(by=world.users[role], fields=_fields())


def test_a_dispatcher_writes_for_its_own_company_only(world):
    d = world.users["dispatcher"]
    with pytest.raises(services.EntryInvalid, match="供热企业"):
        services.create_entry(by=d, fields=_fields(company=world.objects["co2"]))
    other = entry(by=world.users["supervisor"], question="二公司口径", company=world.objects["co2"])
    with pytest.raises(NotPermitted):
        services.update_entry(entry=other, by=d, fields=_fields())
    city_wide = entry(by=world.users["supervisor"], question="全市口径")
    with pytest.raises(NotPermitted):
        services.move_entry(entry=city_wide, by=d, transition="retire")


def test_review_publish_is_the_supervisors(world):
    d, sup = world.users["dispatcher"], world.users["supervisor"]
    e = services.create_entry(by=d, fields=_fields())
    with pytest.raises(NotPermitted):
        services.move_entry(entry=e, by=d, transition="publish")
    services.move_entry(entry=e, by=d, transition="submit")
    assert e.state == ReviewState.IN_REVIEW
    services.move_entry(entry=e, by=sup, transition="publish")
    e.refresh_from_db()
    assert e.state == ReviewState.PUBLISHED
    # a company's change to a published entry goes back to review: residents are told reviewed answers
    services.update_entry(entry=e, by=d, fields=_fields(answer="改了口径"))
    e.refresh_from_db()
    assert e.state == ReviewState.IN_REVIEW
    assert (
        AuditLog.objects.filter(action__in=["kb.create", "kb.submit", "kb.publish", "kb.edit"]).count() == 4
    )


def test_a_dispatcher_cannot_create_a_published_entry(world):
    with pytest.raises(services.EntryInvalid, match="审核"):
        services.create_entry(by=world.users["dispatcher"], fields=_fields(), state=ReviewState.PUBLISHED)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"question": " "}, "问题"),
        ({"answer": ""}, "答复口径"),
        ({"question": "问" * 201}, "问题"),
        ({"category": "weather"}, "类别"),
        ({"valid_from": date(2026, 3, 1), "valid_to": date(2026, 2, 1)}, "失效日期"),
        ({"valid_to": date(1999, 1, 1)}, "失效日期"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(world, change, field):
    with pytest.raises(services.EntryInvalid) as err:
        services.create_entry(by=world.users["supervisor"], fields=_fields(**change))
    assert field in str(err.value)


def test_a_street_outside_its_district_is_refused(world):
    o = world.objects
    with pytest.raises(services.EntryInvalid, match="不属于"):
        services.create_entry(
            by=world.users["supervisor"], fields=_fields(district=o["d_a"], street=o["st_b"])
        )


def test_a_published_entry_is_retired_not_deleted(world):
    e = entry(by=world.users["supervisor"], question="口径")
    with pytest.raises(NotPermitted, match="停用"):
        services.delete_entry(entry=e, by=world.users["supervisor"])


def test_updates_per_company_count_each_entry_once_in_the_range(world):
    d, sup = world.users["dispatcher"], world.users["supervisor"]
    e = services.create_entry(by=d, fields=_fields())
    services.update_entry(entry=e, by=d, fields=_fields(answer="二改"))
    services.move_entry(entry=e, by=d, transition="submit")
    services.create_entry(by=d, fields=_fields(question="第二条"))
    entry(by=sup, question="全市口径")
    entry(by=sup, question="二公司口径", company=world.objects["co2"])
    now = timezone.now()
    rows = selectors.updates_by_company(
        user=sup, start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    by_name = {r["company_name"]: r["updates"] for r in rows}
    assert by_name == {"热力一公司": 2, "热力二公司": 1, None: 1}
    # the dispatcher reads its own company's and the city's, not the other company's
    mine = selectors.updates_by_company(user=d, start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    assert {r["company_name"]: r["updates"] for r in mine} == {"热力一公司": 2, None: 1}
    before = selectors.updates_by_company(
        user=sup, start=datetime(2020, 1, 1, tzinfo=now.tzinfo), end=now - timedelta(hours=1)
    )
    assert before == []
