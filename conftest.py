"""Test configuration shared by every app's tests.

The suite runs twice (``make test``): on SQLite and on PostgreSQL (``WENNUAN_DB`` set). Tests that need
one engine are marked ``postgresql``; they are deselected, not skipped, in the other pass.
"""

import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgresql") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def engine():
    return connection.vendor


@pytest.fixture(autouse=True)
def _fresh_rulebook():
    """Each test starts without the in-memory rules another test's (rolled back) rows may be in."""
    from wennuan.rules import rulebook

    rulebook.forget_all()
    yield
    rulebook.forget_all()
