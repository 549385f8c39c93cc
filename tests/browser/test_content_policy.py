"""The strict Content-Security-Policy breaks nothing: charts draw and the browser reports no violation."""
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_member_home_draws_its_charts_under_the_policy(live_server, page):
    violations = []
    page.on("console", lambda message: violations.append(f"{message.location}: {message.text[:80]}")
            if "Content Security Policy" in message.text else None)
    sign_in(page, live_server, "member@demo.rotawell")
    page.wait_for_selector(".chart .main-svg")
    assert page.locator(".chart .main-svg").count() >= 1
    page.goto(f"{live_server}/account")
    expect(page.get_by_role("heading", name="Where you are signed in")).to_be_visible(timeout=30_000)
    assert violations == [], violations

