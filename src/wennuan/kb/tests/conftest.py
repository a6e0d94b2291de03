import pytest

from wennuan.accounts.tests.world import build_world
from wennuan.kb.demo import publish_entries


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def corpus(world):
    """The demo knowledge base (43 entries), published city-wide by the world's supervisor."""
    return publish_entries(by=world.users["supervisor"], city=world.objects["co1"].city)
