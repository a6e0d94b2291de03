import io

import pytest
from django.utils import timezone

from wennuan.core.demo import seed_extras
from wennuan.registry.demo import build_demo_city
from wennuan.registry.models import Household
from wennuan.visits.models import Campaign, VisitTask


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_city_gets_a_campaign_under_way_with_a_task_for_every_household():
    build_demo_city(households=150, seed=4)
    out = io.StringIO()
    seed_extras(out=out)
    assert "演示走访活动" in out.getvalue()
    campaign = Campaign.objects.get()
    phase = campaign.phases.get()
    assert phase.starts_on <= timezone.localdate() <= phase.ends_on
    assert VisitTask.objects.filter(phase=phase).count() == Household.objects.count() == 150
    seed_extras(out=io.StringIO())  # a second run adds no second campaign
    assert Campaign.objects.count() == 1
