"""Ledger pages: upload a ledger (supervisors only) and download the households one may see as .xlsx.

The upload runs the import synchronously in the request: a million-row CSV takes well under a minute
(see bench/import_registry.py), and the person uploading wants the report — or every bad row — on the
page they are looking at.
"""

import os
import tempfile
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from wennuan.core.errors import DomainError, ImportRejected

from .ledger.columns import HEADERS
from .ledger.exporter import export_ledger
from .ledger.importer import import_ledger
from .models import Household


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label="台账文件（.csv 或 .xlsx）")
    skip_invalid = forms.BooleanField(label="跳过有误的行，导入其余的行", required=False)
    city = forms.CharField(label="城市（库中只有一个城市时可不填）", required=False, max_length=50)


def can_import(user) -> bool:
    return user.is_supervisor


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    if not can_import(request.user):
        raise PermissionDenied("只有供热主管可以导入台账")
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "headers": HEADERS}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["report"] = _run_import(request.user, upload, form.cleaned_data)
        except ImportRejected as err:
            context["rejected"] = err
            status = 422
        except DomainError as err:
            context["problem"] = str(err)
            status = 400
    return render(request, "registry/ledger_import.html", context, status=status)


def _run_import(user, upload, data):
    # The importer reads the file twice (encoding check, then rows): give it a real file on disk.
    suffix = Path(upload.name).suffix.lower()[:8]
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
        tmp.flush()
        return import_ledger(
            source=tmp.name,
            by=user,
            city=data["city"] or None,
            skip_invalid=data["skip_invalid"],
            filename=upload.name,
        )


@login_required
def export_xlsx(request):
    households = Household.objects.visible_to(request.user)
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as tmp:
        path = tmp.name
    try:
        export_ledger(path=path, households=households, viewer=request.user, by=request.user)
        handle = open(path, "rb")  # noqa: SIM115 — FileResponse closes it when the download ends
    finally:
        os.unlink(path)  # the open handle keeps the data until the response is sent
    filename = f"住户台账-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=filename)
