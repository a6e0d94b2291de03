"""Subsidy and 报停/开栓 pages and API: the case page shows the subsidy status at once, the queue and the
answer form (with the arrears warning), scope and masking."""

from datetime import date
from decimal import Decimal

import pytest

from wennuan.accounts.tests.world import MASKED_ROLES
from wennuan.cases.tests.factories import new_case
from wennuan.core.categories import Category
from wennuan.hall.enums import ApplicationKind, ApplicationStatus, SubsidyBasis, SubsidyGroup
from wennuan.hall.models import HeatApplication, Subsidy, SubsidyRule
from wennuan.hall.services.applications import apply_resumption
from wennuan.hall.services.subsidies import approve_subsidy, assess_subsidies

from .factories import approved, season_of

pytestmark = pytest.mark.django_db
API = "/api/v1/hall"


@pytest.fixture
def policy(world):
    h2 = world.households["h2"]
    h2.priority_groups = "low_income"
    h2.save()
    SubsidyRule.objects.create(
        city=world.objects["co1"].city, effective_from=date(2000, 1, 1), group=SubsidyGroup.LOW_INCOME,
        basis=SubsidyBasis.FIXED, value=Decimal("600"),
    )  # fmt: skip
    assess_subsidies(season=season_of(h2), by=world.users["supervisor"])
    approve_subsidy(subsidy=Subsidy.objects.get(household=h2), by=world.users["supervisor"])
    return world


def test_case_page_shows_the_subsidy_status_at_once(client, policy):
    h2 = policy.households["h2"]
    case = new_case(household=h2, category=Category.SUBSIDY, text="低保采暖补贴一直没发")
    client.force_login(policy.users["hotline"])
    text = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="hall-case-panel"' in text and "低保户采暖补贴600.00元：已于12月20日审核" in text


def test_household_and_account_pages_show_subsidy_and_applications(client, policy):
    h2 = policy.households["h2"]
    client.force_login(policy.users["dispatcher"])
    assert "补贴：已审核待发放" in client.get(f"/registry/households/{h2.account}/").content.decode()
    text = client.get(f"/hall/households/{h2.account}/").content.decode()
    assert "低保户采暖补贴600.00元" in text and "代居民申请" in text


def test_subsidy_list_approve_and_pay_on_the_page(client, policy):
    client.force_login(policy.users["street"])
    text = client.get("/hall/subsidies/").content.decode()
    assert "A0002" in text and "已审核待发放" in text
    row = Subsidy.objects.get()
    resp = client.post(f"/hall/subsidies/{row.pk}/paid/", {"paid_on": "2025-12-20"})
    assert resp.status_code == 302
    row.refresh_from_db()
    assert row.paid_on == date(2025, 12, 20)
    client.force_login(policy.users["grid"])
    assert client.post(f"/hall/subsidies/{row.pk}/approve/").status_code == 403


def test_subsidy_api_status_for_the_agent(client, policy):
    client.force_login(policy.users["hotline"])
    body = client.get(f"{API}/households/A0002/subsidy").json()
    assert (
        body["state"] == "approved" and body["amount"] == "600.00" and "应于1月19日前发放" in body["summary"]
    )
    client.force_login(policy.users["grid"])  # h2 is in grid g2, not hers
    assert client.get(f"{API}/households/A0002/subsidy").status_code == 404


@pytest.fixture
def pending(world):
    h1 = world.households["h1"]
    approved(h1, ApplicationKind.SUSPEND)
    return apply_resumption(household=h1, by=None, name="王小英", phone="13812345678")


@pytest.mark.parametrize("who", ["supervisor", "street", "dispatcher", "hotline", "crew"])
def test_queue_scope_and_masking(client, world, pending, who):
    client.force_login(world.users[who])
    resp = client.get(f"/hall/applications/{pending.pk}/")
    assert resp.status_code == 200
    text = resp.content.decode()
    assert ("王小英" in text) is (who not in MASKED_ROLES)
    assert ("13812345678" in text) is (who not in MASKED_ROLES)
    assert ('id="decide-form"' in text) is (who in ("supervisor", "dispatcher"))


