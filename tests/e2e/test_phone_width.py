"""Every page fits a 390-px phone for every role: each role's menu pages, its home and a case page, opened in
Chromium at 390 px, never scroll sideways.

The pages come from ``core.navigation.menu_for`` (what each role's menu shows), so a page another app
registers later is visited here without touching this test. A table may be wider than the phone only inside
its own scrolling box (``.table-wrap``); nothing else may stick out of the viewport.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from wennuan.accounts.demo import DEMO_PASSWORD, DEMO_USERS, build_demo
from wennuan.accounts.models import User
from wennuan.core import demo as demo_seeders
from wennuan.core.navigation import menu_for
from wennuan.registry.demo import demo_corner

WIDTH = 390

# Elements sticking out of the viewport, except inside a box that scrolls (or clips) sideways itself.
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const clips = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    }
    return false;
  };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !clips(el)) {
      const id = el.id ? '#' + el.id : '';
      const cls = el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '';
      bad.push(`${el.tagName.toLowerCase()}${id}${cls} [${Math.round(r.left)}…${Math.round(r.right)}]`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 8)};
}
"""

# The crew's tap targets: every link and button in the page body at least 44 px high (a gloved thumb).
SMALL_TARGETS_JS = """
() => [...document.querySelectorAll('main a, main button, main summary, main select')]
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, r]) => r.width > 0 && r.height > 0 && r.height < 44 && !el.closest('.timeline, .breadcrumb, .muted'))
  .map(([el, r]) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
  .slice(0, 8)
"""


def _case_in_the_corner():
    """One complaint at the demo corner's first household, dispatched and accepted, so every scoped demo
    user can open it and the crew has its next steps."""
    from wennuan.cases import services
    from wennuan.cases.enums import Channel
    from wennuan.registry.models import Household

    corner = demo_corner()
    home = (
        Household.objects.filter(grid=corner["grid"], station=corner["station"]).order_by("account").first()
    )
    agent = User.objects.get(username="agent")
    case, _ = services.receive_case(
        channel=Channel.HOTLINE_12345,
        text="暖气不热，室温只有15度，家里有老人",
        address="",
        external_id="W390-1",
        reporter_name="王女士",
        reporter_phone="13812345678",
        household=home,
        category="not_warm",
        by=agent,
    )
    if case.state in ("received", "returned"):
        case = services.dispatch_case(
            case=case, by=User.objects.get(username="supervisor"), station=home.station, note=""
        )
    crew = User.objects.get(username="crew")
    case = services.accept_case(case=case, by=crew, note="")
    return case


def _paths(user) -> list[str]:
    paths = ["/"]
    for item in menu_for(user):
        try:
            paths.append(reverse(item.url_name))
        except NoReverseMatch:  # a menu item that needs arguments has none to give here
            continue
    return paths


@pytest.mark.django_db(transaction=True)
def test_every_role_every_menu_page_and_a_case_fit_390px(page, login):
    build_demo(households=40)
    demo_seeders.seed_extras(out=type("Quiet", (), {"write": staticmethod(lambda line: None)})())
    case = _case_in_the_corner()
    failures = []
    visited = 0
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        page.context.clear_cookies()
        login(spec.username, DEMO_PASSWORD)
        for path in [*_paths(user), f"/cases/{case.pk}/"]:
            response = page.goto(path)
            assert response is not None
            if response.status >= 400:
                failures.append(f"{spec.username} {path}: HTTP {response.status}")
                continue
            page.wait_for_load_state("load")
            visited += 1
            found = page.evaluate(OVERFLOW_JS)
            if found["scrollWidth"] > WIDTH or found["bad"]:
                failures.append(f"{spec.username} {path}: scrollWidth={found['scrollWidth']} {found['bad']}")
            if spec.username == "crew" and path in ("/cases/", f"/cases/{case.pk}/"):
                failures += [f"crew {path}: {t}" for t in page.evaluate(SMALL_TARGETS_JS)]
    assert visited >= 3 * len(DEMO_USERS)
    assert not failures, "pages wider than a 390-px phone:\n" + "\n".join(failures)
