"""The public report page: throttled per client and per card, an unguessable reference instead of the case
id, and QR codes that point at WENNUAN_PUBLIC_URL whatever Host the printing request came with."""

import re

import pytest

from wennuan.cases.models import Case
from wennuan.visits.cards import cards_for
from wennuan.visits.models import GridReportLink

from .test_cards import building  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
REPORT = {"text": "暖气不热", "address": "幸福小区3号楼2单元101", "phone": "13700000000"}


@pytest.fixture
def token(building):  # noqa: F811
    cards_for(building.units.first().households.all())
    return GridReportLink.objects.get().token


@pytest.fixture
def rates(settings):
    settings.RATES = {**settings.RATES, "public_report_client": "3/m", "public_report_card": "5/h"}


def test_one_client_is_throttled_after_the_rate(client, token, rates):
    codes = [client.post(f"/visits/report/{token}/", REPORT).status_code for _ in range(5)]

    assert codes == [200, 200, 200, 429, 429]
    assert Case.objects.count() == 3


def test_one_card_is_throttled_across_clients(client, token, rates):
    codes = [
        client.post(f"/visits/report/{token}/", REPORT, REMOTE_ADDR=f"10.0.0.{i}").status_code
        for i in range(7)
    ]

    assert codes == [200] * 5 + [429] * 2
    assert Case.objects.count() == 5


def test_throttled_answer_says_when_to_retry(client, token, rates):
    for _ in range(3):
        client.post(f"/visits/report/{token}/", REPORT)
    response = client.post(f"/visits/report/{token}/", REPORT)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "请求过于频繁" in response.content.decode()


def test_reading_the_page_is_not_counted(client, token, rates):
    assert all(client.get(f"/visits/report/{token}/").status_code == 200 for _ in range(10))


def test_the_resident_gets_an_unguessable_reference_not_the_case_id(client, token):
    page = client.post(f"/visits/report/{token}/", REPORT).content.decode()

    case = Case.objects.get()
    assert re.fullmatch(r"W[2-9A-HJKMNP-Z]{10}", case.external_id)
    assert f"受理编号 {case.external_id}" in page
    assert f"编号 {case.pk}" not in page


def test_qr_codes_use_the_public_url(settings, building):  # noqa: F811
    settings.PUBLIC_URL = "https://heat.example.gov.cn"
    cards = cards_for(building.units.first().households.all())
    # Whichever page the QR opens (the grid's report page, or the resident page that registers itself),
    # it is under the public address, never the printing request's Host.
    assert cards and all(c.report_url.startswith("https://heat.example.gov.cn/") for c in cards)
