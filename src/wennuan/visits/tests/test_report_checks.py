"""The public report page (the contact card's QR code) checks what a resident types: a number one can call
back and an address a crew can find, and says what is missing (issue #20: it took 「我家」 and phone 「1」)."""

import pytest

from wennuan.cases.models import Case
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.visits.cards import cards_for
from wennuan.visits.models import GridReportLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def url():
    home = HouseholdFactory()
    cards_for(type(home).objects.filter(pk=home.pk))
    return f"/visits/report/{GridReportLink.objects.get().token}/"


def test_a_vague_address_and_a_one_digit_phone_are_refused_naming_what_is_missing(client, url):
    page = client.post(url, {"text": "暖气不热", "address": "我家", "phone": "1"}).content.decode()
    assert "地址缺少小区或街道名称、楼号、房号" in page
    assert "手机号应为11位（现为1位）" in page
    assert "已收到" not in page and not Case.objects.exists()


@pytest.mark.parametrize(
    ("address", "phone"),
    [
        ("幸福小区3号楼2单元301", "138 1234 5678"),
        ("金色阳光3-2-301", "0931-8123456"),
        ("西园路8号院2号楼1单元1102室", "+86 13812345678"),
    ],
)
def test_what_people_really_write_is_taken(client, url, address, phone):
    page = client.post(url, {"text": "暖气不热", "address": address, "phone": phone}).content.decode()
    assert "已收到" in page
    case = Case.objects.get()
    assert case.reporter_phone.isdigit() and case.external_id in page  # its public reference


def test_a_missing_room_is_named(client, url):
    page = client.post(
        url, {"text": "不热", "address": "幸福小区3号楼", "phone": "13812345678"}
    ).content.decode()
    assert "地址缺少房号" in page
