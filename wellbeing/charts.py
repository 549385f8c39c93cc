"""Plotly figures for the member's own history, built on the server as plain dicts for the local plotly.js.

Plain dicts, not plotly.graph_objects: the figure objects validate every property on every update,
which was about two thirds of the member home page's time (measured; see bench/results.md).
"""
import json
from datetime import date, timedelta

from wellbeing.dose import DoseLimits, window_dose
from wellbeing.instruments import Instrument

LAYOUT = {"margin": {"l": 40, "r": 10, "t": 30, "b": 40}, "height": 260, "paper_bgcolor": "white",
          "plot_bgcolor": "white", "font": {"family": "system-ui, sans-serif", "size": 13},
          "legend": {"orientation": "h", "y": -0.25}}


def _hline(y: float, dash: str, color: str, text: str, above: bool) -> tuple[dict, dict]:
    """A full-width horizontal line and its label at the left, as a layout shape and annotation."""
    shape = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
             "line": {"dash": dash, "color": color}}
    label = {"xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": y, "yanchor": "bottom" if above else "top",
             "text": text, "showarrow": False}
    return shape, label


def _figure(data: list[dict], title: str, lines: list[tuple[dict, dict]], **layout) -> str:
    full = {**LAYOUT, "title": {"text": title}, "shapes": [s for s, _a in lines],
            "annotations": [a for _s, a in lines], **layout}
    return json.dumps({"data": data, "layout": full})


def dose_history_figure(per_day: dict[date, float], end: date, limits: DoseLimits, days: int = 56) -> str:
    """Daily dose and the rolling 7-day dose against its limit, for the `days` days ending on `end`."""
    axis = [end - timedelta(days=days - 1 - i) for i in range(days)]
    x = [d.isoformat() for d in axis]
    data = [{"type": "bar", "x": x, "y": [per_day.get(d, 0) for d in axis], "name": "Dose that day",
             "marker": {"color": "#7a9cc6"}},
            {"type": "scatter", "x": x, "y": [window_dose(per_day, d, 7) for d in axis], "name": "Rolling 7-day dose",
             "line": {"color": "#2f5d8a", "width": 2}}]
    limit = _hline(limits.max_7d, "dash", "#b42318", "7-day limit", above=True)
    return _figure(data, "Your dose, last 8 weeks", [limit])


def score_history_figure(scores: list[tuple[date, int]], instrument: Instrument) -> str:
    """One instrument's scores over time with the line where support is suggested, so a trend shows at a glance."""
    data = [{"type": "scatter", "mode": "lines+markers", "x": [d.isoformat() for d, _s in scores],
             "y": [s for _d, s in scores], "name": f"{instrument.name} score",
             "line": {"color": "#2e7d4f", "width": 2}}]
    lines = []
    if instrument.thresholds:
        least = instrument.thresholds[-1]  # the mildest band: where support is first suggested
        line = least.at_most if instrument.higher_is_better else least.at_least
        where = "at or below" if instrument.higher_is_better else "at or above"
        lines.append(_hline(line, "dot", "#9a6700", f"support suggested {where}", above=False))
    return _figure(data, f"Your {instrument.name} scores, last 8 weeks", lines,
                   yaxis={"range": [0, instrument.max_score]})


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