def test_other_company_does_not_see_the_application(client, world, pending):
    from wennuan.cases.tests.factories import dispatcher_for

    client.force_login(dispatcher_for(world.objects["co2"]))
    assert client.get(f"/hall/applications/{pending.pk}/").status_code == 404
    assert "没有申请" in client.get("/hall/applications/").content.decode()


def test_answer_form_warns_about_arrears_and_keeps_the_application_pending(client, world, pending):
    client.force_login(world.users["dispatcher"])
    resp = client.post(
        f"/hall/applications/{pending.pk}/",
        {"decision": "refuse", "reason": "other", "note": "前业主欠费三年，缴清后再开栓"},
    )
    assert resp.status_code == 422
    text = resp.content.decode()
    assert 'id="arrears-warning"' in text and "前业主或邻居的欠费不能作为拒绝供热" in text
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.PENDING
    resp = client.post(f"/hall/applications/{pending.pk}/", {"decision": "approve"})
    assert resp.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.APPROVED and pending.work_order_id


def test_queue_page_in_few_queries(client, world, pending, django_assert_max_num_queries):
    client.force_login(world.users["supervisor"])
    with django_assert_max_num_queries(12):
        resp = client.get("/hall/applications/?status=pending")
    assert "开栓（恢复供热） #" in resp.content.decode()


def test_staff_file_from_the_account_page(client, world):
    h1 = world.households["h1"]
    client.force_login(world.users["hotline"])
    resp = client.post(f"/hall/households/{h1.account}/apply/resume/", {"note": "已回家"}, follow=True)
    assert "没有报停，无需申请开栓" in resp.content.decode()
    approved(h1, ApplicationKind.SUSPEND)
    resp = client.post(f"/hall/households/{h1.account}/apply/resume/", {"note": "已回家"})
    assert (
        resp.status_code == 302
        and HeatApplication.objects.filter(kind="resume", status="pending").count() == 1
    )


def test_api_apply_decide_and_list(client, world):
    h1 = world.households["h1"]
    approved(h1, ApplicationKind.SUSPEND)
    client.force_login(world.users["hotline"])
    resp = client.post(
        f"{API}/applications/resumption",
        {"account": "A0001", "note": "回来了"},
        content_type="application/json",
    )
    assert resp.status_code == 201 and resp.json()["status"] == "pending"
    app_id = resp.json()["id"]
    again = client.post(
        f"{API}/applications/resumption", {"account": "A0001"}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "already_applied"
    client.force_login(world.users["dispatcher"])
    bad = client.post(
        f"{API}/applications/{app_id}/decide", {"approve": False, "reason": "other", "note": "邻居欠费，暂不供热"},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 422 and bad.json()["code"] == "arrears_not_a_reason"
    ok = client.post(
        f"{API}/applications/{app_id}/decide", {"approve": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["work_order_id"]
    page = client.get(f"{API}/applications?kind=resume").json()
    assert [i["id"] for i in page["items"]] == [app_id]


def test_intake_panel_shows_account_and_subsidy_once_the_household_is_found(client, policy):
    h2 = policy.households["h2"]
    client.force_login(policy.users["hotline"])
    assert 'hx-get="/hall/assist/"' in client.get("/cases/new/").content.decode()
    text = client.get("/hall/assist/", {"account": h2.account, "text": "低保补贴一直没发"}).content.decode()
    assert 'id="assist-hall"' in text and "补贴：已审核待发放" in text and "应缴热费" in text


def test_intake_panel_is_empty_until_a_household_is_found_and_withholds_other_scopes(client, policy):
    h2 = policy.households["h2"]
    client.force_login(policy.users["hotline"])
    assert 'id="assist-hall"' not in client.get("/hall/assist/", {"text": "暖气不热"}).content.decode()
    client.force_login(policy.users["grid"])  # takes complaints, but h2 is in another grid
    assert 'id="assist-hall"' not in client.get("/hall/assist/", {"account": h2.account}).content.decode()
    client.force_login(policy.users["crew"])  # crews take no complaints
    assert client.get("/hall/assist/", {"account": h2.account}).status_code == 403
