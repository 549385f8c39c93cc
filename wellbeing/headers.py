"""Security headers on every response (Flask-Talisman): a strict CSP, no framing, no sniffing, no referrer.

The templates carry no inline script or style, and plotly.js is served from this site, so the policy
allows only this origin. HSTS is sent on HTTPS responses only; TLS ends at the proxy in production.
"""
from flask import Flask
from flask_talisman import Talisman

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Plotly's mode bar icons are data: SVGs
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

talisman = Talisman()


def register_headers(app: Flask) -> None:
    """Add the headers; cookie flags stay as config.py sets them (Secure outside development)."""
    talisman.init_app(
        app, content_security_policy=CSP, force_https=False, frame_options="DENY",
        referrer_policy="no-referrer", strict_transport_security=True, strict_transport_security_max_age=31536000,
        session_cookie_secure=app.config.get("SESSION_COOKIE_SECURE", False),
        session_cookie_http_only=True, x_content_type_options=True)
