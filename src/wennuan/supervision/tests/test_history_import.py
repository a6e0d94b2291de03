"""Last season's 12345 export: closed cases, every bad row named, all or nothing, idempotent."""

import csv
import io
from datetime import date

import pytest

from wennuan.cases.enums import CaseState
from wennuan.cases.models import Case, Revisit
from wennuan.cases.services.history import import_history
from wennuan.cases.tests.factories import new_case
from wennuan.core.errors import ImportRejected
from wennuan.rules.models import Season
from wennuan.supervision import fold, selectors

pytestmark = pytest.mark.django_db
HEADER = ["工单编号", "受理时间", "诉求地址", "诉求类别", "诉求内容", "办结时间", "满意度"]


def _file(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode("utf-8-sig"))


GOOD = [
    [
        "12345-0001",
        "2025-12-01 09:30",
        "幸福小区1号楼",
        "室温不达标/暖气不热",
        "暖气不热",
        "2025-12-02 10:00",
        "满意",
    ],
    ["12345-0002", "2025/12/03 08:00", "", "跑冒滴漏/管道漏水", "暖气管漏水", "2025/12/03 18:00", "不满意"],
    ["12345-0003", "2026-01-05 12:00:00", "", "", "多收了取暖费", "2026-01-09 12:00:00", ""],
]


def test_rows_become_closed_cases_and_a_second_import_adds_nothing(world):
    boss = world["a"].supervisor
    done = import_history(source=_file(GOOD), by=boss)
    assert done["created"] == 3
    cases = Case.objects.filter(external_id__startswith="12345-").order_by("external_id")
    assert [c.state for c in cases] == [CaseState.CLOSED] * 3
    assert cases[0].category == "not_warm" and cases[1].category == "leak"
    assert cases[0].received_at.date() == date(2025, 12, 1) and cases[0].closed_at.date() == date(2025, 12, 2)
    assert Revisit.objects.filter(case__in=cases).count() == 2
    assert import_history(source=_file(GOOD), by=boss) == {"created": 0, "existing": 3, "unplaced": 0}
    fold.fold()
    last = selectors.kpis(boss, start=date(2025, 11, 1), end=date(2026, 3, 31))
    values = {k["key"]: k["value"] for k in last["kpis"]}
    assert last["counts"]["received"] == 3 and values["completion_rate"] == 1.0
    assert values["satisfaction_rate"] == 0.5


def test_every_bad_row_is_named_and_nothing_is_written(world):
    bad = [
        *GOOD,
        ["12345-0001", "2025-12-01 09:30", "", "", "重复的编号", "2025-12-02 10:00", ""],
        ["12345-0009", "昨天", "", "", "时间不对", "2025-12-02 10:00", ""],
        ["12345-0010", "2025-12-05 10:00", "", "", "办结早于受理", "2025-12-04 10:00", "满意"],
        ["12345-0011", "2025-12-05 10:00", "", "", "", "2025-12-06 10:00", "还行吧"],
    ]
    with pytest.raises(ImportRejected) as caught:
        import_history(source=_file(bad), by=world["a"].supervisor)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert {(5, "工单编号"), (6, "受理时间"), (7, "办结时间"), (8, "诉求内容"), (8, "满意度")} <= found
    assert not Case.objects.filter(external_id__startswith="12345-").exists()


def test_a_file_without_the_columns_is_refused_by_its_header(world):
    with pytest.raises(ImportRejected) as caught:
        import_history(source=io.BytesIO("编号,内容\n1,x\n".encode()), by=world["a"].supervisor)
    assert "缺少列" in str(caught.value.errors[0])


def test_season_on_season_compares_the_same_days_of_last_season(world):
    boss = world["a"].supervisor
    city = world["a"].household.grid.community.street.district.city
    Season.objects.get_or_create(
        city=city, name="2025-2026", defaults={"starts_on": date(2025, 11, 1), "ends_on": date(2026, 3, 31)}
    )
    import_history(source=_file(GOOD), by=boss)
    new_case(household=world["a"].household)
    fold.fold()
    sos = selectors.season_on_season(boss, on=world["t0"].date())
    assert [s["name"] for s in sos["seasons"]] == ["2026-2027", "2025-2026"]
    assert sos["seasons"][1]["end"] == date(2025, 12, 7)  # as many days into last season as into this one
    assert sos["now"]["counts"]["received"] == 1 and sos["before"]["counts"]["received"] == 2
    completion = next(c for c in sos["changes"] if c["key"] == "completion_rate")
    assert (completion["now"], completion["before"], completion["improved"]) == (0.0, 1.0, False)
