"""The daily dispatch report: its figures are the KPI selector's, the day before beside them; the xlsx
and the PDF (Chinese text, charts) carry them; the CLI writes both; the page's click queues a task."""

import io

import openpyxl
import pytest
import time_machine
from django.core.management import call_command

from wennuan.cases.kpis import kpi_table
from wennuan.cases.selectors import day_range
from wennuan.core.models import AuditLog
from wennuan.reports.daily import build_daily_report, daily_figures
from wennuan.reports.enums import ReportStatus
from wennuan.reports.models import DailyReport
from wennuan.reports.tasks import make_daily_report

from .conftest import AFTER, DAY, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(city):
    with time_machine.travel(AFTER, tick=False):
        return daily_figures(city.objects["d_a"].city, DAY)


def test_figures_are_the_kpi_selectors(city, figures):
    supervisor = city.users["supervisor"]
    with time_machine.travel(AFTER, tick=False):
        start, end = day_range(DAY, DAY)
        for group, rows in (("district", figures.districts), ("company", figures.companies)):
            expected = {
                r["group_id"]: r
                for r in kpi_table(user=supervisor, start=start, end=end, group=group, now=end)["rows"]
            }
            got = {r["group_id"]: r for r in rows if r.get("received")}
            assert set(got) == set(expected)
            for gid, row in got.items():
                assert {k: row[k] for k in expected[gid]} == expected[gid]
        total = kpi_table(user=supervisor, start=start, end=end, now=end)["total"]
    assert figures.total == total
    assert (figures.total["received"], figures.total["repeats"]) == (4, 1)


def test_the_day_before_beside_each_row(figures):
    assert figures.before["received"] == 1
    companies = {r["group_name"]: r for r in figures.companies}
    assert companies["热力一公司"]["received"] == 3 and companies["热力一公司"]["before"] == {}
    assert companies["热力二公司"]["before"]["received"] == 1
    districts = {r["group_name"]: r for r in figures.districts}
    assert districts["城关区"]["received"] == 3 and districts["七里河区"]["before"]["received"] == 1
    assert [t["received"] for _, t in figures.trend][-2:] == [1, 4]


def test_lists_and_top_estates(figures):
    sections = {s.title: s for s in figures.sections}
    repeats = sections["当日重复投诉"]
    assert repeats.count == 1 and "重复于工单" in repeats.lines[0].note
    assert figures.estates[0]["group_name"] == "幸福小区" and figures.estates[0]["received"] == 3


def test_xlsx_and_pdf_carry_the_figures_in_chinese(city, tmp_path):
    with time_machine.travel(AFTER, tick=False):
        xlsx, pdf = build_daily_report(city.objects["d_a"].city, DAY)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames[:5] == ["概况", "分区县", "分企业", "问题小区", "超时未办结工单(截至日终)"]
    summary = {row[0]: row[1:] for row in book["概况"].iter_rows(min_row=4, values_only=True)}
    assert summary["受理量"] == (4, 1, "+3")
    companies = {row[0]: row for row in book["分企业"].iter_rows(min_row=2, values_only=True)}
    assert companies["热力一公司"][1:4] == (3, 0, "+3")
    text = pdf_text(pdf, tmp_path)
    for words in (
        "每日调度报告",
        "分区县受理量",
        "城关区",
        "热力一公司",
        "幸福小区",
        "当日重复投诉",
        "近7日受理、办结、超时",
    ):
        assert words in text, words


def test_cli_writes_both_files(city, tmp_path):
    with time_machine.travel(AFTER, tick=False):
        call_command("report", "daily", "--date", DAY.isoformat(), "--out", str(tmp_path))
    names = sorted(p.suffix for p in tmp_path.iterdir())
    assert names == [".pdf", ".xlsx"]


def test_one_click_queues_the_report_and_the_task_makes_it(city, client, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    client.force_login(city.users["supervisor"])
    with time_machine.travel(AFTER, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post("/reports/daily/new/", {"day": DAY.isoformat()})
        assert r.status_code == 302
        report = DailyReport.objects.get()
        assert report.status == ReportStatus.QUEUED and DBTaskResult.objects.count() == 1
        make_daily_report.call(report.pk)
        page = client.get("/reports/daily/").content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and bytes(report.pdf).startswith(b"%PDF")
    assert f"/reports/daily/{report.pk}.pdf" in page
    assert client.get(f"/reports/daily/{report.pk}.xlsx").status_code == 200
    assert AuditLog.objects.filter(action="reports.daily_requested").count() == 1


def test_only_supervisors_and_no_future_days(city, client):
    client.force_login(city.users["dispatcher"])
    assert client.get("/reports/daily/").status_code == 403
    client.force_login(city.users["supervisor"])
    client.post("/reports/daily/new/", {"day": "2999-01-01"})
    assert DailyReport.objects.count() == 0
