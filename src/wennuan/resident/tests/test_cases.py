"""Report a problem, follow it, rate it; a resident never reaches another household's case."""

import io

import pytest
from django.test import Client

from wennuan.cases.enums import CaseState, Channel
from wennuan.cases.models import Case, CaseEvent, ResidentRating
from wennuan.cases.tests.factories import Actors, new_case, resolved
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import BuildingFactory, HouseholdFactory, UnitFactory
from wennuan.resident.models import ResidentReport

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _report(client, household, **overrides):
    data = {
        "estate": household.unit.building.estate_id,
        "building": household.unit.building_id,
        "category": Category.NOT_WARM,
        "text": "卧室暖气不热，只有14度",
        "phone": "13812345678",
        **overrides,
    }
    return client.post("/resident/report/", data)


def test_a_report_is_a_case_with_an_unguessable_ticket_number(client, household, identified):
    identified(household)
    r = _report(client, household)
    case = Case.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/resident/cases/{case.pk}/")
    assert (
        case.channel == Channel.ONLINE and case.household == household and case.category == Category.NOT_WARM
    )
    assert case.external_id.startswith("W") and len(case.external_id) == 11
    assert case.station_id == household.station_id  # routed by the household
    page = client.get(r["Location"]).content.decode()
    assert case.external_id in page and "已受理您的诉求" in page
    assert ResidentReport.objects.filter(household=household, case=case).exists()


def test_a_report_about_another_building_of_the_estate_is_routed_by_it_and_followed_by_the_reporter(
    client, household, identified
):
    other_building = BuildingFactory(estate=household.unit.building.estate)
    other = HouseholdFactory(unit=UnitFactory(building=other_building), phone="13900002222")
    identified(household)
    _report(client, household, building=other_building.pk, category=Category.LEAK, text="楼道暖气管漏水")
    case = Case.objects.get()
    assert case.household is None and case.building == other_building and case.station_id == other.station_id
    assert client.get(f"/resident/cases/{case.pk}/").status_code == 200


def test_missing_fields_are_named(client, household, identified):
    identified(household)
    r = _report(client, household, building="", category="", text="", phone="12345")
    body = r.content.decode()
    assert r.status_code == 200 and not Case.objects.exists()
    for words in (
        "请选择小区和楼号",
        "请选择问题类别",
        "请填写问题描述",
        "联系电话应为11位手机号，或带区号的固定电话",
    ):
        assert words in body


def test_a_landline_with_its_area_code_is_a_valid_contact(client, household, identified):
    identified(household)
    _report(client, household, phone="0931-8123456")
    assert Case.objects.get().reporter_phone == "0931-8123456"


def test_a_building_outside_the_residents_street_cannot_be_picked(client, household, identified):
    far = BuildingFactory()
    HouseholdFactory(unit=UnitFactory(building=far), phone="13900003333")
    identified(household)
    r = _report(client, household, estate=far.estate_id, building=far.pk)
    assert "请选择小区和楼号" in r.content.decode() and not Case.objects.exists()


