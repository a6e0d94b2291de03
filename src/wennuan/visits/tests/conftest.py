import pytest

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import GridFactory, HouseholdFactory
from wennuan.visits.tests.factories import PhaseFactory


@pytest.fixture
def grid():
    return GridFactory()


@pytest.fixture
def phase(grid):
    """A phase of a city-wide campaign over the city that ``grid`` belongs to."""
    return PhaseFactory(campaign__city=grid.community.street.district.city)


@pytest.fixture
def worker(grid):
    return UserFactory(role=Role.GRID_WORKER, grid=grid)


@pytest.fixture
def supervisor():
    return UserFactory(role=Role.SUPERVISOR)


@pytest.fixture
def households(grid):
    return [HouseholdFactory(grid=grid) for _ in range(3)]
