"""The case page and list as the crew's phone needs them (issue #20): wording, forms that keep what was
typed, blank defaults for what feeds a KPI, the role's own queues, the dispatch queue's order, the station
list of an unrouted case, the photos and readings people can see, and the public case number."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import services
from wennuan.cases.enums import Channel
from wennuan.cases.models import Case
from wennuan.core.categories import Category, Priority
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import HouseholdFactory, StationFactory

from .factories import accepted, new_case, resolved


def _png(name="site.png"):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    buf.seek(0)
    buf.name = name
    return buf


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_onsite_and_contact_confirmations_say_it_once(client, actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    for action, said in [("onsite", "已到场"), ("contact", "已联系群众"), ("start", "已开始办理")]:
        case.refresh_from_db()
        r = client.post(reverse("cases:act", args=[case.pk, action]), {"version": case.version}, follow=True)
        page = r.content.decode()
        assert said in page
        assert "已已" not in page


@pytest.mark.django_db
def test_resolve_form_keeps_what_was_typed_after_an_error(client, actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    r = client.post(
        reverse("cases:act", args=[case.pk, "resolve"]),
        {
            "version": case.version,
            "resolution": "更换了堵塞的过滤网，放气",
            "temperature": "19.5",
            "root_cause": "",
        },
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "请填写问题原因" in page
    form = re.search(r'<form[^>]*id="form-resolve".*?</form>', page, re.S).group(0)
    assert "更换了堵塞的过滤网，放气</textarea>" in form
    assert 'value="19.5"' in form
    case.refresh_from_db()
    assert case.state == "accepted"


@pytest.mark.django_db
def test_a_refused_action_keeps_the_typed_reason_too(client, actors):
    """A refusal by the service (not the schema) keeps the form as well: 办结 of a heating case without a
    temperature is refused by the rules, and the typed text stays."""
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    r = client.post(
        reverse("cases:act", args=[case.pk, "resolve"]),
        {"version": case.version + 7, "resolution": "已处理完毕", "root_cause": "company"},
    )
    assert r.status_code == 400
    form = re.search(r'<form[^>]*id="form-resolve".*?</form>', r.content.decode(), re.S).group(0)
    assert "已处理完毕</textarea>" in form
    assert '<option value="company" selected>' in form


@pytest.mark.django_db
def test_root_cause_and_satisfaction_start_blank_and_required(client, actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    select = re.search(r'<select name="root_cause"[^>]*>(.*?)</select>', page, re.S)
    assert "required" in select.group(0)
    assert re.match(r'<option value="">', select.group(1))
    assert " selected" not in select.group(1)

    other = new_case(household=actors.household)
    resolved(other, dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.grid_worker)
    page = client.get(reverse("cases:detail", args=[other.pk])).content.decode()
    select = re.search(r'<select name="satisfaction"[^>]*>(.*?)</select>', page, re.S)
    assert "required" in select.group(0)
    assert re.match(r'<option value="">', select.group(1))
    assert " selected" not in select.group(1)
    # and the server refuses a revisit without an answer, naming it
    other.refresh_from_db()
    r = client.post(reverse("cases:act", args=[other.pk, "revisit"]), {"version": other.version})
    assert r.status_code == 400 and "请填写回访结果" in r.content.decode()


@pytest.mark.django_db
def test_the_next_step_is_one_big_button_and_the_rest_folded(client, actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    next_step = re.search(r'<div class="card next-step">(.*?)</form>', page, re.S).group(1)
    assert 'id="form-start"' in next_step and 'class="big"' in next_step
    folded = page.split('<details class="more-actions"', 1)[1]
    for code in ("return", "contact", "onsite", "resolve"):
        assert f'id="form-{code}"' in folded
    services.start_case(case=case, by=actors.crew)
    services.record_contact(case=case, by=actors.crew)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="form-onsite"' in re.search(r'<div class="card next-step">(.*?)</form>', page, re.S).group(1)


@pytest.mark.django_db
def test_each_role_sees_only_its_own_queues(client, actors):
    client.force_login(actors.crew)
    page = client.get(reverse("cases:list")).content.decode()
    chips = re.search(r'<nav class="chips".*?</nav>', page, re.S).group(0)
    assert "我的工单" in chips and "超时工单" in chips
    assert "待派单" not in chips and "我受理的" not in chips
    client.force_login(actors.dispatcher)
    chips = re.search(
        r'<nav class="chips".*?</nav>', client.get(reverse("cases:list")).content.decode(), re.S
    )
    assert "待派单" in chips.group(0)


@pytest.mark.django_db
def test_dispatch_queue_is_by_priority_then_deadline(client, actors):
    old_normal = new_case(text="楼道灯不亮", category=Category.OTHER)
    urgent = new_case(text="暖气漏水", category=Category.LEAK)
    Case.objects.filter(pk__in=[old_normal.pk, urgent.pk]).update(
        station=None, company=None, state="received"
    )
    Case.objects.filter(pk=old_normal.pk).update(priority=Priority.NORMAL)
    Case.objects.filter(pk=urgent.pk).update(priority=Priority.URGENT)
    client.force_login(actors.supervisor)
    page = client.get(reverse("cases:list") + "?queue=dispatch").content.decode()
    first, second = Case.objects.get(pk=urgent.pk).number, Case.objects.get(pk=old_normal.pk).number
    assert page.index(first) < page.index(second)


@pytest.mark.django_db
def test_an_unrouted_case_starts_at_the_grid_station_or_blank(client, actors):
    agent = actors.agent
    # a second station earlier in the list than the grid's own: the list must not start there
    StationFactory(company=actors.household.station.company, name="0号站（列表第一）")
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text="不热", reporter_name="某", reporter_phone="13800000000", by=agent
    )
    Case.objects.filter(pk=case.pk).update(grid=actors.household.grid, station=None, company=None)
    client.force_login(actors.supervisor)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    select = re.search(r'<select name="station_id"[^>]*>(.*?)</select>', page, re.S)
    assert "required" in select.group(0)
    chosen = re.findall(r'<option value="(\d*)" selected>', select.group(1))
    assert chosen == [str(actors.household.station_id)]

    Case.objects.filter(pk=case.pk).update(grid=None)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    select = re.search(r'<select name="station_id"[^>]*>(.*?)</select>', page, re.S)
    assert " selected" not in select.group(1)


@pytest.mark.django_db
def test_photos_are_served_to_the_case_scope_only(client, actors, media):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    client.post(
        reverse("cases:act", args=[case.pk, "resolve"]),
        {
            "version": case.version,
            "resolution": "更换阀门",
            "root_cause": "company",
            "temperature": "17.2",
            "photo": _png(),
        },
    )
    case.refresh_from_db()
    assert case.state == "resolved"
    path = case.evidence["photos"][0]
    url = reverse("cases:file", args=[case.pk, path])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'<img src="{url}"' in page  # a thumbnail, not a link to /media/
    assert "/media/" not in page
    # the measured ℃ in the header, with the judgement against the standard
    assert "办结实测 <strong>17.2℃</strong> 不达标" in page
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert b"".join(r.streaming_content).startswith(b"\x89PNG")
    # another station's crew, a stranger: 404; signed out: to the login page
    stranger = UserFactory(role=Role.STATION_CREW, station=StationFactory())
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    # a path that is not this case's attachment is not served, even in scope
    client.force_login(actors.supervisor)
    assert client.get(url).status_code == 200
    other = new_case(household=HouseholdFactory())
    assert client.get(reverse("cases:file", args=[other.pk, path])).status_code == 404
    assert client.get(reverse("cases:file", args=[case.pk, "../../etc/passwd"])).status_code == 404


@pytest.mark.django_db
def test_headlines_use_the_public_number(client, actors):
    case = new_case(household=actors.household)
    client.force_login(actors.agent)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert re.search(rf"<h1[^>]*>工单 \d{{4}}-{case.pk:06d}", page)
    listing = client.get(reverse("cases:list") + f"?queue=&q={case.number}").content.decode()
    assert case.number in listing and "共 1 件" in listing


@pytest.mark.django_db
def test_intake_channel_starts_blank_and_a_bad_phone_is_named(client, actors):
    client.force_login(actors.agent)
    page = client.get(reverse("cases:new")).content.decode()
    select = re.search(r'<select name="channel"[^>]*>(.*?)</select>', page, re.S)
    assert re.match(r'\s*<option value="" selected>', select.group(1))
    r = client.post(
        reverse("cases:new"),
        {"channel": "walk_in", "text": "暖气不热", "reporter_phone": "1", "address": "x"},
    )
    assert "手机号应为11位（现为1位）" in r.content.decode() and not Case.objects.exists()


@pytest.mark.django_db
def test_a_spot_check_result_must_be_chosen(client):
    from datetime import date, datetime

    from wennuan.cases.models import SpotCheck
    from wennuan.registry.tests.factories import CityFactory
    from wennuan.rules.models import CaseRules

    from .test_spotcheck_and_incidents import TZ, _closed_cases

    CityFactory()
    CaseRules.objects.update(spot_check_per_company=1)
    checker = UserFactory(role=Role.SPOT_CHECKER)
    _closed_cases(1, datetime(2026, 11, 17, 10, tzinfo=TZ))
    (check,) = services.draw_spot_check(week_start=date(2026, 11, 16))
    SpotCheck.objects.filter(pk=check.pk).update(checker=checker)
    client.force_login(checker)
    page = client.get(reverse("cases:spot_checks")).content.decode()
    assert re.search(r'<select name="passed" required><option value="">', page)
    r = client.post(
        reverse("cases:spot_checks"), {"check": check.pk, "passed": "", "finding": "上门核实"}, follow=True
    )
    assert "请选择抽核结果" in r.content.decode()
    check.refresh_from_db()
    assert check.checked_at is None  # not recorded as 不合格 by default
