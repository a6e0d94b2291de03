"""Photos an action on a case carries (site photos on 办结, 测温拍照 on a revisit): stored by the write that
takes them, only after its checks, and removed again when that write does not happen."""

import uuid
from contextlib import contextmanager

from django.core.files.storage import default_storage

from wennuan.core.images import checked_image

from ..models import Case
from ._base import authorize


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
