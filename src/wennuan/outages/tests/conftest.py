import pytest

from wennuan.accounts.tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()
