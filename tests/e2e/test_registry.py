"""What people see in the registry pages on a phone (390×844)."""

from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.accounts.tests.world import build_world
from wennuan.registry.views import ECHARTS


@pytest.mark.django_db(transaction=True)
def test_grid_worker_searches_as_she_types_and_opens_a_household(page, login):
    build_world()
    login("wangge", PASSWORD)
    page.click("label.nav-burger")  # the menu is folded on a phone
    page.click("nav >> text=住户")
    page.wait_for_url("**/registry/households/")
    assert page.locator("#results").inner_text().count("A000") == 2  # h1, h3 of her grid
    page.fill("input[name=q]", "201")  # no submit: htmx searches as she types
    page.wait_for_function("() => !document.querySelector('#results').innerText.includes('A0001')")
    assert "A0003" in page.locator("#results").inner_text()
    assert "q=201" in page.url  # the search is in the address, so back/refresh keep it
    page.click("#results >> text=A0003")
    page.wait_for_url("**/registry/households/A0003/")
    body = page.locator("main").inner_text()
    assert "张秀兰" in body and "13700002222" in body and "第一网格" in body


@pytest.mark.django_db(transaction=True)
def test_street_staff_walk_from_estate_to_building_and_see_masked_data(page, login):
    build_world()
    login("jiedao", PASSWORD)
    page.goto("/registry/estates/")
    assert "西园小区" not in page.locator("main").inner_text()  # another district
    page.click("text=幸福小区")
    page.click("text=1号楼")
    body = page.locator("main").inner_text()
    assert "王*英" in body and "138****5678" in body
    assert "王小英" not in body and "13812345678" not in body
    # On a phone each household is a card: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.django_db(transaction=True)
def test_supervisor_overview_draws_charts_from_local_files_only(page, login, live_server):
    build_world()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    login("zhuguan", PASSWORD)
    page.goto("/registry/")
    body = page.locator("main").inner_text()
    assert "城关区" in body and "七里河区" in body
    if finders.find(ECHARTS):  # installed by `make assets`; without it the tables stand alone
        page.wait_for_selector("#chart-districts canvas")
        page.wait_for_selector("#chart-payment canvas")
    else:
        assert page.locator("#chart-districts").count() == 0
    assert hosts == {urlparse(live_server.url).netloc}


@pytest.mark.django_db(transaction=True)
def test_logout_from_the_menu(page, login):
    build_world()
    login("banzu", PASSWORD)
    page.click("label.nav-burger")
    page.click("button:has-text('退出')")
    page.wait_for_url("**/login/")
    page.goto("/registry/households/")
    assert "/login/" in page.url
