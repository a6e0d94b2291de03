"""One registry of case actions (cases/actions.py): the page's forms and the API's endpoints come from it."""

import pytest
from django.urls import reverse

from wennuan.api import api
from wennuan.cases import actions, lifecycle
from wennuan.cases.enums import CaseState

from .factories import dispatched, new_case


def test_every_rule_of_the_state_machine_has_one_action_and_no_action_lacks_a_rule():
    assert list(actions.ACTIONS) == list(lifecycle.ACTIONS)


def test_the_api_has_one_endpoint_per_action_with_its_schema_and_stable_ids():
    paths = api.get_openapi_schema()["paths"]
    for code, action in actions.ACTIONS.items():
        op = paths[f"/api/v1/cases/{{case_id}}/{code}"]["post"]
        assert op["summary"] == action.label
        body = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert body.endswith(f"/{action.schema.__name__}")
    # operationIds clients were generated from (return is a keyword: its function was return_)
    assert paths["/api/v1/cases/{case_id}/return"]["post"]["operationId"] == "wennuan_cases_api_return_"
    assert paths["/api/v1/cases/{case_id}/dispatch"]["post"]["operationId"] == "wennuan_cases_api_dispatch"


@pytest.mark.django_db
def test_the_page_shows_each_allowed_action_with_the_fields_of_its_schema(client, actors):
    case = new_case(household=actors.household)
    client.force_login(actors.dispatcher)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    form = html[html.index('id="form-dispatch"') :]
    form = form[: form.index("</form>")]
    assert 'name="station_id"' in form and 'name="note"' in form
    assert 'name="reason"' not in form


@pytest.mark.django_db
def test_a_reason_action_on_the_page_needs_its_reason_like_the_api(client, actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    client.force_login(actors.crew)
    url = reverse("cases:act", args=[case.pk, "return"])
    r = client.post(url, {"version": case.version, "reason": "  "}, follow=True)
    assert r.status_code == 400 and "提交的内容有误：请填写理由" in r.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.DISPATCHED
    api_answer = client.post(
        f"/api/v1/cases/{case.pk}/return", {"version": case.version}, content_type="application/json"
    )
    assert api_answer.status_code == 422
    client.post(url, {"version": case.version, "reason": "非本站负责"})
    case.refresh_from_db()
    assert case.state == CaseState.RETURNED


@pytest.mark.django_db
def test_a_station_that_does_not_exist_is_refused_not_replaced_by_the_default(client, actors):
    case = new_case(household=actors.household)
    client.force_login(actors.dispatcher)
    r = client.post(
        reverse("cases:act", args=[case.pk, "dispatch"]),
        {"version": case.version, "station_id": 999999},
        follow=True,
    )
    assert "换热站不存在" in r.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
