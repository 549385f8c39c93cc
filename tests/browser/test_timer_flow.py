"""End to end in a real browser, with time faked on both sides (never waited for): a member runs a
severe session, is reminded of the break that falls due, takes it, resumes, stops, and finds the log
with the worked minutes (the break excluded) and its dose."""
import pytest

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.web.fake_clock import START, FakeClock
from wellbeing.services import timer

MINUTE_MS = 60_000


@pytest.fixture
def clocks(monkeypatch, page):
    """The server's timer clock and the page's clock, started together and moved together."""
    server = FakeClock(START)
    monkeypatch.setattr(timer, "clock", server)
    page.clock.install(time=START)

    def advance(minutes: int) -> None:
        page.wait_for_selector("#timer[data-ready='yes']")  # the page's script counts from its own load
        server.advance(minutes=minutes)
        page.clock.fast_forward(minutes * MINUTE_MS)
    return advance


def test_a_timer_session_with_a_break_logs_the_worked_minutes_and_dose(live_server, page, clocks):
    sign_in(page, live_server, "member@demo.rotawell")
    page.get_by_label("Category to test").select_option(label="Violent content")
    page.get_by_role("button", name="Start timer").click()
    assert page.locator("#timer-break").is_hidden()

    clocks(61)  # past the policy's hour of severity-3 work
    assert "Time for a break" in page.locator("#timer-break").inner_text()
    page.get_by_role("button", name="Start a break").click()
    assert "On a break" in page.locator("#timer-break").inner_text()

    clocks(10)
    assert "Break over" in page.locator("#timer-break").inner_text()
    page.get_by_role("button", name="Resume the session").click()

    clocks(20)
    assert page.locator("#timer-worked").inner_text() == "1:21"
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Stop and log").click()

    logged = page.locator("#logged").inner_text()
    assert "Logged 81 minutes of Violent content" in logged and "intensity 4" in logged
    assert "dose 2.70" in logged  # 81 min = 1.35 h × severity-3 weight 2
    expect(page.get_by_text("a few minutes for yourself")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Dismiss and go home").click()

    page.goto(f"{live_server}/exposures")
    row = page.locator("tr", has_text="Violent content").filter(has_text="timer").first
    assert "81" in row.inner_text() and START.date().isoformat() in row.inner_text()
