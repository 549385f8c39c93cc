"""A live Rotawell server on a free port with the demo organisation, and Debian's Chromium driven by
Playwright (never a downloaded browser)."""
import os
import shutil
import threading
from datetime import date

import pytest
from werkzeug.serving import make_server

from wellbeing import create_app
from wellbeing.extensions import db

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-quic", "--disable-sync"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app with the demo seeded, served by a real HTTP server on a background thread."""
    path = tmp_path_factory.mktemp("live") / "rotawell.sqlite"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "WTF_CSRF_ENABLED": True})
    with app.app_context():
        db.create_all()
        from wellbeing.demo import seed_demo
        seed_demo(date.today())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian's package; the test fails (not skips) when it is missing."""
    from playwright.sync_api import sync_playwright
    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def sign_in(page, base: str, email: str, password: str = "rotawell-demo") -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def pytest_collection_modifyitems(items):
    """Mark every test in this folder `browser`, so `-m "not browser"` skips them where there is no Chromium."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
