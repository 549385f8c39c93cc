"""The member's charts are plain plotly.js figures: the right days, doses, rolling sums and limit line."""
import json
from datetime import date, timedelta

from wellbeing.charts import dose_history_figure
from wellbeing.dose import DoseLimits


def test_the_dose_chart_shows_each_day_the_rolling_week_and_the_limit():
    end = date(2026, 11, 30)
    per_day = {end: 2.0, end - timedelta(days=3): 1.5, end - timedelta(days=10): 4.0}
    figure = json.loads(dose_history_figure(per_day, end, DoseLimits({1: 1}, max_7d=24, max_28d=60), days=14))
    bars, rolling = figure["data"]
    assert bars["x"][0] == "2026-11-17" and bars["x"][-1] == "2026-11-30" and len(bars["x"]) == 14
    assert bars["y"][-1] == 2.0 and bars["y"][-4] == 1.5 and sum(bars["y"]) == 7.5
    assert rolling["y"][-1] == 3.5 and rolling["y"][3] == 4.0  # the window ending on the 4.0 day
    (limit,) = figure["layout"]["shapes"]
    assert limit["y0"] == limit["y1"] == 24 and figure["layout"]["annotations"][0]["text"] == "7-day limit"
