"""Background ledger import (django-tasks), for files too large to wait for in a browser.

The upload page imports synchronously (a million rows take under a minute); this task is the same
service for callers that hand over a stored file and come back later — run a worker with
``wennuan db_worker`` for the database backend. The result is plain JSON: the report, or every error.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tasks import task

from wennuan.core.errors import DomainError, ImportRejected

from .ledger.importer import import_ledger

UPLOAD_DIR = "ledger_uploads"


def store_upload(upload) -> Path:
    """Save an uploaded file under MEDIA_ROOT where a worker can read it; returns the path."""
    folder = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()[:8]}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@task()
def import_ledger_file(
    path: str,
    user_id: int | None = None,
    city: str | None = None,
    skip_invalid: bool = False,
    filename: str = "",
) -> dict:
    """Import the stored file at ``path`` and delete it. Returns ``{"ok": True, "report": {...},
    "lines": [...]}`` or ``{"ok": False, "errors": ["第N行 [列] 原因（值：…）", ...]}``."""
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        report = import_ledger(source=path, by=by, city=city, skip_invalid=skip_invalid, filename=filename)
    except ImportRejected as err:
        return {"ok": False, "errors": [str(e) for e in err.errors]}
    except DomainError as err:
        return {"ok": False, "errors": [str(err)]}
    finally:
        Path(path).unlink(missing_ok=True)
    return {"ok": True, "report": report.as_dict(), "lines": report.lines()}
