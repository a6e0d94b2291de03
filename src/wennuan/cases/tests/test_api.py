import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases.enums import CaseState
from wennuan.cases.models import Case
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import HouseholdFactory

from .factories import accepted, new_case

pytestmark = pytest.mark.django_db
API = "/api/v1/cases"


def bearer(client, user):
    _, key = ApiToken.issue(user=user, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def post(client, user, path, body):
    client.force_login(user)
    return client.post(f"{API}{path}", body, content_type="application/json")


def intake_body(household, **extra):
    return {
        "channel": "hotline_12345",
        "external_id": "GD-API-1",
        "text": "暖气不热",
        "household_id": household.pk,
        "category": "not_warm",
        "reporter_name": "王小英",
        "reporter_phone": "13812345678",
        **extra,
    }


def test_intake_returns_201_then_200_for_the_same_ticket(client, actors):
    bearer(client, actors.agent)
    first = client.post(f"{API}/", intake_body(actors.household), content_type="application/json")
    again = client.post(f"{API}/", intake_body(actors.household), content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Case.objects.count() == 1


def test_intake_without_ticket_for_12345_is_422(client, actors):
    r = post(client, actors.agent, "/", intake_body(actors.household, external_id=""))
    assert r.status_code == 422 and r.json()["code"] == "intake_rejected"


def test_full_loop_over_the_api_with_stale_version_409(client, actors, media):
    case = post(client, actors.agent, "/", intake_body(actors.household)).json()
    r = post(client, actors.dispatcher, f"/{case['id']}/dispatch", {"version": 1})
    assert r.status_code == 200 and r.json()["state"] == "dispatched"
    stale = post(client, actors.crew, f"/{case['id']}/accept", {"version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    r = post(client, actors.crew, f"/{case['id']}/accept", {"version": 2})
    assert r.status_code == 200 and "resolve" in r.json()["allowed_actions"]
    r = post(
        client,
        actors.crew,
        f"/{case['id']}/resolve",
        {"version": 3, "resolution": "放气", "root_cause": "resident", "temperature": 19.5},
    )
    assert r.json()["state"] == "resolved"
    photo = uploaded(client, actors.grid_worker, case["id"], "revisit")
    r = post(
        client,
        actors.grid_worker,
        f"/{case['id']}/revisit",
        {"version": 4, "satisfaction": "satisfied", "temperature": 20, "photo": photo},
    )
    assert r.json()["state"] == "revisited"
    r = post(client, actors.agent, f"/{case['id']}/close", {"version": 5})
    assert r.json()["state"] == "closed"
    actions = [e["action"] for e in r.json()["events"]]
    assert actions == ["receive", "dispatch", "accept", "resolve", "revisit", "close"]


def test_illegal_transition_is_409_with_chinese_detail(client, actors):
    case = post(client, actors.agent, "/", intake_body(actors.household)).json()
    r = post(client, actors.crew, f"/{case['id']}/accept", {"version": 1})
    assert r.status_code in (404, 409)
    r = post(client, actors.agent, f"/{case['id']}/close", {"version": 1})
    assert r.status_code == 409 and "不能归档" in r.json()["detail"]


def test_out_of_scope_case_is_404(client, actors):
    case = post(client, actors.agent, "/", intake_body(actors.household)).json()
    stranger = UserFactory(role=Role.DISPATCHER, company=HouseholdFactory().station.company)
    client.force_login(stranger)
    assert client.get(f"{API}/{case['id']}").status_code == 404
    assert client.get(f"{API}/").json()["count"] == 0


def test_list_masks_personal_data_for_roles_that_do_not_contact_residents(client, actors):
    post(client, actors.agent, "/", intake_body(actors.household))
    client.force_login(actors.supervisor)
    item = client.get(f"{API}/", {"queue": "dispatch"}).json()["items"][0]
    assert item["reporter_phone"] == "138****5678" and item["reporter_name"] == "王*英"
    client.force_login(actors.dispatcher)
    assert client.get(f"{API}/").json()["items"][0]["reporter_phone"] == "13812345678"


def test_kpis_endpoint(client, actors):
    post(client, actors.agent, "/", intake_body(actors.household))
    client.force_login(actors.supervisor)
    r = client.get(f"{API}/kpis", {"group": "company", "start": "2000-01-01", "end": "2100-01-01"})
    assert r.status_code == 200 and r.json()["total"]["received"] == 1
    assert r.json()["rows"][0]["group_name"] == actors.household.station.company.name


def test_unauthenticated_is_401(client):
    assert client.get(f"{API}/").status_code == 401


def test_list_filter_with_an_id_too_large_for_the_database_is_422(client, actors):
    client.force_login(actors.supervisor)
    r = client.get(f"{API}/?company={10**20}")
    assert r.status_code == 422


def test_list_query_count_is_fixed(client, actors, django_assert_max_num_queries):
    for _ in range(5):
        new_case(household=HouseholdFactory(station=actors.household.station, grid=actors.household.grid))
    client.force_login(actors.supervisor)
    with django_assert_max_num_queries(6):
        r = client.get(f"{API}/")
    assert r.status_code == 200 and r.json()["count"] == 5


def test_an_unknown_queue_is_refused_not_ignored(client, actors):
    client.force_login(actors.supervisor)
    assert client.get(f"{API}/", {"queue": "everything"}).status_code == 422
    assert client.get(f"{API}/", {"queue": "overdue"}).status_code == 200


def test_intake_channel_is_the_closed_set_in_the_schema(client):
    """The OpenAPI document lists the channels, and one outside them is refused at the edge (422, field named)."""
    spec = client.get("/api/openapi.json").json()
    channel = spec["components"]["schemas"]["IntakeIn"]["properties"]["channel"]
    ref = channel.get("$ref") or channel.get("allOf", [{}])[0].get("$ref", "")
    values = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]["enum"] if ref else channel["enum"]
    assert "hotline_12345" in values
    agent = UserFactory(role=Role.HOTLINE_AGENT)
    household = HouseholdFactory()
    r = post(client, agent, "/", intake_body(household, channel="carrier_pigeon"))
    assert r.status_code == 422
    assert "channel" in str(r.json())
    assert not Case.objects.exists()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, user, case_id, action, content=None) -> object:
    from .test_photos import PNG

    client.force_login(user)
    return client.post(
        f"{API}/{case_id}/photos",
        {"action": action, "file": SimpleUploadedFile("x.png", content or PNG, content_type="image/png")},
    )


def uploaded(client, user, case_id, action) -> str:
    r = upload(client, user, case_id, action)
    assert r.status_code == 201, r.content
    return r.json()["photo"]


def _accepted(actors):
    return accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)


def _resolve(client, actors, case, photos):
    body = {"version": case.version, "resolution": "清洗过滤网", "root_cause": "company", "photos": photos}
    return post(client, actors.crew, f"/{case.pk}/resolve", body)


def test_resolve_names_a_photo_uploaded_for_the_case(client, actors, media):
    case = _accepted(actors)
    photo = uploaded(client, actors.crew, case.pk, "resolve")
    assert photo.startswith(f"cases/{case.pk}/") and (media / photo).is_file()
    r = _resolve(client, actors, case, [photo])
    assert r.status_code == 200 and r.json()["evidence"]["photos"] == [photo]


@pytest.mark.parametrize(
    "ref", ["any-string.jpg", "../../secret_key", "cases/{pk}/" + "a" * 32 + ".png", "/etc/passwd"]
)
def test_resolve_refuses_photos_the_case_did_not_upload(client, actors, media, ref):
    case = _accepted(actors)
    r = _resolve(client, actors, case, [ref.format(pk=case.pk)])
    assert r.status_code == 400 and "不是本工单上传的照片" in r.json()["detail"]
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED


def test_resolve_refuses_another_cases_upload(client, actors, media):
    other = _accepted(actors)
    photo = uploaded(client, actors.crew, other.pk, "resolve")
    r = _resolve(client, actors, _accepted(actors), [photo])
    assert r.status_code == 400


def test_a_photo_is_stored_only_when_the_action_is_allowed_and_it_is_an_image(client, actors, media):
    case = _accepted(actors)
    assert upload(client, actors.crew, case.pk, "revisit").status_code == 409  # a crew does not revisit
    assert upload(client, actors.crew, case.pk, "resolve", b"<html>").status_code == 400
    assert not [p for p in media.rglob("*") if p.is_file()]
