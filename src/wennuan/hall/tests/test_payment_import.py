"""Payment import: every bad row named (row, field, why), nothing written then; the same file or rows twice
add nothing; scope decides which 户号 exist; statements follow the payments."""

import io
from decimal import Decimal

import openpyxl
import pytest

from wennuan.cases.tests.factories import agent, dispatcher_for, supervisor
from wennuan.core.errors import ImportRejected, NotPermitted
from wennuan.core.models import AuditLog
from wennuan.hall.models import AccountStatement, Payment
from wennuan.hall.services.payments import import_payments

from .factories import household_with_tariff, season_of

pytestmark = pytest.mark.django_db

HEADER = "户号,缴费金额,缴费日期,收费单号,缴费方式\n"


def csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


@pytest.fixture
def two(in_season):
    a = household_with_tariff(account="P001", area="100", price="27")
    b = household_with_tariff(account="P002", area="50", price="27", station=a.station)
    return a, b


def test_a_good_file_adds_payments_recomputes_statements_and_is_audited(two):
    a, b = two
    body = (
        HEADER
        + 'P001,1000.00,2025-11-03,SF0001,微信\nP001,1700,2025/11/20,SF0002,现金\nP002,"1,350.00",20251105,SF0003,\n'
    )
    report = import_payments(source=csv(body), by=supervisor(), filename="十一月.csv")
    assert (report.rows, report.created, report.unchanged) == (3, 3, 0)
    assert report.amount == Decimal("4050.00") and report.households == 2
    stored = AccountStatement.objects.get(household=a, season=season_of(a))
    assert stored.paid == Decimal("2700.00") and stored.arrears == 0
    assert AccountStatement.objects.get(household=b).arrears == 0
    assert AuditLog.objects.filter(action="hall.payments_imported").count() == 1


def test_the_same_file_twice_adds_nothing(two):
    body = HEADER + "P001,1000,2025-11-03,SF0001,\nP002,500,2025-11-03,SF0002,\n"
    import_payments(source=csv(body), by=supervisor(), filename="a.csv")
    again = import_payments(source=csv(body), by=supervisor(), filename="a.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert Payment.objects.count() == 2
    # A later export that repeats old rows and adds one: only the new one is added.
    more = import_payments(source=csv(body + "P002,100,2025-11-10,SF0009,\n"), by=supervisor())
    assert (more.created, more.unchanged) == (1, 2) and Payment.objects.count() == 3


def test_every_bad_row_is_named_and_nothing_is_written(two):
    body = HEADER + (
        "P001,1000,2025-11-03,SF0001,\n"  # row 2: fine
        "P001,abc,2025-11-03,SF0002,\n"  # row 3: amount
        "P001,-5,2025-11-03,SF0003,\n"  # row 4: negative
        "P001,10,2025-13-03,SF0004,\n"  # row 5: no such date
        "P001,10,2031-01-01,SF0005,\n"  # row 6: future
        "NOPE,10,2025-11-03,SF0006,\n"  # row 7: unknown 户号
        "P001,10,2025-11-03,SF0001,\n"  # row 8: receipt twice in the file
        "P002,10.005,2025-11-03,,\n"  # row 9: three decimals and no receipt
    )
    with pytest.raises(ImportRejected) as err:
        import_payments(source=csv(body), by=supervisor())
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {
        (3, "缴费金额"), (4, "缴费金额"), (5, "缴费日期"), (6, "缴费日期"), (7, "户号"), (8, "收费单号"),
        (9, "缴费金额"), (9, "收费单号"),
    }  # fmt: skip
    assert "第7行 [户号] 户号不存在或不在您的管辖范围内（值：NOPE）" in [str(e) for e in err.value.errors]
    assert Payment.objects.count() == 0 and AccountStatement.objects.count() == 0


def test_a_receipt_imported_before_with_another_amount_is_refused(two):
    import_payments(source=csv(HEADER + "P001,1000,2025-11-03,SF0001,\n"), by=supervisor())
    with pytest.raises(ImportRejected) as err:
        import_payments(source=csv(HEADER + "P001,1200,2025-11-03,SF0001,\n"), by=supervisor())
    (e,) = err.value.errors
    assert (e.row, e.column) == (2, "收费单号") and "原为1000.00元" in e.reason
    assert Payment.objects.get().amount == Decimal("1000.00")


def test_missing_columns_are_reported_on_the_header_row(two):
    with pytest.raises(ImportRejected) as err:
        import_payments(source=csv("户号,缴费金额,缴费日期\nP001,1,2025-11-03\n"), by=supervisor())
    assert [(e.row, e.column, e.reason) for e in err.value.errors] == [(1, "收费单号", "缺少必需的列")]


def test_a_dispatcher_imports_only_her_companys_households(two):
    a, _ = two
    other = household_with_tariff(account="Q001")  # another company
    body = HEADER + "P001,10,2025-11-03,SF1,\nQ001,10,2025-11-03,SF2,\n"
    with pytest.raises(ImportRejected) as err:
        import_payments(source=csv(body), by=dispatcher_for(a.station.company))
    assert [(e.row, e.column) for e in err.value.errors] == [(3, "户号")]
    assert other.pk and Payment.objects.count() == 0
    with pytest.raises(NotPermitted):
        import_payments(source=csv(body), by=agent())


def test_xlsx_export_with_a_title_row_and_a_season_column(two):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某热力公司2025-2026采暖期收费明细"])
    sheet.append(["热用户编号", "实收金额", "收费日期", "票据号", "采暖期"])
    sheet.append(["P001", 2700, "2025-10-28", "X-1", "2025-2026"])
    sheet.append(["P002", 100.5, "2025-10-28", "X-2", "2019-2020"])
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(ImportRejected) as err:
        import_payments(source=io.BytesIO(buf.getvalue()), by=supervisor())
    assert [(e.row, e.column) for e in err.value.errors] == [(4, "供暖季")]
    sheet.delete_rows(4)
    buf = io.BytesIO()
    book.save(buf)
    report = import_payments(source=io.BytesIO(buf.getvalue()), by=supervisor())
    assert report.created == 1 and Payment.objects.get().season.name == "2025-2026"
