"""End to end in a real browser: a manager fills a week's demand in one grid, generates, tries an unsafe pin and
sees it refused, publishes, reopens and republishes; a member on the week sees each step on their home page
and in their calendar feed."""
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from wellbeing.services.policy import week_start

MONDAY = week_start(date.today()) + timedelta(days=14)  # the other browser test plans next week
MON = MONDAY.strftime("%a %d %b")


def _cell(page, category: str, weekday: str, hours: str, people: str) -> None:
    page.get_by_label(f"{category} {weekday} hours").fill(hours)
    page.get_by_label(f"{category} {weekday} people").fill(people)


def _member_on_violence_monday(page) -> tuple[str, str]:
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = [line.split(",") for line in open(download.value.path()).read().splitlines()[1:]]
    row = next(r for r in rows if r[0] == MONDAY.isoformat() and r[1] == "Violent content" and r[4] != "unfilled")
    return row[4], row[5]


def _as(page, base, email) -> None:
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, email)


def _feed(page, url) -> str:
    return page.request.get(url).text().replace("\r\n ", "")


def _event(feed: str, summary: str) -> str:
    return next(e for e in feed.split("BEGIN:VEVENT")[1:] if summary in e and MONDAY.strftime("%Y%m%d") in e)


def test_a_week_is_planned_safely_published_revised_and_told(live_server, page):
    sign_in(page, live_server, "manager@demo.rotawell")
    page.get_by_label("Week containing").fill(MONDAY.isoformat())
    page.get_by_role("button", name="Plan this week").click()
    week_url = page.url
    page.get_by_role("link", name="Edit the whole week as one grid").click()
    _cell(page, "Violent content", "Mon", "3", "1")
    _cell(page, "Hate and harassment", "Mon", "2", "1")
    _cell(page, "Bias and discrimination", "Tue", "3", "2")
    page.get_by_role("button", name="Save the week's demand").click()
    expect(page.get_by_text("Demand saved (3 cells changed).")).to_be_visible(timeout=30_000)
    page.get_by_label("Time limit (seconds)").fill("3")
    page.get_by_role("button", name="Generate rotation").click()
    page.wait_for_selector("#job[data-state='done']", timeout=60_000)
    name, email = _member_on_violence_monday(page)

    # 3 h of violence and 2 h of hate on one day is past the 4 h severe ceiling: refused, named, not written
    hate_row = page.locator("#demand tbody tr", has_text="Hate and harassment")
    hate_row.locator("select").select_option(label=name)
    hate_row.get_by_role("button", name="Pin").click()
    expect(page.get_by_text(f"This would put {name} over their daily severe-content ceiling: 5 h of 4 h")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Publish to the team").click()
    expect(page.get_by_text("members were notified")).to_be_visible(timeout=30_000)

    _as(page, live_server, email)
    assert f"{MON}: Violent content (3 h)" in page.locator("#shifts-h + ul").inner_text()
    page.goto(f"{live_server}/settings/calendar")
    page.get_by_label("Name").fill("phone")
    page.get_by_role("button", name="Create calendar link").click()
    feed_url = page.locator("#feed-url").input_value()
    event = _event(_feed(page, feed_url), "Violent content")
    assert "STATUS:CONFIRMED" in event and "SEQUENCE:0" in event

    _as(page, live_server, "manager@demo.rotawell")
    page.goto(week_url)
    page.get_by_label("Reason for reopening").fill(f"{name} is needed elsewhere on Monday")
    page.get_by_role("button", name="Reopen for changes").click()
    expect(page.get_by_text("members were told the week is being revised")).to_be_visible(timeout=30_000)
    _as(page, live_server, email)
    assert "being revised" in page.locator("#shifts-h + ul").inner_text()

    _as(page, live_server, "manager@demo.rotawell")
    page.goto(week_url)
    page.get_by_role("button", name=re.compile(f"^Remove {name} from Violent content Mon")).click()
    page.get_by_role("button", name="Publish to the team").click()
    expect(page.get_by_text("members were notified")).to_be_visible(timeout=30_000)

    _as(page, live_server, email)
    assert f"{MON}: Violent content" not in page.locator("#shifts-h ~ *").first.inner_text()
    event = _event(_feed(page, feed_url), "Violent content")
    assert "STATUS:CANCELLED" in event and "SEQUENCE:1" in event
    page.goto(f"{live_server}/notifications")
    expect(page.get_by_text("changed: see the new plan").first).to_be_visible(timeout=30_000)
