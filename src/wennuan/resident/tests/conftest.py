import pytest
from django.core.cache import cache

from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.resident import sms
from wennuan.rules.models import CaseRules


@pytest.fixture(autouse=True)
def _resident_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMS_BACKEND = "wennuan.resident.sms.MemorySmsBackend"
    sms.MemorySmsBackend.outbox.clear()
    cache.clear()  # django-ratelimit's counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def household(db):
    h = HouseholdFactory(phone="13812345678")
    CaseRules.objects.update(outage_min_cases=100)  # several reports from one building in a test
    return h


@pytest.fixture
def neighbour(household):
    """Another household of the same building, with its own phone."""
    return HouseholdFactory(
        unit=household.unit, grid=household.grid, station=household.station, phone="13900001111"
    )


def last_code() -> str:
    phone, text = sms.MemorySmsBackend.outbox[-1]
    return text.split("验证码是")[1][:6]


@pytest.fixture
def identified(client):
    """``identified(household)`` signs the test client in as that household through the real pages."""

    def _identify(h, c=None):
        c = c or client
        r = c.post("/resident/", {"account": h.account, "phone": h.phone})
        assert r.status_code == 302, r.content.decode()[:500]
        r = c.post("/resident/verify/", {"code": last_code()})
        assert r.status_code == 302 and r["Location"].endswith("/resident/home/")
        return c

    return _identify
