import pytest

from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.rules.models import CaseRules

from .factories import Actors


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 costs ~0.1 s per user; these tests create many users and never test password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def actors():
    """The people around one household's case, with outage detection out of the way (a test files several
    complaints from one building in a minute; test_intake.py covers the detector)."""
    household = HouseholdFactory()  # its city is created with the default rules, changed here
    CaseRules.objects.update(outage_min_cases=100)
    return Actors(household)
