import pytest

from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.visits.models import VisitTask

pytestmark = pytest.mark.django_db


def test_admin_action_generates_the_missing_tasks(client, phase, households):
    admin = UserFactory(username="root", role="", is_staff=True, is_superuser=True)
    client.login(username=admin.username, password=PASSWORD)
    data = {"action": "generate_tasks", "_selected_action": [phase.pk]}
    response = client.post("/admin/visits/phase/", data, follow=True)
    assert "新增走访任务 3 户" in response.content.decode()
    assert VisitTask.objects.filter(phase=phase).count() == 3
