"""The supervisor's webhook page (log and replay) and the public API docs page."""

import pytest
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import services
from wennuan.cases.tests.factories import Actors, new_case
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.open311 import delivery
from wennuan.open311.enums import DeliveryStatus
from wennuan.open311.models import WebhookEvent

from . import factories as f
from .receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    receiver = Receiver().start()
    jur = f.jurisdiction()
    household = f.placed_household(jur)
    client, _ = f.client(jur, webhook_url=receiver.url)
    actors = Actors(household)
    for _ in range(3):
        services.dispatch_case(case=new_case(household=household, by=client.user), by=actors.dispatcher)
    delivery.work_once()
    receiver.stop()
    return actors


def test_supervisor_sees_the_log_and_replays_an_event(client, events, django_assert_max_num_queries):
    client.force_login(events.supervisor)
    with django_assert_max_num_queries(9):
        page = client.get(reverse("open311:webhooks"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count("派单") >= 3 and "HTTP 204" in html and "重发" in html
    event = WebhookEvent.objects.order_by("id").first()
    response = client.post(reverse("open311:replay", args=[event.pk]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == DeliveryStatus.PENDING
    assert AuditLog.objects.filter(action="open311.webhook_replay").count() == 1


def test_other_roles_may_not_see_or_replay(client, events):
    client.force_login(events.crew)
    assert client.get(reverse("open311:webhooks")).status_code == 403
    event = WebhookEvent.objects.first()
    assert client.post(reverse("open311:replay", args=[event.pk])).status_code == 403
    assert WebhookEvent.objects.get(pk=event.pk).status == DeliveryStatus.DELIVERED


def test_replay_needs_a_post_with_csrf(events):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(events.supervisor)
    event = WebhookEvent.objects.first()
    assert strict.post(reverse("open311:replay", args=[event.pk])).status_code == 403
    assert strict.get(reverse("open311:replay", args=[event.pk])).status_code == 405


def test_docs_page_shows_both_apis_in_chinese_and_english(client):
    f.jurisdiction()
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    html = client.get(reverse("open311:docs")).content.decode()
    for words in (
        "GeoReport v2",
        "lanzhou.gov.cn",
        "X-Wennuan-Signature",
        "client_reference",
        "验签",
        "English",
    ):
        assert words in html


def test_the_worker_is_registered_for_wennuan_run_and_the_demo_is_served():
    from wennuan.core import workers
    from wennuan.open311.demo import seed_demo_open311
    from wennuan.open311.models import Client, Jurisdiction
    from wennuan.registry.tests.factories import CityFactory

    assert workers._WORKERS["webhooks"] is delivery.loop
    CityFactory()
    UserFactory(role=Role.SUPERVISOR)
    line = seed_demo_open311()
    assert "api_key" in line and Jurisdiction.objects.get().reader is not None and Client.objects.count() == 1
    assert seed_demo_open311() == ""  # once
