# Placeholder routes, replaced by the registry web shell (issue 2 §7).
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("尚未实现", status=501)


overview = estate_list = estate_detail = building_detail = household_list = household_detail = _todo
