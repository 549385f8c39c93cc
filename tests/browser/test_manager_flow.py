"""End to end in a real browser: a manager plans, generates and publishes the demo team's week, and a
member on it sees their shift on their home page."""
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from wellbeing.services.policy import week_start

NEXT_MONDAY = week_start(date.today()) + timedelta(days=7)


def _add_shift(page, day: date, category: str, hours: str, people: str) -> None:
    page.get_by_label("Day").select_option(day.isoformat())
    page.get_by_label("Category").select_option(label=category)
    page.get_by_label("Hours").fill(hours)
    page.get_by_label("People").fill(people)
    page.get_by_role("button", name="Add shift").click()


def test_manager_generates_and_publishes_the_demo_week(live_server, page):
    sign_in(page, live_server, "manager@demo.rotawell")
    page.get_by_label("Week containing").fill(NEXT_MONDAY.isoformat())
    page.get_by_role("button", name="Plan this week").click()
    assert "Frontier Red Team" in page.title()
    for offset in range(3):
        _add_shift(page, NEXT_MONDAY + timedelta(days=offset), "Violent content (severity 3)", "2", "2")
        _add_shift(page, NEXT_MONDAY + timedelta(days=offset), "Bias and discrimination (severity 2)", "3", "2")
    assert page.locator("#demand tbody tr").count() == 6
    page.get_by_label("Time limit (seconds)").fill("3")
    page.get_by_role("button", name="Generate rotation").click()
    # the solve runs off the request thread: the page polls, then reloads when the job ends
    page.wait_for_selector("#job[data-state='done']", timeout=60_000)
    assert page.locator("#grid .chip").count() >= 6
    page.get_by_role("button", name="Publish to the team").click()
    expect(page.get_by_text("members were notified")).to_be_visible(timeout=30_000)
    expect(page.locator(".badge.state-published")).to_be_visible(timeout=30_000)
    page.screenshot(path="/tmp/rotawell-review.png", full_page=True)

    # who is on the week is the solver's choice: find one member from the CSV export
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = [line.split(",") for line in open(download.value.path()).read().splitlines()[1:]]
    email = next(r[5] for r in rows if r[4] != "unfilled")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, email)
    shifts = page.locator("#shifts-h + ul").inner_text()
    assert any((NEXT_MONDAY + timedelta(days=d)).strftime("%a %d %b") in shifts for d in range(3))
