"""The background import task: same service, JSON result, the stored file removed afterwards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wennuan.registry.models import Household
from wennuan.registry.tasks import import_ledger_file, store_upload

from .test_ledger_import import ledger_row, three_households, write_csv


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_task_imports_a_stored_upload_and_deletes_it(media, tmp_path):
    data = write_csv(tmp_path / "a.csv", three_households()).read_bytes()
    path = store_upload(SimpleUploadedFile("台账.csv", data))

    result = import_ledger_file.call(str(path), filename="台账.csv")

    assert result["ok"] is True
    assert result["report"]["created"] == 3
    assert Household.objects.count() == 3
    assert not path.exists()


@pytest.mark.django_db
def test_task_returns_every_error_of_a_rejected_file(media, tmp_path):
    rows = [ledger_row("H1", area="0"), ledger_row("H2", payment_status="欠费")]
    path = store_upload(SimpleUploadedFile("bad.csv", write_csv(tmp_path / "b.csv", rows).read_bytes()))

    result = import_ledger_file.call(str(path))

    assert result == {
        "ok": False,
        "errors": [
            "第2行 [供热面积] 供热面积必须大于0（值：0）",
            "第3行 [缴费状态] 未知缴费状态（值：欠费）",
        ],
    }
    assert Household.objects.count() == 0
