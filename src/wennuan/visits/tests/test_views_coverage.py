import io

import openpyxl
import pytest

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.visits import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(phase, households, supervisor):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    return phase


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_coverage_page_shows_the_summary_and_a_row_per_grid(
    client, supervisor, generated, grid, django_assert_max_num_queries
):
    _login(client, supervisor)
    with django_assert_max_num_queries(12):
        response = client.get(f"/visits/coverage/?phase={generated.pk}&level=grid")
    body = response.content.decode()
    assert response.status_code == 200
    assert "走访小区0个、住户0户，发现问题0个，解决0个" in body
    assert grid.name in body and "应访3户" in body


def test_unvisited_list_masks_names_for_a_supervisor_and_not_for_the_grid_worker(
    client, supervisor, worker, generated, households
):
    body = _login(client, supervisor).get(f"/visits/unvisited/?phase={generated.pk}").content.decode()
    assert households[0].account in body and "王*英" in body and "王小英" not in body
    client.logout()
    body = _login(client, worker).get(f"/visits/unvisited/?phase={generated.pk}").content.decode()
    assert "王小英" in body and "13812345678" in body


def test_unvisited_list_page_query_count_does_not_grow_with_rows(
    client, supervisor, generated, grid, django_assert_max_num_queries
):
    for _ in range(20):
        HouseholdFactory(grid=grid)
    _login(client, supervisor)
    with django_assert_max_num_queries(8):
        assert client.get(f"/visits/unvisited/?phase={generated.pk}").status_code == 200


def test_unvisited_export_lists_exactly_the_unvisited_households(client, worker, generated, households):
    import datetime as dt
    import uuid

    from django.utils import timezone

    services.record_visit(
        by=worker, client_id=uuid.uuid4(), household=households[0], phase=generated, outcome="visited",
        visited_at=timezone.make_aware(dt.datetime(2025, 11, 6, 9)),
    )  # fmt: skip
    response = _login(client, worker).get(f"/visits/unvisited.xlsx?phase={generated.pk}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    accounts = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(accounts) == sorted(h.account for h in households[1:])


@pytest.mark.parametrize("query", ["phase=abc", "phase=1.5"])
@pytest.mark.parametrize(
    "url", ["/visits/coverage/", "/visits/unvisited/", "/visits/unvisited.xlsx", "/visits/satisfaction/"]
)
def test_a_malformed_phase_in_the_query_is_a_404_not_a_server_error(
    client, supervisor, generated, url, query
):
    response = _login(client, supervisor).get(f"{url}?{query}")
    assert response.status_code == 404


@pytest.mark.parametrize("key", ["abc", "%C2%B2", "-1"])
@pytest.mark.parametrize("url", ["/visits/unvisited/", "/visits/unvisited.xlsx"])
def test_a_malformed_key_in_the_query_is_a_404_not_a_server_error(client, supervisor, generated, url, key):
    response = _login(client, supervisor).get(f"{url}?phase={generated.pk}&level=grid&key={key}")
    assert response.status_code == 404
