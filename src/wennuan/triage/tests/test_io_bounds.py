"""The triage command's spreadsheet input is bounded like a ledger upload."""

import pytest

from wennuan.core.sheets import SheetTooLarge
from wennuan.core.tests.test_sheets import corner_workbook
from wennuan.triage.io import read_table


def test_read_table_refuses_the_corner_workbook(tmp_path):
    path = tmp_path / "工单.xlsx"
    path.write_bytes(corner_workbook().getvalue())

    with pytest.raises(SheetTooLarge, match="1048576行×16384列"):
        read_table(path)


def test_read_table_still_reads_csv_in_both_encodings(tmp_path):
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"{encoding}.csv"
        path.write_text("诉求内容,编号\n暖气不热,1\n", encoding=encoding)
        assert read_table(path) == [["诉求内容", "编号"], ["暖气不热", "1"]]
