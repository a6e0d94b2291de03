from functools import cache

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from wennuan.accounts.models import User
from wennuan.core.roles import Role

PASSWORD = "wennuan-test-pw"


@cache
def _hash_of_password(hashers: tuple) -> str:
    # Argon2 is slow on purpose: hash the test password once per process (per hasher setting: a test may
    # switch to a fast hasher), not once per user.
    return make_password(PASSWORD)


def password_hash() -> str:
    return _hash_of_password(tuple(settings.PASSWORD_HASHERS))


class UserFactory(DjangoModelFactory):
    """``UserFactory(role=Role.GRID_WORKER, grid=grid)``; the password is ``PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "张三"
    role = Role.SUPERVISOR
    password = factory.LazyFunction(password_hash)
