"""Agent assist: the intake form's panels show the matching entries for the household the form found,
and a pure inquiry answered from an entry is closed at once as 直接答复, counted in the KPIs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.cases import assist, kpis
from wennuan.cases.enums import CaseState
from wennuan.cases.models import Case
from wennuan.core.errors import NotInScope
from wennuan.kb.enums import ReviewState

from .factories import entry


def test_the_intake_form_loads_every_registered_panel(client, world):
    client.force_login(world.users["hotline"])
    page = client.get("/cases/new/").content.decode()
    assert {"cases:assist", "kb:assist"} <= {p.url_name for p in assist.panels_for(world.users["hotline"])}
    assert 'hx-get="/cases/new/assist/"' in page and 'hx-get="/kb/assist/"' in page


def test_kb_panel_shows_the_best_entry_for_what_is_typed(client, world, corpus):
    client.force_login(world.users["hotline"])
    page = client.get("/kb/assist/", {"text": "家里暖气片不热了咋整", "account": "A0001"}).content.decode()
    assert page.index("暖气不热怎么办？") < page.index("暖气片上面热下面凉")
    assert "适用于该户" in page
    # a heat complaint needs a unit: its entries explain, they do not close it
    assert "直接答复并办结" not in page and "须派单处理" in page
    page = client.get("/kb/assist/", {"text": "电子发票上哪打", "account": "A0001"}).content.decode()
    assert page.index("怎么开暖气费发票") < page.index("直接答复并办结")


def test_kb_panel_narrows_to_the_households_company(client, world):
    sup, o = world.users["supervisor"], world.objects
    entry(by=sup, question="一公司营业厅报停", company=o["co1"])
    entry(by=sup, question="二公司营业厅报停", company=o["co2"])
    client.force_login(world.users["hotline"])
    page = client.get("/kb/assist/", {"text": "报停", "account": "B0001"}).content.decode()  # h4: 热力二公司
    assert "二公司营业厅报停" in page and "一公司营业厅报停" not in page


def test_cases_panel_shows_the_household_and_its_open_cases(client, world):
    from wennuan.cases.services import receive_case

    open_case, _ = receive_case(
        channel="company_hotline",
        text="暖气不热",
        household=world.households["h1"],
        by=world.users["hotline"],
    )
    client.force_login(world.users["hotline"])
    page = client.get("/cases/new/assist/", {"account": "A0001", "text": "还是不热"}).content.decode()
    assert "幸福小区1号楼" in page and f"#{open_case.pk}" in page
    # a 户号 outside the agent's scope is not shown
    client.force_login(world.users["grid"])
    page = client.get("/cases/new/assist/", {"account": "A0002"}).content.decode()
    assert "A0002" not in page or "不在" in page


def _intake(client, world, text, ref, **extra):
    client.force_login(world.users["hotline"])
    return client.post(
        "/cases/new/",
        {"channel": "company_hotline", "text": text, "account": "A0001", "direct_answer": ref, **extra},
    )


def test_a_pure_inquiry_is_answered_from_an_entry_and_closed(client, world, corpus):
    invoice = next(e for e in corpus if e.question.startswith("怎么开暖气费发票"))
    response = _intake(client, world, "电子发票上哪打", invoice.ref)
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.state == CaseState.CLOSED and case.answered_from == invoice.ref
    assert case.resolution == invoice.answer and case.resolved_on_time and case.closed_at
    assert case.events.filter(action="answer").exists()
    now = timezone.now()
    table = kpis.kpi_table(
        user=world.users["supervisor"], start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    total = table["total"]
    assert total["direct_answered"] == 1 and total["resolved"] == 1
    assert total["ever_resolved"] == 0  # no unit resolved it: no revisit is owed, 有效回访率 is not lowered


def test_a_heat_complaint_is_not_closed_by_an_answer(client, world, corpus):
    not_warm = next(e for e in corpus if e.question == "暖气不热怎么办？")
    _intake(client, world, "暖气片冰凉，屋里才十二度", not_warm.ref, category="not_warm")
    case = Case.objects.get()
    assert case.state == CaseState.RECEIVED and case.answered_from == ""


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.RETIRED])
def test_only_a_published_entry_can_be_answered_from(world, state):
    e = entry(by=world.users["supervisor"], question="发票怎么开", state=state)
    with pytest.raises(NotInScope):
        assist.resolve_answer(e.ref, user=world.users["hotline"])


def test_an_entry_of_another_company_cannot_be_answered_from_by_its_dispatcher(world):
    e = entry(by=world.users["supervisor"], question="二公司发票", company=world.objects["co2"])
    with pytest.raises(NotInScope):
        assist.resolve_answer(e.ref, user=world.users["dispatcher"])
    assert assist.resolve_answer(e.ref, user=world.users["hotline"]).title == "二公司发票"


def test_the_answer_action_on_the_api(client, world, corpus):
    from wennuan.accounts.models import ApiToken
    from wennuan.cases.services import receive_case

    case, _ = receive_case(
        channel="company_hotline", text="发票抬头开错了", by=world.users["hotline"], category="invoice"
    )
    _, key = ApiToken.issue(user=world.users["hotline"], name="t")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    ref = next(e for e in corpus if e.question.startswith("发票抬头")).ref
    response = client.post(
        f"/api/v1/cases/{case.pk}/answer",
        {"version": case.version, "ref": ref},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.answered_from == ref
    bad = client.post(
        f"/api/v1/cases/{case.pk}/answer",
        {"version": case.version, "ref": ref},
        content_type="application/json",
    )
    assert bad.status_code == 409


def test_the_answer_action_on_the_case_page(client, world, corpus):
    from wennuan.cases.services import receive_case

    case, _ = receive_case(
        channel="walk_in", text="报停要带什么材料", by=world.users["hotline"], category="suspend_resume"
    )
    client.force_login(world.users["hotline"])
    assert "直接答复" in client.get(f"/cases/{case.pk}/").content.decode()
    ref = next(e for e in corpus if e.question.startswith("报停怎么办理")).ref
    client.post(f"/cases/{case.pk}/act/answer/", {"version": case.version, "ref": ref, "note": ""})
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.answered_from == ref
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "直接答复" in page and "供暖季开始前办理报停" in page
