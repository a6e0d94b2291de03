"""A workbook whose used range is absurd (cells at A1 and XFD1048576) is refused with one clear line by
every way a ledger comes in — console, upload page, background task — instead of killing the process."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core import sheets
from wennuan.core.errors import ImportRejected
from wennuan.core.tests.test_sheets import corner_workbook
from wennuan.registry.ledger.importer import import_ledger
from wennuan.registry.models import Household
from wennuan.registry.tasks import import_ledger_file, store_upload

from .test_ledger_import import three_households, write_csv

TOO_LARGE = "表格范围过大：1048576行×16384列"


@pytest.fixture
def corners(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(corner_workbook().getvalue())
    return path


@pytest.mark.django_db
def test_service_refuses_the_corner_workbook(corners):
    with pytest.raises(ImportRejected) as err:
        import_ledger(source=corners)

    assert len(err.value.errors) == 1
    assert TOO_LARGE in str(err.value.errors[0])


@pytest.mark.django_db
def test_console_import_refuses_with_one_line(corners, capsys):
    with pytest.raises(CommandError):
        call_command("import", "registry", str(corners))

    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and TOO_LARGE in err[0]


@pytest.mark.django_db
def test_upload_page_refuses_with_one_line(client, corners):
    client.force_login(UserFactory(username="boss", role=Role.SUPERVISOR))

    upload = SimpleUploadedFile("台账.xlsx", corners.read_bytes())
    response = client.post(reverse("registry:import"), {"file": upload})

    assert response.status_code == 422
    assert TOO_LARGE in response.content.decode()


@pytest.mark.django_db
def test_task_worker_refuses_with_one_line(settings, tmp_path, corners):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = store_upload(SimpleUploadedFile("台账.xlsx", corners.read_bytes()))

    result = import_ledger_file.call(str(path))

    assert result["ok"] is False
    assert len(result["errors"]) == 1 and TOO_LARGE in result["errors"][0]


@pytest.mark.django_db
def test_csv_with_an_endless_line_is_refused(tmp_path):
    path = write_csv(tmp_path / "a.csv", three_households())
    with path.open("a", encoding="utf-8") as f:
        f.write("H9," + "x" * (sheets.MAX_LINE_CHARS + 1) + "\n")

    with pytest.raises(ImportRejected) as err:
        import_ledger(source=path)

    assert "第5行过长" in str(err.value.errors[0])
    assert Household.objects.count() == 0
