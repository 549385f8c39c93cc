"""Third-party browser assets served from installed packages, never from a CDN."""
from pathlib import Path

import plotly
from flask import Flask, send_file

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def register_assets(app: Flask) -> None:
    """Serve plotly.js from the plotly package at /vendor/plotly.min.js."""

    @app.route("/vendor/plotly.min.js")
    def plotly_js():
        return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=7 * 24 * 3600)
