"""The demo city gets accounts, payments, subsidies at each stage and a few 开栓 applications."""

import io

import pytest

from wennuan.accounts.demo import build_demo
from wennuan.core.demo import seed_extras
from wennuan.hall.models import AccountStatement, HeatApplication, Payment, Subsidy
from wennuan.registry.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_city_has_accounts_payments_subsidies_and_applications(in_season):
    build_demo(households=400, seed=11)
    out = io.StringIO()
    seed_extras(out=out)
    assert "网上营业厅" in out.getvalue()
    assert AccountStatement.objects.count() == Household.objects.count() == 400
    assert Payment.objects.count() > 300
    assert Subsidy.objects.values("status").distinct().count() >= 2
    apps = HeatApplication.objects.all()
    assert apps.filter(work_order__isnull=False).exists() and apps.filter(overdue=True).exists()
    seed_extras(out=io.StringIO())  # a second run adds nothing
    assert Payment.objects.count() == Payment.objects.values("receipt_no").distinct().count()
    assert AccountStatement.objects.count() == 400