def test_a_photo_goes_with_the_report_and_a_non_image_is_refused(
    client, household, identified, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    identified(household)
    bad = io.BytesIO(b"not an image at all")
    bad.name = "x.jpg"
    r = _report(client, household, photo=bad)
    assert "只能上传照片" in r.content.decode() and not Case.objects.exists()
    photo = io.BytesIO(PNG)
    photo.name = "p.png"
    _report(client, household, photo=photo)
    event = CaseEvent.objects.get(action="photo")
    assert event.attachments[0].startswith(f"cases/{event.case_id}/") and event.attachments[0].endswith(
        ".png"
    )
    assert (tmp_path / event.attachments[0]).exists()


def test_a_photo_over_the_size_limit_is_refused(client, household, identified, settings):
    settings.MAX_PHOTO_BYTES = 32
    identified(household)
    photo = io.BytesIO(PNG)
    photo.name = "p.png"
    r = _report(client, household, photo=photo)
    assert "照片过大" in r.content.decode() and not Case.objects.exists()


def test_the_timeline_is_in_the_residents_words_without_staff_names_or_notes(client, household, identified):
    actors = Actors(household)
    actors.crew.first_name, actors.crew.last_name = "维修", "张师傅"
    actors.crew.save()
    case = new_case(household=household)
    case = resolved(case, dispatcher=actors.dispatcher, crew=actors.crew)
    Case.objects.filter(pk=case.pk).update(resolution="更换阀门，维修员电话13911112222")
    identified(household)
    body = client.get(f"/resident/cases/{case.pk}/").content.decode()
    for shown in ("已派给供热单位办理", "供热单位已接单", "已办结", "更换阀门，维修员电话***"):
        assert shown in body
    for hidden in ("张师傅", "13911112222", actors.crew.get_username(), actors.dispatcher.get_username()):
        assert hidden not in body


def test_rating_after_resolution_is_recorded_once_on_the_timeline(client, household, identified):
    actors = Actors(household)
    case = resolved(new_case(household=household), dispatcher=actors.dispatcher, crew=actors.crew)
    identified(household)
    r = client.post(
        f"/resident/cases/{case.pk}/rate/", {"satisfaction": "basically", "comment": "来得有点晚"}
    )
    assert r.status_code == 302
    rating = ResidentRating.objects.get(case=case)
    assert rating.satisfaction == "basically" and rating.comment == "来得有点晚"
    assert CaseEvent.objects.filter(
        case=case, action="resident_rating", actor_label="群众（网上自助）"
    ).exists()
    client.post(f"/resident/cases/{case.pk}/rate/", {"satisfaction": "unsatisfied"})
    assert ResidentRating.objects.get(case=case).satisfaction == "basically"
    assert "您的评价" in client.get(f"/resident/cases/{case.pk}/").content.decode()


def test_rating_before_resolution_is_refused(client, household, identified):
    case = new_case(household=household)
    identified(household)
    r = client.post(f"/resident/cases/{case.pk}/rate/", {"satisfaction": "satisfied"}, follow=True)
    assert "办结后才能评价" in r.content.decode() and not ResidentRating.objects.exists()


def test_a_resident_never_reaches_another_households_case(client, household, neighbour, identified):
    actors = Actors(household)
    theirs = resolved(new_case(household=neighbour), dispatcher=actors.dispatcher, crew=actors.crew)
    mine = new_case(household=household)
    identified(household)
    home = client.get("/resident/home/").content.decode()
    assert mine.external_id in home and theirs.external_id not in home
    assert client.get(f"/resident/cases/{theirs.pk}/").status_code == 404
    assert client.post(f"/resident/cases/{theirs.pk}/rate/", {"satisfaction": "satisfied"}).status_code == 404
    assert not ResidentRating.objects.exists()
    for pk in range(1, theirs.pk + mine.pk + 5):  # every id there is, and some that are not
        if pk != mine.pk:
            assert client.get(f"/resident/cases/{pk}/").status_code == 404


def test_nothing_behind_identification_without_it(client, household):
    case = new_case(household=household)
    for url in ("/resident/home/", f"/resident/cases/{case.pk}/", "/resident/report/", "/resident/measure/"):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].endswith("/resident/")


def test_two_browsers_two_households(household, neighbour, identified):
    a, b = Client(), Client()
    identified(household, a)
    identified(neighbour, b)
    _report(a, household)
    case = Case.objects.get()
    assert a.get(f"/resident/cases/{case.pk}/").status_code == 200
    assert b.get(f"/resident/cases/{case.pk}/").status_code == 404


def test_reports_are_throttled_per_household(client, household, identified, settings):
    settings.RESIDENT_RATES = {**settings.RESIDENT_RATES, "report_household": "2/d"}
    identified(household)
    _report(client, household)
    _report(client, household, category=Category.NOISE, text="换热站噪音")
    assert _report(client, household, category=Category.OTHER, text="再来一个").status_code == 429
    assert Case.objects.count() == 2


def test_a_measurement_request_is_a_refund_case_and_only_one_is_open(client, household, identified):
    identified(household)
    r = client.post("/resident/measure/", {"phone": household.phone, "note": "卧室15度"})
    case = Case.objects.get()
    assert r.status_code == 302 and case.category == Category.REFUND and case.household == household
    assert case.state == CaseState.RECEIVED
    r = client.post("/resident/measure/", {"phone": household.phone})
    assert f"已有测温申请在办理中（编号 {case.external_id}）" in r.content.decode()
    assert Case.objects.count() == 1


def test_an_invoice_request_reaches_the_company_and_bad_fields_are_named(client, household, identified):
    identified(household)
    r = client.post("/resident/invoice/", {"title": "", "email": "nope", "tax_id": "abc", "phone": "1"})
    body = r.content.decode()
    for words in ("请填写发票抬头", "接收邮箱格式不正确", "税号应为15–20位", "联系电话应为11位"):
        assert words in body
    client.post(
        "/resident/invoice/", {"title": "王小英", "email": "wxy@example.com", "phone": household.phone}
    )
    case = Case.objects.get()
    assert case.category == Category.INVOICE and case.company_id == household.station.company_id
    assert "wxy@example.com" in case.text
    assert Case.objects.visible_to(Actors(household).dispatcher).filter(pk=case.pk).exists()
