"""``wennuan import registry`` and ``wennuan export registry`` as a person at the console sees them."""

import pytest
from django.core.management import CommandError, call_command

from wennuan.registry.models import Household

from .test_ledger_import import SHARED_LEDGER, write_csv


def _corrupted_copy(tmp_path):
    lines = SHARED_LEDGER.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0]
    rows = [line.split(",") for line in lines[1:]]
    rows[2][12] = "abc"  # spreadsheet row 4: bad area
    rows[9][0] = ""  # row 11: missing 户号
    rows[19][1] = "火星区"  # row 21: unknown district
    return write_csv(tmp_path / "corrupted.csv", rows, header=header, encoding="gb18030")


@pytest.mark.django_db
def test_import_command_prints_counts_in_chinese(tmp_path, capsys):
    call_command("import", "registry", str(SHARED_LEDGER))
    out = capsys.readouterr().out
    assert "新增4984户" in out
    call_command("import", "registry", str(SHARED_LEDGER))
    assert "新增0户，更新0户，未变4984户" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_command_rejects_corrupted_file_with_one_line_per_bad_row(tmp_path, capsys):
    path = _corrupted_copy(tmp_path)

    with pytest.raises(CommandError, match="3 处错误"):
        call_command("import", "registry", str(path))

    assert capsys.readouterr().err.splitlines() == [
        "第4行 [供热面积] 供热面积不是数字（值：abc）",
        "第11行 [户号] 必填项为空",
        "第21行 [区县] 未知区县（值：火星区）",
    ]
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_import_command_skip_invalid_reports_what_was_skipped(tmp_path, capsys):
    call_command("import", "registry", str(_corrupted_copy(tmp_path)), "--skip-invalid")

    out = capsys.readouterr().out
    assert "新增4981户" in out
    assert "跳过3行" in out
    assert "第21行 [区县] 未知区县（值：火星区）" in out
    assert Household.objects.count() == 4981


@pytest.mark.django_db
def test_export_command_writes_a_file_that_imports_back(tmp_path, capsys):
    call_command("import", "registry", str(SHARED_LEDGER))
    out = tmp_path / "ledger.xlsx"

    call_command("export", "registry", str(out))
    assert "已导出 4984 户" in capsys.readouterr().out
    call_command("import", "registry", str(out))
    assert "新增0户，更新0户，未变4984户" in capsys.readouterr().out
