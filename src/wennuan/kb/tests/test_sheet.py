"""Import and export: every bad row named with its column and why, nothing written unless every row is
good; an export imports back as updates; text stays text."""

import io

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from wennuan.core.errors import ImportRejected
from wennuan.kb import selectors, sheet
from wennuan.kb.enums import ReviewState
from wennuan.kb.models import Entry

from .factories import entry

HEADER = [
    "编号",
    "问题",
    "答复口径",
    "关键词",
    "类别",
    "城市",
    "供热企业",
    "区县",
    "街道",
    "生效日期",
    "失效日期",
    "审核状态",
]


def _xlsx(rows, header=HEADER) -> io.BytesIO:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"strings_to_formulas": False})
    ws = book.add_worksheet()
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    book.close()
    buf.seek(0)
    return buf


def _row(**kw):
    values = {"问题": "报停怎么办理", "答复口径": "网上营业厅办理", **kw}
    return [values.get(h, "") for h in HEADER]


def test_a_good_file_creates_drafts_and_publishes_when_a_supervisor_says_so(world):
    f = _xlsx(
        [
            _row(),
            _row(
                问题="退费多久到账", 类别="测温退费", 审核状态="已发布", 区县="城关区", 生效日期="2025/11/1"
            ),
        ]
    )
    report = sheet.import_entries(source=f, by=world.users["supervisor"], filename="kb.xlsx")
    assert (report.created, report.updated) == (2, 0)
    refund = Entry.objects.get(question="退费多久到账")
    assert (refund.category, refund.state, refund.district.name, str(refund.valid_from)) == (
        "refund",
        ReviewState.PUBLISHED,
        "城关区",
        "2025-11-01",
    )
    assert Entry.objects.get(question="报停怎么办理").state == ReviewState.DRAFT
    assert [h.entry for h in selectors.search(user=world.users["hotline"], q="退费")] == [refund]


def test_every_bad_row_is_reported_and_nothing_is_written(world):
    f = _xlsx(
        [
            _row(),
            _row(问题=""),
            _row(类别="天气"),
            _row(区县="火星区"),
            _row(街道="西园街道", 区县="城关区"),
            _row(生效日期="明年"),
            _row(编号="99999"),
            _row(供热企业="热力九公司"),
        ]
    )
    with pytest.raises(ImportRejected) as err:
        sheet.import_entries(source=f, by=world.users["supervisor"])
    got = {(e.row, e.column) for e in err.value.errors}
    assert got == {
        (3, "问题"),
        (4, "类别"),
        (5, "区县"),
        (6, "街道"),
        (7, "生效日期"),
        (8, "编号"),
        (9, "供热企业"),
    }
    assert Entry.objects.count() == 0


def test_a_dispatcher_imports_for_its_company_and_may_not_publish(world):
    d = world.users["dispatcher"]
    with pytest.raises(ImportRejected) as err:
        sheet.import_entries(source=_xlsx([_row(), _row(审核状态="已发布")]), by=d)
    assert [(e.row, e.column) for e in err.value.errors] == [(3, "审核状态")]
    other = entry(by=world.users["supervisor"], question="二公司口径", company=world.objects["co2"])
    with pytest.raises(ImportRejected) as err:
        sheet.import_entries(source=_xlsx([_row(编号=str(other.pk))]), by=d)
    assert [(e.row, e.column) for e in err.value.errors] == [(2, "编号")]
    sheet.import_entries(source=_xlsx([_row()]), by=d)
    assert Entry.objects.get(question="报停怎么办理").company == world.objects["co1"]


def test_a_file_without_the_required_columns_is_refused(world):
    with pytest.raises(ImportRejected) as err:
        sheet.import_entries(source=_xlsx([["x"]], header=["问"]), by=world.users["supervisor"])
    assert {e.column for e in err.value.errors} == {"问题", "答复口径"}


def test_an_export_imports_back_as_updates_and_keeps_text_as_text(world, tmp_path):
    sup = world.users["supervisor"]
    e = entry(by=sup, question='=HYPERLINK("http://x")', answer="+1 电话", company=world.objects["co1"])
    path = tmp_path / "kb.xlsx"
    assert sheet.export_entries(rows=selectors.entries(user=sup), target=str(path)) == 1
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[0] == HEADER
    assert rows[1][:3] == [str(e.pk), '=HYPERLINK("http://x")', "+1 电话"]
    assert rows[1][6] == "热力一公司" and rows[1][11] == "已发布"
    report = sheet.import_entries(source=str(path), by=sup)
    assert (report.created, report.updated) == (0, 1)
    assert Entry.objects.count() == 1
