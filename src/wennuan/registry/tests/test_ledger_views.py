"""The ledger pages: upload for supervisors (with the full report or every bad row), scoped export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.registry.ledger.importer import import_ledger
from wennuan.registry.models import District, Grid, Household

from .factories import GridFactory
from .test_ledger_import import HEADER, ledger_row, three_households, write_csv


def _upload(tmp_path, rows, name="台账.csv"):
    path = write_csv(tmp_path / "upload.csv", rows, encoding="gb18030")
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


@pytest.fixture
def supervisor(client):
    user = UserFactory(username="boss", role=Role.SUPERVISOR)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_import_page_shows_the_form_to_a_supervisor(client, supervisor):
    response = client.get(reverse("registry:import"))
    assert response.status_code == 200
    assert "上传并导入" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_import_page_is_forbidden_to_other_roles(client, tmp_path, method):
    grid = GridFactory()
    client.force_login(UserFactory(username="gw", role=Role.GRID_WORKER, grid=grid))
    data = {"file": _upload(tmp_path, three_households())} if method == "post" else None
    response = getattr(client, method)(reverse("registry:import"), data)
    assert response.status_code == 403
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_upload_shows_the_counts(client, supervisor, tmp_path):
    response = client.post(reverse("registry:import"), {"file": _upload(tmp_path, three_households())})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="import-report"' in page
    assert "新增3户" in page
    assert Household.objects.count() == 3
    assert AuditLog.objects.get(action="registry.import_ledger").actor == supervisor


@pytest.mark.django_db
def test_upload_with_bad_rows_lists_each_and_writes_nothing(client, supervisor, tmp_path):
    rows = [ledger_row("H1"), ledger_row("H2", area="-1"), ledger_row("", district="火星区")]

    response = client.post(reverse("registry:import"), {"file": _upload(tmp_path, rows)})

    page = response.content.decode()
    assert response.status_code == 422
    assert "第3行 [供热面积] 供热面积必须大于0（值：-1）" in page
    assert "第4行 [户号] 必填项为空" in page
    assert "第4行 [区县] 未知区县（值：火星区）" in page
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_upload_with_skip_invalid_imports_the_good_rows(client, supervisor, tmp_path):
    rows = [ledger_row("H1"), ledger_row("H2", area="-1")]

    response = client.post(
        reverse("registry:import"), {"file": _upload(tmp_path, rows), "skip_invalid": "on"}
    )

    page = response.content.decode()
    assert "跳过1行" in page
    assert "第3行 [供热面积] 供热面积必须大于0（值：-1）" in page
    assert list(Household.objects.values_list("account", flat=True)) == ["H1"]


@pytest.mark.django_db
def test_masked_export_cannot_be_imported_back(client, supervisor, tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    exported = client.get(reverse("registry:export"))
    data = b"".join(exported.streaming_content)

    response = client.post(reverse("registry:import"), {"file": SimpleUploadedFile("台账.xlsx", data)})

    # A supervisor's download is masked; importing it back must not overwrite real names and phones.
    page = response.content.decode()
    assert response.status_code == 422
    assert "第2行 [户主] 是脱敏后的内容，不能导入（值：王*英）" in page
    assert "第2行 [联系电话] 是脱敏后的内容，不能导入（值：139****5678）" in page
    assert Household.objects.get(account="H0001").resident_name == "王秀英"


def _rows(response) -> list[list]:
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.mark.django_db
def test_export_is_scoped_and_masked_for_district_staff(client, tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    district = District.objects.get(name="七里河区")
    client.force_login(UserFactory(username="ds", role=Role.DISTRICT_STAFF, district=district))

    response = client.get(reverse("registry:export"))

    rows = _rows(response)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == [*HEADER.split(","), "其他门牌"]
    assert [r[0] for r in rows[1:]] == ["H0003"]
    assert rows[1][10] == "王*英"
    assert rows[1][11] == "139****5678"


@pytest.mark.django_db
def test_export_shows_personal_data_to_a_grid_worker(client, tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    grid = Grid.objects.get(name="金塔巷第1网格")
    client.force_login(UserFactory(username="gw", role=Role.GRID_WORKER, grid=grid))

    rows = _rows(client.get(reverse("registry:export")))

    assert [r[0] for r in rows[1:]] == ["H0001", "H0002"]
    assert rows[1][10] == "王秀英"
    assert rows[1][11] == "13912345678"


@pytest.mark.django_db
def test_ledger_pages_need_a_login(client):
    assert client.get(reverse("registry:import")).status_code == 302
    assert client.get(reverse("registry:export")).status_code == 302
