import factory
from factory.django import DjangoModelFactory

from wennuan.accounts.models import User
from wennuan.core.roles import Role

PASSWORD = "wennuan-test-pw"


class UserFactory(DjangoModelFactory):
    """``UserFactory(role=Role.GRID_WORKER, grid=grid)``; the password is ``PASSWORD``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "张三"
    role = Role.SUPERVISOR
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
