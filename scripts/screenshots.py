"""Screenshots of a running wennuan as each role sees it, at a phone's width and a laptop's, to look at.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8000] [--out var/screenshots]
        [--width 390] [--only supervisor,crew] [PATH …]

Signs in as each demo user (``wennuan run --demo`` prints them; password ``wennuan-demo``) through the login
form and saves a full-page PNG of the pages each role works in (or of the PATHs given), named
``ROLE-PAGE-WIDTH.png``. Reports pages that scroll sideways. Debian's Chromium, headless, no download."""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "wennuan-demo"
# The pages each role works in (its menu has more; tests/e2e/test_phone_width.py visits all of them).
PAGES = {
    "supervisor": ["/", "/supervision/", "/supervision/?season=last", "/cases/kpis/", "/visits/coverage/",
                   "/reports/daily/", "/reports/bulletins/", "FIRST_BULLETIN", "/repairs/", "/repairs/hotspots/",
                   "/surge/", "/core/audit/"],
    "agent": ["/", "/cases/new/", "/kb/"],
    "dispatcher": ["/", "/cases/", "/hall/applications/", "/sensors/"],
    "crew": ["/", "/cases/", "FIRST_CASE"],
    "grid": ["/", "/visits/field/"],
    "district": ["/", "/supervision/"],
}  # fmt: skip
FIRST = {"FIRST_CASE": "/cases/", "FIRST_BULLETIN": "/reports/bulletins/"}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:8000")
    p.add_argument("--out", default="var/screenshots")
    p.add_argument("--width", type=int, action="append", help="390 and 1280 unless given")
    p.add_argument("--only", default="", help="comma-separated demo users")
    p.add_argument("paths", nargs="*")
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    users = [u for u in (args.only.split(",") if args.only else PAGES) if u]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True
        )
        for width in args.width or [390, 1280]:
            for user in users:
                ctx = browser.new_context(
                    base_url=args.url, locale="zh-CN", viewport={"width": width, "height": 844}
                )
                page = ctx.new_page()
                page.goto("/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(lambda url: "/login/" not in url)
                for path in args.paths or PAGES.get(user, ["/"]):
                    if path in FIRST:  # the first item of a list, whatever its id
                        page.goto(FIRST[path])
                        hrefs = page.eval_on_selector_all(
                            "main a", "els => els.map(e => e.getAttribute('href'))"
                        )
                        path = next(
                            h for h in hrefs if h and re.fullmatch(re.escape(FIRST[path]) + r"\d+/", h)
                        )
                    response = page.goto(path)
                    page.wait_for_load_state("networkidle")
                    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                    file = out / f"{user}-{name}-{width}.png"
                    page.screenshot(path=str(file), full_page=True)
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    flag = f"  SCROLLS SIDEWAYS ({wide}px)" if wide > width else ""
                    print(f"{response.status} {file}{flag}")
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
