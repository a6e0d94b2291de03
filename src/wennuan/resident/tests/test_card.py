"""A contact card's QR code lands on the self-service page with the building preselected."""

import pytest

from wennuan.registry.tests.factories import BuildingFactory, HouseholdFactory, UnitFactory
from wennuan.visits.cards import report_link

pytestmark = pytest.mark.django_db


def test_the_card_shows_the_grid_contacts_and_preselects_its_building(client, household, identified):
    estate = household.unit.building.estate
    corner = BuildingFactory(estate=estate, label="9号楼")
    HouseholdFactory(
        unit=UnitFactory(building=corner), grid=household.grid, station=household.station, phone="13900009999"
    )
    link = report_link(household.grid)
    r = client.get(f"/resident/card/{link.token}/?b={corner.pk}")
    assert r.status_code == 302 and r["Location"].endswith("/resident/")
    body = client.get("/resident/").content.decode()
    assert household.grid.worker_phone in body and f"{estate.name}9号楼" in body
    assert f"/visits/report/{link.token}/" in body  # no 户号: the card's own report page, linked
    identified(household)
    form = client.get("/resident/report/").content.decode()
    assert f'value="{corner.pk}" selected' in form


def test_a_card_cannot_preselect_a_building_outside_its_grid(client, household):
    far = BuildingFactory()
    HouseholdFactory(unit=UnitFactory(building=far), phone="13900008888")
    link = report_link(household.grid)
    client.get(f"/resident/card/{link.token}/?b={far.pk}")
    assert far.estate.name not in client.get("/resident/").content.decode()


def test_an_unknown_card_is_not_found(client, household):
    assert client.get("/resident/card/nope/").status_code == 404


def test_the_demo_names_a_household_to_try(household):
    from wennuan.resident.demo import demo_resident

    assert household.account in demo_resident() and household.phone in demo_resident()


def test_printed_cards_carry_the_resident_page_with_their_building(household, client, settings):
    from wennuan.visits.cards import cards_for

    settings.PUBLIC_URL = "http://heat.example"
    other = BuildingFactory(estate=household.unit.building.estate, label="7号楼")
    HouseholdFactory(unit=UnitFactory(building=other), grid=household.grid, station=household.station)
    cards = cards_for(household.grid.households.all())
    token = report_link(household.grid).token
    assert {c.report_url for c in cards} == {
        f"http://heat.example/resident/card/{token}/?b={household.unit.building_id}",
        f"http://heat.example/resident/card/{token}/?b={other.pk}",
    }
    path = cards[0].report_url.removeprefix("http://heat.example")
    assert client.get(path).status_code == 302
    assert client.session["resident.card"]["building"] in (household.unit.building_id, other.pk)
