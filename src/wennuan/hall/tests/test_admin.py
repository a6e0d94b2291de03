"""The city's hall rules in the admin: listed and edited by the supervisor, each edit audited."""

import pytest

from wennuan.core.models import AuditLog
from wennuan.hall.models import SuspensionRule

pytestmark = pytest.mark.django_db


def test_supervisor_edits_the_suspension_rule_audited(client, world):
    user = world.users["supervisor"]
    user.is_staff = True  # as the demo supervisor is: the admin is hers by her role
    user.save()
    client.force_login(user)
    rule = SuspensionRule.objects.get(city=world.objects["co1"].city)
    assert client.get("/admin/hall/suspensionrule/").status_code == 200
    assert client.get("/admin/hall/heatapplication/").status_code == 200
    resp = client.post(
        f"/admin/hall/suspensionrule/{rule.pk}/change/",
        {"city": rule.city_id, "effective_from": "2000-01-01", "apply_days_before": 15, "answer_days": 10},
    )
    assert resp.status_code == 302
    rule.refresh_from_db()
    assert rule.apply_days_before == 15
    assert AuditLog.objects.filter(object_type="hall.suspensionrule", object_id=str(rule.pk)).exists()
