import pytest
from django.urls import reverse

from .factories import record

pytestmark = pytest.mark.django_db


def test_admin_shows_outages_read_only_and_edits_the_city_rule(client, world):
    outage = record(by=world.users["dispatcher"], station=world.objects["s1"])
    boss = world.users["supervisor"]
    boss.is_staff = True  # the demo and real supervisors are staff: the admin is theirs
    boss.save()
    client.force_login(boss)
    assert client.get(reverse("admin:outages_outage_changelist")).status_code == 200
    assert client.get(reverse("admin:outages_outage_change", args=[outage.pk])).status_code == 200
    assert client.get(reverse("admin:outages_outage_add")).status_code == 403
    assert (
        client.post(reverse("admin:outages_outage_delete", args=[outage.pk]), {"post": "yes"}).status_code
        == 403
    )
    response = client.post(
        reverse("admin:outages_outagerule_add"),
        {"city": world.objects["co1"].city_id, "refund_after_hours": 12, "effective_from": "2026-11-01"},
    )
    assert response.status_code == 302
    from wennuan.core.models import AuditLog

    assert AuditLog.objects.filter(action="admin.add", object_type="outages.outagerule").exists()
