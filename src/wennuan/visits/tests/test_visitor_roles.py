"""Only grid workers and community staff record door-to-door visits (a company's crew could otherwise
fabricate satisfaction for its own households through the sync API)."""

import uuid

import pytest
from django.utils import timezone

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.errors import NotPermitted
from wennuan.visits import services
from wennuan.visits.models import Visit

from .test_api import _sync, _visit

pytestmark = pytest.mark.django_db


def _user(role, household):
    scope = {
        Role.DISTRICT_STAFF: {"district": household.grid.community.street.district},
        Role.STREET_STAFF: {"street": household.grid.community.street},
        Role.COMMUNITY_STAFF: {"community": household.grid.community},
        Role.GRID_WORKER: {"grid": household.grid},
        Role.DISPATCHER: {"company": household.station.company},
        Role.STATION_CREW: {"station": household.station},
    }.get(role, {})
    return UserFactory(role=role, **scope)


@pytest.mark.parametrize(
    "role",
    [Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.STREET_STAFF, Role.HOTLINE_AGENT, Role.DISPATCHER,
     Role.STATION_CREW, Role.SPOT_CHECKER],
)  # fmt: skip
def test_other_roles_cannot_sync_visits(client, phase, households, role):
    user = _user(role, households[0])

    r = _sync(client, user, [_visit(households[0], phase_id=phase.pk, answers={"satisfaction": "satisfied"})])

    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert not Visit.objects.exists()
    with pytest.raises(NotPermitted):
        services.record_visit(
            by=user, client_id=uuid.uuid4(), household=households[0], phase=phase, outcome="visited",
            visited_at=timezone.now(),
        )  # fmt: skip


@pytest.mark.parametrize("role", [Role.GRID_WORKER, Role.COMMUNITY_STAFF])
def test_grid_workers_and_community_staff_sync_visits(client, phase, households, role):
    r = _sync(client, _user(role, households[0]), [_visit(households[0], phase_id=phase.pk)])

    assert r.status_code == 200 and r.json()["created"] == 1
