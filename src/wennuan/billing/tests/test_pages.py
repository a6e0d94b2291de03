"""The billing pages as each role uses them: measure on the phone, read the refund, run the ledger."""

import pytest
import time_machine
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.billing.models import Measurement, RefundEntry
from wennuan.cases.tests.factories import crew_for, dispatcher_for, new_case, supervisor
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import StationFactory

from .conftest import local
from .factories import household_with_tariff, measure, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_case(in_season):
    household = household_with_tariff()
    return new_case(household=household, category=Category.REFUND, text="家里只有15度，申请测温")


def form(day="2025-12-10", start="09:30", t=("15.0", "15.1", "15.2"), **over):
    data = {
        "measured_at": f"{day}T{start}", "instrument_serial": "TM-1", "certificate_no": "JD-1",
        "outdoor_celsius": "-6", "latitude": "36.06", "longitude": "103.83", "company_signed": "on",
        "resident_signed": "on", "r0_name": "卧室", "r0_height": "1.2", "r0_closed": "08:50", "r0_stable": "0.1",
        "r0_t0": t[0], "r0_t1": t[1], "r0_t2": t[2], "r0_at0": f"{start}:00", "r0_at1": f"{start[:3]}{int(start[3:]) + 1:02d}:00",
        "r0_at2": f"{start[:3]}{int(start[3:]) + 2:02d}:00", "photo": photo(),
    }  # fmt: skip
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def test_the_crew_lists_requests_and_measures_by_the_method(client, request_case):
    crew = crew_for(request_case.household.station)
    client.force_login(crew)
    listing = client.get(reverse("billing:requests"))
    assert f"#{request_case.pk}".encode() in listing.content
    url = reverse("billing:measure", args=[request_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form())
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "12月10日测温15.1℃（标准18℃）".encode() in page.content
    assert Measurement.objects.get().case == request_case


def test_an_invalid_record_is_refused_with_the_reason_and_nothing_stored(client, request_case):
    client.force_login(crew_for(request_case.household.station))
    response = client.post(
        reverse("billing:measure", args=[request_case.pk]), form(certificate_no="", r0_closed="09:20")
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "须记录仪器检定证书编号" in text and "门窗须关闭至少30分钟后再读数" in text
    assert not Measurement.objects.exists()


def test_other_roles_and_other_stations_cannot_measure(client, request_case):
    url = reverse("billing:measure", args=[request_case.pk])
    client.force_login(UserFactory(role="grid_worker", grid=request_case.household.grid))
    assert client.get(url).status_code == 403
    client.force_login(crew_for(StationFactory()))
    assert client.get(url).status_code == 404


def test_the_household_page_shows_the_refund_and_its_explanation(client, in_season):
    household = household_with_tariff()
    crew = crew_for(household.station)
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    measure(household, crew, local("2025-12-14T09:30"), "18.3")
    client.force_login(dispatcher_for(household.station.company))
    page = client.get(reverse("registry:household", args=[household.account])).content.decode()
    assert "测温退费" in page and "35.76 元" in page and "按50%退费" in page
    own = client.get(reverse("billing:household", args=[household.account])).content.decode()
    assert "季费：100.00㎡ × 27.00元/㎡ = <strong>2700.00 元</strong>" in own


def test_the_ledger_page_and_export_are_scoped_and_decisions_work(
    client, in_season, django_assert_max_num_queries
):
    households = [household_with_tariff() for _ in range(3)]
    for h in households:
        crew = crew_for(h.station)
        measure(h, crew, local("2025-12-10T09:30"), "15.0")
        measure(h, crew, local("2025-12-14T09:30"), "18.3")
    mine = households[0]
    client.force_login(dispatcher_for(mine.station.company))
    with django_assert_max_num_queries(14):
        page = client.get(reverse("billing:ledger"))
    assert mine.account.encode() in page.content
    assert households[1].account.encode() not in page.content
    entry = RefundEntry.objects.get(household=mine)
    assert client.post(reverse("billing:approve", args=[entry.pk])).status_code == 302
    assert client.post(reverse("billing:paid", args=[entry.pk]), {"paid_on": "2025-12-20"}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "paid"
    other = RefundEntry.objects.get(household=households[1])
    assert client.post(reverse("billing:approve", args=[other.pk])).status_code == 404
    xlsx = client.get(reverse("billing:ledger_xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_supervisors_home_shows_overdue_refunds(client, in_season):
    household = household_with_tariff()
    crew = crew_for(household.station)
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    with time_machine.travel(local("2026-06-02T09:00"), tick=False):
        client.force_login(supervisor())
        page = client.get("/").content.decode()
    assert "逾期未退费" in page and household.account in page


def test_a_bad_filter_is_a_404_not_a_500(client, in_season):
    client.force_login(supervisor())
    assert client.get(reverse("billing:ledger"), {"season": "abc"}).status_code == 404


def test_a_reduction_is_proposed_from_the_page(client, in_season):
    household = household_with_tariff()
    client.force_login(dispatcher_for(household.station.company))
    from wennuan.rules.selectors import season_on

    season = season_on(city=household.station.company.city_id, on=local("2025-12-20T00:00"))
    response = client.post(
        reverse("billing:reduction_new"),
        {
            "estate": household.unit.building.estate_id,
            "season": season.pk,
            "days": 60,
            "reason": "管网改造协商减免",
        },
    )
    assert response.status_code == 302
    assert "管网改造协商减免" in client.get(reverse("billing:ledger")).content.decode()
