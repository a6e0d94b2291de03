import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.notices.models import Notice
from wennuan.outages.models import Outage

from .factories import record, record_restored

pytestmark = pytest.mark.django_db


def test_list_shows_the_scope_outages_and_the_button_to_recorders(client, world):
    record(by=world.users["dispatcher"], station=world.objects["s1"])
    record(by=world.users["supervisor"], units=[world.objects["u2"]])
    client.force_login(world.users["dispatcher"])
    page = client.get("/outages/").content.decode()
    assert "一号站（整站）" in page and "西园小区" not in page and 'id="new-outage"' in page
    client.force_login(world.users["grid"])
    page = client.get("/outages/?state=ongoing").content.decode()
    assert "一号站（整站）" in page and 'id="new-outage"' not in page
    assert client.get("/outages/new/").status_code == 403


def form(world, *, restore_in_hours: float = 5, **fields) -> dict:
    """The record form as the page posts it: a burst 3 hours ago, over station 1 unless told."""
    now = timezone.localtime()
    data = {
        "cause": "pipe_burst",
        "start": (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "expected_restore": (now + timedelta(hours=restore_in_hours)).strftime("%Y-%m-%dT%H:%M"),
        "description": "主管道爆管",
        "area_kind": "station",
        "station": world.objects["s1"].pk,
    }
    data.update(fields)
    return data


def test_record_through_the_page(client, world):
    client.force_login(world.users["dispatcher"])
    # the station is left over from the page: ignored for a building outage
    data = form(
        world, area_kind="buildings", estate=world.objects["e1"].pk, buildings=[world.objects["b1"].pk]
    )
    response = client.post("/outages/new/", data)
    outage = Outage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/outages/{outage.pk}/"
    assert outage.area_kind == "buildings" and outage.household_count == 2
    assert Notice.objects.filter(recipient=world.users["grid"]).exists()


def test_a_refused_record_keeps_the_input_and_says_why(client, world):
    client.force_login(world.users["dispatcher"])
    response = client.post("/outages/new/", form(world, restore_in_hours=-4))
    page = response.content.decode()
    assert response.status_code == 200 and "预计恢复：必须晚于停热开始时间" in page and "主管道爆管" in page
    assert not Outage.objects.exists()


def test_area_picker_lists_the_estate_buildings_and_units(client, world):
    client.force_login(world.users["dispatcher"])
    page = client.get(f"/outages/new/area/?estate={world.objects['e1'].pk}").content.decode()
    assert "1号楼" in page and "1号楼1单元" in page
    page = client.get(f"/outages/new/area/?estate={world.objects['e2'].pk}").content.decode()
    assert "2号楼" not in page  # 西园小区 has no household of her company


def test_detail_shows_households_days_and_masks_for_the_supervisor(
    client, world, django_assert_max_num_queries
):
    outage = record_restored(by=world.users["dispatcher"], hours=50, buildings=[world.objects["b1"]])
    client.force_login(world.users["supervisor"])
    with django_assert_max_num_queries(14):
        page = client.get(f"/outages/{outage.pk}/").content.decode()
    assert "2户177平方米" in page and "计2天" in page
    assert "A0001" in page and "王*英" in page and "王小英" not in page and "138****5678" in page
    days = re.findall(r'data-label="退费天数" class="num">(\d+)<', page)
    assert days == ["2", "2"]
    client.force_login(world.users["grid"])
    page = client.get(f"/outages/{outage.pk}/").content.decode()
    assert "王小英" in page and "A0002" not in page  # h2 is in grid 2
    client.force_login(world.users["hotline"])
    assert client.get(f"/outages/{outage.pk}/").status_code == 200
    client.force_login(world.users["noscope"])
    assert client.get(f"/outages/{outage.pk}/").status_code == 404


def test_restore_through_the_page(client, world):
    outage = record(by=world.users["dispatcher"], hours_ago=30, station=world.objects["s1"])
    client.force_login(world.users["dispatcher"])
    page = client.get(f"/outages/{outage.pk}/").content.decode()
    assert 'id="restore-form"' in page
    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/outages/{outage.pk}/restore/", {"at": at}, follow=True)
    outage.refresh_from_db()
    assert outage.actual_restore is not None
    assert "已登记恢复供热" in response.content.decode()
    response = client.post(f"/outages/{outage.pk}/restore/", {"at": at}, follow=True)
    assert (
        "已登记恢复供热" in response.content.decode()
        and "该停热事件已登记恢复供热" in response.content.decode()
    )
    client.force_login(world.users["grid"])
    assert client.post(f"/outages/{outage.pk}/restore/", {"at": at}).status_code == 302
    assert 'id="restore-form"' not in client.get(f"/outages/{outage.pk}/").content.decode()


def test_stairwell_notice_is_a_chinese_pdf_page_per_unit(client, world, tmp_path):
    outage = (
        record(
            by=world.users["supervisor"], buildings=[world.objects["b1"], world.objects["b2"]], company=None
        )
        if False
        else None
    )
    outage = record(by=world.users["supervisor"], station=world.objects["s3"])  # h3 in b1/u1, h4 in b2/u2
    client.force_login(world.users["supervisor"])
    response = client.get(f"/outages/{outage.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("停热通知") == 2  # one page per stairwell
    for expected in ("幸福小区1号楼1单元", "西园小区2号楼1单元", "管网爆管", "热力二公司", "超过24小时"):
        assert expected in text, expected
