"""Write static/plotly.css: the rules plotly.js would otherwise inject as an inline <style> (blocked by our CSP).

plotly.js skips its inline styles when the page has `<link id="plotly.js-style-global"
class="no-inline-styles">` (plotly.js PR #7109), but the Python package ships no CSS file, so this
script loads the installed plotly.min.js in Debian's Chromium once and saves what it would inject.
Run it after upgrading plotly: `.venv/bin/python -m tools.plotly_css`.
"""
from pathlib import Path

from playwright.sync_api import sync_playwright

from wellbeing.assets import PLOTLY_JS

OUT = Path(__file__).resolve().parent.parent / "static" / "plotly.css"
DUMP = """Array.from(document.getElementById('plotly.js-style-global').sheet.cssRules)
          .map(r => r.cssText).reverse().join('\\n')"""


def main() -> None:
    """Render one chart without a CSP and save the global style rules plotly.js added."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_content("<html><head></head><body><div id='g'></div></body></html>")
        page.add_script_tag(path=str(PLOTLY_JS))
        page.evaluate("Plotly.newPlot('g', [{y: [1, 2]}])")
        version, rules = page.evaluate("Plotly.version"), page.evaluate(DUMP)
        browser.close()
    OUT.write_text(f"/* plotly.js {version}: made by tools/plotly_css.py; do not edit. */\n{rules}\n")
    print(f"Wrote {OUT} for plotly.js {version}")


if __name__ == "__main__":
    main()
