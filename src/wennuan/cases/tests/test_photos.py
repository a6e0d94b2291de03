"""Photos on the case page are checked (type, size: the one validator visits use too) and stored only after
the action's own checks, and never left behind by an action that did not happen."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wennuan.cases.enums import CaseState, RootCause

from .factories import accepted, new_case

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


PNG = _png()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(media) -> list:
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def _resolve(client, case, photo, **fields):
    return client.post(
        reverse("cases:act", args=[case.pk, "resolve"]),
        {
            "version": case.version,
            "resolution": "清洗过滤网",
            "root_cause": RootCause.COMPANY,
            "temperature": "19.5",
            "photo": photo,
            **fields,
        },  # fmt: skip
        follow=True,
    )


def test_resolve_with_a_photo_stores_it_named_by_its_content(client, actors, media):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    _resolve(client, case, SimpleUploadedFile("现场.html", PNG))
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED
    stored = _stored(media)
    assert len(stored) == 1 and stored[0].endswith(".png")
    assert case.evidence["photos"] == [f"cases/{case.pk}/{stored[0]}"]


def test_a_photo_is_not_stored_when_the_action_is_refused(client, actors, media):
    """The hotline agent may not 办结: before, the page stored the photo and the service refused after."""
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.agent)
    _resolve(client, case, SimpleUploadedFile("x.png", PNG))
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert _stored(media) == []


def test_a_photo_is_taken_back_when_the_change_fails_after_storing(client, actors, media):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    r = _resolve(client, case, SimpleUploadedFile("x.png", PNG), root_cause="no-such-cause")
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert "no-such-cause" in r.content.decode() or "原因" in r.content.decode()
    assert _stored(media) == []


def test_a_file_that_is_no_image_or_too_large_is_refused_with_the_reason(client, actors, media, settings):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.crew)
    r = _resolve(client, case, SimpleUploadedFile("x.png", b"<html>not a photo</html>"))
    assert "只能上传照片" in r.content.decode()
    settings.MAX_PHOTO_BYTES = 32
    r = _resolve(client, case, SimpleUploadedFile("x.png", PNG))
    assert "照片过大" in r.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert _stored(media) == []
