import pytest

from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.core.roles import Role


@pytest.mark.django_db(transaction=True)
def test_supervisor_signs_in_and_sees_chinese_home(page, login):
    UserFactory(username="zhuguan", first_name="赵主管", role=Role.SUPERVISOR)
    login("zhuguan", PASSWORD)
    assert "赵主管" in page.content()
    assert page.locator("html").get_attribute("lang") == "zh-CN"


@pytest.mark.django_db(transaction=True)
def test_wrong_password_is_refused(page):
    UserFactory(username="zhuguan2", role=Role.SUPERVISOR)
    page.goto("/login/")
    page.fill("#id_username", "zhuguan2")
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")
    assert "用户名或密码不正确" in page.content()
