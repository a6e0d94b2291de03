"""知识库更新数 in the KPI set: per company and city over a range, on the dashboard and in rankings,
linking to the entries it counts."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from wennuan.kb import services

from .factories import entry

pytestmark = pytest.mark.django_db
API = "/api/v1/supervision"


def _fields(**kw):
    return services.EntryFields(**{"question": "报停怎么办理", "answer": "网上营业厅办理", **kw})


def _kpi(body: dict) -> dict:
    return next(k for k in body["kpis"] if k["key"] == "kb_updates")


@pytest.fixture
def written(world):
    """Company 1: two entries written today (one edited twice); company 2: one; the city: one. One entry of
    company 1 written ten days ago."""
    d, sup = world.users["dispatcher"], world.users["supervisor"]
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        services.create_entry(by=d, fields=_fields(question="十天前的条目"))
    e = services.create_entry(by=d, fields=_fields())
    services.update_entry(entry=e, by=d, fields=_fields(answer="二改"))
    services.update_entry(entry=e, by=d, fields=_fields(answer="三改"))
    services.create_entry(by=d, fields=_fields(question="第二条"))
    entry(by=sup, question="二公司口径", company=world.objects["co2"])
    entry(by=sup, question="全市口径")
    return world


def test_counts_each_entry_once_per_company_and_city_in_the_range(client, written):
    co1, co2 = written.objects["co1"], written.objects["co2"]
    client.force_login(written.users["supervisor"])
    today = timezone.localdate()
    week = {"start": today - timedelta(days=6), "end": today}
    one = _kpi(client.get(f"{API}/kpis", {"scope": f"company:{co1.pk}", **week}).json())
    assert (one["value"], one["label"], one["unit"]) == (2, "知识库更新数", "count")
    assert _kpi(client.get(f"{API}/kpis", {"scope": f"company:{co2.pk}", **week}).json())["value"] == 1
    city = _kpi(client.get(f"{API}/kpis", {"scope": f"city:{co1.city_id}", **week}).json())
    assert city["value"] == 4
    month = {"start": today - timedelta(days=29), "end": today}
    assert _kpi(client.get(f"{API}/kpis", {"scope": f"company:{co1.pk}", **month}).json())["value"] == 3
    # a district has no knowledge base of its own: no value, not 0
    district = written.objects["d_a"]
    assert (
        _kpi(client.get(f"{API}/kpis", {"scope": f"district:{district.pk}", **week}).json())["value"] is None
    )


def test_the_dashboard_shows_it_and_links_to_the_entries_it_counts(client, written):
    co1 = written.objects["co1"]
    client.force_login(written.users["supervisor"])
    today = timezone.localdate()
    html = client.get(
        "/supervision/", {"scope": f"company:{co1.pk}", "start": today, "end": today}
    ).content.decode()
    assert 'data-kpi="kb_updates" data-value="2"' in html
    link = f"/kb/?updated_from={today}&amp;updated_to={today}&amp;company={co1.pk}"
    assert link in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "第二条" in listed and "报停怎么办理" in listed
    assert "十天前的条目" not in listed and "二公司口径" not in listed and "全市口径" not in listed
