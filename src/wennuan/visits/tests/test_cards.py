import pytest

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.registry.tests.factories import BuildingFactory, GridFactory, HouseholdFactory, UnitFactory
from wennuan.visits.cards import cards_for, render_document
from wennuan.visits.models import GridReportLink

pytestmark = pytest.mark.django_db


def _texts(box):
    """Every text fragment laid out in a WeasyPrint box tree."""
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", []):
        yield from _texts(child)


@pytest.fixture
def building():
    grid = GridFactory(
        name="五泉一网格", worker_name="李娜", worker_phone="13900000001", community__phone="0931-8800001"
    )
    b = BuildingFactory(label="3号楼", estate__name="幸福小区")
    unit = UnitFactory(building=b, label="2单元")
    for i in range(9):
        HouseholdFactory(
            unit=unit, grid=grid, room=f"{i + 1}01", station__name="东岗换热站", station__phone="0931-8800002"
        )
    return b


def test_building_sheet_has_a_card_per_household_with_every_contact(building, settings):
    settings.PUBLIC_URL = "http://wennuan.example"
    households = building.units.first().households.all()
    cards = cards_for(households)
    doc = render_document(cards, title="便民卡")
    text = "".join(_texts(doc.pages[0]._page_box))
    for expected in (
        "便民服务卡",
        "幸福小区3号楼2单元101",
        "李娜",
        "13900000001",
        "0931-8800001",
        "东岗换热站",
        "0931-8800002",
        "24小时供热热线",
        "0931-96556",
    ):
        assert expected in text, expected
    assert len(doc.pages) == 2  # nine cards, eight to a sheet
    token = GridReportLink.objects.get().token
    # The resident page (registered by wennuan.resident) with the card's building preselected.
    assert {c.report_url for c in cards} == {f"http://wennuan.example/resident/card/{token}/?b={building.pk}"}
    assert cards[0].qr_data_uri.startswith("data:image/svg+xml")


def test_building_cards_pdf_and_the_public_report_page_behind_the_qr(client, supervisor, building):
    client.login(username=supervisor.username, password=PASSWORD)
    response = client.get(f"/visits/cards/building/{building.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.logout()
    token = GridReportLink.objects.get().token
    page = client.get(f"/visits/report/{token}/").content.decode()
    assert "五泉一网格" in page and "0931-96556" in page and "王小英" not in page


def test_resident_report_files_a_contact_card_case(client, building):
    from wennuan.cases.models import Case

    cards_for(building.units.first().households.all())
    token = GridReportLink.objects.get().token
    response = client.post(
        f"/visits/report/{token}/",
        {"text": "暖气不热", "address": "幸福小区3号楼2单元101", "phone": "13700000000"},
    )
    assert "已收到" in response.content.decode()
    case = Case.objects.get()
    assert case.channel == "contact_card" and "五泉一网格便民卡" in case.text


def test_grid_worker_cannot_print_another_grids_cards(client, worker, building):
    client.login(username=worker.username, password=PASSWORD)
    other = GridFactory()
    HouseholdFactory.create_batch(3, grid=other)  # cards there to print, were scope not checked
    mine = HouseholdFactory(grid=worker.grid)
    assert client.get(f"/visits/cards/grid/{mine.grid_id}.pdf").status_code == 200
    assert client.get(f"/visits/cards/grid/{other.pk}.pdf").status_code == 404


@pytest.mark.parametrize("token", ["xx%00yy", "no%20such", "%E4%B8%AD"])
def test_a_malformed_report_token_is_a_404_not_a_server_error(client, token):
    assert client.get(f"/visits/report/{token}/").status_code == 404
