"""Third-party browser assets served from installed packages, never from a CDN."""
import re
from functools import lru_cache
from pathlib import Path

import plotly
from flask import Flask, send_file

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# plotly.js bundles maplibre, which injects an inline <style> (blocked by our CSP) unless an element
# with this id is already on the page; Rotawell draws no maps, so a placeholder element is enough.
_BUNDLED_STYLE_GUARD = re.compile(r'getElementById\("([0-9a-f]{64})"\)\)\{var e=document\.createElement\("style"\)')


@lru_cache(maxsize=1)
def plotly_inline_style_ids() -> tuple[str, ...]:
    """Ids whose presence stops plotly.min.js from injecting inline styles at load."""
    return tuple(_BUNDLED_STYLE_GUARD.findall(PLOTLY_JS.read_text(encoding="utf-8")))


def register_assets(app: Flask) -> None:
    """Serve plotly.js from the plotly package at /vendor/plotly.min.js."""
    app.jinja_env.globals["plotly_inline_style_ids"] = plotly_inline_style_ids

    @app.route("/vendor/plotly.min.js")
    def plotly_js():
        return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=7 * 24 * 3600)
