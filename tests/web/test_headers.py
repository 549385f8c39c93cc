"""Every response carries the security headers; the policy allows no inline script or style."""
from pathlib import Path

import pytest

from wellbeing.assets import PLOTLY_JS, plotly_inline_style_ids


@pytest.mark.parametrize("url", ["/login", "/resources", "/no-such-page"])
def test_security_headers_on_every_page(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert "max-age=31536000" in secure.headers["Strict-Transport-Security"]


def test_signed_in_pages_carry_the_policy_too(client, auth):
    auth.login("member")
    assert "default-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_both_cookies_are_secure_when_the_config_says_so(app, client):
    from tests import factories
    from wellbeing.extensions import db
    app.config["SESSION_COOKIE_SECURE"] = True  # as ProductionConfig sets it
    user = factories.make_user()
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD, "remember": "y"},
                           base_url="https://localhost")
    cookies = response.headers.getlist("Set-Cookie")
    assert {c.split("=")[0] for c in cookies} == {"session", "rotawell_remember"}
    assert all("Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in cookies)


def test_plotly_css_matches_the_installed_plotly():
    version = PLOTLY_JS.read_text(encoding="utf-8")[:200].split("plotly.js v")[1].split()[0]
    css = (Path(__file__).resolve().parents[2] / "static" / "plotly.css").read_text()
    assert css.startswith(f"/* plotly.js {version}:"), "run `.venv/bin/python -m tools.plotly_css` after upgrading"
    assert plotly_inline_style_ids(), "plotly.min.js changed how it injects bundled styles: check the CSP test"
