"""Photos an action on a case carries (site photos on 办结, 测温拍照 on a revisit): stored by the write that
takes them, only after its checks, and removed again when that write does not happen."""

import re
import uuid
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import transaction

from wennuan.core import audit
from wennuan.core.images import InvalidUpload, checked_image

from ..models import Case, CaseEvent
from ._base import authorize, new_event


@contextmanager
def stored_photo(*, case: Case, by, action: str, upload):
    """Check that ``by`` may take ``action`` on ``case`` now (state and role; ``case`` comes from a scoped
    read) and that ``upload`` is an image within the size limit (``core.images``, the check visits use too);
    then store it under ``cases/<id>/``, named by a random id and its content's kind, and yield the stored
    path. Wrap the write in it: if the write (or its commit) fails, the file is deleted again."""
    authorize(case, action, by)
    kind = checked_image(upload)
    path = default_storage.save(f"cases/{case.pk}/{uuid.uuid4().hex}.{kind}", upload)
    try:
        yield path
    except BaseException:
        default_storage.delete(path)
        raise


def add_photo(*, case: Case, upload, by=None, actor_label: str = "", note: str = "") -> CaseEvent:
    """A photo sent with a complaint after intake (the resident's own photo from the self-service page):
    checked like every upload (``core.images``), stored under ``cases/<id>/``, and a timeline line 补充照片
    carrying it, audited; the file is deleted again if the line cannot be written. ``case`` comes from a
    scoped read (or the intake that just created it)."""
    kind = checked_image(upload)
    path = default_storage.save(f"cases/{case.pk}/{uuid.uuid4().hex}.{kind}", upload)
    try:
        with transaction.atomic():
            event = new_event(case, by=by, action="photo", note=note, attachments=[path])
            if actor_label:
                event.actor_label = actor_label
            event.save()
            audit.record(actor=by, action="cases.photo", obj=case, summary=f"工单{case.pk} 补充照片")
    except BaseException:
        default_storage.delete(path)
        raise
    return event


def kept_photo(*, case: Case, by, action: str, upload) -> str:
    """Store a photo for ``action`` that ``by`` is about to take on ``case`` (an API client uploads it
    first, then names it in the action's ``photos``/``photo``); the stored path, audited."""
    with stored_photo(case=case, by=by, action=action, upload=upload) as path:
        audit.record(
            actor=by, action="case.photo", obj=case, summary=f"上传照片（{action}）", changes={"photo": path}
        )
        return path


def own_photos(case: Case, refs) -> list[str]:
    """``refs`` as stored paths of ``case``'s own uploads; anything else (another case's file, a made-up
    name, a path out of the folder) is refused, so evidence can only be a photo someone took for this case."""
    pattern = re.compile(rf"cases/{case.pk}/[0-9a-f]{{32}}\.[a-z]{{3,4}}")
    out = []
    for ref in refs or []:
        ref = (ref or "").strip()
        if not ref:
            continue
        if not pattern.fullmatch(ref) or not default_storage.exists(ref):
            raise InvalidUpload(
                f"照片“{ref[:80]}”不是本工单上传的照片：请先上传（POST /api/v1/cases/{case.pk}/photos）"
            )
        out.append(ref)
    return out
