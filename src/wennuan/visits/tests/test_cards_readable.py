"""Contact cards (issue #20): rooms in numeric order (302 before 1102), the grid's current grid worker named
(not a name left in the registry), and the report URL printed under the QR code."""

import pytest

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import BuildingFactory, GridFactory, HouseholdFactory, UnitFactory
from wennuan.visits.cards import cards_for, render_document

from .test_cards import _texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def households():
    grid = GridFactory(name="五泉一网格", worker_name="张旧人", worker_phone="13900000009")
    unit = UnitFactory(building=BuildingFactory(label="3号楼", estate__name="幸福小区"), label="2单元")
    for room in ("1102", "302", "201", "1001", "2101"):
        HouseholdFactory(unit=unit, grid=grid, room=room)
    return unit.households.all()


def test_rooms_in_numeric_order(households):
    rooms = [c.household.removeprefix("幸福小区3号楼2单元") for c in cards_for(households)]
    assert rooms == ["201", "302", "1001", "1102", "2101"]


def test_the_grids_current_worker_is_named(households):
    grid = households.first().grid
    UserFactory(role=Role.GRID_WORKER, grid=grid, first_name="李娜", phone="13700000001", is_active=False)
    UserFactory(role=Role.GRID_WORKER, grid=grid, first_name="周网格", phone="13700000002")
    card = cards_for(households)[0]
    assert (card.worker_name, card.worker_phone) == ("周网格", "13700000002")


def test_the_report_url_is_printed_under_the_qr_code(households):
    cards = cards_for(households)
    text = "".join(_texts(render_document(cards, title="便民卡").pages[0]._page_box))
    assert cards[0].report_url in text
