"""Throttles of anonymous endpoints (per client) and of API tokens (per token), counted in the database
(core.ratecache) so that every server process shares them."""

import pytest
import time_machine
from django.utils import timezone

from wennuan.accounts.enums import Role
from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import RateCounter
from wennuan.core.ratecache import expire_rate_counters

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    settings.RATES = {**settings.RATES, "anonymous": "3/m", "api_token": "4/m"}


def test_health_is_throttled_per_client(client, rates):
    codes = [client.get("/api/health").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get("/api/health", REMOTE_ADDR="10.9.9.9").status_code == 200
    r = client.get("/api/health")
    assert r.json()["code"] == "throttled" and r["Retry-After"] == "60"


def test_api_is_throttled_per_token(client, rates):
    user = UserFactory(role=Role.HOTLINE_AGENT)
    _, one = ApiToken.issue(user=user, name="one")
    _, two = ApiToken.issue(user=user, name="two")

    codes = [client.get("/api/v1/notices/", HTTP_AUTHORIZATION=f"Bearer {one}").status_code for _ in range(6)]

    assert codes == [200] * 4 + [429] * 2
    assert client.get("/api/v1/notices/", HTTP_AUTHORIZATION=f"Bearer {two}").status_code == 200


def test_the_window_ends_and_old_counters_are_swept(client, rates):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            client.get("/api/health")
        assert client.get("/api/health").status_code == 429
    with time_machine.travel(start + timezone.timedelta(minutes=3), tick=False):
        assert client.get("/api/health").status_code == 200
        assert expire_rate_counters()["deleted"] >= 1
    assert RateCounter.objects.count() == 1
