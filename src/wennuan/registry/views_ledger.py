# Placeholder routes, replaced by the ledger import/export pages (issue 2 §4).
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("尚未实现", status=501)


import_page = export_xlsx = _todo
