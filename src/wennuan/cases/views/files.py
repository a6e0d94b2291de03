"""A case's photos (办结 site photos, 回访 测温拍照), served to signed-in people whose scope covers the case.

Uploads are never public: there is no /media/ URL. A file is served only when it is one of the case's own
attachments (so a path cannot reach another case's or a visit's files) and the case is visible to the user
(``selectors.case_for``: otherwise a 404, as if it did not exist)."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from wennuan.core.errors import NotInScope

from .. import selectors


@login_required
def case_file(request, pk: int, name: str):
    try:
        case = selectors.case_for(user=request.user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc
    if name not in selectors.case_files(case) or not default_storage.exists(name):
        raise Http404("附件不存在")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not kind.startswith("image/"):
        kind = "application/octet-stream"  # only pictures are shown inline
    response = FileResponse(default_storage.open(name, "rb"), content_type=kind)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
