"""Plotly figures for the member's own history, built on the server and drawn by the local plotly.js."""
import json
from datetime import date, timedelta

import plotly.graph_objects as go

from wellbeing.dose import DoseLimits, window_dose
from wellbeing.instruments import Instrument

LAYOUT = dict(margin=dict(l=40, r=10, t=30, b=40), height=260, paper_bgcolor="white", plot_bgcolor="white",
              font=dict(family="system-ui, sans-serif", size=13), legend=dict(orientation="h", y=-0.25))


def dose_history_figure(per_day: dict[date, float], end: date, limits: DoseLimits, days: int = 56) -> str:
    """Daily dose and the rolling 7-day dose against its limit, for the `days` days ending on `end`."""
    axis = [end - timedelta(days=days - 1 - i) for i in range(days)]
    fig = go.Figure()
    fig.add_bar(x=axis, y=[per_day.get(d, 0) for d in axis], name="Dose that day", marker_color="#7a9cc6")
    fig.add_scatter(x=axis, y=[window_dose(per_day, d, 7) for d in axis], name="Rolling 7-day dose",
                    line=dict(color="#2f5d8a", width=2))
    fig.add_hline(y=limits.max_7d, line_dash="dash", line_color="#b42318",
                  annotation_text="7-day limit", annotation_position="top left")
    fig.update_layout(title="Your dose, last 8 weeks", **LAYOUT)
    return fig.to_json()


def score_history_figure(scores: list[tuple[date, int]], instrument: Instrument) -> str:
    """One instrument's scores over time with the line where support is suggested, so a trend shows at a glance."""
    fig = go.Figure()
    fig.add_scatter(x=[d for d, _s in scores], y=[s for _d, s in scores], mode="lines+markers",
                    name=f"{instrument.name} score", line=dict(color="#2e7d4f", width=2))
    if instrument.thresholds:
        least = instrument.thresholds[-1]  # the mildest band: where support is first suggested
        line = least.at_most if instrument.higher_is_better else least.at_least
        where = "at or below" if instrument.higher_is_better else "at or above"
        fig.add_hline(y=line, line_dash="dot", line_color="#9a6700", annotation_text=f"support suggested {where}",
                      annotation_position="bottom left")
    fig.update_layout(title=f"Your {instrument.name} scores, last 8 weeks",
                      yaxis=dict(range=[0, instrument.max_score]), **LAYOUT)
    return fig.to_json()


def severe_hours_and_scores_figure(weeks: list[tuple[date, float]],
                                   scores: list[tuple[Instrument, list[tuple[date, int]]]]) -> str:
    """Weekly severe hours (bars) with each instrument's scores (lines, right axis), as a plain Plotly figure."""
    data = [{"type": "bar", "name": "Severe hours that week", "x": [d.isoformat() for d, _h in weeks],
             "y": [round(h, 2) for _d, h in weeks], "marker": {"color": "#c98b8b"}}]
    colours = ("#2e7d4f", "#5b3f8c", "#2f5d8a")
    for (instrument, points), colour in zip(scores, colours):
        data.append({"type": "scatter", "mode": "lines+markers", "name": f"{instrument.name} score",
                     "x": [d.isoformat() for d, _s in points], "y": [s for _d, s in points], "yaxis": "y2",
                     "line": {"color": colour, "width": 2}})
    layout = {**LAYOUT, "height": 320, "title": "Your severe hours and scores, last six months",
              "yaxis": {"title": "hours", "rangemode": "tozero"},
              "yaxis2": {"title": "score", "overlaying": "y", "side": "right", "range": [0, 100]}}
    return json.dumps({"data": data, "layout": layout})
