"""The intake form's as-you-type suggestions, served by the triage engine."""

import pytest

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import StationFactory


@pytest.fixture
def agent(city):
    return UserFactory(username="agent-suggest", role=Role.HOTLINE_AGENT)


def test_typed_address_suggests_the_household_with_its_account(client, city, agent):
    client.force_login(agent)
    res = client.get("/triage/suggest/", {"address": "陆合小区3号楼2单元502"})
    assert res.status_code == 200
    html = res.content.decode()
    assert "六合小区" in html and "3号楼" in html and "2单元" in html and "502" in html
    assert 'data-account="LH' in html


def test_account_is_withheld_where_the_household_is_out_of_scope(client, city):
    crew = UserFactory(username="crew-suggest", role=Role.STATION_CREW, station=StationFactory(name="别站"))
    client.force_login(crew)
    html = client.get("/triage/suggest/", {"address": "六合小区3号楼2单元502"}).content.decode()
    assert "六合小区" in html  # the place itself is no secret
    assert 'data-account="LH' not in html


def test_nothing_found_says_the_case_can_still_be_taken(client, city, agent):
    client.force_login(agent)
    html = client.get("/triage/suggest/", {"address": "火星基地9号楼"}).content.decode()
    assert "人工派单" in html


def test_suggestions_need_a_login(client, city):
    res = client.get("/triage/suggest/", {"address": "六合小区"})
    assert res.status_code == 302


def test_intake_form_asks_the_engine_as_the_agent_types(client, city, agent):
    client.force_login(agent)
    html = client.get("/cases/new/").content.decode()
    assert 'hx-get="/triage/suggest/"' in html
    assert 'id="address-suggestions"' in html
