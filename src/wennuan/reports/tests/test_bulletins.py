"""通报: companies worst first, the draft's wording and figures, edit → approve → issue (audited, told),
who reads it, PDF and docx in Chinese."""

import io
import re

import pytest
import time_machine

from wennuan.cases.kpis import kpi_table
from wennuan.cases.selectors import day_range
from wennuan.core.errors import NotPermitted, TransitionNotAllowed
from wennuan.core.models import AuditLog
from wennuan.notices.models import Notice
from wennuan.reports import bulletins, services
from wennuan.reports.enums import BulletinState
from wennuan.reports.export import bulletin_docx, bulletin_pdf
from wennuan.reports.models import Bulletin

from .conftest import AFTER, DAY, pdf_text

pytestmark = pytest.mark.django_db
START = DAY.replace(day=1)


@pytest.fixture
def draft(city):
    with time_machine.travel(AFTER, tick=False):
        return services.draft_bulletin(
            by=city.users["supervisor"], city=city.objects["co1"].city, start=START, end=DAY,
            company_ids=[city.objects["co1"].pk],
        )  # fmt: skip


def test_candidates_worst_first_with_the_kpi_selectors_figures(city):
    sup = city.users["supervisor"]
    with time_machine.travel(AFTER, tick=False):
        ranked, total = bulletins.candidates(
            user=sup, city=city.objects["co1"].city, start=START, end=DAY, order="repeat_rate"
        )
        table = kpi_table(
            user=sup, start=day_range(START, DAY)[0], end=day_range(START, DAY)[1], group="company"
        )
    assert [c.row["group_name"] for c in ranked] == ["热力一公司", "热力二公司"]  # 1/3 repeats against 0/2
    assert ranked[0].row["repeat_rate"] == round(1 / 3, 4)
    assert total["received"] == table["total"]["received"] == 5


def test_the_draft_reads_as_an_official_notice(city, draft):
    assert draft.title == "关于热力一公司供热服务问题的通报"
    assert draft.state == BulletinState.DRAFT and "供热通报〔2026〕1号" in draft.number
    assert "受理群众诉求3件" in draft.problems and "重复投诉1件" in draft.problems
    assert re.search(r"工单\d{4}-\d{6}（", draft.cases)  # the public number people read and say
    assert "幸福小区1号楼" in draft.cases  # the building, no room, no name
    without_numbers = re.sub(r"\d{4}-\d{6}", "", draft.cases)
    assert "王小英" not in draft.cases and "101" not in without_numbers
    assert "整改" in draft.requirements
    assert draft.figures["companies"][0]["received"] == 3
    assert list(draft.companies.all()) == [city.objects["co1"]]


def test_lifecycle_edit_approve_issue_audited_and_told(city, draft):
    sup, disp = city.users["supervisor"], city.users["dispatcher"]
    services.edit_bulletin(bulletin=draft, by=sup, title="关于热力一公司冬季供热服务问题的通报")
    with pytest.raises(NotPermitted):
        services.approve_bulletin(bulletin=draft, by=disp)
    services.approve_bulletin(bulletin=draft, by=sup)
    with pytest.raises(TransitionNotAllowed):
        services.edit_bulletin(bulletin=draft, by=sup, title="改不了")
    with pytest.raises(TransitionNotAllowed):
        services.approve_bulletin(bulletin=draft, by=sup)
    assert list(Bulletin.objects.visible_to(disp)) == []  # not issued yet: the bureau's own
    services.issue_bulletin(bulletin=draft, by=sup)
    draft.refresh_from_db()
    assert draft.state == BulletinState.ISSUED and draft.issued_by == sup
    assert list(Bulletin.objects.visible_to(disp)) == [draft]
    assert [n.recipient for n in Notice.objects.filter(kind="bulletin")] == [disp]
    actions = list(
        AuditLog.objects.filter(object_id=str(draft.pk), object_type="reports.bulletin")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reports.bulletin_draft",
        "reports.bulletin_edit",
        "reports.bulletin_approved",
        "reports.bulletin_issued",
    ]


def test_pdf_and_docx_in_chinese(city, draft, tmp_path):
    from docx import Document

    text = pdf_text(bulletin_pdf(draft), tmp_path)
    for words in ("关于热力一公司供热服务问题的通报", "存在问题", "典型案例", "整改要求"):
        assert words in text.replace(" ", ""), words
    doc = Document(io.BytesIO(bulletin_docx(draft)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert draft.title in paragraphs and "四、整改要求" in paragraphs


def test_pages_pick_draft_edit_issue(city, client):
    client.force_login(city.users["supervisor"])
    with time_machine.travel(AFTER, tick=False):
        page = client.get(
            "/reports/bulletins/candidates/", {"start": START.isoformat(), "end": DAY.isoformat()}
        )
        assert page.status_code == 200 and "热力一公司" in page.content.decode()
        r = client.post(
            "/reports/bulletins/draft/",
            {"start": START.isoformat(), "end": DAY.isoformat(), "companies": [city.objects["co2"].pk]},
        )
        b = Bulletin.objects.get()
        assert r.url == f"/reports/bulletins/{b.pk}/"
        form = {f: getattr(b, f) for f in services.EDITABLE}
        form["requirements"] = "限3日内整改到位。"
        assert client.post(f"/reports/bulletins/{b.pk}/", form).status_code == 302
        client.post(f"/reports/bulletins/{b.pk}/approve/")
        client.post(f"/reports/bulletins/{b.pk}/issue/")
        assert client.get(f"/reports/bulletins/{b.pk}.docx").status_code == 200
    b.refresh_from_db()
    assert b.state == BulletinState.ISSUED and b.requirements == "限3日内整改到位。"
    client.force_login(city.users["dispatcher"])  # 热力一公司: not named in it
    assert client.get(f"/reports/bulletins/{b.pk}/").status_code == 404
