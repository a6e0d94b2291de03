"""Identification by 户号 + registered mobile + one-time code: hashed, short-lived, limited tries, throttled."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from wennuan.core.models import AuditLog
from wennuan.resident import sms
from wennuan.resident.identify import NO_MATCH, CodeRefused, IdentifyRefused, request_code, verify_code
from wennuan.resident.models import LoginCode
from wennuan.resident.phones import PhoneInvalid

from .conftest import last_code

pytestmark = pytest.mark.django_db


def test_a_code_goes_to_the_registered_mobile_and_only_its_hash_is_stored(household):
    row = request_code(account=household.account, phone="138 1234 5678")
    phone, text = sms.MemorySmsBackend.outbox[-1]
    code = last_code()
    assert phone == "13812345678" and code.isdigit() and len(code) == 6
    row.refresh_from_db()
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert verify_code(code_id=row.pk, code=code) == household
    assert AuditLog.objects.filter(action="resident.code_sent").exists()


def test_unknown_account_and_wrong_phone_get_the_same_words(household):
    with pytest.raises(IdentifyRefused) as unknown:
        request_code(account="NO-SUCH", phone="13812345678")
    with pytest.raises(IdentifyRefused) as wrong_phone:
        request_code(account=household.account, phone="13700000000")
    assert str(unknown.value) == str(wrong_phone.value) == NO_MATCH
    assert sms.MemorySmsBackend.outbox == []


@pytest.mark.parametrize(
    "phone,why",
    [("", "请填写手机号"), ("1381234567", "11位"), ("0931-8123456", "11位"), ("23812345678", "11位")],
)
def test_only_a_mobile_can_receive_a_code(household, phone, why):
    with pytest.raises(PhoneInvalid, match=why):
        request_code(account=household.account, phone=phone)


def test_a_wrong_code_counts_and_says_how_many_tries_are_left(household):
    row = request_code(account=household.account, phone=household.phone)
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(CodeRefused, match="还可尝试4次"):
        verify_code(code_id=row.pk, code=wrong)
    row.refresh_from_db()
    assert row.attempts == 1  # kept although the check raised


def test_five_wrong_tries_use_the_code_up_even_for_the_right_code(household):
    row = request_code(account=household.account, phone=household.phone)
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(CodeRefused):
            verify_code(code_id=row.pk, code=wrong)
    with pytest.raises(CodeRefused, match="次数过多"):
        verify_code(code_id=row.pk, code=code)
    assert AuditLog.objects.filter(action="resident.code_locked").count() == 1


def test_a_code_expires(household):
    row = request_code(account=household.account, phone=household.phone)
    code = last_code()
    later = timezone.now() + timedelta(minutes=5, seconds=1)
    with time_machine.travel(later), pytest.raises(CodeRefused, match="过期"):
        verify_code(code_id=row.pk, code=code)


def test_a_code_works_once_and_a_newer_one_retires_it(household):
    first = request_code(account=household.account, phone=household.phone)
    first_code = last_code()
    second = request_code(account=household.account, phone=household.phone)
    with pytest.raises(CodeRefused, match="失效"):
        verify_code(code_id=first.pk, code=first_code)
    code = last_code()
    verify_code(code_id=second.pk, code=code)
    with pytest.raises(CodeRefused, match="已使用"):
        verify_code(code_id=second.pk, code=code)


def test_the_pages_identify_and_the_session_is_bound_and_short(client, household, identified):
    identified(household)
    r = client.get("/resident/home/")
    assert r.status_code == 200 and household.account in r.content.decode()
    assert "138****5678" in r.content.decode() and "13812345678" not in r.content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        r = client.get("/resident/home/")
    assert r.status_code == 302 and r["Location"].endswith("/resident/")


def test_the_verify_page_echoes_the_phone_masked(client, household):
    client.post("/resident/", {"account": household.account, "phone": household.phone})
    body = client.get("/resident/verify/").content.decode()
    assert "138****5678" in body and "13812345678" not in body


def test_code_requests_are_throttled_per_account(client, household, settings):
    settings.RESIDENT_RATES = {**settings.RESIDENT_RATES, "code_account": "3/h", "code_client": "100/h"}
    for _ in range(3):
        assert (
            client.post("/resident/", {"account": household.account, "phone": household.phone}).status_code
            == 302
        )
    r = client.post("/resident/", {"account": household.account, "phone": household.phone})
    assert r.status_code == 429 and r["Retry-After"]
    assert LoginCode.objects.count() == 3


def test_code_requests_are_throttled_per_client(client, household, neighbour, settings):
    settings.RESIDENT_RATES = {**settings.RESIDENT_RATES, "code_client": "2/h", "code_account": "100/h"}
    client.post("/resident/", {"account": household.account, "phone": household.phone})
    client.post("/resident/", {"account": "guess-1", "phone": "13800000000"})
    r = client.post("/resident/", {"account": neighbour.account, "phone": neighbour.phone})
    assert r.status_code == 429


def test_code_checks_are_throttled_per_client(client, household, settings):
    settings.RESIDENT_RATES = {**settings.RESIDENT_RATES, "verify_client": "2/h"}
    client.post("/resident/", {"account": household.account, "phone": household.phone})
    client.post("/resident/verify/", {"code": "000000"})
    client.post("/resident/verify/", {"code": "000000"})
    assert client.post("/resident/verify/", {"code": last_code()}).status_code == 429
